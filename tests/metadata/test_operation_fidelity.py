"""Operations against the service's CSDL (issue 23): the classifier and the figures on a
tiny doc set and schema, then the corpus's figures against the shared v1.0 CSDL
(generator/metadata/operations_fidelity.py; the report: docs/operation-fidelity.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.metadata.csdl import Metadata, TypeRef, parse_metadata, read_metadata
from generator.metadata.operations_fidelity import (
    TARGETS,
    Kind,
    OperationFidelity,
    classify,
    operation_fidelity,
    related,
)
from generator.model import Model
from generator.read import read_docs
from tests.read.graph_pages import api_page

SHARED = Path(__file__).resolve().parents[3] / "shared"
CSDL = SHARED / "metadata" / "graph-v1.0" / "cleanMetadata.xml"

SCHEMA = b"""<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="entity" Abstract="true">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="user" BaseType="graph.entity">
        <Property Name="displayName" Type="Edm.String" />
        <NavigationProperty Name="messages" Type="Collection(graph.message)" />
      </EntityType>
      <EntityType Name="specialUser" BaseType="graph.user" />
      <EntityType Name="message" BaseType="graph.entity">
        <Property Name="content" Type="Edm.Stream" />
      </EntityType>
      <Action Name="send" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.message" />
        <Parameter Name="comment" Type="Edm.String" />
        <Parameter Name="toRecipients" Type="Collection(Edm.String)" />
      </Action>
      <Action Name="copy" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.message" />
        <Parameter Name="destinationId" Type="Edm.String" />
        <ReturnType Type="graph.message" />
      </Action>
      <Function Name="delta" IsBound="true">
        <Parameter Name="bindingParameter" Type="Collection(graph.message)" />
        <ReturnType Type="Collection(graph.message)" />
      </Function>
      <EntityContainer Name="GraphService">
        <EntitySet Name="users" EntityType="graph.user" />
        <Singleton Name="me" Type="graph.user" />
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"""

METADATA = parse_metadata(SCHEMA, "tiny.xml")


def resource(name: str, base: str = "microsoft.graph.entity") -> str:
    return f"""---
title: "{name} resource type"
description: "A {name}."
doc_type: resourcePageType
---
# {name} resource type

Namespace: microsoft.graph

## Properties

|Property|Type|Description|
|:---|:---|:---|
|id|String|The id.|

## JSON representation

<!-- {{ "blockType": "resource", "@odata.type": "microsoft.graph.{name}",
       "baseType": "{base}" }} -->
```json
{{ "id": "String" }}
```
"""


def api(title: str, lines: str, body: str = "", response: str = "") -> str:
    return api_page(title, lines, response, body=body, description="An operation.")


def ok(what: str, collection: bool = False) -> str:
    said = f"a collection of [{what}](../resources/{what}.md) objects"
    if not collection:
        said = f"a [{what}](../resources/{what}.md) object"
    return f"If successful, this method returns `200 OK` and {said} in the response body."


TABLE = """|Parameter|Type|Description|
|:---|:---|:---|
|{0}|String|A parameter.|
"""

PAGES = {
    "user-list.md": api("List users", "GET /users", response=ok("user", collection=True)),
    # /me: a user, stated as a derived type: related
    "user-get.md": api("Get user", "GET /users/{id}\nGET /me", response=ok("specialUser")),
    # a collection stated as one message: stated, flag differs
    "message-delta.md": api("Delta", "GET /me/messages/delta()", response=ok("message")),
    "message-value.md": api("MIME", "GET /me/messages/{id}/$value\nGET /me/messages/{id}/content"),
    "people.md": api("People", "GET /people", response=ok("user")),
    "message-delete.md": api("Delete", "DELETE /me/messages/{id}"),
    "message-create.md": api(
        "Create message",
        "POST /me/messages\nPOST /users/{id}/messages",
        "Supply a JSON representation of a [message](../resources/message.md) object.",
    ),
    "user-create.md": api("Create user", "POST /users", TABLE.format("displayName")),
    "message-send.md": api("Send", "POST /me/messages/{id}/send", TABLE.format("comment")),
    "message-copy.md": api(
        "Copy", "POST /me/messages/{id}/copy", TABLE.format("destinationId"), ok("user")
    ),
}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Model:
    root = tmp_path_factory.mktemp("docs")
    (root / "resources").mkdir()
    (root / "api").mkdir()
    for name, base in (("user", ""), ("specialUser", "microsoft.graph.user"), ("message", "")):
        text = resource(name, base or "microsoft.graph.entity")
        (root / "resources" / f"{name}.md").write_text(text, encoding="utf-8")
    for name, text in PAGES.items():
        (root / "api" / name).write_text(text, encoding="utf-8")
    return read_docs([root])


def classes(model: Model) -> dict[str, tuple[Kind, TypeRef | None] | None]:
    found: dict[str, tuple[Kind, TypeRef | None] | None] = {}
    for op in model.operations:
        for variant in op.paths:
            w = classify(METADATA, op, variant)
            found[f"{op.method} {variant.template}"] = (w.kind, w.expected) if w else None
    return found


def test_each_path_is_classified_with_what_the_metadata_says(tiny: Model) -> None:
    message, user = "microsoft.graph.message", "microsoft.graph.user"
    assert classes(tiny) == {
        "GET /users": (Kind.GET, TypeRef(user, True)),
        "GET /users/{id}": (Kind.GET, TypeRef(user)),
        "GET /me": (Kind.GET, TypeRef(user)),
        "GET /me/messages/delta()": (Kind.GET, TypeRef(message, True)),
        "GET /me/messages/{id}/$value": None,  # raw content
        "GET /me/messages/{id}/content": None,  # a stream: raw content too
        "GET /people": None,  # the metadata cannot follow it
        "DELETE /me/messages/{id}": None,
        "POST /me/messages": (Kind.CREATE, TypeRef(message)),
        "POST /users/{id}/messages": (Kind.CREATE, TypeRef(message)),
        "POST /users": (Kind.CREATE, TypeRef(user)),
        "POST /me/messages/{id}/send": (Kind.ACTION, None),  # returns nothing
        "POST /me/messages/{id}/copy": (Kind.ACTION, TypeRef(message)),
    }


def test_the_figures_and_their_disagreements(tiny: Model) -> None:
    f = operation_fidelity(tiny, METADATA)
    assert (f.get_paths, f.create_paths, f.action_paths) == (4, 3, 2)
    counts = {x.key: (x.agreed, x.total) for x in f.figures}
    assert counts == {
        "get_stated": (4, 4),
        "get_collection": (4, 4),  # delta(): a collection, though stated as one message
        "get_related": (4, 4),  # specialUser for a user: derived, related
        "create_stated": (3, 3),  # /users: a table of a user's properties; it creates users
        "create_related": (3, 3),
        "action_parameters": (2, 3),  # send: toRecipients left out
        "action_return": (0, 1),  # copy: a user for a message
    }
    assert not f.figure("get_collection").disagreements
    (delta,) = (v.result for op in tiny.operations for v in op.paths if "delta" in v.template)
    assert delta is not None and (delta.collection, delta.delta) == (True, True)
    (send,) = f.figure("action_parameters").disagreements
    assert send.reason == "some parameters left out"
    assert send.metadata.endswith("missing: toRecipients")
    assert not f.figure("create_stated").disagreements
    assert ("POST create (body)", "the path's target in the doc set", 1) in f.sources
    (copy,) = f.figure("action_return").disagreements
    assert (copy.model, copy.reason) == (
        "microsoft.graph.user (Response section)",
        "unrelated type",
    )
    assert ("GET", "Response section", 4) in f.sources


def test_related_types_follow_the_metadata_inheritance() -> None:
    user, special = "microsoft.graph.user", "microsoft.graph.specialUser"
    assert related(METADATA, user, user)
    assert related(METADATA, special, user)  # derived
    assert related(METADATA, user, special)  # base
    assert related(METADATA, "microsoft.graph.entity", "MICROSOFT.GRAPH.MESSAGE")  # any case
    assert not related(METADATA, user, "microsoft.graph.message")
    assert not related(METADATA, "microsoft.graph.widget", user)
    assert related(METADATA, "Edm.String", "Edm.String")


# --- the corpus -------------------------------------------------------------------------------

# Measured on the shared v1.0 corpus read as one folder (docs/operation-fidelity.md); a
# change that lowers one by more than 0.005 is a regression to explain.
MEASURED = {
    "get_stated": 0.998,  # results decided per path (generator/read/results.py)
    "get_collection": 0.993,
    "get_related": 0.987,
    # What a call takes is decided once per path (generator/read/bodies.py): a create's
    # body is the type its path creates in the doc set, or a related type the page names;
    # an action's parameters are its table's rows, its example's keys, the names its
    # prose calls parameters, or the one key that wraps them.  The parameters still
    # missing (50) are not in the docs.
    "create_stated": 0.970,
    "create_related": 0.970,
    "action_parameters": 0.935,
    "action_return": 0.827,
}
# GET, POST creating an entity, bound action paths; 1,703 GET paths before a literal after
# a collection of complex values was no key (navigate.py: .../sort/fields/icon, 4 paths)
MEASURED_PATHS = (1699, 400, 560)


@pytest.fixture(scope="module")
def corpus(corpus_model: Model) -> OperationFidelity:
    if not CSDL.is_file():
        pytest.skip("no shared metadata next to the repository")
    metadata: Metadata = read_metadata(CSDL)
    return operation_fidelity(corpus_model, metadata)


def _print(f: OperationFidelity) -> None:
    print(f"[corpus] paths: {f.get_paths} GET, {f.create_paths} create, {f.action_paths} action")
    for x in f.figures:
        print(f"[corpus] {x.key}: {x.value:.4f} ({x.agreed}/{x.total})")


@pytest.mark.corpus
def test_corpus_operations_do_not_regress(corpus: OperationFidelity) -> None:
    _print(corpus)
    paths = (corpus.get_paths, corpus.create_paths, corpus.action_paths)
    assert all(abs(n - m) <= m * 0.1 for n, m in zip(paths, MEASURED_PATHS, strict=True)), paths
    below = {
        key: round(value, 4)
        for key, value in corpus.values.items()
        if value < MEASURED[key] - 0.005
    }
    assert not below, f"below today's figures (docs/operation-fidelity.md): {below}"


@pytest.mark.corpus
def test_corpus_operations_meet_issue_23(corpus: OperationFidelity) -> None:
    short = {key: round(value, 4) for key, value in corpus.values.items() if value < TARGETS[key]}
    assert not short, f"below issue 23's targets: {short}"
