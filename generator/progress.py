"""Progress of the long steps as counts: the library reports, the command line shows.

Reading, formatting and writing open a phase with its total and advance it as items
finish; they never know whether or how it is shown.  A command installs the sink for
its run (:func:`reporting`), so the steps it reaches through other packages (the build
cache, the renderers) report without every layer passing it on; outside a command,
reports go nowhere.  A sink only ever sees counts, never results: output cannot depend
on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol, TypeVar

T = TypeVar("T")

Advance = Callable[[int], None]
"""Called with the number of items finished since the last call."""


class Progress(Protocol):
    """Where counts go: one phase at a time, ``start``, any number of ``advance``,
    ``end`` (also when the phase fails)."""

    def start(self, phase: str, total: int) -> None: ...

    def advance(self, done: int) -> None: ...

    def end(self) -> None: ...


class _Silent:
    def start(self, phase: str, total: int) -> None:
        pass

    def advance(self, done: int) -> None:
        pass

    def end(self) -> None:
        pass


SILENT: Progress = _Silent()
_CURRENT: ContextVar[Progress] = ContextVar("docs2code_progress", default=SILENT)


@contextmanager
def reporting(sink: Progress) -> Iterator[None]:
    """Phases opened inside, without a sink of their own, report to ``sink``."""
    token = _CURRENT.set(sink)
    try:
        yield
    finally:
        _CURRENT.reset(token)


@contextmanager
def phase(name: str, total: int, sink: Progress | None = None) -> Iterator[Advance]:
    """``total`` items of ``name`` (``"reading pages"``); ``sink`` None: the one
    :func:`reporting` installed."""
    target = _CURRENT.get() if sink is None else sink
    target.start(name, total)
    try:
        yield target.advance
    finally:
        target.end()


def counted(items: Iterable[T], advance: Advance) -> Iterator[T]:
    """``items``, advancing by one as each arrives (a pool's results as they come back)."""
    for item in items:
        advance(1)
        yield item


class _Labelled:
    def __init__(self, inner: Progress, label: str) -> None:
        self.inner, self.label = inner, label

    def start(self, phase: str, total: int) -> None:
        self.inner.start(f"{phase} {self.label}", total)

    def advance(self, done: int) -> None:
        self.inner.advance(done)

    def end(self) -> None:
        self.inner.end()


@contextmanager
def labelled(label: str) -> Iterator[None]:
    """Phases opened inside say what they are for: ``formatting`` -> ``formatting sdk/``."""
    with reporting(_Labelled(_CURRENT.get(), label)):
        yield
