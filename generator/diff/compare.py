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
from dataclasses import dataclass

from generator import faults
from generator.diff.change import (
    Change,
    Level,
    Side,
    breaking,
    compatible,
    removed,
    retyped,
    sort_key,
)
from generator.diff.grants import compare_grants, granted
from generator.diff.resources import compare_types
from generator.diff.surface import Input, OperationSurface, Surface
from generator.diff.wire import Wire

__all__ = ["Change", "compare"]

_Ops = Sequence[OperationSurface]


def compare(old: Surface, new: Surface) -> tuple[Change, ...]:
    wire = Wire.of(old.types, new.types)
    changes = {
        *_operations(old.operations, new.operations, wire),
        *compare_types(old.types, new.types, wire, _navigated(new.operations)),
    }
    return tuple(sorted(changes, key=sort_key))


def _navigated(ops: _Ops) -> set[tuple[str, str]]:
    """(type, property) pairs, lower case, that some endpoint navigates: a GET that
    returns a type addresses it (a collection's ``/{}`` addresses its members), and a
    path that goes on from such an address names one of the type's properties."""
    addresses: dict[str, str] = {}
    for op in ops:
        if op.method != "GET":
            continue
        for e in op.endpoints:
            if e.answers is None:
                continue
            body = e.answers.text
            many = body.lower().startswith("collection(")
            element = body[len("collection(") : -1] if many else body
            addresses.setdefault(e.shape.lower() + ("/{}" if many else ""), element.lower())
    found: set[tuple[str, str]] = set()
    for op in ops:
        for e in op.endpoints:
            segments = e.shape.lower().split("/")
            for n in range(2, len(segments)):
                owner = addresses.get("/".join(segments[:n]))
                if owner is not None:
                    found.add((owner, segments[n]))
    return found


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


def _operations(old: _Ops, new: _Ops, wire: Wire) -> Iterator[Change]:
    documenting, documented = _documenting(new), _documenting(old)
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
        unreadable = new[pairs[i]].unreadable
        for e in op.endpoints:
            if e.key in new_keys:
                continue
            if unreadable:  # the path may be on a line the reader cannot take apart
                line = unreadable[0]
                yield Change(
                    "path-unreadable",
                    Level.NON_BREAKING,
                    e.subject,
                    f"The path is no longer in a readable request line, but {line.file}:"
                    f"{line.line} of the new docs is no 'METHOD /path' line (DC010); fix that "
                    "line, or the path is gone.",
                    Side.OLD,
                    e.span,
                )
            else:
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
        keys = [e.key for e in old[i].endpoints]
        after = [new[k] for k in sorted({k for e in keys for k in documenting.get(e, ())} - {j})]
        before = [old[k] for k in sorted({k for e in keys for k in documented.get(e, ())} - {i})]
        with faults.named(f"operation {new[j].id}", new[j].span):
            yield from list(_details(old[i], new[j], _Peers(before, after, wire)))


def _paths(n: int) -> str:
    return "1 path" if n == 1 else f"{n} paths"


@dataclass(frozen=True, slots=True)
class _Peers:
    """The other pages documenting an operation's endpoints: a new one that still lists
    an input or grants a scope means it is not gone (Intune split its pages per
    workload), an old one that already said what the new page says means the old docs
    contradicted themselves, not that the API changed."""

    old: Sequence[OperationSurface]
    new: Sequence[OperationSurface]
    wire: Wire

    def listed(self, noun: str, fold: bool) -> set[str]:
        found: set[str] = set()
        for op in self.new:
            found |= {_name(p.name, fold) for p in _listing(op, noun)}
        return found

    def said(self) -> set[tuple[str, str]]:
        """(``takes`` or ``answers``, what) the old pages decided for their paths."""
        found: set[tuple[str, str]] = set()
        for op in self.old:
            for e in op.endpoints:
                for what, decided in (("takes", e.takes), ("answers", e.answers)):
                    if decided is not None:
                        found.add((what, decided.text.lower()))
        return found


def _listing(op: OperationSurface, noun: str) -> tuple[Input, ...]:
    return {"query parameter": op.query, "header": op.headers, "body property": op.body}[noun]


def _name(name: str, fold: bool) -> str:
    return name.lower() if fold else name


def _details(old: OperationSurface, new: OperationSurface, peers: _Peers) -> Iterator[Change]:
    """A change names an endpoint of the page it cites: one both operations share when
    there is one, as each page writes it; else each side's own first path."""
    subjects = _subjects(old, new)
    for noun, fold in (("query parameter", False), ("header", True), ("body property", False)):
        yield from _inputs(noun, _listing(old, noun), _listing(new, noun), subjects, fold, peers)
    yield from _calls(old, new, peers)
    yield from _responses(old, new, subjects[1])
    yield from compare_grants(
        old.grants, new.grants, granted(g for op in peers.new for g in op.grants or ())
    )


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
    subjects: tuple[str, str],
    fold: bool,
    peers: _Peers,
) -> Iterator[Change]:
    """Inputs a client sends: removing, retyping or requiring one breaks it.  When the
    new page lists none at all (a table replaced by a sentence), the docs stopped
    listing them, which is not the API changing: nothing counts as removed; nor does
    what another new page for the same endpoints still lists."""
    kind = noun.replace(" ", "-")
    before = {_name(p.name, fold): p for p in old}
    after = {_name(p.name, fold): p for p in new}
    still = peers.listed(noun, fold) if after else set()
    subject = subjects[1]
    for key, p in before.items():
        q = after.get(key)
        where = f"{subject} {noun} {p.name}"
        if q is None:
            if after and key not in still:
                yield removed(
                    f"{kind}-removed",
                    f"{subjects[0]} {noun} {p.name}",
                    f"The {noun} {p.name} was removed; "
                    "clients that send it lose its effect or are rejected.",
                    p.span,
                )
            continue
        if p.type and q.type and p.type.lower() != q.type.lower():
            yield retyped(
                f"{kind}-type-changed",
                where,
                f"The {noun} {p.name}",
                p.type,
                q.type,
                peers.wire,
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


def _calls(old: OperationSurface, new: OperationSurface, peers: _Peers) -> Iterator[Change]:
    """What each endpoint both pages document takes and answers with, as the reader
    decided it: a body or a result of another type breaks clients, unless they do not
    notice (``diff.wire``: a derived type, JSON strings either way).  A type changes once
    per operation, at the first endpoint it changes on; one side that states none is not
    compared, nor a type another old page for the same endpoints already gave (the old
    docs contradicted themselves)."""
    mine = {e.key: e for e in new.endpoints}
    said = peers.said()
    seen: set[tuple[str, str, str]] = set()
    for e in old.endpoints:
        f = mine.get(e.key)
        if f is None:
            continue
        for what, was, now in (("takes", e.takes, f.takes), ("answers", e.answers, f.answers)):
            if was is None or now is None or was.text.lower() == now.text.lower():
                continue
            change = (what, was.text.lower(), now.text.lower())
            if change in seen or (what, now.text.lower()) in said:
                continue
            seen.add(change)
            if what == "takes":
                yield retyped(
                    "body-type-changed",
                    f"{f.subject} body",
                    "The request body",
                    was.text,
                    now.text,
                    peers.wire,
                    now.span,
                )
            else:
                status = now.status or 200
                yield retyped(
                    "response-type-changed",
                    f"{f.subject} response {status}",
                    f"The {status} response body",
                    was.text,
                    now.text,
                    peers.wire,
                    now.span,
                )


def _responses(old: OperationSurface, new: OperationSurface, subject: str) -> Iterator[Change]:
    """Statuses the Response section promises; one side stating none is not compared."""
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


def _statuses(codes: list[int]) -> str:
    return ", ".join(str(c) for c in codes)
