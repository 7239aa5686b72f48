"""Which convention a doc set follows, decided from its pages.

Two conventions carry a page's metadata in different places:

- the Graph convention (microsoft-graph-docs): YAML front matter with ``title``,
  ``description``, ``doc_type`` ...; the page annotation, if any, only adds to it;
- the ApiDoctor convention (the OneDrive API docs): no front matter at all; the page's
  metadata is an ApiDoctor page annotation,
  ``<!-- { "type": "#page.annotation", "description": ..., "tocPath": ... } -->``.

Each page that says which convention it follows is a vote: front matter (readable or
not) for Graph; a page annotation and no front matter for ApiDoctor.  A page with neither
says nothing, nor does an include partial.  The reference pages (API, resource and enum
pages) decide when they vote at all, since overviews and tutorials are written more
loosely; else every page that votes.  ApiDoctor needs more votes than Graph: a tie, and
a doc set where no page votes, is Graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from generator.model import Convention, Diagnostic, Page, PageRole

_REFERENCE = (PageRole.API, PageRole.RESOURCE, PageRole.ENUM)


def detect_convention(pages: Sequence[Page], diagnostics: Iterable[Diagnostic]) -> Convention:
    """The convention ``pages`` follow (``diagnostics``: the reader's, for the pages whose
    front matter is there but cannot be read, DC003)."""
    unreadable = {d.span.file for d in diagnostics if d.code == "DC003"}
    votes = [v for v in (_vote(p, unreadable) for p in pages) if v is not None]
    reference = [c for role, c in votes if role in _REFERENCE]
    counted = reference or [c for _, c in votes]
    apidoctor = counted.count(Convention.APIDOCTOR)
    return Convention.APIDOCTOR if apidoctor > len(counted) - apidoctor else Convention.GRAPH


def _vote(page: Page, unreadable: set[str]) -> tuple[PageRole, Convention] | None:
    if page.role is PageRole.INCLUDE:
        return None
    if page.front_matter is not None or page.path in unreadable:
        return page.role, Convention.GRAPH
    if any(a.is_page for a in page.annotations):
        return page.role, Convention.APIDOCTOR
    return None
