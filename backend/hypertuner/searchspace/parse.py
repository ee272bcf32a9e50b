"""`parse_space`: from the `params` object of a run to validated dimensions."""

from __future__ import annotations

from collections.abc import Mapping

from hypertuner.searchspace.dimension import Dimension, is_valid_name
from hypertuner.searchspace.errors import InvalidSearchSpace
from hypertuner.searchspace.ranges import range_dimension
from hypertuner.searchspace.values import list_dimension, values_spec_dimension

SPEC_FORMS = (
    "a list of values, or an object with 'from', 'to' and 'step' or 'count', "
    "or an object with 'values'"
)


def parse_space(params: Mapping[str, object]) -> list[Dimension]:
    """Validate every hyperparameter spec, in order; raise `InvalidSearchSpace` naming the field.

    An empty mapping is valid: the command then runs once, with no placeholders to fill.
    """
    if not isinstance(params, Mapping):
        raise InvalidSearchSpace("params", "must be an object mapping names to value specs")

    return [_parse_one(name, spec) for name, spec in params.items()]


def _parse_one(name: object, spec: object) -> Dimension:
    if not isinstance(name, str) or not is_valid_name(name):
        message = (
            f"{name!r} is not a valid hyperparameter name: use ASCII letters, digits and "
            "underscores, not starting with a digit"
        )
        raise InvalidSearchSpace("params", message)

    field = f"params.{name}"
    if isinstance(spec, list | tuple):
        return list_dimension(name, spec, field)
    if isinstance(spec, Mapping) and "values" in spec:
        return values_spec_dimension(name, spec, field)
    if isinstance(spec, Mapping):
        return range_dimension(name, spec, field)

    hint = f"; write [{spec!r}] for a single fixed value" if _is_scalar(spec) else ""
    raise InvalidSearchSpace(field, f"must be {SPEC_FORMS}{hint}")


def _is_scalar(spec: object) -> bool:
    return spec is None or isinstance(spec, bool | int | float | str)
