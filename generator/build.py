"""The build, top to bottom: load, resolve, render, write, then MkDocs."""

from __future__ import annotations

import logging
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from generator.load import load_corpus
from generator.render import render_site
from generator.resolve import Site, resolve
from generator.write import SyncResult, replace_directory, sync


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


@dataclass(frozen=True)
class BuildReport:
    """What one build did and how long each phase took."""

    site: Site
    docs: SyncResult
    seconds_generate: float
    seconds_mkdocs: float


def check(project: Project) -> Site:
    """Load and resolve the corpus; raise ValidationError on any problem."""
    return resolve(load_corpus(project.data_dir, project.root))


def generate(project: Project) -> tuple[Site, dict[str, bytes]]:
    """Validate and render every generated file in memory."""
    site = check(project)
    return site, render_site(site)


def write_docs(project: Project) -> tuple[Site, SyncResult]:
    """Generate and sync `docs/` only (used by `serve`)."""
    site, files = generate(project)
    return site, sync(files, project.docs_dir)


def build(project: Project, **mkdocs_options: object) -> BuildReport:
    """Generate Markdown and build the site; on any failure, docs/ and site/ are untouched."""
    started = time.perf_counter()
    site, files = generate(project)
    staged_docs = project.staging_dir / "docs"
    staged_site = project.staging_dir / "site"
    sync(files, staged_docs)
    generated = time.perf_counter()
    run_mkdocs(project.config_file, staged_docs, staged_site, **mkdocs_options)
    finished = time.perf_counter()
    docs = sync(files, project.docs_dir)
    replace_directory(staged_site, project.site_dir)
    return BuildReport(site, docs, generated - started, finished - generated)


def run_mkdocs(config_file: Path, docs_dir: Path, site_dir: Path, **options: object) -> None:
    """Run a strict MkDocs build of `docs_dir` into a fresh `site_dir`."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    if site_dir.exists():
        shutil.rmtree(site_dir)
    _show_mkdocs_warnings()
    try:
        config = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True, **options)
        mkdocs_build(config)
    except (Abort, ConfigurationError) as error:
        if site_dir.exists():
            shutil.rmtree(site_dir)
        raise SiteBuildError(str(error)) from error


def _show_mkdocs_warnings() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_generator", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("MkDocs %(levelname)s: %(message)s"))
        handler._generator = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
