"""How much of the corpus SDK is left untyped (issue 23): the calls whose request body or
result is ``Any``, read from the generated builder modules (what a user gets, not what
the renderer meant).  Issue 23's target: at most 5% of the calls, from the docs alone.

Slow only through the corpus build it shares (``corpus_build``); deselect with
-m "not corpus"."""

from __future__ import annotations

import ast
from collections import Counter
from dataclasses import dataclass

import pytest

from tests.conftest import CorpusBuild

pytestmark = pytest.mark.corpus

OPERATIONS = frozenset({"Op", "PageOp", "DeltaOp", "BodyOp", "BodyPageOp"})
BODY_OPERATIONS = frozenset({"BodyOp", "BodyPageOp"})
TARGET = 0.05  # issue 23: at most 5% of the calls with a body or a result left Any

# Measured on the shared v1.0 corpus read as one folder (2026-12, before issue 23's
# request and response work): 1,957 calls; 482 request bodies Any (of 789 calls that take
# one), 165 results Any (133 of them of writes: POST, PUT, PATCH), 535 calls with either.
# As shares of the calls, ceilings: a change that raises one by more than 0.005 is a
# regression to explain (other work on the paths moves the counts by a few).
# Request bodies as the reader decides them (A2, generator/read/bodies.py): no body
# left Any (the calls the docs give no body are Op now: 1,956 calls, 710 take a body),
# so "either" is the results' count.
MEASURED_CALLS = 1957
MEASURED_ANY = {"body": 0, "result": 165, "write result": 133, "either": 165}
CEILINGS = {key: n / MEASURED_CALLS for key, n in MEASURED_ANY.items()}


@dataclass(frozen=True, slots=True)
class Call:
    module: str
    owner: str  # the builder class
    method: str  # get, post, ...
    kind: str  # Op, PageOp, DeltaOp, BodyOp, BodyPageOp
    result: str  # the declared result, as written: "models.User", "Any", "None", "bytes"
    body: str | None  # the declared body of a call that takes one


def calls(plan: dict[str, str]) -> list[Call]:
    """Every call the generated builders declare (``get: PageOp[models.X] = PageOp(...)``)."""
    found: list[Call] = []
    for path, text in sorted(plan.items()):
        if "/_paths/" not in path or not path.endswith(".py"):
            continue
        for cls in (n for n in ast.parse(text).body if isinstance(n, ast.ClassDef)):
            for node in cls.body:
                if not (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)):
                    continue
                ann = node.annotation
                if not (isinstance(ann, ast.Subscript) and isinstance(ann.value, ast.Name)):
                    continue
                if ann.value.id not in OPERATIONS:
                    continue
                args = ann.slice.elts if isinstance(ann.slice, ast.Tuple) else [ann.slice]
                texts = [ast.unparse(a) for a in args]
                body = texts[1] if ann.value.id in BODY_OPERATIONS else None
                found.append(Call(path, cls.name, node.target.id, ann.value.id, texts[0], body))
    return found


def any_counts(found: list[Call]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for call in found:
        body, result = call.body == "Any", call.result == "Any"
        counts["body"] += body
        counts["result"] += result
        counts["write result"] += result and call.method in ("post", "put", "patch")
        counts["either"] += body or result
    return counts


@pytest.fixture(scope="module")
def found(corpus_build: CorpusBuild) -> list[Call]:
    sdk = {p: t for p, t in corpus_build.plan.items() if p.startswith("sdk/")}
    return calls(sdk)


def _print(found: list[Call], counts: Counter[str]) -> None:
    total = len(found)
    takes_body = sum(1 for c in found if c.body is not None)
    print(f"\n[corpus sdk] {total} calls, {takes_body} take a body; kinds:", end=" ")
    print(dict(sorted(Counter(c.kind for c in found).items())))
    for key in MEASURED_ANY:
        print(f"[corpus sdk] {key} Any: {counts[key]} ({counts[key] / total:.1%} of the calls)")


def test_corpus_sdk_leaves_no_more_calls_untyped_than_measured(found: list[Call]) -> None:
    counts = any_counts(found)
    _print(found, counts)
    assert abs(len(found) - MEASURED_CALLS) <= MEASURED_CALLS * 0.1, len(found)
    shares = {key: counts[key] / len(found) for key in CEILINGS}
    above = {k: round(v, 4) for k, v in shares.items() if v > CEILINGS[k] + 0.005}
    assert not above, f"more calls left Any than measured {MEASURED_ANY}: {above}"


def test_corpus_sdk_leaves_at_most_5_percent_of_calls_untyped(found: list[Call]) -> None:
    # Met with the reader's per-path bodies (A2) and results (A1): 40 of 1,956 calls
    # (2.0%) left Any, all results: primitives the SDK does not type and a type the docs
    # do not define.
    share = any_counts(found)["either"] / len(found)
    assert share <= TARGET, f"{share:.1%} of the calls have a body or a result left Any"


def test_the_counting_reads_every_kind_of_declaration() -> None:
    module = """
class Widgets(Node[CoreT]):
    get: PageOp[models.Widget] = PageOp("List.")
    post: BodyOp[Any, Any] = BodyOp("Create.")


class Widget(Node[CoreT]):
    get: Op[Any] = Op("Get.")
    put: BodyPageOp[models.Widget, models.Widget] = BodyPageOp("Replace.")
    delete: Op[None] = Op("Delete.")
    other: Child[Other[CoreT]] = Child("other")


class Changes(Node[CoreT]):
    get: DeltaOp[models.Widget] = DeltaOp("Changes.")
"""
    found = calls({"sdk/pkg/_paths/_widgets.py": module, "sdk/pkg/models.py": module})
    assert [(c.owner, c.method, c.kind, c.result, c.body) for c in found] == [
        ("Widgets", "get", "PageOp", "models.Widget", None),
        ("Widgets", "post", "BodyOp", "Any", "Any"),
        ("Widget", "get", "Op", "Any", None),
        ("Widget", "put", "BodyPageOp", "models.Widget", "models.Widget"),
        ("Widget", "delete", "Op", "None", None),
        ("Changes", "get", "DeltaOp", "models.Widget", None),
    ]
    assert any_counts(found) == Counter({"body": 1, "result": 2, "write result": 1, "either": 2})
