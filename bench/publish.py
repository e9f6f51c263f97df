"""`python -m bench.publish [--count 1000]`: publish the synthetic site to a local SSH target (Debian's sshd on a
loopback port, as the tests start it) the first time, after one document changes, and with nothing changed; print
seconds, files and bytes that travelled (rsync --stats, compressed as it sends them)."""

from __future__ import annotations

import argparse
import logging
import os
import platform
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import make_corpus
from bench.intake import markdown_table
from bench.phases import AS_OF
from bench.servers import ssh_server
from generator.commands.build import Project, build
from generator.publish import PublishConfig, TargetResult, load_targets, publish


@dataclass(frozen=True)
class Row:
    """One publish of the benchmark."""

    what: str
    result: TargetResult
    seconds: float

    @property
    def changed(self) -> int:
        changes = self.result.changes
        return len(changes.added) + len(changes.changed) + len(changes.deleted)

    @property
    def search_files(self) -> int:
        changes = self.result.changes
        return sum(1 for path in (*changes.added, *changes.changed, *changes.deleted) if path.startswith("search/"))


def measure(count: int, workdir: Path) -> tuple[Project, list[Row]]:
    project = Project(make_corpus(workdir / "corpus", count))
    build(project, as_of=AS_OF)
    www = workdir / "www"
    www.mkdir()
    rows = []
    with ssh_server(workdir / "sshd") as server:
        (project.root / "publish.yaml").write_text("targets:\n" + server.target_yaml("bench", www), encoding="utf-8")
        config = load_targets(project.root)
        rows.append(_timed("first publish", config, project))
        edited = sorted((project.data_dir / "documents").glob("1*.yaml"))[0]
        text = edited.read_text(encoding="utf-8")
        edited.write_text(text.replace("signer_title: Bí thư", "signer_title: Phó Bí thư", 1), encoding="utf-8")
        build(project, as_of=AS_OF)
        rows.append(_timed("after one document changed", config, project))
        rows.append(_timed("nothing changed", config, project))
    return project, rows


def _timed(what: str, config: PublishConfig, project: Project) -> Row:
    started = time.perf_counter()
    result = publish(config, project.site_dir).targets[0]
    return Row(what, result, time.perf_counter() - started)


def table(project: Project, rows: list[Row]) -> str:
    files = [p for p in project.site_dir.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files) / 1e6
    header = ["publish", "files changed (search index)", "files sent", "MB sent", "MB received", "seconds"]
    cells = [
        [
            row.what,
            f"{row.changed:,} ({row.search_files:,})",
            f"{row.result.files_sent:,}",
            f"{row.result.bytes_sent / 1e6:.2f}",
            f"{row.result.bytes_received / 1e6:.2f}",
            f"{row.seconds:.2f}",
        ]
        for row in rows
    ]
    return f"Site: {len(files):,} files, {size:.1f} MB.\n" + markdown_table(header, cells)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.publish")
    parser.add_argument("--count", type=int, default=1000, help="synthetic documents (default 1000)")
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="bench-publish-") as workdir:
        project, rows = measure(args.count, Path(workdir))
        print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        print(f"Publish of {args.count} synthetic documents (plus the real ones) to a local SSH target:")
        print(table(project, rows))


if __name__ == "__main__":
    main()
