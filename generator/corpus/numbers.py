"""Document numbers (số hiệu): parsing, canonical keys and mentions in text."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from generator.corpus.vocabulary import NUMBER_PATTERN, fold

# A number standing on its own: not inside a longer word, number or path.
MENTION = re.compile(rf"(?<![\w/-]){NUMBER_PATTERN}(?![\w])")


@dataclass(frozen=True)
class Mention:
    """A document number found in a text, with its span."""

    start: int
    end: int
    key: str


@functools.lru_cache(maxsize=1 << 16)
def number_key(number: str) -> str:
    """Return the spelling-independent key of a number: "118/QĐ/TW" -> "118-qd-tw"."""
    groups = re.findall(r"[a-z0-9&]+", fold(number))
    return "-".join(group.replace("&", "") for group in groups if group.replace("&", ""))


_LEADING_ZEROS = re.compile(r"(?<![0-9])0+(?=[0-9])")


def number_identity(key: str) -> str:
    """The document a number key names, however its digits were written: "045-nq-tw" is "45-nq-tw"."""
    return _LEADING_ZEROS.sub("", key)


def parse_number(number: str) -> str | None:
    """Return the key of `number` if the whole string is a well-formed number."""
    match = MENTION.fullmatch(number.strip())
    return number_key(match.group(0)) if match else None


def type_code(number: str) -> str | None:
    """Return the document-type code of a number ("45-NQ/TW" -> "NQ")."""
    match = MENTION.fullmatch(number.strip())
    return match.group(3) if match else None


@functools.lru_cache(maxsize=1 << 16)
def find_mentions(text: str) -> tuple[Mention, ...]:
    """Every well-formed document number in `text` (remembered: `serve` resolves the same texts again)."""
    return tuple(Mention(match.start(), match.end(), number_key(match.group(0))) for match in MENTION.finditer(text))
