"""Text normalisation helpers: NFC, whitespace and slugs (folding is in vocabulary.py, shared with the scripts)."""

from __future__ import annotations

import functools
import re
import unicodedata

from generator.corpus.vocabulary import fold

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def normalize(text: str) -> str:
    """Return `text` in NFC with runs of white space collapsed to one space."""
    # str.split() splits on the same white space as the regex \s+ (Py_UNICODE_ISSPACE), in C.
    return " ".join(unicodedata.normalize("NFC", text).split())


@functools.lru_cache(maxsize=1 << 14)  # section numbers, labels and ids recur across documents
def slugify(text: str) -> str:
    """Return a lowercase ASCII slug: "Đảng đoàn" -> "dang-doan"."""
    return _NON_SLUG.sub("-", fold(text)).strip("-")


def is_safe_slug(value: str) -> bool:
    """Tell whether `value` is usable as a file name and URL segment."""
    return bool(value) and slugify(value) == value and len(value) <= 80
