"""The build, top to bottom: load, resolve, render, MkDocs (given the files in memory), then put
every output in place at once (commands/transaction.py)."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from generator.commands.mkdocs_run import SiteBuildError, build_date, run_mkdocs, write_offline_index, write_zip
from generator.commands.project import OFFLINE_NAME, Project
from generator.commands.transaction import Transaction, project_lock
from generator.commands.write import SyncResult, stage_copy, stage_files, sync
from generator.corpus.load import LoadCache, load_corpus
from generator.corpus.resolve import Site, resolve
from generator.outputs.site import RenderCache, render_site
from generator.support.files import GeneratedFiles
from generator.support.parallel import Background, available_cores, in_background

__all__ = ["BuildReport", "Caches", "Project", "Seconds", "SiteBuildError", "build", "check", "generate", "write_docs"]


@dataclass(frozen=True)
class Seconds:
    """How long a build's phases took; `generate` includes `validate`."""

    validate: float
    generate: float
    mkdocs: float
    write: float

    @property
    def whole(self) -> float:
        return self.generate + self.mkdocs + self.write


@dataclass(frozen=True)
class BuildReport:
    """What one build did and how long each phase took."""

    site: Site
    docs: SyncResult
    seconds: Seconds


@dataclass
class Caches:
    """What `serve` keeps between regenerations: files loaded, document pages rendered, docs/ written."""

    loaded: LoadCache = field(default_factory=dict)
    rendered: RenderCache = field(default_factory=RenderCache)
    written: dict[str, bytes] = field(default_factory=dict)


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
    """Validate and render every generated file in memory; task status is as of `as_of` (default today)."""
    site = check(project, caches)
    return site, render(project, site, as_of, pdfs, caches)


def render(project: Project, site: Site, as_of: dt.date | None = None, pdfs: bool = True, caches: Caches | None = None) -> GeneratedFiles:
    """Render every generated file of a checked site, by path under docs/: in memory, but for the PDFs and
    Word files, which are made in (or found in) the print cache."""
    rendered = caches.rendered if caches else None
    return render_site(site, as_of or dt.date.today(), project.print_cache_dir, pdfs, rendered)


def write_docs(project: Project, as_of: dt.date | None = None, pdfs: bool = True, caches: Caches | None = None) -> tuple[Site, SyncResult]:
    """Generate and sync `docs/` only (used by `serve`)."""
    site, files = generate(project, as_of, pdfs, caches)
    return site, sync(files, project.docs_dir, caches.written if caches else None)


def build(
    project: Project,
    offline: bool = False,
    as_of: dt.date | None = None,
    pdfs: bool = True,
    speedups: bool = True,
    **mkdocs_options: object,
) -> BuildReport:
    """Generate Markdown and build the site; on any failure, docs/ and site/ are untouched.

    MkDocs reads the generated files from memory. docs/ and site/ (with `offline`, the copy that
    works opened from disk, site-offline/, and its zip in dist/) are built beside the project's and
    swapped in together once everything succeeded. Without `speedups`, the plugin's speed-ups stay
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
    with collector_paused():
        site = check(project)
        validated = time.perf_counter()
        files = render(project, site, as_of, pdfs)
    generated = time.perf_counter()
    site_dir = transaction.stage("site-offline", project.offline_dir) if offline else transaction.stage("site", project.site_dir)
    if offline:
        options["use_directory_urls"] = False
    docs_writer = DocsWriter(files, project.docs_dir, transaction.stage("docs", project.docs_dir))
    try:
        with build_date(as_of):
            handoff = empty_directory(project.handoff_dir)
            run_mkdocs(project.config_file, handoff, site_dir, offline=offline, handed=files, speedups=speedups, **options)
    except BaseException:
        docs_writer.cancel()
        raise
    if offline:
        write_offline_index(site_dir)
        dist = transaction.stage("dist", project.dist_dir)
        stage_copy(project.dist_dir, dist, leave_out={project.offline_zip.name})
        write_zip(site_dir, dist / project.offline_zip.name, OFFLINE_NAME)
    built = time.perf_counter()
    docs = docs_writer.finish()
    prune_print_cache(project.print_cache_dir, files)
    seconds = Seconds(validated - started, generated - started, built - generated, time.perf_counter() - built)
    return BuildReport(site, docs, seconds)


class DocsWriter:
    """Stages the new docs/ beside the old one while MkDocs builds, in a forked process where it can.

    Files whose bytes are unchanged are linked from the old docs/, so only what changed is written.
    """

    def __init__(self, files: GeneratedFiles, current: Path, staged: Path) -> None:
        self.files, self.current, self.staged = files, current, staged
        self.background: Background[SyncResult] | None = None
        if available_cores() >= 2:
            self.background = in_background(partial(_stage_in_spare_time, files, current, staged))

    def finish(self) -> SyncResult:
        """The staged docs/ complete; return what changed against the current one."""
        if self.background is None:
            return stage_files(self.files, self.staged, self.current)
        return self.background.result()

    def cancel(self) -> None:
        """Stop staging; the transaction deletes what was staged."""
        if self.background is not None:
            self.background.outcome()


def _stage_in_spare_time(files: GeneratedFiles, current: Path, staged: Path) -> SyncResult:
    """Stage at a low priority: MkDocs' processes, which the build waits for, come first."""
    os.nice(10)
    return stage_files(files, staged, current)


def prune_print_cache(folder: Path, files: GeneratedFiles) -> None:
    """Remove the PDFs and Word files this build did not use (docs/ keeps its own links to those it shows)."""
    used = {content.name for content in files.values() if isinstance(content, Path)}
    if folder.is_dir():
        for entry in os.scandir(folder):
            if entry.name not in used:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)


def empty_directory(path: Path) -> Path:
    """Make `path` an empty directory and return it."""
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path
