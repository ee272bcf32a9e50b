"""Random, Latin hypercube and Sobol sampling: determinism and bounds."""

import math
import warnings

import pytest

from hypertuner.searchspace import Dimension, expand, parse_space, render_value

SAMPLERS = ["random", "lhs", "sobol"]


def number(value: object) -> float:
    assert isinstance(value, int | float)
    return value


def space() -> list[Dimension]:
    return parse_space(
        {
            "lr": {"from": 1e-4, "to": 1e-1, "count": 4, "scale": "log"},
            "batch_size": {"from": 16, "to": 128, "step": "*2"},
            "layers": {"from": 1, "to": 6, "step": 1},
            "dropout": {"from": 0.1, "to": 0.5, "step": 0.1},
            "optimizer": ["adam", "sgd", "rmsprop"],
        }
    )


@pytest.mark.parametrize("strategy", SAMPLERS)
def test_same_seed_gives_same_combinations(strategy: str) -> None:
    first = expand(space(), strategy, samples=25, seed=42)
    again = expand(space(), strategy, samples=25, seed=42)
    other = expand(space(), strategy, samples=25, seed=43)

    assert first == again
    assert first != other
    assert len(first) == 25


@pytest.mark.parametrize("strategy", SAMPLERS)
def test_samples_stay_within_bounds(strategy: str) -> None:
    combinations = expand(space(), strategy, samples=300, seed=1)

    for combination in combinations:
        assert 1e-4 <= number(combination["lr"]) <= 1e-1
        assert type(combination["batch_size"]) is int
        assert 16 <= number(combination["batch_size"]) <= 128
        assert combination["layers"] in range(1, 7)
        assert 0.1 <= number(combination["dropout"]) <= 0.5
        assert combination["optimizer"] in ("adam", "sgd", "rmsprop")

    assert {combination["optimizer"] for combination in combinations} == {
        "adam",
        "sgd",
        "rmsprop",
    }
    assert {combination["layers"] for combination in combinations} == set(range(1, 7))


@pytest.mark.parametrize("strategy", SAMPLERS)
def test_ranges_are_sampled_continuously(strategy: str) -> None:
    combinations = expand(space(), strategy, samples=64, seed=3)
    grid = {0.1, 0.2, 0.3, 0.4, 0.5}

    assert any(combination["dropout"] not in grid for combination in combinations)


@pytest.mark.parametrize("strategy", SAMPLERS)
def test_log_ranges_are_sampled_log_uniformly(strategy: str) -> None:
    combinations = expand(space(), strategy, samples=600, seed=5)
    below = sum(1 for combination in combinations if number(combination["lr"]) < 1e-3)

    # A third of the decades lies below 1e-3; a linear draw would put 0.9 % there.
    assert 0.25 < below / len(combinations) < 0.42


@pytest.mark.parametrize("strategy", SAMPLERS)
def test_sampled_floats_are_canonical(strategy: str) -> None:
    for combination in expand(space(), strategy, samples=50, seed=9):
        assert render_value(combination["lr"]) == repr(combination["lr"])
        assert len(repr(combination["dropout"]).lstrip("0.")) <= 12


def test_latin_hypercube_fills_every_stratum_once() -> None:
    dimensions = parse_space({"u": {"from": 0.0, "to": 1.0, "count": 2}})
    values = [combination["u"] for combination in expand(dimensions, "lhs", samples=20, seed=2)]

    assert sorted(math.floor(number(value) * 20) for value in values) == list(range(20))


@pytest.mark.parametrize("samples", [1, 7, 8, 100, 128])
def test_sobol_takes_any_sample_count_without_warnings(samples: int) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        combinations = expand(space(), "sobol", samples=samples, seed=0)

    assert len(combinations) == samples


def test_sobol_prefix_is_stable_across_counts() -> None:
    eight = expand(space(), "sobol", samples=8, seed=11)
    five = expand(space(), "sobol", samples=5, seed=11)

    assert eight[:5] == five


def test_samplers_without_parameters_give_empty_combinations() -> None:
    assert expand([], "lhs", samples=3, seed=0) == [{}, {}, {}]


def test_seedless_sampling_still_works() -> None:
    assert len(expand(space(), "random", samples=4)) == 4
