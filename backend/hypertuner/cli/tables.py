"""Rich tables for runs and experiments."""

from __future__ import annotations

from typing import Any

from rich.table import Table


def _number(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return "" if value is None else str(value)


def runs_table(runs: list[dict[str, Any]]) -> Table:
    table = Table("id", "name", "status", "experiments", "objective", "created")
    for run in runs:
        objective = run["objective_metric"] or ""
        if objective:
            objective = f"{run['objective_mode']} {objective}"
        counts = " ".join(f"{k}={v}" for k, v in sorted(run["counts"].items()))
        table.add_row(
            str(run["id"]), run["name"], run["status"], counts, objective, run["created_at"][:19]
        )
    return table


def experiments_table(experiments: list[dict[str, Any]], metrics: list[str]) -> Table:
    params = sorted({name for e in experiments for name in e["params"]})
    table = Table("id", "status", *params, *metrics)
    for experiment in experiments:
        values = [_number(experiment["params"].get(name)) for name in params]
        last = [_number(experiment["metrics"].get(name, {}).get("last")) for name in metrics]
        table.add_row(str(experiment["id"]), experiment["status"], *values, *last)
    return table
