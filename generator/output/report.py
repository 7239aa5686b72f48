"""What ``build`` and ``check`` print for a :class:`SyncResult`, and the exit code it means.

Results (the stale files and their diffs) go to stdout; notes, errors and summaries to
stderr.  The outcome (:class:`generator.exits.Exit`): OK written or up to date, FINDINGS
stale (check) or refused (build), ERROR the plan or the folder cannot be used.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import click

from generator.exits import Exit
from generator.output.layout import IGNORE, JOURNAL, MANIFEST
from generator.output.sync import Change, Kind, SyncResult

_DONE = {Kind.ADDED: "added", Kind.CHANGED: "changed", Kind.DELETED: "deleted"}


def report(result: SyncResult, out: Path, *, command: str, write: bool, diff: bool) -> Exit:
    prefix = f"docs2code {command}"
    for note in result.notes:
        click.echo(f"{prefix}: {out}: {note}", err=True)
    if result.errors:
        for problem in result.errors:
            click.echo(f"{prefix}: {shown(out, problem.path)}: {problem.message}", err=True)
        if not os.path.lexists(out / JOURNAL):
            click.echo(f"{prefix}: {out} was left as it was", err=True)
        return Exit.ERROR
    if write:
        return _report_build(result, out, prefix)
    return _report_check(result, out, prefix, diff)


def _report_build(result: SyncResult, out: Path, prefix: str) -> Exit:
    if result.refused and not result.written:
        click.echo(f"{prefix}: nothing was written; the build would replace or delete:", err=True)
        for refusal in result.refused:
            detail = f" ({refusal.detail})" if refusal.detail else ""
            click.echo(f"  {shown(out, refusal.path)}: {refusal.reason}{detail}", err=True)
        click.echo(
            f"{prefix}: use --force to replace them, or list them in {out / IGNORE} "
            "to keep them as they are",
            err=True,
        )
        return Exit.FINDINGS
    counts = ", ".join(f"{_count(result, k)} {_DONE[k]}" for k in Kind)
    state = counts if result.written else "up to date"
    click.echo(f"{result.files} files -> {out} ({state})", err=True)
    return Exit.OK


def _report_check(result: SyncResult, out: Path, prefix: str, diff: bool) -> Exit:
    why = {r.path: r for r in result.refused}
    for change in result.changes:
        refusal = why.pop(change.path, None)
        note = f" ({refusal.reason})" if refusal else ""
        click.echo(f"would {change.kind} {shown(out, change.path)}{note}")
        if diff:
            click.echo(unified_diff(out, change), nl=False)
    for refusal in why.values():
        click.echo(f"cannot trust {shown(out, refusal.path)}: {refusal.detail or refusal.reason}")
    if result.up_to_date:
        click.echo(f"{out} is up to date ({result.files} files)", err=True)
        return Exit.OK
    counts = ", ".join(f"{_count(result, k)} to {k}" for k in Kind)
    if not any(_count(result, k) for k in Kind):
        counts = "only its manifest"
    click.echo(f"{prefix}: {out} is out of date ({counts}); run docs2code build", err=True)
    return Exit.FINDINGS


def _count(result: SyncResult, kind: Kind) -> int:
    """Changes of one kind to generated files, the manifest not counted."""
    return sum(path != MANIFEST for path in result.paths(kind))


def shown(out: Path, rel: str) -> str:
    return (out / rel).as_posix() if rel else str(out)


def unified_diff(out: Path, change: Change) -> str:
    """The change as ``diff -u`` shows it, ``/dev/null`` standing for a missing side."""
    name = shown(out, change.path)
    before, after = _lines(change.old), _lines(change.new)
    lines = difflib.unified_diff(
        before,
        after,
        fromfile=f"a/{name}" if change.old is not None else "/dev/null",
        tofile=f"b/{name}" if change.new is not None else "/dev/null",
    )
    return "".join(
        line if line.endswith("\n") else f"{line}\n\\ No newline at end of file\n"
        for line in lines
    )


def _lines(data: bytes | None) -> list[str]:
    return [] if data is None else data.decode("utf-8", errors="replace").splitlines(True)
