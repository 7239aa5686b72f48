"""What the reader records on example request lines (generator/read/request_lines.py):
``ExampleRequest.defects`` (DC301, DC302, DC303, as lint reports them and the generated
tests word their skip reasons) and ``ExampleRequest.foreign``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from generator.lint.config import LintConfig
from generator.lint.engine import lint
from generator.lint.registry import RULES
from generator.model import ExampleRequest, Model, Operation, RequestDefect, Severity, Span
from generator.paths import parse_path
from generator.read import request_lines
from generator.read.docs import read_docs

FILE = "api/item-get.md"


def page(declared: str, examples: str) -> str:
    """An API page: line 9 is the declared path, line 18 the first example's request
    line (its fence is line 17)."""
    return (
        "---\n"  # 1
        "title: Get item\n"  # 2
        "doc_type: apiPageType\n"  # 3
        "---\n"  # 4
        "# Get item\n"  # 5
        "\n"  # 6
        "## HTTP request\n"  # 7
        "```http\n"  # 8
        f"{declared}\n"  # 9
        "```\n"  # 10
        "\n"  # 11
        "## Response\n"  # 12
        "If successful, this method returns a `200 OK` response code.\n"  # 13
        "\n"  # 14
        "## Example\n"  # 15
        f"{examples}"  # 16...
    )


def request(first_line: str, name: str = "ex") -> str:
    """An annotated request block (4 lines) and its response (4 lines): the request
    line is line 18 for the first example, 26 for the second."""
    return (
        f'<!-- {{ "blockType": "request", "name": "{name}" }} -->\n'  # 16
        "```http\n"  # 17
        f"{first_line}\n"  # 18
        "```\n"  # 19
        '<!-- { "blockType": "response" } -->\n'  # 20
        "```http\n"  # 21
        "HTTP/1.1 200 OK\n"  # 22
        "```\n"  # 23
    )


def read(tmp_path: Path, doc: str) -> Model:
    path = tmp_path / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(doc, encoding="utf-8")
    return read_docs([tmp_path])


def requests(model: Model) -> list[ExampleRequest]:
    found: dict[Span, ExampleRequest] = {}
    for op in model.operations:
        for ex in op.examples:
            if ex.request is not None:
                found.setdefault(ex.request.span, ex.request)
    return sorted(found.values(), key=lambda r: r.span)


def line(n: int) -> Span:
    return Span(FILE, n, n)


def test_a_url_no_declared_path_fits(tmp_path: Path) -> None:
    model = read(
        tmp_path,
        page(
            "GET /me/drive/items/{id}",
            request("GET https://graph.microsoft.com/v1.0/me/drive/items/42/children"),
        ),
    )
    [req] = requests(model)
    assert req.defects == (
        RequestDefect(
            "DC301",
            Severity.WARNING,
            "example GET '/v1.0/me/drive/items/42/children' matches no declared path; "
            "nearest: '/me/drive/items/{id}' (line 9)",
            line(18),
        ),
    )
    assert not req.foreign


def test_a_url_with_a_backslash(tmp_path: Path) -> None:
    url = "https://graph.microsoft.com/v1.0/me\\drive/items/42"
    model = read(tmp_path, page("GET /me/drive/items/{id}", request(f"GET {url}")))
    [req] = requests(model)
    # by code: the backslash also makes the path fit none
    assert [(d.code, d.severity, d.span) for d in req.defects] == [
        ("DC301", Severity.WARNING, line(18)),
        ("DC302", Severity.ERROR, line(18)),
    ]
    assert req.defects[1].message == (
        f"example URL '{url}' has a backslash: URL segments are separated by '/'"
    )
    assert req.defects[0].message.startswith("example GET '/v1.0/me\\drive/items/42' matches no")


def test_raw_whitespace_in_a_query(tmp_path: Path) -> None:
    url = "/me/drive/items?$filter=name eq 'a'"
    model = read(tmp_path, page("GET /me/drive/items", request(f"GET {url}")))
    [req] = requests(model)
    assert req.defects == (
        RequestDefect(
            "DC302",
            Severity.WARNING,
            f"example URL has raw whitespace in its query, which a client must send as %20: "
            f"'{url}'",
            line(18),
        ),
    )


def test_a_lower_case_method(tmp_path: Path) -> None:
    model = read(tmp_path, page("GET /me/drive/items/{id}", request("get /me/drive/items/42")))
    [req] = requests(model)
    assert req.defects == (
        RequestDefect(
            "DC303", Severity.ERROR, "HTTP method 'get' must be upper-case: 'GET'", line(18)
        ),
    )


def test_a_matching_request_has_no_defects(tmp_path: Path) -> None:
    model = read(tmp_path, page("GET /me/drive/items/{id}", request("GET /me/drive/items/42")))
    [req] = requests(model)
    assert (req.defects, req.foreign) == ((), False)


def test_a_call_to_another_host_is_foreign_and_not_matched(tmp_path: Path) -> None:
    examples = (
        request("GET https://graph.microsoft.com/v1.0/me/drive/items/42", "a")
        + request("PUT https://upload.contoso.com/up/AbC?sig=1", "b")
        + request("GET https://graph.microsoft.com/v1.0/me/drive/items/43", "c")
    )
    model = read(tmp_path, page("GET /me/drive/items/{id}", examples))
    assert [(r.span.line, r.foreign, r.defects) for r in requests(model)] == [
        (17, False, ()),
        (25, True, ()),  # no DC301: no page declares another server's paths
        (33, False, ()),
    ]


def test_lint_reports_the_records(tmp_path: Path) -> None:
    examples = request("get /me/drive/items/42/children", "a") + request(
        "GET /me\\drive/items/42?x=a b", "b"
    )
    model = read(tmp_path, page("GET /me/drive/items/{id}", examples))
    recorded = sorted(
        (d.code, d.severity, d.span, d.message) for r in requests(model) for d in r.defects
    )
    assert {code for code, *_ in recorded} == {"DC301", "DC302", "DC303"}
    found = lint(model, RULES, LintConfig(select=("DC301", "DC302", "DC303"))).findings
    assert sorted((d.code, d.severity, d.span, d.message) for d in found) == recorded


def test_a_host_urllib_cannot_read_is_still_a_host(tmp_path: Path) -> None:
    examples = request("GET https://graph.microsoft.com/v1.0/me/drive/items/42", "a") + request(
        "GET https://[x/v1.0/me/drive/items/43", "b"
    )
    model = read(tmp_path, page("GET /me/drive/items/{id}", examples))
    assert [(r.foreign, r.defects) for r in requests(model)] == [(False, ()), (False, ())]


def test_a_page_the_check_fails_on_costs_only_that_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a", "b"):
        doc = page("GET /me/drive/items/{id}", request("GET /me/drive/items/42/children"))
        (tmp_path / f"{name}.md").write_text(doc, encoding="utf-8")
    checked = request_lines._page_defects

    def failing(ops: Sequence[Operation], *args: Any) -> Any:
        if ops[0].source.file == "a.md":
            raise RuntimeError("boom")
        return checked(ops, *args)

    monkeypatch.setattr(request_lines, "_page_defects", failing)
    model = read_docs([tmp_path])
    assert [(d.code, d.span.file) for d in model.diagnostics] == [("DC000", "a.md")]
    assert "RuntimeError: boom" in model.diagnostics[0].message
    assert [(r.span.file, [d.code for d in r.defects]) for r in requests(model)] == [
        ("a.md", []),
        ("b.md", ["DC301"]),
    ]


def test_declared_forms_keep_the_span_of_each_variant_with_the_same_path() -> None:
    first = parse_path("/me/drive/root/microsoft.graph.x", Span("a.md", 3, 3))
    second = parse_path("/me/drive/root/microsoft.graph.x", Span("b.md", 9, 9))
    forms = [request_lines.declared_forms(v) for v in (first, second, first)]
    assert [f.template for f in forms[0]] == [
        "/users/{me}/drive/items/{root}/microsoft.graph.x",
        "/users/{me}/drive/items/{root}",
    ]
    assert [f.span for f in forms[1]] == [second.span] * 2
    assert forms[0] == forms[2] and [f.span for f in forms[0]] == [first.span] * 2
