"""The generated SDK at full scale: build it for the whole corpus, then measure it.

    .venv/bin/python benchmarks/bench_sdk.py [CORPUS] [--keep DIR]

Reported, all measured in this one run:
- build time (read + render + black + compile check);
- installed size per documented path variant (package files plus the .pyc files
  ``compileall`` writes, as pip would install them); target <= 2 KB;
- ``import <pkg>`` + building the drives/{id}/items/{id}/versions/{id}/restoreVersion
  request: median of fresh processes minus a bare interpreter's median; target <= 0.1 s;
- ``mypy --strict`` on the package (pass/fail and time).
"""

from __future__ import annotations

import compileall
import statistics
import subprocess
import sys
import tempfile
import time
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
    verdict = "pass" if mypy.returncode == 0 else "FAIL"
    print(f"mypy --strict: {verdict} in {mypy_time:.1f} s  {mypy.stdout.strip().splitlines()[-1]}")
    print(f"package kept in {out}" if keep else f"(package in {out})")
    return 0 if mypy.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
