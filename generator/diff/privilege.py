"""How privileged a permission scope is, from its name alone.

Scopes are named ``Resource.Access[.Qualifier]`` (``Files.Read``, ``Files.ReadWrite.All``,
``Calendars.Read.Shared``).  Tables list them least to most privileged with breadth first:
``Files.ReadWrite`` < ``Files.Read.All``.  The rank follows that: ``(breadth, access)``,
compared as a tuple.  It is general on purpose (a vocabulary of access verbs and breadth
words, no per-scope cases), so an unusual name gets a middle rank rather than an error.
"""

from __future__ import annotations

# Access verbs, least to most.  Any other verb (Send, Create, Invite, ...) writes: WRITE.
_BASIC, _READ, _WRITE, _MANAGE, _FULL = 1, 2, 3, 4, 5
_ACCESS = {
    "readbasic": _BASIC,
    "basic": _BASIC,
    "read": _READ,
    "readwrite": _WRITE,
    "write": _WRITE,
    "manage": _MANAGE,
    "fullcontrol": _FULL,
    "accessasuser": _FULL,
}
_TENANT, _SHARED, _OWN = 2, 1, 0  # .All; another qualifier (.Shared, .OwnedBy); none


def rank(scope: str) -> tuple[int, int]:
    """``(breadth, access)``: higher is more privileged.  A name without a dot
    (``openid``, ``user_impersonation``) ranks lowest."""
    parts = [p.lower() for p in scope.split(".") if p]
    if len(parts) < 2:
        return (_OWN, 0)
    words = parts[1:]
    access = max(_ACCESS.get(w, _WRITE if i == 0 else 0) for i, w in enumerate(words))
    if "all" in words:
        breadth = _TENANT
    elif any(w not in _ACCESS for w in words[1:]):
        breadth = _SHARED
    else:
        breadth = _OWN
    return (breadth, access)


def least(scopes: tuple[str, ...]) -> str:
    """The least privileged scope; the first listed among equals.  ``scopes`` must not
    be empty.  Ranked rather than taken from the table's order, which may be wrong."""
    return min(scopes, key=rank)
