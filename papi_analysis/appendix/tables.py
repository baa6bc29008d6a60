"""HTML tables of an appendix: escaping, vi/en formats, cells, footnotes, source lines.

Everything here is pure: DataFrames and a language in, HTML text out.  A table is built as a
:class:`Grid` (header, body, footnotes, notes, source rows) without a number; the appendix
context (:class:`papi_analysis.appendix.report.Context`) numbers and captions it.  Every text that
comes from an input file (agency and field names, file names, messages) is escaped; numbers
are written ``1.234,5`` (vi) or ``1,234.5`` (en) and dates ``dd/mm/yyyy``.  The period
comparison and breakdown tables built on these are in :mod:`papi_analysis.appendix.comparetables`.

The markup of a table (its frame, header and body rows, footnotes, source line, the arrow of
a change) is in the template ``templates/tables/tables.html.j2``, whose macros these
functions call (:mod:`papi_analysis.appendix.templating`, autoescaping on); they return
plain ``str`` HTML, so that the callers compose it as before.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from .. import fmt
from ..analysis import comparison
from ..errors import PapiError
from ..intake import corrections
from ..model import agencies, periods
from ..model.periods import Period
from .templating import macros, trusted

WORDS = {
    "appendix": ("Phụ lục", "Appendix"), "table": ("Bảng", "Table"), "figure": ("Hình", "Figure"),
    "indicator": ("Chỉ tiêu", "Indicator"), "unit": ("Đơn vị tính", "Unit"),
    "change_vs": ("Thay đổi so với", "Change vs"), "source": ("Nguồn", "Source"),
    "rows": ("dòng", "rows"), "row": ("dòng", "row"),
    "illustrative": ("minh họa", "illustrative"), "pp": (" điểm %", " pp"),
    "rank": ("Hạng", "Rank"), "agency": ("Đơn vị", "Agency"), "field": ("Lĩnh vực", "Field"),
    "not_comparable": ("không so sánh được", "not comparable"),
}
#: Footnotes for the notes :mod:`papi_analysis.analysis.comparison` attaches to values and changes.
NOTE_TEXT = {
    "base_zero": ("Kỳ so sánh bằng 0: không tính được tỷ lệ thay đổi (%).",
                  "The comparison period is 0: no percent change can be computed."),
    "base_missing": ("Không có số liệu của kỳ so sánh.", "No figure for the comparison period."),
    "current_missing": ("Không có số liệu của kỳ báo cáo.", "No figure for the reporting period."),
    "both_missing": ("Không có số liệu của cả hai kỳ.", "No figure for either period."),
    "zero_denominator": ("Mẫu số bằng 0: không tính được tỷ lệ.",
                         "The denominator is 0: the rate cannot be computed."),
    "no_data": ("Không có số liệu.", "No figure reported."),
    "rate_missing": ("Không tính tỷ lệ: đơn vị không báo cáo đủ các số cần để tính (xem cách "
                     "tính).", "Not computed: the agency did not report every figure the rate "
                     "needs (see its definition)."),
    "different_basis": ("Không so sánh được: hai kỳ tính theo hai cách khác nhau (vụ việc so "
                        "với đơn).", "Not comparable: the two periods are counted differently "
                        "(cases against petitions)."),
    "predecessor_missing": ("Không cộng được: thiếu số liệu của một đơn vị tiền thân trong kỳ "
                            "này (xem ghi chú dưới bảng), nên không có số để so sánh.",
                            "Cannot be summed: a predecessor unit has no figure for this period "
                            "(see the note under the table), so there is nothing to compare."),
    "share_unknown": ("Không tách được: chức năng được chia cho nhiều đơn vị mà không rõ tỷ lệ.",
                      "Cannot be split: the function was divided between units with no known "
                      "share."),
    "no_common": ("Không so sánh được: không đơn vị nào có số liệu cùng loại (thật hoặc minh "
                  "họa) và không có lỗi ở cả hai kỳ.",
                  "Not comparable: no unit has checked figures of the same kind (real or "
                  "illustrative) in both periods."),
    "base_illustrative": ("Không so sánh: kỳ so sánh là số minh họa, kỳ này là số thật.",
                          "Not compared: the comparison period's figure is illustrative, this "
                          "period's is real."),
    "current_illustrative": ("Không so sánh: kỳ này là số minh họa, kỳ so sánh là số thật.",
                             "Not compared: this period's figure is illustrative, the "
                             "comparison period's is real."),
    "current_error": ("Không so sánh: số liệu kỳ này có lỗi (xem Phụ lục 5).",
                      "Not compared: this period's figures failed their checks (see "
                      "Appendix 5)."),
    "base_error": ("Không so sánh: số liệu kỳ so sánh có lỗi (xem Phụ lục 5).",
                   "Not compared: the comparison period's figures failed their checks (see "
                   "Appendix 5)."),
    "current_invalid": ("Không so sánh: tỷ lệ kỳ này nằm ngoài 0–100%, là lỗi số liệu.",
                        "Not compared: this period's rate lies outside 0–100%, a data error."),
    "base_invalid": ("Không so sánh: tỷ lệ kỳ so sánh nằm ngoài 0–100%, là lỗi số liệu.",
                     "Not compared: the comparison period's rate lies outside 0–100%, a data "
                     "error."),
    "errors_excluded": ("Không có số: mọi đơn vị báo cáo số này đều có lỗi số liệu (xem Phụ "
                        "lục 5).", "No figure: every unit reporting it failed its checks (see "
                        "Appendix 5)."),
    "error_value": ("Số liệu có lỗi: số này lấy từ số liệu không qua được kiểm tra (xem Phụ "
                    "lục 5); không dùng để xếp hạng hay so sánh.",
                    "Data error: this figure comes from data that failed its checks (see "
                    "Appendix 5); it is not ranked or compared."),
}
#: The words shown in place of a rate outside [0, 100] or of a unit left out of a ranking.
DATA_ERROR = ("lỗi số liệu", "data error")
UNRANKED_ERROR = ("chưa xếp hạng: số liệu có lỗi", "not ranked: data error")
ARROWS = {"up": "▲", "down": "▼", "flat": "●"}
#: Kinds of :func:`cell` that are right-aligned numbers.
NUMERIC = frozenset({"count", "amount", "int", "year", "score", "percent", "signed",
                     "signed_score", "pp", "rank"})
#: A cell's class by kind (numbers are ``num``).
_CLASS = {"agency": "nm", "severity": "nm"}


# -- text ---------------------------------------------------------------------------------------
def table_macros():
    """The macros of ``templates/tables/tables.html.j2``."""
    return macros("tables/tables.html.j2")


def esc(text: object) -> str:
    """HTML-escape any value shown in an appendix (text from files may hold markup)."""
    return html.escape("" if text is None else str(text), quote=True)


def is_missing(x: object) -> bool:
    """True for None, NaN and ``pd.NA``: values shown as ``–``."""
    return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA


def t(lang: str, vi: str, en: str) -> str:
    """``vi`` or ``en``, whichever ``lang`` asks for."""
    return vi if lang == "vi" else en


def word(key: str, lang: str) -> str:
    """A fixed word of the appendix (``Bảng`` / ``Table``) in ``lang``."""
    return t(lang, *WORDS[key])


def note_text(key: str, lang: str) -> str:
    """The footnote for a comparison note (``base_zero`` …) in ``lang``."""
    return t(lang, *NOTE_TEXT[key])


#: The registry names are looked up in: the one of the data folder of the appendix being
#: built (set by :func:`papi_analysis.appendix.report.setup`); None = the shipped registry.
REGISTRY_PATH = None


def agency_name(code: str, lang: str, short: bool = False) -> str:
    """An agency's name (short Vietnamese name when ``short``), or the code if unknown."""
    try:
        a = agencies.get(code, REGISTRY_PATH)
    except PapiError:
        return code
    if short and lang == "vi":
        return a.short_vi or a.name_vi
    return a.name(lang)


def period_label(p: Period | str, lang: str) -> str:
    """``6 tháng đầu năm 2024`` / ``First half of 2024``; unknown codes as they are."""
    try:
        return periods.parse(p).label(lang)
    except PapiError:
        return str(p)


def compare_label(period: Period, base: Period, lang: str) -> str:
    """``6 tháng cuối năm 2023 (kỳ trước)``: ``base`` named by its role against ``period``."""
    role = comparison.compare_role(period, base)
    if role:
        return f"{base.label(lang)} ({t(lang, *comparison.COMPARE_KEYWORDS[role])})"
    return base.label(lang)


# -- cells --------------------------------------------------------------------------------------
def cell(value: object, kind: str, lang: str = "vi") -> str:
    """Format one value as escaped HTML text.

    Kinds: ``text``, ``count`` (1.234), ``amount`` (1.234,5 when not whole), ``int`` and
    ``year`` (no separators), ``score`` (2 decimals), ``percent`` (98,8%), ``signed`` (+12),
    ``signed_score`` (+0,25), ``pp`` (+1,5 điểm %), ``rank`` (5), ``date`` (dd/mm/yyyy),
    ``bool`` (có / không).  Missing values are ``–``.

    Raises
    ------
    ValueError
        For any other kind.
    """
    if kind == "text":
        return "–" if is_missing(value) else esc(value)
    if is_missing(value):
        return "–"
    if kind in ("int", "year"):
        return esc(str(int(value)))
    if kind in ("count", "rank"):
        return esc(fmt.number(value, lang, 0))
    if kind == "amount":
        return esc(fmt.number(float(value), lang, _decimals(value)))
    if kind == "score":
        return esc(fmt.number(value, lang, 2))
    if kind == "percent":
        return esc(fmt.percent(value, lang, 1))
    if kind == "signed":
        return esc(fmt.signed(float(value), lang, _decimals(value)))
    if kind == "signed_score":
        return esc(fmt.signed(value, lang, 2))
    if kind == "pp":
        return esc(fmt.signed(value, lang, 1, suffix=word("pp", lang)))
    if kind == "date":
        return esc(fmt.date(value, lang))
    if kind == "bool":
        return t(lang, "có", "yes") if value else t(lang, "không", "no")
    raise ValueError(f"unknown cell kind {kind!r}")


def _decimals(value: object) -> int:
    """No decimals for a whole number, one otherwise (amounts and their changes)."""
    return 0 if float(value).is_integer() else 1


def table_cell(value: object, kind: str, lang: str = "vi") -> str:
    """:func:`cell` plus the kinds of tables about agencies: ``agency`` (code → short name)
    and ``severity`` (error → lỗi)."""
    if kind == "agency":
        return "–" if is_missing(value) or value == "" else esc(
            agency_name(str(value), lang, short=True))
    if kind == "severity":
        words = {"error": t(lang, "lỗi", "error"), "warning": t(lang, "cảnh báo", "warning")}
        return esc(words.get(str(value), str(value)))
    return cell(value, kind, lang)


def measure_kind(kind: str) -> str:
    """The :func:`cell` kind that shows a measure of ``kind`` (rate → percent …)."""
    return {"rate": "percent", "percent": "percent", "amount": "amount"}.get(kind, "count")


_UNCHANGED = ("không đổi", "unchanged")


def movement(direction: str, text: str, then: str, base: str) -> str:
    """``▲ tăng 5 (kỳ đó: 3)``: the arrow of ``direction``, ``text``, then the compared value.

    ``text`` saying "unchanged" (:func:`change_words` of a change that shows as zero) gets the
    flat arrow whatever ``direction`` the unrounded change had.
    """
    if text in _UNCHANGED:
        direction = "flat"
    # text, then and base are HTML the callers built (change_words, cells): trusted
    return str(table_macros().movement(direction, ARROWS[direction], trusted(text),
                                       trusted(then), trusted(base)))


def shows_zero(amount: str) -> bool:
    """True when a formatted change (``0,0 điểm %``, ``0 (0,0%)``) displays as zero."""
    shown = re.sub(r"<[^>]+>", "", str(amount)).split("(")[0]
    return bool(re.search(r"\d", shown)) and not re.search(r"[1-9]", shown)


def change_words(direction: str, amount: str, lang: str) -> str:
    """``tăng 5`` / ``giảm 5`` / ``không đổi`` for a change of ``amount`` (HTML); a change
    that displays as zero (a rate moving 0,04 points shows ``0,0 điểm %``) is ``không đổi``."""
    if direction in ("up", "down") and shows_zero(amount):
        direction = "flat"
    verb = {"up": t(lang, "tăng", "up"), "down": t(lang, "giảm", "down"),
            "flat": t(lang, *_UNCHANGED)}[direction]
    return verb if direction == "flat" else f"{verb} {amount}"


# -- footnotes and sources ----------------------------------------------------------------------
class Notes:
    """Footnotes of one table: numbered markers in order of first use."""

    def __init__(self) -> None:
        self.items: dict[str, int] = {}

    def mark(self, text: str) -> str:
        """The marker of ``text`` (numbered on first use); ``""`` for no text."""
        if not text:
            return ""
        n = self.items.setdefault(text, len(self.items) + 1)
        return str(table_macros().footnote_mark(n))

    def html(self) -> str:
        """The numbered list of footnotes (HTML); ``""`` when there is none."""
        return str(table_macros().footnotes(list(self.items.items())))


def _ranges(nums: Iterable[int]) -> list[str]:
    out: list[str] = []
    vals = sorted(set(int(n) for n in nums if n))
    i = 0
    while i < len(vals):
        j = i
        while j + 1 < len(vals) and vals[j + 1] == vals[j] + 1:
            j += 1
        out.append(str(vals[i]) if i == j else f"{vals[i]}–{vals[j]}")
        i = j + 1
    return out


def sources_note(rows: pd.DataFrame | None, lang: str = "vi", max_ranges: int = 6) -> str:
    """``Nguồn: file.csv dòng 2–14; panel.csv (minh họa) dòng …`` for the rows shown (HTML)."""
    if rows is None or rows.empty:
        return ""
    parts = []
    groups = sorted(rows.groupby("source_file", sort=False),
                    key=lambda kv: bool(kv[1]["illustrative"].all()))  # real sources first
    for name, g in groups:
        part = {"name": name or t(lang, "(không rõ tệp)", "(unknown file)"),
                "illustrative": word("illustrative", lang) if g["illustrative"].all() else "",
                "rows": "", "corrected": ""}
        rng = _ranges(g["source_row"])
        if rng:
            shown = ", ".join(rng[:max_ranges])
            more = len(rng) - max_ranges
            if more > 0:
                shown += " …" + t(lang, f" (+{more} khoảng)", f" (+{more} ranges)")
            n = g["source_row"].nunique()
            part["rows"] = f"{word('rows' if n > 1 else 'row', lang)} {shown}"
        fixed = [n for n in map(corrections.note_of, g["source_text"]) if n is not None]
        if fixed:  # an analyst's correction of a prose report: say so, with the note
            notes = "; ".join(dict.fromkeys(fixed))
            part["corrected"] = t(lang, f"(sửa tay: {notes})", f"(corrected by analyst: {notes})")
        parts.append(part)
    return str(table_macros().sources(word("source", lang), parts))


# -- tables -------------------------------------------------------------------------------------
@dataclass
class Grid:
    """A table before it has a number and a caption.

    ``head`` and ``body`` are the ``<tr>`` rows of ``<thead>`` and ``<tbody>``; ``notes`` the
    footnotes their markers point to; ``extra`` the notes under the table (HTML); ``rows``
    the tidy rows the source line names; ``illustrative`` tags the caption; ``cls`` is an
    extra CSS class of the table.
    """

    head: str
    body: str
    notes: Notes = field(default_factory=Notes)
    extra: list[str] = field(default_factory=list)
    rows: pd.DataFrame | None = None
    illustrative: bool = False
    cls: str = ""

    def html(self, lang: str) -> str:
        """The table, its footnotes, the notes under it and the source line (HTML)."""
        # head, body and extra are HTML built by table_grid and the other table builders,
        # their values escaped there: trusted
        return str(table_macros().grid(trusted(self.head), trusted(self.body),
                                  trusted(self.notes.html()), [trusted(x) for x in self.extra],
                                  trusted(sources_note(self.rows, lang))))


@dataclass
class Column:
    """A displayed column: DataFrame column, header text, kind of value (see :func:`cell`)."""

    key: str
    header: str
    kind: str = "text"


def _shown(r: pd.Series, c: Column, lang: str, override) -> str:
    got = override(r, c) if override else None
    return table_cell(r.get(c.key), c.kind, lang) if got is None else got


def table_grid(
    df: pd.DataFrame,
    columns: Sequence[Column | tuple],
    lang: str,
    *,
    notes: Sequence[str] = (),
    rows: pd.DataFrame | None = None,
    empty: str = "",
    after: Callable[[pd.Series, Column], str] | None = None,
    fns: Notes | None = None,
    override: Callable[[pd.Series, Column], str | None] | None = None,
) -> Grid:
    """Any DataFrame as a table: see :meth:`papi_analysis.appendix.report.Context.table`.

    ``after(row, column)`` may return HTML to append to a cell (a change under a value);
    ``override(row, column)`` may return HTML to show instead of the cell's value (None
    keeps the value); their footnote markers come from ``fns``, whose list is shown under
    the table.
    """
    cols = [c if isinstance(c, Column) else Column(*c) for c in columns]
    m = table_macros()
    head = str(m.head_row([{"header": "" if c.header is None else c.header,
                            "numeric": c.kind in NUMERIC} for c in cols]))
    classes = [_CLASS.get(c.kind, "num" if c.kind in NUMERIC else "") for c in cols]
    ill_col = "illustrative" in df.columns
    body = []
    for _, r in df.iterrows():
        ill = ill_col and bool(r["illustrative"])
        # a cell is HTML: the value formatted and escaped by table_cell, or what override
        # and after (the callers' own HTML builders) return: trusted
        tds = [{"cls": cls, "html": trusted(f"{_shown(r, c, lang, override)}"
                                            f"{after(r, c) if after else ''}")}
               for c, cls in zip(cols, classes, strict=True)]
        body.append(str(m.body_row(tds, ill)))
    if not body:
        body.append(str(m.empty_row(len(cols), empty or note_text("no_data", lang))))
    any_ill = ill_col and bool(df["illustrative"].astype(bool).any())
    extra = [esc(n) for n in notes]
    if any_ill:
        extra.append(esc(t(lang, "Dòng in nghiêng: số liệu minh họa.",
                           "Rows in italics: illustrative figures.")))
    return Grid(head, "".join(body), fns or Notes(), extra, rows, any_ill)
