"""One lint rule per module; ``generator.lint.registry`` lists them all."""
