"""The sharded search index written after the MkDocs build."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.commands.build import Project
from generator.corpus.searchtext import FormReader
from generator.corpus.vocabulary import fold as search_fold
from generator.mkdocs_plugin.search.shards import FoldCache, ShardWriter, Words, folded_words, postings_of, shard_key
from generator.support.jsonfile import compact, compact_line
from tests.conftest import files_of


def test_fold_and_words() -> None:
    assert search_fold("ĐẢNG") == "dang"
    assert folded_words("<p>Đảng đoàn</p><ul><li>KH&amp;CN</li><li>45-NQ/TW</li></ul>") == ["dang", "doan", "kh", "cn", "45", "nq", "tw"]


def _words_token_by_token(html: str) -> list[str]:
    """The worker's reading, one token at a time: tags and entities are skipped, words folded."""
    tokens = re.findall(r"<[^>]*>|&[#\w]+;|[^\W_]+", html)
    return [search_fold(token) for token in tokens if token[0] not in "<&"]


@given(st.text(alphabet='aĐđé_1 <>&#;/"=b\n', max_size=60))
def test_words_are_read_as_token_by_token(html: str) -> None:
    assert folded_words(html) == _words_token_by_token(html)


def test_the_fold_cache_folds_and_lowers_each_word_once() -> None:
    cache = FoldCache()
    assert folded_words("Trí thức, trí thức", cache) == ["tri", "thuc", "tri", "thuc"]
    assert cache == {"Trí": ("tri", "tri\u0301"), "thức": ("thuc", "thưc\u0301"), "trí": ("tri", "tri\u0301")}


def test_words_keep_their_diacritics_and_the_gaps_before_them() -> None:
    words = Words("<p>Ngày 24/11/2023, <b>KH</b>&amp;CN</p>")
    assert words.keys == ["ngay\u0300", "24", "11", "2023", "kh", "cn"]  # the tone after the letters
    assert words.gaps == [" ", " ", "/", "/", ",", " "]


def test_postings_hold_words_as_written_and_dates_and_names_with_their_length() -> None:
    reader = FormReader({"_khcn": ("kh cn", "khcn", "khoa hoc va cong nghe")})
    found = postings_of(Words("Bộ Khoa học và Công nghệ, ngày 24 tháng 11 năm 2023"), reader)
    assert ("khoa", 0, 1) in found and ("bô\u0323", 0, 0) in found
    # A name of five words and a date of five ("24 tháng 11 năm 2023"): span code 2 × (5 - 1), at their first word.
    assert ("_khcn", 8, 1) in found
    assert ("_24112023", 8, 7) in found


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(),
        lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
        max_leaves=12,
    )
)
def test_compact_json_is_what_the_standard_library_writes(data: object) -> None:
    expected = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    assert compact(data) == expected.encode("utf-8")
    assert compact_line(data) == (expected + "\n").encode("utf-8")


def test_shard_keys() -> None:
    assert [shard_key(w) for w in ("tri", "trien", "t", "45", "中文字")] == ["tri", "tri", "t", "45", "x4e2d-6587-5b57"]


def test_shards_of_the_built_site(built: Project) -> None:
    search = built.site_dir / "search"
    assert json.loads((search / "search_index.json").read_text(encoding="utf-8"))["docs"] == []
    meta = json.loads((search / "vn" / "meta.json").read_text(encoding="utf-8"))
    locations = [section[0] for section in meta["sections"]]
    assert "van-ban/20-kh-tw/" in locations and "van-ban/20-kh-tw/#iv-3" in locations
    # Each task is found in its document's text; the board, which repeats them all, is not searched.
    assert not any(location.startswith("nhiem-vu/") for location in locations)
    shard = json.loads((search / "vn" / "w" / "tri.json").read_text(encoding="utf-8"))
    # Words lowercase with their tone after their letters, in the shard of their fold.
    assert {"tri\u0301", "tri\u0323", "triên\u0309"} <= shard.keys()
    postings = shard["tri\u0301"]
    assert len(postings) % 3 == 0
    section, field, position = postings[:3]
    chunk = json.loads((search / "vn" / "t" / f"{section // meta['chunk']}.json").read_text(encoding="utf-8"))
    text = chunk[section % meta["chunk"]] if field == 1 else meta["sections"][section][1]
    assert folded_words(text)[position] == "tri"
    # 45-NQ/TW's own entry holds its date in its date part (the last of its metadata's parts).
    dated = json.loads((search / "vn" / "w" / f"{shard_key('_24112023')}.json").read_text(encoding="utf-8"))["_24112023"]
    page = next(i for i, section in enumerate(meta["sections"]) if section[0] == "van-ban/45-nq-tw/")
    ends = meta["sections"][page][3]
    assert any(dated[k] == page and dated[k + 1] == 1 + 2 * 2 and ends[-2] <= dated[k + 2] < ends[-1] for k in range(0, len(dated), 3))


words = st.sampled_from(["trí", "thức", "tri", "Đảng", "45", "nq", "tw", "kế", "hoạch", "xyz", "ý"])
entries = st.lists(
    st.fixed_dictionaries(
        {"location": st.sampled_from(["a/", "b/#thong-tin", "c/#i"]), "title": st.lists(words, max_size=3).map(" ".join)},
        optional={"text": st.lists(words, max_size=12).map(" ".join)},
    ),
    max_size=6,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(entries, max_size=8), st.integers(min_value=1, max_value=40))
def test_postings_spilled_to_disk_give_the_same_shards(tmp_path_factory: pytest.TempPathFactory, pages: list, spill_at: int) -> None:  # type: ignore[type-arg]
    kept, spilled = tmp_path_factory.mktemp("kept"), tmp_path_factory.mktemp("spilled")
    plain = ShardWriter(kept)
    for page in pages:
        plain.add(page)
    plain.write(kept)
    spilling = ShardWriter(spilled, tmp_path_factory.mktemp("spill"))
    spilling.SPILL_AT = spill_at
    for page in pages:
        spilling.add(page)
    spilling.write(spilled)
    assert files_of(spilled) == files_of(kept)
    assert spilling.spilled or plain.held <= spill_at  # the test spills whenever it can
