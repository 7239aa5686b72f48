"""Generating a typed Python SDK from the model."""
