"""Drop the indentation and blank lines that Material's templates leave in every page.

About a tenth of every page's HTML is the templates' own layout: lines of spaces, and spaces
at the start of lines. Each run of white space that starts a line becomes one newline, so the
page renders the same. Scripts are left as they are, and so is any page with preformatted text.
"""

from __future__ import annotations

import re

# HTML's white space only: a no-break space is text.
_INDENTATION = re.compile(r"\n[ \t\n\r\f]+")
_SCRIPT = re.compile(r"(<script\b.*?</script>)", re.DOTALL | re.IGNORECASE)
_PREFORMATTED = re.compile(r"<(?:pre|textarea)\b", re.IGNORECASE)


def drop_indentation(html: str) -> str:
    """`html` with each run of white space that starts a line cut to the newline."""
    if _PREFORMATTED.search(html):
        return html
    parts = _SCRIPT.split(html)  # odd parts are scripts
    parts[::2] = [_INDENTATION.sub("\n", part) for part in parts[::2]]
    return "".join(parts)
