"""One difference between two API surfaces, as a value: what changed and whether it breaks."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from generator.model import Span

if TYPE_CHECKING:
    from generator.diff.wire import Wire


class Level(StrEnum):
    BREAKING = "breaking"  # an existing client may stop working
    NON_BREAKING = "non-breaking"


class Side(StrEnum):
    """Which revision ``Change.span`` points into: OLD for what was removed."""

    OLD = "old"
    NEW = "new"


@dataclass(frozen=True, slots=True)
class Change:
    kind: str  # stable, e.g. path-removed, body-property-added
    severity: Level
    subject: str  # GET /me/drive/items/{}, microsoft.graph.driveItemVersion.size
    reason: str  # one sentence
    side: Side
    span: Span | None


def removed(kind: str, subject: str, reason: str, span: Span | None) -> Change:
    return Change(kind, Level.BREAKING, subject, reason, Side.OLD, span)


def breaking(kind: str, subject: str, reason: str, span: Span | None) -> Change:
    return Change(kind, Level.BREAKING, subject, reason, Side.NEW, span)


def compatible(kind: str, subject: str, reason: str, span: Span | None) -> Change:
    return Change(kind, Level.NON_BREAKING, subject, reason, Side.NEW, span)


def retyped(
    kind: str, subject: str, what: str, was: str, now: str, wire: Wire, span: Span
) -> Change:
    """A type change: breaking, unless clients do not notice it (``diff.wire``)."""
    why = wire.unnoticed(was, now)
    if why is not None:
        return compatible(kind, subject, f"{what} changed type from {was} to {now}; {why}.", span)
    return breaking(kind, subject, f"{what} changed type from {was} to {now}.", span)


def sort_key(c: Change) -> tuple[bool, str, str, str, int, str]:
    """Breaking first, then by subject and kind: stable whatever order pages are read in."""
    file, line = (c.span.file, c.span.line) if c.span else ("", 0)
    return (c.severity is not Level.BREAKING, c.subject, c.kind, file, line, c.reason)
