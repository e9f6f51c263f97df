"""Render phase: views through Jinja templates into Markdown files, in memory."""

from __future__ import annotations

from pathlib import Path

import jinja2

from generator import paths
from generator.resolve import Site
from generator.numbers import number_key
from generator.views import Views, lookup_rows, redirect_view

TEMPLATES = Path(__file__).parent / "templates"
ASSETS = Path(__file__).parent / "assets"


def environment() -> jinja2.Environment:
    """Return the Jinja environment: strict, no autoescape (views are escaped already)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_site(site: Site) -> dict[str, bytes]:
    """Return every file of the docs directory, keyed by its relative path."""
    env = environment()
    views = Views(site)
    pages: dict[str, str] = {}
    tree, others = views.tree(paths.HOME)
    pages[paths.HOME] = env.get_template("home.md.j2").render(tree=tree, others=others)
    documents = views.all_documents(paths.DOCUMENTS)
    pages[paths.DOCUMENTS] = env.get_template("documents.md.j2").render(documents=documents, count=len(documents))
    pages[paths.BODIES] = env.get_template("bodies.md.j2").render(groups=views.by_body(paths.BODIES))
    pages[paths.TIMELINE] = env.get_template("timeline.md.j2").render(groups=views.by_year(paths.TIMELINE))
    pages[paths.LOOKUP] = env.get_template("lookup.md.j2").render(rows=lookup_rows(views))
    redirect_template = env.get_template("redirect.md.j2")
    for document in site.documents.values():
        pages[paths.short_page(number_key(document.number))] = redirect_template.render(page=redirect_view(views, document))
    document_template = env.get_template("document.md.j2")
    for document in site.documents.values():
        pages[paths.document_page(document.id)] = document_template.render(page=views.document(document))
    body_template = env.get_template("body.md.j2")
    for body in site.bodies.values():
        pages[paths.body_page(body.id)] = body_template.render(page=views.body(body))
    files = {path: _tidy(text).encode("utf-8") for path, text in pages.items()}
    for asset in sorted(ASSETS.rglob("*")):
        if asset.is_file():
            files[asset.relative_to(ASSETS).as_posix()] = asset.read_bytes()
    return dict(sorted(files.items()))


def _tidy(text: str) -> str:
    """Collapse runs of blank lines and end with exactly one newline."""
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip() == "" and lines and lines[-1] == "":
            continue
        lines.append(line.rstrip() if line.strip() else "")
    return "\n".join(lines).strip("\n") + "\n"
