"""DC601: a relative link or link reference definition to a page the doc set lacks."""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.link_targets import LocalLink, Resolution, describe, local_links
from generator.model import Diagnostic, Severity


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for local in local_links(ctx):
        message = _message(local)
        if message is not None:
            yield RULE.finding(local.link.span, message)


def _message(local: LocalLink) -> str | None:
    what = describe(local.link)
    if local.resolution == Resolution.BACKSLASH:
        forward = local.path.replace("\\", "/")
        works = (
            f"; with forward slashes it would reach {local.found}"
            if local.found is not None
            else ""
        )
        return f"broken {what}: the path uses backslashes, write {forward}{works}"
    if local.resolution == Resolution.OUTSIDE:
        return f"broken {what}: the path leaves the doc set"
    if local.resolution == Resolution.MISSING:
        return f"broken {what}: no page {local.resolved} in the doc set"
    return None


RULE = Rule(
    code="DC601",
    name="broken-link",
    severity=Severity.ERROR,
    summary="relative link to a page that is not in the doc set",
    explanation=(
        "A relative link (or a link reference definition) names a `.md` page that does not "
        "exist in the doc set, climbs out of it, or uses Windows backslashes, which no "
        "browser or docs build resolves. Readers get a 404. Point it at the page that "
        "exists, with forward slashes:\n\n"
        "    [item](..\\resources\\item.md)      ->  [driveItem](../resources/driveitem.md)\n\n"
        "Site-absolute links (`/graph/...`) and external URLs are not checked; a link whose "
        "target exists only in another case is DC602. The doc roots given make one doc "
        "set, so links between them resolve; a link to a file that exists outside every "
        "root given is DC606, not this."
    ),
    check=check,
)
