"""A private copy of data/ with some files replaced (a form not yet saved, a draft): what `check` validates and the
preview renders before anything is written to data/ itself."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Mapping
from pathlib import Path

from generator.commands.build import Caches, check
from generator.commands.project import Project
from generator.corpus.errors import Problem, ValidationError
from generator.corpus.resolve import Site

# What data/ holds that is not the corpus: the importer's drafts.
LEFT_OUT = ("drafts",)
Overlay = Mapping[str, bytes | None]  # path under data/ -> the bytes it holds instead (None: left out)


def corpus_files(data_dir: Path) -> dict[str, os.stat_result]:
    """Every regular YAML file of the corpus under `data_dir`, by its path under it."""
    found = {}
    for path in data_dir.rglob("*.yaml"):
        relative = path.relative_to(data_dir)
        if relative.parts[0] in LEFT_OUT or path.name.startswith("."):
            continue
        info = path.lstat()
        if path.is_file() and not path.is_symlink():
            found[relative.as_posix()] = info
    return found


class Mirror:
    """`root`/data kept equal to the project's data/ with an overlay; only what differs is rewritten."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data_dir = root / "data"
        self._copied: dict[str, tuple[int, int]] = {}  # what each mirrored file was copied from: (mtime_ns, size)
        self._overlaid: set[str] = set()

    def sync(self, data_dir: Path, overlay: Overlay) -> list[str]:
        """Make the mirror data/ + overlay; return the paths rewritten or removed."""
        changed = []
        sources = corpus_files(data_dir)
        wanted = set(sources) | {path for path, data in overlay.items() if data is not None}
        for relative in sorted(wanted):
            if relative in overlay:
                data = overlay[relative]
                assert data is not None
                if self._write_if_changed(relative, data):
                    changed.append(relative)
                self._copied.pop(relative, None)
                continue
            stamp = (sources[relative].st_mtime_ns, sources[relative].st_size)
            if self._copied.get(relative) == stamp and relative not in self._overlaid:
                continue
            if self._write_if_changed(relative, (data_dir / relative).read_bytes()):
                changed.append(relative)
            self._copied[relative] = stamp
        self._overlaid = {path for path in overlay if overlay[path] is not None}
        for path in self.data_dir.rglob("*.yaml") if self.data_dir.is_dir() else ():
            relative = path.relative_to(self.data_dir).as_posix()
            if relative not in wanted:
                path.unlink()
                self._copied.pop(relative, None)
                changed.append(relative)
        return changed

    def _write_if_changed(self, relative: str, data: bytes) -> bool:
        target = self.data_dir / relative
        with contextlib.suppress(FileNotFoundError):
            if target.read_bytes() == data:
                return False
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)
        return True


class Checker:
    """Validation as `nq45 check` does it, of data/ as it is or with an overlay, with loaded files kept between runs."""

    def __init__(self, project: Project, folder: Path) -> None:
        self.project = project
        self.mirror = Mirror(folder)
        self._caches = Caches()
        self._data_caches = Caches()
        self._lock = threading.Lock()

    def problems(self, overlay: Overlay) -> list[Problem]:
        """Every problem `check` finds in data/ with `overlay` in place (none: it is valid)."""
        with self._lock:
            self.mirror.sync(self.project.data_dir, overlay)
            try:
                check(Project(self.mirror.root), self._caches)
            except ValidationError as error:
                return list(error.problems)
            return []

    def site(self) -> tuple[Site | None, list[Problem]]:
        """data/ resolved, or its problems (someone edited a file by hand)."""
        with self._lock:
            try:
                return check(self.project, self._data_caches), []
            except ValidationError as error:
                return None, list(error.problems)
