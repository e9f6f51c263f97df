"""Views through Jinja templates: Markdown pages, and the SVG charts they embed."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import jinja2

from generator.pages.chart import Chart, QuartersChart, RowsChart
from generator.pages.chartphone import PhoneQuarters
from generator.support.templatecache import bytecode_cache, strict_environment

TEMPLATES = Path(__file__).parent / "templates"


@functools.cache
def markdown_environment() -> jinja2.Environment:
    """The environment of Markdown pages: strict, no autoescape (views are escaped for Markdown already).

    One for the process: it keeps compiled templates and recompiles one when its file changes;
    compiled templates are also kept between builds.
    """
    env = strict_environment(TEMPLATES, autoescape=False)
    env.bytecode_cache = bytecode_cache("markdown", env)
    return env


@functools.cache
def markup_environment() -> jinja2.Environment:
    """The environment of HTML and SVG fragments: every printed value escaped for HTML."""
    return strict_environment(TEMPLATES, autoescape=True, final_newline=False)


def markdown(template: jinja2.Template, **values: object) -> bytes:
    """A page's Markdown: the template rendered and tidied, in UTF-8."""
    return tidy(template.render(**values)).encode("utf-8")


def chart_svg(chart: Chart) -> str:
    """The deadline chart as one line of SVG, or "" when no task has a date."""
    if chart.drawing is None:
        return ""
    name = "chart_quarters.svg.j2" if isinstance(chart.drawing, QuartersChart) else "chart_rows.svg.j2"
    return _svg(name, chart.drawing)


def phone_chart_svg(drawing: RowsChart | PhoneQuarters | None) -> str:
    """The deadline chart as a phone shows it, as one line of SVG, or "" when no task has a date."""
    if drawing is None:
        return ""
    return _svg("chart_quarters_phone.svg.j2" if isinstance(drawing, PhoneQuarters) else "chart_rows_phone.svg.j2", drawing)


def _svg(name: str, drawing: object) -> str:
    rendered = markup_environment().get_template(name).render(chart=drawing)
    # One element per line in the template; one line in the page, which Markdown leaves alone.
    return "".join(line.strip() for line in rendered.split("\n"))


_OTHER_LINE_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def tidy(text: str) -> str:
    """Collapse runs of blank lines, strip trailing white space, end with exactly one newline."""
    if _OTHER_LINE_BREAKS.search(text):
        return _tidy_lines(text)
    # rstrip per line: a regex for trailing space would try every space of the text.
    stripped = "\n".join([line.rstrip() for line in text.split("\n")])
    # Templates rarely leave a run of blank lines, and str's own search finds none far faster than a regex.
    while "\n\n\n" in stripped:
        stripped = stripped.replace("\n\n\n", "\n\n")
    return stripped.strip("\n") + "\n"


def _tidy_lines(text: str) -> str:
    """`tidy` for text with line breaks other than "\\n", which str.splitlines also splits at."""
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip() == "" and lines and lines[-1] == "":
            continue
        lines.append(line.rstrip() if line.strip() else "")
    return "\n".join(lines).strip("\n") + "\n"
