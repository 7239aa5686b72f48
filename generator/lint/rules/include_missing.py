"""DC605: an ``[!INCLUDE [...](path)]`` whose target is not a page of the doc set."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.model import Diagnostic, Include, Severity


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    folders = {""}
    for page in ctx.doc_set.pages:
        folder = posixpath.dirname(page.path)
        while folder not in folders:
            folders.add(folder)
            folder = posixpath.dirname(folder)
    first: dict[str, Include] = {}  # a folder not given -> its first include in the doc set
    for page in sorted(ctx.doc_set.pages, key=lambda p: p.path):
        for inc in page.includes:
            outside = None if inc.page is not None else _first_unknown_folder(inc.path, folders)
            if outside is not None:
                first.setdefault(outside, inc)
    for page in ctx.model.pages:
        for inc in page.includes:
            if inc.page is not None:
                continue
            outside = _first_unknown_folder(inc.path, folders)
            if outside is None:
                yield RULE.finding(
                    inc.span, f"include {inc.target}: no page {inc.path} in the doc set"
                )
            elif first[outside] == inc:
                yield RULE.finding(
                    inc.span,
                    f"include {inc.target}: the folder {outside}/ is not part of the doc set "
                    "given; pass it too to check its includes (reported once per folder)",
                )


def _first_unknown_folder(path: str, folders: set[str]) -> str | None:
    """The top folder of ``path`` (with the ``../`` it climbs) when no page of the doc set
    lies in it: a folder that was not given.  None when the doc set has that folder (then
    the page itself is missing)."""
    parts = posixpath.dirname(path).split("/")
    climbs = next((i for i, part in enumerate(parts) if part != ".."), len(parts))
    top = "/".join(parts[: climbs + 1])
    return None if top in folders else top


RULE = Rule(
    code="DC605",
    name="include-missing",
    severity=Severity.ERROR,
    summary="[!INCLUDE] names a file that is not in the doc set",
    explanation=(
        "An include line (`[!INCLUDE [label](path)]`) pulls the text of another file into "
        "the page where it stands; when that file is not in the doc set, readers see nothing "
        "(or a build error). Point the include at the partial that exists:\n\n"
        "    [!INCLUDE [sample-code](../includes/snippets/csharp/get-user-csharp-snippets.md)]\n\n"
        "When the includes live in a folder you did not pass (`lint api resources` without "
        "`includes`), the finding names that folder once instead of every include into it: "
        "pass the folder too, or the parent folder of the doc set."
    ),
    check=check,
)
