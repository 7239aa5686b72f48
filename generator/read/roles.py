"""What each page is for (docs/model.md, "Page roles"): an API page declares operations, a
resource or enum page declares types, a conceptual page declares neither (its example
calls add to the operations they call), and an include partial is read where it is
included.

A page's own signals decide its role: its front matter ``doc_type`` where it has one, and
its structure (``METHOD /path`` lines under an HTTP request heading; a JSON representation
or a property table; enum member tables). The structure wins over a ``doc_type`` it
clearly contradicts; the folder (``api/``, ``resources/``, ``concepts/``, ``includes/``)
only breaks a tie. Being the target of an ``[!INCLUDE]`` is known once every page is read
(:func:`settle_roles`). A page whose signals disagree records why (:class:`RoleDoubt`,
lint DC105).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from generator.model import Page, PageRole, RoleDoubt, Severity, Span, TypeDef, TypeKind
from generator.read.operations import Calls
from generator.read.page import DocPage
from generator.read.types import resource_line

_DOC_TYPES = {
    "api": PageRole.API,
    "resource": PageRole.RESOURCE,
    "enum": PageRole.ENUM,
    "enumeration": PageRole.ENUM,
    "conceptual": PageRole.CONCEPTUAL,
    "concept": PageRole.CONCEPTUAL,
}
_FOLDERS = {
    "api": PageRole.API,
    "resources": PageRole.RESOURCE,
    "resource": PageRole.RESOURCE,
    "concepts": PageRole.CONCEPTUAL,
    "concept": PageRole.CONCEPTUAL,
    "conceptual": PageRole.CONCEPTUAL,
    "includes": PageRole.INCLUDE,
    "include": PageRole.INCLUDE,
}
_DOC_TYPE_LINE = re.compile(r"^\s*doc_type\s*:")
_A = {
    PageRole.API: "an API page",
    PageRole.RESOURCE: "a resource page",
    PageRole.ENUM: "an enum page",
    PageRole.CONCEPTUAL: "a conceptual page",
    PageRole.INCLUDE: "an include partial",
}
# Which structural role a page with two is read as when its folder does not say.
_FIRST = (PageRole.API, PageRole.RESOURCE, PageRole.ENUM)


@dataclass(frozen=True, slots=True)
class _Shown:
    """A structural sign of a role: what it is, and where."""

    role: PageRole
    what: str
    line: int


def declared_role(doc_type: str | None) -> PageRole | None:
    """The role a ``doc_type`` names, with its spelling forgiven (``resourcePageType_``,
    ``ApiPage``, ``enum``); None for none or an unknown one."""
    if doc_type is None:
        return None
    key = re.sub(r"[^a-z]", "", doc_type.lower())
    key = re.sub(r"(?:page)?(?:type)?$", "", key)
    return _DOC_TYPES.get(key)


def folder_role(path: str) -> tuple[PageRole, str] | None:
    """The role the nearest conventional folder of ``path`` names, with that folder."""
    for folder in reversed(path.split("/")[:-1]):
        role = _FOLDERS.get(folder.lower())
        if role is not None:
            return role, folder
    return None


def page_role(
    doc: DocPage, calls: Calls, types: Sequence[TypeDef], text: str
) -> tuple[PageRole, RoleDoubt | None]:
    """The role of one page from its own signals (``text`` is the page's text, for the
    ``doc_type`` line), and why it is in doubt if it is."""
    shown = _structure(doc, calls, types)
    declared = declared_role(doc.doc_type)
    folder = folder_role(doc.rel)
    roles = [s.role for s in shown]
    if declared is not None and (declared in roles or not shown):
        return declared, None
    if shown:
        chosen = _tie_break(roles, folder)
        at = next(s for s in shown if s.role is chosen)
        signs = " and ".join(f"{s.what} (line {s.line})" for s in shown)
        decided_by_folder = len(shown) > 1 and folder is not None and folder[0] in roles
        where = f" (its folder {folder[1]}/)" if folder is not None and decided_by_folder else ""
        if declared is not None:
            line = _doc_type_line(text)
            said = f"doc_type {doc.doc_type!r}" + (f" (line {line})" if line else "")
            message = (
                f"{said} makes this {_A[declared]}, but the page has {signs}: "
                f"read as {_A[chosen]}{where}"
            )
            return chosen, RoleDoubt(Severity.WARNING, message, doc.span(at.line))
        if len(shown) > 1:
            message = f"{_no_doc_type(doc)}, and the page has {signs}: read as {_A[chosen]}{where}"
            return chosen, RoleDoubt(Severity.INFO, message, doc.span(at.line))
        if folder is not None and folder[0] is not chosen:
            message = (
                f"{_no_doc_type(doc)}; the page is under {folder[1]}/, which holds "
                f"{_plural(folder[0])}, but has {signs}: read as {_A[chosen]}"
            )
            return chosen, RoleDoubt(Severity.INFO, message, doc.span(at.line))
        return chosen, None
    return _without_structure(doc, calls, declared, folder)


def _without_structure(
    doc: DocPage,
    calls: Calls,
    declared: PageRole | None,
    folder: tuple[PageRole, str] | None,
) -> tuple[PageRole, RoleDoubt | None]:
    """No doc_type, nothing that shows a role: a conceptual page, unless its folder says
    it is a partial, or it is under an API folder and shows example calls (then it is an
    API page that declares the paths of its examples, and DC105 says so)."""
    if declared is not None:  # pragma: no cover - page_role decides these
        return declared, None
    if folder is None or folder[0] is PageRole.CONCEPTUAL:
        return PageRole.CONCEPTUAL, None
    if folder[0] is PageRole.INCLUDE:
        return PageRole.INCLUDE, None
    calls_shown = [ex.request.span.line for ex in calls.examples if ex.request is not None]
    if folder[0] is PageRole.API and calls_shown:
        message = (
            f"{_no_doc_type(doc)} and no HTTP request section: read as an API page from its folder "
            f"{folder[1]}/, declaring the paths of its example requests"
        )
        return PageRole.API, RoleDoubt(Severity.INFO, message, doc.span(calls_shown[0]))
    return PageRole.CONCEPTUAL, None  # a README, an overview: nothing to weigh


def _structure(doc: DocPage, calls: Calls, types: Sequence[TypeDef]) -> list[_Shown]:
    """What the page's structure shows, in role order.  Enum tables on an API or resource
    page list the values of a parameter or property: only a page with nothing else is an
    enum page."""
    shown: list[_Shown] = []
    if calls.request_line is not None:
        shown.append(_Shown(PageRole.API, "an HTTP request line", calls.request_line))
    line = resource_line(doc)
    if line is not None:
        resource = any(a.span.line == line for a in doc.fence_annotations.values())
        what = "a JSON representation" if resource else "a property table"
        shown.append(_Shown(PageRole.RESOURCE, what, line))
    enums = [t.source.line for t in types if t.kind is TypeKind.ENUM]
    if enums and not shown:
        shown.append(_Shown(PageRole.ENUM, "an enum table", min(enums)))
    return shown


def _tie_break(roles: Sequence[PageRole], folder: tuple[PageRole, str] | None) -> PageRole:
    if len(roles) == 1:
        return roles[0]
    if folder is not None and folder[0] in roles:
        return folder[0]
    return next(r for r in _FIRST if r in roles)


def _no_doc_type(doc: DocPage) -> str:
    return "no doc_type" if doc.doc_type is None else f"doc_type {doc.doc_type!r} names no role"


def _plural(role: PageRole) -> str:
    return {
        PageRole.API: "API pages",
        PageRole.RESOURCE: "resource pages",
        PageRole.ENUM: "enum pages",
        PageRole.CONCEPTUAL: "conceptual pages",
        PageRole.INCLUDE: "include partials",
    }[role]


def _doc_type_line(text: str) -> int | None:
    """The front matter line that sets ``doc_type`` (1-based), if the page has one."""
    lines = text.split("\n")
    if not lines or not lines[0].startswith("---"):
        return None
    for n, line in enumerate(lines[1:], start=2):
        if line.startswith("---"):
            return None
        if _DOC_TYPE_LINE.match(line):
            return n
    return None


def settle_roles(pages: Sequence[Page]) -> tuple[list[Page], set[str]]:
    """The pages with the role of each page another page includes set to INCLUDE (call
    it once ``Include.page`` is resolved), and the paths of the pages that no longer
    declare what they declared on their own: their operations and types are not the doc
    set's."""
    included: dict[str, Span] = {}
    for page in sorted(pages, key=lambda p: p.path):
        for inc in page.includes:
            if inc.page is not None and inc.page != page.path:
                included.setdefault(inc.page, inc.span)
    settled: list[Page] = []
    dropped: set[str] = set()
    for page in pages:
        at = included.get(page.path)
        if at is None or page.role is PageRole.INCLUDE:
            settled.append(page)
            continue
        doubt = page.role_doubt
        if page.role is not PageRole.CONCEPTUAL or declared_role(page.doc_type) is not None:
            severity = Severity.INFO if page.doc_type is None else Severity.WARNING
            message = (
                f"included by {at.file} (line {at.line}), so read as an include partial, "
                f"not as the {_A[page.role].split(' ', 1)[1]} its own signals make it"
            )
            doubt = RoleDoubt(severity, message, at)
        if page.role in (PageRole.API, PageRole.RESOURCE, PageRole.ENUM):
            dropped.add(page.path)
        settled.append(replace(page, role=PageRole.INCLUDE, role_doubt=doubt, examples=()))
    return settled, dropped
