"""The site's static files: the stylesheet, scripts and images in generator/assets/, and the schema
of the open data. A script ending in .j2 is rendered with the vocabulary it shares with Python."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import jinja2

from generator.corpus.tracking import script_rules
from generator.corpus.vocabulary import script_vocabulary, search_vocabulary
from generator.pages.output import SiteOutput

ASSETS = Path(__file__).parent.parent / "assets"
SCHEMA_FILE = Path(__file__).parent / "documents.schema.json"
SCHEMA = "documents.schema.json"
TASKS_SCHEMA_FILE = Path(__file__).parent / "tasks.schema.json"
TASKS_SCHEMA = "nhiem-vu/nhiem-vu.schema.json"
TEMPLATE_SUFFIX = ".j2"


def asset_files() -> dict[str, bytes]:
    """Every static file by its path under docs/, scripts rendered."""
    files = {SCHEMA: SCHEMA_FILE.read_bytes(), TASKS_SCHEMA: TASKS_SCHEMA_FILE.read_bytes()}
    for asset in sorted(ASSETS.rglob("*")):
        if not asset.is_file():
            continue
        path = asset.relative_to(ASSETS).as_posix()
        if path.endswith(TEMPLATE_SUFFIX):
            files[path.removesuffix(TEMPLATE_SUFFIX)] = _render(asset)
        else:
            files[path] = asset.read_bytes()
    return files


def _render(template: Path) -> bytes:
    source = template.read_text(encoding="utf-8")
    values = {"vocabulary": vocabulary_json(), "search": search_json(), "tracking": tracking_json()}
    return _environment().from_string(source).render(**values).encode("utf-8")


@functools.cache
def _environment() -> jinja2.Environment:
    # A script's values are JSON, written whole by vocabulary_json: nothing to escape here.
    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)


@functools.cache
def tracking_json() -> str:
    """The task status rules as a JavaScript value."""
    return json.dumps(script_rules(), ensure_ascii=False, separators=(",", ":"))


@functools.cache
def vocabulary_json() -> str:
    """The shared vocabulary as a JavaScript value (JSON, which JavaScript reads as is)."""
    return json.dumps(script_vocabulary(), ensure_ascii=False, separators=(",", ":"))


@functools.cache
def search_json() -> str:
    """How search reads text (dates, question words, accent keys) as a JavaScript value."""
    return json.dumps(search_vocabulary(), ensure_ascii=False, separators=(",", ":"))


ASSET_FILES = SiteOutput(lambda context: dict(asset_files()))
