"""Intake benchmark: the project's own two full-text documents as the office receives them, imported, and what
each draft recovers: body words, noise kept, the section tree, metadata, seconds per page.

Fixtures: (a) the text hard-wrapped at 60, 70 and 80 columns inside a portal page's and a newspaper page's
chrome; (b) the site's Word file; (c) the site's PDF; (d) that PDF as a 200 dpi scan with a red round stamp over
a body paragraph and over the signature, a blue signature, a 1° tilt and scanner noise.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.intake import STAMP_WORDS, document_lines, in_newspaper, markdown_table, on_portal, scanned, words, wrapped
from generator.commands.build import Project, build
from generator.corpus.load import load_corpus, load_corpus_bodies
from generator.corpus.model import Document, Section, walk_sections
from generator.corpus.resolve import resolve
from generator.intake.formats import Source, read_document
from generator.intake.importer import import_document
from generator.intake.usecase import known_files

DOCUMENTS = ("287-ctr-ddlhhvn", "20-kh-tw")
METADATA = ("number", "type", "title", "issuer", "signer", "place", "date")


@dataclass
class Row:
    fixture: str
    document: str
    recovered: float
    noise: int
    tree_equal: bool
    metadata: str
    seconds_per_page: float


def body_words(texts: list[str]) -> Counter[str]:
    return Counter(words(" ".join(texts)))


def data_body(document: Document) -> list[str]:
    texts = list(document.preamble)
    for section, _ in walk_sections(document.sections):
        texts += [t for t in (section.number, section.title, section.text, *section.paragraphs) if t]
    return texts


def draft_body(draft: Mapping[str, Any]) -> list[str]:
    """A draft's words in order; a draft is YAML data, its sections mappings of lists."""
    texts = [str(t) for t in draft.get("preamble", [])]

    def walk(sections: list[dict[str, Any]]) -> None:
        for s in sections:
            texts.extend(str(s[k]) for k in ("number", "title", "text") if s.get(k))
            texts.extend(str(p) for p in s.get("paragraphs", []))
            walk(s.get("sections", []))

    walk(draft.get("sections", []))
    return texts


def _file_source(path: Path) -> Callable[[], Source]:
    return lambda: read_document(path)


def _wrapped_source(frame: Callable[[list[str]], list[str]], plain: list[str], width: int) -> Callable[[], Source]:
    return lambda: Source(frame(wrapped(plain, width)))


def tree(sections: list[dict[str, Any]]) -> list[object]:
    return [[s.get("number"), tree(s.get("sections", []))] for s in sections]


def data_tree(sections: tuple[Section, ...]) -> list[object]:
    return [[s.number, data_tree(s.children)] for s in sections]


def measure(root: Path) -> list[Row]:
    project = Project(root)
    build(project, as_of=dt.date(2024, 6, 15))
    site = resolve(load_corpus(project.data_dir, project.root))
    bodies = load_corpus_bodies(project.data_dir, project.root)
    known = {key: number for key, (number, _) in known_files(project.data_dir, project.root).items()}
    rows = []
    for document_id in DOCUMENTS:
        document = site.documents[document_id]
        pdf = project.site_dir / "van-ban" / f"{document_id}.pdf"
        pages = _pages(pdf)
        scan_dir = root / "scans"
        scan_dir.mkdir(exist_ok=True)
        scan = scan_dir / f"{document_id}.pdf"
        images = scanned(pdf)
        images[0].save(scan, save_all=True, append_images=images[1:], resolution=200.0)
        plain = document_lines(document)
        fixtures: list[tuple[str, Callable[[], Source]]] = [
            *(
                (f"(a) {frame.__name__.replace('_', ' ')}, {width} cột", _wrapped_source(frame, plain, width))
                for frame in (on_portal, in_newspaper)
                for width in (60, 70, 80)
            ),
            ("(b) Word", _file_source(project.site_dir / "van-ban" / f"{document_id}.docx")),
            ("(c) PDF", _file_source(pdf)),
            ("(d) bản quét 200 dpi, dấu đỏ, chữ ký xanh, nghiêng 1°", _file_source(scan)),
        ]
        for name, read in fixtures:
            started = time.perf_counter()
            source = read()
            draft, _ = import_document(source.lines, bodies, source.dropped, known, source.doubtful)
            seconds = time.perf_counter() - started
            rows.append(_row(name, document, draft.data(), seconds / pages))
    return rows


def _pages(pdf: Path) -> int:
    import pypdfium2

    return len(pypdfium2.PdfDocument(str(pdf)))


def _row(name: str, document: Document, draft: Mapping[str, Any], seconds_per_page: float) -> Row:
    truth, got = body_words(data_body(document)), body_words(draft_body(draft))
    recovered = sum(min(truth[w], got[w]) for w in truth) / sum(truth.values())
    noise = sum((got - truth).values())
    if name.startswith("(d)"):  # the stamp's words beyond those the document has
        noise = sum(max(0, got[w.lower()] - truth[w.lower()]) for w in STAMP_WORDS)
    right = sum(draft.get(field) == _expected(document, field) for field in METADATA)
    same_tree = tree(draft.get("sections", [])) == data_tree(document.sections)
    return Row(name, document.number, recovered, noise, same_tree, f"{right}/{len(METADATA)}", seconds_per_page)


def _expected(document: Document, field: str) -> object:
    value = getattr(document, field)
    return value.isoformat() if isinstance(value, dt.date) else value


def table(rows: list[Row]) -> str:
    header = ["fixture", "document", "body words recovered", "noise words kept", "section tree as the data", "metadata right", "s per page"]
    return markdown_table(
        header,
        [
            [
                r.fixture,
                r.document,
                f"{r.recovered:.1%}",
                str(r.noise),
                "yes" if r.tree_equal else "no",
                r.metadata,
                f"{r.seconds_per_page:.2f}",
            ]
            for r in rows
        ],
    )


def main() -> None:
    from bench.support import copy_project  # the real corpus and configuration, copied

    with tempfile.TemporaryDirectory(prefix="bench-intake-") as workdir:
        print(table(measure(copy_project(Path(workdir) / "project").root)))


if __name__ == "__main__":
    main()
