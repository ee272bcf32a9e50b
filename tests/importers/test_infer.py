"""Column types and suggested roles."""

from __future__ import annotations

import math

import pytest

from hypertuner.importers import ImportedTable, SourceRow, analyze
from hypertuner.importers.infer import convert, parse_cell, tokens


def _column(values: list[object], name: str = "x") -> tuple[str, str]:
    table = ImportedTable(
        "csv", ["t.csv"], [SourceRow({name: v}, "t.csv", i) for i, v in enumerate(values)]
    )
    [info] = analyze(table)
    return info.type, info.role


@pytest.mark.parametrize(
    ("raw", "kind", "value"),
    [
        ("42", "int", 42),
        ("-7", "int", -7),
        ("1000.0", "float", 1000.0),
        ("1e-4", "float", 1e-4),
        ("True", "bool", True),
        ("false", "bool", False),
        ("None", "na", "None"),
        ("n/a", "na", "n/a"),
        ("1_000", "text", "1_000"),
        ("(256,)", "text", "(256,)"),
        ("  adam ", "text", "adam"),
        ("", "empty", None),
        (None, "empty", None),
        (3.5, "float", 3.5),
        ([256, 256], "text", "[256, 256]"),
    ],
)
def test_cells(raw: object, kind: str, value: object) -> None:
    assert parse_cell(raw) == (kind, value)


def test_nan_and_infinity_are_numbers() -> None:
    kind, value = parse_cell("NaN")
    assert kind == "float" and isinstance(value, float) and math.isnan(value)
    assert parse_cell("-inf") == ("float", -math.inf)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["1", "2", "3"], ("int", "hyperparameter")),
        (["1000.0", "250.0", ""], ("int", "hyperparameter")),
        (["0.1", "0.25", "NaN"], ("float", "hyperparameter")),
        (["True", "False", ""], ("bool", "hyperparameter")),
        (["32", "64", "(256,)"], ("categorical", "hyperparameter")),
        (["None", "Scaler", "None"], ("categorical", "hyperparameter")),
        (["5", "None", "7"], ("int", "hyperparameter")),
        (["True", "1"], ("categorical", "hyperparameter")),
        (["", ""], ("empty", "ignore")),
        (["a long sentence about what happened in this run", "x" * 130], ("text", "ignore")),
        ([0.0, 1.0], ("float", "hyperparameter")),
    ],
)
def test_column_types(values: list[object], expected: tuple[str, str]) -> None:
    assert _column(values) == expected


@pytest.mark.parametrize(
    ("name", "values", "role"),
    [
        ("val_accuracy", ["0.5", "0.6"], "metric"),
        ("valLoss", ["0.5", "0.6"], "metric"),
        ("train_batch_size", ["32", "64"], "hyperparameter"),
        ("trial_id", ["a", "b"], "id"),
        ("trial_id", ["a", "a"], "hyperparameter"),
        ("status", ["ok", "failed"], "status"),
        ("notes", ["short", "other"], "ignore"),
        ("started_at", ["2024-01-01", "2024-01-02"], "start_time"),
    ],
)
def test_suggested_roles(name: str, values: list[object], role: str) -> None:
    assert _column(values, name)[1] == role


def test_tokens_split_names_into_words() -> None:
    assert tokens("val_accuracy") == {"val", "accuracy"}
    assert tokens("episodeRewardMean") == {"episode", "reward", "mean"}


def test_a_value_that_does_not_fit_is_an_error() -> None:
    assert convert("1000.0", "int") == 1000
    assert convert("adam", "categorical") == "adam"
    assert convert("None", "float") is None
    with pytest.raises(ValueError, match="whole number"):
        convert("2.5", "int")
    with pytest.raises(ValueError, match="not a number"):
        convert("(256,)", "float")
    with pytest.raises(ValueError, match="true or false"):
        convert("1", "bool")
