"""``docs2code watch``: rebuild whenever a page, a template or the service's metadata
(``--metadata``) changes, until Ctrl-C.

Polling, not file-system events: every ``interval`` seconds the modification time and
size of each ``*.md`` under the doc roots, of each template file and of each metadata
file are compared with the last rebuild's.  A change is rebuilt once two polls in a row
agree, so an editor's save or a ``git checkout`` in progress is one rebuild, not
several.  A rebuild that fails is reported in one line and watching goes on: the next
save may fix it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from generator import failure
from generator.cli.debug import echo_traceback
from generator.cli.settings import Settings
from generator.cli.target import resolve_target, target_options
from generator.exits import Exit, finish
from generator.faults import RenderError
from generator.render import BUILTIN

Snapshot = dict[str, tuple[int, int]]  # path -> (mtime in ns, size)

Rebuild = Callable[[Settings], str]
"""Build the target; returns a short summary for the log line."""


# --- the loop ------------------------------------------------------------------------------


def snapshot(
    docs: Iterable[Path], templates: Iterable[Path] = (), exclude: Path | None = None
) -> Snapshot:
    """Time and size of every ``*.md`` under the doc roots (a root that is a file counts
    whatever its name) and of every file under the template folders; nothing under
    ``exclude``, the output folder."""
    found: Snapshot = {}
    skip = exclude.resolve() if exclude is not None else None
    for root, suffix in [*((d, ".md") for d in docs), *((t, "") for t in templates)]:
        if not root.is_dir():
            _stat(root, found)
            continue
        seen: set[tuple[int, int]] = set()
        for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
            try:
                st = os.stat(dirpath)
            except OSError:
                continue
            if (st.st_dev, st.st_ino) in seen or Path(dirpath).resolve() == skip:
                dirnames[:] = []  # a link loop, or the output folder
                continue
            seen.add((st.st_dev, st.st_ino))
            dirnames[:] = [d for d in dirnames if d != "__pycache__"]
            for name in filenames:
                if name.endswith(suffix):
                    _stat(Path(dirpath) / name, found)
    return found


def _stat(path: Path, found: Snapshot) -> None:
    try:
        st = path.stat()
    except OSError:
        return
    found[str(path)] = (st.st_mtime_ns, st.st_size)


def describe(before: Snapshot, after: Snapshot) -> str:
    """``api/x.md changed``, or ``3 files changed`` when there are several."""
    changed = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
    if len(changed) == 1:
        verb = "added" if changed[0] not in before else "deleted" if changed[0] not in after else ""
        return f"{changed[0]} {verb or 'changed'}"
    return f"{len(changed)} files changed"


def watch(
    poll: Callable[[], Snapshot],
    rebuild: Callable[[], str],
    echo: Callable[[str], None],
    interval: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    max_polls: int | None = None,
) -> int:
    """Build once, then rebuild on every settled change; returns the number of builds
    when ``max_polls`` polls have been made (tests), else runs until interrupted."""
    polls = 0

    def next_poll() -> Snapshot | None:
        nonlocal polls
        if max_polls is not None and polls >= max_polls:
            return None
        sleep(interval)
        polls += 1
        return poll()

    last = poll()
    _build("first build", rebuild, echo, clock)
    builds = 1
    while (now := next_poll()) is not None:
        if now == last:
            continue
        while (again := next_poll()) is not None and again != now:
            now = again  # still changing: wait until two polls agree
        if again is None:
            break
        _build(describe(last, now), rebuild, echo, clock)
        builds += 1
        last = now
    return builds


def _build(
    reason: str, rebuild: Callable[[], str], echo: Callable[[str], None], clock: Callable[[], float]
) -> None:
    start = clock()
    try:
        summary = rebuild()
    except SystemExit as exc:
        echo(f"{reason}: build failed (exit status {exc.code})")
    except RenderError as exc:  # one line per item that failed; nothing was written
        for failed in exc.failures:
            echo_traceback(failed.traceback)
            echo(f"{reason}: build failed: internal error rendering {failed.line()}")
    except Exception as exc:  # reported in one line; the next change may fix it
        echo_traceback(failure.traceback_of(exc))
        echo(f"{reason}: build failed: {failure.describe(exc)}")
    else:
        echo(f"{reason}: {summary} ({clock() - start:.2f} s)")


# --- the command ---------------------------------------------------------------------------


def make_watch_command(rebuild: Rebuild) -> click.Command:
    """The ``watch`` command, calling ``rebuild(target)`` for each change."""

    @click.command("watch")
    @target_options
    @click.option(
        "--interval",
        type=click.FloatRange(min=0.05),
        default=0.5,
        show_default=True,
        help="Seconds between two looks at the files.",
    )
    def watch_command(interval: float, **flags: Any) -> None:
        """Build DOCS into OUTPUT, then again whenever a page, a template or the metadata
        changes.

        One line per build goes to stderr.  Ctrl-C stops (exit 0)."""
        target = resolve_target("watch", **flags, pages=False)
        templates = target.options.templates
        folders = [BUILTIN, *([templates] if templates else []), *target.metadata]
        names = ", ".join(str(r) for r in target.roots)
        what = "the templates and the metadata" if target.metadata else "the templates"
        click.echo(f"docs2code watch: watching {names} and {what}; Ctrl-C stops", err=True)
        try:
            watch(
                lambda: snapshot(target.roots, folders, exclude=target.output),
                lambda: rebuild(target),
                lambda line: click.echo(line, err=True),
                interval=interval,
            )
        except KeyboardInterrupt:
            click.echo("docs2code watch: stopped", err=True)
        finish(Exit.OK)

    return watch_command
