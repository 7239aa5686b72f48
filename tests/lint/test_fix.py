"""``docs2code lint --fix`` and ``--diff``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.lint.registry import BY_CODE
from generator.read.docs import read_docs
from tests.lint.lint_docs import CLEAN, LEAST_TO_MOST, WORK_ROW, invoke, line_of, page, write

REQUEST = '<!-- { "blockType": "request", "name": "get_item" } -->'
LOOSE = '<!-- { "blockType": "request", "name": "get_item", } -->'
STRICT = '<!-- {"blockType": "request", "name": "get_item"} -->'  # as --fix writes it
LOOSE_MULTILINE = '<!-- {\n  "blockType": "request",\n  "name": "get_item",\n} -->'
STRICT_MULTILINE = '<!-- {\n  "blockType": "request",\n  "name": "get_item"\n} -->'
MOST_TO_LEAST = "Permissions (from most to least privileged)"
REVERSED_WORK = "|Delegated (work or school account)|Files.ReadWrite, Files.Read|"
APP = "|Application|Files.Read.All|"
REVERSED_APP = "|Application|Files.ReadWrite.All, Files.Read.All|"
FIXED_APP = "|Application|Files.Read.All, Files.ReadWrite.All|"


def one_page(tmp_path: Path, text: str | bytes) -> Path:
    write(tmp_path / "docs", {"api/get.md": text})
    return tmp_path / "docs" / "api" / "get.md"


def codes(root: Path, *args: str) -> list[str]:
    result = invoke("--format", "json", "--fail-on", "info", *args, root)
    return [f["code"] for f in json.loads(result.stdout)["findings"]]


def listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


# --- --diff ------------------------------------------------------------------------


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path: Path) -> None:
    path = one_page(tmp_path, page((REQUEST, LOOSE)))
    before = path.read_bytes()
    stat_before = path.stat()
    result = invoke("--diff", path.parent.parent)
    assert result.exit_code == 1
    assert result.stderr == ""
    shown = path.as_posix()
    lines = result.stdout.split("\n")
    assert lines[0] == f"--- {shown}"
    assert lines[1] == f"+++ {shown}"
    assert lines[2].startswith("@@ ")
    assert f"-{LOOSE}" in lines
    assert f"+{STRICT}" in lines
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == stat_before.st_mtime_ns
    assert listing(tmp_path) == ["docs", "docs/api", "docs/api/get.md"]


def test_diff_with_nothing_to_fix_exits_0_silently(tmp_path: Path) -> None:
    path = one_page(tmp_path, CLEAN)
    result = invoke("--diff", path.parent.parent)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_diff_ignores_findings_that_cannot_be_fixed(tmp_path: Path) -> None:
    path = one_page(tmp_path, CLEAN.replace('title: "Get item"\n', ""))  # DC102
    result = invoke("--diff", path.parent.parent)
    assert (result.exit_code, result.stdout) == (0, "")


def test_diff_of_a_file_without_a_final_newline(tmp_path: Path) -> None:
    text = page((REQUEST, LOOSE)).rstrip("\n")
    text = text.replace(CLEAN.rstrip("\n").rsplit("\n", 1)[1], "")  # last line: the close
    text = text.rstrip("\n") + "\n```"
    path = one_page(tmp_path, text)
    result = invoke("--diff", path.parent.parent)
    assert result.exit_code == 1
    assert "\\ No newline at end of file" not in result.stdout  # last line did not change
    tail = page((REQUEST, REQUEST)) + "\n" + LOOSE
    path.write_text(tail)
    result = invoke("--diff", path.parent.parent)
    assert result.stdout.endswith(
        f"-{LOOSE}\n\\ No newline at end of file\n+{STRICT}\n\\ No newline at end of file\n"
    )


# --- DC006: strict JSON annotations ------------------------------------------------


def test_fix_rewrites_a_one_line_annotation_as_strict_json(tmp_path: Path) -> None:
    path = one_page(tmp_path, page((REQUEST, LOOSE)))
    assert codes(path.parent.parent) == ["DC006"]
    result = invoke("--fix", path.parent.parent)
    assert result.exit_code == 0
    assert result.stderr == "Fixed 1 file(s).\n"
    assert result.stdout == "No findings.\n"
    assert path.read_text() == page((REQUEST, STRICT))


def test_fix_keeps_the_line_count_of_a_multiline_annotation(tmp_path: Path) -> None:
    path = one_page(tmp_path, page((REQUEST, LOOSE_MULTILINE)))
    before = path.read_text()
    invoke("--fix", path.parent.parent)
    after = path.read_text()
    assert after == page((REQUEST, STRICT_MULTILINE))
    assert after.count("\n") == before.count("\n")
    assert codes(path.parent.parent) == []


def test_fix_pads_a_long_annotation_that_shrinks(tmp_path: Path) -> None:
    loose = '<!-- {\n  "blockType": "request",\n\n\n  "name": "get_item",\n} -->'
    path = one_page(tmp_path, page((REQUEST, loose)))
    before = path.read_text()
    invoke("--fix", path.parent.parent)
    after = path.read_text()
    assert after.count("\n") == before.count("\n")
    # every line after the annotation keeps its number
    assert after.split("\n")[-10:] == before.split("\n")[-10:]
    start = after.index("### Request")
    json_text = after[after.index("<!-- {", start) + 4 : after.index("} -->", start) + 1]
    assert json.loads(json_text) == {"blockType": "request", "name": "get_item"}
    assert codes(path.parent.parent) == []


def test_fix_writes_a_page_annotation_strictly(tmp_path: Path) -> None:
    annotation = "<!-- {\n  type: '#page.annotation',\n  suppressions: ['DC402'],\n} -->\n\n"
    text = CLEAN.replace("# Get item\n", annotation + "# Get item\n", 1)
    path = one_page(tmp_path, text)
    result = invoke("--fix", "--ignore", "DC901", path.parent.parent)
    assert result.exit_code == 0, result.output
    # too long for four lines as indented JSON: one line, padded to keep the line count
    strict = '\n\n\n<!-- {"type": "#page.annotation", "suppressions": ["DC402"]} -->\n\n'
    assert path.read_text() == CLEAN.replace("# Get item\n", strict + "# Get item\n", 1)
    assert codes(path.parent.parent, "--ignore", "DC901") == []


# --- DC405: permission order -------------------------------------------------------


def test_fix_reverses_a_most_to_least_table(tmp_path: Path) -> None:
    text = page((LEAST_TO_MOST, MOST_TO_LEAST), (WORK_ROW, REVERSED_WORK), (APP, REVERSED_APP))
    path = one_page(tmp_path, text)
    scopes_before = _scopes(path.parent.parent)
    assert codes(path.parent.parent) == ["DC405"]
    result = invoke("--fix", "--fail-on", "info", path.parent.parent)
    assert result.exit_code == 0, result.output
    assert path.read_text() == page((APP, FIXED_APP))
    assert _scopes(path.parent.parent) == scopes_before  # the same permissions


def test_fix_swaps_most_and_least_whatever_the_wording(tmp_path: Path) -> None:
    header = "Permissions (From Most privileged to Least privileged)"
    text = page((LEAST_TO_MOST, header), (WORK_ROW, REVERSED_WORK))
    path = one_page(tmp_path, text)
    invoke("--fix", path.parent.parent)
    assert path.read_text() == page(
        (LEAST_TO_MOST, "Permissions (From Least privileged to Most privileged)")
    )


def test_fix_leaves_a_table_with_markup_in_a_cell_alone(tmp_path: Path) -> None:
    markup = "|Delegated (work or school account)|**Files.ReadWrite**, Files.Read|"
    text = page((LEAST_TO_MOST, MOST_TO_LEAST), (WORK_ROW, markup), (APP, REVERSED_APP))
    path = one_page(tmp_path, text)
    before = path.read_bytes()
    diff = invoke("--diff", path.parent.parent)
    assert (diff.exit_code, diff.stdout) == (0, "")
    result = invoke("--fix", "--fail-on", "info", path.parent.parent)
    assert result.exit_code == 1
    assert path.read_bytes() == before
    assert codes(path.parent.parent) == ["DC405"]


def test_fix_leaves_a_table_with_links_alone(tmp_path: Path) -> None:
    linked = "|Application|[Files.ReadWrite.All](x.md), Files.Read.All|"
    text = page((LEAST_TO_MOST, MOST_TO_LEAST), (WORK_ROW, REVERSED_WORK), (APP, linked))
    path = one_page(tmp_path, text)
    before = path.read_bytes()
    invoke("--fix", path.parent.parent)
    assert path.read_bytes() == before


def _scopes(root: Path) -> list[tuple[str, tuple[str, ...]]]:
    [op] = read_docs([root]).operations
    assert op.permissions is not None
    return [(e.label, e.scopes) for t in op.permissions.tables for e in t.entries]


# --- DC304: Content-Length ---------------------------------------------------------

RESPONSE = (
    'HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: LENGTH\n\n{\n  "id": "42"\n}'
)


@pytest.mark.skipif("DC304" not in BY_CODE, reason="DC304 not registered")
def test_fix_corrects_a_wrong_content_length(tmp_path: Path) -> None:
    body = '{\n  "id": "42"\n}'
    path = one_page(tmp_path, page(("HTTP/1.1 200 OK", RESPONSE.replace("LENGTH", "3"))))
    assert "DC304" in codes(path.parent.parent)
    invoke("--fix", path.parent.parent)
    text = path.read_text()
    assert f"Content-Length: {len(body.encode())}\n" in text
    assert text == page(("HTTP/1.1 200 OK", RESPONSE.replace("LENGTH", str(len(body)))))
    assert "DC304" not in codes(path.parent.parent)


# --- line endings, idempotence, atomic writes ---------------------------------------


def test_crlf_files_keep_crlf(tmp_path: Path) -> None:
    text = page(
        (REQUEST, LOOSE_MULTILINE), (LEAST_TO_MOST, MOST_TO_LEAST), (WORK_ROW, REVERSED_WORK)
    )
    path = one_page(tmp_path, text.replace("\n", "\r\n").encode())
    result = invoke("--fix", path.parent.parent)
    assert result.exit_code == 0, result.output
    data = path.read_bytes()
    assert data == page((REQUEST, STRICT_MULTILINE)).replace("\n", "\r\n").encode()
    assert data.count(b"\n") == data.count(b"\r\n")


def test_diff_of_a_crlf_file_shows_only_the_changed_lines(tmp_path: Path) -> None:
    path = one_page(tmp_path, page((REQUEST, LOOSE)).replace("\n", "\r\n").encode())
    result = invoke("--diff", path.parent.parent)
    lines = result.stdout_bytes.decode().split("\n")
    changed = [line for line in lines[2:] if line[:1] in ("+", "-")]
    assert changed == [f"-{LOOSE}\r", f"+{STRICT}\r"]


def test_a_bom_is_kept(tmp_path: Path) -> None:
    """The annotation is on line 1, behind the BOM: the BOM stays and nothing doubles."""
    loose_page = '<!-- { "type": "#page.annotation", "suppressions": ["DC101",] } -->\n'
    text = loose_page + "\n" + CLEAN[CLEAN.index("# Get item") :]
    path = one_page(tmp_path, b"\xef\xbb\xbf" + text.encode())
    invoke("--fix", path.parent.parent)
    data = path.read_bytes()
    assert data.startswith(
        b'\xef\xbb\xbf<!-- {"type": "#page.annotation", "suppressions": ["DC101"]} -->\n'
    )
    assert data.count(b"\xef\xbb\xbf") == 1


def test_lines_are_counted_as_the_reader_counts_them(tmp_path: Path) -> None:
    """Form feeds and U+2028 are not line breaks for the reader, so not for --fix."""
    text = page(("Get an item.", "Get an item.\x0c\u2028Really."), (REQUEST, LOOSE))
    path = one_page(tmp_path, text)
    invoke("--fix", path.parent.parent)
    assert path.read_text(encoding="utf-8") == page(
        ("Get an item.", "Get an item.\x0c\u2028Really."), (REQUEST, STRICT)
    )


def test_a_second_fix_changes_nothing(tmp_path: Path) -> None:
    text = page(
        (REQUEST, LOOSE_MULTILINE),
        (LEAST_TO_MOST, MOST_TO_LEAST),
        (WORK_ROW, REVERSED_WORK),
        (APP, REVERSED_APP),
    )
    path = one_page(tmp_path, text.replace("\n", "\r\n").encode())
    first = invoke("--fix", path.parent.parent)
    assert first.stderr == "Fixed 1 file(s).\n"
    once = path.read_bytes()
    assert once != text.encode()
    second = invoke("--fix", path.parent.parent)
    assert second.stderr == ""
    assert path.read_bytes() == once
    assert invoke("--diff", path.parent.parent).exit_code == 0


def test_fix_writes_atomically_and_keeps_the_mode(tmp_path: Path) -> None:
    path = one_page(tmp_path, page((REQUEST, LOOSE)))
    other = write(tmp_path / "docs", {"api/other.md": CLEAN.replace("get_item", "other")})
    os.chmod(path, 0o640)
    inode = path.stat().st_ino
    untouched = (other / "api" / "other.md").stat()
    result = invoke("--fix", tmp_path / "docs")
    assert result.exit_code == 0
    assert listing(tmp_path) == [
        "docs",
        "docs/api",
        "docs/api/get.md",
        "docs/api/other.md",
    ]  # no temporary file left behind
    assert path.stat().st_ino != inode  # replaced by a rename, not written in place
    assert path.stat().st_mode & 0o777 == 0o640
    assert (other / "api" / "other.md").stat().st_mtime_ns == untouched.st_mtime_ns


def test_fix_of_a_file_named_by_absolute_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = one_page(tmp_path, page((REQUEST, LOOSE)))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = invoke("--fix", path.resolve())
    assert result.exit_code == 0, result.output
    assert path.read_text() == page((REQUEST, STRICT))
    # nothing written here but the build cache lint shares with build
    assert [p for p in listing(elsewhere) if not p.startswith(".docs2code_cache")] == []


def test_fix_of_a_file_named_by_relative_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = one_page(tmp_path, page((REQUEST, LOOSE)))
    monkeypatch.chdir(tmp_path)
    result = invoke("--fix", "docs/api/get.md")
    assert result.exit_code == 0, result.output
    assert path.read_text() == page((REQUEST, STRICT))


def test_suppressed_findings_are_not_fixed(tmp_path: Path) -> None:
    text = page((REQUEST, "<!-- docs2code: ignore[DC006] -->\n" + LOOSE))
    path = one_page(tmp_path, text)
    assert invoke("--diff", path.parent.parent).exit_code == 0
    invoke("--fix", path.parent.parent)
    assert path.read_text() == text
    assert line_of(text, LOOSE) > 0


def test_fix_respects_select(tmp_path: Path) -> None:
    text = page((REQUEST, LOOSE), (LEAST_TO_MOST, MOST_TO_LEAST), (WORK_ROW, REVERSED_WORK))
    path = one_page(tmp_path, text)
    invoke("--fix", "--select", "DC4", path.parent.parent)
    assert path.read_text() == page((REQUEST, LOOSE))
