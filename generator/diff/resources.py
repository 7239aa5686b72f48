"""Changes of resource, complex and enum types and their properties.

A client reads and writes properties by name, so a property removed, retyped or made
read-only breaks it; an added property or enum member does not.  A property that moved
to a base type (or down from one) is still there: properties are looked up along the
base-type chain before they count as removed or added.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from generator import faults
from generator.diff.change import Change, breaking, compatible, removed, retyped
from generator.diff.surface import TypeSurface
from generator.diff.wire import Wire

_Types = Mapping[str, TypeSurface]


def compare_types(
    old: Sequence[TypeSurface],
    new: Sequence[TypeSurface],
    wire: Wire,
    navigated: set[tuple[str, str]],
) -> Iterator[Change]:
    """``navigated``: (type, property) pairs, lower case, that a new endpoint's path
    still goes through; such a property gone from its table is unlisted, not removed."""
    before = {t.key: t for t in old}
    after = {t.key: t for t in new}
    for key, t in before.items():
        u = after.get(key)
        if u is None:
            yield removed(
                "type-removed",
                t.name,
                f"The type {t.name} is no longer documented; clients that use it break.",
                t.span,
            )
        elif t.kind != u.kind:
            yield breaking(
                "type-kind-changed",
                u.name,
                f"{u.name} changed from a {t.kind} type to a {u.kind} type.",
                u.span,
            )
        else:
            with faults.named(f"type {u.name}", u.span):
                fields = _fields(t, u, before, after, wire, navigated)
                yield from [*_base(t, u, after), *fields, *_members(t, u)]
    for key, u in after.items():
        if key not in before:
            yield compatible("type-added", u.name, f"The type {u.name} was added.", u.span)


def _chain(t: TypeSurface, types: _Types) -> list[TypeSurface]:
    """``t`` and its base types that the doc set defines, nearest first; loops cut."""
    found: list[TypeSurface] = []
    seen: set[str] = set()
    current: TypeSurface | None = t
    while current is not None and current.key not in seen:
        seen.add(current.key)
        found.append(current)
        current = types.get(current.base.lower()) if current.base else None
    return found


def _ancestors(t: TypeSurface, types: _Types) -> set[str]:
    """Full names (lower case) of every base type, defined in the doc set or not."""
    return {x.base.lower() for x in _chain(t, types) if x.base}


def _names(t: TypeSurface, types: _Types) -> set[str]:
    return {f.name for x in _chain(t, types) for f in x.fields}


def _base(t: TypeSurface, u: TypeSurface, after: _Types) -> Iterator[Change]:
    if t.base == u.base or (t.base and u.base and t.base.lower() == u.base.lower()):
        return
    if t.base and t.base.lower() not in _ancestors(u, after):
        yield breaking(
            "base-type-removed",
            u.name,
            f"{u.name} no longer derives from {t.base}"
            + (f" (now {u.base})" if u.base else "")
            + "; clients that use it as that type break.",
            u.span,
        )
    else:
        yield compatible(
            "base-type-added",
            u.name,
            f"{u.name} now derives from {u.base}"
            + (f", which derives from {t.base}" if t.base else "")
            + "; it only gains inherited properties.",
            u.span,
        )


def _fields(
    t: TypeSurface,
    u: TypeSurface,
    before: _Types,
    after: _Types,
    wire: Wire,
    navigated: set[tuple[str, str]],
) -> Iterator[Change]:
    old = {f.name: f for f in t.fields}
    new = {f.name: f for f in u.fields}
    for name, f in old.items():
        g = new.get(name)
        subject = f"{u.name}.{name}"
        if g is None:
            if name in _names(u, after):
                continue
            if (u.key, name.lower()) in navigated:
                yield compatible(
                    "property-unlisted",
                    subject,
                    f"The property {name} is no longer in the tables of {u.name}, but a "
                    "documented path still goes through it; the API keeps it.",
                    u.span,
                )
            else:
                yield removed(
                    "property-removed",
                    f"{t.name}.{name}",
                    f"The property {name} was removed from {t.name}; "
                    "clients that read or write it break.",
                    f.span,
                )
            continue
        if f.type and g.type and f.type.lower() != g.type.lower():
            yield retyped(
                "property-type-changed",
                subject,
                f"The property {name}",
                f.type,
                g.type,
                wire,
                g.span,
            )
        if g.read_only and not f.read_only:
            yield breaking(
                "property-now-read-only",
                subject,
                f"The property {name} is now read-only; clients that write it are rejected.",
                g.span,
            )
        elif f.read_only and not g.read_only:
            yield compatible(
                "property-now-writable",
                subject,
                f"The property {name} is no longer read-only.",
                g.span,
            )
    inherited = _names(t, before)
    for name, g in new.items():
        if name not in old and name not in inherited:
            yield compatible(
                "property-added",
                f"{u.name}.{name}",
                f"The property {name} ({g.type or 'type not stated'}) was added to {u.name}.",
                g.span,
            )


def _members(t: TypeSurface, u: TypeSurface) -> Iterator[Change]:
    before = {m.name for m in t.members}
    after = {m.name for m in u.members}
    for m in t.members:
        if m.name not in after:
            yield removed(
                "enum-member-removed",
                f"{t.name}.{m.name}",
                f"The member {m.name} was removed from {t.name}; "
                "clients that send or expect it break.",
                m.span,
            )
    for m in u.members:
        if m.name not in before:
            yield compatible(
                "enum-member-added",
                f"{u.name}.{m.name}",
                f"The member {m.name} was added to {u.name}.",
                m.span,
            )
