"""Vietnamese numbers as reports write them: ``05``, ``1.234``, ``98,81%``, ``5,65 nghìn``.

Vietnamese uses the dot for thousands and the comma for decimals (DOMAIN §7), pads counts
with zeros ("05 hồ sơ") and scales large figures with words ("1,2 triệu", "3,12 tỷ đồng").
Reports also contain English-style figures ("12,516"), so a reading says how sure it is
(:attr:`VnNumber.clarity`): 1.0 when only one reading is possible, less when the separators
could be read two ways.

Public API: :func:`parse` (one number), :func:`find_all` (every number in a text, with its
span), :func:`to_unit` (a reading in the unit of an indicator), :data:`NUMBER` and
:data:`PERCENT` (regular expressions used by :mod:`papi_analysis.prose.patterns`),
:func:`word_value`
(the few numbers written as words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import fold, fold_same_length

# Thousands grouped the Vietnamese way "1.234.567" (optionally ",5"), and the English way
# "12,516,000" (two groups at least: "12,516" alone may be a decimal).
_VN_GROUPED = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?"
_EN_GROUPED = r"\d{1,3}(?:,\d{3}){2,}"
# The number body, on folded text (no diacritics, lower case).  Alternatives, in order:
# Vietnamese grouping; English grouping; plain digits with an optional decimal part
# "98,81" / "98.81"; plain digits.
_BODY = rf"{_VN_GROUPED}|{_EN_GROUPED}|\d+(?:[.,]\d+)?"
#: Scale words; "nghìn tỷ" / "ngàn tỷ" (10^12) before the single words.
_SCALE = r"(?:nghin|ngan)\s+(?:ty|ti)\b|nghin|ngan|trieu|ty|ti"
#: Unit words a number may be written against without a space (folded): "1cuộc", "120m2".
GLUED_UNITS = (r"m2|m²|ha|cuoc|ho so|hs|don|nguoi|luot|vu|ty|ti|trieu|dong|nghin|ngan|"
               r"tthc|thu tuc|diem|ket luan|quyet dinh|to chuc|ca nhan|tap the|doi tuong")


# Numbers written in words that cannot be read otherwise: they hold "mươi" or "trăm"
# ("mười", "hai mươi lăm", "một trăm linh năm"); the bare "một", "hai", "năm" are left alone
# ("một số", "năm 2024").
_U = r"(?:mot|hai|ba|bon|tu|nam|lam|sau|bay|tam|chin)"
_T = r"(?:muoi|(?:hai|ba|bon|nam|sau|bay|tam|chin)\s+muoi)"
_H = r"(?:(?:mot|hai|ba|bon|nam|sau|bay|tam|chin)\s+tram)"
#: A number in words (folded): tens or hundreds, with their units.
IN_WORDS = rf"\b(?:{_H}(?:\s+(?:linh|le)\s+{_U}|\s+{_T}(?:\s+{_U})?)?|{_T}(?:\s+{_U})?)\b"
#: A digit in words read only right before a counted noun ("hai đoàn", "năm cuộc", "ba bị
#: can"): never "một số", "năm 2024", "trong năm, …" ("năm" after "trong", "cả", "mỗi",
#: "hàng", "của", "các", "những" is the year), nor "một đơn vị" (a unit, not a petition).
_COUNTED = (r"(?:cuoc|doan|vu viec|vu an|vu|bi can|bi cao|tap the|ca nhan|ke hoach|van ban"
            r"|quyet dinh|ket luan|buoi|luot|don(?! vi)|ho so)\b")
SMALL_IN_WORDS = (r"(?:\b(?:mot|hai|ba|bon|sau|bay|tam|chin)"
                  r"|(?<!trong )(?<!ca )(?<!moi )(?<!hang )(?<!cua )(?<!cac )(?<!nhung )"
                  r"\bnam)(?=\s+" + _COUNTED + ")")
_DIGIT_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5, "sau": 6,
                "bay": 7, "tam": 8, "chin": 9}


def words_value(text: str) -> int | None:
    """The value of a number in words ("hai mươi lăm" → 25, "một trăm linh năm" → 105)."""
    folded = fold(text)
    if not re.fullmatch(IN_WORDS, folded):
        return None
    total, cur = 0, 0
    for w in folded.split():
        if w == "tram":
            total, cur = total + cur * 100, 0
        elif w == "muoi":
            cur = (cur or 1) * 10
        elif w in ("linh", "le"):
            continue
        else:
            cur += _DIGIT_WORDS[w]
    return total + cur


def number_regex(*, percent: bool = False, after_slash: bool = False,
                 before_slash: bool = False) -> str:
    """The regular expression (on folded text) of one number slot.

    ``percent`` reads "98,81%" / "100 %"; otherwise a count or amount, optionally scaled
    ("5,65 nghìn", "3,12 tỷ đồng"), never followed by "%".  A number touching a slash is
    normally part of a date or a document number ("13/3/2024", "40/KH-SKHCN") and is refused;
    ``after_slash`` / ``before_slash`` allow it for fractions written "635.593/643.272".
    """
    before = r"(?<![\w.,-])" if after_slash else r"(?<![\w./,-])"
    # a letter may touch the number only when it starts a unit ("1cuộc", "77.773m2", "3ha")
    glued = rf"(?!(?:{GLUED_UNITS})\b)\w"
    after = rf"(?!{glued}|[.,]\d)" if before_slash else rf"(?!{glued}|/|[.,]\d)"
    core = rf"{before}(?:{_BODY}){after}"
    if percent:
        return rf"{core}\s*(?:%|phan tram\b)"
    return (rf"(?:{core}|{IN_WORDS}|{SMALL_IN_WORDS})(?:\s*(?:{_SCALE})\b)?(?:\s*dong\b)?(?!\s*%)"
            r"(?!\s*phan tram\b)")


#: A count or amount slot (see :func:`number_regex`).
NUMBER = number_regex()
#: A percentage slot: "98,81%", "100 %", "22,33 phần trăm".
PERCENT = number_regex(percent=True)

_NUMBER_RE = re.compile(NUMBER)
_PERCENT_RE = re.compile(PERCENT)
_SCALES = {"nghin": 1e3, "ngan": 1e3, "trieu": 1e6, "ty": 1e9, "ti": 1e9,
           "nghin ty": 1e12, "ngan ty": 1e12, "nghin ti": 1e12, "ngan ti": 1e12}
#: Scale words that make a number an amount of money.
MONEY_SCALES = ("trieu", "ty", "ti", "nghin ty", "ngan ty", "nghin ti", "ngan ti")

#: Numbers written as words that reports use for small counts.  Only "không" (zero) is
#: read by the phrase patterns; the others are here for patterns a user may add.
WORDS = {"khong": 0, "mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5, "sau": 6, "bay": 7,
         "tam": 8, "chin": 9, "muoi": 10}


@dataclass(frozen=True)
class VnNumber:
    """One number read from a report.

    Attributes
    ----------
    value : float
        In base units: a count, percentage points, or đồng when a currency word follows
        ("156,8 triệu đồng" → 156 800 000).
    text : str
        The text as written.
    percent : bool
        True for "98,81%".
    scale : str
        The scale word as folded ("nghin", "trieu", "ty") or "".
    currency : bool
        True when "đồng" follows.
    clarity : float
        1.0 when the separators allow one reading only; 0.8 when a comma followed by exactly
        three digits could be a decimal (Vietnamese) or a thousands separator (English).
    """

    value: float
    text: str
    percent: bool = False
    scale: str = ""
    currency: bool = False
    clarity: float = 1.0


def _body_value(body: str, *, percent: bool, scaled: bool) -> tuple[float, float]:
    """Value and clarity of the digits part."""
    if re.fullmatch(_VN_GROUPED, body):
        return float(body.replace(".", "").replace(",", ".")), 1.0  # Vietnamese grouping
    if re.fullmatch(_EN_GROUPED, body):
        return float(body.replace(",", "")), 0.9  # English grouping "12,516,000"
    if "," in body:
        whole, dec = body.split(",")
        if len(dec) == 3 and not percent and not scaled:
            # "12,516 hồ sơ": a count cannot be 12.516, so English thousands, but say so
            return float(whole + dec), 0.8
        return float(f"{whole}.{dec}"), 1.0
    if "." in body:  # "98.81%" English decimal; "1.5 triệu"
        return float(body), 0.8
    return float(body), 1.0


def parse(text: str) -> VnNumber:
    """Read one number written the Vietnamese way.

    Parameters
    ----------
    text : str
        "05", "1.234", "659.245", "98,81%", "100 %", "5,65 nghìn", "1,2 triệu",
        "3,12 tỷ đồng", "không" (zero, and the other small number words of :data:`WORDS`).

    Returns
    -------
    VnNumber

    Raises
    ------
    ValueError
        If ``text`` is not a number.
    """
    raw = str(text).strip()
    folded = fold(raw)
    if folded in WORDS:
        return VnNumber(float(WORDS[folded]), raw)
    in_words = words_value(raw)
    if in_words is not None:
        return VnNumber(float(in_words), raw, clarity=0.9)
    m = re.fullmatch(
        rf"({_BODY})\s*(%|phan tram)?(?:\s*({_SCALE}))?(?:\s*(dong))?", folded)
    if not m:
        raise ValueError(f"not a number: {raw!r}")
    body, pct, scale, cur = m.group(1), bool(m.group(2)), m.group(3) or "", bool(m.group(4))
    value, clarity = _body_value(body, percent=pct, scaled=bool(scale))
    if scale:
        scale = " ".join(scale.split())
        value *= _SCALES[scale]
    return VnNumber(value, raw, pct, scale, cur, clarity)


def find_all(text: str) -> list[tuple[int, int, VnNumber]]:
    """Every number in ``text`` with its span ``(start, end)``, percentages included.

    Dates ("13/3/2024") and document numbers ("40/KH-SKHCN") are not numbers here.
    """
    folded = fold_same_length(text)
    out: list[tuple[int, int, VnNumber]] = []
    taken: list[tuple[int, int]] = []
    for rx in (_PERCENT_RE, _NUMBER_RE):
        for m in rx.finditer(folded):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            try:
                out.append((m.start(), m.end(), parse(text[m.start():m.end()])))
            except ValueError:
                continue
            taken.append((m.start(), m.end()))
    return sorted(out, key=lambda t: t[0])


def to_unit(num: VnNumber, unit: str) -> float:
    """The reading in an indicator's unit (``indicators.UNITS`` keys).

    ``million_vnd``: "156,8 triệu đồng" → 156.8, "3,12 tỷ đồng" → 3120, "1.500.000 đồng" →
    1.5; an amount written without a scale or currency word is taken as already in millions
    (the unit report tables use).  ``m2``: hectares are not converted here (the pattern says).
    Other units: the base value.
    """
    if unit == "million_vnd" and (num.scale or num.currency):
        return num.value / 1e6
    return num.value


def word_value(word: str) -> int | None:
    """The value of a small number written as a word ("không" → 0), or ``None``."""
    return WORDS.get(fold(word))

