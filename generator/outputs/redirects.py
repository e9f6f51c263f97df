"""Short URLs (/so-hieu/<key>/): small static pages that send the reader on to the document."""

from __future__ import annotations

import json
from html import escape

from generator.corpus.model import Document
from generator.pages.views import document_name

TEMPLATE = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{name}</title>
<link rel="canonical" href="{web}">
<script>location.replace((location.protocol === "file:" ? {disk} : {web_json}) + location.hash);</script>
<meta http-equiv="refresh" content="0; url={web}">
</head>
<body>
<p>Địa chỉ ngắn của <a href="{web}">{name}</a>. Nếu trang không tự chuyển, hãy bấm vào liên kết.</p>
</body>
</html>
"""


def redirect_html(document: Document) -> bytes:
    """The page at so-hieu/<key>/index.html: to van-ban/<id>/ on the web, van-ban/<id>.html from disk."""
    web = f"../../van-ban/{document.id}/"
    disk = f"../../van-ban/{document.id}.html"
    return TEMPLATE.format(
        name=escape(document_name(document)), web=escape(web), web_json=json.dumps(web), disk=json.dumps(disk)
    ).encode("utf-8")
