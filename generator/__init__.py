"""docs2code: read Markdown REST API reference docs into one model; lint and generate from it."""

__version__ = "0.1.0"
