"""The committed generated/ folder is exactly what the tool produces for input_docs/.

Refresh it with `make run` after a change to the docs, templates or generator."""

from __future__ import annotations

import json
from pathlib import Path

from generator.reader import read_docs
from generator.sdk.command import build_plan
from generator.sdk.render import SdkOptions
from generator.serialize import model_to_json

ROOT = Path(__file__).resolve().parents[1]
GENERATED = ROOT / "generated"


def test_committed_sdk_matches_a_fresh_build() -> None:
    plan = build_plan(read_docs([ROOT / "input_docs"]), SdkOptions())
    sdk = GENERATED / "sdk"
    on_disk = {
        p.relative_to(sdk).as_posix()
        for p in sdk.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert on_disk == set(plan), "run `make run` to refresh generated/"
    stale = [rel for rel, text in plan.items() if (sdk / rel).read_text(encoding="utf-8") != text]
    assert stale == [], f"stale generated files (run `make run`): {stale}"


def test_committed_model_matches_a_fresh_read() -> None:
    fresh = json.loads(model_to_json(read_docs([ROOT / "input_docs"])))
    assert json.loads((GENERATED / "model.json").read_text(encoding="utf-8")) == fresh
