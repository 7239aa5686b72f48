"""Lenient JSON: each repair on a real case from the docs, and what must never change."""

from __future__ import annotations

import json
import random

import pytest

from generator.read.http_messages import make_body
from generator.read.lenient_json import Deviation, LenientResult, elided_keys, loads_lenient


def kinds(result: LenientResult) -> list[str]:
    return [dev.kind for dev in result.deviations]


def test_strict_json_has_no_deviations() -> None:
    result = loads_lenient('{"blockType": "request", "name": "get_user"}')
    assert result == LenientResult({"blockType": "request", "name": "get_user"}, True, (), None, 0)


def test_numbers_that_overflow_are_not_json() -> None:
    """``1e999`` reads as ``inf`` in Python, which model.json could not hold (issue 12)."""
    for text in ('{"a": 1e999}', '{"a": -1E400,}', '{"a": NaN}'):
        result = loads_lenient(text)
        assert not result.ok and result.value is None, text
    assert loads_lenient('{"a": 1e-999}').value == {"a": 0.0}
    assert loads_lenient('{"a": 1' + "0" * 400 + "}").value == {"a": 10**400}


def test_trailing_comma_in_object() -> None:
    # api/identityapiconnector-get.md:102
    text = (
        "{\n"
        '  "blockType": "response",\n'
        '  "truncated": true,\n'
        '  "@odata.type": "microsoft.graph.identityApiConnector",\n'
        "}\n"
    )
    result = loads_lenient(text)
    assert result.ok
    assert result.value["@odata.type"] == "microsoft.graph.identityApiConnector"
    assert result.deviations == (
        Deviation("trailing comma", 3, 'after "microsoft.graph.identityApiConnector"'),
    )


def test_trailing_comma_in_array_and_resource_body() -> None:
    # resources/lobbyBypassSettings.md:42
    result = loads_lenient('{\n  "scope": "String",\n  "isDialInBypassEnabled": "Boolean",\n}')
    assert result.value == {"scope": "String", "isDialInBypassEnabled": "Boolean"}
    assert kinds(result) == ["trailing comma"]
    assert loads_lenient("[1, 2,\n]").value == [1, 2]


def test_raw_newline_in_suppression_string() -> None:
    # api/rangeformat-update.md:567
    text = (
        "{\n"
        '  "type": "#page.annotation",\n'
        '  "suppressions": [\n'
        '    "Error: update_rangeformat_font_three/underline:\n'
        "      Expected type String but actual was Single. Property: underline, "
        "actual value: 'Single'\"\n"
        "  ],\n"
        '  "tocPath": ""\n'
        "}"
    )
    result = loads_lenient(text)
    assert result.ok
    assert kinds(result) == ["raw newline in string"]
    assert result.deviations[0].line == 3
    (suppression,) = result.value["suppressions"]
    assert suppression.startswith("Error: update_rangeformat_font_three/underline:\n      Expected")
    assert suppression.endswith("actual value: 'Single'")


def test_missing_comma_between_lines() -> None:
    # resources/teamsappinstallation.md:72
    text = '{\n  "section": "documentation",\n  "tocPath": ""\n  "suppressions": []\n}'
    result = loads_lenient(text)
    assert result.value == {"section": "documentation", "tocPath": "", "suppressions": []}
    assert result.deviations == (Deviation("missing comma", 2, 'between "" and "suppressions"'),)


def test_missing_comma_is_not_guessed_on_one_line() -> None:
    result = loads_lenient('{"a": 1 "b": 2}')
    assert not result.ok
    assert result.value is None


def test_unquoted_key() -> None:
    # api/user-getmailtips.md:96
    text = '{\n  "blockType": "response",\n  "truncated": true,\n  isCollection: true\n}'
    result = loads_lenient(text)
    assert result.value["isCollection"] is True
    assert result.deviations == (Deviation("unquoted key", 3, "isCollection"),)


def test_literals_are_not_taken_for_keys() -> None:
    assert not loads_lenient("{true: 1}").ok


def test_comments_in_resource_representation() -> None:
    # resources/driveitem.md:124
    text = (
        "{\n"
        '  "webDavUrl": "string",\n'
        "\n"
        "  /* relationships */\n"
        '  "children": [{ "@odata.type": "microsoft.graph.driveItem" }],\n'
        "  // inherited from baseItem\n"
        '  "id": "String (identifier)",\n'
        '  "direction": "incoming | outgoing"\n'
        "}"
    )
    result = loads_lenient(text)
    assert result.value == {
        "webDavUrl": "string",
        "children": [{"@odata.type": "microsoft.graph.driveItem"}],
        "id": "String (identifier)",
        "direction": "incoming | outgoing",
    }
    assert result.deviations == (
        Deviation("comment", 3, "/* relationships */"),
        Deviation("comment", 5, "// inherited from baseItem"),
    )


def test_multiline_block_comment_keeps_line_numbers() -> None:
    result = loads_lenient('{\n/* a\n b */ "x": 1,\n}')
    assert [(dev.kind, dev.line) for dev in result.deviations] == [
        ("comment", 1),
        ("trailing comma", 2),
    ]


def test_single_quoted_strings() -> None:
    result = loads_lenient("{'name': 'it\\'s a \"test\"'}")
    assert result.value == {"name": 'it\'s a "test"'}
    assert kinds(result) == ["single-quoted string", "single-quoted string"]


def test_non_breaking_space_outside_strings() -> None:
    # api/user-update-mailboxsettings.md:176 ends lines with U+00A0
    result = loads_lenient('{\n  "daysOfWeek": [\u00a0\n    "Monday"\u00a0\n  ]\n}')
    assert result.value == {"daysOfWeek": ["Monday"]}
    assert [(dev.kind, dev.line) for dev in result.deviations] == [
        ("non-breaking space", 1),
        ("non-breaking space", 2),
    ]


def test_non_breaking_space_inside_a_string_is_kept() -> None:
    result = loads_lenient('{"a": "x\u00a0y",}')
    assert result.value == {"a": "x\u00a0y"}
    assert kinds(result) == ["trailing comma"]


def test_control_characters() -> None:
    inside = loads_lenient('{"a": "one\ttwo"}')
    assert inside.value == {"a": "one\ttwo"}
    assert kinds(inside) == ["control character"]
    outside = loads_lenient('{"a":\x01 1}')
    assert outside.value == {"a": 1}
    assert kinds(outside) == ["control character"]


def test_unterminated_string_in_page_annotation() -> None:
    # api/userteamwork-delete-installedapps.md:96
    text = (
        "{\n"
        '  "type": "#page.annotation",\n'
        '  "description": "User delete teamsAppInstallations,\n'
        '  "keywords": "",\n'
        '  "section": "documentation",\n'
        '  "tocPath": ""\n'
        "}"
    )
    result = loads_lenient(text)
    assert not result.ok
    assert result.value is None
    assert result.error is not None
    assert result.error.startswith('unterminated string "User delete teamsAppInstallations,')
    assert result.error_line == 2


def test_unterminated_string_at_end_of_text() -> None:
    result = loads_lenient('{\n  "a": "b')
    assert not result.ok
    assert result.error is not None and "unterminated string" in result.error
    assert result.error_line == 1


def test_error_line_points_at_the_failure() -> None:
    result = loads_lenient('{\n  "a": 1,\n  "b": ...\n}')
    assert not result.ok
    assert result.error_line == 2


@pytest.mark.parametrize(
    "content",
    ["http://example.com/a", "a,}b", "a,]b", "it's", "/* not a comment */", "'quoted'", "x:y"],
)
def test_string_contents_are_never_altered(content: str) -> None:
    encoded = json.dumps(content)
    text = f'{{\n  "a": {encoded},\n  // a real comment\n  "b": [{encoded},],\n}}'
    result = loads_lenient(text)
    assert result.value == {"a": content, "b": [content]}
    assert kinds(result) == ["comment", "trailing comma", "trailing comma"]


def test_escapes_survive_repair() -> None:
    result = loads_lenient('{"a": "q\\"//\\\\", \'b\': 1}')
    assert result.value == {"a": 'q"//\\', "b": 1}


@pytest.mark.parametrize(
    "text",
    ["", "   ", "}", "{", "[[[", "[" * 50_000, '{"a": NaN}', "{'a", "/*", "//", "'", '"\\', "…"],
)
def test_garbage_is_reported_not_raised(text: str) -> None:
    result = loads_lenient(text)
    assert not result.ok
    assert result.value is None
    assert result.error


def test_random_text_never_raises() -> None:
    rng = random.Random(20210716)
    alphabet = "{}[]:,\"'/\\*\n\t \u00a0\x01abc1-.etrufnl"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        result = loads_lenient(text)
        assert result.ok == (result.error is None)
        if result.ok:
            json.dumps(result.value)


# --- JSON cut short with "..." (issue 23: what a truncated example still promises) ----------


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ('{"value": [{"id": "1"}, ...]}', ("value",)),  # the cut falls in the last key's value
        ('{"a": 1,\n "b": [{"x": 1}, ...],\n "c": 2}', ("a", "b")),  # keys before the cut
        ('{"a": 1,\n  ...\n}', ("a",)),
        ('{"a": 1, \u2026}', ("a",)),  # the ellipsis character
        ("{a: 1, 'b': 2, ...}", ("a", "b")),  # read as leniently as loads_lenient reads
        ('{"a": {"x": 1, "y": 2}, "b": {"z": ...', ("a", "b")),  # nested keys are not top-level
        ('{"data": [{ShiftId}, {ShiftId}...]}', ("data",)),
        ('{ /* see ... */ "a": 1, ...}', ("a",)),  # a comment's dots are no cut
        ("{...}", ()),
        ("[1, 2, ...]", ()),  # a cut array lists no keys
    ],
)
def test_a_body_cut_short_lists_the_keys_before_the_cut(text: str, keys: tuple[str, ...]) -> None:
    assert not loads_lenient(text).ok
    assert elided_keys(text) == keys


@pytest.mark.parametrize(
    "text",
    [
        '{"webUrl": "https://contoso.sharepoint.com/..."}',  # dots inside a string
        '{"a": 1}',
        "...binary data...",  # not JSON at all
        "{Raw bytes of the file}",
        '{"a": "unterminated ...',
    ],
)
def test_dots_in_strings_or_outside_json_are_no_cut(text: str) -> None:
    assert elided_keys(text) is None


def test_the_model_records_a_body_cut_short() -> None:
    text = '{\n  "@odata.context": "x",\n  "value": [\n    {"id": "1"},\n    ...\n  ]\n}'
    cut = make_body(text, 7)
    assert (cut.json, cut.elided, cut.keys) == (None, True, ("@odata.context", "value"))
    assert cut.json_error and cut.strict_text() == cut.text  # served as written
    whole = make_body('{"a": "..."}', 7)
    assert (whole.json, whole.elided, whole.keys) == ({"a": "..."}, False, ())
    lenient = make_body('{"a": 1,}', 7)
    assert (lenient.json, lenient.elided) == ({"a": 1}, False)
