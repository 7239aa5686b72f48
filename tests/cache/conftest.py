"""A copy of input_docs to edit, and the build the cache must reproduce byte for byte."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.model import Model
from generator.read.docs import read_docs
from generator.render.formatting import FormatCache
from generator.sdk.plan import sdk_plan
from generator.sdk.render import SdkOptions
from generator.stubs.render import render_stubs

ROOT = Path(__file__).resolve().parents[2]

Render = Callable[[Model, FormatCache | None], dict[str, str]]


def renderer(templates: Path | None = None) -> Render:
    """The SDK and stub parts of generator.pipeline.plan.build_plan, with the format cache."""

    def render(model: Model, cache: FormatCache | None) -> dict[str, str]:
        plan = {
            f"sdk/{rel}": text
            for rel, text in sdk_plan(model, SdkOptions(templates=templates), cache).items()
        }
        stubs = render_stubs(model, "docs2code_stubs", templates, cache)
        plan.update((f"stubs/{rel}", text) for rel, text in stubs.items())
        return dict(sorted(plan.items()))

    return render


def uncached(root: Path, render: Render) -> dict[str, str]:
    return render(read_docs([root]), None)


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    target = tmp_path / "docs"
    shutil.copytree(ROOT / "input_docs", target)
    return target
