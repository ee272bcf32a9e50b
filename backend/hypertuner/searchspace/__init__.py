"""Search spaces: parse hyperparameter specs, expand them into combinations, build commands.

Pure Python on numpy and scipy: nothing here imports FastAPI, SQLAlchemy or Ray.
"""

from hypertuner.searchspace.canonical import canonical_key, render_value
from hypertuner.searchspace.command import build_argv, check_command, placeholders
from hypertuner.searchspace.dimension import Dimension
from hypertuner.searchspace.errors import InvalidSearchSpace, LargeGridNeedsConfirmation
from hypertuner.searchspace.expand import LARGE_GRID, count, expand
from hypertuner.searchspace.parse import parse_space

__all__ = [
    "LARGE_GRID",
    "Dimension",
    "InvalidSearchSpace",
    "LargeGridNeedsConfirmation",
    "build_argv",
    "canonical_key",
    "check_command",
    "count",
    "expand",
    "parse_space",
    "placeholders",
    "render_value",
]
