"""Page roles on the real Graph docs (docs/model.md, "Page roles"): the v1.0 corpus alone,
and laid out as in its repository (``shared_tree``: ``api-reference/v1.0/{api,resources,
includes}`` and the 320 overviews and tutorials of ``concepts``), read as one doc root.

Adding ``concepts/`` must not add or change an operation: its pages show calls of the API,
and those join the operations they call as more examples.  The figures pinned here were
checked by hand (see each comment); a change that moves one must say why."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from generator.model import Model, Page, PageRole, Severity

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def with_concepts(shared_tree: Path) -> Model:
    """The whole tree (tests/conftest.py), read once: ``api/``, ``resources/``, the
    ``includes/`` partials and ``concepts/``."""
    from generator.read import read_docs

    return read_docs([shared_tree])


def folder(path: str) -> str:
    """The conventional folder a page is in, whatever the roots are named."""
    parts = path.split("/")[:-1]
    return next((p for p in reversed(parts) if p in ("api", "resources", "concepts")), "")


def pairs(model: Model) -> set[tuple[str, str]]:
    return {(op.method, v.template) for op in model.operations for v in op.paths}


def short_id(op_id: str) -> str:
    """``api/x.get`` under any root name."""
    return op_id[op_id.rindex("api/") :]


def borrowed(model: Model) -> Counter[str]:
    """Examples of operations that come from another page, by that page's folder."""
    pages = {p.path: p for p in model.pages}
    found: Counter[str] = Counter()
    for op in model.operations:
        for ex in op.examples:
            req = ex.request
            if req is not None and req.span.file != op.source.file:
                assert pages[req.span.file].role is PageRole.CONCEPTUAL
                found[folder(req.span.file)] += 1
    return found


def doubts(model: Model) -> list[tuple[Page, str]]:
    return [(p, p.role_doubt.message) for p in model.pages if p.role_doubt is not None]


def test_corpus_roles(corpus_model: Model) -> None:
    roles = Counter((folder(p.path), p.role) for p in corpus_model.pages)
    # api/: 2,099 apiPageType and the 3 marked resourcePageType; resources/: 1,019
    # resourcePageType, the 6 resourcePageType_ and the 7 marked apiPageType, 142
    # enumPageType, 64 conceptualPageType and intune-enrollment-conceptual.md (no
    # doc_type, nothing that shows a resource); SOURCE.md is conceptual too.
    assert roles == {
        ("api", PageRole.API): 2102,
        ("resources", PageRole.RESOURCE): 1032,
        ("resources", PageRole.ENUM): 142,
        ("resources", PageRole.CONCEPTUAL): 65,
        ("", PageRole.CONCEPTUAL): 1,
    }
    # The ten pages whose folder and doc_type disagree (conventions.md section 1): each
    # is read as what its structure shows, a warning at the line that decided.
    found = doubts(corpus_model)
    assert len(found) == 10
    assert all(p.role_doubt and p.role_doubt.severity is Severity.WARNING for p, _ in found)
    assert Counter(p.role for p, _ in found) == {PageRole.API: 3, PageRole.RESOURCE: 7}
    update = next(p for p, _ in found if p.path.endswith("api/serviceprincipal-update.md"))
    assert update.role_doubt is not None and update.role_doubt.span.line == 31
    assert update.role_doubt.message == (
        "doc_type 'resourcePageType' (line 5) makes this a resource page, but the page has "
        "an HTTP request line (line 31): read as an API page"
    )


def test_corpus_operations_and_types_come_from_their_roles(corpus_model: Model) -> None:
    roles = {p.path: p.role for p in corpus_model.pages}
    assert {roles[op.source.file] for op in corpus_model.operations} == {PageRole.API}
    assert {roles[t.source.file] for t in corpus_model.types} == {
        PageRole.RESOURCE,
        PageRole.ENUM,
    }
    # 36 calls on the conceptualPageType pages under resources/ (excel.md 25,
    # sharepoint.md 4, todo-overview.md 3, planner-overview.md 2, groups-overview.md and
    # mail-api-overview.md 1 each) are examples of the operations they call; before page
    # roles they were dropped.
    assert borrowed(corpus_model) == {"resources": 36}


def test_concepts_add_no_operation(corpus_model: Model, with_concepts: Model) -> None:
    assert pairs(with_concepts) == pairs(corpus_model)
    assert sorted(short_id(op.id) for op in with_concepts.operations) == sorted(
        op.id for op in corpus_model.operations
    )
    roles = {p.path: p.role for p in with_concepts.pages}
    assert not [op.id for op in with_concepts.operations if folder(op.source.file) == "concepts"]
    assert {roles[op.source.file] for op in with_concepts.operations} == {PageRole.API}


def test_concept_roles(with_concepts: Model) -> None:
    roles = Counter(p.role for p in with_concepts.pages if folder(p.path) == "concepts")
    # The 41 partials are the SDK snippets under concepts/sdks/includes/ and one toolkit
    # include, included by concept pages; errors.md documents the error resource with two
    # JSON representations (a resource page by its structure, DC105 information).
    assert roles == {PageRole.CONCEPTUAL: 278, PageRole.INCLUDE: 41, PageRole.RESOURCE: 1}
    (errors,) = [p for p, _ in doubts(with_concepts) if folder(p.path) == "concepts"]
    assert errors.path.endswith("concepts/errors.md") and errors.role is PageRole.RESOURCE
    assert errors.role_doubt is not None and errors.role_doubt.severity is Severity.INFO
    new_types = {t.full_name for t in with_concepts.types if folder(t.source.file) == "concepts"}
    assert new_types == {"odata.error"}


def test_concept_examples_join_the_operations_they_call(with_concepts: Model) -> None:
    # 270 example calls on pages under concepts/ fit a declared operation (host and
    # version aside: many call /beta) and are now among its examples, with the 36 of the
    # conceptual pages under resources/.  (271 while .../ paths were declared:
    # concepts/known-issues.md:170 calls /childFolders/{id}/.../contacts/{id}, which no
    # page declares any more, DC010.)
    assert borrowed(with_concepts) == {"concepts": 270, "resources": 36}
    left = Counter(
        (folder(p.path), ex.request.foreign)
        for p in with_concepts.pages
        for ex in p.examples
        if ex.request is not None
    )
    # The calls that fit none: mostly beta-only APIs (Windows updates, entitlement
    # management, external connectors), OneNote's "~/" shorthand, $batch; each is DC308
    # (information). The foreign ones (sign-in, webhooks, upload URLs) are not reported.
    assert left == {
        ("concepts", False): 79,
        ("concepts", True): 13,
        ("resources", False): 6,
        ("resources", True): 1,
    }
    dc308 = [
        d
        for p in with_concepts.pages
        for ex in p.examples
        if ex.request is not None
        for d in ex.request.defects
        if d.code == "DC308"
    ]
    assert len(dc308) == 85 and {d.severity for d in dc308} == {Severity.INFO}
