"""Plans are verified before anything is written: unsafe paths and unparsable files stop
the build whatever the flags, and symlinks cannot carry a write or a deletion outside."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.output import verify
from generator.output.layout import JOURNAL, MANIFEST, STAGING
from generator.output.sync import Reason, recover_output, sync_output
from tests.output.trees import snapshot

GOOD = {"sdk/pkg/__init__.py": "X = 1\n"}

BAD_PATHS = [
    "../x.py",
    "sdk/../../x.py",
    "sdk/../x.py",
    "/tmp/x.py",
    "C:/x.py",
    "c:x.py",
    "sdk\\x.py",
    "./x.py",
    "sdk//x.py",
    "sdk/",
    "",
    "sdk/x\x00.py",
    MANIFEST,
    f"{STAGING}/000000",
    ".DOCS2CODE-journal.json",
]


@pytest.mark.parametrize("bad", BAD_PATHS)
def test_unsafe_plan_paths_stop_the_build(tmp_path: Path, bad: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = sync_output(out, {**GOOD, bad: "Y = 1\n"}, write=True, force=True)
    assert [p.path for p in result.errors] == [bad]
    assert not result.written and list(out.iterdir()) == []
    assert list(tmp_path.iterdir()) == [out]


@pytest.mark.parametrize(
    ("plan", "fragment"),
    [
        ({"a.py": "def f(:\n"}, "does not parse"),
        ({"a.py": "def f(x, x): pass\n"}, "duplicate argument"),  # compile, not just parse
        ({"a.pyi": "class\n"}, "does not parse"),
        ({"a.json": "{"}, "does not parse"),
        ({"a.toml": "x = \n"}, "does not parse"),
        ({"sdk/A.py": "", "sdk/a.py": ""}, "only in case"),
        ({"sdk": "", "sdk/a.py": ""}, "it is a file"),
    ],
)
def test_invalid_plans_are_refused(tmp_path: Path, plan: dict[str, str], fragment: str) -> None:
    result = sync_output(tmp_path / "out", plan, write=True, force=True)
    assert result.errors and fragment in result.errors[0].message
    assert not (tmp_path / "out").exists()


def test_a_file_changed_to_text_that_does_not_parse_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert sync_output(out, GOOD, write=True).written
    before = snapshot(out)
    for write in (True, False):  # build and check alike
        result = sync_output(out, {**GOOD, "sdk/pkg/a.py": "def f(x, x): pass\n"}, write=write)
        assert [p.path for p in result.errors] == ["sdk/pkg/a.py"]
        assert "duplicate argument" in result.errors[0].message
        assert not result.written and snapshot(out) == before
    assert sync_output(out, GOOD, write=True).errors == ()  # as written: not checked again


def test_a_symlinked_folder_leading_outside_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "sdk").symlink_to(outside, target_is_directory=True)
    result = sync_output(out, GOOD, write=True, force=True)
    assert [p.path for p in result.errors] == ["sdk/pkg/__init__.py"]
    assert "outside the output folder" in result.errors[0].message
    assert list(outside.iterdir()) == [] and sorted(p.name for p in out.iterdir()) == ["sdk"]


def test_a_symlinked_file_is_not_written_through(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "sdk/pkg").mkdir(parents=True)
    inside = out / "real.py"
    inside.write_text("# mine\n", encoding="utf-8")
    (out / "sdk/pkg/__init__.py").symlink_to(inside)
    result = sync_output(out, GOOD, write=True, force=True)
    assert result.errors and "symlink" in result.errors[0].message
    assert inside.read_text(encoding="utf-8") == "# mine\n"


def test_deletions_do_not_follow_a_symlink_outside(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert sync_output(out, GOOD, write=True).written
    outside = tmp_path / "outside"
    (outside / "pkg").mkdir(parents=True)
    victim = outside / "pkg/__init__.py"
    victim.write_text("X = 1\n", encoding="utf-8")  # same hash as the generated file
    (out / "sdk/pkg/__init__.py").unlink()
    (out / "sdk/pkg").rmdir()
    (out / "sdk").rmdir()
    (out / "sdk").symlink_to(outside, target_is_directory=True)
    result = sync_output(out, {"other.py": ""}, write=True, force=True)
    assert result.errors and "outside" in result.errors[0].message
    assert victim.exists()


def test_a_manifest_naming_unsafe_paths_is_not_trusted(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert sync_output(out, GOOD, write=True).written
    victim = tmp_path / "victim.py"
    victim.write_text("X = 1\n", encoding="utf-8")
    manifest = json.loads((out / MANIFEST).read_text())
    manifest["files"]["../victim.py"] = manifest["files"]["sdk/pkg/__init__.py"]
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    result = sync_output(out, GOOD, write=True)
    assert [r.reason for r in result.refused] == [Reason.BAD_MANIFEST]
    assert "../victim.py" in result.refused[0].detail
    assert sync_output(out, GOOD, write=True, force=True).written  # forced: an empty manifest
    assert victim.exists()


def test_a_journal_naming_unsafe_paths_is_not_applied(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert sync_output(out, GOOD, write=True).written
    victim = tmp_path / "victim.py"
    victim.write_text("X = 1\n", encoding="utf-8")
    journal = {
        "format": 1,
        "moves": [],
        "deletes": [{"path": "../victim.py", "sha256": "0" * 64}],
    }
    (out / JOURNAL).write_text(json.dumps(journal), encoding="utf-8")
    before = snapshot(tmp_path)
    result = recover_output(out)
    assert result.errors and "unsafe" in result.errors[0].message
    assert sync_output(out, GOOD, write=True).errors
    assert snapshot(tmp_path) == before


def test_a_checked_plan_is_not_parsed_again_but_a_text_put_in_since_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build's workers parse its Python files (generator.pipeline.plan); the plan names
    each text they parsed, and only that very text is spared."""
    parsed: list[str] = []
    real = verify.content_problem

    def counted(rel: str, text: str) -> str | None:
        parsed.append(rel)
        return real(rel, text)

    monkeypatch.setattr(verify, "content_problem", counted)
    good, bad = "X = 1\n", "def f(x, x): pass\n"
    plan = verify.Checked({"a.py": good, "b.py": good, "c.json": "{}"}, {"a.py": good})
    assert sync_output(tmp_path / "out", plan, write=True).written
    assert sorted(parsed) == ["b.py", "c.json"]
    for write in (True, False):  # the output folder holds them: only what is written
        parsed.clear()
        plan["a.py"] = "".join(["def f(x, x):", " pass\n"])  # not the text checked
        result = sync_output(tmp_path / "out", plan, write=write)
        assert [p.path for p in result.errors] == ["a.py"] and parsed == ["a.py"]
    parsed.clear()
    fresh = verify.Checked({"a.py": bad}, {})  # named by nothing: parsed
    assert [p.path for p in sync_output(tmp_path / "new", fresh, write=True).errors] == ["a.py"]
    assert parsed == ["a.py"]
