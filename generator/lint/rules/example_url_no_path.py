"""DC301: an example request whose URL fits none of the paths its page declares.

The reader decides it once every page is read (generator/read/request_lines.py: Graph's
addressing aliases, OData casts and ``/$count``, foreign hosts) and records it on the
request; this rule reports the record.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.lint.context import LintContext
from generator.lint.rule import Rule
from generator.lint.rules.http_examples import recorded
from generator.model import Diagnostic, Severity


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    yield from recorded(ctx, RULE.code)


RULE = Rule(
    code="DC301",
    name="example-url-matches-no-path",
    severity=Severity.WARNING,
    summary="example request URL matches none of the declared paths",
    explanation=(
        "Each example request should call one of the paths the page's HTTP request "
        "section declares: readers copy the example, and docs2code pairs examples with "
        "operations (generated tests, mock server) by matching the URL. A mismatch means "
        "either the example or the declaration is wrong: a missing or extra segment, a "
        "typo, or a method the page does not declare.\n\n"
        "Host, version and query string are ignored, placeholders match any one segment, "
        "case is ignored, and the OData additions a client may make (a trailing `/$count`, "
        "type-cast segments such as `/microsoft.graph.group`) are allowed. Graph's "
        "addressing aliases count as the same path: `/me` is `/users/{id}`, a drive's "
        "`root` and path addressing (`root:/a/b.txt:`) are `items/{id}`, a key in "
        "parentheses (`messages('AAMk…')`) is a key segment, and functions compare by name "
        "(`range(address='A1')` fits `range`). Examples on other hosts (bot callbacks, "
        "upload URLs), pages with no HTTP request section, and unannotated calls outside "
        "the Example sections are not checked.\n\n"
        "Example: the page declares `POST /me/drive/items/{id}/listItem/versions/$ref` but "
        "the example posts to `/me/drive/items/{id}/listItem/versions`. Fix whichever is "
        "wrong; here the example lacks `/$ref`."
    ),
    check=check,
)
