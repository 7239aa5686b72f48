"""The URL tree of every documented path variant, folded into builder classes.

Each path segment becomes a member of the class for the path so far: a literal is a
property (``.drives``), a parameter a method (``.by_id(d)``), an OData function or
colon path a method taking its parameters.  Identical subtrees (``items/{id}/...``
under ``/me/drive``, ``/drives/{id}`` and ``/sites/{id}/drive``) share one class, which
keeps the generated package small however often the docs repeat a subtree.

Names come from meaning, never from a counter:

* **One spelling per segment.**  A segment is one member whatever its case
  (``oAuth2Permissiongrants`` and ``oauth2PermissionGrants``); its spelling, for the
  Python name and the URL alike, is the one with the most word boundaries among those
  the resource pages declare for the property or type it names and those the request
  lines write (``calendarGroups`` over 34 request lines' ``calendargroups``; ``openShifts``
  over a relationship table's ``openshifts``): the docs lose capitals, they do not add
  them.  Ties: the spelling declared most often, then written most often, then sort
  order (:class:`Spellings`).
* **One member per call the service reads the same**: a colon path with and without its
  closing colon (``root:/{item-path}`` and ``root:/{item-path}:``), a function with and
  without empty parentheses (``delta``, ``delta()``).
* **Members that would share a name** are told apart by what differs: a function's
  parameters (``image``, ``image_with_width``, ``image_with_width_and_height``; an
  argument without a name, a key in parentheses, ``range_by_address``); a segment named
  like a builder's own method (``get``, ``delete``, ``request``) takes a trailing
  underscore, as :func:`naming.identifier` does for keywords; two spellings that snake
  case alike (``foo_bar``, ``fooBar``) keep their own when that is an identifier.
* **A class** is named by the shortest run of the steps that lead to it, read from the
  right, that no other class has (and that is no name a builder module imports):
  ``Me``, ``DriveItemsById``, ``DrivesByIdItemsById``.
* What still collides is a bug in these rules: :class:`NameCollision`, never a number.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from generator.model import Operation, PathVariant, Segment, SegmentKind, TypeDef
from generator.sdk.naming import class_name, identifier, is_plain_identifier, unique

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}|<([^<>]*)>")


class NameCollision(ValueError):
    """Two members of one builder, or two builder classes, would get the same name
    however the rules read them: a case the naming rules do not cover yet."""


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
    # What tells this member from a sibling of the same name: "with_width_and_height"
    # for a function's named arguments, "by_address" for arguments without a name.
    qualifier: str = ""

    @property
    def is_property(self) -> bool:
        return not self.params


@dataclass
class RouteNode:
    """A mutable tree while building; :func:`fold` turns it into frozen classes."""

    children: dict[str, tuple[Step, RouteNode]] = field(default_factory=dict)
    operations: dict[str, list[tuple[Operation, PathVariant]]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Spellings:
    """One spelling per case-folded word of the URL tree (a literal segment, a function
    name, the type of a cast): of the spellings the doc set's types declare for a
    property or type of that name and those its request lines write, the one with the
    most capitals after its first letter (word boundaries a lower-cased spelling lost);
    ties go to the one declared most often, then written most often, then to sort
    order.  On the v1.0 corpus that is the CSDL's spelling of every segment the CSDL
    names (tests/sdk/test_names_corpus.py).  ``casts``: the case-folded names of the
    doc set's types, which tell a cast (``microsoft.graph.user``) from a
    namespace-qualified action (``microsoft.management.services.api.updatePriorities``);
    empty when unknown (every qualified segment is then read as a cast)."""

    chosen: Mapping[str, str] = field(default_factory=dict)
    casts: frozenset[str] = frozenset()

    def __call__(self, word: str) -> str:
        return self.chosen.get(word.casefold(), word)

    @classmethod
    def of(cls, operations: Iterable[Operation], types: Iterable[TypeDef] = ()) -> Spellings:
        declared: dict[str, Counter[str]] = defaultdict(Counter)
        casts: set[str] = set()
        for t in types:
            casts.add(t.name.casefold())
            for name in (t.name, *(p.name for p in t.properties)):
                name = name.strip()
                if name:
                    declared[name.casefold()][name] += 1
        written: dict[str, Counter[str]] = defaultdict(Counter)
        for op in operations:
            for variant in op.paths:
                for segment in variant.segments:
                    word = _word(segment)
                    if word:
                        written[word.casefold()][word] += 1
        chosen = {key: _richest(declared[key], counts) for key, counts in written.items()}
        return cls(chosen, frozenset(casts))


def _word(segment: Segment) -> str:
    """The name a segment spells: a literal's (a cast's type), a function's."""
    if segment.kind is SegmentKind.LITERAL:
        return segment.text.rpartition(".")[2]
    if segment.kind is SegmentKind.FUNCTION:
        return segment.name.rpartition(".")[2]
    return ""


def _richest(declared: Counter[str], written: Counter[str]) -> str:
    """The spelling with the most word boundaries; ties: declared, written, sorted."""

    def key(word: str) -> tuple[int, int, int, str]:
        capitals = sum(c.isupper() for c in word[1:])
        return (-capitals, -declared[word], -written[word], word)

    return min([*declared, *written], key=key)


_AS_WRITTEN = Spellings()


def step_for(segment: Segment, spell: Spellings = _AS_WRITTEN) -> Step:
    """How ``segment`` is written, its member named with ``spell``'s spellings (the
    key never depends on them)."""
    step = _step(segment, spell)
    taken: set[str] = set()
    params = tuple(replace(p, name=unique(p.name, taken)) for p in step.params)
    return replace(step, params=params, text=step.text or segment.text)


def _respelled(text: str, spell: Spellings) -> str:
    """``text`` with its last dotted part spelled as ``spell`` says."""
    head, dot, last = text.rpartition(".")
    return f"{head}{dot}{spell(last)}"


def _step(segment: Segment, spell: Spellings) -> Step:
    if segment.kind == SegmentKind.LITERAL or (
        segment.kind == SegmentKind.FUNCTION and not segment.args and segment.name
    ):
        return _literal(segment, spell)
    if segment.kind == SegmentKind.FUNCTION and segment.args:
        parts: list[str] = []
        args: list[Param] = []
        for i, arg in enumerate(segment.args):
            value = f"'{{{i}}}'" if arg.quoted else f"{{{i}}}"
            parts.append(f"{_escape(arg.name)}={value}" if arg.name else value)
            default = arg.value if arg.param is None else None
            args.append(Param(identifier(arg.name or arg.param or "value"), default))
        key = f"fn:{segment.name.lower()}({','.join(a.name for a in segment.args)})"
        name = _respelled(segment.name, spell) if segment.name else ""
        template = f"{_escape(name)}({','.join(parts)})"
        member = identifier(name.rpartition(".")[2]) if name else "by_key"
        how = "with" if any(a.name for a in segment.args) else "by"
        qualifier = f"{how}_{'_and_'.join(a.name for a in args)}"
        text = name + segment.text[len(segment.name) :]
        return Step(key, member, template, tuple(args), "", True, text, qualifier)
    template, found = _templated(segment.text)
    params = tuple(Param(identifier(n, "id"), None) for n in found)
    if segment.kind == SegmentKind.COLON_PATH:
        head = segment.text.split(":", 1)[0]
        member = (
            "by_path" if _PLACEHOLDER.fullmatch(head) or not head else f"{identifier(head)}_path"
        )
        shape = _PLACEHOLDER.sub("{}", segment.text).lower().removesuffix(":")
        return Step(f"colon:{shape}", member, template, params, "/", False)
    if template == "{0}":
        return Step("param", "by_id", template, params, "", False)
    literal = _PLACEHOLDER.sub(" ", segment.text)
    shape = _PLACEHOLDER.sub("{}", segment.text).lower()
    qualifier = f"with_{'_and_'.join(p.name for p in params)}"
    member = identifier(literal, "by_value")
    return Step(f"mixed:{shape}", member, template, params, "", False, qualifier=qualifier)


def _literal(segment: Segment, spell: Spellings) -> Step:
    """A literal segment, or a function called without arguments (``delta()``, the
    same call as ``delta``: one key)."""
    name = segment.text if segment.kind == SegmentKind.LITERAL else segment.name
    text = _respelled(name, spell) if not name.startswith("$") else name
    if segment.kind == SegmentKind.FUNCTION:
        text = f"{text}()"
    head, _, last = name.rpartition(".")
    if head and not name.startswith("$"):
        last = spell(last)
        cast = not spell.casts or last.casefold() in spell.casts
        member = f"as_{identifier(last)}" if cast else identifier(last)
    else:
        member = identifier(text)
    return Step(f"lit:{name.lower()}", member, _escape(text), (), "", False, text)


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
    operations: Sequence[Operation],
    speakers: Mapping[tuple[str, str], Sequence[str]] | None = None,
    types: Sequence[TypeDef] = (),
) -> RouteNode:
    """Every (operation, path variant), in operation id order, into one tree; where
    several operations document a call, the one that speaks for it first (``speakers``:
    ``Model.speakers()``).  ``types``: the doc set's, whose declared names spell the
    members (:class:`Spellings`)."""
    spell = Spellings.of(operations, types)
    root = RouteNode()
    for op in sorted(operations, key=lambda o: o.id):
        for variant in op.paths:
            node = root
            for segment in variant.segments:
                step = step_for(segment, spell)
                entry = node.children.get(step.key)
                if entry is None:
                    entry = node.children[step.key] = (step, RouteNode())
                elif _closes(step) and not _closes(entry[0]):  # more may follow: keep the ':'
                    entry = node.children[step.key] = (step, entry[1])
                node = entry[1]
            node.operations.setdefault(op.method, []).append((op, variant))
    if speakers:
        _speaker_first(root, speakers)
    return root


def _closes(step: Step) -> bool:
    """A colon path written with its closing colon, which the segments after it need
    (``root:/{item-path}:/content``) and the service also reads at the end of a path."""
    return step.key.startswith("colon:") and step.template.endswith(":")


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
    using ``client.drives`` imports only what drives can reach.  Members and classes are
    named as the module docstring says; :class:`NameCollision` when that fails."""
    _name_members(root, "")
    protos: list[_Proto] = []
    visit = _folder(protos)
    module_names: set[str] = set()
    top = []
    for key in sorted(root.children):
        step, child = root.children[key]
        top.append((step, visit(child, step.text, (step.member,))))
    names = class_names([p.label for p in protos])
    ordered = [
        NodeClass(names[i], tuple(Member(s, names[c]) for s, c in p.members), p.ops, p.path)
        for i, p in enumerate(protos)
    ]
    raw = [
        (step, ordered[i], unique(f"_{step.member}", module_names)) for step, i in top
    ]  # module names are no API: a number only ever tells two files apart
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


# --- member names ------------------------------------------------------------------------------


def _name_members(node: RouteNode, path: str) -> None:
    """Name the members of ``node`` and of every node below it, in place."""
    steps = [step for step, _ in node.children.values()]
    for key, name in member_names(steps, path or "/").items():
        step, child = node.children[key]
        if name != step.member:
            node.children[key] = (replace(step, member=name), child)
    for step, child in node.children.values():
        _name_members(child, f"{path}/{step.text}")


def member_names(steps: Sequence[Step], where: str = "") -> dict[str, str]:
    """Step key -> member name among siblings: the step's own name, unless another step
    has it too; then each that takes parameters adds its qualifier (a call without
    parameters keeps the name).  A name a builder has already (``get``, ``request``)
    takes a trailing underscore.  Names still shared fall back on the segment's own
    spelling when that is a plain identifier (``fooBar`` beside ``foo_bar``); else
    :class:`NameCollision` (``where``: the path, for the message)."""
    groups: dict[str, list[Step]] = defaultdict(list)
    for step in steps:
        groups[step.member].append(step)
    names: dict[str, str] = {}
    for base, group in groups.items():
        for step in group:
            qualified = len(group) > 1 and step.params and step.qualifier
            names[step.key] = f"{base}_{step.qualifier}" if qualified else base
    for key, name in names.items():
        if name in RESERVED_MEMBERS:
            names[key] = f"{name}_"
    counts = Counter(names.values())
    by_key = {step.key: step for step in steps}
    for key, name in sorted(names.items()):
        own = by_key[key].text
        free = own not in counts and own not in RESERVED_MEMBERS
        if counts[name] > 1 and own != name and is_plain_identifier(own) and free:
            counts[name] -= 1
            counts[own] += 1
            names[key] = own
    shared = sorted(name for name, n in counts.items() if n > 1)
    if shared:
        clash = [by_key[k].text for k, n in sorted(names.items()) if n in shared]
        raise NameCollision(
            f"{where}: segments {', '.join(map(repr, clash))} would share the member name "
            f"{', '.join(shared)}"
        )
    return names


# --- class names -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Proto:
    """A builder class before it is named: its members point at other protos."""

    members: tuple[tuple[Step, int], ...]
    ops: tuple[tuple[str, tuple[tuple[Operation, PathVariant], ...]], ...]
    path: str  # the first documented path that reaches it
    label: tuple[str, ...]  # the member names on that path


def _folder(protos: list[_Proto]) -> Callable[[RouteNode, str, tuple[str, ...]], int]:
    """A visit function that folds subtrees into ``protos`` (children first) and
    returns the index of the one it folded ``node`` into."""
    by_signature: dict[tuple[object, ...], int] = {}

    def visit(node: RouteNode, path: str, label: tuple[str, ...]) -> int:
        members = tuple(
            (step, visit(child, f"{path}/{step.text}", (*label, step.member)))
            for step, child in (node.children[key] for key in sorted(node.children))
        )
        ops = _operations(node)
        signature = (
            members,
            tuple((method, tuple((op.id, _leaf(v)) for op, v in pairs)) for method, pairs in ops),
        )
        found = by_signature.get(signature)
        if found is not None:
            return found
        protos.append(_Proto(members, ops, path, label))
        by_signature[signature] = len(protos) - 1
        return len(protos) - 1

    return visit


def class_names(labels: Sequence[tuple[str, ...]]) -> list[str]:
    """A class name per label (the member names on the way to the class): the shortest
    run of its last steps whose name no other class has and that is no name the builder
    modules import; a run that cannot grow (the whole path) keeps its name and the others
    grow.  Whole paths that still read the same keep their members' own spelling
    (``Foo_bar`` beside ``FooBar``); :class:`NameCollision` when even that is shared."""
    length = [1 for _ in labels]

    def name(i: int) -> str:
        return class_name("_".join(labels[i][-length[i] :]), "Node")

    while True:
        groups: dict[str, list[int]] = defaultdict(list)
        for i in range(len(labels)):
            groups[name(i)].append(i)
        grew = False
        for found, group in groups.items():
            if len(group) > 1 or found in RESERVED_CLASSES:
                for i in group:
                    if length[i] < len(labels[i]):
                        length[i] += 1
                        grew = True
        if not grew:
            break
    names = [name(i) for i in range(len(labels))]
    counts = Counter(names)
    for i, found in enumerate(names):
        if counts[found] > 1:  # foo_bar and fooBar: the members as spelled tell them apart
            own = "".join(m[:1].upper() + m[1:] for m in labels[i][-length[i] :])
            if own.isidentifier() and own not in counts:
                counts[found] -= 1
                counts[own] += 1
                names[i] = own
    for i, found in enumerate(names):
        if found in RESERVED_CLASSES:
            names[i] = f"{found}Builder"  # /node: the builder of a segment named like _node's
    counts = Counter(names)
    shared = sorted(n for n, c in counts.items() if c > 1)
    if shared:
        paths = ["/".join(labels[i]) for i, n in enumerate(names) if n in shared]
        raise NameCollision(f"builder classes for {', '.join(paths)} would share a name")
    return names


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
# Names a builder module imports (typing; _node's public names): no class takes one.
RESERVED_CLASSES = frozenset({
    "TYPE_CHECKING", "Any", "Root", "Node", "NodeT", "CoreT", "Child", "Op", "PageOp",
    "DeltaOp", "BodyOp", "BodyPageOp", "CallOptions", "RequestInfo", "SyncCall",
    "AsyncCall", "SyncBodyCall", "AsyncBodyCall", "LazyCore",
})  # fmt: skip
