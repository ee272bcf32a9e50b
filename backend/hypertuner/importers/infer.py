"""Column types, value conversion and suggested roles.

A column is `int` when every value is a whole number, even written as `1000.0` (exports of
pandas frames write ints as floats); `float` when every value is a number; `bool` for
`True`/`False`; else `categorical` (few distinct labels: kept as written, so `(256,)` and
`<class 'keras.optimizers.Adam'>` stay text) or `text` (notes, paths, ids). In a numeric
column the words None, null, NA, N/A and `-` mean "no value"; in a categorical column they
are labels like any other (Optuna's `None` scaler is a real choice).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from hypertuner.importers.table import ColumnType, ImportedTable, Role

Kind = Literal["empty", "na", "bool", "int", "float", "text"]
NA_WORDS = frozenset({"none", "null", "na", "n/a", "#n/a", "nil", "-", "?"})
_INT = re.compile(r"^[+-]?\d{1,18}$")
MAX_SAFE_INT = 2**53
MAX_INT = 2**63
EXAMPLES = 5
MAX_METRIC_NAME = 200

ID_NAMES = frozenset(
    {"id", "#", "run", "run_id", "exp", "exp_id", "experiment", "experiment_id"}
    | {"trial", "trial_id", "trial id", "number", "trial_number"}
)
NOTE_NAMES = frozenset({"note", "notes", "comment", "comments", "remark", "remarks"})
STATUS_NAMES = frozenset({"status", "state", "trial_state", "outcome"})
START_NAMES = frozenset({"start", "started", "start_time", "started_at", "datetime_start", "begin"})
END_NAMES = frozenset(
    {"end", "ended", "end_time", "ended_at", "datetime_complete", "finished_at", "completed_at"}
)
METRIC_WORDS = frozenset(
    [
        "acc",
        "accuracy",
        "loss",
        "score",
        "f1",
        "auc",
        "roc",
        "err",
        "error",
        "mse",
        "rmse",
        "mae",
        "mape",
        "r2",
        "precision",
        "recall",
        "reward",
        "perplexity",
        "ppl",
        "bleu",
        "rouge",
        "iou",
        "dice",
        "map",
        "metric",
        "objective",
        "value",
        "values",
        "fitness",
        "cost",
        "logloss",
        "nll",
        "top1",
        "top5",
        "wer",
        "cer",
    ]
)


Value = str | int | float | bool | None


def parse_cell(raw: object) -> tuple[Kind, Value]:
    """What one cell holds: its kind and its value (text cells keep their text)."""
    if raw is None:
        return "empty", None
    if isinstance(raw, bool):
        return "bool", raw
    if isinstance(raw, int):
        # Beyond 64 bits no JSON encoder or database integer takes it: keep the digits.
        return ("int", raw) if abs(raw) < MAX_INT else ("text", str(raw))
    if isinstance(raw, float):
        return "float", raw
    if isinstance(raw, list | dict):
        return "text", json.dumps(raw, ensure_ascii=False)

    text = str(raw).strip()
    lowered = text.lower()
    if not text:
        return "empty", None
    if lowered in ("true", "false"):
        return "bool", lowered == "true"
    if _INT.match(text):
        return "int", int(text)
    try:
        return "float", float(text.replace("_", "#"))  # float() accepts 1_000; we do not
    except ValueError:
        pass
    return ("na" if lowered in NA_WORDS else "text"), text


@dataclass
class ColumnInfo:
    """What the preview says about one column."""

    name: str
    type: ColumnType
    role: Role
    present: int
    distinct: int
    examples: list[object]
    curve: bool = False
    notes: list[str] = field(default_factory=list)


def infer_type(
    kinds: Counter[Kind], numbers: Iterable[float], typed_floats: bool = False
) -> tuple[ColumnType, list[str]]:
    """The type of a column from the kinds of its cells, with notes on what was read how.

    `typed_floats`: the source itself typed some values as floats (JSON `0.0`), so whole
    numbers among them stay floats.
    """
    filled = sum(count for kind, count in kinds.items() if kind not in ("empty", "na"))
    notes: list[str] = []
    if filled == 0:
        return "empty", notes
    if kinds["text"]:
        return "categorical", notes

    if kinds["na"]:
        notes.append(f"{kinds['na']} cells such as None or N/A read as missing")
    if kinds["bool"]:
        return ("bool" if kinds["bool"] == filled else "categorical"), notes
    if kinds["float"] == 0:
        return "int", notes
    if typed_floats:
        return "float", notes
    values = list(numbers)
    if all(math.isfinite(v) and v.is_integer() and abs(v) < MAX_SAFE_INT for v in values):
        notes.append("whole numbers written as decimals (1000.0) read as integers")
        return "int", notes
    return "float", notes


def analyze(table: ImportedTable) -> list[ColumnInfo]:
    """Type, suggested role, counts and examples of every column."""
    infos = []
    for name in table.columns:
        raws = [row.cells.get(name) for row in table.rows]
        parsed = [parse_cell(raw) for raw in raws]
        kinds = Counter(kind for kind, _ in parsed)
        numbers = [float(v) for _, v in parsed if isinstance(v, int | float)]
        typed = any(isinstance(raw, float) for raw in raws)
        column_type, notes = infer_type(kinds, numbers, typed)
        if column_type == "categorical" and _looks_like_text(parsed):
            column_type = "text"

        values = [convert(raw, column_type) for raw in raws]
        present = [v for v in values if v is not None]
        distinct = list(dict.fromkeys(_hashable(v) for v in present))
        curve = any(name in row.curves for row in table.rows)
        info = ColumnInfo(
            name, column_type, "ignore", len(present), len(distinct), [], curve, notes
        )
        info.examples = [_json_safe(v) for v in distinct[:EXAMPLES]]
        info.role = suggest_role(info, table.hints.get(name))
        infos.append(info)
    return infos


def _looks_like_text(parsed: list[tuple[Kind, Value]]) -> bool:
    """Free text rather than labels: long values, or nearly every value different."""
    texts = [str(v) for kind, v in parsed if kind not in ("empty",)]
    if not texts:
        return False
    distinct = len(set(texts))
    if max(len(t) for t in texts) > 120:
        return True
    many = distinct > 50 and distinct > len(texts) / 2
    unique_prose = len(texts) >= 4 and distinct == len(texts) and _mean_length(texts) > 24
    return many or unique_prose


def _mean_length(texts: list[str]) -> float:
    return sum(len(t) for t in texts) / len(texts)


def convert(raw: object, column_type: str) -> Value:
    """One cell as a value of `column_type` (None when missing); ValueError if it is not."""
    kind, value = parse_cell(raw)
    if kind == "empty" or column_type == "empty":
        return None
    if column_type in ("categorical", "text"):
        return _as_text(raw, value)
    if kind == "na":
        return None
    if column_type == "bool":
        if kind != "bool":
            raise ValueError(f"{value!r} is not true or false")
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{value!r} is not a number")
    if column_type == "float":
        return float(value)  # any int here is below 2**63, so this cannot overflow
    if isinstance(value, int):
        return value
    if not (math.isfinite(value) and value.is_integer()):
        raise ValueError(f"{value!r} is not a whole number")
    return int(value)


def _as_text(raw: object, parsed: Value) -> str:
    if isinstance(raw, str):
        return raw.strip()
    if isinstance(raw, bool):
        return "True" if raw else "False"
    if isinstance(raw, float):
        return repr(raw)
    return str(parsed)


def _hashable(value: object) -> object:
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    return value


def _json_safe(value: object) -> object:
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    return value


def tokens(name: str) -> set[str]:
    """Words of a column name: `val_accuracy` → {val, accuracy}, `valLoss` → {val, loss}."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    return {part for part in re.split(r"[^a-z0-9]+", spaced.lower()) if part}


def suggest_role(info: ColumnInfo, hint: Role | None) -> Role:
    """The role a person most likely wants; the format's own knowledge comes first."""
    numeric = info.type in ("int", "float", "bool")
    if info.type == "empty":
        return "ignore"
    if hint == "metric" and (not numeric or len(info.name) > MAX_METRIC_NAME):
        return "ignore"
    if hint is not None:
        return hint

    lowered = info.name.strip().lower()
    if lowered in ID_NAMES and info.distinct == info.present:
        return "id"
    if lowered in STATUS_NAMES and info.type == "categorical":
        return "status"
    if lowered in START_NAMES:
        return "start_time"
    if lowered in END_NAMES:
        return "end_time"
    if info.type == "text" or lowered in NOTE_NAMES:
        return "ignore"
    is_metric = info.type in ("int", "float") and tokens(info.name) & METRIC_WORDS
    if is_metric and len(info.name) <= MAX_METRIC_NAME:
        return "metric"
    return "hyperparameter"
