"""The URL tree of every documented path variant, folded into builder classes.

Each path segment becomes a member of the class for the path so far: a literal is a
property (``.drives``), a parameter a method (``.by_id(d)``), an OData function or
colon path a method taking its parameters.  Identical subtrees (``items/{id}/...``
under ``/me/drive``, ``/drives/{id}`` and ``/sites/{id}/drive``) share one class, which
keeps the generated package small however often the docs repeat a subtree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from generator.model import Operation, PathVariant, Segment, SegmentKind
from generator.sdk.naming import class_name, identifier, unique

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}|<([^<>]*)>")


@dataclass(frozen=True, slots=True)
class Param:
    name: str  # Python parameter name
    default: str | None  # a documented literal value, used as the default


@dataclass(frozen=True, slots=True)
class Step:
    """How one segment is written: a ``str.format`` template over its parameters."""

    key: str  # merges segments that build the same URL shape
    member: str  # Python attribute or method name on the parent class
    template: str  # e.g. "drives", "{0}", "getSchedule(period='{0}')"
    params: tuple[Param, ...]
    safe: str  # characters not percent-encoded in parameter values
    quote_doubling: bool  # OData string literal: ' becomes ''
    text: str = field(default="", compare=False)  # the first segment as documented

    @property
    def is_property(self) -> bool:
        return not self.params


@dataclass
class RouteNode:
    """A mutable tree while building; :func:`fold` turns it into frozen classes."""

    children: dict[str, tuple[Step, RouteNode]] = field(default_factory=dict)
    operations: dict[str, list[tuple[Operation, PathVariant]]] = field(default_factory=dict)
    label: tuple[str, ...] = ()  # literal names on the way here, for class names


def step_for(segment: Segment) -> Step:
    step = _step(segment)
    taken: set[str] = set()
    params = tuple(replace(p, name=unique(p.name, taken)) for p in step.params)
    return replace(step, params=params, text=segment.text)


def _step(segment: Segment) -> Step:
    if segment.kind == SegmentKind.LITERAL:
        text = segment.text
        head, _, last = text.rpartition(".")
        member = f"as_{identifier(last)}" if head and not text.startswith("$") else identifier(text)
        return Step(
            f"lit:{text.lower()}", member, text.replace("{", "{{").replace("}", "}}"), (), "", False
        )
    if segment.kind == SegmentKind.FUNCTION and segment.args:
        parts: list[str] = []
        args: list[Param] = []
        for i, arg in enumerate(segment.args):
            value = f"'{{{i}}}'" if arg.quoted else f"{{{i}}}"
            parts.append(f"{_escape(arg.name)}={value}" if arg.name else value)
            default = arg.value if arg.param is None else None
            args.append(Param(identifier(arg.name or arg.param or "value"), default))
        key = f"fn:{segment.name.lower()}({','.join(a.name for a in segment.args)})"
        template = f"{_escape(segment.name)}({','.join(parts)})"
        member = identifier(segment.name) if segment.name else "by_key"
        return Step(key, member, template, tuple(args), "", True)
    template, found = _templated(segment.text)
    params = tuple(Param(identifier(n, "id"), None) for n in found)
    if segment.kind == SegmentKind.COLON_PATH:
        head = segment.text.split(":", 1)[0]
        member = (
            "by_path" if _PLACEHOLDER.fullmatch(head) or not head else f"{identifier(head)}_path"
        )
        shape = _PLACEHOLDER.sub("{}", segment.text).lower()
        return Step(f"colon:{shape}", member, template, params, "/", False)
    if template == "{0}":
        return Step("param", "by_id", template, params, "", False)
    literal = _PLACEHOLDER.sub(" ", segment.text)
    shape = _PLACEHOLDER.sub("{}", segment.text).lower()
    return Step(f"mixed:{shape}", identifier(literal, "by_value"), template, params, "", False)


def _escape(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def _templated(text: str) -> tuple[str, list[str]]:
    """``root:/{item-path}:`` -> (``root:/{0}:``, [``item-path``])."""
    names: list[str] = []
    out: list[str] = []
    last = 0
    for m in _PLACEHOLDER.finditer(text):
        out.append(_escape(text[last : m.start()]))
        out.append(f"{{{len(names)}}}")
        names.append((m.group(1) or m.group(2) or "").strip())
        last = m.end()
    out.append(_escape(text[last:]))
    return "".join(out), names


def build_tree(
    operations: Sequence[Operation], speakers: Mapping[tuple[str, str], Sequence[str]] | None = None
) -> RouteNode:
    """Every (operation, path variant), in operation id order, into one tree; where
    several operations document a call, the one that speaks for it first (``speakers``:
    ``Model.speakers()``)."""
    root = RouteNode()
    for op in sorted(operations, key=lambda o: o.id):
        for variant in op.paths:
            node = root
            for segment in variant.segments:
                step = step_for(segment)
                entry = node.children.get(step.key)
                if entry is None:
                    label = (*node.label, step.member)
                    entry = node.children[step.key] = (step, RouteNode(label=label))
                node = entry[1]
            node.operations.setdefault(op.method, []).append((op, variant))
    if speakers:
        _speaker_first(root, speakers)
    return root


def speaking_order(
    method: str,
    pairs: Sequence[tuple[Operation, PathVariant]],
    speakers: Mapping[tuple[str, str], Sequence[str]],
) -> list[tuple[Operation, PathVariant]]:
    """``pairs`` with the operation that speaks for their endpoint first, the others in
    the order the model ranks them, else as they were."""

    def rank(pair: tuple[Operation, PathVariant]) -> int:
        order = speakers.get((method, pair[1].shape.casefold()), ())
        return order.index(pair[0].id) if pair[0].id in order else len(order)

    return sorted(pairs, key=rank)


def _speaker_first(node: RouteNode, speakers: Mapping[tuple[str, str], Sequence[str]]) -> None:
    for method, pairs in node.operations.items():
        if len({op.id for op, _ in pairs}) > 1:
            node.operations[method] = speaking_order(method, pairs, speakers)
    for _, child in node.children.values():
        _speaker_first(child, speakers)


@dataclass(frozen=True, slots=True)
class Member:
    step: Step
    target: str  # class name of the child


@dataclass(frozen=True, slots=True)
class NodeClass:
    name: str
    members: tuple[Member, ...]
    operations: tuple[tuple[str, tuple[tuple[Operation, PathVariant], ...]], ...]  # method -> ops
    example_path: str  # one documented path this class stands for


@dataclass(frozen=True, slots=True)
class ClassFile:
    """One generated module of builder classes, imported only when first used."""

    name: str  # Python module name: "_drives", or "_shared_3" for shared subtrees
    classes: tuple[NodeClass, ...]  # children before parents


@dataclass(frozen=True, slots=True)
class Entry:
    """A top-level segment: how the root reaches it and where its class lives."""

    step: Step
    cls: NodeClass
    file: str


@dataclass(frozen=True, slots=True)
class Folded:
    files: tuple[ClassFile, ...]
    entries: tuple[Entry, ...]
    home: dict[str, str]  # class name -> the file that defines it
    root_operations: tuple[tuple[str, tuple[tuple[Operation, PathVariant], ...]], ...]


def fold(root: RouteNode) -> Folded:
    """One class per distinct subtree (same members and operations) across the whole
    tree.  A class used under one top-level segment lives in that segment's file; one
    used under several (``items/{id}`` under drives, me, groups, sites, users) lives in
    a shared file for exactly that set of segments, so nothing is generated twice and
    using ``client.drives`` imports only what drives can reach."""
    ordered: list[NodeClass] = []
    visit = _folder(ordered)
    module_names: set[str] = set()
    members: set[str] = set(RESERVED_MEMBERS)  # the clients' own methods, as on every node
    raw = []
    for key in sorted(root.children):
        step, child = root.children[key]
        name = unique(step.member, members)
        if name != step.member:
            step = replace(step, member=name)
        raw.append((step, visit(child, step.text), unique(f"_{step.member}", module_names)))
    by_name = {c.name: c for c in ordered}
    users: dict[str, set[int]] = {c.name: set() for c in ordered}

    def mark(cls: NodeClass, i: int) -> None:
        if i not in users[cls.name]:
            users[cls.name].add(i)
            for m in cls.members:
                mark(by_name[m.target], i)

    for i, (_, cls, _) in enumerate(raw):
        mark(cls, i)
    shared: dict[frozenset[int], str] = {}
    home: dict[str, str] = {}
    for cls in ordered:
        owners = frozenset(users[cls.name])
        if len(owners) == 1:
            home[cls.name] = raw[next(iter(owners))][2]
        else:
            home[cls.name] = shared.setdefault(owners, f"_shared_{len(shared) + 1}")
    files: dict[str, list[NodeClass]] = {}
    for cls in ordered:
        files.setdefault(home[cls.name], []).append(cls)
    return Folded(
        files=tuple(ClassFile(name, tuple(classes)) for name, classes in sorted(files.items())),
        entries=tuple(Entry(step, cls, home[cls.name]) for step, cls, _ in raw),
        home=home,
        root_operations=_operations(root),
    )


def _operations(
    node: RouteNode,
) -> tuple[tuple[str, tuple[tuple[Operation, PathVariant], ...]], ...]:
    return tuple((m, tuple(node.operations[m])) for m in sorted(node.operations))


def _folder(ordered: list[NodeClass]) -> Callable[[RouteNode, str], NodeClass]:
    """A visit function that folds subtrees into ``ordered`` (children first)."""
    by_signature: dict[tuple[object, ...], NodeClass] = {}
    taken: set[str] = set()

    def visit(node: RouteNode, path: str) -> NodeClass:
        members: list[Member] = []
        used: set[str] = set(RESERVED_MEMBERS)
        for key in sorted(node.children):
            step, child = node.children[key]
            child_class = visit(child, f"{path}/{step.text}")
            name = unique(step.member, used)
            if name != step.member:
                step = replace(step, member=name)
            members.append(Member(step, child_class.name))
        ops = _operations(node)
        signature = (
            tuple((m.step, m.target) for m in members),
            tuple((method, tuple((op.id, _leaf(v)) for op, v in pairs)) for method, pairs in ops),
        )
        found = by_signature.get(signature)
        if found is not None:
            return found
        name = unique(class_name("_".join(node.label[-3:]), "Node"), taken)
        made = NodeClass(name, tuple(members), ops, path)
        by_signature[signature] = made
        ordered.append(made)
        return made

    return visit


def _leaf(variant: PathVariant) -> str:
    """A path's last literal segment: one operation's variants that end in different
    literals (``.../$value``, a property name) may answer differently, so their nodes
    are not folded into one class."""
    last = variant.segments[-1] if variant.segments else None
    return last.name.casefold() if last is not None and last.kind == SegmentKind.LITERAL else ""


RESERVED_MEMBERS = (
    "get", "post", "put", "patch", "delete", "head", "options",
    "path", "request_info", "request", "close", "aclose",
)  # fmt: skip
