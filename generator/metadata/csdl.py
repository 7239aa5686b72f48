"""OData CSDL (EDMX, v4) read into frozen values: the service's own schema.

Parsed with defusedxml, so a document with entity declarations (billion laughs, external
entities) is refused rather than expanded.  Several schemas, namespaces and aliases are
read; every type name is stored fully qualified with the namespace, never the alias
(``graph.user`` -> ``microsoft.graph.user``).  Elements are matched by local name, so
CSDL 4.0 and 4.01 namespaces both read.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

if TYPE_CHECKING:
    from generator.metadata.navigate import Failure, Position


def _empty() -> Mapping[str, Any]:
    return MappingProxyType({})


V = TypeVar("V")


class MetadataError(Exception):
    """The file cannot be read as CSDL; the message names the file (and line)."""


@dataclass(frozen=True, slots=True)
class TypeRef:
    """``Collection(graph.user)`` as (``microsoft.graph.user``, collection)."""

    name: str
    collection: bool = False

    def __str__(self) -> str:
        return f"Collection({self.name})" if self.collection else self.name


@dataclass(frozen=True, slots=True)
class Property:
    name: str
    type: TypeRef
    nullable: bool = True
    navigation: bool = False
    contains_target: bool = False


@dataclass(frozen=True, slots=True)
class StructuredType:
    """An entity, complex or enum type; ``properties`` are its own, not inherited."""

    name: str  # fully qualified
    kind: str  # "entity", "complex" or "enum"
    base: str | None = None
    abstract: bool = False
    open_type: bool = False
    has_stream: bool = False
    properties: tuple[Property, ...] = ()
    members: tuple[str, ...] = ()
    key: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    type: TypeRef
    nullable: bool = True


@dataclass(frozen=True, slots=True)
class Operation:
    """A function or action; ``binding`` is the bound type (``None`` when unbound), and
    ``parameters`` leave the binding parameter out."""

    name: str  # fully qualified
    kind: str  # "function" or "action"
    binding: TypeRef | None
    parameters: tuple[Parameter, ...]
    returns: TypeRef | None
    composable: bool = False


@dataclass(frozen=True, slots=True)
class Metadata:
    source: str
    types: Mapping[str, StructuredType]
    operations: tuple[Operation, ...]
    entity_sets: Mapping[str, str] = field(default_factory=_empty)  # name -> type
    singletons: Mapping[str, str] = field(default_factory=_empty)  # name -> type
    imports: Mapping[str, str] = field(default_factory=_empty)  # import -> operation
    # "type/navigation" or "Container/entitySet" -> HTTP methods the service rules out there
    restrictions: Mapping[str, frozenset[str]] = field(default_factory=_empty)
    namespaces: tuple[str, ...] = ()
    container: str = ""  # qualified name of the entity container
    # sha256 of the files' bytes, in order: what a build that follows the service keys on
    digest: str = ""

    # The lookups below, built on first use (:attr:`index`); not a field of the schema.
    _index: MetadataIndex | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def index(self) -> MetadataIndex:
        """Derived types, lineages, properties, bound operations and folded names, indexed
        once for this schema, and the path walks made through it (a memo: the schema
        itself never changes)."""
        index = self._index
        if index is None:
            index = MetadataIndex(self)
            object.__setattr__(self, "_index", index)
        return index

    def lineage(self, name: str) -> Iterator[StructuredType]:
        """The type and its base types, most derived first (cycles cut)."""
        return iter(self.index.lineage(name))

    def all_properties(self, name: str) -> Mapping[str, Property]:
        """Own and inherited properties by name; a derived type's own wins."""
        return self.index.all_properties(name)

    def derived(self, name: str) -> Iterator[StructuredType]:
        """Every type whose lineage includes ``name`` (itself excluded), in schema order."""
        return iter(self.index.derived(name))

    def bound_to(self, type_name: str, collection: bool) -> Iterator[Operation]:
        """Operations bound to ``type_name`` or one of its bases, single or collection."""
        return iter(self.index.bound_to(type_name, collection))


class Folded(Generic[V]):
    """A mapping looked up as :func:`find_folded` does, without a walk over it."""

    def __init__(self, mapping: Mapping[str, V]) -> None:
        self.mapping = mapping
        self.lowered: dict[str, str] = {}
        for key in mapping:
            self.lowered.setdefault(key.lower(), key)

    def find(self, name: str) -> tuple[str, V] | None:
        if name in self.mapping:
            return name, self.mapping[name]
        key = self.lowered.get(name.lower())
        return None if key is None else (key, self.mapping[key])


class MetadataIndex:
    """What the schema's walks ask again and again, answered once per schema
    (:attr:`Metadata.index`): each type's lineage and derived types (in schema order),
    own and inherited properties, the operations bound to a type, its bases or the types
    derived from it (in operation order), names matched without regard to case, and
    the walk of each distinct path (:func:`generator.metadata.navigate.navigate`).

    Lineages and derived types are built in one pass on creation; the rest on first ask
    and kept.  Every answer is the one the plain walk over the schema gives, in the same
    order (tests/metadata/test_index.py)."""

    def __init__(self, metadata: Metadata) -> None:
        self.metadata = metadata
        types = metadata.types
        lineages: dict[str, tuple[StructuredType, ...]] = {}
        derived: dict[str, list[StructuredType]] = {}
        for t in types.values():
            line = tuple(_walk_lineage(types, t.name))
            lineages[t.name] = line
            for base in line:
                if base.name != t.name:
                    derived.setdefault(base.name, []).append(t)
        self._lineages = lineages
        self._derived = {name: tuple(found) for name, found in derived.items()}
        # binding (type, collection) -> [(position, operation)], in operation order
        bound: dict[tuple[str, bool], list[tuple[int, Operation]]] = {}
        unbound: dict[str, Operation] = {}
        overloads: dict[str, list[Operation]] = {}
        for position, op in enumerate(metadata.operations):
            overloads.setdefault(op.name, []).append(op)
            if op.binding is None:
                unbound.setdefault(op.name, op)
            else:
                key = (op.binding.name, op.binding.collection)
                bound.setdefault(key, []).append((position, op))
        self._bound = bound
        self._unbound = unbound
        self._overloads = {name: tuple(ops) for name, ops in overloads.items()}
        self.types = Folded(types)
        self.entity_sets = Folded(metadata.entity_sets)
        self.singletons = Folded(metadata.singletons)
        self.imports = Folded(metadata.imports)
        self._properties: dict[str, Mapping[str, Property]] = {}
        self._folded_properties: dict[str, Folded[Property]] = {}
        self._own: dict[str, Folded[Property]] = {}
        self._bound_to: dict[tuple[str, bool], tuple[Operation, ...]] = {}
        self._bound_derived: dict[tuple[str, bool], tuple[Operation, ...]] = {}
        # navigate's memo: a path's (kind, name, text) per segment -> where its walk ends
        self.walks: dict[tuple[tuple[str, str, str], ...], Position | Failure] = {}

    def lineage(self, name: str) -> tuple[StructuredType, ...]:
        return self._lineages.get(name, ())

    def derived(self, name: str) -> tuple[StructuredType, ...]:
        return self._derived.get(name, ())

    def all_properties(self, name: str) -> Mapping[str, Property]:
        found = self._properties.get(name)
        if found is None:
            merged: dict[str, Property] = {}
            for t in self.lineage(name):
                for p in t.properties:
                    merged.setdefault(p.name, p)
            found = self._properties[name] = MappingProxyType(merged)
        return found

    def property(self, owner: str, name: str) -> tuple[str, Property] | None:
        """An own or inherited property of ``owner``, as :func:`find_folded` finds it in
        :meth:`all_properties`."""
        folded = self._folded_properties.get(owner)
        if folded is None:
            folded = self._folded_properties[owner] = Folded(self.all_properties(owner))
        return folded.find(name)

    def own_property(self, owner: str, name: str) -> tuple[str, Property] | None:
        """A property ``owner`` itself declares (the last of a repeated name)."""
        folded = self._own.get(owner)
        if folded is None:
            t = self.metadata.types.get(owner)
            own = {p.name: p for p in t.properties} if t is not None else {}
            folded = self._own[owner] = Folded(own)
        return folded.find(name)

    def bound_to(self, type_name: str, collection: bool) -> tuple[Operation, ...]:
        key = (type_name, collection)
        found = self._bound_to.get(key)
        if found is None:
            names = [t.name for t in self.lineage(type_name)] or [type_name]
            found = self._bound_to[key] = self._bound_ops(dict.fromkeys(names), collection)
        return found

    def bound_to_derived(self, type_name: str, collection: bool) -> tuple[Operation, ...]:
        """Operations bound to a type derived from ``type_name``, single or collection."""
        key = (type_name, collection)
        found = self._bound_derived.get(key)
        if found is None:
            names = dict.fromkeys(t.name for t in self.derived(type_name))
            found = self._bound_derived[key] = self._bound_ops(names, collection)
        return found

    def _bound_ops(self, names: Iterable[str], collection: bool) -> tuple[Operation, ...]:
        hits = [hit for name in names for hit in self._bound.get((name, collection), ())]
        return tuple(op for _, op in sorted(hits, key=lambda hit: hit[0]))

    def unbound(self, name: str) -> Operation | None:
        """The first unbound operation of this qualified name."""
        return self._unbound.get(name)

    def overloads(self, name: str) -> tuple[Operation, ...]:
        """Every operation of this qualified name, in schema order."""
        return self._overloads.get(name, ())


def _walk_lineage(types: Mapping[str, StructuredType], name: str) -> Iterator[StructuredType]:
    seen: set[str] = set()
    current = types.get(name)
    while current is not None and current.name not in seen:
        seen.add(current.name)
        yield current
        current = types.get(current.base) if current.base else None


def find_folded(mapping: Mapping[str, V], name: str) -> tuple[str, V] | None:
    """``name`` and its value in ``mapping``, the name matched without regard to case as
    the service matches names; None when absent."""
    if name in mapping:
        return name, mapping[name]
    lowered = name.lower()
    return next(((k, v) for k, v in mapping.items() if k.lower() == lowered), None)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _children(element: ET.Element, name: str) -> Iterator[ET.Element]:
    return (c for c in element if _local(c.tag) == name)


def _flag(element: ET.Element, attribute: str, default: bool) -> bool:
    value = element.get(attribute)
    return default if value is None else value.strip().lower() == "true"


class _Names:
    """Qualifies names: aliases replaced by their namespace, ``Collection(...)`` unwrapped."""

    def __init__(self, aliases: Mapping[str, str]) -> None:
        self.aliases = aliases

    def qualify(self, name: str) -> str:
        namespace, _, short = name.strip().rpartition(".")
        return f"{self.aliases.get(namespace, namespace)}.{short}" if namespace else short

    def ref(self, text: str) -> TypeRef:
        text = text.strip()
        if text.startswith("Collection(") and text.endswith(")"):
            return TypeRef(self.qualify(text[len("Collection(") : -1]), True)
        return TypeRef(self.qualify(text))


def read_metadata(path: Path) -> Metadata:
    """Read one CSDL file; :class:`MetadataError` when it is not readable CSDL."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MetadataError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return parse_metadata(data, str(path))


def parse_metadata(data: bytes, source: str) -> Metadata:
    try:
        root = SafeET.fromstring(data)
    except DefusedXmlException as exc:
        raise MetadataError(f"{source}: refused: {type(exc).__name__} ({exc})") from None
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else 1
        raise MetadataError(f"{source}:{line}: not well-formed XML: {exc}") from None
    schemas = [e for e in root.iter() if _local(e.tag) == "Schema"]
    if _local(root.tag) not in ("Edmx", "Schema") or not schemas:
        raise MetadataError(f"{source}: not OData CSDL (no edmx:Edmx with a Schema)")
    aliases = {s.get("Alias", ""): s.get("Namespace", "") for s in schemas if s.get("Alias")}
    names = _Names(aliases)
    types: dict[str, StructuredType] = {}
    operations: list[Operation] = []
    entity_sets: dict[str, str] = {}
    singletons: dict[str, str] = {}
    imports: dict[str, str] = {}
    restrictions: dict[str, frozenset[str]] = {}
    container = ""
    for schema in schemas:
        namespace = schema.get("Namespace", "")
        for element in schema:
            kind = _local(element.tag)
            if kind in ("EntityType", "ComplexType", "EnumType"):
                t = _structured(element, namespace, names)
                types.setdefault(t.name, t)
            elif kind in ("Function", "Action"):
                operations.append(_operation(element, namespace, names))
            elif kind == "EntityContainer":
                container = container or f"{namespace}.{element.get('Name', '')}"
                for e in _children(element, "EntitySet"):
                    entity_sets[e.get("Name", "")] = names.qualify(e.get("EntityType", ""))
                for e in _children(element, "Singleton"):
                    singletons[e.get("Name", "")] = names.qualify(e.get("Type", ""))
                for tag, attribute in (("FunctionImport", "Function"), ("ActionImport", "Action")):
                    for e in _children(element, tag):
                        imports[e.get("Name", "")] = names.qualify(e.get(attribute, ""))
            elif kind == "Annotations":
                ruled_out = _ruled_out(element)
                if ruled_out:
                    target = "/".join(
                        names.qualify(t) for t in element.get("Target", "").split("/")
                    )
                    restrictions[target] = restrictions.get(target, frozenset()) | ruled_out
    return Metadata(
        source=source,
        types=MappingProxyType(types),
        operations=tuple(operations),
        entity_sets=MappingProxyType(entity_sets),
        singletons=MappingProxyType(singletons),
        imports=MappingProxyType(imports),
        restrictions=MappingProxyType(restrictions),
        namespaces=tuple(s.get("Namespace", "") for s in schemas),
        container=container,
        digest=hashlib.sha256(data).hexdigest(),
    )


def _structured(element: ET.Element, namespace: str, names: _Names) -> StructuredType:
    kind = {"EntityType": "entity", "ComplexType": "complex", "EnumType": "enum"}[
        _local(element.tag)
    ]
    base = element.get("BaseType")
    properties = tuple(
        Property(
            name=p.get("Name", ""),
            type=names.ref(p.get("Type", "")),
            nullable=_flag(p, "Nullable", True),
            navigation=_local(p.tag) == "NavigationProperty",
            contains_target=_flag(p, "ContainsTarget", False),
        )
        for p in element
        if _local(p.tag) in ("Property", "NavigationProperty")
    )
    key = tuple(
        r.get("Name", "") for k in _children(element, "Key") for r in _children(k, "PropertyRef")
    )
    return StructuredType(
        name=f"{namespace}.{element.get('Name', '')}",
        kind=kind,
        base=names.qualify(base) if base else None,
        abstract=_flag(element, "Abstract", False),
        open_type=_flag(element, "OpenType", False),
        has_stream=_flag(element, "HasStream", False),
        properties=properties,
        members=tuple(m.get("Name", "") for m in _children(element, "Member")),
        key=key,
    )


def _operation(element: ET.Element, namespace: str, names: _Names) -> Operation:
    bound = _flag(element, "IsBound", False)
    params = [
        Parameter(p.get("Name", ""), names.ref(p.get("Type", "")), _flag(p, "Nullable", True))
        for p in _children(element, "Parameter")
    ]
    binding = params.pop(0).type if bound and params else None
    returns = next((names.ref(r.get("Type", "")) for r in _children(element, "ReturnType")), None)
    return Operation(
        name=f"{namespace}.{element.get('Name', '')}",
        kind="function" if _local(element.tag) == "Function" else "action",
        binding=binding,
        parameters=tuple(params),
        returns=returns,
        composable=_flag(element, "IsComposable", False),
    )


# Capabilities vocabulary: the record property that, when false, rules the method out.
_RESTRICTIONS = {
    "InsertRestrictions": ("Insertable", "POST"),
    "UpdateRestrictions": ("Updatable", "PATCH"),
    "DeleteRestrictions": ("Deletable", "DELETE"),
    "ReadRestrictions": ("Readable", "GET"),
}


def _ruled_out(annotations: ET.Element) -> frozenset[str]:
    """HTTP methods that Capabilities annotations (``Insertable=false``...) rule out."""
    methods: set[str] = set()
    for annotation in _children(annotations, "Annotation"):
        term = annotation.get("Term", "").rpartition(".")[2]
        if term not in _RESTRICTIONS:
            continue
        flag, method = _RESTRICTIONS[term]
        for record in _children(annotation, "Record"):
            for value in _children(record, "PropertyValue"):
                if value.get("Property") == flag and value.get("Bool", "").lower() == "false":
                    methods.add(method)
                    if method == "PATCH":
                        methods.add("PUT")
    return frozenset(methods)


def read_all(paths: Sequence[Path]) -> Metadata | None:
    """Several metadata files as one schema (a type defined twice: the first file's);
    None when there are none."""
    if not paths:
        return None
    parts = [read_metadata(p) for p in paths]
    if len(parts) == 1:
        return parts[0]

    def union(field_of: Callable[[Metadata], Mapping[str, V]]) -> Mapping[str, V]:
        merged: dict[str, V] = {}
        for part in parts:
            for key, value in field_of(part).items():
                merged.setdefault(key, value)
        return MappingProxyType(merged)

    return Metadata(
        source=", ".join(p.source for p in parts),
        types=union(lambda m: m.types),
        operations=tuple(op for p in parts for op in p.operations),
        entity_sets=union(lambda m: m.entity_sets),
        singletons=union(lambda m: m.singletons),
        imports=union(lambda m: m.imports),
        restrictions=union(lambda m: m.restrictions),
        namespaces=tuple(n for p in parts for n in p.namespaces),
        container=next((p.container for p in parts if p.container), ""),
        digest=hashlib.sha256(" ".join(p.digest for p in parts).encode()).hexdigest(),
    )
