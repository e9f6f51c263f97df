"""Every output of the site, in one list: a new page kind or file format is a module and a line here.

Each entry is made for the whole site, for each body or for each document (generator/pages/output.py); the
build, the preview and the tests run this list through outputs/site.py, each with its own sink. The site-wide
outputs come first, the costliest first, so that the small jobs even out the end.
"""

from __future__ import annotations

from generator.outputs import assets, exports, feed, opendata, pdf, redirects, searchforms, word
from generator.pages import bodies, document, home, listings, relations, signers, tasks
from generator.pages.output import Output

OUTPUTS: tuple[Output, ...] = (
    tasks.BOARD,  # nhiem-vu/index.md, nhiem-vu/bo-loc.css
    exports.TASK_EXPORTS,  # nhiem-vu/nhiem-vu.csv, .json
    home.HOME,  # index.md
    listings.DOCUMENT_LIST,  # van-ban/index.md
    listings.BODY_LIST,  # co-quan/index.md
    listings.TIMELINE,  # dong-thoi-gian.md
    listings.LOOKUP,  # so-hieu/index.md
    feed.FEED,  # feed.xml
    signers.SIGNERS,  # nguoi-ky/index.md, nguoi-ky/<id>.md
    assets.ASSET_FILES,  # stylesheet, scripts, images, schemas
    searchforms.SEARCH_FORMS,  # search/forms.json, javascripts/forms.js
    bodies.PAGE,  # co-quan/<id>.md
    document.PAGE,  # van-ban/<id>.md
    opendata.DOCUMENT_DATA,  # van-ban/<id>.json
    pdf.PDF,  # van-ban/<id>.pdf
    word.WORD,  # van-ban/<id>.docx
    relations.PAGE,  # quan-he/<id>.md, for a document with more relations than its diagram shows
    redirects.SHORT_ADDRESS,  # so-hieu/<key>/index.html
    opendata.DOCUMENTS_INDEX,  # documents.json, from every van-ban/<id>.json
)
