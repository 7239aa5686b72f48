"""Responses that contradict the docs (issue 13): read tolerantly by default, raised as a
typed error by a strict client.

The runtime (templates/sdk/_runtime.py) and the models of a hand-made type set (enums,
dates, nested models, lists; tests/sdk/test_models.py's SAMPLE_TYPES) are put in one
package and driven through httpx.MockTransport, sync and async, single bodies and pages;
the input_docs SDK checks the client option and the package's exports.  The corpus test
takes every example response body the linter flags with DC505 (a value contradicting its
declared type) and reads it both ways through the runtime.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import re
import sys
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from pydantic import BaseModel, ValidationError

from generator.model import Model, Operation
from generator.read.docs import read_docs
from generator.sdk.models import render_models
from generator.sdk.plan import sdk_plan
from generator.sdk.render import SdkOptions
from tests.packages import imported, write_plan
from tests.sdk.test_models import SAMPLE_TYPES, render, write_models
from tests.sdk.test_runtime import BASE, Server, async_core, static, sync_core
from tests.sdk.test_runtime import render as render_template

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "d2c_tolerance_sdk"


@pytest.fixture(scope="module")
def pkg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """A package holding the runtime and the sample models (``pkg._runtime``, ``pkg.models``)."""
    root = tmp_path_factory.mktemp("tolerance")
    folder = root / PACKAGE
    folder.mkdir()
    (folder / "__init__.py").write_text("", encoding="utf-8")
    (folder / "_version.py").write_text(render_template("_version.py.jinja"), encoding="utf-8")
    (folder / "_runtime.py").write_text(static("_runtime.py"), encoding="utf-8")
    (folder / "models").mkdir()
    for name, text in render(SAMPLE_TYPES).items():
        (folder / "models" / name).write_text(text, encoding="utf-8")
    with imported(PACKAGE, root) as module:
        importlib.import_module(f"{PACKAGE}._runtime")
        importlib.import_module(f"{PACKAGE}.models")
        yield module


@pytest.fixture(scope="module")
def rt(pkg: ModuleType) -> ModuleType:
    return sys.modules[f"{PACKAGE}._runtime"]


@pytest.fixture(scope="module")
def models(pkg: ModuleType) -> ModuleType:
    return sys.modules[f"{PACKAGE}.models"]


def answer(body: Any) -> httpx.Response:
    headers = {"request-id": "rid-1", "Content-Type": "application/json"}
    return httpx.Response(200, content=json.dumps(body).encode(), headers=headers)


def dump(value: BaseModel) -> Any:
    with warnings.catch_warnings():  # pydantic warns that kept values are not of their type
        warnings.simplefilter("ignore")
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)


# --- tolerant by default ----------------------------------------------------------------------

GOOD = {"id": "1", "count": 2, "createdDateTime": "2017-09-14T12:34:53Z"}

# (wire name, a value its type cannot hold, the message kept for it)
BAD = [
    ("count", "5", "Input should be a valid integer"),  # wrong scalar type
    ("id", {"a": [1]}, "Input should be a valid string"),  # object where a scalar is
    ("enabled", "true", "Input should be a valid boolean"),
    ("score", [1.5], "expected a number"),
    ("color", 3, "Input should be 'red', 'lightBlue' or 'unknownFutureValue'"),  # enum
    ("colors", ["red", 4], "[1]: Input should be"),  # an enum item
    ("createdDateTime", 20170101, "expected an ISO 8601 date and time as a string"),
    ("birthday", {"y": 2020}, "expected an ISO 8601 date as a string"),
    ("timeout", 3600, "expected an ISO 8601 duration as a string"),
    ("tags", ["a", 2], "[1]: Input should be a valid string"),  # a list item
    ("tags", "a", "Input should be a valid list"),  # one value for a collection
    ("favorite", "child-value", "Input should be a valid dictionary or instance of Child"),
    ("children", [{"name": "x"}, "oops"], "[1]: Input should be a valid dictionary"),
    ("history", ["2016-12-31T23:59:09Z", 5], "[1]: expected an ISO 8601 date and time"),
]


@pytest.mark.parametrize(("key", "value", "why"), BAD, ids=[f"{k}={v!r}" for k, v, _ in BAD])
def test_a_value_that_does_not_fit_is_kept_and_listed(
    rt: ModuleType, models: ModuleType, key: str, value: Any, why: str
) -> None:
    body = {**GOOD, key: value}
    with sync_core(rt, Server(answer(body))) as core:
        item = core.send("GET", "/sample", expect=models.Sample)
    assert isinstance(item, models.Sample)
    assert list(item.model_invalid) == [key]
    assert item.model_invalid[key].startswith(why), item.model_invalid[key]
    name = {f.serialization_alias or n: n for n, f in models.Sample.model_fields.items()}[key]
    assert getattr(item, name) == value  # the JSON value as received
    assert dump(item) == body  # written back as received
    for other, expected in GOOD.items():  # the rest is parsed as usual
        if other != key:
            assert dump(item)[other] == expected
    if key != "createdDateTime":
        assert item.created_date_time.year == 2017
    with pytest.raises(TypeError):
        item.model_invalid[key] = "changed"  # type: ignore[index]


def test_everything_fits_nothing_listed(rt: ModuleType, models: ModuleType) -> None:
    body = {**GOOD, "color": "purple", "createdDateTime": "datetime-value", "colors": ["red,x"]}
    with sync_core(rt, Server(answer(body))) as core:
        item = core.send("GET", "/sample", expect=models.Sample)
    # Documented leniencies stay what they were: unknown enum text, placeholder dates.
    assert item.model_invalid == {}
    assert item.color == "purple" and item.created_date_time == "datetime-value"
    assert dump(item) == body


def test_nested_and_list_items_keep_their_own(rt: ModuleType, models: ModuleType) -> None:
    body = {
        "count": "many",
        "favorite": {"name": 7, "extra": "e"},
        "children": [
            {"name": "ok"},
            {"@odata.type": "#microsoft.graph.specialChild", "name": ["x"]},
        ],
    }
    with sync_core(rt, Server(answer(body))) as core:
        item = core.send("GET", "/sample", expect=models.Sample)
    assert dict(item.model_invalid) == {"count": "Input should be a valid integer"}
    assert isinstance(item.favorite, models.Child)
    assert item.favorite.name == 7
    assert dict(item.favorite.model_invalid) == {"name": "Input should be a valid string"}
    assert item.favorite.model_extra == {"extra": "e"}
    # a derived type is read as itself, tolerantly too
    assert [type(c) for c in item.children] == [models.Child, models.SpecialChild]
    assert item.children[0].model_invalid == {}
    assert item.children[1].name == ["x"] and list(item.children[1].model_invalid) == ["name"]
    assert dump(item) == body
    # copies and pickles keep what was listed
    assert item.model_copy(deep=True).favorite.model_invalid == item.favorite.model_invalid


def test_a_body_that_is_no_object_is_returned_as_json(rt: ModuleType, models: ModuleType) -> None:
    server = Server(
        answer([1, 2]),
        httpx.Response(200, text="<html>", headers={"Content-Type": "text/html"}),
    )
    with sync_core(rt, server) as core:
        assert core.send("GET", "/sample", expect=models.Sample) == [1, 2]
        assert core.send("GET", "/sample", expect=models.Sample) == "<html>"


def test_validating_or_building_a_model_yourself_stays_strict(models: ModuleType) -> None:
    with pytest.raises(ValidationError):
        models.Sample.model_validate({"count": "5"})
    with pytest.raises(ValidationError):
        models.Sample(count="5")  # request bodies are typed on construction
    with pytest.raises(ValidationError):
        models.Sample(favorite={"name": 7})
    read = models.Sample.model_validate({"count": "5"}, context={"tolerant": True})
    assert read.count == "5" and list(read.model_invalid) == ["count"]
    assert models.Sample(count=5).model_invalid == {}


def test_a_kept_value_is_sent_back_as_received(rt: ModuleType, models: ModuleType) -> None:
    server = Server(answer({"count": "5", "id": "1"}))
    with sync_core(rt, server) as core:
        item = core.send("GET", "/sample", expect=models.Sample)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            core.send("PATCH", "/sample", body=item)
    assert json.loads(server.requests[1].content) == {"count": "5", "id": "1"}


def test_async_is_tolerant_too(rt: ModuleType, models: ModuleType) -> None:
    async def main() -> Any:
        async with async_core(rt, Server(answer({"count": "5"}))) as core:
            return await core.send("GET", "/sample", expect=models.Sample)

    item = asyncio.run(main())
    assert item.count == "5" and list(item.model_invalid) == ["count"]


# --- strict=True ------------------------------------------------------------------------------


def check_error(rt: ModuleType, error: Any, body: Any, loc: tuple[Any, ...]) -> None:
    assert isinstance(error, rt.ResponseValidationError)
    assert isinstance(error, rt.ApiError)
    assert error.status == 200
    assert error.content == json.dumps(body).encode()
    assert error.text == json.dumps(body)
    assert error.body == body
    assert error.request_id == "rid-1"
    assert [e["loc"] for e in error.errors][:1] == [loc]
    assert isinstance(error.__cause__, ValidationError)
    assert str(error).startswith("200 the response body does not fit")


@pytest.mark.parametrize(("key", "value", "why"), BAD, ids=[f"{k}={v!r}" for k, v, _ in BAD])
def test_strict_raises_the_typed_error(
    rt: ModuleType, models: ModuleType, key: str, value: Any, why: str
) -> None:
    body = {**GOOD, key: value}
    with (
        sync_core(rt, Server(answer(body)), strict=True) as core,
        pytest.raises(rt.ResponseValidationError) as caught,
    ):
        core.send("GET", "/sample", expect=models.Sample)
    check_error(rt, caught.value, body, caught.value.errors[0]["loc"])
    assert caught.value.errors[0]["loc"][0] == key
    assert caught.value.expected is models.Sample


def test_strict_nested_and_not_an_object(rt: ModuleType, models: ModuleType) -> None:
    nested = {"favorite": {"name": 7}}
    server = Server(answer(nested), answer([1]))
    with sync_core(rt, server, strict=True) as core:
        with pytest.raises(rt.ResponseValidationError) as caught:
            core.send("GET", "/sample", expect=models.Sample)
        check_error(rt, caught.value, nested, ("favorite", "name"))
        with pytest.raises(rt.ResponseValidationError) as caught:
            core.send("GET", "/sample", expect=models.Sample)
        check_error(rt, caught.value, [1], ())
        assert "the first at the top" in str(caught.value)


def test_strict_async(rt: ModuleType, models: ModuleType) -> None:
    body = {"count": "5"}

    async def main() -> None:
        async with async_core(rt, Server(answer(body)), strict=True) as core:
            await core.send("GET", "/sample", expect=models.Sample)

    with pytest.raises(rt.ResponseValidationError) as caught:
        asyncio.run(main())
    check_error(rt, caught.value, body, ("count",))


def test_strict_takes_what_fits(rt: ModuleType, models: ModuleType) -> None:
    with sync_core(rt, Server(answer({**GOOD, "color": "purple"})), strict=True) as core:
        item = core.send("GET", "/sample", expect=models.Sample)
    assert item.count == 2 and item.color == "purple" and item.model_invalid == {}


# --- pages ------------------------------------------------------------------------------------


def pages(request: httpx.Request) -> httpx.Response:
    """Two pages; the second has an item with a bad property and one that is no object."""
    if "skiptoken" not in str(request.url):
        body: dict[str, Any] = {
            "value": [{"id": "a", "count": 1}],
            "@odata.nextLink": f"{BASE}/samples?$skiptoken=1",
        }
    else:
        body = {"value": [{"id": "b", "count": "2"}, "c", {"id": "d"}]}
    return httpx.Response(200, json=body, headers={"request-id": "rid-1"})


def test_pages_are_tolerant(rt: ModuleType, models: ModuleType) -> None:
    with sync_core(rt, Server(pages)) as core:
        first = core.send("GET", "/samples", expect=models.Sample, collection=True)
        assert first.invalid_items == {}
        second = first.next_page()
        items = list(core.send("GET", "/samples", expect=models.Sample, collection=True))
    assert second.items[1] == "c"
    assert list(second.invalid_items) == [1]
    assert second.invalid_items[1].startswith("Input should be a valid dictionary")
    assert second.items[0].count == "2" and list(second.items[0].model_invalid) == ["count"]
    assert [i if isinstance(i, str) else i.id for i in items] == ["a", "b", "c", "d"]


def test_async_pages_are_tolerant(rt: ModuleType, models: ModuleType) -> None:
    async def main() -> list[Any]:
        async with async_core(rt, Server(pages)) as core:
            page = await core.send("GET", "/samples", expect=models.Sample, collection=True)
            return [item async for item in page]

    items = asyncio.run(main())
    assert [i if isinstance(i, str) else i.id for i in items] == ["a", "b", "c", "d"]
    assert items[1].count == "2"


def test_strict_pages_raise_on_the_page_that_does_not_fit(
    rt: ModuleType, models: ModuleType
) -> None:
    with sync_core(rt, Server(pages), strict=True) as core:
        page = core.send("GET", "/samples", expect=models.Sample, collection=True)
        assert [i.id for i in page.items] == ["a"]
        with pytest.raises(rt.ResponseValidationError) as caught:
            list(page)
    error = caught.value
    assert [e["loc"] for e in error.errors] == [("value", 0, "count"), ("value", 1)]
    assert error.body["value"][1] == "c" and error.status == 200


def test_strict_async_pages(rt: ModuleType, models: ModuleType) -> None:
    async def main() -> list[Any]:
        async with async_core(rt, Server(pages), strict=True) as core:
            page = await core.send("GET", "/samples", expect=models.Sample, collection=True)
            return [item async for item in page]

    with pytest.raises(rt.ResponseValidationError) as caught:
        asyncio.run(main())
    assert caught.value.errors[0]["loc"] == ("value", 0, "count")


# --- the generated client ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    model = read_docs([ROOT / "input_docs"])
    out = write_plan(
        sdk_plan(model, SdkOptions(package="d2c_strict_sdk")), tmp_path_factory.mktemp("s")
    )
    with imported("d2c_strict_sdk", out) as module:
        yield module


def version_server() -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        body = {"id": "1", "size": "big", "lastModifiedBy": {"user": {"displayName": 5}}}
        if request.url.path.endswith("/versions"):
            body = {"value": [body, 7]}
        return httpx.Response(200, json=body)

    return httpx.MockTransport(handler)


def test_client_is_tolerant_unless_strict(sdk: ModuleType) -> None:
    assert "ResponseValidationError" in sdk.__all__
    assert issubclass(sdk.ResponseValidationError, sdk.ApiError)
    with sdk.Client(token="t", transport=version_server()) as client:
        version = client.me.drive.items.by_id("i").versions.by_id("v").get()
        page = client.drives.by_id("d").items.by_id("i").versions.get()
    assert version.size == "big" and list(version.model_invalid) == ["size"]
    assert version.last_modified_by.user.display_name == 5
    assert list(version.last_modified_by.user.model_invalid) == ["displayName"]
    assert page.items[1] == 7 and list(page.invalid_items) == [1]
    with sdk.Client(token="t", transport=version_server(), strict=True) as client:
        with pytest.raises(sdk.ResponseValidationError) as caught:
            client.me.drive.items.by_id("i").versions.by_id("v").get()
        assert {e["loc"] for e in caught.value.errors} == {
            ("size",),
            ("lastModifiedBy", "user", "displayName"),
        }
        with pytest.raises(sdk.ResponseValidationError):
            client.drives.by_id("d").items.by_id("i").versions.get()


def test_async_client_strict(sdk: ModuleType) -> None:
    async def main(strict: bool) -> Any:
        transport = version_server()
        async with sdk.AsyncClient(token="t", transport=transport, strict=strict) as client:
            return await client.me.drive.items.by_id("i").versions.by_id("v").get()

    assert asyncio.run(main(False)).size == "big"
    with pytest.raises(sdk.ResponseValidationError):
        asyncio.run(main(True))


# --- the corpus: every example response body DC505 flags ---------------------------------------


def _response_type(op: Operation, annotation: Any) -> tuple[str, bool] | None:
    """(full type name, collection) of an example response, as DC505 finds it."""
    if annotation is not None and annotation.odata_type:
        name = str(annotation.odata_type).strip().lstrip("#")
        collection = annotation.is_collection
        if name.lower().startswith("collection(") and name.endswith(")"):
            name, collection = name[len("collection(") : -1].strip().lstrip("#"), True
        return name, collection
    stated = {r.type.name: r.type for r in op.responses if r.type is not None}
    if len(stated) != 1:
        return None
    [ref] = stated.values()
    return ref.name, ref.is_collection or bool(annotation is not None and annotation.is_collection)


@pytest.mark.corpus
def test_corpus_dc505_bodies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rt: ModuleType, corpus_model: Model
) -> None:
    import os

    from generator.lint.config import LintConfig
    from generator.lint.engine import lint
    from generator.lint.registry import RULES

    model = corpus_model  # read once per test run (tests/conftest.py)
    flagged: dict[str, list[tuple[int, str]]] = {}
    for finding in lint(model, RULES, LintConfig()).findings:
        if finding.code == "DC505":
            flagged.setdefault(finding.span.file, []).append((finding.span.line, finding.message))

    name = f"_d2c_corpus_models_{os.getpid()}"
    write_models(render_models(model.types), tmp_path, name)
    sys.path.insert(0, str(tmp_path))
    try:
        corpus_models = importlib.import_module(f"{name}.models")
    finally:
        sys.path.remove(str(tmp_path))
    registry = corpus_models.MODELS
    folded = {k.lower(): v for k, v in registry.items()}

    counts: Counter[str] = Counter()
    lenient: Counter[str] = Counter()
    problems: list[str] = []
    for op in model.operations:
        lines = flagged.get(op.source.file)
        if not lines:
            continue
        for ex in op.examples:
            r = ex.response
            if r is None or r.body is None or not isinstance(r.body.json, dict):
                continue
            last = r.body.line + r.body.text.count("\n")
            messages = [m for line, m in lines if r.body.line <= line <= last]
            if not messages:
                continue  # the findings are in a request body or another example
            counts["flagged response bodies"] += 1
            counts["findings in them"] += len(messages)
            found = _response_type(op, r.annotation)
            cls = None if found is None else registry.get(found[0]) or folded.get(found[0].lower())
            if cls is None:
                counts["no model for the type"] += 1
                continue
            body = r.body.json
            collection = _collection(body, found is not None and found[1], cls)
            counts["read"] += 1
            where = f"{r.span.file}:{r.span.line} {cls.__name__}"
            content = json.dumps(body).encode()
            response = httpx.Response(200, content=content, headers={"request-id": "r"})
            with sync_core(rt, Server(response)) as core:
                try:
                    got = core.send("GET", "/x", expect=cls, collection=collection)
                except Exception as error:  # the point: nothing is raised
                    problems.append(f"{where}: tolerant raised {type(error).__name__}: {error}")
                    continue
            kept = _kept(got.items if collection else [got])
            counts["tolerant: parsed"] += 1
            counts["tolerant: values kept as received"] += kept
            with sync_core(rt, Server(response), strict=True) as core:
                try:
                    core.send("GET", "/x", expect=cls, collection=collection)
                except rt.ResponseValidationError as error:
                    counts["strict: ResponseValidationError"] += 1
                    if error.content != content or not error.errors:
                        problems.append(f"{where}: strict error without the body or errors")
                    if kept == 0:
                        problems.append(f"{where}: strict raised, tolerant kept nothing")
                except Exception as error:
                    problems.append(f"{where}: strict raised {type(error).__name__}: {error}")
                else:
                    counts["strict: parsed (the SDK's types accept it)"] += 1
                    if kept:
                        problems.append(f"{where}: strict parsed, tolerant kept {kept}")
                    lenient.update(_why_accepted(messages))

    with capsys.disabled():
        print()
        print(f"[dc505] {sum(len(v) for v in flagged.values())} DC505 findings")
        for what, n in counts.items():
            print(f"[dc505] {n} {what}")
        for what, n in lenient.most_common():
            print(f"[dc505]   accepted by design: {n} {what}")
        for line in problems[:40]:
            print(f"[dc505]   PROBLEM {line}")
    assert counts["read"] > 0
    assert not problems, problems[:20]
    assert counts["tolerant: parsed"] == counts["read"]
    # A flagged body that a strict client reads holds only what the SDK's types take by
    # design: date placeholders ("datetime-value") and enum values the docs do not list.
    assert not [why for why in lenient if why.startswith("other")], lenient


def _collection(body: dict[str, Any], annotated: bool, cls: type[BaseModel]) -> bool:
    """Whether DC505 reads ``body`` as a collection: annotated so, or ``{"value": [{...}]}``
    (and annotations) for a type without a ``value`` property; the SDK's page op does."""
    items = body.get("value")
    if not isinstance(items, list):
        return False
    if annotated:
        return True
    wire = {f.serialization_alias or n for n, f in cls.model_fields.items()}
    return (
        "value" not in wire
        and all(isinstance(item, dict) for item in items)
        and all(key == "value" or "@" in key for key in body)
    )


def _kept(items: list[Any]) -> int:
    """Values kept as received anywhere in ``items`` (models and their nested models)."""
    total = 0
    stack: list[Any] = list(items)
    while stack:
        value = stack.pop()
        if isinstance(value, BaseModel):
            invalid = getattr(value, "model_invalid", {})
            total += len(invalid)
            stack.extend(
                getattr(value, n) for n in type(value).model_fields if n not in _kept_names(value)
            )
        elif isinstance(value, list):
            stack.extend(value)
    return total


def _kept_names(value: BaseModel) -> set[str]:
    fields = type(value).model_fields
    wire = {f.serialization_alias or n: n for n, f in fields.items()}
    return {wire.get(k, k) for k in getattr(value, "model_invalid", {})}


_ACCEPTED = [
    (re.compile(r"is Edm\.DateTimeOffset .*gives a string"), "date text, not ISO 8601 (str)"),
    (re.compile(r"not one of its members"), "enum text that is no member (str)"),
]


def _why_accepted(messages: list[str]) -> list[str]:
    """Why the SDK's types take a body DC505 flags, one reason per finding in it."""
    reasons = []
    for message in messages:
        reason = next((why for pattern, why in _ACCEPTED if pattern.search(message)), None)
        reasons.append(reason or f"other: {message[:150]}")
    return reasons
