"""DC708, DC709, DC710: documented request paths walked through the metadata; DC710 also
reports the parameter changes a build with ``--metadata`` makes
(:mod:`generator.lint.rules.metadata_service`)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.metadata_common import listed
from generator.lint.rules.metadata_service import parameter_findings
from generator.metadata.csdl import Metadata
from generator.metadata.csdl import Operation as SchemaOperation
from generator.metadata.navigate import Failure, Position, navigate
from generator.metadata.service import Followed
from generator.model import Diagnostic, Operation, PathVariant, SegmentKind, Severity, Span

Walk = tuple[Operation, PathVariant, Position | Failure, Metadata]


def walks(ctx: LintContext) -> Iterator[Walk]:
    """Every documented path, walked through the metadata."""
    metadata = ctx.metadata
    if metadata is None:
        return
    for op in ctx.model.operations:
        for variant in op.paths:
            yield op, variant, navigate(metadata, variant.segments), metadata


def check_navigable(ctx: LintContext) -> Iterator[Diagnostic]:
    for op, variant, walk, _ in walks(ctx):
        if isinstance(walk, Failure):
            yield NOT_NAVIGABLE.finding(
                variant.span,
                f"{op.method} {variant.raw}: segment {walk.index + 1} {walk.segment!r}: "
                f"{walk.reason}",
            )


def check_method(ctx: LintContext) -> Iterator[Diagnostic]:
    for op, variant, walk, metadata in walks(ctx):
        if isinstance(walk, Failure):
            continue
        invoked = walk.operation
        if invoked is not None:
            # A function is called with GET; PATCH or DELETE may address the entity it
            # returns (workbook ranges), so only POST and PUT contradict it.
            function = invoked.kind == "function"
            if op.method in ("POST", "PUT") if function else op.method != "POST":
                yield METHOD.finding(
                    variant.span,
                    f"{op.method} {variant.raw}: {invoked.name} is {_article(invoked.kind)} in the "
                    f"metadata: call it with {'GET' if function else 'POST'}",
                )
            continue
        ruled_out = metadata.restrictions.get(walk.via, frozenset())
        if op.method in ruled_out:
            yield METHOD.finding(
                variant.span,
                f"{op.method} {variant.raw}: the metadata rules {op.method} out on "
                f"{walk.via} (Capabilities restrictions)",
            )


def _article(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def check_parameters(ctx: LintContext) -> Iterator[Diagnostic]:
    by_operation: dict[str, list[tuple[PathVariant, Position]]] = {}
    for op, variant, walk, _ in walks(ctx):
        if isinstance(walk, Position) and walk.operation is not None:
            by_operation.setdefault(op.id, []).append((variant, walk))
    for op in ctx.model.operations:
        invoked = by_operation.get(op.id, [])
        for variant, walk in invoked:
            assert walk.operation is not None
            target = walk.operation
            last = variant.segments[-1] if variant.segments else None
            if target.kind == "function" and last and last.kind == SegmentKind.FUNCTION:
                ours = {a.name.lower(): a.name for a in last.args if a.name}
                where, span = "the path", variant.span
            elif (
                target.kind == "action"
                and op.request.body_params
                and len(invoked) == len(op.paths)  # the body table is this action's
                and all(w.operation == target for _, w in invoked)
            ):
                ours = {p.name.lower(): p.name for p in op.request.body_params}
                where, span = "the request body table", _row_to_fix(ctx, target, op)
            else:
                continue
            problem = _best_overload(ctx, target, ours)
            if problem is not None:
                yield PARAMETERS.finding(span, f"{where}: {problem}")
            if where == "the request body table":
                break  # one table, judged once
    tables = {
        op.id: {p.name.strip().casefold() for p in op.request.body_params}
        for op in ctx.model.operations
    }

    def tabled(c: Followed) -> bool:
        """A parameter of the body table: the table's check above reports it."""
        return c.parameter.strip().casefold() in tables.get(c.operation, set())

    yield from parameter_findings(PARAMETERS, ctx, tabled)


def _row_to_fix(ctx: LintContext, target: SchemaOperation, op: Operation) -> Span:
    """The body table's first row that names a parameter no overload of ``target`` has;
    else (a required parameter is left out) its first row."""
    assert ctx.metadata is not None
    known = {
        p.name.lower()
        for o in ctx.metadata.index.overloads(target.name)
        if o.binding == target.binding
        for p in o.parameters
    }
    rows = op.request.body_params
    return next((p.span for p in rows if p.name.lower() not in known), rows[0].span)


def _best_overload(ctx: LintContext, target: SchemaOperation, ours: dict[str, str]) -> str | None:
    """None when one overload of ``target`` (same name and binding) takes exactly these
    parameters (leaving out only nullable ones); else what is wrong with the closest."""
    assert ctx.metadata is not None
    overloads = [
        o for o in ctx.metadata.index.overloads(target.name) if o.binding == target.binding
    ]
    problems: list[tuple[int, str]] = []
    for o in overloads:
        theirs = {p.name.lower(): p for p in o.parameters}
        unknown = [name for key, name in ours.items() if key not in theirs]
        missing = [p.name for key, p in theirs.items() if key not in ours and not p.nullable]
        if not unknown and not missing:
            return None
        said = []
        if unknown:
            known = listed([p.name for p in o.parameters]) or "none"
            what = "is not a parameter" if len(unknown) == 1 else "are not parameters"
            said.append(f"{listed(unknown)} {what} of {o.name} (it has: {known})")
        if missing:
            said.append(f"required {listed(missing)} of {o.name} left out")
        problems.append((len(unknown) + len(missing), "; ".join(said)))
    return min(problems)[1] if problems else None


NOT_NAVIGABLE = Rule(
    code="DC708",
    name="metadata-path-not-navigable",
    severity=Severity.WARNING,
    summary="request path cannot be navigated through the metadata",
    explanation=(
        "With `--metadata`, each `METHOD /path` line of an HTTP request section is walked "
        "from the entity container (entity sets, singletons, function imports) through keys, "
        "properties, navigation properties, casts, bound functions and actions, `$ref`, "
        "`$value`, `$count` and colon paths.  The finding names the first segment the "
        "metadata has no way through, and why; names match without regard to case, and a "
        "navigation property of a derived type is accepted without the cast."
    ),
    check=check_navigable,
    needs_metadata=True,
)

METHOD = Rule(
    code="DC709",
    name="metadata-method-ruled-out",
    severity=Severity.WARNING,
    summary="HTTP method the metadata rules out",
    explanation=(
        "With `--metadata`: functions are called with GET and actions with POST; and where "
        "the metadata's Capabilities annotations say a collection or navigation property is "
        "not insertable, updatable, deletable or readable, POST, PATCH/PUT, DELETE or GET "
        "there is ruled out."
    ),
    check=check_method,
    needs_metadata=True,
)

PARAMETERS = Rule(
    code="DC710",
    name="metadata-parameters",
    severity=Severity.WARNING,
    summary="function or action parameters differ from the metadata",
    explanation=(
        "With `--metadata`: a function's arguments in the path, or an action's request body "
        "table, must name the parameters the metadata gives that function or action, and "
        "must not leave out one the metadata marks not nullable.\n\n"
        "It also reports what a build with `--metadata` changes in what an action takes "
        "(the SDK's request model, the OpenAPI request body): a parameter the docs type "
        "otherwise than the metadata (at its row), a body the docs describe as an object "
        "of a type, an array or nothing where the action takes parameters (or the other "
        "way round), and a parameter the action does not have that the docs name outside "
        "the body table (an example request's key)."
    ),
    check=check_parameters,
    needs_metadata=True,
)
