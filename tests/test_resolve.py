"""Unit tests of the resolve phase on the real corpus."""

import pytest

from generator.corpus.load import load_corpus
from generator.corpus.resolve import Site, resolve
from generator.pages.common import section_label
from tests.conftest import REPO


@pytest.fixture(scope="module")
def site() -> Site:
    return resolve(load_corpus(REPO / "data", REPO))


def edges(site: Site, doc_id: str, incoming: bool = False) -> list[tuple[str, str, bool]]:
    relations = site.incoming[doc_id] if incoming else site.outgoing[doc_id]
    return [(r.kind, (r.source if incoming else r.target).id, r.derived) for r in relations]


def test_stated_relations_and_derived_citations(site: Site) -> None:
    assert edges(site, "287-ctr-ddlhhvn") == [
        ("implements", "45-nq-tw", False),
        ("based_on", "20-kh-tw", False),
        ("based_on", "145-hd-btgtw", False),
        ("cites", "42-ct-tw", True),
        ("cites", "93-kl-tw", True),
        ("cites", "118-qd-tw", True),
        ("cites", "69-kl-tw", True),
        ("cites", "35-kl-tw", True),
    ]


def test_reverse_relations_are_derived(site: Site) -> None:
    assert edges(site, "45-nq-tw", incoming=True) == [
        ("implements", "20-kh-tw", False),
        ("implements", "287-ctr-ddlhhvn", False),
    ]
    assert edges(site, "118-qd-tw", incoming=True) == [("cites", "287-ctr-ddlhhvn", True)]


def test_relation_to_a_section(site: Site) -> None:
    relation = next(r for r in site.outgoing["287-ctr-ddlhhvn"] if r.target.id == "20-kh-tw")
    assert relation.section is not None and relation.section.id == "iv-3"
    assert relation.section.title is not None and relation.section.title.startswith("Đảng đoàn Mặt trận Tổ quốc")


def test_segments_link_every_spelling(site: Site) -> None:
    segments = site.segments("Quyết định 118/QĐ/TW và 118-QĐ/TW, không phải 119-QĐ/TW")
    assert [(s.text, s.target.id if s.target else None) for s in segments] == [
        ("Quyết định ", None),
        ("118/QĐ/TW", "118-qd-tw"),
        (" và ", None),
        ("118-QĐ/TW", "118-qd-tw"),
        (", không phải 119-QĐ/TW", None),
    ]


def test_a_document_does_not_link_to_itself(site: Site) -> None:
    document = site.documents["20-kh-tw"]
    assert [s.target for s in site.segments("Kế hoạch 20-KH/TW", document)] == [None]


def test_section_labels(site: Site) -> None:
    from generator.corpus.model import walk_sections

    labels = {s.id: section_label(s, a) for s, a in walk_sections(site.documents["287-ctr-ddlhhvn"].sections)}
    assert labels["ii-1-1"] == "II.1.1"
    labels = {s.id: section_label(s, a) for s, a in walk_sections(site.documents["20-kh-tw"].sections)}
    assert labels["iv-3"] == "IV.3"
    assert labels["iv-1-g2"] == "IV.1, ý 2"


def test_transcription_keeps_numbering_as_written(site: Site) -> None:
    assert [s.number for s in site.documents["20-kh-tw"].sections] == ["I-", "II-", "III-", "IV-", "V-"]
    assert [s.number for s in site.documents["287-ctr-ddlhhvn"].sections] == ["I.", "II.", "III."]
