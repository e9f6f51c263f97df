"""A stamped, signed, tilted scan of the site's own PDF, recognised: the words, the section tree, no stamp words,
and every word recognition was unsure of listed with its line."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from bench.intake import STAMP_WORDS, scanned, words
from bench.intakebench import data_body, data_tree, draft_body, tree
from generator.commands.build import Project, build
from generator.corpus.load import load_corpus, load_corpus_bodies
from generator.corpus.resolve import resolve
from generator.intake.formats import read_document
from generator.intake.ocr import without_ink
from tests.conftest import copy_project
from tests.support import imported, known_numbers


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = copy_project(tmp_path_factory.mktemp("intake-scan"))
    build(project, as_of=dt.date(2024, 6, 15))
    return project


def test_stamp_and_signature_ink_turns_white_and_print_stays() -> None:
    from PIL import Image

    page = Image.new("RGB", (4, 1), (255, 255, 255))
    for x, colour in enumerate([(210, 30, 40), (25, 40, 170), (0, 0, 0), (30, 10, 12)]):
        page.putpixel((x, 0), colour)
    cleaned = without_ink(page)
    assert [cleaned.getpixel((x, 0)) for x in range(4)][:3] == [255, 255, 0]
    assert cleaned.getpixel((3, 0)) < 128  # black print under red ink stays dark


def test_a_stamped_scan_gives_the_datas_words_and_tree(printed: Project) -> None:
    site = resolve(load_corpus(printed.data_dir, printed.root))
    document = site.documents["287-ctr-ddlhhvn"]
    images = scanned(printed.site_dir / "van-ban" / "287-ctr-ddlhhvn.pdf")
    scan = printed.root / "quet.pdf"
    images[0].save(scan, save_all=True, append_images=images[1:], resolution=200.0)
    received = read_document(scan)
    bodies = load_corpus_bodies(printed.data_dir, printed.root)
    draft, report = imported(received.lines, bodies, received.dropped, known_numbers(printed.data_dir), received.doubtful)
    truth, got = Counter(words(" ".join(data_body(document)))), Counter(words(" ".join(draft_body(draft))))
    assert sum(min(truth[w], got[w]) for w in truth) / sum(truth.values()) >= 0.98
    assert sum(max(0, got[w.lower()] - truth[w.lower()]) for w in STAMP_WORDS) == 0
    assert tree(draft["sections"]) == data_tree(document.sections)  # type: ignore[arg-type]
    assert (draft["number"], draft["issuer"], draft["date"]) == ("287-CTr/ĐĐLHHVN", "dang-doan-lhhvn", "2024-03-28")
    assert [text for _, text, reason in report.noise if reason == "số trang"] == ["1/4", "2/4", "3/4", "4/4"]
    listed = [line for line in report.lines() if line.startswith("Chữ nhận dạng không chắc, dòng ")]
    assert listed and len(listed) == len(received.doubtful)


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG file of a few bytes whose header claims `width` × `height` pixels: a decompression bomb."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


def test_a_hostile_image_is_a_message_not_a_crash(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image, TiffImagePlugin
    from PIL.TiffImagePlugin import IFDRational

    from generator.intake import ocr
    from generator.intake.formats import SourceError

    bomb = tmp_path / "bom.png"
    bomb.write_bytes(_png_claiming(100_000, 100_000))
    with pytest.raises(SourceError, match=r"bom\.png không đọc được như một ảnh \(ảnh khai báo nhiều điểm ảnh hơn mọi trang giấy\)"):
        read_document(bomb)
    small = Image.new("RGB", (100, 100), (255, 255, 255))
    pages = tmp_path / "nhieu-trang.tif"
    small.save(pages, save_all=True, append_images=[small] * 100)
    with pytest.raises(SourceError, match="có 101 trang; một bản quét tối đa 100 trang"):
        read_document(pages)
    zero = tmp_path / "do-phan-giai-0.tif"
    directory = TiffImagePlugin.ImageFileDirectory_v2()
    directory[282], directory[283], directory[296] = IFDRational(0, 0), IFDRational(0, 0), 2
    small.save(zero, tiffinfo=directory)
    with pytest.raises(SourceError, match=r"Không nhận dạng được chữ nào"):  # a blank page, read at 300 dpi
        read_document(zero)
    monkeypatch.setattr(ocr, "PAGE_SECONDS", 0.001)
    with pytest.raises(SourceError, match=r"một trang nhận dạng quá 0\.001 giây"):
        read_document(zero, confined=False)
