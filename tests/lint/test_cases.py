"""The lint cases (tests/lint/cases, see README.md there): small pages, each with the
exact output of ``docs2code lint`` beside it, so a finding's line and column, its
message, and any finding nobody meant are all pinned.

A case is a page ``name.md`` (expected output ``name.expected``) or a folder ``name/``
of pages (``name/expected.txt``), linted with every rule from the cases folder, so the
output names ``name.md:LINE:COLUMN``.  After an intended change, rewrite every expected
file from the repository root and review the diff:

    .venv/bin/python -m tests.lint.test_cases --refresh
"""

from __future__ import annotations

import contextlib
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.lint.registry import RULES

CASES = Path(__file__).resolve().parent / "cases"
FOLDER_EXPECTED = "expected.txt"
PAGE_EXPECTED = ".expected"
NOT_CASES = frozenset({"README.md"})
FAMILIES = ("DC0", "DC1", "DC2", "DC3", "DC4", "DC5", "DC6", "DC7", "DC9")
FINDING = re.compile(r"^\S+:\d+:\d+: (DC\d{3}) ", re.MULTILINE)


def case_names() -> list[str]:
    """Every case: a page (``name.md``) or a folder of pages (``name/``)."""
    pages = [p.name for p in CASES.glob("*.md") if p.name not in NOT_CASES]
    folders = [p.name for p in CASES.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))]
    return sorted(pages + folders)


def expected_path(case: str) -> Path:
    path = CASES / case
    return path / FOLDER_EXPECTED if path.is_dir() else path.with_suffix(PAGE_EXPECTED)


def lint(case: str) -> Result:
    """``docs2code lint CASE``, in-process; the current folder must be :data:`CASES`
    (without the cache, which would be written there: tests/lint/test_lint_cache.py
    checks that the cache gives the same findings)."""
    return CliRunner().invoke(main, ["lint", "--no-cache", case])


@pytest.mark.parametrize("case", case_names())
def test_case_reports_the_expected_findings(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES)
    result = lint(case)
    assert result.exit_code in (0, 1), result.output  # 2: usage or internal error (DC902)
    assert result.stdout == expected_path(case).read_text(encoding="utf-8")


def test_every_case_has_its_expected_file_and_every_expected_file_its_case() -> None:
    cases = case_names()
    assert cases, "no lint cases"
    missing = [c for c in cases if not expected_path(c).is_file()]
    assert not missing, f"cases without expected output (run the refresh): {missing}"
    pinned = set(CASES.glob(f"*{PAGE_EXPECTED}"))
    pinned |= set(CASES.glob(f"*/{FOLDER_EXPECTED}"))
    orphans = sorted(
        p.relative_to(CASES).as_posix() for p in pinned - {expected_path(c) for c in cases}
    )
    assert not orphans, f"expected files without a case: {orphans}"


def test_every_rule_family_is_pinned_by_some_case() -> None:
    codes = {
        code
        for case in case_names()
        if expected_path(case).is_file()
        for code in FINDING.findall(expected_path(case).read_text(encoding="utf-8"))
    }
    assert [f for f in FAMILIES if not any(c.startswith(f) for c in codes)] == []


# Codes no committed page can draw: an internal error of the reader (DC000) or of a rule
# (DC902), an unreadable file (DC001), a missing path on the command line (DC013), a
# symbolic link out of the doc root (DC014, made at test time in tests/hostile).
UNPINNABLE = frozenset({"DC000", "DC001", "DC013", "DC014", "DC902"})


def test_every_rule_is_pinned_by_some_case() -> None:
    """Each rule's finding has its line and column pinned on a construct of its own."""
    pinned = {
        code
        for case in case_names()
        if expected_path(case).is_file()
        for code in FINDING.findall(expected_path(case).read_text(encoding="utf-8"))
    }
    unpinned = sorted(r.code for r in RULES if r.code not in pinned | UNPINNABLE)
    assert unpinned == [], "rules no case pins: add a case (README.md, 'Adding a case')"


def refresh() -> int:
    """Rewrite every expected file from what ``docs2code lint`` reports now."""
    status = 0
    with contextlib.chdir(CASES):
        for case in case_names():
            result = lint(case)
            if result.exit_code not in (0, 1):
                print(f"{case}: exit {result.exit_code}\n{result.output}", file=sys.stderr)
                status = 1
                continue
            path = expected_path(case)
            old = path.read_text(encoding="utf-8") if path.is_file() else None
            if result.stdout != old:
                path.write_text(result.stdout, encoding="utf-8", newline="")
                shown = path.relative_to(CASES.parents[2]).as_posix()
                print(f"{'updated' if old is not None else 'created'} {shown}")
    return status


if __name__ == "__main__":
    if sys.argv[1:] != ["--refresh"]:
        sys.exit("usage: python -m tests.lint.test_cases --refresh  (from the repository root)")
    sys.exit(refresh())
