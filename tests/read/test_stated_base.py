"""A base type stated only in prose ("Inherits from [identitySet](identityset.md).")
is the type's base when its annotation names none."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.read.docs import read_docs
from tests.diff.docs import resource_page, write


@pytest.mark.parametrize(
    ("sentence", "base"),
    [
        ("Inherits from [identitySet](identityset.md).", "microsoft.graph.identitySet"),
        ("Inherits from base class [identityUserFlow](x.md).", "microsoft.graph.identityUserFlow"),
        ("This resource inherits from `mailFolder`.", "microsoft.graph.mailFolder"),
        ("Inherits from microsoft.graph.entity.", "microsoft.graph.entity"),
        ("Represents a set. It never inherits from [x](x.md).", None),  # not the opening words
        ("A set of identities.", None),
    ],
)
def test_an_introductory_sentence_names_the_base(
    tmp_path: Path, sentence: str, base: str | None
) -> None:
    page = resource_page("fromSet", [("user", "String", "Who.")])
    write(tmp_path, {"resources/fromset.md": page.replace("## JSON", f"{sentence}\n\n## JSON")})
    (t,) = read_docs([tmp_path]).types
    assert t.base == base


def test_the_annotation_wins_over_the_sentence(tmp_path: Path) -> None:
    page = resource_page("fromSet", [("user", "String", "Who.")], base="entity")
    page = page.replace("## JSON", "Inherits from [x](x.md).\n\n## JSON")
    write(tmp_path, {"r/fromset.md": page})
    (t,) = read_docs([tmp_path]).types
    assert t.base == "microsoft.graph.entity"
