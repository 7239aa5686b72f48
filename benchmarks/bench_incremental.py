"""Incremental builds: what the cache saves, as ratios measured in one run.

    .venv/bin/python benchmarks/bench_incremental.py [--corpus [CORPUS]]

Default: input_docs; ``--corpus``: the shared Graph v1.0 corpus.  The docs are copied to
a temporary folder (pages are edited there) with an empty cache beside them, then built:

- without the cache (the baseline every ratio divides);
- through the cache, cold (everything read, formatted and stored);
- again, unchanged (a fresh cache object: entries come from disk, as in a new process);
- after editing one API page (its title), and after editing one resource page (a
  property description, which changes models.py: black formats all of it again);
- after the real one-page edit (issue 25): a sentence added to an operation's
  description, before ``## HTTP request`` (the front matter's description and the
  paragraph under the title), which the SDK docstring, the OpenAPI export and the tests
  show; its ratio is also given to the cold build (target <= 0.1).

The cold cached plan is compared with the uncached one byte for byte.  Interpreter start
and imports, which a command adds to each figure, are measured separately.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from generator.cache import Cache
from generator.model import Model
from generator.pipeline import Build, cached_build_plan
from generator.pipeline.plan import build_plan
from generator.read import read_docs
from generator.render.formatting import FormatCache
from generator.render.options import BuildOptions

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "graph-v1.0"
OPTIONS = BuildOptions()


def render(model: Model, cache: FormatCache | None) -> dict[str, str]:
    return build_plan(model, OPTIONS, cache)


def timed(build: Callable[[], Build]) -> tuple[float, Build]:
    start = time.perf_counter()
    result = build()
    return time.perf_counter() - start, result


def edit(docs: Path, candidates: Iterable[tuple[str, str]], prefix: str) -> str:
    """Put ``prefix`` before the first (page, text) whose text the page holds verbatim
    (the model's text is normalised, so not every candidate does); returns the page.
    Before, not after: generated docstrings keep only a description's first sentence."""
    for page, old in candidates:
        path = docs / page
        text = path.read_text(encoding="utf-8")
        if len(old) > 8 and old in text:
            path.write_text(text.replace(old, prefix + old), encoding="utf-8")
            return page
    raise SystemExit("no page to edit")


def edit_description(docs: Path, model: Model, sentence: str) -> str:
    """Put ``sentence`` before an operation's description wherever its page writes it
    before ``## HTTP request`` (the front matter and the paragraph under the title: the
    model reads the first); returns the page."""
    for op in model.operations:
        old = op.description[:40]
        path = docs / op.source.file
        text = path.read_text(encoding="utf-8")
        head, sep, rest = text.partition("\n## HTTP request")
        if len(old) > 8 and sep and old in head:
            path.write_text(head.replace(old, sentence + old) + sep + rest, encoding="utf-8")
            return op.source.file
    raise SystemExit("no operation's description to edit")


def main() -> int:
    args = sys.argv[1:]
    corpus = "--corpus" in args
    rest = [a for a in args if a != "--corpus"]
    source = Path(rest[0]) if rest else CORPUS if corpus else ROOT / "input_docs"
    if not source.is_dir():
        print(f"docs not found: {source}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="docs2code-incremental-"))
    try:
        return run(source, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(source: Path, work: Path) -> int:
    docs, folder = work / "docs", work / "cache"
    shutil.copytree(source, docs)

    def cached() -> Build:
        return cached_build_plan([docs], OPTIONS, Cache(folder))

    start = time.perf_counter()
    model = read_docs([docs])
    plan = render(model, None)
    baseline = time.perf_counter() - start
    cold_time, cold = timed(cached)
    warm_time, warm = timed(cached)

    api_page = edit(docs, ((o.source.file, o.title) for o in model.operations), "Edited: ")
    api_time, api = timed(cached)
    properties = ((t.source.file, p.description) for t in model.types for p in t.properties)
    resource_page = edit(docs, properties, "Edited. ")
    resource_time, resource = timed(cached)
    described_page = edit_description(docs, model, "A sentence a writer added. ")
    described_time, described = timed(cached)
    described_cold = cached_build_plan([docs], OPTIONS, None).plan
    code = "import time; t = time.perf_counter(); import generator.cli.build, generator.pipeline; "
    imports = subprocess.run(
        [sys.executable, "-c", code + "print(time.perf_counter() - t)"],
        capture_output=True,
        text=True,
        check=True,
    )
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    print(f"docs: {source} ({len(model.pages)} pages, {len(plan)} files generated)")
    print(
        f"edited: {api_page} (its title), {resource_page} (a property description), "
        f"{described_page} (a sentence in an operation's description)"
    )
    print(f"{'without the cache':<28}{baseline:7.2f} s  1.000")
    for label, seconds, build in [
        ("cold, through the cache", cold_time, cold),
        ("unchanged", warm_time, warm),
        ("one API page changed", api_time, api),
        ("one resource page changed", resource_time, resource),
        ("one description changed", described_time, described),
    ]:
        ratio = seconds / baseline
        print(f"{label:<28}{seconds:7.2f} s  {ratio:.3f}  {build.stats.summary()}")
    print(
        f"one description changed: {described_time / cold_time:.3f} of the cold build "
        f"through the cache (target <= 0.1); "
        f"{sum(described_cold.get(p) != t for p, t in resource.plan.items())} files changed"
    )
    same = cold.plan == plan and described.plan == described_cold
    print(f"cold cached plan identical to uncached: {'yes' if cold.plan == plan else 'NO'}")
    print(
        f"incremental plan identical to cold: {'yes' if described.plan == described_cold else 'NO'}"
    )
    print(f"imports a command adds: {float(imports.stdout):.2f} s; cache: {size / 1e6:.1f} MB")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
