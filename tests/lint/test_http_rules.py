"""DC301-DC307: example URLs, methods, Content-Length, JSON bodies, statuses, header rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules import (
    body_not_json,
    content_length_mismatch,
    example_url_no_path,
    invalid_http_method,
    placeholder_header_row,
    status_disagrees_with_prose,
    url_backslash_space,
)
from generator.model import Diagnostic, Severity
from generator.read.docs import read_docs
from tests.lint.conftest import RunRule

SEEDS = Path(__file__).resolve().parents[2] / "input_docs" / "seeds"
HTTP_RULES = (
    example_url_no_path.RULE,
    url_backslash_space.RULE,
    invalid_http_method.RULE,
    content_length_mismatch.RULE,
    body_not_json.RULE,
    status_disagrees_with_prose.RULE,
    placeholder_header_row.RULE,
)


def page(declared: str, examples: str, response: str = "`200 OK`", headers: str = "") -> str:
    """An API page: line 9 is the first declared path, line 18 the first example line
    (the fence of the first example block is line 17)."""
    return (
        "---\n"  # 1
        "title: Get item\n"  # 2
        "doc_type: apiPageType\n"  # 3
        "---\n"  # 4
        "# Get item\n"  # 5
        "\n"  # 6
        "## HTTP request\n"  # 7
        "```http\n"  # 8
        f"{declared}\n"  # 9...
        "```\n"
        "\n"
        "## Response\n"
        f"If successful, this method returns a {response} response code.\n"
        "\n"
        "## Example\n"
        f"{examples}"
        f"{headers}"
    )


def request(first_line: str, rest: str = "", name: str = "ex") -> str:
    """An annotated request block: its first line is the page's line 18."""
    return (
        f'<!-- {{ "blockType": "request", "name": "{name}" }} -->\n'  # 16
        "```http\n"  # 17
        f"{first_line}\n"  # 18
        f"{rest}"
        "```\n"
    )


def response(status_line: str, rest: str = "", annotation: str = '"blockType": "response"') -> str:
    return f"<!-- {{ {annotation} }} -->\n```http\n{status_line}\n{rest}```\n"


def lines(findings: list[Diagnostic]) -> list[int]:
    return [f.span.line for f in findings]


def line_of(doc: str, text: str) -> int:
    """The 1-based line of the first line of ``doc`` that contains ``text``."""
    return next(n for n, line in enumerate(doc.split("\n"), 1) if text in line)


# --- DC301 example-url-matches-no-path -----------------------------------------------------


def test_dc301_reports_an_example_missing_a_segment(run_rule: RunRule) -> None:
    doc = page(
        "POST /me/items/{id}/versions/$ref",
        request("POST https://graph.microsoft.com/v1.0/me/items/42/versions"),
    )
    [f] = run_rule(example_url_no_path.RULE, {"api/a.md": doc})
    assert (f.code, f.span.line, f.severity) == ("DC301", 18, Severity.WARNING)
    assert "'/v1.0/me/items/42/versions' matches no declared path" in f.message
    assert "nearest: '/me/items/{id}/versions/$ref' (line 9)" in f.message


def test_dc301_accepts_what_odata_and_graph_allow(run_rule: RunRule) -> None:
    examples = "".join(
        request(line, name=f"ex{k}")
        for k, line in enumerate(
            [
                "GET https://graph.microsoft.com/v1.0/users/42/memberOf?$select=id&$top=5",
                "GET https://graph.microsoft.com/v1.0/users/42/memberOf/$count",
                "GET https://graph.microsoft.com/v1.0/users/42/memberOf/microsoft.graph.group",
                "GET https://graph.microsoft.com/beta/users/42/memberOf",
                "GET https://graph.microsoft.com/v1.0/me/memberOf",
                "GET /USERS/42/MEMBEROF",
                "GET https://graph.microsoft.com/v1.0/me/drive/root/children",
                "GET https://graph.microsoft.com/v1.0/me/drive/root:/a/b:/children",
                "GET https://graph.microsoft.com/v1.0/me/events('AAMk=')",
                "GET https://graph.microsoft.com/v1.0/me/drive/items/1/delta(token='abc')",
                "POST https://bot.contoso.com/api/calls",
            ]
        )
    )
    declared = "\n".join(
        [
            "GET /users/{id | userPrincipalName}/memberOf",
            "GET /me/drive/items/{item-id}/children",
            "GET /me/events/{id}",
            "GET /me/drive/items/{item-id}/delta",
        ]
    )
    assert run_rule(example_url_no_path.RULE, {"api/a.md": page(declared, examples)}) == []


def test_dc301_names_the_method_a_path_is_declared_for(run_rule: RunRule) -> None:
    doc = page("GET /me/items/{id}", request("PATCH https://graph.microsoft.com/v1.0/me/items/7"))
    [f] = run_rule(example_url_no_path.RULE, {"api/a.md": doc})
    assert f.span.line == 18
    assert "matches only a path declared for GET (line 9), not for PATCH" in f.message


def test_dc301_skips_pages_whose_paths_come_from_their_examples(run_rule: RunRule) -> None:
    doc = "---\ntitle: x\ndoc_type: apiPageType\n---\n# x\n\n## Example\n" + request(
        "GET https://graph.microsoft.com/v1.0/anything/at/all"
    )
    assert run_rule(example_url_no_path.RULE, {"api/a.md": doc}) == []


def test_dc301_skips_unannotated_calls_outside_example_sections(run_rule: RunRule) -> None:
    doc = page("GET /me/items/{id}", "").replace(
        "## Response\n",
        "## Optional query parameters\nFor example:\n```http\nGET /me/other?$expand=x\n```\n\n"
        "## Response\n",
    )
    assert run_rule(example_url_no_path.RULE, {"api/a.md": doc}) == []


# --- DC302 url-has-backslash-or-space ------------------------------------------------------


def test_dc302_backslash_is_an_error(run_rule: RunRule) -> None:
    doc = page(
        "GET /me/items/{id}", request("GET https://graph.microsoft.com/docs\\api/me/items/1")
    )
    [f] = run_rule(url_backslash_space.RULE, {"api/a.md": doc})
    assert (f.code, f.span.line, f.severity) == ("DC302", 18, Severity.ERROR)
    assert "'https://graph.microsoft.com/docs\\api/me/items/1' has a backslash" in f.message


def test_dc302_raw_space_in_a_query_is_a_warning(run_rule: RunRule) -> None:
    doc = page(
        "GET /me/items",
        request("GET https://graph.microsoft.com/v1.0/me/items?$filter=name eq 'a b'"),
    )
    [f] = run_rule(url_backslash_space.RULE, {"api/a.md": doc})
    assert (f.span.line, f.severity) == (18, Severity.WARNING)
    assert "raw whitespace in its query" in f.message
    assert "$filter=name eq 'a b'" in f.message


def test_dc302_reports_a_declared_backslash_but_not_template_blanks(run_rule: RunRule) -> None:
    declared = "\n".join(
        [
            "GET /users/{id | userPrincipalName}/items",  # 9: blanks inside a placeholder
            "GET /me/items?$filter={property} eq '{value}'",  # 10: a declared query template
            "GET /me\\items",  # 11
        ]
    )
    examples = request("GET https://graph.microsoft.com/v1.0/me/items?$filter=name%20eq%20'a'")
    [f] = run_rule(url_backslash_space.RULE, {"api/a.md": page(declared, examples)})
    assert (f.span.line, f.severity) == (11, Severity.ERROR)
    assert "declared path '/me\\items' has a backslash" in f.message


# --- DC303 invalid-http-method -------------------------------------------------------------


def test_dc303_reports_an_unknown_method(run_rule: RunRule) -> None:
    doc = page("FETCH /me/items/{id}\nGET /me/items/{id}", "")
    [f] = run_rule(invalid_http_method.RULE, {"api/a.md": doc})
    assert (f.code, f.span.line, f.severity) == ("DC303", 9, Severity.ERROR)
    assert "'FETCH' is not an HTTP method" in f.message


def test_dc303_ignores_stray_words_and_valid_methods(run_rule: RunRule) -> None:
    doc = page("GET /me/items/{id}\nor\nDELETE /me/items/{id}", request("GET /me/items/1"))
    assert run_rule(invalid_http_method.RULE, {"api/a.md": doc}) == []


def test_dc303_reports_a_lower_case_method(run_rule: RunRule) -> None:
    doc = page("get /me/items/{id}", request("Get /me/items/1"))
    assert sorted(lines(run_rule(invalid_http_method.RULE, {"api/a.md": doc}))) == [9, 18]


# --- DC304 content-length-mismatch ----------------------------------------------------------

BODY = '{\n  "a": 1\n}\n'  # 12 bytes with LF line endings, 14 with CRLF


def test_dc304_reports_a_wrong_length(run_rule: RunRule) -> None:
    doc = page(
        "POST /me/items",
        request("POST /me/items", f"Content-Type: application/json\nContent-length: 99\n\n{BODY}"),
    )
    [f] = run_rule(content_length_mismatch.RULE, {"api/a.md": doc})
    assert (f.code, f.span.line) == ("DC304", 20)
    assert f.message == (
        "Content-length 99 does not match the body: 12 bytes with LF line endings, 14 with CRLF"
    )


@pytest.mark.parametrize("value", ["12", "14", "13", "16"])
def test_dc304_accepts_lf_crlf_and_a_final_newline(run_rule: RunRule, value: str) -> None:
    doc = page("POST /me/items", request("POST /me/items", f"Content-Length: {value}\n\n{BODY}"))
    assert run_rule(content_length_mismatch.RULE, {"api/a.md": doc}) == []


def test_dc304_value_and_body_edge_cases(run_rule: RunRule) -> None:
    examples = (
        request("POST /me/items", f"content-length: xxx\n\n{BODY}", name="a")
        + response("HTTP/1.1 204 No Content", "Content-Length: 0\n")  # no body, 0: fine
        + request("POST /me/items", "Content-Length: 28\n", name="b")
        + response("HTTP/1.1 200 OK", "Content-Type: application/zip\nContent-Length: 5\n\n[zip]\n")
    )
    doc = page("POST /me/items", examples)
    found = run_rule(content_length_mismatch.RULE, {"api/a.md": doc})
    assert [(f.span.line, f.message) for f in found] == [
        (line_of(doc, "xxx"), "content-length 'xxx' is not a byte count; the body is 12 bytes"),
        (line_of(doc, "Length: 28"), "Content-Length 28 but the example has no body"),
    ]


def test_dc304_says_when_a_truncated_example_is_off(run_rule: RunRule) -> None:
    examples = request("GET /me/items") + response(
        "HTTP/1.1 200 OK",
        f"Content-Length: 500\n\n{BODY}",
        annotation='"blockType": "response", "truncated": true',
    )
    [f] = run_rule(content_length_mismatch.RULE, {"api/a.md": page("GET /me/items", examples)})
    assert "marked truncated" in f.message


def test_dc304_expected_length_counts_utf8_bytes_with_lf() -> None:
    assert content_length_mismatch.expected_length(BODY.rstrip()) == 12
    assert content_length_mismatch.expected_length('{\r\n"é": 1\r\n}') == 11
    assert content_length_mismatch.accepted_lengths("a\nb") == (3, 4, 4, 6)


# --- DC305 body-not-json --------------------------------------------------------------------


def test_dc305_reports_a_trailing_comma_on_its_line(run_rule: RunRule) -> None:
    body = '{\n  "isRead": true,\n}\n'  # lines 21-23
    doc = page(
        "PATCH /me/items/{id}",
        request("PATCH /me/items/1", f"Content-Type: application/json\n\n{body}"),
    )
    [f] = run_rule(body_not_json.RULE, {"api/a.md": doc})
    assert (f.code, f.span.line) == ("DC305", 22)
    assert "example request body is not valid JSON (Content-Type application/json)" in f.message
    assert (
        "line 22: Expecting property name enclosed in double quotes (trailing comma)" in f.message
    )


def test_dc305_reads_a_body_without_content_type_that_looks_like_json(run_rule: RunRule) -> None:
    doc = page("POST /me/items", request("POST /me/items", "\n{'a': 1}\n"))
    [f] = run_rule(body_not_json.RULE, {"api/a.md": doc})
    assert f.span.line == 20
    assert "no Content-Type, starts like JSON" in f.message
    assert "(single quotes)" in f.message


def test_dc305_numbers_json_cannot_hold(run_rule: RunRule) -> None:
    """Issue 12: a number that overflows to Infinity, and one too long for Python to
    convert, are findings on their line, not an exception that stops the run."""
    for number, says in (("1e999", "1e999 is not a JSON number"), ("1" + "0" * 5000, "digits")):
        body = f'{{\n  "size": {number}\n}}\n'  # lines 21-23
        doc = page("POST /me/items", request("POST /me/items", f"Content-Type: json\n\n{body}"))
        [f] = run_rule(body_not_json.RULE, {"api/a.md": doc})
        assert f.code == "DC305" and says in f.message
        assert f.span.line == (22 if number == "1e999" else 21)


def test_dc305_skips_truncated_text_and_valid_bodies(run_rule: RunRule) -> None:
    examples = (
        request("POST /me/items", 'Content-Type: application/json\n\n{"a": 1}\n', name="a")
        + response(
            "HTTP/1.1 200 OK",
            'Content-Type: application/json\n\n{"a": 1,\n...\n}\n',
            annotation='"blockType": "response", "truncated": true',
        )
        + request("PUT /me/items/1/content", "Content-Type: text/plain\n\n{not json\n", name="b")
        + request("POST /me/items", 'Content-Type: application/json\n\n"a string"\n', name="c")
    )
    doc = page("POST /me/items\nPUT /me/items/{id}/content", examples)
    assert run_rule(body_not_json.RULE, {"api/a.md": doc}) == []


# --- DC306 status-disagrees-with-prose -----------------------------------------------------


def test_dc306_reports_a_status_the_prose_does_not_promise(run_rule: RunRule) -> None:
    examples = request("POST /me/items") + response("HTTP/1.1 200 OK")
    doc = page("POST /me/items", examples, response="`201 Created`")
    [f] = run_rule(status_disagrees_with_prose.RULE, {"api/a.md": doc})
    assert (f.code, f.span.line) == ("DC306", line_of(doc, "HTTP/1.1 200 OK"))
    assert f.message == (
        "example response status '200 OK' is not what the Response section promises: "
        "'201 Created' (line 13)"
    )


def test_dc306_compares_codes_only_and_skips_error_examples(run_rule: RunRule) -> None:
    examples = (
        request("POST /me/items", name="a")
        + response("HTTP/1.1 201 OK")
        + request("POST /me/items", name="b")
        + response("HTTP/1.1 404 Not Found")
    )
    doc = page("POST /me/items", examples, response="`201, Created`")
    assert run_rule(status_disagrees_with_prose.RULE, {"api/a.md": doc}) == []


def test_dc306_is_quiet_when_the_prose_names_no_status(run_rule: RunRule) -> None:
    examples = request("POST /me/items") + response("HTTP/1.1 200 OK")
    doc = page("POST /me/items", examples, response="new item")
    assert run_rule(status_disagrees_with_prose.RULE, {"api/a.md": doc}) == []


# --- DC307 placeholder-header-row ----------------------------------------------------------

HEADERS = "\n## Request headers\n| Name | Type | Description |\n|:--|:--|:--|\n"


def test_dc307_reports_template_rows(run_rule: RunRule) -> None:
    rows = (
        "| X-Sample-Header | string | A header. |\n"
        "| If-Match | string | ETag. Update accordingly or remove if not needed. |\n"
        "| Authorization | string | Bearer {token}. Required. |\n"
    )
    doc = page("GET /me/items", "", headers=HEADERS + rows)
    found = run_rule(placeholder_header_row.RULE, {"api/a.md": doc})
    start = doc.split("\n").index("| X-Sample-Header | string | A header. |") + 1
    assert lines(found) == [start, start + 1]
    assert "request header 'X-Sample-Header' is a template placeholder" in found[0].message
    assert "'If-Match' still holds template text 'Update accordingly'" in found[1].message


def test_dc307_is_quiet_on_real_headers(run_rule: RunRule) -> None:
    rows = "| Authorization | string | Bearer {token}. Required. |\n| Prefer | string | x |\n"
    doc = page("GET /me/items", "", headers=HEADERS + rows)
    assert run_rule(placeholder_header_row.RULE, {"api/a.md": doc}) == []


# --- the seeds --------------------------------------------------------------------------------


def run_all(rules: tuple[Rule, ...], root: Path) -> list[tuple[str, str, int, Severity]]:
    ctx = LintContext(read_docs([root]))
    return sorted(
        (f.code, f.span.file, f.span.line, f.severity) for rule in rules for f in rule.check(ctx)
    )


def test_seeds_give_exactly_the_known_http_findings() -> None:
    assert run_all(HTTP_RULES, SEEDS) == [
        ("DC301", "000_e1ea5a682d426b77.md", 65, Severity.WARNING),  # no /$ref
        ("DC302", "000_e1ea5a682d426b77.md", 65, Severity.ERROR),  # docs\api
        ("DC307", "001_e5da68bd9bdbf1bf.md", 17, Severity.WARNING),  # X-Sample-Header
    ]


def test_dc305_refuses_nan_which_python_json_accepts(run_rule: RunRule) -> None:
    body = '{\n  "a": NaN\n}\n'
    doc = page(
        "POST /me/items", request("POST /me/items", f"Content-Type: application/json\n\n{body}")
    )
    [f] = run_rule(body_not_json.RULE, {"api/a.md": doc})
    assert f.span.line == line_of(doc, "NaN")
    assert "NaN is not a JSON number" in f.message


def test_dc305_points_a_missing_comma_at_its_line(run_rule: RunRule) -> None:
    body = '{\n  "a": 1\n  "b": 2\n}\n'
    doc = page(
        "POST /me/items", request("POST /me/items", f"Content-Type: application/json\n\n{body}")
    )
    [f] = run_rule(body_not_json.RULE, {"api/a.md": doc})
    assert f.span.line == line_of(doc, '"a": 1')
    assert "(missing comma at the end of the line)" in f.message


def test_dc306_skips_responses_in_topical_sections(run_rule: RunRule) -> None:
    doc = page(
        "GET /me/items/{id}/content",
        request("GET /me/items/1/content") + response("HTTP/1.1 302 Found"),
        response="`302 Found`",
    ) + (
        "\n## Partial range downloads\n"
        + request("GET /me/items/1/content", "Range: bytes=0-1023\n", name="range")
        + response("HTTP/1.1 206 Partial Content")
    )
    assert run_rule(status_disagrees_with_prose.RULE, {"api/a.md": doc}) == []
