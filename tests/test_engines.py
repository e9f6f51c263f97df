"""The site on either engine, and docs/ built safely by engines that run no project plugin.

`make test` runs these on MkDocs and again on ProperDocs (`make test-properdocs`, with the other engine's
`nq45` in NQ45_OTHER_ENGINE); NQ45_ZENSICAL names the pinned Zensical that `make test` installs.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.commands.build import Project, write_docs
from generator.support.engine import engine
from tests.conftest import AS_OF, REPO, copy_project, files_of, serving
from tests.test_browser_hostile import FIELDS, project_with

# Material names the engine and its version in every page's head; nothing else may differ.
GENERATOR_LINE = re.compile(rb'<meta name="generator" content="[^"]*">')
HOSTILE = {
    "title": '"><script>alert(1)</script>',
    "summary": '"><img src=x onerror="alert(2)">',
    "body_name": "</title><script>alert(3)</script>",
    "short_name": "<b onmouseover=alert(4)>ĐĐ</b>",
}
# Each page that shows the hostile data in its head, header, navigation or footer, and the texts its head holds.
PAGES = ["van-ban/9-kh-tw/", "co-quan/co-quan-thu/", "van-ban/", "co-quan/", ""]


def test_the_engine_in_use_builds_the_site(built: Project) -> None:
    """MkDocs or ProperDocs, whichever is installed, answers for `mkdocs`; the site is built with it."""
    import mkdocs

    assert mkdocs.__name__ == engine().package and engine().name.startswith(("MkDocs 1.6.", "ProperDocs 1.6."))
    page = (built.site_dir / "van-ban" / "20-kh-tw" / "index.html").read_bytes()
    assert GENERATOR_LINE.search(page) is not None


def test_the_other_engine_builds_the_same_site(built: Project, tmp_path: Path) -> None:
    """ProperDocs and MkDocs give the same site, but for the engine's name in each page's head."""
    other = os.environ.get("NQ45_OTHER_ENGINE")
    if not other:
        pytest.skip("make test-properdocs names the other engine's nq45")
    project = copy_project(tmp_path)
    done = subprocess.run([other, "--root", str(project.root), "build", "--as-of", AS_OF.isoformat()], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    ours, theirs = files_of(built.site_dir), files_of(project.site_dir)
    assert sorted(ours) == sorted(theirs)
    differ = [path for path in ours if GENERATOR_LINE.sub(b"", ours[path]) != GENERATOR_LINE.sub(b"", theirs[path])]
    assert differ == [], _first_difference(ours[differ[0]], theirs[differ[0]]) if differ else ""


def _first_difference(one: bytes, other: bytes) -> str:
    lines = difflib.unified_diff(one.decode().splitlines(), other.decode().splitlines(), lineterm="", n=1)
    return "\n".join(list(lines)[:12])


def hostile_project(root: Path) -> Project:
    """The real bodies, and one body and one document whose names, title and summary are markup."""
    return project_with(root, dict.fromkeys(FIELDS, "Chữ") | HOSTILE, "https://a.example/")


def without_plugin(project: Project) -> Path:
    """A copy of mkdocs.yml without the project's plugin: Material's own search indexes the pages."""
    config = yaml.safe_load(project.config_file.read_text(encoding="utf-8"))
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "nghi-quyet-45" in p)]
    path = project.root / "plain.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def zensical() -> str:
    path = os.environ.get("NQ45_ZENSICAL", str(REPO / ".build" / "tools" / "zensical" / "bin" / "zensical"))
    if not Path(path).is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{path}: make test installs Zensical (requirements-zensical.lock)")
        pytest.skip("make test installs Zensical (requirements-zensical.lock)")
    return str(Path(path).resolve())


def build_elsewhere(project: Project, how: str) -> Path:
    """docs/ as the generator writes it, built into site/ by the engine without the plugin, or by Zensical."""
    write_docs(project, AS_OF, pdfs=False)
    shutil.rmtree(project.site_dir, ignore_errors=True)
    if how == "zensical":
        command = [zensical(), "build", "-f", str(project.config_file)]
    else:
        command = [sys.executable, "-m", engine().package, "build", "-f", str(without_plugin(project)), "-d", str(project.site_dir)]
    done = subprocess.run(command, cwd=project.root, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return project.site_dir


@pytest.mark.browser
@pytest.mark.parametrize("how", ["no plugin", "zensical"])
def test_markup_in_the_data_never_runs_whatever_builds_docs(browser, tmp_path: Path, how: str) -> None:  # type: ignore[no-untyped-def]
    site = build_elsewhere(hostile_project(tmp_path), how)
    with serving(site) as base:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in PAGES:
            page.goto(f"{base}/{path}")
            assert page.evaluate("document.querySelectorAll('[onerror], [onmouseover], b').length") == 0, path
            assert not [s for s in page.evaluate("[...document.scripts].map(s => s.textContent)") if "alert(" in s], path
        page.goto(f"{base}/van-ban/9-kh-tw/")
        assert page.evaluate("document.querySelector('meta[name=description]').content") == HOSTILE["summary"]
        assert HOSTILE["title"] in page.evaluate("document.body.textContent")
        page.goto(f"{base}/co-quan/co-quan-thu/")
        assert page.evaluate("document.title").startswith(HOSTILE["body_name"])
        assert HOSTILE["short_name"] in page.evaluate("document.body.textContent")
        page.close()
    assert dialogs == []
