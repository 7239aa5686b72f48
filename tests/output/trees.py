"""Helpers for the output tests: snapshots of a folder, and plans to build."""

from __future__ import annotations

import os
from pathlib import Path

Entry = bytes | str | None  # file bytes, "-> target" for a symlink, None for a folder


def snapshot(root: Path) -> dict[str, Entry]:
    """Every entry under ``root``: files with their bytes, symlinks, folders (even empty)."""
    tree: dict[str, Entry] = {}
    for folder, folders, files in os.walk(root):
        for name in folders + files:
            path = Path(folder, name)
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                tree[rel] = f"-> {os.readlink(path)}"
            elif path.is_dir():
                tree[rel] = None
            else:
                tree[rel] = path.read_bytes()
    return dict(sorted(tree.items()))


def files_of(tree: dict[str, Entry]) -> dict[str, Entry]:
    return {rel: entry for rel, entry in tree.items() if entry is not None}
