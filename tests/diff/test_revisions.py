"""``REV:FOLDER`` arguments: docs read from git revisions of a temporary repository."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.diff.revisions import split_revision
from tests.diff.docs import api_page, invoke, write

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

TWO_PATHS = ("/me/items/{id}", "/drives/{drive-id}/items/{id}")
REMOVED_LINE = api_page(paths=TWO_PATHS).split("\n").index("GET /drives/{drive-id}/items/{id}") + 1


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose docs/ lost a path in the second commit; the current directory."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    write(root / "docs", {"api/get.md": api_page(paths=TWO_PATHS)})
    write(root, {"README.md": "not docs\n"})
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first")
    write(root / "docs", {"api/get.md": api_page(paths=TWO_PATHS[:1])})
    git(root, "commit", "-q", "-am", "second")
    monkeypatch.chdir(root)
    return root


def test_two_revisions(repo: Path) -> None:
    result = invoke("HEAD~1:docs", "HEAD:docs", "--fail-on", "breaking")
    assert result.exit_code == 1, result.stderr
    assert result.stdout.startswith(f"HEAD~1:docs/api/get.md:{REMOVED_LINE}: breaking path-removed")


def test_a_revision_against_the_working_tree(repo: Path) -> None:
    write(repo / "docs", {"api/get.md": api_page(paths=TWO_PATHS)})  # restored, not committed
    result = invoke("HEAD:docs", "docs", "--format", "json")
    changes = [(c["kind"], c["location"]) for c in json.loads(result.stdout)["changes"]]
    assert changes == [("path-added", f"docs/api/get.md:{REMOVED_LINE}")]


def test_the_folder_is_relative_to_the_current_directory(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "docs")
    result = invoke("HEAD~1:api", "HEAD:api")
    assert result.stdout.startswith("HEAD~1:api/get.md:")
    assert "path-removed" in result.stdout


def test_a_folder_deleted_since_can_still_be_read(repo: Path) -> None:
    shutil.rmtree(repo / "docs")
    result = invoke("HEAD~1:docs", "HEAD:docs")
    assert result.exit_code == 0, result.stderr
    assert "path-removed" in result.stdout


def test_only_the_folder_is_read(repo: Path) -> None:
    # README.md at the root is no doc page; reading HEAD:. reads both, and still no change
    result = invoke("HEAD:.", "HEAD:docs")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "No API changes.\n"


def test_temporary_folders_are_removed(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr("tempfile.tempdir", None)
    assert invoke("HEAD~1:docs", "HEAD:docs").exit_code == 0
    assert list(scratch.iterdir()) == []


@pytest.mark.parametrize(
    ("arg", "message"),
    [
        ("nosuchrev:docs", "git archive failed"),
        ("HEAD:nosuchfolder", "git archive failed"),
        ("--output=x:docs", "not a git revision"),
        (":docs", "not a git revision"),
    ],
)
def test_bad_revisions_are_usage_errors(repo: Path, arg: str, message: str) -> None:
    result = invoke("--", arg, "docs")  # "--": an argument, even when it looks like an option
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert not (repo / "x").exists()


def test_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = write(tmp_path / "plain", {"docs/a.md": api_page()})
    monkeypatch.chdir(outside)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    result = invoke("HEAD:docs", "docs")
    assert result.exit_code == 2
    assert "not a git repository" in result.stderr


def test_without_git(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = invoke("HEAD~1:docs", "docs")
    assert result.exit_code == 2
    assert "git is not installed" in result.stderr


def test_an_existing_path_is_never_a_revision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a:b").mkdir()
    assert split_revision("a:b") is None
    assert split_revision("v1.0:docs/api") == ("v1.0", "docs/api")
    assert split_revision("HEAD:") == ("HEAD", ".")
