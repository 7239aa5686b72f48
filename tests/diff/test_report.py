"""The three report formats, on hand-made changes: layout, order, counts and escaping."""

from __future__ import annotations

import json
import re

from generator.diff.change import Change, Level, Side
from generator.diff.report import Labels, as_json, as_markdown, as_text, code, escape
from generator.model import Span

LABELS = Labels("HEAD~1:docs", "docs", "HEAD~1:docs/", "docs/")
GONE = Change(
    "path-removed",
    Level.BREAKING,
    "GET /me/items/{}",
    "The path was removed from api/get.get; clients that call it break.",
    Side.OLD,
    Span("api/get.md", 21, 21),
)
ADDED = Change(
    "property-added",
    Level.NON_BREAKING,
    "microsoft.graph.item.size",
    "The property size (Edm.Int64) was added to microsoft.graph.item.",
    Side.NEW,
    Span("resources/item.md", 30, 30),
)
NOWHERE = Change("type-added", Level.NON_BREAKING, "microsoft.graph.x", "Added.", Side.NEW, None)
HOSTILE = Change(
    "property-removed",
    Level.BREAKING,
    "microsoft.graph.a|b.`c`",
    "The property <b>x|y</b> of @team was *removed* from #12\nsee [here](http://x).",
    Side.OLD,
    Span("resources/a|b.md", 3, 3),
)


def _cells(row: str) -> list[str]:
    """A GFM table row split as GitHub splits it: on pipes not escaped by a backslash."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


def test_text_is_one_line_per_change_then_a_summary() -> None:
    text = as_text([GONE, ADDED, NOWHERE], LABELS)
    assert text.split("\n") == [
        "HEAD~1:docs/api/get.md:21: breaking path-removed: GET /me/items/{}: "
        "The path was removed from api/get.get; clients that call it break.",
        "docs/resources/item.md:30: non-breaking property-added: microsoft.graph.item.size: "
        "The property size (Edm.Int64) was added to microsoft.graph.item.",
        "non-breaking type-added: microsoft.graph.x: Added.",
        "1 breaking, 2 non-breaking changes.",
        "",
    ]
    assert as_text([], LABELS) == "No API changes.\n"


def test_json_parses_and_counts() -> None:
    data = json.loads(as_json([GONE, ADDED, NOWHERE], LABELS))
    assert data["counts"] == {"breaking": 1, "non-breaking": 2}
    assert (data["old"], data["new"]) == ("HEAD~1:docs", "docs")
    first = data["changes"][0]
    assert first == {
        "kind": "path-removed",
        "severity": "breaking",
        "subject": "GET /me/items/{}",
        "reason": GONE.reason,
        "side": "old",
        "location": "HEAD~1:docs/api/get.md:21",
        "file": "api/get.md",
        "line": 21,
    }
    assert data["changes"][2]["location"] is None


def test_markdown_has_a_heading_counts_and_a_table_per_level_breaking_first() -> None:
    md = as_markdown([GONE, ADDED], LABELS)
    lines = md.split("\n")
    assert lines[0] == "## API changes"
    assert lines[2] == "**1 breaking**, 1 non-breaking: `HEAD~1:docs` → `docs`."
    assert lines.index("### Breaking (1)") < lines.index("### Non-breaking (1)")
    page = lines.index("`HEAD~1:docs/api/get.md` (1)")  # grouped by the page cited
    assert lines[page + 2] == "| Change | Subject | Reason | Line |"
    assert _cells(lines[page + 4]) == [
        "`path-removed`",
        "`GET /me/items/{}`",
        "The path was removed from api/get.get; clients that call it break.",
        "21",
    ]


def test_markdown_folds_long_pages_and_long_non_breaking_lists() -> None:
    many = [
        Change(
            "property-added",
            Level.NON_BREAKING,
            f"microsoft.graph.item.p{i}",
            "Added.",
            Side.NEW,
            Span(f"resources/r{i % 6}.md", i + 1, i + 1),
        )
        for i in range(60)
    ]
    md = as_markdown([GONE, *many], LABELS)
    lines = md.split("\n")
    breaking = lines.index("### Breaking (1)")
    non_breaking = lines.index("### Non-breaking (60)")
    assert breaking < non_breaking
    assert "<details>" not in lines[breaking:non_breaking]  # what breaks is never folded
    assert lines[non_breaking + 2 : non_breaking + 4] == [
        "<details>",
        "<summary>60 non-breaking changes on 6 pages</summary>",
    ]
    assert md.count("<summary><code>docs/resources/r") == 0  # 10 a page: not folded
    md = as_markdown([*many, *many[:1] * 11], LABELS)  # r0.md now has 21
    assert "<summary><code>docs/resources/r0.md</code> (21)</summary>" in md
    assert md.count("<details>") == md.count("</details>") == 2


def test_markdown_stays_within_a_comment_and_counts_what_it_leaves_out() -> None:
    many = [
        Change(
            kind,
            level,
            f"microsoft.graph.item.p{i}",
            "Changed.",
            Side.NEW,
            Span(f"resources/r{i}.md", 1, 1),
        )
        for i in range(400)
        for kind, level in (
            ("property-removed", Level.BREAKING),
            ("type-added", Level.NON_BREAKING),
        )
    ]
    md = as_markdown(many, LABELS, budget=20_000)
    assert len(md) <= 20_000 + 400
    assert md.index("### Breaking (400)") < md.index("### Non-breaking (400)")
    shown = md.count("| `property-removed` |")
    assert 0 < shown < 400
    assert f"*{400 - shown} more breaking changes are not shown here" in md
    assert "*400 more non-breaking changes are not shown here" in md


def test_markdown_without_changes_says_so() -> None:
    assert as_markdown([], LABELS) == "## API changes\n\nNo API changes: `HEAD~1:docs` → `docs`.\n"


def test_markdown_escapes_doc_text() -> None:
    md = as_markdown([HOSTILE], LABELS)
    row = next(line for line in md.split("\n") if "property-removed" in line)
    cells = _cells(row)
    assert len(cells) == 4  # no pipe of the docs split a cell
    assert cells[1] == "`` microsoft.graph.a\\|b.`c` ``"  # padded: it ends with a backtick
    reason = cells[2]
    for raw in ("<b>", "@team", "*removed*", "#12", "[here]"):
        assert re.search(r"(?<!\\)" + re.escape(raw), reason) is None, raw
    assert "\\<b\\>x\\|y\\</b\\>" in reason and "\\@team" in reason
    assert "\n" not in row


def test_code_spans_outgrow_any_backtick_run() -> None:
    assert code("a``b") == "```a``b```"
    assert code("`x") == "`` `x ``"
    assert code("a|b") == "`a\\|b`"


def test_escape_leaves_plain_words_alone() -> None:
    assert escape("The path was removed.") == "The path was removed."
    assert escape("a_b") == "a\\_b"
    assert escape("$top and $skip") == "\\$top and \\$skip"  # not GitHub math
