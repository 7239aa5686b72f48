"""Annotations: normalized fields, DC006/DC007 at the right file lines, and the corpus."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from generator.model import Annotation, Severity, Span
from generator.read.annotations import parse_annotation

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "graph-v1.0"
SPAN = Span("api/example.md", 10, 10)


def parse_ok(comment: str) -> Annotation:
    annotation, diagnostics = parse_annotation(comment, SPAN)
    assert diagnostics == []
    assert annotation is not None
    return annotation


@pytest.mark.parametrize(
    "comment",
    [
        " uuid: 8fcb5dbc-d5aa-4681-8e31-b001d5168d79\n2015-10-25 14:57:30 UTC ",
        " markdownlint-disable MD041 ",
        " TODO: add an example here ",
        "",
        "   ",
    ],
)
def test_comments_that_are_not_json_like(comment: str) -> None:
    assert parse_annotation(comment, SPAN) == (None, [])


def test_block_annotation_fields() -> None:
    comment = (
        ' {\n  "blockType": "request",\n  "name": "get_user",\n'
        '  "@odata.type": "microsoft.graph.user",\n  "truncated": true,\n'
        '  "isCollection": false,\n  "scopes": "files.read sites.read.all",\n'
        '  "target": "action"\n} '
    )
    annotation = parse_ok(comment)
    assert annotation.span == Span("api/example.md", 10, 18)
    assert annotation.block_type == "request"
    assert annotation.name == "get_user"
    assert annotation.odata_type == "microsoft.graph.user"
    assert annotation.truncated is True
    assert annotation.is_collection is False
    assert annotation.scopes == ("files.read", "sites.read.all")
    assert annotation.target == "action"
    assert annotation.is_page is False
    assert annotation.suppressions == ()
    assert annotation.deviations == ()
    assert annotation.data["name"] == "get_user"


def test_resource_annotation_fields() -> None:
    # resources/driveitem.md:116 (shortened)
    comment = (
        ' { "blockType": "resource", "@type": "microsoft.graph.driveItem",'
        ' "@type.aka": "oneDrive.item",\n'
        '       "baseType": "microsoft.graph.baseItem",\n'
        '       "optionalProperties": ["cTag", "children",\n'
        '       "sharepointIds"],\n'
        '       "keyProperty": "id", "openType": true } '
    )
    annotation = parse_ok(comment)
    assert annotation.odata_type == "microsoft.graph.driveItem"
    assert annotation.base_type == "microsoft.graph.baseItem"
    assert annotation.key_property == "id"
    assert annotation.open_type is True
    assert annotation.optional_properties == ("cTag", "children", "sharepointIds")
    assert annotation.span.end_line == 14


@pytest.mark.parametrize(
    ("value", "expected"),
    [('"true"', True), ('"TRUE"', True), ('"false"', False), ("true", True), ("1", False)],
)
def test_flags_accept_strings(value: str, expected: bool) -> None:
    annotation = parse_ok(f'{{"truncated": {value}, "isCollection": {value}, "openType": {value}}}')
    assert (annotation.truncated, annotation.is_collection, annotation.open_type) == (
        expected,
        expected,
        expected,
    )


def test_odata_type_wins_over_legacy_type() -> None:
    both = parse_ok('{"@odata.type": "microsoft.graph.a", "@type": "microsoft.graph.b"}')
    assert both.odata_type == "microsoft.graph.a"
    assert parse_ok('{"@type": "microsoft.graph.b"}').odata_type == "microsoft.graph.b"
    assert parse_ok('{"blockType": "ignored"}').odata_type is None


def test_lists_given_as_strings() -> None:
    annotation = parse_ok(
        '{"scopes": "User.Read, Mail.Read", "optionalProperties": "cTag", "suppressions": "DC301"}'
    )
    assert annotation.scopes == ("User.Read", "Mail.Read")
    assert annotation.optional_properties == ("cTag",)
    assert annotation.suppressions == ("DC301",)


def test_non_string_values_are_ignored() -> None:
    annotation = parse_ok('{"name": 3, "blockType": null, "scopes": 7, "suppressions": [1, ""]}')
    assert (annotation.name, annotation.block_type) == (None, None)
    assert annotation.scopes == ()
    assert annotation.suppressions == ()


def test_page_annotation_with_raw_newline_in_suppression() -> None:
    # api/rangeformat-update.md:567; "<!--" stands on line 10, "-->" on line 19
    comment = (
        " {\n"
        '  "type": "#page.annotation",\n'
        '  "description": "Update rangeformat",\n'
        '  "suppressions": [\n'
        '    "Error: update_rangeformat_font_three/underline:\n'
        '      Expected type String but actual was Single.",\n'
        '    "DC301"\n'
        "  ],\n"
        '  "tocPath": ""\n'
        "}"
    )
    annotation, diagnostics = parse_annotation(comment, SPAN)
    assert annotation is not None
    assert annotation.is_page
    assert annotation.block_type is None
    assert annotation.suppressions == (
        "Error: update_rangeformat_font_three/underline:"
        " Expected type String but actual was Single.",
        "DC301",
    )
    assert annotation.deviations == ("raw newline in string",)
    assert annotation.span == Span("api/example.md", 10, 19)
    (warning,) = diagnostics
    assert warning.code == "DC006"
    assert warning.severity is Severity.WARNING
    assert warning.span.line == 14
    assert warning.message.startswith(
        'annotation is not strict JSON: raw newline in string in "Error: update_rangeformat'
    )


def test_trailing_comma_diagnostic() -> None:
    # api/identityapiconnector-get.md:102; "-->" on its own line
    comment = (
        " {\n"
        '  "blockType": "response",\n'
        '  "truncated": true,\n'
        '  "@odata.type": "microsoft.graph.identityApiConnector",\n'
        "}\n"
    )
    annotation, diagnostics = parse_annotation(comment, SPAN)
    assert annotation is not None
    assert annotation.odata_type == "microsoft.graph.identityApiConnector"
    assert annotation.deviations == ("trailing comma",)
    assert annotation.span.end_line == 15
    expected = 'trailing comma after "microsoft.graph.identityApiConnector"'
    assert [(d.code, d.span.line, d.message) for d in diagnostics] == [
        ("DC006", 13, f"annotation is not strict JSON: {expected}")
    ]


def test_missing_comma_and_unquoted_key_lines() -> None:
    # resources/teamsappinstallation.md:72 and api/user-getmailtips.md:96, opener "<!--" then "{"
    comment = '\n{\n  "tocPath": ""\n  "suppressions": [],\n  isCollection: true\n}'
    annotation, diagnostics = parse_annotation(comment, SPAN)
    assert annotation is not None
    assert annotation.is_collection is True
    assert annotation.deviations == ("missing comma", "unquoted key")
    assert [(d.code, d.span.line) for d in diagnostics] == [("DC006", 12), ("DC006", 14)]
    assert diagnostics[1].message == "annotation is not strict JSON: unquoted key isCollection"


def test_unterminated_string_is_dc007() -> None:
    # api/userteamwork-delete-installedapps.md:96
    comment = (
        " {\n"
        '  "type": "#page.annotation",\n'
        '  "description": "User delete teamsAppInstallations,\n'
        '  "keywords": "",\n'
        '  "section": "documentation",\n'
        '  "tocPath": ""\n'
        "}"
    )
    annotation, diagnostics = parse_annotation(comment, SPAN)
    assert annotation is None
    (error,) = diagnostics
    assert error.code == "DC007"
    assert error.severity is Severity.ERROR
    assert error.span.line == 12
    assert "unterminated string" in error.message


def test_garbage_after_the_object_is_dc007() -> None:
    annotation, diagnostics = parse_annotation('{"a": 1} [2]', SPAN)
    assert annotation is None
    assert [d.code for d in diagnostics] == ["DC007"]


# --- the corpus ----------------------------------------------------------------------------

_COMMENT = re.compile(r"<!--(.*?)-->", re.S)


def test_every_corpus_comment() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus folder {CORPUS} is absent")
    started = time.monotonic()
    json_like = unreadable = non_strict = 0
    for path in sorted(CORPUS.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        for match in _COMMENT.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            span = Span(path.relative_to(CORPUS).as_posix(), line, line)
            annotation, diagnostics = parse_annotation(match.group(1), span)
            json_like += match.group(1).lstrip().startswith("{")
            unreadable += any(d.code == "DC007" for d in diagnostics)
            non_strict += bool(annotation and annotation.deviations)
            assert all(d.span.file == span.file and d.span.line >= line for d in diagnostics)
    assert json_like > 8000
    assert unreadable <= 1
    assert 40 <= non_strict + unreadable <= 55
    assert time.monotonic() - started < 10
