"""Permission changes of one operation.

A client holds some granted scopes and may call when one of them is listed.  So:
breaking when the least privileged scope now ranks higher (see ``privilege.rank``), when
a listed scope is no longer accepted, when a permission type becomes "Not supported" or
leaves the table, or when an operation that needed no permission now needs one;
non-breaking when scopes or permission types are added or the least privilege drops.
States that say nothing (TODO, empty, n/a) are not compared.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from generator.diff.change import Change, breaking, compatible, removed
from generator.diff.privilege import least, rank
from generator.diff.surface import Grant
from generator.model import PermissionState

_GRANTING = (PermissionState.SCOPES, PermissionState.NONE)


Granted = Mapping[str, frozenset[str]]  # Grant.row -> lower-case scopes ("" for none needed)


def granted(grants: Iterable[Grant]) -> dict[str, frozenset[str]]:
    """What these grants let a client do, for ``compare_grants``'s ``elsewhere``."""
    found: dict[str, set[str]] = {}
    for g in grants:
        if g.state is PermissionState.NONE:
            found.setdefault(g.row, set()).add("")
        elif g.state is PermissionState.SCOPES:
            found.setdefault(g.row, set()).update(s.lower() for s in g.scopes)
    return {row: frozenset(scopes) for row, scopes in found.items()}


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
        still = elsewhere.get(g.row, frozenset())
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


def _row(g: Grant, h: Grant, where: str, still: frozenset[str]) -> Iterator[Change]:
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
    elif was is PermissionState.NONE and now is PermissionState.SCOPES and "" not in still:
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


def _scope_change(g: Grant, h: Grant, where: str, still: frozenset[str]) -> Iterator[Change]:
    old_least, new_least = least(g.scopes), least(h.scopes)
    before = {s.lower() for s in g.scopes}
    after = {s.lower() for s in h.scopes}
    gone = [s for s in g.scopes if s.lower() not in after | still]
    came = [s for s in h.scopes if s.lower() not in before]
    if rank(new_least) > rank(old_least) and old_least.lower() not in still:
        yield breaking(
            "permission-raised",
            where,
            f"The least privileged {g.label} permission rose from {old_least} to "
            f"{new_least}; a client granted only {old_least} can no longer call this.",
            h.span,
        )
        gone = [s for s in gone if rank(s) >= rank(new_least)]  # the rest: the rise itself
        came = [s for s in came if s != new_least]
    elif rank(new_least) < rank(old_least):
        yield compatible(
            "permission-lowered",
            where,
            f"The least privileged {g.label} permission dropped from {old_least} to {new_least}.",
            h.span,
        )
        came = [s for s in came if s != new_least]
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


def _scopes(g: Grant) -> str:
    if g.state is PermissionState.NONE or not g.scopes:
        return "no permission"
    return _list(list(g.scopes))


def _list(scopes: list[str]) -> str:
    return ", ".join(scopes)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
