"""``[!INCLUDE [label](path)]`` lines (DocFX's include syntax): the text of ``path``
belongs where the line is.  A page records its includes; once every page is read,
:func:`resolve_includes` names the page each one pulls in, and the link rules leave the
include's own link to the include rule (DC605)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from generator.model import Include, Link, Page, Span
from generator.read.blocks import Paragraph
from generator.read.page import DocPage

_INCLUDE = re.compile(
    r"^\s*\[!INCLUDE\s*\[[^\]\n]*\]\(\s*<?([^)<>\s]+)>?(?:\s+\"[^\"]*\")?\s*\)\s*\]", re.IGNORECASE
)


def read_includes(doc: DocPage) -> tuple[Include, ...]:
    """Every include line of the page, outside code, in line order."""
    found: list[Include] = []
    for e in doc.elements:
        if not isinstance(e, Paragraph) or "[!" not in e.inline.raw:
            continue
        for offset, line in enumerate(e.inline.raw.split("\n")):
            match = _INCLUDE.match(line)
            if match:
                column = line.index("[") + 1
                span = Span(doc.rel, e.line + offset, e.line + offset, column)
                target = match.group(1)
                found.append(Include(target, target_path(doc.rel, target), None, span))
    return tuple(found)


def without_include_links(links: Iterable[Link], includes: Sequence[Include]) -> tuple[Link, ...]:
    """The page's links less those that are the targets of its include lines."""
    lines = {(i.span.line, i.target) for i in includes}
    return tuple(lk for lk in links if (lk.span.line, lk.target) not in lines)


def target_path(page: str, target: str) -> str:
    """The model path an include of ``page`` names: relative to the page's folder; a
    path that climbs out of the doc set keeps its leading ``../``."""
    bare = target.split("#", 1)[0].split("?", 1)[0]
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), bare))


def resolve_includes(pages: Sequence[Page]) -> Iterator[Page]:
    """Each page with ``Include.page`` set for the includes whose target is a page of the
    doc set."""
    known = {p.path for p in pages}
    for page in pages:
        if not page.includes:
            yield page
            continue
        resolved = (replace(i, page=i.path if i.path in known else None) for i in page.includes)
        yield replace(page, includes=tuple(resolved))
