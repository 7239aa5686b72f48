"""``docs2code watch``: the polling loop with a scripted file system, and the command."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.settings import Settings
from generator.cli.watch import Snapshot, describe, make_watch_command, snapshot, watch
from generator.render.options import BuildOptions

A: Snapshot = {"a.md": (1, 10)}
B: Snapshot = {"a.md": (2, 11)}
C: Snapshot = {"a.md": (2, 11), "b.md": (3, 5)}


def run(polls: list[Snapshot], fail: frozenset[int] = frozenset()) -> tuple[int, list[str], int]:
    """(builds, log lines, sleeps) for a file system that looks like ``polls`` in turn."""
    script: Iterator[Snapshot] = iter(polls)
    lines: list[str] = []
    sleeps: list[float] = []
    count = 0

    def rebuild() -> str:
        nonlocal count
        count += 1
        if count in fail:
            raise ValueError("bad page")
        return f"build {count}"

    ticks = iter(range(1000))
    builds = watch(
        lambda: next(script),
        rebuild,
        lines.append,
        interval=0.5,
        sleep=sleeps.append,
        clock=lambda: float(next(ticks)),
        max_polls=len(polls) - 1,
    )
    assert set(sleeps) == {0.5}
    return builds, lines, len(sleeps)


def test_first_build_then_nothing_while_nothing_changes() -> None:
    builds, lines, sleeps = run([A, A, A, A])
    assert (builds, sleeps) == (1, 3)
    assert lines == ["first build: build 1 (1.00 s)"]


def test_a_change_is_built_once_it_settles() -> None:
    builds, lines, _ = run([A, A, B, C, C, C, C])
    assert builds == 2
    assert lines[1] == "2 files changed: build 2 (1.00 s)"


def test_one_changed_file_is_named() -> None:
    assert run([A, B, B])[1][1] == "a.md changed: build 2 (1.00 s)"
    assert describe(B, C) == "b.md added"
    assert describe(C, B) == "b.md deleted"


def test_a_change_still_in_progress_at_the_end_is_not_built() -> None:
    assert run([A, B, C])[0] == 1


def test_a_failed_build_is_one_line_and_watching_goes_on() -> None:
    builds, lines, _ = run([A, B, B, C, C], fail=frozenset({2}))
    assert builds == 3
    assert lines[1] == "a.md changed: build failed: ValueError: bad page"
    assert lines[2] == "b.md added: build 3 (1.00 s)"


def test_snapshot_sees_pages_and_templates_but_not_the_output(tmp_path: Path) -> None:
    docs, templates, out = tmp_path / "docs", tmp_path / "tpl", tmp_path / "docs" / "out"
    for folder in (docs / "api", templates / "sdk", out):
        folder.mkdir(parents=True)
    (docs / "api" / "a.md").write_text("x")
    (docs / "api" / "image.png").write_bytes(b"x")
    (templates / "sdk" / "models.py.jinja").write_text("x")
    (out / "README.md").write_text("x")
    first = snapshot([docs], [templates], exclude=out)
    assert sorted(first) == [str(docs / "api" / "a.md"), str(templates / "sdk" / "models.py.jinja")]
    (docs / "api" / "a.md").write_text("longer")
    assert snapshot([docs], [templates], exclude=out) != first


def test_the_command_resolves_settings_and_stops_cleanly_on_ctrl_c(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.docs2code]\ndocs = ["docs"]\npackage = "graph"\ncache_dir = ".c"\n',
        encoding="utf-8",
    )
    (tmp_path / "docs").mkdir()
    calls: list[Settings] = []

    def rebuild(target: Settings) -> str:
        calls.append(target)
        raise KeyboardInterrupt

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(make_watch_command(rebuild), ["-o", "out"])
    assert result.exit_code == 0, result.output
    assert "stopped" in result.stderr and "Traceback" not in result.output
    [target] = calls
    assert (target.roots, target.output, target.options, target.cache_dir) == (
        (Path("docs"),),
        Path("out"),
        BuildOptions("graph", None),
        tmp_path / ".c",
    )
    assert target.source == tmp_path / "pyproject.toml"


def test_no_cache_and_bad_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Settings] = []

    def rebuild(target: Settings) -> str:
        seen.append(target)
        raise KeyboardInterrupt

    command = make_watch_command(rebuild)
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(command, ["docs", "--no-cache"]).exit_code == 2  # no such folder
    (tmp_path / "docs").mkdir()
    assert CliRunner().invoke(command, ["docs", "--no-cache"]).exit_code == 0
    assert seen[0].cache_dir is None
    (tmp_path / "pyproject.toml").write_text("[tool.docs2code]\ndocs = 3\n", encoding="utf-8")
    result = CliRunner().invoke(command, [])
    assert result.exit_code == 2
    assert "'docs' must be a list" in result.stderr
