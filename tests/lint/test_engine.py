"""The lint engine: page and inline suppressions, unused suppressions (DC901), order."""

from __future__ import annotations

from pathlib import Path

from generator.lint.config import LintConfig
from generator.model import Convention, Severity
from tests.lint.lint_docs import (
    CLEAN,
    NO_FRONT_MATTER,
    TODO_ROW,
    WORK_ROW,
    line_of,
    page,
    run_lint,
    write,
)

PAGE_SUPPRESSES = '<!-- { "type": "#page.annotation", "suppressions": [CODES] } -->\n'

# Two permission tables on one page, both with a TODO cell; the ignore comment sits
# right before the first.
TABLE = CLEAN[CLEAN.index("|Permission type|") : CLEAN.index("\n## HTTP request")]
TWO_TABLES = page(
    (
        TABLE,
        "<!-- docs2code: ignore[DC402] -->\n"
        + TABLE.replace(WORK_ROW, TODO_ROW)
        + "\nFor folders:\n\n"
        + TABLE.replace(WORK_ROW, TODO_ROW),
    )
)


def codes(
    root: Path, config: LintConfig | None = None, convention: Convention | None = None
) -> list[tuple[str, str, int]]:
    found = run_lint(root, config, convention).findings
    return [(d.code, d.span.file, d.span.line) for d in found]


def with_page_annotation(text: str, *suppressed: str) -> str:
    """``text`` with a page annotation suppressing ``suppressed``, after any front matter."""
    listed = ", ".join(f'"{c}"' for c in suppressed)
    annotation = PAGE_SUPPRESSES.replace("CODES", listed) + "\n"
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4) + len("\n---\n")
        return text[:end] + annotation + text[end:]
    return annotation + text


def test_clean_page_has_no_findings(tmp_path: Path) -> None:
    assert codes(write(tmp_path, {"api/get.md": CLEAN})) == []


def test_page_annotation_suppresses_a_finding_anywhere_on_the_page(tmp_path: Path) -> None:
    bare = write(tmp_path / "bare", {"api/get.md": NO_FRONT_MATTER})
    assert [c for c, _, _ in codes(bare)] == ["DC101"]
    todo = write(tmp_path / "todo", {"api/get.md": page((WORK_ROW, TODO_ROW))})
    assert [c for c, _, _ in codes(todo)] == ["DC402"]

    quiet = write(
        tmp_path / "quiet",
        {
            "api/nofm.md": with_page_annotation(NO_FRONT_MATTER, "DC101").replace(
                "get_item", "get_nofm"
            ),
            # a page annotation after the front matter, far above the TODO cell
            "api/todo.md": with_page_annotation(page((WORK_ROW, TODO_ROW)), "DC402"),
        },
    )
    assert codes(quiet) == []


def test_page_annotation_suppresses_only_its_own_page(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "api/a.md": with_page_annotation(NO_FRONT_MATTER, "DC101"),
            "api/b.md": NO_FRONT_MATTER.replace("get_item", "get_b"),
        },
    )
    # Pages without front matter but with a page annotation make an ApiDoctor doc set:
    # DC101 runs on a Graph one.
    assert codes(root, convention=Convention.GRAPH) == [("DC101", "api/b.md", 1)]


def test_page_annotation_codes_are_case_insensitive(tmp_path: Path) -> None:
    root = write(tmp_path, {"api/get.md": with_page_annotation(NO_FRONT_MATTER, "dc101")})
    assert codes(root, convention=Convention.GRAPH) == []


def test_a_suppression_of_the_other_conventions_rule_is_not_judged(tmp_path: Path) -> None:
    """DC101 does not run on an ApiDoctor doc set: its suppression might match in a Graph
    one, so it is not reported unused (DC901), as a DC7xx one is not without metadata."""
    text = with_page_annotation(NO_FRONT_MATTER, "DC101").replace(
        '"type": "#page.annotation",', '"type": "#page.annotation", "description": "Get.",'
    )
    assert codes(write(tmp_path, {"api/get.md": text})) == []


def test_page_annotation_ignores_texts_that_are_not_codes(tmp_path: Path) -> None:
    """Graph pages carry ApiDoctor suppressions ("Warning: ..."): not ours, not DC901."""
    text = with_page_annotation(CLEAN, "Warning: /api-reference/v1.0/api/x.md: bad link")
    assert codes(write(tmp_path, {"api/get.md": text})) == []


def test_inline_ignore_covers_only_the_next_table(tmp_path: Path) -> None:
    root = write(tmp_path, {"api/get.md": TWO_TABLES})
    second_todo = line_of(TWO_TABLES, "TODO: Determine scopes", 2)
    assert codes(root) == [("DC402", "api/get.md", second_todo)]


def test_inline_ignore_without_it_both_tables_report(tmp_path: Path) -> None:
    text = TWO_TABLES.replace("<!-- docs2code: ignore[DC402] -->\n", "")
    found = codes(write(tmp_path, {"api/get.md": text}))
    assert found == [
        ("DC402", "api/get.md", line_of(text, "TODO: Determine scopes", 1)),
        ("DC402", "api/get.md", line_of(text, "TODO: Determine scopes", 2)),
    ]


def test_inline_ignore_of_another_code_suppresses_nothing(tmp_path: Path) -> None:
    text = TWO_TABLES.replace("ignore[DC402]", "ignore[DC403]")
    found = codes(write(tmp_path, {"api/get.md": text}))
    ignore_line = line_of(text, "docs2code: ignore")
    assert [c for c, _, _ in found] == ["DC901", "DC402", "DC402"]
    assert found[0][2] == ignore_line


def test_inline_ignore_lists_several_codes(tmp_path: Path) -> None:
    table = TABLE.replace(WORK_ROW, TODO_ROW).replace(
        "|Application|Files.Read.All|", "|Application| |"
    )
    text = page((TABLE, "<!-- docs2code: ignore[dc402 , DC403] -->\n" + table))
    assert codes(write(tmp_path, {"api/get.md": text})) == []


def test_inline_ignore_may_give_a_reason(tmp_path: Path) -> None:
    text = TWO_TABLES.replace(
        "ignore[DC402] -->", "ignore[DC402] scopes are pending,\n  see the tracking issue -->"
    )
    second_todo = line_of(text, "TODO: Determine scopes", 2)
    assert codes(write(tmp_path, {"api/get.md": text})) == [("DC402", "api/get.md", second_todo)]


def test_inline_ignore_must_be_the_whole_comment(tmp_path: Path) -> None:
    """A comment that only mentions the syntax is not a suppression."""
    text = TWO_TABLES.replace(
        "<!-- docs2code: ignore[DC402] -->", "<!-- use docs2code: ignore[DC402] -->"
    )
    assert [c for c, _, _ in codes(write(tmp_path, {"api/get.md": text}))] == ["DC402", "DC402"]


def test_inline_ignore_before_an_annotated_example_covers_the_example(tmp_path: Path) -> None:
    """The annotation comment between the ignore comment and the fence is passed over."""
    broken = CLEAN.replace("HTTP/1.1 200 OK", "not a status line")
    [finding] = run_lint(write(tmp_path / "a", {"api/get.md": broken})).findings
    assert finding.code == "DC011"
    ignored = broken.replace(
        '<!-- { "blockType": "response" } -->',
        '<!-- docs2code: ignore[DC011] -->\n<!-- { "blockType": "response" } -->',
    )
    assert codes(write(tmp_path / "b", {"api/get.md": ignored})) == []


def test_unused_inline_ignore_is_dc901_at_its_line(tmp_path: Path) -> None:
    text = page((TABLE, "<!-- docs2code: ignore[DC402] -->\n" + TABLE))
    [finding] = run_lint(write(tmp_path, {"api/get.md": text})).findings
    assert finding.code == "DC901"
    assert finding.span.line == line_of(text, "docs2code: ignore[DC402]")
    assert finding.severity == Severity.WARNING
    assert "DC402" in finding.message


def test_unused_page_suppression_is_dc901_at_the_annotation(tmp_path: Path) -> None:
    text = with_page_annotation(CLEAN, "DC402", "DC101")
    found = run_lint(write(tmp_path, {"api/get.md": text})).findings
    line = line_of(text, "#page.annotation")
    assert [(d.code, d.span.line) for d in found] == [("DC901", line), ("DC901", line)]
    assert sorted(d.message.split()[2] for d in found) == ["DC101", "DC402"]


def test_used_and_unused_codes_in_one_suppression(tmp_path: Path) -> None:
    text = TWO_TABLES.replace("ignore[DC402]", "ignore[DC402, DC404]")
    found = codes(write(tmp_path, {"api/get.md": text}))
    assert found == [
        ("DC901", "api/get.md", line_of(text, "docs2code: ignore")),
        ("DC402", "api/get.md", line_of(text, "TODO: Determine scopes", 2)),
    ]


def test_a_finding_covered_twice_uses_both_suppressions(tmp_path: Path) -> None:
    text = with_page_annotation(page((WORK_ROW, TODO_ROW)), "DC402").replace(
        "|Permission type|", "<!-- docs2code: ignore[DC402] -->\n|Permission type|"
    )
    assert codes(write(tmp_path, {"api/get.md": text})) == []


def test_suppression_of_a_code_not_selected_is_not_dc901(tmp_path: Path) -> None:
    text = page((TABLE, "<!-- docs2code: ignore[DC402] -->\n" + TABLE))
    root = write(tmp_path, {"api/get.md": text})
    assert [c for c, _, _ in codes(root)] == ["DC901"]
    assert codes(root, LintConfig(select=("DC1", "DC9"))) == []
    assert codes(root, LintConfig(ignore=("DC402",))) == []
    assert codes(root, LintConfig(ignore=("DC4",))) == []
    # ignored for this path: the rule did not run there, so it cannot be judged
    assert codes(root, LintConfig(per_path_ignores=(("api/*", ("DC402",)),))) == []
    assert [c for c, _, _ in codes(root, LintConfig(select=("DC4", "DC9")))] == ["DC901"]


def test_dc901_can_be_ignored_and_reclassified(tmp_path: Path) -> None:
    text = page((TABLE, "<!-- docs2code: ignore[DC402] -->\n" + TABLE))
    root = write(tmp_path, {"api/get.md": text})
    assert codes(root, LintConfig(ignore=("DC901",))) == []
    assert codes(root, LintConfig(per_path_ignores=(("api/get.md", ("DC901",)),))) == []
    [finding] = run_lint(root, LintConfig(severity={"DC901": Severity.ERROR})).findings
    assert finding.severity == Severity.ERROR


def test_dc901_can_be_suppressed_on_a_page(tmp_path: Path) -> None:
    text = with_page_annotation(
        page((TABLE, "<!-- docs2code: ignore[DC402] -->\n" + TABLE)), "DC901"
    )
    assert codes(write(tmp_path, {"api/get.md": text})) == []


def test_findings_sorted_by_file_then_line(tmp_path: Path) -> None:
    two_todos = page((WORK_ROW, TODO_ROW), ("|Application|Files.Read.All|", "|Application|TODO|"))
    root = write(
        tmp_path,
        {
            "b.md": NO_FRONT_MATTER.replace("get_item", "b").replace(WORK_ROW, TODO_ROW),
            "a/z.md": two_todos.replace("get_item", "z"),
            "a.md": two_todos.replace("get_item", "a"),
        },
    )
    found = run_lint(root).findings
    keys = [(d.span.file, d.span.line) for d in found]
    assert keys == sorted(keys)
    assert [f for f, _ in keys] == ["a.md", "a.md", "a/z.md", "a/z.md", "b.md", "b.md"]
    assert keys[0][1] < keys[1][1]
    assert [d.code for d in found if d.span.file == "b.md"] == ["DC101", "DC402"]


def test_result_lists_the_rules_that_ran(tmp_path: Path) -> None:
    root = write(tmp_path, {"api/get.md": CLEAN})
    ran = run_lint(root, LintConfig(select=("DC4",), ignore=("DC405",))).rules
    assert ran and all(r.code.startswith("DC4") and r.code != "DC405" for r in ran)
