"""One docs2code at a time per output folder: recovery discards a staging folder it finds,
which must never be the staging folder of a build still running.  The lock is an advisory
``flock`` on the output folder itself, so it needs no file of its own and dies with the
process that held it."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.output.verify import Problem

WAIT_SECONDS = 30.0


@contextmanager
def locked(out: Path) -> Iterator[Problem | None]:
    """Hold the folder's lock inside the ``with``; yields a problem when it cannot."""
    if sys.platform == "win32":
        yield None
        return
    import fcntl

    try:
        fd = os.open(out, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        yield Problem("", f"cannot open the output folder: {exc.strerror or exc}")
        return
    try:
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    yield Problem("", "another docs2code command is still using this folder")
                    return
                time.sleep(0.05)
        yield None
    finally:
        os.close(fd)  # also releases the lock
