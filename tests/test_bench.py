"""The pure helpers of benchmarks/bench.py (no timing: the figures belong to the script)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "bench.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("filename", "phase"),
    [
        ("/repo/generator/read/resolve.py", "resolve"),
        ("/repo/generator/read/blocks.py", "read"),
        ("/repo/generator/read/readers/x.py", "read"),
        ("/v/site-packages/markdown_it/main.py", "read (markdown-it)"),
        ("/repo/generator/lint/rules/dc601.py", "lint rules"),
        ("/repo/generator/render/formatting.py", "format"),
        ("/v/site-packages/blib2to3/pgen2/driver.py", "format"),
        ("/repo/generator/render/templating.py", "render"),
        ("/v/site-packages/jinja2/environment.py", "render"),
        ("/repo/generator/openapi/paths.py", "render"),
        ("/repo/generator/output/verify.py", "verify+write"),
        ("<frozen importlib._bootstrap>", "import"),
        ("/repo/generator/pipeline/plan.py", "other"),
        ("/repo/generator/reader.py", "other"),  # a folder's name is not a file's prefix
        ("~", "other"),
    ],
)
def test_phase_of(bench: ModuleType, filename: str, phase: str) -> None:
    assert bench.phase_of(filename) == phase


def test_phase_totals_gives_builtins_to_their_callers(bench: ModuleType) -> None:
    fmt = ("/r/generator/render/formatting.py", 10, "finish")
    out = ("/r/generator/output/verify.py", 5, "check")
    stats = {
        fmt: (1, 1, 0.5, 4.0, {}),
        out: (1, 1, 0.25, 1.0, {}),
        ("~", 0, "<built-in method black.format_str>"): (3, 3, 3.0, 3.0, {fmt: (2, 2, 2.5, 2.5)}),
        ("~", 0, "<built-in method builtins.compile>"): (
            1,
            1,
            0.75,
            0.75,
            {out: (1, 1, 0.75, 0.75)},
        ),
        ("~", 0, "<built-in method posix.stat>"): (1, 1, 0.125, 0.125, {}),
    }
    assert bench.phase_totals(stats) == {"format": 3.0, "verify+write": 1.0, "other": 0.125}


def test_format_table_pads_columns(bench: ModuleType) -> None:
    text = bench.format_table(["a", "bb"], [["ccc", "d"], ["e", ""]])
    assert text == "| a   | bb\n| --- | --\n| ccc | d\n| e   |\n"


def test_description_end_is_the_paragraph_after_the_title(bench: ModuleType) -> None:
    page = "---\nx: 1\n---\n# Get user\n\nNamespace: microsoft.graph\n\nOne\ntwo.\n\nMore.\n"
    assert page.splitlines()[bench.description_end(page)] == "two."
    assert bench.description_end("# Title\n\n## Permissions\n") is None
    assert bench.description_end("# Title\n\n|a|b|\n") is None
    assert bench.description_end("no title\n") is None


PAGE = (
    '---\r\ntitle: "B"\r\ndescription: "Gets b."\r\n---\r\n\r\n# B\r\n\r\n'
    "Namespace: microsoft.graph\r\n\r\nGets b.\r\n\r\n## HTTP request\r\n\r\n"
    "```http\r\nGET /b\r\n```\r\n\r\n## Example\r\n"
)


def test_add_to_description_edits_front_matter_and_paragraph(bench: ModuleType) -> None:
    edited = bench.add_to_description(PAGE, "More.")
    assert edited == PAGE.replace('"Gets b."', '"Gets b. More."').replace(
        "\r\n\r\nGets b.\r\n", "\r\n\r\nGets b. More.\r\n"
    )
    bare = PAGE.replace('description: "Gets b."', "description: Gets b.")
    assert "description: Gets b. More.\r\n" in bench.add_to_description(bare, "More.")


@pytest.mark.parametrize(
    "page",
    [
        PAGE.replace("## Example", "## Response"),  # no example
        PAGE.replace("## HTTP request", "## Request"),  # no HTTP request section
        PAGE.replace('description: "Gets b."\r\n', ""),  # no description in front matter
        PAGE.replace('"Gets b."', ">"),  # a folded value: not one line
        PAGE.split("---\r\n", 2)[2],  # no front matter
        PAGE.replace("Gets b.\r\n\r\n## HTTP", "## Permissions\r\n\r\n## HTTP"),
    ],
)
def test_add_to_description_refuses_pages_it_cannot_edit(bench: ModuleType, page: str) -> None:
    assert bench.add_to_description(page, "More.") is None


def test_description_edit_takes_the_first_editable_page(bench: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "a.md").write_text("# A\n\nGets a.\n\n## HTTP request\n", "utf-8")
    (tmp_path / "api" / "b.md").write_bytes(PAGE.encode())
    edit = bench.description_edit(tmp_path)
    assert edit.rel == "api/b.md" and edit.original == PAGE.encode()
    edit.apply()
    assert (tmp_path / "api" / "b.md").read_bytes() == edit.edited != edit.original
    assert f"Gets b. {bench.SENTENCE}\r\n" in edit.edited.decode()
    edit.undo()
    assert (tmp_path / "api" / "b.md").read_bytes() == PAGE.encode()


def test_median_run_takes_medians_and_the_largest_peak(bench: ModuleType) -> None:
    runs = [
        bench.Run("x", ["a"], 0, 3.0, 1.0, 10.0, 5.0),
        bench.Run("x", ["a"], 1, 1.0, 9.0, 30.0, 2.0),
        bench.Run("x", ["a"], 0, 2.0, 4.0, 20.0, 7.0),
    ]
    m = bench.median_run(runs)
    assert (m.wall_s, m.cpu_s, m.peak_tree_rss_mb, m.max_process_rss_mb) == (2.0, 4.0, 30.0, 7.0)
    assert (m.exit, m.runs) == (1, 3)
    assert bench.median_run([*runs[:2], bench.Run("x", ["a"], 2, 0.5, 0.5, 1, 1)]).exit == 2
    assert bench.median([4.0, 1.0]) == 2.5


def test_edit_note_says_whether_the_output_shows_the_edit(bench: ModuleType) -> None:
    assert "WARNING" in bench.edit_note("api/b.md", [])
    note = bench.edit_note("api/b.md", ["openapi.json", "model.json"])
    assert "2 files changed: openapi.json, model.json" in note and "WARNING" not in note


def test_even_sample_spreads_over_the_list(bench: ModuleType) -> None:
    assert bench.even_sample(list("abcdefghij"), 3) == ["a", "d", "g"]
    assert bench.even_sample(["a", "b"], 5) == ["a", "b"]


def test_tree_rss_sums_descendants_and_finds_the_largest(bench: ModuleType) -> None:
    stats = {1: (0, 100), 10: (1, 5), 11: (10, 7), 12: (10, 11), 20: (1, 1000)}
    assert bench.tree_rss(10, stats) == (23, 11)
    assert bench.tree_rss(99, stats) == (0, 0)


def test_table_rows_mark_a_failed_run(bench: ModuleType) -> None:
    run = bench.Run("lint", ["x"], 2, 1.5, 2.25, 100.4, 60.0)
    rows = [bench.Row("lint", run, 0.5, "<= 0.5x", "yes"), bench.Row("SDK", None, None, "t", "m")]
    assert bench.table_rows(rows) == [
        ["lint [exit 2]", "1.50", "2.25", "100 (60)", "0.50", "<= 0.5x", "yes"],
        ["SDK", "", "", "", "", "t", "m"],
    ]


def test_phase_cumulative_sums_entry_points(bench: ModuleType) -> None:
    stats = {
        ("/x/generator/read/docs.py", 1, "read_docs"): (1, 1, 0.5, 10.0, {}),
        ("/x/generator/read/resolve.py", 2, "resolve_operation"): (9, 9, 1.0, 2.0, {}),
        ("/x/generator/read/resolve.py", 3, "resolve_types"): (1, 1, 0.5, 1.0, {}),
        ("/x/generator/read/docs.py", 4, "other"): (1, 1, 9.0, 9.0, {}),
    }
    assert bench.phase_cumulative(stats) == {
        "read the pages (all of it)": 10.0,
        "  of which resolving": 3.0,
    }
