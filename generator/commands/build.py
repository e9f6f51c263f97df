"""The build, top to bottom: load, resolve and render into a staged docs/ (in a process of its own), MkDocs
into a staged site/, then put every output in place at once (commands/transaction.py)."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from generator.commands.mkdocs_run import SiteBuildError, build_date, run_mkdocs, write_offline_index, write_zip
from generator.commands.project import OFFLINE_NAME, Project
from generator.commands.transaction import Transaction, project_lock
from generator.commands.write import Held, Stager, SyncResult, stage_copy
from generator.corpus.load import LoadCache, load_corpus
from generator.corpus.resolve import Site, resolve
from generator.outputs.site import RenderCache, Rendered, render_outputs
from generator.support.files import Content, GeneratedFiles
from generator.support.makers import FileMakers
from generator.support.parallel import available_cores, run_apart

__all__ = ["BuildReport", "Caches", "Project", "Seconds", "SiteBuildError", "build", "check", "generate", "write_docs"]


@dataclass(frozen=True)
class Seconds:
    """How long a build's phases took; `generate` includes `validate`."""

    validate: float
    generate: float
    mkdocs: float
    write: float  # after MkDocs: the offline copy's extras, the print cache's pruning

    @property
    def whole(self) -> float:
        return self.generate + self.mkdocs + self.write


@dataclass(frozen=True)
class BuildReport:
    """What one build did and how long each phase took."""

    documents: int
    docs: SyncResult
    seconds: Seconds


@dataclass
class Caches:
    """What `serve` keeps between regenerations: files loaded, which documents made which files, and every
    file the last render made."""

    loaded: LoadCache = field(default_factory=dict)
    rendered: RenderCache = field(default_factory=RenderCache)
    written: dict[str, Content] = field(default_factory=dict)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector: generation only adds objects that live to its end, and the
    collector would walk the growing model again and again (a tenth of the generation time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check(project: Project, caches: Caches | None = None) -> Site:
    """Load and resolve the corpus; raise ValidationError on any problem."""
    return resolve(load_corpus(project.data_dir, project.root, caches.loaded if caches else None))


def generate(
    project: Project, as_of: dt.date | None = None, pdfs: bool = True, caches: Caches | None = None
) -> tuple[Site, GeneratedFiles]:
    """Validate and render every generated file, held in memory (the PDFs and Word files, made in or found in the
    print cache, as their paths there), by path under docs/; task status is as of `as_of` (default today)."""
    site, sink, _ = _render_held(project, as_of, pdfs, caches)
    return site, dict(sorted(sink.files.items()))


def write_docs(project: Project, as_of: dt.date | None = None, pdfs: bool = True, caches: Caches | None = None) -> tuple[Site, SyncResult]:
    """Validate and render into `docs/` itself, writing only the files that changed (used by `serve`)."""
    site, _, rendered = _render_held(project, as_of, pdfs, caches, project.docs_dir)
    return site, SyncResult(rendered.changed, rendered.removed)


def _render_held(
    project: Project, as_of: dt.date | None, pdfs: bool, caches: Caches | None, folder: Path | None = None
) -> tuple[Site, Held, Rendered]:
    """Validate, then render every output into a `Held` sink (writing into `folder` too, when given)."""
    site = check(project, caches)
    sink = Held(caches.written if caches else None, folder)
    cache = caches.rendered if caches else None
    rendered = render_outputs(site, as_of or dt.date.today(), sink, project.print_cache_dir, pdfs, cache=cache, site_url=project.site_url())
    return site, sink, rendered


def build(
    project: Project,
    offline: bool = False,
    as_of: dt.date | None = None,
    pdfs: bool = True,
    speedups: bool = True,
    **mkdocs_options: object,
) -> BuildReport:
    """Generate Markdown and build the site; on any failure, docs/ and site/ are untouched.

    Generation writes each file into a staged docs/ as it is made, and MkDocs reads them from there. docs/ and
    site/ (with `offline`, instead, the copy that works opened from disk, site-offline/, and its zip in dist/,
    leaving docs/ and site/ as they were) are
    built beside the project's and swapped in together once everything succeeded. Without `speedups`, the plugin's speed-ups stay
    off (the site is the same). One build at a time: a second one waits for the first.
    """
    with project_lock(project.staging_dir):
        transaction = Transaction(project.transaction_dir)
        try:
            report = _build(project, transaction, offline, as_of or dt.date.today(), pdfs, speedups, mkdocs_options)
            transaction.commit()
        except BaseException:
            transaction.abort()
            raise
    return report


def _build(
    project: Project, transaction: Transaction, offline: bool, as_of: dt.date, pdfs: bool, speedups: bool, options: dict[str, object]
) -> BuildReport:
    started = time.perf_counter()
    site_dir = transaction.stage("site-offline", project.offline_dir) if offline else transaction.stage("site", project.site_dir)
    if offline:
        options["use_directory_urls"] = False
    # The offline copy's Markdown is not the docs/ that site/ was built from: it stays apart, so docs/ and site/
    # remain the pair of the last `build`.
    staged_docs = transaction.scratch("docs") if offline else transaction.stage("docs", project.docs_dir)
    stager = Stager(staged_docs, project.docs_dir)
    # In a process of its own, which gives back all it took when it ends: MkDocs, next, never holds the corpus.
    staged = run_apart(partial(_generate_staged, project, stager, as_of, pdfs, project.site_url(options.get("site_url"))))
    generated = time.perf_counter()
    with build_date(as_of):
        run_mkdocs(project.config_file, stager.staged, site_dir, offline=offline, speedups=speedups, **options)
    if offline:
        write_offline_index(site_dir)
        dist = transaction.stage("dist", project.dist_dir)
        stage_copy(project.dist_dir, dist, leave_out={project.offline_zip.name})
        write_zip(site_dir, dist / project.offline_zip.name, OFFLINE_NAME)
    built = time.perf_counter()
    if pdfs:  # a build without them leaves the cache for the next one with them
        prune_print_cache(project.print_cache_dir, staged.files.print_files)
    docs = SyncResult([], []) if offline else SyncResult(staged.files.changed, staged.files.removed)
    seconds = Seconds(staged.validate, generated - started, built - generated, time.perf_counter() - built)
    return BuildReport(staged.documents, docs, seconds)


@dataclass(frozen=True)
class StagedCorpus:
    """What generation left in the staged docs/, and how long validation took."""

    documents: int
    files: Rendered
    validate: float


def _generate_staged(project: Project, stager: Stager, as_of: dt.date, pdfs: bool, site_url: str) -> StagedCorpus:
    started = time.perf_counter()
    # Started while this process is small: they never hold the corpus (support/makers.py).
    cores = available_cores()
    makers = FileMakers(cores) if pdfs and cores >= 2 else None
    try:
        with collector_paused():
            site = check(project)
            validated = time.perf_counter()
            staged = render_outputs(site, as_of, stager, project.print_cache_dir, pdfs, makers, site_url=site_url)
    finally:
        if makers is not None:
            makers.stop()
    return StagedCorpus(len(site.documents), staged, validated - started)


def prune_print_cache(folder: Path, used: set[str]) -> None:
    """Remove the PDFs and Word files this build did not use (docs/ keeps its own links to those it shows)."""
    if folder.is_dir():
        for entry in os.scandir(folder):
            if entry.name not in used:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
