"""DC203-DC206: annotations."""

from __future__ import annotations

from generator.lint.rules import (
    annotation_detached,
    annotation_unknown,
    duplicate_name,
    request_unpaired,
)
from tests.lint.conftest import API_PAGE, RunRule


def test_unknown_block_type_and_key_with_hints(run_rule: RunRule) -> None:
    page = API_PAGE.replace(
        '{ "blockType": "ignored" }', '{ "blockType": "ignord", "blocktype": "x" }'
    )
    messages = [d.message for d in run_rule(annotation_unknown.RULE, {"api/get.md": page})]
    assert messages == [
        "unknown blockType 'ignord' (did you mean 'ignored'?)",
        "unknown annotation key 'blocktype' (did you mean 'blockType'?)",
    ]


def test_known_keys_are_quiet(run_rule: RunRule) -> None:
    page = API_PAGE.replace(
        '{ "blockType": "response" }',
        '{ "blockType": "response", "truncated": true, "@odata.type": "microsoft.graph.x" }',
    )
    assert run_rule(annotation_unknown.RULE, {"api/get.md": page}) == []


def test_annotation_followed_by_prose(run_rule: RunRule) -> None:
    page = API_PAGE.replace(
        '<!-- { "blockType": "ignored" } -->\n', '<!-- { "blockType": "ignored" } -->\nText.\n\n'
    )
    [finding] = run_rule(annotation_detached.RULE, {"api/get.md": page})
    assert finding.span.line == 18
    assert finding.message == "'ignored' annotation is not directly followed by a code block"


def test_annotation_directly_before_fence_is_quiet(run_rule: RunRule) -> None:
    assert run_rule(annotation_detached.RULE, {"api/get.md": API_PAGE}) == []


def test_request_without_response(run_rule: RunRule) -> None:
    page = API_PAGE.split('### Response\n\n<!-- { "blockType": "response" }')[0]
    [finding] = run_rule(request_unpaired.RULE, {"api/get.md": page})
    assert finding.message == (
        "example request 'get_item' has no response example before the end of the page"
    )
    assert finding.span.line == 32


REQUEST = '<!-- { "blockType": "request", "name": "get_item" } -->\n'
IGNORED = '<!-- { "blockType": "ignored" } -->\n'
FENCE = "```http\nGET https://graph.microsoft.com/v1.0/me/items/42\n```\n"


def test_request_followed_by_another_request(run_rule: RunRule) -> None:
    second = REQUEST.replace("get_item", "get_other") + FENCE
    page = API_PAGE.replace("### Response\n", second + "\n### Response\n")
    [finding] = run_rule(request_unpaired.RULE, {"api/get.md": page})
    assert finding.message == (
        "example request 'get_item' has no response example before the next request (line 36)"
    )


def test_ignored_request_needs_no_response(run_rule: RunRule) -> None:
    """The docs tool chain skips `ignored` blocks; the explanation offers `ignored` as
    the way to show a request without a response (20 such findings in the corpus)."""
    page = API_PAGE.split('### Response\n\n<!-- { "blockType": "response" }')[0]
    page = page.replace(REQUEST, IGNORED)
    assert run_rule(request_unpaired.RULE, {"api/get.md": page}) == []


def test_ignored_variant_between_request_and_response(run_rule: RunRule) -> None:
    """A request, an `ignored` variant of the same call (an app-token version), then one
    response: the response answers the request."""
    page = API_PAGE.replace("### Response\n", "Or:\n\n" + IGNORED + FENCE + "\n### Response\n")
    assert run_rule(request_unpaired.RULE, {"api/get.md": page}) == []


def test_response_naming_its_requests(run_rule: RunRule) -> None:
    """One response for several requests, named in its `name` list."""
    second = REQUEST.replace("get_item", "get_other") + FENCE
    page = API_PAGE.replace("### Response\n", second + "\n### Response\n").replace(
        '{ "blockType": "response" }', '{ "blockType": "response", "name": ["get_item", "x"] }'
    )
    assert run_rule(request_unpaired.RULE, {"api/get.md": page}) == []


def test_paired_request_is_quiet(run_rule: RunRule) -> None:
    assert run_rule(request_unpaired.RULE, {"api/get.md": API_PAGE}) == []


def test_duplicate_name_across_pages(run_rule: RunRule) -> None:
    findings = run_rule(duplicate_name.RULE, {"api/a.md": API_PAGE, "api/b.md": API_PAGE})
    assert [(d.span.file, d.message) for d in findings] == [
        ("api/b.md", "example name 'get_item' is already used at api/a.md:31")
    ]


def test_unique_names_are_quiet(run_rule: RunRule) -> None:
    other = API_PAGE.replace('"get_item"', '"get_other_item"')
    assert run_rule(duplicate_name.RULE, {"api/a.md": API_PAGE, "api/b.md": other}) == []
