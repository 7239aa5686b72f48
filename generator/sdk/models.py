"""The SDK's models: ``Model.types`` as the render contexts of the ``models`` package
(``templates/sdk/models_init.py.jinja``, ``models_module.py.jinja``; the static
``_models_base.py`` and ``_models_lazy.py`` are copied as ``models/_base.py``, ``_lazy.py``).

Everything here is a pure function of the types.  Names come from :mod:`naming` (ASCII
identifiers only); annotations are built only from those names, ``Edm`` primitives and
the runtime names ``models/_base.py`` defines, so no doc text reaches code except through
the escaping filters of :mod:`generator.sdk.filters`.

Decisions the template relies on:

* **Class names** are ``class_name`` of the short name, spelled as the docs write it most
  often (:func:`type_spellings`: ``orgContact``, where the resource block declares
  ``microsoft.graph.orgcontact``).  Types are named in sorted order of
  full name; a type whose name is already taken (by an earlier type, another namespace's
  type of the same short name, or a name of the runtime) gets its namespace's last segment
  as a prefix (``microsoft.graph.session`` -> ``GraphSession`` after
  ``microsoft.graph.callRecords.session`` took ``Session``), then a number.
* **Classes** come in an order where every base class precedes its subclasses.  A base
  that is not in the doc set (``microsoft.graph.entity`` in a partial doc set), or one that
  would close a cycle, is replaced by the runtime base ``GraphModel``; cycles are cut where
  a depth-first walk in sorted order first meets them.
* **Fields**: one per documented property, wire name as the alias.  A property that an
  ancestor already declares (same wire name) is inherited, not declared again.  Python
  names are ``identifier(wire name)`` made unique within the class and its ancestors,
  never a ``BaseModel`` attribute (``model_*``, ``dict``, ``json``, ``copy``, ...), never
  a builtin the annotations use (``str``, ``list``, ...), and never the wire name of another
  field of the class, its ancestors or its descendants (with ``populate_by_name`` such a
  name would fill two fields from one key).  Every field is optional, default ``None``.
  The alias is the base's alias generator (:func:`camel`) of the Python name when that
  gives the wire name (``about_me`` -> ``aboutMe``), else declared (``_wire("@odata.x")``).
* **Types**: ``Edm.String``/``Guid``/``Binary``/``Stream`` -> ``str``; ``Int*``/``Byte`` ->
  ``int``; ``Boolean`` -> ``bool``; ``Double``/``Single``/``Decimal`` -> ``Float``
  (a ``float`` that keeps JSON integers as ``int``); ``DateTimeOffset``/``Date``/
  ``TimeOfDay``/``Duration`` -> ``DateTime``/``Date``/``Time``/``Duration`` (a value of the
  ``datetime`` type, or the text as received when it does not parse; written back exactly as
  read); complex types of the doc set -> their class, named through the package
  (``models.IdentitySet``, see *Modules*); enum types -> ``OpenEnum[Cls]``
  (``Cls | str``: values the docs do not list stay strings); anything else -> ``Any``;
  collections -> ``list[...]``.  ``microsoft.graph.Json`` (any JSON value, a page of its
  own in the docs) and ``Edm.Untyped`` -> ``Any``.
* **Tolerance**: the runtime base validates strictly, unless the validation context is
  ``{"tolerant": True}`` (the client's default for responses): then each top-level
  property that fails keeps its JSON value and is listed in ``model_invalid``.  The
  base's attributes (``model_invalid``, ``_invalid``) cannot clash with a field: fields
  never start with ``model_`` or ``_``.
* **Enums** are ``StrEnum`` classes.  The member's wire value is its documented *name*
  (``"none"``), which is what JSON carries; the table's numeric value column, when there
  is one, is the underlying integer of the CSDL and only goes into the member's comment.
* **Modules**: one per enum, model class and request model, named ``identifier(class
  name)`` (unique; the static modules start with ``_``), importing only its base class,
  its enums and the runtime names it uses.  An annotation names another model as
  ``models.X``: the package for type checkers (``from .. import models`` under
  ``TYPE_CHECKING``), at run time ``models/_base.py``'s ``REFS``, whose attributes are lazy
  references (a class is imported when a value needs it; a value whose ``@odata.type``
  names a derived class is read as that class).  So no annotation needs another module at
  import time, cycles included, and a field may not be called ``models``.  The package's
  ``__init__`` lists every name with its module (PEP 562 ``__getattr__``/``__dir__``,
  at run time only) and ``MODELS``, the registry by full type name.
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator import faults
from generator.model import Operation, TypeDef, TypeKind, TypeRef
from generator.render.options import DEFAULT_PACKAGE
from generator.render.templating import static_source
from generator.sdk import naming
from generator.sdk.render import TEMPLATES, environment, natural
from generator.sdk.requests import (
    REFERENCE_KEY,
    BodyUse,
    action_name,
    parameters,
    request_uses,
)

INIT_TEMPLATE = "models_init.py.jinja"
MODULE_TEMPLATE = "models_module.py.jinja"
BASE_MODULE = "_base"  # templates/sdk/_models_base.py, copied as it is
LAZY_MODULE = "_lazy"  # templates/sdk/_models_lazy.py, copied as it is
STATIC_MODULES = {BASE_MODULE: "_models_base.py", LAZY_MODULE: "_models_lazy.py"}
MODELS_PREFIX = "models."  # how an annotation names a model class

RUNTIME_BASE = "GraphModel"
"""The class every model derives from; holds the shared ``model_config``."""

# Names the template defines or imports at module level: no model or enum may take them.
RUNTIME_NAMES = frozenset(
    {
        RUNTIME_BASE,
        "Annotated",
        "Any",
        "BaseModel",
        "ConfigDict",
        "Date",
        "DateTime",
        "Duration",
        "Enum",
        "Field",
        "Final",
        "Float",
        "MODELS",
        "Mapping",
        "MappingProxyType",
        "ModelWrapValidatorHandler",
        "OpenEnum",
        "PlainSerializer",
        "PlainValidator",
        "PrivateAttr",
        "Self",
        "Strict",
        "StrEnum",
        "SupportsIndex",
        "Time",
        "TypeVar",
        "ValidationError",
        "ValidationInfo",
    }
)

# Attributes of pydantic's BaseModel (v2, with the deprecated v1 names) and names the brief
# reserves; a field may not shadow them.  Any ``model_*`` name is avoided as well, since
# pydantic keeps that prefix for itself.
BASEMODEL_ATTRIBUTES = frozenset(
    {
        "construct",
        "copy",
        "dict",
        "fields",
        "from_orm",
        "json",
        "parse_file",
        "parse_obj",
        "parse_raw",
        "schema",
        "schema_json",
        "update_forward_refs",
        "validate",
    }
)
# Lower-case names the annotations use: a field of that name would shadow them (``models``
# is the package, through which an annotation names another model: ``models.Drive``).
ANNOTATION_BUILTINS = frozenset({"str", "int", "bool", "float", "list", "models"})

PRIMITIVES: Mapping[str, str] = {
    "Edm.String": "str",
    "Edm.Guid": "str",
    "Edm.Binary": "str",
    "Edm.Stream": "str",
    "Edm.Int16": "int",
    "Edm.Int32": "int",
    "Edm.Int64": "int",
    "Edm.Byte": "int",
    "Edm.SByte": "int",
    "Edm.Boolean": "bool",
    "Edm.Double": "Float",
    "Edm.Single": "Float",
    "Edm.Decimal": "Float",
    "Edm.DateTimeOffset": "DateTime",
    "Edm.Date": "Date",
    "Edm.TimeOfDay": "Time",
    "Edm.Duration": "Duration",
}

# Types whose values are any JSON (the Excel APIs' ``Json``: a scalar, array or object).
ANY_JSON_TYPES = frozenset({"microsoft.graph.json", "edm.untyped"})

DOC_LIMIT = 400  # characters of a summary before it is cut
COMMENT_WIDTH = 88  # of a field's or member's comment text


# --- the context ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldContext:
    name: str  # Python attribute
    alias: str  # wire name, as the docs write it
    annotation: str  # e.g. "list[models.IdentitySet] | None"
    doc_lines: tuple[str, ...]  # summary of the description, wrapped; raw text
    read_only: bool

    @property
    def derived(self) -> bool:
        """The runtime's alias generator gives the wire name: no ``_wire(...)`` needed."""
        return camel(self.name) == self.alias


@dataclass(frozen=True, slots=True)
class ClassContext:
    name: str
    full_name: str  # microsoft.graph.listItemVersion
    base: str  # a model class, or RUNTIME_BASE
    doc: str  # raw text
    fields: tuple[FieldContext, ...]

    @property
    def docstring(self) -> str:
        return _docstring(self.doc, self.full_name, "type")


@dataclass(frozen=True, slots=True)
class EnumMemberContext:
    name: str  # Python member name, upper case
    value: str  # wire value
    doc_lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EnumContext:
    name: str
    full_name: str
    doc: str
    members: tuple[EnumMemberContext, ...]

    @property
    def docstring(self) -> str:
        return _docstring(self.doc, self.full_name, "enumeration")


@dataclass(frozen=True, slots=True)
class RequestFieldContext:
    name: str  # Python attribute
    alias: str  # wire name
    annotation: str  # without ``| None``
    doc_lines: tuple[str, ...]
    required: bool  # the docs say so: no default

    @property
    def derived(self) -> bool:
        return camel(self.name) == self.alias


@dataclass(frozen=True, slots=True)
class RequestContext:
    """A request model: an action's parameters (or the ``$ref`` reference body)."""

    name: str
    doc: str  # raw text
    fields: tuple[RequestFieldContext, ...]


@dataclass(frozen=True, slots=True)
class ModelsContext:
    runtime_base: str
    enums: tuple[EnumContext, ...]
    classes: tuple[ClassContext, ...]  # bases first
    requests: tuple[RequestContext, ...] = ()  # by name

    @property
    def registry(self) -> tuple[tuple[str, str], ...]:
        """(full type name, class name) of every model class, sorted by full name."""
        return tuple(sorted((c.full_name, c.name) for c in self.classes))


# --- names ------------------------------------------------------------------------------------


def camel(name: str) -> str:
    """``about_me`` -> ``aboutMe``: the template's ``_camel``, the models' alias generator."""
    head, *rest = name.split("_")
    return head + "".join(word[:1].upper() + word[1:] for word in rest)


def model_names(types: Sequence[TypeDef], operations: Sequence[Operation] = ()) -> dict[str, str]:
    """Full type name -> Python class name, unique and deterministic (see module doc)."""
    taken = set(RUNTIME_NAMES)
    names: dict[str, str] = {}
    spelled = type_spellings(types, operations)
    for t in sorted(_usable(types), key=lambda t: t.full_name):
        name = naming.class_name(spelled.get(t.full_name, t.name))
        if name in taken:
            prefix = t.namespace.rpartition(".")[2]
            name = naming.class_name(f"{prefix} {t.name}") if prefix else name
        names[t.full_name] = naming.unique(name, taken)
    return names


_NAME_TOKEN = re.compile(r"[A-Za-z_][\w.]*")


def type_spellings(
    types: Sequence[TypeDef], operations: Sequence[Operation] = ()
) -> dict[str, str]:
    """Full type name -> how the docs spell its name: the spelling written most often
    where the docs name the type (its own declaration, the type of a property, what a
    call answers with); ties go to the declaration, then to sort order.  A resource
    block that declares ``microsoft.graph.orgcontact`` on a page every other page calls
    ``orgContact`` gives ``OrgContact``, not ``Orgcontact``."""
    by_full = {t.full_name.casefold(): t for t in types}
    counts: dict[str, Counter[str]] = {}
    for t in types:
        counts.setdefault(t.full_name, Counter())[t.name] += 1

    def named(ref: TypeRef | None) -> None:
        t = by_full.get(ref.name.casefold()) if ref is not None else None
        if ref is None or t is None:
            return
        for token in _NAME_TOKEN.findall(ref.raw):
            word = token.rpartition(".")[2]
            if word.casefold() == t.name.casefold():
                counts[t.full_name][word] += 1
                return

    for t in types:
        for p in t.properties:
            named(p.type)
    for op in operations:
        for variant in op.paths:
            named(variant.result.type if variant.result is not None else None)
    spelled: dict[str, str] = {}
    for full, found in counts.items():
        declared = by_full[full.casefold()].name
        spelled[full] = min(found, key=lambda w: (-found[w], w != declared, w))
    return spelled


def _usable(types: Iterable[TypeDef]) -> list[TypeDef]:
    """The types that become classes: complex and enum types, first definition of a name."""
    seen: set[str] = set()
    out: list[TypeDef] = []
    for t in types:
        if t.kind in (TypeKind.COMPLEX, TypeKind.ENUM) and t.name and t.full_name not in seen:
            seen.add(t.full_name)
            out.append(t)
    return out


class _Finder:
    """Full name -> type, exactly, else ignoring case (the docs are not consistent)."""

    def __init__(self, types: Sequence[TypeDef]) -> None:
        self.exact = {t.full_name: t for t in types}
        folded: dict[str, list[TypeDef]] = defaultdict(list)
        for t in types:
            folded[t.full_name.lower()].append(t)
        self.folded = {k: v[0] for k, v in folded.items() if len(v) == 1}

    def find(self, name: str | None) -> TypeDef | None:
        if not name:
            return None
        name = name.strip().lstrip("#")
        return self.exact.get(name) or self.folded.get(name.lower())


# --- type mapping -----------------------------------------------------------------------------


def annotation(ref: TypeRef, names: Mapping[str, str], kinds: Mapping[str, TypeKind]) -> str:
    """The Python annotation of a property of type ``ref``, without ``| None``.

    ``names`` maps full type names to class names, ``kinds`` full names to their kind."""
    inner = _scalar(ref, names, kinds)
    return f"list[{inner}]" if ref.is_collection else inner


def _scalar(ref: TypeRef, names: Mapping[str, str], kinds: Mapping[str, TypeKind]) -> str:
    if ref.kind == TypeKind.PRIMITIVE:
        return PRIMITIVES.get(ref.name, "Any")
    if ref.name.lower() in ANY_JSON_TYPES:
        return "Any"
    name = names.get(ref.name)
    if name is None:
        return "Any"
    if kinds.get(ref.name) == TypeKind.ENUM:
        return f"OpenEnum[{name}]"
    return f"{MODELS_PREFIX}{name}"


# --- text -------------------------------------------------------------------------------------

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"\*\*|__")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9`\"'(])")


def summary(text: str, limit: int = DOC_LIMIT) -> str:
    """The first sentence or so of a description, as plain text on one line."""
    text = " ".join(_EMPHASIS.sub("", _LINK.sub(r"\1", text)).split())
    if not text:
        return ""
    sentences = _SENTENCE_END.split(text)
    out = sentences[0]
    for sentence in sentences[1:]:
        if len(out) >= 60:
            break
        out = f"{out} {sentence}"
    if len(out) > limit:
        out = out[: limit - 1].rsplit(" ", 1)[0] + "\u2026"
    return out


def _fallback(full_name: str, kind: str) -> str:
    return f"The {full_name} {kind}."


def _docstring(doc: str, full_name: str, kind: str) -> str:
    """The summary, then the full type name unless the summary is the one that says it."""
    return doc if doc == _fallback(full_name, kind) else f"{doc}\n\n{full_name}"


def _lines(text: str) -> tuple[str, ...]:
    return tuple(textwrap.wrap(text, COMMENT_WIDTH, break_long_words=False)) if text else ()


# --- the context builder ----------------------------------------------------------------------


def models_context(types: Sequence[TypeDef], operations: Sequence[Operation] = ()) -> ModelsContext:
    """The render context for ``models.py``: enums, then classes with bases first, then
    the request models of ``operations`` (:mod:`generator.sdk.requests`)."""
    usable = _usable(types)
    names = model_names(usable, operations)
    kinds = {t.full_name: t.kind for t in usable}
    finder = _Finder(usable)
    complexes = sorted((t for t in usable if t.kind == TypeKind.COMPLEX), key=lambda t: t.full_name)
    bases = _bases(complexes, finder)
    order = _base_first(complexes, bases)

    children: dict[str, list[str]] = defaultdict(list)
    for full, base in bases.items():
        if base is not None:
            children[base].append(full)
    by_full = {t.full_name: t for t in complexes}

    def family_wire_names(full: str) -> set[str]:
        """Wire names of the type, its ancestors and its descendants."""
        out: set[str] = set()
        node: str | None = full
        while node is not None:
            out.update(p.name for p in by_full[node].properties)
            node = bases[node]
        stack = list(children[full])
        while stack:
            node = stack.pop()
            out.update(p.name for p in by_full[node].properties)
            stack.extend(children[node])
        return out

    inherited: dict[str, dict[str, str]] = {}  # full name -> wire name -> python name
    classes: list[ClassContext] = []
    for t in order:
        base = bases[t.full_name]
        known = dict(inherited[base]) if base is not None else {}
        inherited[t.full_name] = known  # filled below; set first, for subclasses, should it fail
        with faults.item(t):
            taken = set(known.values())
            wire_names = family_wire_names(t.full_name)
            fields: list[FieldContext] = []
            for prop in t.properties:
                if not prop.name or prop.name in known:
                    continue
                forbidden = taken | (wire_names - {prop.name})
                python = _field_name(prop.name, forbidden)
                taken.add(python)
                known[prop.name] = python
                ann = annotation(prop.type, names, kinds)
                fields.append(
                    FieldContext(
                        name=python,
                        alias=prop.name,
                        annotation=f"{ann} | None",
                        doc_lines=_lines(summary(prop.description)),
                        read_only=prop.read_only,
                    )
                )
            classes.append(
                ClassContext(
                    name=names[t.full_name],
                    full_name=t.full_name,
                    base=names[base] if base is not None else RUNTIME_BASE,
                    doc=summary(t.description) or _fallback(t.full_name, "type"),
                    fields=tuple(fields),
                )
            )

    enums: list[EnumContext] = []
    for t in sorted(usable, key=lambda t: t.full_name):
        if t.kind == TypeKind.ENUM:
            with faults.item(t):
                enums.append(_enum(t, names[t.full_name]))
    requests = tuple(_request(use, names, kinds) for use in request_uses(operations, names))
    return ModelsContext(RUNTIME_BASE, tuple(enums), tuple(classes), requests)


def _request(
    use: BodyUse, names: Mapping[str, str], kinds: Mapping[str, TypeKind]
) -> RequestContext:
    """A request model's fields: one per parameter, required where the docs say so."""
    if use.key == REFERENCE_KEY:
        url = ("The URL of the object.",)
        field = RequestFieldContext("odata_id", "@odata.id", "str", url, True)
        doc = "A reference to an object, as a ``$ref`` call takes it: its URL in ``@odata.id``."
        return RequestContext(use.name, doc, (field,))
    body = use.variant.body
    assert body is not None
    taken: set[str] = set()
    wire = {p.name.strip() for p in parameters(body)}
    fields: list[RequestFieldContext] = []
    for p in parameters(body):
        alias = p.name.strip()
        python = _field_name(alias, taken | (wire - {alias}))
        taken.add(python)
        ann = annotation(p.type, names, kinds) if p.type is not None else "Any"
        lines = _lines(summary(p.description))
        fields.append(RequestFieldContext(python, alias, ann, lines, p.required is True))
    action = action_name(use.operation, use.variant)
    doc = f"The parameters of {action}, as {use.operation.source.file} documents them."
    return RequestContext(use.name, doc, tuple(fields))


def _field_name(wire: str, forbidden: set[str]) -> str:
    """``identifier(wire)``; ``name_`` when pydantic or the annotations own the name;
    then ``name_2``, ``name_3``... while it is in ``forbidden``."""
    name = naming.identifier(wire)
    if name.startswith("model_") or name in BASEMODEL_ATTRIBUTES | ANNOTATION_BUILTINS:
        name = f"{name}_"
    stem = name if name.endswith("_") else f"{name}_"
    candidate, n = name, 1
    while candidate in forbidden:
        n += 1
        candidate = f"{stem}{n}"
    return candidate


def _enum(t: TypeDef, name: str) -> EnumContext:
    taken: set[str] = set()
    values: set[str] = set()
    members: list[EnumMemberContext] = []
    for m in t.members:
        if not m.name or m.name in values:
            continue
        values.add(m.name)
        doc = summary(m.description)
        if m.value is not None and m.value != m.name:
            doc = f"{doc} (value {m.value})" if doc else f"Value {m.value}."
        member = naming.unique(naming.identifier(m.name).upper(), taken)
        members.append(EnumMemberContext(member, m.name, _lines(doc)))
    return EnumContext(
        name=name,
        full_name=t.full_name,
        doc=summary(t.description) or _fallback(t.full_name, "enumeration"),
        members=tuple(members),
    )


def _bases(types: Sequence[TypeDef], finder: _Finder) -> dict[str, str | None]:
    """Full name -> full name of its base among ``types`` (None: the runtime base), with
    every cycle cut where a walk in sorted order first closes it."""
    complex_names = {t.full_name for t in types}
    raw: dict[str, str | None] = {}
    for t in types:
        found = finder.find(t.base)
        raw[t.full_name] = (
            found.full_name if found is not None and found.full_name in complex_names else None
        )
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    result: dict[str, str | None] = {}
    for start in sorted(raw):
        path: list[str] = []
        node: str | None = start
        while node is not None and node not in state:
            state[node] = 1
            path.append(node)
            node = raw[node]
        for i, full in enumerate(path):
            base = raw[full]
            closes_cycle = base is not None and state.get(base) == 1 and base in path[: i + 1]
            result[full] = None if closes_cycle else base
        for full in path:
            state[full] = 2
    return result


def _base_first(types: Sequence[TypeDef], bases: Mapping[str, str | None]) -> list[TypeDef]:
    """``types`` in sorted order, except that every base comes before its subclasses."""
    by_full = {t.full_name: t for t in types}
    done: set[str] = set()
    order: list[TypeDef] = []
    for t in types:
        chain: list[str] = []
        node: str | None = t.full_name
        while node is not None and node not in done:
            chain.append(node)
            node = bases[node]
        for full in reversed(chain):
            done.add(full)
            order.append(by_full[full])
    return order


# --- the package: one module per class -------------------------------------------------------

# The names models/_base.py offers to the model modules and, through the package, to users.
BASE_EXPORTS = frozenset(
    {RUNTIME_BASE, "Date", "DateTime", "Duration", "Float", "OpenEnum", "Time"}
)
_TOKEN = re.compile(r"models\.[A-Za-z_]\w*|[A-Za-z_]\w*")


@dataclass(frozen=True, slots=True)
class ModuleContext:
    """One module of the models package, holding one enum, model class or request model,
    and the imports it needs (each ``(module, names)`` in the order ruff's isort wants)."""

    name: str  # the module's name: models/<name>.py
    runtime_base: str
    future: bool  # ``from __future__ import annotations``
    stdlib: tuple[tuple[str, tuple[str, ...]], ...]  # ("typing", ("TYPE_CHECKING", "Any"))
    pydantic: tuple[str, ...]  # names from pydantic
    imports: tuple[tuple[str, tuple[str, ...]], ...]  # ("._base", (...)), (".user", ("User",))
    refers: bool  # an annotation names a model: ``models`` is bound
    enum: EnumContext | None = None
    cls: ClassContext | None = None
    request: RequestContext | None = None


@dataclass(frozen=True, slots=True)
class PackageContext:
    """``models/__init__.py``: every name the package offers and where it lives."""

    package: str  # the SDK's import name
    names: tuple[tuple[str, str], ...]  # (name, module), sorted by name
    imports: tuple[tuple[str, str], ...]  # (name, module), in the order ruff's isort wants
    registry: tuple[tuple[str, str], ...]  # (full type name, class name), sorted


def module_names(ctx: ModelsContext) -> dict[str, str]:
    """Class name -> module name (snake_case, unique; never one of the static modules,
    which start with ``_``), for every enum, model class and request model."""
    taken: set[str] = set()
    found: dict[str, str] = {}
    everything = [e.name for e in ctx.enums] + [c.name for c in ctx.classes]
    for name in sorted(everything + [r.name for r in ctx.requests]):
        found[name] = naming.unique(naming.identifier(name), taken)
    return found


def _member_order(name: str) -> tuple[int, list[int | str]]:
    """ruff's isort order of the names of one import: constants, classes, the rest."""
    kind = 0 if len(name) > 1 and name.isupper() else 1 if name[:1].isupper() else 2
    return kind, natural(name)


def _imports(found: Mapping[str, set[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``(module, names)`` pairs sorted as ruff's isort sorts them."""
    order = sorted(found, key=lambda module: natural(module.lstrip(".")))
    return tuple((m, tuple(sorted(found[m], key=_member_order))) for m in order)


def _uses(annotations: Sequence[str], enums: Mapping[str, str]) -> tuple[set[str], set[str], bool]:
    """(names from ``_base``, enum classes, whether a model is named) that ``annotations``
    use; they are built only from those names, builtins and ``Any`` (see annotation)."""
    base: set[str] = set()
    used_enums: set[str] = set()
    refers = False
    for text in annotations:
        for token in _TOKEN.findall(text):
            if token.startswith(MODELS_PREFIX):
                refers = True
            elif token in BASE_EXPORTS:
                base.add(token)
            elif token in enums:
                used_enums.add(token)
    return base, used_enums, refers


def _module(
    name: str,
    item: EnumContext | ClassContext | RequestContext,
    modules: Mapping[str, str],
    enums: Mapping[str, str],
) -> ModuleContext:
    if isinstance(item, EnumContext):
        return ModuleContext(
            name, RUNTIME_BASE, False, (("enum", ("StrEnum",)),), (), (), False, enum=item
        )
    annotations = [f.annotation for f in item.fields]
    base, used_enums, refers = _uses(annotations, enums)
    if isinstance(item, ClassContext):
        wire = any(not f.derived for f in item.fields)  # ``= _wire("...")``
    else:  # a required field declares its aliases with Field(...)
        wire = any(not f.derived and not f.required for f in item.fields)
    found: dict[str, set[str]] = defaultdict(set)
    for enum in used_enums:
        found[f".{modules[enum]}"].add(enum)
    parent = item.base if isinstance(item, ClassContext) else RUNTIME_BASE
    if parent == RUNTIME_BASE:
        base.add(RUNTIME_BASE)
    else:
        found[f".{modules[parent]}"].add(parent)
    if wire:
        base.add("_wire")
    if base:
        found[f".{BASE_MODULE}"] = base
    typing = ["TYPE_CHECKING"] if refers else []
    typing += ["Any"] if any("Any" in _TOKEN.findall(a) for a in annotations) else []
    pydantic: tuple[str, ...] = ()
    if isinstance(item, RequestContext) and any(f.required and not f.derived for f in item.fields):
        pydantic = ("Field",)
    return ModuleContext(
        name,
        RUNTIME_BASE,
        True,
        (("typing", tuple(typing)),) if typing else (),
        pydantic,
        _imports(found),
        refers,
        cls=item if isinstance(item, ClassContext) else None,
        request=item if isinstance(item, RequestContext) else None,
    )


def package_context(ctx: ModelsContext, package: str) -> tuple[PackageContext, list[ModuleContext]]:
    """The package's ``__init__`` and its modules, one per enum, model class and request
    model, from the context of the whole set (:func:`models_context`)."""
    modules = module_names(ctx)
    enums = {e.name: modules[e.name] for e in ctx.enums}
    items: list[EnumContext | ClassContext | RequestContext] = [*ctx.enums, *ctx.classes]
    items += ctx.requests
    contexts = [_module(modules[i.name], i, modules, enums) for i in items]
    contexts.sort(key=lambda m: m.name)
    names = {**{n: BASE_MODULE for n in BASE_EXPORTS}, **{i.name: modules[i.name] for i in items}}
    imports = tuple(
        sorted(names.items(), key=lambda pair: (natural(pair[1]), _member_order(pair[0])))
    )
    init = PackageContext(package, tuple(sorted(names.items())), imports, ctx.registry)
    return init, contexts


# --- rendering --------------------------------------------------------------------------------


def render_models(
    types: Sequence[TypeDef],
    templates: Path = TEMPLATES,
    override: Path | None = None,
    operations: Sequence[Operation] = (),
    package: str = DEFAULT_PACKAGE,
) -> dict[str, str]:
    """The ``models`` package of the generated SDK: file name (``__init__.py``,
    ``_base.py``, ``user.py``, ...) -> text as rendered (not yet formatted).
    ``override`` is the ``--templates DIR`` (see generator.render.templating);
    ``operations`` give the request models; ``package`` is the SDK's import name."""
    env = environment(templates, override)
    init, modules = package_context(models_context(types, operations), package)
    files = {"__init__.py": env.get_template(INIT_TEMPLATE).render(ctx=init)}
    for module, template in STATIC_MODULES.items():
        files[f"{module}.py"] = static_source(env, template)
    module_template = env.get_template(MODULE_TEMPLATE)
    for m in modules:
        files[f"{m.name}.py"] = module_template.render(m=m)
    return files
