"""Strings and comments as black writes them (black.linegen.visit_STRING,
black.comments.make_comment), using black's own string functions: a token of the
piece is black's only if it equals what black would make of it."""

from __future__ import annotations

import re

import black
from black.comments import contains_fmt_directive, make_comment
from black.strings import (
    UNICODE_ESCAPE_RE,
    fix_multiline_docstring,
    get_string_prefix,
    normalize_string_prefix,
    normalize_string_quotes,
)

from generator.render.stable.lines import LINE_LENGTH

_MODE = black.Mode(line_length=LINE_LENGTH)
_BACKSLASH_NEWLINE = re.compile(r"\\\s*\n")


def _escapes(value: str) -> str:
    """black.strings.normalize_unicode_escape_sequences: hex digits of escapes in lower
    case, ``\\N{...}`` names in upper case (not in raw strings)."""
    if "\\" not in value or "r" in get_string_prefix(value).lower():
        return value
    return UNICODE_ESCAPE_RE.sub(_escape, value)


def _escape(match: re.Match[str]) -> str:
    groups = match.groupdict()
    backslashes = groups["backslashes"]
    if groups["body"] is None or len(backslashes) % 2 == 0:
        return match.group(0)
    for kind in ("u", "U", "x"):
        if groups[kind]:
            return f"{backslashes}{kind}{groups[kind].lower()}"
    return f"{backslashes}N{{{groups['N'].upper()}}}"


def _normalized(value: str) -> str:
    return normalize_string_quotes(normalize_string_prefix(value, _MODE))


def string(value: str) -> str:
    """Black's spelling of a string that is not a docstring."""
    if value[0] == '"' and "\\" not in value:
        return value  # double quotes, no prefix, no escapes: black's already
    return _normalized(_escapes(value))


def docstring(value: str, depth: int) -> str:
    """Black's spelling of a docstring at ``depth`` (visit_STRING)."""
    value = _escapes(value)
    if _BACKSLASH_NEWLINE.search(value):
        return _normalized(value)
    text = _normalized(value)
    prefix = get_string_prefix(text)
    text = text[len(prefix) :]
    quote_char = text[0]
    quote_len = 1 if text[1] != quote_char else 3
    text = text[quote_len:-quote_len]
    started_empty = not text
    indent = " " * 4 * depth
    text = fix_multiline_docstring(text, indent) if _multiline(value) else text.strip()
    trailing_backslash = False
    if text:
        if text[0] == quote_char:
            text = " " + text
        if text[-1] == quote_char:
            text += " "
        if text[-1] == "\\":
            backslashes = len(text) - len(text.rstrip("\\"))
            if backslashes % 2:
                text += " "
                trailing_backslash = True
    elif not started_empty:
        text = " "
    quote = quote_char * quote_len
    result = prefix + quote + text + quote
    if quote_len == 3:
        lines = text.splitlines()
        last_line_length = len(lines[-1]) if text and not text.endswith("\n") else 0
        if (
            len(lines) > 1
            and last_line_length + quote_len > LINE_LENGTH
            and len(indent) + quote_len <= LINE_LENGTH
            and not trailing_backslash
            and value[-1 - quote_len] != "\n"
        ):
            result = prefix + quote + text + "\n" + indent + quote
    return _normalized(result)


def _multiline(value: str) -> bool:
    bare = value.lstrip("furbFURB")
    return bare[:3] in ('"""', "'''") and "\n" in bare


def comment(text: str) -> bool:
    """Black keeps this comment as it is (no fmt directive, no type comment)."""
    if contains_fmt_directive(text) or text[1:].lstrip().startswith("type:"):
        return False
    return "\N{NO-BREAK SPACE}" not in text and make_comment(text, _MODE) == text
