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
    for t in s.types:
        found.setdefault(t.span.file, set()).add(t.name)
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
