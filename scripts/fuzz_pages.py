"""Mutate thousands of real pages and report what broke docs2code, grouped.

    .venv/bin/python scripts/fuzz_pages.py --pages 3000 --seed 1 [--batch 20] [--no-cli]

Pages come from the shared corpus next to the repository (``../shared/corpus/graph-v1.0``,
drawn with ``--seed``) and the seeds (``../shared/seeds``), each with the resource pages it
links to.  Each page gets one to four mutations (tests/fuzz/mutations.py): half the pages
line damage (lines deleted, duplicated, swapped, the page truncated, bytes inserted), the
other half JSON values in annotations and example bodies replaced by values of another
type.  Mutated pages go into doc sets of ``--batch`` pages; each doc set is read, linted
rule by rule and planned in process (tests/fuzz/pipeline.py: every generated .py must
compile, every .json be strict JSON), and, unless ``--no-cli``, given to ``docs2code
lint``, ``model`` and ``build``, which must exit 0 or 1.  A doc set with a problem is
re-run page by page, so that each problem names its page and mutation.

Prints how many pages, doc sets and command runs it made, then the problems grouped by
stage and exception, with up to three examples each; exits 1 when it found any.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.fuzz is not installed

from click.testing import CliRunner  # noqa: E402

from generator.cli import main as cli  # noqa: E402
from tests.fuzz.mutations import (  # noqa: E402
    Page,
    corpus_files,
    damage_lines,
    sample_pages,
    shared_pages_present,
    swap_json_values,
)
from tests.fuzz.pipeline import MemoryFormatCache, Problem, check_docs  # noqa: E402


@dataclass(frozen=True, slots=True)
class Mutant:
    page: Page
    text: bytes
    how: str  # "line: delete, swap" or "json x3"


def mutate(page: Page, rng: random.Random) -> Mutant:
    count = rng.randint(1, 4)
    if rng.random() < 0.5:
        text, kinds = damage_lines(page.text, rng, count)
        return Mutant(page, text, "line: " + ", ".join(kinds))
    swapped = swap_json_values(page.text.decode("utf-8", "replace"), rng, count)
    return Mutant(page, swapped.encode("utf-8"), f"json x{count}")


def write(mutants: list[Mutant], root: Path) -> None:
    """One doc set; a page mutated twice in one batch keeps its first mutation."""
    for mutant in mutants:
        mutant.page.write(root, mutant.text)
    for mutant in mutants:  # context pages of later pages must not undo earlier mutations
        (root / mutant.page.rel).write_bytes(mutant.text)


def cli_problems(root: Path, out: Path) -> list[Problem]:
    runs = {
        "lint": ["lint", str(root)],
        "model": ["model", str(root), "-o", str(out / "model.json")],
        "build": ["build", str(root), "-o", str(out / "build")],
    }
    found = []
    for name, args in runs.items():
        result = CliRunner().invoke(cli, args)
        if result.exit_code not in (0, 1):
            last = (result.stderr or result.output).strip().splitlines()[-1:] or [""]
            found.append(Problem(f"cli {name} exit {result.exit_code}", str(root), last[0]))
    return found


def check(mutants: list[Mutant], cache: MemoryFormatCache, use_cli: bool) -> list[Problem]:
    with tempfile.TemporaryDirectory() as folder:
        root, out = Path(folder) / "docs", Path(folder) / "out"
        write(mutants, root)
        problems, _ = check_docs(root, cache)
        if use_cli:
            problems += cli_problems(root, out)
    return problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=3000, help="mutated pages to run")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=20, help="mutated pages per doc set")
    parser.add_argument("--no-cli", action="store_true", help="in process only")
    args = parser.parse_args(argv)
    if not shared_pages_present():
        print("no shared corpus next to the repository", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    files = corpus_files()
    pages = sample_pages(len(files), args.seed, files)  # every page once, in a seeded order
    cache = MemoryFormatCache()
    found: dict[str, list[tuple[Mutant | None, Problem]]] = defaultdict(list)
    started = time.monotonic()
    sets = cli_runs = 0
    for start in range(0, args.pages, args.batch):
        batch = [
            mutate(pages[i % len(pages)], rng)
            for i in range(start, min(start + args.batch, args.pages))
        ]
        sets += 1
        cli_runs += 3 * (not args.no_cli)
        problems = check(batch, cache, not args.no_cli)
        if not problems:
            continue
        blamed = False
        for mutant in batch:  # page by page: which mutation did it
            for problem in check([mutant], cache, not args.no_cli):
                found[problem.kind].append((mutant, problem))
                blamed = True
        if not blamed:  # only the pages together
            for problem in problems:
                found[problem.kind].append((None, problem))
    seconds = time.monotonic() - started
    print(
        f"{args.pages} mutated pages (seed {args.seed}) in {sets} doc sets of up to "
        f"{args.batch}; {cli_runs} command runs; {seconds:.0f} s"
    )
    if not found:
        print("no problems: no exception, no exit 2, all generated code compiles")
        return 0
    total = sum(len(v) for v in found.values())
    print(f"{total} problems in {len(found)} groups:")
    for kind, hits in sorted(found.items(), key=lambda kv: -len(kv[1])):
        print(f"\n{len(hits)}  {kind}")
        for mutant, problem in hits[:3]:
            where = f"{mutant.page.rel} ({mutant.how})" if mutant else "a doc set together"
            print(f"    {where}: {problem.where}: {problem.error[:200]}")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
