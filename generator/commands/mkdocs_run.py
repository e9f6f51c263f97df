"""Running MkDocs: a strict build of the generated docs/, dated by the as-of date, and the offline copy's extras."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.support.engine import engine, engine_loggers

if TYPE_CHECKING:  # MkDocs and the plugin are imported only when MkDocs runs
    from mkdocs.config.defaults import MkDocsConfig

    from generator.mkdocs_plugin.plugin import SitePlugin


class SiteBuildError(Exception):
    """MkDocs refused to build the generated Markdown."""


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
    speedups: bool = True,
    **options: Any,
) -> SitePlugin:
    """Run a strict MkDocs build of `docs_dir` into a fresh `site_dir`.

    Return the project's plugin, which holds what the build did (how the pages were shared out).
    """
    engine()  # MkDocs, or ProperDocs answering for it
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
        mkdocs_build(config)
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
    for root in engine_loggers():
        logger = logging.getLogger(root)
        if not any(getattr(h, "_generator", False) for h in logger.handlers):
            handler = logging.StreamHandler()
            handler.setLevel(logging.WARNING)
            handler.setFormatter(logging.Formatter("MkDocs %(levelname)s: %(message)s"))
            handler._generator = True  # type: ignore[attr-defined]  # marks our handler, so it is added once
            logger.addHandler(handler)
        logger.setLevel(logging.INFO)
