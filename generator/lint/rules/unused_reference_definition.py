"""DC604: a link reference definition ``[label]: target`` that no link on the page uses."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.model import Diagnostic, Severity


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    """markdown-it resolves ``[text][label]``, ``[label][]`` and ``[label]`` into ordinary
    links carrying the definition's target, and the model keeps no label for them; so a
    definition counts as used when some link of the page has its target.  A definition
    whose target the page also links inline is therefore never reported (a miss, never a
    false alarm)."""
    for page in ctx.model.pages:
        used = {_norm(lk.target) for lk in page.links if not lk.is_reference_definition}
        for link in page.links:
            if link.is_reference_definition and _norm(link.target) not in used:
                yield RULE.finding(
                    link.span,
                    f"link reference definition [{link.text}] ({link.target}) is never used",
                )


def _norm(target: str) -> str:
    """markdown-it percent-encodes hrefs; definitions are kept as written."""
    return unquote(target.strip())


RULE = Rule(
    code="DC604",
    name="unused-reference-definition",
    severity=Severity.WARNING,
    summary="link reference definition is never used",
    explanation=(
        "A `[label]: target` line renders nothing; it only serves links written "
        "`[text][label]`, `[label][]` or `[label]`. An unused one is usually left over from "
        "a copied page, and its target is not checked by readers. Use it or delete it:\n\n"
        "    See the [driveItem][item-resource] resource.\n\n"
        "    [item-resource]: ../resources/driveitem.md"
    ),
    check=check,
    scope="page",
)
