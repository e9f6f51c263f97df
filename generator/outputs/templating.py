"""The templates of the files that are not Markdown pages (feed, redirects), every value escaped."""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

from generator.support.templatecache import strict_environment

TEMPLATES = Path(__file__).parent / "templates"


@functools.cache
def environment() -> jinja2.Environment:
    """Strict, with HTML/XML escaping of every printed value (both read the same five entities)."""
    return strict_environment(TEMPLATES, autoescape=True)


def render(template: str, /, **values: object) -> str:
    return environment().get_template(template).render(**values)
