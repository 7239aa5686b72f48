"""Read the almost-JSON found in the docs, recording every repair it needed.

Annotations, example bodies and resource JSON representations are written by hand; a
few use trailing commas, comments, raw newlines in strings and the like.  Strict
``json.loads`` is tried first.  Only when it fails does a small tokenizer walk the
text (so string contents are never touched by a repair), fix the known defects,
remember each as a :class:`Deviation`, and hand the repaired text to ``json.loads``.
Nothing here raises: failures are reported in the :class:`LenientResult`.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import math
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from generator.read.limits import DEFAULT_LIMITS, too_deep

TRAILING_COMMA = "trailing comma"
RAW_NEWLINE = "raw newline in string"
MISSING_COMMA = "missing comma"
UNQUOTED_KEY = "unquoted key"
COMMENT = "comment"
SINGLE_QUOTED = "single-quoted string"
NBSP = "non-breaking space"
CONTROL_CHARACTER = "control character"


@dataclass(frozen=True, slots=True)
class Deviation:
    """One repair: what was wrong, on which 0-based line of the text, and near what."""

    kind: str
    line: int
    detail: str


@dataclass(frozen=True, slots=True)
class LenientResult:
    """``value`` is the parsed JSON when ``ok``; otherwise ``error`` says why not."""

    value: Any
    ok: bool
    deviations: tuple[Deviation, ...]
    error: str | None
    error_line: int
    too_deep: bool = False  # nests deeper than the limit: not parsed at all


class _Unreadable(Exception):
    """Internal: the text cannot be repaired (caught inside :func:`loads_lenient`)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "punct", "string" or "bare"
    text: str  # the text to emit (valid JSON for strings)
    raw: str  # the text as written, for messages
    line: int
    end_line: int


_PUNCT, _STRING, _BARE = "punct", "string", "bare"
_WS_CHARS = " \t\r\n"
_NO_BREAK_SPACES = "\u00a0\u2007\u202f\ufeff"
_WS = re.compile(r"[ \t\r\n]+")
_DQ_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_SQ_STRING = re.compile(r"'[^'\\]*(?:\\.[^'\\]*)*'", re.S)
_LINE_COMMENT = re.compile(r"//[^\n]*")
_BLOCK_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.S)
_BAREWORD = re.compile(r"(?:[^\s\x00-\x1f{}\[\]:,\"'/\ufeff]|/(?![/*]))+")
_CONTROL = re.compile(r"[\x00-\x1f]")
_SQ_ESCAPE = re.compile(r"\\(.)|\"", re.S)
_IDENTIFIER = re.compile(r"[A-Za-z_$@][\w$@.\-]*")
_LITERALS = frozenset({"true", "false", "null"})
_CONTROL_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def loads_lenient(text: str, max_depth: int = DEFAULT_LIMITS.depth) -> LenientResult:
    """Parse ``text`` as JSON, repairing the hand-written defects the docs contain.
    Text nesting deeper than ``max_depth`` is not parsed (``too_deep``)."""
    deep = too_deep(text, max_depth)
    if deep is not None:
        message = f"nests deeper than the nesting limit of {max_depth} levels"
        return LenientResult(None, False, (), message, deep, too_deep=True)
    try:
        return LenientResult(strict_loads(text), True, (), None, 0)
    except (ValueError, RecursionError):
        pass
    deviations: list[Deviation] = []
    tokens: list[_Token] = []
    try:
        _scan(text, tokens, deviations)
        repaired, offsets, out = _assemble(tokens, deviations)
        value = strict_loads(repaired)
    except _Unreadable as exc:
        return _failure(exc.message, exc.line, tokens, deviations)
    except json.JSONDecodeError as exc:
        line = out[bisect_right(offsets, exc.pos) - 1].line if out else 0
        return _failure(exc.msg, line, tokens, deviations)
    except (ValueError, RecursionError) as exc:
        return _failure(str(exc) or type(exc).__name__, 0, tokens, deviations)
    return LenientResult(value, True, _ordered(deviations), None, 0)


def elided_keys(text: str) -> tuple[str, ...] | None:
    """Whether ``text`` is JSON cut short, and what it still promises.  A cut is ``...``
    (or ``…``) outside any string, standing for what the docs left out
    (``{"value": [{"id": "1"}, ...]}``); comments and strings are skipped as
    :func:`loads_lenient` skips them.  Returns None when nothing is cut, else the keys of
    the top-level object written before the first cut, in order, a key whose value the
    cut falls in included (``("value",)`` here); ``()`` for a cut array."""
    if not text.lstrip().startswith(("{", "[")):
        return None
    tokens: list[_Token] = []
    with contextlib.suppress(_Unreadable):  # an unclosed string: the tokens before it count
        _scan(text, tokens, [])
    cut = next((i for i, tok in enumerate(tokens) if _is_ellipsis(tok)), None)
    if cut is None:
        return None
    keys: dict[str, None] = {}
    depth = 0
    for tok, following in itertools.pairwise(tokens[: cut + 1]):
        if tok.kind == _PUNCT and tok.text in "{[":
            depth += 1
        elif tok.kind == _PUNCT and tok.text in "}]":
            depth -= 1
        elif depth == 1 and tokens[0].text == "{" and following.text == ":":
            if tok.kind == _STRING:
                with contextlib.suppress(ValueError):  # an escape JSON does not know
                    keys[json.loads(tok.text)] = None
            elif _is_unquoted_key(tok, following):
                keys[tok.raw] = None
    return tuple(keys)


def _is_ellipsis(tok: _Token) -> bool:
    return tok.kind == _BARE and ("..." in tok.raw or "\u2026" in tok.raw)


def strict_loads(text: str) -> Any:
    """``json.loads`` without the NaN/Infinity extension, nor numbers that overflow to it."""
    return json.loads(text, parse_constant=_reject_constant, parse_float=_finite)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is too large for a JSON number")
    return value


def _ordered(deviations: list[Deviation]) -> tuple[Deviation, ...]:
    return tuple(sorted(deviations, key=lambda d: d.line))


def _failure(
    message: str, line: int, tokens: list[_Token], deviations: list[Deviation]
) -> LenientResult:
    """A failed result, blaming an earlier string that seems never to have closed."""
    for tok in tokens:
        if tok.line > line:
            break
        if tok.kind == _STRING and _looks_unclosed(tok.raw):
            first_line = tok.raw.partition("\n")[0]
            message = f"unterminated string {_clip(first_line)}..."
            line = tok.line
            break
    return LenientResult(None, False, _ordered(deviations), message, line)


def _looks_unclosed(raw: str) -> bool:
    """A string whose last raw line is blank: its closing quote opened the next string."""
    _, newline, tail = raw[:-1].rpartition("\n")
    return bool(newline) and not tail.strip()


# --- scanning ---------------------------------------------------------------------------


def _scan(text: str, tokens: list[_Token], deviations: list[Deviation]) -> None:
    """Split ``text`` into ``tokens``, dropping comments and stray whitespace characters."""
    pos, line, end = 0, 0, len(text)
    while pos < end:
        ch = text[pos]
        if ch in _WS_CHARS:
            match = _WS.match(text, pos)
            assert match is not None
            line += match.group().count("\n")
            pos = match.end()
            continue
        if ch in "{}[]:,":
            tokens.append(_Token(_PUNCT, ch, ch, line, line))
            pos += 1
            continue
        if ch in "\"'":
            tok = _string(text, pos, line, deviations)
        elif text.startswith(("//", "/*"), pos):
            tok = _comment(text, pos, line, deviations)
        elif ch in _NO_BREAK_SPACES or ch < " ":
            tok = _stray(ch, line, deviations)
        else:
            match = _BAREWORD.match(text, pos)
            raw = match.group() if match else ch
            tok = _Token(_BARE, raw, raw, line, line)
        pos += len(tok.raw)
        line = tok.end_line
        if tok.kind:
            tokens.append(tok)


def _string(text: str, pos: int, line: int, deviations: list[Deviation]) -> _Token:
    """A quoted string, re-quoted with double quotes and its control characters escaped."""
    quote = text[pos]
    match = (_DQ_STRING if quote == '"' else _SQ_STRING).match(text, pos)
    if match is None:
        raise _Unreadable(f"unterminated string starting {_clip(text[pos:], 30)}", line)
    raw = match.group()
    inner = raw[1:-1]
    if quote == "'":
        deviations.append(Deviation(SINGLE_QUOTED, line, _clip(raw)))
        inner = _SQ_ESCAPE.sub(_requote, inner)
    if _CONTROL.search(inner):
        inner = _escape_controls(inner, raw, line, deviations)
    return _Token(_STRING, f'"{inner}"', raw, line, line + raw.count("\n"))


def _requote(match: re.Match[str]) -> str:
    """Turn a single-quoted string's escapes and bare double quotes into JSON ones."""
    if match.group(1) is None:
        return '\\"'
    return "'" if match.group(1) == "'" else match.group()


def _escape_controls(inner: str, raw: str, line: int, deviations: list[Deviation]) -> str:
    """Escape raw control characters inside a string; one deviation per kind."""
    shown = f"in {_clip(raw)}"
    if "\n" in inner:
        deviations.append(Deviation(RAW_NEWLINE, line, shown))
    other = _CONTROL.search(inner.replace("\n", ""))
    if other:
        at = inner.index(other.group())
        where = line + inner[:at].count("\n")
        detail = f"U+{ord(other.group()):04X} {shown}"
        deviations.append(Deviation(CONTROL_CHARACTER, where, detail))
    return _CONTROL.sub(_escape_control, inner)


def _escape_control(match: re.Match[str]) -> str:
    char = match.group()
    return _CONTROL_ESCAPES.get(char, f"\\u{ord(char):04x}")


def _comment(text: str, pos: int, line: int, deviations: list[Deviation]) -> _Token:
    """A ``//`` or ``/* */`` comment; returned as a token of no kind, which is dropped."""
    pattern = _LINE_COMMENT if text.startswith("//", pos) else _BLOCK_COMMENT
    match = pattern.match(text, pos)
    assert match is not None
    raw = match.group()
    deviations.append(Deviation(COMMENT, line, _clip(raw)))
    return _Token("", "", raw, line, line + raw.count("\n"))


def _stray(ch: str, line: int, deviations: list[Deviation]) -> _Token:
    """A no-break space or control character between tokens: dropped, but recorded."""
    kind = NBSP if ch in _NO_BREAK_SPACES else CONTROL_CHARACTER
    deviations.append(Deviation(kind, line, f"U+{ord(ch):04X} outside a string"))
    return _Token("", "", ch, line, line)


# --- repairing ----------------------------------------------------------------------------


def _assemble(
    tokens: list[_Token], deviations: list[Deviation]
) -> tuple[str, list[int], list[_Token]]:
    """Fix commas and keys between tokens; return the text, token offsets and tokens."""
    out: list[_Token] = []
    for index, tok in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if _is_unquoted_key(tok, following):
            deviations.append(Deviation(UNQUOTED_KEY, tok.line, _clip(tok.raw)))
            tok = _Token(_STRING, json.dumps(tok.raw), tok.raw, tok.line, tok.end_line)
        if tok.kind == _PUNCT and tok.text in "}]" and out and out[-1].text == ",":
            comma = out.pop()
            after = f"after {_clip(out[-1].raw, keep_tail=True)}" if out else "at the start"
            deviations.append(Deviation(TRAILING_COMMA, comma.line, after))
        elif out and _ends_value(out[-1]) and _starts_value(tok) and tok.line > out[-1].end_line:
            prev = out[-1]
            detail = f"between {_clip(prev.raw, keep_tail=True)} and {_clip(tok.raw)}"
            deviations.append(Deviation(MISSING_COMMA, prev.end_line, detail))
            out.append(_Token(_PUNCT, ",", ",", prev.end_line, prev.end_line))
        out.append(tok)
    offsets: list[int] = []
    size = 0
    for tok in out:
        offsets.append(size)
        size += len(tok.text) + 1
    return " ".join(tok.text for tok in out), offsets, out


def _is_unquoted_key(tok: _Token, following: _Token | None) -> bool:
    return (
        tok.kind == _BARE
        and following is not None
        and following.text == ":"
        and following.kind == _PUNCT
        and tok.raw not in _LITERALS
        and _IDENTIFIER.fullmatch(tok.raw) is not None
    )


def _ends_value(tok: _Token) -> bool:
    return tok.kind != _PUNCT or tok.text in "}]"


def _starts_value(tok: _Token) -> bool:
    return tok.kind != _PUNCT or tok.text in "{["


def _clip(text: str, width: int = 40, *, keep_tail: bool = False) -> str:
    """Shorten ``text`` for a message, keeping its start (or its end) and one line."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    if keep_tail:
        lead = flat[0] if flat[0] in "\"'" else ""
        return lead + "..." + flat[len(lead) + 3 - width :]
    return flat[: width - 3] + "..."
