"""The declarative spec of each built-in chart kind (docs/charts.md describes them).

Pydantic checks types and shapes; `check()` checks what ties fields together (a square
matrix, series of equal length), naming the offending item by its path.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from hypertuner.charts.values import Cell, Count, Label, Number, Value

MAX_ITEMS = 1_000_000
Path = tuple[str | int, ...]
Scale = Literal["linear", "log"]


class ChartError(ValueError):
    """A spec that parses but does not hang together; `path` locates the problem."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


class _Spec(BaseModel):
    """Fields every kind accepts; unknown fields are refused so a typo is not silently lost."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, max_length=500)
    description: str | None = Field(default=None, max_length=10_000)
    epoch: int | None = Field(default=None, description="The epoch this chart belongs to")
    step: int | None = None
    meta: dict[str, object] | None = Field(default=None, description="Free-form, not drawn")

    def check(self) -> None:
        """Cross-field checks; the default has none."""


def _same_length(path: Path, items: Sequence[object], expected: int, what: str) -> None:
    if len(items) != expected:
        raise ChartError(path, f"expected {expected} items ({what}), got {len(items)}")


def _pixels(path: Path, pixels: Sequence[float], shape: Sequence[int] | None) -> None:
    if shape is None:
        raise ChartError(path, "image pixels need an image_shape")
    _same_length(path, pixels, math.prod(shape), f"image_shape {list(shape)}")


class Annotation(BaseModel):
    """A marker line at `x` (vertical) or `y` (horizontal), with a label."""

    model_config = ConfigDict(extra="forbid")

    x: Number | None = None
    y: Number | None = None
    label: str = Field(default="", max_length=500)


class Example(BaseModel):
    """One example behind a confusion-matrix cell: its id, image pixels and a caption."""

    model_config = ConfigDict(extra="forbid")

    id: int | str | None = None
    pixels: list[Number] | None = Field(default=None, max_length=MAX_ITEMS)
    caption: str | None = Field(default=None, max_length=500)


ImageShape = list[int]


def _check_shape(path: Path, shape: ImageShape | None) -> None:
    if shape is None:
        return
    if len(shape) not in (2, 3) or any(side < 1 for side in shape):
        raise ChartError(path, "must be [height, width] or [height, width, channels], all >= 1")
    if len(shape) == 3 and shape[2] not in (1, 3, 4):
        raise ChartError(path, "channels must be 1, 3 or 4")


def _check_range(path: Path, bounds: list[Number] | None) -> None:
    if bounds is not None and (len(bounds) != 2 or not bounds[0] < bounds[1]):
        raise ChartError(path, "must be [low, high] with low < high")


class ConfusionMatrixSpec(_Spec):
    """Counts (or shares) of true label (row) against predicted label (column)."""

    labels: list[Label] = Field(min_length=1, max_length=1000)
    matrix: list[list[Count]] = Field(min_length=1, max_length=1000)
    normalize: bool | Literal["true", "pred", "all"] = False
    examples: dict[str, list[Example]] | None = Field(
        default=None, description='Examples per cell, keyed "row,column" (0-based)'
    )
    image_shape: ImageShape | None = None
    pixel_range: list[Number] | None = None

    def check(self) -> None:
        size = len(self.labels)
        _same_length(("matrix",), self.matrix, size, "one row per label")
        for row_index, row in enumerate(self.matrix):
            _same_length(("matrix", row_index), row, size, "one column per label")
        _check_shape(("image_shape",), self.image_shape)
        _check_range(("pixel_range",), self.pixel_range)
        for key, examples in (self.examples or {}).items():
            _check_cell_key(("examples", key), key, size)
            for index, example in enumerate(examples):
                if example.pixels is not None:
                    path = ("examples", key, index, "pixels")
                    _pixels(path, example.pixels, self.image_shape)


def _check_cell_key(path: Path, key: str, size: int) -> None:
    parts = key.split(",")
    valid = len(parts) == 2 and all(part.strip().isdigit() for part in parts)
    if not valid or any(int(part) >= size for part in parts):
        raise ChartError(path, f'must be "row,column" with both below {size}')


class LineSeries(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    x: list[Number] = Field(max_length=MAX_ITEMS)
    y: list[Value] = Field(max_length=MAX_ITEMS)


class LineSpec(_Spec):
    """Curves of y against numeric x, one per series; markers via `annotations`."""

    series: list[LineSeries] = Field(min_length=1, max_length=100)
    x_label: str | None = Field(default=None, max_length=200)
    y_label: str | None = Field(default=None, max_length=200)
    x_scale: Scale = "linear"
    y_scale: Scale = "linear"
    annotations: list[Annotation] = Field(default_factory=list, max_length=100)

    def check(self) -> None:
        for index, series in enumerate(self.series):
            _same_length(("series", index, "y"), series.y, len(series.x), "one y per x")


class BarSeries(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    values: list[Value] = Field(max_length=MAX_ITEMS)


class BarSpec(_Spec):
    """One bar per category in each series, side by side or stacked."""

    categories: list[Label] = Field(min_length=1, max_length=10_000)
    series: list[BarSeries] = Field(min_length=1, max_length=100)
    x_label: str | None = Field(default=None, max_length=200)
    y_label: str | None = Field(default=None, max_length=200)
    stacked: bool = False
    orientation: Literal["vertical", "horizontal"] = "vertical"

    def check(self) -> None:
        for index, series in enumerate(self.series):
            path = ("series", index, "values")
            _same_length(path, series.values, len(self.categories), "one value per category")


class ScatterSeries(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    x: list[Number] = Field(max_length=MAX_ITEMS)
    y: list[Number] = Field(max_length=MAX_ITEMS)
    labels: list[str] | None = Field(default=None, description="Hover text per point")
    sizes: list[Count] | None = None

    def check(self, path: Path) -> None:
        _same_length((*path, "y"), self.y, len(self.x), "one y per x")
        for name in ("labels", "sizes"):
            items = getattr(self, name)
            if items is not None:
                _same_length((*path, name), items, len(self.x), "one per point")


class ScatterSpec(_Spec):
    """Points (x, y), one colour per series, with optional hover labels and sizes."""

    series: list[ScatterSeries] = Field(min_length=1, max_length=100)
    x_label: str | None = Field(default=None, max_length=200)
    y_label: str | None = Field(default=None, max_length=200)
    x_scale: Scale = "linear"
    y_scale: Scale = "linear"

    def check(self) -> None:
        for index, series in enumerate(self.series):
            series.check(("series", index))


class HeatmapSpec(_Spec):
    """A grid of values: `values[row][column]`, rows along y_labels, columns along x_labels."""

    x_labels: list[Label] = Field(min_length=1, max_length=10_000)
    y_labels: list[Label] = Field(min_length=1, max_length=10_000)
    values: list[list[Value]] = Field(min_length=1, max_length=10_000)
    x_label: str | None = Field(default=None, max_length=200)
    y_label: str | None = Field(default=None, max_length=200)
    value_label: str | None = Field(default=None, max_length=200)
    color_scale: Scale = "linear"

    def check(self) -> None:
        _same_length(("values",), self.values, len(self.y_labels), "one row per y label")
        for index, row in enumerate(self.values):
            _same_length(("values", index), row, len(self.x_labels), "one value per x label")


class Image(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pixels: list[Number] = Field(max_length=MAX_ITEMS)
    label: str | None = Field(default=None, max_length=200)
    caption: str | None = Field(default=None, max_length=500)


class ImageGridSpec(_Spec):
    """Small images of one shape, row-major pixels, drawn in a grid with their labels."""

    images: list[Image] = Field(min_length=1, max_length=10_000)
    image_shape: ImageShape
    pixel_range: list[Number] | None = Field(default=None, description="Default: min..max")
    columns: int | None = Field(default=None, ge=1, le=1000)

    def check(self) -> None:
        _check_shape(("image_shape",), self.image_shape)
        _check_range(("pixel_range",), self.pixel_range)
        for index, image in enumerate(self.images):
            _pixels(("images", index, "pixels"), image.pixels, self.image_shape)


class TableSpec(_Spec):
    """Rows of scalars: lists (in `columns` order) or objects keyed by column name."""

    columns: list[str] | None = Field(default=None, max_length=1000)
    rows: list[list[Cell] | dict[str, Cell]] = Field(max_length=MAX_ITEMS)

    def check(self) -> None:
        if self.columns is None:
            return
        for index, row in enumerate(self.rows):
            if isinstance(row, list):
                _same_length(("rows", index), row, len(self.columns), "one cell per column")


SPECS: dict[str, type[_Spec]] = {
    "confusion_matrix": ConfusionMatrixSpec,
    "line": LineSpec,
    "bar": BarSpec,
    "scatter": ScatterSpec,
    "heatmap": HeatmapSpec,
    "image_grid": ImageGridSpec,
    "table": TableSpec,
}
