"""Text copied from a portal or a newspaper, hard-wrapped at any width, gives the draft the unwrapped text gives,
with every line of the page's chrome dropped and named in the report."""

from __future__ import annotations

import json

import pytest

from bench.intake import CHROME_WORDS, document_lines, in_newspaper, on_portal, words, wrapped
from generator.corpus.load import load_corpus, load_corpus_bodies
from generator.corpus.resolve import resolve
from generator.intake.wrapping import wrap_width
from tests.conftest import REPO
from tests.support import imported


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    return resolve(load_corpus(REPO / "data", REPO)), load_corpus_bodies(REPO / "data", REPO)


@pytest.mark.parametrize("document_id", ["287-ctr-ddlhhvn", "20-kh-tw"])
def test_any_width_from_60_to_80_gives_the_unwrapped_draft(corpus, document_id: str) -> None:  # type: ignore[no-untyped-def]
    site, bodies = corpus
    plain = document_lines(site.documents[document_id])
    unwrapped, _ = imported(plain, bodies)
    for width in range(60, 81):
        for frame in (on_portal, in_newspaper):
            draft, report = imported(frame(wrapped(plain, width)), bodies)
            assert draft == unwrapped, (width, frame.__name__)
            assert report.unplaced == []


def test_the_unwrapped_draft_has_the_datas_tree_and_words(corpus) -> None:  # type: ignore[no-untyped-def]
    site, bodies = corpus
    document = site.documents["287-ctr-ddlhhvn"]
    draft, _ = imported(on_portal(wrapped(document_lines(document), 72)), bodies)

    def tree(sections: list[dict[str, object]]) -> list[object]:
        return [[s.get("number"), tree(s.get("sections", []))] for s in sections]  # type: ignore[arg-type]

    def data_tree(sections: tuple[object, ...]) -> list[object]:
        return [[s.number, data_tree(s.children)] for s in sections]  # type: ignore[attr-defined]

    assert tree(draft["sections"]) == data_tree(document.sections)  # type: ignore[arg-type]
    text = json.dumps(draft, ensure_ascii=False)
    kept = [line for line in document_lines(document) if line != "Nơi nhận:"]
    assert set(words(" ".join(kept))) <= set(words(" ".join(_strings(draft))))
    chrome_only = {w for w in words(CHROME_WORDS) if w.isalpha()} - set(words(" ".join(document_lines(document))))
    assert chrome_only and not chrome_only & set(words(text))


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_the_report_names_each_dropped_line_and_why(corpus) -> None:  # type: ignore[no-untyped-def]
    site, bodies = corpus
    _, report = imported(on_portal(in_newspaper(document_lines(site.documents["20-kh-tw"]))), bodies)
    lines = report.lines()
    assert "Bỏ 14 dòng không thuộc văn bản:" in lines
    assert "  dòng 5 — bộ đếm hoặc số trang: Lượt xem: 594" in lines
    assert "  dòng 4 — ngày giờ đăng bài, không phải ngày của văn bản: Ngày đăng: 25/03/2024 13:36" in lines
    assert "  dòng 2 — giao diện trang web: Mặc định Cỡ chữ" in lines
    assert "  dòng 7 — ngày giờ đăng bài, không phải ngày của văn bản: Thứ Năm, 18/7/2024, 09:15 (GMT+7)" in lines
    assert "  dòng 9 — chú thích ảnh: Ảnh: Thu Hà" in lines


def test_a_text_that_is_not_wrapped_is_left_as_it_is() -> None:
    assert wrap_width(["Một dòng rất dài " * 20, "ngắn", "ngắn nữa", "Một dòng khác " * 15]) is None
    assert wrap_width(["a" * 70, "b" * 68, "c" * 20, "d" * 69, "e" * 10]) == 70
