"""The ignore file's gitignore-like patterns."""

from __future__ import annotations

import pytest

from generator.output.ignore import parse_ignore

CASES = [
    ("notes.txt", "notes.txt", True),
    ("notes.txt", "sdk/notes.txt", True),  # no slash: any depth
    ("/notes.txt", "sdk/notes.txt", False),  # leading slash: anchored
    ("sdk/notes.txt", "sdk/notes.txt", True),
    ("sdk/notes.txt", "x/sdk/notes.txt", False),  # inner slash: anchored
    ("*.py", "sdk/pkg/models.py", True),
    ("sdk/*.py", "sdk/pkg/models.py", False),  # * stays in one segment
    ("sdk/**/*.py", "sdk/pkg/deep/models.py", True),
    ("sdk/**/*.py", "sdk/models.py", True),  # ** spans zero segments too
    ("**/models.py", "sdk/pkg/models.py", True),
    ("sdk/**", "sdk/pkg/models.py", True),
    ("sdk", "sdk/pkg/models.py", True),  # a matched folder covers its contents
    ("pkg/", "sdk/pkg/models.py", True),
    ("models.py/", "sdk/models.py", False),  # trailing slash: folders only
    ("model?.py", "sdk/models.py", True),
    ("model?.py", "sdk/model.py", False),
    ("[mn]odels.py", "sdk/models.py", True),
    ("[!m]odels.py", "sdk/models.py", False),
    ("# models.py", "models.py", False),  # a comment
    ("\\#x", "#x", True),  # an escaped hash is a name
    ("a.b", "axb", False),  # dots are literal
]


@pytest.mark.parametrize(("pattern", "path", "ignored"), CASES)
def test_pattern(pattern: str, path: str, ignored: bool) -> None:
    assert parse_ignore(pattern).ignores(path) is ignored


def test_last_matching_line_wins_and_negation_reincludes() -> None:
    rules = parse_ignore("# user files\n\nsdk/\n!sdk/pkg/models.py\n")
    assert rules.ignores("sdk/pkg/client.py")
    assert not rules.ignores("sdk/pkg/models.py")
    assert not rules.ignores("stubs/app.py")
    assert parse_ignore("!a.py\na.py\n").ignores("a.py")
