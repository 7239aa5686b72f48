"""The Graph v1.0 corpus: every endpoint several pages document and the page that speaks
for it, as reviewed in docs/merged-endpoints.md (scripts/merged_endpoints.py writes it),
and the cases issue 23 names."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model import Model
from scripts.merged_endpoints import COMMAND, merged_table

pytestmark = pytest.mark.corpus

REPORT = Path(__file__).resolve().parents[2] / "docs" / "merged-endpoints.md"

# Endpoints (method and path shape) documented by two or more operations.  A reader
# change that moves it must say why, and the list below must be reviewed again.
SHARED = 260


def test_the_reviewed_list_is_the_readers(corpus_model: Model) -> None:
    assert len(corpus_model.shared_endpoints) == SHARED
    table = REPORT.read_text(encoding="utf-8").split("## The list\n\n", 1)[1]
    assert table == merged_table(corpus_model), f"stale: regenerate with {COMMAND}"


@pytest.mark.parametrize(
    ("method", "shape", "page"),
    [
        ("GET", "/users", "api/user-list.get"),
        ("POST", "/users", "api/user-post-users.post"),
        ("GET", "/users/{}", "api/user-get.get"),
        ("PATCH", "/users/{}", "api/user-update.patch"),
        ("DELETE", "/users/{}", "api/user-delete.delete"),
        ("GET", "/me", "api/user-get.get"),
        ("GET", "/organization", "api/organization-list.get"),
        ("GET", "/me/messages", "api/user-list-messages.get"),
        ("GET", "/me/messages/{}", "api/message-get.get"),
        ("GET", "/me/events", "api/user-list-events.get"),
        ("POST", "/me/events", "api/user-post-events.post"),
        ("GET", "/identity/conditionalaccess/namedlocations/{}", "api/namedlocation-get.get"),
    ],
)
def test_the_general_page_speaks(corpus_model: Model, method: str, shape: str, page: str) -> None:
    assert corpus_model.speakers()[(method, shape)][0] == page


def test_no_extension_page_speaks_for_the_calls_it_extends(corpus_model: Model) -> None:
    """Extended-property and open-extension pages list the message, event, contact and
    group calls they add to; they speak for none of them (the issue counted 24 summaries
    of message and event operations taken from them)."""
    titles = {op.id: op.title for op in corpus_model.operations}
    extension = {i for i, t in titles.items() if "extended propert" in t.lower()}
    extension |= {i for i, t in titles.items() if "extendedproperty" in t.lower()}
    extension |= {i for i, t in titles.items() if "open extension" in t.lower()}
    assert len(extension) >= 5
    spoken = [e for e in corpus_model.shared_endpoints if e.operations[0] in extension]
    assert spoken == []
    assert sum(1 for e in corpus_model.shared_endpoints if set(e.operations) & extension) > 50
