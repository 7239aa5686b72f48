"""Lint configuration: selection, per-path ignores, severities, discovery, errors, and the
command-line options that override it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli.settings import SettingsError, find_settings, read_lint_config
from generator.lint.config import LintConfig, parse_config
from generator.model import Severity
from tests.lint.lint_docs import (
    LEAST_TO_MOST,
    NO_FRONT_MATTER,
    TODO_ROW,
    WORK_ROW,
    invoke,
    page,
    run_lint,
    write,
)

MOST_TO_LEAST = "Permissions (from most to least privileged)"


def docs(root: Path) -> Path:
    """A doc set with one DC101 (error), one DC402 (error) and one DC405 (info)."""
    return write(
        root,
        {
            "api/todo.md": page((WORK_ROW, TODO_ROW), ("get_item", "todo")),
            "api/order.md": page(
                (LEAST_TO_MOST, MOST_TO_LEAST),
                (WORK_ROW, "|Delegated (work or school account)|Files.ReadWrite, Files.Read|"),
                ("get_item", "order"),
            ),
            "seeds/bare.md": NO_FRONT_MATTER.replace("get_item", "bare"),
        },
    )


def found(root: Path, config: LintConfig) -> list[str]:
    return sorted(d.code for d in run_lint(root, config).findings)


def lint_json(*args: str | Path) -> tuple[int, list[dict[str, object]]]:
    result = invoke("--format", "json", *args)
    assert result.stderr == "", result.stderr
    return result.exit_code, json.loads(result.stdout)["findings"]


def test_everything_by_default(tmp_path: Path) -> None:
    assert found(docs(tmp_path), LintConfig()) == ["DC101", "DC402", "DC405"]


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (LintConfig(select=("DC402",)), ["DC402"]),
        (LintConfig(select=("DC4",)), ["DC402", "DC405"]),
        (LintConfig(select=("DC1", "DC405")), ["DC101", "DC405"]),
        (LintConfig(select=("DC",)), ["DC101", "DC402", "DC405"]),
        (LintConfig(ignore=("DC402",)), ["DC101", "DC405"]),
        (LintConfig(ignore=("DC4",)), ["DC101"]),
        (LintConfig(select=("DC4",), ignore=("DC405",)), ["DC402"]),
        (LintConfig(select=("DC40",), ignore=("DC4",)), []),  # ignore wins
    ],
)
def test_select_and_ignore_by_code_and_prefix(
    tmp_path: Path, config: LintConfig, expected: list[str]
) -> None:
    assert found(docs(tmp_path), config) == expected


def test_select_and_ignore_from_a_config_file(tmp_path: Path) -> None:
    root = docs(tmp_path / "docs")
    (tmp_path / "docs2code.toml").write_text('[lint]\nselect = ["DC4"]\nignore = ["DC405"]\n')
    code, findings = lint_json(root)
    assert [f["code"] for f in findings] == ["DC402"]
    assert code == 1


@pytest.mark.parametrize(
    ("globs", "expected"),
    [
        ({"api/*.md": ["DC402"]}, ["DC101", "DC405"]),
        ({"api/todo.md": ["DC4"]}, ["DC101", "DC405"]),
        ({"*/order.md": ["DC405"], "seeds/*": ["DC101"]}, ["DC402"]),
        ({"api/*": ["DC1"]}, ["DC101", "DC402", "DC405"]),  # the code is on another path
        ({"other/*.md": ["DC4"]}, ["DC101", "DC402", "DC405"]),
        ({"api/[ot]*.md": ["DC4"]}, ["DC101"]),
        ({"**": ["DC"]}, []),
    ],
)
def test_per_path_ignores_with_globs(
    tmp_path: Path, globs: dict[str, list[str]], expected: list[str]
) -> None:
    table = parse_config({"per-path-ignores": globs}, "test")
    assert found(docs(tmp_path), table) == expected


def test_per_path_ignores_from_pyproject(tmp_path: Path) -> None:
    root = docs(tmp_path / "docs")
    (tmp_path / "pyproject.toml").write_text(
        "[project]\nname = 'x'\n\n"
        '[tool.docs2code.lint.per-path-ignores]\n"seeds/**" = ["DC101"]\n"api/t*.md" = ["DC402"]\n'
    )
    code, findings = lint_json(root)
    assert [f["code"] for f in findings] == ["DC405"]
    assert code == 0  # DC405 is info, below the default --fail-on error


def test_severity_override_changes_the_reported_severity(tmp_path: Path) -> None:
    root = docs(tmp_path)
    config = parse_config({"severity": {"DC402": "info", "dc405": "Error"}}, "test")
    severities = {d.code: d.severity for d in run_lint(root, config).findings}
    assert severities == {
        "DC101": Severity.ERROR,
        "DC402": Severity.INFO,
        "DC405": Severity.ERROR,
    }


def test_severity_override_by_prefix_longest_wins(tmp_path: Path) -> None:
    config = parse_config({"severity": {"DC4": "info", "DC402": "warning"}}, "test")
    severities = {d.code: d.severity for d in run_lint(docs(tmp_path), config).findings}
    assert severities["DC402"] == Severity.WARNING
    assert severities["DC405"] == Severity.INFO
    assert severities["DC101"] == Severity.ERROR


def test_severity_override_and_fail_on_choose_the_exit_code(tmp_path: Path) -> None:
    root = write(
        tmp_path / "docs",
        {"api/todo.md": page((WORK_ROW, TODO_ROW))},  # one DC402, an error by default
    )
    assert invoke(root).exit_code == 1
    config = tmp_path / "docs2code.toml"
    config.write_text('[lint.severity]\nDC402 = "warning"\n')
    result = invoke("--format", "json", root)
    assert json.loads(result.stdout)["findings"][0]["severity"] == "warning"
    assert result.exit_code == 0
    assert invoke("--fail-on", "warning", root).exit_code == 1
    assert invoke("--fail-on", "info", root).exit_code == 1
    config.write_text('[lint.severity]\nDC402 = "info"\n')
    assert invoke("--fail-on", "warning", root).exit_code == 0
    assert invoke("--fail-on", "info", root).exit_code == 1


def test_severity_override_can_raise_an_info_finding_to_failing(tmp_path: Path) -> None:
    root = docs(tmp_path / "docs")
    (tmp_path / "docs2code.toml").write_text(
        '[lint]\nselect = ["DC405"]\n[lint.severity]\nDC405 = "error"\n'
    )
    assert invoke(root).exit_code == 1
    assert invoke("--ignore", "DC405", root).exit_code == 0


# --- discovery: the one settings file of the command (generator/cli/settings.py) -------


def find_config(start: Path) -> LintConfig:
    return find_settings(start).lint


def test_no_config_file_means_defaults(tmp_path: Path) -> None:
    root = docs(tmp_path / "docs")
    assert find_config(root) == LintConfig()


def test_pyproject_found_from_the_doc_root_upwards(tmp_path: Path) -> None:
    project = tmp_path / "project"
    root = docs(project / "content" / "docs")
    pyproject = project / "pyproject.toml"
    pyproject.write_text('[tool.docs2code.lint]\nignore = ["DC1"]\n')
    config = find_config(root)
    assert config.ignore == ("DC1",)
    assert config.source == str(pyproject)
    assert find_config(root / "api" / "todo.md").source == str(pyproject)  # a file root
    code, findings = lint_json(root)
    assert sorted(f["code"] for f in findings) == ["DC402", "DC405"]
    assert code == 1


def test_docs2code_toml_found_from_the_doc_root_upwards(tmp_path: Path) -> None:
    root = docs(tmp_path / "a" / "docs")
    toml = tmp_path / "docs2code.toml"
    toml.write_text('[lint]\nselect = ["DC405"]\n')
    assert find_config(root).source == str(toml)
    assert [f["code"] for f in lint_json(root)[1]] == ["DC405"]


def test_pyproject_without_a_docs2code_table_is_skipped(tmp_path: Path) -> None:
    root = docs(tmp_path / "project" / "docs")
    (tmp_path / "project" / "pyproject.toml").write_text(
        "[project]\nname = 'unrelated'\n\n[tool.ruff]\nx = 1\n"
    )
    (root / "pyproject.toml").write_text("[tool.black]\nline-length = 88\n")
    above = tmp_path / "pyproject.toml"
    above.write_text('[tool.docs2code.lint]\nselect = ["DC101"]\n')
    assert find_config(root).source == str(above)
    assert [f["code"] for f in lint_json(root)[1]] == ["DC101"]


def test_the_nearest_settings_file_holds_the_lint_table_or_none(tmp_path: Path) -> None:
    """One settings file for everything: a nearer one without a lint table means the
    default lint settings, not a search on for another file's."""
    root = docs(tmp_path / "project" / "docs")
    (tmp_path / "docs2code.toml").write_text('[lint]\nselect = ["DC101"]\n')
    near = tmp_path / "project" / "pyproject.toml"
    near.write_text('[tool.docs2code]\npackage = "widgets"\n')
    assert find_config(root) == LintConfig()
    assert find_settings(root).source == near
    assert sorted(f["code"] for f in lint_json(root)[1]) == ["DC101", "DC402", "DC405"]


def test_the_nearest_config_wins(tmp_path: Path) -> None:
    root = docs(tmp_path / "project" / "docs")
    (tmp_path / "pyproject.toml").write_text('[tool.docs2code.lint]\nselect = ["DC101"]\n')
    near = tmp_path / "project" / "pyproject.toml"
    near.write_text('[tool.docs2code.lint]\nselect = ["DC402"]\n')
    assert find_config(root).source == str(near)
    assert [f["code"] for f in lint_json(root)[1]] == ["DC402"]


def test_docs2code_toml_before_pyproject_in_one_folder(tmp_path: Path) -> None:
    root = docs(tmp_path / "docs")
    (tmp_path / "pyproject.toml").write_text('[tool.docs2code.lint]\nselect = ["DC101"]\n')
    (tmp_path / "docs2code.toml").write_text('[lint]\nselect = ["DC402"]\n')
    assert find_config(root).select == ("DC402",)


def test_explicit_config_file(tmp_path: Path) -> None:
    root = docs(tmp_path / "docs")
    (tmp_path / "docs2code.toml").write_text('[lint]\nselect = ["DC101"]\n')
    explicit = tmp_path / "elsewhere" / "lint.toml"
    explicit.parent.mkdir()
    explicit.write_text('[tool.docs2code.lint]\nselect = ["DC405"]\n')
    assert read_lint_config(explicit).select == ("DC405",)
    assert [f["code"] for f in lint_json("--config", explicit, root)[1]] == ["DC405"]


# --- invalid configuration ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[lint]\nselect = ["DC1"]\nselct = ["DC2"]\n',
            "unknown key 'selct' in [lint]; did you mean 'select'?",
        ),
        ("[lint\nselect = [", "cannot read configuration"),
        ('[lint.severity]\nDC402 = "fatal"\n', "severity must be error, warning or info"),
        ('[lint]\nselect = "DC1"\n', "rule codes must be a list of strings"),
        ('[lint]\nper-path-ignores = ["a"]\n', "per-path-ignores and severity must be tables"),
        ('[lint.per-path-ignores]\n"a/*" = "DC1"\n', "rule codes must be a list of strings"),
        ("lint = 3\n", "[lint] must be a table"),
        ('[lint]\nselect = ["DC999"]\n', "unknown rule code(s)"),
        ('[lint.severity]\nDC777 = "info"\n', "unknown rule code(s)"),
        ('[lint.per-path-ignores]\n"a/*" = ["XX1"]\n', "unknown rule code(s)"),
    ],
)
def test_invalid_config_exits_2_with_a_message(tmp_path: Path, text: str, message: str) -> None:
    root = docs(tmp_path / "docs")
    config = tmp_path / "docs2code.toml"
    config.write_text(text)
    result = invoke(root)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("docs2code lint: ")
    assert message in result.stderr
    assert str(config) in result.stderr
    assert "Traceback" not in result.output
    # the same file named with --config
    named = invoke("--config", config, root)
    assert (named.exit_code, named.stderr) == (2, result.stderr)


def test_invalid_utf8_config(tmp_path: Path) -> None:
    root = docs(tmp_path / "docs")
    (tmp_path / "pyproject.toml").write_bytes(b"[tool.docs2code.lint]\nselect = ['\xff']\n")
    result = invoke(root)
    assert result.exit_code == 2
    assert "cannot read configuration" in result.stderr


def test_explicit_config_without_the_table_is_an_error(tmp_path: Path) -> None:
    root = docs(tmp_path / "docs")
    other = tmp_path / "pyproject.toml"
    other.write_text("[project]\nname = 'x'\n")
    result = invoke("--config", other, root)
    assert result.exit_code == 2
    assert "no [tool.docs2code.lint] table" in result.stderr
    with pytest.raises(SettingsError, match="no \\[lint\\] table"):
        read_lint_config(_write(tmp_path / "docs2code.toml", "[other]\n"))


def test_missing_explicit_config_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke("--config", tmp_path / "nope.toml", docs(tmp_path / "docs"))
    assert result.exit_code == 2
    assert "nope.toml" in result.stderr


def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


# --- command-line overrides --------------------------------------------------------


def test_cli_select_replaces_the_configured_list(tmp_path: Path) -> None:
    root = docs(tmp_path / "docs")
    (tmp_path / "docs2code.toml").write_text('[lint]\nselect = ["DC1"]\n')
    assert [f["code"] for f in lint_json(root)[1]] == ["DC101"]
    assert [f["code"] for f in lint_json("--select", "DC402", root)[1]] == ["DC402"]
    codes = sorted(f["code"] for f in lint_json("--select", "dc402, DC405", root)[1])
    assert codes == ["DC402", "DC405"]


def test_cli_ignore_adds_to_the_configured_list(tmp_path: Path) -> None:
    root = docs(tmp_path / "docs")
    (tmp_path / "docs2code.toml").write_text('[lint]\nignore = ["DC101"]\n')
    assert sorted(f["code"] for f in lint_json(root)[1]) == ["DC402", "DC405"]
    assert [f["code"] for f in lint_json("--ignore", "DC405", root)[1]] == ["DC402"]


def test_cli_select_keeps_the_configured_ignores(tmp_path: Path) -> None:
    root = docs(tmp_path / "docs")
    (tmp_path / "docs2code.toml").write_text('[lint]\nselect = ["DC1"]\nignore = ["DC405"]\n')
    assert [f["code"] for f in lint_json("--select", "DC4", root)[1]] == ["DC402"]


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_code_on_the_command_line_exits_2(tmp_path: Path, option: str) -> None:
    result = invoke(option, "DC402,DC999", docs(tmp_path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown rule code(s): DC999" in result.stderr


def test_unknown_prefix_on_the_command_line_exits_2(tmp_path: Path) -> None:
    result = invoke("--select", "XY", docs(tmp_path))
    assert result.exit_code == 2
    assert "XY" in result.stderr


def test_unknown_cli_code_is_not_blamed_on_the_config_file(tmp_path: Path) -> None:
    root = docs(tmp_path / "docs")
    (tmp_path / "docs2code.toml").write_text('[lint]\nselect = ["DC1"]\n')
    result = invoke("--select", "DC999", root)
    assert result.exit_code == 2
    assert result.stderr == "docs2code lint: unknown rule code(s): DC999; see --list-rules\n"
