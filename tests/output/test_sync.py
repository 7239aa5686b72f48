"""sync_output: manifest, deletions, hand edits, user files, the ignore file, check mode."""

from __future__ import annotations

import json
from pathlib import Path

from generator import __version__
from generator.output.layout import IGNORE, MANIFEST
from generator.output.manifest import sha256
from generator.output.sync import Kind, Reason, sync_output
from tests.output.trees import snapshot

PLAN = {
    "sdk/pkg/__init__.py": "from pkg.models import A\n",
    "sdk/pkg/models.py": "class A:\n    pass\n",
    "sdk/pkg/old/__init__.py": "",
    "sdk/pkg/old/gone.py": "X = 1\n",
    "sdk/pyproject.toml": '[project]\nname = "pkg"\n',
}


def built(tmp_path: Path, plan: dict[str, str] = PLAN) -> Path:
    out = tmp_path / "out"
    result = sync_output(out, plan, write=True)
    assert result.written and not result.errors and not result.refused
    return out


def test_first_build_writes_the_plan_and_a_manifest(tmp_path: Path) -> None:
    out = built(tmp_path)
    for rel, text in PLAN.items():
        assert (out / rel).read_text(encoding="utf-8") == text
    raw = (out / MANIFEST).read_text(encoding="utf-8")
    manifest = json.loads(raw)
    assert manifest["files"] == {r: sha256(t.encode()) for r, t in PLAN.items()}
    assert manifest["version"] == __version__
    assert raw == json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    assert str(tmp_path) not in raw
    again = sync_output(out, PLAN, write=True)
    assert again.up_to_date and not again.written


def test_rebuild_deletes_only_files_the_manifest_lists(tmp_path: Path) -> None:
    out = built(tmp_path)
    (out / "sdk/pkg/notes.txt").write_text("mine", encoding="utf-8")
    (out / "sdk/pkg/old/mine.py").write_text("mine", encoding="utf-8")
    (out / "model.json").write_text("{}", encoding="utf-8")
    plan = {r: t for r, t in PLAN.items() if "/old/" not in r}
    result = sync_output(out, plan, write=True)
    assert result.written
    assert set(result.paths(Kind.DELETED)) == {"sdk/pkg/old/__init__.py", "sdk/pkg/old/gone.py"}
    assert not (out / "sdk/pkg/old/gone.py").exists()
    assert (out / "sdk/pkg/old/mine.py").read_text(encoding="utf-8") == "mine"
    assert (out / "sdk/pkg/notes.txt").read_text(encoding="utf-8") == "mine"
    assert (out / "model.json").read_text(encoding="utf-8") == "{}"
    plan = {"other.py": "Y = 2\n"}
    assert sync_output(out, plan, write=True).written
    assert (out / "sdk/pkg/notes.txt").exists() and not (out / "sdk/pyproject.toml").exists()


def test_folders_left_empty_by_deletions_are_removed(tmp_path: Path) -> None:
    out = built(tmp_path)
    (out / "keep").mkdir()  # empty, but not ours: kept
    assert sync_output(out, {"other.py": "Y = 2\n"}, write=True).written
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "keep", "other.py"]


def test_a_hand_edited_file_stops_the_build_until_forced(tmp_path: Path) -> None:
    out = built(tmp_path)
    (out / "sdk/pkg/models.py").write_text("class A:  # mine\n    pass\n", encoding="utf-8")
    before = snapshot(out)
    plan = {**PLAN, "sdk/pkg/__init__.py": "# changed\n", "sdk/pkg/models.py": "class B: ...\n"}
    result = sync_output(out, plan, write=True)
    assert not result.written
    assert [(r.path, r.reason) for r in result.refused] == [
        ("sdk/pkg/models.py", Reason.HAND_EDITED)
    ]
    assert snapshot(out) == before  # nothing at all was written, not even __init__.py
    forced = sync_output(out, plan, write=True, force=True)
    assert forced.written
    assert (out / "sdk/pkg/models.py").read_text(encoding="utf-8") == "class B: ...\n"
    assert (out / "sdk/pkg/__init__.py").read_text(encoding="utf-8") == "# changed\n"


def test_a_hand_edited_file_dropped_from_the_plan_is_not_deleted(tmp_path: Path) -> None:
    out = built(tmp_path)
    (out / "sdk/pkg/old/gone.py").write_text("X = 2  # mine\n", encoding="utf-8")
    plan = {r: t for r, t in PLAN.items() if "/old/" not in r}
    result = sync_output(out, plan, write=True)
    assert [r.path for r in result.refused] == ["sdk/pkg/old/gone.py"]
    assert (out / "sdk/pkg/old/__init__.py").exists()
    assert sync_output(out, plan, write=True, force=True).written
    assert not (out / "sdk/pkg/old").exists()


def test_a_file_not_generated_is_not_overwritten_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "sdk/pkg").mkdir(parents=True)
    (out / "sdk/pkg/models.py").write_text("# the user's\n", encoding="utf-8")
    result = sync_output(out, PLAN, write=True)
    assert [(r.path, r.reason) for r in result.refused] == [
        ("sdk/pkg/models.py", Reason.NOT_GENERATED)
    ]
    assert sorted(p.name for p in out.rglob("*")) == ["models.py", "pkg", "sdk"]
    assert sync_output(out, PLAN, write=True, force=True).written
    assert (out / "sdk/pkg/models.py").read_text(encoding="utf-8") == PLAN["sdk/pkg/models.py"]


def test_a_file_already_holding_the_planned_text_is_adopted(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "sdk").mkdir(parents=True)
    (out / "sdk/pyproject.toml").write_text(PLAN["sdk/pyproject.toml"], encoding="utf-8")
    result = sync_output(out, PLAN, write=True)
    assert result.written and not result.refused
    assert "sdk/pyproject.toml" not in result.paths(Kind.ADDED)
    assert "sdk/pyproject.toml" in json.loads((out / MANIFEST).read_text())["files"]


def test_ignored_files_are_never_written_deleted_or_reported(tmp_path: Path) -> None:
    out = built(tmp_path)
    (out / IGNORE).write_text("# mine\nmodels.py\nsdk/pkg/old/\n", encoding="utf-8")
    (out / "sdk/pkg/models.py").write_text("# customised\n", encoding="utf-8")
    (out / "sdk/pkg/old/gone.py").write_text("# customised too\n", encoding="utf-8")
    check = sync_output(out, PLAN, write=False)
    assert {c.path for c in check.changes} == {MANIFEST}  # the manifest drops them
    assert not check.refused
    plan = {**PLAN, "sdk/pkg/models.py": "class C: ...\n"}
    del plan["sdk/pkg/old/gone.py"], plan["sdk/pkg/old/__init__.py"]
    result = sync_output(out, plan, write=True)
    assert result.written and not result.refused
    assert "sdk/pkg/models.py" in result.ignored
    assert (out / "sdk/pkg/models.py").read_text(encoding="utf-8") == "# customised\n"
    assert (out / "sdk/pkg/old/gone.py").read_text(encoding="utf-8") == "# customised too\n"
    assert (out / "sdk/pkg/old/__init__.py").exists()
    listed = json.loads((out / MANIFEST).read_text())["files"]
    assert "sdk/pkg/models.py" not in listed and "sdk/pkg/old/gone.py" not in listed
    assert sync_output(out, plan, write=False).up_to_date


def test_check_mode_reports_and_writes_nothing(tmp_path: Path) -> None:
    out = built(tmp_path)
    (out / "sdk/pkg/__init__.py").write_text("# edited\n", encoding="utf-8")
    plan = {r: t for r, t in PLAN.items() if r != "sdk/pkg/old/gone.py"}
    plan["sdk/pkg/new.py"] = "N = 1\n"
    before = snapshot(out)
    result = sync_output(out, plan, write=False)
    assert snapshot(out) == before
    assert result.paths(Kind.ADDED) == ("sdk/pkg/new.py",)
    assert result.paths(Kind.CHANGED) == ("sdk/pkg/__init__.py", MANIFEST)
    assert result.paths(Kind.DELETED) == ("sdk/pkg/old/gone.py",)
    assert [r.path for r in result.refused] == ["sdk/pkg/__init__.py"]
    missing = sync_output(tmp_path / "nowhere", plan, write=False)
    assert len(missing.paths(Kind.ADDED)) == len(plan) + 1
    assert not (tmp_path / "nowhere").exists()


def test_an_unreadable_manifest_needs_force(tmp_path: Path) -> None:
    out = built(tmp_path)
    (out / MANIFEST).write_text("{not json", encoding="utf-8")
    result = sync_output(out, PLAN, write=True)
    assert [(r.path, r.reason) for r in result.refused] == [(MANIFEST, Reason.BAD_MANIFEST)]
    assert (out / MANIFEST).read_text(encoding="utf-8") == "{not json"
    assert sync_output(out, PLAN, write=True, force=True).written
    assert sync_output(out, PLAN, write=False).up_to_date


def test_file_modes_are_kept_and_new_files_get_the_umask(tmp_path: Path) -> None:
    out = built(tmp_path)
    (out / "sdk/pkg/models.py").chmod(0o600)
    plan = {**PLAN}
    del plan["sdk/pkg/models.py"]
    plan["sdk/pkg/models.py"] = "class A: ...\n"
    plan["sdk/pkg/extra.py"] = "E = 1\n"
    # the manifest says models.py is unchanged: a mode change is not an edit
    assert sync_output(out, plan, write=True).written
    assert (out / "sdk/pkg/models.py").stat().st_mode & 0o777 == 0o600
    assert (out / "sdk/pkg/extra.py").stat().st_mode & 0o777 == (
        (out / "sdk/pkg/__init__.py").stat().st_mode & 0o777
    )
