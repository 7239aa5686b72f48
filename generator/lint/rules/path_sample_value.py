"""DC309: a declared path holds a sample value where a parameter belongs.

The reader already made each such value the parameter it stands for and kept the value
as its example (``PathVariant.samples``; the rules are in generator/paths.py,
``parameterize``); this rule reports the line.  Example requests are not checked: an
example is where sample values belong.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.http_examples import example_requests
from generator.model import Diagnostic, SampleValue, Severity, Span

_SHOWN = 60  # characters of a long value shown in a message


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    examples: dict[str, list[Span]] = {}
    for _, req in example_requests(ctx):
        examples.setdefault(req.span.file, []).append(req.span)
    lines: dict[tuple[str, int], dict[Span, SampleValue]] = {}
    for op in ctx.model.operations:
        for variant in op.paths:  # a line that repeats a declared path adds its values to it
            for s in variant.samples:
                if not _inside(s.span, examples.get(s.span.file, [])):
                    lines.setdefault((s.span.file, s.span.line), {}).setdefault(s.span, s)
    for found in lines.values():
        samples = tuple(found.values())
        yield RULE.finding(samples[0].span, _message(samples))


def _inside(span: Span, blocks: list[Span]) -> bool:
    return any(b.line <= span.line <= b.end_line for b in blocks)


def _message(samples: tuple[SampleValue, ...]) -> str:
    if len(samples) > 1:
        listed = ", ".join(f"{_shown(s.value)} (write {s.written})" for s in samples)
        return f"request line holds sample values where parameters belong: {listed}"
    s = samples[0]
    value = _shown(s.value)
    if s.kind == "placeholder":
        return f"request line writes the placeholder {value} without braces; write {s.written}"
    where = "key" if s.written.startswith("{") else "parameter"
    return f"request line holds a sample value where a {where} belongs: {value}; write {s.written}"


def _shown(value: str) -> str:
    return repr(value if len(value) <= _SHOWN else value[: _SHOWN - 1] + "…")


RULE = Rule(
    code="DC309",
    name="path-holds-sample-value",
    severity=Severity.WARNING,
    summary="declared path holds a sample value where a parameter belongs",
    explanation=(
        "The paths of an HTTP request section are templates: every key and function "
        "argument is a `{placeholder}`. A value copied from an example "
        "(`GET /education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793`, "
        "`/chats/19:cf66…@thread.v2/members`, "
        "`getActivitiesByInterval(startDateTime='2017-01-01',…)`) declares an endpoint "
        "that exists for that one value only: it would become an SDK attribute and an "
        "OpenAPI path of its own. docs2code reads it as the parameter it stands for, "
        "keeps the value as the parameter's example, and reports the line.\n\n"
        "A value is told by its shape, never by a list of names: a GUID (or a text "
        "holding one), a Teams thread id (`19:…@thread.v2`), an e-mail address, a "
        "number, padded base64, a known opaque id shape (`AAMk…`, `01ABC…`, `b!…`), a "
        "text starting with a long run of hex digits, a long token with several runs of "
        "digits, a token cut short with `...`, a dotted name outside the page's namespace "
        "(`/domains/contoso.com`: a cast is `microsoft.graph.x` on a page of "
        "`microsoft.graph`); in a function call, any literal argument "
        "(functions are told apart by their parameter names, not by values); a key "
        "in parentheses (`/teams/(team-id)/`) or a bare word where a placeholder belongs "
        "(`count=n`) is a placeholder written without braces. Names (`me`, `root`, "
        "`microsoft.graph.group`, `$ref`) and colon paths (`root:/{item-path}:`) are "
        "never values.\n\n"
        "Fix: write the placeholder the message names, e.g. "
        "`GET /education/classes/{class-id}`, `startDateTime='{startDateTime}'`. A key "
        "is named after the segment before it, singular; a function argument after its "
        "parameter. A path that skips segments (`/childFolders/{id}/.../messages`) is "
        "no path at all: the reader declares nothing for that line and reports DC010."
    ),
    check=check,
)
