"""The command line: where output goes, exit codes, determinism, and what gets read."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner, Result

import generator
from generator import cli
from generator.cli import main

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "001_e5da68bd9bdbf1bf.txt"

PAGE = """\
---
title: "Get item"
description: "Get an item."
---

# Get item

Namespace: microsoft.graph

## Permissions

| Permission type | Permissions (from least to most privileged) |
|:----------------|:--------------------------------------------|
| Delegated (work or school account) | Files.Read |
| Application | Files.Read.All |

## HTTP request

```http
GET /me/items/{id}
```

## Response

If successful, this method returns a `200 OK` response code.

## Example

### Request

<!-- { "blockType": "request", "name": "get_item" } -->

```http
GET https://graph.microsoft.com/v1.0/me/items/1
```

### Response

<!-- { "blockType": "response", "@odata.type": "microsoft.graph.item" } -->

```http
HTTP/1.1 200 OK
Content-Type: application/json

{"id": "1"}
```
"""

OTHER = PAGE.replace("Get item", "Delete item").replace("GET ", "DELETE ")
OTHER = OTHER.replace("`200 OK`", "`204 No Content`").replace("200 OK", "204 No Content")


def invoke(*args: str | Path) -> Result:
    """Run the command in-process; it may only end by returning or ``sys.exit``."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.stderr
    return result


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    write(tmp_path / "docs" / "api" / "item-get.md", PAGE)
    write(tmp_path / "docs" / "api" / "item-delete.md", OTHER)
    return tmp_path / "docs"


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def operation_ids(data: dict[str, Any]) -> list[str]:
    return [op["id"] for op in data["operations"]]


# --- stdout, stderr, exit codes -------------------------------------------------------------


def test_model_prints_sorted_json_with_schema_version(docs: Path) -> None:
    result = invoke("model", docs)
    assert result.exit_code == 0
    assert result.stderr == ""  # no diagnostics, and no summary without -o
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert set(data) == {
        "schema_version", "operations", "types", "pages", "diagnostics", "convention",
        "roots", "linked_files", "shared_endpoints",
    }  # fmt: skip
    # sorted keys at every level, two-space indent, one trailing newline
    assert result.stdout == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert operation_ids(data) == ["api/item-delete.delete", "api/item-get.get"]
    get = data["operations"][1]
    assert [p["raw"] for p in get["paths"]] == ["/me/items/{id}"]
    assert [r["status"] for r in get["responses"]] == [200]
    (example,) = get["examples"]
    assert example["request"]["url"] == "https://graph.microsoft.com/v1.0/me/items/1"
    assert example["response"]["status"] == 200


def test_model_output_validates_against_the_printed_schema(docs: Path) -> None:
    schema_result = invoke("schema")
    assert schema_result.exit_code == 0
    schema = json.loads(schema_result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "schema_version" in schema["properties"]
    write(docs / "broken.md", "# Broken\n\n```\nnever closed\n")  # diagnostics too
    data = json.loads(invoke("model", docs).stdout)
    assert data["diagnostics"]
    jsonschema.validate(data, schema)
    data["operations"][0]["method"] = 42
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_diagnostics_go_to_stderr_and_errors_exit_1(docs: Path) -> None:
    write(docs / "broken.md", "# Broken\n\n```\nnever closed\n")
    result = invoke("model", docs)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "broken.md:3:1: DC004 [error] fenced code block opened with '```' is never closed"
    ]
    data = json.loads(result.stdout)  # stdout is only the JSON
    assert [d["code"] for d in data["diagnostics"]] == ["DC004"]


def test_warnings_alone_exit_0(docs: Path) -> None:
    (docs / "latin1.md").write_bytes(b"# Caf\xe9\n")
    result = invoke("model", docs)
    assert result.exit_code == 0
    assert "latin1.md:1:6: DC002 [warning]" in result.stderr


def test_quiet_hides_diagnostics_but_not_the_exit_code(docs: Path) -> None:
    write(docs / "broken.md", "# Broken\n\n```\nnever closed\n")
    result = invoke("model", "-q", docs)
    assert result.exit_code == 1
    assert result.stderr == ""
    assert [d["code"] for d in json.loads(result.stdout)["diagnostics"]] == ["DC004"]


def test_usage_error_exits_2() -> None:
    result = invoke("model", "--no-such-option")
    assert result.exit_code == 2
    assert "No such option" in result.stderr
    assert result.stdout == ""


def test_internal_error_exits_2_without_a_traceback(
    docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli.read, "read_docs", explode)
    result = invoke("model", docs)
    assert result.exit_code == 2
    assert result.stderr == "docs2code model: internal error: RuntimeError: boom\n"
    assert result.stdout == ""


def test_without_arguments_reads_input_docs(docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(docs.parent)
    docs.rename(docs.parent / "input_docs")
    result = invoke("model")
    assert result.exit_code == 0
    assert operation_ids(json.loads(result.stdout)) == [
        "api/item-delete.delete",
        "api/item-get.get",
    ]


# --- -o FILE --------------------------------------------------------------------------------


def test_output_file_is_written_atomically_with_a_summary_on_stderr(
    docs: Path, tmp_path: Path, umask_022: None
) -> None:
    out_dir = tmp_path / "out"
    out = out_dir / "model.json"  # the folder does not exist yet
    result = invoke("model", docs, "-o", out)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"2 operations, 0 types, 0 diagnostics (0 errors) -> {out}\n"
    assert sorted(p.name for p in out_dir.iterdir()) == ["model.json"]  # no temp file left
    assert out.read_text(encoding="utf-8") == invoke("model", docs).stdout
    # the mode a plain write gives, not the temporary file's 0600
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_output_file_replaces_the_old_one_and_keeps_its_mode(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "model.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    result = invoke("model", docs, "--output", out)
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == 1
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "model.json"]


def test_output_file_gets_the_summary_with_error_count(docs: Path, tmp_path: Path) -> None:
    write(docs / "broken.md", "# Broken\n\n```\nnever closed\n")
    out = tmp_path / "model.json"
    result = invoke("model", docs, "-o", out)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "broken.md:3:1: DC004 [error] fenced code block opened with '```' is never closed",
        f"2 operations, 0 types, 1 diagnostics (1 errors) -> {out}",
    ]


def test_output_that_cannot_be_written_exits_2_and_leaves_nothing(
    docs: Path, tmp_path: Path
) -> None:
    target = tmp_path / "taken"
    target.mkdir()  # a folder where the file should go
    result = invoke("model", docs, "-o", target)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"docs2code: cannot write {target}: ")
    assert result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "taken"]
    assert list(target.iterdir()) == []


def test_output_under_a_file_exits_2(docs: Path, tmp_path: Path) -> None:
    blocker = write(tmp_path / "file", "x")
    result = invoke("model", docs, "-o", blocker / "model.json")
    assert result.exit_code == 2
    assert result.stderr.startswith("docs2code: cannot write ")
    assert blocker.read_text(encoding="utf-8") == "x"


# --- determinism ---------------------------------------------------------------------------


def test_two_runs_are_byte_identical(docs: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    assert invoke("model", docs, "-o", first).exit_code == 0
    assert invoke("model", docs, "-o", second).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    assert invoke("model", docs).stdout == invoke("model", docs).stdout


def test_argument_order_does_not_change_the_output(tmp_path: Path) -> None:
    a = write(tmp_path / "a" / "item-get.md", PAGE).parent
    b = write(tmp_path / "b" / "item-delete.md", OTHER).parent
    one, two = invoke("model", a, b), invoke("model", b, a)
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout
    # one doc set: pages are named from the folder that holds both roots
    assert operation_ids(json.loads(one.stdout)) == ["a/item-get.get", "b/item-delete.delete"]
    assert json.loads(one.stdout)["roots"] == ["a", "b"]


def test_two_roots_may_hold_the_same_relative_path(tmp_path: Path) -> None:
    # a/item.md and b/item.md are two pages of one doc set: both are read, whatever the
    # order of the arguments
    a = write(tmp_path / "a" / "item.md", PAGE).parent
    b = write(tmp_path / "b" / "item.md", OTHER).parent
    one, two = invoke("model", a, b), invoke("model", b, a)
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    data = json.loads(one.stdout)
    assert operation_ids(data) == ["a/item.get", "b/item.delete"]
    assert [(p["path"], p["root"]) for p in data["pages"]] == [
        ("a/item.md", "a"),
        ("b/item.md", "b"),
    ]
    assert data["diagnostics"] == []
    assert one.exit_code == 0


def test_the_same_folder_twice_is_read_once(docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    once = invoke("model", docs)
    monkeypatch.chdir(docs.parent)
    twice = invoke("model", docs, "docs", "./docs/")
    assert twice.exit_code == 0
    assert twice.stdout == once.stdout


# --- what gets read -------------------------------------------------------------------------


def test_explicit_file_is_read_whatever_its_extension(tmp_path: Path) -> None:
    seed = tmp_path / "seed.txt"
    if SEED.is_file():
        shutil.copyfile(SEED, seed)
        expected = ("seed.txt.post", "POST", "/drive/root/versions")
    else:  # pragma: no cover - without the shared seeds
        write(seed, PAGE)
        expected = ("seed.txt.get", "GET", "/me/items/{id}")
    result = invoke("model", seed)
    assert result.exit_code in (0, 1)
    data = json.loads(result.stdout)
    assert [p["path"] for p in data["pages"]] == ["seed.txt"]
    op = data["operations"][0]
    assert (op["id"], op["method"], op["paths"][0]["raw"]) == expected


def test_explicit_files_are_named_from_the_folder_that_holds_them(
    docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(docs.parent)
    result = invoke("model", "docs/api/item-get.md")
    data = json.loads(result.stdout)
    assert [p["path"] for p in data["pages"]] == ["item-get.md"]  # as `model docs/api` does
    assert operation_ids(data) == ["item-get.get"]
    both = json.loads(invoke("model", "docs/api/item-get.md", "docs/api/item-delete.md").stdout)
    assert operation_ids(both) == ["item-delete.delete", "item-get.get"]
    with_folder = json.loads(invoke("model", "docs/api/item-get.md", "docs").stdout)
    assert operation_ids(with_folder) == ["api/item-delete.delete", "api/item-get.get"]


def test_folders_are_searched_recursively_for_md_only(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    write(root / "top.md", "# Top\n")
    write(root / "a" / "b" / "c" / "deep.md", "# Deep\n")
    write(root / "notes.txt", "# Not read\n")
    write(root / "page.markdown", "# Not read\n")
    write(root / "a" / "README", "# Not read\n")
    write(root / "a" / "md", "# Not read\n")
    result = invoke("model", root)
    assert result.exit_code == 0
    assert sorted(p["path"] for p in json.loads(result.stdout)["pages"]) == [
        "a/b/c/deep.md",
        "top.md",
    ]


def test_page_paths_are_relative_to_the_folder_argument(docs: Path) -> None:
    data = json.loads(invoke("model", docs / "api").stdout)
    assert sorted(p["path"] for p in data["pages"]) == ["item-delete.md", "item-get.md"]
    assert operation_ids(data) == ["item-delete.delete", "item-get.get"]


# --- help, version, schema ------------------------------------------------------------------


def test_python_dash_m_generator_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Usage:" in done.stdout
    assert "model" in done.stdout and "schema" in done.stdout


def test_python_dash_m_generator_model(docs: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "model", str(docs)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == invoke("model", docs).stdout


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"docs2code, version {generator.__version__}\n"


def test_schema_prints_a_valid_json_schema() -> None:
    result = invoke("schema")
    assert result.exit_code == 0
    assert result.stderr == ""
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["type"] == "object"
    assert {"schema_version", "operations", "diagnostics"} <= set(schema["properties"])
