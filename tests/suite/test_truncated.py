"""Truncated examples in the generated tests (issue 23): a response the docs show in part
(``"truncated": true``, or JSON cut short with ``...``) is checked for what it can promise
(its status, the keys it lists), never parsed as complete JSON; a request body cut short
is not sent."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from generator.model import Model
from generator.pipeline.plan import build_plan
from generator.read.docs import read_docs
from generator.render.options import BuildOptions
from generator.suite.render import plan_cases
from tests.packages import imported, write_plan
from tests.suite.test_suite import plus, readme_tests, run_suite, summary

OPTIONS = BuildOptions(package="d2c_cut_sdk")

WIDGET = """---
title: widget resource type
doc_type: resourcePageType
---
# widget resource type

Namespace: microsoft.graph

## Properties

|Property|Type|Description|
|:---|:---|:---|
|id|String|The id.|
|name|String|The name.|
|size|Int32|The size.|

## JSON representation

<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.widget" } -->
```json
{"id": "String", "name": "String", "size": 1024}
```
"""


def api(
    title: str, line: str, request: str, response: str, annotation: str = "", said: str = "a"
) -> str:
    return f"""---
title: "{title}"
doc_type: apiPageType
---
# {title}

## HTTP request

```http
{line}
```

## Response

If successful, this method returns a `200 OK` response code and {said}
[widget](../resources/widget.md) object in the response body.

## Example

<!-- {{ "blockType": "request", "name": "{title.lower().replace(" ", "_")}" }} -->
```http
{request}
```

<!-- {{ "blockType": "response"{annotation} }} -->
```http
{response}
```
"""


TRUNCATED = ', "truncated": true'
JSON_OK = "HTTP/1.1 200 OK\nContent-Type: application/json\n\n"
PAGES = {
    # cut short: no JSON; promises "value" (and "@odata.context", an annotation)
    "widget-list.md": api(
        "List widgets",
        "GET /widgets",
        "GET https://graph.microsoft.com/v1.0/widgets",
        JSON_OK + '{\n  "@odata.context": "x",\n  "value": [\n    {"id": "1"},\n    ...\n  ]\n}',
        TRUNCATED,
        said="a collection of",
    ),
    # annotated as truncated, but whole JSON: exact against the stub, keys live
    "widget-get.md": api(
        "Get widget",
        "GET /widgets/{id}",
        "GET https://graph.microsoft.com/v1.0/widgets/1",
        JSON_OK + '{"id": "1", "name": "a"}',
        TRUNCATED,
    ),
    # not annotated, cut short all the same
    "widget-size.md": api(
        "Get widget size",
        "GET /widgets/{id}/sizes",
        "GET https://graph.microsoft.com/v1.0/widgets/1/sizes",
        JSON_OK + '{"size": 1, "more": [1, 2, ...]}',
    ),
    # a request body cut short: nothing whole to send
    "widget-create.md": api(
        "Create widget",
        "POST /widgets",
        "POST https://graph.microsoft.com/v1.0/widgets\nContent-Type: application/json\n\n"
        '{"name": "a", ...}',
        "HTTP/1.1 201 Created\nContent-Type: application/json\n\n" + '{"id": "2", "name": "a"}',
    ),
}


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Model:
    root = tmp_path_factory.mktemp("docs")
    (root / "api").mkdir()
    (root / "resources").mkdir()
    (root / "resources" / "widget.md").write_text(WIDGET, encoding="utf-8")
    for name, text in PAGES.items():
        (root / "api" / name).write_text(text, encoding="utf-8")
    return read_docs([root])


@pytest.fixture(scope="module")
def built(model: Model, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_plan(build_plan(model, OPTIONS), tmp_path_factory.mktemp("build"))


def test_the_examples_say_what_a_truncated_body_promises(model: Model) -> None:
    _, data, counts = plan_cases(model)
    responses = {key.split("__")[0]: ex["response"] for key, ex in data.items()}
    cut = responses["widget_list"]
    assert cut["truncated"] and cut["elided"] and "json" not in cut
    assert cut["keys"] == ["@odata.context", "value"]
    assert cut["text"].endswith("...\n  ]\n}")  # served and compared as written
    assert responses["widget_get"] == {
        "status": 200,
        "json": {"id": "1", "name": "a"},
        "truncated": True,  # its keys are those of "json"
    }
    assert responses["widget_size"]["keys"] == ["size", "more"]
    assert "truncated" not in responses["widget_create"]
    skip = data[next(k for k in data if k.startswith("widget_create"))]["skip"]
    assert skip == "the documented request body is cut short with '...': nothing whole to send"
    assert counts.elided == 1 and "1 for a request body cut short" in counts.describe()


def test_truncated_examples_pass_against_the_stub(built: Path) -> None:
    declared = (built / "sdk" / "d2c_cut_sdk" / "_paths" / "_widgets.py").read_text("utf-8")
    assert "PageOp[models.Widget]" in declared  # the cut body is a page's: no JSON to read
    done = run_suite(built)
    assert done.returncode == 0, done.stdout[-3000:]
    assert summary(done) == plus({"passed": 3, "skipped": 1}, readme_tests(built))
    assert "request body is cut short" in done.stdout


@pytest.fixture
def checks(built: Path) -> Iterator[Any]:
    """The generated ``example_checks`` module, imported with the SDK beside it."""
    sys.path.insert(0, str(built / "sdk"))
    try:
        with imported("example_checks", built / "tests") as module:
            yield module
    finally:
        sys.path.remove(str(built / "sdk"))
        for name in [n for n in sys.modules if n.partition(".")[0] == "d2c_cut_sdk"]:
            del sys.modules[name]


def live(body: object) -> httpx.Response:
    return httpx.Response(200, content=json.dumps(body).encode(), request=httpx.Request("GET", "/"))


def example(checks: Any, prefix: str) -> Any:
    return next(ex for key, ex in checks.EXAMPLES.items() if key.startswith(prefix))


def test_live_a_truncated_body_promises_the_keys_it_lists(checks: Any) -> None:
    cut = example(checks, "widget_list")
    assert (cut.truncated, cut.elided, cut.listed_keys) == (True, True, ["value"])
    checks.check_shape(cut, live({"value": [{"id": "1"}, {"id": "2"}], "@odata.count": 2}))
    with pytest.raises(AssertionError, match="keys the docs list are missing: value"):
        checks.check_shape(cut, live({"items": []}))
    with pytest.raises(AssertionError, match="array where the docs show object"):
        checks.check_shape(cut, live([1]))
    whole = example(checks, "widget_get")
    assert (whole.truncated, whole.elided, whole.listed_keys) == (True, False, ["id", "name"])
    checks.check_shape(whole, live({"id": "9", "name": "b", "size": 3}))  # more is fine
    with pytest.raises(AssertionError, match="missing: name"):
        checks.check_shape(whole, live({"id": "9"}))
