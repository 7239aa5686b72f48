"""build_plan's order (issue 25): openapi.json is encoded while black's worker processes
format the other parts, and the pool's processes and servers are gone before its text is
joined and the plan written; a failure anywhere is still reported with all the others,
and nothing is written."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator import workers
from generator.cli import main
from generator.openapi import document
from generator.render import formatting
from tests.lint.lint_docs import write

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "input_docs"
BROKEN_TYPE = "microsoft.graph.identitySet"


def children() -> list[str]:
    """The command lines of this process's child processes."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmdline = f.read()
        except OSError:  # gone since the listing
            continue
        if int(stat[stat.rindex(b")") + 2 :].split()[1]) == os.getpid():
            found.append(cmdline.replace(b"\0", b" ").decode(errors="replace"))
    return found


@pytest.fixture
def pooled(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Black formats in worker processes however small the plan; the pools started."""
    started: list[int] = []
    real = formatting.worker_pool

    def counted(jobs: int) -> Any:
        started.append(jobs)
        return real(jobs)

    monkeypatch.setattr(formatting, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(formatting, "worker_pool", counted)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    return started


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="lists processes through /proc")
def test_the_pool_and_its_servers_are_gone_once_the_plan_is_made(
    tmp_path: Path, pooled: list[int]
) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(DOCS), "-o", str(out), "--no-cache", "-q"])
    assert result.exit_code == 0, result.output
    assert pooled == [2]
    assert not any("multiprocessing" in c for c in children())
    for rel in ("openapi.json", "sdk/pyproject.toml"):
        assert (out / rel).read_bytes() == (ROOT / "generated" / rel).read_bytes()
    with workers.worker_pool(1) as pool:  # the servers start again for the next pool
        assert list(pool.map(abs, [-1])) == [1]
    workers.stop_servers()
    assert not any("multiprocessing" in c for c in children())


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="lists processes through /proc")
def test_an_openapi_failure_while_black_runs_is_reported_with_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pooled: list[int]
) -> None:
    """A schema of openapi.json fails while black's workers fail on a part's file: both
    are named, nothing is written, and the workers and servers are gone."""
    real = document.type_schema

    def failing(inputs: Any, *args: Any) -> Any:
        if inputs.type.full_name == BROKEN_TYPE:
            raise ValueError("openapi schema")
        return real(inputs, *args)

    monkeypatch.setattr(document, "type_schema", failing)
    write(tmp_path / "templates", {"stubs/package_init.py.jinja": "def broken(:\n    pass\n"})
    out = tmp_path / "out"
    args = ["build", str(DOCS), "-o", str(out), "--no-cache", "--templates"]
    result = CliRunner().invoke(main, [*args, str(tmp_path / "templates")])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if "internal error in" in line]
    assert len(errors) == 2, result.stderr
    assert "generated file docs2code_stubs/__init__.py: InvalidInput:" in errors[0] + errors[1]
    assert f"type {BROKEN_TYPE} (" in errors[0] + errors[1]
    assert "ValueError: openapi schema" in errors[0] + errors[1]
    assert result.stderr.splitlines()[-1].endswith(
        "2 internal error(s) while rendering; nothing written"
    )
    assert not out.exists()
    assert pooled == [2]
    assert not any("multiprocessing" in c for c in children())


def test_the_workers_parse_the_python_files_and_the_plan_names_them(pooled: list[int]) -> None:
    from generator.output.verify import Checked
    from generator.pipeline.plan import build_plan
    from generator.read import read_docs
    from generator.render.options import BuildOptions

    plan = build_plan(read_docs([DOCS]), BuildOptions())
    assert isinstance(plan, Checked) and pooled == [2]
    python = {rel for rel in plan if rel.endswith(".py")}
    assert python and set(plan.checked) == python
    assert all(plan.checked[rel] is plan[rel] for rel in python)
