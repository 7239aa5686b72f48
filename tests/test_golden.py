"""Golden files: committed outputs for input_docs/, compared byte for byte.

Regenerate after an intended change with `make golden`, then review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"


def test_lint_text_output_for_input_docs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)
    result = CliRunner().invoke(main, ["lint", "input_docs"])
    assert result.exit_code == 1  # the seeds have error-level findings
    assert result.stdout == (GOLDEN / "lint-input_docs.txt").read_text(encoding="utf-8")
