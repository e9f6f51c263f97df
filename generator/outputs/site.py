"""The render path: every output declared in outputs/declared.py, made for one resolved site and handed to a
sink as each job makes them. The build stages them beside docs/ (commands/write.py, `Stager`), the preview
writes what changed into docs/ and the tests keep them in memory (`Held`): the same jobs, different sinks.
A large site is rendered by all cores, each job's files put by the process that made them, so that the site
is never held in memory; PDFs and Word files are made by workers that never hold the corpus (support/makers.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Protocol

from generator.corpus.model import Body, Document
from generator.corpus.resolve import Site
from generator.outputs.declared import OUTPUTS
from generator.pages.output import BodyOutput, DocumentOutput, GatheredOutput, Output, RenderContext, SiteOutput
from generator.pages.render import markdown_environment
from generator.pages.tasks import TaskViews
from generator.pages.views import Views
from generator.support.files import Content, GeneratedFiles
from generator.support.makers import FileMakers
from generator.support.parallel import MIN_ITEMS, available_cores, chunks, run_jobs


@dataclass(frozen=True)
class Put:
    """What a sink did with some files: every path put, those that differ from the last render's, and the
    contents the rendering process keeps (`Sink.take`), sent back from whichever process put them."""

    paths: list[str]
    changed: list[str]
    held: dict[str, Content] = field(default_factory=dict)


class Sink(Protocol):
    """Where rendered files go."""

    def put(self, files: Mapping[str, Content]) -> Put:
        """Put `files` in place, in whichever process rendered them."""
        ...

    def keep(self, paths: Iterable[str]) -> Put:
        """Leave these files as the last render left them."""
        ...

    def put_pieces(self, relative: str, pieces: Iterable[bytes]) -> Put:
        """Put one file made of `pieces` in place."""
        ...

    def take(self, put: Put) -> None:
        """In the rendering process: what a `put` in any process did."""
        ...

    def read(self, relative: str) -> bytes:
        """A file already put (and taken)."""
        ...

    def finish(self, kept: set[str]) -> list[str]:
        """The render is over and made `kept`: what the last render had beyond them, now gone."""
        ...


@dataclass
class RenderCache:
    """The last render's document files (by document id, their paths), which the preview leaves in place when a
    document and its neighbours are unchanged."""

    site: Site | None = None
    settings: tuple[dt.date, bool] | None = None
    documents: dict[str, list[str]] = field(default_factory=dict)

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
class Rendered:
    """What a render put: every path, those that changed, those the last render had and this one not, and the
    print cache's files in use."""

    paths: set[str]
    changed: list[str]
    removed: list[str]
    print_files: set[str]


@dataclass(frozen=True)
class Job:
    """What one job put, the files on disk it leaves to be put last (made by the makers, maybe), and the paths
    of each document it rendered."""

    put: Put
    on_disk: dict[str, Path]
    documents: dict[str, list[str]] = field(default_factory=dict)


def render_outputs(
    site: Site,
    as_of: dt.date,
    sink: Sink,
    pdf_cache: Path | None = None,
    pdfs: bool = True,
    makers: FileMakers | None = None,
    cache: RenderCache | None = None,
    outputs: Sequence[Output] = OUTPUTS,
    site_url: str = "",
) -> Rendered:
    """Make every output for `site`, task status as of `as_of`, and hand the files to `sink`.

    With `pdfs`, each document with its full text also gets a PDF and a Word file, made in `pdf_cache` (by
    `makers` while this process renders the pages, when given) unless there already: they are named by a
    digest of what makes them. With `cache`, documents whose files are still right are not rendered again.
    """
    if pdfs and pdf_cache is None:
        raise ValueError("PDFs need a folder to be made in")
    context = RenderContext(markdown_environment(), Views.of(site), TaskViews(site, as_of), as_of, pdfs, pdf_cache, makers, site_url)
    reused = cache.reusable(site, (as_of, pdfs)) if cache else set()
    stale = [document for document in site.documents.values() if document.id not in reused]
    # With makers, they take the other cores: this process alone holds the corpus.
    cores = available_cores() if len(site.documents) >= MIN_ITEMS and makers is None else 1
    each_body = [o for o in outputs if isinstance(o, BodyOutput)]
    each_document = [o for o in outputs if isinstance(o, DocumentOutput)]
    jobs: list[Callable[[], Job]] = [partial(_site_job, sink, context, o) for o in outputs if isinstance(o, SiteOutput)]
    jobs += [partial(_bodies_job, sink, context, each_body, part) for part in chunks(list(site.bodies.values()), cores)]
    jobs += [partial(_documents_job, sink, context, each_document, part) for part in chunks(stale, cores)]
    done = run_jobs(jobs, cores)
    if cache is not None and reused:
        done.append(Job(sink.keep(path for i in sorted(reused) for path in cache.documents[i]), {}))
    if makers is not None:
        makers.close()
    on_disk = {relative: path for job in done for relative, path in job.on_disk.items()}
    puts = [job.put for job in done]
    puts.append(sink.put(on_disk))
    for put in puts:
        sink.take(put)
    for gathered in (o for o in outputs if isinstance(o, GatheredOutput)):
        puts.append(sink.put_pieces(gathered.path, gathered.pieces(site, sink.read)))
        sink.take(puts[-1])
    if cache is not None:
        rendered = {i: paths for job in done for i, paths in job.documents.items()}
        cache.site, cache.settings = site, (as_of, pdfs)
        cache.documents = {i: rendered[i] if i in rendered else cache.documents[i] for i in site.documents}
    kept = {path for put in puts for path in put.paths}
    return Rendered(kept, sorted({path for put in puts for path in put.changed}), sink.finish(kept), {p.name for p in on_disk.values()})


def _job(sink: Sink, files: GeneratedFiles, documents: dict[str, list[str]] | None = None) -> Job:
    """Put the files held in memory; leave those on disk to be put once the makers are done."""
    in_memory = {relative: content for relative, content in files.items() if not isinstance(content, Path)}
    on_disk = {relative: content for relative, content in files.items() if isinstance(content, Path)}
    return Job(sink.put(in_memory), on_disk, documents or {})


def _site_job(sink: Sink, context: RenderContext, output: SiteOutput) -> Job:
    return _job(sink, output.make(context))


def _bodies_job(sink: Sink, context: RenderContext, outputs: Sequence[BodyOutput], bodies: Sequence[Body]) -> Job:
    return _job(sink, {path: content for body in bodies for output in outputs for path, content in output.make(context, body).items()})


def _documents_job(sink: Sink, context: RenderContext, outputs: Sequence[DocumentOutput], documents: Sequence[Document]) -> Job:
    files: GeneratedFiles = {}
    made: dict[str, list[str]] = {}
    for document in documents:
        own = {path: content for output in outputs for path, content in output.make(context, document).items()}
        made[document.id] = sorted(own)
        files.update(own)
    return _job(sink, files, made)
