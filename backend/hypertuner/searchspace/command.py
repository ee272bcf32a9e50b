"""Command templates: `python train.py --lr={lr}` becomes an argv list, never a shell line."""

from __future__ import annotations

import shlex
import string
from collections.abc import Iterable, Mapping

from hypertuner.searchspace.canonical import render_value
from hypertuner.searchspace.dimension import Dimension, is_valid_name
from hypertuner.searchspace.errors import InvalidSearchSpace

UNUSED_WARNING = (
    "hyperparameter '{name}' is not used in the command; "
    "the script can read it with hypertuner.params()"
)

# One argv item as (literal text, placeholder name or None) pieces.
Pieces = list[tuple[str, str | None]]


def placeholders(command: str) -> list[str]:
    """Names of the `{name}` placeholders in order of first use; `{{` and `}}` are braces."""
    names = (name for item in _split(command) for _, name in _pieces(item) if name is not None)
    return list(dict.fromkeys(names))


def build_argv(command: str, params: Mapping[str, object]) -> list[str]:
    """Split the template like a shell would, then fill placeholders inside each item.

    Values are rendered canonically and never re-split or interpreted: `1; rm -rf ~` stays
    one argv item. The result is meant for `subprocess.run(argv)` without a shell.
    """
    items = _split(command)
    if not items:
        raise InvalidSearchSpace("command", "the command is empty")

    return [_fill(item, params) for item in items]


def check_command(command: str, dimensions: Iterable[Dimension]) -> list[str]:
    """Raise for a malformed command or an unknown placeholder; warn about unused names."""
    if not _split(command):
        raise InvalidSearchSpace("command", "the command is empty")

    used = placeholders(command)
    defined = [dimension.name for dimension in dimensions]

    unknown = [name for name in used if name not in defined]
    if unknown:
        listed = ", ".join(f"{{{name}}}" for name in unknown)
        known = ", ".join(defined) if defined else "none are defined"
        message = f"no hyperparameter for placeholder {listed} (hyperparameters: {known})"
        raise InvalidSearchSpace("command", message)

    return [UNUSED_WARNING.format(name=name) for name in defined if name not in used]


def _split(command: str) -> list[str]:
    try:
        return shlex.split(command)
    except ValueError as error:
        raise InvalidSearchSpace("command", f"cannot split the command: {error}") from error


def _pieces(item: str) -> Pieces:
    try:
        parsed = list(string.Formatter().parse(item))
    except ValueError as error:
        message = f"bad braces in {item!r}: {error}; write {{{{ and }}}} for literal braces"
        raise InvalidSearchSpace("command", message) from error

    return [
        (literal, _placeholder(item, name, spec, conversion))
        for literal, name, spec, conversion in parsed
    ]


def _placeholder(
    item: str, name: str | None, spec: str | None, conversion: str | None
) -> str | None:
    if name is None:
        return None
    if not is_valid_name(name) or spec or conversion:
        message = (
            f"bad placeholder in {item!r}: use {{name}} with a hyperparameter name; "
            "write {{ and }} for literal braces"
        )
        raise InvalidSearchSpace("command", message)
    return name


def _fill(item: str, params: Mapping[str, object]) -> str:
    parts: list[str] = []
    for literal, name in _pieces(item):
        parts.append(literal)
        if name is None:
            continue
        if name not in params:
            raise InvalidSearchSpace("command", f"no value for placeholder {{{name}}}")
        parts.append(render_value(params[name]))
    return "".join(parts)
