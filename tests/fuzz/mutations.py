"""Damage real doc pages the way editors and attackers do, for the fuzz tests and
``scripts/fuzz_pages.py``.

Two families, both driven by a :class:`random.Random` (hypothesis hands the tests one it
controls, the script a seeded one), so a failure can be replayed:

* :func:`swap_json_values` replaces JSON values inside annotations and example bodies by
  values of another JSON type (objects where scalars are declared, ``null``, huge and
  non-finite numbers, NaN-like strings, mixed lists, duplicate keys, template syntax);
* :func:`damage_lines` deletes, duplicates, swaps and truncates lines and inserts bytes.

Pages come from the shared corpus and seeds next to the repository, never by absolute
path; a page travels with the resource pages it links to, so that type checks run.
"""

from __future__ import annotations

import difflib
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "graph-v1.0"
SEEDS = SHARED / "seeds"
_CONTEXT_PAGES = 4  # linked resource pages that travel with a page

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Raw:
    """A token written as is: numbers JSON cannot hold exactly, or NaN-like literals."""

    text: str


@dataclass(frozen=True, slots=True)
class Pairs:
    """An object written with its keys in this order, duplicates kept."""

    items: tuple[tuple[str, Any], ...]


@dataclass(frozen=True, slots=True, repr=False)
class Page:
    """A page to mutate (``rel`` as the doc set names it) and the unchanged pages it needs."""

    rel: str
    text: bytes
    context: tuple[tuple[str, bytes], ...]

    def __repr__(self) -> str:  # hypothesis prints drawn pages: the name says enough
        return f"Page({self.rel!r})"

    def diff(self, text: bytes) -> str:
        """What a mutation changed, as a unified diff, for failure messages."""
        old = self.text.decode("utf-8", "replace").splitlines(keepends=True)
        new = text.decode("utf-8", "replace").splitlines(keepends=True)
        return "".join(difflib.unified_diff(old, new, self.rel, f"{self.rel} (mutated)"))

    def write(self, root: Path, text: bytes) -> None:
        """This page, with ``text`` for its own, as a doc set under ``root``."""
        for rel, data in (*self.context, (self.rel, text)):
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


# --- pages ------------------------------------------------------------------------------------

_LINK = re.compile(r"\]\(([^)\s#]+\.md)(?:#[^)]*)?\)", re.IGNORECASE)


def shared_pages_present() -> bool:
    return CORPUS.is_dir() and SEEDS.is_dir()


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*/*.md"))


def sample_pages(count: int, seed: int, files: list[Path] | None = None) -> list[Page]:
    """``count`` corpus pages chosen with ``seed`` (API and resource pages alike), then the
    seeds; each with the resource pages it links to."""
    files = corpus_files() if files is None else files
    chosen = random.Random(seed).sample(files, min(count, len(files)))
    pages = [_page(path) for path in chosen]
    for seed_file in sorted(SEEDS.iterdir()):
        if seed_file.is_file():
            pages.append(Page(f"api/{seed_file.stem}.md", seed_file.read_bytes(), ()))
    return pages


def _page(path: Path) -> Page:
    text = path.read_bytes()
    rel = path.relative_to(CORPUS).as_posix()
    context: dict[str, bytes] = {}
    for target in _LINK.findall(text.decode("utf-8", "replace")):
        linked = (path.parent / target).resolve()
        if linked.parent.parent != CORPUS.resolve() or not linked.is_file():
            continue
        linked_rel = linked.relative_to(CORPUS.resolve()).as_posix()
        if linked_rel != rel and linked_rel.startswith("resources/"):
            context.setdefault(linked_rel, linked.read_bytes())
        if len(context) == _CONTEXT_PAGES:
            break
    return Page(rel, text, tuple(sorted(context.items())))


# --- JSON sites ---------------------------------------------------------------------------------

_ANNOTATION = re.compile(r"<!--\s*(\{.*?)-->", re.S)
_FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})([^\n]*)\n(.*?)^\1\2[ \t]*$", re.S | re.M)


@dataclass(frozen=True, slots=True)
class Site:
    """A JSON value in the page text: ``text[start:end]`` parses as ``value``."""

    start: int
    end: int
    value: Any


def json_sites(text: str) -> list[Site]:
    """Annotations, JSON fences and the bodies of HTTP fences that parse as strict JSON."""
    found: list[Site] = []
    for m in _ANNOTATION.finditer(text):
        found.extend(_site(text, m.start(1), m.end(1)))
    for m in _FENCE.finditer(text):
        start, end = m.start(4), m.end(4)
        info = m.group(3).strip().lower()
        if info.startswith("http"):
            blank = re.search(r"\n[ \t]*\n", text[start:end])
            if blank is None:
                continue
            start += blank.end()
        elif not info.startswith("json") and not text[start:end].lstrip().startswith("{"):
            continue
        found.extend(_site(text, start, end))
    return sorted(found, key=lambda s: s.start)


def _site(text: str, start: int, end: int) -> Iterator[Site]:
    chunk = text[start:end]
    if not chunk.strip():
        return
    try:
        value = json.loads(chunk)
    except ValueError:
        return
    yield Site(start, end, value)


def _paths(value: Any, path: JsonPath = ()) -> Iterator[JsonPath]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _paths(item, (*path, n))


def _replaced(value: Any, path: JsonPath, new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {k: (_replaced(v, rest, new) if k == head else v) for k, v in value.items()}
    return [_replaced(v, rest, new) if n == head else v for n, v in enumerate(value)]


def _at(value: Any, path: JsonPath) -> Any:
    for step in path:
        value = value[step]
    return value


# --- values of another type ---------------------------------------------------------------------

_STRINGS = (
    "",
    "NaN",
    "Infinity",
    "-INF",
    "...",
    "true",
    "null",
    "12",
    "2024-01-01T00:00:00Z",
    "unknownFutureValue",
    "#microsoft.graph.user",
    "Collection(microsoft.graph.user)",
    "{{ 7 * 7 }}",
    "{% raw %}",
    '"""',
    "'''",
    "\\",
    "a\nb",
    "\r",
    "\x00",
    "__import__('os').system('echo x')",
    "../../etc/passwd",
    "/etc/passwd",
    "class",
    "self",
    "model_config",
    "\u202e\u00e9\U0001f600",
    "x" * 500,
)
_NUMBERS = (0, -1, 1.5, -0.0, 2**63, -(2**63) - 1, 10**400)
_RAW_NUMBERS = ("1e999", "-1e999", "1" + "0" * 5000, "NaN", "Infinity", "-Infinity", "1E-400")
_ARRAYS: tuple[Any, ...] = ([], [None], [1, "a", None, {}, [], True], [[[]]], [{"@odata.type": 1}])
_OBJECTS: tuple[Any, ...] = (
    {},
    {"a": 1},
    {"@odata.type": "#microsoft.graph.user"},
    {"@odata.type": {"x": 1}},
    {"@odata.type": 5},
    {"value": []},
    {"value": [1, "x", None]},
    Pairs((("a", 1), ("a", "x"))),
)

KINDS = ("null", "boolean", "number", "string", "array", "object")


def kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float | Raw):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def value_of_kind(kind: str, rng: random.Random) -> Any:
    if kind == "null":
        return None
    if kind == "boolean":
        return rng.random() < 0.5
    if kind == "number":
        if rng.random() < 0.4:
            return Raw(rng.choice(_RAW_NUMBERS))
        return rng.choice(_NUMBERS)
    if kind == "string":
        return rng.choice(_STRINGS)
    if kind == "array":
        return rng.choice(_ARRAYS)
    return rng.choice(_OBJECTS)


def other_value(value: Any, rng: random.Random) -> Any:
    """A value of another JSON type than ``value``; an object may also come back as
    itself with one key written twice."""
    if isinstance(value, dict) and value and rng.random() < 0.2:
        key = rng.choice(list(value))
        extra = value_of_kind(rng.choice([k for k in KINDS if k != kind_of(value[key])]), rng)
        return Pairs((*value.items(), (key, extra)))
    return value_of_kind(rng.choice([k for k in KINDS if k != kind_of(value)]), rng)


def dumps(value: Any, indent: int = 0) -> str:
    """JSON text of ``value``, with :class:`Raw` tokens and :class:`Pairs` as written."""
    pad, inner = "  " * indent, "  " * (indent + 1)
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, Pairs | dict):
        items = value.items if isinstance(value, Pairs) else tuple(value.items())
        if not items:
            return "{}"
        body = ",\n".join(f"{inner}{json.dumps(k)}: {dumps(v, indent + 1)}" for k, v in items)
        return "{\n" + body + "\n" + pad + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + dumps(v, indent + 1) for v in value) + "\n" + pad + "]"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # json.dumps would refuse nothing here, but be explicit
    return json.dumps(value)


def swap_json_values(text: str, rng: random.Random, count: int = 1) -> str:
    """``text`` with JSON values in annotations or example bodies replaced by values of
    another type, ``count`` times: each time in one site, either one value at any depth
    (the whole value included) or, half the time, each value of the site with a chance
    of one in three, so that a wrong type meets every declared property sooner."""
    for _ in range(count):
        sites = json_sites(text)
        if not sites:
            return text
        site = rng.choice(sites)
        paths = list(_paths(site.value))
        if rng.random() < 0.5:
            chosen = [rng.choice(paths)]
        else:
            chosen = [p for p in paths[1:] if rng.random() < 1 / 3] or [rng.choice(paths)]
        replaced = _written(site.value, chosen, rng)
        text = text[: site.start] + replaced + "\n" + text[site.end :]
    return text


def _written(value: Any, paths: list[JsonPath], rng: random.Random) -> str:
    """``value`` with the items at ``paths`` (outermost first) replaced by values of
    another type, as text: the new values may be :class:`Raw` or :class:`Pairs`, which
    ordinary JSON values cannot hold, so markers stand in for them until the end."""
    news: dict[str, tuple[Any, int]] = {}
    for path in paths:
        if any(path[: len(done)] == done for done in _done(paths, path)):
            continue  # inside a value already replaced
        marker = f"\x00docs2code-fuzz-{len(news)}\x00"
        news[marker] = (other_value(_at(value, path), rng), len(path))
        value = _replaced(value, path, marker)
    text = dumps(value)
    for marker, (new, depth) in news.items():
        text = text.replace(json.dumps(marker), dumps(new, depth), 1)
    return text


def _done(paths: list[JsonPath], path: JsonPath) -> list[JsonPath]:
    """The paths before ``path`` in ``paths``: replaced already."""
    return paths[: paths.index(path)]


# --- line damage --------------------------------------------------------------------------------

LINE_MUTATIONS = ("delete", "duplicate", "swap", "truncate", "insert_bytes")
_BYTES = (b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\r", b"\r\n", b"```", b"<!--", b"-->", b"|")


def damage_lines(data: bytes, rng: random.Random, count: int = 1) -> tuple[bytes, list[str]]:
    """``data`` with ``count`` line-level mutations; also says which ones, for reports."""
    done: list[str] = []
    for _ in range(count):
        kind = rng.choice(LINE_MUTATIONS)
        data = _damage(data, kind, rng)
        done.append(kind)
    return data, done


def _damage(data: bytes, kind: str, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    if kind == "truncate":
        return data[: rng.randrange(len(data) + 1)]
    if kind == "insert_bytes":
        at = rng.randrange(len(data) + 1)
        if rng.random() < 0.5:
            noise = rng.choice(_BYTES)
        else:
            noise = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 9)))
        return data[:at] + noise + data[at:]
    i = rng.randrange(len(lines))
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    else:  # swap
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)
