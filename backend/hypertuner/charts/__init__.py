"""Declarative chart specs: the built-in artifact kinds the experiment view draws by itself.

`validate(kind, payload)` refuses a malformed spec of a built-in kind with the path of the
first problem; other kinds pass untouched. docs/charts.md documents every kind.
"""

from __future__ import annotations

from pydantic import ValidationError

from hypertuner.charts.specs import SPECS, ChartError

BUILT_IN_KINDS = tuple(SPECS)

__all__ = ["BUILT_IN_KINDS", "ChartError", "validate"]


def validate(kind: str, payload: object) -> None:
    """Check `payload` against the spec of `kind`; raise `ChartError` with a path if it fails."""
    spec_class = SPECS.get(kind)
    if spec_class is None:
        return
    if not isinstance(payload, dict):
        raise ChartError((), f"a {kind} spec must be a JSON object")

    try:
        spec = spec_class.model_validate(payload)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        raise ChartError(_clean(first["loc"]), _message(first)) from None
    spec.check()


def _clean(loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    """Drop the names pydantic gives union members (`list[...]`, `function-plain[...]`)."""
    return tuple(part for part in loc if isinstance(part, int) or "[" not in part)


def _message(error: object) -> str:
    assert isinstance(error, dict)
    message = str(error.get("msg", "is invalid"))
    return message.removeprefix("Value error, ")
