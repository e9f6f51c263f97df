"""Long lists are cut short where a page would grow with the corpus: a document page lists the first
related documents (all on its relations page), and a task names its first answers (all on the board)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bench.corpus import make_corpus
from generator.commands.build import Project, build, check, generate
from generator.pages import listings
from generator.pages.common import thousands
from generator.pages.relations import RELATIONS_SHOWN
from generator.pages.tasks import ANSWERS_SHOWN
from generator.pages.views import Views

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
    cut_short = {path.split("/")[1] for path, text in files.items() if path.startswith("van-ban/") and b"](../quan-he/" in text}
    assert {path.split("/")[1] for path in files if path.startswith("quan-he/")} == cut_short
    assert "45-nq-tw.md" in cut_short and len(cut_short) < 10
    _, real = generate(Project(Path(__file__).resolve().parent.parent), AS_OF, pdfs=False)
    assert not any(path.startswith("quan-he/") for path in real)


def test_the_links_hold_in_a_strict_build(corpus: Project) -> None:
    build(corpus, as_of=AS_OF, pdfs=False)
    html = (corpus.site_dir / "van-ban" / "45-nq-tw" / "index.html").read_text(encoding="utf-8")
    assert 'class="rel-diagram__more"><a href="../../quan-he/45-nq-tw/#van-ban-trien-khai">Xem tất cả' in html
    assert (corpus.site_dir / "quan-he" / "45-nq-tw" / "index.html").is_file()


def test_counts_are_written_the_vietnamese_way() -> None:
    assert [thousands(n) for n in (7, 1002, 1234567)] == ["7", "1.002", "1.234.567"]


def test_a_task_names_its_first_answers_and_the_board_names_all(corpus: Project) -> None:
    _, files = generate(corpus, AS_OF, pdfs=False)
    page = files["van-ban/20-kh-tw.md"].decode("utf-8")
    badge = page.split('{: #iv-8 data-part="IV.8" }', 1)[1].split("· Trả lời: ", 1)[1].split("\n", 1)[0]
    named, rest = badge.split(" [và ", 1)
    assert named.count("](") == ANSWERS_SHOWN
    others = int(rest.split(" ", 1)[0])
    assert rest.startswith(f"{others} văn bản khác](../nhiem-vu/index.md#nv-20-kh-tw-iv-8) · Xem trên")
    row = next(line for line in files["nhiem-vu/index.md"].decode("utf-8").splitlines() if 'id="nv-20-kh-tw-iv-8"' in line)
    assert row.rsplit(" | ", 1)[1].count("](") == ANSWERS_SHOWN + others and "văn bản khác" not in row
    body = files["co-quan/tinh-uy-thanh-uy.md"].decode("utf-8")
    assert f"[và {others} văn bản khác](../nhiem-vu/index.md#nv-20-kh-tw-iv-8)" in body


def test_the_home_tree_shows_the_first_documents_below_each_and_links_to_the_rest(corpus: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listings, "TREE_CHILDREN_SHOWN", 2)
    _, files = generate(corpus, AS_OF, pdfs=False)
    tree = files["index.md"].decode("utf-8").split("{: #cay-van-ban }", 1)[1].split("\n## ", 1)[0].strip().splitlines()
    shown_below: dict[tuple[int, int], int] = {}  # (line of the parent, depth) -> documents shown
    parents: list[int] = []  # line of the last document at each depth
    more = []
    for number, line in enumerate(tree):
        depth = (len(line) - len(line.lstrip())) // 4
        parents[depth:] = [number]
        if "văn bản khác triển khai" in line:
            more.append(line.strip())
        elif depth:
            shown_below[(parents[depth - 1], depth)] = shown_below.get((parents[depth - 1], depth), 0) + 1
    assert shown_below and max(shown_below.values()) == 2
    assert more
    for line in more:
        target = line.split("](", 1)[1].rstrip(")").split("#", 1)[0]
        assert target in files


def test_the_rest_of_a_branch_is_on_the_relations_page_or_in_the_diagram(corpus: Project) -> None:
    site = check(corpus)
    views = Views.of(site)
    with_page, without = site.documents["45-nq-tw"], site.documents["100-kh-tuba"]
    assert views.relations.has_page(with_page) and not views.relations.has_page(without)
    assert views.listings.more_below(with_page, 3, "index.md") == "[và 3 văn bản khác triển khai 45-NQ/TW](quan-he/45-nq-tw.md)"
    assert (
        views.listings.more_below(without, 1002, "index.md")
        == "[và 1.002 văn bản khác triển khai 100-KH/TUBA](van-ban/100-kh-tuba.md#quan-he)"
    )
