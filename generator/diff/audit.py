"""Whether each change names something the page it cites declares.

A reviewer follows a change to its file:line and expects to find its subject there: the
endpoint (``GET /chats/{}/members/{}``) or the type (``microsoft.graph.user``) that
changed.  This is the check behind that promise, run by the corpus tests and the diff
report on real history.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from generator.diff.change import Change, Side
from generator.diff.surface import Surface


def _declared(s: Surface) -> dict[str, set[str]]:
    """Per page file: every endpoint subject, operation fallback subject and type name."""
    found: dict[str, set[str]] = {}
    for op in s.operations:
        names = found.setdefault(op.span.file, set())
        names.add(f"{op.method} {op.id}")
        names.update(e.subject for e in op.endpoints)
    for t in s.types:  # a type split over pages is declared on each of them
        spans = [t.span, *(f.span for f in t.fields), *(m.span for m in t.members)]
        for file in {s.file for s in spans}:
            found.setdefault(file, set()).add(t.name)
    return found


def _named(subject: str) -> Iterator[str]:
    """What a subject may name: its endpoint (two words), or a type and its prefixes
    (``microsoft.graph.user.displayName`` names a member of ``microsoft.graph.user``)."""
    words = subject.split(" ")
    if len(words) >= 2:
        yield " ".join(words[:2])
    parts = words[0].split(".")
    for n in range(len(parts), 0, -1):
        yield ".".join(parts[:n])


def misplaced(changes: Iterable[Change], old: Surface, new: Surface) -> list[Change]:
    """The changes whose subject the cited page does not declare."""
    pages = {Side.OLD: _declared(old), Side.NEW: _declared(new)}
    wrong: list[Change] = []
    for c in changes:
        if c.span is None:
            continue
        names = pages[c.side].get(c.span.file, set())
        if not any(n in names for n in _named(c.subject)):
            wrong.append(c)
    return wrong


def removals(changes: Iterable[Change], old: Surface, new: Surface) -> tuple[set[str], set[str]]:
    """Endpoint keys no new page documents, and those the changes report gone
    (``operation-removed`` with all its endpoints, ``path-removed``, or
    ``path-unreadable`` when the new page's request line cannot be read): equal when the
    diff's removals are exact."""
    after = {e.key for op in new.operations for e in op.endpoints}
    expected = {e.key for op in old.operations for e in op.endpoints} - after
    ops = {(op.span.file, op.span.line): op for op in old.operations}
    reported: set[str] = set()
    for c in changes:
        if c.span is None:
            continue
        if c.kind == "operation-removed":
            reported |= {e.key for e in ops[(c.span.file, c.span.line)].endpoints}
        elif c.kind in ("path-removed", "path-unreadable"):
            method, shape = c.subject.split(" ", 1)
            reported.add(f"{method} {shape.lower()}")
    return expected, reported
