"""Text normalisation helpers: NFC, whitespace and slugs (folding is in vocabulary.py, shared with the scripts)."""

from __future__ import annotations

import functools
import re
import unicodedata

from generator.corpus.vocabulary import fold

_NON_SLUG = re.compile(r"[^a-z0-9]+")

# Code points that are not text: controls (Cc; white space is collapsed before this check),
# unpaired surrogates (Cs), private use (Co), noncharacters (U+FDD0-U+FDEF and the last two of
# every plane), and the bidirectional overrides, embeddings and isolates that reorder what a reader
# sees (a document number can be made to look like another).
NOT_TEXT = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff\ufdd0-\ufdef\u202a-\u202e\u2066-\u2069"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17) if plane not in (15, 16))
    + "]"
)
# The schemes a link may have; anything else (javascript:, data:, file:) is refused.
URL_SCHEMES = ("http", "https", "mailto")
# Characters a URL must not hold as they are (RFC 3986 wants them percent-encoded).
_URL_UNSAFE = re.compile(r"[\s<>\"\\^`{|}]")


def normalize(text: str) -> str:
    """Return `text` in NFC with runs of white space collapsed to one space."""
    # str.split() splits on the same white space as the regex \s+ (Py_UNICODE_ISSPACE), in C.
    return " ".join(unicodedata.normalize("NFC", text).split())


@functools.lru_cache(maxsize=1 << 14)  # section numbers, labels and ids recur across documents
def slugify(text: str) -> str:
    """Return a lowercase ASCII slug: "Đảng đoàn" -> "dang-doan"."""
    return _NON_SLUG.sub("-", fold(text)).strip("-")


def not_text(value: str) -> str | None:
    """Why `value` is not plain text ("ký tự điều khiển U+0007 ở vị trí 5"), or None when it is."""
    found = NOT_TEXT.search(value)
    if found is None:
        return None
    char = found.group()
    kind = _KINDS.get(unicodedata.category(char), "ký tự đảo chiều chữ" if "\u202a" <= char <= "\u2069" else "mã không phải ký tự")
    return f"{kind} U+{ord(char):04X} ở vị trí {found.start() + 1}"


_KINDS = {"Cc": "ký tự điều khiển", "Cs": "nửa cặp thay thế (surrogate)", "Co": "ký tự dùng riêng"}


def url_problem(value: str) -> str | None:
    """What is wrong with `value` as a link address, or None when it is a usable http(s) or mailto URL."""
    unsafe = _URL_UNSAFE.search(value)
    if unsafe is not None:
        return f'có ký tự "{unsafe.group()}" ở vị trí {unsafe.start() + 1}, không được có trong địa chỉ'
    scheme, _, rest = value.partition(":")
    if scheme.lower() not in URL_SCHEMES or not rest:
        return "chỉ nhận địa chỉ bắt đầu bằng https://, http:// hoặc mailto:"
    if scheme.lower() != "mailto" and not (rest.startswith("//") and len(rest.lstrip("/").split("/", 1)[0]) > 0):
        return "thiếu tên miền sau https://"
    return None


def is_safe_slug(value: str) -> bool:
    """Tell whether `value` is usable as a file name and URL segment."""
    return bool(value) and slugify(value) == value and len(value) <= 80
