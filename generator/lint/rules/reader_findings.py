"""The reader's own diagnostics (DC0xx), exposed as lint rules so they can be selected,
ignored, suppressed, explained and reported like any other."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from generator.diagnostics import READER_CODES
from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.model import Diagnostic

_EXPLAIN = {
    "DC000": "The reader failed on this page: a bug in docs2code. The page was skipped; "
    "please report it with the page attached.",
    "DC001": "The file could not be opened or read (permissions, a broken link, a device). "
    "It was skipped; nothing else was affected.",
    "DC002": "The file is not valid UTF-8. Bad bytes were read as U+FFFD so the rest of the "
    "page still counts; save the file as UTF-8 to fix it.",
    "DC003": "The YAML front matter between the '---' lines cannot be used: a syntax error, "
    "a value that is not a mapping, a missing closing '---', or YAML aliases (refused "
    "because a few lines of aliases can expand to gigabytes).",
    "DC004": "A ``` fence is never closed, so everything after it is read as code. "
    "Add the closing fence.",
    "DC005": "An HTML comment '<!--' is never closed with '-->', so the rest of the page is "
    "hidden. Close the comment.",
    "DC006": "Annotations must be strict JSON for the docs tool chain. This one was read "
    "leniently (trailing comma, raw newline inside a string, missing comma, unquoted key, "
    "comment). `docs2code lint --fix` rewrites it as strict JSON.",
    "DC007": "The annotation cannot be read as JSON even leniently (for example an "
    "unterminated string), so it is ignored. Fix the JSON.",
    "DC008": "The file is empty or only white space: nothing in it is documented. Fill it "
    "or delete it.",
    "DC009": "Two resource blocks (or enum tables) define the same type. Tools read them as "
    "one: the definition on the page named after the type (else the one with the most "
    "properties) gives the description, key and JSON, and the properties and members only "
    "another page lists are added to it. Keep one definition and link to it: remove a copy, "
    "merge a type split over several pages, or rename a different type.",
    "DC010": "A line inside an HTTP request block is not a 'METHOD /path' line (prose, a "
    "header, a stray word such as 'or'). Move it out of the block. A path that skips "
    "segments with '...' or '…' (`/childFolders/{id}/.../messages`) stands for paths of "
    "any depth and declares none either: write each path in full, and say in prose that "
    "folders nest.",
    "DC011": "An example block cannot be read: a request example without a 'METHOD url' "
    "first line, or a response example without an 'HTTP/1.1 NNN Reason' status line.",
    "DC012": "The file starts with a UTF-8 byte-order mark. It is ignored, but some tools "
    "then fail to see the front matter; save without BOM.",
    "DC013": "A path given on the command line does not exist or is not a readable file or folder.",
    "DC014": "A symbolic link under a doc root resolves to a file or folder outside every doc "
    "root (its real path is compared, so chains of links count too). docs2code never reads "
    "outside the docs it was given, so the link is not followed. Copy the page into the doc "
    "set, or point the link inside it.",
    "DC015": "The file is larger than the page size limit ([tool.docs2code.limits] "
    "page_bytes), so it was not read at all. Split the page, or raise the limit.",
    "DC016": "JSON (an example body, an annotation, a JSON representation), YAML front "
    "matter or Markdown (lists, block quotes) nests deeper than the nesting limit "
    "([tool.docs2code.limits] depth). The value is kept as text only and is not parsed.",
    "DC017": "A table has more rows or columns than the table limits ([tool.docs2code.limits] "
    "table_rows, table_columns); only the rows and columns within them are read.",
    "DC018": "An annotation comment is larger than the annotation size limit "
    "([tool.docs2code.limits] annotation_bytes), so it is not read as an annotation.",
    "DC019": "The page has more Markdown elements (markdown-it tokens: blocks, or the inline "
    "pieces of one paragraph, heading or cell) than the element limit ([tool.docs2code.limits] "
    "markdown_tokens), which bounds the memory a page takes; the rest is not read.",
}


def _check(code: str) -> Callable[[LintContext], Iterable[Diagnostic]]:
    def check(ctx: LintContext) -> Iterable[Diagnostic]:
        return (d for d in ctx.model.diagnostics if d.code == code)

    return check


RULES: tuple[Rule, ...] = tuple(
    Rule(
        code=c.code,
        name=c.summary.lower().replace(" ", "-").replace("'", ""),
        severity=c.severity,
        summary=c.summary,
        explanation=_EXPLAIN[c.code],
        check=_check(c.code),
        fixable=c.code == "DC006",
    )
    for c in READER_CODES.values()
)
