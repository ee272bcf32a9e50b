"""Explicit value lists and their inferred or declared types."""

from hypertuner.searchspace import Dimension, parse_space


def one(spec: object) -> Dimension:
    return parse_space({"x": spec})[0]


def test_list_of_floats() -> None:
    dimension = one([0.3, 0.5, 0.7])

    assert dimension.values == (0.3, 0.5, 0.7)
    assert (dimension.kind, dimension.type) == ("values", "float")
    assert (dimension.low, dimension.high, dimension.log) == (None, None, False)


def test_inferred_types() -> None:
    assert one([1, 2]).type == "int"
    assert one(["adam", "sgd"]).type == "categorical"
    assert one([True, False]).type == "bool"
    assert one([None, 3]).type == "categorical"
    assert one([1, "a", 2.5, None, True]).type == "categorical"


def test_float_list_makes_every_value_a_float() -> None:
    assert one([0, 0.5, 1]).values == (0.0, 0.5, 1.0)
    assert all(type(value) is float for value in one([0, 0.5, 1]).values)


def test_mixed_values_are_kept_as_written() -> None:
    assert one([None, 3]).values == (None, 3)
    assert one(["a", 1, True]).values == ("a", 1, True)


def test_values_object_with_declared_type() -> None:
    assert one({"values": [1, 2], "type": "float"}).values == (1.0, 2.0)
    assert one({"values": [1.0, 2], "type": "int"}).values == (1, 2)
    assert one({"values": [1, "a"], "type": "categorical"}).values == (1, "a")
    assert one({"values": [True], "type": "bool"}).type == "bool"


def test_values_object_without_type_infers_it() -> None:
    dimension = one({"values": ["adam", "sgd"]})

    assert (dimension.type, dimension.values) == ("categorical", ("adam", "sgd"))


def test_listed_floats_are_rounded_canonically() -> None:
    assert one([0.1 + 0.2, 0.00010000000000000002]).values == (0.3, 0.0001)


def test_parameters_keep_their_order() -> None:
    names = [dimension.name for dimension in parse_space({"b": [1], "a": [2], "c": [3]})]

    assert names == ["b", "a", "c"]


def test_empty_params_give_no_dimensions() -> None:
    assert parse_space({}) == []
