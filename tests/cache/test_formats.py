"""The formatting cache: black runs once per distinct text, and the output is the same."""

from __future__ import annotations

from pathlib import Path

import black
import pytest

from generator.cache.formats import FormatStore
from generator.cache.store import Store
from generator.render.formatting import finish, finish_all

UGLY = "x = {  'a':1,\n'b':2 }\n"


def test_finish_formats_each_text_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = FormatStore(Store(tmp_path / "cache"), "tool")
    first = finish("m.py", UGLY, cache)
    assert first == finish("m.py", UGLY) == 'x = {"a": 1, "b": 2}\n'

    def no_black(text: str, mode: black.Mode) -> str:
        raise AssertionError("black should not run for text it formatted before")

    monkeypatch.setattr(black, "format_str", no_black)
    fresh = FormatStore(Store(tmp_path / "cache"), "tool")  # from disk, not memory
    assert finish("m.py", UGLY, fresh) == first
    assert finish("data.json", "{ }", fresh) == "{ }"  # not Python: never formatted
    assert (fresh.hits, fresh.misses) == (1, 0)


def test_finish_all_formats_only_what_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file seen before is taken whole; in a changed file only changed pieces (one
    top-level definition each) go through black."""
    cache = FormatStore(Store(tmp_path / "cache"), "tool")
    module = "x=1\n\n\ndef f():\n  return 1\n\n\ndef g():\n  return 2\n"
    plan = {"a.py": UGLY, "b.py": module, "c.toml": "k = 1\n"}
    expected = finish_all(plan)
    formatted: list[str] = []
    real = black.format_str

    def counting(text: str, mode: black.Mode) -> str:
        formatted.append(text)
        return real(text, mode=mode)

    monkeypatch.setattr(black, "format_str", counting)
    assert finish_all(plan, cache) == expected
    assert len(formatted) == 4  # UGLY, and the three pieces of b.py
    formatted.clear()
    assert finish_all(plan, cache) == expected
    assert formatted == []
    plan["b.py"] = module.replace("return 2", "return 3")
    assert finish_all(plan, cache) == finish_all(plan)
    assert formatted[0] == "def g():\n  return 3\n"  # the changed piece, once, with cache


def test_another_tool_version_does_not_share_entries(tmp_path: Path) -> None:
    store = Store(tmp_path / "cache")
    FormatStore(store, "v1").store(UGLY, "stale\n")
    assert FormatStore(store, "v2").lookup(UGLY) is None
    assert FormatStore(store, "v1").lookup(UGLY) == "stale\n"


def test_text_that_does_not_compile_is_not_stored(tmp_path: Path) -> None:
    cache = FormatStore(Store(tmp_path / "cache"), "tool")
    with pytest.raises(SyntaxError):
        finish("m.py", "def f(a, a): pass\n", cache)
    assert not (tmp_path / "cache" / "formats").exists()
