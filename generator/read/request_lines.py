"""What is wrong with example request lines, found once every page is read.

Each :class:`ExampleRequest` gets ``foreign`` (it calls a host other than the API's) and
its ``defects``: the findings of lint rules DC301 (the URL matches no path its page
declares), DC302 (a backslash or raw whitespace in the URL) and DC303 (a method not in
upper case), each with its message and the request line.  The rules report these
records as they stand, and the generated tests word their skip reasons from them, so
the two cannot drift.  Whether a URL matches needs the page's declared paths and the
doc set's API hosts, hence a pass over the whole doc set after the pages are read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from difflib import SequenceMatcher
from functools import lru_cache
from urllib.parse import urlsplit

from generator.diagnostics import diag
from generator.model import (
    Diagnostic,
    ExampleRequest,
    Operation,
    Page,
    PathVariant,
    RequestDefect,
    Segment,
    SegmentKind,
    Severity,
    Span,
)
from generator.paths import example_matches, method_defect, parse_path, url_defects

# An OData type cast: a namespace-qualified type name as a path segment
# (``/directory/deletedItems/microsoft.graph.group``, ``/members/microsoft.graph.user``).
_CAST = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*){2,}")
_EXAMPLE = re.compile(r"\bexamples?\b", re.IGNORECASE)
_NOWHERE = Span("", 0, 0)  # parse_path wants a span; only the segments are used here


def check_requests(
    operations: Sequence[Operation], pages: Iterable[Page]
) -> tuple[tuple[Operation, ...], list[Diagnostic]]:
    """``operations`` (in model order) with every example request's ``foreign`` and
    ``defects`` filled in; a page this fails on keeps its requests unchecked and gets a
    DC000 diagnostic, the other pages are checked all the same."""
    hosts = api_hosts(operations)
    by_page: dict[str, list[Operation]] = {}
    for op in operations:
        by_page.setdefault(op.source.file, []).append(op)
    by_path = {p.path: p for p in pages}
    # (foreign, defects) of each example block that has either, once per block
    checked: dict[Span, tuple[bool, tuple[RequestDefect, ...]]] = {}
    diagnostics: list[Diagnostic] = []
    for file, ops in by_page.items():
        try:
            found = _page_defects(ops, by_path.get(file), hosts)
        except Exception as exc:  # one page's failure must not stop the run
            message = (
                f"internal error checking the example requests of this page "
                f"({type(exc).__name__}: {exc}); they are not checked"
            )
            diagnostics.append(diag("DC000", Span(file, 1, 1), message))
            continue
        for req, defects in found:
            if defects or is_foreign(req, hosts):
                checked[req.span] = (is_foreign(req, hosts), defects)
    return tuple(_with_requests(op, checked) for op in operations), diagnostics


def _with_requests(
    op: Operation, checked: dict[Span, tuple[bool, tuple[RequestDefect, ...]]]
) -> Operation:
    if not any(ex.request is not None and ex.request.span in checked for ex in op.examples):
        return op
    examples = []
    for ex in op.examples:
        req = ex.request
        if req is not None and req.span in checked:
            foreign, defects = checked[req.span]
            ex = replace(ex, request=replace(req, foreign=foreign, defects=defects))
        examples.append(ex)
    return replace(op, examples=tuple(examples))


def api_hosts(operations: Iterable[Operation]) -> set[str]:
    """The hosts the doc set's examples call: the most used one, and any used with a
    version segment (``https://graph.microsoft.com/v1.0``).  Examples on other hosts
    are bot callbacks (``https://bot.contoso.com/api/calls``), upload URLs or calls a
    third-party service receives, which no page declares."""
    return request_hosts(ex.request for op in operations for ex in op.examples)


def request_hosts(requests: Iterable[ExampleRequest | None]) -> set[str]:
    """:func:`api_hosts` of any example requests."""
    counts: Counter[str] = Counter()
    hosts: set[str] = set()
    for req in requests:
        if req is not None and req.host is not None:
            counts[_host(req.host)] += 1
            if req.version is not None:
                hosts.add(_host(req.host))
    if counts:
        hosts.add(counts.most_common(1)[0][0])
    return hosts


def is_foreign(req: ExampleRequest, hosts: set[str]) -> bool:
    """Whether ``req`` calls a host other than the API's (relative URLs never do)."""
    return req.host is not None and _host(req.host) not in hosts


def _host(host: str) -> str:
    try:
        name = urlsplit(host).hostname
    except ValueError:  # "https://[x": not a host urllib can read
        name = None
    return (name or host).lower()


def _page_defects(
    ops: Sequence[Operation], page: Page | None, hosts: set[str]
) -> list[tuple[ExampleRequest, tuple[RequestDefect, ...]]]:
    """Each example request block of a page's operations once, with its defects."""
    requests: dict[Span, ExampleRequest] = {}
    for op in ops:
        for ex in op.examples:
            if ex.request is not None:
                requests.setdefault(ex.request.span, ex.request)
    matched = _matched(ops, page)
    declared: dict[str, list[PathVariant]] = {}
    for op in ops:
        declared.setdefault(op.method, []).extend(op.paths)
    out = []
    for req in requests.values():
        line = req.line_span()
        found = line_defects(req)
        if req.span in matched and not is_foreign(req, hosts):
            message = _no_path(req, declared)
            if message is not None:
                found.append(RequestDefect("DC301", Severity.WARNING, message, line))
        out.append((req, tuple(sorted(found, key=lambda d: (d.code, d.message)))))
    return out


def line_defects(req: ExampleRequest) -> list[RequestDefect]:
    """DC302 and DC303: what is wrong with the request line whatever it calls."""
    line = req.line_span()
    found = [
        RequestDefect("DC302", severity, text, line)
        for severity, text in url_defects(req.url, "example URL", query=True)
    ]
    word = req.method_as_written
    if word and word != word.upper():
        found.append(RequestDefect("DC303", Severity.ERROR, method_defect(word), line))
    return found


# --- DC301: the URL matches no declared path ------------------------------------------------


def _matched(ops: Sequence[Operation], page: Page | None) -> set[Span]:
    """The page's example requests whose URLs must match a declared path: annotated as
    requests, or in an "Example" section.  An unannotated call in the description, the
    query-parameter prose or a how-to section (``GET /groups/{id}/threads/{id}/posts/
    {id}?$expand=attachments``, the commit step of an upload session) shows another
    endpoint or a syntax, not this operation.  None on a page without an HTTP request
    section: it declares the paths of its examples, so there is nothing to compare."""
    found: dict[tuple[int, int], ExampleRequest] = {}
    for op in ops:
        for ex in op.examples:
            req = ex.request
            if req is None:
                continue
            annotated = req.annotation is not None and req.annotation.block_type == "request"
            if annotated or _in_example_section(page, req.span.line):
                found.setdefault((req.span.line, req.span.end_line), req)
    requests = list(found.values())
    if not requests or _paths_inferred(ops, requests):
        return set()
    return {r.span for r in requests}


def _in_example_section(page: Page | None, line: int) -> bool:
    sections = page.enclosing_headings(line) if page is not None else []
    return any(_EXAMPLE.search(text) for text in sections)


def _paths_inferred(ops: Sequence[Operation], requests: Sequence[ExampleRequest]) -> bool:
    """A page without an HTTP request section declares the paths of its examples."""
    return all(
        any(r.span.line <= p.span.line <= r.span.end_line for r in requests)
        for op in ops
        for p in op.paths
    )


def _no_path(req: ExampleRequest, declared: dict[str, list[PathVariant]]) -> str | None:
    """Why the request fits no path declared for its method, if it does not."""
    same = declared.get(req.method, [])
    if _fits(req, same):
        return None
    shown = _shown(req)
    for method, variants in declared.items():
        if method != req.method and _fits(req, variants):
            line = next(v.span.line for v in variants if _fits(req, [v]))
            return (
                f"example {req.method} '{shown}' matches only a path declared for {method} "
                f"(line {line}), not for {req.method}"
            )
    candidates = same or [v for vs in declared.values() for v in vs]
    if not candidates:
        return None
    near = _nearest(req, candidates)
    # (a literal id in the declared path is a parameter already: generator/paths.py)
    hint = f"; the page declares no {req.method} path" if not same else ""
    return (
        f"example {req.method} '{shown}' matches no declared path; "
        f"nearest: '{near.raw}' (line {near.span.line}){hint}"
    )


def _shown(req: ExampleRequest) -> str:
    """The URL's path as the example writes it, with its version prefix if any."""
    return f"/{req.version}{req.path}" if req.version else req.path


def _fits(req: ExampleRequest, variants: Sequence[PathVariant]) -> bool:
    """Host, version and query aside, with the leeway OData and Graph give a client:
    a trailing ``/$count`` and type-cast segments may be added to any path, and an
    entity may be addressed by an alias (see :func:`_canonical`)."""
    paths = example_forms(req.url)
    return any(example_matches(p, d) for v in variants for d in declared_forms(v) for p in paths)


@lru_cache(maxsize=16384)
def example_forms(url: str) -> tuple[str, ...]:
    """The paths an example URL may be matched as: as written, without a trailing
    ``/$count`` and without type casts, each with the aliases written one way."""
    example = parse_path(url, _NOWHERE).segments
    tries = [example]
    if example and example[-1].text.casefold() == "$count":
        tries.append(example[:-1])
    tries += [_without_casts(t) for t in list(tries)]
    return tuple(dict.fromkeys(_canonical(t) for t in tries))


def declared_forms(v: PathVariant) -> tuple[PathVariant, ...]:
    """A declared path as example forms are matched against it: aliases written one way,
    with and without its type casts."""
    return tuple(parse_path(form, v.span) for form in _declared_texts(v.segments))


@lru_cache(maxsize=16384)
def _declared_texts(segments: tuple[Segment, ...]) -> tuple[str, ...]:
    """The forms of :func:`declared_forms` by the segments they depend on."""
    return tuple(dict.fromkeys((_canonical(segments), _canonical(_without_casts(segments)))))


def _without_casts(segments: Sequence[Segment]) -> tuple[Segment, ...]:
    return tuple(
        s for s in segments if not (s.kind is SegmentKind.LITERAL and _CAST.fullmatch(s.text))
    )


def _canonical(segments: Sequence[Segment]) -> str:
    """The path with each Graph addressing alias written one way.

    ``/me`` is ``/users/{id}``; a drive's ``root`` is ``items/{id}`` and a site's is
    ``{id}``; an item addressed by path (``root:/a/b.txt:``, ``{parent-id}:/{name}:``)
    is ``items/{id}``; an OData key in parentheses (``messages('AAMk…')``) is a key
    segment; and a function is compared by name only, so ``range(address='A1')`` fits a
    declared ``range`` and ``rowsAbove`` a declared ``rowsAbove(count=n)``.
    """
    out: list[str] = []
    prev = ""  # the previous segment, folded, "{}" for a parameter
    for s in segments:
        folded = s.text.casefold()
        if s.kind is SegmentKind.LITERAL and folded == "me":
            out += ["{me}"] if prev == "users" else ["users", "{me}"]
        elif s.kind is SegmentKind.LITERAL and folded == "root" and prev in ("drive", "sites"):
            out += ["items", "{root}"] if prev == "drive" else ["{root}"]
        elif s.kind is SegmentKind.LITERAL and folded == "root" and _after_drives(out):
            out += ["items", "{root}"]
        elif s.kind is SegmentKind.COLON_PATH:
            by_root = folded.startswith("root:")
            out += ["items", "{path}"] if by_root and prev != "items" else ["{path}"]
        elif s.kind is SegmentKind.FUNCTION and not s.name:
            out.append("{key}")  # "(team-id)": a bare key
        elif s.kind is SegmentKind.FUNCTION and len(s.args) == 1 and not s.args[0].name:
            out += [s.name, "{key}"]  # "events('AAMk…')": an OData key
        elif s.kind is SegmentKind.FUNCTION:
            out.append(s.name)
        else:
            out.append(s.text)
        prev = "{}" if out[-1].startswith("{") else out[-1].casefold()
    return "/" + "/".join(out)


def _after_drives(out: Sequence[str]) -> bool:
    """``drives/{drive-id}`` just before: its ``root`` is an item."""
    return len(out) >= 2 and out[-2].casefold() == "drives" and out[-1].startswith("{")


def _nearest(req: ExampleRequest, variants: Sequence[PathVariant]) -> PathVariant:
    example = _keys(parse_path(req.url, req.span).segments)

    def score(v: PathVariant) -> float:
        return SequenceMatcher(None, example, _keys(v.segments), autojunk=False).ratio()

    return max(variants, key=score)  # max keeps the first of equals: the declared order


def _keys(segments: Sequence[Segment]) -> list[str]:
    return ["{}" if s.kind is SegmentKind.PARAM else s.name.casefold() for s in segments]
