"""Files made to hurt the importer, or merely unlucky: each ends in a Vietnamese message naming the limit, or a
harmless draft, within the limits, with data/ unchanged where it should be; a merge keeps the officer's bytes."""

from __future__ import annotations

import hashlib
import os
import stat
import zipfile
import zlib
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli.main import main
from generator.commands.build import Project
from generator.corpus.load import load_corpus
from generator.intake.formats import FORMATS, SourceError, read_document
from generator.intake.limits import MAX_LINE_CHARS, MAX_UNPACKED_BYTES, MAX_XML_BYTES, MAX_ZIP_MEMBERS
from tests.conftest import copy_project

HEADER = ["BAN CHẤP HÀNH TRUNG ƯƠNG", "Số: 45-NQ/TW", "ĐẢNG CỘNG SẢN VIỆT NAM", "Hà Nội, ngày 24 tháng 11 năm 2023", "NGHỊ QUYẾT"]
BODY = ["VỀ TIẾP TỤC XÂY DỰNG ĐỘI NGŨ TRÍ THỨC", "I. TÌNH HÌNH", "1. Trí thức là lực lượng quan trọng.", "Nơi nhận:", "- Các tỉnh ủy,"]
FULL_TEXT = [*HEADER, *BODY, "T/M BAN CHẤP HÀNH TRUNG ƯƠNG", "TỔNG BÍ THƯ", "Nguyễn Văn A"]


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def run_import(project: Project, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(project.root), "import", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def docx(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


# --- bombs and limits ----------------------------------------------------------------------------


def test_a_word_file_unpacking_past_the_limit_is_refused_for_its_size(tmp_path: Path) -> None:
    bomb = docx(tmp_path / "bomb.docx", {"word/document.xml": b"<" + b"a" * (MAX_UNPACKED_BYTES + 1)})
    assert bomb.stat().st_size < 1 << 20
    with pytest.raises(SourceError, match=r"giải nén ra \d+ MB; tệp Word tối đa 200 MB"):
        read_document(bomb)


def test_a_word_file_of_too_many_parts_is_refused_for_its_parts(tmp_path: Path) -> None:
    parts = {f"word/media/{index}.xml": b"" for index in range(MAX_ZIP_MEMBERS + 1)}
    with pytest.raises(SourceError, match=r"có 5\.001 phần; tệp Word tối đa 5\.000 phần"):
        read_document(docx(tmp_path / "nhieu.docx", parts))


def test_a_word_file_of_too_much_text_is_refused_before_reading(tmp_path: Path) -> None:
    bomb = docx(tmp_path / "chu.docx", {"word/document.xml": b"<w:document>" + b" " * MAX_XML_BYTES + b"</w:document>"})
    with pytest.raises(SourceError, match=r"Nội dung chữ của tệp chu\.docx giải nén ra \d+ MB; tối đa 48 MB"):
        read_document(bomb)


def test_a_word_file_of_many_paragraphs_under_the_limits_is_read_and_bounded(tmp_path: Path) -> None:
    paragraph = '<w:p><w:r><w:t xml:space="preserve">Ý kiến của trí thức. </w:t></w:r></w:p>'.encode()
    body = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    data = body + paragraph * 400_000 + b"</w:body></w:document>"
    bomb = docx(tmp_path / "dai.docx", {"word/document.xml": data})
    assert bomb.stat().st_size < 1 << 20 < len(data)
    with pytest.raises(SourceError, match=r"có 400\.000 dòng; một văn bản tối đa 20\.000 dòng"):
        read_document(bomb)


def test_xml_entities_are_not_expanded(tmp_path: Path) -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "' + b"ha" * 50 + b'"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&b;</w:t>'
        b"</w:r></w:p></w:body></w:document>"
    )
    try:
        lines = read_document(docx(tmp_path / "thuc-the.docx", {"word/document.xml": laughs})).lines
    except SourceError as error:
        assert "hỏng" in str(error) or "tệp Word" in str(error)
    else:
        assert "ha" * 100 not in "".join(lines)


def test_a_pdf_whose_content_inflates_past_the_memory_budget_is_a_message(tmp_path: Path) -> None:
    compressor = zlib.compressobj(9)
    chunk = b" " * (64 << 20)
    inflated = b"".join(compressor.compress(chunk) for _ in range(40)) + compressor.flush()  # 2.5 GiB of spaces
    stream = inflated
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\nstream\n" + stream + b"\nendstream",
    ]
    pdf = _pdf(objects)
    (tmp_path / "phong.pdf").write_bytes(pdf)
    assert len(pdf) < 4 << 20
    with pytest.raises(SourceError) as refused:
        read_document(tmp_path / "phong.pdf")
    assert "bộ nhớ" in str(refused.value) or "không đọc được như tệp PDF" in str(refused.value) or "thời gian" in str(refused.value)


def _pdf(objects: list[bytes]) -> bytes:
    out = b"%PDF-1.7\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_a_scanned_pdf_with_a_page_two_hundred_inches_wide_is_a_message(tmp_path: Path) -> None:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /Resources << >> >>",
    ]
    (tmp_path / "to.pdf").write_bytes(_pdf(objects))
    assert (tmp_path / "to.pdf").stat().st_size < 1000
    with pytest.raises(SourceError, match=r"Trang 1 của tệp to\.pdf rộng 508 × 508 cm; trang quét tối đa cỡ A0"):
        read_document(tmp_path / "to.pdf")


def test_a_large_saved_page_is_read_in_time_linear_in_its_size(tmp_path: Path) -> None:
    links = "".join(f'<li><a href="/tin/{index}">Hội nghị trí thức lần thứ {index}</a></li>' for index in range(40_000))
    article = "".join(f"<p>{line}</p>" for line in FULL_TEXT)
    page = f"<html><body><nav><ul>{links}</ul></nav><article><h1>Nghị quyết</h1>{article}</article>"
    page += f"<footer><ul>{links}</ul></footer></body></html>"
    (tmp_path / "trang.html").write_text(page, encoding="utf-8")
    assert (tmp_path / "trang.html").stat().st_size > 4_000_000
    source = read_document(tmp_path / "trang.html")
    assert "1. Trí thức là lực lượng quan trọng." in source.lines


def test_a_line_past_the_limit_gives_a_short_message(tmp_path: Path) -> None:
    (tmp_path / "dai.txt").write_text("Số: " + "1" * (MAX_LINE_CHARS + 1), encoding="utf-8")
    with pytest.raises(SourceError) as refused:
        read_document(tmp_path / "dai.txt")
    assert len(str(refused.value)) < 200 and "một đoạn văn tối đa 50.000 ký tự" in str(refused.value)


@pytest.mark.parametrize("kind", ["fifo", "device", "directory"])
def test_what_is_not_a_regular_file_is_refused_by_name(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "x.txt"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    with pytest.raises(SourceError, match=r"Không đọc được tệp x\.txt: tệp là"):
        read_document(path)


def test_a_kind_of_file_not_read_is_named_with_those_that_are(tmp_path: Path) -> None:
    (tmp_path / "cu.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(SourceError, match=r"loại tệp này không được hỗ trợ\. Nhận: văn bản thuần.*Tệp \.doc \(Word cũ\)"):
        read_document(tmp_path / "cu.doc")


# --- names and text that would act --------------------------------------------------------------


def test_a_file_name_with_line_breaks_and_escapes_reaches_nothing_raw(
    tmp_path: Path, project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "x\nstatus: Hết hiệu lực\nsummary: chèn\x1b[2J.txt"
    source.write_text("\n".join(FULL_TEXT).replace("45-NQ/TW", "46-NQ/TW"), encoding="utf-8")
    code, out, _ = run_import(project, capsys, str(source))
    assert code == 0 and "\x1b" not in out
    draft = project.data_dir / "drafts" / "46-nq-tw.yaml"
    loaded = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert "status" not in loaded and "summary" not in loaded
    assert all(
        line.startswith("#") or not line.startswith(("status", "summary")) for line in draft.read_text(encoding="utf-8").splitlines()
    )


def test_escape_sequences_in_a_page_never_reach_the_terminal_or_the_draft(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    source = project.root / "trang.txt"
    lines = [*FULL_TEXT[:7], "1. Trí thức\x1b]0;pwned\x07 là lực lượng\x1b[31m quan trọng.\x9b2J", *FULL_TEXT[8:]]
    source.write_text("\n".join(lines).replace("45-NQ/TW", "46-NQ/TW"), encoding="utf-8")
    code, out, err = run_import(project, capsys, str(source))
    text = (project.data_dir / "drafts" / "46-nq-tw.yaml").read_text(encoding="utf-8")
    assert code == 0 and not any(char in out + err + text for char in "\x1b\x07\x9b")
    assert "Trí thức là lực lượng quan trọng." in text
    load_corpus_with(project, text)


def load_corpus_with(project: Project, text: str) -> None:
    """The draft, moved into data/documents/, loads."""
    (project.data_dir / "documents" / "46-nq-tw.yaml").write_text(text.replace("issuer: ban-chap-hanh-trung-uong", "issuer: bo-chinh-tri"))
    load_corpus(project.data_dir, project.root)


@pytest.mark.parametrize("number", ["1" * 400 + "-NQ/TW", "-./-", "..."])
def test_a_number_that_is_no_number_never_names_a_file(
    tmp_path: Path, project: Project, capsys: pytest.CaptureFixture[str], number: str
) -> None:
    source = tmp_path / "so.txt"
    source.write_text("\n".join(FULL_TEXT).replace("45-NQ/TW", number), encoding="utf-8")
    code, out, _ = run_import(project, capsys, str(source))
    assert code == 0
    drafts = [path.name for path in (project.data_dir / "drafts").iterdir()]
    assert len(drafts) == 1 and drafts[0].startswith("khong-so-hieu-") and len(drafts[0]) < 40
    assert "không phải một số hiệu đúng dạng" in out or "văn bản không ghi số hiệu của chính nó" in out


# --- merging keeps the officer's bytes ----------------------------------------------------------

METADATA = "number: 45-NQ/TW\ntype: Nghị quyết\nissuer: ban-chap-hanh-trung-uong\ndate: 2023-11-24\n"


def _merge_project(tmp_path: Path, record: bytes, mode: int = 0o640) -> tuple[Project, Path, Path]:
    project = copy_project(tmp_path / "p")
    path = project.data_dir / "documents" / "45-nq-tw.yaml"
    path.write_bytes(record)
    path.chmod(mode)
    source = tmp_path / "45.txt"
    source.write_text("\n".join(FULL_TEXT), encoding="utf-8")
    return project, path, source


def test_a_merge_goes_before_the_end_marker(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project, path, source = _merge_project(tmp_path, ("# Ghi chú của cán bộ\n" + METADATA + "...\n").encode())
    code, _, _ = run_import(project, capsys, str(source))
    text = path.read_text(encoding="utf-8")
    assert code == 0 and text.startswith("# Ghi chú của cán bộ\n" + METADATA) and text.endswith("...\n")
    assert yaml.safe_load(text)["sections"][0]["number"] == "I."
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_merge_keeps_windows_line_endings_and_the_byte_order_mark(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = b"\xef\xbb\xbf" + METADATA.replace("\n", "\r\n").encode()
    project, path, source = _merge_project(tmp_path, record)
    assert run_import(project, capsys, str(source))[0] == 0
    data = path.read_bytes()
    assert data.startswith(record) and b"\n" not in data.replace(b"\r\n", b"")


@pytest.mark.parametrize(
    "record",
    [
        '{"number": "45-NQ/TW", "type": "Nghị quyết", "issuer": "ban-chap-hanh-trung-uong", "date": "2023-11-24"}\n',
        "{number: 45-NQ/TW, type: Nghị quyết, issuer: ban-chap-hanh-trung-uong, date: 2023-11-24}\n",
    ],
)
def test_a_record_in_flow_or_json_style_is_recognised_and_left_as_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], record: str
) -> None:
    project, path, source = _merge_project(tmp_path, record.encode())
    code, out, _ = run_import(project, capsys, str(source))
    assert code == 0 and path.read_text(encoding="utf-8") == record
    assert "tệp đó giữ nguyên (tệp viết dạng JSON hoặc {…}" in out and "data/drafts/45-nq-tw.yaml" in out


def test_a_record_nested_thousands_deep_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deep = METADATA + "notes: " + "[" * 3000 + "]" * 3000 + "\n"
    project, path, source = _merge_project(tmp_path, deep.encode())
    code, out, err = run_import(project, capsys, str(source))
    assert code == 0 and "Traceback" not in out + err and path.read_text(encoding="utf-8") == deep
    assert "tệp chưa đọc được như một văn bản" in out


def test_a_linked_record_is_written_through_its_link(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project, path, source = _merge_project(tmp_path, METADATA.encode(), 0o600)
    real = project.data_dir / "ban-goc-45.yaml"
    path.rename(real)
    path.symlink_to("../ban-goc-45.yaml")
    assert run_import(project, capsys, str(source))[0] == 0
    assert path.is_symlink() and "sections:" in real.read_text(encoding="utf-8")
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_a_record_that_disagrees_on_the_date_is_never_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = METADATA.replace("2023-11-24", "2023-11-25")
    project, path, source = _merge_project(tmp_path, record.encode())
    code, out, _ = run_import(project, capsys, str(source))
    assert code == 0 and path.read_text(encoding="utf-8") == record
    assert 'ngày ban hành khác nhau: tệp ghi "2023-11-25", văn bản nhập ghi "2023-11-24"' in out


def test_dry_run_writes_nothing_and_undo_puts_back_what_was_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project, _, source = _merge_project(tmp_path, METADATA.encode())
    before = snapshot(project.data_dir)
    code, out, _ = run_import(project, capsys, str(source), "--dry-run")
    assert code == 0 and snapshot(project.data_dir) == before and "+sections:" in out and "--- a/data/documents/45-nq-tw.yaml" in out
    code, out, _ = run_import(project, capsys, str(source))
    assert code == 0 and snapshot(project.data_dir) != before
    command = next(line for line in out.splitlines() if line.startswith("Để hoàn tác"))
    identifier = command.rsplit(" ", 1)[-1]
    code, out, _ = run_import(project, capsys, "--undo", identifier)
    assert code == 0 and snapshot(project.data_dir) == before and "đã trả data/documents/45-nq-tw.yaml về như trước" in out
    code, _, err = run_import(project, capsys, "--undo", identifier)
    assert code == 1 and "không có lần nhập" in err


def test_undo_refuses_when_the_file_was_edited_since(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project, path, source = _merge_project(tmp_path, METADATA.encode())
    assert run_import(project, capsys, str(source))[0] == 0
    path.write_text(path.read_text(encoding="utf-8") + "summary: sửa tay\n", encoding="utf-8")
    code, _, err = run_import(project, capsys, "--undo")
    assert code == 1 and "đã được sửa sau lần nhập" in err and "summary: sửa tay" in path.read_text(encoding="utf-8")


# --- any name, any bytes ------------------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from([suffix for kind in FORMATS for suffix in kind.suffixes]),
    st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=60),
    st.binary(max_size=4096),
)
def test_any_bytes_under_any_name_give_a_message_or_lines(tmp_path: Path, suffix: str, stem: str, data: bytes) -> None:
    path = tmp_path / f"{stem[:50]}{suffix}"
    try:
        path.write_bytes(data)
    except OSError:
        return  # a name the file system refuses
    try:
        source = read_document(path, confined=False)
    except SourceError as error:
        message = str(error)
        assert message and len(message) < 800 and "\n" not in message and "\x1b" not in message
    else:
        assert all("\x1b" not in line and "\n" not in line for line in source.lines)
    finally:
        path.unlink()
