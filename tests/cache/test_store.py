"""The cache folder: entries round-trip, anything not intact is ignored, never an error."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import pytest

from generator.cache import store as store_module
from generator.cache.store import MAGIC, Store
from generator.pickling import dumps


def entry(root: Path, section: str) -> Path:
    (path,) = (root / section).iterdir()
    return path


def test_values_round_trip_and_the_folder_is_ignored_by_git(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    Store(root).put("pages", "k", ("a", [1, 2], {"x": None}))
    assert Store(root).get("pages", "k") == ("a", [1, 2], {"x": None})
    assert Store(root).get("pages", "other") is None
    assert (root / ".gitignore").read_text().splitlines()[-1] == "*"


def test_an_entry_comes_with_the_digest_of_its_pickle(tmp_path: Path) -> None:
    root, payload = tmp_path / "cache", dumps(("a", 1))
    for remember in (False, True):
        store = Store(root, remember=remember)
        store.put("pages", "k", ("a", 1), payload)
        expected = (("a", 1), hashlib.sha256(payload).hexdigest())
        assert store.get_pickled("pages", "k") == expected  # from memory, with remember
        assert Store(root).get_pickled("pages", "k") == expected  # from the folder
    assert Store(root).get_pickled("pages", "other") is None


def test_damaged_entries_are_ignored(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    Store(root).put("plans", "k", "value")
    path = entry(root, "plans")
    good = path.read_bytes()
    damaged = {
        "flipped byte": good[:-1] + bytes([good[-1] ^ 1]),
        "truncated": good[: len(good) // 2],
        "empty": b"",
        "other format": b"\x80\x04K\x01.",
        "header only": MAGIC,
    }
    for name, data in damaged.items():
        path.write_bytes(data)
        assert Store(root).get("plans", "k") is None, name
    path.unlink()
    path.mkdir()  # not even a file
    assert Store(root).get("plans", "k") is None


def test_an_unloadable_pickle_with_a_good_digest_is_ignored(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    store = Store(root)
    store.put("pages", "k", Path("x"))
    path = entry(root, "pages")
    data = path.read_bytes().replace(b"pathlib", b"nosuchm")  # a class that no longer exists
    payload = data[len(MAGIC) + 32 :]
    path.write_bytes(MAGIC + hashlib.sha256(payload).digest() + payload)
    assert Store(root).get("pages", "k") is None


def test_a_value_pickled_into_its_file_is_hashed_and_a_failure_leaves_no_file(
    tmp_path: Path,
) -> None:
    root = tmp_path / "cache"
    value = {"sdk/a.py": "x = 1\n" * 50_000, "b": ("c",)}  # larger than a pickle frame
    Store(root).put("plans", "k", value)  # pickled straight into the file
    data = entry(root, "plans").read_bytes()
    payload = data[len(MAGIC) + 32 :]
    assert data[len(MAGIC) : len(MAGIC) + 32] == hashlib.sha256(payload).digest()
    assert Store(root).get("plans", "k") == value
    store = Store(root)
    store.put("plans", "bad", ["x" * 100_000, lambda: None])  # fails part way through
    assert len(store.problems) == 1
    assert sorted(p.name for p in (root / "plans").iterdir()) == ["k"]  # no temporary left


def test_an_unwritable_folder_is_a_problem_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    store = Store(blocker / "cache", remember=True)
    store.put("pages", "k", 1)
    store.put("pages", "k2", 2)
    assert store.get("pages", "k") == 1  # still served from memory in this process
    assert len(store.problems) == 1
    assert str(blocker / "cache") in store.problems[0]


def test_background_writes_are_served_before_and_done_after_end_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "cache"
    store = Store(root)
    release = threading.Event()
    write = store_module._write_bytes

    def held(path: Path, data: bytes) -> None:
        release.wait(10)
        write(path, data)

    monkeypatch.setattr(store_module, "_write_bytes", held)
    for n in range(50):
        store.put("pages", f"k{n}", ("v", n), dumps(("v", n)), later=True)
    assert not (root / "pages").exists()  # none written yet
    payload = dumps(("v", 7))
    assert store.get_pickled("pages", "k7") == (("v", 7), hashlib.sha256(payload).hexdigest())
    release.set()
    store.end_build()
    assert len(list((root / "pages").iterdir())) == 50
    assert all(Store(root).get("pages", f"k{n}") == ("v", n) for n in range(50))
    assert not store.problems


def test_a_background_write_that_fails_is_a_problem_not_an_error(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    root.mkdir()
    (root / "pages").write_text("a file where the section's folder goes")
    store = Store(root)
    store.put("pages", "k", 1, later=True)
    store.end_build()
    assert len(store.problems) == 1 and str(root) in store.problems[0]
    assert Store(root).get("pages", "k") is None


def test_memory_keeps_what_the_last_build_used(tmp_path: Path) -> None:
    store = Store(tmp_path / "cache", remember=True)  # as watch's
    store.put("pages", "used", 1)
    store.put("pages", "unused", 2)
    store.end_build()
    assert store.get("pages", "used") == 1
    store.end_build()
    for path in (tmp_path / "cache" / "pages").iterdir():
        path.unlink()
    assert store.get("pages", "used") == 1
    assert store.get("pages", "unused") is None


def test_a_single_build_keeps_nothing_in_memory(tmp_path: Path) -> None:
    store = Store(tmp_path / "cache")
    store.put("pages", "k", 1)
    assert store.get("pages", "k") == 1  # from the folder
    (tmp_path / "cache" / "pages" / "k").unlink()
    assert store.get("pages", "k") is None


def test_prune_removes_least_recently_used_entries_first(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    store = Store(root, max_bytes=10**9)
    for n in range(10):
        store.put("formats", f"k{n}", "x" * 1000)
        os.utime(root / "formats" / f"k{n}", (n, n))
    store.max_bytes = 5 * 1100
    store.prune()
    left = sorted(p.name for p in (root / "formats").iterdir())
    assert left and "k9" in left and "k0" not in left
    assert sum(p.stat().st_size for p in (root / "formats").iterdir()) <= store.max_bytes
