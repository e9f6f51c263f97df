"""What an output is: a module's function that makes files for the whole site, for each body or for each
document, from one render's context. The outputs of the site are declared in one list
(generator/outputs/declared.py); the build, the preview and the tests all run them through outputs/site.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from generator.corpus.model import Body, Document
from generator.corpus.resolve import Site
from generator.pages.common import display_date
from generator.pages.render import markdown
from generator.support.files import FileOrder, GeneratedFiles

if TYPE_CHECKING:  # the view modules declare their outputs with the classes below
    from generator.pages.tasks import TaskViews
    from generator.pages.views import Views
    from generator.support.makers import FileMakers


@dataclass(frozen=True)
class RenderContext:
    """What every output reads: the templates, the views and the settings of one render."""

    env: jinja2.Environment
    views: Views
    tasks: TaskViews
    as_of: dt.date
    pdfs: bool
    pdf_cache: Path | None
    makers: FileMakers | None = None  # where PDFs and Word files are made; here when None
    site_url: str = ""  # where the site is published: the feed's links are absolute from it

    @property
    def site(self) -> Site:
        return self.views.site

    @property
    def as_of_values(self) -> dict[str, str]:
        """The build's day as pages print it and as their scripts read it."""
        return {"as_of": display_date(self.as_of), "as_of_iso": self.as_of.isoformat()}

    def page(self, template: str, **values: object) -> bytes:
        """Render a Markdown page."""
        return markdown(self.env.get_template(template), **values)

    def issuer_name(self, document: Document) -> str:
        """The name of the body that issued `document`: the author of its PDF and Word file."""
        return self.site.bodies[document.issuer].name

    def prints(self, document: Document) -> bool:
        """Whether `document` gets its PDF and Word file in this render."""
        return self.pdfs and document.has_full_text

    def made(self, order: FileOrder) -> Path:
        """Where the ordered file is: made here, or ordered from the makers (there once they are done)."""
        if self.makers is None:
            return order.made()
        self.makers.order(order)
        return order.path


@dataclass(frozen=True)
class SiteOutput:
    """Files made once for the whole site."""

    make: Callable[[RenderContext], GeneratedFiles]


@dataclass(frozen=True)
class BodyOutput:
    """Files made for each issuing or receiving body."""

    make: Callable[[RenderContext, Body], GeneratedFiles]


@dataclass(frozen=True)
class DocumentOutput:
    """Files made for each document; a document whose neighbours are unchanged keeps them in the preview."""

    make: Callable[[RenderContext, Document], GeneratedFiles]


@dataclass(frozen=True)
class GatheredOutput:
    """One file made, once every document's files are put, of pieces read back from them (`read`), never
    holding the whole file."""

    path: str
    pieces: Callable[[Site, Callable[[str], bytes]], Iterable[bytes]]


Output = SiteOutput | BodyOutput | DocumentOutput | GatheredOutput
