"""The editorial room in Chromium, as an officer uses it: sign in; add documents from a Word file, a text PDF, a
stamped scan and pasted text; correct a guessed field, a misread word and a level of the tree; save; see the pages in
the preview; a progress report reaches the board and the body's page; markup stays text; two editors on one document;
an old version restored; publish to a local folder; pages pass axe."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bench.intake import scanned
from bench.intakebench import tree
from bench.support import copy_project, serving
from generator.commands.build import Project, build
from tests.editorkit import PASSWORD, derived, editor_app, running

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
PASTED = """Ngày 15/4, Ban Tuyên giáo Trung ương ban hành Hướng dẫn số 150-HD/BTGTW về tuyên truyền về đội ngũ trí thức.
I. MỤC ĐÍCH, YÊU CẦU
1. Tuyên truyền sâu rộng nội dung Nghị quyết trong cán bộ, đảng viên.
II. NỘI DUNG
1. Tổ chức hội nghị quán triệt ở các cấp ủy.
"""


@pytest.fixture(scope="module")
def received(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """What the office receives, made by the site itself: a Word file, a text PDF and a stamped scan of documents
    that data/ does not hold yet (287-CTr/ĐĐLHHVN written again under other numbers)."""
    root = tmp_path_factory.mktemp("nhan")
    project = copy_project(root)
    for number, new_id in (
        ("288-CTr/ĐĐLHHVN", "288-ctr-ddlhhvn"),
        ("289-CTr/ĐĐLHHVN", "289-ctr-ddlhhvn"),
        ("290-CTr/ĐĐLHHVN", "290-ctr-ddlhhvn"),
    ):
        derived(root, "287-ctr-ddlhhvn", number, new_id)
    build(project, as_of=dt.date(2024, 6, 15))
    pages = scanned(project.site_dir / "van-ban" / "290-ctr-ddlhhvn.pdf")
    scan = root / "ban-quet.png"
    pages[0].save(scan, dpi=(200, 200))
    return {
        "docx": project.site_dir / "van-ban" / "288-ctr-ddlhhvn.docx",
        "pdf": project.site_dir / "van-ban" / "289-ctr-ddlhhvn.pdf",
        "scan": scan,
    }


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Project]]:
    root = tmp_path_factory.mktemp("phong")
    app = editor_app(root, preview=True)
    (root / "web").mkdir()
    (root / "publish.yaml").write_text(f"targets:\n  - name: thu-muc\n    kind: folder\n    path: {root / 'web'}\n", encoding="utf-8")
    with running(app) as base:
        yield base, app.extensions["phong_bien_tap"].config.project


def _sign_in(browser, base: str, name: str, viewport: dict[str, int] = DESKTOP):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport=viewport)
    # The preview rebuilds the site after each save: on a loaded 2-core machine a page can take longer than
    # Playwright's default 30 s to come, which is not what these tests are about.
    page.set_default_timeout(90_000)
    page.goto(f"{base}/")
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Đăng nhập')")
    page.wait_for_url(f"{base}/")
    return page


def _upload(page, base: str, path: Path | None = None, text: str = "") -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/them")
    if path is not None:
        page.set_input_files("#file", str(path))
    else:
        page.fill("#text", text)
    page.click("button:has-text('Đọc văn bản')")
    page.wait_for_selector("#bieu-mau", timeout=120_000)  # the page reloads itself until the importer is done


def _saved(project: Project, doc_id: str) -> dict[str, object]:
    data = yaml.safe_load((project.data_dir / "documents" / f"{doc_id}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _save(page, doc_id: str) -> None:  # type: ignore[no-untyped-def]
    page.click("button[value='luu'] >> nth=0")
    page.wait_for_selector(f"text=Đã lưu data/documents/{doc_id}.yaml")


def _serious(page) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    return [(v["id"], len(v["nodes"])) for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]


def test_a_word_file_becomes_a_document_after_fixing_a_level(browser, editor, received) -> None:  # type: ignore[no-untyped-def]
    base, project = editor
    page = _sign_in(browser, base, "bientap")
    _upload(page, base, received["docx"])
    assert page.locator("h1").inner_text().startswith("Duyệt bản nhập từ 288-ctr-ddlhhvn.docx")
    assert page.locator("#f-number").input_value() == "288-CTr/ĐĐLHHVN"
    assert page.locator(".nguon .dong-goc li").count() > 40  # the source beside the draft
    assert _serious(page) == []
    page.click("button[value='cay-xuong-2']")  # an item put one level too deep …
    assert page.locator("#s2-level").input_value() == "3"
    page.click("button[value='cay-len-2']")  # … and set right
    assert page.locator("#s2-level").input_value() == "2"
    _save(page, "288-ctr-ddlhhvn")
    saved = _saved(project, "288-ctr-ddlhhvn")
    truth = yaml.safe_load((project.data_dir / "documents" / "287-ctr-ddlhhvn.yaml").read_text(encoding="utf-8"))
    assert tree(saved["sections"]) == tree(truth["sections"]) and saved["issuer"] == "dang-doan-lhhvn"  # type: ignore[arg-type]
    page.click("text=Xem trang")
    assert "288-CTr/ĐĐLHHVN" in page.locator("article").inner_text()
    assert page.locator("a:has-text('Sửa văn bản này')").count() == 1
    page.close()


def test_a_text_pdf_shows_its_pages_beside_the_draft(browser, editor, received) -> None:  # type: ignore[no-untyped-def]
    base, project = editor
    page = _sign_in(browser, base, "bientap")
    _upload(page, base, received["pdf"])
    assert page.locator("img[alt='Trang 1 của tệp gốc']").count() == 1
    assert page.locator("img.trang").count() == 4
    assert page.locator("details:has-text('Bỏ khi đọc tệp') li").count() >= 4  # page numbers dropped, each with its reason
    _save(page, "289-ctr-ddlhhvn")
    assert _saved(project, "289-ctr-ddlhhvn")["date"] == "2024-03-28"
    page.close()


def test_a_stamped_scan_marks_the_doubtful_words_and_a_misread_one_is_corrected(browser, editor, received) -> None:  # type: ignore[no-untyped-def]
    base, project = editor
    page = _sign_in(browser, base, "bientap")
    _upload(page, base, received["scan"])
    assert page.locator("img[alt='Trang 1 của tệp gốc']").count() == 1
    doubtful = page.locator(".dong-goc mark")
    assert doubtful.count() >= 1
    truth = yaml.safe_load((project.data_dir / "documents" / "287-ctr-ddlhhvn.yaml").read_text(encoding="utf-8"))
    rows = page.locator("fieldset.muc")
    first_item = truth["sections"][0]["sections"][0]["text"]
    box = page.locator("#s1-text")
    assert rows.count() >= 2 and box.input_value() != "" and page.locator("#s1-number").input_value() == "1."
    box.fill(first_item)  # the officer sets the misread words right against the paper
    _save(page, "290-ctr-ddlhhvn")
    assert _saved(project, "290-ctr-ddlhhvn")["sections"][0]["sections"][0]["text"] == first_item  # type: ignore[index]
    page.close()


def test_pasted_text_guessed_fields_are_marked_and_a_correction_reaches_the_preview(browser, editor) -> None:  # type: ignore[no-untyped-def]
    base, project = editor
    page = _sign_in(browser, base, "bientap", PHONE)
    _upload(page, base, text=PASTED)
    number = page.locator("#f-number")
    assert number.input_value() == "150-HD/BTGTW"
    assert "doan" in (page.locator(".truong:has(#f-number)").get_attribute("class") or "")
    assert page.locator("#doan-number").inner_text().startswith("Đoán:")
    title = page.locator("#f-title")  # guessed from the sentence that announces the document, and short of a word
    assert title.input_value() == "Về tuyên truyền về đội ngũ trí thức"
    assert "doan" in (page.locator(".truong:has(#f-title)").get_attribute("class") or "")
    title.fill("Về tuyên truyền về đội ngũ trí thức Việt Nam")
    assert page.locator("#f-date").input_value() == ""  # the text gives no year: the officer fills it in
    page.fill("#f-date", "2024-04-16")  # the date the paper bears
    page.click("button[value='kiem-tra'] >> nth=0")
    assert page.locator("text=Kiểm tra xong: không có lỗi.").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    assert _serious(page) == []
    review = page.url
    page.click("button[value='xem-truoc'] >> nth=0")
    assert "16/04/2024" in page.locator("article").inner_text()
    assert "Về tuyên truyền về đội ngũ trí thức Việt Nam" in page.locator("article").inner_text()
    assert not (project.data_dir / "documents" / "150-hd-btgtw.yaml").exists()  # previewed, not saved
    page.goto(review)  # the draft kept what was typed
    assert page.locator("#f-date").input_value() == "2024-04-16"
    _save(page, "150-hd-btgtw")
    assert _saved(project, "150-hd-btgtw")["date"] == "2024-04-16"
    assert _saved(project, "150-hd-btgtw")["title"] == "Về tuyên truyền về đội ngũ trí thức Việt Nam"
    page.close()


def test_a_report_from_the_form_appears_on_the_board_and_the_bodys_page(browser, editor) -> None:  # type: ignore[no-untyped-def]
    base, _ = editor
    page = _sign_in(browser, base, "bientap")
    page.goto(f"{base}/bao-cao/moi?body=ban-can-su-dang-chinh-phu")
    page.fill("#f-task", "20-KH/TW#iv-2")
    page.fill("#f-date", "2024-06-30")
    page.select_option("#f-status", "Đang thực hiện")
    page.fill("#f-summary", "Đã trình dự thảo <b>Chiến lược</b> quốc gia.")
    page.click("button:has-text('Lưu báo cáo')")
    page.wait_for_selector("text=Đã lưu báo cáo")
    page.goto(f"{base}/xem-truoc/co-quan/ban-can-su-dang-chinh-phu/")
    assert "Đã trình dự thảo <b>Chiến lược</b> quốc gia." in page.locator("article").inner_text()
    assert page.locator("article b:has-text('Chiến lược')").count() == 0
    page.goto(f"{base}/xem-truoc/nhiem-vu/")
    assert "Đã trình dự thảo <b>Chiến lược</b> quốc gia." in page.locator("article").inner_text()
    page.goto(f"{base}/xem-truoc/co-quan/ban-can-su-dang-chinh-phu/")
    page.click("text=Sửa báo cáo 30/06/2024")  # the report is edited from the page that shows it
    assert page.locator("#f-summary").input_value() == "Đã trình dự thảo <b>Chiến lược</b> quốc gia."
    page.fill("#f-summary", "Chính phủ đã ban hành Chiến lược quốc gia.")
    page.click("button:has-text('Lưu báo cáo')")
    page.wait_for_selector("text=Đã lưu báo cáo")
    page.goto(f"{base}/xem-truoc/co-quan/ban-can-su-dang-chinh-phu/")
    shown = page.locator("article").inner_text()
    assert "Chính phủ đã ban hành Chiến lược quốc gia." in shown and "Đã trình dự thảo" not in shown
    page.close()


def test_markup_in_a_field_is_text_in_the_preview(browser, editor) -> None:  # type: ignore[no-untyped-def]
    base, _ = editor
    page = _sign_in(browser, base, "bientap")
    page.goto(f"{base}/van-ban/118-qd-tw/sua")
    page.fill("#f-title", "<script>window.hacked=1</script><i>nghiêng</i>")
    _save(page, "118-qd-tw")
    assert page.locator("#f-title").input_value() == "<script>window.hacked=1</script><i>nghiêng</i>"
    page.goto(f"{base}/xem-truoc/van-ban/118-qd-tw/")
    assert "<script>window.hacked=1</script><i>nghiêng</i>" in page.locator("article").inner_text()
    assert page.evaluate("window.hacked === undefined") and page.locator("article i:has-text('nghiêng')").count() == 0
    page.close()


def test_two_editors_on_one_document_then_an_old_version_restored(browser, editor) -> None:  # type: ignore[no-untyped-def]
    base, project = editor
    path = project.data_dir / "documents" / "35-kl-tw.yaml"
    original = path.read_bytes()
    first, second = _sign_in(browser, base, "bientap"), _sign_in(browser, base, "bientap2", PHONE)
    for page in (first, second):
        page.goto(f"{base}/van-ban/35-kl-tw/sua")
    first.fill("#f-place", "Hà Nội")
    _save(first, "35-kl-tw")
    saved = path.read_bytes()
    first.click("text=Xem trang")
    assert "Hà Nội" in first.locator("article").inner_text()
    second.fill("#f-signer", "Người ký khác")
    second.click("button[value='luu'] >> nth=0")
    conflict = second.locator(".xung-dot")
    assert "Chưa lưu: văn bản vừa được người khác sửa" in conflict.inner_text()
    assert conflict.locator(".added:has-text('+place: Hà Nội')").count() == 1  # what the other person changed
    assert conflict.locator(".added:has-text('+signer: Người ký khác')").count() == 1  # what this save would change
    assert path.read_bytes() == saved  # nothing overwritten
    second.goto(f"{base}/van-ban/35-kl-tw/sua")  # the refused form is the second editor's draft
    assert second.locator("#f-signer").input_value() == "Người ký khác"
    assert _serious(second) == []
    second.close()
    first.goto(f"{base}/van-ban/35-kl-tw/lich-su")
    versions = first.locator("ol.lich-su li")
    assert versions.count() == 2 and "Cán bộ bientap" in versions.first.inner_text()
    versions.last.locator("a").click()  # the version before the edit
    assert first.locator(".added:has-text('+place: Hà Nội')").count() == 1  # from that version to the current one
    first.click("button:has-text('Khôi phục bản này')")
    first.wait_for_selector("text=Đã khôi phục bản")
    assert path.read_bytes() == original
    assert first.locator("ol.lich-su li").count() == 3
    first.goto(f"{base}/xem-truoc/van-ban/35-kl-tw/")
    assert "Hà Nội" not in first.locator("article").inner_text()  # the preview shows the restored version
    first.close()


def test_a_publisher_sees_what_changes_publishes_to_a_local_target_and_the_page_is_there(browser, editor) -> None:  # type: ignore[no-untyped-def]
    base, project = editor
    page = _sign_in(browser, base, "xuatban")
    page.goto(f"{base}/xuat-ban")
    page.click("button[value='thu']")
    page.wait_for_selector("text=Sẽ thêm", timeout=300_000)  # built first: data/ is newer than site/
    added = page.locator("details summary:has-text('Thêm')").inner_text()
    assert int(added.split("(")[1].rstrip(")")) > 100  # the first publish: every file of the site is new
    assert _serious(page) == []
    page.check("#dong-y")
    page.click("button[value='xuat-ban']")
    page.wait_for_selector("text=Đã xuất bản bản", timeout=300_000)
    with serving(project.root / "web" / "current") as site:
        page.goto(f"{site}/van-ban/288-ctr-ddlhhvn/")
        assert "288-CTr/ĐĐLHHVN" in page.locator("article").inner_text()
        assert page.locator("text=Sửa văn bản này").count() == 0  # the editor's bar is only in the preview
        page.goto(f"{site}/van-ban/118-qd-tw/")
        assert "<script>window.hacked=1</script><i>nghiêng</i>" in page.locator("article").inner_text()
        assert page.evaluate("window.hacked === undefined")
    page.close()
