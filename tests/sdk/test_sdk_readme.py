"""The generated SDK's README (issue 24): rendered from the model, with install, auth, a
tour of the top-level builders and one example call per area, each a documented example
request; doc text cannot break its Markdown or reach its Python blocks as code; and every
Python block of it runs against the stub server in the generated tests
(``tests/test_readme.py`` of the build), here for a small doc set with a hostile page.
The same run for input_docs/ is in tests/suite/test_suite.py, for the corpus in
tests/suite/test_corpus_suite.py."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.model import Model
from generator.pipeline.plan import build_plan
from generator.render.options import BuildOptions
from generator.sdk.plan import sdk_plan
from generator.sdk.readme import FILE
from generator.sdk.render import SdkOptions
from generator.suite.render import DATA_FILE, README_MODULE
from tests.packages import write_plan
from tests.read.graph_pages import read_tree, resource

PACKAGE = "d2c_readme_sdk"
OPTIONS = BuildOptions(package=PACKAGE)
TEST = f"tests/{README_MODULE}.py"
MARKER = re.compile(r"<!-- docs2code: (.*) -->\n")
HOSTILE_TITLE = "Get `thing` <script>alert(1)</script> ``` [x](javascript:alert) *bold* &amp; | #"
HOSTILE_VALUE = 'a```b"""c\'); __import__("os").system("x") #<script>'
SAFE = "`\"'();<>_!"  # written as they are in the request line; the rest encoded
HOSTILE_BODY = {"name": "```\n<script>alert(1)</script>", "note": '"""; import os'}


def page(title: str, line: str, request: str, body: str, status: str, answer: str) -> str:
    """An API page with one example: ``request`` (a request line and maybe headers and
    a body) answered with ``status`` and ``answer``."""
    quoted = json.dumps(title)
    return f"""---
title: {quoted}
description: "A call."
doc_type: apiPageType
---
# {title}

## HTTP request

```http
{line}
```

## Request body

{body}

## Response

If successful, this method returns a `{status}` response code and a
[widget](../resources/widget.md) object in the response body.

## Examples

### Request

<!-- {{ "blockType": "request", "name": "an_example" }} -->
```http
{request}
```

### Response

<!-- {{ "blockType": "response", "@odata.type": "microsoft.graph.widget" }} -->
```http
HTTP/1.1 {status}
Content-Type: application/json

{answer}
```
"""


BASE = "https://graph.microsoft.com/v1.0"
NO_BODY = "Don't supply a request body for this method."
IN_BODY = "In the request body, supply a JSON representation of a [widget](../resources/widget.md)."
PAGES = {
    "widget-list.md": page(
        "List widgets",
        "GET /widgets",
        f"GET {BASE}/widgets?$select=id,name&$top=2",
        NO_BODY,
        "200 OK",
        '{"value": [{"id": "w1", "name": "one"}, {"id": "w2", "name": "two"}]}',
    ),
    "widget-get.md": page(
        "Get widget",
        "GET /widgets/{id}",
        f"GET {BASE}/widgets/w1",
        NO_BODY,
        "200 OK",
        '{"id": "w1", "name": "one"}',
    ),
    "gadget-create.md": page(
        "Create gadget",
        "POST /gadgets",
        f"POST {BASE}/gadgets\nContent-Type: application/json\n\n{json.dumps(HOSTILE_BODY)}",
        IN_BODY,
        "201 Created",
        '{"id": "g1", "name": "g"}',
    ),
    "thing-get.md": page(
        HOSTILE_TITLE,
        "GET /things/{id}",
        f"GET {BASE}/things/{quote(HOSTILE_VALUE, safe=SAFE)}",
        NO_BODY,
        "200 OK",
        '{"id": "t1", "name": "```\\n<script>"}',
    ),
    "thing-update.md": page(
        "Update thing",
        "PATCH /things/{id}",
        f"PATCH {BASE}/things/t1\nContent-Type: application/json\n\n{json.dumps(HOSTILE_BODY)}",
        IN_BODY,
        "200 OK",
        '{"id": "t1", "name": "x"}',
    ),
}


WIDGET = resource("widget", {"id": "String", "name": "String", "note": "String"})


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Model:
    return read_tree(tmp_path_factory.mktemp("docs"), {"widget": WIDGET}, PAGES)


@pytest.fixture(scope="module")
def built(model: Model, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_plan(build_plan(model, OPTIONS), tmp_path_factory.mktemp("build"))


@pytest.fixture(scope="module")
def readme(built: Path) -> str:
    return (built / "sdk" / FILE).read_text(encoding="utf-8")


def blocks(text: str) -> list[tuple[dict[str, str], str]]:
    """(marker options, code) of every Python block, read with a CommonMark parser: a
    block the README's own test would not see as one is not counted here either."""
    tokens = MarkdownIt("commonmark").parse(text)
    found = []
    for i, token in enumerate(tokens):
        if token.type == "fence" and token.info.strip() == "python":
            before = tokens[i - 1] if i else None
            assert before is not None and before.type == "html_block", token.map
            marker = MARKER.fullmatch(before.content)
            assert marker is not None, before.content
            options = {k: v for k, _, v in (w.partition("=") for w in marker.group(1).split())}
            found.append((options, token.content))
    return found


def examples_data(built: Path) -> dict[str, Any]:
    data = json.loads((built / "tests" / DATA_FILE).read_text(encoding="utf-8"))
    examples: dict[str, Any] = data["examples"]
    return examples


def test_the_readme_has_install_auth_tour_and_examples(readme: str) -> None:
    headings = re.findall(r"^## (.+)$", readme, flags=re.MULTILINE)
    assert headings[:2] == ["Install", "Authenticate"]
    assert {"Use it", "Paging", "Errors", "The API tree", "Examples"} <= set(headings)
    assert "pip install ./sdk" in readme and 'pip install "./sdk[azure]"' in readme
    tour = re.findall(r"^- `client\.(\w+)`", readme, flags=re.MULTILINE)
    assert tour == ["gadgets", "things", "widgets"]  # every top-level builder, one line each
    assert "- `client.widgets`: `widgets`, 2 operations (List widgets; Get widget)\n" in readme
    shown = re.findall(r"^### `client\.(\w+)`$", readme, flags=re.MULTILINE)
    assert shown == tour  # one example per area


def test_each_example_is_a_documented_example_request(readme: str, built: Path) -> None:
    data = examples_data(built)
    found = blocks(readme)
    examples = {o["name"]: (o, code) for o, code in found if o["name"].startswith("example-")}
    assert set(examples) == {"example-gadgets", "example-things", "example-widgets"}
    for options, code in examples.values():
        documented = data[options["example"]]  # the generated tests' own example
        assert documented["skip"] is None
        call = ast.parse(code).body[0]
        assert isinstance(call, ast.Assign) and isinstance(call.value, ast.Call)
        assert ast.unparse(call.targets[0]) == options["value"]
        method = call.value.func
        assert isinstance(method, ast.Attribute) and method.attr == documented["method"].lower()
        if documented["body"] is not None:  # the documented body, as the call's argument
            assert ast.literal_eval(call.value.args[0]) == documented["body"]
    paging = next(code for options, code in found if options["name"] == "paging")
    assert examples["example-gadgets"][0]["returns"] == "model:Widget"
    assert examples["example-widgets"][0]["returns"] == "model:Widget"  # the shortest GET
    assert 'page = client.widgets.get(select=["id", "name"], top=2)' in paging


def test_doc_text_cannot_break_the_markdown_or_reach_the_code(readme: str) -> None:
    tokens = MarkdownIt("commonmark").parse(readme)
    fences = [t for t in tokens if t.type == "fence"]
    assert {t.info.strip() for t in fences} == {"sh", "python"}
    found = blocks(readme)
    assert len([t for t in fences if t.info.strip() == "python"]) == len(found)
    assert readme.count("<!-- docs2code:") == len(found)
    html = [t.content for t in tokens if t.type == "html_block"]
    assert all(MARKER.fullmatch(h) for h in html), html
    inline = [c for t in tokens if t.type == "inline" for c in t.children or []]
    assert not [c for c in inline if c.type == "html_inline"]
    assert not [c for c in inline if c.type in ("image", "em_open", "strong_open")]
    links = [c.attrs["href"] for c in inline if c.type == "link_open"]
    assert links == ["#authenticate"]  # the README's own
    assert HOSTILE_TITLE in _inline_text(tokens)  # shown as written, as text
    strings: set[object] = set()
    for options, code in found:
        tree = ast.parse(code)
        for node in ast.walk(tree):
            assert not (isinstance(node, ast.Name) and node.id == "__import__"), options
            assert not (isinstance(node, ast.Attribute) and node.attr == "system"), options
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                modules = names or [node.module or ""]
                assert set(modules) <= {PACKAGE, "asyncio", "os", "azure.identity"}, options
            if isinstance(node, ast.Constant):
                strings.add(node.value)
    assert HOSTILE_VALUE in strings  # the path value, as a string
    assert HOSTILE_BODY["name"] in strings and HOSTILE_BODY["note"] in strings


def _inline_text(tokens: list[Token]) -> str:
    """The text a reader sees in each paragraph, code spans as their text."""
    return "\n".join(
        "".join(c.content for c in t.children or [] if c.type in ("text", "code_inline"))
        for t in tokens
        if t.type == "inline"
    )


def test_the_readme_is_deterministic(model: Model, tmp_path: Path) -> None:
    first = sdk_plan(model, SdkOptions(package=PACKAGE))[FILE]
    assert sdk_plan(model, SdkOptions(package=PACKAGE))[FILE] == first
    root = tmp_path / "again"
    root.mkdir()
    again = read_tree(root, {"widget": WIDGET}, PAGES)
    assert sdk_plan(again, SdkOptions(package=PACKAGE))[FILE] == first


def run_readme_tests(out: Path) -> subprocess.CompletedProcess[str]:
    """The build's README test in a pytest of its own, as a user runs it."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DOCS2CODE_")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-rs", "-p", "no:cacheprovider", "-W", "error", TEST],
        cwd=out,
        env=clean,
        capture_output=True,
        text=True,
    )


def test_every_block_runs_against_the_stub(built: Path, readme: str) -> None:
    """The generated tests run each Python block of the README: all pass (the azure
    credential's block is skipped without azure-identity)."""
    done = run_readme_tests(built)
    assert done.returncode == 0, done.stdout[-3000:]
    last = done.stdout.splitlines()[-1]
    counts = {word: int(n) for n, word in re.findall(r"(\d+) (passed|skipped|failed)", last)}
    skipped = 0 if _has_azure() else 1  # the credential's block
    expected = {"passed": len(blocks(readme)) + 1 - skipped, "skipped": skipped}
    assert counts == {k: n for k, n in expected.items() if n}


def _has_azure() -> bool:
    import importlib.util

    return importlib.util.find_spec("azure") is not None


def test_a_readme_that_lies_fails_its_test(built: Path, readme: str, tmp_path: Path) -> None:
    """The README's test checks what the README says: a type the call does not return
    fails."""
    out = tmp_path / "out"
    shutil.copytree(built, out)
    lying = readme.replace("returns=page:Widget", "returns=model:Widget", 1)
    assert lying != readme
    (out / "sdk" / FILE).write_text(lying, encoding="utf-8")
    done = run_readme_tests(out)
    assert done.returncode == 1, done.stdout[-3000:]
    assert "1 failed" in done.stdout.splitlines()[-1], done.stdout[-3000:]


def test_the_readme_is_the_wheels_long_description(
    built: Path, readme: str, tmp_path: Path
) -> None:
    """pyproject's ``readme``: the SDK's wheel carries the README as its description, and
    is the file the README's install section names."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp_path, "./sdk"],
        cwd=built,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    assert f"pip install dist/{wheel.name}\n" in readme
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = archive.read(name).decode("utf-8")
    headers, _, description = metadata.partition("\n\n")
    assert "Description-Content-Type: text/markdown" in headers.splitlines()
    assert description == readme
