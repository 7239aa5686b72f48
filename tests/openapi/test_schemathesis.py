"""Schemathesis against the generated stub server for input_docs, in process over ASGI:
every operation of ``generated/openapi.json`` with requests generated from its schemas
(fixed seed, a few examples each), and the stub's answers checked against the export.

What the stub does not do is switched off here by name, each with its reason, instead of
being skipped:

* ``ignored_auth``: the stub has no authentication (it is a mock; ``serve`` warns when
  it listens beyond loopback), so a request without a token is answered like any other.
* ``content_type_conformance``: the stub answers with the documented body and the
  documented headers only, and the docs' examples rarely show a ``Content-Type``.
* ``positive_data_acceptance`` and ``negative_data_rejection``: the stub answers by
  path and method; it validates no parameter and checks a JSON body only for property
  names, so it neither rejects every invalid request nor accepts every valid one.
* ``unsupported_method``: a path with a method not documented is answered 405 with
  ``Allow``, as the service does, but the stub does not hold every route's methods.
* ``use_after_free``, ``ensure_resource_availability``: stateful checks of resources
  that the stateless stub keeps no state of.
"""

from __future__ import annotations

import atexit
import json
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import hypothesis
import pytest
import schemathesis
from schemathesis import checks
from schemathesis.core.failures import FailureGroup

from tests.packages import imported

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "generated"
SEED = 20240614
MAX_EXAMPLES = 5

schema = schemathesis.openapi.from_dict(
    json.loads((GENERATED / "openapi.json").read_text(encoding="utf-8"))
)

NOT_SUPPORTED_BY_THE_STUB = [
    checks.ignored_auth,
    checks.content_type_conformance,
    checks.positive_data_acceptance,
    checks.negative_data_rejection,
    checks.unsupported_method,
    checks.use_after_free,
    checks.ensure_resource_availability,
]
CHECKED = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
]


# The stub app, imported while the tests of this module are collected and run.
_imports = ExitStack()
schema.app = _imports.enter_context(imported("docs2code_stubs.app", GENERATED / "stubs")).app
atexit.register(_imports.close)  # when this module's tests were deselected (-m corpus)


@pytest.fixture(scope="module", autouse=True)
def _forget_the_stub() -> Iterator[None]:
    yield
    _imports.close()


@schema.parametrize()
@hypothesis.settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(hypothesis.HealthCheck),
)
@hypothesis.seed(SEED)
def test_stub_conforms_to_the_export(case: schemathesis.Case) -> None:
    case.call_and_validate(
        checks=CHECKED,
        excluded_checks=NOT_SUPPORTED_BY_THE_STUB,
    )


def test_the_checks_bite() -> None:
    """The same checks fail when the export and the stub disagree: a required property
    no documented example has."""
    broken = json.loads((GENERATED / "openapi.json").read_text(encoding="utf-8"))
    item = broken["components"]["schemas"]["microsoft.graph.driveItemVersion"]["allOf"][1]
    item["required"] = ["notDocumented"]
    other = schemathesis.openapi.from_dict(broken)
    other.app = schema.app
    case = other["/me/drive/items/{item-id}/versions"]["GET"].Case(
        path_parameters={"item-id": "x"}
    )
    with pytest.raises(FailureGroup, match="notDocumented"):
        case.call_and_validate(checks=CHECKED, excluded_checks=NOT_SUPPORTED_BY_THE_STUB)
