"""``OUT/.docs2code-manifest.json``: every file the last build generated, with its sha256.

The manifest is how a build knows which files it may replace or delete (those it lists,
unchanged since) and which it must leave alone (everything else).  It is sorted JSON with
no timestamps and no absolute paths, so the same docs always give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import __version__
from generator.output.layout import MANIFEST
from generator.output.verify import path_problem

FORMAT = 1
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class Manifest:
    files: tuple[tuple[str, str], ...] = ()  # (relative path, sha256), sorted by path
    version: str = __version__  # of the docs2code that wrote it

    def hashes(self) -> dict[str, str]:
        return dict(self.files)


@dataclass(frozen=True, slots=True)
class ManifestError:
    """A manifest that cannot be trusted; only ``--force`` builds over it."""

    message: str


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_for(files: Mapping[str, bytes]) -> Manifest:
    return Manifest(tuple(sorted((rel, sha256(data)) for rel, data in files.items())))


def dump_manifest(manifest: Manifest) -> bytes:
    data = {
        "files": dict(manifest.files),
        "format": FORMAT,
        "generator": "docs2code",
        "version": manifest.version,
    }
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def load_manifest(out: Path) -> Manifest | ManifestError:
    """The manifest in ``out``; an empty one when there is none (nothing is ours yet)."""
    try:
        data: Any = json.loads((out / MANIFEST).read_bytes())
    except (FileNotFoundError, NotADirectoryError):
        return Manifest()
    except (OSError, ValueError) as exc:
        return ManifestError(f"cannot read {MANIFEST}: {exc}")
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return ManifestError(f"{MANIFEST} is not a format-{FORMAT} docs2code manifest")
    files, version = data.get("files"), data.get("version")
    if not isinstance(files, dict) or not isinstance(version, str):
        return ManifestError(f"{MANIFEST} has no 'files' table or no 'version'")
    for rel, digest in files.items():
        why = path_problem(rel)
        if why is not None:
            return ManifestError(f"{MANIFEST} lists {rel!r}, whose path {why}")
        if not isinstance(digest, str) or not _SHA256.fullmatch(digest):
            return ManifestError(f"{MANIFEST} has no valid sha256 for {rel}")
    return Manifest(tuple(sorted(files.items())), version)
