"""The SDK for the whole shared corpus: built, type-checked with mypy --strict, linted.

Slow (a few minutes); deselect with -m "not corpus".  Sizes and timings are reported by
benchmarks/bench_sdk.py, not asserted here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.model import Model
from tests.conftest import CorpusBuild
from tests.packages import write_plan

pytestmark = pytest.mark.corpus
BIN = Path(sys.executable).parent


def test_corpus_sdk_builds_and_passes_mypy_strict_and_ruff(
    tmp_path: Path, corpus_model: Model, corpus_build: CorpusBuild
) -> None:
    model = corpus_model
    plan = {p.removeprefix("sdk/"): t for p, t in corpus_build.plan.items() if p.startswith("sdk/")}
    write_plan(plan, tmp_path)
    variants = sum(len(op.paths) for op in model.operations)
    modules = [p for p in plan if p.startswith("docs2code_sdk/_paths/")]
    assert variants > 3500 and len(modules) > 40
    ruff = subprocess.run(
        [BIN / "ruff", "check", "docs2code_sdk"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert ruff.returncode == 0, ruff.stdout[-3000:]
    mypy = subprocess.run(
        [BIN / "mypy", "--strict", "--no-incremental", "docs2code_sdk"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert mypy.returncode == 0, mypy.stdout[-3000:]
