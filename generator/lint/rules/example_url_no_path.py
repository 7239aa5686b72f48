"""DC301: an example request whose URL fits none of the paths its page declares."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher
from urllib.parse import urlsplit

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.http_examples import first_line_span
from generator.model import (
    Diagnostic,
    ExampleRequest,
    Operation,
    PathVariant,
    Segment,
    SegmentKind,
    Severity,
)
from generator.paths import example_matches, parse_path

# An OData type cast: a namespace-qualified type name as a path segment
# (``/directory/deletedItems/microsoft.graph.group``, ``/members/microsoft.graph.user``).
_CAST = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*){2,}")


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    api_hosts = _api_hosts(ctx)
    for ops in ctx.operations_by_page.values():
        requests = _requests(ops)
        if not requests or _paths_inferred(ops, requests):
            continue
        declared: dict[str, list[PathVariant]] = {}
        for op in ops:
            declared.setdefault(op.method, []).extend(op.paths)
        for req in requests:
            if req.host is not None and _host(req.host) not in api_hosts:
                continue  # a callback or upload URL on another server
            finding = _finding(req, declared)
            if finding is not None:
                yield finding


def _requests(ops: Sequence[Operation]) -> list[ExampleRequest]:
    found: dict[tuple[int, int], ExampleRequest] = {}
    for op in ops:
        for ex in op.examples:
            if ex.request is not None:
                found.setdefault((ex.request.span.line, ex.request.span.end_line), ex.request)
    return list(found.values())


def _paths_inferred(ops: Sequence[Operation], requests: Sequence[ExampleRequest]) -> bool:
    """A page without an HTTP request section declares the paths of its examples, so
    there is nothing to compare them with."""
    return all(
        any(r.span.line <= p.span.line <= r.span.end_line for r in requests)
        for op in ops
        for p in op.paths
    )


def _host(host: str) -> str:
    return (urlsplit(host).hostname or host).lower()


def _api_hosts(ctx: LintContext) -> set[str]:
    """The host the doc set's examples call: the most used one, and any used with a
    version segment (``https://graph.microsoft.com/v1.0``).  Others are bot callbacks
    (``https://bot.contoso.com/api/calls``) or upload URLs, which no page declares."""
    counts: Counter[str] = Counter()
    hosts: set[str] = set()
    for op in ctx.model.operations:
        for ex in op.examples:
            req = ex.request
            if req is not None and req.host is not None:
                counts[_host(req.host)] += 1
                if req.version is not None:
                    hosts.add(_host(req.host))
    if counts:
        hosts.add(counts.most_common(1)[0][0])
    return hosts


def _finding(req: ExampleRequest, declared: dict[str, list[PathVariant]]) -> Diagnostic | None:
    same = declared.get(req.method, [])
    if _fits(req, same):
        return None
    span = first_line_span(req.span)
    shown = _shown(req)
    for method, variants in declared.items():
        if method != req.method and _fits(req, variants):
            line = next(v.span.line for v in variants if _fits(req, [v]))
            return RULE.finding(
                span,
                f"example {req.method} {shown!r} matches only a path declared for {method} "
                f"(line {line}), not for {req.method}",
            )
    candidates = same or [v for vs in declared.values() for v in vs]
    if not candidates:
        return None
    near = _nearest(req, candidates)
    return RULE.finding(
        span,
        f"example {req.method} {shown!r} matches no declared path; "
        f"nearest: {near.raw!r} (line {near.span.line})",
    )


def _shown(req: ExampleRequest) -> str:
    """The URL's path as the example writes it, with its version prefix if any."""
    return f"/{req.version}{req.path}" if req.version else req.path


def _fits(req: ExampleRequest, variants: Sequence[PathVariant]) -> bool:
    """Host, version and query aside, with the leeway OData gives a client: a trailing
    ``/$count`` and type-cast segments may be added to any path."""
    if not variants:
        return False
    example = parse_path(req.url, req.span).segments
    tries = [example]
    if example and example[-1].text.casefold() == "$count":
        tries.append(example[:-1])
    tries += [_without_casts(t) for t in list(tries)]
    paths = [_joined(t) for t in tries]
    for v in variants:
        targets = [v, parse_path(_joined(_without_casts(v.segments)), v.span)]
        if any(example_matches(p, t) for p in paths for t in targets):
            return True
    return False


def _without_casts(segments: Sequence[Segment]) -> tuple[Segment, ...]:
    return tuple(
        s for s in segments if not (s.kind is SegmentKind.LITERAL and _CAST.fullmatch(s.text))
    )


def _joined(segments: Sequence[Segment]) -> str:
    return "/" + "/".join(s.text for s in segments)


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
        "type-cast segments such as `/microsoft.graph.group`) are allowed. Examples on "
        "other hosts (bot callbacks, upload URLs) and pages with no HTTP request section "
        "are not checked.\n\n"
        "Example: the page declares `POST /me/drive/items/{id}/listItem/versions/$ref` but "
        "the example posts to `/me/drive/items/{id}/listItem/versions`. Fix whichever is "
        "wrong; here the example lacks `/$ref`."
    ),
    check=check,
)
