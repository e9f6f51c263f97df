"""Where each generated page lives, relative to the docs directory."""

from __future__ import annotations

HOME = "index.md"
DOCUMENTS = "van-ban/index.md"
BODIES = "co-quan/index.md"
TIMELINE = "dong-thoi-gian.md"
LOOKUP = "so-hieu/index.md"
TASKS = "nhiem-vu/index.md"
SIGNERS = "nguoi-ky/index.md"
TASKS_CSV = "nhiem-vu/nhiem-vu.csv"
TASKS_JSON = "nhiem-vu/nhiem-vu.json"
TASK_FILTERS_CSS = "nhiem-vu/bo-loc.css"
DOCUMENTS_JSON = "documents.json"
FEED = "feed.xml"
# The search vocabulary of names (data/abbreviations.yaml and the bodies' names): for the index and for the scripts.
SEARCH_FORMS = "search/forms.json"
SEARCH_FORMS_SCRIPT = "javascripts/forms.js"


def document_page(document_id: str) -> str:
    """Return the Markdown path of a document's page."""
    return f"van-ban/{document_id}.md"


def body_page(body_id: str) -> str:
    """Return the Markdown path of a body's page."""
    return f"co-quan/{body_id}.md"


def signer_page(signer_id: str) -> str:
    """Return the Markdown path of a signer's page."""
    return f"nguoi-ky/{signer_id}.md"


def relations_page(document_id: str) -> str:
    """Return the Markdown path of the page listing every document related to a document."""
    return f"quan-he/{document_id}.md"


def short_page(key: str) -> str:
    """Return the path of a document's short URL page (/so-hieu/<key>/), a static redirect."""
    return f"so-hieu/{key}/index.html"


def document_pdf(document_id: str) -> str:
    """Return the path of a document's PDF, next to its page."""
    return f"van-ban/{document_id}.pdf"


def document_docx(document_id: str) -> str:
    """Return the path of a document's Word file, next to its page."""
    return f"van-ban/{document_id}.docx"


def document_json(document_id: str) -> str:
    """Return the path of a document's open data file, next to its page."""
    return f"van-ban/{document_id}.json"
