"""The parser: doc files in, one frozen :class:`generator.model.Model` out.

Everything outside this package imports the parser through this face only.  Inside,
one module per thing read: ``sources`` finds and decodes the files, ``front_matter``,
``blocks`` (Markdown block structure), ``inline``, ``annotations`` (blockType
comments, via ``lenient_json``) and ``page`` read a page's layout; ``operations``
reads API pages (``http_messages``, ``permissions``), ``types`` reads resource pages
(``typerefs`` for type cells); ``resolve`` links types across pages; ``docs`` runs it
all, page by page in parallel, within ``limits``.
"""

from generator.read.docs import PageCache, PageResult, read_docs, read_pages
from generator.read.limits import DEFAULT_LIMITS, Limits
from generator.read.sources import Source, confined, discover
from generator.read.typerefs import primitive_name, type_from_json_value

__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "PageCache",
    "PageResult",
    "Source",
    "confined",
    "discover",
    "primitive_name",
    "read_docs",
    "read_pages",
    "type_from_json_value",
]
