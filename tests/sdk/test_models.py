"""The SDK's models (generator/sdk/models.py, templates/sdk/models.py.jinja, filters).

The template is rendered for input_docs and for small hand-made type sets, formatted with
black, written as a module, imported and driven: classes, aliases, inheritance, enums,
collections, kept extras, and the round trip of every documented example response body
(parse, then ``model_dump(mode="json", by_alias=True, exclude_unset=True)`` gives the same
JSON value).  The rendered input_docs module must pass ``mypy --strict`` and ruff.  The
corpus test measures the same over the Graph v1.0 docs.

"Same JSON" is compared as ``json.dumps(..., sort_keys=True)``: member order of objects
is not significant in JSON, every other difference is (``5`` vs ``5.0``, ``1`` vs ``true``,
``"...9Z"`` vs ``"...9+00:00"``).
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
import json
import pickle
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as time_of_day
from enum import Enum
from pathlib import Path
from types import ModuleType
from typing import Any

import black
import pytest
from black.strings import normalize_string_quotes
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError

from generator.model import EnumMember, Model, Property, Span, TypeDef, TypeKind, TypeRef
from generator.read.docs import read_docs
from generator.sdk.filters import pycomment, pydoc, pystr, pystrs
from generator.sdk.models import (
    RUNTIME_BASE,
    annotation,
    model_names,
    models_context,
    render_models,
    summary,
)

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
BLACK_MODE = black.Mode(line_length=100)
CORPUS_FLOOR = 0.98  # measured 1086/1102 = 98.5%; each failure is a doc error (test output)


def wire_names(cls: Any) -> dict[str, str]:
    """Python field name -> wire name (fields named like their wire name have no alias).
    The model is built first: the alias generator reaches a field whose type is a later
    class when the class is complete (defer_build), as on first use."""
    cls.model_rebuild()
    return {n: f.serialization_alias or n for n, f in cls.model_fields.items()}


# --- building types by hand -------------------------------------------------------------------

SPAN = Span("resources/x.md", 1, 1)


def ref(name: str, kind: TypeKind = TypeKind.PRIMITIVE, collection: bool = False) -> TypeRef:
    return TypeRef(name=name, kind=kind, is_collection=collection, raw=name)


def prop(name: str, type_: TypeRef, description: str = "") -> Property:
    return Property(name, type_, description, False, None, False, SPAN)


def typedef(
    name: str,
    *props: Property,
    namespace: str = "microsoft.graph",
    base: str | None = None,
    description: str = "",
    members: Sequence[EnumMember] = (),
) -> TypeDef:
    kind = TypeKind.ENUM if members else TypeKind.COMPLEX
    return TypeDef(
        name, namespace, kind, base, description, tuple(props), tuple(members),
        None, False, (), None, SPAN,
    )  # fmt: skip


def complex_ref(name: str, collection: bool = False) -> TypeRef:
    return ref(f"microsoft.graph.{name}", TypeKind.COMPLEX, collection)


def enum_ref(name: str, collection: bool = False) -> TypeRef:
    return ref(f"microsoft.graph.{name}", TypeKind.ENUM, collection)


# --- rendering and importing ------------------------------------------------------------------

_counter = iter(range(1_000_000))


def render(types: Sequence[TypeDef]) -> dict[str, str]:
    """The models package of ``types``: file name -> text, as black formats it."""
    return {
        name: black.format_str(text, mode=BLACK_MODE) for name, text in render_models(types).items()
    }


def write_models(files: dict[str, str], directory: Path, package: str = "pkg") -> Path:
    """``files`` as ``directory/package/models/``, under an empty ``package`` (the model
    modules name their package as ``..models`` for type checkers); returns the folder
    holding ``package``."""
    (directory / package / "models").mkdir(parents=True)
    (directory / package / "__init__.py").write_text("", encoding="utf-8")
    for name, text in files.items():
        (directory / package / "models" / name).write_text(text, encoding="utf-8")
    return directory


def load(files: dict[str, str], directory: Path) -> ModuleType:
    """Write the models package ``files`` under ``directory`` and import it (a fresh name
    each time, left in sys.modules so that its classes can still be imported lazily)."""
    name = f"_docs2code_models_{next(_counter)}"
    write_models(files, directory, name)
    sys.path.insert(0, str(directory))
    try:
        return importlib.import_module(f"{name}.models")
    finally:
        sys.path.remove(str(directory))


def dump(value: BaseModel) -> Any:
    return value.model_dump(mode="json", by_alias=True, exclude_unset=True)


def same_json(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


# --- the round trip of example bodies ---------------------------------------------------------


@dataclass(frozen=True)
class Body:
    where: str  # file:line
    type_name: str  # as the annotation writes it, without Collection(...)
    collection: bool
    value: Any
    text: str | None  # the body text when it is strict JSON


def annotated_bodies(model: Model) -> Iterator[Body]:
    """Every example response whose annotation names a type, with a JSON body."""
    for op in model.operations:
        for ex in op.examples:
            r = ex.response
            if r is None or r.annotation is None or not r.annotation.odata_type:
                continue
            name = r.annotation.odata_type.strip().lstrip("#")
            collection = r.annotation.is_collection
            if name.lower().startswith("collection(") and name.endswith(")"):
                name, collection = name[len("Collection(") : -1].strip().lstrip("#"), True
            if r.body is None or r.body.json is None:
                continue
            text = r.body.text if r.body.json_error is None else None
            yield Body(f"{r.span.file}:{r.span.line}", name, collection, r.body.json, text)


class Registry:
    """The generated module's MODELS, found by full name exactly or ignoring case."""

    def __init__(self, module: ModuleType) -> None:
        self.models: dict[str, type[BaseModel]] = module.MODELS
        self.folded = {k.lower(): v for k, v in self.models.items()}
        self.adapters: dict[type[BaseModel], TypeAdapter[Any]] = {}

    def find(self, name: str) -> type[BaseModel] | None:
        return self.models.get(name) or self.folded.get(name.lower())

    def list_of(self, cls: type[BaseModel]) -> TypeAdapter[Any]:
        if cls not in self.adapters:
            self.adapters[cls] = TypeAdapter(list[cls])  # type: ignore[valid-type]
        return self.adapters[cls]


def round_trip(registry: Registry, body: Body) -> tuple[str, str]:
    """(outcome, detail): "ok", "differs", "invalid" (does not parse), "unknown type"."""
    cls = registry.find(body.type_name)
    if cls is None:
        return "unknown type", body.type_name
    value = body.value
    has_value_field = "value" in wire_names(cls)
    try:
        if isinstance(value, list):
            adapter = registry.list_of(cls)
            out: Any = adapter.dump_python(
                adapter.validate_python(value), mode="json", by_alias=True, exclude_unset=True
            )
        elif (
            isinstance(value, dict)
            and isinstance(value.get("value"), list)
            and (body.collection or not has_value_field)
        ):
            adapter = registry.list_of(cls)
            items = adapter.validate_python(value["value"])
            out = {
                **value,
                "value": adapter.dump_python(items, mode="json", by_alias=True, exclude_unset=True),
            }
        else:
            out = dump(cls.model_validate(value))
            if body.text is not None:  # JSON mode must agree with Python mode
                assert dump(cls.model_validate_json(body.text)) == out
    except ValidationError as e:
        first = e.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        return "invalid", f"{first['type']} at {loc}: {first['input']!r:.60}"
    if same_json(out, value):
        return "ok", ""
    return "differs", json.dumps(out, sort_keys=True)[:200]


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def docs() -> Model:
    return read_docs([ROOT / "input_docs"])


@pytest.fixture(scope="module")
def docs_code(docs: Model) -> dict[str, str]:
    return render(docs.types)


@pytest.fixture(scope="module")
def docs_file(docs_code: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of the models package (``.../pkg``, with ``pkg/models``)."""
    return write_models(docs_code, tmp_path_factory.mktemp("models")) / "pkg"


@pytest.fixture(scope="module")
def gen(docs_code: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return load(docs_code, tmp_path_factory.mktemp("gen"))


SAMPLE_TYPES = (
    typedef(
        "sample",
        prop("id", ref("Edm.String")),
        prop("createdDateTime", ref("Edm.DateTimeOffset")),
        prop("birthday", ref("Edm.Date")),
        prop("startTime", ref("Edm.TimeOfDay")),
        prop("timeout", ref("Edm.Duration")),
        prop("score", ref("Edm.Double")),
        prop("count", ref("Edm.Int64")),
        prop("enabled", ref("Edm.Boolean")),
        prop("color", enum_ref("color")),
        prop("colors", enum_ref("color", collection=True)),
        prop("tags", ref("Edm.String", collection=True)),
        prop("children", complex_ref("child", collection=True)),
        prop("favorite", complex_ref("child")),
        prop("mystery", ref("Something", TypeKind.UNKNOWN)),
        prop("missing", complex_ref("notInTheDocs")),
        prop("blob", complex_ref("Json")),
        prop("history", ref("Edm.DateTimeOffset", collection=True)),
        description="A sample. With a second sentence that is left out of the docstring.",
    ),
    typedef("child", prop("name", ref("Edm.String"))),
    typedef("specialChild", prop("extra", ref("Edm.Int32")), base="microsoft.graph.child"),
    typedef("Json"),
    typedef(
        "color",
        members=(
            EnumMember("red", "0", "Red."),
            EnumMember("lightBlue", "1", ""),
            EnumMember("unknownFutureValue", None, ""),
        ),
    ),
)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return load(render(SAMPLE_TYPES), tmp_path_factory.mktemp("sample"))


# --- filters ----------------------------------------------------------------------------------

NASTY = [
    '"""; import os; os.system("x") #',
    "'''\\",
    'ends with a quote"',
    'ends with two ""',
    "back\\slash \\n \\x00 \\N{BULLET} \\",
    "line\nbreak\r\ncarriage\rreturn\x0bvt\x0cff\x1c\x1d\x1e\x85\u2028\u2029",
    "nul\x00byte and \ud800 lone surrogate and \t tab",
    '"' * 7,
    "",
]


@pytest.mark.parametrize("text", NASTY)
def test_pystr_is_one_literal_of_the_text(text: str) -> None:
    assert ast.literal_eval(pystr(text)) == text
    tree = ast.parse(f"x = {pystr(text)}")
    assert len(tree.body) == 1


@given(st.text())
def test_pystr_round_trips_any_text(text: str) -> None:
    assert ast.literal_eval(pystr(text)) == text


@given(st.text())
def test_pystr_quotes_as_black_quotes(text: str) -> None:
    """Black's normalize_string_quotes changes nothing (and would make repr's this)."""
    assert normalize_string_quotes(pystr(text)) == pystr(text)
    assert normalize_string_quotes(repr(text)) == pystr(text)


@given(st.text())
def test_pystrs_is_the_text_as_one_expression_black_keeps(text: str) -> None:
    literal = pystrs(text, 8, width=40)
    assert ast.literal_eval(literal) == text
    formatted = black.format_str(f"f(\n        {literal},\n)\n", mode=BLACK_MODE)
    call = ast.parse(formatted).body[0]
    assert isinstance(call, ast.Expr) and isinstance(call.value, ast.Call)
    assert [ast.literal_eval(a) for a in call.value.args] == [text]


def test_pystrs_cuts_a_long_text_after_spaces_into_lines_that_fit() -> None:
    text = "work: " + ", ".join(f"Scope{i}.ReadWrite.All" for i in range(12))
    assert pystrs("short", 8) == '"short"'
    literal = pystrs(text, 8, width=60)
    lines = literal.splitlines()
    assert lines[0] == "(" and lines[-1] == "        )" and len(lines) > 4
    assert all(len(line) <= 60 for line in lines)
    assert all(ast.literal_eval(line.strip()).endswith(" ") for line in lines[1:-2])
    assert ast.literal_eval(literal) == text
    assert pystrs("x" * 80, 8, width=60) == pystr("x" * 80)  # one word: nothing to cut


@pytest.mark.parametrize("text", NASTY)
def test_pydoc_is_one_docstring(text: str) -> None:
    source = f"class C:\n    {pydoc(text, 4)}\n    x = 1\n"
    tree = ast.parse(source)
    cls = tree.body[0]
    assert isinstance(cls, ast.ClassDef) and len(cls.body) == 2
    doc = ast.get_docstring(cls, clean=False)
    assert doc is not None and doc.split() == text.split()


@given(st.text())
def test_pydoc_keeps_every_word(text: str) -> None:
    literal = pydoc(text, 8, width=40)
    assert ast.literal_eval(literal).split() == text.split()
    # black accepts it as a docstring and keeps it one statement
    formatted = black.format_str(f"def f():\n    {literal}\n", mode=BLACK_MODE)
    func = ast.parse(formatted).body[0]
    assert isinstance(func, ast.FunctionDef) and len(func.body) == 1


@pytest.mark.parametrize("text", NASTY)
def test_pycomment_stays_a_comment(text: str) -> None:
    source = f"x = 1  # {pycomment(text)}\ny = 2\n"
    tree = ast.parse(source)
    assert [type(n) for n in tree.body] == [ast.Assign, ast.Assign]
    assert "\n" not in pycomment(text) and "\r" not in pycomment(text)


@given(st.text())
def test_pycomment_never_ends_the_line(text: str) -> None:
    tree = ast.parse(f"x = 1  #: {pycomment(text)}\n")
    assert len(tree.body) == 1
    assert pycomment(text).isprintable()


# --- names and the context --------------------------------------------------------------------


def test_model_names_unique_across_namespaces_and_deterministic() -> None:
    types = [
        typedef("session"),
        typedef("session", namespace="microsoft.graph.callRecords"),
        typedef("Enum", members=(EnumMember("a", None, ""),)),
        typedef("graphModel"),
        typedef("listItemVersion"),
    ]
    names = model_names(types)
    assert names == {
        "microsoft.graph.callRecords.session": "Session",  # first in sorted order
        "microsoft.graph.session": "GraphSession",
        "microsoft.graph.Enum": "GraphEnum",  # Enum is a runtime name
        "microsoft.graph.graphModel": "GraphGraphModel",  # so is the runtime base
        "microsoft.graph.listItemVersion": "ListItemVersion",
    }
    assert model_names(list(reversed(types))) == names
    assert len(set(names.values())) == len(names)


def test_bases_come_first_and_cycles_are_cut() -> None:
    types = [
        typedef("a", base="microsoft.graph.c"),
        typedef("b", base="microsoft.graph.a"),
        typedef("c"),
        typedef("x", base="microsoft.graph.y"),  # x <-> y: a cycle
        typedef("y", base="microsoft.graph.x"),
        typedef("z", base="microsoft.graph.z"),  # its own base
        typedef("w", base="microsoft.graph.entity"),  # not in the doc set
        typedef("v", base="Microsoft.Graph.C"),  # case differs
    ]
    ctx = models_context(types)
    order = [c.name for c in ctx.classes]
    bases = {c.name: c.base for c in ctx.classes}
    for name, base in bases.items():
        if base != RUNTIME_BASE:
            assert order.index(base) < order.index(name)
    assert bases["B"] == "A" and bases["A"] == "C" and bases["V"] == "C"
    assert bases["Z"] == RUNTIME_BASE and bases["W"] == RUNTIME_BASE
    # the walk in sorted order reaches x first, follows x -> y, and y -> x closes the cycle
    assert (bases["X"], bases["Y"]) == ("Y", RUNTIME_BASE)
    assert models_context(list(reversed(types))) == ctx


def test_field_names_are_safe_unique_and_inherited() -> None:
    wires = [
        "class", "model_dump", "__init__", "json", "fields", "copy", "schema", "dict",
        "validate", "model_config", "modelName", "list", "str", "Name", "name", "",
        "@odata.type", "self", "None", "3d",
    ]  # fmt: skip
    types = [
        typedef("base", *(prop(w, ref("Edm.String")) for w in wires)),
        typedef(
            "derived",
            prop("name", ref("Edm.Int32")),  # inherited: not declared again
            prop("Class", ref("Edm.String")),
            base="microsoft.graph.base",
        ),
    ]
    ctx = models_context(types)
    base, derived = ctx.classes
    names = {f.alias: f.name for f in base.fields}
    assert names["class"] == "class_"
    assert names["model_dump"] == "model_dump_" and names["model_config"] == "model_config_"
    assert names["modelName"] == "model_name_"
    assert names["__init__"] == "init"
    for wire in ("json", "fields", "copy", "schema", "dict", "validate", "list", "str"):
        assert names[wire] == f"{wire}_"
    # "Name" may not be called `name`: with populate_by_name a key "name" would fill both
    assert names["name"] == "name" and names["Name"] == "name_2"
    assert names["@odata.type"] == "odata_type" and names["3d"] == "n3d"
    assert "" not in names
    assert len(set(names.values())) == len(names)
    assert [(f.alias, f.name) for f in derived.fields] == [("Class", "class_2")]
    assert all(f.annotation.endswith(" | None") for f in base.fields)


def test_type_mapping() -> None:
    names = {
        "microsoft.graph.child": "Child",
        "microsoft.graph.color": "Color",
        "microsoft.graph.Json": "Json",
    }
    kinds = {
        "microsoft.graph.child": TypeKind.COMPLEX,
        "microsoft.graph.color": TypeKind.ENUM,
        "microsoft.graph.Json": TypeKind.COMPLEX,
    }
    expected = {
        "Edm.String": "str", "Edm.Guid": "str", "Edm.Binary": "str", "Edm.Stream": "str",
        "Edm.Int16": "int", "Edm.Int32": "int", "Edm.Int64": "int", "Edm.Byte": "int",
        "Edm.SByte": "int", "Edm.Boolean": "bool", "Edm.Double": "Float",
        "Edm.Single": "Float", "Edm.Decimal": "Float", "Edm.DateTimeOffset": "DateTime",
        "Edm.Date": "Date", "Edm.TimeOfDay": "Time", "Edm.Duration": "Duration",
        "Edm.Untyped": "Any", "Edm.Geography": "Any",
    }  # fmt: skip
    for edm, python in expected.items():
        assert annotation(ref(edm), names, kinds) == python
        assert annotation(ref(edm, collection=True), names, kinds) == f"list[{python}]"
    # another model is named through the package: a lazy reference at run time
    assert annotation(complex_ref("child"), names, kinds) == "models.Child"
    assert annotation(complex_ref("child", True), names, kinds) == "list[models.Child]"
    assert annotation(enum_ref("color"), names, kinds) == "OpenEnum[Color]"
    assert annotation(enum_ref("color", True), names, kinds) == "list[OpenEnum[Color]]"
    assert annotation(complex_ref("Json"), names, kinds) == "Any"
    assert annotation(complex_ref("elsewhere"), names, kinds) == "Any"
    assert annotation(ref("Red", TypeKind.UNKNOWN), names, kinds) == "Any"


def test_summary_takes_the_first_sentence_or_so() -> None:
    assert (
        summary("The **x** resource. More [text](a.md) here.") == "The x resource. More text here."
    )
    long_first = "A first sentence that is long enough to stand on its own as a summary. Then more."
    assert summary(long_first) == long_first.split(" Then")[0]
    assert summary("word " * 200).endswith("\u2026") and len(summary("word " * 200)) <= 400
    assert summary("  ") == ""


# --- the generated module for input_docs --------------------------------------------------------


def test_a_class_per_type_with_aliases_and_subclassing(docs: Model, gen: ModuleType) -> None:
    names = model_names(docs.types)
    assert set(gen.MODELS) == {t.full_name for t in docs.types}
    for t in docs.types:
        cls = gen.MODELS[t.full_name]
        assert cls.__name__ == names[t.full_name] and getattr(gen, cls.__name__) is cls
        assert issubclass(cls, gen.GraphModel)
        assert t.full_name in (cls.__doc__ or "")
        aliases = set(wire_names(cls).values())
        assert {p.name for p in t.properties} <= aliases
    assert issubclass(gen.ListItemVersion, gen.BaseItemVersion)
    assert issubclass(gen.DriveItemVersion, gen.BaseItemVersion)
    gen.ListItemVersion.model_rebuild()
    fields = gen.ListItemVersion.model_fields
    assert fields["last_modified_by"].serialization_alias == "lastModifiedBy"
    assert fields["fields_"].serialization_alias == "fields"
    assert "last_modified_by" not in inspect.get_annotations(gen.ListItemVersion)


def test_aliases_are_generated_where_they_can_be_and_declared_where_not(tmp_path: Path) -> None:
    """The base's alias generator gives most wire names; only the others are written out."""
    wires = ["aboutMe", "city", "oAuth2Grants", "v10_0", "@odata.etag", "URL", "json", "Name"]
    kept = typedef("thing", *(prop(w, ref("Edm.String")) for w in wires))
    code = render([kept, typedef("other", prop("name", ref("Edm.String")), base="thing")])
    found = re.findall(r'_wire\("([^"]*)"\)', code["thing.py"])
    assert found == ["v10_0", "@odata.etag", "URL", "Name"]
    assert "_wire" not in code["other.py"]
    module = load(code, tmp_path)
    assert set(wire_names(module.Thing).values()) == set(wires)
    body = {w: w.upper() for w in wires}
    assert dump(module.Thing.model_validate(body)) == body
    assert dump(module.Thing(about_me="a", json_="j", o_auth2_grants="o")) == {
        "aboutMe": "a",
        "json": "j",
        "oAuth2Grants": "o",
    }


def test_extra_properties_and_odata_type_are_kept(gen: ModuleType) -> None:
    body = {
        "@odata.type": "#microsoft.graph.listItemVersion",
        "id": "1.0",
        "lastModifiedBy": {"user": {"id": "u", "displayName": "Ryan", "email": "r@x"}},
        "lastModifiedDateTime": "2016-12-31T23:59:09.8413999+03:00",
        "fields": {"Title": "t", "Quantity": 350},
        "undocumented": [1, {"a": None}],
    }
    item = gen.ListItemVersion.model_validate(body)
    assert item.model_extra["@odata.type"] == "#microsoft.graph.listItemVersion"
    assert item.last_modified_by.user.display_name == "Ryan"
    assert item.last_modified_by.user.model_extra == {"email": "r@x"}
    assert isinstance(item.last_modified_date_time, datetime)
    assert item.fields_.quantity == 350
    assert dump(item) == body


def test_populate_by_name_and_dump_by_alias(gen: ModuleType) -> None:
    version = gen.DriveItemVersion(id="1", size=5, last_modified_by=gen.IdentitySet())
    assert dump(version) == {"id": "1", "size": 5, "lastModifiedBy": {}}
    with pytest.raises(ValidationError):
        gen.DriveItemVersion.model_validate({"size": "5"})  # strict: no silent coercion


def test_every_input_docs_example_round_trips(docs: Model, gen: ModuleType) -> None:
    registry = Registry(gen)
    outcomes = {b.where: round_trip(registry, b) for b in annotated_bodies(docs)}
    checked = {w: o for w, o in outcomes.items() if o[0] != "unknown type"}
    assert len(checked) >= 5
    assert all(o == ("ok", "") for o in checked.values()), checked
    # the one left out names microsoft.graph.item, which the bundled docs do not define
    assert [o for o in outcomes.values() if o[0] == "unknown type"] == [
        ("unknown type", "microsoft.graph.item")
    ]


def test_generated_module_passes_mypy_strict(docs_file: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(BIN / "mypy"), "--strict", "--cache-dir", str(tmp_path / "mypy"), str(docs_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("config", ["default", "project"])
def test_generated_module_passes_ruff(docs_file: Path, config: str) -> None:
    args = ["--isolated"] if config == "default" else ["--config", str(ROOT / "pyproject.toml")]
    result = subprocess.run(
        [str(BIN / "ruff"), "check", "--no-cache", *args, str(docs_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_rendering_is_deterministic_and_black_stable(
    docs: Model, docs_code: dict[str, str]
) -> None:
    assert render(docs.types) == docs_code
    for text in docs_code.values():
        assert black.format_str(text, mode=BLACK_MODE) == text


# --- a hand-made type set: enums, collections, temporal values --------------------------------


def test_sample_enums(sample: ModuleType) -> None:
    assert issubclass(sample.Color, Enum) and issubclass(sample.Color, str)
    assert [(m.name, m.value) for m in sample.Color] == [
        ("RED", "red"),
        ("LIGHT_BLUE", "lightBlue"),
        ("UNKNOWN_FUTURE_VALUE", "unknownFutureValue"),
    ]
    body = {"color": "lightBlue", "colors": ["red", "purple", "red,lightBlue"]}
    item = sample.Sample.model_validate(body)
    assert item.color is sample.Color.LIGHT_BLUE
    assert item.colors == [sample.Color.RED, "purple", "red,lightBlue"]
    assert type(item.colors[1]) is str
    assert dump(item) == body
    assert dump(sample.Sample(color=sample.Color.RED)) == {"color": "red"}


def test_sample_collections_and_subclasses(sample: ModuleType) -> None:
    body = {
        "tags": ["a", "b"],
        "children": [{"name": "x"}, {"@odata.type": "#microsoft.graph.specialChild", "extra": 1}],
        "favorite": {"name": "y"},
        "mystery": {"anything": [1, 2]},
        "missing": "not a model: Any",
        "blob": [[1, "2"], ["Sheet1!A1"]],
        "history": ["2016-12-31T23:59:09.8413999+03:00", "datetime-value"],
    }
    item = sample.Sample.model_validate(body)
    assert all(isinstance(c, sample.Child) for c in item.children)
    assert issubclass(sample.SpecialChild, sample.Child)
    # the item's @odata.type names a class derived from the item type: read as that class
    assert type(item.children[0]) is sample.Child
    assert type(item.children[1]) is sample.SpecialChild and item.children[1].extra == 1
    assert item.children[1].model_extra == {"@odata.type": "#microsoft.graph.specialChild"}
    assert isinstance(item.history[0], datetime) and item.history[1] == "datetime-value"
    assert dump(item) == body
    hints = sample.Sample.model_fields
    assert hints["tags"].annotation == list[str] | None


@pytest.mark.parametrize(
    ("field", "text", "python"),
    [
        ("createdDateTime", "2016-12-31T23:59:09.8413999+03:00", datetime),
        ("createdDateTime", "2017-09-14T12:34:53.912Z", datetime),
        ("createdDateTime", "2017-09-14T12:34:53Z", datetime),
        ("createdDateTime", "0001-01-01T00:00:00Z", datetime),
        ("createdDateTime", "datetime-value", str),
        ("createdDateTime", "Display Name value", str),
        ("createdDateTime", "", str),
        ("birthday", "2020-02-29", date),
        ("birthday", "date-value", str),
        ("startTime", "08:00:00.0000000", time_of_day),
        ("startTime", "String (timestamp)", str),
        ("timeout", "PT1H30M", timedelta),
        ("timeout", "P90D", timedelta),
        ("timeout", "-PT0.5S", timedelta),
        ("timeout", "PT0S", timedelta),
        ("timeout", "P1Y", str),
        ("timeout", "PT", str),
        ("timeout", "P", str),
        ("timeout", "duration-value", str),
        ("score", 5, int),
        ("score", 5.25, float),
        ("score", 1e300, float),
    ],
)
def test_sample_values_round_trip(sample: ModuleType, field: str, text: Any, python: type) -> None:
    item = sample.Sample.model_validate({field: text})
    value = getattr(item, next(n for n, w in wire_names(type(item)).items() if w == field))
    assert isinstance(value, python)
    if not isinstance(value, str | int | float):
        assert repr(value).startswith(f"datetime.{python.__name__}(")
    assert dump(item) == {field: text}
    assert dump(sample.Sample.model_validate_json(json.dumps({field: text}))) == {field: text}
    # copies and pickles keep the text
    assert dump(item.model_copy(deep=True)) == {field: text}
    assert dump(pickle.loads(pickle.dumps(item))) == {field: text}


def test_sample_values_computed_in_code_are_iso(sample: ModuleType) -> None:
    item = sample.Sample.model_validate(
        {"createdDateTime": "2016-12-31T23:59:09.8413999+03:00", "timeout": "PT1H30M"}
    )
    moved = item.created_date_time + timedelta(days=1)
    assert dump(sample.Sample(created_date_time=moved)) == {
        "createdDateTime": "2017-01-01T23:59:09.841399+03:00"
    }
    assert dump(sample.Sample(timeout=timedelta(days=-1, seconds=5))) == {"timeout": "-PT23H59M55S"}
    assert dump(sample.Sample(timeout=item.timeout * 2)) == {"timeout": "PT3H"}
    assert dump(sample.Sample(birthday=date(2020, 1, 2))) == {"birthday": "2020-01-02"}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("enabled", "true"),
        ("enabled", 1),
        ("count", "5"),
        ("count", 5.0),
        ("score", "5"),
        ("score", True),
        ("createdDateTime", 20170101),
        ("timeout", 3600),
        ("tags", "a"),
        ("favorite", "child-value"),
        ("color", 3),
    ],
)
def test_sample_rejects_what_it_would_have_to_change(
    sample: ModuleType, field: str, value: Any
) -> None:
    with pytest.raises(ValidationError):
        sample.Sample.model_validate({field: value})


def test_sample_nulls_and_absent_fields(sample: ModuleType) -> None:
    body = {"createdDateTime": None, "color": None, "children": None, "score": None}
    item = sample.Sample.model_validate(body)
    assert dump(item) == body
    assert dump(sample.Sample.model_validate({})) == {}
    assert sample.Sample().id is None


# --- injection --------------------------------------------------------------------------------

EVIL = '"""; import os; os.system("x") #'
STDLIB_IMPORTS = {
    "__future__",
    "collections.abc",
    "datetime",
    "enum",
    "functools",
    "importlib",
    "re",
    "types",
    "typing",
}
PYDANTIC_IMPORTS = {"pydantic", "pydantic.functional_validators", "pydantic_core"}


def test_doc_text_and_names_cannot_inject_code(tmp_path: Path) -> None:
    types = [
        typedef(
            "victim",
            prop("class", ref("Edm.String"), EVIL + "\nimport os\n"),
            prop("model_dump", ref("Edm.String"), "\\\n'''\x00"),
            prop("__init__", ref("Edm.String"), EVIL),
            prop('quote"in"name', ref("Edm.String"), "\r\nos.system('y')"),
            prop("x\\\n\"'''", enum_ref("evil"), "\u2028import os"),
            description=EVIL + " \\ ''' \\\n" + EVIL,
        ),
        typedef(
            "evil",
            description=EVIL,
            members=(
                EnumMember('a"b', None, EVIL),
                EnumMember("c\\'''\nd", "0", "\nimport os"),
                EnumMember(EVIL, None, ""),
            ),
        ),
        typedef('"""os.system("z")', description='"""', namespace='ns"""; import os'),
    ]
    code = render(types)
    modules = {name.removesuffix(".py") for name in code}
    for text in code.values():
        tree = ast.parse(text)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert {a.name for a in node.names} <= STDLIB_IMPORTS
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                assert node.module in STDLIB_IMPORTS | PYDANTIC_IMPORTS
            elif isinstance(node, ast.ImportFrom):  # the package's own modules only
                within = node.level == 1 and (node.module or "__init__") in modules
                assert within or (node.level, node.module) == (2, None), ast.unparse(node)
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
        assert not any(isinstance(c.func, ast.Attribute) and c.func.attr == "system" for c in calls)
        assert "import os" not in {ast.unparse(n) for n in tree.body}

    module = load(code, tmp_path)
    victim = module.Victim
    assert EVIL in (victim.__doc__ or "")
    aliases = {w: name for name, w in wire_names(victim).items()}
    assert aliases["class"] == "class_" and aliases["model_dump"] == "model_dump_"
    assert aliases["__init__"] == "init"
    assert aliases['quote"in"name'] == "quote_in_name"
    assert {m.value for m in module.Evil} == {'a"b', "c\\'''\nd", EVIL}
    body = {
        "class": "1",
        "model_dump": "2",
        "__init__": "3",
        'quote"in"name': "4",
        "x\\\n\"'''": EVIL,
    }
    item = victim.model_validate(body)
    assert item.model_dump is not None and callable(item.model_dump)
    assert dump(item) == body
    assert item.model_fields_set == {"class_", "model_dump_", "init", "quote_in_name", "x"}


# --- the corpus -------------------------------------------------------------------------------


@pytest.mark.corpus
def test_corpus_models(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], corpus_model: Model
) -> None:
    model = corpus_model  # read once per test run (tests/conftest.py)
    started = time.perf_counter()
    rendered = render_models(model.types)
    rendered_in = time.perf_counter() - started
    started = time.perf_counter()
    code = {name: black.format_str(text, mode=BLACK_MODE) for name, text in rendered.items()}
    formatted_in = time.perf_counter() - started
    started = time.perf_counter()
    module = load(code, tmp_path)
    imported_in = time.perf_counter() - started

    registry = Registry(module)
    outcomes: Counter[str] = Counter()
    causes: Counter[str] = Counter()
    failures: list[str] = []
    for body in annotated_bodies(model):
        outcome, detail = round_trip(registry, body)
        outcomes[outcome] += 1
        if outcome in ("invalid", "differs"):
            cause = detail.split(":")[0] if outcome == "invalid" else "differs"
            causes[re.sub(r"\b\d+\.", "", cause)] += 1  # list indices left out
            failures.append(f"{body.where} {body.type_name}: {outcome} {detail}")
    checked = outcomes["ok"] + outcomes["invalid"] + outcomes["differs"]
    rate = outcomes["ok"] / checked

    ctx = models_context(model.types)
    with capsys.disabled():
        print()
        print(
            f"[models] {len(ctx.classes)} classes, {len(ctx.enums)} enums, "
            f"{sum(len(c.fields) for c in ctx.classes)} fields; "
            f"{sum(map(len, code.values())) / 1e6:.2f} MB, "
            f"{sum(text.count(chr(10)) for text in code.values())} lines in {len(code)} files"
        )
        print(
            f"[models] render {rendered_in:.2f} s, black {formatted_in:.1f} s, "
            f"import of the package {imported_in:.3f} s (its classes load on use)"
        )
        print(
            f"[models] round trip {outcomes['ok']}/{checked} = {rate:.1%} of annotated "
            f"example bodies naming a type of the docs; {outcomes['unknown type']} name "
            f"a type the docs do not define"
        )
        for cause, n in causes.most_common():
            print(f"[models]   {n} {cause}")
        for line in failures:
            print(f"[models]   {line}")
    assert len(module.MODELS) == len(ctx.classes)
    assert rate >= CORPUS_FLOOR, failures
    assert outcomes["differs"] == 0, failures  # whatever parses, writes back the same JSON
