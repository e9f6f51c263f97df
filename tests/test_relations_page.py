"""A document with many related documents lists the first ones on its page and all on its relations page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bench.corpus import make_corpus
from generator.build import Project, build, generate
from generator.views import RELATIONS_SHOWN, thousands

AS_OF = dt.date(2025, 6, 30)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """45-NQ/TW and about 40 synthetic documents that implement it."""
    return Project(make_corpus(tmp_path_factory.mktemp("relations"), 40))


def test_a_long_list_is_cut_short_with_a_link_to_all(corpus: Project) -> None:
    _, files = generate(corpus, AS_OF, pdfs=False)
    page = files["van-ban/45-nq-tw.md"].decode("utf-8")
    down = page.split("Văn bản triển khai</p>", 1)[1].split("</div>", 1)[0]
    assert down.count("\n- [") == RELATIONS_SHOWN
    full = files["quan-he/45-nq-tw.md"].decode("utf-8")
    total = full.split("## Văn bản triển khai (", 1)[1].split(" văn bản)", 1)[0]
    assert int(total) > RELATIONS_SHOWN
    assert f"[Xem tất cả {total} văn bản](../quan-he/45-nq-tw.md#van-ban-trien-khai)\n{{: .rel-diagram__more }}" in down
    listed = full.split("{: #van-ban-trien-khai }", 1)[1]
    assert listed.count("\n- [") == int(total) and "search:\n  exclude: true" in full


def test_short_lists_need_no_relations_page(corpus: Project) -> None:
    _, files = generate(corpus, AS_OF, pdfs=False)
    assert [path for path in files if path.startswith("quan-he/")] == ["quan-he/45-nq-tw.md"]
    _, real = generate(Project(Path(__file__).resolve().parent.parent), AS_OF, pdfs=False)
    assert not any(path.startswith("quan-he/") for path in real)


def test_the_links_hold_in_a_strict_build(corpus: Project) -> None:
    build(corpus, as_of=AS_OF, pdfs=False)
    html = (corpus.site_dir / "van-ban" / "45-nq-tw" / "index.html").read_text(encoding="utf-8")
    assert 'class="rel-diagram__more"><a href="../../quan-he/45-nq-tw/#van-ban-trien-khai">Xem tất cả' in html
    assert (corpus.site_dir / "quan-he" / "45-nq-tw" / "index.html").is_file()


def test_counts_are_written_the_vietnamese_way() -> None:
    assert [thousands(n) for n in (7, 1002, 1234567)] == ["7", "1.002", "1.234.567"]
