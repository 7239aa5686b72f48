"""Paths hold parameters, not values, on the real Graph v1.0 corpus (issue 23): no
declared path, no exported OpenAPI path and no SDK member is made from a sample value or
from an elided ``.../`` path.  The rules are generator/paths.py's ("Sample values"); the
small cases are in test_path_values.py.  The figures pinned here were checked by hand
(see each comment); a change that moves one must say why."""

from __future__ import annotations

import ast
import json
import re
from collections import Counter

import pytest

from generator.lint.context import LintContext
from generator.lint.rules import path_sample_value
from generator.model import Model, SegmentKind
from generator.paths import sample_kind
from generator.sdk.routes import build_tree
from tests.conftest import CorpusBuild

pytestmark = pytest.mark.corpus

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_FUNCTION = re.compile(r"([^()]*)\((.*)\)")
# An SDK name made from an id: it starts with a run of hex digits holding a digit
# (acdefc6b_2_dc6_…, n8b01c1d0_…), or comes from a Teams thread id (19:…@thread.v2 -> as_v2).
_ID_NAME = re.compile(r"n?(?=[0-9a-f]*\d)[0-9a-f]{6,}(?:_|$)")


def test_declared_paths_hold_no_values(corpus_model: Model) -> None:
    """Every segment of every path variant is a name, a parameter, a function whose
    arguments are parameters, or a colon path; the values were made parameters."""
    left: list[str] = []
    for op in corpus_model.operations:
        for v in op.paths:
            for s in v.segments:
                if s.kind is SegmentKind.LITERAL and (
                    sample_kind(s.text) or s.text.strip(".…") == ""
                ):
                    left.append(f"{v.span.file}:{v.span.line} {s.text}")
                if s.kind is SegmentKind.FUNCTION and any(a.param is None for a in s.args):
                    left.append(f"{v.span.file}:{v.span.line} {s.text}")  # image(width=640)
    assert left == []


def test_dc309_and_elided_lines_on_the_corpus(corpus_model: Model) -> None:
    found = list(path_sample_value.RULE.check(LintContext(corpus_model)))
    reported = {(f.span.file, f.span.line) for f in found}
    by_kind = Counter(
        s.kind
        for op in corpus_model.operations
        for v in op.paths
        for s in v.samples
        if (v.span.file, v.span.line) in reported
    )
    # 58 declared request lines, checked by hand: 29 education lines holding 65 class,
    # assignment, submission, resource, outcome and rubric GUIDs; a todo list id in
    # base64 (api/todotask-delta.md:80, an example pasted into the HTTP request section);
    # (team-id) twice; 25 function calls with literal arguments: filterByCurrentUser
    # (on='reviewer') x3 and (on='parameterValue') x2, image(width=640, height=480,
    # fittingMode='fit') x6 (10 numbers, 2 literals), getActivitiesByInterval(startDateTime=
    # '2017-01-01', ...) x3 (9 literals), (count=n) x8, getRecentNotebooks(
    # includePersonalNotebooks=includePersonalNotebooks-value) x2, reminderView(
    # startDateTime=startDateTime-value, endDateTime=endDateTime-value) x1; a domain name
    # (api/domain-list-serviceconfigurationrecords.md:32, /domains/contoso.com/..., which
    # was the SDK member domains.as_com before issue 24).
    assert len(found) == 58
    assert by_kind == {
        "guid": 65,
        "id": 1,
        "dotted-name": 1,
        "placeholder": 2 + 2 + 8 + 2 + 2,
        "literal": 3 + 2 + 9,
        "number": 10,
    }, by_kind
    # The 9 lines that skip folders (/childFolders/{id}/.../messages on the attachment
    # pages, /.../contacts on the contact pages) declare no path: 4 exported paths before.
    elided = [d for d in corpus_model.diagnostics if d.code == "DC010" and "skips" in d.message]
    assert len(elided) == 9


def test_no_openapi_path_holds_a_value(corpus_build: CorpusBuild) -> None:
    doc = json.loads(corpus_build.plan["openapi.json"])
    bad: list[str] = []
    for path in doc["paths"]:
        if "..." in path or "…" in path:
            bad.append(path)
        for segment in path.strip("/").split("/"):
            function = _FUNCTION.fullmatch(segment)
            if function is not None:
                args = [a for a in function.group(2).split(",") if a]
                if not all(_PLACEHOLDER.search(a) for a in args):
                    bad.append(path)  # a literal argument: image(width=640)
            elif not _PLACEHOLDER.search(segment) and sample_kind(segment):
                bad.append(path)
    assert bad == []


def test_no_sdk_member_is_made_from_a_value(corpus_model: Model, corpus_build: CorpusBuild) -> None:
    """The SDK tree's steps are names or parameters; no generated name looks like an id
    (a GUID, a hex run) or comes from a thread id (``as_v2``).  Before: 11 members made
    from values (``acdefc6b_2dc6_…``, ``n8b01c1d0_…``, ``g_dbc8_u7_h_gw_…``, ``as_v2``,
    and ``as_value`` from ``...``); the OpenAPI export had 40 such paths."""
    steps: list[str] = []
    nodes = [build_tree(corpus_model.operations)]
    while nodes:
        node = nodes.pop()
        for step, child in node.children.values():
            if step.is_property and (sample_kind(step.text) or not step.text.strip(".…")):
                steps.append(step.text)
            nodes.append(child)
    assert steps == []
    names: set[str] = set()
    for path, text in corpus_build.plan.items():
        if path.startswith("sdk/") and path.endswith(".py"):
            for node in ast.walk(ast.parse(text)):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                    names.add(node.name)
                elif isinstance(node, ast.Attribute):
                    names.add(node.attr)
    assert len(names) > 1000
    suspicious = sorted(n for n in names if _ID_NAME.match(n.lower()) or n == "as_v2")
    assert suspicious == []
