"""DC601-DC604, DC606: links, anchors and link reference definitions."""

from __future__ import annotations

from pathlib import Path

from generator.lint.context import LintContext
from generator.lint.rules import (
    broken_anchor,
    broken_link,
    link_case_mismatch,
    link_outside_roots,
    unused_reference_definition,
)
from generator.model import Page
from generator.read.docs import read_docs
from tests.lint.conftest import RunRule

SEEDS = Path(__file__).resolve().parents[2] / "input_docs" / "seeds"

TARGET = """---
title: "widget resource type"
description: "A widget."
doc_type: resourcePageType
---
# widget resource type

## Properties

## Example

### Request

### Request

### C# / .NET (preview)
"""


def page(body: str) -> str:
    return '---\ntitle: "Get"\ndescription: "Get."\ndoc_type: apiPageType\n---\n# Get\n\n' + body


def line_of(text: str, needle: str) -> int:
    return text.split("\n").index(next(ln for ln in text.split("\n") if needle in ln)) + 1


# --- DC601 broken-link ------------------------------------------------------------------


def test_broken_link_names_the_missing_page(run_rule: RunRule) -> None:
    text = page("Returns an [item](../resources/item.md) object.\n")
    [finding] = run_rule(broken_link.RULE, {"api/get.md": text, "resources/widget.md": TARGET})
    assert (finding.code, finding.span.file, finding.span.line) == ("DC601", "api/get.md", 8)
    assert finding.message == (
        "broken link to ../resources/item.md: no page resources/item.md in the doc set"
    )


def test_broken_link_backslashes_are_broken_even_when_the_page_exists(run_rule: RunRule) -> None:
    text = page("See\nthe [widget](..\\resources\\widget.md).\n")
    [finding] = run_rule(broken_link.RULE, {"api/get.md": text, "resources/widget.md": TARGET})
    assert finding.span.line == 9  # the second line of the paragraph
    assert finding.message == (
        "broken link to ..\\resources\\widget.md: the path uses backslashes, write "
        "../resources/widget.md; with forward slashes it would reach resources/widget.md"
    )


def test_broken_link_leaving_the_doc_set_and_reference_definitions(run_rule: RunRule) -> None:
    text = page(
        "See [permissions](../../concepts/permissions_reference.md) and [w][widget].\n\n"
        "[widget]: ../resources/gadget.md\n"
    )
    found = run_rule(broken_link.RULE, {"api/get.md": text})
    assert [(d.span.line, d.message) for d in found] == [
        (8, "broken link to ../../concepts/permissions_reference.md: the path leaves the doc set"),
        (
            10,
            "broken link reference definition [widget] (../resources/gadget.md): "
            "no page resources/gadget.md in the doc set",
        ),
    ]


def test_broken_link_judges_only_relative_links_to_pages(run_rule: RunRule) -> None:
    text = page(
        "[a](../resources/widget.md) [b](../resources/widget.md#properties) [c](#get)\n"
        "[d](/graph/permissions-reference) [e](/concepts/permissions-reference.md)\n"
        "[f](https://example.com/x.md) [g](mailto:a@example.com) ![h](../images/x.png)\n"
        "[!INCLUDE [sample-code](../includes/snippets/x.md)]\n"
        "[i](../resources/widget.md?view=graph-rest-1.0)\n"
    )
    assert run_rule(broken_link.RULE, {"api/get.md": text, "resources/widget.md": TARGET}) == []


def test_broken_link_in_a_table_cell_points_at_the_row(run_rule: RunRule) -> None:
    text = page("|Property|Type|\n|:--|:--|\n|owner|[identitySet](identityset.md)|\n")
    [finding] = run_rule(broken_link.RULE, {"resources/x.md": text})
    assert (finding.span.line, finding.message) == (
        10,
        "broken link to identityset.md: no page resources/identityset.md in the doc set",
    )


# --- DC602 link-case-mismatch ---------------------------------------------------------------


def test_link_case_mismatch_instead_of_broken_link(run_rule: RunRule) -> None:
    files = {
        "api/get.md": page("A [widget](../resources/Widget.md).\n"),
        "resources/widget.md": TARGET,
    }
    [finding] = run_rule(link_case_mismatch.RULE, files)
    assert (finding.code, finding.span.line) == ("DC602", 8)
    assert finding.message == (
        "link to ../resources/Widget.md: the page is resources/widget.md, which matches only "
        "if case is ignored"
    )
    assert run_rule(broken_link.RULE, files) == []


def test_link_case_mismatch_reported_once_at_the_definition(run_rule: RunRule) -> None:
    text = page("A [widget][w] and [again][w].\n\n[w]: ../resources/WIDGET.md\n")
    found = run_rule(link_case_mismatch.RULE, {"api/get.md": text, "resources/widget.md": TARGET})
    assert [(d.span.line, d.message.split(":")[0]) for d in found] == [
        (10, "link reference definition [w] (../resources/WIDGET.md)")
    ]


def test_link_case_mismatch_quiet_on_exact_case(run_rule: RunRule) -> None:
    files = {
        "api/get.md": page("A [widget](../resources/widget.md).\n"),
        "resources/widget.md": TARGET,
    }
    assert run_rule(link_case_mismatch.RULE, files) == []


# --- DC603 broken-anchor --------------------------------------------------------------------


def test_broken_anchor_same_page_and_other_page(run_rule: RunRule) -> None:
    text = page(
        "## Request body\n\n"
        "See [body](#request-bodies) and [props](../resources/widget.md#property).\n"
    )
    found = run_rule(broken_anchor.RULE, {"api/get.md": text, "resources/widget.md": TARGET})
    assert [(d.code, d.span.line, d.message) for d in found] == [
        (
            "DC603",
            10,
            "anchor #request-bodies matches no heading of this page (did you mean #request-body?)",
        ),
        (
            "DC603",
            10,
            "anchor #property matches no heading of resources/widget.md "
            "(did you mean #properties?)",
        ),
    ]


def test_broken_anchor_case_hint(run_rule: RunRule) -> None:
    text = page("## Request body\n\nSee [body](#Request-Body).\n")
    [finding] = run_rule(broken_anchor.RULE, {"api/get.md": text})
    assert finding.message == (
        "anchor #Request-Body matches no heading of this page (anchors are lower case: "
        "#request-body)"
    )


def test_broken_anchor_quiet_on_github_slugs_repeats_and_tabs(run_rule: RunRule) -> None:
    text = page(
        "[a](#get) [b](../resources/widget.md#request-1)\n"
        "[c](../resources/widget.md#c--net-preview)\n"
        "[d](#tab/http) [e](../resources/widget.md#example) [f](#)\n"
    )
    assert run_rule(broken_anchor.RULE, {"api/get.md": text, "resources/widget.md": TARGET}) == []


def test_slugs_follow_github() -> None:
    heading = Page("x.md", None, None, None, ((2, "Request", 1), (2, "Request", 2)), (), ())
    assert broken_anchor.anchors(heading) == ["request", "request-1"]
    assert broken_anchor.slug("Example 1: Get a user's photo (v1.0)") == (
        "example-1-get-a-users-photo-v10"
    )
    assert broken_anchor.slug("snake_case and  two spaces") == "snake_case-and--two-spaces"


# --- DC604 unused-reference-definition ---------------------------------------------------------


def test_unused_reference_definition(run_rule: RunRule) -> None:
    text = page("No links here.\n\n[item-resource]: ../resources/driveitem.md\n")
    [finding] = run_rule(unused_reference_definition.RULE, {"api/get.md": text})
    assert (finding.code, finding.span.line) == ("DC604", 10)
    assert finding.message == (
        "link reference definition [item-resource] (../resources/driveitem.md) is never used"
    )


def test_reference_definitions_used_in_every_form(run_rule: RunRule) -> None:
    text = page(
        "A [drive item][item-resource], the [folder][] and [file].\n\n"
        "[item-resource]: ../resources/driveitem.md\n"
        "[folder]: ../resources/folder.md\n"
        "[file]: <../resources/my file.md>\n"
    )
    assert run_rule(unused_reference_definition.RULE, {"api/get.md": text}) == []


# --- the seeds on their own -------------------------------------------------------------------


def test_seeds_linted_on_their_own() -> None:
    ctx = LintContext(read_docs([SEEDS]))
    seed0, seed1, seed2 = sorted(p.path for p in ctx.model.pages)
    broken = [(d.span.file, d.span.line) for d in broken_link.RULE.check(ctx)]
    assert broken == [
        (seed0, 45),  # entity.md
        (seed0, 46),  # identitySet.md (input_docs/resources has identityset.md)
        (seed0, 48),  # publicationFacet.md
        (seed1, 20),
        (seed1, 24),
        (seed1, 36),
        (seed2, 14),
        (seed2, 58),
    ]
    # ../resources/baseItemVersion.md (three links) and listitemversion.md exist in
    # input_docs/resources, a folder not given: once per file
    outside = [(d.span.file, d.span.line) for d in link_outside_roots.RULE.check(ctx)]
    assert outside == [(seed0, 46), (seed0, 53)]
    assert list(link_case_mismatch.RULE.check(ctx)) == []
    assert list(broken_anchor.RULE.check(ctx)) == []
    [unused] = unused_reference_definition.RULE.check(ctx)
    assert (unused.span.file, unused.span.line) == (seed2, 58)
    assert "[item-resource]" in unused.message
