"""A fault hook for the kill test: ``DOCS2CODE_TEST_CRASH_AT=N`` ends the process at once
(``os._exit``, no cleanup, as SIGKILL would) just before the N-th filesystem change made by
the output machinery.  The test runs a build once per N to stop it at every step."""

from __future__ import annotations

import itertools
import os

ENV = "DOCS2CODE_TEST_CRASH_AT"
CRASH_EXIT = 99
_steps = itertools.count(1)


def step() -> None:
    """Call before each change to the output folder; a no-op unless the hook is set."""
    number = next(_steps)
    target = os.environ.get(ENV)
    if target is not None and target.strip() == str(number):
        os._exit(CRASH_EXIT)
