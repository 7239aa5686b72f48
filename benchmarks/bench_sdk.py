"""The generated SDK at full scale: build it for the whole corpus, then measure it.

    .venv/bin/python benchmarks/bench_sdk.py [CORPUS] [--keep DIR]

Reported, all measured in this one run:
- build time (read + render + black + compile check);
- installed size per documented path variant (package files plus the .pyc files
  ``compileall`` writes, as pip would install them); target <= 2 KB;
- ``import <pkg>`` + building the drives/{id}/items/{id}/versions/{id}/restoreVersion
  request: median of fresh processes minus a bare interpreter's median; target <= 0.1 s;
- the first parsed call: ``import <pkg>; c = Client(token=..., transport=httpx.MockTransport
  answering a user); c.me.get()`` minus the same without the call, median of fresh
  processes run in turn, and the peak RSS (VmHWM) of both; target <= 0.2 s
  (:func:`first_call`, which ``make bench`` reports too);
- ``mypy --strict`` on the package (pass/fail and time).
"""

from __future__ import annotations

import compileall
import json
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from generator.read import read_docs
from generator.sdk.plan import sdk_plan
from generator.sdk.render import SdkOptions

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "graph-v1.0"
PACKAGE = "docs2code_sdk"
CHAIN = (
    "import {pkg}; c = {pkg}.Client(token='t'); "
    "c.drives.by_id('d').items.by_id('i').versions.by_id('v').restore_version"
    ".request_info('POST')"
)
RUNS = 9
FIRST_CALL_TARGET = 0.2  # seconds over the same process without the call (issue 24)
USER = {
    "businessPhones": ["+1 425 555 0109"],
    "displayName": "Adele Vance",
    "givenName": "Adele",
    "jobTitle": "Retail Manager",
    "mail": "AdeleV@contoso.onmicrosoft.com",
    "officeLocation": "18/2111",
    "preferredLanguage": "en-US",
    "surname": "Vance",
    "userPrincipalName": "AdeleV@contoso.onmicrosoft.com",
    "id": "87d349ed-44d7-43e1-9a83-5f2406dee5bd",
}  # the user GET /me answers with in api/user-get.md
FIRST_CALL = """\
import sys, httpx, {pkg}
user = {user}
answer = lambda request: httpx.Response(200, json=user)
c = {pkg}.Client(token="t", transport=httpx.MockTransport(answer))
if sys.argv[1] == "call":
    found = c.me.get()
    assert type(found).__name__ == "User" and found.display_name == user["displayName"]
with open("/proc/self/status") as status:  # the peak RSS of this process image alone
    print(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
"""


@dataclass(frozen=True)
class FirstCall:
    """The first parsed call, as medians of fresh processes (seconds, MB)."""

    runs: int
    with_call_s: float
    without_call_s: float
    with_call_rss_mb: float
    without_call_rss_mb: float

    @property
    def cost_s(self) -> float:
        return self.with_call_s - self.without_call_s

    def line(self) -> str:
        met = "met" if self.cost_s <= FIRST_CALL_TARGET else "NOT met"
        return (
            f"first parsed call (c.me.get()): {self.cost_s:.3f} s over import + client "
            f"({self.with_call_s:.3f} - {self.without_call_s:.3f}, median of {self.runs}; "
            f"target <= {FIRST_CALL_TARGET} s: {met}, {self.cost_s / FIRST_CALL_TARGET:.2f}x); "
            f"peak RSS {self.with_call_rss_mb:.0f} MB with the call, "
            f"{self.without_call_rss_mb:.0f} MB without"
        )


def _timed(argv: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS MB) of one process.  The peak is the process's own VmHWM:
    the ru_maxrss a parent gets for a child counts the parent's memory at the fork too."""
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{argv[-1]} run failed in {cwd}:\n{done.stderr[-2000:]}")
    return wall, int(done.stdout.split()[-1]) / 1024  # kB


def first_call(sdk: Path, package: str = PACKAGE, runs: int = RUNS) -> FirstCall:
    """The first parsed call's cost: ``sdk`` holds the package (bytecode compiled here
    first, as an installed package has it); runs with and without the call alternate."""
    compileall.compile_dir(sdk / package, quiet=1)
    code = FIRST_CALL.format(pkg=package, user=json.dumps(USER))
    argv = [sys.executable, "-c", code]
    _timed([*argv, "warm"], sdk)  # file caches
    found: dict[str, list[tuple[float, float]]] = {"call": [], "none": []}
    for _ in range(runs):
        for kind in found:
            found[kind].append(_timed([*argv, kind], sdk))
    call, none = found["call"], found["none"]
    return FirstCall(
        runs,
        statistics.median(w for w, _ in call),
        statistics.median(w for w, _ in none),
        statistics.median(r for _, r in call),
        statistics.median(r for _, r in none),
    )


def median_seconds(code: str, cwd: Path) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], cwd=cwd, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    args = sys.argv[1:]
    keep = Path(args[args.index("--keep") + 1]) if "--keep" in args else None
    positional = [a for a in args if not a.startswith("--") and Path(a) != keep]
    corpus = Path(positional[0]) if positional else DEFAULT
    if not corpus.is_dir():
        print(f"corpus not found: {corpus}", file=sys.stderr)
        return 2
    out = keep or Path(tempfile.mkdtemp(prefix="docs2code-sdk-"))

    start = time.perf_counter()
    model = read_docs([corpus])
    read_time = time.perf_counter() - start
    start = time.perf_counter()
    plan = sdk_plan(model, SdkOptions(package=PACKAGE))
    build_time = time.perf_counter() - start
    for rel, text in plan.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    variants = sum(len(op.paths) for op in model.operations)

    package = out / PACKAGE
    compileall.compile_dir(package, quiet=1)
    installed = sum(p.stat().st_size for p in package.rglob("*") if p.is_file())
    source = sum(p.stat().st_size for p in package.rglob("*.py"))

    bare = median_seconds("pass", out)
    chain = median_seconds(CHAIN.format(pkg=PACKAGE), out)
    first = first_call(out)

    start = time.perf_counter()
    mypy = subprocess.run(
        [Path(sys.executable).parent / "mypy", "--strict", PACKAGE],
        cwd=out,
        capture_output=True,
        text=True,
    )
    mypy_time = time.perf_counter() - start

    print(f"corpus: {corpus} ({len(model.operations)} operations, {variants} path variants)")
    print(f"read: {read_time:.1f} s, render + format + compile check: {build_time:.1f} s")
    print(f"files: {len(plan)}, source {source / 1e6:.2f} MB, installed {installed / 1e6:.2f} MB")
    print(f"installed size per path variant: {installed / variants / 1024:.2f} KB (target <= 2 KB)")
    print(
        f"import + build restoreVersion request: {chain - bare:.3f} s over a bare interpreter "
        f"({chain:.3f} - {bare:.3f}, median of {RUNS}; target <= 0.1 s)"
    )
    print(first.line())
    verdict = "pass" if mypy.returncode == 0 else "FAIL"
    print(f"mypy --strict: {verdict} in {mypy_time:.1f} s  {mypy.stdout.strip().splitlines()[-1]}")
    print(f"package kept in {out}" if keep else f"(package in {out})")
    return 0 if mypy.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
