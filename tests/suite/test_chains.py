"""Example requests as builder chains: parameter values from the URL, the query split into
typed OData keywords and params in documented order, and None for what builders cannot say."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator.model import Model, Span
from generator.paths import parse_path
from generator.read.docs import read_docs
from generator.sdk.routes import step_for
from generator.suite.chains import Link, Routes, builder_call, split_query, step_values
from generator.suite.render import examples

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("query", "keywords", "params"),
    [
        ("", (), ()),
        ("$select=id,name&$top=5", (("select", ("id", "name")), ("top", 5)), ()),
        ("$expand=fields($select=a,b)", (("expand", ("fields($select=a,b)",)),), ()),
        ("$top=5&$select=id", (("top", 5),), (("$select", "id"),)),  # kept in order
        ("$count=true&x=%20y", (("count", True),), (("x", " y"),)),
        ("$top=05", (), (("$top", "05"),)),  # would not write back as documented
        ("expand=fields", (), (("expand", "fields"),)),
    ],
)
def test_query_split_keeps_the_documented_order(
    query: str, keywords: tuple[object, ...], params: tuple[object, ...]
) -> None:
    assert split_query(query) == (keywords, params)


def test_queries_builders_cannot_send_are_refused() -> None:
    assert split_query("$count") is None  # no value
    assert split_query("a=1&a=2") is None  # a repeated key


def values(declared: str, given: str) -> tuple[str, ...] | None:
    span = Span("api/x.md", 1, 1)
    d, g = parse_path(declared, span).segments[-1], parse_path(given, span).segments[-1]
    return step_values(step_for(d), d, g)


def test_parameter_values_are_taken_from_the_example_unescaped() -> None:
    assert values("/items/{id}", "/items/a%20b") == ("a b",)
    assert values("/drive/root:/{item-path}:", "/drive/root:/a/b.txt") == ("a/b.txt",)
    assert values("/getSchedule(period='{p}')", "/getSchedule(period='it''s')") == ("it's",)
    assert values("/f(a='{x}',b={y})", "/f(b=2,a='1')") == ("1", "2")  # by name
    assert values("/roles/roleTemplateId={id}", "/roles/roleTemplateId=42") == ("42",)


@pytest.fixture(scope="module")
def model() -> Model:
    return read_docs([ROOT / "input_docs"])


def test_input_docs_examples_map_to_builder_chains(model: Model) -> None:
    routes = Routes.of(model.operations)
    calls = {op.id: builder_call(req, op, routes) for op, _, req in examples(model)}
    listed = calls["api/listitemversion-get.get"]
    assert listed is not None
    assert listed.links[1] == Link("by_id", ("{site-id}",))
    assert listed.params == (("expand", "fields"),) and listed.method == "get"
    assert calls["seeds/000_e1ea5a682d426b77.post"] is None  # '/docs\api/...': no path fits


def test_a_body_the_sdk_call_does_not_take_goes_through_client_request(tmp_path: Path) -> None:
    """The page says the call takes no body, but its example sends one: the SDK's call has
    no body argument, so the generated test sends the example with ``client.request``."""
    page = tmp_path / "api" / "session-close.md"
    page.parent.mkdir()
    page.write_text(
        "---\ntitle: Close session\ndoc_type: apiPageType\n---\n# Close session\n\n"
        "## HTTP request\n\n```http\nPOST /me/closeSession\n```\n\n"
        "## Request body\n\nDo not supply a request body for this method.\n\n"
        "## Response\n\nIf successful, this method returns `204 No Content`.\n\n"
        "## Example\n\n"
        '<!-- { "blockType": "request", "name": "close" } -->\n'
        "```http\nPOST https://graph.microsoft.com/v1.0/me/closeSession\n"
        "Content-type: application/json\n\n{}\n```\n\n"
        '<!-- { "blockType": "response" } -->\n'
        "```http\nHTTP/1.1 204 No Content\n```\n",
        encoding="utf-8",
    )
    model = read_docs([tmp_path])
    (op, _, request), *_ = examples(model)
    routes = Routes.of(model.operations)
    assert builder_call(request, op, routes) is None
    # the same example without a body is a builder call
    assert builder_call(replace(request, body=None), op, routes) is not None
