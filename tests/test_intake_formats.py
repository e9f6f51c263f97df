"""The office's other formats: the site's own PDF (a text layer, two-column header and footer) and Word file
(header and signature in tables) give the draft the plain text gives, with the editorial notes read back."""

from __future__ import annotations

import datetime as dt

import pytest

from bench.intake import document_lines
from generator.commands.build import Project, build
from generator.corpus.load import load_corpus, load_corpus_bodies
from generator.corpus.resolve import resolve
from generator.intake.formats import SourceError, read_document
from tests.conftest import copy_project
from tests.support import imported


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = copy_project(tmp_path_factory.mktemp("intake-formats"))
    build(project, as_of=dt.date(2024, 6, 15))
    return project


@pytest.mark.parametrize("document_id", ["287-ctr-ddlhhvn", "20-kh-tw"])
@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_the_sites_own_files_give_the_plain_texts_draft(printed: Project, document_id: str, suffix: str) -> None:
    site = resolve(load_corpus(printed.data_dir, printed.root))
    bodies = load_corpus_bodies(printed.data_dir, printed.root)
    document = site.documents[document_id]
    plain, _ = imported(document_lines(document), bodies)
    received = read_document(printed.site_dir / "van-ban" / f"{document_id}.{suffix}")
    draft, report = imported(received.lines, bodies, received.dropped)
    assert report.unplaced == []
    for name in ("number", "type", "title", "issuer", "signer", "signer_title", "place", "date", "preamble", "sections", "recipients"):
        assert draft.get(name) == plain.get(name), name
    header, expected = draft["header"], plain["header"]
    assert isinstance(header, dict) and isinstance(expected, dict)
    assert {k: v for k, v in header.items() if k != "title_lines"} == {k: v for k, v in expected.items() if k != "title_lines"}
    assert " ".join(header["title_lines"]) == " ".join(expected["title_lines"])  # wrapped at another width in print
    assert draft["notes"] == list(document.notes)
    if suffix == "pdf":
        assert [text for _, text, reason in report.noise if reason == "số trang"][:2] == ["1 / 4", "2 / 4"]


def test_a_pdf_without_any_text_says_so(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import typst

    source = tmp_path / "scan.typ"
    source.write_text('#set page(paper: "a4")\n#rect(width: 5cm, height: 3cm, fill: red)\n', encoding="utf-8")
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(typst.compile(source))
    with pytest.raises(SourceError, match=r"Không nhận dạng được chữ nào trong scan\.pdf"):
        read_document(pdf)


def test_a_damaged_pdf_is_a_message(tmp_path) -> None:  # type: ignore[no-untyped-def]
    pdf = tmp_path / "hong.pdf"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF")
    with pytest.raises(SourceError, match=r"hong\.pdf"):
        read_document(pdf)


def test_a_document_already_in_data_is_completed_in_its_own_file(printed: Project, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    """287-CTr as a metadata-only entry with the officer's notes and comments; importing its PDF fills it in."""
    import yaml

    from generator.cli.main import main

    project = copy_project(tmp_path)
    path = project.data_dir / "documents" / "287-ctr-ddlhhvn.yaml"
    full = yaml.safe_load(path.read_text(encoding="utf-8"))
    kept = {k: v for k, v in full.items() if k not in ("header", "preamble", "sections", "signature", "recipients")}
    officer = "# Ghi chú của cán bộ: chờ bản có dấu.\n" + yaml.safe_dump(kept, allow_unicode=True, sort_keys=False)
    path.write_text(officer, encoding="utf-8")
    assert main(["--root", str(project.root), "check"]) == 0
    capsys.readouterr()
    assert main(["--root", str(project.root), "import", str(printed.site_dir / "van-ban" / "287-ctr-ddlhhvn.pdf")]) == 0
    out = capsys.readouterr().out
    assert "Văn bản 287-CTr/ĐĐLHHVN đã có ở data/documents/287-ctr-ddlhhvn.yaml; đã bổ sung vào tệp đó những trường tệp chưa có" in out
    assert 'thêm trường "sections"' in out and 'thêm trường "header"' in out
    assert not (project.data_dir / "drafts").exists()
    text = path.read_text(encoding="utf-8")
    assert text.startswith(officer)  # every byte the officer wrote, comments included
    merged = yaml.safe_load(text)
    assert merged["notes"] == full["notes"] and merged["relations"] == full["relations"]
    assert len(merged["sections"]) == len(full["sections"])
    assert main(["--root", str(project.root), "check"]) == 0
