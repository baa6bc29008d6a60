"""Reporting periods: codes, Vietnamese phrases, labels, data date ranges, comparisons.

A period is a month (``2024-06``), a quarter (``2024-Q1``), a half year (``2024-H1``,
``2024-H2``), the first nine months (``2024-9M``) or a year (``2024``).  Data date ranges
follow the 15th-to-14th cut-off of Thông tư 02/2021/TT-TTCP, Điều 7 (see DOMAIN §3): a
report for the first half of 2024 covers 15/12/2023 → 14/06/2024.  A report that states its
own dates keeps them (:meth:`Period.with_dates`).  The calendar helpers
(:func:`last_completed`, :func:`has_started`, :func:`is_completed`) say which periods have begun
or ended on a given day, by the same cut-off.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from ..errors import PeriodError
from ..text import fold

KINDS = ("M", "Q", "H", "9M", "Y")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_ROMAN_OUT = {1: "I", 2: "II", 3: "III", 4: "IV"}
_MONTHS_EN = (
    "January February March April May June July August September October November December"
).split()

_PHRASES = ("“Tháng 6/2024”, “Quý I/2024”, “quý I năm 2024”, “6 tháng đầu năm 2024”, "
            "“6 tháng cuối năm 2024”, “9 tháng đầu năm 2024”, “năm 2024”")
_CODES = "2024-06, 2024-Q1, 2024-H1, 2024-H2, 2024-9M, 2024"
ACCEPTED_FORMS = f"{_CODES}, latest (lệnh build và period); {_PHRASES}"
ACCEPTED_FORMS_EN = f"{_CODES}, latest (build and period commands); {_PHRASES}"

#: What each kind of period is called: (Vietnamese, English), for messages.
KIND_NAMES = {"M": ("tháng", "monthly"), "Q": ("quý", "quarterly"), "H": ("6 tháng", "half-year"),
              "9M": ("9 tháng", "nine-month"), "Y": ("năm", "annual")}
_LAST_INDEX = {"M": 12, "Q": 4, "H": 2, "9M": 0, "Y": 0}


@dataclass(frozen=True, order=False)
class Period:
    """A reporting period.

    Attributes
    ----------
    year : int
    kind : str
        One of ``M`` (month), ``Q`` (quarter), ``H`` (half year), ``9M``, ``Y`` (year).
    index : int
        Month 1–12, quarter 1–4, half 1–2; 0 for ``9M`` and ``Y``.
    start, end : datetime.date or None
        Stated data dates overriding the 15th-to-14th rule; ``None`` means the rule applies.
    """

    year: int
    kind: str
    index: int = 0
    start: dt.date | None = None
    end: dt.date | None = None

    # -- identity ---------------------------------------------------------------
    @property
    def code(self) -> str:
        """The canonical code, e.g. ``2024-H1``."""
        if self.kind == "M":
            return f"{self.year}-{self.index:02d}"
        if self.kind == "Q":
            return f"{self.year}-Q{self.index}"
        if self.kind == "H":
            return f"{self.year}-H{self.index}"
        if self.kind == "9M":
            return f"{self.year}-9M"
        return f"{self.year}"

    def __str__(self) -> str:
        return self.code

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Period) and self.code == other.code

    def __hash__(self) -> int:
        return hash(self.code)

    def sort_key(self) -> tuple[dt.date, int]:
        """Order by data end date, then shorter periods first."""
        s, e = self.date_range()
        return (e, -(e - s).days)

    def __lt__(self, other: Period) -> bool:
        return self.sort_key() < other.sort_key()

    # -- labels -----------------------------------------------------------------
    def label(self, lang: str = "vi") -> str:
        """Human label: ``6 tháng đầu năm 2024`` / ``First half of 2024``."""
        y, i = self.year, self.index
        if lang == "vi":
            return {
                "M": f"Tháng {i}/{y}",
                "Q": f"Quý {_ROMAN_OUT.get(i, i)}/{y}",
                "H": f"6 tháng {'đầu' if i == 1 else 'cuối'} năm {y}",
                "9M": f"9 tháng đầu năm {y}",
                "Y": f"Năm {y}",
            }[self.kind]
        return {
            "M": f"{_MONTHS_EN[i - 1] if 1 <= i <= 12 else i} {y}",
            "Q": f"Q{i} {y}",
            "H": f"{'First' if i == 1 else 'Second'} half of {y}",
            "9M": f"First nine months of {y}",
            "Y": f"Year {y}",
        }[self.kind]

    # -- dates ------------------------------------------------------------------
    def rule_range(self) -> tuple[dt.date, dt.date]:
        """Data dates by the 15th-to-14th rule, ignoring stated dates."""
        y, i = self.year, self.index
        if self.kind == "M":
            start = dt.date(y - 1, 12, 15) if i == 1 else dt.date(y, i - 1, 15)
            return start, dt.date(y, i, 14)
        if self.kind == "Q":
            last = 3 * i
            start = dt.date(y - 1, 12, 15) if i == 1 else dt.date(y, last - 3, 15)
            return start, dt.date(y, last, 14)
        if self.kind == "H":
            if i == 1:
                return dt.date(y - 1, 12, 15), dt.date(y, 6, 14)
            return dt.date(y, 6, 15), dt.date(y, 12, 14)
        if self.kind == "9M":
            return dt.date(y - 1, 12, 15), dt.date(y, 9, 14)
        return dt.date(y - 1, 12, 15), dt.date(y, 12, 14)

    def date_range(self) -> tuple[dt.date, dt.date]:
        """Data dates: the stated ones if given, else the 15th-to-14th rule."""
        rs, re_ = self.rule_range()
        return (self.start or rs, self.end or re_)

    def with_dates(self, start: dt.date | None, end: dt.date | None) -> Period:
        """Return the same period with stated data dates (a report's own cut-off)."""
        return replace(self, start=start, end=end)

    # -- comparisons --------------------------------------------------------------
    def previous(self) -> Period:
        """The previous period of the same kind (kỳ trước).

        Month → previous month, quarter → previous quarter, H1 → H2 of the previous year,
        H2 → H1. A nine-month or annual report has no shorter predecessor of the same
        length, so its previous period is the one a year earlier.
        """
        y, i = self.year, self.index
        if self.kind == "M":
            return Period(y - 1, "M", 12) if i == 1 else Period(y, "M", i - 1)
        if self.kind == "Q":
            return Period(y - 1, "Q", 4) if i == 1 else Period(y, "Q", i - 1)
        if self.kind == "H":
            return Period(y - 1, "H", 2) if i == 1 else Period(y, "H", 1)
        return Period(y - 1, self.kind, i)

    def same_period_last_year(self) -> Period:
        """The same period one year earlier (cùng kỳ năm trước)."""
        return Period(self.year - 1, self.kind, self.index)


#: Words a ``compare`` parameter accepts besides period codes, in their default order.
COMPARE_WORDS = ("previous", "same_period_last_year")


def relative(period: Period, word: str) -> Period | None:
    """The period a comparison word names relative to ``period``, or ``None`` for other text."""
    if word == "previous":
        return period.previous()
    if word == "same_period_last_year":
        return period.same_period_last_year()
    return None


# -- parsing --------------------------------------------------------------------------
_CODE_RES = [
    (re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"), "M"),
    (re.compile(r"^(\d{4})-q([1-4])$"), "Q"),
    (re.compile(r"^(\d{4})-h([12])$"), "H"),
    (re.compile(r"^(\d{4})-9m$"), "9M"),
    (re.compile(r"^(\d{4})$"), "Y"),
]
_YEAR = r"(?:/|\s*-\s*|\s+nam\s+|\s+)(\d{4})"
_PHRASE_RES = [
    (re.compile(r"\bquy\s+(iv|iii|ii|i|[1-4])\b" + _YEAR), "Q"),
    (re.compile(r"\b6\s+thang\s+dau\s+nam\s*(\d{4})"), "H1"),
    (re.compile(r"\b6\s+thang\s+cuoi\s+nam\s*(\d{4})"), "H2"),
    (re.compile(r"\b9\s+thang\s+dau\s+nam\s*(\d{4})"), "9M"),
    (re.compile(r"\bthang\s+(1[0-2]|0?[1-9])" + _YEAR), "M"),
    (re.compile(r"\bnam\s+(\d{4})\b"), "Y"),
    # English, for reports to partners
    (re.compile(r"\bq([1-4])\s*[/ -]?\s*(\d{4})\b"), "Q"),
    (re.compile(r"\bfirst half of (\d{4})\b"), "H1"),
    (re.compile(r"\bsecond half of (\d{4})\b"), "H2"),
]
_STATED_RE = re.compile(
    r"(?:tu|tinh tu)\s+(?:ngay\s+)?(\d{1,2})/(\d{1,2})/(\d{4})\s+(?:den|toi)\s+(?:ngay\s+)?"
    r"(\d{1,2})/(\d{1,2})/(\d{4})"
)


def _num(token: str) -> int:
    return _ROMAN[token] if token in _ROMAN else int(token)


def parse(text: str | Period) -> Period:
    """Read a period from a code (``2024-H1``) or a report phrase (``6 tháng đầu năm 2024``).

    Stated dates in the phrase ("tính từ ngày 15/12/2022 đến 14/3/2023") are kept.

    Raises
    ------
    PeriodError
        If the text is not a period in any accepted form; the message lists them.
    """
    if isinstance(text, Period):
        return text
    raw = str(text).strip()
    folded = fold(raw)
    for rx, kind in _CODE_RES:
        m = rx.match(folded)
        if m:
            y = int(m.group(1))
            idx = int(m.group(2)) if kind in ("M", "Q", "H") else 0
            return _checked(Period(y, kind, idx), raw)
    ambiguous(raw)
    found = find(raw)
    if found is not None:
        return found
    raise PeriodError(
        f"Không đọc được kỳ báo cáo “{raw}”.",
        f"Cannot read the reporting period “{raw}”.",
        hint_vi=f"Dùng một trong các dạng: {ACCEPTED_FORMS}.",
        hint_en=f"Use one of: {ACCEPTED_FORMS_EN}.",
    )


#: "6 tháng năm 2024", "sáu tháng 2024": a half year without đầu/cuối (first/second).
_AMBIGUOUS_HALF = re.compile(r"\b(?:6|sau)\s+thang\s+(?:nam\s*)?(\d{4})\b")


def ambiguous(text: str) -> None:
    """Refuse a phrase that names a half year without saying which one.

    "6 tháng năm 2024" would otherwise be read as the year 2024 (its "năm 2024").

    Raises
    ------
    PeriodError
        With ``rule == "period.ambiguous"``, naming both readings.
    """
    m = _AMBIGUOUS_HALF.search(fold(text))
    if not m:
        return
    y = m.group(1)
    err = PeriodError(
        f"Kỳ báo cáo “{str(text).strip()}” không rõ: thiếu “đầu” hoặc “cuối” — là 6 tháng đầu "
        f"năm {y} ({y}-H1) hay 6 tháng cuối năm {y} ({y}-H2)?",
        f"The reporting period “{str(text).strip()}” is ambiguous: it lacks “đầu” or “cuối” — "
        f"the first half of {y} ({y}-H1, 6 tháng đầu năm) or the second half ({y}-H2, "
        "6 tháng cuối năm)?",
        hint_vi=f"Ghi “6 tháng đầu năm {y}” (hoặc {y}-H1) hay “6 tháng cuối năm {y}” "
        f"(hoặc {y}-H2).",
        hint_en=f"Write “6 tháng đầu năm {y}” (or {y}-H1) or “6 tháng cuối năm {y}” "
        f"(or {y}-H2).")
    err.rule = "period.ambiguous"  # type: ignore[attr-defined]  # as findings.problem sets it
    raise err


def find(text: str) -> Period | None:
    """Find the first period phrase inside a longer text (a title line), or ``None``."""
    folded = fold(text)
    best: tuple[int, Period] | None = None
    for rx, kind in _PHRASE_RES:
        m = rx.search(folded)
        if not m:
            continue
        if kind in ("Q", "M"):
            p = Period(int(m.group(2)), kind, _num(m.group(1)))
        elif kind in ("H1", "H2"):
            p = Period(int(m.group(1)), "H", int(kind[1]))
        else:
            p = Period(int(m.group(1)), kind, 0)
        if best is None or m.start() < best[0]:
            best = (m.start(), p)
    if best is None:
        return None
    period = best[1]
    stated = stated_dates(text)
    if stated:
        period = period.with_dates(*stated)
    return _checked(period, text)


def stated_dates(text: str) -> tuple[dt.date, dt.date] | None:
    """Return the data dates a text states ("từ ngày 15/12/2022 đến 14/3/2023"), if any."""
    m = _STATED_RE.search(fold(text))
    if not m:
        return None
    d1, m1, y1, d2, m2, y2 = (int(g) for g in m.groups())
    try:
        return dt.date(y1, m1, d1), dt.date(y2, m2, d2)
    except ValueError:
        return None


def _checked(period: Period, raw: str) -> Period:
    if not 2000 <= period.year <= 2100:
        raise PeriodError(
            f"Năm {period.year} trong “{raw}” nằm ngoài khoảng 2000–2100.",
            f"Year {period.year} in “{raw}” is outside 2000–2100.",
            hint_vi="Kiểm tra lại năm của kỳ báo cáo.",
            hint_en="Check the year of the period.",
        )
    return period


def span(first: Period | str, last: Period | str, kind: str | None = None) -> list[Period]:
    """All periods of ``first``'s kind from ``first`` to ``last`` inclusive, in order."""
    a, b = parse(first), parse(last)
    out = [a]
    while out[-1] < b and len(out) < 1000:
        nxt = _next(out[-1])
        out.append(nxt)
    return out


def _next(p: Period) -> Period:
    if p.kind == "M":
        return Period(p.year + 1, "M", 1) if p.index == 12 else Period(p.year, "M", p.index + 1)
    if p.kind == "Q":
        return Period(p.year + 1, "Q", 1) if p.index == 4 else Period(p.year, "Q", p.index + 1)
    if p.kind == "H":
        return Period(p.year + 1, "H", 1) if p.index == 2 else Period(p.year, "H", 2)
    return Period(p.year + 1, p.kind, p.index)


# -- the calendar -------------------------------------------------------------------------
def current_date() -> dt.date:
    """Today's date: the one place the package asks the clock (tests replace it)."""
    return dt.date.today()


def has_started(period: Period, today: dt.date) -> bool:
    """True when ``period``'s data dates have begun on ``today`` (its first day is not later)."""
    return period.date_range()[0] <= today


def is_completed(period: Period, today: dt.date) -> bool:
    """True when ``period``'s data cut-off has passed on ``today`` (its last day is earlier).

    The first half of 2026 (15/12/2025 → 14/06/2026) is completed from 15/06/2026.
    """
    return period.date_range()[1] < today


def refuse_future(period: Period, today: dt.date | None = None, *,
                  where: str = "--period", latest: bool = True) -> None:
    """Refuse a period that has not begun on ``today`` (default :func:`current_date`).

    No figure of such a period can exist yet: an appendix for it would be empty at best, or
    show figures typed with the wrong year.

    ``latest=False`` leaves ``--period latest`` out of the hint (a notebook has no such
    option).

    Raises
    ------
    PeriodError
        Naming the period, its data dates, today and the last completed period of its kind.
    """
    today = today or current_date()
    if has_started(period, today):
        return
    def d(day: dt.date) -> str:
        return day.strftime("%d/%m/%Y")

    s, e = period.date_range()
    last = last_completed(period.kind, today)
    raise PeriodError(
        f"Kỳ {period.code} ({d(s)} → {d(e)}) chưa bắt đầu (hôm nay {d(today)}): chưa thể có "
        "số liệu của kỳ này.",
        f"Period {period.code} ({d(s)} → {d(e)}) has not begun (today is {d(today)}): it "
        "cannot have figures yet.",
        where=f"{where} {period.code}",
        hint_vi=f"Kiểm tra lại năm; kỳ {KIND_NAMES[period.kind][0]} gần nhất đã kết thúc là "
        f"{last.code}" + (", hoặc dùng --period latest." if latest else "."),
        hint_en=f"Check the year; the last completed {KIND_NAMES[period.kind][1]} period is "
        f"{last.code}" + (", or use --period latest." if latest else "."))


def last_completed(kind: str, today: dt.date | None = None) -> Period:
    """The latest period of ``kind`` whose data cut-off has passed on ``today`` (default:
    :func:`current_date`).

    By the 15th-to-14th rule: on 29/11/2026 the last completed half year is 2026-H1
    (15/12/2025 → 14/06/2026), quarter 2026-Q3, month 2026-11, nine months 2026-9M, year 2025.

    Raises
    ------
    PeriodError
        If ``kind`` is not one of :data:`KINDS`.
    """
    if kind not in KINDS:
        raise PeriodError(f"Loại kỳ “{kind}” không hợp lệ.", f"Unknown kind of period “{kind}”.",
                          hint_vi="Dùng một trong: " + ", ".join(KINDS) + ".",
                          hint_en="Use one of: " + ", ".join(KINDS) + ".")
    today = today or current_date()
    p = Period(today.year + 1, kind, _LAST_INDEX[kind])
    while not is_completed(p, today):
        p = p.previous()
    return p


def steps(first: Period, last: Period) -> int:
    """How many periods of ``first``'s kind come after ``first`` up to ``last`` (0 if none)."""
    n, p = 0, first
    while p < last and n < 10_000:
        p, n = _next(p), n + 1
    return n
