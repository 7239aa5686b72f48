"""Coverage of the real Graph v1.0 corpus, checked against an independent line counter.

The corpus lives outside the repository (``../shared/corpus/graph-v1.0``, or wherever
``DOCS2CODE_CORPUS`` points); without it every test here skips.  The whole module is
marked ``corpus`` so that ``pytest -m "not corpus"`` leaves it out.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from generator.model import Model

try:  # tests/ on sys.path (pytest's default "prepend" import mode)
    from corpus_count import corpus_figures, normalize_pair
except ImportError:  # pragma: no cover - tests imported as a package
    from tests.corpus_count import corpus_figures, normalize_pair

pytestmark = pytest.mark.corpus

ENV_VAR = "DOCS2CODE_CORPUS"
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "graph-v1.0"

PATH_COVERAGE = 0.995
EXAMPLE_COVERAGE = 0.99
MAX_LISTED = 20


def _corpus_root() -> Path:
    override = os.environ.get(ENV_VAR)
    return Path(override).expanduser() if override else DEFAULT_CORPUS


def _report(capsys: pytest.CaptureFixture[str], *lines: str) -> None:
    """Show figures on the terminal even when output is captured."""
    with capsys.disabled():
        print()
        for line in lines:
            print(f"[corpus] {line}")


def _listing(items: Iterable[str], total: int) -> str:
    shown = list(items)[:MAX_LISTED]
    more = f"\n  ... and {total - len(shown)} more" if total > len(shown) else ""
    return "".join(f"\n  {item}" for item in shown) + more


# --- fixtures: the corpus is read once per module -------------------------------------------


@pytest.fixture(scope="module")
def corpus_root() -> Path:
    root = _corpus_root()
    if not (root / "api").is_dir() or not (root / "resources").is_dir():
        source = f"${ENV_VAR}" if os.environ.get(ENV_VAR) else "the default location"
        pytest.skip(
            f"Graph corpus not found at {root} ({source}): expected api/ and resources/ "
            f"folders there; set {ENV_VAR} to a copy of graph-v1.0 to run these tests"
        )
    return root


@pytest.fixture(scope="module")
def figures(corpus_root: Path) -> dict[str, Any]:
    return corpus_figures(corpus_root)


@pytest.fixture(scope="module")
def model(corpus_model: Model) -> Model:
    return corpus_model  # read once for the session (tests/conftest.py)


# --- tests ------------------------------------------------------------------------------------


def test_http_request_paths_are_covered(
    model: Model,
    figures: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    record_property: Any,
) -> None:
    expected: dict[tuple[str, str], str] = figures["pairs"]
    found = {
        normalize_pair(operation.method, variant.raw)
        for operation in model.operations
        for variant in operation.paths
    }
    missing = sorted(set(expected) - found)
    covered = len(expected) - len(missing)
    ratio = covered / len(expected) if expected else 1.0

    variants = sum(len(operation.paths) for operation in model.operations)
    _report(
        capsys,
        f"counter: {figures['path_lines']} METHOD-path lines in {figures['path_files']} "
        f"api/ files, {len(expected)} distinct (method, path) pairs",
        f"model: {len(model.operations)} operations, {variants} path variants, "
        f"{len(found)} distinct pairs, {len(model.types)} types, "
        f"{len(model.diagnostics)} diagnostics",
        f"path coverage: {covered}/{len(expected)} = {ratio:.2%} (need {PATH_COVERAGE:.1%})",
    )
    record_property("corpus_distinct_pairs", len(expected))
    record_property("corpus_pairs_covered", covered)

    assert model.operations, "the reader found no operations in the corpus"
    assert ratio >= PATH_COVERAGE, (
        f"only {covered}/{len(expected)} ({ratio:.2%}) distinct (method, path) pairs "
        f"of api/ are in the model; missing:"
        + _listing((f"{m} {p}  ({expected[(m, p)]})" for m, p in missing), len(missing))
    )


def _annotated(model: Model, kind: str) -> set[tuple[str, int]]:
    """Where the examples' annotations of one block type stand (deduplicated, since a
    page declaring two methods may share its examples)."""
    spans: set[tuple[str, int]] = set()
    for operation in model.operations:
        for example in operation.examples:
            part = example.request if kind == "request" else example.response
            annotation = part.annotation if part is not None else None
            if annotation is not None and annotation.block_type == kind:
                spans.add((annotation.span.file, annotation.span.line))
    return spans


@pytest.mark.parametrize("kind", ["request", "response"])
def test_annotated_examples_are_covered(
    model: Model,
    figures: dict[str, Any],
    kind: str,
    capsys: pytest.CaptureFixture[str],
    record_property: Any,
) -> None:
    expected: int = figures[kind]
    found = len(_annotated(model, kind))
    ratio = found / expected if expected else 1.0
    _report(
        capsys,
        f"annotated {kind} blocks: counter {expected}, model examples {found} "
        f"= {ratio:.2%} (need {EXAMPLE_COVERAGE:.0%})",
    )
    record_property(f"corpus_annotated_{kind}_blocks", expected)
    record_property(f"corpus_{kind}_examples", found)
    assert ratio >= EXAMPLE_COVERAGE, (
        f"only {found} of {expected} annotated {kind} blocks ({ratio:.2%}) became examples"
    )


def test_resource_annotation_types_are_defined(
    model: Model,
    figures: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    record_property: Any,
) -> None:
    expected: dict[str, str] = figures["resource_types"]
    defined = {typedef.full_name for typedef in model.types}
    missing = sorted(name for name in expected if name not in defined)
    _report(
        capsys,
        f"resource annotations: {figures['resource']} blocks naming {len(expected)} types; "
        f"model defines {len(defined)} types, {len(missing)} of the named ones missing",
    )
    record_property("corpus_resource_types", len(expected))
    record_property("corpus_resource_types_missing", len(missing))
    assert not missing, f"{len(missing)} resource types are not in the model:" + _listing(
        (f"{name}  ({expected[name]})" for name in missing), len(missing)
    )
