"""The doc linter: rules over the model, suppressions, configuration and report formats."""
