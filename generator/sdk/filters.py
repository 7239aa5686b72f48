"""Jinja filters that put untrusted doc text into generated Python safely.

Doc text (descriptions, enum values, wire names) may contain anything: quotes, triple
quotes, backslashes, newlines, NUL bytes, lone surrogates.  Templates never write such
text directly; it goes through one of these filters, each of which returns source text
that Python reads back as exactly one string (``pystr``, ``pystrs``, ``pydoc``) or as one
comment line (``pycomment``), whatever the input.
"""

from __future__ import annotations

import json
import math
import re
import textwrap

_QUOTE_RUN = re.compile(r'"(?="|\Z)')  # a quote followed by a quote, or the last one


def pystr(value: object) -> str:
    """A Python string literal for ``str(value)``: ``repr`` escapes quotes, backslashes,
    line breaks and every non-printable character, so the text cannot leave the quotes.
    Quoted as black quotes it (black.strings.normalize_string_quotes): double quotes
    unless the text has more double quotes than single ones."""
    text = str(value)
    literal = repr(text)
    if literal[0] == "'" and text.count('"') <= text.count("'"):
        # repr escaped each ' (backslashes are doubled, so each \' is one): swap.
        return '"' + literal[1:-1].replace("\\'", "'").replace('"', '\\"') + '"'
    return literal


_AFTER_SPACE = re.compile(r"(?<= )(?=[^ ])")


def pystrs(value: object, indent: int = 8, width: int = 100) -> str:
    """``pystr`` when it fits in ``width`` columns at ``indent`` (with a comma after it),
    else the text cut after spaces into literals that do, as one parenthesized implicit
    concatenation (black keeps it; Python joins it back into the one string).  Columns
    are characters here: a wide character counts one, so a literal black finds too wide
    stays as it is (black never cuts strings)."""
    text = str(value)
    whole = pystr(text)
    if indent + len(whole) + 1 <= width:
        return whole
    room = width - indent - 4  # the pieces sit one level deeper
    pieces: list[str] = []
    for word in _AFTER_SPACE.split(text):
        if pieces and len(pystr(pieces[-1] + word)) <= room:
            pieces[-1] += word
        else:
            pieces.append(word)
    if len(pieces) == 1:
        return whole  # one word longer than the line: nothing to cut at
    inner = "\n".join(f"{' ' * (indent + 4)}{pystr(piece)}" for piece in pieces)
    return f"(\n{inner}\n{' ' * indent})"


def _escape_char(char: str) -> str:
    if char == "\n" or char.isprintable():
        return char
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _escape_doc(text: str) -> str:
    text = "".join(_escape_char(c) for c in text.replace("\\", "\\\\"))
    # No two unescaped quotes in a row and none at the end: '"""' cannot occur and the
    # closing quotes cannot merge with the text.
    return _QUOTE_RUN.sub(lambda _: '\\"', text)


def pydoc(value: object, indent: int = 4, width: int = 96) -> str:
    """A triple-quoted docstring for ``str(value)``, wrapped at ``width`` columns with
    continuation lines indented by ``indent`` spaces.  Wrapping only changes whitespace
    between words; every character of the text is otherwise kept (escaped as needed)."""
    pad = " " * indent
    lines: list[str] = []
    for paragraph in str(value).strip().splitlines():
        wrapped = textwrap.wrap(
            paragraph,
            max(20, width - indent),
            break_long_words=False,
            break_on_hyphens=False,
        )
        lines.extend(wrapped or [""])
    body = "\n".join(f"{pad}{_escape_doc(line)}" if line else "" for line in lines).lstrip()
    if len(lines) > 1:
        return f'"""{body}\n{pad}"""'
    return f'"""{body}"""'


def pycomment(value: object) -> str:
    """Text for the rest of a ``#`` comment: one line, whatever the input.  Every
    non-printable character (line breaks of any kind, NUL, surrogates, ...) becomes a
    space and runs of spaces collapse, so nothing after it can become code."""
    text = "".join(c if c.isprintable() else " " for c in str(value))
    return " ".join(text.split())


def tomlstr(value: object) -> str:
    """A TOML basic string: JSON's escapes are TOML's for these values."""
    return json.dumps(str(value))


FILTERS = {
    "pystr": pystr,
    "pystrs": pystrs,
    "pydoc": pydoc,
    "pycomment": pycomment,
    "tomlstr": tomlstr,
}


# --- Markdown (the SDK's README) ------------------------------------------------------------

# What CommonMark (and GitHub's extensions) could read as markup inside a line: emphasis,
# code, links and images, raw HTML and entities, tables, strikethrough, math, headings.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~#$])")


def _one_line(text: str) -> str:
    """Every non-printable character (line breaks of any kind, NUL, ...) a space."""
    return "".join(c if c.isprintable() else " " for c in text)


def mdtext(value: object) -> str:
    """Markdown inline text that shows ``str(value)`` as written: one line (runs of
    white space collapse), every character that could start markup backslash-escaped,
    so doc text can neither open a block (it never starts a line) nor a span, link,
    HTML tag or entity."""
    text = " ".join(_one_line(str(value)).split())
    return _MD_SPECIAL.sub(r"\\\1", text)


def mdcode(value: object) -> str:
    """A Markdown code span of ``str(value)`` on one line: delimited by one backtick
    more than its longest run of backticks, padded with a space where it starts or ends
    with one (CommonMark strips one space each side), so nothing in it is markup."""
    text = _one_line(str(value))
    if not text.strip():
        return mdtext(text)
    runs = [len(r) for r in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    if text.startswith(("`", " ")) or text.endswith(("`", " ")):
        text = f" {text} "
    return f"{fence}{text}{fence}"


def mdfence(value: object, info: str = "") -> str:
    """A fenced code block of ``str(value)``: a run of backticks longer than any in it
    (at least three), so no line of it can close the block early."""
    text = str(value)
    if text and not text.endswith("\n"):
        text += "\n"
    runs = [len(r) for r in re.findall(r"`+", text)]
    fence = "`" * max(3, max(runs, default=0) + 1)
    return f"{fence}{mdtext(info)}\n{text}{fence}"


def pyvalue(value: object) -> str:
    """A Python literal for a JSON value (``None``, booleans, numbers, strings, lists,
    dicts): strings through :func:`pystr`, so doc text stays inside its quotes."""
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else f"float({pystr(repr(value))})"
    if isinstance(value, str):
        return pystr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(pyvalue(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{pystr(k)}: {pyvalue(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no literal for {type(value).__name__}")


MARKDOWN = {"mdtext": mdtext, "mdcode": mdcode, "mdfence": mdfence, "pyvalue": pyvalue}
