"""Render a mock server ("stubs") for the documented API from the model."""
