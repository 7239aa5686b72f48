"""Settings, cache and template overrides as the commands see them: `[tool.docs2code]`
names the doc roots, output, package, templates and cache for every command; flags win."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "input_docs" / "api" / "driveitemversion-get.md"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose settings name its docs, output, package, templates and cache."""
    (tmp_path / "pages").mkdir()
    shutil.copy(PAGE, tmp_path / "pages" / PAGE.name)
    (tmp_path / "pyproject.toml").write_text(
        "[tool.docs2code]\n"
        'docs = ["pages"]\noutput = "out"\npackage = "vers"\n'
        'templates = "custom"\ncache_dir = "cache"\n',
        encoding="utf-8",
    )
    (tmp_path / "custom" / "sdk").mkdir(parents=True)
    (tmp_path / "custom" / "sdk" / "pyproject.toml.jinja").write_text(
        "# custom for {{ package }}\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_build_reads_every_setting(project: Path) -> None:
    code, _, err = run("build")
    assert code == 0, err
    out = project / "out"
    assert (out / "sdk" / "vers" / "__init__.py").is_file()
    assert (out / "stubs" / "vers_stubs" / "app.py").is_file()
    assert (out / "sdk" / "pyproject.toml").read_text(encoding="utf-8") == "# custom for vers\n"
    assert any((project / "cache").iterdir())
    assert run("check")[0] == 0


def test_flags_override_settings(project: Path) -> None:
    code, _, err = run("build", "pages", "-o", "elsewhere", "--no-cache", "--package", "other")
    assert code == 0, err
    assert (project / "elsewhere" / "sdk" / "other" / "__init__.py").is_file()
    assert not (project / "cache").exists()
    assert not (project / "out").exists()


def test_the_cache_never_changes_the_output(project: Path) -> None:
    assert run("build", "-o", "cold", "--no-cache")[0] == 0
    assert run("build", "-o", "warm")[0] == 0  # fills the cache
    assert run("build", "-o", "warm2")[0] == 0  # served from it
    page = project / "pages" / PAGE.name
    page.write_text(page.read_text(encoding="utf-8").replace("version", "versión"), "utf-8")
    assert run("build", "-o", "edited-cold", "--no-cache")[0] == 0
    assert run("build", "-o", "edited-warm")[0] == 0
    for a, b in (("cold", "warm"), ("cold", "warm2"), ("edited-cold", "edited-warm")):
        assert tree(project / a) == tree(project / b), (a, b)
    assert tree(project / "cold") != tree(project / "edited-cold")


def test_lint_and_model_read_the_configured_docs(project: Path) -> None:
    code, out, _ = run("model")
    assert code in (0, 1)
    assert [p["path"] for p in json.loads(out)["pages"]] == [PAGE.name]
    code, out, _ = run("lint", "--format", "json")
    assert code in (0, 1)
    findings = json.loads(out)["findings"]
    assert findings and {f["file"] for f in findings} == {f"pages/{PAGE.name}"}


def test_bad_settings_are_exit_2_for_every_command(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.docs2code]\ndocs = 3\n", encoding="utf-8")
    for command in ("build", "check", "model", "lint"):
        code, _, err = run(command)
        assert code == 2, command
        assert "'docs' must be a list" in err, command


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_missing_or_empty_doc_root_is_exit_2_and_writes_nothing(project: Path) -> None:
    code, _, err = run("build", "nowhere", "--no-cache")
    assert code == 2 and "no such file or folder: nowhere" in err
    (project / "empty").mkdir()
    code, out, err = run("build", "empty", "-o", "void", "--no-cache")
    assert (code, out) == (2, "")
    assert err == "docs2code build: no pages in empty: no *.md file under it; nothing to do\n"
    assert not (project / "void").exists()
