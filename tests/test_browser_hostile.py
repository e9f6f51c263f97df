"""Arbitrary Unicode in every text and URL field: refused with a message, or shown as written and never run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.commands.build import Project, build
from generator.corpus.errors import ValidationError
from generator.corpus.text import NOT_TEXT, normalize
from tests.conftest import REPO, copy_config

pytestmark = pytest.mark.browser

# What a page would run if data were markup, in each place data lands.
PAYLOADS = [
    "<script>window.__pwned = 1</script>",
    '"><img src=x onerror="window.__pwned = 2">',
    "</title><img src=x onerror=window.__pwned=3>",
    "[x](javascript:window.__pwned=4)",
    "{: onclick='window.__pwned=5' }",
    "<!--",
    "{{ 7 * 7 }}",
    "{% raw %}",
    "*a* _b_ `c` | d",
    "&amp; &lt;b&gt;",
    "javascript:window.__pwned=6",
    "'; window.__pwned = 7; '",
    "\\",
    "---",
    "Đảng đoàn ĐĐLHHVN",
]
# Text of every plane that validation accepts: all but controls, surrogates, private use and the
# other code points NOT_TEXT names.
_CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co")).filter(lambda c: NOT_TEXT.match(c) is None)
TEXT = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(_CHARACTERS, min_size=1, max_size=30),
    st.lists(st.sampled_from(PAYLOADS) | st.text(_CHARACTERS, max_size=8), min_size=2, max_size=4).map("".join),
).filter(lambda text: normalize(text) != "")
FIELDS = (
    "title",
    "summary",
    "signer",
    "signer_title",
    "place",
    "preamble",
    "section_title",
    "section_text",
    "paragraph",
    "issuer_line",
    "kind_line",
    "title_line",
    "signature_line",
    "signer_name",
    "recipient",
    "note",
    "body_name",
    "short_name",
)


def project_with(root: Path, values: dict[str, str], url: str) -> Project:
    """The real bodies, one body and one document that carry `values` in every field."""
    (root / "data" / "documents").mkdir(parents=True)
    bodies = yaml.safe_load((REPO / "data" / "bodies.yaml").read_text(encoding="utf-8"))
    bodies["bodies"].append({"id": "co-quan-thu", "name": values["body_name"], "short_names": [values["short_name"]]})
    (root / "data" / "bodies.yaml").write_text(yaml.safe_dump(bodies, allow_unicode=True), encoding="utf-8")
    document = {
        "number": "9-KH/TW",
        "type": "Kế hoạch",
        "issuer": "co-quan-thu",
        "title": values["title"],
        "summary": values["summary"],
        "signer": values["signer"],
        "signer_title": values["signer_title"],
        "place": values["place"],
        "official_url": url,
        "header": {"issuer_lines": [values["issuer_line"]], "kind_line": values["kind_line"], "title_lines": [values["title_line"]]},
        "preamble": [values["preamble"]],
        "sections": [
            {
                "number": "I.",
                "title": values["section_title"],
                "sections": [{"number": "1.", "text": values["section_text"], "paragraphs": [values["paragraph"]]}],
            }
        ],
        "signature": {"lines": [values["signature_line"]], "name": values["signer_name"]},
        "recipients": [values["recipient"]],
        "notes": [values["note"]],
    }
    (root / "data" / "documents" / "9-kh-tw.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    copy_config(root)
    return Project(root)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(values=st.fixed_dictionaries({field: TEXT for field in FIELDS}))
def test_accepted_data_is_shown_as_written_and_never_runs(browser, tmp_path_factory, values: dict[str, str]) -> None:
    root = tmp_path_factory.mktemp("hostile")
    try:
        build(project_with(root, values, "https://a.example/x?q=1&r='(a)*;"), pdfs=False)
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto((root / "site" / "van-ban" / "9-kh-tw" / "index.html").as_uri())
        shown = page.evaluate("document.body.textContent")
        for field in FIELDS[:-2]:
            if field != "summary":  # the page's description, in its head
                assert normalize(values[field]) in shown, field
        head = page.evaluate("[document.title, document.querySelector('meta[name=description]').content]")
        assert head == ["Kế hoạch 9-KH/TW - Nghị quyết 45-NQ/TW và các văn bản triển khai", normalize(values["summary"])]
        page.goto((root / "site" / "co-quan" / "co-quan-thu" / "index.html").as_uri())
        assert page.evaluate("document.title") == normalize(values["body_name"]) + " - Nghị quyết 45-NQ/TW và các văn bản triển khai"
        assert normalize(values["short_name"]) in page.evaluate("document.body.textContent")
        assert page.evaluate("window.__pwned") is None and dialogs == []
        page.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)


REFUSED = st.sampled_from(["\x00", "\x07", "\x7f", "\x9f", "\ud800", "\ue000", "\U000f0000", "\ufdd0", "\ufffe", "\U0010ffff", "\u202e"])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(FIELDS), char=REFUSED, text=TEXT)
def test_what_is_not_text_is_refused_in_any_field(tmp_path_factory, field: str, char: str, text: str) -> None:
    root = tmp_path_factory.mktemp("refused")
    values = dict.fromkeys(FIELDS, "Chữ") | {field: text + char}
    try:
        project = project_with(root, values, "https://a.example/")
        with pytest.raises(ValidationError) as raised:
            build(project, pdfs=False)
        report = raised.value.report(project.root)
        # YAML itself cannot hold a lone surrogate, even escaped: libyaml refuses it, at its line.
        named = "lỗi cú pháp YAML" if "\ud800" <= char <= "\udfff" else f"U+{ord(char):04X}"
        assert named in report and ("data/documents/9-kh-tw.yaml" in report or "data/bodies.yaml" in report)
        assert "Traceback" not in report
        assert not (root / "site").exists()
    finally:
        shutil.rmtree(root, ignore_errors=True)
