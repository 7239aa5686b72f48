"""One document read into blocks, with annotations attached to the fences they describe.

This is the shared view the operation and type readers work from; it is not part of
the model (the model's :class:`~generator.model.Page` is what survives).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from generator.model import Annotation, Diagnostic, Link, Span, Suppression
from generator.read.annotations import Where, parse_annotation
from generator.read.blocks import (
    Blocks,
    Comment,
    Element,
    Fence,
    Heading,
    Paragraph,
    Row,
    Table,
    section,
)
from generator.read.limits import DEFAULT_LIMITS, Limits

_NAMESPACE = re.compile(r"^Namespace:\s*([\w.]+)")
# ``docs2code: ignore[DC301, DC302]``, optionally followed by a reason after white space.
_IGNORE = re.compile(r"docs2code:\s*ignore\[([^\]]*)\](?:\s.*)?", re.IGNORECASE | re.DOTALL)
_CODE = re.compile(r"DC\d{3}")
_LISTED = re.compile(r"[^,\s]+")  # a code in ``ignore[...]``
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")


@dataclass(frozen=True, slots=True)
class DocPage:
    rel: str
    front_matter: dict[str, Any] | None
    elements: tuple[Element, ...]
    blocks: Blocks
    fence_annotations: dict[int, Annotation]  # element index of a fence -> its annotation
    annotations: tuple[Annotation, ...]
    suppressions: tuple[Suppression, ...]
    limits: Limits = DEFAULT_LIMITS  # what the page's readers may take on
    # Markdown headings inside HTML comments (level, text, line of the comment's ``<!--``)
    commented_headings: tuple[tuple[int, str, int], ...] = ()
    # element indexes of the (non-tab) headings: the readers look sections up by heading
    # a dozen times a page, and a page has a few headings among hundreds of elements
    heads: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        heads = tuple(
            i for i, e in enumerate(self.elements) if isinstance(e, Heading) and not e.is_tab
        )
        object.__setattr__(self, "heads", heads)

    def span(self, line: int, end_line: int | None = None) -> Span:
        return Span(self.rel, line, line if end_line is None else end_line)

    def cell_span(self, row: Row, cell: int = 0) -> Span:
        """A table row's line, at the column of its ``cell``-th cell."""
        return Span(self.rel, row.line, row.line, row.column(cell))

    @property
    def doc_type(self) -> str | None:
        value = (self.front_matter or {}).get("doc_type")
        return str(value) if value is not None else None

    @property
    def title(self) -> str | None:
        value = (self.front_matter or {}).get("title")
        if isinstance(value, str) and value.strip():
            return value.strip()
        h1 = self.h1()
        return h1.text if h1 else None

    def h1(self) -> Heading | None:
        return next(
            (e for e in self.elements if isinstance(e, Heading) and e.level == 1 and not e.is_tab),
            None,
        )

    @property
    def description(self) -> str:
        value = (self.front_matter or {}).get("description")
        if isinstance(value, str) and value.strip():
            return value.strip()
        first = next(
            (
                e
                for e in self.elements
                if isinstance(e, Paragraph) and not _NAMESPACE.match(e.inline.text)
            ),
            None,
        )
        return first.inline.text if first else ""

    @property
    def namespace(self) -> str | None:
        for e in self.elements:
            if isinstance(e, Paragraph):
                m = _NAMESPACE.match(e.inline.text)
                if m:
                    return m.group(1)
        return None

    def headings(self, pattern: re.Pattern[str]) -> Iterator[int]:
        """Indexes of the (non-tab) headings whose text matches ``pattern``."""
        elements = self.elements
        for i in self.heads:
            if pattern.search(elements[i].text):  # type: ignore[union-attr]
                yield i

    def section(self, index: int) -> Sequence[Element]:
        return section(self.elements, index)

    def first_section(self, pattern: re.Pattern[str]) -> tuple[Heading, Sequence[Element]] | None:
        for i in self.headings(pattern):
            head = self.elements[i]
            assert isinstance(head, Heading)
            return head, self.section(i)
        return None

    def links(self) -> tuple[Link, ...]:
        found: list[Link] = []
        for e in self.elements:
            if isinstance(e, Paragraph | Heading):
                found.extend(
                    Link(lk.target, lk.text, self._at(e.line + lk.line, lk.column))
                    for lk in e.inline.links
                )
            elif isinstance(e, Table):
                for row in e.rows:
                    for cell in row.cells:
                        found.extend(
                            Link(lk.target, lk.text, self._at(row.line, lk.column))
                            for lk in cell.links
                        )
        found.extend(Link(d.target, d.label, self.span(d.line), True) for d in self.blocks.ref_defs)
        return tuple(sorted(found, key=lambda lk: (lk.span.line, lk.span.column, lk.target)))

    def _at(self, line: int, column: int) -> Span:
        return Span(self.rel, line, line, column)


def build_page(
    rel: str,
    front_matter: dict[str, Any] | None,
    blocks: Blocks,
    last_line: int,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[DocPage, list[Diagnostic]]:
    """Read every annotation comment and attach block annotations to the next fence,
    unless a (non-tab) heading or another annotation comes first.  ``block_line`` is set
    only when the fence is the very next element, so the linter can tell the two apart."""
    elements = blocks.elements
    diagnostics: list[Diagnostic] = []
    attached: dict[int, Annotation] = {}
    annotations: list[Annotation] = []
    suppressions: list[Suppression] = []
    commented: list[tuple[int, str, int]] = []
    for i, e in enumerate(elements):
        if not isinstance(e, Comment):
            continue
        span = Span(rel, e.line, e.end_line, e.column)
        inline = _inline_suppressions(e, span, elements, i)
        if inline is not None:
            suppressions.extend(inline)
            continue
        ann, found = parse_annotation(e.text, span, limits, e.columns)
        diagnostics.extend(found)
        if ann is None:
            commented.extend(_headings_in(e))
            continue
        if ann.is_page:
            suppressions.extend(_page_suppressions(ann, e, span, last_line))
        elif ann.block_type is not None:
            target = _next_fence(elements, i)
            if target is not None:
                direct = target == i + 1
                ann = replace(ann, block_line=elements[target].line if direct else None)
                attached[target] = ann
        annotations.append(ann)
    page = DocPage(
        rel,
        front_matter,
        elements,
        blocks,
        attached,
        tuple(annotations),
        tuple(suppressions),
        limits,
        tuple(commented),
    )
    return page, diagnostics


def _page_suppressions(
    ann: Annotation, comment: Comment, span: Span, last_line: int
) -> list[Suppression]:
    """One suppression per code a page annotation's ``suppressions`` lists, at the entry
    that lists it (so that DC901 points at the entry to remove)."""
    codes = [c.upper() for c in ann.suppressions if _CODE.fullmatch(c.upper())]
    if not codes:
        return []
    entries = {
        " ".join(text.split()).upper(): at
        for text, at in reversed(Where(comment.text, span, comment.columns).items("suppressions"))
    }
    return [Suppression((code,), entries.get(code, ann.span), 1, last_line) for code in codes]


def _headings_in(comment: Comment) -> list[tuple[int, str, int]]:
    """Markdown headings an HTML comment hides (a comment closed with ``->`` runs on to
    the next ``-->``, taking sections with it)."""
    found: list[tuple[int, str, int]] = []
    for text in comment.text.split("\n"):
        m = _HEADING.match(text)
        if m is not None and m.group(2):
            found.append((len(m.group(1)), m.group(2), comment.line))
    return found


def _inline_suppressions(
    comment: Comment, span: Span, elements: Sequence[Element], i: int
) -> list[Suppression] | None:
    """``<!-- docs2code: ignore[DC301, DC302] -->`` covers itself and the next block: one
    suppression per code, at the code (so that DC901 points at the code to remove).

    Comments in between (an example's annotation, another ignore comment) are passed
    over, so an ignore comment placed before an annotated example covers the example
    and not only its annotation."""
    text = comment.text
    lead = len(text) - len(text.lstrip())
    m = _IGNORE.fullmatch(text.strip())
    if m is None:
        return None
    end = span.end_line
    for nxt in elements[i + 1 :]:
        end = max(end, getattr(nxt, "end_line", nxt.line))
        if not isinstance(nxt, Comment):
            break
    where = Where(text, span, comment.columns)
    return [
        Suppression(
            (c.group().upper(),), where.span_at(lead + m.start(1) + c.start()), span.line, end
        )
        for c in _LISTED.finditer(m.group(1))
    ]


def _next_fence(elements: Sequence[Element], i: int) -> int | None:
    for j in range(i + 1, len(elements)):
        e = elements[j]
        if isinstance(e, Fence):
            return j
        if isinstance(e, Heading) and not e.is_tab:
            return None
        if isinstance(e, Comment) and e.text.lstrip().startswith("{"):
            return None
    return None
