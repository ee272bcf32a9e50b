"""Canonical command-line text and matching keys of values."""

import numpy as np
import pytest

from hypertuner.searchspace import canonical_key, render_value


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (3, "3"),
        (-7, "-7"),
        (12345678901234567890, "12345678901234567890"),
        (0.0001, "0.0001"),
        (0.00010000000000000002, "0.0001"),
        (10**-4, "0.0001"),
        (0.1 + 0.2, "0.3"),
        (1 / 3, "0.333333333333"),
        (1e-05, "1e-05"),
        (2.5e-7, "2.5e-07"),
        (1.0, "1.0"),
        (-0.0, "0.0"),
        (1e22, "1e+22"),
        (True, "true"),
        (False, "false"),
        (None, "none"),
        ("adam", "adam"),
        ("1; rm -rf ~", "1; rm -rf ~"),
        (np.float64(0.1) + np.float64(0.2), "0.3"),
        (np.int64(32), "32"),
        (np.bool_(True), "true"),
    ],
)
def test_render_value(value: object, text: str) -> None:
    assert render_value(value) == text


def test_render_value_refuses_containers() -> None:
    with pytest.raises(TypeError):
        render_value({"a": 1})


def test_canonical_key_sorts_names() -> None:
    assert canonical_key({"b": 1, "a": "x"}) == canonical_key({"a": "x", "b": 1})
    assert canonical_key({"b": 1, "a": "x"}) == '{"a":"x","b":1}'


def test_canonical_key_rounds_floats() -> None:
    assert canonical_key({"lr": 0.1 + 0.2}) == canonical_key({"lr": 0.3})
    assert canonical_key({"lr": 0.00010000000000000002}) == canonical_key({"lr": 1e-4})
    assert canonical_key({"lr": 0.3}) != canonical_key({"lr": 0.30001})


def test_canonical_key_matches_equal_numbers() -> None:
    assert canonical_key({"n": 32.0}) == canonical_key({"n": 32})
    assert canonical_key({"n": np.int64(32)}) == canonical_key({"n": 32})


def test_canonical_key_tells_types_apart() -> None:
    keys = {canonical_key({"v": value}) for value in (1, True, "1", None, "none", "true")}

    assert len(keys) == 6
