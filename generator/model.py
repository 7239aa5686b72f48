"""The intermediate model: what the parser fills and every renderer only reads.

All classes are frozen and slotted; collections are tuples.  Every node that comes
from a document carries a :class:`Span` so that lint findings and generated code can
point back at the exact lines.  JSON payloads taken from the docs (annotation objects,
example bodies) are kept as plain JSON values; nothing may mutate them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

SCHEMA_VERSION = 1

JsonValue = Any
"""A value as :func:`json.loads` returns it.  Treated as read-only."""


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Where something stands: a file relative to the doc set's base (see ``Model.roots``)
    and 1-based lines."""

    file: str
    line: int
    end_line: int
    column: int = 1

    def first_content_line(self) -> Span:
        """The line after a fence's opening line: an example's request or status line.

        The model does not record that line, and the reader skips blank lines before it;
        in the Graph corpus it is always the fence's first content line (checked on every
        example of graph-v1.0)."""
        line = min(self.line + 1, self.end_line)
        return Span(self.file, line, line)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A finding about the docs: collected as a value, printed only by the CLI."""

    code: str
    severity: Severity
    span: Span
    message: str


# --- annotations -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Annotation:
    """A ``<!-- { ... } -->`` JSON comment, read leniently.

    ``data`` holds every key as written; the named fields are the normalized values
    of the keys the tool understands (``@type`` is read as ``@odata.type``, the
    strings ``"true"``/``"false"`` as booleans, ``scopes`` split on spaces).
    """

    span: Span
    block_type: str | None
    is_page: bool
    name: str | None
    odata_type: str | None
    truncated: bool
    is_collection: bool
    scopes: tuple[str, ...]
    target: str | None
    base_type: str | None
    key_property: str | None
    open_type: bool
    optional_properties: tuple[str, ...]
    suppressions: tuple[str, ...]
    data: JsonValue
    deviations: tuple[str, ...] = ()
    block_line: int | None = None  # the fence it describes (block annotations), if any
    key_lines: tuple[tuple[str, int, int], ...] = ()  # (top-level key, file line, column)

    def line_of(self, key: str) -> int:
        """The line where ``key`` is written, else the annotation's first line."""
        return self.key_span(key).line

    def key_span(self, key: str) -> Span:
        """Where ``key`` is written (its line, and the column of its opening quote), else
        the annotation's first line."""
        for k, line, column in self.key_lines:
            if k == key:
                return Span(self.span.file, line, line, column)
        return Span(self.span.file, self.span.line, self.span.line, self.span.column)


# --- HTTP paths ---------------------------------------------------------------------


class SegmentKind(StrEnum):
    LITERAL = "literal"  # users, drive, $ref, $value, microsoft.graph.group
    PARAM = "param"  # {id}, <id>, {id | userPrincipalName}
    FUNCTION = "function"  # getSchedule(period='{period_value}'), range(address='<a>')
    COLON_PATH = "colon_path"  # root:/{item-path}: -- OneDrive path addressing


@dataclass(frozen=True, slots=True)
class FunctionArg:
    """One ``name=value`` inside a function segment; ``param`` is set when the value
    is a placeholder, ``value`` when it is a literal."""

    name: str
    param: str | None
    value: str | None
    quoted: bool


@dataclass(frozen=True, slots=True)
class Segment:
    kind: SegmentKind
    text: str  # as written
    name: str  # literal text, parameter name, function name, or colon-path text
    params: tuple[str, ...] = ()  # parameters this segment binds, in order
    args: tuple[FunctionArg, ...] = ()


@dataclass(frozen=True, slots=True)
class SampleValue:
    """A value a request line writes where a parameter belongs (a GUID after
    ``classes/``, ``19:…@thread.v2``, ``startDateTime='2017-01-01'``, ``(team-id)``).
    The reader makes it the parameter ``param`` (``generator.paths.parameterize``); the
    value is kept here as its example, and lint DC309 reports it."""

    param: str  # the parameter it became
    value: str  # as written; a quoted function argument without its quotes
    kind: str  # what makes it a value: guid, thread-id, number, email, id, truncated, ...
    written: str  # what the path holds instead: "{class-id}", "startDateTime='{startDateTime}'"
    span: Span  # the value on its request line


@dataclass(frozen=True, slots=True)
class PathVariant:
    """One ``METHOD /path`` line of an HTTP request section."""

    raw: str  # the path as written on the line
    template: str  # normalized: leading slash, no host/version, no query, params as {name}
    shape: str  # template with every parameter collapsed to {} (for matching)
    query: str  # the query string as written, without '?'
    segments: tuple[Segment, ...]
    params: tuple[str, ...]  # parameter names in order of appearance (may repeat)
    span: Span
    method_as_written: str = ""  # the request line's method before upper-casing
    # The prose or sub-heading that introduces the line's block ("For Directory (Azure AD)
    # provider:"); it ties the path to the permission table with the same label.
    label: str = ""
    # Values written where its parameters belong, on its line or on a line that declares
    # the same path again (each with its own span).
    samples: tuple[SampleValue, ...] = ()
    # What a call of this path takes, decided once every page is read
    # (generator/read/bodies.py); None only in a model not built by the reader.
    body: RequestBody | None = None
    # What a call of this path answers with, decided once every page is read
    # (generator/read/results.py); None only in a model not built by the reader.
    result: Result | None = None


# --- permissions --------------------------------------------------------------------


class PermissionState(StrEnum):
    SCOPES = "scopes"
    NOT_SUPPORTED = "not_supported"
    NONE = "none"  # "None." -- no permission needed
    NOT_APPLICABLE = "not_applicable"  # "n/a"
    EMPTY = "empty"
    TODO = "todo"


class PermissionOrder(StrEnum):
    LEAST_TO_MOST = "least_to_most"
    MOST_TO_LEAST = "most_to_least"
    UNSTATED = "unstated"


@dataclass(frozen=True, slots=True)
class Permission:
    """One row (or one cell of a resource matrix) of a permissions table.

    ``scopes`` are always least to most privileged, whatever order the table states.
    """

    permission_type: str  # delegated_work | delegated_personal | application | as written
    label: str  # the row label as written
    state: PermissionState
    scopes: tuple[str, ...]
    raw: str
    resource: str | None  # for "Supported resource | Delegated ... " matrices
    span: Span
    # An indented sub-row under its permission type ("&nbsp; Onboarding"): the context it
    # names; ``permission_type`` and ``label`` are the parent row's.
    context: str | None = None
    # The ways the row grants the call: any one suffices, and each names the scopes a
    # client needs together ("A and B, C": ((A, B), (C,))); least privileged first as
    # ``scopes``.  Empty: each of ``scopes`` alone (a row built without it).
    alternatives: tuple[tuple[str, ...], ...] = ()

    @property
    def named(self) -> str:
        """The row as a reader names it: its label, and its context if it has one."""
        return f"{self.label} ({self.context})" if self.context else self.label

    @property
    def any_of(self) -> tuple[tuple[str, ...], ...]:
        """The alternatives, each the scopes needed together (one scope each unless the
        cell says "and" or "plus")."""
        return self.alternatives or tuple((s,) for s in self.scopes)


@dataclass(frozen=True, slots=True)
class PermissionTable:
    heading: str
    stated_order: PermissionOrder
    entries: tuple[Permission, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Permissions:
    heading: str  # "Permissions" / "Prerequisites" as written
    tables: tuple[PermissionTable, ...]
    prose_scopes: tuple[str, ...]  # scopes named in prose where there is no table
    span: Span


# --- types ----------------------------------------------------------------------------


class TypeKind(StrEnum):
    PRIMITIVE = "primitive"
    COMPLEX = "complex"  # a resource/complex/entity type of the doc set
    ENUM = "enum"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class TypeRef:
    """A reference to a type as a table cell or annotation names it."""

    name: str  # Edm.String, microsoft.graph.identitySet, or the text as written
    kind: TypeKind
    is_collection: bool
    raw: str
    link: str | None = None  # link target in the doc, if the cell had one


@dataclass(frozen=True, slots=True)
class Property:
    name: str
    type: TypeRef
    description: str
    read_only: bool
    nullable: bool | None
    is_relationship: bool
    span: Span
    in_table: bool = True  # False when only the JSON representation names it


@dataclass(frozen=True, slots=True)
class EnumMember:
    name: str
    value: str | None
    description: str
    span: Span | None = None  # the table row; None for members not read from a table


@dataclass(frozen=True, slots=True)
class TypeDef:
    name: str  # short name, e.g. listItemVersion
    namespace: str  # e.g. microsoft.graph
    kind: TypeKind  # COMPLEX or ENUM
    base: str | None  # full name of the base type
    description: str
    properties: tuple[Property, ...]
    members: tuple[EnumMember, ...]
    key_property: str | None
    open_type: bool
    optional_properties: tuple[str, ...]
    json_representation: JsonValue
    source: Span

    @property
    def full_name(self) -> str:
        return f"{self.namespace}.{self.name}" if self.namespace else self.name


# --- operations -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Header:
    name: str
    value: str
    line: int


@dataclass(frozen=True, slots=True)
class Parameter:
    """A row of a request-header, query-parameter or request-body table."""

    name: str
    type: TypeRef | None
    description: str
    required: bool | None
    span: Span


@dataclass(frozen=True, slots=True)
class Prose:
    """A paragraph kept for decisions made once every page is read: its plain text, the
    links it holds, its code spans and bold runs, and where it stands."""

    text: str
    span: Span
    links: tuple[Link, ...] = ()
    names: tuple[str, ...] = ()  # the contents of its `code` spans and **bold** runs


@dataclass(frozen=True, slots=True)
class RequestSpec:
    """The Request headers, query parameters and Request body sections as written; what
    a call takes is decided from them per path, once every page is read
    (``PathVariant.body``)."""

    headers: tuple[Parameter, ...]
    query_params: tuple[Parameter, ...]
    query_prose: str
    body_params: tuple[Parameter, ...]
    body_prose: str
    body_span: Span | None
    body_paragraphs: tuple[Prose, ...] = ()  # the Request body section's prose


class BodyKind(StrEnum):
    """The shape of what a call sends."""

    NONE = "none"  # no body: the docs say so, or the method takes none
    OBJECT = "object"  # a JSON object: of ``type``, or of an action's ``parameters``
    ARRAY = "array"  # a JSON array of ``type``
    REFERENCE = "reference"  # ``{"@odata.id": "<url>"}``: the body of a ``$ref`` path
    CONTENT = "content"  # raw content of ``media_type``: a file's bytes, HTML, a zip
    UNKNOWN = "unknown"  # the docs say nothing the reader can use


@dataclass(frozen=True, slots=True)
class RequestBody:
    """What a call of one path takes, decided once from all the evidence of the docs (the
    Request body section's prose, links and table, the example requests, the path and
    what the doc set says it addresses: generator/read/bodies.py), with the evidence that
    decided and where it stands."""

    kind: BodyKind
    # The object's type, or the array's (then ``is_collection``); None for an action's
    # parameters, a reference, content, or no body.
    type: TypeRef | None = None
    media_type: str | None = None  # application/json for JSON; None without a body
    # Other media types the examples send instead (MIME content beside JSON parameters)
    alternatives: tuple[str, ...] = ()
    # An action's body parameters (an OBJECT without a type), or a function's parameters
    # (written in its path; the body is then NONE).
    parameters: tuple[Parameter, ...] = ()
    required: bool = True  # False: the docs say the body may be left out
    source: str = ""  # the evidence that decided, in words
    span: Span | None = None  # where it stands
    # Evidence that disagrees with the decision (lint DC312 reports it at its line).
    doubts: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True, slots=True)
class ResponseSpec:
    """A status the Response section's prose promises (``returns `201 Created` ``)."""

    status: int
    reason: str
    as_written: str
    type: TypeRef | None
    span: Span


@dataclass(frozen=True, slots=True)
class Result:
    """What a call of one path answers with on success, decided once every page is read
    from all the evidence its page gives (the path, its label, the example responses,
    the Response section: generator/read/results.py), with the evidence that decided
    and where it stands."""

    status: int | None  # the success status (200, 201, 204, 302...); None: none documented
    # The body's type: one the doc set defines (full name), an Edm primitive, or a name
    # the Response section links as a type that the doc set does not define (UNKNOWN);
    # for a collection its items' type (then ``is_collection``).  None: no body, raw
    # content, or nothing states one.
    type: TypeRef | None = None
    collection: bool = False  # ``{"value": [...]}``, paged by ``@odata.nextLink``
    # application/json, application/octet-stream (raw content), text/plain...; None: no
    # content (a 204, or no type named and no body shown; a GET answers JSON all the same).
    media_type: str | None = None
    headers: tuple[str, ...] = ()  # response headers the docs show or name (Location, ...)
    delta: bool = False  # a delta function: its last page carries ``@odata.deltaLink``
    source: str = ""  # the evidence that decided the type, in words
    span: Span | None = None  # where it stands
    # Evidence that disagrees with the decision (lint DC310 reports it at its line).
    doubts: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True, slots=True)
class Body:
    text: str
    json: JsonValue  # parsed value, None when the body is not JSON
    json_error: str | None  # why it did not parse as strict JSON
    line: int  # first line of the body
    column: int = 1  # the file column where its lines start (after a list item's indent)
    # JSON cut short: a ``...`` outside any string stands for what the docs left out, so
    # the text is no complete JSON; ``keys`` are the top-level keys written before the
    # first cut (a key whose value the cut falls in counts), what the body can promise.
    elided: bool = False
    keys: tuple[str, ...] = ()

    def strict_text(self, indent: int | None = None) -> str:
        """The text to send or serve: JSON read leniently (comments, trailing commas) as
        the strict JSON it reads as, anything else as written."""
        lenient = self.json is not None and self.json_error is not None
        return json.dumps(self.json, indent=indent) if lenient else self.text


@dataclass(frozen=True, slots=True)
class RequestDefect:
    """Something wrong with an example's request line, found by the reader once every
    page is read (generator/read/request_lines.py): the lint rule ``code`` reports it as
    it stands here, and a generated test that has no builder for the request is skipped
    for it.  DC301: the URL matches no path the page declares; DC302: a backslash or raw
    whitespace in the URL; DC303: a method not written in upper case."""

    code: str
    severity: Severity
    message: str
    span: Span  # the request line: the block's first content line


@dataclass(frozen=True, slots=True)
class ExampleRequest:
    method: str
    url: str  # as written
    host: str | None  # https://graph.microsoft.com, or None when relative
    version: str | None  # v1.0, beta, ...
    path: str  # path without host, version and query
    query: str
    headers: tuple[Header, ...]
    body: Body | None
    annotation: Annotation | None
    fence_info: str
    span: Span
    method_as_written: str = ""  # the request line's method before upper-casing
    # The prose or sub-heading that introduces the line's block ("For Directory (Azure AD)
    # provider:"); it ties the path to the permission table with the same label.
    label: str = ""
    # A call to a host other than the API's (an upload URL, a bot callback): the doc
    # set's API hosts are the one most examples call and any called with a version.
    foreign: bool = False
    defects: tuple[RequestDefect, ...] = ()  # by code, then message
    line: int = 0  # the request line: the block's first non-blank line (0: not recorded)

    def line_span(self) -> Span:
        """The request line."""
        line = self.line or self.span.first_content_line().line
        return Span(self.span.file, line, line)


@dataclass(frozen=True, slots=True)
class ExampleResponse:
    status: int | None
    reason: str
    http_version: str | None
    headers: tuple[Header, ...]
    body: Body | None
    annotation: Annotation | None
    fence_info: str
    span: Span
    line: int = 0  # the status line, or where it belongs: the first non-blank line

    def line_span(self) -> Span:
        """The status line (or the line where it belongs)."""
        line = self.line or self.span.first_content_line().line
        return Span(self.span.file, line, line)


@dataclass(frozen=True, slots=True)
class Example:
    name: str | None  # the request annotation's name
    title: str | None  # the nearest "Example ..." heading
    request: ExampleRequest | None
    response: ExampleResponse | None


@dataclass(frozen=True, slots=True)
class Operation:
    id: str  # page path without .md, plus the method: "api/driveitemversion-restore.post"
    title: str
    description: str
    method: str
    paths: tuple[PathVariant, ...]
    permissions: Permissions | None
    request: RequestSpec
    responses: tuple[ResponseSpec, ...]
    examples: tuple[Example, ...]
    namespace: str | None
    source: Span
    response_paragraphs: tuple[Prose, ...] = ()  # the Response section's prose
    # The page's prose before its first section (what the call does; "the `x` parameter")
    intro_paragraphs: tuple[Prose, ...] = ()


@dataclass(frozen=True, slots=True)
class SharedEndpoint:
    """An endpoint (method and path shape) that several operations document: Intune's
    workload pages repeat ``GET /users``, extended-property pages the message and event
    calls.  ``operations`` are their ids in the order they speak for it: the first is the
    page whose own subject the endpoint is, whose texts and permissions the outputs use;
    the others stay secondary sources, each with its own permissions and source span
    (the rule: ``generator/read/endpoints.py``)."""

    method: str
    shape: str  # PathVariant.shape, case folded (Graph paths are case-insensitive)
    operations: tuple[str, ...]  # operation ids, the one that speaks for it first
    reason: str  # why the first speaks rather than the second


# --- pages and the model --------------------------------------------------------------------


class Convention(StrEnum):
    """Which doc convention a doc set follows: what metadata a page must carry (how it is
    decided: docs/model.md, "Conventions")."""

    GRAPH = "graph"  # YAML front matter: title, description, doc_type
    APIDOCTOR = "apidoctor"  # no front matter: an ApiDoctor page annotation (OneDrive docs)


class PageRole(StrEnum):
    """What a page is for; only API pages declare operations, only resource and enum pages
    declare types (how a role is decided: docs/model.md, "Page roles")."""

    API = "api"
    RESOURCE = "resource"
    ENUM = "enum"
    CONCEPTUAL = "conceptual"  # overviews, tutorials: their examples only add to operations
    INCLUDE = "include"  # a partial, read as part of the pages that include it


@dataclass(frozen=True, slots=True)
class RoleDoubt:
    """A page whose signals disagree on its role (its doc_type and its structure, two
    structures, or its folder): lint DC105 reports it as it stands here."""

    severity: Severity  # warning: the doc_type is contradicted; info: no doc_type settles it
    message: str
    span: Span  # the line that decided the role


@dataclass(frozen=True, slots=True)
class Include:
    """``[!INCLUDE [label](target)]``: the text of ``target`` belongs here."""

    target: str  # as written
    path: str  # the model path it names (from the including page's folder; may climb out)
    page: str | None  # ``path`` when that is a page of the doc set, else None
    span: Span


@dataclass(frozen=True, slots=True)
class Link:
    target: str
    text: str
    span: Span
    is_reference_definition: bool = False


@dataclass(frozen=True, slots=True)
class LinkedFile:
    """A file that relative links reach, found on disk by the reader, when its model path
    (relative to the doc set's base; it may climb out with ``../``) is no page's: the page
    it really is (``page``: the same file by real path, reached through a symbolic link),
    or None: a file outside every doc root, not read (lint DC606).  A target that is not
    there at all is not recorded."""

    path: str
    page: str | None = None


@dataclass(frozen=True, slots=True)
class Suppression:
    """Rule codes a doc writer switched off: for the whole page (page annotation
    ``suppressions``) or for the next block (``<!-- docs2code: ignore[DC301] -->``)."""

    codes: tuple[str, ...]
    span: Span  # where it is written
    first_line: int  # the lines it covers
    last_line: int


@dataclass(frozen=True, slots=True)
class Page:
    """What the linter needs of a page beyond operations and types."""

    path: str  # relative to the doc set's base (see Model.roots), posix
    doc_type: str | None
    front_matter: JsonValue  # dict, or None when the page has none
    title: str | None
    headings: tuple[tuple[int, str, int], ...]  # (level, text, line); tab labels left out
    links: tuple[Link, ...]
    annotations: tuple[Annotation, ...]
    suppressions: tuple[Suppression, ...] = ()
    role: PageRole = PageRole.API
    role_doubt: RoleDoubt | None = None
    # Example calls on a conceptual page that fit no operation of the doc set (lint
    # DC308); those that fit one are among that operation's examples.
    examples: tuple[Example, ...] = ()
    includes: tuple[Include, ...] = ()
    root: str = "."  # the doc root it was found under (one of Model.roots)
    front_matter_lines: tuple[tuple[str, int], ...] = ()  # (top-level key, file line)
    # Headings an HTML comment hides: (level, text, line of the comment's ``<!--``)
    commented_headings: tuple[tuple[int, str, int], ...] = ()

    def front_matter_span(self, key: str) -> Span:
        """The line of a front matter key, else the page's first line."""
        line = next((n for k, n in self.front_matter_lines if k == key), 1)
        return Span(self.path, line, line)

    def block_annotation(self, line: int) -> Annotation | None:
        """The annotation of the block (a fence) that opens on ``line``, if it is right
        above it."""
        return next((a for a in self.annotations if a.block_line == line), None)

    def type_name_span(self, typedef: TypeDef) -> Span:
        """Where a type of this page is named: the ``@odata.type`` of the resource
        annotation right above its JSON representation; else where it is defined
        (``source``: the JSON representation, or an enum's heading)."""
        ann = self.block_annotation(typedef.source.line)
        if ann is None or ann.block_type != "resource":
            return typedef.source
        return ann.key_span("@odata.type" if "@odata.type" in ann.data else "@type")

    def enclosing_headings(self, line: int) -> list[str]:
        """The texts of the headings whose sections hold ``line``, outermost first,
        without the page title.  H1s are the title or the tab headings of code groups
        (``# [HTTP](#tab/http)``): neither says which section a line is in."""
        open_: list[tuple[int, str]] = []
        for level, text, at in self.headings:
            if at >= line:
                break
            if level == 1:
                continue
            while open_ and open_[-1][0] >= level:
                open_.pop()
            open_.append((level, text))
        return [text for _, text in open_]


@dataclass(frozen=True, slots=True)
class Model:
    operations: tuple[Operation, ...]
    types: tuple[TypeDef, ...]
    pages: tuple[Page, ...]
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    # The doc roots, relative to the doc set's base (posix, "." the base itself): page
    # paths are relative to the base, the deepest folder holding every root.
    roots: tuple[str, ...] = (".",)
    linked_files: tuple[LinkedFile, ...] = ()
    schema_version: int = SCHEMA_VERSION
    convention: Convention = Convention.GRAPH
    # Endpoints several operations document, by (method, shape); every output lets the
    # first of ``operations`` speak for one (see ``speakers``).
    shared_endpoints: tuple[SharedEndpoint, ...] = ()

    def speakers(self) -> dict[tuple[str, str], tuple[str, ...]]:
        """(method, case-folded path shape) -> the ids of the operations documenting it,
        the one that speaks for it first; only endpoints several operations document."""
        return {(e.method, e.shape): e.operations for e in self.shared_endpoints}
