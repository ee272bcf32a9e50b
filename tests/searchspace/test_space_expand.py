"""Grid expansion, counting, strategy checks and the large-grid confirmation."""

import time

import pytest

from hypertuner.searchspace import (
    InvalidSearchSpace,
    LargeGridNeedsConfirmation,
    count,
    expand,
    parse_space,
)


def test_grid_varies_the_first_parameter_slowest() -> None:
    dimensions = parse_space({"a": [1, 2], "b": ["x", "y", "z"]})

    assert expand(dimensions) == [
        {"a": 1, "b": "x"},
        {"a": 1, "b": "y"},
        {"a": 1, "b": "z"},
        {"a": 2, "b": "x"},
        {"a": 2, "b": "y"},
        {"a": 2, "b": "z"},
    ]


def test_grid_of_the_documented_example() -> None:
    dimensions = parse_space(
        {
            "batch_size": {"from": 16, "to": 128, "step": "*2"},
            "lr": {"from": 1e-4, "to": 1e-1, "count": 4, "scale": "log"},
            "dropout": [0.3, 0.5],
        }
    )
    combinations = expand(dimensions, "grid")

    assert len(combinations) == count(dimensions, "grid", None) == 32
    assert combinations[0] == {"batch_size": 16, "lr": 0.0001, "dropout": 0.3}
    assert combinations[-1] == {"batch_size": 128, "lr": 0.1, "dropout": 0.5}


def test_no_parameters_give_one_empty_combination() -> None:
    assert expand([]) == [{}]
    assert count([], "grid", None) == 1


def test_count_does_not_materialise_a_huge_grid() -> None:
    dimensions = parse_space(
        {
            "a": {"from": 0, "to": 10**9, "step": 1},
            "b": {"from": 0, "to": 1, "step": 1e-6},
            "c": ["x", "y"],
        }
    )
    started = time.perf_counter()

    assert count(dimensions, "grid", None) == (10**9 + 1) * (10**6 + 1) * 2
    assert time.perf_counter() - started < 1.0


def test_count_of_samplers_is_the_sample_count() -> None:
    dimensions = parse_space({"a": {"from": 0, "to": 10**9, "step": 1}})

    for strategy in ("random", "lhs", "sobol"):
        assert count(dimensions, strategy, 7) == 7


def test_grid_above_ten_thousand_needs_confirmation() -> None:
    dimensions = parse_space({"a": list(range(101)), "b": list(range(100))})

    with pytest.raises(LargeGridNeedsConfirmation) as error:
        expand(dimensions, "grid")

    assert isinstance(error.value, InvalidSearchSpace)
    assert error.value.field == "confirm_large"
    assert "10,100" in error.value.message
    assert error.value.count == 10_100


def test_confirmed_large_grid_expands() -> None:
    dimensions = parse_space({"a": list(range(101)), "b": list(range(100))})

    assert len(expand(dimensions, "grid", confirm_large=True)) == 10_100


def test_grid_of_exactly_ten_thousand_needs_no_confirmation() -> None:
    dimensions = parse_space({"a": list(range(100)), "b": list(range(100))})

    assert len(expand(dimensions, "grid")) == 10_000


def test_grid_beyond_any_launch_is_refused_even_when_confirmed() -> None:
    dimensions = parse_space({"a": {"from": 0, "to": 10**7, "step": 1}})

    with pytest.raises(InvalidSearchSpace) as error:
        expand(dimensions, "grid", confirm_large=True)

    assert error.value.field == "params"
    assert not isinstance(error.value, LargeGridNeedsConfirmation)


def test_large_sample_counts_need_no_confirmation() -> None:
    dimensions = parse_space({"a": [1, 2]})

    assert len(expand(dimensions, "random", samples=20_000, seed=0)) == 20_000


def test_unknown_strategy() -> None:
    dimensions = parse_space({"a": [1, 2]})

    with pytest.raises(InvalidSearchSpace) as error:
        expand(dimensions, "bayes")
    with pytest.raises(InvalidSearchSpace) as counting_error:
        count(dimensions, "bayes", 3)

    assert error.value.field == counting_error.value.field == "strategy"
    assert "'bayes'" in error.value.message


@pytest.mark.parametrize("strategy", ["random", "lhs", "sobol"])
@pytest.mark.parametrize("samples", [None, 0, -3, True, 2.5, 2_000_000])
def test_samplers_need_a_sample_count(strategy: str, samples: object) -> None:
    dimensions = parse_space({"a": [1, 2]})

    with pytest.raises(InvalidSearchSpace) as error:
        expand(dimensions, strategy, samples=samples)  # type: ignore[arg-type]

    assert error.value.field == "samples"


@pytest.mark.parametrize("seed", [-1, True, 1.5, "7"])
def test_seed_must_be_a_non_negative_int(seed: object) -> None:
    dimensions = parse_space({"a": [1, 2]})

    with pytest.raises(InvalidSearchSpace) as error:
        expand(dimensions, "random", samples=3, seed=seed)  # type: ignore[arg-type]

    assert error.value.field == "seed"


def test_grid_ignores_samples() -> None:
    dimensions = parse_space({"a": [1, 2]})

    assert expand(dimensions, "grid", samples=50) == [{"a": 1}, {"a": 2}]
