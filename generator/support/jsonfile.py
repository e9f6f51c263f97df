"""Compact UTF-8 JSON for the files the build writes (open data, exports, the search index).

orjson writes the same bytes as `json.dumps(data, ensure_ascii=False, separators=(",", ":"))`
several times faster; the search index alone holds millions of numbers.
"""

from __future__ import annotations

import orjson


def compact(data: object) -> bytes:
    """`data` as compact JSON, UTF-8 encoded, without a final newline."""
    return orjson.dumps(data)


def compact_line(data: object) -> bytes:
    """`data` as compact JSON followed by a newline, as the downloadable files end."""
    return orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE)
