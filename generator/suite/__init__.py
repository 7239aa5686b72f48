"""The generated pytest suite: one test per documented example, sent through the SDK."""
