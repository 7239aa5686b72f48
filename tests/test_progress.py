"""Progress: the library reports true counts to the sink the command installed, and the
command line shows bars only to a person at a terminal (not piped, not in CI, not
``--quiet``), never touching results."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

import generator.cli.progress as cli_progress
import generator.read.docs as docs
import generator.render.formatting as formatting
from generator.cli import main
from generator.output.sync import sync_output
from generator.pipeline.plan import build_plan
from generator.progress import SILENT, labelled, phase, reporting
from generator.read import PageResult, Source, read_docs
from generator.render.formatting import finish_all, pieces
from generator.render.options import BuildOptions

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "input_docs"
PAGE = DOCS / "api" / "driveitemversion-get.md"


class Recorder:
    """Every phase reported: name, total, and the sum of its advances."""

    def __init__(self) -> None:
        self.phases: list[tuple[str, int, int]] = []
        self.open = False

    def start(self, name: str, total: int) -> None:
        assert not self.open, "phases do not nest"
        self.phases.append((name, total, 0))
        self.open = True

    def advance(self, done: int) -> None:
        assert self.open
        name, total, so_far = self.phases[-1]
        self.phases[-1] = (name, total, so_far + done)

    def end(self) -> None:
        assert self.open
        self.open = False

    def named(self, name: str) -> list[tuple[str, int, int]]:
        return [p for p in self.phases if p[0] == name]


class Pages:
    """A page cache in memory."""

    def __init__(self) -> None:
        self.results: dict[str, PageResult] = {}

    def lookup(self, source: Source) -> PageResult | None:
        return self.results.get(source.rel)

    def store(self, source: Source, result: PageResult, payload: bytes | None = None) -> None:
        self.results[source.rel] = result


def page_count() -> int:
    return sum(1 for _ in DOCS.rglob("*.md"))


def test_reading_counts_every_page() -> None:
    sink = Recorder()
    model = read_docs([DOCS], jobs=1, progress=sink)
    assert sink.phases == [("reading pages", page_count(), page_count())]
    assert model == read_docs([DOCS], jobs=1)  # the sink changes nothing


def test_reading_counts_cached_pages_too() -> None:
    cache = Pages()
    read_docs([DOCS], jobs=1, cache=cache)
    del cache.results[next(iter(cache.results))]  # one page to read again
    sink = Recorder()
    read_docs([DOCS], jobs=1, cache=cache, progress=sink)
    assert sink.phases == [("reading pages", page_count(), page_count())]


def test_reading_in_worker_processes_counts_each_result(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docs, "PARALLEL_THRESHOLD", 1)
    sink = Recorder()
    model = read_docs([DOCS], jobs=2, progress=sink)
    assert sink.phases == [("reading pages", page_count(), page_count())]
    assert model == read_docs([DOCS], jobs=1)


def test_the_installed_sink_is_the_default() -> None:
    sink = Recorder()
    with reporting(sink):
        read_docs([PAGE], jobs=1)
    read_docs([PAGE], jobs=1)  # outside: nowhere
    assert sink.phases == [("reading pages", 1, 1)]


PLAN = {
    "a.py": "x=1\n\n\ndef f( ):\n    return 1\n\n\nclass C: pass\n",
    "b.py": "import os\n",
    "c.json": "{}\n",
}


def distinct_pieces(plan: dict[str, str]) -> int:
    return len({p for path, text in plan.items() if path.endswith(".py") for p in pieces(text)})


class Formats:
    def __init__(self) -> None:
        self.known: dict[str, str] = {}

    def lookup(self, text: str) -> str | None:
        return self.known.get(text)

    def store(self, text: str, formatted: str) -> None:
        self.known[text] = formatted


def test_formatting_counts_the_pieces_black_formats() -> None:
    total = distinct_pieces(PLAN)
    assert total == 4
    cache, sink = Formats(), Recorder()
    formatted = finish_all(PLAN, cache, sink)
    assert sink.phases == [("formatting", total, total)]
    finish_all(PLAN, cache, sink)  # every file from the cache: nothing to format
    assert sink.phases[1] == ("formatting", 0, 0)
    assert formatted == finish_all(PLAN)


def test_formatting_in_worker_processes_counts_each_piece(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(formatting, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(formatting.os, "cpu_count", lambda: 2)
    sink = Recorder()
    formatted = finish_all(PLAN, None, sink)
    assert sink.phases == [("formatting", 4, 4)]
    monkeypatch.undo()
    assert formatted == finish_all(PLAN)


def test_a_build_plan_labels_each_part() -> None:
    model = read_docs([PAGE], jobs=1)
    sink = Recorder()
    with reporting(sink):
        plan = build_plan(model, BuildOptions())
    names = {name for name, _, _ in sink.phases}
    assert {"formatting sdk/", "formatting stubs/", "formatting tests/"} <= names
    assert all(total == done for _, total, done in sink.phases)
    assert plan == build_plan(model, BuildOptions())


def test_writing_counts_files_compared_then_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    plan = {"a.txt": "a\n", "pkg/b.txt": "b\n", "pkg/c.txt": "c\n"}
    sink = Recorder()
    assert sync_output(out, plan, write=True, progress=sink).written
    # three files and the manifest written
    assert sink.phases == [("comparing", 3, 3), ("writing", 4, 4)]

    sink = Recorder()
    assert sync_output(out, plan, write=True, progress=sink).up_to_date
    assert sink.phases == [("comparing", 3, 3)]  # nothing to write: no writing phase

    sink = Recorder()
    smaller = {"a.txt": "a\n", "pkg/b.txt": "B\n"}
    assert sync_output(out, smaller, write=True, progress=sink).written
    # c.txt compared as a deletion; b.txt, the manifest and the deletion written
    assert sink.phases == [("comparing", 3, 3), ("writing", 3, 3)]


def test_check_counts_the_comparison_only(tmp_path: Path) -> None:
    sink = Recorder()
    sync_output(tmp_path / "absent", {"a.txt": "a\n"}, write=False, progress=sink)
    assert sink.phases == [("comparing", 1, 1)]


def test_labelled_names_the_phases_inside() -> None:
    sink = Recorder()
    with reporting(sink), labelled("sdk/"), phase("formatting", 2) as advance:
        advance(2)
    assert sink.phases == [("formatting sdk/", 2, 2)]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Terminal:
    """What a person at the terminal sees: the CLI's stderr, made a terminal (through the
    module's ``sys``: pytest puts its own ``sys.stderr`` back before each test runs)."""
    screen = Terminal()
    monkeypatch.setattr(cli_progress, "sys", SimpleNamespace(stderr=screen))
    monkeypatch.delenv("CI", raising=False)
    return screen


def test_bars_only_for_a_person_at_a_terminal(
    terminal: Terminal, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert isinstance(cli_progress.sink(quiet=False), cli_progress.Bars)
    assert cli_progress.sink(quiet=True) is SILENT
    monkeypatch.setenv("CI", "true")
    assert cli_progress.sink(quiet=False) is SILENT
    monkeypatch.delenv("CI")
    monkeypatch.setattr(cli_progress, "sys", SimpleNamespace(stderr=io.StringIO()))  # piped
    assert cli_progress.sink(quiet=False) is SILENT


def test_a_bar_shows_once_a_phase_outlasts_the_delay(terminal: Terminal) -> None:
    now = [1000.0]
    bars = cli_progress.Bars(clock=lambda: now[0])
    bars.start("reading pages", 10)
    bars.advance(3)
    assert terminal.getvalue() == ""  # not yet: the phase may be over at once
    now[0] += cli_progress.DELAY
    bars.advance(1)
    assert "reading pages" in terminal.getvalue()
    assert "4/10" in terminal.getvalue()
    bars.advance(6)
    assert "10/10" in terminal.getvalue()
    bars.end()
    assert terminal.getvalue().endswith("\n")


def test_a_short_or_empty_phase_shows_nothing(terminal: Terminal) -> None:
    now = [1000.0]
    bars = cli_progress.Bars(clock=lambda: now[0])
    bars.start("formatting stubs/", 2)
    bars.advance(2)
    bars.end()
    bars.start("formatting tests/", 0)
    now[0] += 10 * cli_progress.DELAY
    bars.advance(0)
    bars.end()
    assert terminal.getvalue() == ""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pages").mkdir()
    shutil.copy(PAGE, tmp_path / "pages" / PAGE.name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(cli_progress, "DELAY", 0.0)
    return tmp_path


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """``build`` and ``check`` with a one-file plan: black's time is not what is tested."""
    monkeypatch.setattr("generator.pipeline.plan.build_plan", lambda model, options, cache: PLAN)


def stderr_of(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code in (0, 1), result.stderr
    return result.stderr


COMMANDS = [
    ("build", "pages", "-o", "out", "--no-cache"),
    ("check", "pages", "-o", "out", "--no-cache"),
    ("lint", "pages"),
    ("openapi", "pages"),
    ("model", "pages"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=[a[0] for a in COMMANDS])
@pytest.mark.usefixtures("quick")
def test_no_bar_when_not_a_terminal(project: Path, args: tuple[str, ...]) -> None:
    assert "reading pages" not in stderr_of(*args)  # CliRunner's stderr is no terminal


@pytest.fixture
def screen(project: Path, terminal: Terminal) -> Terminal:
    return terminal


@pytest.mark.parametrize("args", COMMANDS, ids=[a[0] for a in COMMANDS])
@pytest.mark.usefixtures("quick")
def test_bar_at_a_terminal(screen: Terminal, args: tuple[str, ...]) -> None:
    stderr_of(*args)
    assert "reading pages" in screen.getvalue()
    assert "1/1" in screen.getvalue()


@pytest.mark.parametrize("args", COMMANDS, ids=[a[0] for a in COMMANDS])
@pytest.mark.usefixtures("quick")
def test_no_bar_with_quiet(screen: Terminal, args: tuple[str, ...]) -> None:
    stderr_of(*args, "--quiet")
    assert screen.getvalue() == ""


@pytest.mark.usefixtures("quick")
def test_no_bar_in_ci(screen: Terminal, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    stderr_of(*COMMANDS[0])
    assert screen.getvalue() == ""


def test_build_shows_each_phase(screen: Terminal) -> None:
    stderr_of(*COMMANDS[0])
    for name in ("reading pages", "formatting sdk/", "formatting tests/", "comparing", "writing"):
        assert name in screen.getvalue()


def test_quiet_keeps_results_and_drops_summaries(project: Path) -> None:
    result = CliRunner().invoke(main, ["openapi", "pages", "-o", "api.json", "--quiet"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert (project / "api.json").is_file()
    loud = CliRunner().invoke(main, ["openapi", "pages", "-o", "api.json"])
    assert "OpenAPI operations" in loud.stderr
