"""The search entries of a document page's items and the labels its parts are cited by."""

from __future__ import annotations

from generator.mkdocs_plugin.search.items import ITEM_BOOST, item_entries, with_items

PAGE = (
    '<h1 id="van-ban">Kế hoạch 20-KH/TW</h1>'
    '<h3 data-part="IV" id="iv">IV- NHIỆM VỤ CỤ THỂ</h3>'
    '<h4 data-part="IV.1" id="iv-1">1. Đảng đoàn Quốc hội</h4>'
    '<p class="doc-item depth-2" data-part="IV.1, ý 1" id="iv-1-g1"><a class="doc-marker" href="#iv-1-g1" title="x">-</a>'
    ' Lãnh đạo <a href="../45-nq-tw/">45-NQ/TW</a> &amp; thể chế hóa.</p>'
    '<p class="doc-paragraph depth-2">Đoạn tiếp theo của ý 1.</p>'
    '<p class="task-badge depth-2"><strong>Nhiệm vụ</strong> · Chủ trì: Quốc hội</p>'
    '<p class="doc-paragraph depth-2">Không thuộc ý nào.</p>'
    '<p class="doc-item depth-2" data-part="IV.1, ý 2" id="iv-1-g2"><a class="doc-marker" href="#iv-1-g2" title="x">-</a> Giám sát.</p>'
    '<h2 id="ghi-chu">Ghi chú biên tập</h2>'
)


def test_each_item_is_an_entry_titled_with_the_number_and_its_label() -> None:
    entries, labels, order = item_entries("van-ban/20-kh-tw/", "20-KH/TW", PAGE)
    assert entries == [
        {
            "location": "van-ban/20-kh-tw/#iv-1-g1",
            "title": "20-KH/TW · IV.1, ý 1",
            "text": "Lãnh đạo 45-NQ/TW &amp; thể chế hóa. Đoạn tiếp theo của ý 1.",
            "boost": ITEM_BOOST,
            "label": "IV.1, ý 1",
        },
        {
            "location": "van-ban/20-kh-tw/#iv-1-g2",
            "title": "20-KH/TW · IV.1, ý 2",
            "text": "Giám sát.",
            "boost": ITEM_BOOST,
            "label": "IV.1, ý 2",
        },
    ]
    assert labels == {"iv": "IV", "iv-1": "IV.1", "iv-1-g1": "IV.1, ý 1", "iv-1-g2": "IV.1, ý 2"}
    assert list(order) == ["van-ban", "iv", "iv-1", "iv-1-g1", "iv-1-g2", "ghi-chu"]


def test_items_follow_the_section_that_holds_them_and_headings_carry_their_labels() -> None:
    material = [
        {"location": "van-ban/20-kh-tw/", "title": "Kế hoạch 20-KH/TW", "text": ""},
        {"location": "van-ban/20-kh-tw/#iv", "title": "IV- NHIỆM VỤ CỤ THỂ", "text": ""},
        {"location": "van-ban/20-kh-tw/#iv-1", "title": "1. Đảng đoàn Quốc hội", "text": "…"},
        {"location": "van-ban/20-kh-tw/#ghi-chu", "title": "Ghi chú biên tập", "text": ""},
    ]
    merged = with_items("van-ban/20-kh-tw/", "20-KH/TW", PAGE, material)
    assert [e["location"].partition("#")[2] for e in merged] == ["", "iv", "iv-1", "iv-1-g1", "iv-1-g2", "ghi-chu"]
    assert [e.get("label") for e in merged] == [None, "IV", "IV.1", "IV.1, ý 1", "IV.1, ý 2", None]


def test_a_number_with_markup_characters_stays_text_in_the_title() -> None:
    entries, _, _ = item_entries("van-ban/x/", "1-KH/<b>", PAGE)
    assert entries[0]["title"] == "1-KH/&lt;b&gt; · IV.1, ý 1"


def test_a_hostile_section_number_stays_text_in_the_label_the_entry_and_the_page(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt
    import json
    from html.parser import HTMLParser

    from generator.commands.build import build
    from tests.conftest import copy_project

    project = copy_project(tmp_path)
    path = project.data_dir / "documents" / "287-ctr-ddlhhvn.yaml"
    hostile = '"><img src=x onerror=alert(1)>2.3.'
    text = path.read_text(encoding="utf-8").replace("- number: 2.3.", f"- number: '{hostile}'", 1)
    assert hostile in text
    path.write_text(text, encoding="utf-8")
    build(project, as_of=dt.date(2024, 6, 15), pdfs=False)
    html = (project.site_dir / "van-ban" / "287-ctr-ddlhhvn" / "index.html").read_text(encoding="utf-8")

    class Tags(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[tuple[str, dict[str, str | None]]] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.found.append((tag, dict(attrs)))

    tags = Tags()
    tags.feed(html)
    labels = [str(attrs["data-part"]) for _, attrs in tags.found if "img" in str(attrs.get("data-part"))]
    assert len(labels) == 1 and labels[0].endswith(hostile.rstrip("."))
    assert not any(tag == "img" and attrs.get("onerror") for tag, attrs in tags.found)
    meta = json.loads((project.site_dir / "search" / "vn" / "meta.json").read_text(encoding="utf-8"))
    entry = next(s for s in meta["sections"] if len(s) > 4 and "img" in s[4])
    assert entry[4] == labels[0]  # the label as written, for citations
    assert entry[1] == f"287-CTr/ĐĐLHHVN · {labels[0]}".replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
