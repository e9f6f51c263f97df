"""Vietnamese alphabetical order, as CLDR's Vietnamese collation (ICU, and so the browsers' Intl.Collator("vi"))
orders words: the letters a ă â b c d đ e ê … o ô ơ … u ư … each a letter of its own; then the tones in the
order huyền, hỏi, ngã, sắc, nặng, a word without a tone first; then lower case before upper case. White space
and punctuation come before digits, digits before letters. Code-point order puts "Đ" after "Z" and "Ư"
after "U" with every tone; here "Đảng đoàn" comes after "Dân vận" and before "Giáo dục".

Written here rather than taken from PyICU, which has no wheels and needs a compiler and ICU's headers on
the machine (the office's Windows machines have neither); a browser test compares this order with Chromium's
Intl.Collator("vi") on the corpus's names and on random Vietnamese words."""

from __future__ import annotations

import functools
import unicodedata

# The alphabet, Vietnamese letters in their places; f, j, w, z where the Latin alphabet has them.
ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# A base letter with one of these marks is a letter of its own (NFD: ă = a + U+0306, â = a + U+0302, ơ = o + U+031B).
_MARKED = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
# The tones, in CLDR's Vietnamese order: huyền, hỏi, ngã, sắc, nặng.
TONES = "\u0300\u0309\u0303\u0301\u0323"
_LETTER = {letter: 1000 + index for index, letter in enumerate(ALPHABET)}
# ASCII punctuation and symbols in CLDR's root order (the others after them, by code point).
PUNCTUATION = "_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$"


SortKey = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], str]


@functools.lru_cache(maxsize=8192)
def vietnamese_key(text: str) -> SortKey:
    """A key that sorts strings in Vietnamese alphabetical order: letters, then tones, then case, then the
    text itself (so that different strings never tie)."""
    primary: list[int] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    for character in unicodedata.normalize("NFD", text):
        if unicodedata.combining(character):
            _mark(character, primary, secondary)
            continue
        lower = character.lower()
        primary.append(_LETTER.get(lower, _other(lower)))
        secondary.append(0)
        tertiary.append(0 if character == lower else 1)
    return tuple(primary), tuple(secondary), tuple(tertiary), text


def _mark(mark: str, primary: list[int], secondary: list[int]) -> None:
    """A combining mark after a letter: a vowel's mark makes it another letter; a tone, or any other mark,
    weighs at the second level."""
    if primary:
        base = ALPHABET[primary[-1] - 1000] if 1000 <= primary[-1] < 1000 + len(ALPHABET) else ""
        letter = _MARKED.get((base, mark))
        if letter is not None:
            primary[-1] = _LETTER[letter]
            return
    tone = TONES.find(mark)
    secondary.append(1 + tone if tone >= 0 else 10 + ord(mark) - 0x300)


def _other(character: str) -> int:
    """Characters other than letters of the alphabet: white space, then punctuation and symbols, then
    digits (all before letters); letters of other alphabets after ours."""
    if character.isspace():
        return 1
    if character.isdigit():
        return 900 + (unicodedata.digit(character, 0))
    if character.isalpha():
        return 2000 + ord(character)
    place = PUNCTUATION.find(character)
    return 10 + place if place >= 0 else 100 + min(ord(character), 700)
