"""The parser: doc files in, one frozen :class:`generator.model.Model` out.

Everything outside this package imports the parser through this face only.  Inside,
one module per thing read: ``sources`` finds and decodes the files, ``front_matter``,
``blocks`` (Markdown block structure), ``inline``, ``annotations`` (blockType
comments, via ``lenient_json``; ``json_positions`` places their keys) and ``page`` read
a page's layout; ``operations`` reads API pages (``http_messages``, ``permissions``),
``types`` reads resource pages
(``typerefs`` for type cells); ``resolve`` links types across pages and
``request_lines`` records what is wrong with each example request line (it needs every
page's paths and hosts); ``docs`` runs it all, page by page in parallel, within
``limits``.
"""

import typing as _typing
from importlib import import_module as _import_module

from generator.read.limits import DEFAULT_LIMITS, Limits
from generator.read.sources import Layout, Source, confined, discover, has_pages, layout

if _typing.TYPE_CHECKING:
    from generator.read.docs import PageCache, PageResult, PageStep, read_docs, read_pages
    from generator.read.linked import link_targets
    from generator.read.typerefs import primitive_name, type_from_json_value

_LAZY = {
    "PageCache": "docs",
    "PageResult": "docs",
    "PageStep": "docs",
    "read_docs": "docs",
    "read_pages": "docs",
    "link_targets": "linked",
    "primitive_name": "typerefs",
    "type_from_json_value": "typerefs",
}


def __getattr__(name: str) -> object:
    """The reader proper (markdown-it, YAML) is imported when first used: a build whose
    plan comes from the cache finds and hashes pages but never reads one."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_LIMITS",
    "Layout",
    "Limits",
    "PageCache",
    "PageResult",
    "PageStep",
    "Source",
    "confined",
    "discover",
    "has_pages",
    "layout",
    "link_targets",
    "primitive_name",
    "read_docs",
    "read_pages",
    "type_from_json_value",
]
