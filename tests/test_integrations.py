"""The pre-commit hooks this repository offers run real docs2code subcommands."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import click
import pytest
import yaml

from generator.cli import main

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / ".pre-commit-hooks.yaml"
REQUIRED = {"lint"}  # committed; check and diff are being added to the CLI


def hooks() -> list[dict[str, Any]]:
    data = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def subcommands() -> set[str]:
    return set(main.list_commands(click.Context(main)))


def test_hooks_are_complete_and_distinct() -> None:
    found = hooks()
    assert [h["id"] for h in found] == ["docs2code-lint", "docs2code-check"]
    for hook in found:
        assert {"id", "name", "entry", "language"} <= hook.keys()
        assert hook["language"] == "python"
        re.compile(hook.get("files", ""))
    lint, check = found
    assert lint["entry"] == "docs2code lint"
    assert re.search(lint["files"], "docs/api/user-get.md")
    assert not re.search(lint["files"], "docs/api/user-get.py")
    assert lint.get("pass_filenames", True) is True
    assert check["entry"] == "docs2code check"
    assert check["pass_filenames"] is False


@pytest.mark.parametrize("hook", hooks(), ids=lambda h: str(h["id"]))
def test_each_entry_is_a_subcommand_of_the_cli(hook: dict[str, Any]) -> None:
    program, command, *_ = shlex.split(hook["entry"])
    assert program == "docs2code"
    if command not in REQUIRED and command not in subcommands():
        pytest.skip(f"docs2code {command} is not registered yet")
    assert command in subcommands()
    assert isinstance(main.get_command(click.Context(main), command), click.Command)
