"""``components.schemas``: one JSON Schema 2020-12 schema per resource type and enum.

Schemas are as lenient as the docs are: objects stay open (the service adds OData
annotations, and open types add properties), a property is nullable unless the docs say
it is not, and ``format`` is an annotation (JSON Schema 2020-12 does not assert it), so
that every documented example the linter does not report validates against its schema.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator import faults
from generator.hashing import digest
from generator.model import Span, TypeDef, TypeKind, TypeRef
from generator.openapi.text import Linker

Schema = dict[str, Any]

REF_PREFIX = "#/components/schemas/"
ODATA_TYPE = "@odata.type"
_COMPONENT_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_FLOAT_WORDS = ["-INF", "INF", "NaN"]  # how OData JSON writes them

# Edm primitive -> JSON Schema; formats from the OpenAPI format registry.
PRIMITIVES: Mapping[str, Schema] = {
    "Edm.String": {"type": "string"},
    "Edm.Guid": {"type": "string", "format": "uuid"},
    "Edm.Binary": {"type": "string", "format": "byte"},
    "Edm.Boolean": {"type": "boolean"},
    "Edm.Byte": {"type": "integer", "format": "uint8"},
    "Edm.SByte": {"type": "integer", "format": "int8"},
    "Edm.Int16": {"type": "integer", "format": "int16"},
    "Edm.Int32": {"type": "integer", "format": "int32"},
    "Edm.Int64": {"type": "integer", "format": "int64"},
    "Edm.Single": {
        "anyOf": [{"type": "number"}, {"type": "string", "enum": _FLOAT_WORDS}],
        "format": "float",
    },
    "Edm.Double": {
        "anyOf": [{"type": "number"}, {"type": "string", "enum": _FLOAT_WORDS}],
        "format": "double",
    },
    # OData may write a decimal as a string (IEEE754Compatible=true)
    "Edm.Decimal": {"type": ["number", "string"], "format": "decimal"},
    "Edm.DateTimeOffset": {"type": "string", "format": "date-time"},
    "Edm.Date": {"type": "string", "format": "date"},
    "Edm.TimeOfDay": {"type": "string", "format": "time"},
    "Edm.Duration": {"type": "string", "format": "duration"},
}
# Any JSON value: a stream property's value is a URL or nothing, Json and Untyped anything.
ANY_JSON = frozenset({"edm.stream", "edm.untyped", "microsoft.graph.json"})


def nullable(schema: Schema) -> Schema:
    """``schema`` that also takes ``null``."""
    if not schema:
        return schema
    if "$ref" in schema:
        rest = {k: v for k, v in schema.items() if k != "$ref"}
        return {**rest, "anyOf": [{"$ref": schema["$ref"]}, {"type": "null"}]}
    if "anyOf" in schema:
        return {**schema, "anyOf": [*schema["anyOf"], {"type": "null"}]}
    kind = schema.get("type")
    if isinstance(kind, str):
        return {**schema, "type": [kind, "null"]}
    if isinstance(kind, list) and "null" not in kind:
        return {**schema, "type": [*kind, "null"]}
    return schema


class Components:
    """The doc set's types by full name (exactly, else ignoring case, as the docs are not
    consistent), their component names, and schemas for references to them."""

    def __init__(self, types: Sequence[TypeDef]) -> None:
        self.types: dict[str, TypeDef] = {}
        for t in types:
            if t.kind in (TypeKind.COMPLEX, TypeKind.ENUM) and t.name:
                self.types.setdefault(t.full_name, t)
        folded: dict[str, list[str]] = defaultdict(list)
        for full in self.types:
            folded[full.casefold()].append(full)
        self.folded = {k: v[0] for k, v in folded.items() if len(v) == 1}
        self.names = _component_names(sorted(self.types))

    def names_only(self) -> Components:
        """These components with each type reduced to its name and kind: what an
        operation's schemas read (references by name), so that an operation's piece of
        the document depends on no type's properties or texts (generator.openapi.pieces)."""
        view = Components(())
        view.types = {full: _name_and_kind(t) for full, t in self.types.items()}
        view.folded, view.names = self.folded, self.names
        return view

    def names_digest(self) -> str:
        """What :meth:`names_only` keeps, as a digest."""
        kinds = [f"{full}\0{t.kind.value}\0{self.names[full]}" for full, t in self.types.items()]
        return digest(*sorted(kinds))

    def find(self, name: str | None) -> TypeDef | None:
        if not name:
            return None
        name = name.strip().lstrip("#")
        full = name if name in self.types else self.folded.get(name.casefold())
        return None if full is None else self.types[full]

    def ref(self, t: TypeDef) -> Schema:
        return {"$ref": REF_PREFIX + self.names[t.full_name]}

    def named(self, name: str | None, collection: bool = False) -> Schema:
        """The schema of a value of the type ``name`` (a full name, ``Edm.*``, or
        ``Collection(...)``); ``{}`` (any value) when the doc set does not define it."""
        name = (name or "").strip().lstrip("#")
        if name.startswith("Collection(") and name.endswith(")"):
            name, collection = name[len("Collection(") : -1], True
        if name in PRIMITIVES:
            inner = dict(PRIMITIVES[name])
        else:
            found = None if name.casefold() in ANY_JSON else self.find(name)
            inner = {} if found is None else self.ref(found)
        return {"type": "array", "items": inner} if collection else inner

    def of(self, ref: TypeRef) -> Schema:
        """The schema of a property, parameter or body of type ``ref``."""
        if ref.kind == TypeKind.PRIMITIVE or ref.kind in (TypeKind.COMPLEX, TypeKind.ENUM):
            return self.named(ref.name, ref.is_collection)
        return {"type": "array", "items": {}} if ref.is_collection else {}


def _name_and_kind(t: TypeDef) -> TypeDef:
    return TypeDef(
        name=t.name,
        namespace=t.namespace,
        kind=t.kind,
        base=None,
        description="",
        properties=(),
        members=(),
        key_property=None,
        open_type=False,
        optional_properties=(),
        json_representation=None,
        source=Span("", 0, 0),
    )


def _component_names(full_names: Iterable[str]) -> dict[str, str]:
    """Full name -> a component key (``^[a-zA-Z0-9.\\-_]+$``), unique, in sorted order."""
    taken: set[str] = set()
    names: dict[str, str] = {}
    for full in full_names:
        base = _COMPONENT_NAME.sub("_", full).strip("_") or "type"
        name, n = base, 2
        while name.casefold() in taken:
            name, n = f"{base}_{n}", n + 1
        taken.add(name.casefold())
        names[full] = name
    return names


def _bases(components: Components) -> dict[str, str | None]:
    """Full name -> full name of its base type in the doc set; a base that would close a
    cycle is left out."""
    raw: dict[str, str | None] = {}
    for full, t in components.types.items():
        base = components.find(t.base) if t.kind == TypeKind.COMPLEX else None
        raw[full] = base.full_name if base is not None and base.kind == TypeKind.COMPLEX else None
    result: dict[str, str | None] = {}
    for full in sorted(raw):
        seen = {full}
        node = raw[full]
        while node is not None and node not in seen:
            seen.add(node)
            node = raw[node]
        result[full] = None if node is not None else raw[full]
    return result


@dataclass(frozen=True, slots=True)
class SchemaInputs:
    """Everything the schema of one type is rendered from, besides the names of the doc
    set's types (:meth:`Components.names_only`) and the linker."""

    type: TypeDef
    base: str | None  # full name of its base in the doc set (none where it would cycle)
    inherited: tuple[str, ...]  # the names of the properties its bases define, sorted
    descendants: tuple[str, ...]  # full names of the types derived from it, sorted


def schema_inputs(components: Components) -> dict[str, SchemaInputs]:
    """Full name -> what its schema reads, for every complex and enum type, sorted."""
    bases = _bases(components)
    children: dict[str, list[str]] = defaultdict(list)
    for full, base in bases.items():
        if base is not None:
            children[base].append(full)
    out: dict[str, SchemaInputs] = {}
    for full in sorted(components.types):
        t = components.types[full]
        if t.kind == TypeKind.ENUM:
            out[full] = SchemaInputs(t, None, (), ())
        else:
            inherited = tuple(sorted(_inherited(full, components, bases)))
            out[full] = SchemaInputs(t, bases[full], inherited, tuple(_descendants(full, children)))
    return out


def type_schema(inputs: SchemaInputs, names: Components, linker: Linker) -> Schema:
    """The schema of one type; ``names``: the doc set's types by name
    (:meth:`Components.names_only`)."""
    if inputs.type.kind == TypeKind.ENUM:
        return _enum(inputs.type, linker)
    return _complex(inputs, names, linker)


def component_schemas(components: Components, linker: Linker) -> dict[str, Schema]:
    """Component name -> schema, for every complex and enum type of the doc set."""
    names = components.names_only()
    out: dict[str, Schema] = {}
    for full, inputs in schema_inputs(components).items():
        with faults.item(inputs.type):
            out[components.names[full]] = type_schema(inputs, names, linker)
    return out


def _descendants(full: str, children: Mapping[str, list[str]]) -> list[str]:
    found: list[str] = []
    stack = list(children.get(full, ()))
    while stack:
        node = stack.pop()
        if node not in found:
            found.append(node)
            stack.extend(children.get(node, ()))
    return sorted(found)


def _inherited(full: str, components: Components, bases: Mapping[str, str | None]) -> set[str]:
    names: set[str] = set()
    node = bases[full]
    while node is not None:
        names.update(p.name for p in components.types[node].properties)
        node = bases[node]
    return names


def _complex(inputs: SchemaInputs, components: Components, linker: Linker) -> Schema:
    t = inputs.type
    inherited = set(inputs.inherited)
    properties: dict[str, Schema] = {}
    for prop in t.properties:
        if not prop.name or prop.name in inherited or prop.name in properties:
            continue
        schema = components.of(prop.type)
        if prop.nullable is not False:
            schema = nullable(schema)
        description = linker.resolve(prop.description, prop.span.file)
        if description:
            schema = {**schema, "description": description}
        if prop.read_only:
            schema = {**schema, "readOnly": True}
        properties[prop.name] = schema
    own: Schema = {"type": "object", "properties": properties}
    if inputs.descendants:
        own["properties"].setdefault(ODATA_TYPE, {"type": "string"})
        mapping = {
            f"#{name}": components.ref(components.types[name])["$ref"]
            for name in [t.full_name, *inputs.descendants]
        }
        own["discriminator"] = {"propertyName": ODATA_TYPE, "mapping": mapping}
    base = inputs.base
    out: Schema = (
        {"allOf": [components.ref(components.types[base]), own]} if base is not None else own
    )
    description = linker.resolve(t.description, t.source.file)
    if description:
        out["description"] = description
    out["x-docs2code-source"] = f"{t.source.file}:{t.source.line}"
    if t.open_type:
        out["x-docs2code-open-type"] = True
    return out


CASE_INSENSITIVE = "x-docs2code-case-insensitive"
COMMA_SEPARATED = "x-docs2code-comma-separated"
LENIENT_ENUM = (
    "The service also reads a member in another case, and several comma-separated "
    "members (a flags enum)."
)


def _enum(t: TypeDef, linker: Linker) -> Schema:
    """A plain ``enum`` of the members' names (what JSON carries), so that generators
    make an enum class of it; descriptions (and the CSDL's numeric values, when the table
    has them) go side by side in ``x-enum-descriptions``.  What the service also reads,
    a member in another case and several comma-separated members of a flags enum, is
    said in the description and in ``x-docs2code-case-insensitive`` and
    ``x-docs2code-comma-separated``: a pattern beside the ``enum`` (an ``anyOf``) would
    make generators give up the enum class."""
    names: list[str] = []
    descriptions: list[str] = []
    for m in t.members:
        if not m.name or m.name in names:
            continue
        names.append(m.name)
        text = linker.resolve(m.description, t.source.file)
        if m.value is not None and m.value != m.name:
            text = f"{text} (value {m.value})" if text else f"Value {m.value}."
        descriptions.append(text)
    schema: Schema = {"type": "string"}
    description = linker.resolve(t.description, t.source.file)
    if names:
        schema["enum"] = names
        schema["x-enum-descriptions"] = descriptions
        schema[CASE_INSENSITIVE] = True
        schema[COMMA_SEPARATED] = True
        description = f"{description}\n\n{LENIENT_ENUM}" if description else LENIENT_ENUM
    if description:
        schema["description"] = description
    schema["x-docs2code-source"] = f"{t.source.file}:{t.source.line}"
    return schema
