"""Real signatures and docstrings in the generated SDK (issue 24): every operation call
has its parameters at run time (the body where it takes one, then the options of
``CallOptions``, keyword-only), annotated with the declared types, so that ``help()`` and
``inspect.signature`` show them, and a docstring with the summary, the doc page, the
permissions and one example call; every path method (``by_id``, functions, colon paths)
has a docstring built from its path and parameter names.  On a small doc set (with a
hostile summary), then over the corpus SDK."""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import pydoc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import unquote

import httpx
import pytest

from generator.model import Model
from generator.sdk.plan import sdk_plan
from generator.sdk.render import SdkOptions
from tests.conftest import CorpusBuild
from tests.packages import imported, write_plan
from tests.read.graph_pages import api_page, read_tree, resource

PACKAGE = "d2c_signature_sdk"
BIN = Path(sys.executable).parent
OPTIONS = ["select", "expand", "filter", "orderby", "search", "top", "skip", "count"]
OPTIONS += ["params", "headers"]
# Doc text is untrusted: a summary that would end a docstring or a string, escape, format
HOSTILE = 'List """messages""" with \\ and {0} {} """; import os; """'


def api(title: str, line: str, body: str = "", returns: str = "") -> str:
    answer = f"a `200 OK` response code and {returns}" if returns else "`204 No Content`"
    said = f"If successful, this method returns {answer} in the response body."
    return api_page(title, line, said, body=body)


USER = "[user](../resources/user.md)"
MESSAGE = "[message](../resources/message.md)"
RESOURCES = {
    "user": resource(
        "user",
        {"id": "String", "displayName": "String"},
        {"messages": "[message](message.md) collection"},
    ),
    "message": resource("message", {"id": "String", "subject": "String"}),
}
PAGES = {
    "user-list.md": api("List users", "GET /users", returns=f"a collection of {USER} objects"),
    "user-get.md": api("Get user", "GET /users/{id}", returns=f"a {USER} object"),
    "user-delete.md": api("Delete user", "DELETE /users/{id}"),
    "user-delta.md": api(
        "Get delta", "GET /users/delta", returns=f"a collection of {USER} objects"
    ),
    "user-list-messages.md": api(
        HOSTILE, "GET /users/{id}/messages", returns=f"a collection of {MESSAGE} objects"
    ),
    "user-post-messages.md": api(
        "Create message",
        "POST /users/{id}/messages",
        f"Supply a JSON representation of a {MESSAGE} object.",
        f"a {MESSAGE} object",
    ),
    "user-schedule.md": api(
        "Get schedule", "GET /users/{id}/getSchedule(period='{period}')", returns=f"a {USER} object"
    ),
    "user-file.md": api(
        "Get file", "GET /users/{id}/drive/root:/{item-path}:", returns=f"a {MESSAGE} object"
    ),
}


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Model:
    return read_tree(tmp_path_factory.mktemp("docs"), RESOURCES, PAGES)


@pytest.fixture(scope="module")
def sdk_dir(model: Model, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_plan(sdk_plan(model, SdkOptions(package=PACKAGE)), tmp_path_factory.mktemp("sdk"))


@pytest.fixture(scope="module")
def sdk(sdk_dir: Path) -> Iterator[ModuleType]:
    with imported(PACKAGE, sdk_dir) as module:
        yield module


def keyword_only(call: Any) -> list[inspect.Parameter]:
    return [p for p in inspect.signature(call).parameters.values() if p.kind is p.KEYWORD_ONLY]


def test_every_call_takes_the_options_call_options_types(sdk: Any) -> None:
    """The runtime parameters and the static ``CallOptions`` name the same options, with
    the same types (or None, which leaves an option out)."""
    typed = importlib.import_module(f"{PACKAGE}._node").CallOptions.__annotations__
    declared = {k: getattr(v, "__forward_arg__", v) for k, v in typed.items()}  # as written
    assert list(declared) == OPTIONS
    users = sdk.Client(token="t").users
    for call in (users.get, users.delta.get, users.by_id("1").messages.post):
        options = keyword_only(call)
        assert [p.name for p in options] == OPTIONS
        assert all(p.default is None for p in options)
        for p in options:
            assert p.annotation in (declared[p.name], f"{declared[p.name]} | None"), p


def signature_of(call: Any) -> tuple[list[tuple[str, str]], str]:
    """(the parameters before the options, as (name, annotation)), the return annotation."""
    sig = inspect.signature(call)
    before = [
        (p.name, p.annotation) for p in sig.parameters.values() if p.kind is not p.KEYWORD_ONLY
    ]
    return before, sig.return_annotation


def test_a_call_shows_its_body_and_result_on_sync_and_async_clients(sdk: Any) -> None:
    sync, aio = sdk.Client(token="t"), sdk.AsyncClient(token="t")
    body = [("body", "models.Message | Mapping[str, Any] | None")]
    cases = [
        (lambda c: c.users.get, [], "SyncPage[models.User]", "AsyncPage[models.User]"),
        (lambda c: c.users.by_id("1").get, [], "models.User", "models.User"),
        (lambda c: c.users.by_id("1").delete, [], "None", "None"),
        (
            lambda c: c.users.delta.get,
            [],
            "SyncDeltaPage[models.User]",
            "AsyncDeltaPage[models.User]",
        ),
        (lambda c: c.users.by_id("1").messages.post, body, "models.Message", "models.Message"),
        (
            lambda c: c.users.by_id("1").get_schedule("p").get,
            [],
            "models.User",
            "models.User",
        ),
    ]
    for reach, before, sync_result, async_result in cases:
        assert signature_of(reach(sync)) == (before, sync_result)
        assert signature_of(reach(aio)) == (before, f"Awaitable[{async_result}]")
    # the call keeps its name and the builder class it is declared on
    messages = sync.users.by_id("1").messages
    assert messages.post.__name__ == "post"
    assert messages.post.__qualname__ == f"{type(messages).__qualname__}.post"
    assert messages.post.__module__ == type(messages).__module__


def test_help_shows_the_parameters_and_the_docstring(sdk: Any) -> None:
    post = sdk.Client(token="t").users.by_id("1").messages.post
    text = pydoc.render_doc(post, renderer=pydoc.plaintext)
    head = "post(body: 'models.Message | Mapping[str, Any] | None' = None, *, select: "
    assert head in text
    assert "top: 'int | None' = None" in text and "-> 'models.Message'" in text
    assert post.__doc__ == (
        "Create message.\n\n"
        "Docs: api/user-post-messages.md\n\n"
        "Example:\n    client.users.by_id(id).messages.post(models.Message(...))"
    )
    for line in post.__doc__.splitlines():
        assert line.strip() in text
    builder = pydoc.render_doc(type(post.__self__), renderer=pydoc.plaintext)
    assert " |  post(...)\n |      Create message.\n" in builder  # help() on the class
    get = sdk.Client(token="t").users.get
    assert get.__doc__.endswith("Example:\n    client.users.get(top=5)")
    schedule = sdk.Client(token="t").users.by_id("1").get_schedule("p").get
    assert schedule.__doc__.endswith("client.users.by_id(id).get_schedule(period).get()")


def test_a_call_takes_what_its_signature_shows(sdk: Any) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"value": []})

    client = sdk.Client(token="t", transport=httpx.MockTransport(handler))
    list(client.users.get(top=5, select=["id"], filter=None, params={"x": "1"}))
    client.users.by_id("1").messages.post({"subject": "Hi"}, headers={"X-A": "b"})
    assert unquote(sent[0].url.query.decode()) == "$select=id&$top=5&x=1"  # None: left out
    assert json.loads(sent[1].content) == {"subject": "Hi"} and sent[1].headers["X-A"] == "b"
    with pytest.raises(TypeError, match="topp"):
        client.users.get(topp=5)
    with pytest.raises(TypeError):
        client.users.get({"a": 1})  # a call without a body takes none
    with pytest.raises(TypeError):
        client.users.by_id("1").messages.post({}, 5)  # the options are keyword-only
    assert len(sent) == 2


def test_a_hostile_summary_stays_text(sdk_dir: Path, sdk: Any, model: Model) -> None:
    (title,) = [op.title for op in model.operations if op.source.file.endswith("list-messages.md")]
    assert '"""' in title and "\\" in title and "{}" in title
    call = sdk.Client(token="t").users.by_id("1").messages.get
    assert call.__doc__.splitlines()[0] == title.rstrip(".") + "."
    for path in (sdk_dir / PACKAGE / "_paths").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports = [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
        assert not [n for n in imports if isinstance(n, ast.Import)], path  # no "import os"


HOSTILE_PATHS = {
    "a.md": api("A", 'GET /users/{id"""\\x}/files:/{p\\a"""th}:/x'),
    "b.md": api("B", 'GET /users/f(a=\'{v"""}\')'),
}


def test_hostile_path_text_stays_in_the_docstrings(tmp_path: Path) -> None:
    """Path text reaches path methods' docstrings through the escaping filter: quotes
    and backslashes come back as written, and no docstring ends early."""
    (tmp_path / "docs").mkdir()
    model = read_tree(tmp_path / "docs", {"user": RESOURCES["user"]}, HOSTILE_PATHS)
    folder = write_plan(sdk_plan(model, SdkOptions(package="d2c_hostile_paths")), tmp_path)
    methods = path_methods(folder / "d2c_hostile_paths")
    assert methods and all(doc for _, _, doc in methods)
    with imported("d2c_hostile_paths", folder) as sdk:
        users = sdk.Client(token="t").users
        assert users.by_id.__doc__.endswith(': /users/{id"""\\x}.')
        (files,) = [
            getattr(users.by_id("1"), name) for name in dir(users.by_id("1")) if "files" in name
        ]
        assert '/files:/{p\\a"""th}:.' in " ".join(files.__doc__.split())


def path_methods(package: Path) -> list[tuple[str, str, str | None]]:
    """(module, function, docstring) of every ``def`` in the builders' modules."""
    found = []
    for path in sorted((package / "_paths").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                found.append((path.stem, node.name, ast.get_docstring(node)))
    return found


def test_every_path_method_says_where_it_leads(sdk_dir: Path, sdk: Any) -> None:
    methods = path_methods(sdk_dir / PACKAGE)
    assert methods and all(doc for _, _, doc in methods), methods
    client = sdk.Client(token="t")
    user = client.users.by_id("1")
    assert client.users.by_id.__doc__ == "The User with this id: /users/{id}."
    assert " ".join(user.get_schedule.__doc__.split()) == (
        "The getSchedule function with this period, answering with the User: "
        "/users/{id}/getSchedule(period='{period}')."
    )
    assert " ".join(user.drive.root_path.__doc__.split()) == (
        "The Message at this item_path under root: /users/{id}/drive/root:/{item-path}:."
    )
    assert type(client).users.__doc__ == "The User collection: /users."
    text = pydoc.render_doc(client.users.by_id, renderer=pydoc.plaintext)
    assert "by_id(id: 'str')" in text and "/users/{id}" in text


CHEAP = """
import sys
import {package}
client = {package}.Client(token="t")
post = client.users.by_id("1").messages.post
assert post.__annotations__["return"] == "models.Message" and post.__doc__
assert "inspect" not in sys.modules, "a call's signature imported inspect"
assert "httpx" not in sys.modules and "pydantic" not in sys.modules, "imported too early"
"""


def test_describing_a_call_costs_no_import(sdk_dir: Path) -> None:
    """The annotations are text, written once per operation: binding a call imports
    neither inspect nor the transport."""
    code = CHEAP.format(package=PACKAGE)
    done = subprocess.run([sys.executable, "-c", code], cwd=sdk_dir, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_package_still_passes_mypy_strict(sdk_dir: Path) -> None:
    usage = (
        "from typing import assert_type\n\n"
        f"from {PACKAGE} import Client, models\n"
        f"from {PACKAGE}._runtime import SyncPage\n\n"
        'client = Client(token="t")\n'
        "assert_type(client.users.get(top=5), SyncPage[models.User])\n"
        'assert_type(client.users.by_id("1").get_schedule("p").get(), models.User)\n'
        'message = client.users.by_id("1").messages.post(models.Message(subject="Hi"))\n'
        "assert_type(message, models.Message)\n"
    )
    (sdk_dir / "usage_signatures.py").write_text(usage, encoding="utf-8")
    mypy = subprocess.run(
        [BIN / "mypy", "--strict", "--no-incremental", PACKAGE, "usage_signatures.py"],
        cwd=sdk_dir,
        capture_output=True,
        text=True,
    )
    assert mypy.returncode == 0, mypy.stdout


# Over the corpus ------------------------------------------------------------------------


def expected_return(annotation: str, asynchronous: bool) -> str:
    """What a call declared as ``annotation`` (``BodyPageOp[models.A, list[models.B]]``)
    returns, as text: its first type argument, in a page for a collection."""
    kind, _, rest = annotation.partition("[")
    depth = 0
    end = 0
    while end < len(rest) and not (depth == 0 and rest[end] in ",]"):
        depth += {"[": 1, "]": -1}.get(rest[end], 0)
        end += 1
    result = rest[:end].strip()
    side = "Async" if asynchronous else "Sync"
    if kind in ("PageOp", "BodyPageOp"):
        result = f"{side}Page[{result}]"
    elif kind == "DeltaOp":
        result = f"{side}DeltaPage[{result}]"
    return f"Awaitable[{result}]" if asynchronous else result


@pytest.mark.corpus
def test_corpus_every_path_method_and_call_is_described(
    tmp_path: Path, corpus_build: CorpusBuild
) -> None:
    plan = {p.removeprefix("sdk/"): t for p, t in corpus_build.plan.items() if p.startswith("sdk/")}
    write_plan(plan, tmp_path)
    package = "docs2code_sdk"
    methods = path_methods(tmp_path / package)
    assert len(methods) > 400
    assert [m for m in methods if not m[2]] == []
    calls = 0
    with imported(package, tmp_path) as sdk:
        node_module = importlib.import_module(f"{package}._node")
        cores = {
            flag: node_module.LazyCore(lambda: None, asynchronous=flag) for flag in (False, True)
        }
        for path in sorted((tmp_path / package / "_paths").glob("*.py")):
            module = importlib.import_module(f"{package}._paths.{path.stem}")
            for cls in vars(module).values():
                if not isinstance(cls, type) or cls.__module__ != module.__name__:
                    continue
                for name, value in vars(cls).items():
                    if not isinstance(value, node_module._Operation):
                        continue
                    declared = cls.__annotations__[name]
                    for flag, core in cores.items():
                        call = getattr(cls(core, "/x"), name)
                        assert [p.name for p in keyword_only(call)] == OPTIONS, declared
                        before, result = signature_of(call)
                        assert result == expected_return(declared, flag), declared
                        takes_body = declared.startswith("Body")
                        assert [b[0] for b in before] == (["body"] if takes_body else [])
                    assert "\n\nDocs: " in value.__doc__ and "\n\nExample:\n    client" in (
                        value.__doc__
                    ), (cls, name)
                    calls += 1
        assert sdk.Client is not None
    assert calls > 1500
