"""The build, top to bottom: load, resolve, render, MkDocs (given the files in memory), then write."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import logging
import os
import shutil
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.commands.write import SyncResult, is_empty, replace_directory, sync
from generator.corpus.load import LoadCache, load_corpus
from generator.corpus.resolve import Site, resolve
from generator.outputs.site import RenderCache, render_site
from generator.support.parallel import Background, available_cores, in_background

if TYPE_CHECKING:  # MkDocs and the plugin are imported only by the commands that run MkDocs
    from mkdocs.config.defaults import MkDocsConfig

    from generator.mkdocs_plugin.plugin import SitePlugin

OFFLINE_NAME = "nghi-quyet-45-offline"


class SiteBuildError(Exception):
    """MkDocs refused to build the generated Markdown."""


@dataclass(frozen=True)
class Project:
    """The directories one build reads and writes."""

    root: Path

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def staging_dir(self) -> Path:
        return self.root / ".build"

    @property
    def handoff_dir(self) -> Path:
        """The docs_dir MkDocs gets when the files are handed to it in memory: always empty."""
        return self.staging_dir / "handoff"

    @property
    def offline_dir(self) -> Path:
        return self.root / "site-offline"

    @property
    def offline_zip(self) -> Path:
        return self.root / "dist" / f"{OFFLINE_NAME}.zip"


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
) -> tuple[Site, dict[str, bytes]]:
    """Validate and render every generated file in memory; task status is as of `as_of` (default today)."""
    site = check(project, caches)
    return site, render(project, site, as_of, pdfs, caches)


def render(project: Project, site: Site, as_of: dt.date | None = None, pdfs: bool = True, caches: Caches | None = None) -> dict[str, bytes]:
    """Render every generated file of a checked site in memory, by path under docs/."""
    rendered = caches.rendered if caches else None
    return render_site(site, as_of or dt.date.today(), project.staging_dir / "pdf-cache", pdfs, rendered)


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

    MkDocs reads the generated files from memory; docs/ gets them once the site is built. With
    `offline`, build the copy that works opened from disk into site-offline/ and zip it. Without
    `speedups`, the plugin's speed-ups stay off (the site is the same).
    """
    started = time.perf_counter()
    with collector_paused():
        site = check(project)
        validated = time.perf_counter()
        files = render(project, site, as_of, pdfs)
    generated = time.perf_counter()
    staged_site = project.staging_dir / ("site-offline" if offline else "site")
    if offline:
        mkdocs_options["use_directory_urls"] = False
    docs_writer = DocsWriter(files, project)
    try:
        with build_date(as_of or dt.date.today()):
            run_mkdocs(
                project.config_file,
                empty_directory(project.handoff_dir),
                staged_site,
                offline=offline,
                handed=files,
                speedups=speedups,
                **mkdocs_options,
            )
    except BaseException:
        docs_writer.cancel()
        raise
    if offline:
        write_offline_index(staged_site)
    built = time.perf_counter()
    docs = docs_writer.finish()
    replace_directory(staged_site, project.offline_dir if offline else project.site_dir)
    if offline:
        write_zip(project.offline_dir, project.offline_zip, OFFLINE_NAME)
    seconds = Seconds(validated - started, generated - started, built - generated, time.perf_counter() - built)
    return BuildReport(site, docs, seconds)


class DocsWriter:
    """Puts the generated files in docs/ once the site is built, touching only what changed.

    When docs/ is empty or missing (a first build), a forked process writes every file into
    .build/docs while MkDocs builds, and the finished folder is renamed into place.
    """

    def __init__(self, files: dict[str, bytes], project: Project) -> None:
        self.files, self.docs = files, project.docs_dir
        self.staged = project.staging_dir / "docs"
        self.background: Background[SyncResult] | None = None
        if available_cores() >= 2 and is_empty(self.docs):
            self.background = in_background(partial(_sync_in_spare_time, files, empty_directory(self.staged)))

    def finish(self) -> SyncResult:
        """Put the files in docs/; return what changed there."""
        if self.background is None:
            return sync(self.files, self.docs)
        result = self.background.result()
        replace_directory(self.staged, self.docs)
        return result

    def cancel(self) -> None:
        """Leave docs/ as it was."""
        if self.background is not None:
            self.background.outcome()
            shutil.rmtree(self.staged, ignore_errors=True)


def _sync_in_spare_time(files: dict[str, bytes], target: Path) -> SyncResult:
    """Sync at a low priority: MkDocs' processes, which the build waits for, come first."""
    os.nice(10)
    return sync(files, target)


def empty_directory(path: Path) -> Path:
    """Make `path` an empty directory and return it."""
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


@contextlib.contextmanager
def build_date(date: dt.date) -> Iterator[None]:
    """Date MkDocs' sitemap by the as-of date instead of the clock, so output depends on input only."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC).timestamp()))
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def write_offline_index(site_dir: Path) -> None:
    """Wrap the search index in the script Material loads when pages are opened from disk."""
    index = (site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    script = "var __index = " + index.replace("</", "<\\/") + ";\n"
    (site_dir / "search" / "search_index.js").write_text(script, encoding="utf-8")


def write_zip(directory: Path, target: Path, folder: str) -> None:
    """Zip `directory` under `folder/`, byte-identical for identical input (fixed times, sorted)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in directory.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(directory).as_posix()}", date_time=(2023, 11, 24, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    temporary.replace(target)


def run_mkdocs(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    offline: bool = False,
    handed: dict[str, bytes] | None = None,
    speedups: bool = True,
    **options: Any,
) -> SitePlugin:
    """Run a strict MkDocs build of `docs_dir`, or of the `handed` files, into a fresh `site_dir`.

    Return the project's plugin, which holds what the build did (how the pages were shared out).
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    if site_dir.exists():
        shutil.rmtree(site_dir)
    _show_mkdocs_warnings()
    try:
        config = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True, **options)
        config.extra["offline"] = offline
        plugin = site_plugin(config)
        plugin.config.speedups = plugin.config.speedups and speedups
        plugin.hand(handed)
        try:
            mkdocs_build(config)
        finally:
            plugin.hand(None)  # MkDocs keeps the plugin for the process: let the files go
        return plugin
    except (Abort, ConfigurationError) as error:
        if site_dir.exists():
            shutil.rmtree(site_dir)
        raise SiteBuildError(str(error)) from error


def site_plugin(config: MkDocsConfig) -> SitePlugin:
    """The project's plugin in a loaded config; SiteBuildError when mkdocs.yml does not name it."""
    from generator.mkdocs_plugin.plugin import NAME, SitePlugin

    plugin = config.plugins.get(NAME)
    if not isinstance(plugin, SitePlugin):
        raise SiteBuildError(f'mkdocs.yml cần có plugin "{NAME}" trong mục plugins (xem README, phần "Hai lệnh")')
    return plugin


def _show_mkdocs_warnings() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_generator", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("MkDocs %(levelname)s: %(message)s"))
        handler._generator = True  # type: ignore[attr-defined]  # marks our handler, so it is added once
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
