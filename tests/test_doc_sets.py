"""A doc root that does not exist, and a doc set without a page, are the same usage
error for every command: exit 2, the path named on stderr, nothing on stdout, nothing
written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main

PAGE = "---\ntitle: T\ndescription: D\n---\n\n# T\n"

# every command that reads doc roots, as run on DOCS (OUT: an output folder)
COMMANDS = {
    "model": ("model", "DOCS"),
    "model -o": ("model", "DOCS", "-o", "OUT/model.json"),
    "openapi": ("openapi", "DOCS"),
    "openapi -o": ("openapi", "DOCS", "-o", "OUT/openapi.json"),
    "lint": ("lint", "DOCS"),
    "lint --fix": ("lint", "--fix", "DOCS"),
    "build": ("build", "DOCS", "-o", "OUT"),
    "check": ("check", "DOCS", "-o", "OUT"),
    "watch": ("watch", "DOCS", "-o", "OUT"),
    "diff old": ("diff", "DOCS", "good"),
    "diff new": ("diff", "good", "DOCS"),
}
WITHOUT_PAGES = ("model", "model -o", "openapi", "openapi -o", "lint", "build", "check")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "good").mkdir()
    (tmp_path / "good" / "a.md").write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(name: str, docs: str) -> Result:
    args = [docs if a == "DOCS" else a.replace("OUT", "out") for a in COMMANDS[name]]
    result = CliRunner().invoke(main, [*args, "--no-cache"] if args[0] in _CACHED else args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    return result


_CACHED = ("build", "check", "watch")


@pytest.mark.parametrize("name", COMMANDS)
def test_a_missing_doc_root_is_exit_2_naming_it(project: Path, name: str) -> None:
    result = invoke(name, "nope")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"docs2code {COMMANDS[name][0]}: ")
    assert "nope: no such file or folder" in result.stderr or (
        "no such file or folder: nope" in result.stderr
    )
    assert result.stderr.count("\n") == 1
    assert not (project / "out").exists()


@pytest.mark.parametrize("name", ["model", "lint", "build"])
def test_one_missing_root_among_several_stops_the_command(project: Path, name: str) -> None:
    args = [a for a in COMMANDS[name] if a != "DOCS"][1:]
    result = CliRunner().invoke(main, [COMMANDS[name][0], "good", "nope", *args])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"docs2code {COMMANDS[name][0]}: no such file or folder: nope\n"


def test_serve_without_its_output_folder_is_exit_2_naming_it(project: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "nope"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert "nope" in result.stderr and result.stderr.count("\n") == 1


def test_a_missing_configured_doc_root_is_exit_2_too(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.docs2code]\ndocs = ["gone"]\n', encoding="utf-8")
    for command in ("model", "openapi", "lint", "build", "check"):
        result = CliRunner().invoke(main, [command])
        assert (result.exit_code, result.stdout) == (2, ""), command
        assert result.stderr == f"docs2code {command}: no such file or folder: gone\n"


@pytest.mark.parametrize("name", WITHOUT_PAGES)
def test_a_doc_set_without_a_page_is_exit_2(project: Path, name: str) -> None:
    (project / "empty" / "sub").mkdir(parents=True)
    (project / "empty" / "notes.txt").write_text("not a page\n", encoding="utf-8")
    result = invoke(name, "empty")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"docs2code {COMMANDS[name][0]}: no pages in empty: no *.md file under it; nothing to do\n"
    )
    assert not (project / "out").exists()


def test_a_page_anywhere_below_or_a_file_root_is_a_doc_set(project: Path) -> None:
    (project / "deep" / "a" / "b").mkdir(parents=True)
    (project / "deep" / "a" / "b" / "x.md").write_text(PAGE, encoding="utf-8")
    (project / "page.txt").write_text(PAGE, encoding="utf-8")  # a file is read whatever its name
    for docs in ("deep", "page.txt"):
        result = CliRunner().invoke(main, ["model", docs])
        assert result.exit_code == 0, result.output


def test_diff_accepts_an_empty_side(project: Path) -> None:
    """An empty revision is a valid side of a diff: every operation is added."""
    (project / "empty").mkdir()
    result = CliRunner().invoke(main, ["diff", "empty", "good"])
    assert result.exit_code == 0, result.output
    assert "warning: no Markdown pages in empty" in result.stderr
