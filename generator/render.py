"""Render phase: views through Jinja templates into Markdown files, in memory."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Sequence

import jinja2

from generator import paths
from generator.resolve import Site
from generator.model import Document
from generator.numbers import number_key
from generator.parallel import map_in_chunks
from generator.chart import timeline_svg
from generator.markdown import link
from generator.opendata import atom_feed, document_json, open_data
from generator.pdf import document_pdf
from generator.taskviews import TaskViews
from generator.redirect import redirect_html
from generator.views import Views, display_date, lookup_rows

TEMPLATES = Path(__file__).parent / "templates"
ASSETS = Path(__file__).parent / "assets"
SCHEMA_FILE = Path(__file__).parent.parent / "schema" / "documents.schema.json"


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


DocumentFiles = tuple[bytes, bytes, "bytes | None"]  # page, open data, PDF


@dataclass
class RenderCache:
    """The last render's document files, which `serve` reuses when a document and its neighbours are unchanged."""

    site: Site | None = None
    settings: tuple[dt.date, bool] | None = None
    documents: dict[str, DocumentFiles] = field(default_factory=dict)

    def reusable(self, site: Site, settings: tuple[dt.date, bool]) -> set[str]:
        """Ids of documents whose files from the last render are still right for `site`.

        Loading reuses the Document of an unchanged file, so identity tells what changed; a page
        shows its document and the documents next to it (relations both ways, answers), never
        further ones, so a document is stale when it or a neighbour changed, in either site.
        """
        old = self.site
        if old is None or self.settings != settings or old.bodies != site.bodies:
            return set()
        changed = {i for i in site.documents.keys() | old.documents.keys() if site.documents.get(i) is not old.documents.get(i)}
        stale = set(changed)
        for each in (old, site):
            stale |= neighbours(each, changed)
        return set(self.documents) - stale


def neighbours(site: Site, document_ids: set[str]) -> set[str]:
    """Documents whose pages show data of `document_ids`: related either way, answering or answered."""
    found = {r.target.id for i in document_ids for r in site.outgoing.get(i, [])}
    found |= {r.source.id for i in document_ids for r in site.incoming.get(i, [])}
    found |= {a.task.document.id for i in document_ids for a in site.answers_by.get(i, [])}
    found |= {a.document.id for t in site.tasks if t.document.id in document_ids for a in site.answers_to.get(t.id, [])}
    return found


def render_site(
    site: Site, as_of: dt.date, pdf_cache: Path | None = None, pdfs: bool = True, cache: RenderCache | None = None
) -> dict[str, bytes]:
    """Return every file of the docs directory, keyed by its relative path; task status is as of `as_of`.

    With `pdfs`, each document with its full text also gets a PDF (cached by content in `pdf_cache`).
    With `cache`, document pages still right from the last call are reused, and the cache updated.
    """
    env = environment()
    views = Views(site)
    tasks = TaskViews(site, as_of)
    as_of_text = display_date(as_of)
    pages: dict[str, str] = {}
    pdf_files: dict[str, bytes] = {}
    tree, others = views.tree(paths.HOME)
    pages[paths.HOME] = env.get_template("home.md.j2").render(tree=tree, others=others)
    documents = views.all_documents(paths.DOCUMENTS)
    pages[paths.DOCUMENTS] = env.get_template("documents.md.j2").render(documents=documents, count=len(documents))
    pages[paths.BODIES] = env.get_template("bodies.md.j2").render(groups=views.by_body(paths.BODIES))
    pages[paths.TIMELINE] = env.get_template("timeline.md.j2").render(groups=views.by_year(paths.TIMELINE))
    pages[paths.LOOKUP] = env.get_template("lookup.md.j2").render(rows=lookup_rows(views))
    redirects = {paths.short_page(number_key(d.number)): redirect_html(d) for d in site.documents.values()}
    statuses = {task.id: tasks.status(task) for task in site.tasks}
    pages[paths.TASKS] = env.get_template("tasks.md.j2").render(
        tasks=tasks.board(), filters=tasks.filters(), as_of=as_of_text, chart=timeline_svg(site.tasks, statuses, as_of)
    )
    reusable = cache.reusable(site, (as_of, pdfs)) if cache else set()
    stale = [document for document in site.documents.values() if document.id not in reusable]
    rendered = dict(zip((d.id for d in stale), map_in_chunks(partial(_document_pages, env, views, tasks, as_of_text, pdfs, pdf_cache), stale)))
    if cache is not None:
        rendered = {i: rendered[i] if i in rendered else cache.documents[i] for i in site.documents}
        cache.site, cache.settings, cache.documents = site, (as_of, pdfs), rendered
    document_files: dict[str, bytes] = {}
    documents_json: dict[str, bytes] = {}
    for document in site.documents.values():
        page, data, pdf = rendered[document.id]
        document_files[paths.document_page(document.id)] = page
        documents_json[document.id] = data
        if pdf is not None:
            pdf_files[paths.document_pdf(document.id)] = pdf
    body_template = env.get_template("body.md.j2")
    for body in site.bodies.values():
        page = paths.body_page(body.id)
        pages[page] = body_template.render(page=views.body(body), tasks=tasks.for_body(body.id, page), as_of=as_of_text)
    files = {path: _tidy(text).encode("utf-8") for path, text in pages.items()}
    files.update(document_files)
    files.update(redirects)
    files.update(pdf_files)
    files.update(open_data(site, pdfs, documents_json))
    files[paths.FEED] = atom_feed(site)
    files[paths.SCHEMA] = SCHEMA_FILE.read_bytes()
    files[paths.TASKS_CSV] = tasks.export_csv()
    files[paths.TASKS_JSON] = tasks.export_json()
    for asset in sorted(ASSETS.rglob("*")):
        if asset.is_file():
            files[asset.relative_to(ASSETS).as_posix()] = asset.read_bytes()
    return dict(sorted(files.items()))


def _document_pages(
    env: jinja2.Environment, views: Views, tasks: TaskViews, as_of_text: str, pdfs: bool, pdf_cache: Path | None,
    documents: Sequence[Document],
) -> list[DocumentFiles]:
    """Each document's page, its open data and its PDF when asked; run in forked processes for large corpora."""
    template = env.get_template("document.md.j2")
    rendered = []
    for document in documents:
        page = paths.document_page(document.id)
        with_pdf = pdfs and document.has_full_text
        markdown = template.render(
            page=views.document(document), tasks=tasks.for_document(document.id, page),
            answers=tasks.answered_by(document.id, page), as_of=as_of_text,
            pdf_link=link("Tải bản PDF (A4)", page, paths.document_pdf(document.id)) if with_pdf else "",
        )
        data = document_json(views.site, document, pdfs)
        rendered.append((_tidy(markdown).encode("utf-8"), data, document_pdf(document, pdf_cache) if with_pdf else None))
    return rendered


def _tidy(text: str) -> str:
    """Collapse runs of blank lines and end with exactly one newline."""
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip() == "" and lines and lines[-1] == "":
            continue
        lines.append(line.rstrip() if line.strip() else "")
    return "\n".join(lines).strip("\n") + "\n"
