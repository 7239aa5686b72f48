"""Malformed input never stops the reader: each problem is a diagnostic with its file and
line, the command exits 0 (warnings, info) or 1 (errors), never 2 and never a traceback.

Every case runs through the real command line (click's ``CliRunner``) on files written
under ``tmp_path``; the model JSON on stdout is what the assertions read.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import threading
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.read.docs import read_docs

PAGE = """\
---
title: "Get item"
description: "Get an item."
doc_type: apiPageType
---

# Get item

Namespace: microsoft.graph

Retrieve an item.

## Permissions

| Permission type | Permissions (from least to most privileged) |
|:----------------|:--------------------------------------------|
| Delegated (work or school account) | Files.Read, Files.ReadWrite |
| Application | Not supported. |

## HTTP request

<!-- { "blockType": "ignored" } -->

```http
GET /me/items/{id}
```

## Response

If successful, this method returns a `200 OK` response code and an item in the body.

## Example

### Request

<!-- {
  "blockType": "request",
  "name": "get_item"
} -->

```http
GET https://graph.microsoft.com/v1.0/me/items/1234
```

### Response

<!-- {
  "blockType": "response",
  "@odata.type": "microsoft.graph.item"
} -->

```http
HTTP/1.1 200 OK
Content-Type: application/json

{
  "id": "1234",
  "name": "report.docx"
}
```
"""
PAGE_HTTP_LINE = PAGE.split("\n").index("GET /me/items/{id}") + 1


# --- helpers -------------------------------------------------------------------------------


def run(*args: str | Path) -> Result:
    """``docs2code model ARGS``; no exception may escape and the exit code is 0 or 1."""
    result = CliRunner().invoke(main, ["model", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.stderr
    assert result.exit_code in (0, 1), result.stderr
    return result


def model_of(*args: str | Path) -> tuple[dict[str, Any], Result]:
    result = run(*args)
    return json.loads(result.stdout), result


def diagnostics(data: dict[str, Any]) -> list[tuple[str, str, int]]:
    return [(d["code"], d["span"]["file"], d["span"]["line"]) for d in data["diagnostics"]]


def assert_reported(result: Result, code: str, file: str, line: int, column: int = 1) -> None:
    """The diagnostic is also printed on stderr as ``file:line:column: CODE [...]``."""
    assert f"{file}:{line}:{column}: {code} [" in result.stderr


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def page_paths(data: dict[str, Any]) -> list[str]:
    return sorted(p["path"] for p in data["pages"])


def headings(data: dict[str, Any], page: str) -> list[tuple[int, str, int]]:
    (found,) = [p for p in data["pages"] if p["path"] == page]
    return [tuple(h) for h in found["headings"]]  # type: ignore[misc]


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    return folder


# --- the page used everywhere reads cleanly ------------------------------------------------


def test_the_sample_page_reads_without_diagnostics(docs: Path) -> None:
    write(docs, "item-get.md", PAGE)
    data, result = model_of(docs)
    assert result.exit_code == 0
    assert data["diagnostics"] == []
    (op,) = data["operations"]
    assert (op["id"], op["method"]) == ("item-get.get", "GET")
    assert [p["raw"] for p in op["paths"]] == ["/me/items/{id}"]
    assert op["paths"][0]["span"]["line"] == PAGE_HTTP_LINE
    assert [r["status"] for r in op["responses"]] == [200]
    assert op["examples"][0]["response"]["status"] == 200


# --- fences and comments -------------------------------------------------------------------


def test_unclosed_fence_is_reported_at_its_opening_line(docs: Path) -> None:
    write(docs, "x.md", "# Title\n\nSome text.\n\n## Example\n\n```http\nGET /a\n\nmore\n")
    data, result = model_of(docs)
    assert diagnostics(data) == [("DC004", "x.md", 7)]
    assert data["diagnostics"][0]["severity"] == "error"
    assert data["diagnostics"][0]["span"]["end_line"] == 10
    assert result.exit_code == 1
    assert_reported(result, "DC004", "x.md", 7)
    # what comes before the fence is still read
    assert headings(data, "x.md") == [(1, "Title", 1), (2, "Example", 5)]


def test_unclosed_tilde_fence_is_not_closed_by_a_shorter_fence(docs: Path) -> None:
    write(docs, "x.md", "# T\n\n~~~~\ncode\n~~~\n")
    data, result = model_of(docs)
    assert diagnostics(data) == [("DC004", "x.md", 3)]
    assert result.exit_code == 1


def test_closed_fence_inside_a_blockquote_is_not_reported(docs: Path) -> None:
    write(docs, "x.md", "# T\n\n> ```http\n> GET /a\n> ```\n\nafter\n")
    data, result = model_of(docs)
    assert diagnostics(data) == []
    assert result.exit_code == 0


def test_unclosed_fence_inside_a_blockquote_is_reported(docs: Path) -> None:
    write(docs, "x.md", "# T\n\n> ```http\n> GET /a\n\nafter\n")
    data, result = model_of(docs)
    assert diagnostics(data) == [("DC004", "x.md", 3)]
    assert result.exit_code == 1


def test_unclosed_comment_is_reported_at_its_line(docs: Path) -> None:
    text = (
        "# T\n\n<!-- a closed comment -->\n\n## Example\n\n"
        '<!-- {\n  "blockType": "request"\n\n```http\nGET /a\n```\n'
    )
    write(docs, "x.md", text)
    data, result = model_of(docs)
    assert diagnostics(data) == [("DC005", "x.md", 7)]
    assert data["diagnostics"][0]["severity"] == "error"
    assert result.exit_code == 1
    assert_reported(result, "DC005", "x.md", 7)
    assert headings(data, "x.md") == [(1, "T", 1), (2, "Example", 5)]


def test_unclosed_comment_after_closed_ones_in_the_same_block(docs: Path) -> None:
    write(docs, "x.md", "# T\n\n<!-- one -->\n<!-- two\n-->\n<!-- three\n\nrest\n")
    data, _ = model_of(docs)
    assert diagnostics(data) == [("DC005", "x.md", 6)]


def test_a_line_of_many_comment_openers_is_one_diagnostic(docs: Path) -> None:
    # each "<!--" used to rescan the rest of the line for "-->": minutes for this line
    write(docs, "x.md", "# T\n\ntext\n\n" + "<!--" * 50_000 + "\n")
    data, result = model_of(docs)
    assert diagnostics(data) == [("DC005", "x.md", 5)]
    assert result.exit_code == 1


# --- encodings and line ends ---------------------------------------------------------------


def test_invalid_utf8_is_reported_at_line_and_column_and_the_rest_is_read(docs: Path) -> None:
    # line 4: "ab", "é" (two bytes), "c", then the bad byte: the fifth character
    raw = b"# T\n\nline three\nab\xc3\xa9c\xffxyz\n\n## After \xfe the bad bytes\n"
    write(docs, "x.md", raw)
    data, result = model_of(docs)
    assert diagnostics(data) == [("DC002", "x.md", 4)]
    (d,) = data["diagnostics"]
    assert d["severity"] == "warning"
    assert d["span"]["column"] == 5
    assert "0xff" in d["message"]
    assert result.exit_code == 0
    assert_reported(result, "DC002", "x.md", 4, 5)
    assert headings(data, "x.md") == [(1, "T", 1), (2, "After \ufffd the bad bytes", 6)]


def test_invalid_utf8_in_an_api_page_keeps_the_operation(docs: Path) -> None:
    raw = PAGE.encode().replace(b"Retrieve an item.", b"Retrieve an \xe9l\xe9ment.")
    write(docs, "item-get.md", raw)
    data, result = model_of(docs)
    assert diagnostics(data) == [("DC002", "item-get.md", 11)]
    assert data["diagnostics"][0]["span"]["column"] == 13
    assert [op["id"] for op in data["operations"]] == ["item-get.get"]
    assert result.exit_code == 0


def test_bom_is_reported_and_the_page_reads_as_without_it(tmp_path: Path) -> None:
    plain, bom = tmp_path / "plain", tmp_path / "bom"
    write(plain, "item-get.md", PAGE)
    write(bom, "item-get.md", b"\xef\xbb\xbf" + PAGE.encode())
    expected, _ = model_of(plain)
    data, result = model_of(bom)
    assert diagnostics(data) == [("DC012", "item-get.md", 1)]
    assert data["diagnostics"][0]["severity"] == "info"
    assert result.exit_code == 0
    # the front matter is still front matter: the BOM did not hide the opening '---'
    assert data["pages"][0]["front_matter"]["title"] == "Get item"
    assert data["operations"] == expected["operations"]
    assert data["pages"] == expected["pages"]


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_crlf_gives_the_same_model_as_lf(tmp_path: Path, newline: str) -> None:
    lf, other = tmp_path / "lf", tmp_path / "other"
    write(lf, "item-get.md", PAGE)
    write(other, "item-get.md", PAGE.replace("\n", newline))
    expected, _ = model_of(lf)
    data, result = model_of(other)
    assert result.exit_code == 0
    assert data == expected  # operations, paths, lines, example bodies: all the same
    op = data["operations"][0]
    assert op["paths"][0]["span"]["line"] == PAGE_HTTP_LINE
    assert "\r" not in json.dumps(data)


def test_crlf_with_an_unclosed_fence_reports_the_same_line(docs: Path) -> None:
    write(docs, "x.md", "# T\r\n\r\ntext\r\n\r\n```\r\ncode\r\n")
    data, _ = model_of(docs)
    assert diagnostics(data) == [("DC004", "x.md", 5)]


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\n"], ids=["empty", "blank"])
def test_empty_file_is_reported(docs: Path, content: bytes) -> None:
    write(docs, "x.md", content)
    data, result = model_of(docs)
    assert diagnostics(data) == [("DC008", "x.md", 1)]
    assert data["diagnostics"][0]["severity"] == "info"
    assert result.exit_code == 0


def test_nul_bytes_do_not_stop_the_page(docs: Path) -> None:
    raw = PAGE.encode().replace(b"Retrieve an item.", b"Retrieve\x00 an\x00\x00 item.")
    write(docs, "item-get.md", raw)
    write(docs, "nul.md", b"\x00\x00\x00")
    data, result = model_of(docs)
    assert result.exit_code == 0
    assert diagnostics(data) == []
    assert [op["id"] for op in data["operations"]] == ["item-get.get"]
    assert page_paths(data) == ["item-get.md", "nul.md"]


def test_nul_byte_in_front_matter_is_a_yaml_error_at_its_line(docs: Path) -> None:
    write(docs, "x.md", "---\ntitle: ok\nauthor: a\x00b\n---\n# T\n")
    data, result = model_of(docs)
    assert diagnostics(data) == [("DC003", "x.md", 3)]
    assert result.exit_code == 1
    assert headings(data, "x.md") == [(1, "T", 5)]


def test_very_long_lines_do_not_stop_the_page(docs: Path) -> None:
    long_path = "/me/items/{id}" + "/children" * 20_000
    text = (
        PAGE.replace("GET /me/items/{id}\n", f"GET {long_path}\n")
        + "\n"
        + "word " * 400_000
        + "\n\n| a | b |\n|---|---|\n| "
        + "x" * 200_000
        + " | y |\n"
    )
    write(docs, "item-get.md", text)
    data, result = model_of(docs)
    assert result.exit_code == 0
    assert diagnostics(data) == []
    (op,) = data["operations"]
    assert [p["raw"] for p in op["paths"]] == [long_path]
    assert op["paths"][0]["span"]["line"] == PAGE_HTTP_LINE


# --- front matter --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front_matter", "line", "column"),
    [
        # mapping value inside a value: at the second ':'
        ("title: ok\ndescription: a: b\nms.date: 1\n", 3, 15),
        ("title: ok\nauthor: x\n\tms.date: 1\n", 4, 1),  # a tab where indentation is
        ("title: ok\nitems: [a, b\n", 3, 1),  # unclosed flow sequence: where it opens
        ('title: ok\nauthor: "x\nms.date: 1\n', 3, 1),  # unclosed quote: where it opens
        ("title: ok\n- x\nauthor: y\n", 3, 1),  # a list item inside a mapping
    ],
    ids=["mapping-value", "tab", "unclosed-flow", "unclosed-quote", "stray-item"],
)
def test_broken_yaml_is_dc003_at_its_line(
    docs: Path, front_matter: str, line: int, column: int
) -> None:
    write(docs, "x.md", f"---\n{front_matter}---\n\n# Title\n")
    data, result = model_of(docs)
    assert diagnostics(data) == [("DC003", "x.md", line)]
    assert data["diagnostics"][0]["severity"] == "error"
    assert result.exit_code == 1
    assert_reported(result, "DC003", "x.md", line, column)
    # the body is read with its true line numbers
    close = front_matter.count("\n") + 2
    assert headings(data, "x.md") == [(1, "Title", close + 2)]
    assert data["pages"][0]["front_matter"] is None


BILLION_LAUGHS = "\n".join(
    [
        '---\nlol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
        *(
            f"lol{n}: &lol{n} [{', '.join([f'*lol{n - 1}'] * 9)}]"  # 9**n strings
            for n in range(1, 10)
        ),
        "---",
        "# Bomb",
        "",
    ]
)


def test_yaml_alias_bomb_is_refused_without_expanding_it(docs: Path) -> None:
    write(docs, "bomb.md", BILLION_LAUGHS)
    tracemalloc.start()
    try:
        model = read_docs([docs])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [(d.code, d.span.file, d.span.line) for d in model.diagnostics] == [
        ("DC003", "bomb.md", 3)  # the first alias
    ]
    assert "alias" in model.diagnostics[0].message
    assert peak < 10 * 2**20  # expanding 9**9 strings would need gigabytes
    assert model.pages[0].front_matter is None
    assert model.pages[0].headings == ((1, "Bomb", 13),)


def test_yaml_alias_bomb_through_the_command_line(docs: Path) -> None:
    write(docs, "bomb.md", BILLION_LAUGHS)
    data, result = model_of(docs)
    assert diagnostics(data) == [("DC003", "bomb.md", 3)]
    assert result.exit_code == 1


def test_even_one_alias_is_refused(docs: Path) -> None:
    write(docs, "x.md", "---\ntitle: &t Hello\ndescription: *t\n---\n# T\n")
    data, _ = model_of(docs)
    assert diagnostics(data) == [("DC003", "x.md", 3)]


@pytest.mark.parametrize(
    ("front_matter", "codes"),
    [
        # PyYAML >= 6.0.3 refuses this itself while scanning ahead: not valid YAML
        ("x: " + "[" * 5000 + "]" * 5000 + "\n", ("DC003", "DC016")),
        ("".join("  " * i + "k:\n" for i in range(2000)), ("DC016",)),  # the nesting limit
    ],
    ids=["flow", "block"],
)
def test_deeply_nested_front_matter_is_reported_not_an_internal_error(
    docs: Path, front_matter: str, codes: tuple[str, ...]
) -> None:
    write(docs, "x.md", f"---\n{front_matter}---\n# T\n")
    data, result = model_of(docs)
    [(code, _, line)] = diagnostics(data)
    assert code in codes
    assert line == (2 if code == "DC003" else 2 + 64)  # where the 65th level opens
    assert "nest" in data["diagnostics"][0]["message"]
    assert result.exit_code == (1 if code == "DC003" else 0)  # DC016 is a warning


@pytest.mark.parametrize(
    ("front_matter", "kind"),
    [("- a\n- b\n", "list"), ("just a string\n", "str"), ("42\n", "int")],
)
def test_front_matter_that_is_not_a_mapping(docs: Path, front_matter: str, kind: str) -> None:
    write(docs, "x.md", f"---\n{front_matter}---\n# T\n")
    data, result = model_of(docs)
    assert diagnostics(data) == [("DC003", "x.md", 2)]
    (d,) = data["diagnostics"]
    assert d["span"]["end_line"] == front_matter.count("\n") + 1
    assert kind in d["message"]
    assert result.exit_code == 1
    assert data["pages"][0]["front_matter"] is None


def test_front_matter_never_closed(docs: Path) -> None:
    write(docs, "x.md", "---\ntitle: Get item\n\n# Get item\n\ntext\n")
    data, result = model_of(docs)
    assert diagnostics(data) == [("DC003", "x.md", 1)]
    assert "never closed" in data["diagnostics"][0]["message"]
    assert result.exit_code == 1
    assert headings(data, "x.md") == [(1, "Get item", 4)]


def test_front_matter_nan_and_infinity_stay_valid_json(docs: Path) -> None:
    write(docs, "x.md", "---\ntitle: .nan\nlimit: .inf\nfloor: -.inf\nratio: 0.5\n---\n# T\n")
    result = run(docs)

    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not JSON")

    data = json.loads(result.stdout, parse_constant=refuse)
    assert data["pages"][0]["front_matter"] == {
        "title": ".nan",
        "limit": ".inf",
        "floor": "-.inf",
        "ratio": 0.5,
    }


def test_example_body_with_nan_stays_valid_json(docs: Path) -> None:
    write(docs, "item-get.md", PAGE.replace('"name": "report.docx"', '"size": NaN'))
    result = run(docs)

    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not JSON")

    data = json.loads(result.stdout, parse_constant=refuse)
    body = data["operations"][0]["examples"][0]["response"]["body"]
    assert body["json_error"] is not None


# --- files, folders and links --------------------------------------------------------------


def test_directory_named_like_a_page_is_searched_not_read(docs: Path) -> None:
    (docs / "x.md").mkdir()
    write(docs / "x.md", "inner.md", "# Inner\n")
    write(docs, "a.md", "# A\n")
    data, result = model_of(docs)
    assert result.exit_code == 0
    assert diagnostics(data) == []
    assert page_paths(data) == ["a.md", "x.md/inner.md"]


def test_directory_named_like_a_page_given_explicitly(docs: Path) -> None:
    folder = docs / "x.md"
    folder.mkdir()
    write(folder, "inner.md", "# Inner\n")
    data, result = model_of(folder)
    assert result.exit_code == 0
    assert diagnostics(data) == []
    assert page_paths(data) == ["inner.md"]


def test_symlink_loop_terminates_and_reads_each_file_once(tmp_path: Path, docs: Path) -> None:
    write(docs, "a.md", "# A\n")
    write(docs, "sub/b.md", "# B\n")
    (docs / "sub" / "up").symlink_to(docs, target_is_directory=True)  # sub/up -> docs
    (docs / "self").symlink_to(".", target_is_directory=True)  # self -> docs
    outside = tmp_path / "outside"
    write(outside, "c.md", "# C\n")
    (docs / "ext1").symlink_to(outside, target_is_directory=True)  # outside: never followed
    (docs / "ext2").symlink_to(outside, target_is_directory=True)
    data, result = model_of(docs)
    assert result.exit_code == 1
    assert diagnostics(data) == [("DC014", "ext1", 1), ("DC014", "ext2", 1)]
    assert page_paths(data) == ["a.md", "sub/b.md"]


def test_file_symlink_loop_is_a_read_error(docs: Path) -> None:
    write(docs, "a.md", "# A\n")
    (docs / "loop.md").symlink_to("loop.md")  # ELOOP when opened
    data, result = model_of(docs)
    assert diagnostics(data) == [("DC001", "loop.md", 1)]
    assert result.exit_code == 1
    assert page_paths(data) == ["a.md"]


def test_broken_symlink_in_a_folder_is_a_read_error(docs: Path) -> None:
    write(docs, "a.md", "# A\n")
    (docs / "gone.md").symlink_to(docs / "missing.md")
    data, result = model_of(docs)
    assert diagnostics(data) == [("DC001", "gone.md", 1)]
    assert data["diagnostics"][0]["severity"] == "error"
    assert result.exit_code == 1
    assert_reported(result, "DC001", "gone.md", 1)
    assert page_paths(data) == ["a.md"]


def missing_root(*args: str | Path) -> str:
    """``docs2code model ARGS`` for a doc root that does not exist: exit 2, nothing on
    stdout, one line naming it on stderr (the same for every command, tests/test_doc_sets.py)."""
    result = CliRunner().invoke(main, ["model", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    return result.stderr


def test_broken_symlink_given_explicitly(tmp_path: Path) -> None:
    link = tmp_path / "gone.md"
    link.symlink_to(tmp_path / "missing.md")
    assert missing_root(link) == (
        f"docs2code model: no such file or folder: {link} (a broken symbolic link)\n"
    )


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file_is_a_read_error(docs: Path) -> None:
    path = write(docs, "secret.md", "# Secret\n")
    path.chmod(0)
    try:
        data, result = model_of(docs)
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert diagnostics(data) == [("DC001", "secret.md", 1)]
    assert result.exit_code == 1


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_subfolder_is_a_read_error(docs: Path) -> None:
    write(docs, "a.md", "# A\n")
    locked = docs / "locked"
    write(locked, "b.md", "# B\n")
    locked.chmod(0)
    try:
        data, result = model_of(docs)
    finally:
        locked.chmod(stat.S_IRWXU)
    assert diagnostics(data) == [("DC001", "locked", 1)]
    assert result.exit_code == 1
    assert page_paths(data) == ["a.md"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_in_a_folder_is_refused_without_waiting_for_a_writer(docs: Path) -> None:
    fifo = docs / "pipe.md"
    os.mkfifo(fifo)
    write(docs, "a.md", "# A\n")

    def unblock() -> None:  # should the reader wait on the FIFO, give it an empty write
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            return  # nobody is waiting on it: good
        os.close(fd)

    timer = threading.Timer(20, unblock)
    timer.start()
    try:
        data, result = model_of(docs)
    finally:
        timer.cancel()
    assert diagnostics(data) == [("DC001", "pipe.md", 1)]
    assert "not a regular file" in data["diagnostics"][0]["message"]
    assert result.exit_code == 1
    assert page_paths(data) == ["a.md"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_given_explicitly(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    data, result = model_of(fifo)
    assert diagnostics(data) == [("DC013", fifo.as_posix(), 1)]
    assert "not a regular file" in data["diagnostics"][0]["message"]
    assert result.exit_code == 1


def test_nonexistent_path_argument(tmp_path: Path) -> None:
    write(tmp_path / "docs", "a.md", "# A\n")
    missing = tmp_path / "nope"
    stderr = missing_root(tmp_path / "docs", missing)  # nothing is read
    assert stderr == f"docs2code model: no such file or folder: {missing}\n"


def test_path_argument_too_long_for_the_system(tmp_path: Path) -> None:
    name = "a" * 5000  # ENAMETOOLONG from stat(), not "no such file"
    assert missing_root(name).endswith(f": no such file or folder: {name} (File name too long)\n")


def test_every_problem_at_once_in_one_folder(docs: Path) -> None:
    write(docs, "good.md", PAGE)
    write(docs, "bom.md", b"\xef\xbb\xbf# BOM\n")
    write(docs, "empty.md", b"")
    write(docs, "fence.md", "# F\n\n```\nnever closed\n")
    write(docs, "comment.md", "# C\n\n<!-- never closed\n")
    write(docs, "latin1.md", b"# Caf\xe9\n")
    write(docs, "yaml.md", "---\ntitle: [\n---\n# Y\n")
    (docs / "dir.md").mkdir()
    (docs / "loop").symlink_to(docs, target_is_directory=True)
    data, result = model_of(docs)
    assert diagnostics(data) == [
        ("DC012", "bom.md", 1),
        ("DC005", "comment.md", 3),
        ("DC008", "empty.md", 1),
        ("DC004", "fence.md", 3),
        ("DC002", "latin1.md", 1),
        ("DC003", "yaml.md", 2),  # where the "[" opens
    ]
    assert result.exit_code == 1
    assert [op["id"] for op in data["operations"]] == ["good.get"]
    for code, file, line in diagnostics(data):
        assert f"{file}:{line}:" in result.stderr and code in result.stderr
