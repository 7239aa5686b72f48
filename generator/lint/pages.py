"""What kind of page a page is, and which of its headings are which: shared by rules."""

from __future__ import annotations

import re

from generator.lint.context import LintContext
from generator.model import Page, PageRole

PAGE_TYPES = ("apiPageType", "resourcePageType", "enumPageType", "conceptualPageType")
PERMISSIONS = re.compile(r"^(permissions|prerequisites)\b", re.IGNORECASE)
HTTP_REQUEST = re.compile(r"^HTTP requests?\b", re.IGNORECASE)
RESPONSE = re.compile(r"^responses?\s*$", re.IGNORECASE)
EXAMPLE = re.compile(r"^examples?\b", re.IGNORECASE)
PROPERTIES = re.compile(r"^properties\s*$", re.IGNORECASE)


_ROLE_TYPES = {
    PageRole.API: "apiPageType",
    PageRole.RESOURCE: "resourcePageType",
    PageRole.ENUM: "enumPageType",
    PageRole.CONCEPTUAL: "conceptualPageType",
}


def page_type(ctx: LintContext, page: Page) -> str | None:
    """The doc_type of the page's role (the reader decides it from the doc_type and the
    structure, DC105 reports a doubt); None for an include partial."""
    return _ROLE_TYPES.get(page.role)


def content_type(ctx: LintContext, page: Page) -> str | None:
    """What the page documents, whatever its front matter says."""
    if ctx.operations_by_page.get(page.path) and any(
        HTTP_REQUEST.search(text) for _, text, _ in page.headings
    ):
        return "apiPageType"
    if page.path in ctx.type_files:
        return "resourcePageType"
    return None


def is_reference_page(ctx: LintContext, page: Page) -> bool:
    """A page that documents operations or types, or carries annotations: not a README
    or attribution file that happens to sit in the doc folder."""
    return bool(page.doc_type or page.annotations or content_type(ctx, page) is not None)


def first_heading(page: Page, pattern: re.Pattern[str]) -> tuple[int, str, int] | None:
    return next((h for h in page.headings if pattern.search(h[1])), None)
