"""Publishing: a sub-path with every internal link checked, open data against its schema, the feed,
the PDFs, and the editor's preview keeping the last good output on errors."""

from __future__ import annotations

import json
import re
import subprocess
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import jsonschema
import pytest

from generator.commands.build import Project, build
from generator.commands.serve import Regenerator
from tests.conftest import AS_OF, REPO, copy_project, files_of, serving

PREFIX = "/nghi-quyet-45/"
LINK = re.compile(r"""<(?:a|link|script|img)\b[^>]*?\b(?:href|src)="([^"]+)\"""")


@pytest.fixture(scope="module")
def sub_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Project, str]]:
    """The site built for and served under /nghi-quyet-45/ on a loopback port."""
    root = tmp_path_factory.mktemp("subpath")
    www = root / "www"
    www.mkdir()
    with serving(www) as server:
        base = server + PREFIX
        project = copy_project(root / "project")
        build(project, as_of=AS_OF, site_url=base)
        (www / PREFIX.strip("/")).symlink_to(project.site_dir)
        yield project, base


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_every_internal_link_works_under_a_sub_path(sub_path: tuple[Project, str]) -> None:
    project, base = sub_path
    pages = [p for p in project.site_dir.rglob("*.html")]
    broken: list[tuple[str, str]] = []
    checked: dict[str, bytes | None] = {}
    for page in pages:
        page_url = urllib.parse.urljoin(base, page.relative_to(project.site_dir).as_posix())
        html = page.read_text(encoding="utf-8")
        for href in LINK.findall(html):
            target = urllib.parse.urljoin(page_url, href.replace("&amp;", "&"))
            parsed = urllib.parse.urlsplit(target)
            if parsed.scheme not in ("http", "https") or parsed.netloc != urllib.parse.urlsplit(base).netloc:
                continue
            if not parsed.path.startswith(PREFIX):
                broken.append((page.name, href))
                continue
            address = urllib.parse.urlunsplit(parsed._replace(fragment="", query=""))
            if address not in checked:
                status, body = fetch(address)
                checked[address] = body if status == 200 else None
            body = checked[address]
            if body is None or (parsed.fragment and f'id="{parsed.fragment}"'.encode() not in body):
                broken.append((page.relative_to(project.site_dir).as_posix(), href))
    assert len(checked) > 40
    assert broken == []


def test_canonical_urls_and_sitemap_follow_the_sub_path(sub_path: tuple[Project, str]) -> None:
    project, base = sub_path
    html = (project.site_dir / "van-ban" / "20-kh-tw" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{base}van-ban/20-kh-tw/">' in html
    assert f'<meta property="og:url" content="{base}van-ban/20-kh-tw/">' in html
    assert f'<meta property="og:image" content="{base}images/share.png">' in html
    locations = re.findall(r"<loc>([^<]+)</loc>", (project.site_dir / "sitemap.xml").read_text(encoding="utf-8"))
    assert locations and all(loc.startswith(base) for loc in locations)
    assert fetch(base + "images/share.png")[0] == 200


def test_sharing_metadata_per_document(built: Project) -> None:
    html = (built.site_dir / "van-ban" / "287-ctr-ddlhhvn" / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:title" content="Chương trình hành động 287-CTr/ĐĐLHHVN">' in html
    assert '<meta property="og:description" content="Chương trình hành động của Đảng đoàn Liên hiệp các Hội Khoa học' in html
    assert '<meta property="og:type" content="article">' in html


def test_open_data_validates_against_the_shipped_schema(built: Project) -> None:
    schema = json.loads((REPO / "generator" / "outputs" / "documents.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    files = [built.site_dir / "documents.json", *sorted((built.site_dir / "van-ban").glob("*.json"))]
    assert len(files) == 10
    for path in files:
        errors = [f"{path.name}: {e.json_path}: {e.message}" for e in validator.iter_errors(json.loads(path.read_text(encoding="utf-8")))]
        assert errors == []
    documents = json.loads((built.site_dir / "documents.json").read_text(encoding="utf-8"))["documents"]
    plan = next(d for d in documents if d["number"] == "20-KH/TW")
    assert [s["id"] for s in plan["sections"]] == ["i", "ii", "iii", "iv", "v"]
    assert plan["sections"][3]["sections"][1]["sections"][0]["task"]["deadline"]["date"] == "2024-03-31"


def test_schema_rejects_wrong_data() -> None:
    schema = json.loads((REPO / "generator" / "outputs" / "documents.schema.json").read_text(encoding="utf-8"))
    assert not jsonschema.Draft202012Validator(schema).is_valid({"documents": [{"id": "Bad Id"}]})


def test_atom_feed(built: Project) -> None:
    feed = ET.parse(built.site_dir / "feed.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [entry.find(f"{atom}title").text for entry in feed.findall(f"{atom}entry")]
    assert titles[:3] == ["Chương trình hành động 287-CTr/ĐĐLHHVN", "Hướng dẫn 145-HD/BTGTW", "Kế hoạch 20-KH/TW"]
    assert len(titles) == 8  # 69-KL/TW has no date
    assert feed.find(f"{atom}updated").text == "2024-03-28T00:00:00+07:00"


def test_pdf_text_has_the_number_and_the_last_recipient(built: Project) -> None:
    for document, last_recipient in [("287-ctr-ddlhhvn", "Lưu VP ĐĐLHHVN."), ("20-kh-tw", "Lưu Văn phòng Trung ương Đảng.")]:
        pdf = built.site_dir / "van-ban" / f"{document}.pdf"
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert document.split("-")[0] in text
        assert last_recipient in text
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:]), fonts
    html = (built.site_dir / "van-ban" / "287-ctr-ddlhhvn" / "index.html").read_text(encoding="utf-8")
    assert 'href="../287-ctr-ddlhhvn.pdf"' in html


def test_pdf_is_a4(built: Project) -> None:
    info = subprocess.run(["pdfinfo", str(built.site_dir / "van-ban" / "20-kh-tw.pdf")], capture_output=True, text=True, check=True).stdout
    assert "595.276 x 841.89 pts (A4)" in info


def test_preview_keeps_the_last_good_output_on_errors(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    regenerator = Regenerator(project)
    assert regenerator.regenerate() is True
    before = files_of(project.docs_dir)
    path = project.data_dir / "documents" / "45-nq-tw.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2023-11-24", "date: 2023-11-31"), encoding="utf-8")
    capsys.readouterr()
    assert regenerator.regenerate() is False
    err = capsys.readouterr().err
    assert 'Lỗi: ngày không hợp lệ "2023-11-31"' in err
    assert 'File "data/documents/45-nq-tw.yaml", dòng 7' in err
    assert "Trang xem trước vẫn giữ bản dựng hợp lệ gần nhất." in err
    assert files_of(project.docs_dir) == before


def test_preview_regenerates_on_edits_not_on_its_own_reads(project: Project) -> None:
    """Watchdog reports files opened for reading too; reacting to those made the preview loop."""
    import time

    from generator.commands.serve import watch

    regenerator = Regenerator(project)
    observer = watch(project, regenerator)
    try:
        regenerator.regenerate()  # reads every YAML file and every template
        time.sleep(0.5)
        assert regenerator.timer is None
        path = project.data_dir / "documents" / "45-nq-tw.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        deadline = time.monotonic() + 5
        while regenerator.timer is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert regenerator.timer is not None
    finally:
        observer.stop()
        if regenerator.timer is not None:
            regenerator.timer.cancel()


def test_preview_address_follows_site_url(project: Project) -> None:
    from generator.commands.serve import served_path

    assert served_path(project) == "/nghi-quyet-45/"


def test_typesetting_a_pdf_leaves_no_garbage_while_the_build_pauses_the_collector() -> None:
    import gc

    from generator.corpus.load import load_corpus
    from generator.corpus.resolve import resolve
    from generator.outputs.pdf import document_pdf

    document = resolve(load_corpus(REPO / "data", REPO)).documents["287-ctr-ddlhhvn"]
    gc.collect()
    gc.disable()
    try:
        document_pdf(document, "Đảng đoàn Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam")
        left = gc.collect()
    finally:
        gc.enable()
    assert left < 100  # without its own collection, about 9,000 objects of each PDF would stay
