"""The SDK's README (``OUT/sdk/README.md``): its render context, from the model.

What a user of the generated package needs first: how to install it, authenticate, call
it sync and async, page and catch errors; a tour of the top-level builders
(``client.users``, ``client.me``, ...), one line each; and one example call per resource
area (the operations under one top-level path segment), taken from the docs' own example
requests and written as the generated tests write them (:mod:`generator.suite.chains`,
with the documented path values, OData options, headers and body), with the type the
call returns.

The README cannot lie: the generated tests run every Python block of it against the stub
server (``templates/suite/test_readme.py.jinja``).  The marker comment before a block
(``<!-- docs2code: name=... example=... value=... returns=... -->``) says what the test
checks: the documented example the block calls (the stub answers with it, and its status
must come back), the variable holding the result and the type the README promises for it;
``setup`` marks the block whose namespace the later blocks start from (the one that makes
``client``).  Markers hold only names made here (example keys, identifiers, kinds), never
doc text.

Doc text (titles, paths, page names) reaches the README only through the Markdown filters
(``mdtext``, ``mdcode``, :mod:`generator.sdk.filters`) and the Python blocks only through
``pystr`` / ``pyvalue``; each block is black-formatted (``pyblock``), so a block that
would not parse fails the build, and fenced by ``mdfence``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import black

from generator.model import Model, Operation, PathVariant
from generator.sdk.filters import MARKDOWN, pystr, pyvalue
from generator.sdk.naming import identifier
from generator.sdk.render import SdkOptions, _result, base_url, environment, is_delta
from generator.sdk.routes import NodeClass, speaking_order
from generator.suite.chains import BuilderCall, Routes
from generator.suite.render import SDK_README, Planned, examples, planned

TEMPLATE = "README.md.jinja"
FILE = SDK_README  # the generated tests read it there (tests/test_readme.py)
WIDTH = 88  # black's default: the README's blocks are read in a browser
TITLES = 3  # operations named per area in the tour
# Names the README's blocks use themselves: a result variable never takes one.
_TAKEN = frozenset({"client", "models", "asyncio", "main", "os", "token", "error"})
_METHODS = ("GET", "POST", "PATCH", "PUT", "DELETE")
_PLACEHOLDER = re.compile(r"[{}<>]")  # a path value the docs left as a placeholder


@dataclass(frozen=True, slots=True)
class Returns:
    """What a call returns, as the SDK types it: ``kind`` is ``model`` (``models.X``),
    ``page`` (a page of them, or of JSON values without ``model``), ``delta`` (a delta
    page), ``bytes``, ``none`` or ``any`` (the JSON value as received)."""

    kind: str
    model: str | None = None  # the model class's name in ``models``

    @property
    def marker(self) -> str:
        return f"{self.kind}:{self.model}" if self.model else self.kind


@dataclass(frozen=True, slots=True)
class Call:
    """One documented example request, written as a call through the builders."""

    key: str  # the example's key in the generated tests (examples.json)
    area: str  # the top-level builder it goes through: ``client.<area>``
    title: str  # the operation's title (doc text)
    method: str
    url: str  # path and query as the example requests them (doc text)
    page: str  # the page that documents the example (doc text)
    line: int  # of its request line
    expression: str  # ``client.users.by_id("...").get(top=5)``: doc values as literals
    returns: Returns
    variable: str  # the name the README assigns the result to
    status: int  # the documented status
    next_link: bool  # the documented response links a next page
    rank: tuple[Any, ...]  # smaller: a better example to show (see ``_calls``)


@dataclass(frozen=True, slots=True)
class Area:
    """The operations under one top-level path segment: ``client.<member>``."""

    member: str
    segment: str  # the segment as documented (doc text)
    operations: int
    titles: tuple[str, ...]  # a few of its operations' titles, shallowest paths first
    example: Call | None


@dataclass(frozen=True, slots=True)
class ReadmeContext:
    package: str
    distribution: str
    version: str
    base_url: str
    operations: int
    areas: tuple[Area, ...]
    first: Call | None  # the quick start's call
    paging: Call | None  # a call answering with a page
    error: Call | None  # a documented error answer, else the quick start's call

    @property
    def examples(self) -> tuple[Call, ...]:
        return tuple(a.example for a in self.areas if a.example is not None)


# --- the examples ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tree:
    """The SDK's builders as the generated tests walk them (``Routes``), with the model's
    speakers, so that a call's operations come in the SDK's order."""

    routes: Routes
    entries: dict[str, str]  # top-level member -> its class
    speakers: Mapping[tuple[str, str], Sequence[str]]

    def walk(self, call: BuilderCall) -> NodeClass | None:
        """The builder class a call's links lead to."""
        name = self.entries.get(call.links[0].member) if call.links else None
        node = self.routes.classes[name] if name is not None else None
        for link in call.links[1:]:
            if node is None:
                return None
            member = next((m for m in node.members if m.step.member == link.member), None)
            node = self.routes.classes[member.target] if member is not None else None
        return node

    def pairs(self, node: NodeClass, method: str) -> list[tuple[Operation, PathVariant]]:
        """The operations of ``method`` on ``node``, the one that speaks for it first."""
        return speaking_order(method, dict(node.operations)[method], self.speakers)


def returns(
    pairs: Sequence[tuple[Operation, PathVariant]], method: str, names: dict[str, str]
) -> Returns:
    """What the SDK's call of ``method`` for ``pairs`` returns (as ``render`` types it)."""
    result, collection = _result(pairs, names)
    model = result.removeprefix("models.") if result.startswith("models.") else None
    if result == "None":
        return Returns("none")
    if result == "bytes":
        return Returns("bytes")
    if method == "GET" and is_delta(pairs):
        return Returns("delta", model)
    if collection:
        return Returns("page", model)
    return Returns("model", model) if model is not None else Returns("any")


def _variable(result: Returns) -> str:
    if result.kind == "model" and result.model is not None:
        name = identifier(result.model, "result")
        return name if name not in _TAKEN else f"{name}_"
    return {"page": "page", "delta": "page", "bytes": "content"}.get(result.kind, "result")


def expression(call: BuilderCall, data: Mapping[str, Any]) -> str:
    """The call from ``client`` on, as the example sends it: path values, the body, OData
    keywords, other query parameters and headers (all doc text as literals)."""
    text = "client"
    for link in call.links:
        text += f".{link.member}"
        if link.args is not None:
            text += f"({', '.join(pystr(a) for a in link.args)})"
    options: list[str] = []
    headers = dict(data["headers"])
    if call.body:
        if data["body_is_json"]:
            options.append(pyvalue(data["body"]))
            headers = {k: v for k, v in headers.items() if k.lower() != "content-type"}
        else:
            options.append(f"{pystr(data['body'])}.encode()")
    options += [f"{name}={pyvalue(value)}" for name, value in call.keywords]
    if call.params:
        options.append(f"params={pyvalue(call.params_dict)}")
    if headers:
        options.append(f"headers={pyvalue(headers)}")
    return f"{text}.{call.method}({', '.join(options)})"


def _answers(result: Returns, response: Mapping[str, Any]) -> bool:
    """The documented answer is what the call returns: a JSON object where it returns a
    model, one with a ``value`` list for a page, a JSON body for a JSON value, none
    where it returns None."""
    if result.kind == "none":
        return "json" not in response and "text" not in response
    if result.kind == "bytes":
        return True
    body = response.get("json")
    if result.kind in ("page", "delta"):
        return isinstance(body, dict) and isinstance(body.get("value"), list)
    if result.kind == "model":
        return isinstance(body, dict)
    return "json" in response


_KINDS = {"model": 0, "page": 0, "delta": 1, "bytes": 2, "none": 2, "any": 3}


def _calls(model: Model, plan: Planned, tree: Tree, names: dict[str, str]) -> list[Call]:
    """Every example the generated tests send through the builders whose documented
    answer is a success the call returns as typed, or a client error: the README's
    candidates, each ranked (GETs of a model or a page, from the page that speaks for
    the call, with real path values, whole answers and short calls first)."""
    by_line: dict[tuple[str, int], Operation] = {
        (request.span.file, request.span.line): op for op, _, request in examples(model)
    }
    found: list[Call] = []
    for case in (c for m in plan.modules for c in m.cases):
        item, call = plan.data[case.key], case.call
        response = item["response"]
        status = int(response["status"])
        if call is None or item["skip"] is not None or response.get("elided"):
            continue
        if not 200 <= status < 300 and not 400 <= status < 500:
            continue
        node, method = tree.walk(call), call.method.upper()
        if node is None or method not in dict(node.operations):
            continue
        pairs = tree.pairs(node, method)
        result = returns(pairs, method, names)
        if status < 300 and not _answers(result, response):
            continue  # the example's answer is not what the call returns (a 202 without body)
        op = by_line[(item["page"], item["lines"][0])]
        text = expression(call, item)
        documented = response.get("json")
        placeholders = any(_PLACEHOLDER.search(a) for link in call.links for a in link.args or ())
        found.append(
            Call(
                key=case.key,
                area=call.links[0].member,
                title=op.title,
                method=method,
                url=item["url"],
                page=item["page"],
                line=int(item["line"]),
                expression=text,
                returns=result,
                variable=_variable(result),
                status=status,
                next_link=isinstance(documented, dict) and "@odata.nextLink" in documented,
                rank=(
                    status >= 300,
                    method != "GET",
                    _KINDS[result.kind],
                    pairs[0][0].id != op.id,  # another page speaks for the call
                    placeholders,
                    bool(response.get("truncated")),
                    len(text),
                    item["page"],
                    item["line"],
                ),
            )
        )
    return found


def _rank(call: Call) -> tuple[Any, ...]:
    return call.rank


# --- the areas ---------------------------------------------------------------------------------


def _areas(tree: Tree, calls: Sequence[Call]) -> tuple[Area, ...]:
    """One area per top-level builder, in the root's order: how many operations it
    reaches, the titles of the shallowest ones, and its best example."""
    best: dict[str, Call] = {}
    for call in sorted((c for c in calls if c.status < 300), key=_rank):
        best.setdefault(call.area, call)
    areas = []
    for step, name in tree.routes.entries.values():
        ranked: dict[str, tuple[int, int, str]] = {}
        seen: set[str] = set()
        level, depth = [tree.routes.classes[name]], 1
        while level:  # breadth first: the shallowest path to each operation counts
            following: list[NodeClass] = []
            for node in level:
                if node.name in seen:
                    continue
                seen.add(node.name)
                for method, pairs in node.operations:
                    order = _METHODS.index(method) if method in _METHODS else len(_METHODS)
                    for op, _ in pairs:
                        ranked.setdefault(op.id, (depth, order, op.title))
                following += [tree.routes.classes[m.target] for m in node.members]
            level, depth = following, depth + 1
        ordered = sorted(ranked.items(), key=lambda item: (item[1], item[0]))
        titles = tuple(dict.fromkeys(rank[2] for _, rank in ordered))[:TITLES]
        member = step.member
        areas.append(Area(member, step.text or member, len(ordered), titles, best.get(member)))
    return tuple(areas)


def readme_context(model: Model, options: SdkOptions, names: dict[str, str]) -> ReadmeContext:
    """The README's context; ``names``: the model class name of each type's full name
    (:func:`generator.sdk.models.model_names`)."""
    plan = planned(model)
    entries = {step.member: name for step, name in plan.routes.entries.values()}
    tree = Tree(plan.routes, entries, model.speakers())
    calls = _calls(model, plan, tree, names)
    areas = _areas(tree, calls)
    shown = sorted((a.example for a in areas if a.example is not None), key=_rank)
    first = next((c for c in shown if c.returns.kind in ("model", "page")), None)
    first = first or (shown[0] if shown else None)
    pages = sorted((c for c in calls if c.status < 300 and c.returns.kind == "page"), key=_rank)
    paging = next((c for c in pages if not c.next_link), pages[0] if pages else None)
    errors = sorted((c for c in calls if c.status >= 400), key=lambda c: (c.status != 404, c.rank))
    return ReadmeContext(
        package=options.package,
        distribution=options.package.replace("_", "-"),
        version=options.version,
        base_url=base_url(model),
        operations=len(model.operations),
        areas=areas,
        first=first,
        paging=paging,
        error=errors[0] if errors else first,
    )


# --- rendering ---------------------------------------------------------------------------------


def pyblock(code: str) -> str:
    """A README block as black writes it; code that does not parse fails the build."""
    return black.format_str(code, mode=black.Mode(line_length=WIDTH))


def render_readme(model: Model, options: SdkOptions, names: dict[str, str]) -> str:
    """``README.md`` of the SDK package (its pyproject's ``readme``)."""
    env = environment(override=options.templates)
    env.filters.update(MARKDOWN)
    env.filters["pyblock"] = pyblock
    context = readme_context(model, options, names)
    return env.get_template(TEMPLATE).render(readme=context)
