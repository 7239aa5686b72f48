"""Example calls on conceptual pages (overviews, tutorials), placed once every page is read.

A conceptual page declares no operation, but its example requests call operations other
pages declare. One whose method is an operation's and whose URL fits one of that
operation's paths (as DC301 matches: host, version and query aside, Graph's addressing
aliases, casts and ``/$count`` allowed) becomes one more example of that operation, so it
gets a generated test and a stub response and is checked like the operation's own. One
that calls no operation stays on its page (``Page.examples``) with a DC308 record (none
when it calls another host: a sign-in or a webhook, not this API). Neither ever makes an
operation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from difflib import SequenceMatcher

from generator.model import (
    Example,
    ExampleRequest,
    Operation,
    Page,
    PageRole,
    PathVariant,
    RequestDefect,
    Segment,
    SegmentKind,
    Severity,
    Span,
)
from generator.paths import example_matches, parse_path
from generator.read.request_lines import (
    api_hosts,
    declared_forms,
    example_forms,
    is_foreign,
    line_defects,
    request_hosts,
)

_NOWHERE = Span("", 0, 0)
_Key = tuple[str, int, str | None]  # (method, segments, first segment) of a path form


def attach_examples(
    operations: Sequence[Operation], pages: Sequence[Page]
) -> tuple[tuple[Operation, ...], list[Page]]:
    """``operations`` with the example calls of the conceptual ``pages`` that fit them
    added (after their own, in page and line order), and the pages with only the calls
    that fit none left."""
    # The API's hosts are those its operations' examples call; a doc set of conceptual
    # pages alone has only theirs.
    hosts = api_hosts(operations) or request_hosts(
        ex.request for p in pages if p.role is PageRole.CONCEPTUAL for ex in p.examples
    )
    index = _Index(operations)
    added: dict[int, list[Example]] = {}
    settled: list[Page] = []
    for page in pages:
        if page.role is not PageRole.CONCEPTUAL or not page.examples:
            settled.append(page)
            continue
        left: list[Example] = []
        for ex in page.examples:
            req = ex.request
            if req is None:
                continue  # a response alone calls nothing
            foreign = is_foreign(req, hosts)
            defects = line_defects(req)
            k = index.find(req)
            if k is None and not foreign:
                defects.append(_no_operation(req, index))
            checked = replace(ex, request=replace(req, foreign=foreign, defects=_sorted(defects)))
            if k is None:
                left.append(checked)
            else:
                added.setdefault(k, []).append(checked)
        settled.append(replace(page, examples=tuple(left)))
    result = tuple(
        replace(op, examples=op.examples + tuple(sorted(added[k], key=_place)))
        if k in added
        else op
        for k, op in enumerate(operations)
    )
    return result, settled


def _sorted(defects: list[RequestDefect]) -> tuple[RequestDefect, ...]:
    return tuple(sorted(defects, key=lambda d: (d.code, d.message)))


def _place(ex: Example) -> tuple[str, int]:
    span = ex.request.span if ex.request is not None else _NOWHERE
    return span.file, span.line


def _first(segments: Sequence[Segment]) -> str | None:
    """What the first segment must be to match: a literal's or function's name; None for
    a parameter (it matches any)."""
    if not segments or segments[0].kind is SegmentKind.PARAM:
        return None
    s = segments[0]
    return (s.name if s.kind is SegmentKind.FUNCTION else s.text).casefold()


class _Index:
    """The operations' declared paths by method, length and first segment, each bucket
    with the most specific paths (most literal segments) first."""

    def __init__(self, operations: Sequence[Operation]) -> None:
        self.operations = operations
        buckets: dict[_Key, list[tuple[int, int, PathVariant]]] = {}
        for k, op in enumerate(operations):
            for variant in op.paths:
                for form in declared_forms(variant):
                    segments = form.segments
                    key = (op.method, len(segments), _first(segments))
                    literals = sum(s.kind is not SegmentKind.PARAM for s in segments)
                    buckets.setdefault(key, []).append((-literals, k, form))
        self.buckets = {key: sorted(b, key=lambda t: t[:2]) for key, b in buckets.items()}

    def find(self, req: ExampleRequest) -> int | None:
        """The index of the operation the request calls: of those whose paths it fits,
        the one with the most specific path, then the first in model order."""
        best: tuple[int, int] | None = None
        for text in example_forms(req.url):
            segments = parse_path(text, _NOWHERE).segments
            first = _first(segments)
            keys = {(req.method, len(segments), first), (req.method, len(segments), None)}
            for key in keys:
                for literals, k, form in self.buckets.get(key, ()):
                    if best is not None and (literals, k) >= best:
                        break
                    if example_matches(text, form):
                        best = (literals, k)
                        break
        return None if best is None else best[1]

    def near(self, req: ExampleRequest) -> tuple[Operation, PathVariant] | None:
        """The declared path most like the request's, among those of its method that
        start alike and are about as long: a hint, not a match."""
        segments = parse_path(example_forms(req.url)[0], _NOWHERE).segments
        example = _keys(segments)
        candidates = [
            (self.operations[k], form)
            for n in range(len(segments) - 1, len(segments) + 2)
            for _, k, form in self.buckets.get((req.method, n, _first(segments)), ())
        ]
        if not candidates:
            return None

        def score(candidate: tuple[Operation, PathVariant]) -> float:
            return SequenceMatcher(None, example, _keys(candidate[1].segments)).ratio()

        return max(candidates, key=score)


def _keys(segments: Sequence[Segment]) -> list[str]:
    return ["{}" if s.kind is SegmentKind.PARAM else s.name.casefold() for s in segments]


def _no_operation(req: ExampleRequest, index: _Index) -> RequestDefect:
    shown = f"/{req.version}{req.path}" if req.version else req.path
    near = index.near(req)
    hint = ""
    if near is not None:
        op, form = near
        raw = next((v.raw for v in op.paths if form in declared_forms(v)), form.raw)
        hint = f"; nearest: {op.method} '{raw}' ({op.source.file}, line {form.span.line})"
    message = (
        f"example {req.method} '{shown}' on a conceptual page calls no operation of the "
        f"doc set{hint}"
    )
    return RequestDefect("DC308", Severity.INFO, message, req.line_span())
