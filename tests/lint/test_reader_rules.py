"""DC000-DC013: the reader's own diagnostics, run as lint rules.  The reader tests
(tests/test_malformed.py) show each code being produced; these show the rules pass
them on, one rule per code, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import READER_CODES
from generator.lint.context import LintContext
from generator.lint.registry import BY_CODE
from generator.lint.rules import reader_findings
from generator.read import docs as reader
from generator.read.docs import read_docs
from tests.lint.conftest import API_PAGE


def test_every_reader_code_is_a_rule_with_its_severity() -> None:
    assert [r.code for r in reader_findings.RULES] == list(READER_CODES)
    for code, spec in READER_CODES.items():
        assert BY_CODE[code].severity == spec.severity
        assert BY_CODE[code].summary == spec.summary


def test_each_rule_reports_only_its_own_code(tmp_path: Path) -> None:
    (tmp_path / "fence.md").write_text(API_PAGE + "\n```http\nGET /me\n", encoding="utf-8")
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    ctx = LintContext(read_docs([tmp_path]))
    found = {
        r.code: [(d.span.file, d.span.line) for d in r.check(ctx)] for r in reader_findings.RULES
    }
    assert {code: hits for code, hits in found.items() if hits} == {
        "DC004": [("fence.md", API_PAGE.count("\n") + 2)],
        "DC008": [("empty.md", 1)],
    }


def test_internal_error_while_reading_is_a_dc000_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader bug on one page becomes DC000 for that page; the run goes on."""

    def boom(*args: object) -> object:
        raise RuntimeError("boom")

    (tmp_path / "get.md").write_text(API_PAGE, encoding="utf-8")
    monkeypatch.setattr(reader, "_read_page", boom)
    ctx = LintContext(read_docs([tmp_path], jobs=1))
    [finding] = BY_CODE["DC000"].check(ctx)
    assert (finding.code, finding.span.file, finding.span.line) == ("DC000", "get.md", 1)
    assert finding.message == "internal error reading this page (RuntimeError: boom); page skipped"
