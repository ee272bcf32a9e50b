"""Chart specs of the built-in artifact kinds: good ones pass, bad ones name the bad field."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hypertuner import charts

DOCS = Path(__file__).resolve().parents[2] / "docs" / "charts.md"


def _documented_examples() -> list[tuple[str, dict[str, object]]]:
    """Every example of docs/charts.md: a `### kind` heading, then a JSON block."""
    text = DOCS.read_text()
    found = re.findall(r"^### `(\w+)`.*?```json\n(.*?)```", text, re.MULTILINE | re.DOTALL)
    return [(kind, json.loads(block)) for kind, block in found]


def test_the_documentation_shows_every_kind() -> None:
    assert {kind for kind, _ in _documented_examples()} == set(charts.BUILT_IN_KINDS)


@pytest.mark.parametrize(("kind", "spec"), _documented_examples())
def test_the_documented_examples_are_valid(kind: str, spec: dict[str, object]) -> None:
    charts.validate(kind, spec)


def test_the_digits_confusion_matrix_and_plain_tables_are_valid() -> None:
    digits = {
        "labels": [str(label) for label in range(3)],
        "matrix": [[5, 1, 0], [0, 6, 0], [2, 0, 4]],
        "normalize": False,
        "examples": {"0,1": [{"id": 17, "pixels": [0, 16, 3, 9]}], "2,0": []},
        "image_shape": [2, 2],
        "epoch": 3,
    }
    charts.validate("confusion_matrix", digits)
    charts.validate("table", {"rows": []})
    charts.validate("table", {"rows": [[1, "a", None, True]]})


def test_other_kinds_pass_untouched() -> None:
    charts.validate("model_card", ["anything", {"goes": 1}])


@pytest.mark.parametrize(
    ("kind", "spec", "path", "message"),
    [
        ("line", {"series": [{"name": "a", "x": [1, 2], "y": [1]}]}, ("series", 0, "y"), "got 1"),
        ("line", {"series": [{"name": "a", "x": [1], "y": ["high"]}]}, ("series", 0, "y", 0), ""),
        ("line", {"series": [], "x_label": "k"}, ("series",), ""),
        ("line", {"serie": []}, ("series",), "required"),
        ("line", {"series": [{"name": "a", "x": [True], "y": [1]}]}, ("series", 0, "x", 0), ""),
        (
            "bar",
            {"categories": ["a"], "series": [{"name": "s", "values": []}]},
            ("series", 0, "values"),
            "",
        ),
        (
            "scatter",
            {"series": [{"name": "s", "x": [1], "y": [1], "sizes": [-1]}]},
            ("series", 0, "sizes", 0),
            "negative",
        ),
        ("heatmap", {"x_labels": [1], "y_labels": [1, 2], "values": [[0]]}, ("values",), "got 1"),
        (
            "image_grid",
            {"images": [{"pixels": [1, 2]}], "image_shape": [2, 2]},
            ("images", 0, "pixels"),
            "got 2",
        ),
        (
            "image_grid",
            {"images": [{"pixels": [1]}], "image_shape": [1, 1, 2]},
            ("image_shape",),
            "channels",
        ),
        ("confusion_matrix", {"labels": ["a", "b"], "matrix": [[1, 2]]}, ("matrix",), "got 1"),
        (
            "confusion_matrix",
            {"labels": ["a"], "matrix": [[1]], "examples": {"0,1": []}},
            ("examples", "0,1"),
            "row,column",
        ),
        (
            "confusion_matrix",
            {"labels": ["a"], "matrix": [[1]], "examples": {"0,0": [{"pixels": [1]}]}},
            ("examples", "0,0", 0, "pixels"),
            "image_shape",
        ),
        ("table", {"columns": ["a", "b"], "rows": [[1]]}, ("rows", 0), "got 1"),
        ("table", {"rows": [[{"nested": 1}]]}, ("rows", 0, 0), "boolean or null"),
        ("table", [], (), "JSON object"),
    ],
)
def test_bad_specs_name_the_field(
    kind: str, spec: object, path: tuple[str | int, ...], message: str
) -> None:
    with pytest.raises(charts.ChartError) as caught:
        charts.validate(kind, spec)
    assert caught.value.path == path
    assert message in caught.value.message
