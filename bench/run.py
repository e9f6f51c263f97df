"""Time and size each phase of the build at several corpus sizes, and plain MkDocs on the same Markdown."""

from __future__ import annotations

import gzip
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from bench.corpus import make_corpus
from bench.phases import AS_OF, measure_in_fresh_process, peak_memory_in_fresh_process
from generator.commands.build import Caches, Project, Seconds, check, write_docs
from generator.corpus.model import Document, walk_sections


@dataclass
class Figures:
    """One row of the table."""

    count: int
    seconds: Seconds  # the build with PDFs and Word files, from a fresh clone's state
    site_only: float  # the whole build without them
    peak_mb: float  # of the build with them, every process it started included
    plain: float
    site_mb: float
    site_gz_mb: float
    html_overhead_kb: float
    html_overhead_median_kb: float
    rewritten: int
    rewrite_seconds: float

    @property
    def whole(self) -> float:
        return self.seconds.whole


def plain_config(root: Path, docs: Path, site: Path) -> Path:
    """A minimal MkDocs config for the same Markdown: Material, the extensions it needs, the same nav."""
    ours = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config = {
        "site_name": "plain",
        "docs_dir": str(docs),
        "site_dir": str(site),
        "theme": {"name": "material"},
        "markdown_extensions": ["attr_list", "md_in_html", "tables", "toc"],
        "nav": ours["nav"],
    }
    path = root / "plain.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def own_text_bytes(document: Document) -> int:
    """The bytes of the document's own words: its number, header and signature blocks, title and full text."""
    texts = [document.number, document.title or "", *document.preamble, *(r.text for r in document.recipients), *document.notes]
    if document.header:
        header = document.header
        texts += [*header.issuer_lines, header.motto, header.place_date, header.kind_line, *header.title_lines]
    if document.signature:
        texts += [*document.signature.lines, document.signature.name]
    for section, _ in walk_sections(document.sections):
        texts += [t for t in (section.title, section.text, *section.paragraphs) if t]
    return sum(len(t.encode("utf-8")) for t in texts)


def fresh_clone_state(project: Project) -> None:
    """Leave the project as a fresh clone has it: no docs/, site/ or .build/ (no print cache)."""
    for folder in (project.docs_dir, project.site_dir, project.staging_dir):
        shutil.rmtree(folder, ignore_errors=True)


def measure(count: int, workdir: Path) -> Figures:
    project = Project(make_corpus(workdir / f"corpus-{count}", count))
    site_only = measure_in_fresh_process("site", project.root)
    fresh_clone_state(project)
    peak = peak_memory_in_fresh_process("build", project.root)
    fresh_clone_state(project)
    timed = measure_in_fresh_process("build", project.root)
    plain_site = workdir / f"plain-{count}"
    plain = measure_in_fresh_process("plain", plain_config(project.root, project.docs_dir, plain_site))["plain"]
    site = check(project)

    all_files = [p for p in project.site_dir.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in all_files)
    size_gz = sum(len(gzip.compress(p.read_bytes(), 6)) for p in all_files if p.suffix in (".html", ".json", ".js", ".css", ".xml"))
    overheads = [(project.site_dir / "van-ban" / d.id / "index.html").stat().st_size - own_text_bytes(d) for d in site.documents.values()]
    caches = Caches()  # as `serve` keeps them
    write_docs(project, AS_OF, pdfs=False, caches=caches)
    edited = project.data_dir / "documents" / sorted((project.data_dir / "documents").glob("1*.yaml"))[0].name
    edited.write_text(edited.read_text(encoding="utf-8").replace("signer_title: Bí thư", "signer_title: Phó Bí thư"), encoding="utf-8")
    rewrite_started = time.perf_counter()
    _, result = write_docs(project, AS_OF, pdfs=False, caches=caches)
    rewrite_seconds = time.perf_counter() - rewrite_started
    return Figures(
        count=len(site.documents),
        seconds=Seconds(**timed),
        site_only=Seconds(**site_only).whole,
        peak_mb=peak,
        plain=plain,
        site_mb=size / 1e6,
        site_gz_mb=size_gz / 1e6,
        html_overhead_kb=max(overheads) / 1e3,
        html_overhead_median_kb=sorted(overheads)[len(overheads) // 2] / 1e3,
        rewritten=len(result.written) + len(result.removed),
        rewrite_seconds=rewrite_seconds,
    )


def table(rows: list[Figures]) -> str:
    head = (
        "| documents | validate s | generate s | MkDocs s | after MkDocs s | whole build s | without PDFs and Word s "
        "| with / without | plain MkDocs s | whole / plain | peak memory MB "
        "| site MB | site MB gzip | HTML per page beyond its text, median / max KB | files rewritten after one edit | rewrite s |"
    )
    lines = [head, "|" + " --- |" * 16]
    for r in rows:
        lines.append(
            f"| {r.count} | {r.seconds.validate:.2f} | {r.seconds.generate:.2f} | {r.seconds.mkdocs:.2f} | {r.seconds.write:.2f} "
            f"| {r.whole:.2f} | {r.site_only:.2f} | {r.whole / r.site_only:.2f} | {r.plain:.2f} | {r.whole / r.plain:.2f} "
            f"| {r.peak_mb:.0f} | {r.site_mb:.1f} | {r.site_gz_mb:.1f} "
            f"| {r.html_overhead_median_kb:.1f} / {r.html_overhead_kb:.1f} | {r.rewritten} | {r.rewrite_seconds:.2f} |"
        )
    return "\n".join(lines)


def run(counts: list[int], keep: Path | None = None) -> list[Figures]:
    workdir = keep or Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        return [measure(count, workdir) for count in counts]
    finally:
        if keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
