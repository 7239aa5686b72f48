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
    assert finding.message == "example request 'get_item' has no response example"
    assert finding.span.line == 32


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
