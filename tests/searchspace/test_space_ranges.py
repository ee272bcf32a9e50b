"""Range specs: every step kind, type defaults, canonical float steps."""

import yaml

from hypertuner.searchspace import Dimension, count, parse_space, render_value


def one(spec: object) -> Dimension:
    return parse_space({"x": spec})[0]


def test_linear_int_range_includes_to() -> None:
    dimension = one({"from": 32, "to": 128, "step": 16})

    assert list(dimension.values) == [32, 48, 64, 80, 96, 112, 128]
    assert (dimension.kind, dimension.type, dimension.log) == ("linear", "int", False)
    assert all(type(value) is int for value in dimension.values)
    assert (dimension.low, dimension.high) == (32, 128)


def test_linear_range_never_overshoots() -> None:
    assert list(one({"from": 0, "to": 10, "step": 3}).values) == [0, 3, 6, 9]
    assert list(one({"from": 0, "to": 1, "step": 0.4}).values) == [0.0, 0.4, 0.8]


def test_linear_float_range_lands_on_to_within_tolerance() -> None:
    assert list(one({"from": 0, "to": 0.3, "step": 0.1}).values) == [0.0, 0.1, 0.2, 0.3]
    values = list(one({"from": 0, "to": 1, "step": 0.1}).values)

    assert values == [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
    assert one({"from": 0, "to": 1, "step": 0.1}).type == "float"


def test_float_steps_do_not_accumulate_error() -> None:
    dimension = one({"from": 0, "to": 100, "step": 0.01})

    assert dimension.size == 10_001
    assert dimension.values[-1] == 100.0
    assert dimension.values[7_777] == 77.77
    assert all(len(render_value(value)) <= 6 for value in dimension.values)


def test_from_equal_to_gives_one_value() -> None:
    assert list(one({"from": 5, "to": 5, "step": 1}).values) == [5]
    assert list(one({"from": 0.5, "to": 0.5, "count": 1}).values) == [0.5]


def test_multiplicative_range_with_star_or_x() -> None:
    star = one({"from": 16, "to": 128, "step": "*2"})
    ex = one({"from": 16, "to": 128, "step": "x2"})

    assert list(star.values) == [16, 32, 64, 128]
    assert list(ex.values) == [16, 32, 64, 128]
    assert (star.kind, star.type, star.log) == ("multiplicative", "int", True)


def test_multiplicative_range_other_factors() -> None:
    assert list(one({"from": 1, "to": 1000, "step": "*10"}).values) == [
        1,
        10,
        100,
        1000,
    ]
    assert list(one({"from": 16, "to": 100, "step": "*2"}).values) == [16, 32, 64]
    half = one({"from": 1, "to": 4, "step": "*1.5"})

    assert list(half.values) == [1.0, 1.5, 2.25, 3.375]
    assert half.type == "float"


def test_multiplicative_float_range_lands_on_to() -> None:
    values = list(one({"from": 0.001, "to": 1, "step": "*10"}).values)

    assert values == [0.001, 0.01, 0.1, 1.0]


def test_log_range_is_exact_at_twelve_digits() -> None:
    dimension = one({"from": 1e-4, "to": 1e-1, "count": 4, "scale": "log"})

    assert list(dimension.values) == [0.0001, 0.001, 0.01, 0.1]
    assert [render_value(value) for value in dimension.values] == [
        "0.0001",
        "0.001",
        "0.01",
        "0.1",
    ]
    assert (dimension.kind, dimension.type, dimension.log) == ("log", "float", True)


def test_log_int_range_rounds_and_drops_repeats() -> None:
    values = list(one({"from": 1, "to": 10, "count": 20, "scale": "log", "type": "int"}).values)

    ints = [value for value in values if type(value) is int]

    assert ints == values
    assert ints == sorted(set(ints))
    assert ints[0] == 1 and ints[-1] == 10


def test_linspace_floats_and_ints() -> None:
    floats = one({"from": 0, "to": 1, "count": 5})
    ints = one({"from": 0, "to": 100, "count": 11})

    assert list(floats.values) == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert (floats.kind, floats.type) == ("linspace", "float")
    assert list(ints.values) == list(range(0, 101, 10))
    assert ints.type == "int"


def test_linspace_single_point_is_from() -> None:
    assert list(one({"from": 2, "to": 9, "count": 1}).values) == [2]


def test_declared_types_convert_range_values() -> None:
    floats = one({"from": 1, "to": 3, "step": 1, "type": "float"})
    ints = one({"from": 0, "to": 3, "step": 0.5, "type": "int"})

    assert list(floats.values) == [1.0, 2.0, 3.0]
    assert all(type(value) is float for value in floats.values)
    assert list(ints.values) == [0, 1, 2, 3]
    assert one({"from": 0, "to": 10, "count": 4, "type": "int"}).values == (0, 3, 7, 10)


def test_linear_scale_may_be_spelled_out() -> None:
    dimension = one({"from": 0, "to": 1, "count": 3, "scale": "linear"})

    assert list(dimension.values) == [0.0, 0.5, 1.0]


def test_numbers_written_as_text_are_read() -> None:
    # PyYAML reads `1e-4` without a dot as a string.
    params = yaml.safe_load("lr: {from: 1e-4, to: 1e-2, count: 3, scale: log}")

    assert list(parse_space(params)[0].values) == [0.0001, 0.001, 0.01]


def test_yaml_spec_with_every_form() -> None:
    text = """
    batch_size: {from: 16, to: 128, step: "*2"}
    dropout: [0.3, 0.5]
    optimizer: {values: [adam, sgd], type: categorical}
    """
    dimensions = parse_space(yaml.safe_load(text))

    assert [dimension.name for dimension in dimensions] == [
        "batch_size",
        "dropout",
        "optimizer",
    ]
    assert count(dimensions, "grid", None) == 16


def test_huge_range_is_not_materialised() -> None:
    dimension = one({"from": 0, "to": 10**12, "step": 1})

    assert dimension.size == 10**12 + 1
    assert dimension.values[-1] == 10**12
    assert dimension.values[123_456_789] == 123_456_789
    assert list(dimension.values[:3]) == [0, 1, 2]
