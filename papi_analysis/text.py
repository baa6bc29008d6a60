"""Small text helpers shared by the readers: folding Vietnamese for matching."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Return ``text`` lower-cased, without diacritics and with single spaces.

    Used to match Vietnamese headers and phrases typed with or without diacritics
    ("Trực tuyến", "Truc tuyen", "TRỰC TUYẾN" all fold to "truc tuyen").
    """
    text = unicodedata.normalize("NFD", str(text))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.replace("đ", "d").replace("Đ", "D")
    return re.sub(r"\s+", " ", text).strip().lower()


def fold_same_length(text: str) -> str:
    """Return ``text`` folded like :func:`fold`, one character per character.

    Spaces are not collapsed, so positions in the folded text are positions in ``text``: a
    match found on the folded text points at the same characters of the original.  ``text``
    should be NFC (readers normalise it), where every Vietnamese letter is one character.
    """
    out = []
    for ch in text:
        f = fold(ch) if not ch.isspace() else " "
        out.append(f if len(f) == 1 else (ch.lower() if len(ch.lower()) == 1 else "?"))
    return "".join(out)


def nfc(text: str) -> str:
    """Return ``text`` in NFC form (documents mix composed and decomposed diacritics)."""
    return unicodedata.normalize("NFC", str(text))
