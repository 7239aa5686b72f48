"""Render every item that can be rendered, and list every one that cannot.

A renderer wraps the work on one operation, type or example in :func:`item`; while a
build collects (:func:`collecting`), an exception there becomes a :class:`Failure` naming
the item and its source file:line, and the renderer goes on with the next item.  The
build then raises :class:`RenderError` with all of them, so nothing is written.  Outside
``collecting`` (a renderer called on its own), exceptions pass through unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from generator.failure import Failure, Subject, name_of
from generator.model import Span

_ACTIVE: ContextVar[list[Failure] | None] = ContextVar("render_failures", default=None)


class RenderError(Exception):
    """Rendering failed on these items; the plan is incomplete and must not be written."""

    def __init__(self, failures: Sequence[Failure]) -> None:
        self.failures = tuple(failures)
        more = f" and {len(failures) - 1} more" if len(failures) > 1 else ""
        super().__init__(f"{failures[0].line()}{more}" if failures else "rendering failed")


@contextmanager
def collecting() -> Iterator[list[Failure]]:
    """Failures of :func:`item` blocks inside go into the list instead of propagating."""
    failures: list[Failure] = []
    token = _ACTIVE.set(failures)
    try:
        yield failures
    finally:
        _ACTIVE.reset(token)


@contextmanager
def item(subject: Subject) -> Iterator[None]:
    """The work on one model item: a failure names it (see :func:`named`)."""
    what, span = name_of(subject)
    with named(what, span):
        yield


@contextmanager
def named(what: str, span: Span | None = None) -> Iterator[None]:
    """The work on one thing that is not a model item (``the stub server``)."""
    failures = _ACTIVE.get()
    if failures is None:
        yield
        return
    try:
        yield
    except Exception as exc:  # one item's bug must not hide the others'
        failures.append(Failure.of(what, span, exc))
