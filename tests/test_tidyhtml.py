"""Dropping the templates' indentation changes no text, no tag and no script."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.commands.build import Project
from generator.mkdocs_plugin.tidyhtml import drop_indentation


def test_indentation_and_blank_lines_become_one_newline() -> None:
    html = '<nav>\n    <a href="#a">\n      \n      Trang chủ\n    </a>\n\n  </nav>\n  \xa0x\n'
    assert drop_indentation(html) == '<nav>\n<a href="#a">\nTrang chủ\n</a>\n</nav>\n\xa0x\n'


def test_scripts_and_pages_with_preformatted_text_are_left_as_they_are() -> None:
    script = "<script>\n  var a = `x\n    <b>`;\n</script>"
    assert drop_indentation(f"<p>\n  <b>a</b>\n</p>\n  {script}\n  <i>") == f"<p>\n<b>a</b>\n</p>\n{script}\n<i>"
    for page in ("<pre>\n  <b>a</b></pre>\n  <i>", "<TEXTAREA>\n  <b>a</b></TEXTAREA>\n  <i>"):
        assert drop_indentation(page) == page


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["<p>", "</p>", "<a>", "</a>", "a", "b c", " ", "  ", "\n", "\t", "\xa0", "<script>", "</script>"]), max_size=20
    )
)
def test_white_space_stays_white_space_and_scripts_stay_whole(parts: list[str]) -> None:
    html = "".join(parts)
    tidied = drop_indentation(html)
    scripts = re.compile(r"<script\b.*?</script>", re.DOTALL)
    assert scripts.findall(tidied) == scripts.findall(html)
    assert re.sub(r"[ \t\n]+", " ", tidied) == re.sub(r"[ \t\n]+", " ", html)


def test_the_built_pages_carry_no_indentation(built: Project) -> None:
    page = (built.site_dir / "van-ban" / "20-kh-tw" / "index.html").read_text(encoding="utf-8")
    outside_scripts = re.sub(r"<script\b.*?</script>", "<script>", page, flags=re.DOTALL)
    assert re.search(r"\n[ \n]", outside_scripts) is None
    assert "<header" in page and "Kế hoạch 20-KH/TW" in page
