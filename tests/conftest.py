"""Shared fixtures: project copies, a built site, a local web server and Chromium."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.support import CHROMIUM, CHROMIUM_ARGS, REPO, copy_config, copy_project, files_of, serving
from generator.commands.build import Project, build
from generator.mkdocs_plugin.plugin import SitePlugin

__all__ = ["AS_OF", "CHROMIUM", "CHROMIUM_ARGS", "REPO", "copy_config", "copy_project", "files_of", "serving"]

AS_OF = dt.date(2024, 6, 15)


def site_plugin(config_file: Path) -> SitePlugin:
    """The project's MkDocs plugin: one per process, kept by MkDocs across builds (it has on_startup)."""
    from mkdocs.config import load_config

    plugin = load_config(str(config_file)).plugins["nghi-quyet-45"]
    assert isinstance(plugin, SitePlugin)
    return plugin


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A writable copy of the project's data."""
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The real corpus, built once for the session."""
    project = copy_project(tmp_path_factory.mktemp("built"))
    build(project, as_of=AS_OF)
    return project


@pytest.fixture(scope="session")
def offline(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The real corpus built as the copy for opening from disk (site-offline/), once for the session."""
    project = copy_project(tmp_path_factory.mktemp("offline"))
    build(project, offline=True)
    return project


@pytest.fixture(scope="session")
def server(built: Project) -> Iterator[str]:
    """Serve the built site on a loopback port; yield its base URL."""
    with serving(built.site_dir) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()
