"""``docs2code diff``: read two revisions of the docs, compare their API surfaces, report,
and choose the exit code."""

from __future__ import annotations

from contextlib import ExitStack

import click

from generator import faults
from generator.cli.debug import echo_traceback, internal_error
from generator.cli.settings import resolve
from generator.diff.change import Change, Level
from generator.diff.compare import compare
from generator.diff.report import Labels, as_json, as_markdown, as_text
from generator.diff.revisions import DocRoot, RevisionError, doc_root
from generator.diff.surface import Surface, surface
from generator.exits import Exit, fail, finish
from generator.failure import Failure
from generator.read import Limits, read_docs

_RENDER = {"text": as_text, "json": as_json, "markdown": as_markdown}


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(_RENDER)),
    default="text",
    show_default=True,
)
@click.option(
    "--fail-on",
    type=click.Choice(["breaking", "any", "never"]),
    default="never",
    show_default=True,
    help="Exit 1 when there is a change of this level.",
)
def diff_command(old: str, new: str, fmt: str, fail_on: str) -> None:
    """Show how the API surface changed from the docs OLD to the docs NEW.

    OLD and NEW are folders (or files), or REV:FOLDER for FOLDER as it was at git
    revision REV (FOLDER relative to the current directory), e.g.
    `docs2code diff HEAD~1:input_docs input_docs`.  Each change is breaking or
    non-breaking, with a reason and the file:line it comes from.

    Exit codes: 0 no change at the --fail-on level, 1 changes, 2 usage or internal error.
    """
    limits = resolve("diff", None).limits
    with ExitStack() as stack:
        try:
            roots = [stack.enter_context(doc_root(arg)) for arg in (old, new)]
        except RevisionError as exc:
            fail("diff", str(exc))
        try:
            failures: list[str] = []
            before, after = (_read(root, failures, limits) for root in roots)
            with faults.collecting() as failed:
                changes = compare(before, after)
            failures += [f"comparing {f.line()}" for f in failed]
            _report(failures, failed)
            labels = Labels(roots[0].label, roots[1].label, roots[0].prefix, roots[1].prefix)
            text = _RENDER[fmt](changes, labels)
        except Exception as exc:  # a bug: report it as one (exit 2), without a traceback
            internal_error("diff", exc)
    click.echo(text, nl=False)
    finish(Exit.findings_if(_failing(changes, fail_on)))


def _read(root: DocRoot, failures: list[str], limits: Limits) -> Surface:
    """The surface of ``root``; what failed in it is added to ``failures`` (one line each,
    naming the side, the item and its file:line) and echoed with its traceback in debug mode."""
    model = read_docs([root.path], limits=limits)
    if not model.pages:
        click.echo(f"docs2code diff: warning: no Markdown pages in {root.label}", err=True)
    with faults.collecting() as failed:
        found = surface(model)
    for f in failed:
        echo_traceback(f.traceback)
        failures.append(f"reading {root.label}: {f.line()}")
    return found


def _report(lines: list[str], failed: list[Failure]) -> None:
    """Every failure of both sides and of the comparison, then exit 2; nothing else."""
    for f in failed:
        echo_traceback(f.traceback)
    if lines:
        for line in lines:
            click.echo(f"docs2code diff: internal error {line}", err=True)
        finish(Exit.ERROR)


def _failing(changes: tuple[Change, ...], fail_on: str) -> bool:
    if fail_on == "any":
        return bool(changes)
    if fail_on == "breaking":
        return any(c.severity is Level.BREAKING for c in changes)
    return False
