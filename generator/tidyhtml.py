"""Drop the indentation and blank lines that Material's templates leave before tags.

About a tenth of every page's HTML is the templates' own layout: lines of spaces, and spaces
before tags. A newline is kept wherever there was white space, so the page renders the same.
Scripts are left as they are, and so is any page with preformatted text.
"""

from __future__ import annotations

import re

_SPACE_BEFORE_TAG = re.compile(r"\n\s+(?=<|\Z)")  # a part ends where a script starts
_SCRIPT = re.compile(r"(<script\b.*?</script>)", re.DOTALL | re.IGNORECASE)
_PREFORMATTED = re.compile(r"<(?:pre|textarea)\b", re.IGNORECASE)


def drop_indentation(html: str) -> str:
    """`html` with each run of white space that starts a line and ends at a tag cut to a newline."""
    if _PREFORMATTED.search(html):
        return html
    parts = _SCRIPT.split(html)  # odd parts are scripts
    parts[::2] = [_SPACE_BEFORE_TAG.sub("\n", part) for part in parts[::2]]
    return "".join(parts)
