"""Example HTTP messages: the request or response written inside one fenced block."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from generator.model import Body, Header
from generator.paths import split_request_line, split_url
from generator.read.lenient_json import elided_keys, loads_lenient, strict_loads
from generator.read.limits import DEFAULT_LIMITS, too_deep

_HEADER = re.compile(r"^([A-Za-z0-9][A-Za-z0-9!#$%&'*+.^_`|~-]*)[ \t]*:[ \t]*(.*)$")
_STATUS = re.compile(r"^HTTP(?:/(\d(?:\.\d)?))?\s+(\d{3})\b\s*(.*)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RequestParts:
    method: str
    method_as_written: str
    url: str
    host: str | None
    version: str | None
    path: str
    query: str
    headers: tuple[Header, ...]
    body: Body | None
    line: int = 0  # the file line of the request line


@dataclass(frozen=True, slots=True)
class ResponseParts:
    status: int | None
    reason: str
    http_version: str | None
    headers: tuple[Header, ...]
    body: Body | None
    line: int = 0  # the file line of the status line, or of the first non-blank line


def first_line(content: str) -> str:
    return next((ln.strip() for ln in content.split("\n") if ln.strip()), "")


def first_line_offset(content: str) -> int:
    """How many lines into ``content`` its first non-blank line is (0 when all blank)."""
    return next((n for n, ln in enumerate(content.split("\n")) if ln.strip()), 0)


def is_status_line(line: str) -> bool:
    return bool(_STATUS.match(line.strip()))


def parse_request(
    content: str, first: int, max_depth: int = DEFAULT_LIMITS.depth
) -> RequestParts | None:
    """``first`` is the file line of the fence's first content line.  None when the
    block does not start with a ``METHOD url`` line.  A body nesting deeper than
    ``max_depth`` is kept as text only."""
    lines = content.split("\n")
    start = _skip_blank(lines, 0)
    if start >= len(lines):
        return None
    split = split_request_line(lines[start])
    if split is None:
        return None
    method, url = split
    host, version, path, query = split_url(url)
    headers, body = _headers_and_body(lines, start + 1, first, max_depth)
    written = lines[start].split(maxsplit=1)[0]
    return RequestParts(
        method, written, url, host, version, path, query, headers, body, first + start
    )


def parse_response(
    content: str, first: int, max_depth: int = DEFAULT_LIMITS.depth
) -> ResponseParts:
    lines = content.split("\n")
    start = _skip_blank(lines, 0)
    m = _STATUS.match(lines[start].strip()) if start < len(lines) else None
    at = first + min(start, max(len(lines) - 1, 0))
    if m is None:  # no status line: the whole block is headers and body
        headers, body = _headers_and_body(lines, start, first, max_depth)
        return ResponseParts(None, "", None, headers, body, at)
    headers, body = _headers_and_body(lines, start + 1, first, max_depth)
    return ResponseParts(int(m.group(2)), m.group(3).strip(), m.group(1), headers, body, at)


def header_value(headers: tuple[Header, ...], name: str) -> str | None:
    lowered = name.lower()
    return next((h.value for h in headers if h.name.lower() == lowered), None)


def _skip_blank(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def _headers_and_body(
    lines: list[str], i: int, first: int, max_depth: int
) -> tuple[tuple[Header, ...], Body | None]:
    """Headers run until a blank line or the first line that cannot be one (a few real
    examples put a blank line before the headers, or none before the body).

    After a blank line, header-like lines are headers only if they run to the next
    blank line or the end of the block: a body such as a vCard (``BEGIN:VCARD``,
    ``FN:Alex``, then a folded line) also starts with ``Name:value`` lines.
    """
    headers: list[Header] = []
    j = _skip_blank(lines, i)
    if j > i and _is_header_run(lines, j):
        i = j
    while i < len(lines):
        m = _HEADER.match(lines[i])
        if not lines[i].strip() or m is None:
            break
        headers.append(Header(m.group(1), m.group(2).strip(), first + i))
        i += 1
    i = _skip_blank(lines, i)
    text = "\n".join(lines[i:]).rstrip()
    if not text:
        return tuple(headers), None
    return tuple(headers), make_body(text, first + i, max_depth)


def _is_header_run(lines: list[str], i: int) -> bool:
    """Whether lines from ``i`` are all headers up to a blank line or the end."""
    end = next((k for k in range(i, len(lines)) if not lines[k].strip()), len(lines))
    return end > i and all(_HEADER.match(lines[k]) for k in range(i, end))


def make_body(text: str, line: int, max_depth: int = DEFAULT_LIMITS.depth) -> Body:
    """Keep the text as written; ``json`` is read leniently so truncated examples still
    give values, and ``json_error`` says why strict JSON failed; JSON cut short with
    ``...`` is ``elided``, with the top-level keys written before the cut.  Nothing
    nesting deeper than ``max_depth`` is parsed (parse_blocks reports it as DC016)."""
    if not text.lstrip().startswith(("{", "[")):
        return Body(text, None, "not JSON", line)
    deep = too_deep(text, max_depth)
    if deep is not None:
        error = f"nests deeper than the nesting limit of {max_depth} levels (line {line + deep})"
        return Body(text, None, error, line)
    try:
        return Body(text, strict_loads(text), None, line)
    except json.JSONDecodeError as exc:
        error = f"{exc.msg} (line {line + exc.lineno - 1})"
    except (ValueError, RecursionError) as exc:
        error = str(exc) or type(exc).__name__
    result = loads_lenient(text)
    if result.ok:
        return Body(text, result.value, error, line)
    keys = elided_keys(text)  # cut short with "...": what it still promises
    return Body(text, None, error, line, elided=keys is not None, keys=keys or ())
