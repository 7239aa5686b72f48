"""``[tool.docs2code]``: every command's settings, paths relative to the settings file."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli.settings import Settings, SettingsError, find_settings


def settings(tmp_path: Path, table: str) -> Settings:
    (tmp_path / "pyproject.toml").write_text(f"[tool.docs2code]\n{table}", encoding="utf-8")
    (tmp_path / "docs").mkdir(exist_ok=True)
    return find_settings(tmp_path / "docs")


def test_paths_are_relative_to_the_settings_file(tmp_path: Path) -> None:
    found = settings(
        tmp_path,
        'docs = ["docs", "more/docs"]\ntemplates = "tpl"\ncache_dir = ".c"\noutput = "out"\n'
        'package = "graph"\n',
    )
    assert found.docs == (tmp_path / "docs", tmp_path / "more" / "docs")
    assert found.templates == tmp_path / "tpl"
    assert found.cache_dir == tmp_path / ".c"
    assert found.output == str(tmp_path / "out")
    assert found.package == "graph"
    assert found.source == tmp_path / "pyproject.toml"


def test_absent_keys_are_none_or_empty(tmp_path: Path) -> None:
    found = settings(tmp_path, "")
    assert (found.docs, found.templates, found.cache_dir) == ((), None, None)


def test_docs2code_toml_uses_the_top_level(tmp_path: Path) -> None:
    (tmp_path / "docs2code.toml").write_text('docs = ["d"]\n', encoding="utf-8")
    assert find_settings(tmp_path).docs == (tmp_path / "d",)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('docs = "docs"\n', "'docs' must be a list of folder names"),
        ("docs = [1]\n", "'docs' must be a list of folder names"),
        ("docs = []\n", "'docs' must name at least one folder"),
        ('docs = [""]\n', "'docs' must name at least one folder"),
        ("templates = 1\n", "'templates' must be a string, not 1"),
        ('templates = ""\n', "'templates' must name a folder"),
        ("cache_dir = true\n", "'cache_dir' must be a string, not True"),
        ('cache_dir = ""\n', "'cache_dir' must name a folder"),
        ("package = 3\n", "'package' must be a string, not 3"),
    ],
)
def test_bad_values_are_clear_errors(tmp_path: Path, table: str, message: str) -> None:
    with pytest.raises(SettingsError, match=message) as error:
        settings(tmp_path, table)
    assert str(tmp_path / "pyproject.toml") in str(error.value)
