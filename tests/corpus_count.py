"""An independent, line-based counter of what the corpus holds.

The test suite uses it to check the parser's coverage, so it deliberately shares no
code with :mod:`generator` and does not use markdown-it: it classifies lines with a
handful of regular expressions, just enough for the Microsoft Graph docs.

Rules (see ``conventions.md`` sections 2, 3 and 5):

* YAML front matter (``---`` ... ``---`` at the top) is skipped.
* Fences are backtick or tilde fences of 3+ characters, possibly indented; inside a
  fence nothing is a heading or a comment.
* Outside fences, ``<!-- ... -->`` comments (possibly multi-line) hide their content.
* A section starts at an ATX heading and ends at the next heading of the same or a
  higher level; tab headings such as ``# [HTTP](#tab/http)`` do not end it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "annotated_blocks",
    "annotations",
    "corpus_figures",
    "http_request_paths",
    "normalize_pair",
    "resource_types",
]

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")

_METHOD_LINE = re.compile(r"^\s*(" + "|".join(METHODS) + r")[ \t]+(\S.*)$")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_CLOSING_HASHES = re.compile(r"(?:^|[ \t]+)#+$")
_TAB_HEADING = re.compile(r"^\[[^\]]*\]\(#tab/")
_FENCE_OPEN = re.compile(r"^([ \t]*)(`{3,}|~{3,})(.*)$")
_FENCE_CLOSE = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*$")
_BLOCK_TYPE = re.compile(r'"blockType"\s*:\s*"([^"]*)"')
_ODATA_TYPE = re.compile(r'"@(?:odata\.)?type"\s*:\s*"([^"]*)"')

_HOST = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/]*")
_VERSION = re.compile(r"^/(?:v\d+(?:\.\d+)?|beta)(?=/|$)", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|<[^<>]*>")


# --- line classification -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Line:
    """One source line as the counter sees it (``number`` is 1-based)."""

    number: int
    kind: str  # front | blank | comment | heading | fence_open | fence | fence_close | text
    text: str
    level: int = 0  # heading level
    heading: str = ""  # heading text


@dataclass(frozen=True, slots=True)
class Comment:
    """An HTML comment outside fences: its text between ``<!--`` and ``-->``."""

    line: int
    end_line: int
    text: str


def _front_matter_end(lines: list[str]) -> int:
    """Number of leading lines that are YAML front matter (0 when there is none)."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return index + 1
    return 0  # unclosed: not front matter


def _scan(text: str) -> tuple[list[Line], list[Comment]]:
    """Classify every line and collect the comments outside fences."""
    lines = text.splitlines()
    front = _front_matter_end(lines)
    result: list[Line] = [Line(n + 1, "front", lines[n]) for n in range(front)]
    comments: list[Comment] = []

    fence: tuple[str, int] | None = None  # (character, length) of the open fence
    comment_start = 0  # line where the open comment began (0: none open)
    comment_parts: list[str] = []

    for index in range(front, len(lines)):
        number = index + 1
        line = lines[index]

        if fence is not None:
            close = _FENCE_CLOSE.match(line)
            if close and close.group(1)[0] == fence[0] and len(close.group(1)) >= fence[1]:
                fence = None
                result.append(Line(number, "fence_close", line))
            else:
                result.append(Line(number, "fence", line))
            continue

        # Outside fences: cut out comments, keep what stays visible.
        visible: list[str] = []
        rest = line
        touched = comment_start != 0
        while rest:
            if comment_start:
                end = rest.find("-->")
                if end < 0:
                    comment_parts.append(rest)
                    rest = ""
                    break
                comment_parts.append(rest[:end])
                comments.append(Comment(comment_start, number, "\n".join(comment_parts)))
                comment_start = 0
                comment_parts = []
                rest = rest[end + 3 :]
            else:
                start = rest.find("<!--")
                if start < 0:
                    visible.append(rest)
                    break
                touched = True
                visible.append(rest[:start])
                comment_start = number
                comment_parts = []
                rest = rest[start + 4 :]
        shown = "".join(visible)

        if not shown.strip():
            result.append(Line(number, "comment" if touched else "blank", line))
            continue
        if touched:
            result.append(Line(number, "text", line))
            continue

        heading = _HEADING.match(line)
        if heading:
            title = _CLOSING_HASHES.sub("", heading.group(2) or "").strip()
            result.append(Line(number, "heading", line, len(heading.group(1)), title))
            continue
        opener = _FENCE_OPEN.match(line)
        if opener and not (opener.group(2)[0] == "`" and "`" in opener.group(3)):
            fence = (opener.group(2)[0], len(opener.group(2)))
            result.append(Line(number, "fence_open", line))
            continue
        result.append(Line(number, "text", line))

    if comment_start:  # unclosed comment: it runs to the end of the page
        comments.append(Comment(comment_start, len(lines), "\n".join(comment_parts)))
    return result, comments


def _is_request_heading(title: str) -> bool:
    return title.lower().startswith("http request")


def _is_tab_heading(title: str) -> bool:
    return _TAB_HEADING.match(title) is not None


# --- HTTP request paths -----------------------------------------------------------------


def _cut_path(rest: str) -> str:
    """The path at the start of ``rest``: it runs to the first space outside ``{...}``."""
    depth = 0
    for index, char in enumerate(rest):
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif char in " \t" and depth == 0:
            return rest[:index]
    return rest.rstrip()


def http_request_paths(text: str) -> list[tuple[str, str, int]]:
    """Every ``METHOD path`` line inside a fence of an "HTTP request" section.

    Returns ``(method, path, line_number)`` with the path as written (cut at the first
    space outside braces).
    """
    lines, _ = _scan(text)
    found: list[tuple[str, str, int]] = []
    section_level = 0  # level of the open HTTP request heading (0: not in one)
    for line in lines:
        if line.kind == "heading":
            if _is_tab_heading(line.heading):
                continue
            if _is_request_heading(line.heading):
                section_level = line.level
            elif section_level and line.level <= section_level:
                section_level = 0
            continue
        if section_level and line.kind == "fence":
            match = _METHOD_LINE.match(line.text)
            if match:
                path = _cut_path(match.group(2))
                if path:
                    found.append((match.group(1), path, line.number))
    return found


def normalize_pair(method: str, path: str) -> tuple[str, str]:
    """``(METHOD, path)`` made comparable: no host, version or query, ``{}`` for every
    placeholder, no trailing slash, lower case."""
    value = path.strip()
    value = _HOST.sub("", value)
    value = value.split("?", 1)[0].split("#", 1)[0]
    if not value.startswith("/"):
        value = "/" + value
    value = _VERSION.sub("", value) or "/"
    if len(value) > 1:
        value = value.rstrip("/") or "/"
    value = _PLACEHOLDER.sub("{}", value)
    return method.strip().upper(), value.lower()


# --- annotations -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BlockAnnotation:
    """A JSON-like comment outside fences that the next non-blank line's fence follows."""

    line: int
    block_type: str | None
    odata_type: str | None
    text: str


def annotations(text: str) -> list[BlockAnnotation]:
    """The ``<!-- { ... } -->`` comments directly followed (blank lines aside) by a fence."""
    lines, comments = _scan(text)
    by_number = {line.number: line for line in lines}
    found: list[BlockAnnotation] = []
    for comment in comments:
        body = comment.text.strip()
        if not body.startswith("{"):
            continue
        number = comment.end_line + 1
        while number in by_number and by_number[number].kind == "blank":
            number += 1
        if number not in by_number or by_number[number].kind != "fence_open":
            continue
        block = _BLOCK_TYPE.search(body)
        odata = _ODATA_TYPE.search(body)
        found.append(
            BlockAnnotation(
                comment.line,
                block.group(1) if block else None,
                odata.group(1) if odata else None,
                body,
            )
        )
    return found


def annotated_blocks(text: str) -> dict[str, int]:
    """How many fences each ``blockType`` value annotates."""
    counts = Counter(a.block_type for a in annotations(text) if a.block_type is not None)
    return dict(counts)


def resource_types(text: str) -> list[tuple[str, int]]:
    """``(@odata.type or @type, line)`` of every ``resource`` block annotation."""
    return [
        (a.odata_type, a.line)
        for a in annotations(text)
        if a.block_type == "resource" and a.odata_type
    ]


# --- the whole corpus ----------------------------------------------------------------------


def _pages(folder: Path) -> Iterator[Path]:
    if folder.is_dir():
        yield from sorted(folder.glob("*.md"))


def _read(page: Path) -> str:
    return page.read_text(encoding="utf-8", errors="replace")


def corpus_figures(root: Path) -> dict[str, Any]:
    """Figures about a doc root holding ``api/`` and ``resources/``.

    Numbers: ``path_lines`` and ``path_files`` (api/), ``distinct_pairs``,
    ``methods`` (lines per method), and ``request`` / ``response`` / ``resource``
    annotated blocks (api/ and resources/).  Mappings for the tests, each to the
    ``"folder/file.md:line"`` where it was first seen: ``pairs`` (normalized
    ``(method, path)``) and ``resource_types`` (``@odata.type`` of resource annotations).
    """
    path_lines = 0
    path_files = 0
    methods: Counter[str] = Counter()
    pairs: dict[tuple[str, str], str] = {}
    blocks: Counter[str] = Counter()
    types: dict[str, str] = {}

    for page in _pages(root / "api"):
        found = http_request_paths(_read(page))
        if found:
            path_files += 1
        path_lines += len(found)
        for method, path, line in found:
            methods[method] += 1
            pairs.setdefault(normalize_pair(method, path), f"api/{page.name}:{line}")

    for folder in ("api", "resources"):
        for page in _pages(root / folder):
            text = _read(page)
            blocks.update(annotated_blocks(text))
            for name, line in resource_types(text):
                types.setdefault(name, f"{folder}/{page.name}:{line}")

    return {
        "path_lines": path_lines,
        "path_files": path_files,
        "distinct_pairs": len(pairs),
        "methods": dict(methods),
        "request": blocks["request"],
        "response": blocks["response"],
        "resource": blocks["resource"],
        "blocks": dict(blocks),
        "pairs": pairs,
        "resource_types": types,
    }


if __name__ == "__main__":  # pragma: no cover - a manual check
    import sys

    figures = corpus_figures(Path(sys.argv[1]))
    for key, value in figures.items():
        if key not in ("pairs", "resource_types"):
            print(f"{key}: {value}")
    print(f"resource_types: {len(figures['resource_types'])}")
