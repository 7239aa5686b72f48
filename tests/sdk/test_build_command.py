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
    docs = project(tmp_path, '[tool.docs2code]\npackage = "widgets"\noutput = "out"\n')
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
    assert (out / "sdk" / "w2" / "__init__.py").is_file()
    assert (out / "stubs" / "w2_stubs" / "app.py").is_file()
    assert not (out / "sdk" / "widgets").exists()


def test_bad_settings_and_bad_package_exit_2(tmp_path: Path) -> None:
    docs = project(tmp_path, "[tool.docs2code]\npackage = 3\n")
    result = CliRunner().invoke(main, ["build", str(docs)])
    assert result.exit_code == 2
    assert "'package' must be a string" in result.stderr
    (tmp_path / "pyproject.toml").write_text("[tool.docs2code]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(docs), "--package", "Not-Valid"])
    assert result.exit_code == 2
    assert "not a valid package name" in result.stderr


EVIL = '''---
title: "Evil \\"\\"\\" + __import__('os').system('x') + \\"\\"\\""
description: "x"
doc_type: apiPageType
---
# Evil

## Permissions

|Permission type|Permissions (from least to most privileged)|
|:---|:---|
|Delegated (work or school account)|Evil.Read"""; import os; #|

## HTTP request

```http
GET /evil')\\nimport(os)#/{id');import(os);('}/getThing(x='{y"""}')
POST /class/{def}/import/{__init__}
```

## Response

If successful, this method returns a `200 OK` response code.
'''


def test_doc_text_cannot_inject_code_into_builders(tmp_path: Path) -> None:
    import ast

    from generator.read.docs import read_docs
    from generator.sdk.plan import sdk_plan
    from generator.sdk.render import SdkOptions

    docs = tmp_path / "docs" / "api"
    docs.mkdir(parents=True)
    (docs / "evil.md").write_text(EVIL, encoding="utf-8")
    plan = sdk_plan(read_docs([tmp_path / "docs"]), SdkOptions())
    builders = "".join(t for r, t in plan.items() if "/_paths/" in r)
    assert "def get_thing(" in builders and "Evil.Read" in builders  # the doc was used
    assert "def def_(" not in builders and "class_" in builders  # keywords escaped
    for rel, text in plan.items():
        if not rel.endswith(".py") or rel.endswith(("_runtime.py", "models/_base.py")):
            continue
        tree = ast.parse(text)  # build_plan also compiled it
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert all(a.name in {"importlib", "httpx"} for a in node.names), rel
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                assert node.func.attr != "system", rel
            if isinstance(node, ast.Name):
                assert node.id != "__import__", rel
