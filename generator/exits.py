"""How every command ends: the exit codes, and the one place that turns a command's
outcome into the process's exit status.

- ``0`` (:attr:`Exit.OK`): done, nothing to report;
- ``1`` (:attr:`Exit.FINDINGS`): done, with findings: a document with an error-level
  diagnostic, lint findings at ``--fail-on``, stale or refused output, API changes at
  ``--fail-on``;
- ``2`` (:attr:`Exit.ERROR`): the command could not do its job as asked: a usage error
  (an unknown option or rule code, a missing or empty doc root), a configuration error (a
  bad settings file) or an internal error (a bug in docs2code).

No other module defines exit codes or calls ``sys.exit`` (``tests/test_layout.py``).
"""

from __future__ import annotations

import sys
from enum import IntEnum
from typing import NoReturn

import click


class Exit(IntEnum):
    OK = 0
    FINDINGS = 1  # findings, stale or refused output, changes at --fail-on
    ERROR = 2  # usage, configuration or internal error

    @classmethod
    def findings_if(cls, found: bool) -> Exit:
        """:attr:`FINDINGS` when there is something to report, else :attr:`OK`."""
        return cls.FINDINGS if found else cls.OK


def finish(outcome: Exit) -> NoReturn:
    """End the command with ``outcome`` as the process's exit status."""
    sys.exit(int(Exit(outcome)))


def fail(command: str, message: str) -> NoReturn:
    """A usage, configuration or internal error: each line of ``message`` on stderr as
    ``docs2code COMMAND: line``, nothing on stdout, exit 2."""
    prefix = f"docs2code {command}" if command else "docs2code"
    for line in message.splitlines() or [""]:
        click.echo(f"{prefix}: {line}", err=True)
    finish(Exit.ERROR)
