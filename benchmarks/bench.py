"""The benchmark of issues 15, 24 and 25: every speed and memory target in one run.

    .venv/bin/python benchmarks/bench.py [--corpus PATH] [--extra PATH] [--metadata CSDL]
                                         [--repeat N] [--quick] [--profile] [--json PATH]

Each figure is one subprocess (``.venv/bin/docs2code ...`` with ``CI=1``, a fresh HOME
and XDG_CACHE_HOME, its own working folder and so its own empty ``.docs2code_cache``),
so every figure includes interpreter start and imports, as a user sees them (the tool's
own modules compiled to bytecode first, as an installed wheel has them). Each timed
case is the median of ``--repeat`` runs (3), each cold run in its own fresh home:

- yardstick: markdown-it-py parsing every page (the least any Markdown reader does);
- floor: reading and hashing every page;
- ``lint`` cold; ``model``; ``build`` cold, again unchanged, again after a writer's edit
  of one operation's description (add_to_description: one sentence added to the paragraph
  under the title of the first API page with an example and to its front matter's
  ``description:``, which the outputs show; each timed run follows an untimed one on the
  unedited page; the output files it changed are listed, with a warning if none);
- ``lint`` again unchanged and after the same edit; ``lint --metadata`` (CPU time over
  the same lint's);
- on a set of about 8,000 pages (the corpus twice, as ``a/`` and ``b/``, plus an even
  sample of the older corpus as ``c/``): the yardstick, ``model``, ``lint``, ``build`` and
  ``lint --metadata`` (skipped with ``--quick``);
- the generated SDK's size (files under OUT/sdk, no __pycache__) per documented
  (METHOD, path template) pair of the model;
- the generated SDK's first parsed call: ``c.me.get()`` answered by a mock transport,
  over the same process without the call (median of fresh processes; peak RSS of both),
  as benchmarks/bench_sdk.py measures it.

Wall time, CPU time (user + sys of every process of the tree: from ``os.wait4``, or
summed from /proc samples when that is more, since workers started by a fork server are
not the command's children), the peak of the process tree's summed RSS and of its
largest process (sampled from /proc every 20 ms, so a peak shorter than that can be
missed; a forked worker's pages shared with its parent count in both).
``--profile`` also runs cold ``lint`` and ``build`` under cProfile, in one process (the
tool's worker pools are kept out by making ``os.cpu_count`` return 1), and prints the
time by phase (own time; a built-in's, black's included, goes to its callers' phase) and
the top functions.  Timings on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
CORPUS = ROOT.parent / "shared" / "corpus" / "graph-v1.0"
EXTRA = ROOT.parent / "shared" / "corpus" / "graph-v1.0-2021-05-01"
METADATA = ROOT.parent / "shared" / "metadata" / "graph-v1.0" / "cleanMetadata.xml"
REPEAT = 3  # each timed case is the median of this many runs
BIG_PAGES = 8000
SAMPLE_SECONDS = 0.02
MB = 1_000_000
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")
SENTENCE = "This sentence was added by the benchmark."

YARDSTICK = """\
import pathlib, sys
from markdown_it import MarkdownIt
md = MarkdownIt("commonmark").enable("table")
for page in sorted(pathlib.Path(sys.argv[1]).rglob("*.md")):
    md.parse(page.read_text(encoding="utf-8"))
"""
FLOOR = """\
import hashlib, pathlib, sys
for page in sorted(pathlib.Path(sys.argv[1]).rglob("*.md")):
    hashlib.sha256(page.read_bytes()).hexdigest()
"""

# (path fragment, phase), first match wins: a file before its folder.
PHASES = (
    ("<frozen importlib", "import"),
    ("generator/read/resolve.py", "resolve"),
    ("generator/read", "read"),
    ("markdown_it", "read (markdown-it)"),
    ("generator/lint", "lint rules"),
    ("generator/render/formatting.py", "format"),
    ("black", "format"),
    ("blib2to3", "format"),
    ("generator/render/templating.py", "render"),
    ("jinja2", "render"),
    ("generator/sdk", "render"),
    ("generator/stubs", "render"),
    ("generator/suite", "render"),
    ("generator/openapi", "render"),
    ("generator/output", "verify+write"),
    ("generator/cache", "cache"),
    ("yaml", "read"),
)
OTHER = "other"
BUILTIN = "~"

# (phase, file suffix, functions): the time of a phase is the cumulative time of its
# entry points; indented phases lie within the one above them.
ENTRY_POINTS = (
    ("read the pages (all of it)", "generator/read/docs.py", ("read_docs",)),
    ("  of which markdown-it's block parse", "markdown_it/main.py", ("parse",)),
    ("  of which inline parsing", "generator/read/blocks.py", ("inline",)),
    ("  of which resolving", "generator/read/resolve.py", ("resolve_operation", "resolve_types")),
    ("lint rules", "generator/lint/engine.py", ("lint",)),
    ("render (all of it)", "generator/pipeline/plan.py", ("build_plan",)),
    ("  of which formatting", "generator/render/formatting.py", ("_attempt", "pieces")),
    ("verify and write", "generator/output/sync.py", ("sync_output",)),
)


@dataclass
class Run:
    """One measured subprocess."""

    name: str
    argv: list[str]
    exit: int
    wall_s: float
    cpu_s: float
    peak_tree_rss_mb: float  # summed over the process tree, sampled
    max_process_rss_mb: float  # the largest single process, sampled
    runs: int = 1  # the median of this many runs (peak RSS: the largest of them)


@dataclass
class Row:
    """One line of the table: a run, or a figure without one (the SDK size)."""

    name: str
    run: Run | None
    ratio: float | None  # wall over the yardstick's
    target: str = ""
    met: str = ""
    notes: dict[str, Any] = field(default_factory=dict)


# -- pure helpers -------------------------------------------------------------------------


def phase_of(filename: str) -> str:
    """The phase a profiled function's file belongs to (PHASES), else ``other``."""
    path = "/" + filename.replace("\\", "/")
    for fragment, phase in PHASES:
        if fragment.startswith("<"):
            if filename.startswith(fragment):
                return phase
        elif f"/{fragment}/" in path or path.endswith(f"/{fragment}"):
            return phase
    return OTHER


def phase_totals(stats: Mapping[tuple[str, int, str], tuple[Any, ...]]) -> dict[str, float]:
    """Own time (tottime) summed by phase, largest first; ``stats`` as ``pstats.Stats.stats``.
    A built-in's time (file ``~``: C code, and black, which is compiled) goes to the phases
    of its callers, in proportion to the time each call site spent in it."""
    totals: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, callers) in stats.items():
        if filename == BUILTIN and callers:
            shares = [(phase_of(caller[0]), edge[2]) for caller, edge in callers.items()]
        else:
            shares = [(phase_of(filename), tottime)]
        for phase, seconds in shares:
            totals[phase] = totals.get(phase, 0.0) + seconds
    return dict(sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])))


def phase_cumulative(
    stats: Mapping[tuple[str, int, str], tuple[Any, ...]],
) -> dict[str, float]:
    """Cumulative time of each phase's entry points (ENTRY_POINTS), in that order; phases
    that did not run are left out."""
    totals: dict[str, float] = {}
    for phase, suffix, names in ENTRY_POINTS:
        seconds = sum(
            value[3]
            for (filename, _line, name), value in stats.items()
            if name in names and filename.replace("\\", "/").endswith(suffix)
        )
        if seconds:
            totals[phase] = seconds
    return totals


def format_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A Markdown table with padded columns (readable as printed and as committed)."""
    lines = [list(header), *(list(r) for r in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    cells = [[c.ljust(w) for c, w in zip(line, widths, strict=True)] for line in lines]
    cells.insert(1, ["-" * w for w in widths])
    return "\n".join("| " + " | ".join(c).rstrip() for c in cells) + "\n"


def description_end(text: str) -> int | None:
    """Index of the last line of the paragraph that follows a page's ``# `` title
    (skipping ``Namespace:`` and include lines), None when the title has none."""
    lines = [line.strip() for line in text.splitlines()]
    title = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    if title is None:
        return None
    start = next(
        (
            i
            for i in range(title + 1, len(lines))
            if lines[i] and not lines[i].startswith(("Namespace:", "[!INCLUDE"))
        ),
        None,
    )
    if start is None or lines[start].startswith(("#", "<", "|", "`", ">", "-", "*")):
        return None
    end = start
    while end + 1 < len(lines) and lines[end + 1]:
        end += 1
    return end


_FRONT_DESCRIPTION = re.compile(r"^(description:[ \t]*)([\"']?)(.*?)\2([ \t]*)$")
_EXAMPLE = re.compile(r"^#{2,3}\s+(examples?\b|request\b)", re.IGNORECASE)


def add_to_description(text: str, sentence: str) -> str | None:
    """``text`` with ``sentence`` added to an operation's description, as a writer edits
    it: the paragraph after the ``# `` title (before ``## HTTP request``) and the front
    matter's ``description:`` (what the outputs show: the OpenAPI operation's description
    and the model); None unless the page has both, a one-line front-matter value, an
    ``## HTTP request`` and an example (a ``## Example``/``### Request`` heading)."""
    lines = text.splitlines(keepends=True)
    stripped = [line.strip() for line in lines]
    index = description_end(text)
    http = next((i for i, s in enumerate(stripped) if s.lower() == "## http request"), None)
    if index is None or http is None or index > http:
        return None
    if not any(_EXAMPLE.match(s) for s in stripped[http:]):
        return None
    if not stripped or stripped[0] != "---":
        return None
    end = next((i for i in range(1, len(lines)) if stripped[i] == "---"), None)
    found = None
    for i in range(1, end or 0):
        body = lines[i].rstrip("\r\n")
        match = _FRONT_DESCRIPTION.match(body)
        if match and match.group(3).strip() and match.group(3).strip() not in (">", "|"):
            found = i, match, lines[i][len(body) :]
            break
    if found is None:
        return None
    i, match, ending = found
    head, quote, value, tail = match.groups()
    lines[i] = f"{head}{quote}{value.rstrip()} {sentence}{quote}{tail}{ending}"
    body = lines[index].rstrip("\r\n")
    lines[index] = f"{body} {sentence}{lines[index][len(body) :]}"
    return "".join(lines)


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def median_run(runs: Sequence[Run]) -> Run:
    """One figure from repeated runs of a case: median wall and CPU time, the largest
    peak RSS, and a failed exit if any run failed."""
    failed = [r.exit for r in runs if r.exit not in (0, 1)]
    return Run(
        name=runs[0].name,
        argv=runs[0].argv,
        exit=failed[0] if failed else max(r.exit for r in runs),
        wall_s=median([r.wall_s for r in runs]),
        cpu_s=median([r.cpu_s for r in runs]),
        peak_tree_rss_mb=max(r.peak_tree_rss_mb for r in runs),
        max_process_rss_mb=max(r.max_process_rss_mb for r in runs),
        runs=len(runs),
    )


def even_sample(items: Sequence[str], count: int) -> list[str]:
    """``count`` items spread evenly over ``items`` (all of them if there are fewer)."""
    if count >= len(items):
        return list(items)
    return [items[i * len(items) // count] for i in range(count)]


def tree(root: int, stats: Mapping[int, tuple[int, ...]]) -> list[int]:
    """``root`` and its descendants among ``stats`` (pid -> (ppid, ...))."""
    children: dict[int, list[int]] = {}
    for pid, (ppid, *_rest) in stats.items():
        children.setdefault(ppid, []).append(pid)
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        if pid in stats:
            found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def tree_rss(root: int, stats: Mapping[int, tuple[int, ...]]) -> tuple[int, int]:
    """RSS pages of ``root`` and its descendants, summed and of the largest one;
    ``stats``: pid -> (ppid, rss, ...)."""
    sizes = [stats[pid][1] for pid in tree(root, stats)]
    return sum(sizes), max(sizes, default=0)


# -- measuring ------------------------------------------------------------------------------


def proc_stats() -> dict[int, tuple[int, int, int]]:
    """pid -> (parent pid, RSS pages, CPU ticks: user + system) of every process now,
    from /proc/PID/stat."""
    found: dict[int, tuple[int, int, int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                raw = f.read()
        except OSError:  # gone since the listing
            continue
        rest = raw[raw.rindex(b")") + 2 :].split()  # the name may hold spaces
        found[int(entry)] = (int(rest[1]), int(rest[21]), int(rest[11]) + int(rest[12]))
    return found


class TreeSampler(threading.Thread):
    """Keeps the largest summed RSS of a process tree until stopped."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root, self.peak_pages, self.largest_pages = root, 0, 0
        self.ticks: dict[int, int] = {}  # pid -> CPU ticks when last seen
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            stats = proc_stats()
            total, largest = tree_rss(self.root, stats)
            self.peak_pages = max(self.peak_pages, total)
            self.largest_pages = max(self.largest_pages, largest)
            self.ticks.update((pid, stats[pid][2]) for pid in tree(self.root, stats))
            self.done.wait(SAMPLE_SECONDS)

    @property
    def cpu_s(self) -> float:
        """CPU time of every process seen in the tree, also those no one here waits for
        (workers of a fork server), up to its last sample."""
        return sum(self.ticks.values()) / TICKS


def measure(name: str, argv: list[str], cwd: Path, env: Mapping[str, str]) -> Run:
    """Run ``argv`` once; stdout is discarded, stderr kept to name a failure (exit 2)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=dict(env), stdout=subprocess.DEVNULL, stderr=err)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        sampler.done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        if proc.returncode not in (0, 1):
            err.seek(0)
            tail = err.read().decode(errors="replace").strip().splitlines()[-5:]
            print(f"{name}: exit {proc.returncode}\n  " + "\n  ".join(tail), file=sys.stderr)
    return Run(
        name=name,
        argv=argv,
        exit=proc.returncode,
        wall_s=wall,
        cpu_s=max(usage.ru_utime + usage.ru_stime, sampler.cpu_s),
        peak_tree_rss_mb=sampler.peak_pages * PAGE_BYTES / MB,
        max_process_rss_mb=sampler.largest_pages * PAGE_BYTES / MB,
    )


class Sandbox:
    """Fresh homes and working folders (each with its own empty build cache) under one
    temporary folder."""

    def __init__(self, base: Path) -> None:
        self.base, self.count = base, 0

    def fresh(self) -> tuple[Path, dict[str, str]]:
        self.count += 1
        home = self.base / f"home-{self.count}"
        (home / ".cache").mkdir(parents=True)
        env = {**os.environ, "CI": "1", "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")}
        return home, env


def compiled() -> None:
    """Give every measured command the tool's bytecode, as an installed wheel has it (pip
    compiles on install; the dependencies in .venv have theirs): with
    PYTHONDONTWRITEBYTECODE set, as some shells and CI images set it, the editable
    checkout would compile every module it imports, in every process, on every run."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [str(BIN / "python"), "-m", "compileall", "-q", str(ROOT / "generator")]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def tool(*args: str | Path) -> list[str]:
    return [str(BIN / "docs2code"), *map(str, args)]


def python(code: str, docs: Path) -> list[str]:
    return [str(BIN / "python"), "-c", code, str(docs)]


# -- the scenarios ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """One page's description edited (add_to_description): the page and both texts."""

    page: Path
    rel: str
    original: bytes
    edited: bytes

    def apply(self) -> None:
        self.page.write_bytes(self.edited)

    def undo(self) -> None:
        self.page.write_bytes(self.original)


def description_edit(docs: Path, sentence: str = SENTENCE) -> Edit:
    """``sentence`` added to the description of the first API page (sorted) that
    add_to_description can edit; the page is left as it was."""
    for page in sorted((docs / "api").glob("*.md")):
        raw = page.read_bytes()
        text = raw.decode("utf-8")  # line ends as they are
        edited = add_to_description(text, sentence)
        if edited is not None:
            return Edit(page, page.relative_to(docs).as_posix(), raw, edited.encode("utf-8"))
    raise SystemExit(f"no API page with a description and an example under {docs}")


def file_hashes(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): hash(p.read_bytes())
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def sdk_size(out: Path) -> int:
    return sum(
        p.stat().st_size
        for p in (out / "sdk").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )


def documented_pairs(model_json: Path) -> int:
    data = json.loads(model_json.read_text(encoding="utf-8"))
    return len({(op["method"], v["template"]) for op in data["operations"] for v in op["paths"]})


def make_big_set(corpus: Path, extra: Path, target: Path, pages: int) -> int:
    """The corpus as ``a/`` and ``b/`` plus an even sample of ``extra`` as ``c/`` up to
    ``pages``; returns how many pages ``c/`` got."""
    shutil.copytree(corpus, target / "a")
    shutil.copytree(corpus, target / "b")
    have = 2 * sum(1 for _ in corpus.rglob("*.md"))
    older = sorted(p.relative_to(extra).as_posix() for p in extra.rglob("*.md"))
    chosen = even_sample(older, max(0, pages - have))
    for rel in chosen:
        (target / "c" / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(extra / rel, target / "c" / rel)
    return len(chosen)


def ratio_met(value: float, limit: float) -> str:
    return f"{'yes' if value <= limit else 'NO'} ({value:.3f}x)"


def rss_met(run: Run, limit_mb: float) -> str:
    return f"{'yes' if run.peak_tree_rss_mb <= limit_mb else 'NO'} ({run.peak_tree_rss_mb:.0f} MB)"


def benchmark(args: argparse.Namespace, work: Path) -> tuple[list[Row], dict[str, Any]]:
    box = Sandbox(work)
    docs = work / "docs"
    shutil.copytree(args.corpus, docs)  # pages are edited here
    pages = sum(1 for _ in docs.rglob("*.md"))
    facts: dict[str, Any] = {"corpus": str(args.corpus), "pages": pages, "repeat": args.repeat}
    repeat = args.repeat

    def once(name: str, argv: list[str], home: Path, env: dict[str, str]) -> Run:
        print(f"  {name} ...", file=sys.stderr, flush=True)
        return measure(name, argv, home, env)

    def cold(
        name: str, argv: list[str], times: int = repeat
    ) -> tuple[Run, tuple[Path, dict[str, str]]]:
        """The median of ``times`` runs, each in a fresh home (empty caches); the last
        home is returned for warm runs after it."""
        runs, places = [], [box.fresh() for _ in range(times)]
        for i, place in enumerate(places):
            runs.append(once(f"{name} [{i + 1}/{times}]", argv, *place))
        result = median_run(runs)
        result.name = name
        return result, places[-1]

    def warm(name: str, argv: list[str], place: tuple[Path, dict[str, str]]) -> Run:
        runs = [once(f"{name} [{i + 1}/{repeat}]", argv, *place) for i in range(repeat)]
        result = median_run(runs)
        result.name = name
        return result

    def edited(
        name: str, argv: list[str], place: tuple[Path, dict[str, str]], edit: Edit
    ) -> tuple[Run, list[str]]:
        """The median of ``repeat`` runs after the edit, each from a run on the unedited
        page (not timed); the output files the first edit changed (``out`` of a build).
        Each run adds a sentence of its own: a tree the cache has seen would be found
        whole, not rebuilt."""
        runs, changed = [], []
        for i in range(repeat):
            edit.undo()
            once(f"{name}: undo the edit [{i + 1}/{repeat}]", argv, *place)
            before = file_hashes(out) if i == 0 and argv[1] == "build" else {}
            take = description_edit(docs, f"{SENTENCE} Take {i + 1} for {argv[1]}.")
            take.apply()
            runs.append(once(f"{name} [{i + 1}/{repeat}]", argv, *place))
            if before:
                changed = sorted(k for k, v in file_hashes(out).items() if before.get(k) != v)
        edit.undo()
        result = median_run(runs)
        result.name = name
        return result, changed

    yard, _ = cold("yardstick: markdown-it parse", python(YARDSTICK, docs))
    rows = [Row(yard.name, yard, 1.0)]

    def row(r: Run, target: str = "", met: str = "", base: Run = yard) -> Row:
        result = Row(r.name, r, r.wall_s / base.wall_s, target, met)
        rows.append(result)
        return result

    row(cold("floor: read + sha256", python(FLOOR, docs))[0])
    lint, lint_place = cold("lint (cold)", tool("lint", docs))
    row(lint, "<= 0.5x yardstick", ratio_met(lint.wall_s / yard.wall_s, 0.5))
    model_json = work / "model.json"
    row(cold("model", tool("model", docs, "-o", model_json, "-q"))[0])

    out = work / "out"
    build_argv = tool("build", docs, "-o", out)
    build, place = cold("build (cold)", build_argv)
    row(build, "<= 2.5x yardstick", ratio_met(build.wall_s / yard.wall_s, 2.5))
    size, pairs = sdk_size(out), documented_pairs(model_json)
    same = warm("build (unchanged)", build_argv, place)
    row(same, "<= 0.05x build (cold)", ratio_met(same.wall_s / build.wall_s, 0.05))
    edit = description_edit(docs)
    facts["edited_page"] = edit.rel
    one, changed = edited(f"build (description edited: {edit.rel})", build_argv, place, edit)
    row(one, "<= 0.1x build (cold)", ratio_met(one.wall_s / build.wall_s, 0.1))
    rows[-1].notes = {"edited_page": edit.rel, "output_files_changed": changed}

    lint_argv = tool("lint", docs)
    again = warm("lint (unchanged)", lint_argv, lint_place)
    row(again, "<= 0.1x lint (cold)", ratio_met(again.wall_s / lint.wall_s, 0.1))
    lint_one, _ = edited(f"lint (description edited: {edit.rel})", lint_argv, lint_place, edit)
    row(lint_one, "<= 0.15x lint (cold)", ratio_met(lint_one.wall_s / lint.wall_s, 0.15))
    if args.metadata.is_file():
        meta, _ = cold("lint --metadata (cold)", tool("lint", docs, "--metadata", args.metadata))
        row(meta, "<= 1.3x CPU of lint (cold)", ratio_met(meta.cpu_s / lint.cpu_s, 1.3))

    per_pair = size / pairs
    rows.append(
        Row(
            "SDK size per (METHOD, path)",
            None,
            None,
            "<= 2,048 B/pair",
            f"{'yes' if per_pair <= 2048 else 'NO'} ({per_pair:,.0f} B)",
            {"sdk_bytes": size, "pairs": pairs},
        )
    )
    print("  SDK first parsed call ...", file=sys.stderr, flush=True)
    rows.append(first_call_row(out / "sdk"))

    if not args.quick:
        big = work / "big"
        extra = make_big_set(args.corpus, args.extra, big, args.big_pages)
        facts["big_set"] = {
            "pages": 2 * pages + extra,
            "from_extra": extra,
            "extra": str(args.extra),
        }
        times = args.big_repeat or repeat
        facts["big_set"]["repeat"] = times
        big_yard, _ = cold("8k: yardstick", python(YARDSTICK, big), times)
        row(big_yard, base=yard)
        big_lint = None
        for name, argv in (
            ("8k: model", tool("model", big, "-o", work / "big-model.json", "-q")),
            ("8k: lint (cold)", tool("lint", big)),
            ("8k: build (cold)", tool("build", big, "-o", work / "big-out")),
        ):
            r, _ = cold(name, argv, times)
            row(r, "<= 500 MB peak RSS", rss_met(r, 500), base=big_yard)
            if name == "8k: lint (cold)":
                big_lint = r
        if big_lint is not None and args.metadata.is_file():
            r, _ = cold(
                "8k: lint --metadata (cold)", tool("lint", big, "--metadata", args.metadata), times
            )
            row(
                r,
                "<= 1.3x CPU of 8k lint; <= 500 MB",
                f"{ratio_met(r.cpu_s / big_lint.cpu_s, 1.3)}; {rss_met(r, 500)}",
                base=big_yard,
            )
    return rows, facts


def first_call_row(sdk: Path) -> Row:
    """The generated SDK's first parsed call (``c.me.get()``) over importing it and making
    a client, as benchmarks/bench_sdk.py measures it (issue 24: <= 0.2 s)."""
    import bench_sdk  # benchmarks/ is this script's folder, first on sys.path

    first = bench_sdk.first_call(sdk)
    target = bench_sdk.FIRST_CALL_TARGET
    met = "yes" if first.cost_s <= target else "NO"
    return Row(
        "SDK first parsed call (c.me.get()) over import + client",
        None,
        None,
        f"<= {target} s",
        f"{met} ({first.cost_s:.3f} s, {first.cost_s / target:.2f}x)",
        {"first_call": asdict(first)},
    )


# -- the profile -----------------------------------------------------------------------------


def profile_child(stats_file: str, command: list[str]) -> int:
    """In this process, run ``docs2code COMMAND`` under cProfile with one CPU (so the reader
    and black run in-process, where cProfile sees them) and dump the stats."""
    import cProfile

    os.cpu_count = lambda: 1
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        from generator.cli import main

        main(command, standalone_mode=False)
    except SystemExit:
        pass
    finally:
        profiler.disable()
    profiler.dump_stats(stats_file)
    return 0


def profile(name: str, command: list[str], box: Sandbox, work: Path) -> dict[str, Any]:
    home, env = box.fresh()
    stats_file = work / f"{name}.prof"
    argv = [str(BIN / "python"), __file__, "--profile-child", str(stats_file), "--", *command]
    print(f"  profile: {name} ...", file=sys.stderr, flush=True)
    run = measure(f"profile {name}", argv, home, env)
    stats = pstats.Stats(str(stats_file))
    raw: dict[tuple[str, int, str], tuple[Any, ...]] = stats.stats  # type: ignore[attr-defined]
    top = sorted(raw.items(), key=lambda kv: -kv[1][3])[:15]
    return {
        "command": " ".join(["docs2code", *command]),
        "wall_s": run.wall_s,
        "total_tottime_s": sum(v[2] for v in raw.values()),
        "phases": phase_totals(raw),
        "entry_points": phase_cumulative(raw),
        "top_cumulative": [
            {
                "function": f"{short(f)}:{line}({fn})",
                "ncalls": v[1],
                "tottime_s": v[2],
                "cumtime_s": v[3],
            }
            for (f, line, fn), v in top
        ],
    }


def short(filename: str) -> str:
    """A profiled file as a short path: inside the repo or site-packages, else as given."""
    for marker in ("/site-packages/", str(ROOT) + "/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def profile_report(p: Mapping[str, Any]) -> str:
    total = p["total_tottime_s"]
    lines = [
        f"### {p['command']} (cold, one process: os.cpu_count() -> 1, so the reader "
        f"and black run in-process; {p['wall_s']:.1f} s under cProfile)",
        "",
    ]
    lines.append(
        format_table(
            ["phase (cumulative time of its entry points)", "s", "share"],
            [[k, f"{v:.2f}", f"{v / total:.0%}"] for k, v in p["entry_points"].items()],
        )
    )
    lines.append(
        format_table(
            ["own time by where the code lives", "s", "share"],
            [[k, f"{v:.2f}", f"{v / total:.0%}"] for k, v in p["phases"].items()],
        )
    )
    lines.append(
        format_table(
            ["function (top 15 by cumulative time)", "calls", "tottime s", "cumtime s"],
            [
                [t["function"], str(t["ncalls"]), f"{t['tottime_s']:.2f}", f"{t['cumtime_s']:.2f}"]
                for t in p["top_cumulative"]
            ],
        )
    )
    return "\n".join(lines)


# -- the report ------------------------------------------------------------------------------

HEADER = (
    "command",
    "wall s",
    "CPU s",
    "peak RSS MB",
    "ratio to yardstick (wall)",
    "target",
    "met?",
)


def table_rows(rows: Sequence[Row]) -> list[list[str]]:
    def cells(r: Row) -> list[str]:
        if r.run is None:
            return [r.name, "", "", "", "", r.target, r.met]
        run = r.run
        rss = f"{run.peak_tree_rss_mb:.0f} ({run.max_process_rss_mb:.0f})"
        status = "" if run.exit in (0, 1) else f" [exit {run.exit}]"
        ratio = "" if r.ratio is None else f"{r.ratio:.2f}"
        return [
            r.name + status,
            f"{run.wall_s:.2f}",
            f"{run.cpu_s:.2f}",
            rss,
            ratio,
            r.target,
            r.met,
        ]

    return [cells(r) for r in rows]


def edit_note(page: str, files: Sequence[str]) -> str:
    """What the one-page edit changed in the build's output (it should change some: a
    writer's edit of a description shows in the outputs)."""
    edit = f"edit: one sentence added to the description of {page} (front matter and paragraph)"
    if not files:
        return f"{edit}: WARNING: no output file changed, so this is no real edit\n"
    shown = ", ".join(files[:6]) + (" ..." if len(files) > 6 else "")
    return f"{edit}: the output shows it, {len(files)} files changed: {shown}\n"


def machine() -> dict[str, Any]:
    model = ""
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        model = next(
            (line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), ""
        )
    with open("/proc/meminfo", encoding="utf-8") as f:
        total_kb = int(f.readline().split()[1])
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "memory_gb": round(total_kb / 1024**2, 1),
        "python": platform.python_version(),
        "os": platform.platform(),
    }


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument(
        "--extra", type=Path, default=EXTRA, help="older corpus that fills the ~8,000-page set"
    )
    parser.add_argument("--big-pages", type=int, default=BIG_PAGES)
    parser.add_argument("--quick", action="store_true", help="skip the ~8,000-page set")
    parser.add_argument(
        "--repeat", type=int, default=REPEAT, help="runs per timed case (the median is shown)"
    )
    parser.add_argument(
        "--big-repeat", type=int, help="runs per case on the ~8,000-page set (default --repeat)"
    )
    parser.add_argument(
        "--metadata", type=Path, default=METADATA, help="CSDL for the lint --metadata rows"
    )
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    return parser.parse_args(argv)


def main(argv: Sequence[str]) -> int:
    if argv[:1] == ["--profile-child"]:
        return profile_child(argv[1], list(argv[3:]))
    args = parse(argv)
    args.corpus = args.corpus.resolve()
    args.metadata = args.metadata.resolve()
    if args.repeat < 1:
        print("--repeat must be at least 1", file=sys.stderr)
        return 2
    args.extra = args.extra.resolve()
    for folder in [args.corpus] + ([] if args.quick else [args.extra]):
        if not folder.is_dir():
            print(f"docs not found: {folder}", file=sys.stderr)
            return 2
    work = Path(tempfile.mkdtemp(prefix="docs2code-bench-"))
    compiled()
    try:
        rows, facts = benchmark(args, work)
        profiles = []
        if args.profile:
            box = Sandbox(work / "profile")
            docs = work / "docs"
            profiles = [
                profile("lint", ["lint", str(docs)], box, work),
                profile("build", ["build", str(docs), "-o", str(work / "p-out")], box, work),
            ]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(rows, facts, profiles, sys.stdout.write)
    if args.json is not None:
        data = {
            "machine": machine(),
            **facts,
            "rows": [{**asdict(r), "run": r.run and asdict(r.run)} for r in rows],
            "profiles": profiles,
        }
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    failed = [r.name for r in rows if r.run is not None and r.run.exit not in (0, 1)]
    return 2 if failed else 0


def report(
    rows: Sequence[Row],
    facts: Mapping[str, Any],
    profiles: Sequence[Mapping[str, Any]],
    write: Callable[[str], object],
) -> None:
    m = machine()
    write(
        f"machine: {m['cpus']} CPUs ({m['cpu_model']}), {m['memory_gb']} GB, "
        f"Python {m['python']}, {m['os']}\n"
    )
    write(f"corpus: {facts['corpus']} ({facts['pages']:,} pages)\n")
    if "big_set" in facts:
        big = facts["big_set"]
        write(
            f"8k set: {big['pages']:,} pages (the corpus as a/ and b/, {big['from_extra']:,} "
            f"pages of {big['extra']} as c/; median of {big.get('repeat', 1)} runs)\n"
        )
    write(
        f"each timed row: the median of {facts.get('repeat', 1)} runs (wall, CPU); peak RSS MB: "
        "the process tree summed (the largest single process), the largest of the runs\n\n"
    )
    write(format_table(HEADER, table_rows(rows)))
    for r in rows:
        if "output_files_changed" in r.notes:
            write("\n" + edit_note(r.notes["edited_page"], r.notes["output_files_changed"]))
        if "pairs" in r.notes:
            write(
                f"SDK: {r.notes['sdk_bytes']:,} bytes under OUT/sdk for "
                f"{r.notes['pairs']:,} (METHOD, path) pairs\n"
            )
        if "first_call" in r.notes:
            f = r.notes["first_call"]
            write(
                f"SDK first call: {f['with_call_s']:.3f} s with c.me.get(), "
                f"{f['without_call_s']:.3f} s without (import, client; median of {f['runs']} "
                f"fresh processes each); peak RSS {f['with_call_rss_mb']:.0f} MB with the "
                f"call, {f['without_call_rss_mb']:.0f} MB without\n"
            )
    for p in profiles:
        write("\n" + profile_report(p))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
