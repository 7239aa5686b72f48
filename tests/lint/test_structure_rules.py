"""DC101-DC105: front matter, the page template and the page's role."""

from __future__ import annotations

from generator.lint.rules import (
    front_matter_keys,
    front_matter_missing,
    heading_form,
    page_role,
    section_missing,
)
from tests.lint.conftest import API_PAGE, RunRule

NO_FRONT_MATTER = API_PAGE.split("---\n", 2)[2]


def test_front_matter_missing_fires_on_a_page_without_it(run_rule: RunRule) -> None:
    [finding] = run_rule(front_matter_missing.RULE, {"api/get.md": NO_FRONT_MATTER})
    assert (finding.code, finding.span.file, finding.span.line) == ("DC101", "api/get.md", 1)


def test_front_matter_missing_is_quiet_with_front_matter(run_rule: RunRule) -> None:
    assert run_rule(front_matter_missing.RULE, {"api/get.md": API_PAGE}) == []


def test_front_matter_missing_skips_files_that_are_not_reference_pages(run_rule: RunRule) -> None:
    assert run_rule(front_matter_missing.RULE, {"README.md": "# Notes\n\nSome text.\n"}) == []


def test_front_matter_keys_names_each_missing_key(run_rule: RunRule) -> None:
    page = API_PAGE.replace('description: "Get an item."\n', "").replace(
        "doc_type: apiPageType\n", "doc_type: resourcePageType_\n"
    )
    messages = [d.message for d in run_rule(front_matter_keys.RULE, {"api/get.md": page})]
    assert messages == [
        "front matter has no 'description'",
        "front matter doc_type 'resourcePageType_' is not one of apiPageType, "
        "resourcePageType, enumPageType, conceptualPageType",
    ]


def test_front_matter_keys_empty_value(run_rule: RunRule) -> None:
    page = API_PAGE.replace('title: "Get item"', 'title: ""')
    [finding] = run_rule(front_matter_keys.RULE, {"api/get.md": page})
    assert finding.message == "front matter 'title' is empty"


def test_front_matter_keys_quiet_on_a_complete_page(run_rule: RunRule) -> None:
    assert run_rule(front_matter_keys.RULE, {"api/get.md": API_PAGE}) == []


def test_section_missing_on_api_page(run_rule: RunRule) -> None:
    page = API_PAGE.replace("## Permissions", "## Access")
    [finding] = run_rule(section_missing.RULE, {"api/get.md": page})
    assert finding.message == "apiPageType page has no 'Permissions' section"


def test_a_doc_type_the_content_contradicts_is_page_role_ambiguous(run_rule: RunRule) -> None:
    """The page is read as the API page its HTTP request section shows (DC105 says so);
    the sections it lacks are judged for that role, not the doc_type's."""
    page = API_PAGE.replace("doc_type: apiPageType", "doc_type: resourcePageType")
    assert run_rule(section_missing.RULE, {"api/get.md": page}) == []
    [finding] = run_rule(page_role.RULE, {"api/get.md": page})
    assert finding.message.startswith("doc_type 'resourcePageType' (line 4) makes this a")
    assert finding.message.endswith("read as an API page")


def test_section_missing_quiet_on_complete_page(run_rule: RunRule) -> None:
    assert run_rule(section_missing.RULE, {"api/get.md": API_PAGE}) == []


def test_heading_misspelt(run_rule: RunRule) -> None:
    page = API_PAGE.replace("## Response\n", "## Reponse\n")
    findings = run_rule(heading_form.RULE, {"api/get.md": page})
    assert [(d.span.line, d.message) for d in findings] == [
        (23, "heading 'Reponse' looks like a misspelt 'Response'"),
        (36, "heading 'Reponse' looks like a misspelt 'Response'"),  # the H3 too
    ]


def test_heading_variants_are_not_misspellings(run_rule: RunRule) -> None:
    page = API_PAGE.replace("## HTTP request", "## HTTP Requests").replace(
        "## Example", "## Example 1: Get an item"
    )
    assert run_rule(heading_form.RULE, {"api/get.md": page}) == []


def test_heading_level_directly_under_h1(run_rule: RunRule) -> None:
    page = API_PAGE.replace("## Permissions", "### Permissions")
    [finding] = run_rule(heading_form.RULE, {"api/get.md": page})
    assert finding.span.line == 8
    assert "'Permissions' is H3 directly under the H1" in finding.message


def test_heading_order(run_rule: RunRule) -> None:
    head, rest = API_PAGE.split("## Response\n", 1)
    response, example = rest.split("## Example\n", 1)
    page = head + "## Example\n" + example + "\n## Response\n" + response
    [finding] = run_rule(heading_form.RULE, {"api/get.md": page})
    assert finding.message.startswith("section 'Response' comes after 'Example'")


RESOURCE_PAGE = """---
title: "item resource type"
description: "An item."
doc_type: resourcePageType
---
# item resource type

## Properties

|Property|Type|Description|
|:---|:---|:---|
|id|String|The id.|

## JSON representation

<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.item" } -->
```json
{
  "id": "String"
}
```
"""


def test_section_missing_on_resource_page(run_rule: RunRule) -> None:
    page = RESOURCE_PAGE.replace("## Properties\n", "## Members\n")
    [finding] = run_rule(section_missing.RULE, {"resources/item.md": page})
    assert finding.message == "resourcePageType page has no 'Properties' section"


def test_section_missing_names_a_heading_that_ends_in_the_section_name(run_rule: RunRule) -> None:
    """`## operationError Properties` holds the table, under a heading tools miss."""
    page = RESOURCE_PAGE.replace("## Properties\n", "## item Properties\n")
    [finding] = run_rule(section_missing.RULE, {"resources/item.md": page})
    assert finding.message == (
        "resourcePageType page has no 'Properties' section: 'item Properties' (line 8) is "
        "not the template heading '## Properties'"
    )


def test_section_missing_on_an_overview_marked_as_resource_page(run_rule: RunRule) -> None:
    """A page that says resourcePageType but defines nothing is told to fix its doc_type,
    not to add a Properties section (the corpus's `*-api-overview.md` pages)."""
    page = RESOURCE_PAGE.split("## Properties")[0] + "## Common use cases\n\nText.\n"
    [finding] = run_rule(section_missing.RULE, {"resources/overview.md": page})
    assert finding.message == (
        "doc_type is 'resourcePageType' but the page defines no resource (no 'Properties' "
        "section, no JSON representation); an overview page should be conceptualPageType"
    )


def test_section_missing_for_a_type_without_properties_is_a_warning(run_rule: RunRule) -> None:
    """An empty type loses no information without the section, only the template's
    `None.` (33 corpus pages write it): a warning, not an error."""
    page = RESOURCE_PAGE.split("## Properties")[0] + (
        "## Relationships\n\n|Relationship|Type|Description|\n|:---|:---|:---|\n"
        "|items|[item](item.md) collection|Items.|\n\n## JSON representation\n\n"
        '<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.item" } -->\n'
        "```json\n{\n}\n```\n"
    )
    [finding] = run_rule(section_missing.RULE, {"resources/item.md": page})
    assert finding.severity == "warning"
    assert finding.message == (
        "resourcePageType page has no 'Properties' section; the type has no properties "
        "(relationships aside), so the section should say 'None.'"
    )
