"""The publish use case: build first when site/ is missing or older than what it is built from, then publish it
while holding the build's lock, so that no build swaps site/ out from under the upload."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Unpack

import generator
from generator.commands.build import BuildReport, build
from generator.commands.project import Project
from generator.commands.transaction import project_lock
from generator.publish import PublishConfig, PublishResult, publish
from generator.publish.publishing import PublishOptions

# What a site is built from, besides data/: the MkDocs configuration and the generator's code, templates and assets.
PACKAGE = Path(generator.__file__).resolve().parent


@dataclass(frozen=True)
class Published:
    """What `publish_project` did: the build it needed (None when site/ was up to date), and the publish."""

    build: BuildReport | None
    result: PublishResult


def site_is_stale(project: Project) -> bool:
    """Whether site/ is missing, or older than a file of data/ (drafts aside), mkdocs.yml or the generator."""
    index = project.site_dir / "index.html"
    if not index.is_file():
        return True
    built = index.stat().st_mtime
    return any(_newer_than(folder, built) for folder in (project.data_dir, PACKAGE)) or _mtime(project.config_file) > built


def _newer_than(folder: Path, moment: float) -> bool:
    for parent, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if name not in ("drafts", "__pycache__", ".git")]
        if any(_mtime(Path(parent) / name) > moment for name in files):
            return True
    return False


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def publish_project(
    project: Project, config: PublishConfig, *, build_if_needed: bool = True, **options: Unpack[PublishOptions]
) -> Published:
    """Build when needed (see `site_is_stale`), then publish site/ (generator.publish.publish, with its `options`) under the
    build's lock."""
    report = build(project) if build_if_needed and site_is_stale(project) else None
    with project_lock(project.staging_dir):
        result = publish(config, project.site_dir, **options)
    return Published(report, result)
