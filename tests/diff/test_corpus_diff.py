"""The real Graph v1.0 corpus: read twice it has no changes, and one operation taken out
is found as exactly that (duplicated endpoints elsewhere must not hide or multiply it)."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from generator.diff.audit import misplaced, removals
from generator.diff.change import Change, Level
from generator.diff.compare import compare
from generator.diff.surface import Surface, surface
from generator.model import Model
from generator.read.docs import read_docs

pytestmark = pytest.mark.corpus

CORPUS = Path(
    os.environ.get("DOCS2CODE_CORPUS")
    or Path(__file__).resolve().parents[3] / "shared" / "corpus" / "graph-v1.0"
)


@pytest.fixture(scope="module")
def corpus(corpus_model: Model) -> tuple[Surface, Surface]:
    """Two surfaces of the same docs (the corpus is read once per test run)."""
    return surface(corpus_model), surface(corpus_model)


def test_two_reads_of_the_corpus_have_no_changes(corpus: tuple[Surface, Surface]) -> None:
    old, new = corpus
    assert len(old.operations) > 1000 and len(old.types) > 1000
    assert compare(old, new) == ()


def test_one_operation_taken_out_of_the_corpus(corpus: tuple[Surface, Surface]) -> None:
    old, new = corpus
    counts: dict[str, int] = {}
    for op in old.operations:
        for e in op.endpoints:
            counts[e.key] = counts.get(e.key, 0) + 1
    # an operation whose endpoints no other page documents, and one whose endpoints all are
    unique = next(op for op in old.operations if all(counts[e.key] == 1 for e in op.endpoints))
    shared = next(
        op for op in old.operations if op.endpoints and all(counts[e.key] > 1 for e in op.endpoints)
    )
    for gone, expected in ((unique, [("operation-removed", Level.BREAKING)]), (shared, [])):
        kept = replace(new, operations=tuple(op for op in new.operations if op.id != gone.id))
        assert [(c.kind, c.severity) for c in compare(old, kept)] == expected, gone.id


HISTORY = CORPUS.parent / "graph-v1.0-2021-05-01"

# The real diff between the two snapshots, per (severity, kind).  A parser or diff change
# that moves these must say why in its commit; docs/diff-report.md has the hand-checked
# sample (scripts/diff_report.py).
PINNED = {
    ("breaking", "base-type-removed"): 4,
    ("breaking", "body-property-removed"): 1,
    ("breaking", "enum-member-removed"): 1,
    ("breaking", "header-added"): 4,
    ("breaking", "header-now-required"): 3,
    ("breaking", "operation-removed"): 13,
    ("breaking", "path-removed"): 5,
    ("breaking", "permission-removed"): 7,
    # api/serviceprincipal-post-approleassignedto.md:30 and :32: AppRoleAssignment.ReadWrite.All
    # alone became "... and Application.Read.All" (or "and Directory.Read.All"), read until
    # issue 23 as two more alternatives (2 permission-added, 2 permission-lowered)
    ("breaking", "permission-required-together"): 2,
    ("breaking", "property-now-read-only"): 44,
    ("breaking", "property-removed"): 3,
    ("breaking", "type-removed"): 3,
    ("non-breaking", "base-type-added"): 1,
    # an action's body is its decided parameters (PathVariant.body): 6 whose new pages name
    # them in their intro ("the `message` parameter": createForward, replyAll...) were none
    ("non-breaking", "body-property-added"): 108,
    ("non-breaking", "body-property-type-changed"): 6,
    ("non-breaking", "enum-member-added"): 797,
    ("non-breaking", "header-added"): 3,
    ("non-breaking", "operation-added"): 148,
    ("non-breaking", "path-added"): 12,
    ("non-breaking", "path-unreadable"): 1,
    ("non-breaking", "permission-added"): 9,
    ("non-breaking", "permission-lowered"): 2,
    ("non-breaking", "permission-type-added"): 630,
    ("non-breaking", "property-added"): 38,
    ("non-breaking", "property-now-writable"): 2,
    ("non-breaking", "property-type-changed"): 8,
    ("non-breaking", "property-unlisted"): 1,
    ("non-breaking", "response-status-added"): 8,
    ("non-breaking", "type-added"): 133,
}


@pytest.fixture(scope="module")
def history(corpus: tuple[Surface, Surface]) -> tuple[Surface, Surface, tuple[Change, ...]]:
    if not HISTORY.is_dir():
        pytest.fail(f"the older corpus snapshot is missing: {HISTORY}")
    before, now = surface(read_docs([HISTORY])), corpus[0]
    return before, now, compare(before, now)


def test_the_real_history_diff_counts_per_kind(
    history: tuple[Surface, Surface, tuple[Change, ...]],
) -> None:
    assert Counter((c.severity.value, c.kind) for c in history[2]) == PINNED


def test_every_change_of_the_real_history_names_what_its_page_declares(
    history: tuple[Surface, Surface, tuple[Change, ...]],
) -> None:
    old, new, changes = history
    assert misplaced(changes, old, new) == []


def test_removed_endpoints_are_exact(history: tuple[Surface, Surface, tuple[Change, ...]]) -> None:
    """Every endpoint no new page documents is reported removed, and only those."""
    expected, reported = removals(history[2], history[0], history[1])
    assert len(expected) == 14
    assert reported == expected
