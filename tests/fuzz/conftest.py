"""The ``fuzz`` marker: long mutation runs that ``make test`` leaves out.

They run only when the ``-m`` expression names them (``pytest -m fuzz tests/fuzz``);
``-m corpus`` and the default run skip them, the quick settings of the same properties
run by default.
"""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "fuzz" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="long fuzz run: select it with -m fuzz")
    for item in items:
        if item.get_closest_marker("fuzz") is not None:
            item.add_marker(skip)
