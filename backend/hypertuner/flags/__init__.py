"""Flags: patterns worth a badge (overfitting, diverged, noisy, stalled), as pure rules."""

from hypertuner.flags.config import (
    FLAG_DESCRIPTIONS,
    FLAG_NAMES,
    DivergedRule,
    FlagName,
    FlagRules,
    NoisyRule,
    OverfittingRule,
    StalledRule,
    Target,
)
from hypertuner.flags.curves import Curve, roughness
from hypertuner.flags.rules import (
    Evaluation,
    FlagHit,
    diverged,
    evaluate,
    noisy,
    overfitting,
    stalled,
)

__all__ = [
    "FLAG_DESCRIPTIONS",
    "FLAG_NAMES",
    "Curve",
    "DivergedRule",
    "Evaluation",
    "FlagHit",
    "FlagName",
    "FlagRules",
    "NoisyRule",
    "OverfittingRule",
    "StalledRule",
    "Target",
    "diverged",
    "evaluate",
    "noisy",
    "overfitting",
    "roughness",
    "stalled",
]
