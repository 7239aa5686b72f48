"""Two API surfaces in, the sorted list of changes out.

Operations are matched by the endpoints they share (``METHOD`` + path shape), else by
id (page and method): a page that is renamed, split or merged is still the same API, and
an operation whose every path changed is still compared in detail.  Rules, in short:
what a client could call, send or receive that is removed, retyped, newly required or
more privileged is breaking; what is added and optional is not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from generator.diff.change import Change, breaking, compatible, removed, sort_key
from generator.diff.grants import Granted, compare_grants, granted
from generator.diff.resources import compare_types
from generator.diff.surface import Input, OperationSurface, Surface
from generator.render import faults

__all__ = ["Change", "compare"]

_Ops = Sequence[OperationSurface]


def compare(old: Surface, new: Surface) -> tuple[Change, ...]:
    changes = {
        *_operations(old.operations, new.operations),
        *compare_types(old.types, new.types),
    }
    return tuple(sorted(changes, key=sort_key))


def _documenting(ops: _Ops) -> dict[str, list[int]]:
    """For each endpoint key, the operations that document it."""
    found: dict[str, list[int]] = {}
    for j, op in enumerate(ops):
        for e in op.endpoints:
            found.setdefault(e.key, []).append(j)
    return found


def _pairs(old: _Ops, new: _Ops, by_key: dict[str, list[int]]) -> dict[int, int]:
    """Each old operation's counterpart: the new one sharing most endpoints (the same id
    first among equals), else the one with the same id.  Several may share one."""
    by_id: dict[str, int] = {}
    for j, op in enumerate(new):
        by_id.setdefault(op.id, j)
    pairs: dict[int, int] = {}
    for i, op in enumerate(old):
        shared = Counter(j for e in op.endpoints for j in by_key.get(e.key, ()))
        if shared:
            pairs[i] = min(shared, key=lambda j: (-shared[j], new[j].id != op.id, new[j].id, j))
        elif op.id in by_id:
            pairs[i] = by_id[op.id]
    return pairs


def _operations(old: _Ops, new: _Ops) -> Iterator[Change]:
    documenting = _documenting(new)
    pairs = _pairs(old, new, documenting)
    paired = set(pairs.values())
    old_keys = {e.key for op in old for e in op.endpoints}
    new_keys = {e.key for op in new for e in op.endpoints}
    for i, op in enumerate(old):
        if i not in pairs:  # then none of its endpoints is left
            yield removed(
                "operation-removed",
                op.subject,
                f"The operation of {op.span.file} was removed with its "
                f"{_paths(len(op.endpoints))}; clients that call it break.",
                op.span,
            )
            continue
        for e in op.endpoints:
            if e.key not in new_keys:
                yield removed(
                    "path-removed",
                    e.subject,
                    f"The path is no longer listed in {op.span.file}; clients that call it break.",
                    e.span,
                )
    for j, op in enumerate(new):
        added = [e for e in op.endpoints if e.key not in old_keys]
        if j not in paired and len(added) == len(op.endpoints):
            yield compatible(
                "operation-added",
                op.subject,
                f"A new operation, with {_paths(len(op.endpoints))}, is documented in "
                f"{op.span.file}.",
                op.span,
            )
            continue
        for e in added:
            yield compatible(
                "path-added", e.subject, f"The path was added to {op.span.file}.", e.span
            )
    for i, j in pairs.items():
        peers = {k for e in old[i].endpoints for k in documenting.get(e.key, ()) if k != j}
        elsewhere = granted(g for k in sorted(peers) for g in new[k].grants or ())
        with faults.named(f"operation {new[j].id}", new[j].span):
            yield from list(_details(old[i], new[j], elsewhere))


def _paths(n: int) -> str:
    return "1 path" if n == 1 else f"{n} paths"


def _details(old: OperationSurface, new: OperationSurface, elsewhere: Granted) -> Iterator[Change]:
    """A change names an endpoint of the page it cites: one both operations share when
    there is one, as each page writes it; else each side's own first path."""
    before, after = _subjects(old, new)
    yield from _inputs("query parameter", old.query, new.query, before, after, fold=False)
    yield from _inputs("header", old.headers, new.headers, before, after, fold=True)
    yield from _inputs("body property", old.body, new.body, before, after, fold=False)
    if old.body_type and new.body_type and old.body_type.lower() != new.body_type.lower():
        yield breaking(
            "body-type-changed",
            f"{after} body",
            f"The request body changed from {old.body_type} to {new.body_type}.",
            new.span,
        )
    yield from _responses(old, new, after)
    yield from compare_grants(old.grants, new.grants, elsewhere)


def _subjects(old: OperationSurface, new: OperationSurface) -> tuple[str, str]:
    mine = {e.key: e for e in new.endpoints}
    for e in old.endpoints:
        if e.key in mine:
            return e.subject, mine[e.key].subject
    return old.subject, new.subject


def _inputs(
    noun: str,
    old: Sequence[Input],
    new: Sequence[Input],
    before_subject: str,
    subject: str,
    fold: bool,
) -> Iterator[Change]:
    """Inputs a client sends: removing, retyping or requiring one breaks it."""
    kind = noun.replace(" ", "-")
    before = {(p.name.lower() if fold else p.name): p for p in old}
    after = {(p.name.lower() if fold else p.name): p for p in new}
    for key, p in before.items():
        q = after.get(key)
        where = f"{subject} {noun} {p.name}"
        if q is None:
            yield removed(
                f"{kind}-removed",
                f"{before_subject} {noun} {p.name}",
                f"The {noun} {p.name} was removed; "
                "clients that send it lose its effect or are rejected.",
                p.span,
            )
            continue
        if p.type and q.type and p.type.lower() != q.type.lower():
            yield breaking(
                f"{kind}-type-changed",
                where,
                f"The {noun} {p.name} changed type from {p.type} to {q.type}.",
                q.span,
            )
        if q.required and not p.required:
            yield breaking(
                f"{kind}-now-required",
                where,
                f"The {noun} {p.name} is now required; clients that omit it are rejected.",
                q.span,
            )
        elif p.required and q.required is False:
            yield compatible(
                f"{kind}-now-optional", where, f"The {noun} {p.name} is now optional.", q.span
            )
    for key, q in after.items():
        if key in before:
            continue
        where = f"{subject} {noun} {q.name}"
        if q.required:
            yield breaking(
                f"{kind}-added",
                where,
                f"A required {noun} {q.name} was added; existing clients do not send it.",
                q.span,
            )
        else:
            state = "optional" if q.required is False else "not marked required"
            yield compatible(
                f"{kind}-added", where, f"The {noun} {q.name} was added ({state}).", q.span
            )


def _responses(old: OperationSurface, new: OperationSurface, subject: str) -> Iterator[Change]:
    """Statuses the Response section promises.  One side stating none is not compared."""
    if not old.responses or not new.responses:
        return
    before = {r.status: r for r in old.responses}
    after = {r.status: r for r in new.responses}
    gone = [s for s in before if s not in after]
    came = [s for s in after if s not in before]
    where = f"{subject} response"
    if gone:
        yield breaking(
            "response-status-changed" if came else "response-status-removed",
            where,
            f"The response no longer returns {_statuses(gone)}"
            + (f" but {_statuses(came)}" if came else "")
            + "; clients that check for it misread the result.",
            (after[came[0]] if came else new.responses[0]).span,
        )
    elif came:
        yield compatible(
            "response-status-added",
            where,
            f"The response may now also return {_statuses(came)}.",
            after[came[0]].span,
        )
    for status, r in before.items():
        s = after.get(status)
        if s is not None and r.type and s.type and r.type.lower() != s.type.lower():
            yield breaking(
                "response-type-changed",
                f"{where} {status}",
                f"The {status} response body changed from {r.type} to {s.type}.",
                s.span,
            )


def _statuses(codes: list[int]) -> str:
    return ", ".join(str(c) for c in codes)
