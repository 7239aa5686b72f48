"""DC106, DC107: a page's metadata in the ApiDoctor convention (the OneDrive API docs),
where a page carries no YAML front matter but an ApiDoctor page annotation,
``<!-- { "type": "#page.annotation", "description": ..., "tocPath": ... } -->``.

They are DC101 and DC102 of that convention: a page with neither front matter nor a page
annotation, and a page annotation without a description or a title.  ApiDoctor takes a
page's title from the annotation's ``title``, else from its H1 heading, so either will do.
A page that has front matter carries its metadata there: only DC106 looks at it (it is
not missing anything).
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.pages import is_reference_page
from generator.lint.rule import Rule
from generator.model import Annotation, Diagnostic, Page, PageRole, Severity, Span


def _missing(ctx: LintContext) -> Iterator[Diagnostic]:
    for page in ctx.model.pages:
        if page.role is PageRole.INCLUDE or page.front_matter is not None:
            continue
        bare = _page_annotation(page) is None and not _unreadable(ctx, page.path)
        if bare and is_reference_page(ctx, page):
            yield MISSING.finding(
                Span(page.path, 1, 1), "page has neither a page annotation nor front matter"
            )


def _keys(ctx: LintContext) -> Iterator[Diagnostic]:
    for page in ctx.model.pages:
        if page.role is PageRole.INCLUDE or page.front_matter is not None:
            continue
        ann = _page_annotation(page)
        if ann is None:
            continue  # DC106
        description = ann.data.get("description")
        if description is None:
            yield _at(ann, ann.span.line, "page annotation has no 'description'")
        elif not isinstance(description, str) or not description.strip():
            yield _at(ann, ann.line_of("description"), "page annotation 'description' is empty")
        title = ann.data.get("title")
        has_h1 = any(level == 1 for level, _, _ in page.headings)
        if not has_h1 and not (isinstance(title, str) and title.strip()):
            line = ann.line_of("title") if "title" in ann.data else ann.span.line
            message = "page has no title: no H1 heading, and the page annotation has no 'title'"
            yield _at(ann, line, message)


def _page_annotation(page: Page) -> Annotation | None:
    """The page's first page annotation that is a JSON object."""
    return next((a for a in page.annotations if a.is_page and isinstance(a.data, dict)), None)


def _unreadable(ctx: LintContext, path: str) -> bool:
    """Front matter that exists but failed to parse is DC003's finding."""
    return any(d.code == "DC003" and d.span.file == path for d in ctx.model.diagnostics)


def _at(ann: Annotation, line: int, message: str) -> Diagnostic:
    return KEYS.finding(Span(ann.span.file, line, line), message)


_EXAMPLE = (
    '<!-- {\n  "type": "#page.annotation",\n  "description": "Create a new version.",\n'
    '  "section": "documentation",\n  "tocPath": "Items/Versions"\n} -->'
)

MISSING = Rule(
    code="DC106",
    name="page-annotation-missing",
    severity=Severity.ERROR,
    summary="page has neither an ApiDoctor page annotation nor front matter",
    explanation=(
        "In the ApiDoctor convention (the OneDrive API docs) a page carries no YAML front "
        "matter: its description, keywords and place in the table of contents are an "
        "ApiDoctor page annotation, usually at the end of the page. Add one:\n\n"
        f"{_EXAMPLE}\n\n"
        "ApiDoctor convention only; in the Graph convention DC101 asks for front matter."
    ),
    check=_missing,
    convention="apidoctor",
)

KEYS = Rule(
    code="DC107",
    name="page-annotation-key-missing",
    severity=Severity.WARNING,
    summary="page annotation lacks a description, or the page a title",
    explanation=(
        "In the ApiDoctor convention the page annotation's `description` feeds the page's "
        "summary and search, and its `title`, or else the page's H1 heading, names the "
        "page. Give the annotation a non-empty `description`, and the page an H1 heading "
        'or the annotation a `"title"`.\n\n'
        "ApiDoctor convention only; in the Graph convention DC102 checks the front matter."
    ),
    check=_keys,
    convention="apidoctor",
)
