"""The PDF and the Word file of each document: laid out like the paper, read back, the same bytes every time,
made once and linked into place."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from generator.commands.build import Project, build
from tests.conftest import REPO, copy_project


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = copy_project(tmp_path_factory.mktemp("printed"))
    build(project, as_of=dt.date(2024, 6, 15))
    return project


def test_the_word_file_reads_back_as_the_paper_lays_it_out(printed: Project) -> None:
    import docx

    word = docx.Document(str(printed.site_dir / "van-ban" / "287-ctr-ddlhhvn.docx"))
    section = word.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert round(section.left_margin.cm, 1) == 3.0 and round(section.right_margin.cm, 1) == 1.5
    issuer, motto = (cell.text for cell in word.tables[0].rows[0].cells)
    lines = ["BAN CHẤP HÀNH TRUNG ƯƠNG", "ĐẢNG ĐOÀN", "LIÊN HIỆP CÁC HỘI KHOA HỌC", "VÀ KỸ THUẬT VIỆT NAM", "Số: 287-CTr/ĐĐLHHVN"]
    assert issuer.splitlines() == lines
    assert motto.splitlines() == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Hà Nội, ngày 28 tháng 3 năm 2024"]
    paragraphs = [(p.style.name, p.text) for p in word.paragraphs]
    assert ("Title", "CHƯƠNG TRÌNH HÀNH ĐỘNG") in paragraphs
    assert ("Heading 1", "I. MỤC ĐÍCH, YÊU CẦU") in paragraphs
    assert ("Heading 2", "2. Công tác tập hợp, đoàn kết, vận động trí thức") in paragraphs
    assert any(style == "Normal" and text.startswith("2.3. ") for style, text in paragraphs)
    recipients, signature = (cell.text for cell in word.tables[1].rows[0].cells)
    assert recipients.splitlines()[0] == "Nơi nhận:" and recipients.splitlines()[-1] == "- Lưu VP ĐĐLHHVN."
    assert signature.splitlines() == ["T/M ĐẢNG ĐOÀN", "BÍ THƯ", "Phan Xuân Dũng"]
    assert word.core_properties.title == "Chương trình hành động 287-CTr/ĐĐLHHVN" and word.core_properties.language == "vi-VN"
    html = (printed.site_dir / "van-ban" / "287-ctr-ddlhhvn" / "index.html").read_text(encoding="utf-8")
    assert 'href="../287-ctr-ddlhhvn.docx"' in html and "Tải bản Word (.docx)" in html


def test_a_value_is_text_in_the_word_file_and_the_pdf(project: Project) -> None:
    import docx

    from generator.corpus.load import load_corpus
    from generator.corpus.resolve import resolve
    from generator.outputs.pdf import document_pdf
    from generator.outputs.word import document_docx

    path = project.data_dir / "documents" / "287-ctr-ddlhhvn.yaml"
    hostile = '<w:t>]]></w:t> & "#set page(paper: \\"a5\\")" #import "x" \\\\ *đậm* $x$ @ref'
    text = path.read_text(encoding="utf-8").replace("  name: Phan Xuân Dũng", "  name: '" + hostile + "'")
    path.write_text(text, encoding="utf-8")
    document = resolve(load_corpus(project.data_dir, project.root)).documents["287-ctr-ddlhhvn"]
    assert document.signature is not None and document.signature.name == hostile
    import io

    word = docx.Document(io.BytesIO(document_docx(document, hostile)))
    assert word.tables[1].rows[0].cells[1].text.splitlines()[-1] == hostile
    assert word.core_properties.author == hostile
    pdf = project.root / "x.pdf"
    pdf.write_bytes(document_pdf(document, hostile))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "#set page" in text and "*đậm*" in text
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info


def test_the_same_document_gives_the_same_bytes_in_any_process(printed: Project) -> None:
    script = (
        "import sys, hashlib, pathlib\n"
        "from generator.corpus.load import load_corpus\n"
        "from generator.corpus.resolve import resolve\n"
        "from generator.outputs.pdf import document_pdf\n"
        "from generator.outputs.word import document_docx\n"
        "d = resolve(load_corpus(pathlib.Path(sys.argv[1]) / 'data', pathlib.Path(sys.argv[1]))).documents['20-kh-tw']\n"
        "print(hashlib.sha256(document_pdf(d, 'Bộ Chính trị')).hexdigest(), hashlib.sha256(document_docx(d, 'Bộ Chính trị')).hexdigest())\n"
    )
    runs = {subprocess.run([sys.executable, "-c", script, str(REPO)], capture_output=True, text=True, check=True).stdout for _ in range(2)}
    assert len(runs) == 1
    import hashlib

    built = printed.site_dir / "van-ban"
    pdf, word = runs.pop().split()
    assert hashlib.sha256((built / "20-kh-tw.pdf").read_bytes()).hexdigest() == pdf
    assert hashlib.sha256((built / "20-kh-tw.docx").read_bytes()).hexdigest() == word


def test_print_files_are_made_once_linked_into_docs_and_only_the_used_kept(project: Project) -> None:
    first = build(project, as_of=dt.date(2024, 6, 15))
    assert {"van-ban/20-kh-tw.pdf", "van-ban/20-kh-tw.docx"} <= set(first.docs.written)
    cache = project.print_cache_dir
    made = sorted(p.name for p in cache.iterdir())
    assert len(made) == 4  # two documents with their full text, a PDF and a Word file each
    assert (project.docs_dir / "van-ban" / "20-kh-tw.pdf").stat().st_nlink >= 2  # the cache's file, linked
    again = build(project, as_of=dt.date(2024, 6, 15))
    assert not [p for p in again.docs.written if p.endswith((".pdf", ".docx"))]
    assert sorted(p.name for p in cache.iterdir()) == made
    path = project.data_dir / "documents" / "20-kh-tw.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Trương Thị Mai", "Trương Thị Mai (ký)"), encoding="utf-8")
    edited = build(project, as_of=dt.date(2024, 6, 15))
    assert {p for p in edited.docs.written if p.endswith((".pdf", ".docx"))} == {"van-ban/20-kh-tw.pdf", "van-ban/20-kh-tw.docx"}
    assert len(list(cache.iterdir())) == 4 and sorted(p.name for p in cache.iterdir()) != made
    kept = sorted(p.name for p in cache.iterdir())
    build(project, as_of=dt.date(2024, 6, 15), pdfs=False)  # a quick build leaves the cache to the next full one
    assert sorted(p.name for p in cache.iterdir()) == kept


def test_a_process_that_made_pdfs_can_build_again(project: Project) -> None:
    # The typesetter starts threads of its own; a build forked from such a process used to wait forever.
    script = (
        "import sys, pathlib, datetime\n"
        "from generator.commands.build import Project, build\n"
        "from generator.outputs.pdf import document_pdf\n"
        "from generator.corpus.load import load_corpus\n"
        "from generator.corpus.resolve import resolve\n"
        "project = Project(pathlib.Path(sys.argv[1]))\n"
        "document_pdf(resolve(load_corpus(project.data_dir, project.root)).documents['20-kh-tw'], 'Bộ Chính trị')\n"
        "print(build(project, as_of=datetime.date(2024, 6, 15)).documents)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(project.root)], capture_output=True, text=True, timeout=300, check=True)
    assert done.stdout.split()[-1] == str(len(list((project.data_dir / "documents").glob("*.yaml"))))


def test_print_files_name_the_issuing_body_as_their_author(printed: Project) -> None:
    import io

    import docx

    built = printed.site_dir / "van-ban"
    info = subprocess.run(["pdfinfo", str(built / "20-kh-tw.pdf")], capture_output=True, text=True, check=True).stdout
    assert "Author:          Bộ Chính trị" in info.splitlines()
    word = docx.Document(io.BytesIO((built / "20-kh-tw.docx").read_bytes()))
    assert word.core_properties.author == "Bộ Chính trị"
