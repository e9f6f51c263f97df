"""The importer on both source texts: the draft has the hand-made data's sections, numbering and text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.cli.main import main
from generator.corpus.load import load_corpus, load_corpus_bodies
from tests.conftest import REPO
from tests.support import imported, text_lines

SEEDS = REPO / "tests" / "fixtures" / "seeds"
PLAN = SEEDS / "004_68fb64faef70eced.txt"
PROGRAMME = SEEDS / "000_60df4423a8dd02ea.txt"
SECTION_KEYS = ("number", "title", "text", "paragraphs")


def hand_made(document_id: str) -> dict:
    return yaml.safe_load((REPO / "data" / "documents" / f"{document_id}.yaml").read_text(encoding="utf-8"))


def differences(draft: list[dict], hand: list[dict], path: str = "sections") -> list[str]:
    """Name every section whose numbering or text differs, and sections only one side has."""
    found = []
    for index in range(max(len(draft), len(hand))):
        where = f"{path}[{index + 1}]"
        if index >= len(draft) or index >= len(hand):
            found.append(f"{where}: chỉ có ở {'bản nhập' if index < len(draft) else 'dữ liệu'}")
            continue
        for key in SECTION_KEYS:
            if draft[index].get(key) != hand[index].get(key):
                found.append(f"{where}.{key}")
        found += differences(draft[index].get("sections", []), hand[index].get("sections", []), f"{where}.sections")
    return found


@pytest.fixture(scope="module")
def bodies():
    return load_corpus_bodies(REPO / "data", REPO)


@pytest.mark.parametrize("seed, document_id", [(PLAN, "20-kh-tw"), (PROGRAMME, "287-ctr-ddlhhvn")])
def test_draft_has_the_same_sections_as_the_data(bodies, seed: Path, document_id: str) -> None:
    draft, _ = imported(text_lines(seed), bodies)
    hand = hand_made(document_id)
    assert differences(draft["sections"], hand["sections"]) == []
    assert draft["preamble"] == hand["preamble"]
    assert draft["recipients"] == [r if isinstance(r, str) else r["text"] for r in hand["recipients"]]
    assert draft["signature"] == hand["signature"]
    assert draft["header"] == hand["header"]


def test_metadata_of_the_plan(bodies) -> None:
    draft, report = imported(text_lines(PLAN), bodies)
    assert {k: draft[k] for k in ("number", "type", "issuer", "signer", "place", "date")} == {
        "number": "20-KH/TW",
        "type": "Kế hoạch",
        "issuer": "bo-chinh-tri",
        "signer": "Trương Thị Mai",
        "place": "Hà Nội",
        "date": "2023-11-28",
    }
    noise = [text for _, text, _ in report.noise]
    assert "Đăng nhập" in noise and "DMCA.com Protection Status" in noise and "IP: 3.149.24.143" in noise
    assert report.unplaced == [
        (
            179,
            "Kế hoạch 20-KH/TW ngày 28/11/2023 thực hiện Nghị quyết về tiếp tục xây dựng và phát huy vai trò của đội ngũ trí thức "
            "đáp ứng yêu cầu phát triển đất nước nhanh và bền vững trong giai đoạn mới do Ban Chấp hành Trung ương ban hành",
        )
    ]


def test_metadata_of_the_programme_and_its_stamp(bodies) -> None:
    draft, report = imported(text_lines(PROGRAMME), bodies)
    assert {k: draft[k] for k in ("type", "issuer", "signer", "signer_title", "date")} == {
        "type": "Chương trình hành động",
        "issuer": "dang-doan-lhhvn",
        "signer": "Phan Xuân Dũng",
        "signer_title": "Bí thư",
        "date": "2024-03-28",
    }
    assert draft["number"] == "287-CTr/ĐDLHHVN"  # as printed; the editor corrects it (see the editorial note in the data)
    assert [n for n, _ in report.unplaced] == [74, 75, 76, 77, 78, 79, 80]


def test_docx_input(bodies, tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in PROGRAMME.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    path = tmp_path / "287.docx"
    document.save(str(path))
    from_docx, _ = imported(text_lines(path), bodies)
    from_text, _ = imported(text_lines(PROGRAMME), bodies)
    assert from_docx == from_text


def test_import_command_writes_a_draft_that_validates_once_corrected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    shutil.copytree(REPO / "data", tmp_path / "data")
    record = tmp_path / "data" / "documents" / "287-ctr-ddlhhvn.yaml"
    record.unlink()
    assert main(["--root", str(tmp_path), "import", str(PROGRAMME)]) == 0
    out = capsys.readouterr().out
    draft = tmp_path / "data" / "drafts" / "287-ctr-ddlhhvn.yaml"
    assert out.splitlines()[0] == "Đã ghi bản nháp data/drafts/287-ctr-ddlhhvn.yaml."
    assert "Không xếp được dòng 80: : ANH TRÚC" in out
    assert "Để hoàn tác lần nhập này: nq45 import --undo " in out
    text = draft.read_text(encoding="utf-8").replace("287-CTr/ĐDLHHVN", "287-CTr/ĐĐLHHVN")
    record.write_text(text, encoding="utf-8")
    corpus = load_corpus(tmp_path / "data", tmp_path)
    assert any(d.number == "287-CTr/ĐĐLHHVN" for d in corpus.documents)
    before = record.read_bytes()
    # The number is in data/ now, with its full text: the record stays as the officer left it, a draft goes beside.
    assert main(["--root", str(tmp_path), "import", str(PROGRAMME)]) == 0
    out = capsys.readouterr().out
    assert "tệp đó giữ nguyên (tệp đã có toàn văn" in out and "data/drafts/287-ctr-ddlhhvn-2.yaml" in out
    assert record.read_bytes() == before
    assert main(["--root", str(tmp_path), "import", str(PROGRAMME), "--output", str(draft)]) == 1
    assert "đã có; không ghi đè" in capsys.readouterr().err


def test_date_from_the_attribute_table_when_the_header_has_none(bodies) -> None:
    lines = [line for line in text_lines(PLAN) if not line.startswith("Hà Nội, ngày")]
    draft, report = imported(lines, bodies)
    assert draft["date"] == "2023-11-28"
    assert "place" not in draft
    assert "date" not in report.missing
