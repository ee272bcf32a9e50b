"""The report as one self-contained HTML file: `report.html` rendered with autoescaping, notes
as markdown without raw HTML or images, the progress chart as inline SVG. No scripts."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup

from hypertuner.report.chart import progress_chart
from hypertuner.schemas.exports import ReportData

TEMPLATES = Path(__file__).resolve().parent
# Raw HTML in notes is shown as text; images would be fetched when the file opens: off.
_MARKDOWN = MarkdownIt("commonmark", {"html": False}).disable("image")


def render_html(data: ReportData) -> str:
    """The report file's text."""
    template = _environment().get_template("report.html")
    return template.render(report=data, chart=progress_chart(data))


@lru_cache(maxsize=1)
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["markdown"] = markdown
    environment.filters["value"] = value_text
    return environment


def markdown(text: str) -> Markup:
    """Markdown as safe HTML: markdown-it escapes any HTML in the text and refuses
    javascript: links."""
    return Markup(_MARKDOWN.render(text))


def value_text(value: object) -> str:
    """A value or metric as a reader wants it: 6 significant digits, — when missing."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)
