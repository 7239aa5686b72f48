"""Permission changes of one operation.

A client holds some granted scopes and may call when they include one of the row's
alternatives: one scope, or the scopes a cell names together ("A and B").  So: breaking
when the least privileged alternative now ranks higher (see ``privilege.rank``), when an
alternative is no longer accepted (its scope is gone, or it is now needed together with
another), when a permission type becomes "Not supported" or leaves the table, or when an
operation that needed no permission now needs one; non-breaking when alternatives or
permission types are added or the least privilege drops.  States that say nothing (TODO,
empty, n/a) are not compared.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from generator.diff.change import Change, breaking, compatible, removed
from generator.diff.privilege import rank
from generator.diff.surface import Grant
from generator.model import PermissionState

_GRANTING = (PermissionState.SCOPES, PermissionState.NONE)

Way = frozenset[str]  # lower-case scopes needed together; empty: no permission needed
Granted = Mapping[str, frozenset[Way]]  # Grant.row -> the alternatives that let a client call
_NONE: Way = frozenset()


def _way(scopes: Iterable[str]) -> Way:
    return frozenset(s.lower() for s in scopes)


def _allows(ways: Iterable[Way], held: Way) -> bool:
    """Whether a client granted exactly ``held`` may call with one of ``ways``."""
    return any(w <= held for w in ways)


def granted(grants: Iterable[Grant]) -> dict[str, frozenset[Way]]:
    """What these grants let a client do, for ``compare_grants``'s ``elsewhere``."""
    found: dict[str, set[Way]] = {}
    for g in grants:
        if g.state is PermissionState.NONE:
            found.setdefault(g.row, set()).add(_NONE)
        elif g.state is PermissionState.SCOPES:
            found.setdefault(g.row, set()).update(_way(w) for w in g.any_of)
    return {row: frozenset(ways) for row, ways in found.items()}


def compare_grants(
    old: tuple[Grant, ...] | None, new: tuple[Grant, ...] | None, elsewhere: Granted
) -> Iterator[Change]:
    """A missing permissions section on either side is not compared: the docs stopped
    saying, which is not the API changing.  A change names the endpoint of the grant on
    the page it cites: the old one for a removed row, else the new one.

    ``elsewhere`` is what other new pages documenting the same endpoints grant (Intune
    documents ``GET /users`` once per workload): a scope one of them still accepts is not
    lost, so it never makes a change breaking.
    """
    if old is None or new is None:
        return
    before = {g.key: g for g in old}
    after = {g.key: g for g in new}
    for key, g in before.items():
        h = after.get(key)
        still: frozenset[Way] = elsewhere.get(g.row, frozenset())
        if h is not None:
            yield from _row(g, h, f"{h.subject} permission {g.label}", still)
        elif g.state in _GRANTING and not still:
            yield removed(
                "permission-type-removed",
                f"{g.subject} permission {g.label}",
                f"The {g.label} row was removed from the permissions table; "
                "calls with that permission type are no longer documented to work.",
                g.span,
            )
    for key, h in after.items():
        if key not in before and h.state in _GRANTING:
            yield compatible(
                "permission-type-added",
                f"{h.subject} permission {h.label}",
                f"The {h.label} permission type is now supported ({_scopes(h)}).",
                h.span,
            )


def _row(g: Grant, h: Grant, where: str, still: frozenset[Way]) -> Iterator[Change]:
    was, now = g.state, h.state
    if was in _GRANTING and now is PermissionState.NOT_SUPPORTED and not still:
        yield breaking(
            "permission-not-supported",
            where,
            f"The {g.label} permission type is now not supported (was {_scopes(g)}).",
            h.span,
        )
    elif was is PermissionState.NOT_SUPPORTED and now in _GRANTING:
        yield compatible(
            "permission-type-added",
            where,
            f"The {g.label} permission type is now supported ({_scopes(h)}).",
            h.span,
        )
    elif was is PermissionState.NONE and now is PermissionState.SCOPES and _NONE not in still:
        yield breaking(
            "permission-required",
            where,
            f"{_cap(g.label)} calls needed no permission and now need {_scopes(h)}.",
            h.span,
        )
    elif was is PermissionState.SCOPES and now is PermissionState.NONE:
        yield compatible(
            "permission-not-required",
            where,
            f"{_cap(g.label)} calls needed {_scopes(g)} and now need no permission.",
            h.span,
        )
    elif was is now is PermissionState.SCOPES and g.scopes and h.scopes:
        yield from _scope_change(g, h, where, still)


def _rank(way: Sequence[str]) -> tuple[int, int]:
    """How privileged an alternative is: its most privileged scope."""
    return max(rank(s) for s in way)


def _least(ways: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
    """The least privileged alternative, a single scope before a pair of the same rank;
    the first listed among equals."""
    return min(ways, key=lambda w: (_rank(w), len(w)))


def _scope_change(g: Grant, h: Grant, where: str, still: frozenset[Way]) -> Iterator[Change]:
    old_ways, new_ways = g.any_of, h.any_of
    old_least, new_least = _least(old_ways), _least(new_ways)
    before = [_way(w) for w in old_ways]
    after = [_way(w) for w in new_ways]
    kept = [w for w in still if w]  # another page's "no permission needed" keeps no scope
    lost = [w for w in old_ways if not _allows(after, _way(w)) and not _allows(kept, _way(w))]
    came = [w for w in new_ways if not _allows(before, _way(w))]
    if _rank(new_least) > _rank(old_least) and not _allows(kept, _way(old_least)):
        yield breaking(
            "permission-raised",
            where,
            f"The least privileged {g.label} permission rose from {_text(old_least)} to "
            f"{_text(new_least)}; a client granted only {_text(old_least)} can no longer "
            "call this.",
            h.span,
        )
        lost = [w for w in lost if _rank(w) >= _rank(new_least)]  # the rest: the rise itself
        came = [w for w in came if w != new_least]
    elif _rank(new_least) < _rank(old_least):
        yield compatible(
            "permission-lowered",
            where,
            f"The least privileged {g.label} permission dropped from {_text(old_least)} to "
            f"{_text(new_least)}.",
            h.span,
        )
        came = [w for w in came if w != new_least]
    listed = _way(h.scopes)
    joined = [w for w in lost if _way(w) <= listed]  # still named, but only with another
    gone = [w for w in lost if w not in joined]
    if joined:
        yield breaking(
            "permission-required-together",
            where,
            f"{'; '.join(_partnered(j, new_ways) for j in joined)}: a client granted only "
            f"{_list(joined, ' or ')} can no longer make {g.label} calls.",
            h.span,
        )
    if gone:
        yield breaking(
            "permission-removed",
            where,
            f"{_list(gone)} no longer {'allows' if len(gone) == 1 else 'allow'} "
            f"{g.label} calls; a client granted only that permission can no longer call this.",
            h.span,
        )
    if came:
        yield compatible(
            "permission-added",
            where,
            f"{_list(came)} now also {'allows' if len(came) == 1 else 'allow'} {g.label} calls.",
            h.span,
        )


def _partnered(way: tuple[str, ...], ways: Sequence[tuple[str, ...]]) -> str:
    """What ``way`` now needs besides itself, as the alternatives that hold it say."""
    mine = _way(way)
    extras = [tuple(s for s in w if s.lower() not in mine) for w in ways if mine < _way(w)]
    if not extras:
        return f"{_text(way)} is no longer enough on its own"
    return f"{_text(way)} now needs {_list(extras, ' or ')} with it"


def _scopes(g: Grant) -> str:
    if g.state is PermissionState.NONE or not g.scopes:
        return "no permission"
    return _list(g.any_of)


def _text(way: Sequence[str]) -> str:
    """An alternative as the docs write it: ``A`` or ``A and B``."""
    return " and ".join(way)


def _list(ways: Sequence[Sequence[str]], sep: str = ", ") -> str:
    return sep.join(_text(w) for w in ways)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
