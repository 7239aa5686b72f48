"""Conventions (issue 22): a doc set in the Graph convention (YAML front matter) or in the
ApiDoctor one (the OneDrive API docs: no front matter, ApiDoctor page annotations).

The convention is decided from the pages (``Model.convention``) or set with
``[tool.docs2code] convention``; DC101/DC102 run on Graph doc sets, DC106/DC107 on
ApiDoctor ones, and DC203 knows ApiDoctor's whole annotation vocabulary.  The pages here
are small ApiDoctor-style pages modelled on input_docs/seeds/001_e5da68bd9bdbf1bf.md (an
old OneDrive page), and real corpus pages with their front matter taken off.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.cli.settings import SettingsError, find_settings
from generator.lint.config import LintConfig
from generator.lint.engine import lint
from generator.lint.registry import BY_CODE, RULES
from generator.lint.rules.annotation_unknown import (
    APIDOCTOR_BLOCK_KEYS,
    APIDOCTOR_BLOCK_TYPES,
    APIDOCTOR_PAGE_KEYS,
)
from generator.model import Convention, Diagnostic, Model, PageRole
from generator.read import read_docs
from generator.read.convention import detect_convention

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "graph-v1.0"

# An API page as the OneDrive docs write it: no front matter, the H1 is the title,
# ApiDoctor's own annotation keys (apiVersions, expectError), the page annotation last.
API_PAGE = """\
# Create version

Use this API to create a new version.

## Permissions

|Permission type|Permissions (from least to most privileged)|
|:---|:---|
|Delegated (work or school account)|Files.ReadWrite|
|Delegated (personal Microsoft account)|Files.ReadWrite|
|Application|Files.ReadWrite.All|

## HTTP request

<!-- { "blockType": "ignored" } -->
```http
POST /drive/items/{item-id}/versions
```

## Response

If successful, this method returns a `201 Created` response code.

## Example

### Request

<!-- {
  "blockType": "request",
  "name": "create-version",
  "apiVersions": "v1.0",
  "scopes": "files.readwrite"
} -->
```http
POST https://graph.microsoft.com/v1.0/drive/items/42/versions
```

### Response

<!-- {
  "blockType": "response",
  "expectError": false,
  "truncated": true
} -->
```http
HTTP/1.1 201 Created
```

<!-- {
  "type": "#page.annotation",
  "description": "Create version",
  "keywords": "",
  "section": "documentation",
  "tocPath": "Versions/Create"
} -->
"""

PAGE_ANNOTATION = re.compile(r"<!-- \{\n  \"type\": \"#page\.annotation\".*?\} -->\n", re.DOTALL)
NO_PAGE_ANNOTATION = PAGE_ANNOTATION.sub("", API_PAGE)
assert NO_PAGE_ANNOTATION != API_PAGE
FRONT_MATTER = '---\ntitle: "Create version"\ndescription: "Create a version."\n'
FRONT_MATTER += "doc_type: apiPageType\n---\n"
GRAPH_PAGE = FRONT_MATTER + API_PAGE


def named(text: str, name: str) -> str:
    """The page with its example request named ``name`` (names are unique per doc set)."""
    return text.replace('"create-version"', f'"{name}"')


def write(root: Path, files: Mapping[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def findings(model: Model) -> list[Diagnostic]:
    return list(lint(model, RULES, LintConfig()).findings)


def codes_of(model: Model, *codes: str) -> list[tuple[str, str]]:
    return [(d.code, d.span.file) for d in findings(model) if d.code in codes]


def apidoctor_set(root: Path) -> Path:
    """Three ApiDoctor pages: a clean one, one without a page annotation (DC106), one
    whose page annotation has an empty description (DC107)."""
    return write(
        root,
        {
            "api/version-create.md": API_PAGE,
            "api/version-bare.md": named(NO_PAGE_ANNOTATION, "bare"),
            "api/version-empty.md": named(
                API_PAGE.replace('"description": "Create version"', '"description": ""'), "empty"
            ),
            "api/version-copy.md": named(API_PAGE, "copy"),
        },
    )


# --- detection ----------------------------------------------------------------------


def test_pages_with_page_annotations_and_no_front_matter_are_apidoctor(tmp_path: Path) -> None:
    model = read_docs([apidoctor_set(tmp_path)])
    assert model.convention is Convention.APIDOCTOR


def test_pages_with_front_matter_are_graph(tmp_path: Path) -> None:
    root = write(tmp_path, {"api/a.md": GRAPH_PAGE, "api/b.md": named(GRAPH_PAGE, "b")})
    assert read_docs([root]).convention is Convention.GRAPH


@pytest.mark.parametrize(
    ("graph", "apidoctor", "neither", "expected"),
    [
        (2, 1, 0, Convention.GRAPH),
        (1, 2, 0, Convention.APIDOCTOR),
        (1, 1, 0, Convention.GRAPH),  # a tie is Graph
        (0, 0, 2, Convention.GRAPH),  # no page says: Graph, the default
        (0, 1, 3, Convention.APIDOCTOR),  # pages with neither do not vote
    ],
)
def test_the_majority_of_the_pages_that_say_decides(
    tmp_path: Path, graph: int, apidoctor: int, neither: int, expected: Convention
) -> None:
    files = {f"api/g{i}.md": named(GRAPH_PAGE, f"g{i}") for i in range(graph)}
    files |= {f"api/a{i}.md": named(API_PAGE, f"a{i}") for i in range(apidoctor)}
    files |= {f"api/n{i}.md": named(NO_PAGE_ANNOTATION, f"n{i}") for i in range(neither)}
    assert read_docs([write(tmp_path, files)]).convention is expected


def test_unreadable_front_matter_counts_as_front_matter(tmp_path: Path) -> None:
    broken = "---\ntitle: [unclosed\n---\n" + named(API_PAGE, "broken")
    root = write(tmp_path, {"api/a.md": API_PAGE, "api/b.md": broken})
    model = read_docs([root])
    assert [d.code for d in model.diagnostics if d.span.file == "api/b.md"] == ["DC003"]
    assert model.convention is Convention.GRAPH  # one each: a tie


def test_reference_pages_decide_and_include_pages_do_not_vote(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "api/graph.md": GRAPH_PAGE,
            "concepts/a.md": named(API_PAGE, "a"),
            "concepts/b.md": named(API_PAGE, "b"),
        },
    )
    model = read_docs([root])
    roles = {"concepts/a.md": PageRole.CONCEPTUAL, "concepts/b.md": PageRole.CONCEPTUAL}
    pages = [replace(p, role=roles.get(p.path, PageRole.API)) for p in model.pages]
    assert detect_convention(pages, ()) is Convention.GRAPH  # the API page decides
    # without a reference page that says, every page that says counts
    conceptual = [replace(p, role=PageRole.CONCEPTUAL) for p in model.pages]
    assert detect_convention(conceptual, ()) is Convention.APIDOCTOR
    # include partials never vote
    included = [p if p.front_matter else replace(p, role=PageRole.INCLUDE) for p in model.pages]
    assert detect_convention(included, ()) is Convention.GRAPH
    only_includes = [replace(p, role=PageRole.INCLUDE) for p in model.pages]
    assert detect_convention(only_includes, ()) is Convention.GRAPH


def test_the_graph_corpus_is_graph(corpus_model: Model) -> None:
    assert corpus_model.convention is Convention.GRAPH


def test_input_docs_are_graph() -> None:
    """The seeds include a page without front matter (001), the other pages have it."""
    docs = Path(__file__).resolve().parents[1] / "input_docs"
    assert read_docs([docs]).convention is Convention.GRAPH


# --- the rules of each convention ----------------------------------------------------


def test_an_apidoctor_doc_set_has_no_front_matter_findings(tmp_path: Path) -> None:
    model = read_docs([apidoctor_set(tmp_path)])
    assert codes_of(model, "DC101", "DC102", "DC106", "DC107") == [
        ("DC106", "api/version-bare.md"),
        ("DC107", "api/version-empty.md"),
    ]


def test_forced_to_graph_the_same_pages_lack_front_matter(tmp_path: Path) -> None:
    model = read_docs([apidoctor_set(tmp_path)], convention=Convention.GRAPH)
    assert codes_of(model, "DC101", "DC102", "DC106", "DC107") == [
        ("DC101", f"api/version-{name}.md") for name in ("bare", "copy", "create", "empty")
    ]


def test_forced_to_apidoctor_a_graph_doc_set_is_checked_by_its_page_annotations(
    tmp_path: Path,
) -> None:
    root = write(
        tmp_path,
        {
            "api/a.md": GRAPH_PAGE.replace("doc_type: apiPageType\n", ""),  # DC102 in Graph
            "api/b.md": named(API_PAGE, "b"),
            "api/c.md": named(NO_PAGE_ANNOTATION, "c"),
        },
    )
    assert codes_of(read_docs([root]), "DC101", "DC102", "DC106", "DC107") == [
        ("DC102", "api/a.md"),
        ("DC101", "api/b.md"),
        ("DC101", "api/c.md"),
    ]
    forced = read_docs([root], convention=Convention.APIDOCTOR)
    assert codes_of(forced, "DC101", "DC102", "DC106", "DC107") == [("DC106", "api/c.md")]


def test_dc107_a_page_annotation_without_description_or_title(tmp_path: Path) -> None:
    no_h1 = API_PAGE.replace("# Create version\n", "")
    root = write(
        tmp_path,
        {
            "api/no-description.md": named(
                API_PAGE.replace('  "description": "Create version",\n', ""), "a"
            ),
            "api/not-a-string.md": named(
                API_PAGE.replace('"description": "Create version"', '"description": 3'), "b"
            ),
            "api/no-title.md": named(no_h1, "c"),
            "api/annotation-title.md": named(
                no_h1.replace('"keywords": ""', '"title": "Create version"'), "d"
            ),
            "api/empty-title.md": named(no_h1.replace('"keywords": ""', '"title": " "'), "e"),
        },
    )
    model = read_docs([root])
    assert model.convention is Convention.APIDOCTOR
    found = [(d.span.file, d.span.line, d.message) for d in findings(model) if d.code == "DC107"]
    assert all(d.severity.value == "warning" for d in findings(model) if d.code == "DC107")
    annotation = API_PAGE.count("\n", 0, API_PAGE.index('  "type": "#page.annotation"'))
    no_title = "page has no title: no H1 heading, and the page annotation has no 'title'"
    assert found == [
        ("api/empty-title.md", annotation + 2, no_title),
        ("api/no-description.md", annotation, "page annotation has no 'description'"),
        ("api/no-title.md", annotation - 1, no_title),
        ("api/not-a-string.md", annotation + 2, "page annotation 'description' is empty"),
    ]


def test_front_matter_rules_skip_include_pages(tmp_path: Path) -> None:
    """An include partial carries no page metadata of its own, in either convention."""
    model = read_docs([apidoctor_set(tmp_path)])
    for convention in Convention:
        partials = replace(
            model,
            pages=tuple(replace(p, role=PageRole.INCLUDE) for p in model.pages),
            convention=convention,
        )
        assert codes_of(partials, "DC101", "DC102", "DC106", "DC107") == []
    graph = write(tmp_path / "graph", {"api/a.md": GRAPH_PAGE.replace("title:", "titel:")})
    partial = read_docs([graph])
    assert codes_of(partial, "DC102") == [("DC102", "api/a.md")]
    partial = replace(
        partial, pages=tuple(replace(p, role=PageRole.INCLUDE) for p in partial.pages)
    )
    assert codes_of(partial, "DC102") == []


def test_corpus_pages_without_front_matter_are_an_apidoctor_doc_set(tmp_path: Path) -> None:
    """Real Graph pages, every 25th API and resource page, with the front matter taken off
    (and a page annotation added where a page has none): what the OneDrive docs look
    like.  Auto-detected, and set to apidoctor, no DC101/DC102; set to graph, DC101 on
    every page."""
    if not (CORPUS / "api").is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")
    pages = (
        sorted((CORPUS / "api").glob("*.md"))[::25]
        + sorted((CORPUS / "resources").glob("*.md"))[::25]
    )
    added = '\n<!-- {\n  "type": "#page.annotation",\n  "description": "Added."\n} -->\n'
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert text.startswith("---\n"), page
        body = text[text.index("\n---", 3) + len("\n---") :]
        if "#page.annotation" not in body:
            body += added
        target = tmp_path / "docs" / page.parent.name / page.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    root = tmp_path / "docs"
    model = read_docs([root])
    assert model.convention is Convention.APIDOCTOR
    assert codes_of(model, "DC101", "DC102", "DC106") == []
    by_path = {p.path: p for p in model.pages}
    for file in {file for _, file in codes_of(model, "DC107")}:
        # only where the corpus page's own annotation has no description
        ann = next(a for a in by_path[file].annotations if a.is_page)
        description = ann.data.get("description")
        assert not (isinstance(description, str) and description.strip()), file
    assert read_docs([root], convention=Convention.APIDOCTOR) == model
    graph = read_docs([root], convention=Convention.GRAPH)
    dc101 = {file for code, file in codes_of(graph, "DC101")}
    assert dc101 == {p.path for p in graph.pages}
    assert len(dc101) == len(pages)


# --- DC203: ApiDoctor's annotation vocabulary ----------------------------------------


def test_dc203_accepts_apidoctors_own_keys(tmp_path: Path) -> None:
    root = write(tmp_path, {"api/a.md": API_PAGE, "api/b.md": named(GRAPH_PAGE, "b")})
    assert codes_of(read_docs([root]), "DC203") == []


def test_dc203_accepts_every_key_of_the_vocabulary(tmp_path: Path) -> None:
    block = {key: "x" for key in APIDOCTOR_BLOCK_KEYS} | {"blockType": "example"}
    page = {key: "x" for key in APIDOCTOR_PAGE_KEYS} | {"type": "#page.annotation"}
    text = (
        "# Page\n\n"
        + "".join(
            f'<!-- {{ "blockType": "{t}" }} -->\n```json\n{{}}\n```\n\n'
            for t in APIDOCTOR_BLOCK_TYPES
        )
        + f"<!-- {json.dumps(block)} -->\n```json\n{{}}\n```\n\n<!-- {json.dumps(page)} -->\n"
    )
    model = read_docs([write(tmp_path, {"api/a.md": text})])
    assert codes_of(model, "DC203") == []
    for key in ("apiVersions", "expectError", "nullableProperties", "longRunningResponseType"):
        assert key in APIDOCTOR_BLOCK_KEYS
    for key in ("title", "canonicalUrl", "headerAdditions", "footerAdditions"):
        assert key in APIDOCTOR_PAGE_KEYS
    assert {"simulatedResponse", "testParams"} <= set(APIDOCTOR_BLOCK_TYPES)


def test_dc203_still_reports_an_unknown_key(tmp_path: Path) -> None:
    text = API_PAGE.replace('"apiVersions"', '"apiVersion"').replace('"section"', '"sektion"')
    messages = [d.message for d in findings(read_docs([write(tmp_path, {"api/a.md": text})]))]
    assert "unknown annotation key 'apiVersion' (did you mean 'apiVersions'?)" in messages
    assert "unknown annotation key 'sektion' (did you mean 'section'?)" in messages


# --- the setting, the commands, --explain --------------------------------------------


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def settings_file(root: Path, value: str) -> None:
    (root / "docs2code.toml").write_text(f"convention = {value}\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("value", "expected"),
    [('"auto"', None), ('"graph"', Convention.GRAPH), ('"apidoctor"', Convention.APIDOCTOR)],
)
def test_the_convention_setting(tmp_path: Path, value: str, expected: Convention | None) -> None:
    settings_file(tmp_path, value)
    assert find_settings(tmp_path).convention is expected


def test_no_convention_setting_is_auto(tmp_path: Path) -> None:
    (tmp_path / "docs2code.toml").write_text('package = "x"\n', encoding="utf-8")
    assert find_settings(tmp_path).convention is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"apidocter"', "not 'apidocter'; did you mean 'apidoctor'?"),
        ('"OneDrive"', "not 'OneDrive'"),
        ("3", "not 3"),
    ],
)
def test_a_bad_convention_is_a_clear_error(tmp_path: Path, value: str, message: str) -> None:
    settings_file(tmp_path, value)
    with pytest.raises(SettingsError) as error:
        find_settings(tmp_path)
    assert str(error.value) == (
        f"{tmp_path / 'docs2code.toml'}: 'convention' must be one of 'auto', 'graph', "
        f"'apidoctor', {message}"
    )


def test_a_misspelt_convention_key_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "docs2code.toml").write_text('conventions = "graph"\n', encoding="utf-8")
    result = invoke("lint", apidoctor_set(tmp_path / "docs"))
    assert result.exit_code == 2
    assert "unknown key 'conventions' in the top level; did you mean 'convention'?" in (
        result.stderr
    )


@pytest.mark.parametrize(
    ("setting", "convention", "codes"),
    [
        (None, "apidoctor", ["DC106", "DC107"]),
        ('"auto"', "apidoctor", ["DC106", "DC107"]),
        ('"apidoctor"', "apidoctor", ["DC106", "DC107"]),
        ('"graph"', "graph", ["DC101", "DC101", "DC101", "DC101"]),
    ],
)
def test_the_commands_take_the_setting(
    tmp_path: Path, setting: str | None, convention: str, codes: list[str]
) -> None:
    if setting is not None:
        settings_file(tmp_path, setting)
    docs = apidoctor_set(tmp_path / "docs")
    result = invoke("lint", "--format", "json", "--select", "DC101,DC102,DC106,DC107", docs)
    assert result.exit_code == 1, result.output
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == codes
    model = invoke("model", docs)
    assert json.loads(model.stdout)["convention"] == convention


def test_explain_and_list_rules_name_the_convention() -> None:
    conventions = {
        "DC101": "graph",
        "DC102": "graph",
        "DC106": "apidoctor",
        "DC107": "apidoctor",
        "DC203": "both",
    }
    for code, convention in conventions.items():
        assert BY_CODE[code].convention == convention
        assert f"\nConvention: {convention}; runs " in invoke("lint", "--explain", code).stdout
    listed = invoke("lint", "--list-rules").stdout.splitlines()
    assert [line.split()[2] for line in listed] == [r.convention for r in RULES]
