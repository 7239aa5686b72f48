"""A build killed at any moment leaves the output folder exactly as before or exactly as
after, once the next docs2code command has recovered it.

``DOCS2CODE_TEST_CRASH_AT=N`` ends the process with ``os._exit`` just before the N-th
filesystem change; each test runs a build once per N, from the first change to past the
last, and compares the recovered folder with the trees of a clean build before and after.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from generator.output.faults import CRASH_EXIT, ENV
from generator.output.layout import IGNORE, JOURNAL, STAGING
from generator.output.sync import recover_output, sync_output
from tests.output.trees import Entry, snapshot

ROOT = Path(__file__).resolve().parents[2]
DOCS2CODE = Path(sys.executable).parent / "docs2code"
SCRIPT = """
import json, sys
from pathlib import Path
from generator.output.sync import recover_output, sync_output
mode, out, plan = sys.argv[1:]
if mode == "build":
    result = sync_output(Path(out), json.loads(Path(plan).read_text()), write=True)
else:
    result = recover_output(Path(out))
sys.exit(3 if result.errors else 0)
"""
OLD = {
    "a.py": "A = 1\n",
    "pkg/b.py": "B = 1\n",
    "pkg/c.py": "C = 1\n",
    "gone/d.py": "D = 1\n",
    "gone/sub/e.txt": "e\n",
    "swap/inner.txt": "a folder that becomes a file\n",
    "turn": "a file that becomes a folder\n",
    "ignored.txt": "old\n",
}
NEW = {
    "a.py": "A = 2\n",
    "pkg/b.py": "B = 1\n",
    "new/deep/f.py": "F = 1\n",
    "new/g.py": "G = 1\n",
    "swap": "now a file\n",
    "turn/into.txt": "now in a folder\n",
    "ignored.txt": "new\n",
}


def run(mode: str, out: Path, plan: Path, crash_at: int | None = None) -> int:
    env = {k: v for k, v in os.environ.items() if k != ENV}
    if crash_at is not None:
        env[ENV] = str(crash_at)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, mode, str(out), str(plan)], env=env, cwd=ROOT, check=False
    )
    return done.returncode


def scenario(tmp_path: Path) -> tuple[Path, Path, dict[str, Entry], dict[str, Entry]]:
    """A folder built from OLD with a user file and an ignore file; the plan file for NEW;
    the trees before and after a clean build of NEW."""
    template = tmp_path / "template"
    assert sync_output(template, OLD, write=True).written
    (template / "pkg/user.txt").write_text("the user's\n", encoding="utf-8")
    (template / IGNORE).write_text("ignored.txt\n", encoding="utf-8")
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(NEW), encoding="utf-8")
    after = tmp_path / "after"
    shutil.copytree(template, after, symlinks=True)
    assert sync_output(after, NEW, write=True).written
    return template, plan, snapshot(template), snapshot(after)


def fresh(template: Path, work: Path) -> Path:
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(template, work, symlinks=True)
    return work


def test_a_build_killed_at_every_step_recovers_to_before_or_after(tmp_path: Path) -> None:
    template, plan, before, after = scenario(tmp_path)
    assert before != after and after["pkg/user.txt"] == b"the user's\n"
    assert after["ignored.txt"] == b"old\n" and after["swap"] == b"now a file\n"
    outcomes: list[str] = []
    crash_at = 0
    while True:
        crash_at += 1
        out = fresh(template, tmp_path / "work")
        code = run("build", out, plan, crash_at)
        if code == 0:
            break
        assert code == CRASH_EXIT, f"step {crash_at}: exit {code}"
        assert recover_output(out).errors == ()
        tree = snapshot(out)
        assert tree in (before, after), f"killed at step {crash_at}: a half-written folder"
        outcomes.append("before" if tree == before else "after")
    assert snapshot(out) == after
    commit = outcomes.index("after")
    assert outcomes == ["before"] * commit + ["after"] * (len(outcomes) - commit)
    assert commit > len(NEW) and len(outcomes) - commit > len(NEW)  # both sides exercised
    print(f"kill points: {len(outcomes)} ({commit} before the commit point)")


def _state_after_crash(template: Path, plan: Path, work: Path, crash_at: int) -> Path:
    out = fresh(template, work)
    assert run("build", out, plan, crash_at) == CRASH_EXIT
    return out


def test_a_recovery_killed_at_every_step_still_recovers(tmp_path: Path) -> None:
    template, plan, before, after = scenario(tmp_path)
    # Find the last step before the commit point and the first after it.
    crash_at = 1
    while not (_state_after_crash(template, plan, tmp_path / "probe", crash_at) / JOURNAL).exists():
        crash_at += 1
    for build_crash, expected in ((crash_at - 1, before), (crash_at, after)):
        probe = _state_after_crash(template, plan, tmp_path / "probe", build_crash)
        assert (probe / STAGING).is_dir()
        recovery_crash = 0
        while True:
            recovery_crash += 1
            out = fresh(probe, tmp_path / "work")
            code = run("recover", out, plan, recovery_crash)
            if code == 0:
                break
            assert code == CRASH_EXIT
            assert run("recover", out, plan) == 0
            assert snapshot(out) == expected, f"recovery killed at step {recovery_crash}"
        assert snapshot(out) == expected
        assert recovery_crash > 2
        print(f"recovery kill points after build step {build_crash}: {recovery_crash - 1}")


def test_sigkill_at_random_moments(tmp_path: Path) -> None:
    old = {f"m/{i:03d}/x.py": f"X = {i}\n" for i in range(120)}
    new = {f"m/{i:03d}/x.py": f"X = {i + 1}\n" for i in range(0, 120, 2)}
    template = tmp_path / "template"
    assert sync_output(template, old, write=True).written
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(new), encoding="utf-8")
    after = fresh(template, tmp_path / "after")
    assert sync_output(after, new, write=True).written
    before_tree, after_tree = snapshot(template), snapshot(after)
    out = fresh(template, tmp_path / "work")
    started = time.monotonic()
    assert run("build", out, plan) == 0
    took = time.monotonic() - started
    rng = random.Random(7)
    seen = set()
    for _ in range(6):
        out = fresh(template, tmp_path / "work")
        process = subprocess.Popen(
            [sys.executable, "-c", SCRIPT, "build", str(out), str(plan)], cwd=ROOT
        )
        time.sleep(rng.uniform(0, took))
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert recover_output(out).errors == ()
        tree = snapshot(out)
        assert tree in (before_tree, after_tree)
        seen.add(tree == after_tree)
    print(f"SIGKILL outcomes seen (after?): {sorted(seen)}")


TINY = """---
title: "Get widget"
description: "Get a widget."
doc_type: apiPageType
---
# Get widget

## HTTP request

```http
GET /widgets/{id}
GET /gadgets/{id}
```

## Response

If successful, this method returns a `200 OK` response code.
"""


def test_docs2code_build_killed_then_recovered_by_check(tmp_path: Path) -> None:
    """The same through the commands: ``build`` killed, ``check`` recovers first."""
    docs = tmp_path / "docs" / "api"
    docs.mkdir(parents=True)
    page = docs / "widget-get.md"
    page.write_text(TINY.replace("GET /gadgets/{id}\n", ""), encoding="utf-8")
    template = tmp_path / "template"
    env = {k: v for k, v in os.environ.items() if k != ENV}
    build = [str(DOCS2CODE), "build", str(tmp_path / "docs"), "-o"]
    check = [str(DOCS2CODE), "check", str(tmp_path / "docs"), "-o"]
    subprocess.run([*build, str(template)], env=env, check=True, capture_output=True)
    before = snapshot(template)
    page.write_text(TINY, encoding="utf-8")
    clean = fresh(template, tmp_path / "clean")
    subprocess.run([*build, str(clean)], env=env, check=True, capture_output=True)
    after = snapshot(clean)
    assert after != before and any(b"gadgets" in (e or b"") for e in after.values())
    outcomes = []
    for crash_at in (3, 12):  # one before the commit point, one after
        out = fresh(template, tmp_path / "work")
        killed = subprocess.run(
            [*build, str(out)], env={**env, ENV: str(crash_at)}, capture_output=True
        )
        assert killed.returncode == CRASH_EXIT
        interrupted = (out / STAGING).exists()
        checked = subprocess.run([*check, str(out)], env=env, capture_output=True, text=True)
        assert ("interrupted" in checked.stderr) is interrupted
        assert not (out / STAGING).exists() and not (out / JOURNAL).exists()
        if checked.returncode == 1:  # recovered to the old tree, now stale
            assert snapshot(out) == before and "would change" in checked.stdout
        else:  # rolled forward: up to date
            assert checked.returncode == 0 and snapshot(out) == after
        outcomes.append(checked.returncode)
    assert outcomes == [1, 0]


def test_serve_recovers_a_killed_build_before_serving(tmp_path: Path) -> None:
    """``serve`` rolls a committed build forward before it loads the stubs (here it then
    stops on a taken port, which is after the recovery)."""
    docs = tmp_path / "docs" / "api"
    docs.mkdir(parents=True)
    page = docs / "widget-get.md"
    page.write_text(TINY.replace("GET /gadgets/{id}\n", ""), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != ENV}
    out = tmp_path / "out"
    build = [str(DOCS2CODE), "build", str(tmp_path / "docs"), "--no-cache", "-o", str(out)]
    subprocess.run(build, env=env, check=True, capture_output=True)
    page.write_text(TINY, encoding="utf-8")
    killed = subprocess.run(build, env={**env, ENV: "12"}, capture_output=True)
    assert killed.returncode == CRASH_EXIT and (out / JOURNAL).exists()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        served = subprocess.run(
            [str(DOCS2CODE), "serve", str(out), "--port", port],
            env=env,
            capture_output=True,
            text=True,
        )
    assert served.returncode == 2 and "Traceback" not in served.stderr
    assert not (out / JOURNAL).exists() and not (out / STAGING).exists()
    check = [str(DOCS2CODE), "check", str(tmp_path / "docs"), "--no-cache", "-o", str(out)]
    assert subprocess.run(check, env=env, capture_output=True).returncode == 0
