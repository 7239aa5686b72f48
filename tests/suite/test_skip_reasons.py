"""The generated tests word their skip reasons from what the reader recorded on the
request line (ExampleRequest.defects), less what the page suppresses, as lint would."""

from __future__ import annotations

from pathlib import Path

from generator.suite.render import plan_cases
from tests.read.test_request_lines import page, read, request


def test_a_request_line_defect_skips_unless_suppressed(tmp_path: Path) -> None:
    examples = (
        request("GET /me/drive/items/42/children", "a")
        + "<!-- docs2code: ignore[DC301] -->\n"
        + request("GET /me/drive/items/43/children", "b")
        + request("GET https://graph.microsoft.com/v1.0/me/drive/items/44", "c")
        + request("PUT https://upload.contoso.com/up/1", "d")  # the API is the host used first
    )
    _, data, counts = plan_cases(read(tmp_path, page("GET /me/drive/items/{id}", examples)))
    skips = [(ex["line"], ex["skip"]) for ex in data.values()]
    assert skips == [
        (
            18,
            "the linter reports the request line: DC301 example GET "
            "'/me/drive/items/42/children' matches no declared path; "
            "nearest: '/me/drive/items/{id}' (line 9)",
        ),
        (27, None),  # DC301 suppressed: sent through client.request
        (35, None),
        (
            43,
            "the request goes to https://upload.contoso.com, not to the API "
            "(an upload URL or callback)",
        ),
    ]
    assert (counts.lint, counts.client_request, counts.foreign, counts.builder) == (1, 1, 1, 1)
