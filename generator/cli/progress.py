"""Progress bars on stderr for a person at a terminal, and nothing for anyone else.

A command decorated with :func:`shows_progress` runs with :class:`Bars` as its progress
sink (:mod:`generator.progress`) when stderr is a terminal, ``CI`` is unset and it was
not given ``--quiet``; otherwise every report goes nowhere.  A phase that is over within
:data:`DELAY` shows no bar: what the cache answers at once (or a one-page file) does not
flash past.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from generator.progress import SILENT, Progress, reporting

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

DELAY = 0.5  # seconds a phase runs before its bar appears
F = TypeVar("F", bound=Callable[..., None])


def interactive() -> bool:
    """A person at a terminal: never in CI or when stderr is piped."""
    return sys.stderr.isatty() and not os.environ.get("CI")


class Bars:
    """One ``click.progressbar`` per phase (label, count, ETA), opened once the phase
    has run :data:`DELAY` seconds; ``clock`` is ``time.time``, the clock click keeps."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self.bar: ProgressBar[int] | None = None
        self.shown = ExitStack()
        self.label, self.total, self.done, self.since = "", 0, 0, 0.0

    def start(self, phase: str, total: int) -> None:
        self.label, self.total, self.done, self.since = phase, total, 0, self.clock()

    def advance(self, done: int) -> None:
        self.done += done
        if self.bar is not None:
            self.bar.update(done)
        elif self.total and self.clock() - self.since >= DELAY:
            self.bar = click.progressbar(
                length=self.total,
                label=self.label,
                file=sys.stderr,
                show_eta=True,
                show_pos=True,
            )
            self.bar.start = self.since  # the ETA counts from the phase's start
            self.shown.enter_context(self.bar)
            self.bar.update(self.done)

    def end(self) -> None:
        self.shown.close()
        self.bar = None


def sink(quiet: bool) -> Progress:
    return Bars() if interactive() and not quiet else SILENT


def shows_progress(command: F) -> F:
    """Run ``command`` with the progress sink its ``quiet`` argument and the terminal
    call for."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        with reporting(sink(bool(kwargs.get("quiet")))):
            command(*args, **kwargs)

    return cast(F, run)


def quiet_option(command: F) -> F:
    """``-q/--quiet``: no progress bars and no informational lines; errors still show."""
    option = click.option(
        "-q", "--quiet", is_flag=True, help="No progress bars or summaries; errors still show."
    )
    return option(shows_progress(command))
