"""generator.jsontext writes the bytes json.dumps writes, a subtree at a time."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import jsontext

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(alphabet=st.characters(codec="utf-8"))
)
KEYS = st.text(alphabet=st.characters(codec="utf-8"), max_size=5) | st.sampled_from(
    ["a\nb", "\u2028", "é", '"', "\\"]
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(VALUES, st.sampled_from([1, 2, 4]), st.booleans(), st.booleans())
def test_the_text_is_json_dumps(value: Any, indent: int, sort: bool, ascii: bool) -> None:
    expected = json.dumps(value, indent=indent, sort_keys=sort, ensure_ascii=ascii)
    assert jsontext.dumps(value, indent, sort_keys=sort, ensure_ascii=ascii) == expected


def test_non_string_keys_and_tuples_as_json_dumps_writes_them() -> None:
    value = {"x": {1: (1, 2), 2.5: [], False: {}, None: {"a\nb": "c\u2028d"}}, "y": ()}
    for sort in (False, True):
        data = value if not sort else {"x": {"1": (1, 2), "2.5": []}, "y": ()}
        assert jsontext.dumps(data, 2, sort_keys=sort) == json.dumps(data, indent=2, sort_keys=sort)
