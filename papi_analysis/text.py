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


def nfc(text: str) -> str:
    """Return ``text`` in NFC form (documents mix composed and decomposed diacritics)."""
    return unicodedata.normalize("NFC", str(text))
