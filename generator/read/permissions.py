"""Read permission tables and scope lists (conventions.md section 7).

Two table shapes carry permissions: the usual ``Permission type | Permissions (from
least to most privileged)`` list, one row per permission type, and the resource
matrix (``Supported resource | Delegated (work or school account) | ... |
Application``), one row per resource.  Both become flat :class:`Permission` entries.

Cells are read from their Markdown source, not from ``Inline.text``: writers put
``<br/>`` between alternatives, and ``**TODO: Determine scopes **`` is not strong
Markdown, so only the source shows the structure reliably.  Nothing here raises;
what cannot be read is kept as written (``raw``, ``label``) for the linter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TypeVar

from generator.model import (
    Permission,
    PermissionOrder,
    PermissionState,
    PermissionTable,
    Span,
)
from generator.read.inline import Inline

__all__ = [
    "parse_permission_table",
    "parse_scope_cell",
    "permission_type",
    "scope_alternatives",
    "scopes_in_prose",
]

DELEGATED_WORK = "delegated_work"
DELEGATED_PERSONAL = "delegated_personal"
APPLICATION = "application"

_EMPTY = Inline("", "")
_T = TypeVar("_T")

# --- markup -------------------------------------------------------------------------

_HTML_TAG = re.compile(r"<[^<>]*>")
_INLINE_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_REFERENCE_LINK = re.compile(r"\[([^\[\]]*)\]\[[^\[\]]*\]")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_ENTITY = re.compile(r"&(?:nbsp|#160|#xa0);", re.IGNORECASE)
_MARKED = re.compile(r"[<\[&]")  # what the first four of them start with


def _unmark(source: str, *, keep_code: bool = False) -> str:
    """Markdown source reduced to words: links to their text, tags to line breaks.

    ``*`` goes entirely: besides emphasis it marks resource-specific scopes
    (``ChannelMessage.Read.Group*``), whose name has no star.
    """
    text = source
    if _MARKED.search(text) is not None:  # else none of these four can match
        text = _HTML_TAG.sub("\n", text)
        text = _INLINE_LINK.sub(r"\1", text)
        text = _REFERENCE_LINK.sub(r"\1", text)
        text = _ENTITY.sub(" ", text)
    text = text.replace("*", "")
    if not keep_code:
        text = text.replace("`", "")
    return _ESCAPE.sub(r"\1", text) if "\\" in text else text


def _words(text: str) -> str:
    """Whitespace collapsed, for comparing labels and markers."""
    return " ".join(text.split())


def _source(cell: Inline) -> str:
    """The cell's Markdown, or its text when a caller built it without one."""
    return cell.raw if cell.raw.strip() else cell.text


# --- scope tokens -------------------------------------------------------------------

_DOTTED = r"[A-Za-z][A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)+"
_TOKEN = re.compile(
    rf"(?<![\w.\-/@#])(?:{_DOTTED}|openid|offline_access|profile|email)(?![\w\-/@])"
)
_SAFE_BARE = frozenset({"openid", "offline_access"})  # never ordinary English words
_NOT_SCOPE_SUFFIX = frozenset(
    {"com", "net", "org", "io", "md", "htm", "html", "aspx", "json", "xml", "js", "ts", "cs"}
)


def _is_scope(token: str, *, strict: bool) -> bool:
    """Whether ``token`` is shaped like a scope.

    Lenient (a permissions cell or a code span): any dotted word, and the bare OpenID
    scopes.  Strict (running prose): every dotted part capitalized, as in
    ``Files.ReadWrite.All``, so that ``Outlook.com`` or ``e.g.`` never count, and
    only the unambiguous bare scopes.
    """
    parts = token.split(".")
    if len(parts) == 1:
        return not strict or token in _SAFE_BARE
    if parts[-1].lower() in _NOT_SCOPE_SUFFIX:
        return False
    return not strict or all(part[:1].isupper() for part in parts)


# A CamelCase word right before a scope, not itself the end of one: the name was broken
# by a space (``DeviceManagementManaged Devices.ReadWrite.All``), and its tail is no scope.
_BROKEN_HEAD = re.compile(r"(?:^|[^\w.])[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+ $")


def _scope_tokens(text: str, *, strict: bool) -> list[str]:
    return [
        m.group(0)
        for m in _TOKEN.finditer(text)
        if _is_scope(m.group(0), strict=strict) and not _BROKEN_HEAD.search(text, 0, m.start())
    ]


def _dedupe(items: Iterable[_T]) -> tuple[_T, ...]:
    return tuple(dict.fromkeys(items))


def scopes_in_prose(text: str) -> tuple[str, ...]:
    """Scopes named in a prerequisites paragraph that has no table.

    ``text`` may be plain text or Markdown.  Inside code spans any scope-shaped word
    counts; elsewhere only capitalized dotted names, since prose also mentions domains
    and abbreviations.  A sentence announcing scopes but naming none gives ``()``.
    """
    found: list[str] = []
    for match in re.finditer(r"`+([^`]*)`+|[^`]+", _unmark(text, keep_code=True)):
        code = match.group(1)
        if code is not None:
            found += _scope_tokens(code, strict=False)
        else:
            found += _scope_tokens(match.group(0), strict=True)
    return _dedupe(found)


# --- one cell -----------------------------------------------------------------------

_MARKERS: dict[str, PermissionState] = {
    "not supported": PermissionState.NOT_SUPPORTED,
    "none": PermissionState.NONE,
    "n/a": PermissionState.NOT_APPLICABLE,
    "na": PermissionState.NOT_APPLICABLE,
    "not applicable": PermissionState.NOT_APPLICABLE,
}
_TODO = re.compile(r"^\W*todo\b", re.IGNORECASE)


def parse_scope_cell(cell: Inline) -> tuple[PermissionState, tuple[str, ...]]:
    """The state of a permissions cell and its scopes in the order written.

    Comma, ``and``/``or``/``plus``, space and ``<br/>`` separated lists all flatten
    to one deduplicated tuple; which scopes are needed together is
    :func:`scope_alternatives`'s, and ``raw`` keeps the cell.  A cell that names no
    scope and is no known marker (``Not supported``, ``None``, ``n/a``, ``TODO``) is
    ``EMPTY``.
    """
    text = _unmark(_source(cell))
    key = _words(text).lower().rstrip(".").strip()
    if not key:
        return PermissionState.EMPTY, ()
    if _TODO.match(key):
        return PermissionState.TODO, ()
    if key in _MARKERS:
        return _MARKERS[key], ()
    scopes = _dedupe(_scope_tokens(text, strict=False))
    if scopes:
        return PermissionState.SCOPES, scopes
    if key.startswith("not supported"):
        return PermissionState.NOT_SUPPORTED, ()
    return PermissionState.EMPTY, ()


_LINES = re.compile(r"\n+")
_PLUS = re.compile(r"\bplus\b|\+", re.IGNORECASE)
_OR = re.compile(r"[,;]|\bor\b", re.IGNORECASE)
_AND = re.compile(r"\band\b|&", re.IGNORECASE)

Alternatives = tuple[tuple[str, ...], ...]


def scope_alternatives(cell: Inline) -> Alternatives:
    """The ways a cell grants the call, each the scopes needed together, in the order
    written; ``()`` when each scope alone suffices (no "and", no "plus").

    The grammar, from how the docs write it: lines (``<br/>``) and, within a line, items
    separated by commas, semicolons or "or" are alternatives; "and" (or ``&``) joins
    the scopes of one item (``A and B, C``: A with B, or C); "plus" (or ``+``) joins a
    whole list to what follows (``A, B plus C``: A with C, or B with C; ``One from A, B
    plus either C or D``: each of A, B with each of C, D).  Only the English list form
    ``A, B and C``, whose one "and" stands before its last item, keeps "and" as the
    list's conjunction: three alternatives, as the table's "one of the following" reads.
    """
    text = _unmark(_source(cell))
    if not (_AND.search(text) or _PLUS.search(text)):
        return ()
    found: list[tuple[str, ...]] = []
    for line in _LINES.split(text):
        ways: list[tuple[str, ...]] = [()]
        for factor in _PLUS.split(line):
            items = _OR.split(factor)
            joined = [i for i, item in enumerate(items) if _AND.search(item)]
            if len(items) > 1 and joined == [len(items) - 1] and len(_AND.split(items[-1])) == 2:
                items = [*items[:-1], *_AND.split(items[-1])]  # "A, B and C"
            options = [_dedupe(_scope_tokens(item, strict=False)) for item in items]
            options = [o for o in options if o]
            if options:
                ways = [_dedupe((*w, *o)) for w in ways for o in options]
        found += [w for w in ways if w]
    alternatives = _dedupe(found)
    return alternatives if any(len(a) > 1 for a in alternatives) else ()


# --- labels and headers -------------------------------------------------------------


def _plain(cell: Inline) -> str:
    """A label as a reader sees it: markup removed, whitespace collapsed."""
    return _words(_unmark(_source(cell)))


def permission_type(label: str) -> str | None:
    """``delegated_work``, ``delegated_personal`` or ``application`` for a row or
    column label, None for anything else.

    Case, spacing and a ``permission`` word are ignored
    (``[Delegated permission](/graph/auth-v2-user) (work or school account)``).
    """
    words = _words(re.sub(r"\bpermissions?\b", " ", label.lower()))
    if words.startswith("delegated"):
        if "work or school" in words:
            return DELEGATED_WORK
        if "personal" in words:
            return DELEGATED_PERSONAL
        return None
    if words == "application" or words.startswith("application ("):
        return APPLICATION
    return None


def _stated_order(title: str) -> PermissionOrder:
    """Which end a ``Permissions (from ... privileged)`` header names first."""
    words = title.lower()
    least, most = words.find("least"), words.find("most")
    if least < 0 or most < 0:
        return PermissionOrder.UNSTATED
    return PermissionOrder.LEAST_TO_MOST if least < most else PermissionOrder.MOST_TO_LEAST


def _is_list_header(titles: Sequence[str]) -> bool:
    """``Permission type | Permissions (...)`` in any case, or ``| Permission``."""
    first, second = titles[0].lower(), titles[1].lower()
    return first.startswith("permission type") and second.startswith("permission")


def _is_matrix_header(titles: Sequence[str]) -> bool:
    """A first column naming resources, then permission-type columns."""
    if permission_type(titles[0]) is not None:
        return False
    return any(permission_type(title) is not None for title in titles[1:])


# --- tables -------------------------------------------------------------------------


def _is_blank(cells: Sequence[Inline]) -> bool:
    return all(not _source(cell).strip() for cell in cells)


def _entry(
    label: str, cell: Inline, order: PermissionOrder, resource: str | None, span: Span
) -> Permission:
    state, scopes = parse_scope_cell(cell)
    alternatives = scope_alternatives(cell) if state is PermissionState.SCOPES else ()
    if order is PermissionOrder.MOST_TO_LEAST:
        scopes, alternatives = scopes[::-1], alternatives[::-1]
    return Permission(
        permission_type=permission_type(label) or label,
        label=label,
        state=state,
        scopes=scopes,
        raw=cell.raw.strip(),
        resource=resource,
        span=span,
        alternatives=alternatives,
    )


_INDENT = re.compile(r"^\s*(?:&(?:nbsp|#160|#xa0|emsp|ensp);|\s)+", re.IGNORECASE)


def _list_entries(
    rows: Sequence[tuple[Sequence[Inline], Span]], order: PermissionOrder
) -> tuple[Permission, ...]:
    """One entry per row: label in the first cell, scopes in the second.

    A row that names no permission type under one that does is that type's, for the
    context it names, when it is indented (``&nbsp; Onboarding``) or its parent names no
    scope itself (``Delegated (work or school account) | _varies by context_``); a parent
    that names no scope gives way to its contexts.
    """
    entries: list[Permission] = []
    parent: Permission | None = None
    for cells, span in rows:
        if not cells or _is_blank(cells):
            continue
        label = _plain(cells[0])
        entry = _entry(label, cells[1] if len(cells) > 1 else _EMPTY, order, None, span)
        if permission_type(label) is not None:
            parent = entry
        elif parent is not None and (
            parent.state is PermissionState.EMPTY or _INDENT.match(_source(cells[0]))
        ):
            if entries and entries[-1] is parent and parent.state is PermissionState.EMPTY:
                entries.pop()
            entry = replace(
                entry, permission_type=parent.permission_type, label=parent.label, context=label
            )
        entries.append(entry)
    return tuple(entries)


def _matrix_entries(
    titles: Sequence[str], rows: Sequence[tuple[Sequence[Inline], Span]]
) -> tuple[Permission, ...]:
    """One entry per (row, column): the row names the resource, the column the type."""
    entries: list[Permission] = []
    for cells, span in rows:
        if not cells or _is_blank(cells):
            continue
        resource = _plain(cells[0])
        for column, title in enumerate(titles[1:], start=1):
            cell = cells[column] if column < len(cells) else _EMPTY
            entries.append(_entry(title, cell, PermissionOrder.UNSTATED, resource, span))
    return tuple(entries)


def parse_permission_table(
    header: Sequence[Inline],
    rows: Sequence[tuple[Sequence[Inline], Span]],
    heading: str,
    span: Span,
) -> PermissionTable | None:
    """A permissions table, or None when the table is something else.

    ``Permission.scopes`` always run least to most privileged: a table stating
    ``(from most to least privileged)`` has its cells reversed, and ``stated_order``
    records what it said.  Matrices state no order and are left as written.  In a
    matrix ``label`` is the column title and ``resource`` the row label.  A label
    that is no known permission type is kept as written in ``permission_type``.
    """
    titles = [_plain(cell) for cell in header]
    if len(titles) < 2:
        return None
    if _is_list_header(titles):
        order = _stated_order(titles[1])
        return PermissionTable(heading, order, _list_entries(rows, order), span)
    if _is_matrix_header(titles):
        entries = _matrix_entries(titles, rows)
        return PermissionTable(heading, PermissionOrder.UNSTATED, entries, span)
    return None
