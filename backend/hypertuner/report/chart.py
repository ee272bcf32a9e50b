"""The progress chart drawn as inline SVG: every run's experiments by objective value, each
run's best, and the best so far as a step line. Every text is escaped here."""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from hypertuner.schemas.exports import ReportData, ReportRun

WIDTH, HEIGHT = 760, 320
LEFT, RIGHT, TOP, BOTTOM = 72, 16, 20, 48
MAX_LABELS = 24


def progress_chart(data: ReportData) -> Markup:
    """The chart, or a sentence saying why there is none."""
    if data.objective is None:
        return Markup('<p class="muted">No objective is set, so there is no progress chart.</p>')
    values = [p.value for p in data.progress if math.isfinite(p.value)]
    runs = data.runs
    if not values or not runs:
        return Markup('<p class="muted">No experiment has a value of the objective yet.</p>')

    ticks = nice_ticks(min(values), max(values))
    scale = _Scale(len(runs), ticks[0], ticks[-1])
    title = f"{data.objective.metric} ({data.objective.mode}) by run"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{_t(title)}">',
        f"<title>{_t(title)}</title>",
        *_axes(scale, ticks, runs, data.objective.metric),
        *_dots(scale, data),
        _best_so_far(scale, runs),
        *_bests(scale, runs),
        "</svg>",
    ]
    return Markup("".join(parts))  # every text above went through _t


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high]."""
    if low == high:
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value < high + step * 0.5:
        ticks.append(round(value, 12))
        value += step
    return ticks if len(ticks) >= 2 else [start, start + step]


class _Scale:
    def __init__(self, runs: int, low: float, high: float) -> None:
        self.band = (WIDTH - LEFT - RIGHT) / runs
        self.low, self.high = low, high

    def x(self, position: float) -> float:
        return LEFT + position * self.band

    def y(self, value: float) -> float:
        span = self.high - self.low
        return TOP + (self.high - value) / span * (HEIGHT - TOP - BOTTOM)


def _t(text: object) -> str:
    return str(escape(str(text)))


def _axes(scale: _Scale, ticks: list[float], runs: list[ReportRun], metric: str) -> list[str]:
    bottom = HEIGHT - BOTTOM
    parts = [
        f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{bottom}"/>',
        f'<line class="axis" x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}"/>',
    ]
    for tick in ticks:
        y = scale.y(tick)
        parts.append(
            f'<line class="grid" x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}"/>'
        )
        parts.append(
            f'<text class="tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{tick:.4g}</text>'
        )

    every = max(1, math.ceil(len(runs) / MAX_LABELS))
    for position, run in enumerate(runs):
        if position % every:
            continue
        x = scale.x(position + 0.5)
        parts.append(
            f'<text class="tick" x="{x:.1f}" y="{bottom + 16}" text-anchor="middle">'
            f"{position + 1}<title>{_t(run.name)}</title></text>"
        )
    parts.append(
        f'<text class="label" x="{(LEFT + WIDTH - RIGHT) / 2:.1f}" y="{HEIGHT - 8}" '
        'text-anchor="middle">run, in the order they were made</text>'
    )
    parts.append(
        f'<text class="label" transform="translate(14 {(TOP + HEIGHT - BOTTOM) / 2:.1f}) '
        f'rotate(-90)" text-anchor="middle">{_t(metric)}</text>'
    )
    return parts


def _dots(scale: _Scale, data: ReportData) -> list[str]:
    position = {run.id: i for i, run in enumerate(data.runs)}
    parts = []
    for point in data.progress:
        # A fixed spread inside the run's band, so equal values do not hide each other.
        spread = ((point.experiment_id * 2654435761) % 1000) / 1000 - 0.5
        x = scale.x(position[point.run_id] + 0.5 + spread * 0.5)
        parts.append(
            f'<circle class="dot" cx="{x:.1f}" cy="{scale.y(point.value):.1f}" r="3">'
            f"<title>experiment {point.experiment_id}: {point.value:.6g}</title></circle>"
        )
    return parts


def _bests(scale: _Scale, runs: list[ReportRun]) -> list[str]:
    parts = []
    for position, run in enumerate(runs):
        if not isinstance(run.best, float | int):
            continue
        x, y = scale.x(position + 0.5), scale.y(float(run.best))
        parts.append(
            f'<circle class="best" cx="{x:.1f}" cy="{y:.1f}" r="5.5">'
            f"<title>best of {_t(run.name)}: {float(run.best):.6g}</title></circle>"
        )
    return parts


def _best_so_far(scale: _Scale, runs: list[ReportRun]) -> str:
    """A step line: flat across each run, moving only when a run beats every earlier one."""
    commands: list[str] = []
    for position, run in enumerate(runs):
        if not isinstance(run.best_so_far, float | int):
            continue
        y = scale.y(float(run.best_so_far))
        start, end = scale.x(position), scale.x(position + 1)
        commands.append(f"{'L' if commands else 'M'}{start:.1f} {y:.1f} L{end:.1f} {y:.1f}")
    if not commands:
        return ""
    return f'<path class="so-far" d="{" ".join(commands)}"><title>best so far</title></path>'
