"""DC301: an example request whose URL fits none of the paths its page declares."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher
from functools import lru_cache

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.http_examples import (
    Headings,
    api_hosts,
    enclosing_headings,
    is_foreign,
)
from generator.model import (
    Diagnostic,
    ExampleRequest,
    Operation,
    PathVariant,
    Segment,
    SegmentKind,
    Severity,
    Span,
)
from generator.paths import example_matches, parse_path

# An OData type cast: a namespace-qualified type name as a path segment
# (``/directory/deletedItems/microsoft.graph.group``, ``/members/microsoft.graph.user``).
_CAST = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*){2,}")
_EXAMPLE = re.compile(r"\bexamples?\b", re.IGNORECASE)
_NOWHERE = Span("", 0, 0)  # parse_path wants a span; only the segments are used here
_GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    hosts = api_hosts(ctx)
    for file, ops in ctx.operations_by_page.items():
        page = ctx.pages.get(file)
        requests = _requests(ops, page.headings if page is not None else ())
        if not requests or _paths_inferred(ops, requests):
            continue
        declared: dict[str, list[PathVariant]] = {}
        for op in ops:
            declared.setdefault(op.method, []).extend(op.paths)
        for req in requests:
            if is_foreign(req, hosts):
                continue  # a callback or upload URL on another server
            finding = _finding(req, declared)
            if finding is not None:
                yield finding


def _requests(ops: Sequence[Operation], headings: Headings) -> list[ExampleRequest]:
    """The page's example requests: annotated as requests, or in an "Example" section.
    An unannotated call in the description, the query-parameter prose or a how-to
    section (``GET /groups/{id}/threads/{id}/posts/{id}?$expand=attachments``, the
    commit step of an upload session) shows another endpoint or a syntax, not this
    operation."""
    found: dict[tuple[int, int], ExampleRequest] = {}
    for op in ops:
        for ex in op.examples:
            req = ex.request
            if req is None:
                continue
            annotated = req.annotation is not None and req.annotation.block_type == "request"
            if annotated or _in_example_section(headings, req.span.line):
                found.setdefault((req.span.line, req.span.end_line), req)
    return list(found.values())


def _in_example_section(headings: Headings, line: int) -> bool:
    return any(_EXAMPLE.search(text) for text in enclosing_headings(headings, line))


def _paths_inferred(ops: Sequence[Operation], requests: Sequence[ExampleRequest]) -> bool:
    """A page without an HTTP request section declares the paths of its examples, so
    there is nothing to compare them with."""
    return all(
        any(r.span.line <= p.span.line <= r.span.end_line for r in requests)
        for op in ops
        for p in op.paths
    )


def _finding(req: ExampleRequest, declared: dict[str, list[PathVariant]]) -> Diagnostic | None:
    same = declared.get(req.method, [])
    if _fits(req, same):
        return None
    span = req.span.first_content_line()
    shown = _shown(req)
    for method, variants in declared.items():
        if method != req.method and _fits(req, variants):
            line = next(v.span.line for v in variants if _fits(req, [v]))
            return RULE.finding(
                span,
                f"example {req.method} '{shown}' matches only a path declared for {method} "
                f"(line {line}), not for {req.method}",
            )
    candidates = same or [v for vs in declared.values() for v in vs]
    if not candidates:
        return None
    near = _nearest(req, candidates)
    ids = [
        s.text for s in near.segments if s.kind is SegmentKind.LITERAL and _GUID.fullmatch(s.text)
    ]
    hint = f"; that path holds the literal id {ids[0]!r} where a placeholder belongs" if ids else ""
    if not same:
        hint += f"; the page declares no {req.method} path"
    return RULE.finding(
        span,
        f"example {req.method} '{shown}' matches no declared path; "
        f"nearest: '{near.raw}' (line {near.span.line}){hint}",
    )


def _shown(req: ExampleRequest) -> str:
    """The URL's path as the example writes it, with its version prefix if any."""
    return f"/{req.version}{req.path}" if req.version else req.path


def _fits(req: ExampleRequest, variants: Sequence[PathVariant]) -> bool:
    """Host, version and query aside, with the leeway OData and Graph give a client:
    a trailing ``/$count`` and type-cast segments may be added to any path, and an
    entity may be addressed by an alias (see :func:`_canonical`)."""
    paths = _example_forms(req.url)
    return any(example_matches(p, d) for v in variants for d in _declared_forms(v) for p in paths)


@lru_cache(maxsize=4096)
def _example_forms(url: str) -> tuple[str, ...]:
    example = parse_path(url, _NOWHERE).segments
    tries = [example]
    if example and example[-1].text.casefold() == "$count":
        tries.append(example[:-1])
    tries += [_without_casts(t) for t in list(tries)]
    return tuple(dict.fromkeys(_canonical(t) for t in tries))


@lru_cache(maxsize=4096)
def _declared_forms(v: PathVariant) -> tuple[PathVariant, ...]:
    forms = dict.fromkeys((_canonical(v.segments), _canonical(_without_casts(v.segments))))
    return tuple(parse_path(form, v.span) for form in forms)


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


RULE = Rule(
    code="DC301",
    name="example-url-matches-no-path",
    severity=Severity.WARNING,
    summary="example request URL matches none of the declared paths",
    explanation=(
        "Each example request should call one of the paths the page's HTTP request "
        "section declares: readers copy the example, and docs2code pairs examples with "
        "operations (generated tests, mock server) by matching the URL. A mismatch means "
        "either the example or the declaration is wrong: a missing or extra segment, a "
        "typo, or a method the page does not declare.\n\n"
        "Host, version and query string are ignored, placeholders match any one segment, "
        "case is ignored, and the OData additions a client may make (a trailing `/$count`, "
        "type-cast segments such as `/microsoft.graph.group`) are allowed. Graph's "
        "addressing aliases count as the same path: `/me` is `/users/{id}`, a drive's "
        "`root` and path addressing (`root:/a/b.txt:`) are `items/{id}`, a key in "
        "parentheses (`messages('AAMk…')`) is a key segment, and functions compare by name "
        "(`range(address='A1')` fits `range`). Examples on other hosts (bot callbacks, "
        "upload URLs), pages with no HTTP request section, and unannotated calls outside "
        "the Example sections are not checked.\n\n"
        "Example: the page declares `POST /me/drive/items/{id}/listItem/versions/$ref` but "
        "the example posts to `/me/drive/items/{id}/listItem/versions`. Fix whichever is "
        "wrong; here the example lacks `/$ref`."
    ),
    check=check,
)
