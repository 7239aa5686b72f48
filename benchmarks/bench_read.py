"""Reader speed and memory on the shared corpus, as ratios measured in one run.

    .venv/bin/python benchmarks/bench_read.py [CORPUS]

Baseline: markdown-it-py parsing every page (the least any Markdown reader must do),
timed in the same process just before, so machine noise cancels in the ratio.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from markdown_it import MarkdownIt

from generator.read import read_docs

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "graph-v1.0"


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not corpus.is_dir():
        print(f"corpus not found: {corpus}", file=sys.stderr)
        return 2
    pages = sorted(corpus.rglob("*.md"))
    texts = [p.read_text(encoding="utf-8") for p in pages]
    md = MarkdownIt("commonmark").enable("table")
    start = time.perf_counter()
    for text in texts:
        md.parse(text)
    baseline = time.perf_counter() - start

    start = time.perf_counter()
    serial = read_docs([corpus], jobs=1)
    serial_time = time.perf_counter() - start
    start = time.perf_counter()
    read_docs([corpus])
    parallel_time = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"pages: {len(pages)}, operations: {len(serial.operations)}, types: {len(serial.types)}")
    print(f"markdown-it baseline: {baseline:.2f} s")
    print(f"read_docs serial:     {serial_time:.2f} s  ({serial_time / baseline:.2f}x baseline)")
    print(
        f"read_docs parallel:   {parallel_time:.2f} s  ({parallel_time / baseline:.2f}x baseline, "
        f"{serial_time / parallel_time:.2f}x faster than serial)"
    )
    print(f"peak RSS: {peak_mb:.0f} MB ({peak_mb * 1024 / len(pages):.0f} KB per page)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
