"""API pages to operations: HTTP request paths, permissions, request and response
sections, and the example request/response pairs."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from generator.diagnostics import diag
from generator.model import (
    Annotation,
    Body,
    Diagnostic,
    Example,
    ExampleRequest,
    ExampleResponse,
    Link,
    Operation,
    Parameter,
    PathVariant,
    Permissions,
    PermissionTable,
    Prose,
    RequestSpec,
    ResponseSpec,
    Span,
    TypeKind,
    TypeRef,
)
from generator.paths import (
    elided,
    parameterize,
    parse_path,
    split_request_line,
    text_after_path,
)
from generator.read.blocks import Element, Fence, Heading, Paragraph, Table
from generator.read.http_messages import (
    first_line,
    first_line_offset,
    is_status_line,
    parse_request,
    parse_response,
)
from generator.read.inline import Inline
from generator.read.page import DocPage
from generator.read.permissions import parse_permission_table, scopes_in_prose
from generator.read.typerefs import parse_type_cell

HTTP_REQUEST = re.compile(r"^HTTP requests?\b", re.IGNORECASE)
_PERMISSIONS = re.compile(r"^(permissions|prerequisites)\b", re.IGNORECASE)
_HEADERS = re.compile(r"^request headers?\b", re.IGNORECASE)
_QUERY = re.compile(r"^(optional )?(query|function) parameters?\b", re.IGNORECASE)
_BODY = re.compile(r"^request body\b", re.IGNORECASE)
_RESPONSE = re.compile(r"^responses?\s*$", re.IGNORECASE)
_RESPONSE_PART = re.compile(r"^(?!.*\berror).*\bresponses?\b", re.IGNORECASE)
_EXAMPLE = re.compile(r"\bexamples?\b", re.IGNORECASE)
_STATUS_CODE = re.compile(r"`\s*([1-5]\d\d)\b[\s,]*([^`]*)`")
_STATUS_BARE = re.compile(r"\b([1-5]\d\d)\b,?\s+((?:[A-Z][A-Za-z-]*)(?:\s[A-Z][A-Za-z-]*)*)")
_HTTP_INFOS = {"", "http", "msgraph-interactive", "rest"}
# The first column of a parameter table: "Parameter", "Query parameter", "Name",
# "Property", "Header", "Parameter name"... Tables of values under the same headings
# ("OData cast | ...", "Attribute | Supported operators", "Value | Description") are not.
_PARAM_COLUMN = re.compile(
    r"^(?:(?:query|path|function|request|optional)\s+)?"
    r"(?:parameter|property|header|name)(?:\s+name)?s?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Declared:
    method: str
    variant: PathVariant
    example: bool = False  # an example's request line (annotated, or under an Example heading)


@dataclass(frozen=True, slots=True)
class Calls:
    """What a page's HTTP blocks say, before the page's role decides what they are."""

    declared: tuple[_Declared, ...]  # the ``METHOD /path`` lines of HTTP request sections
    examples: tuple[Example, ...]  # example requests and responses, paired

    @property
    def request_line(self) -> int | None:
        """The first declared ``METHOD /path`` line that is not an example's: what shows
        an API page."""
        return min((d.variant.span.line for d in self.declared if not d.example), default=None)


def read_calls(page: DocPage) -> tuple[Calls, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    in_request_section = _request_section_indexes(page)
    declared = _declared_paths(page, in_request_section, diagnostics)
    examples = _examples(page, in_request_section, diagnostics)
    return Calls(tuple(declared), tuple(examples)), diagnostics


def read_operations(page: DocPage, calls: Calls) -> list[Operation]:
    """The operations of an API page (the reader asks only of pages whose role is API)."""
    declared = list(calls.declared)
    examples = list(calls.examples)
    if not declared:
        # An API page without an HTTP request section: its examples are all it declares.
        # Resource and conceptual pages show sample calls of operations documented
        # elsewhere; they never come here (generator/read/roles.py).
        declared = _paths_of_examples(examples, page.namespace)
    if not declared:
        return []
    methods = list(dict.fromkeys(d.method for d in declared))
    permissions = _permissions(page)
    request = _request_spec(page)
    responses = _responses(page)
    response_prose = _paragraphs(page, _response_elements(page))
    intro_prose = _paragraphs(page, _intro_elements(page))
    stem = page.rel[:-3] if page.rel.endswith(".md") else page.rel
    operations: list[Operation] = []
    for method in methods:
        paths = tuple(d.variant for d in declared if d.method == method)
        mine = (
            tuple(ex for ex in examples if _example_method(ex, methods) == method)
            if len(methods) > 1
            else tuple(examples)
        )
        operations.append(
            Operation(
                id=f"{stem}.{method.lower()}",
                title=page.title or stem,
                description=page.description,
                method=method,
                paths=paths,
                permissions=permissions,
                request=request,
                responses=responses,
                response_paragraphs=response_prose,
                intro_paragraphs=intro_prose,
                examples=mine,
                namespace=page.namespace,
                source=page.span(paths[0].span.line, paths[-1].span.end_line),
            )
        )
    return operations


def _example_method(example: Example, methods: Sequence[str]) -> str:
    """The operation an example belongs to: its request's method if the page declares
    it, else the page's first method (the linter reports the mismatch)."""
    if example.request is not None and example.request.method in methods:
        return example.request.method
    return methods[0]


def _request_section_indexes(page: DocPage) -> set[int]:
    inside: set[int] = set()
    for i in page.headings(HTTP_REQUEST):
        inside.update(range(i + 1, i + 1 + len(page.section(i))))
    return inside


def _declared_paths(
    page: DocPage, inside: set[int], diagnostics: list[Diagnostic]
) -> list[_Declared]:
    """The ``METHOD path`` lines of the HTTP request sections, in page order.

    Lines that differ only in their query (``$filter=... eq ...`` and
    ``$filter=... contains(...)``) are distinct variants; a line repeated verbatim is
    one.  An annotated request example inside such a section (OneDrive pages put
    ``### HTTP request`` under ``## Example``) declares its path too, but its sample
    query (``?expand=fields``) does not make a variant of a path declared already.
    """
    found: dict[tuple[str, str, str], _Declared] = {}  # (method, template, query)
    examples: list[_Declared] = []
    label, last, under_example = "", -1, False
    for i in sorted(inside):
        fence = page.elements[i]
        if i != last + 1:  # another HTTP request section
            label, under_example = "", False
        last = i
        if isinstance(fence, Heading) and not fence.is_tab:
            under_example = _EXAMPLE.search(fence.text) is not None
        if isinstance(fence, Paragraph) or (isinstance(fence, Heading) and not fence.is_tab):
            label = _label_text(fence.inline.text)
            continue
        if not isinstance(fence, Fence) or fence.info.lower() not in _HTTP_INFOS:
            continue
        fence_label, label = label, ""
        ann = page.fence_annotations.get(i)
        if ann is not None and ann.block_type == "response":
            continue
        is_example = ann is not None and ann.block_type == "request"
        for n, text in enumerate(fence.content.split("\n")):
            line = fence.line + 1 + n
            split = split_request_line(text)
            if split is None:
                if text.strip() and not is_example and not _looks_like_header(text):
                    diagnostics.append(
                        diag(
                            "DC010",
                            page.span(line),
                            f"not a 'METHOD /path' line: {text.strip()!r}",
                        )
                    )
                continue
            method, raw = split
            tail = "" if is_example else text_after_path(text)
            if tail:  # never a shorter path than the line says: that is another endpoint
                diagnostics.append(
                    diag(
                        "DC010",
                        page.span(line),
                        f"text after the path {raw!r}: {tail!r}; the line declares no path",
                    )
                )
                continue
            variant = replace(
                parse_path(raw, page.span(line)),
                method_as_written=text.split()[0],
                label="" if is_example else fence_label,
            )
            at = max(text.find(raw), 0)
            if elided(variant):  # ".../": paths of any depth, none an operation can declare
                if is_example:
                    break
                diagnostics.append(_elided(page, line, raw, fence.indent + at + 1))
                continue
            variant = parameterize(variant, fence.indent + at + 1, page.namespace)
            declared = _Declared(method, variant, is_example or under_example)
            if is_example:
                examples.append(declared)
                break  # the rest of an example block is headers and body
            key = (method, declared.variant.template, declared.variant.query)
            kept = found.setdefault(key, declared)
            if kept is not declared and variant.samples:  # the same path, with sample values
                samples = kept.variant.samples + variant.samples
                found[key] = replace(kept, variant=replace(kept.variant, samples=samples))
    templates = {(d.method, d.variant.template) for d in found.values()}
    for d in examples:
        if (d.method, d.variant.template) not in templates:
            templates.add((d.method, d.variant.template))
            found[(d.method, d.variant.template, d.variant.query)] = d
    return sorted(found.values(), key=lambda d: d.variant.span.line)


def _elided(page: DocPage, line: int, raw: str, column: int) -> Diagnostic:
    mark = "…" if "…" in raw else "..."
    return diag(
        "DC010",
        replace(page.span(line), column=column + max(raw.find(mark), 0)),
        f"path {raw!r} skips segments with {mark!r}: it stands for paths of any depth, "
        f"so the line declares no path; write each path in full",
    )


def _paths_of_examples(
    examples: Sequence[Example], namespace: str | None = None
) -> list[_Declared]:
    """Paths of a page without an HTTP request section: one per (method, template),
    since sample queries in examples are not declared variants, and sample values are
    the parameters they stand for (an elided ``.../`` path declares nothing)."""
    found: dict[tuple[str, str], _Declared] = {}
    for ex in examples:
        if ex.request is not None:
            variant = replace(
                parse_path(ex.request.url, ex.request.span),
                method_as_written=ex.request.method_as_written,
            )
            if elided(variant):
                continue
            variant = parameterize(variant, ex.request.span.column, namespace)
            key = (ex.request.method, variant.template)
            found.setdefault(key, _Declared(ex.request.method, variant))
    return list(found.values())


def _label_text(text: str) -> str:
    """A block's introduction as a label: one line, without its closing colon."""
    return " ".join(text.split()).rstrip(":").strip()


def _looks_like_header(text: str) -> bool:
    head, sep, _ = text.partition(":")
    return bool(sep) and bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", head.strip()))


# --- permissions ----------------------------------------------------------------------------


def _permissions(page: DocPage) -> Permissions | None:
    for i in page.headings(_PERMISSIONS):
        head = page.elements[i]
        assert isinstance(head, Heading)
        tables: list[PermissionTable] = []
        prose: list[str] = []
        current = head.text
        for e in page.section(i):
            if isinstance(e, Heading) and not e.is_tab:
                current = e.text
            elif isinstance(e, Paragraph) and _is_bold_label(e.inline.raw):
                current = _label_text(e.inline.text)
            elif isinstance(e, Table):
                rows = [(row.cells, page.cell_span(row, 1)) for row in e.rows]
                table = parse_permission_table(
                    e.header, rows, current, page.span(e.line, e.end_line)
                )
                if table is not None:
                    tables.append(table)
            elif isinstance(e, Paragraph):
                prose.append(e.inline.raw)
        scopes: tuple[str, ...] = ()
        if not tables:
            scopes = tuple(dict.fromkeys(s for p in prose for s in scopes_in_prose(p)))
        end = max((e.line for e in page.section(i)), default=head.line)
        return Permissions(head.text, tuple(tables), scopes, page.span(head.line, end))
    return None


def _is_bold_label(raw: str) -> bool:
    """``**For Directory (Azure AD) provider**``: a paragraph that is one bold run, the
    way some pages label a table instead of a sub-heading."""
    text = raw.strip().rstrip(":").strip()
    return (
        len(text) > 4
        and text[:2] in ("**", "__")
        and text.endswith(text[:2])
        and text[:2] not in text[2:-2]
        and "\n" not in text
    )


# --- request and response sections -----------------------------------------------------------


def _params(page: DocPage, elements: Sequence[Element]) -> tuple[Parameter, ...]:
    params: list[Parameter] = []
    for e in elements:
        if not isinstance(e, Table) or not e.header:
            continue
        if not _PARAM_COLUMN.match(" ".join(e.header[0].text.split())):
            continue
        columns = [c.text.lower() for c in e.header]
        type_col = next((k for k, c in enumerate(columns) if c == "type"), None)
        req_col = next((k for k, c in enumerate(columns) if c.startswith("required")), None)
        desc_col = next(
            (k for k, c in enumerate(columns) if c in ("description", "value")),
            len(columns) - 1,
        )
        for row in e.rows:
            if not row.cells or not row.cells[0].text:
                continue
            cell = _cell(row.cells, desc_col)
            params.append(
                Parameter(
                    name=row.cells[0].text.strip("`* "),
                    type=parse_type_cell(row.cells[type_col])
                    if type_col is not None and type_col < len(row.cells)
                    else None,
                    description=cell.text,
                    required=_required(row.cells, req_col, cell.text),
                    span=page.cell_span(row),
                )
            )
    return tuple(params)


def _cell(cells: Sequence[Inline], k: int) -> Inline:
    return cells[k] if k < len(cells) else Inline("", "")


def _required(cells: Sequence[Inline], col: int | None, description: str) -> bool | None:
    if col is not None and col < len(cells):
        value = cells[col].text.strip().lower()
        return value in ("yes", "true", "required") if value else None
    lowered = description.lower()
    if lowered.startswith("required") or "required." in lowered[:40]:
        return True
    if lowered.startswith("optional") or "optional." in lowered[:40]:
        return False
    return None


def _prose(elements: Sequence[Element]) -> str:
    return "\n\n".join(e.inline.text for e in elements if isinstance(e, Paragraph))


def _request_spec(page: DocPage) -> RequestSpec:
    headers = page.first_section(_HEADERS)
    query = [page.section(i) for i in page.headings(_QUERY)]
    body = page.first_section(_BODY)
    body_elements = body[1] if body else ()
    return RequestSpec(
        headers=_params(page, headers[1]) if headers else (),
        query_params=tuple(p for s in query for p in _params(page, s)),
        query_prose="\n\n".join(_prose(s) for s in query).strip(),
        body_params=_params(page, body_elements),
        body_prose=_prose(body_elements),
        body_span=page.span(body[0].line) if body else None,
        body_paragraphs=_paragraphs(page, body_elements),
    )


def _paragraphs(page: DocPage, elements: Sequence[Element]) -> tuple[Prose, ...]:
    """The section's paragraphs with their links and named runs, where they stand."""
    found: list[Prose] = []
    for e in elements:
        if not isinstance(e, Paragraph):
            continue
        links = tuple(
            Link(lk.target, lk.text, Span(page.rel, e.line + lk.line, e.line + lk.line, lk.column))
            for lk in e.inline.links
        )
        names = tuple(dict.fromkeys((*e.inline.code, *e.inline.strong)))
        found.append(Prose(e.inline.text, page.span(e.line, e.end_line), links, names))
    return tuple(found)


def _intro_elements(page: DocPage) -> list[Element]:
    """The page's prose between its title and its first section heading."""
    found: list[Element] = []
    for e in page.elements:
        if isinstance(e, Heading) and not e.is_tab:
            if found or e.level > 1:
                break
            found.append(e)  # the title opens the intro
            continue
        if found:
            found.append(e)
    return found[1:]


def _response_elements(page: DocPage) -> list[Element]:
    """The Response section's prose: up to its first example block, through sub-headings
    about the response (``### Response for getting the metadata of the photo``), not
    through others (``### Error responses``, an example's heading)."""
    found = page.first_section(_RESPONSE)
    elements: list[Element] = []
    for e in found[1] if found is not None else ():
        if isinstance(e, Fence):
            break
        if isinstance(e, Heading) and (e.is_tab or not _RESPONSE_PART.search(e.text)):
            break
        elements.append(e)
    return elements


def _responses(page: DocPage) -> tuple[ResponseSpec, ...]:
    specs: list[ResponseSpec] = []
    for e in _response_elements(page):
        if not isinstance(e, Paragraph):
            continue
        matches = list(_STATUS_CODE.finditer(e.inline.raw))
        if not matches and re.search(r"\bretur|\brespon", e.inline.text, re.IGNORECASE):
            matches = list(_STATUS_BARE.finditer(e.inline.text))
        for m in matches:
            specs.append(
                ResponseSpec(
                    status=int(m.group(1)),
                    reason=m.group(2).strip(),
                    as_written=m.group(0).strip("`"),
                    type=_response_type(e.inline),
                    span=page.span(e.line, e.end_line),
                )
            )
    return tuple(specs)


def _response_type(inline: Inline) -> TypeRef | None:
    for link in inline.links:
        if link.target.startswith(("http", "#", "/")) or not link.target.split("#")[0]:
            continue
        before = inline.text.split(link.text, 1)[0].lower()
        is_collection = "collection" in before[-40:]
        return TypeRef(link.text, TypeKind.COMPLEX, is_collection, link.text, link.target)
    return None


# --- examples ----------------------------------------------------------------------------------


_Pending = tuple[int, ExampleRequest, str | None]  # (line, request, title)


def _examples(page: DocPage, inside: set[int], diagnostics: list[Diagnostic]) -> list[Example]:
    examples: list[tuple[int, Example]] = []
    pending: list[_Pending] = []
    title: str | None = None
    for i, e in enumerate(page.elements):
        if isinstance(e, Heading) and not e.is_tab and _EXAMPLE.search(e.text):
            title = e.text
        if not isinstance(e, Fence):
            continue
        ann = page.fence_annotations.get(i)
        kind = _fence_kind(e, ann, i in inside)
        if kind is not None and ann is not None:
            kind = _checked_kind(page, e, ann, kind, diagnostics)
        if kind == "request":
            req = _request(page, e, ann, diagnostics)
            if req is not None:
                pending.append((e.line, req, title))
        elif kind == "response":
            resp = _response(page, e, ann, diagnostics)
            matches = _pair(pending, ann)
            if not matches:
                examples.append((e.line, Example(_name(ann), title, None, resp)))
            for line, req, req_title in matches:
                name = _name(req.annotation) or _name(ann)
                examples.append((line, Example(name, req_title, req, resp)))
    for line, req, req_title in pending:
        examples.append((line, Example(_name(req.annotation), req_title, req, None)))
    return [ex for _, ex in sorted(examples, key=lambda t: t[0])]


def _name(ann: Annotation | None) -> str | None:
    return ann.name if ann is not None else None


def _names(ann: Annotation | None) -> tuple[str, ...]:
    """The request names a response annotation answers: its ``name``, or each name of
    a list (``"name": ["get-drive-by-id", "get-drive-default"]``: one shared response)."""
    if ann is None or not isinstance(ann.data, dict):
        return ()
    value = ann.data.get("name")
    if isinstance(value, str):
        return (value,) if value else ()
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str) and v)
    return ()


def _fence_kind(fence: Fence, ann: Annotation | None, in_request_section: bool) -> str | None:
    """``request``, ``response`` or None.  An annotation says so, except ``ignored``,
    which only keeps the block from the docs test harness: such blocks (raw ``$value``
    responses, unvalidated filter examples) are read by their content, like blocks
    without an annotation."""
    if ann is not None and ann.block_type != "ignored":
        return ann.block_type if ann.block_type in ("request", "response") else None
    if fence.info.lower() not in _HTTP_INFOS:
        return None
    line = first_line(fence.content)
    if is_status_line(line):
        return "response"
    if not in_request_section and split_request_line(line) is not None:
        return "request"
    return None


def _checked_kind(
    page: DocPage, fence: Fence, ann: Annotation, kind: str, diagnostics: list[Diagnostic]
) -> str:
    """The annotated kind, unless the block plainly holds the other one (a ``response``
    annotation on a ``POST ...`` block): then the content wins and DC011 says so, at the
    annotation's ``blockType``."""
    line = first_line(fence.content)
    actual = (
        "response"
        if is_status_line(line)
        else "request"
        if split_request_line(line) is not None
        else None
    )
    if actual is None or actual == kind:
        return kind
    diagnostics.append(
        diag(
            "DC011",
            ann.key_span("blockType"),
            f"example annotated as a {kind} holds a {actual}; read as a {actual}",
        )
    )
    return actual


def _pair(pending: list[_Pending], ann: Annotation | None) -> list[_Pending]:
    """The pending requests a response answers, taken off ``pending``.

    A response whose annotation names a list of requests answers each of them; one
    with a single name answers the first pending request of that name; otherwise (or
    when no name matches) it answers the most recent request, so that a request
    followed by another request has no response.
    """
    if not pending:
        return []
    names = _names(ann)
    matched = [k for k, (_, req, _) in enumerate(pending) if _name(req.annotation) in names]
    if len(names) == 1:
        matched = matched[:1]
    if not matched:
        matched = [len(pending) - 1]
    taken = [pending[k] for k in matched]
    for k in reversed(matched):
        del pending[k]
    return taken


def _request(
    page: DocPage, fence: Fence, ann: Annotation | None, diagnostics: list[Diagnostic]
) -> ExampleRequest | None:
    parts = parse_request(fence.content, fence.line + 1, page.limits.depth)
    if parts is None:
        diagnostics.append(
            diag(
                "DC011",
                _first_line_span(page, fence),
                f"request example does not start with a 'METHOD url' line: "
                f"{first_line(fence.content)!r}",
            )
        )
        return None
    return ExampleRequest(
        method=parts.method,
        method_as_written=parts.method_as_written,
        url=parts.url,
        host=parts.host,
        version=parts.version,
        path=parts.path,
        query=parts.query,
        headers=parts.headers,
        body=_indented(parts.body, fence),
        annotation=ann,
        fence_info=fence.info,
        span=page.span(fence.line, fence.end_line),
        line=parts.line,
    )


def _indented(body: Body | None, fence: Fence) -> Body | None:
    """The body with the file column its lines start at (a fence in a list item)."""
    return replace(body, column=fence.indent + 1) if body is not None and fence.indent else body


def _first_line_span(page: DocPage, fence: Fence) -> Span:
    """The block's first non-blank line: the request or status line, or where it belongs."""
    line = min(fence.line + 1 + first_line_offset(fence.content), max(fence.end_line, fence.line))
    return page.span(line)


def _response(
    page: DocPage, fence: Fence, ann: Annotation | None, diagnostics: list[Diagnostic]
) -> ExampleResponse:
    parts = parse_response(fence.content, fence.line + 1, page.limits.depth)
    if parts.status is None:
        diagnostics.append(
            diag(
                "DC011",
                _first_line_span(page, fence),
                f"response example has no 'HTTP/1.1 NNN Reason' status line: "
                f"{first_line(fence.content)!r}",
            )
        )
    return ExampleResponse(
        status=parts.status,
        reason=parts.reason,
        http_version=parts.http_version,
        headers=parts.headers,
        body=_indented(parts.body, fence),
        annotation=ann,
        fence_info=fence.info,
        span=page.span(fence.line, fence.end_line),
        line=parts.line,
    )
