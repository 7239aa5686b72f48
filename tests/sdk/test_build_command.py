"""`docs2code build`: settings from [tool.docs2code], flags over settings, exit codes."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

PAGE = """---
title: "Get widget"
description: "Get a widget."
doc_type: apiPageType
---
# Get widget

## HTTP request

```http
GET /widgets/{id}
```

## Response

If successful, this method returns a `200 OK` response code.
"""


def project(tmp_path: Path, settings: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(settings, encoding="utf-8")
    docs = tmp_path / "docs" / "api"
    docs.mkdir(parents=True)
    (docs / "widget-get.md").write_text(PAGE, encoding="utf-8")
    return tmp_path / "docs"


def test_package_and_output_come_from_pyproject(tmp_path: Path) -> None:
    docs = project(tmp_path, '[tool.docs2code]\npackage = "widgets"\noutput = "out/sdk"\n')
    result = CliRunner().invoke(main, ["build", str(docs)])
    assert result.exit_code == 0, result.stderr
    init = tmp_path / "out" / "sdk" / "widgets" / "__init__.py"
    assert init.is_file()
    assert "def by_id(self, id: str)" in (init.parent / "_paths" / "_widgets.py").read_text()


def test_flags_override_settings(tmp_path: Path) -> None:
    docs = project(tmp_path, '[tool.docs2code]\npackage = "widgets"\n')
    out = tmp_path / "elsewhere"
    result = CliRunner().invoke(main, ["build", str(docs), "-o", str(out), "--package", "w2"])
    assert result.exit_code == 0, result.stderr
    assert (out / "w2" / "__init__.py").is_file()
    assert not (out / "widgets").exists()


def test_bad_settings_and_bad_package_exit_2(tmp_path: Path) -> None:
    docs = project(tmp_path, "[tool.docs2code]\npackage = 3\n")
    result = CliRunner().invoke(main, ["build", str(docs)])
    assert result.exit_code == 2
    assert "'package' must be a string" in result.stderr
    (tmp_path / "pyproject.toml").write_text("[tool.docs2code]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(docs), "--package", "Not-Valid"])
    assert result.exit_code == 2
    assert "not a valid package name" in result.stderr
