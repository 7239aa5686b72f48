"""The committed generated/ folder is exactly what the tool produces for input_docs/.

Refresh it with `make run` after a change to the docs, templates or generator; the
manifest `make run` writes (generated/.docs2code-manifest.json) is checked too."""

from __future__ import annotations

import json
from pathlib import Path

from generator.output.layout import MANIFEST
from generator.output.sync import sync_output
from generator.pipeline.plan import build_plan
from generator.read.docs import read_docs
from generator.render.options import BuildOptions
from generator.serialize import model_to_json

ROOT = Path(__file__).resolve().parents[1]
GENERATED = ROOT / "generated"
TOOL_CACHES = {"__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache"}  # not ours


def test_committed_output_matches_a_fresh_build() -> None:
    plan = build_plan(read_docs([ROOT / "input_docs"]), BuildOptions())
    on_disk = {
        p.relative_to(GENERATED).as_posix()
        for p in GENERATED.rglob("*")
        if p.is_file()
        and not TOOL_CACHES.intersection(p.parts)
        and p.name not in {"model.json", MANIFEST}
    }
    assert on_disk == set(plan), "run `make run` to refresh generated/"
    stale = [r for r, text in plan.items() if (GENERATED / r).read_text(encoding="utf-8") != text]
    assert stale == [], f"stale generated files (run `make run`): {stale}"
    # What `docs2code check` sees: the manifest too, byte for byte (model.json is not ours).
    check = sync_output(GENERATED, plan, write=False)
    assert check.up_to_date, f"run `make run`: {[c.path for c in check.changes]} {check.errors}"
    assert "model.json" not in json.loads((GENERATED / MANIFEST).read_text())["files"]


def test_committed_model_matches_a_fresh_read() -> None:
    fresh = json.loads(model_to_json(read_docs([ROOT / "input_docs"])))
    assert json.loads((GENERATED / "model.json").read_text(encoding="utf-8")) == fresh
