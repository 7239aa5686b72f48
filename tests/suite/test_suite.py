"""The generated example tests for input_docs/: built next to the SDK and the stub server,
they pass (in a pytest of their own), pass mypy --strict and ruff, are deterministic,
cannot be made to run doc text, and in live mode send reads and skip writes."""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.model import Model
from generator.pipeline.plan import build_plan
from generator.read.docs import read_docs
from generator.render.options import BuildOptions
from generator.suite.render import README_MODULE, SDK_README, examples, render_suite
from tests.packages import write_plan

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
OPTIONS = BuildOptions(package="d2c_suite_sdk")
RULES = "E,F,W,I,B,UP,SIM,RUF"  # the project's ruff selection


@pytest.fixture(scope="module")
def model() -> Model:
    return read_docs([ROOT / "input_docs"])


@pytest.fixture(scope="module")
def built(model: Model, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_plan(build_plan(model, OPTIONS), tmp_path_factory.mktemp("build"))


def run_suite(out: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """The generated suite in a pytest of its own, as a user runs it from a checkout."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DOCS2CODE_")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-rsx", "-p", "no:cacheprovider", "-W", "error", "tests"],
        cwd=out,
        env={**clean, **env},
        capture_output=True,
        text=True,
    )


def summary(done: subprocess.CompletedProcess[str]) -> dict[str, int]:
    last = done.stdout.strip().splitlines()[-1]
    return {word: int(n) for n, word in re.findall(r"(\d+) (\w+)", last)}


def readme_tests(out: Path, live: bool = False) -> dict[str, int]:
    """What the README's test module adds to a run (tests/test_readme.py): a test that it
    was read, and one per Python block of the SDK's README, skipped in live mode or when
    the block needs a module that is not installed (azure-identity)."""
    text = (out / "sdk" / SDK_README).read_text(encoding="utf-8")
    blocks = re.findall(r"^<!-- docs2code: (.*) -->\n`{3,}python$", text, flags=re.MULTILINE)
    missing = [
        b
        for b in blocks
        if (m := re.search(r"requires=(\S+)", b))
        and importlib.util.find_spec(m[1].split(".")[0]) is None
    ]
    skipped = len(blocks) if live else len(missing)
    return {"passed": 1 + len(blocks) - skipped, "skipped": skipped}


def plus(counts: dict[str, int], more: dict[str, int]) -> dict[str, int]:
    found = {k: counts.get(k, 0) + more.get(k, 0) for k in {*counts, *more}}
    return {k: n for k, n in found.items() if n}


def test_every_example_gets_a_test_that_passes_against_the_stub(model: Model, built: Path) -> None:
    done = run_suite(built)
    assert done.returncode == 0, done.stdout[-3000:]
    pairs = examples(model)
    expected = {"passed": len(pairs) - 1, "skipped": 1}  # seed 000: DC301, DC302
    assert summary(done) == plus(expected, readme_tests(built))
    assert "DC301" in done.stdout and "DC302" in done.stdout
    names = re.findall(r"^def (test_\w+)", _tests_text(built), flags=re.MULTILINE)
    assert len(names) == len(set(names)) == len(pairs)
    assert "test_driveitem_list_versions__example_1" in names


def _tests_text(out: Path) -> str:
    """The example tests' modules."""
    modules = [p for p in sorted((out / "tests").glob("test_*.py")) if p.stem != README_MODULE]
    return "".join(p.read_text(encoding="utf-8") for p in modules)


def test_tests_call_the_builders_and_name_their_page(built: Path) -> None:
    text = (built / "tests" / "test_api_driveitem.py").read_text(encoding="utf-8")
    assert 'client.me.drive.items.by_id("{item-id}").versions.get(headers=x.headers)' in text
    assert "api/driveitem-list-versions.md, line 58" in text
    listitem = (built / "tests" / "test_api_listitemversion.py").read_text(encoding="utf-8")
    assert 'params={"expand": "fields"}' in listitem  # no $: not an OData keyword
    data = json.loads((built / "tests" / "examples.json").read_text(encoding="utf-8"))
    assert data["examples"]["driveitem_list_versions__example_1"]["response"]["status"] == 200


def test_generated_tests_pass_mypy_strict_and_ruff(built: Path) -> None:
    env = {**os.environ, "MYPYPATH": os.pathsep.join(["sdk", "stubs"])}
    mypy = subprocess.run(
        [BIN / "mypy", "--strict", "--no-incremental", "tests"],
        cwd=built,
        env=env,
        capture_output=True,
        text=True,
    )
    assert mypy.returncode == 0, mypy.stdout
    ruff = subprocess.run(
        [BIN / "ruff", "check", "--isolated", "--select", RULES, "--line-length", "100", "tests"],
        cwd=built,
        capture_output=True,
        text=True,
    )
    assert ruff.returncode == 0, ruff.stdout


def test_rendering_is_deterministic(model: Model) -> None:
    first = render_suite(model, "docs2code_sdk", "docs2code_stubs")
    assert render_suite(model, "docs2code_sdk", "docs2code_stubs") == first
    again = read_docs([ROOT / "input_docs"])  # a fresh read, too
    assert render_suite(again, "docs2code_sdk", "docs2code_stubs") == first


def test_bad_package_names_are_refused(model: Model) -> None:
    with pytest.raises(ValueError, match="not a valid package name"):
        render_suite(model, "x; import os", "docs2code_stubs")


# --- live mode ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def served(built: Path) -> Iterator[str]:
    """The generated stub server on a real socket: a stand-in for the live service."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", f"{OPTIONS.stubs_package}.app:app", "--port", str(port)],
        cwd=built / "stubs",
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the stub server did not start"
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/v1.0"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_live_mode_sends_reads_and_skips_writes(built: Path, served: str) -> None:
    done = run_suite(built, DOCS2CODE_BASE_URL=served, DOCS2CODE_TOKEN="t0ken")
    assert done.returncode == 0, done.stdout[-3000:]
    assert f"requests go to {served} (live" in done.stdout
    expected = {"passed": 5, "skipped": 5}  # 5 reads; 4 POSTs and seed 000
    assert summary(done) == plus(expected, readme_tests(built, live=True))
    assert re.search(r"SKIPPED \[4\] .*POST writes; DOCS2CODE_ALLOW_WRITES=1 sends it", done.stdout)


def test_live_mode_sends_writes_when_allowed(built: Path, served: str) -> None:
    done = run_suite(built, DOCS2CODE_BASE_URL=served, DOCS2CODE_ALLOW_WRITES="1")
    assert done.returncode == 0, done.stdout[-3000:]
    assert summary(done) == plus({"passed": 9, "skipped": 1}, readme_tests(built, live=True))


# --- doc text is data ----------------------------------------------------------------------------

EVIL_PATH = "a\"\"\"b');__import__('os')#"
EVIL = f'''---
title: "Evil \\"\\"\\" + __import__('os').system('x') + \\"\\"\\""
description: "x"
doc_type: apiPageType
---
# Evil

## HTTP request

```http
GET /evil/{{id}}/things
```

## Response

If successful, this method returns a `200 OK` response code.

## Examples

### Example """ + __import__('os').system('x') + """

<!-- {{ "blockType": "request", "name": "evil\\"\\"\\"); import os; #" }} -->
```http
GET https://graph.microsoft.com/v1.0/evil/{EVIL_PATH}/things?$filter=n eq '""");os.system("x")'&x=")
X-Evil: "); import os #
```

<!-- {{ "blockType": "response" }} -->
```http
HTTP/1.1 200 OK
Content-Type: application/json

{{"value": [{{"name": "\\"\\"\\"; import os"}}]}}
```
'''


def test_doc_text_cannot_inject_code_into_tests(tmp_path: Path) -> None:
    docs = tmp_path / "docs" / "api"
    docs.mkdir(parents=True)
    (docs / "evil-thing.md").write_text(EVIL, encoding="utf-8")
    model = read_docs([tmp_path / "docs"])
    plan = render_suite(model, "evil_sdk", "evil_stubs")
    module = plan["test_api_evil.py"]
    assert ".by_id(" in module and "things.get(" in module  # sent through the builders
    tree = ast.parse(module)
    strings = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)}
    assert EVIL_PATH in strings
    assert """n eq '\"\"\");os.system("x")'""" in strings  # the $filter keyword, as data
    for rel, text in plan.items():
        if not rel.endswith(".py"):
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                assert node.func.attr != "system", rel
            if isinstance(node, ast.Name):
                assert node.id != "__import__", rel
            if rel == f"{README_MODULE}.py":
                continue  # no doc text: the README's blocks, read at run time
            if isinstance(node, ast.Import | ast.ImportFrom) and rel.startswith("test_"):
                names = [node.module] if isinstance(node, ast.ImportFrom) else []
                assert set(names) <= {"__future__", "evil_sdk", "example_checks"}, rel
    out = write_plan(build_plan(model, BuildOptions(package="evil_sdk")), tmp_path / "out")
    done = run_suite(out)
    assert done.returncode == 0, done.stdout[-3000:]
    assert summary(done) == plus({"passed": 1}, readme_tests(out))
    readme = (out / "sdk" / SDK_README).read_text(encoding="utf-8")
    assert "client.evil.by_id(" in readme  # the evil example, run by the README's test


NOT_FOUND = """---
title: "Get widget"
description: "Get a widget."
doc_type: apiPageType
---
# Get widget

## HTTP request

```http
GET /widgets/{id}
```

## Response

If successful, this method returns a `200 OK` response code.

## Examples

### Example 1: a widget that does not exist

<!-- { "blockType": "request", "name": "get_missing_widget" } -->
```http
GET https://graph.microsoft.com/v1.0/widgets/missing?$select=id,name&$top=1
```

<!-- { "blockType": "response" } -->
```http
HTTP/1.1 404 Not Found
Content-Type: application/json

{"error": {"code": "itemNotFound", "message": "No widget 'missing'."}}
```
"""


def test_a_documented_error_must_raise_the_sdks_api_error(tmp_path: Path) -> None:
    docs = tmp_path / "docs" / "api"
    docs.mkdir(parents=True)
    (docs / "widget-get.md").write_text(NOT_FOUND, encoding="utf-8")
    out = write_plan(build_plan(read_docs([tmp_path / "docs"]), OPTIONS), tmp_path / "out")
    module = (out / "tests" / "test_api_widget.py").read_text(encoding="utf-8")
    assert 'select=["id", "name"], top=1, headers=x.headers' in module
    done = run_suite(out)
    assert done.returncode == 0, done.stdout[-3000:]
    assert summary(done) == plus({"passed": 1}, readme_tests(out))
    readme = (out / "sdk" / SDK_README).read_text(encoding="utf-8")
    errors = readme.partition("name=errors example=widget_get__example_1")[2]  # the 404
    assert 'client.widgets.by_id("missing").get(' in errors.partition("```\n\n")[0]
