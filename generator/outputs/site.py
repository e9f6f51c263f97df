"""Render phase: every file of docs/ — pages, open data, feed, PDFs, redirects, exports, assets — in memory
(`render_site`, for the preview and tests) or handed to a sink as each job makes them (`stage_site`, for a
build), PDFs and Word files made by workers that never hold the corpus (support/makers.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Protocol, cast

import jinja2

from generator.corpus.model import Body, Document
from generator.corpus.numbers import number_key
from generator.corpus.resolve import Site
from generator.outputs.assets import asset_files
from generator.outputs.exports import tasks_csv, tasks_json
from generator.outputs.feed import atom_feed
from generator.outputs.opendata import document_json, documents_in_order, documents_json
from generator.outputs.pdf import pdf_order
from generator.outputs.redirects import redirect_html
from generator.outputs.word import docx_order
from generator.pages import paths
from generator.pages.chart import deadline_chart
from generator.pages.chartphone import phone_chart
from generator.pages.common import display_date
from generator.pages.markdown import link
from generator.pages.overview import Overviews
from generator.pages.render import chart_svg, markdown, markdown_environment, phone_chart_svg
from generator.pages.tasks import TaskViews
from generator.pages.views import Views
from generator.support.files import Content, FileOrder, GeneratedFiles
from generator.support.makers import FileMakers
from generator.support.parallel import MIN_ITEMS, available_cores, chunks, run_jobs


@dataclass
class RenderCache:
    """The last render's document files, which `serve` reuses when a document and its neighbours are unchanged."""

    site: Site | None = None
    settings: tuple[dt.date, bool] | None = None
    documents: dict[str, GeneratedFiles] = field(default_factory=dict)  # by document id, its files by path

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


@dataclass(frozen=True)
class RenderContext:
    """What every rendering job reads: the templates, the views and the settings of one render."""

    env: jinja2.Environment
    views: Views
    tasks: TaskViews
    as_of: dt.date
    pdfs: bool
    pdf_cache: Path | None
    makers: FileMakers | None = None  # where PDFs and Word files are made; here when None
    site_url: str = ""  # where the site is published: the feed's links are absolute from it

    @property
    def as_of_text(self) -> str:
        return display_date(self.as_of)

    def page(self, template: str, **values: object) -> bytes:
        """Render a Markdown page."""
        return markdown(self.env.get_template(template), **values)

    def made(self, order: FileOrder) -> Path:
        """Where the ordered file is: made here, or ordered from the makers (there once they are done)."""
        if self.makers is None:
            return order.made()
        self.makers.order(order)
        return order.path


@dataclass(frozen=True)
class Plan:
    """One render's jobs: the listings first, then the stale documents' pages in chunks."""

    listing_jobs: Sequence[Callable[[], GeneratedFiles]]
    document_jobs: Sequence[Callable[[], list[GeneratedFiles]]]
    stale: list[Document]
    cores: int


def _plan(
    site: Site, as_of: dt.date, pdf_cache: Path | None, pdfs: bool, reusable: set[str], makers: FileMakers | None = None, site_url: str = ""
) -> Plan:
    if pdfs and pdf_cache is None:
        raise ValueError("PDFs need a folder to be made in")
    context = RenderContext(markdown_environment(), Views.of(site), TaskViews(site, as_of), as_of, pdfs, pdf_cache, makers, site_url)
    stale = [document for document in site.documents.values() if document.id not in reusable]
    # With makers, they take the other cores: this process alone holds the corpus.
    cores = available_cores() if len(site.documents) >= MIN_ITEMS and makers is None else 1
    # The biggest jobs first, so that the small ones even out the end.
    listing_jobs: list[Callable[[], GeneratedFiles]] = [
        partial(_task_board, context),
        partial(_task_exports, context),
        partial(_lists, context),
        partial(_feed, context),
        partial(_signer_pages, context),
        *(partial(_body_pages, context, part) for part in chunks(list(site.bodies.values()), cores)),
    ]
    document_jobs = [partial(_document_pages, context, part) for part in chunks(stale, cores)]
    return Plan(listing_jobs, document_jobs, stale, cores)


def render_site(
    site: Site, as_of: dt.date, pdf_cache: Path | None = None, pdfs: bool = True, cache: RenderCache | None = None, site_url: str = ""
) -> GeneratedFiles:
    """Return every file of the docs directory, keyed by its relative path; task status is as of `as_of`.

    With `pdfs`, each document with its full text also gets a PDF and a Word file, made in `pdf_cache`
    unless there already (they are named by a digest of what makes them) and returned as paths there.
    With `cache`, document pages still right from the last call are reused, and the cache updated.
    A large site is rendered by all cores, each taking the next job nobody has taken.
    """
    plan = _plan(site, as_of, pdf_cache, pdfs, cache.reusable(site, (as_of, pdfs)) if cache else set(), site_url=site_url)
    results = run_jobs([*plan.listing_jobs, *plan.document_jobs], plan.cores)
    files: GeneratedFiles = {}
    for listed in results[: len(plan.listing_jobs)]:
        files.update(cast(GeneratedFiles, listed))
    parts = [cast(list[GeneratedFiles], part) for part in results[len(plan.listing_jobs) :]]
    rendered = dict(zip((d.id for d in plan.stale), (each for part in parts for each in part), strict=True))
    if cache is not None:
        rendered = {i: rendered[i] if i in rendered else cache.documents[i] for i in site.documents}
        cache.site, cache.settings, cache.documents = site, (as_of, pdfs), rendered
    for document in site.documents.values():
        files.update(rendered[document.id])
    each = (cast(bytes, files[paths.document_json(d.id)]) for d in documents_in_order(site))
    files[paths.DOCUMENTS_JSON] = b"".join(documents_json(each))
    files.update(asset_files())
    return dict(sorted(files.items()))


class Sink(Protocol):
    """Where `stage_site` puts files as they are rendered, from whichever process rendered them."""

    def put(self, files: Mapping[str, Content]) -> list[str]:
        """Put `files` in place; return the paths of those that differ from the last build's."""
        ...

    def put_pieces(self, relative: str, pieces: Iterable[bytes]) -> list[str]:
        """Put one file made of `pieces` in place; return [relative] if it differs from the last build's."""
        ...

    def read(self, relative: str) -> bytes:
        """A file already put."""
        ...


@dataclass(frozen=True)
class Staged:
    """What `stage_site` put: every path, those that changed, and the print cache's files in use."""

    paths: set[str]
    changed: list[str]
    print_files: set[str]


def stage_site(
    site: Site,
    as_of: dt.date,
    sink: Sink,
    pdf_cache: Path | None = None,
    pdfs: bool = True,
    makers: FileMakers | None = None,
    site_url: str = "",
) -> Staged:
    """Render every file of the docs directory as `render_site` does, but hand each job's files to `sink`
    as soon as they are made, by the process that made them: a large site is never held in memory.

    With `makers`, PDFs and Word files are made by those workers while this process renders the pages,
    and put in place once all are made."""
    plan = _plan(site, as_of, pdf_cache, pdfs, set(), makers, site_url)
    jobs = [partial(_put, sink, job) for job in plan.listing_jobs]
    jobs += [partial(_put_each, sink, job) for job in plan.document_jobs]
    put = [*run_jobs(jobs, plan.cores), _summary(sink, asset_files())]
    if makers is not None:
        makers.close()
    linked = {relative: path for _, _, on_disk in put for relative, path in on_disk}
    put.append((set(linked), sink.put(linked), []))
    each = (sink.read(paths.document_json(d.id)) for d in documents_in_order(site))
    put.append(({paths.DOCUMENTS_JSON}, sink.put_pieces(paths.DOCUMENTS_JSON, documents_json(each)), []))
    return Staged(
        {path for done, _, _ in put for path in done},
        sorted(path for _, written, _ in put for path in written),
        {path.name for path in linked.values()},
    )


# Every path put, those that changed, and the files on disk left to be put last (made by the makers, maybe).
PutSummary = tuple[set[str], list[str], list[tuple[str, Path]]]


def _summary(sink: Sink, files: Mapping[str, Content]) -> PutSummary:
    in_memory = {relative: content for relative, content in files.items() if not isinstance(content, Path)}
    on_disk = [(relative, content) for relative, content in files.items() if isinstance(content, Path)]
    return set(in_memory), sink.put(in_memory), on_disk


def _put(sink: Sink, job: Callable[[], GeneratedFiles]) -> PutSummary:
    return _summary(sink, job())


def _put_each(sink: Sink, job: Callable[[], list[GeneratedFiles]]) -> PutSummary:
    return _summary(sink, {path: content for files in job() for path, content in files.items()})


def _lists(context: RenderContext) -> GeneratedFiles:
    """The home page, the lists of documents and bodies, the timeline, number lookup and its short pages."""
    listings = context.views.listings
    tree, others = listings.tree(paths.HOME)
    documents = listings.all_documents(paths.DOCUMENTS)
    files: GeneratedFiles = {
        paths.HOME: context.page(
            "home.md.j2",
            tree=tree,
            others=others,
            overview=Overviews(context.tasks).overview(paths.HOME),
            full_text=listings.full_text_count(),
            latest=listings.latest(paths.HOME),
            as_of=context.as_of_text,
            as_of_iso=context.as_of.isoformat(),
        ),
        paths.DOCUMENTS: context.page("documents.md.j2", documents=documents, count=len(documents)),
        paths.BODIES: context.page("bodies.md.j2", groups=listings.by_body(paths.BODIES)),
        paths.TIMELINE: context.page("timeline.md.j2", groups=listings.by_year(paths.TIMELINE)),
        paths.LOOKUP: context.page("lookup.md.j2", rows=listings.lookup_rows()),
    }
    files.update({paths.short_page(number_key(d.number)): redirect_html(d) for d in context.views.site.documents.values()})
    return files


def _task_board(context: RenderContext) -> GeneratedFiles:
    tasks, site = context.tasks, context.views.site
    statuses = {task.id: tasks.status(task) for task in site.tasks}
    filters = tasks.filters()
    chart = deadline_chart(site.tasks, statuses, context.as_of)
    page = context.page(
        "tasks.md.j2",
        tasks=tasks.board(),
        filters=filters,
        as_of=context.as_of_text,
        as_of_iso=context.as_of.isoformat(),
        chart=chart_svg(chart),
        chart_phone=phone_chart_svg(phone_chart(site.tasks, statuses, context.as_of)),
        chart_by_quarter=chart.by_quarter,
        legend=chart.legend,
    )
    css = context.env.get_template("board-filters.css.j2").render(filters=filters).encode("utf-8")
    return {paths.TASKS: page, paths.TASK_FILTERS_CSS: css}


def _task_exports(context: RenderContext) -> GeneratedFiles:
    site = context.views.site
    return {paths.TASKS_CSV: tasks_csv(site, context.as_of), paths.TASKS_JSON: tasks_json(site, context.as_of)}


def _feed(context: RenderContext) -> GeneratedFiles:
    return {paths.FEED: atom_feed(context.views.site, context.site_url)}


def _signer_pages(context: RenderContext) -> GeneratedFiles:
    """Who signed what: a page per signer and their index."""
    signers = context.views.signers
    files: GeneratedFiles = {paths.SIGNERS: context.page("signers.md.j2", signers=signers.index())}
    files.update({paths.signer_page(key): context.page("signer.md.j2", page=signers.view(key)) for key in signers.ids()})
    return files


def _body_pages(context: RenderContext, bodies: Sequence[Body]) -> GeneratedFiles:
    files: GeneratedFiles = {}
    for body in bodies:
        page = paths.body_page(body.id)
        view, tasks = context.views.bodies.view(body), context.tasks.for_body(body.id, page)
        extra = {"scorecard": context.tasks.scorecard(body.id, page), "reports": context.tasks.reports_by(body.id, page)}
        as_of = {"as_of": context.as_of_text, "as_of_iso": context.as_of.isoformat()}
        files[page] = context.page("body.md.j2", page=view, tasks=tasks, **as_of, **extra)
    return files


def _document_pages(context: RenderContext, documents: Sequence[Document]) -> list[GeneratedFiles]:
    """Each document's files: its page, its open data, its PDF and Word file when asked, and its relations
    page when it needs one."""
    views, tasks = context.views, context.tasks
    template = context.env.get_template("document.md.j2")
    relations_template = context.env.get_template("relations.md.j2")
    rendered = []
    for document in documents:
        page = paths.document_page(document.id)
        with_pdf = context.pdfs and document.has_full_text
        files: GeneratedFiles = {
            page: markdown(
                template,
                page=views.documents.view(document),
                tasks=tasks.for_document(document.id, page),
                answers=tasks.answered_by(document.id, page),
                as_of=context.as_of_text,
                as_of_iso=context.as_of.isoformat(),
                pdf_link=link("Tải bản PDF (A4)", page, paths.document_pdf(document.id)) if with_pdf else "",
                docx_link=link("Tải bản Word (.docx)", page, paths.document_docx(document.id)) if with_pdf else "",
            ),
            paths.document_json(document.id): document_json(views.site, document, context.pdfs),
        }
        folder = context.pdf_cache
        if with_pdf and folder:
            author = views.site.bodies[document.issuer].name
            files[paths.document_pdf(document.id)] = context.made(pdf_order(document, folder, author))
            files[paths.document_docx(document.id)] = context.made(docx_order(document, folder, author))
        related = views.relations.page(document)
        if related is not None:
            files[paths.relations_page(document.id)] = markdown(relations_template, page=related)
        rendered.append(files)
    return rendered
