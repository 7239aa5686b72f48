"""Permission tables as OAuth2 security: one scheme per permission type, and per operation
the scopes as alternatives, least privileged first.

OpenAPI can say "any one of these" (a list of requirements), "all of these together"
(one requirement naming several scopes: a cell's "A and B") and which flow a scope
belongs to (a scheme per flow), but not the rest of a table: which rows are
"not supported", the table's own order, personal against work accounts, resource
matrices.  All of that goes into the operation's ``x-docs2code-permissions``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from generator.model import Operation, Permission, Permissions, PermissionState

AUTHORIZE_URL = "https://login.microsoftonline.com/common/oauth2/v2.0/authorize"
TOKEN_URL = "https://login.microsoftonline.com/common/oauth2/v2.0/token"
DELEGATED, APPLICATION = "delegated", "application"
SCHEME_OF = {
    "delegated_work": DELEGATED,
    "delegated_personal": DELEGATED,
    "application": APPLICATION,
}


def _entries(permissions: Permissions) -> Iterable[Permission]:
    return (e for t in permissions.tables for e in t.entries)


def requirements(permissions: Permissions | None) -> list[dict[str, list[str]]] | None:
    """The operation's ``security``: one requirement per alternative (any one suffices),
    naming the scopes it needs together (one, unless the cell says "A and B"), delegated
    then application, each least privileged first; ``{}`` when a row says no permission
    is needed.  None when the docs name no usable scope or state."""
    if permissions is None:
        return None
    ways: dict[str, list[tuple[str, ...]]] = {DELEGATED: [], APPLICATION: []}
    anonymous = False
    for entry in _entries(permissions):
        scheme = SCHEME_OF.get(entry.permission_type)
        if scheme is None:
            continue
        if entry.state == PermissionState.NONE:
            anonymous = True
        for way in entry.any_of if entry.state == PermissionState.SCOPES else ():
            if way not in ways[scheme]:
                ways[scheme].append(way)
    found: list[dict[str, list[str]]] = [
        {scheme: list(way)} for scheme in (DELEGATED, APPLICATION) for way in ways[scheme]
    ]
    if anonymous:
        found.append({})
    return found or None


def permissions_extension(permissions: Permissions) -> dict[str, Any]:
    """Every table as the docs write it, rows in least-to-most order."""
    return {
        "heading": permissions.heading,
        "source": f"{permissions.span.file}:{permissions.span.line}",
        "tables": [
            {
                "heading": table.heading,
                "statedOrder": table.stated_order.value,
                "entries": [
                    {
                        "type": e.permission_type,
                        "label": e.label,
                        "state": e.state.value,
                        "scopes": list(e.scopes),
                        **(
                            {"alternatives": [list(a) for a in e.any_of]}
                            if any(len(a) > 1 for a in e.any_of)
                            else {}
                        ),
                        "resource": e.resource,
                        **({"context": e.context} if e.context else {}),
                    }
                    for e in table.entries
                ],
            }
            for table in permissions.tables
        ],
        "proseScopes": list(permissions.prose_scopes),
    }


def security_schemes(operations: Sequence[Operation]) -> dict[str, Any]:
    """The two OAuth2 schemes of the Microsoft identity platform, with every scope the
    tables name for their permission type."""
    scopes: dict[str, set[str]] = {DELEGATED: set(), APPLICATION: set()}
    for op in operations:
        if op.permissions is None:
            continue
        for entry in _entries(op.permissions):
            scheme = SCHEME_OF.get(entry.permission_type)
            if scheme is not None and entry.state == PermissionState.SCOPES:
                scopes[scheme].update(entry.scopes)
    return {
        DELEGATED: {
            "type": "oauth2",
            "description": "Delegated permissions: the app acts for a signed-in user "
            "(work or school account, or personal Microsoft account).",
            "flows": {
                "authorizationCode": {
                    "authorizationUrl": AUTHORIZE_URL,
                    "tokenUrl": TOKEN_URL,
                    "scopes": {s: "Delegated permission." for s in sorted(scopes[DELEGATED])},
                }
            },
        },
        APPLICATION: {
            "type": "oauth2",
            "description": "Application permissions: the app acts as itself, without a "
            "signed-in user. The token names the granted permissions as app roles; a "
            "client asks for the resource's `.default` scope.",
            "flows": {
                "clientCredentials": {
                    "tokenUrl": TOKEN_URL,
                    "scopes": {s: "Application permission." for s in sorted(scopes[APPLICATION])},
                }
            },
        },
    }
