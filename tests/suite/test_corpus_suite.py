"""The generated example tests for the whole shared corpus: built with the SDK and the stub
server, run in a pytest of their own, pass rate reported; the failures that remain are
doc defects the linter reports on the failing example.

Slow (about a minute); deselect with -m "not corpus".  The failures are explained by
scripts/suite_pass_rate.py and docs/generated-tests-report.md."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pytest

from generator.build import BuildOptions, build_plan
from generator.lint.config import LintConfig
from generator.lint.engine import lint
from generator.lint.registry import RULES
from generator.model import Model
from generator.reader import read_docs

pytestmark = pytest.mark.corpus
CORPUS = Path(
    os.environ.get(
        "DOCS2CODE_CORPUS",
        Path(__file__).resolve().parents[3] / "shared" / "corpus" / "graph-v1.0",
    )
)
# Of the examples that run (not skipped), at least this share must pass.  Measured:
# 2,336 of 2,351 (99.4%); the 15 failures are doc defects (docs/generated-tests-report.md).
PASS_RATE = 0.99
# Failing examples on whose lines the linter reports nothing: example values that
# contradict their declared types in ways no rule reports yet (measured: 3, the
# provisioningobjectsummary-list examples and user-get-mailboxsettings example 3).
UNLINTED_FAILURES = 3


def failed_tests(junit: Path) -> list[str]:
    """Example keys (test names without ``test_``) that failed or raised."""
    return [
        case.get("name", "").removeprefix("test_")
        for case in ET.parse(junit).iter("testcase")
        if case.find("failure") is not None or case.find("error") is not None
    ]


def linted_lines(model: Model) -> dict[str, set[int]]:
    found: dict[str, set[int]] = defaultdict(set)
    for d in lint(model, RULES, LintConfig()).findings:
        found[d.span.file].add(d.span.line)
    return found


def test_corpus_suite_pass_rate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not (CORPUS / "api").is_dir():
        pytest.skip(f"corpus not found at {CORPUS} (set DOCS2CODE_CORPUS)")
    model = read_docs([CORPUS])
    for rel, text in build_plan(model, BuildOptions()).items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCS2CODE_")}
    junit = tmp_path / "junit.xml"
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"]
    done = subprocess.run(
        [*command, f"--junitxml={junit}"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    last = done.stdout.strip().splitlines()[-1]
    counts = {word: int(n) for n, word in re.findall(r"(\d+) (\w+)", last)}
    passed, failed = counts.get("passed", 0), counts.get("failed", 0)
    assert "error" not in counts and "errors" not in counts, done.stdout[-3000:]
    total, runnable = sum(counts.values()), passed + failed
    with capsys.disabled():
        print(f"\ngenerated suite on the corpus: {last}")
        print(f"pass rate {passed / total:.1%} of all, {passed / runnable:.1%} of runnable")
    assert total > 2000
    assert "xfailed" not in counts and "xpassed" not in counts, last
    assert passed / runnable >= PASS_RATE, done.stdout[-3000:]
    examples = json.loads((tmp_path / "tests" / "examples.json").read_text("utf-8"))["examples"]
    lines = linted_lines(model)
    unlinted = []
    for key in failed_tests(junit):
        first, end = examples[key]["lines"]
        if not any(first <= line <= end for line in lines.get(examples[key]["page"], ())):
            unlinted.append(key)
    assert len(unlinted) <= UNLINTED_FAILURES, unlinted
