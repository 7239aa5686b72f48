"""What the test folders share: the Graph v1.0 corpus next to the repository (or where
``DOCS2CODE_CORPUS`` points), read once per session, since a read takes seconds and the
model is frozen."""

from __future__ import annotations

import os
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.model import Model

CORPUS_ENV = "DOCS2CODE_CORPUS"
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "graph-v1.0"
EXTRAS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "graph-v1.0-extras"


def corpus_root() -> Path:
    return Path(os.environ.get(CORPUS_ENV) or DEFAULT_CORPUS)


@pytest.fixture(scope="session")
def corpus_model() -> Model:
    root = corpus_root()
    if not (root / "api").is_dir():
        pytest.skip(f"corpus not found at {root} (set {CORPUS_ENV})")
    from generator.read import read_docs

    return read_docs([root])


@pytest.fixture(scope="session")
def shared_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Graph docs laid out as in their repository (graph-v1.0-extras/SOURCE.md), in a
    temporary folder: ``api-reference/v1.0/{api,resources,includes}`` and ``concepts``,
    each file hard-linked (copied across file systems), never a folder symlink (a link
    that leads outside the doc roots is DC014).  Returns the tree's root."""
    corpus = corpus_root()
    parts = {
        "api-reference/v1.0/api": corpus / "api",
        "api-reference/v1.0/resources": corpus / "resources",
        "api-reference/v1.0/includes": EXTRAS / "includes",
        "concepts": EXTRAS / "concepts",
    }
    missing = [str(p) for p in parts.values() if not p.is_dir()]
    if missing:
        pytest.skip(f"shared doc tree not found: {', '.join(missing)}")
    root = tmp_path_factory.mktemp("graph-docs")
    for place, source in parts.items():
        for path in sorted(source.rglob("*")):
            if path.is_dir() or not path.is_file():
                continue
            target = root / place / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path, target)
            except OSError:
                shutil.copyfile(path, target)
    return root


@dataclass(frozen=True)
class CorpusBuild:
    """The corpus's build plan, and how often the proof that black would change nothing
    held (True: black skipped) or could not be made (False: black ran)."""

    plan: dict[str, str]
    verdicts: Counter[bool]


@pytest.fixture(scope="session")
def corpus_build(corpus_model: Model) -> CorpusBuild:
    """The corpus built once per test run, for every test that reads its output."""
    from generator.pipeline.plan import build_plan
    from generator.render import formatting, stable
    from generator.render.options import BuildOptions

    verdicts: Counter[bool] = Counter()
    proof = stable.unchanged

    def counted(piece: str) -> bool:
        verdict = proof(piece)
        verdicts[verdict] += 1
        return verdict

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(stable, "unchanged", counted)
        patch.setattr(formatting, "PARALLEL_BYTES", float("inf"))  # counted in this process
        plan = build_plan(corpus_model, BuildOptions())
    return CorpusBuild(plan, verdicts)


CORPUS_FIXTURES = {"corpus_model", "corpus_build", "shared_tree"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist (``make test`` runs two workers), every test that reads the
    corpus runs in the same worker, so the corpus is read once per test run."""
    for item in items:
        uses = set(getattr(item, "fixturenames", ()))
        if item.get_closest_marker("corpus") or uses & CORPUS_FIXTURES:
            item.add_marker(pytest.mark.xdist_group("corpus"))
