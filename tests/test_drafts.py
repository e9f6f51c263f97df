"""Skeletons and drafts can never be published with a placeholder; empty optional blocks show nothing."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from generator.cli.main import main
from generator.commands.build import Project, generate
from generator.corpus.vocabulary import PLACEHOLDER


def test_a_new_skeleton_claims_no_relation_and_fails_check_until_every_placeholder_is_replaced(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(project.root), "new", "15-KH/ĐĐLHHVN", "--type", "Kế hoạch", "--issuer", "lhhvn"]) == 0
    path = project.data_dir / "documents" / "15-kh-ddlhhvn.yaml"
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"^relations:", text, re.M) and "implements: [45-NQ/TW]" not in text.replace("#   implements", "")
    capsys.readouterr()
    assert main(["--root", str(project.root), "check"]) == 1
    err = capsys.readouterr().err
    assert 'File "data/documents/15-kh-ddlhhvn.yaml", dòng 5' in err and "trường title" in err
    assert 'còn chỗ cần điền "[cần điền: trích yếu của văn bản]"' in err
    assert err.count("còn chỗ cần điền") == text.count(PLACEHOLDER) - text.splitlines()[0].count(PLACEHOLDER)
    filled = re.sub(r'"\[cần điền: ([^\]]*)\]"', lambda m: '"' + m.group(1).replace("…", "1") + '"', text)
    filled = filled.replace('"ngày ban hành, dạng YYYY-MM-DD"', "2024-05-10")
    path.write_text(filled, encoding="utf-8")
    assert main(["--root", str(project.root), "check"]) == 0


def test_a_document_without_motto_issuer_lines_or_signature_shows_no_empty_bold(project: Project) -> None:
    path = project.data_dir / "documents" / "287-ctr-ddlhhvn.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\n  issuer_lines:(\n    - .*)+", "", text)
    text = re.sub(r"\n  motto: .*", "", text)
    text = re.sub(r"\nsignature:\n  lines:(\n  - .*)+\n  name: .*", "", text)
    path.write_text(text, encoding="utf-8")
    _, files = generate(project, dt.date(2024, 6, 15), pdfs=False)
    page = files["van-ban/287-ctr-ddlhhvn.md"]
    assert isinstance(page, bytes)
    markdown = page.decode("utf-8")
    assert "****" not in markdown and "\n**\n" not in markdown and "<p markdown>**</p>" not in markdown
    assert '<p class="doc-signature__name" markdown>' not in markdown


def test_drafts_are_never_committed() -> None:
    import subprocess

    from tests.conftest import REPO

    assert "/data/drafts/" in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
    ignored = subprocess.run(["git", "check-ignore", "-q", "data/drafts/45-nq-tw.yaml"], cwd=REPO, check=False, capture_output=True)
    assert ignored.returncode in (0, 128)  # 128: git cannot read this checkout (another owner); the line above holds
