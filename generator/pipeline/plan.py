"""Model -> every generated file: the one plan that ``build`` writes and ``check`` compares.

The plan maps a path relative to the output folder to its text: ``sdk/`` the typed client
package, ``stubs/`` the mock server package, ``tests/`` the pytest suite that runs the
client against the stubs, ``openapi.json`` the OpenAPI 3.1 description.  Rendering never
writes (generator.output does).  An item that fails to render does not stop the others;
all failures are raised together at the end (generator.faults), so a build that failed
anywhere writes nothing.

The renderers (sdk, stubs, suite, openapi) are peers called here, each for its part of
the plan; they use generator.render (templates, black), which imports none of them.

The sdk/, stubs/ and tests/ parts are rendered from :func:`projection`, the model
without what none of them reads (operations' descriptions and prose, pages beyond their
paths, roles and suppressions, the diagnostics), in every build; with a part store
(generator.cache.parts) each is taken from the store when the projection is what it was,
so an edit to an operation's description renders only openapi.json.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from generator import faults
from generator.hashing import digest
from generator.model import Model, Page
from generator.openapi import FILE, OpenApiOptions, openapi_pieces
from generator.openapi.pieces import PieceCache, document_text
from generator.output.verify import Checked, parses
from generator.progress import labelled
from generator.render.formatting import FormatCache, Formatting, Started
from generator.render.options import BuildOptions
from generator.sdk.plan import sdk_files
from generator.sdk.render import SdkOptions
from generator.stubs.render import stub_files
from generator.suite.render import suite_files
from generator.workers import give_back, stop_servers

if TYPE_CHECKING:
    from generator.cache.parts import PartStore

PROJECTED = ("sdk/", "stubs/", "tests/")  # the parts rendered from the projection
PROSE: dict[str, object] = {"description": "", "intro_paragraphs": (), "response_paragraphs": ()}
"""The fields of an operation only openapi.json shows, and their values in the projection."""


def projection(model: Model) -> Model:
    """``model`` with only what the sdk/, stubs/ and tests/ renderers read: operations
    without their description and prose paragraphs (:data:`PROSE`: openapi.json shows
    those), pages reduced to their path, root, role and suppressions, no diagnostics."""
    operations = tuple(dataclasses.replace(op, **PROSE) for op in model.operations)  # type: ignore[arg-type]
    pages = tuple(
        Page(
            path=p.path,
            doc_type=None,
            front_matter=None,
            title=None,
            headings=(),
            links=(),
            annotations=(),
            suppressions=p.suppressions,
            role=p.role,
            root=p.root,
        )
        for p in model.pages
    )
    return dataclasses.replace(
        model, operations=operations, pages=pages, diagnostics=(), linked_files=()
    )


def fingerprints(model: Model, projected: Model) -> tuple[str, dict[int, str]]:
    """The digest of ``projected`` (``projection(model)``), and ``id()`` of each of
    ``model``'s operations -> its fingerprint: the digest of its projection's ``repr``
    and of its :data:`PROSE` fields' (the rest of it), each operation's projection written
    once for both.  Digests, never the texts: those of 8,000 pages held 240 MB through
    the whole render (issue 25)."""
    texts: list[str] = []  # each projected operation's digest
    ops: dict[int, str] = {}
    for op, projected_op in zip(model.operations, projected.operations, strict=True):
        text = digest(repr(projected_op))
        texts.append(text)
        ops[id(op)] = digest(text, repr([getattr(op, name) for name in PROSE]))
    rest = repr(dataclasses.replace(projected, operations=()))
    return digest(rest, *texts), ops


def build_plan(
    model: Model,
    options: BuildOptions,
    cache: FormatCache | None = None,
    parts: PartStore | None = None,
) -> dict[str, str]:
    """Every generated file, as path relative to the output folder -> text; ``cache``
    spares black the files it formatted before (the output is the same).  Raises
    :class:`faults.RenderError` naming every item that failed to render.  Each part's
    Python is formatted in one pool of worker processes while the next parts render and
    openapi.json's pieces are encoded, and collected after that; the pool's processes
    and servers are stopped before openapi.json's text is joined (memory: that string
    and the workers are not held at once); each part's progress phases are labelled
    with its folder (``formatting sdk/``).  The workers also parse each part's Python
    files once formatted (as generator.output.verify would before writing them): the
    plan is a :class:`Checked` naming those that parse.
    ``parts``: the sdk/, stubs/ and tests/ parts by their projection of the model, taken
    from there when it is unchanged."""
    package, stubs, templates = options.package, options.stubs_package, options.templates
    openapi = OpenApiOptions(docs_url=options.docs_url)
    projected = projection(model)
    renderers: dict[str, Callable[[], dict[str, str]]] = {
        "sdk/": lambda: sdk_files(projected, SdkOptions(package, templates=templates)),
        "stubs/": lambda: stub_files(projected, stubs, templates),
        "tests/": lambda: suite_files(projected, package, stubs, templates),
    }
    keys: dict[str, str] = {}
    pieces: PieceCache | None = None
    if parts is not None:
        whole, ops = fingerprints(model, projected)
        keys = {prefix: parts.key(prefix, whole) for prefix in PROJECTED}
        pieces = parts.openapi(ops)
    done: dict[str, dict[str, str]] = {}
    started: dict[str, Started] = {}
    document: dict[str, Any] | None = None
    checked: dict[str, str] = {}  # the files the workers found to parse
    with faults.collecting() as failures:
        with Formatting(cache) as formatting:
            for prefix in PROJECTED:
                if parts is not None:
                    stored = parts.lookup(keys[prefix])
                    if stored is not None:
                        done[prefix] = stored
                        continue
                with faults.named(_named(prefix)), labelled(prefix):
                    started[prefix] = formatting.start(renderers[prefix]())  # black runs on
                give_back()
            # openapi.json is encoded while black's workers format the parts (the main
            # process would wait for them) and joined once they are gone: its text is
            # the largest string a build makes (issue 25: peak memory on 8,000 pages)
            with faults.named(_named("")), labelled("openapi.json"):
                document = openapi_pieces(model, openapi, pieces)
            give_back()
            checks: list[tuple[list[tuple[str, str]], Iterator[bool]]] = []
            for prefix, part in started.items():
                with faults.named(_named(prefix)), labelled(prefix):
                    done[prefix] = formatting.finish(part)
                give_back()
                # its Python parsed by the workers while the main process goes on
                python = [(prefix + r, t) for r, t in done[prefix].items() if r.endswith(".py")]
                verdicts = formatting.also(parses, python)
                if verdicts is not None:
                    checks.append((python, verdicts))
            checked = {
                rel: text
                for files, verdicts in checks
                for (rel, text), ok in zip(files, verdicts, strict=True)
                if ok
            }
        stop_servers()  # no pool runs now; theirs would be held through the writing
        if document is not None:
            with faults.named(_named("")), labelled("openapi.json"):
                done[""] = {FILE: document_text(document)}
            document = None
    if failures:
        raise faults.RenderError(failures)
    if parts is not None:
        for prefix in started:
            parts.store(keys[prefix], done[prefix])
    plan = {f"{prefix}{rel}": text for prefix, files in done.items() for rel, text in files.items()}
    return Checked(dict(sorted(plan.items())), checked)


def _named(prefix: str) -> str:
    return f"the {prefix} files" if prefix else "the openapi.json file"
