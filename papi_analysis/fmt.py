"""Formatting for readers: Vietnamese first (1.234,5 and dd/mm/yyyy), English available.

Numbers and dates go through Babel's CLDR data (locales ``vi_VN`` and ``en_GB``) rather than
hand-written separators, so every table, chart label and message formats the same way.
"""

from __future__ import annotations

import datetime as dt
import math

from babel.numbers import format_decimal

LOCALES = {"vi": "vi_VN", "en": "en_GB"}
LANGS = tuple(LOCALES)


def check_lang(lang: str) -> str:
    """Return ``lang`` if supported, else raise :class:`~papi_analysis.errors.ParameterError`."""
    from .errors import ParameterError

    if lang not in LOCALES:
        raise ParameterError(
            f"Ngôn ngữ “{lang}” không được hỗ trợ.",
            f"Language “{lang}” is not supported.",
            hint_vi="Dùng vi hoặc en.",
            hint_en="Use vi or en.",
        )
    return lang


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def number(x, lang: str = "vi", decimals: int = 0, dash: str = "–") -> str:
    """``1234.5`` → ``1.234,5`` (vi) or ``1,234.5`` (en); missing → ``dash``."""
    if _missing(x):
        return dash
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(round(float(x), decimals) + 0.0, format=pattern, locale=LOCALES[lang])


def percent(x, lang: str = "vi", decimals: int = 1, dash: str = "–") -> str:
    """A percentage already in 0–100: ``98.81`` → ``98,8%``."""
    if _missing(x):
        return dash
    return number(x, lang, decimals) + "%"


def signed(x, lang: str = "vi", decimals: int = 0, suffix: str = "", dash: str = "–") -> str:
    """A change with its sign: ``+12``, ``−3,5`` (a real minus sign), ``0``."""
    if _missing(x):
        return dash
    r = round(float(x), decimals)
    body = number(abs(r), lang, decimals)
    sign = "+" if r > 0 else ("−" if r < 0 else "")
    return f"{sign}{body}{suffix}"


def date(d: dt.date | dt.datetime | None, lang: str = "vi") -> str:
    """``dd/mm/yyyy`` in both languages (the form Vietnamese documents use)."""
    if d is None:
        return "–"
    return d.strftime("%d/%m/%Y")


def datetime(d: dt.datetime, lang: str = "vi") -> str:
    """``dd/mm/yyyy HH:MM``."""
    return d.strftime("%d/%m/%Y %H:%M")
