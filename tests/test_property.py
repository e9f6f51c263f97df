"""Arbitrary Unicode in a text field appears verbatim on the built page, never as markup."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.commands.build import Project, build
from generator.corpus.text import normalize
from tests.conftest import copy_config
from tests.htmltext import element

MARKUP = [
    "<script>alert(1)</script>",
    "{{ site_name }}",
    "{% raw %}",
    "**đậm**",
    "_nghiêng_",
    "[liên kết](http://x)",
    "# Tiêu đề",
    "1. mục",
    "- gạch",
    "+ cộng",
    "> trích",
    "&amp;",
    "&lt;b&gt;",
    "\\",
    "`mã`",
    "{: #x }",
    "<!-- c -->",
    "|a|b|",
    "![ảnh](x.png)",
    "<b>đậm</b>",
    "---",
    "***",
    "[^1]",
    "*[HTML]: x",
    "!!! note",
    "    thụt",
    "1) x",
]
# Control, surrogate, private-use and unassigned code points (noncharacters such as U+FDD0 among them)
# are refused or dropped by validation (test_hostile_input): here, text that must be shown as written.
text_strategy = (
    st.lists(
        st.one_of(
            st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")), min_size=1, max_size=40),
            st.sampled_from(MARKUP),
        ),
        min_size=1,
        max_size=5,
    )
    .map(" ".join)
    .filter(lambda value: normalize(value) != "")
)


def make_project(root: Path, title: str, text: str) -> Project:
    (root / "data" / "documents").mkdir(parents=True, exist_ok=True)
    (root / "data" / "bodies.yaml").write_text("bodies:\n  - id: bo-chinh-tri\n    name: Bộ Chính trị\n", encoding="utf-8")
    document = {
        "number": "1-KH/TW",
        "type": "Kế hoạch",
        "issuer": "bo-chinh-tri",
        "title": title,
        "sections": [{"number": "1.", "text": text}],
    }
    path = root / "data" / "documents" / "1-kh-tw.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    copy_config(root)
    return Project(root)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(title=text_strategy, text=text_strategy)
def test_text_is_shown_literally(tmp_path_factory, title: str, text: str) -> None:
    project = make_project(tmp_path_factory.mktemp("prop"), title, text)
    build(project)
    html = (project.site_dir / "van-ban" / "1-kh-tw" / "index.html").read_text(encoding="utf-8")
    item = element(html, "muc-1")
    assert item.tags == ["a"], "the text must not create elements"
    assert item.text == "1. " + normalize(text)
    assert element(html, "van-ban").text.startswith("Kế hoạch 1-KH/TW")
    shown_title = element(html, "trich-yeu")
    assert shown_title.tags == []
    assert shown_title.text == normalize(title)
