"""The folders a project reads and writes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

OFFLINE_NAME = "nghi-quyet-45-offline"


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

    def site_url(self, override: object = None) -> str:
        """Where the site is published: `override` (the build's --site-url), else mkdocs.yml's site_url, else ""."""
        if override:
            return str(override)
        try:
            config = yaml.safe_load(self.config_file.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            return ""  # MkDocs reports an unreadable config itself
        return str(config.get("site_url") or "") if isinstance(config, dict) else ""

    @property
    def staging_dir(self) -> Path:
        return self.root / ".build"

    @property
    def print_cache_dir(self) -> Path:
        """Where PDFs and Word files are made, named by a digest of what makes them; a build links them into
        docs/ and leaves only those it used."""
        return self.staging_dir / "print-cache"

    @property
    def offline_dir(self) -> Path:
        return self.root / "site-offline"

    @property
    def dist_dir(self) -> Path:
        return self.root / "dist"

    @property
    def offline_zip(self) -> Path:
        return self.dist_dir / f"{OFFLINE_NAME}.zip"

    @property
    def transaction_dir(self) -> Path:
        """Where a build stages its outputs before swapping them in (commands/transaction.py)."""
        return self.staging_dir / "txn"
