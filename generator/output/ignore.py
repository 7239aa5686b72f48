"""``OUT/.docs2code-ignore``: files in the output folder that the user owns.

Gitignore syntax, as ``.openapi-generator-ignore`` is, matched by ``pathspec`` (the
library black uses for ``.gitignore``): one glob per line; blank lines and lines starting
with ``#`` are skipped; ``!`` re-includes; ``*`` and ``?`` stay within one path segment,
``**`` spans any number of them; a pattern with a ``/`` (other than a final one) is
anchored at the output folder, one without matches at any depth; a trailing ``/``
matches folders only; a pattern that matches a folder covers everything under it.  The
last matching line wins, so a ``!`` line re-includes a file inside an ignored folder
(``GitIgnoreSpec``).  A matched file is never written, never deleted, never stale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pathspec import GitIgnoreSpec

from generator.output.layout import IGNORE
from generator.output.verify import Problem


@dataclass(frozen=True, slots=True)
class IgnoreRules:
    spec: GitIgnoreSpec = field(default_factory=lambda: GitIgnoreSpec.from_lines([]))

    def ignores(self, rel: str) -> bool:
        """Whether the file ``rel`` (relative, ``/``-separated) belongs to the user."""
        return self.spec.match_file(rel)


def parse_ignore(text: str) -> IgnoreRules:
    return IgnoreRules(GitIgnoreSpec.from_lines(text.splitlines()))


def load_ignore(out: Path) -> IgnoreRules | Problem:
    path = out / IGNORE
    try:
        return parse_ignore(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError):
        return IgnoreRules()
    except (OSError, UnicodeDecodeError) as exc:
        return Problem(IGNORE, f"cannot read the ignore file: {exc}")
