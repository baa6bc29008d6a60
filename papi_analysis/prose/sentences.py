"""Sentences of a paragraph and the folding the reader matches on.

:func:`sentences` splits a paragraph after . ! ? … before a capital, a digit or a list mark
(not after an abbreviation, not before "Trong đó: …" that goes on with the same total);
:func:`fold_chars` folds text to lower case without diacritics, keeping every character's
position (the spans of numbers in folded text are spans in the paragraph); the stop of "TP." /
"TX." before a name becomes a space.
"""

from __future__ import annotations

import re

from ..text import fold_same_length
from . import patterns as pt

_SENTENCE_END = re.compile(r"[.!?…]+[\"”)]?\s+(?=[A-ZĐÀ-Ỹ0-9\"“(\-–•*+])")
_CONTINUES = re.compile(pt.SENTENCE_CONTINUES)
_LAST_WORD = re.compile(r"([\w./]+)[.!?…]*[\"”)]?\s*$")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph: split after . ! ? … before a capital, digit or list mark.

    Linear in the paragraph's length: every test looks at a bounded window around the break
    (a 5 MB paragraph is split as fast as 5 MB of short ones).
    """
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if _CONTINUES.match(text, m.end()):
            continue  # "… 186 hồ sơ. Trong đó: …" still states the parts of that total
        word = _LAST_WORD.search(text[max(start, m.start() - 40):m.start() + 1])
        if word and word.group(1).lower().rstrip(".") in pt.ABBREVIATIONS:
            continue
        out.append((start, m.start() + len(m.group().rstrip())))
        start = m.end()
    if start < len(text):
        out.append((start, len(text.rstrip())))
    return [s for s in out if s[1] > s[0]]


_FOLD_TABLE: dict[int, str] = {}


def fold_chars(text: str) -> str:
    """:func:`papi_analysis.text.fold_same_length`, by a table of the characters seen so far.

    Same result, one ``str.translate`` per paragraph instead of one fold per character.
    """
    for ch in set(text):
        if ord(ch) not in _FOLD_TABLE:
            _FOLD_TABLE[ord(ch)] = fold_same_length(ch)
    folded = text.translate(_FOLD_TABLE)
    if "tp." in folded or "tx." in folded:
        # "UBND TP. Nha Trang", "TX. Sơn Tây": the abbreviation's stop is no stop for a phrase's
        # gap (same length: a space)
        folded = _ABBREVIATION_STOP.sub(r"\1 ", folded)
    return folded


_ABBREVIATION_STOP = re.compile(r"\b(tp|tx)\.(?=\s+[^\W\d])")
