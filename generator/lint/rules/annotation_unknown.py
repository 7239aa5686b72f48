"""DC203: an annotation with a blockType or key the doc tool chain does not know."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.model import Diagnostic, Severity

BLOCK_TYPES = ("request", "response", "resource", "example", "ignored", "samples")
BLOCK_KEYS = (
    "blockType", "name", "@odata.type", "@type", "truncated", "isCollection", "scopes",
    "scope", "target", "baseType", "keyProperty", "openType", "optionalProperties",
    "isComposable", "sampleKeys", "tags", "idempotent", "@odata.annotations", "abstract",
    "@type.aka", "opaqueUrl", "isEmpty", "isMediaEntity", "@property.aka", "id",
)  # fmt: skip
PAGE_KEYS = (
    "type", "description", "keywords", "section", "tocPath", "suppressions", "tocBookmarks",
    "namespace", "tocIndex",
)  # fmt: skip


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for page in ctx.model.pages:
        for ann in page.annotations:
            if not isinstance(ann.data, dict):
                continue
            if not ann.is_page and ann.block_type not in (None, *BLOCK_TYPES):
                yield RULE.finding(
                    ann.span,
                    f"unknown blockType {ann.block_type!r}{_hint(ann.block_type, BLOCK_TYPES)}",
                )
            known = PAGE_KEYS if ann.is_page else BLOCK_KEYS
            for key in ann.data:
                if key not in known:
                    yield RULE.finding(
                        ann.span, f"unknown annotation key {key!r}{_hint(key, known)}"
                    )


def _hint(word: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, 1, 0.7)
    folded = [c for c in choices if c.lower() == word.lower()]
    best = folded or close
    return f" (did you mean {best[0]!r}?)" if best else ""


RULE = Rule(
    code="DC203",
    name="annotation-unknown",
    severity=Severity.WARNING,
    summary="annotation has an unknown blockType or key",
    explanation=(
        "Annotations are read by the docs build and by docs2code; a misspelt key such as "
        "`blocktype` or `istruncated` is silently ignored, so the block is treated wrongly. "
        f"Known blockTypes: {', '.join(BLOCK_TYPES)}."
    ),
    check=check,
)
