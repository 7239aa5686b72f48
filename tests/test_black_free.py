"""The build skips black for a piece only where black would change nothing: black stays
the reference.  Every generated Python file is black's output for it, for input_docs,
the hostile docs, pages mutated to stress the layout (long names, long descriptions,
quotes of both kinds, backslashes, wide characters, triple quotes in descriptions) and
the corpus (marked); the proof (generator.render.stable) never accepts a piece black
would change, also when black's own output is mutated around the 100-column limit; and
it does skip black for most pieces."""

from __future__ import annotations

import random
import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import black
import pytest

from generator.model import Model
from generator.pipeline.plan import build_plan
from generator.read import read_docs
from generator.render import formatting, stable
from generator.render.formatting import BLACK_MODE, pieces
from generator.render.options import BuildOptions
from tests.conftest import CorpusBuild

ROOT = Path(__file__).resolve().parents[1]
INPUT = ROOT / "input_docs"
HOSTILE = ROOT / "tests" / "hostile" / "docs"


def black_of(text: str) -> str:
    return black.format_str(text, mode=BLACK_MODE)


def python(plan: dict[str, str]) -> dict[str, str]:
    return {path: text for path, text in plan.items() if path.endswith(".py")}


def assert_black(plan: dict[str, str]) -> None:
    files = python(plan)
    assert files
    for path, text in files.items():
        assert text == black_of(text), path


# Static modules are copied as they are (templates/*/*.py): the same bytes in every build,
# black's output (assert_black checks them too), formatted once and then cached.  The
# proof is counted on what the build renders.
STATIC = {
    piece.strip("\n")
    for path in ROOT.glob("templates/*/*.py")
    for piece in pieces(path.read_text(encoding="utf-8"))
}


def build(model: Model, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, str], Counter[bool]]:
    """The plan, and how often the build's proof said black would change nothing
    (True: black skipped) or could not say so (False: black ran), for rendered pieces."""
    verdicts: Counter[bool] = Counter()
    proof = stable.unchanged

    def counted(piece: str) -> bool:
        verdict = proof(piece)
        if piece.strip("\n") not in STATIC:
            verdicts[verdict] += 1
        return verdict

    monkeypatch.setattr(stable, "unchanged", counted)
    monkeypatch.setattr(formatting, "PARALLEL_BYTES", float("inf"))  # counted in this process
    plan = build_plan(model, BuildOptions())
    monkeypatch.undo()
    return plan, verdicts


def test_input_docs_build_is_black_and_mostly_skips_it(monkeypatch: pytest.MonkeyPatch) -> None:
    plan, verdicts = build(read_docs([INPUT]), monkeypatch)
    assert_black(plan)
    assert verdicts[True] > verdicts[False]


def test_hostile_build_is_black(monkeypatch: pytest.MonkeyPatch) -> None:
    plan, verdicts = build(read_docs([HOSTILE]), monkeypatch)
    assert_black(plan)
    assert verdicts[True] > 0


# --- pages mutated to stress the layout --------------------------------------------------------

LONG = "ThatGoesOnAndOnForQuiteAWhile" * 2
QUOTES = ' with "double", \'single\' and """triple""" quotes, a \\ backslash and ending "quoted"'
WIDE = " 漢字の説明文です、幅の広い文字。" * 6
WORDY = " and then" + " some more words" * 12


def _longer_names(text: str) -> str:
    """Path segments and type names much longer: builders, members, chains, imports."""
    for word in ("versions", "driveItemVersion", "listItemVersion", "items", "restoreVersion"):
        text = text.replace(word, word + LONG)
    return text


def _describe(extra: str) -> Callable[[str], str]:
    """Every heading (operation summaries) and last table cell (descriptions) gets more."""

    def mutate(text: str) -> str:
        text = re.sub(r"^(# .+)$", lambda m: m.group(1) + extra, text, flags=re.M)
        return re.sub(
            r"^(\|[^|\n]+\|[^|\n]+\|)([^|\n]+)\|[ \t]*$",
            lambda m: f"{m.group(1)}{m.group(2).rstrip()}{extra} |",
            text,
            flags=re.M,
        )

    return mutate


MUTATIONS: dict[str, Callable[[str], str]] = {
    "long names": _longer_names,
    "quotes": _describe(QUOTES),
    "wide characters": _describe(WIDE),
    "long descriptions": _describe(WORDY),
    "all of them": lambda t: _describe(QUOTES + WIDE + WORDY)(_longer_names(t)),
}


@pytest.mark.parametrize("mutation", list(MUTATIONS))
def test_mutated_pages_build_is_black(
    mutation: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(INPUT, docs)
    for page in docs.rglob("*.md"):
        page.write_text(MUTATIONS[mutation](page.read_text(encoding="utf-8")), encoding="utf-8")
    plan, verdicts = build(read_docs([docs]), monkeypatch)
    assert_black(plan)
    assert verdicts[True] > 0


# --- the proof itself --------------------------------------------------------------------------


def test_black_formatted_code_is_recognised_and_anything_black_changes_is_not() -> None:
    formatted = (
        "class A(Base):\n"
        '    """Doc."""\n'
        "\n"
        "    #: a comment\n"
        '    name: str | None = _wire("x")\n'
        "\n"
        '    get: Op[models.A] = Op("Get A.", "api/a-get.md", "work: A.Read")\n'
        "\n"
        "    def by_id(\n"
        "        self, a_very_long_parameter_name_for_the_identifier_of_the_resource: str\n"
        "    ) -> AsByIdWithAnOverlyLongNameToo[CoreT]:\n"
        "        return self._param(AsByIdWithAnOverlyLongNameToo, a_very_long_parameter_name)\n"
    )
    assert black_of(formatted) == formatted
    assert stable.unchanged(formatted)
    for changed in (
        formatted.replace('_wire("x")', "_wire('x')"),  # quotes
        formatted.replace("str | None", "str|None"),  # spaces
        formatted.replace('    """Doc."""\n\n', '    """Doc."""\n'),  # empty lines
        formatted.replace('"Get A.", ', '"Get A.",\n        '),  # a line black would join
        formatted.replace('"Get A."', '"Get A, with a summary long enough to split the call."'),
        formatted.replace('"work: A.Read")', '"work: A.Read",)'),  # a magic trailing comma
        formatted.replace('"""Doc."""', '""" Doc. """'),  # a docstring's spaces
        formatted.replace("#: a comment", "#a comment"),
    ):
        assert black_of(changed) != changed
        assert not stable.unchanged(changed), changed


def _mutations(rnd: random.Random) -> list[Callable[[str], str]]:
    def rename(text: str) -> str:
        names = sorted(set(re.findall(r"\b[A-Za-z_]\w{3,}\b", text)) - {"self", "None", "True"})
        if not names:
            return text
        name, by = rnd.choice(names), rnd.choice([-4, -1, 1, 2, 3, 7, 15, 31])
        new = name + "x" * by if by > 0 else name[: max(1, len(name) + by)] + "Q"
        return re.sub(rf"\b{re.escape(name)}\b", new, text)

    def lengthen_string(text: str) -> str:
        found = list(re.finditer(r'"([^"\\\n]{2,})"', text))
        if not found:
            return text
        m = rnd.choice(found)
        return f"{text[: m.end() - 1]}{'y' * rnd.choice([1, 4, 12, 40])}{text[m.end() - 1 :]}"

    def join_lines(text: str) -> str:
        lines = text.split("\n")
        opened = [i for i, line in enumerate(lines) if line.endswith(("(", "[", "{"))]
        if not opened:
            return text
        i = rnd.choice(opened)
        return "\n".join([*lines[:i], lines[i] + lines[i + 1].strip(), *lines[i + 2 :]])

    def trailing_comma(text: str) -> str:
        found = list(re.finditer(r"\w\)", text))
        if not found:
            return text
        at = rnd.choice(found).start() + 1
        return text[:at] + "," + text[at:]

    def empty_line(text: str) -> str:
        lines = text.split("\n")
        at = rnd.randrange(len(lines))
        return "\n".join([*lines[:at], "", *lines[at:]])

    return [rename, rename, lengthen_string, join_lines, trailing_comma, empty_line]


def test_the_proof_never_accepts_what_black_would_change() -> None:
    """Black's own output, mutated around its rules (widths across 100 columns, joined
    lines, trailing commas, empty lines): whatever the proof accepts, black keeps."""
    plans = [build_plan(read_docs([d]), BuildOptions()) for d in (INPUT, HOSTILE)]
    formatted = [p for plan in plans for text in python(plan).values() for p in pieces(text)]
    rnd = random.Random(15)
    mutations = _mutations(rnd)
    accepted = rejected = 0
    for _ in range(400):
        variant = rnd.choice(formatted)
        for _ in range(rnd.choice([1, 2, 3])):
            variant = rnd.choice(mutations)(variant)
        try:
            reference = black_of(variant.strip("\n") + "\n").strip("\n")
        except black.InvalidInput:
            continue
        if stable.unchanged(variant):
            accepted += 1
            assert variant.strip("\n") == reference, variant
        else:
            rejected += 1
    assert accepted > 50 and rejected > 50  # both sides of the rule were exercised


@pytest.mark.corpus
def test_corpus_build_is_black_and_skips_it_for_most_pieces(
    corpus_build: CorpusBuild, capsys: pytest.CaptureFixture[str]
) -> None:
    plan, verdicts = corpus_build.plan, corpus_build.verdicts
    assert_black(plan)
    skipped, total = verdicts[True], verdicts[True] + verdicts[False]
    size = sum(len(t) for t in python(plan).values())
    with capsys.disabled():
        print(f"\ncorpus: black skipped for {skipped:,} of {total:,} pieces ({size:,} B of Python)")
    assert skipped > total * 0.9
