"""Names from meaning over the SDK generated from the shared v1.0 corpus (issue 24): no
builder class, path method or attribute is told apart by a number (120 numbered classes
and 19 numbered methods before) or made from a value; one Python name per segment;
the builders' names never collide (the build would raise ``NameCollision``).  The rules
and the small cases: generator/sdk/routes.py, test_names.py."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.model import Model
from generator.sdk.naming import identifier, words
from generator.sdk.routes import build_tree, fold
from tests.conftest import CorpusBuild

pytestmark = pytest.mark.corpus

PATHS = "sdk/docs2code_sdk/_paths/"
CSDL = (
    Path(__file__).resolve().parents[3] / "shared" / "metadata" / "graph-v1.0" / "cleanMetadata.xml"
)
NUMBERED = re.compile(r"[A-Za-z]\w*?_\d+$")  # ByIdItemsById_4, image_2, root_path_2
# Names made from values: a GUID or hex run, a Teams thread id's tail (as_v2), base64-ish
# tokens (GDbc8U7HGwAdd...: several runs of digits among mixed case), a number alone.
VALUE_LIKE = (
    re.compile(r"(?:^|_)n?(?=[0-9a-f]*\d)[0-9a-f]{6,}(?:_|$)", re.IGNORECASE),
    re.compile(r"(?:^|_)as_v\d+$"),
    re.compile(r"(?:\d+[A-Za-z]+){3,}"),
    re.compile(r"(?:^|_)n?\d+(?:_|$)"),
)


@dataclass(frozen=True)
class Name:
    name: str
    kind: str  # class, method, attribute
    module: str
    segment: str | None  # the URL segment or template it writes, when it writes one


def _segment(node: ast.AST) -> str | None:
    """What a member writes: ``Child("seg")``, ``self._child(X, "seg")`` or
    ``self._format(X, "template", ...)``."""
    for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
        func = call.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        at = {"Child": 0, "_child": 1, "_format": 1}.get(name)
        if at is not None and len(call.args) > at:
            arg = call.args[at]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                return arg.value
    return None


@pytest.fixture(scope="module")
def names(corpus_build: CorpusBuild) -> list[Name]:
    found: list[Name] = []
    for path, text in corpus_build.plan.items():
        if not (path.startswith(PATHS) and path.endswith(".py")):
            continue
        for cls in (n for n in ast.parse(text).body if isinstance(n, ast.ClassDef)):
            found.append(Name(cls.name, "class", path, None))
            for item in cls.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    found.append(Name(item.name, "method", path, _segment(item)))
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    segment = _segment(item.value) if item.value is not None else None
                    found.append(Name(item.target.id, "attribute", path, segment))
    return found


def test_the_corpus_sdk_has_its_builders(names: list[Name]) -> None:
    kinds = defaultdict(int)
    for n in names:
        kinds[n.kind] += 1
    assert kinds["class"] > 1000 and kinds["method"] > 400 and kinds["attribute"] > 2000, kinds


def test_no_name_is_told_apart_by_a_number(names: list[Name]) -> None:
    numbered = sorted({f"{n.kind} {n.name}" for n in names if NUMBERED.fullmatch(n.name)})
    assert numbered == []


def test_no_model_class_is_told_apart_by_a_number(corpus_build: CorpusBuild) -> None:
    """The models package too: request models of one action that pages document
    otherwise are named by what differs (generator/sdk/requests.py)."""
    classes = {
        cls.name
        for path, text in corpus_build.plan.items()
        if "/models/" in path and path.endswith(".py")
        for cls in ast.parse(text).body
        if isinstance(cls, ast.ClassDef)
    }
    assert len(classes) > 1000
    assert sorted(c for c in classes if NUMBERED.fullmatch(c)) == []


def test_class_names_are_unique_across_the_package(names: list[Name]) -> None:
    where: dict[str, set[str]] = defaultdict(set)
    for n in names:
        if n.kind == "class" and not n.module.endswith("__init__.py"):
            where[n.name].add(n.module)
    assert {k: v for k, v in where.items() if len(v) > 1} == {}


def test_no_name_is_made_from_a_value(names: list[Name]) -> None:
    suspicious = sorted({n.name for n in names for pattern in VALUE_LIKE if pattern.search(n.name)})
    assert suspicious == []


def test_digits_in_names_are_the_services_own(names: list[Name]) -> None:
    """Every word of a builder name that holds a digit (``fido2``, ``office365``,
    ``oauth2``, ``b2x``) is a word of a name the service's CSDL defines: none came from
    a sample value."""
    if not CSDL.is_file():
        pytest.skip(f"CSDL not found at {CSDL}")
    service: set[str] = set()
    for el in ET.parse(CSDL).getroot().iter():
        for attr in ("Name", "Type", "BaseType", "EntityType"):
            value = el.get(attr)
            if value:
                service.update(words(value))
    with_digits = {w for n in names for w in words(n.name) if any(c.isdigit() for c in w)}
    assert with_digits, "the corpus has names with digits (fido2, office365, ...)"
    assert sorted(with_digits - service) == []


def test_each_segment_has_one_python_name(names: list[Name]) -> None:
    """The same segment, case folded, is the same attribute everywhere (before:
    ``o_auth2_permissiongrants`` at the root, ``oauth2_permission_grants`` under ``me``;
    ``calendargroups`` beside ``calendar_groups``), and is written with one spelling."""
    by_segment: dict[str, set[str]] = defaultdict(set)
    spellings: dict[str, set[str]] = defaultdict(set)
    for n in names:
        if n.kind == "class" or n.segment is None or "{" in n.segment:
            continue  # a method with parameters: its name says which parameters
        by_segment[n.segment.casefold()].add(n.name)
        spellings[n.segment.casefold()].add(n.segment)
    assert len(by_segment) > 500
    assert {k: v for k, v in by_segment.items() if len(v) > 1} == {}
    assert {k: v for k, v in spellings.items() if len(v) > 1} == {}


def test_segments_are_spelled_as_the_service_names_them(names: list[Name]) -> None:
    """Where the CSDL names a segment (a navigation property, an entity set, an action
    or function, a type), the SDK's Python name for it is the CSDL name's: the docs'
    lower-cased spellings (``calendargroups`` on 34 request lines, ``openshifts`` in a
    relationship table) never decide.  The docs alone choose; the CSDL only checks."""
    if not CSDL.is_file():
        pytest.skip(f"CSDL not found at {CSDL}")
    service: dict[str, set[str]] = defaultdict(set)
    for el in ET.parse(CSDL).getroot().iter():
        name = el.get("Name")
        if name:
            service[name.casefold()].add(identifier(name))
    checked, wrong = 0, []
    for n in names:
        if n.kind == "class" or n.segment is None or "{" in n.segment:
            continue
        word = n.segment.rpartition(".")[2].removesuffix("()")
        expected = service.get(word.casefold())
        if expected:
            checked += 1
            if identifier(word) not in expected:
                wrong.append(f"{n.segment} -> {n.name}, the service: {sorted(expected)}")
    assert checked > 1000
    assert sorted(set(wrong)) == []


def test_function_names_are_spelled_one_way(names: list[Name]) -> None:
    """A function's URL name (``getSchedule(...)``) has one spelling across the tree."""
    spellings: dict[str, set[str]] = defaultdict(set)
    for n in names:
        if n.segment and "(" in n.segment and not n.segment.startswith("{"):
            head = n.segment.split("(", 1)[0]
            spellings[head.casefold()].add(head)
    assert len(spellings) > 20
    assert {k: v for k, v in spellings.items() if len(v) > 1} == {}


def test_folding_names_every_member_and_class(corpus_model: Model) -> None:
    """The folded tree the SDK and the generated tests share: the corpus needs no
    fallback the rules do not give (``fold`` would raise ``NameCollision``), and every
    member of a class has its own name."""
    folded = fold(build_tree(corpus_model.operations, corpus_model.speakers(), corpus_model.types))
    classes = [c for f in folded.files for c in f.classes]
    assert len({c.name for c in classes}) == len(classes)
    for c in classes:
        members = [m.step.member for m in c.members]
        assert len(members) == len(set(members)), c.name
