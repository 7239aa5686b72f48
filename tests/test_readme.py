"""README.md stays a five-minute read (issue 21): at most 300 lines, the two set-up
commands, and every link into docs/ leads to a file that exists."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
MAX_LINES = 300

# [text](target) and [label]: target; the target up to a space, ')' or '#'
LINK = re.compile(r"\]\(\s*([^)\s#]*)|^\s*\[[^\]]+\]:\s*([^\s#]+)", re.MULTILINE)


def readme() -> str:
    return README.read_text(encoding="utf-8")


def local_targets(text: str) -> list[str]:
    targets = [a or b for a, b in LINK.findall(text)]
    return [t for t in targets if t and not re.match(r"[a-z][a-z0-9+.-]*:", t, re.I)]


def test_readme_is_short() -> None:
    lines = readme().splitlines()
    assert len(lines) <= MAX_LINES, f"README.md has {len(lines)} lines (at most {MAX_LINES})"


def test_readme_keeps_the_two_set_up_commands() -> None:
    text = readme()
    assert "make run" in text and "make test" in text


def test_readme_links_into_docs() -> None:
    docs = [t for t in local_targets(readme()) if t.startswith(("docs/", "./docs/"))]
    assert docs, "README.md links to no page under docs/"


def test_every_local_link_in_readme_exists() -> None:
    missing = [t for t in local_targets(readme()) if not (ROOT / unquote(t)).exists()]
    assert not missing, f"README.md links to missing files: {missing}"


def test_link_pattern() -> None:
    text = "[a](docs/a.md#x) [b](https://x.org/y) [top](#top)\n[c]: docs/c.md\n"
    assert local_targets(text) == ["docs/a.md", "docs/c.md"]
