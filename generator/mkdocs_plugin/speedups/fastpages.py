"""MkDocs' page rendering with less work, for the same HTML, anchors and warnings.

To check links to anchors, MkDocs feeds every page's whole Markdown through a second HTML parser
only to collect the `id` (and `name`) attributes of its raw HTML. Where no attribute called `id`
or `name` can be in the text, the parser can find none: most of our pages have none and skip it.

MkDocs also resolves every link of every page on its own: it splits the URL, guesses the target's
path and looks it up. A link's target depends only on the folder of the page it is in, and a
thousand pages in one folder link the same few documents: a plain link to an existing page is
resolved once per folder. Only the relative URL is worked out for each page, as MkDocs does it.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from markdown.util import AMP_SUBSTITUTE
from mkdocs.structure import pages
from mkdocs.utils import get_relative_url

from generator.mkdocs_plugin.speedups.guard import Internal, Speedup

FAST_PAGES = Speedup(
    "đọc liên kết và neo của trang nhanh",
    "MkDocs 1.6.1, ProperDocs 1.6.7",
    (
        # Page.render looks both classes up by name on each call; the subclasses below keep their code.
        Internal("mkdocs.structure.pages:Page.render", "320529348f7a", properdocs="ee0472474623"),
        Internal("mkdocs.structure.pages:_RawHTMLPreprocessor", "1bc67630834f", properdocs="d9a4531e4f15"),
        Internal("mkdocs.structure.pages:_RelativePathTreeprocessor", "523b46edca94", properdocs="8504828b8702"),
    ),
)

# Where HTMLParser reads an attribute name (after a quote, space or slash, up to a space, slash,
# "=" or ">"), lowercased: "id" or "name" in any case, in that position, or no such attribute.
_MAY_NAME_AN_ANCHOR = re.compile(r"""(?i)(?<=['"\s/])(?:id|name)(?=[\s/=>]|\Z)""")

Target = tuple[Any, str, str]  # the File linked to, the query and the anchor


class RawHTMLAnchors(pages._RawHTMLPreprocessor):
    """MkDocs' collector of raw HTML anchors, skipping the parse when there can be none."""

    def run(self, lines: list[str]) -> list[str]:
        if _MAY_NAME_AN_ANCHOR.search("\n".join(lines)) is None:
            self.present_anchor_ids = set()
            return lines
        return super().run(lines)


class _Targets:
    """Resolved plain links by (folder of the linking page, URL), for one build's files."""

    def __init__(self) -> None:
        self.files: Any = None
        self.found: dict[tuple[str, str], Target | None] = {}

    def of(self, files: Any) -> dict[tuple[str, str], Target | None]:
        if files is not self.files:
            self.files, self.found = files, {}
        return self.found


class RelativeLinks(pages._RelativePathTreeprocessor):
    """MkDocs' link rewriter, resolving a plain link once per folder of pages."""

    # Made anew by each install(), so that nothing outlives a build.
    targets = _Targets()

    def path_to_url(self, url: str) -> str:
        found = self.targets.of(self.files)
        key = (self.file.src_uri.rpartition("/")[0], url)
        if key not in found:
            found[key] = self._plain_target(url)
            return super().path_to_url(url)  # warns, if the link is not plain
        target = found[key]
        if target is None:
            return super().path_to_url(url)
        file, query, anchor = target
        # What MkDocs does after finding an included target with no warning to give.
        if anchor:
            self.links_to_anchors.setdefault(file, {}).setdefault(anchor, url)
        return urlunsplit(("", "", get_relative_url(file.url, self.file.url), query, anchor))

    def _plain_target(self, url: str) -> Target | None:
        """The target of a relative link to a page of the site that is built, else None."""
        try:
            scheme, netloc, path, query, anchor = urlsplit(url)
        except ValueError:  # not a URL (a bad IPv6 host): the engine's own code says what it does with it
            return None
        if scheme or netloc or url.startswith(("/", "\\")) or AMP_SUBSTITUTE in url or not path:
            return None
        file = self.files.get_file_from_path(self._target_uri(self.file.src_uri, unquote(path)))
        if file is None or file.inclusion.is_excluded():
            return None
        return file, query, anchor


_MKDOCS_RAW_HTML, _MKDOCS_RELATIVE_LINKS = pages._RawHTMLPreprocessor, pages._RelativePathTreeprocessor


class Installed:
    """The classes above in place of MkDocs' own, until `restore`."""

    def __init__(self) -> None:
        self.originals = (_MKDOCS_RAW_HTML, _MKDOCS_RELATIVE_LINKS)  # MkDocs' own, even if installed twice
        RelativeLinks.targets = _Targets()
        # Page.render looks both classes up in its module on each call.
        pages._RawHTMLPreprocessor = RawHTMLAnchors  # type: ignore[misc]  # a subclass, checked by FAST_PAGES
        pages._RelativePathTreeprocessor = RelativeLinks  # type: ignore[misc]  # a subclass, checked by FAST_PAGES

    def restore(self) -> None:
        """Put MkDocs' classes back."""
        pages._RawHTMLPreprocessor, pages._RelativePathTreeprocessor = self.originals  # type: ignore[misc]  # MkDocs' own
        RelativeLinks.targets = _Targets()


def install() -> Installed:
    """Have MkDocs render pages with the classes above until the returned handle is restored."""
    return Installed()
