"""DC101-DC104: front matter and the page template."""

from __future__ import annotations

from generator.lint.rules import (
    front_matter_keys,
    front_matter_missing,
    heading_form,
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


def test_section_missing_doc_type_contradicts_content(run_rule: RunRule) -> None:
    page = API_PAGE.replace("doc_type: apiPageType", "doc_type: resourcePageType")
    [finding] = run_rule(section_missing.RULE, {"api/get.md": page})
    assert "doc_type is 'resourcePageType' but the page documents an operation" in finding.message


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
