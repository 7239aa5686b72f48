"""``docs2code lint``: exit codes, --explain, --list-rules, where output goes, defaults."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.cli import lint as command
from generator.lint.registry import BY_CODE, RULES
from generator.lint.rule import Rule
from tests.lint.lint_docs import (
    CLEAN,
    LEAST_TO_MOST,
    NO_FRONT_MATTER,
    REPO,
    TODO_ROW,
    WORK_ROW,
    invoke,
    page,
    write,
)

MOST_TO_LEAST = "Permissions (from most to least privileged)"
REVERSED_WORK = "|Delegated (work or school account)|Files.ReadWrite, Files.Read|"


def one(tmp_path: Path, text: str) -> Path:
    return write(tmp_path / "docs", {"api/get.md": text})


# --- exit codes --------------------------------------------------------------------


def test_clean_docs_exit_0(tmp_path: Path) -> None:
    root = one(tmp_path, CLEAN)
    for fail_on in ("error", "warning", "info"):
        result = invoke("--fail-on", fail_on, root)
        assert (result.exit_code, result.stdout, result.stderr) == (0, "No findings.\n", "")


def test_an_error_finding_exits_1(tmp_path: Path) -> None:
    result = invoke(one(tmp_path, page((WORK_ROW, TODO_ROW))))
    assert result.exit_code == 1
    assert "DC402" in result.stdout


@pytest.mark.parametrize(("fail_on", "code"), [("error", 0), ("warning", 0), ("info", 1)])
def test_fail_on_an_info_finding(tmp_path: Path, fail_on: str, code: int) -> None:
    root = one(tmp_path, page((LEAST_TO_MOST, MOST_TO_LEAST), (WORK_ROW, REVERSED_WORK)))
    result = invoke("--fail-on", fail_on, root)
    assert result.exit_code == code
    assert "DC405" in result.stdout  # reported whatever the threshold


@pytest.mark.parametrize(("fail_on", "code"), [("error", 0), ("warning", 1), ("info", 1)])
def test_fail_on_a_warning_finding(tmp_path: Path, fail_on: str, code: int) -> None:
    root = one(tmp_path, page(('"name": "get_item" }', '"name": "get_item", }')))  # DC006
    result = invoke("--fail-on", fail_on, root)
    assert result.exit_code == code
    assert "DC006" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("--format", "xml"),
        ("--fail-on", "fatal"),
        ("--no-such-option",),
        ("--explain", "DC999"),
        ("--explain", "nonsense"),
        ("--select", "DC999"),
        ("--ignore", "ZZ"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = invoke(*args, one(tmp_path, CLEAN))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip()


def test_bad_format_names_the_choices(tmp_path: Path) -> None:
    result = invoke("--format", "xml", one(tmp_path, CLEAN))
    assert "xml" in result.stderr
    assert "sarif" in result.stderr


def test_unknown_explain_code_says_where_to_look() -> None:
    result = invoke("--explain", "DC999")
    assert result.exit_code == 2
    assert result.stderr == "docs2code lint: no rule 'DC999'; see --list-rules\n"


def test_an_internal_error_exits_2_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(command, "cached_lint", broken)
    result = invoke(one(tmp_path, CLEAN))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "docs2code lint: internal error: RuntimeError: boom\n"


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke(tmp_path / "nope")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"docs2code lint: no such file or folder: {tmp_path / 'nope'}\n"


# --- --explain and --list-rules ----------------------------------------------------


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_explain_every_rule(rule: Rule) -> None:
    result = invoke("--explain", rule.code)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    first = result.stdout.split("\n", 1)[0]
    assert first.startswith(f"{rule.code} {rule.name} [{rule.severity.value}]")
    assert ("fixable with --fix" in first) is rule.fixable
    assert rule.summary in result.stdout
    assert rule.explanation.strip() in result.stdout


def test_explain_every_registered_code_in_a_loop() -> None:
    """The registry as it is when the test runs, rules added since included."""
    for code, rule in BY_CODE.items():
        result = invoke("--explain", code.lower())
        assert result.exit_code == 0, (code, result.output)
        assert rule.summary in result.stdout
        assert rule.explanation.strip() in result.stdout


def test_every_rule_is_documented() -> None:
    for rule in RULES:
        assert re.fullmatch(r"DC\d{3}", rule.code)
        assert rule.summary.strip() and "\n" not in rule.summary
        assert len(rule.explanation.strip()) > len(rule.summary)


def test_explain_needs_no_docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no input_docs here
    assert invoke("--explain", "DC101").exit_code == 0


def test_list_rules_lists_every_code() -> None:
    result = invoke("--list-rules")
    assert result.exit_code == 0
    assert result.stderr == ""
    lines = result.stdout.rstrip("\n").split("\n")
    assert [line.split()[0] for line in lines] == [r.code for r in RULES]
    for line, rule in zip(lines, RULES, strict=True):
        assert rule.severity.value in line.split()[1]
        assert line.endswith(f"{rule.name}: {rule.summary}")


def test_fixable_rules_are_the_ones_with_a_fixer() -> None:
    fixable = {r.code for r in RULES if r.fixable}
    assert {"DC006", "DC405"} <= fixable
    assert fixable <= set(command.FIXERS)
    assert all(BY_CODE[code].fixable for code in command.FIXERS if code in BY_CODE)


# --- stdout and stderr -------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_results_go_to_stdout_only(tmp_path: Path, fmt: str) -> None:
    result = invoke("--format", fmt, one(tmp_path, page((WORK_ROW, TODO_ROW))))
    assert result.exit_code == 1
    assert result.stderr == ""
    assert "DC402" in result.stdout


def test_errors_go_to_stderr_only(tmp_path: Path) -> None:
    root = one(tmp_path, page((WORK_ROW, TODO_ROW)))
    (tmp_path / "docs2code.toml").write_text("[lint]\nbogus = 1\n")
    result = invoke(root)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown key 'bogus' in [lint]; known keys: select, ignore" in result.stderr


def test_fix_notes_go_to_stderr(tmp_path: Path) -> None:
    root = one(tmp_path, page(('"name": "get_item" }', '"name": "get_item", }')))
    result = invoke("--fix", "--format", "json", root)
    assert result.exit_code == 0
    assert result.stderr == "Fixed 1 file(s).\n"
    assert json.loads(result.stdout) == {"findings": [], "counts": {}}


# --- paths -------------------------------------------------------------------------


def test_default_path_is_input_docs_from_the_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    default = invoke("--format", "json")
    named = invoke("--format", "json", "input_docs")
    assert default.exit_code == named.exit_code
    assert default.stdout == named.stdout
    files = {f["file"] for f in json.loads(default.stdout)["findings"]}
    assert files
    assert all(f.startswith("input_docs/") for f in files)


def test_default_path_is_input_docs_in_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "input_docs", {"api/bare.md": NO_FRONT_MATTER})
    write(tmp_path / "other", {"api/todo.md": page((WORK_ROW, TODO_ROW))})
    monkeypatch.chdir(tmp_path)
    result = invoke()
    assert result.exit_code == 1
    assert result.stdout.startswith("input_docs/api/bare.md:1:1: DC101 ")
    assert "other" not in result.stdout


def test_several_paths_and_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "a", {"api/bare.md": NO_FRONT_MATTER})
    write(tmp_path / "b", {"todo.md": page((WORK_ROW, TODO_ROW), ("get_item", "todo"))})
    monkeypatch.chdir(tmp_path)
    result = invoke("--format", "json", "a", "b/todo.md")
    files = [f["file"] for f in json.loads(result.stdout)["findings"]]
    assert files == ["a/api/bare.md", "b/todo.md"]
