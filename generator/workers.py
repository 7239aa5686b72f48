"""Worker processes for the steps that run in parallel: reading pages, black.

Workers start from a fork server where the platform has one, not as copies of the
command's process: a copy carries everything the command holds by then (the model, the
rendered files) into each worker, where it counts again (a cold build of 8,000 pages
peaked at 938 MB summed over its processes, with 447 MB in the largest).
"""

from __future__ import annotations

import ctypes
import functools
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import forkserver, resource_tracker


def worker_pool(jobs: int) -> ProcessPoolExecutor:
    """A pool of ``jobs`` processes that share nothing with this one but what they are sent."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("forkserver"))
    return ProcessPoolExecutor(jobs)  # spawn where there is no fork server: the same holds


def stop_servers() -> None:
    """Stop the fork server and the resource tracker, the processes that outlive a pool
    (26 MB on 8,000 pages, held to the end of a build: issue 25); the next pool starts
    them again.  Only once no pool of this process runs."""
    for server in (getattr(forkserver, "_forkserver", None), resource_tracker._resource_tracker):
        stop = getattr(server, "_stop", None)  # private, and no other way to stop them
        if stop is not None:
            stop()


def give_back() -> None:
    """Return the memory this process freed to the system.  glibc keeps what Python frees
    for later use: a render's temporaries (Jinja's, the pieces sent to black) stayed in
    the process, 40-50 MB on 8,000 pages, counted in the peak while black's workers run
    (issue 25).  A millisecond or a few; nothing where the C
    library has no ``malloc_trim``."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):  # not glibc
        return None
    return trim
