"""DC203: an annotation with a blockType or key the doc tool chain does not know."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.model import Diagnostic, Severity

# ApiDoctor's annotation vocabulary, the JSON property names ([JsonProperty("...")]) of its
# classes in github.com/OneDrive/apidoctor: CodeBlockAnnotation (block annotations; the
# CodeBlockType enum, written lower camel case, gives the blockTypes) in
# ApiDoctor.Validation/CodeBlockAnnotation.cs (commit 25cd844b6897828e90d10f97d940cdde27b6c1df)
# and PageAnnotation in ApiDoctor.Validation/PageAnnotation.cs (commit
# 2f0c4e32d8774e1d5bfd81b186e98981274ff7f2).  Both the Graph and the OneDrive docs are
# written for it.  The Graph corpus adds a few keys of its own (shared/conventions.md).
APIDOCTOR_BLOCK_TYPES = (
    "request", "response", "resource", "example", "ignored", "samples", "simulatedResponse",
    "testParams",
)  # fmt: skip
APIDOCTOR_BLOCK_KEYS = (
    "blockType", "abstract", "baseType", "openType", "opaqueUrl", "optionalProperties",
    "isCollection", "collectionProperty", "isEmpty", "isComposable", "isMediaEntity",
    "truncated", "name", "expectError", "nullableProperties", "sampleKeys",
    "longRunningResponseType", "keyProperty", "idempotent", "scopes", "apiVersions", "tags",
    "@type", "@type.aka", "@odata.type", "@odata.annotations", "target",
)  # fmt: skip
APIDOCTOR_PAGE_KEYS = (
    "type", "title", "description", "keywords", "canonicalUrl", "section", "tocPath",
    "tocIndex", "tocBookmarks", "headerAdditions", "footerAdditions", "suppressions",
    "namespace",
)  # fmt: skip
BLOCK_TYPES = APIDOCTOR_BLOCK_TYPES
BLOCK_KEYS = (*APIDOCTOR_BLOCK_KEYS, "scope", "@property.aka", "id")  # seen in the Graph docs
PAGE_KEYS = APIDOCTOR_PAGE_KEYS


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for page in ctx.model.pages:
        for ann in page.annotations:
            if not isinstance(ann.data, dict):
                continue
            if not ann.is_page and ann.block_type not in (None, *BLOCK_TYPES):
                yield RULE.finding(
                    ann.key_span("blockType"),
                    f"unknown blockType {ann.block_type!r}{_hint(ann.block_type, BLOCK_TYPES)}",
                )
            known = PAGE_KEYS if ann.is_page else BLOCK_KEYS
            for key in ann.data:
                if key not in known:
                    yield RULE.finding(
                        ann.key_span(key), f"unknown annotation key {key!r}{_hint(key, known)}"
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
        "Known are the keys of ApiDoctor's annotation vocabulary (its CodeBlockAnnotation "
        "and PageAnnotation classes) and the few more the Graph docs use. "
        f"Known blockTypes: {', '.join(BLOCK_TYPES)}."
    ),
    check=check,
    scope="page",
)
