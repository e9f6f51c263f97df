"""Text from files shown in a terminal, a message or a report: control characters and escape sequences made
visible instead of acting, and long values cut to an excerpt."""

from __future__ import annotations

import re
import unicodedata

# A message quotes at most this many characters of a value or a line.
EXCERPT = 80
# A whole message is cut at this length (its start says what is wrong and where).
MESSAGE = 600
# Characters that act instead of showing: C0 and C1 controls, and the format characters that reorder or hide
# text (bidirectional controls, zero-width joiners used for spoofing are shown too).
_ACTING = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_QUOTED = re.compile(r'"([^"]*)"')


def _shown(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every acting character written as an escape (ESC as \\x1b, a line break as \\n)."""
    return _ACTING.sub(lambda found: _shown(found.group()), text.replace("\n", "\\n").replace("\t", " "))


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """At most `limit` characters of `text`, made visible, with "…" where it was cut."""
    shown = visible(text[: limit * 4])
    return shown if len(shown) <= limit and len(text) <= limit * 4 else shown[: limit - 1] + "…"


def safe_message(message: str) -> str:
    """A message fit to print: each quoted value cut to an excerpt, acting characters visible, bounded."""
    cut = _QUOTED.sub(lambda found: f'"{excerpt(found.group(1))}"', message)
    shown = visible(cut)
    return shown if len(shown) <= MESSAGE else shown[: MESSAGE - 1] + "…"


def strip_acting(text: str) -> str:
    """`text` without escape sequences and control characters (tabs become spaces), for text read from a
    received file: what a terminal would act on never reaches a draft."""
    text = _ESCAPE_SEQUENCE.sub("", text)
    return "".join(" " if char == "\t" else char for char in text if not _is_acting(char))


# ECMA-48 sequences: CSI (ESC [ … final), OSC (ESC ] … BEL or ST), and two-character escapes.
_ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x9b[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")


def _is_acting(char: str) -> bool:
    return char != "\t" and (unicodedata.category(char) == "Cc" or "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069")
