"""Every spec `parse_space` refuses, and the field each error names."""

import math

import pytest

from hypertuner.searchspace import InvalidSearchSpace, parse_space

REJECTED = [
    # step kinds
    ({"from": 1, "to": 10, "step": 0}, "params.x.step", "zero"),
    ({"from": 1, "to": 10, "step": -1}, "params.x.step", "positive"),
    ({"from": 1, "to": 10, "step": "*1"}, "params.x.step", "greater than 1"),
    ({"from": 1, "to": 10, "step": "*0.5"}, "params.x.step", "greater than 1"),
    ({"from": 1, "to": 10, "step": "x-2"}, "params.x.step", "greater than 1"),
    ({"from": 1, "to": 10, "step": "*abc"}, "params.x.step", "factor such as"),
    ({"from": 1, "to": 10, "step": "two"}, "params.x.step", "factor such as"),
    ({"from": 1, "to": 10, "step": [1]}, "params.x.step", "number"),
    # order and signs
    ({"from": 10, "to": 1, "step": 1}, "params.x.from", "above 'to'"),
    ({"from": 10, "to": 1, "count": 3}, "params.x.from", "above 'to'"),
    ({"from": 128, "to": 16, "step": "*2"}, "params.x.from", "above 'to'"),
    ({"from": 0, "to": 1, "count": 3, "scale": "log"}, "params.x.from", "above zero"),
    ({"from": -1, "to": 1, "count": 3, "scale": "log"}, "params.x.from", "above zero"),
    ({"from": -5, "to": -1, "count": 3, "scale": "log"}, "params.x.from", "above zero"),
    ({"from": 0, "to": 8, "step": "*2"}, "params.x.from", "above zero"),
    ({"from": -8, "to": 8, "step": "*2"}, "params.x.from", "above zero"),
    # count
    ({"from": 0, "to": 1, "count": 0}, "params.x.count", "at least 1"),
    ({"from": 0, "to": 1, "count": -2}, "params.x.count", "at least 1"),
    ({"from": 0, "to": 1, "count": 2.5}, "params.x.count", "whole number"),
    ({"from": 0, "to": 1, "count": True}, "params.x.count", "whole number"),
    ({"from": 1, "to": 1, "count": 3, "scale": "log"}, "params.x.count", "equal"),
    # step, count, scale and type together
    ({"from": 0, "to": 1, "step": 0.1, "count": 3}, "params.x", "not both"),
    ({"from": 0, "to": 1}, "params.x", "'step' or 'count'"),
    ({"from": 1, "to": 10, "step": 1, "scale": "log"}, "params.x.scale", "count"),
    ({"from": 1, "to": 8, "step": "*2", "scale": "linear"}, "params.x.scale", "factor"),
    ({"from": 1, "to": 8, "count": 2, "scale": "cubic"}, "params.x.scale", "'log'"),
    ({"from": 1, "to": 8, "step": 1, "type": "categorical"}, "params.x.type", "'int'"),
    ({"from": 0.5, "to": 8, "step": 1, "type": "int"}, "params.x.type", "whole-number"),
    # keys and numbers
    ({"from": 1, "to": 10, "step": 1, "stpe": 2}, "params.x.stpe", "unknown key"),
    ({"values": [1, 2], "kind": "x"}, "params.x.kind", "unknown key"),
    ({"values": [1], "from": 1}, "params.x.from", "unknown key"),
    ({"from": "abc", "to": 10, "step": 1}, "params.x.from", "number"),
    ({"from": 1, "to": None, "step": 1}, "params.x.to", "number"),
    ({"from": True, "to": 10, "step": 1}, "params.x.from", "number"),
    ({"from": 1, "to": math.inf, "step": 1}, "params.x.to", "finite"),
    ({"from": "nan", "to": 1, "step": 1}, "params.x.from", "finite"),
    ({"to": 10, "step": 1}, "params.x.from", "required"),
    ({"from": 1, "step": 1}, "params.x.to", "required"),
    # lists
    ([], "params.x", "at least one value"),
    ({"values": []}, "params.x.values", "at least one value"),
    ({"values": 3}, "params.x.values", "list"),
    ({"values": [1, 0.5], "type": "int"}, "params.x.values[1]", "int"),
    ({"values": ["a"], "type": "float"}, "params.x.values[0]", "float"),
    ({"values": [1], "type": "bool"}, "params.x.values[0]", "bool"),
    ({"values": [1], "type": "text"}, "params.x.type", "'categorical'"),
    ([{"a": 1}], "params.x[0]", "numbers, strings"),
    ([[1, 2]], "params.x[0]", "numbers, strings"),
    ([1.0, math.nan], "params.x[1]", "numbers, strings"),
    ([1, 1.0], "params.x", "more than once"),
    (["a", "b", "a"], "params.x", "more than once"),
    # neither a list nor an object
    (5, "params.x", "[5]"),
    ("adam", "params.x", "a list of values"),
]


@pytest.mark.parametrize(("spec", "field", "fragment"), REJECTED)
def test_rejected_spec_names_its_field(spec: object, field: str, fragment: str) -> None:
    with pytest.raises(InvalidSearchSpace) as error:
        parse_space({"x": spec})

    assert error.value.field == field
    assert fragment in error.value.message
    assert str(error.value) == f"{field}: {error.value.message}"


@pytest.mark.parametrize("name", ["1x", "my-param", "a b", "", "lr.max", "λ"])
def test_names_must_be_identifiers(name: str) -> None:
    with pytest.raises(InvalidSearchSpace) as error:
        parse_space({name: [1]})

    assert error.value.field == "params"
    assert repr(name) in error.value.message


def test_params_must_be_a_mapping() -> None:
    with pytest.raises(InvalidSearchSpace) as error:
        parse_space([1, 2])  # type: ignore[arg-type]

    assert error.value.field == "params"


def test_both_orders_of_a_bad_step_name_the_step() -> None:
    with pytest.raises(InvalidSearchSpace) as error:
        parse_space({"lr": {"from": 0.1, "to": 0.5, "step": -0.1}})

    assert error.value.field == "params.lr.step"


def test_a_range_too_dense_to_count_is_refused() -> None:
    with pytest.raises(InvalidSearchSpace) as error:
        parse_space({"x": {"from": 0, "to": 1, "step": 1e-300}})

    assert error.value.field == "params.x.step"
