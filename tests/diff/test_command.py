"""``docs2code diff``: output formats, --fail-on exit codes, where output goes, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.diff.docs import api_page, invoke, write

TWO_PATHS = ("/me/items/{id}", "/drives/{drive-id}/items/{id}")
QUERY = (("$top", "Int32", "How many."),)


def revisions(tmp_path: Path, old: str, new: str) -> tuple[Path, Path]:
    return write(tmp_path / "old", {"api/get.md": old}), write(
        tmp_path / "new", {"api/get.md": new}
    )


@pytest.fixture
def path_removed(tmp_path: Path) -> tuple[Path, Path]:
    """One breaking change: a path removed."""
    return revisions(tmp_path, api_page(paths=TWO_PATHS), api_page(paths=TWO_PATHS[:1]))


@pytest.fixture
def query_added(tmp_path: Path) -> tuple[Path, Path]:
    """One non-breaking change: an optional query parameter added."""
    return revisions(tmp_path, api_page(), api_page(query=QUERY))


def test_no_changes(tmp_path: Path) -> None:
    old, new = revisions(tmp_path, api_page(), api_page())
    for fail_on in ("breaking", "any", "never"):
        result = invoke(old, new, "--fail-on", fail_on)
        assert (result.exit_code, result.stdout, result.stderr) == (0, "No API changes.\n", "")


@pytest.mark.parametrize(("fail_on", "code"), [("never", 0), ("breaking", 1), ("any", 1)])
def test_fail_on_a_breaking_change(
    path_removed: tuple[Path, Path], fail_on: str, code: int
) -> None:
    result = invoke(*path_removed, "--fail-on", fail_on)
    assert result.exit_code == code
    assert "path-removed" in result.stdout and result.stderr == ""


@pytest.mark.parametrize(("fail_on", "code"), [("never", 0), ("breaking", 0), ("any", 1)])
def test_fail_on_a_non_breaking_change(
    query_added: tuple[Path, Path], fail_on: str, code: int
) -> None:
    result = invoke(*query_added, "--fail-on", fail_on)
    assert result.exit_code == code
    assert "query-parameter-added" in result.stdout


def test_the_default_is_never(path_removed: tuple[Path, Path]) -> None:
    assert invoke(*path_removed).exit_code == 0


def test_text_names_locations_as_the_arguments_do(path_removed: tuple[Path, Path]) -> None:
    old, new = path_removed
    lines = invoke(old, new).stdout.split("\n")
    line = api_page(paths=TWO_PATHS).split("\n").index("GET /drives/{drive-id}/items/{id}") + 1
    assert lines[0].startswith(f"{old.as_posix()}/api/get.md:{line}: breaking path-removed: ")
    assert lines[1:] == ["1 breaking, 0 non-breaking change.", ""]


def test_json_format(path_removed: tuple[Path, Path]) -> None:
    result = invoke(*path_removed, "--format", "json")
    data = json.loads(result.stdout)
    assert data["counts"] == {"breaking": 1, "non-breaking": 0}
    assert [c["kind"] for c in data["changes"]] == ["path-removed"]
    assert data["changes"][0]["subject"] == "GET /drives/{}/items/{}"


def test_markdown_format(path_removed: tuple[Path, Path]) -> None:
    md = invoke(*path_removed, "--format", "markdown").stdout
    assert md.startswith("## API changes\n")
    assert "### Breaking (1)" in md and "Non-breaking (" not in md
    assert "| `path-removed` | `GET /drives/{}/items/{}` |" in md


def test_output_is_deterministic(tmp_path: Path) -> None:
    pages = {f"api/p{n}.md": api_page(paths=(f"/p{n}/{{id}}",)) for n in range(12)}
    old = write(tmp_path / "old", pages)
    new = write(tmp_path / "new", {"keep.md": api_page(paths=("/kept",))})
    first = invoke(old, new, "--format", "json").stdout
    assert first == invoke(old, new, "--format", "json").stdout
    subjects = [c["subject"] for c in json.loads(first)["changes"]]
    assert subjects[:12] == sorted(subjects[:12]) and len(subjects) == 13


def test_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke(tmp_path / "nope", tmp_path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "nope: no such file or folder" in result.stderr


def test_an_unknown_format_is_a_usage_error(path_removed: tuple[Path, Path]) -> None:
    result = invoke(*path_removed, "--format", "html")
    assert result.exit_code == 2 and result.stdout == ""


def test_a_folder_without_pages_is_warned_about(tmp_path: Path) -> None:
    old = write(tmp_path / "old", {"api/get.md": api_page()})
    empty = tmp_path / "empty"
    empty.mkdir()
    result = invoke(old, empty)
    assert result.exit_code == 0
    assert "operation-removed" in result.stdout
    assert f"warning: no Markdown pages in {empty}" in result.stderr


def test_single_files_can_be_compared(tmp_path: Path) -> None:
    old = write(tmp_path, {"old.md": api_page(paths=TWO_PATHS)}) / "old.md"
    new = write(tmp_path, {"new.md": api_page(paths=TWO_PATHS[:1])}) / "new.md"
    result = invoke(old, new)
    assert result.stdout.startswith(f"{tmp_path.as_posix()}/old.md:")
    assert "path-removed" in result.stdout
