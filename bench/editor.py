"""Editor benchmark (`python -m bench.editor`): how many actions and how much machine time it takes an officer to add
a 5-page Word file (from opening the upload page to the document saved, nothing to correct), and how soon after
"Lưu" the preview shows the change at 1,000 documents."""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from bench.corpus import make_corpus
from bench.editorkit import PASSWORD, editor_app, running, under_git, with_accounts
from bench.support import CHROMIUM, CHROMIUM_ARGS, copy_project
from generator.commands.build import Project, build

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

WORD_ID = "21-kh-tw"


def long_word_file(folder: Path) -> tuple[Path, int]:
    """A Word file the office could receive: 20-KH/TW with 287-CTr/ĐĐLHHVN's tasks added as part VI, numbered 21-KH/TW
    (made by the site's own Word writer), and the pages its PDF has."""
    project = copy_project(folder / "nhan")
    path = project.data_dir / "documents" / "20-kh-tw.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    extra = yaml.safe_load((project.data_dir / "documents" / "287-ctr-ddlhhvn.yaml").read_text(encoding="utf-8"))["sections"][1]
    data["number"] = "21-KH/TW"
    data["sections"].append({**extra, "number": "VI."})
    data.pop("answers", None)
    (project.data_dir / "documents" / f"{WORD_ID}.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    build(project, as_of=dt.date(2024, 6, 15))
    import pypdfium2

    pages = len(pypdfium2.PdfDocument(str(project.site_dir / "van-ban" / f"{WORD_ID}.pdf")))
    return project.site_dir / "van-ban" / f"{WORD_ID}.docx", pages


def _sign_in(page: Page, base: str) -> None:
    page.goto(f"{base}/")
    page.fill("#name", "bientap")
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Đăng nhập')")
    page.wait_for_url(f"{base}/")


def measure_word(browser: Browser, folder: Path) -> str:
    word, pages = long_word_file(folder)
    app = editor_app(folder / "phong", preview=False)
    with running(app) as base:
        page = browser.new_page()
        _sign_in(page, base)
        actions, machine = 0, 0.0
        started = time.perf_counter()
        page.goto(f"{base}/them")  # 1: open the upload page
        actions += 1
        page.set_input_files("#file", str(word))  # 2: choose (or drop) the file
        actions += 1
        page.click("button:has-text('Đọc văn bản')")  # 3: read it
        actions += 1
        page.wait_for_selector("#bieu-mau", timeout=120_000)
        read = time.perf_counter()
        page.click("button[value='luu'] >> nth=0")  # 4: save
        actions += 1
        page.wait_for_selector(f"text=Đã lưu data/documents/{WORD_ID}.yaml")
        machine = time.perf_counter() - started
        page.close()
    return (
        f"Word file of {pages} pages to a saved document: {actions} actions, {machine:.2f} s of machine time "
        f"(upload and import {read - started:.2f} s, check and save {machine - (read - started):.2f} s)"
    )


def measure_preview(browser: Browser, folder: Path, count: int = 1000, edits: int = 3) -> str:
    root = make_corpus(folder / "corpus", count)
    under_git(root)
    from generator.editor.app import create_app
    from generator.editor.config import EditorConfig

    config = EditorConfig(Project(root), preview=True)
    with_accounts(config)
    app = create_app(config)
    edited = sorted((root / "data" / "documents").glob("1*.yaml"))[0].stem
    seconds = []
    with running(app) as base:
        page = browser.new_page()
        _sign_in(page, base)
        page.goto(f"{base}/xem-truoc/van-ban/{edited}/", timeout=900_000)  # the first build of the preview
        for edit in range(1, edits + 1):
            page.goto(f"{base}/van-ban/{edited}/sua")
            signer = f"Người ký thử {edit}"
            page.fill("#f-signer", signer)
            started = time.perf_counter()
            page.click("button[value='luu'] >> nth=0")
            page.wait_for_selector("text=Đã lưu")
            page.goto(f"{base}/xem-truoc/van-ban/{edited}/")
            page.wait_for_selector(f"article >> text={signer}", timeout=120_000)
            seconds.append(time.perf_counter() - started)
        page.close()
    return (
        f"Preview ({count} documents): the saved change shown {statistics.median(seconds):.2f} s after clicking Lưu "
        f"(median of {edits}: {', '.join(f'{s:.2f}' for s in seconds)}; the save itself included)"
    )


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-editor-") as workdir, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        print(measure_word(browser, Path(workdir) / "word"))
        shutil.rmtree(Path(workdir) / "word", ignore_errors=True)
        print(measure_preview(browser, Path(workdir) / "preview"))
        browser.close()


if __name__ == "__main__":
    main()
