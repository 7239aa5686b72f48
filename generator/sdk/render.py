"""Render the SDK package from the model: an in-memory plan of path -> text.

Contexts are built here from the model (names already sanitized by ``naming``); the
templates in ``templates/sdk`` hold the layout, the filters all escaping and black's
line breaking (``layout``), so that black finds nothing to change.  Every Python file
goes through black (or the proof that black would change nothing) and is compiled
before it is returned.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment

from generator import faults
from generator.model import (
    Model,
    Operation,
    PathVariant,
    PermissionState,
    TypeDef,
    TypeKind,
    TypeRef,
)
from generator.render import BUILTIN
from generator.render.options import DEFAULT_PACKAGE
from generator.render.templating import static_source, template_environment
from generator.sdk.filters import FILTERS, pystr
from generator.sdk.layout import FILTERS as LAYOUT
from generator.sdk.requests import RequestKey, body_annotation, request_names
from generator.sdk.routes import (
    ClassFile,
    Entry,
    Folded,
    Member,
    NodeClass,
    Step,
    build_tree,
    fold,
)

TEMPLATES = BUILTIN / "sdk"
_PLACEHOLDER = re.compile(r"[{}<>]")  # a path parameter in a segment as documented
BODY_METHODS = ("POST", "PUT", "PATCH")
JSON = "application/json"


@dataclass(frozen=True, slots=True)
class SdkOptions:
    package: str = DEFAULT_PACKAGE
    version: str = "0.1.0"
    templates: Path | None = None  # --templates DIR: DIR/sdk/*.jinja replace the built-in ones


def environment(templates: Path = TEMPLATES, override: Path | None = None) -> Environment:
    """``override``: the ``--templates DIR`` whose ``sdk/`` files replace built-in ones."""
    return template_environment(templates, override, {**FILTERS, **LAYOUT})


# --- contexts ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MemberContext:
    step: Step
    target: str
    parameters: tuple[str, ...]  # of the method, after self: ``drive_id: str``
    names: tuple[str, ...]  # the parameters' names, as the call passes them on
    module: str | None  # the file defining ``target`` when it is not this one
    doc: str = ""  # the method's docstring (doc text: through ``pydoc``)


@dataclass(frozen=True, slots=True)
class OperationContext:
    """One descriptor declaration: ``get: PageOp[models.Item] = PageOp(summary, docs, ...)``.
    The method is the attribute's name and the response model the annotation's first
    argument (``_node`` reads both), so neither is written twice."""

    name: str  # the HTTP method, lower case
    kind: str  # Op, PageOp, DeltaOp, BodyOp or BodyPageOp: the descriptor class in _node
    declared: str  # its type, e.g. PageOp[models.DriveItemVersion]
    summary: str
    docs: str  # the source page(s)
    permissions: tuple[str, ...]  # "work: Files.Read", ...: _node writes the docstring
    example: str = ""  # one call from the client down: ``client.me.messages.get(top=5)``


@dataclass(frozen=True, slots=True)
class ClassContext:
    name: str
    doc: str
    members: tuple[MemberContext, ...]
    operations: tuple[OperationContext, ...]


@dataclass(frozen=True, slots=True)
class EntryContext:
    """A top-level segment as the root class sees it."""

    member: MemberContext
    alias: str  # the entry class's name in the root module's TYPE_CHECKING imports


def _member(step: Step, target: str, module: str | None = None, doc: str = "") -> MemberContext:
    parameters = tuple(
        f"{p.name}: str = {pystr(p.default)}" if p.default is not None else f"{p.name}: str"
        for p in step.params
    )
    names = tuple(p.name for p in step.params)
    return MemberContext(step, target, parameters, names, module, doc)


def _member_doc(step: Step, parent: str, target: NodeClass, types: Types) -> str:
    """What a path member leads to, from its segment, its parameters' names and what a
    GET there answers with, then the path as documented (``parent``: the path so far, as
    the docs write one that reaches it): ``The User with this user_id: /users/{user-id}.``"""
    path = f"/{parent}/{step.text}" if parent else f"/{step.text}"
    gets = dict(target.operations).get("GET")
    result, collection = _result(gets, types.names) if gets else ("Any", False)
    model = result.removeprefix("models.") if result.startswith("models.") else ""
    what = f"{model} collection" if model and collection else model
    if step.is_property:
        return f"The {what}: {path}." if what else f"The {path} segment."
    params = " and ".join(p.name for p in step.params)
    head = step.text.split("(", 1)[0].split(":", 1)[0]
    named = head if head and _PLACEHOLDER.search(head) is None else ""
    if step.key.startswith("fn:"):  # an OData function, or a key in parentheses
        answer = f", answering with the {what}" if what else ""
        if named:
            return f"The {named} function with this {params}{answer}: {path}."
        return f"The {what or 'entry'} with this {params} (a key in parentheses): {path}."
    if step.key.startswith("colon:"):  # a colon path: root:/{item-path}:
        under = f" under {named}" if named else ""
        return f"The {what or 'item'} at this {params}{under}: {path}."
    if step.template == "{0}":  # a key segment: by_id
        last = parent.rpartition("/")[2]
        of = f"{last} entry" if last and _PLACEHOLDER.search(last) is None else "entry"
        return f"The {what or of} with this {params}: {path}."
    return f"The {step.text} segment with this {params}: {path}."


@dataclass(frozen=True, slots=True)
class Types:
    """What operations need of the types: class names, and properties by folded name
    (a type's own and its base types')."""

    names: dict[str, str]
    properties: dict[str, dict[str, TypeRef]]
    requests: dict[RequestKey, str] = field(default_factory=dict)  # request model names

    @classmethod
    def of(cls, model: Model, names: dict[str, str]) -> Types:
        index: dict[str, TypeDef] = {}
        for t in model.types:
            index.setdefault(t.full_name, t)
        properties: dict[str, dict[str, TypeRef]] = {}
        for name, t in index.items():
            found: dict[str, TypeRef] = {}
            seen: set[str] = set()
            current: TypeDef | None = t
            while current is not None and current.full_name not in seen:
                seen.add(current.full_name)
                for p in current.properties:
                    found.setdefault(p.name.casefold(), p.type)
                current = index.get(current.base) if current.base else None
            properties[name] = found
        return cls(names, properties, request_names(model.operations, names))


def _operation(
    method: str, pairs: Sequence[tuple[Operation, PathVariant]], types: Types, chain: str = ""
) -> OperationContext:
    op = pairs[0][0]
    result, collection = _result(pairs, types.names)
    empty, raw = result == "None", result == "bytes"
    paged = collection and not empty and not raw
    body = _body(pairs, types) if method in BODY_METHODS else None
    if body is not None:
        kind = "BodyPageOp" if paged else "BodyOp"
        declared = f"{kind}[{result}, {body}]"
    elif method == "GET" and not empty and not raw and is_delta(pairs):
        kind, declared = "DeltaOp", f"DeltaOp[{result}]"
    elif paged:
        kind, declared = "PageOp", f"PageOp[{result}]"
    else:
        kind, declared = "Op", f"Op[{result}]"
    return OperationContext(
        name=method.lower(),
        kind=kind,
        declared=declared,
        summary=op.title.rstrip(".") + ".",
        docs=_sources(pairs),
        permissions=_permissions(op) + _also(pairs),
        example=_example(chain, method, kind, body),
    )


def _example(chain: str, method: str, kind: str, body: str | None) -> str:
    """One call, from a client down the builders (``chain``, see :func:`chains`), with
    what the call takes: a body of its type, or a page size for a collection."""
    if body is not None:
        argument = _body_example(body)
    elif kind == "PageOp":
        argument = "top=5"
    else:
        argument = ""
    return f"client{chain}.{method.lower()}({argument})"


def _body_example(annotation: str) -> str:
    """A placeholder body of the annotated type: ``models.X(...)``, a list of them,
    ``b"..."`` for raw content, a mapping for a body the docs leave untyped."""
    if annotation.startswith("models."):
        return f"{annotation}(...)"
    if annotation.startswith("list[") and annotation.endswith("]"):
        return f"[{_body_example(annotation[5:-1])}]"
    if annotation == "bytes":
        return 'b"..."'
    return "{...}"


def chains(folded: Folded) -> dict[str, str]:
    """How a client reaches each builder class: ``.drives.by_id(drive_id).items`` (the
    parameters by name), along the path the class is documented at (its
    ``example_path``: the first path, in the order the tree is folded, that reaches it)."""
    by_name = {c.name: c for f in folded.files for c in f.classes}
    found: dict[str, str] = {}
    stack = [(e.cls, _link(e.step)) for e in reversed(folded.entries)]
    while stack:
        cls, chain = stack.pop()
        if cls.name in found:
            continue
        found[cls.name] = chain
        stack.extend((by_name[m.target], chain + _link(m.step)) for m in reversed(cls.members))
    return found


def _link(step: Step) -> str:
    """A member as a call chain writes it: ``.drive``, ``.by_id(item_id)``; parameters
    with a default are left out (the ones after them named)."""
    if step.is_property:
        return f".{step.member}"
    given: list[str] = []
    skipped = False
    for p in step.params:
        if p.default is not None:
            skipped = True
        else:
            given.append(f"{p.name}={p.name}" if skipped else p.name)
    return f".{step.member}({', '.join(given)})"


def _result(
    pairs: Sequence[tuple[Operation, PathVariant]], names: dict[str, str]
) -> tuple[str, bool]:
    """(what the call returns: ``None``, ``bytes``, ``models.X`` or ``Any``; a collection
    or not), as the reader decided it for its paths (``PathVariant.result``): the first
    path's (the page that speaks for the call), unless it states no type and another
    path of the call does."""
    results = [v.result for _, v in pairs if v.result is not None]
    if not results:
        return "Any", False
    first = results[0]
    if first.type is None and first.media_type in (None, JSON):
        first = next((r for r in results if r.type is not None), first)
    if first.type is None and first.media_type is None:
        return "None", False  # no content: a 204, or no type named and no body shown
    if first.media_type is not None and not _is_json(first.media_type):
        return "bytes", False
    ref = first.type
    if ref is not None and ref.kind == TypeKind.COMPLEX and ref.name in names:
        return f"models.{names[ref.name]}", first.collection
    return "Any", first.collection


def is_delta(pairs: Sequence[tuple[Operation, PathVariant]]) -> bool:
    """A delta query: the reader decided every path is a delta function (``Result.delta``:
    ``/users/delta``, ``delta()``, ``delta(token='...')``, ``microsoft.graph.delta``).
    OData answers it with a collection of changes, paged, whose last page carries
    ``@odata.deltaLink``, whatever the Response section calls the item type."""
    return all(variant.result is not None and variant.result.delta for _, variant in pairs)


def _is_json(media: str) -> bool:
    return media == JSON or media.endswith("+json")


def _body(pairs: Sequence[tuple[Operation, PathVariant]], types: Types) -> str | None:
    """What the call sends, as the reader decided it for its paths (``PathVariant.body``,
    see :mod:`generator.sdk.requests`): the first path's (the page that speaks for the
    call, as for the result and the OpenAPI export), unless the docs do not say what it
    is (``Any``) and another path does; None when it takes no body."""
    found = [body_annotation(op, v, types.names, types.requests) for op, v in pairs]
    first = found[0] if found else None
    if first == "Any":
        return next((a for a in found if a not in (None, "Any")), first)
    return first


_TYPES = {
    "delegated_work": ("work", "Delegated (work or school)"),
    "delegated_personal": ("personal", "Delegated (personal)"),
    "application": ("app", "Application"),
}  # (the short label _node expands, that label), by permission type


_STATES = {
    PermissionState.SCOPES: "none listed",
    PermissionState.NOT_SUPPORTED: "not supported",
    PermissionState.NONE: "none needed",
    PermissionState.NOT_APPLICABLE: "not applicable",
    PermissionState.EMPTY: "not documented",
    PermissionState.TODO: "not documented yet (TODO in the docs)",
}


def _permissions(op: Operation) -> tuple[str, ...]:
    """``label: scopes`` per permission type, least privileged first: what a caller
    needs at the call site (``A + B``: scopes needed together); the long description
    stays in the docs the call links to."""
    if op.permissions is None:
        return ()
    found = []
    for e in (e for t in op.permissions.tables for e in t.entries if e.resource is None):
        scopes = ", ".join(" + ".join(a) for a in e.any_of) if e.scopes else _STATES[e.state]
        short, label = _TYPES.get(e.permission_type, (e.label, e.label))
        found.append(f"{label} ({e.context}): {scopes}" if e.context else f"{short}: {scopes}")
    return tuple(found)


def _sources(pairs: Sequence[tuple[Operation, PathVariant]]) -> str:
    """The page that speaks for the call (the first operation's), then the others."""
    first = pairs[0][0].source.file
    sources = [first, *sorted({o.source.file for o, _ in pairs} - {first})]
    more = f" and {len(sources) - 3} more" if len(sources) > 3 else ""
    return f"{', '.join(sources[:3])}{more}"


def _also(pairs: Sequence[tuple[Operation, PathVariant]]) -> tuple[str, ...]:
    """The other pages that document the call, each with the permissions it states
    (pages that state the same are named together), after the call's own permissions:
    ``Also documented by PAGE: Label: scopes; Label: scopes``."""
    first = pairs[0][0]
    long = dict(_TYPES.values())
    grants: dict[str, list[str]] = {}
    for op in {o.id: o for o, _ in pairs if o.id != first.id}.values():
        rows = "; ".join(
            f"{long.get(short, short)}: {scopes}"
            for short, _, scopes in (e.partition(": ") for e in _permissions(op))
        )
        grants.setdefault(rows or "no permissions documented", []).append(op.source.file)
    return tuple(f"Also documented by {', '.join(pages)}: {rows}" for rows, pages in grants.items())


@dataclass(frozen=True, slots=True)
class Tree:
    """The folded tree as the contexts need it: classes by name, how a client reaches
    each (:func:`chains`)."""

    folded: Folded
    classes: dict[str, NodeClass]
    chains: dict[str, str]

    @classmethod
    def of(cls, folded: Folded) -> Tree:
        classes = {c.name: c for f in folded.files for c in f.classes}
        return cls(folded, classes, chains(folded))


def _class(node: NodeClass, types: Types, tree: Tree) -> ClassContext:
    home = tree.folded.home
    here = home[node.name]

    def member(m: Member) -> MemberContext:
        doc = (
            ""
            if m.step.is_property
            else _member_doc(m.step, node.example_path, tree.classes[m.target], types)
        )
        return _member(m.step, m.target, home[m.target] if home[m.target] != here else None, doc)

    return ClassContext(
        name=node.name,
        doc=f"Builder of /{node.example_path}.",
        members=tuple(member(m) for m in node.members),
        operations=_operations(node.operations, types, tree.chains[node.name]),
    )


def _operations(
    groups: Sequence[tuple[str, Sequence[tuple[Operation, PathVariant]]]],
    types: Types,
    chain: str = "",
) -> tuple[OperationContext, ...]:
    """The calls of a builder (reached by ``chain``); one that fails is reported
    (generator.faults) and left out."""
    found: list[OperationContext] = []
    for method, pairs in groups:
        with faults.item(pairs[0][0]):
            found.append(_operation(method, pairs, types, chain))
    return tuple(found)


def _entry(entry: Entry, types: Types) -> EntryContext:
    alias = f"_{entry.file.lstrip('_')}_{entry.cls.name}"
    doc = _member_doc(entry.step, "", entry.cls, types)
    return EntryContext(_member(entry.step, entry.cls.name, entry.file, doc), alias)


@dataclass(frozen=True, slots=True)
class Uses:
    """Which names a builder module needs, so it imports nothing it does not use."""

    models: bool
    any: bool
    node_names: list[str]  # from _node, besides CoreT and Node


def _uses(operations: Sequence[OperationContext], children: bool = False) -> Uses:
    """``children``: the module declares literal segments (``Child``)."""
    text = " ".join(op.declared for op in operations)
    return Uses(
        models="models." in text,
        any="Any" in text,
        node_names=sorted({op.kind for op in operations} | ({"Child"} if children else set())),
    )


@dataclass(frozen=True, slots=True)
class FileContext:
    name: str
    classes: tuple[ClassContext, ...]
    imports: tuple[tuple[str, tuple[str, ...]], ...]  # (file, classes) for annotations
    uses: Uses


def _file(file: ClassFile, types: Types, tree: Tree) -> FileContext:
    classes = tuple(_class(c, types, tree) for c in file.classes)
    imports: dict[str, set[str]] = {}
    for cls in classes:
        for m in cls.members:
            if m.module is not None:
                imports.setdefault(m.module, set()).add(m.target)
    return FileContext(
        file.name,
        classes,
        tuple((f, tuple(sorted(imports[f], key=natural))) for f in sorted(imports, key=natural)),
        _uses(
            [o for c in classes for o in c.operations],
            any(m.step.is_property for c in classes for m in c.members),
        ),
    )


def natural(text: str) -> list[int | str]:
    """Sort key as isort (ruff) orders imports: ignoring case, numbers by value."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text.lower())]


# --- the plan ----------------------------------------------------------------------------------


def base_url(model: Model) -> str:
    """The host and version most example requests use: the docs' own service root."""
    counts = Counter(
        f"{ex.request.host}/{ex.request.version}"
        for op in model.operations
        for ex in op.examples
        if ex.request is not None and ex.request.host and ex.request.version
    )
    return counts.most_common(1)[0][0] if counts else "http://localhost"


def render_sdk(model: Model, options: SdkOptions, names: dict[str, str]) -> dict[str, str]:
    """Relative path -> file text (not yet formatted) for the builders, the client and the
    pyproject.toml; :func:`finish_all` formats and checks them."""
    env = environment(override=options.templates)
    folded: Folded = fold(build_tree(model.operations, model.speakers(), model.types))
    pkg = options.package
    common = {"package": pkg, "version": options.version}
    plan: dict[str, str] = {
        "pyproject.toml": env.get_template("pyproject.toml.jinja").render(
            distribution=pkg.replace("_", "-"), **common
        ),
        f"{pkg}/py.typed": "",
        f"{pkg}/_node.py": static_source(env, "_node.py"),
        f"{pkg}/__init__.py": env.get_template("package_init.py.jinja").render(
            base_url=base_url(model), example_chain=_example_chain(folded), **common
        ),
    }
    types = Types.of(model, names)
    tree = Tree.of(folded)
    root_ops = list(_operations(folded.root_operations, types))
    entries = [_entry(e, types) for e in folded.entries]
    plan[f"{pkg}/_paths/__init__.py"] = env.get_template("paths_init.py.jinja").render(
        entries=entries,
        imports=sorted(entries, key=lambda e: natural(e.member.module or "")),
        root_operations=root_ops,
        uses=_uses(root_ops),
    )
    file_template = env.get_template("paths_module.py.jinja")
    for file in folded.files:
        plan[f"{pkg}/_paths/{file.name}.py"] = file_template.render(file=_file(file, types, tree))
    return plan


def _example_chain(folded: Folded) -> str:
    """A short call chain for the package docstring: the first entry's first GET."""
    by_name = {c.name: c for f in folded.files for c in f.classes}
    for entry in folded.entries:
        node, chain = entry.cls, [_call_text(entry.step)]
        while not any(m == "GET" for m, _ in node.operations) and node.members:
            chain.append(_call_text(node.members[0].step))
            node = by_name[node.members[0].target]
        if any(m == "GET" for m, _ in node.operations):
            return ".".join(chain) + ".get()"
    return "request('GET', '/')"


def _call_text(step: Step) -> str:
    return step.member if step.is_property else f"{step.member}(...)"
