"""Search entries made as MkDocs renders, collected and written in a second process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.mkdocs_plugin.search.indexing import Indexer, LiveIndex, page_entries

REPO = Path(__file__).resolve().parent.parent
HTML = '<h1 id="a">Kế hoạch</h1><p>Đội ngũ trí thức</p><h2 id="b">Mục <a class="headerlink" href="#b">¶</a></h2><p>Nhiệm vụ</p>'
CONFIG = {"lang": ["vi"], "separator": "x", "pipeline": [], "fields": {}}


def page(url: str, html: str = HTML, boost: float | None = None) -> tuple:
    meta = {"search": {"boost": boost}} if boost else {}
    return (url, "Kế hoạch", meta, [], html)


def test_entries_are_materials() -> None:
    assert page_entries(page("van-ban/x/", boost=2)) == [
        {"location": "van-ban/x/", "title": "Kế hoạch", "text": "<p>Đội ngũ trí thức</p>", "boost": 2},
        {"location": "van-ban/x/#b", "title": "Mục", "text": "<p>Nhiệm vụ</p>", "boost": 2},
    ]


def test_worker_writes_shards_in_page_order_whatever_the_arrival_order(tmp_path: Path) -> None:
    indexer = Indexer(tmp_path, CONFIG, whole=False, forms={})
    indexer.add(1, page_entries(page("b/")))
    indexer.add(0, page_entries(page("a/")))
    indexer.finish()
    meta = json.loads((tmp_path / "search" / "vn" / "meta.json").read_text(encoding="utf-8"))
    assert [s[0] for s in meta["sections"]] == ["a/", "a/#b", "b/", "b/#b"]
    shard = json.loads((tmp_path / "search" / "vn" / "w" / "nhi.json").read_text(encoding="utf-8"))
    assert shard == {"nhiêm\u0323": [1, 1, 0, 3, 1, 0]}
    assert json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8")) == {"config": CONFIG, "docs": []}


def test_worker_returns_every_entry_for_the_copy_opened_from_disk(tmp_path: Path) -> None:
    indexer = Indexer(tmp_path, CONFIG, whole=True, forms={})
    indexer.add(0, page_entries(page("a.html")))
    indexer.finish()
    docs = json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert [d["location"] for d in docs] == ["a.html", "a.html#b"]
    assert not (tmp_path / "search" / "vn").exists()


def test_entries_for_the_copy_opened_from_disk_carry_their_dates_and_names(tmp_path: Path) -> None:
    indexer = Indexer(tmp_path, CONFIG, whole=True, forms={"_khcn": ("kh cn", "khcn", "khoa hoc va cong nghe")})
    indexer.add(0, [{"location": "a/", "title": "Bộ KH&amp;CN", "text": "<p>Ngày 24 tháng 11 năm 2023</p>"}])
    indexer.finish()
    docs = json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert docs[0]["concepts"] == [["_khcn", 0, 1, 2], ["_24112023", 1, 1, 5]]  # term, field, first word, words


def test_a_documents_own_entry_holds_its_metadata_by_part_and_replaces_the_tables() -> None:
    html = (
        '<h1 id="van-ban">Quyết định 118-QĐ/TW</h1><p>Ban hành Quy chế</p><h2 id="thong-tin">Thông tin văn bản</h2>'
        '<p>Số hiệu 118-QĐ/TW</p><h2 id="noi-dung">Nội dung văn bản</h2><p>Toàn văn chưa có</p>'
    )
    fields = {"title": "Ban hành Quy chế <tổ chức>", "issuer": "Ban Bí thư", "other": "Hà Nội", "date": "22/08/2023"}
    entries = page_entries(("van-ban/118/", "Quyết định 118-QĐ/TW", {"number": "118-QĐ/TW", "document": fields}, [], html))
    assert [entry["location"] for entry in entries] == ["van-ban/118/", "van-ban/118/#noi-dung"]
    assert entries[0]["text"] == "<p>Ban hành Quy chế &lt;tổ chức&gt; · Ban Bí thư · Hà Nội · 22/08/2023</p>"
    # Where each part ends, in words: title, issuer, signer (none), other, date.
    assert entries[0]["zones"] == [6, 9, 9, 11, 14]


def test_a_worker_that_dies_is_an_error_not_a_hang(tmp_path: Path) -> None:
    indexer = Indexer(tmp_path, CONFIG, whole=False, forms={})
    indexer.process.kill()
    indexer.process.join()
    with pytest.raises(RuntimeError, match="Lập chỉ mục tìm kiếm thất bại"):
        indexer.finish()


def test_entries_the_worker_cannot_index_are_reported(tmp_path: Path) -> None:
    indexer = Indexer(tmp_path, CONFIG, whole=False, forms={})
    indexer.add(0, [{"title": "no location", "text": ""}])
    entries = page_entries(page("b/", HTML * 20))
    for number in range(1, 200):  # more than a pipe holds: the build must not block
        indexer.add(number, entries)
    with pytest.raises(RuntimeError, match="KeyError"):
        indexer.finish()


def test_pages_that_send_nothing_do_not_hold_back_the_others(tmp_path: Path) -> None:
    indexer = Indexer(tmp_path, CONFIG, whole=True, forms={})
    indexer.add(2, page_entries(page("c/")))
    indexer.add(0, page_entries(page("a/")))
    indexer.finish()
    docs = json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert [d["location"] for d in docs] == ["a/", "a/#b", "c/", "c/#b"]


def test_live_index_keeps_pages_not_rebuilt_and_drops_removed_ones(tmp_path: Path) -> None:
    live = LiveIndex()
    live.add("a.md", page_entries(page("a/")))
    live.add("b.md", page_entries(page("b/")))
    live.add("a.md", page_entries(page("a/", HTML.replace("trí thức", "khoa học"))))
    live.write(tmp_path, CONFIG, ["a.md"], {})
    docs = json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert [d["location"] for d in docs] == ["a/", "a/#b"] and "khoa học" in docs[0]["text"]


def test_plain_mkdocs_build_loads_the_plugin(tmp_path: Path) -> None:
    """`mkdocs build` run by hand finds the project's plugin by its name."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Trang\n\n## Mục {: #muc }\n\nĐội ngũ trí thức\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: t\ndocs_dir: {docs}\nsite_dir: {tmp_path / 'site'}\ntheme: material\n"
        "plugins: [search, nghi-quyet-45]\nmarkdown_extensions: [attr_list]\n",
        encoding="utf-8",
    )
    subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "-q", "-f", str(config)], cwd=tmp_path, check=True)
    meta = json.loads((tmp_path / "site" / "search" / "vn" / "meta.json").read_text(encoding="utf-8"))
    assert [s[0] for s in meta["sections"]] == ["", "#muc"]
