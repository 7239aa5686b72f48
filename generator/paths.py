"""HTTP request lines and URL paths: split, parse into segments, match examples.

Paths are written loosely in the docs (conventions.md sections 4 and 5): spaces inside
``{id | userPrincipalName}`` and in query strings, ``<x>`` placeholders, OData function
segments with quoted or bare arguments, OneDrive colon addressing
(``root:/{item-path}:``), hosts, version prefixes, missing or trailing slashes.  So no
helper here splits on a plain character: they all skip over ``{...}``, ``<...>`` and
``(...)`` (and quotes inside parentheses), and read an opener that never closes as
plain text.  Every function is total: it never raises on any string, and matching
cannot backtrack badly.

Decisions a reader of the model should know:

* A segment mixing literal text and placeholders (``roleTemplateId={roleTemplateId}``)
  is a PARAM segment: ``name`` is its first parameter, ``params`` all of them, and
  ``text`` keeps the literal part, which matching compares (case ignored).
* A bare ``(x)`` segment (``/teams/(team-id)/...``) is a FUNCTION with an empty name,
  as written; deciding that it was meant as ``{team-id}`` is a lint's job.
* Templates percent-encode whitespace outside placeholders (``search(q='a b')`` becomes
  ``search(q='a%20b')``) and drop blanks after commas in function arguments, so that a
  template is a usable URL and carries no space outside ``{}``.
* ``parse_path`` keeps every segment as written; ``parameterize`` (what the reader does
  to the paths an operation declares) turns a sample value where a parameter belongs
  into that parameter, and ``elided`` tells a path that skips segments (``.../``).  See
  "Sample values" below for what a value is.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from urllib.parse import unquote

from generator.model import (
    FunctionArg,
    PathVariant,
    SampleValue,
    Segment,
    SegmentKind,
    Severity,
    Span,
)

__all__ = [
    "HTTP_METHODS",
    "elided",
    "example_matches",
    "foreign_name",
    "match_example",
    "method_defect",
    "parameterize",
    "parse_path",
    "sample_kind",
    "split_request_line",
    "split_url",
    "url_defects",
]

HTTP_METHODS: tuple[str, ...] = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")

_REQUEST = re.compile(r"([A-Za-z]+)[ \t]+(\S.*)", re.DOTALL)
_HTTP_VERSION = re.compile(r"[ \t]+HTTP/\d+(?:\.\d+)?$", re.IGNORECASE)
_HOST = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://[^/?\\]*")
_VERSION = re.compile(r"v\d[\w.]*|beta", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}|<([^<>]*)>")
_WHITESPACE = re.compile(r"\s")
_CLOSERS = {"{": "}", "<": ">", "(": ")"}
_QUOTES = ("'", '"')
_OPAQUE = ("'", '"', "}", ">")  # closers of spans whose content is not scanned
_SPECIAL = re.compile(r"[{}<>()'\"]")
_MASK = "\0"
_BLANK_OR_QUERY = re.compile(r"[\s?]")
_QUERY = re.compile(r"\?")
_EQUALS = re.compile("=")
_GLOB_SPECIAL = re.compile(r"[*?\[]")


# --- bracket-aware scanning ------------------------------------------------------------


def _masked(text: str, in_args: bool = False) -> str:
    """``text`` with the inside of every closed bracket blanked out (same length).

    Searching or splitting the masked copy finds only top-level characters, and the
    indexes carry over to ``text``.  ``{...}`` and ``<...>`` are opaque (placeholder
    names may hold anything but their closer); quotes count only inside ``(...)``,
    where OData string literals live, so an apostrophe in a file name does not swallow
    the line (``in_args`` says the text is already inside parentheses).  An opener
    that never closes masks nothing: a broken ``{id`` must not eat the rest of a line.
    """
    if _SPECIAL.search(text) is None:
        return text  # the common case: nothing to mask
    spans: list[tuple[int, int]] = []
    stack: list[str] = []
    for m in _SPECIAL.finditer(text):
        ch, i = m.group(), m.start()
        top = stack[-1] if stack else ""
        if top in _OPAQUE or (top and ch == top):
            if ch == top:
                stack.pop()
                if not stack:
                    spans[-1] = (spans[-1][0], i + 1)
            continue
        if ch in _CLOSERS or ((top or in_args) and ch in _QUOTES):
            if not stack:
                spans.append((i, i))
            stack.append(_CLOSERS.get(ch, ch))
    if stack:
        spans.pop()
    return "".join(_blank_spans(text, spans))


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> Iterator[str]:
    """Yield ``text`` with each span but its opening character replaced by NULs."""
    pos = 0
    for start, end in spans:
        yield text[pos : start + 1]
        yield _MASK * (end - start - 1)
        pos = end
    yield text[pos:]


def _first_top(text: str, stop: re.Pattern[str], in_args: bool = False) -> int:
    """Index of the first top-level match of ``stop``, or -1."""
    m = stop.search(_masked(text, in_args))
    return m.start() if m else -1


def _split_top(text: str, sep: str, in_args: bool = False) -> list[str]:
    """Split on ``sep`` outside brackets."""
    parts: list[str] = []
    pos = 0
    for chunk in _masked(text, in_args).split(sep):
        parts.append(text[pos : pos + len(chunk)])
        pos += len(chunk) + 1
    return parts


# --- request lines and URLs ------------------------------------------------------------


def split_request_line(line: str) -> tuple[str, str] | None:
    """``"GET /me/x?$filter=a eq 'b'"`` -> ``("GET", "/me/x?$filter=a eq 'b'")``.

    The path ends at the first blank outside brackets, so ``{id | userPrincipalName}``
    stays whole; a query runs to the end of the line because ``$filter`` values hold
    spaces.  Prose such as "Get the user's photo." is rejected: a target must contain
    a slash unless the method is upper-case and the target is all that follows it.
    """
    first = (line.splitlines() or [""])[0].strip()
    m = _REQUEST.fullmatch(first)
    if m is None or m.group(1).upper() not in HTTP_METHODS:
        return None
    method, rest = m.group(1), m.group(2)
    cut = _first_top(rest, _BLANK_OR_QUERY)
    path = rest if cut < 0 else rest[:cut]
    has_query = cut >= 0 and rest[cut] == "?"
    if not _looks_like_path(path, method, cut < 0 or has_query):
        return None
    return method.upper(), _HTTP_VERSION.sub("", rest) if has_query else path


def text_after_path(line: str) -> str:
    """What a request line holds after its path, other than a query or ``HTTP/1.1``:
    ``GET /users/{id} | user-principal-name/chats`` -> ``| user-principal-name/chats``."""
    m = _REQUEST.fullmatch((line.splitlines() or [""])[0].strip())
    if m is None:
        return ""
    rest = m.group(2)
    cut = _first_top(rest, _BLANK_OR_QUERY)
    if cut < 0 or rest[cut] == "?":
        return ""
    return _HTTP_VERSION.sub("", rest[cut:]).strip()


def _looks_like_path(path: str, method: str, alone: bool) -> bool:
    """Tell ``GET /me`` or ``GET auditLogs/signIns`` from a prose line starting with a verb."""
    return "/" in path or "\\" in path or (alone and method.isupper())


def split_url(url: str) -> tuple[str | None, str | None, str, str]:
    """Split a target into (host, version, path, query); the path always starts with ``/``.

    Backslashes are kept as written so that a lint can report them.
    """
    text = url.strip()
    m = _HOST.match(text)
    host = m.group(0) if m else None
    rest = text[m.end() :] if m else text
    q = _first_top(rest, _QUERY)
    path, query = (rest, "") if q < 0 else (rest[:q], rest[q + 1 :])
    if not path.startswith("/"):
        path = "/" + path
    first = path[1:].split("/", 1)[0]
    if _VERSION.fullmatch(first):
        return host, first, path[1 + len(first) :] or "/", query
    return host, None, path, query


# --- segments ----------------------------------------------------------------------------


def _placeholder_name(m: re.Match[str]) -> str:
    return (m.group(1) if m.group(1) is not None else m.group(2)).strip()


def _normalize(text: str) -> str:
    """Placeholders written ``{name}`` (``<x>`` and ``{ x }`` become ``{x}``), rest as is."""
    return _PLACEHOLDER.sub(lambda m: "{" + _placeholder_name(m) + "}", text)


def _placeholder_names(text: str) -> tuple[str, ...]:
    return tuple(_placeholder_name(m) for m in _PLACEHOLDER.finditer(text))


def _pieces(path: str) -> list[str]:
    """Top-level ``/``-separated pieces, empty ones (``//``, trailing ``/``) dropped."""
    return [p for p in _split_top(path, "/") if p.strip()]


def _ends_with_colon(piece: str) -> bool:
    return piece.endswith(":") and _masked(piece).endswith(":")


def _group(pieces: list[str]) -> Iterator[str | tuple[str, ...]]:
    """Yield pieces, with each colon path (``root:`` ... ``name:``) as one tuple.

    A colon path opens at a piece ending in ``:`` and closes at the next one, or runs
    to the end of the path (``root:/{item-path}``).
    """
    i = 0
    while i < len(pieces):
        if not _ends_with_colon(pieces[i]):
            yield pieces[i]
            i += 1
            continue
        j = i + 1
        while j < len(pieces) and not _ends_with_colon(pieces[j]):
            j += 1
        yield tuple(pieces[i : j + 1])
        i = j + 1


def _function_parts(piece: str) -> tuple[str, str] | None:
    """``name(args)`` -> (name, args) when the first ``(`` closes at the very end."""
    if not piece.endswith(")"):
        return None
    masked = _masked(piece)
    i = masked.find("(")
    if i < 0 or masked[i + 1 :].strip(_MASK):
        return None  # no "(", or it does not close at the end, or it is followed by more
    if _PLACEHOLDER.search(piece[:i]):
        return None  # "{x}(...)" is a parameter segment, not a function
    return piece[:i].strip(), piece[i + 1 : -1]


def _split_arg(raw: str) -> tuple[str, str]:
    """``name=value`` -> (name, value); a positional argument has an empty name."""
    eq = _first_top(raw, _EQUALS, in_args=True)
    if eq < 0:
        return "", raw.strip()
    return raw[:eq].strip(), raw[eq + 1 :].strip()


def _unquote(value: str) -> tuple[str, bool]:
    if len(value) >= 2 and value[0] in _QUOTES and value[-1] == value[0]:
        return value[1:-1], True
    return value, False


def _function_arg(raw: str) -> FunctionArg:
    name, value = _split_arg(raw)
    inner, quoted = _unquote(value)
    names = _placeholder_names(inner)
    pure = bool(names) and _PLACEHOLDER.fullmatch(inner.strip()) is not None
    return FunctionArg(
        name=name,
        param=names[0] if names else None,
        value=None if pure else _normalize(inner),
        quoted=quoted,
    )


def _args(inner: str) -> list[str]:
    return [a for a in _split_top(inner, ",", in_args=True) if a.strip()]


@lru_cache(maxsize=8192)
def _segment(piece: str | tuple[str, ...]) -> Segment:
    """Classify one piece (or a grouped colon path) as a Segment.

    Cached: the same pieces (``me``, ``drive``, ``{id}``) recur on most lines, and a
    Segment is immutable.
    """
    if isinstance(piece, tuple):
        text = "/".join(piece)
        return Segment(
            SegmentKind.COLON_PATH,
            text,
            _normalize(text),
            _placeholder_names(text),
        )
    parts = _function_parts(piece)
    if parts is not None:
        args = tuple(_function_arg(a) for a in _args(parts[1]))
        return Segment(SegmentKind.FUNCTION, piece, parts[0], _placeholder_names(parts[1]), args)
    names = _placeholder_names(piece)
    if names:
        return Segment(SegmentKind.PARAM, piece, names[0], names)
    return Segment(SegmentKind.LITERAL, piece, piece)


def _segments(path: str) -> tuple[Segment, ...]:
    return tuple(_segment(p) for p in _group(_pieces(path)))


# --- templates and shapes ----------------------------------------------------------------


def _render_text(text: str, collapse: bool) -> str:
    """Placeholders as ``{name}`` (or ``{}``), other whitespace as ``%20``."""
    out: list[str] = []
    pos = 0
    for m in _PLACEHOLDER.finditer(text):
        out.append(_WHITESPACE.sub("%20", text[pos : m.start()]))
        out.append("{}" if collapse else "{" + _placeholder_name(m) + "}")
        pos = m.end()
    out.append(_WHITESPACE.sub("%20", text[pos:]))
    return "".join(out)


def _render_arg(raw: str, collapse: bool) -> str:
    name, value = _split_arg(raw)
    inner = _unquote(value)[0].strip()
    slot = collapse and _PLACEHOLDER.fullmatch(inner) is not None  # quoted or not: one slot
    rendered = "{}" if slot else _render_text(value, collapse)
    return f"{_render_text(name, collapse)}={rendered}" if name else rendered


@lru_cache(maxsize=8192)
def _render(segment: Segment, collapse: bool) -> str:
    """A segment as it stands in a template (``collapse=False``) or a shape."""
    if segment.kind is SegmentKind.FUNCTION:
        inner = _function_parts(segment.text)
        args = _args(inner[1]) if inner else []
        name = _render_text(segment.name, collapse)
        return name + "(" + ",".join(_render_arg(a, collapse) for a in args) + ")"
    return _render_text(segment.text, collapse)


def parse_path(raw: str, span: Span) -> PathVariant:
    """Parse a request-line target (possibly absolute, with a query) into a PathVariant."""
    template, shape, query, segments, params = _parsed(raw)
    return PathVariant(
        raw=raw,
        template=template,
        shape=shape,
        query=query,
        segments=segments,
        params=params,
        span=span,
    )


_Parsed = tuple[str, str, str, tuple[Segment, ...], tuple[str, ...]]


@lru_cache(maxsize=16384)
def _parsed(raw: str) -> _Parsed:
    """What :func:`parse_path` makes of ``raw`` but its span.  Cached: the cross-page
    steps parse the same paths and example URLs again and again, and a result is
    immutable."""
    segments = _url_segments(raw)
    query = split_url(raw)[3]
    return (
        _template(segments, collapse=False),
        _template(segments, collapse=True),
        query,
        segments,
        tuple(p for s in segments for p in s.params),
    )


@lru_cache(maxsize=16384)
def _url_segments(url: str) -> tuple[Segment, ...]:
    """The segments of a URL's or request target's path (host, version and query aside):
    declared paths and example URLs share them."""
    return _segments(split_url(url)[2])


def _template(segments: Sequence[Segment], collapse: bool) -> str:
    return "/" + "/".join(_render(s, collapse) for s in segments)


# --- sample values where a parameter belongs (the reader's paths; lint DC309) -----------
#
# Reference pages sometimes copy an example into the HTTP request section: a GUID where
# ``{class-id}`` belongs, a chat id, a date in a function call.  Such a segment is no
# navigation property, action or cast the service knows (all of those are identifiers,
# optionally namespace-qualified), so a value is told by its shape, never by a list of
# names: a GUID (or a text holding one: a SharePoint site id), a Teams thread id
# (``19:…@thread.v2``, percent-encoded or not), an e-mail address, a number, padded
# base64, a known opaque id shape (Outlook ``AAMk…``, OneDrive ``01ABC…``, drive
# ``b!…``), a text that starts with a run of 12 or more hex digits, a long token with
# three or more runs of digits, a token cut short with ``...``, or a dotted name whose
# first label is not the page's namespace's (``domains/contoso.com``; a cast or a bound
# operation is ``microsoft.graph.x``: :func:`foreign_name`).  In a function call
# every literal argument is a value: functions are told apart by their parameter names,
# never by values (``image(width=640)`` declares ``image(width={width})``); a bare word
# written where a placeholder belongs (``count=n``, ``on='parameterValue'``) is a
# placeholder without its braces.  A key in parentheses (``/teams/(team-id)/``) is a key
# segment, and an alternate key with a value (``roleTemplateId=<GUID>``) keeps its name
# (``roleTemplateId={roleTemplateId}``).

_GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
_THREAD_ID = re.compile(r"\d+:[^/@\s]*@[A-Za-z0-9.-]+")
_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)*")
_PADDED = re.compile(r"[A-Za-z0-9+/_-]{6,}={1,2}")
_KNOWN_ID = re.compile(r"A[AQ]Mk[A-Za-z0-9_+/=-]{8,}|01[A-Z0-9]{24,}|b![A-Za-z0-9_-]{16,}")
_HEX_RUN = re.compile(r"[0-9a-f]{12,}", re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-z0-9_+=-]{16,}")
_DIGIT_RUN = re.compile(r"\d+")
_ELLIPSIS = re.compile(r"\.\.\.|…")
_ELIDED = re.compile(r"(?:\.{3,}|…)+")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def sample_kind(text: str) -> str | None:
    """What makes ``text`` (a path segment or a function argument, unquoted) a sample
    value rather than a name: ``guid``, ``thread-id``, ``email``, ``number``, ``id`` (an
    opaque id shape), ``truncated``; None for a name."""
    text = unquote(text.strip())  # 19%3A…%40thread.v2 is a thread id too
    if _GUID.search(text):
        return "guid"
    if _THREAD_ID.fullmatch(text):
        return "thread-id"
    if _ELLIPSIS.search(text) and not _ELIDED.fullmatch(text):
        return "truncated"
    if _EMAIL.fullmatch(text):
        return "email"
    if _NUMBER.fullmatch(text):
        return "number"
    hex_run = _HEX_RUN.match(text)
    if (
        _PADDED.fullmatch(text)
        or _KNOWN_ID.fullmatch(text)
        or (hex_run is not None and any(c.isdigit() for c in hex_run.group()))
        or (_TOKEN.fullmatch(text) and len(_DIGIT_RUN.findall(text)) >= 3)
    ):
        return "id"
    return None


_DOTTED = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+")


def foreign_name(text: str, namespace: str | None) -> str | None:
    """``dotted-name`` when ``text`` is dotted (``contoso.com``, ``report.csv``) but no
    qualified name of ``namespace``, the page's: a cast or a bound action or function
    is written ``namespace.name``, so its first label is the namespace's
    (``microsoft.graph.user``, ``microsoft.management.services.api.updatePriorities``
    under ``microsoft.graph``).  None for anything else, or when the page states no
    namespace."""
    if not namespace or not _DOTTED.fullmatch(text):
        return None
    root = namespace.strip().split(".", 1)[0]
    return None if text.split(".", 1)[0].casefold() == root.casefold() else "dotted-name"


def elided(variant: PathVariant) -> bool:
    """Whether the path skips segments (``/childFolders/{id}/.../messages``): it stands
    for paths of any depth, so it is no path an operation can declare."""
    return any(
        s.kind is SegmentKind.LITERAL and _ELIDED.fullmatch(s.text.strip())
        for s in variant.segments
    )


_Found = tuple[str, str, str, str]  # (param, value, kind, written)


def parameterize(
    variant: PathVariant, column: int = 1, namespace: str | None = None
) -> PathVariant:
    """``variant`` with each sample value where a parameter belongs made that parameter
    (see "Sample values" above), recorded in ``samples`` with the value as written and
    its span on the line (``column``: the file column where ``variant.raw`` starts).
    ``namespace``: the one the page states (``Namespace: microsoft.graph``); a dotted
    segment outside it is a value (:func:`foreign_name`).

    A key segment is named after the segment before it, singular, the way most pages
    name keys (``classes/…`` -> ``{class-id}``; ``{id}`` after anything but a name); a
    function argument after its parameter (``startDateTime='2017-01-01'`` ->
    ``startDateTime='{startDateTime}'``, quotes kept: an OData string literal).  A name
    the path uses already gets a number (``{site-id-2}``).  ``raw`` stays as written."""
    taken = {p.casefold() for p in variant.params}
    segments: list[Segment] = []
    samples: list[SampleValue] = []
    prev: Segment | None = None
    cursor = 0  # where the segment starts in raw
    for segment in variant.segments:
        new, values = _parameterized(segment, prev, taken, namespace)
        segments.append(new)
        start = variant.raw.find(segment.text, cursor)
        cursor = start if start >= 0 else cursor
        for param, value, kind, written in values:
            at = variant.raw.find(value, cursor)
            where = replace(variant.span, column=column + (at if at >= 0 else cursor))
            samples.append(SampleValue(param, value, kind, written, where))
            cursor = at + len(value) if at >= 0 else cursor
        if start >= 0:
            cursor = max(cursor, start + len(segment.text))
        prev = segment
    if not samples:
        return variant
    return replace(
        variant,
        template=_template(segments, collapse=False),
        shape=_template(segments, collapse=True),
        segments=tuple(segments),
        params=tuple(p for s in segments for p in s.params),
        samples=tuple(samples),
    )


def _parameterized(
    segment: Segment, prev: Segment | None, taken: set[str], namespace: str | None = None
) -> tuple[Segment, list[_Found]]:
    if segment.kind is SegmentKind.LITERAL:
        key, eq, value = segment.text.partition("=")
        if eq and _WORD.fullmatch(key) and sample_kind(value):  # roleTemplateId=<GUID>
            name = _unique(key, taken)
            written = f"{key}={{{name}}}"
            return _segment(written), [(name, value, sample_kind(value) or "", written)]
        kind = sample_kind(segment.text) or foreign_name(segment.text, namespace)
        if kind is None:
            return segment, []
        name = _unique(_key_name(prev), taken)
        return _segment("{" + name + "}"), [(name, segment.text, kind, "{" + name + "}")]
    if segment.kind is not SegmentKind.FUNCTION:
        return segment, []
    parts = _function_parts(segment.text)
    if parts is None:
        return segment, []
    raws = _args(parts[1])
    if not segment.name:
        return _key_in_parentheses(segment, raws, prev, taken)
    out: list[str] = []
    found: list[_Found] = []
    for raw in raws:
        arg = _function_arg(raw)
        written_value = _split_arg(raw)[1].strip()
        value = _unquote(written_value)[0].strip()
        if arg.param is not None or not value:
            out.append(raw.strip())
            continue
        kind = sample_kind(value) or ("placeholder" if _placeholder_word(value) else "literal")
        base = arg.name or (value if kind == "placeholder" else _singular(segment.name) + "-id")
        name = _unique(base, taken)
        quote = written_value[0] if arg.quoted else ""
        slot = f"{quote}{{{name}}}{quote}"
        written = f"{arg.name}={slot}" if arg.name else slot
        out.append(written)
        found.append((name, value, kind, written))
    if not found:
        return segment, []
    return _segment(f"{parts[0]}({','.join(out)})"), found


def _key_in_parentheses(
    segment: Segment, raws: list[str], prev: Segment | None, taken: set[str]
) -> tuple[Segment, list[_Found]]:
    """``(team-id)``: a key segment written in parentheses (an OData key with no
    entity set before it); a bare word in it is the key's placeholder name."""
    if len(raws) != 1:
        return segment, []
    arg = _function_arg(raws[0])
    value = _unquote(_split_arg(raws[0])[1])[0].strip()
    if arg.name or arg.param is not None or not value:
        return segment, []
    kind = sample_kind(value)
    if kind is None and not arg.quoted and _WORD.fullmatch(value):
        kind, base = "placeholder", value
    else:
        kind, base = kind or "literal", _key_name(prev)
    name = _unique(base, taken)
    return _segment("{" + name + "}"), [(name, value, kind, "{" + name + "}")]


def _placeholder_word(value: str) -> bool:
    """A word written where a placeholder belongs: one letter (``count=n``), or a name
    of a value or an id (``startDateTime-value``, ``parameterValue``, ``team-id``)."""
    if not _WORD.fullmatch(value):
        return False
    folded = value.casefold()
    return len(value) == 1 or "value" in folded or folded.endswith(("-id", "_id"))


def _key_name(prev: Segment | None) -> str:
    """A key's parameter name from the segment before it: ``classes`` -> ``class-id``."""
    if prev is None or prev.kind is not SegmentKind.LITERAL or sample_kind(prev.text):
        return "id"
    word = prev.text.rsplit(".", 1)[-1]
    return f"{_singular(word)}-id" if _WORD.fullmatch(word) else "id"


def _singular(word: str) -> str:
    folded = word.casefold()
    if folded.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if folded.endswith(("sses", "shes", "ches", "xes", "zes", "uses")):
        return word[:-2]
    if folded.endswith(("ss", "us", "is")) or not folded.endswith("s") or len(word) < 3:
        return word
    return word[:-1]


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate.casefold() in taken:
        candidate, n = f"{name}-{n}", n + 1
    taken.add(candidate.casefold())
    return candidate


# --- matching examples -----------------------------------------------------------------


@lru_cache(maxsize=4096)
def _pattern(text: str) -> re.Pattern[str]:
    """A case-blind regex for ``text`` where each placeholder stands for any non-empty text.

    Built as an fnmatch glob (placeholder -> ``?*``) because ``fnmatch.translate``
    emits atomic groups: a naive ``.+-.+-.+`` regex backtracks polynomially on long
    near-misses, and matching must stay fast on any input.
    """
    literals = _PLACEHOLDER.split(text)[::3]  # split() also returns both capture groups
    glob = "?*".join(_GLOB_SPECIAL.sub(r"[\g<0>]", chunk) for chunk in literals)
    return re.compile(fnmatch.translate(glob), re.IGNORECASE)


def _fits(declared: str, example: str) -> bool:
    return _pattern(declared).match(example) is not None


def _segment_matches(declared: Segment, example: Segment) -> bool:
    kind = declared.kind
    if kind is SegmentKind.LITERAL:
        return example.text.casefold() == declared.text.casefold()
    if kind is SegmentKind.FUNCTION:
        return example.kind is kind and example.name.casefold() == declared.name.casefold()
    if kind is SegmentKind.COLON_PATH:  # a closing colon is optional on either side
        return example.kind is kind and _fits(declared.text.rstrip(":"), example.text.rstrip(":"))
    return example.kind is not SegmentKind.COLON_PATH and _fits(declared.text, example.text)


def _matches(example: tuple[Segment, ...], variant: PathVariant) -> bool:
    return len(example) == len(variant.segments) and all(
        _segment_matches(d, e) for d, e in zip(variant.segments, example, strict=True)
    )


def example_matches(path: str, variant: PathVariant) -> bool:
    """Whether an example's path (concrete values or leftover ``{x}``) fits a declared path.

    Host, version and query are ignored if present; each parameter stands for exactly
    one segment; literals compare case-insensitively.
    """
    return _matches(_url_segments(path), variant)


def match_example(path: str, variants: Sequence[PathVariant]) -> PathVariant | None:
    """The first declared variant the example path fits, or None."""
    example = _url_segments(path)
    return next((v for v in variants if _matches(example, v)), None)


# --- what is wrong with a request line (lint DC302, DC303; the reader records it) -------

_CONTEXT = 40  # characters shown each side of the first blank in a long URL


def url_defects(
    url: str, what: str, query: bool, checked: str | None = None
) -> list[tuple[Severity, str]]:
    """A backslash anywhere in ``url`` (an error); raw whitespace outside
    ``{placeholders}`` in ``checked``, the whole URL by default (a warning), placed in
    the path or, when ``query``, in the query.  ``what`` names the URL in the message:
    ``example URL``, ``declared path``."""
    found: list[tuple[Severity, str]] = []
    if "\\" in url:
        found.append(
            (Severity.ERROR, f"{what} '{url}' has a backslash: URL segments are separated by '/'")
        )
    text = _PLACEHOLDER.sub(lambda m: "x" * len(m.group()), url if checked is None else checked)
    m = _WHITESPACE.search(text)
    if m is not None:
        where = "query" if query and "?" in url[: m.start()] else "path"
        found.append(
            (
                Severity.WARNING,
                f"{what} has raw whitespace in its {where}, which a client must send as %20: "
                f"'{_around(url, m.start())}'",
            )
        )
    return found


def _around(url: str, at: int) -> str:
    if len(url) <= 2 * _CONTEXT + 20:
        return url
    start, end = max(0, at - _CONTEXT), min(len(url), at + _CONTEXT)
    return ("…" if start else "") + url[start:end] + ("…" if end < len(url) else "")


def method_defect(word: str) -> str:
    """Why ``word``, a request line's method as written, is not a method a server
    knows: a known one not in upper case, or not an HTTP method at all."""
    if word.upper() in HTTP_METHODS:
        return f"HTTP method '{word}' must be upper-case: '{word.upper()}'"
    return f"'{word}' is not an HTTP method (use one of {', '.join(HTTP_METHODS)})"
