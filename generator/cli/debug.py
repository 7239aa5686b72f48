"""How a command reports an internal error (a bug in docs2code): one line naming what
failed, and with ``docs2code --debug`` (or ``DOCS2CODE_DEBUG=1``) its traceback too.

Exit 2 means usage, configuration or internal error; this module is the internal part.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import NoReturn

import click

from generator.exits import Exit, finish
from generator.failure import Failure, describe, traceback_of

ENV = "DOCS2CODE_DEBUG"
_KEY = "docs2code.debug"  # in click's context meta, shared by a command and its group


def set_debug(ctx: click.Context, debug: bool) -> None:
    ctx.meta[_KEY] = debug


def enabled() -> bool:
    """``--debug`` on the command line, else ``DOCS2CODE_DEBUG`` set to a true value."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None and _KEY in ctx.meta:
        return bool(ctx.meta[_KEY])
    return os.environ.get(ENV, "").strip().lower() in ("1", "true", "yes", "on")


def echo_traceback(text: str) -> None:
    """A traceback (as text) on stderr, only in debug mode."""
    if enabled() and text:
        click.echo(text.rstrip("\n"), err=True)


def internal_error(command: str, exc: BaseException, what: str = "") -> NoReturn:
    """``docs2code COMMAND: internal error[ WHAT]: Type: message`` (after the traceback in
    debug mode), then exit 2."""
    echo_traceback(traceback_of(exc))
    where = f" {what}" if what else ""
    click.echo(f"docs2code {command}: internal error{where}: {describe(exc)}", err=True)
    finish(Exit.ERROR)


def report_failures(command: str, failures: Sequence[Failure], prefix: str = "") -> None:
    """One line per failure (its traceback first in debug mode)."""
    for failure in failures:
        echo_traceback(failure.traceback)
        click.echo(f"docs2code {command}: internal error in {prefix}{failure.line()}", err=True)
