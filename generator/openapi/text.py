"""Descriptions as the docs write them (Markdown kept), with relative links made absolute
only when a base URL for the published docs is configured: without one, no guess about
where the docs live ends up in the export."""

from __future__ import annotations

import posixpath
import re

_INLINE_LINK = re.compile(r"(\]\()([^)\s]+)((?:\s+\"[^\"]*\")?\))")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


class Linker:
    """Resolves a page's relative Markdown links against ``docs_url`` (None: keep them)."""

    def __init__(self, docs_url: str | None) -> None:
        self.docs_url = docs_url.rstrip("/") + "/" if docs_url else None

    def page_url(self, page: str) -> str | None:
        """The published URL of a page (``api/user-get.md`` -> ``BASE/api/user-get``)."""
        return None if self.docs_url is None else self.docs_url + page.removesuffix(".md")

    def resolve(self, text: str, page: str) -> str:
        text = text.strip()
        if self.docs_url is None or "](" not in text:
            return text
        return _INLINE_LINK.sub(lambda m: m[1] + self._target(m[2], page) + m[3], text)

    def _target(self, target: str, page: str) -> str:
        if target.startswith(("#", "//")) or _SCHEME.match(target) or self.docs_url is None:
            return target
        path, hash_, anchor = target.partition("#")
        path, query, rest = path.partition("?")
        if path.startswith("/"):
            joined = path.lstrip("/")
        else:
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
            if joined.startswith(".."):
                return target  # out of the doc set: not ours to place
        return self.docs_url + joined.removesuffix(".md") + query + rest + hash_ + anchor
