"""DC711, DC712, DC713 (and DC710's parameter types): where a build with ``--metadata``
follows the service rather than the docs, reported at the doc line that decided.

Every finding is a change :mod:`generator.metadata.service` makes to the model (one
decision, one source of truth): the rules read its changes and say them where the docs
can be fixed.  Paths of one page that share the line and the change are one finding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.metadata.service import Change, Followed, Part, changes
from generator.model import Diagnostic, Severity

_KEY = "metadata_service"


def followed(ctx: LintContext) -> tuple[Followed, ...]:
    """What following the service changes on the pages checked (once per context)."""
    metadata = ctx.metadata
    if metadata is None:
        return ()
    return ctx.shared(
        _KEY, lambda: tuple(changes(ctx.model.operations, ctx.doc_set.types, metadata))
    )


def report(
    rule: Rule,
    ctx: LintContext,
    wanted: Callable[[Followed], bool],
    say: Callable[[Followed], str],
) -> Iterator[Diagnostic]:
    """One finding per line and message, naming the first path and how many more."""
    grouped: dict[tuple[str, int, int, str], list[Followed]] = {}
    for c in followed(ctx):
        if wanted(c):
            grouped.setdefault((c.span.file, c.span.line, c.span.column, say(c)), []).append(c)
    for (_, _, _, message), found in grouped.items():
        paths = list(dict.fromkeys(c.path for c in found))
        more = f" (and {len(paths) - 1} more paths)" if len(paths) > 1 else ""
        yield rule.finding(found[0].span, f"{paths[0]}{more}: {message}")


def _outcome(c: Followed) -> str:
    if c.applied:
        return "a build with --metadata follows the service"
    return "the docs define no such type: a build keeps the docs' decision"


def _result(c: Followed) -> str:
    if c.service == "no content":
        return (
            f"the docs are read as answering with {c.docs}; the service's metadata says the "
            f"action returns nothing; {_outcome(c)}"
        )
    return (
        f"the docs are read as answering with {c.docs}; the service's metadata says "
        f"{c.service}; {_outcome(c)}"
    )


def _body(c: Followed) -> str:
    return (
        f"the docs are read as taking {c.docs}; the service's metadata says it creates one "
        f"{c.service}; {_outcome(c)}"
    )


def _filled(c: Followed) -> str:
    if c.change is Change.ADDED:
        return (
            f"the docs leave out the parameter {c.parameter} ({c.service}) that the "
            "service's metadata gives; a build with --metadata adds it"
        )
    if c.part is Part.PARAMETER and not c.parameter:
        return (
            "the docs say nothing of what it takes; the service's metadata says it takes "
            f"{c.service}; a build with --metadata takes that"
        )
    if c.part is Part.PARAMETER:
        said = f"the docs state no type for the parameter {c.parameter}"
    elif c.docs == "no type":
        said = f"the docs state no {'response' if c.part is Part.RESULT else 'request body'} type"
    else:
        said = f"the docs name {c.docs}"
    if c.applied:
        return f"{said}; the service's metadata says {c.service}; a build with --metadata takes it"
    return f"{said}; the service's metadata says {c.service}, a type the docs do not define"


def _parameter(c: Followed) -> str:
    if c.change is Change.DROPPED:
        return (
            f"{c.parameter} is not a parameter the service's metadata gives this action; "
            "a build with --metadata leaves it out"
        )
    if not c.parameter:  # the body as a whole
        return (
            f"the docs are read as taking {c.docs}; the service's metadata says it takes "
            f"{c.service}; {_outcome(c)}"
        )
    return (
        f"the docs type the parameter {c.parameter} {c.docs}, the service's metadata "
        f"{c.service}; {_outcome(c)}"
    )


def check_result(ctx: LintContext) -> Iterator[Diagnostic]:
    return report(
        RESULT, ctx, lambda c: c.part is Part.RESULT and c.change is Change.FOLLOWED, _result
    )


def check_body(ctx: LintContext) -> Iterator[Diagnostic]:
    return report(BODY, ctx, lambda c: c.part is Part.BODY and c.change is Change.FOLLOWED, _body)


def check_filled(ctx: LintContext) -> Iterator[Diagnostic]:
    return report(FILLED, ctx, lambda c: c.change in (Change.FILLED, Change.ADDED), _filled)


def parameter_findings(
    rule: Rule, ctx: LintContext, tabled: Callable[[Followed], bool]
) -> Iterator[Diagnostic]:
    """DC710's findings from the changes: a parameter typed otherwise than the service
    types it, a body where the service takes parameters (or none), and a parameter the
    service does not have that ``tabled`` says the body table check does not report."""

    def wanted(c: Followed) -> bool:
        if c.part is not Part.PARAMETER:
            return False
        return c.change is Change.FOLLOWED or (c.change is Change.DROPPED and not tabled(c))

    return report(rule, ctx, wanted, _parameter)


RESULT = Rule(
    code="DC711",
    name="metadata-response-type",
    severity=Severity.WARNING,
    summary="what a call answers with differs from the metadata",
    explanation=(
        "With `--metadata`: each GET path and bound action the metadata can follow is "
        "walked to what it answers with. Where the type the docs state (the Response "
        "section, the path's label, the example response: the evidence the reader "
        "followed, at whose line this is reported) is neither that type nor a base or "
        "derived type of it, or is one where the metadata says a collection (or the other "
        "way round), or where the metadata says the action returns nothing, the SDK, the "
        "stubs and the OpenAPI export built with `--metadata` follow the service; without "
        "it they follow the docs. A type the docs do not define cannot be followed: the "
        "build keeps the docs' type, and the message says so.\n\n"
        "Fix the docs: link the type the service answers with, and say 'a collection of' "
        "for a collection."
    ),
    check=check_result,
    needs_metadata=True,
)

BODY = Rule(
    code="DC712",
    name="metadata-request-body-type",
    severity=Severity.WARNING,
    summary="the body of a POST that creates an entity differs from the metadata",
    explanation=(
        "With `--metadata`: a POST to a collection of entities creates one of them, and "
        "takes one object of that entity type (or of a base or derived type). Where the "
        "docs say it takes another type, or an array, a build with `--metadata` sends one "
        "object of the entity type (a derived type the docs name is kept).\n\n"
        "Fix the Request body section: 'In the request body, supply a JSON "
        "representation of the [X](../resources/x.md) object.'"
    ),
    check=check_body,
    needs_metadata=True,
)

FILLED = Rule(
    code="DC713",
    name="metadata-fills-type",
    severity=Severity.INFO,
    summary="the docs state no type where the metadata gives one",
    explanation=(
        "With `--metadata`: where the docs state no response type for a GET or an "
        "action, no body type for a POST that creates an entity, no type for an action's "
        "parameter, or leave out a parameter the action takes, a build with `--metadata` "
        "takes it from the service's metadata (a type the docs do not define stays "
        "untyped). Without `--metadata`, the SDK leaves these `Any` (or out).\n\n"
        "State it in the docs: link the type in the Response or Request body section, "
        "type the parameter in its table, add the parameter's row."
    ),
    check=check_filled,
    needs_metadata=True,
)
