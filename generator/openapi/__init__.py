"""OpenAPI 3.1 from the model: ``schemas`` (types and enums), ``paths`` (variants as path
items, operationIds), ``parameters``, ``bodies`` (request bodies, responses, examples),
``security`` (permission tables), ``operations`` and ``document`` (the whole, as text)."""

from generator.openapi.document import (
    FILE,
    OpenApiOptions,
    openapi_document,
    openapi_pieces,
    openapi_text,
    render_openapi,
)

__all__ = [
    "FILE",
    "OpenApiOptions",
    "openapi_document",
    "openapi_pieces",
    "openapi_text",
    "render_openapi",
]
