"""What the renderers (sdk/, stubs/, suite/) share: the templates and black."""
