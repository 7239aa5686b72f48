"""``docs2code check``: is the output folder what ``build`` would make of the docs?

The same rendering and the same :func:`generator.pipeline.sync` as ``build``,
with writing switched off, so "check passes" means "build would write nothing".
"""

from __future__ import annotations

from typing import Any

import click

from generator import pipeline
from generator.cli.build import render_for
from generator.cli.progress import quiet_option
from generator.cli.target import target_options
from generator.exits import finish
from generator.output.report import report


@click.command("check")
@target_options
@click.option("--diff", is_flag=True, help="Show a unified diff of each stale file.")
@quiet_option
def check_command(diff: bool, quiet: bool, **flags: Any) -> None:
    """Exit 1 and list the files a build of DOCS would add, change or delete in OUTPUT
    (files edited by hand count as stale, and say so); exit 0 when OUTPUT is up to date."""
    plan, output = render_for("check", quiet, **flags)
    result = pipeline.sync(output, plan, write=False)
    finish(report(result, output, command="check", write=False, diff=diff))
