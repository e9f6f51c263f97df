"""`serve` regenerates from caches: the files must be those of a full generation, after any edit."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.commands.build import Caches, Project, generate

AS_OF = dt.date(2024, 6, 15)


def replace(name: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(data: Path) -> None:
        path = data / "documents" / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def remove(name: str) -> Callable[[Path], None]:
    return lambda data: (data / "documents" / name).unlink()


def add_citing(data: Path) -> None:
    (data / "documents" / "12-kh-tw.yaml").write_text(
        "number: 12-KH/TW\ntype: Kế hoạch\nissuer: bo-chinh-tri\ndate: '2024-05-02'\n"
        "title: Thực hiện Chương trình hành động số 287-CTr/ĐĐLHHVN\nrelations:\n  implements:\n  - 20-KH/TW\n",
        encoding="utf-8",
    )


EDITS = {
    "number of a cited document": replace("93-kl-tw.yaml", "number: 93-KL/TW", "number: 94-KL/TW"),
    "date of an implementing document": replace("287-ctr-ddlhhvn.yaml", "date: '2024-03-28'", "date: '2024-04-02'"),
    "title": replace("20-kh-tw.yaml", "title: ", "title: Về việc "),
    "a relation dropped": replace("287-ctr-ddlhhvn.yaml", "  - 45-NQ/TW\n", "  - 42-CT/TW\n"),
    "a document removed": remove("42-ct-tw.yaml"),
    "a document added": add_citing,
    "bodies": lambda data: (data / "bodies.yaml").write_text(
        (data / "bodies.yaml").read_text(encoding="utf-8").replace("Bộ Chính trị", "Bộ Chính Trị"), encoding="utf-8"
    ),
}


def edit(data: Path, change: Callable[[Path], None]) -> None:
    """Apply `change`; files it rewrote get a later modification time, as edits a second apart would."""
    before = {path: path.read_bytes() for path in data.rglob("*.yaml")}
    change(data)
    for path in data.rglob("*.yaml"):
        if before.get(path) != path.read_bytes():
            os.utime(path, ns=(path.stat().st_mtime_ns + 10**9,) * 2)


@pytest.mark.parametrize("name", list(EDITS))
def test_generation_from_caches_equals_a_full_one(project: Project, name: str) -> None:
    caches = Caches()
    generate(project, AS_OF, pdfs=False, caches=caches)
    edit(project.data_dir, EDITS[name])
    _, incremental = generate(project, AS_OF, pdfs=False, caches=caches)
    _, full = generate(project, AS_OF, pdfs=False)
    assert incremental == full


def test_unchanged_documents_are_not_read_or_rendered_again(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.corpus import load
    from generator.outputs import site as render

    caches = Caches()
    generate(project, AS_OF, pdfs=False, caches=caches)
    edit(project.data_dir, replace("35-kl-tw.yaml", "date: 2022", "date:  2022"))
    read: list[str] = []
    rendered: list[str] = []
    original_load, original_render = load._load_document, render._documents_job
    monkeypatch.setattr(load, "_load_document", lambda p, *a: read.append(p.name) or original_load(p, *a))
    monkeypatch.setattr(render, "_documents_job", lambda *a: rendered.extend(d.id for d in a[-1]) or original_render(*a))
    generate(project, AS_OF, pdfs=False, caches=caches)
    assert read == ["35-kl-tw.yaml"]
    assert "35-kl-tw" in rendered and len(rendered) < 9
