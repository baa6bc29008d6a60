"""HTML tables of an appendix: escaping, vi/en formats, footnotes, source lines, table bodies.

Everything here is pure: DataFrames and a language in, HTML text out.  A table is built as a
:class:`Grid` (header, body, footnotes, notes, source rows) without a number; the appendix
context (:class:`papi_analysis.report.Context`) numbers and captions it.  Every text that
comes from an input file (agency and field names, file names, messages) is escaped; numbers
are written ``1.234,5`` (vi) or ``1,234.5`` (en) and dates ``dd/mm/yyyy``.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from . import agencies, comparison, fmt, periods
from .errors import PapiError
from .periods import Period

WORDS = {
    "appendix": ("Phụ lục", "Appendix"), "table": ("Bảng", "Table"), "figure": ("Hình", "Figure"),
    "indicator": ("Chỉ tiêu", "Indicator"), "unit": ("Đơn vị tính", "Unit"),
    "change_vs": ("Thay đổi so với", "Change vs"), "source": ("Nguồn", "Source"),
    "rows": ("dòng", "rows"), "row": ("dòng", "row"),
    "illustrative": ("minh họa", "illustrative"), "pp": (" điểm %", " pp"),
    "rank": ("Hạng", "Rank"), "agency": ("Đơn vị", "Agency"), "field": ("Lĩnh vực", "Field"),
    "not_comparable": ("không so sánh được", "not comparable"),
}
#: Footnotes for the notes :mod:`papi_analysis.comparison` attaches to values and changes.
NOTE_TEXT = {
    "base_zero": ("Kỳ so sánh bằng 0: không tính được tỷ lệ thay đổi (%).",
                  "The comparison period is 0: no percent change can be computed."),
    "base_missing": ("Không có số liệu của kỳ so sánh.", "No figure for the comparison period."),
    "current_missing": ("Không có số liệu của kỳ báo cáo.", "No figure for the reporting period."),
    "both_missing": ("Không có số liệu của cả hai kỳ.", "No figure for either period."),
    "zero_denominator": ("Mẫu số bằng 0: không tính được tỷ lệ.",
                         "The denominator is 0: the rate cannot be computed."),
    "no_data": ("Không có số liệu.", "No figure reported."),
    "different_basis": ("Không so sánh được: hai kỳ tính theo hai cách khác nhau (vụ việc so "
                        "với đơn).", "Not comparable: the two periods are counted differently "
                        "(cases against petitions)."),
    "over_100": ("Tỷ lệ trên 100%: tử số lớn hơn mẫu số, số liệu không khớp với cách tính "
                 "(xem Phụ lục 5 và kiểm tra lại báo cáo của đơn vị).",
                 "Rate above 100%: the numerator exceeds the denominator, so the figures do "
                 "not fit the definition (see Appendix 5 and check the agency's report)."),
}
#: Notes after which a change is shown as "not comparable" rather than computed.
NOT_COMPARABLE = ("base_missing", "current_missing", "both_missing", "zero_denominator",
                  "different_basis")
ARROWS = {"up": "▲", "down": "▼", "flat": "●"}
#: Kinds of :func:`cell` that are right-aligned numbers.
NUMERIC = frozenset({"count", "amount", "int", "year", "score", "percent", "signed",
                     "signed_score", "pp", "rank"})
_CLASS = {"agency": " class=nm", "severity": " class=nm"}


# -- text ---------------------------------------------------------------------------------------
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


def agency_name(code: str, lang: str, short: bool = False) -> str:
    """An agency's name (short Vietnamese name when ``short``), or the code if unknown."""
    try:
        a = agencies.get(code)
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
        v = float(value)
        return esc(fmt.number(v, lang, 0 if v.is_integer() else 1))
    if kind == "score":
        return esc(fmt.number(value, lang, 2))
    if kind == "percent":
        return esc(fmt.percent(value, lang, 1))
    if kind == "signed":
        v = float(value)
        return esc(fmt.signed(v, lang, 0 if v.is_integer() else 1))
    if kind == "signed_score":
        return esc(fmt.signed(value, lang, 2))
    if kind == "pp":
        return esc(fmt.signed(value, lang, 1, suffix=word("pp", lang)))
    if kind == "date":
        return esc(fmt.date(value, lang))
    if kind == "bool":
        return t(lang, "có", "yes") if value else t(lang, "không", "no")
    raise ValueError(f"unknown cell kind {kind!r}")


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


def movement(direction: str, text: str, then: str, base: str) -> str:
    """``▲ tăng 5 (kỳ đó: 3)``: the arrow of ``direction``, ``text``, then the compared value."""
    return (f'<span class="pa-dir pa-{direction}">{ARROWS[direction]}</span> {text} '
            f'<span class="pa-base">({then}: {base})</span>')


def change_words(direction: str, amount: str, lang: str) -> str:
    """``tăng 5`` / ``giảm 5`` / ``không đổi`` for a change of ``amount`` (HTML)."""
    verb = {"up": t(lang, "tăng", "up"), "down": t(lang, "giảm", "down"),
            "flat": t(lang, "không đổi", "unchanged")}[direction]
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
        return f'<sup class="pa-fn">{n}</sup>'

    def html(self) -> str:
        """The numbered list of footnotes (HTML); ``""`` when there is none."""
        if not self.items:
            return ""
        lis = "".join(f'<li value="{n}">{esc(text)}</li>' for text, n in self.items.items())
        return f'<ol class="pa-fns">{lis}</ol>'


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
        label = esc(name or t(lang, "(không rõ tệp)", "(unknown file)"))
        if bool(g["illustrative"].all()):
            label += f" ({word('illustrative', lang)})"
        rng = _ranges(g["source_row"])
        if rng:
            shown = ", ".join(rng[:max_ranges])
            more = len(rng) - max_ranges
            if more > 0:
                shown += " …" + t(lang, f" (+{more} khoảng)", f" (+{more} ranges)")
            n = g["source_row"].nunique()
            label += f", {word('rows' if n > 1 else 'row', lang)} {esc(shown)}"
        parts.append(label)
    return f'<p class="pa-src">{word("source", lang)}: ' + "; ".join(parts) + ".</p>"


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
        foot = "".join(f'<p class="pa-note">{x}</p>' for x in self.extra if x)
        return (f'<div class="pa-scroll"><table><thead>{self.head}</thead>'
                f"<tbody>{self.body}</tbody></table></div>"
                f"{self.notes.html()}{foot}{sources_note(self.rows, lang)}")


@dataclass
class Column:
    """A displayed column: DataFrame column, header text, kind of value (see :func:`cell`)."""

    key: str
    header: str
    kind: str = "text"


def table_grid(
    df: pd.DataFrame,
    columns: Sequence[Column | tuple],
    lang: str,
    *,
    notes: Sequence[str] = (),
    rows: pd.DataFrame | None = None,
    empty: str = "",
) -> Grid:
    """Any DataFrame as a table: see :meth:`papi_analysis.report.Context.table`."""
    cols = [c if isinstance(c, Column) else Column(*c) for c in columns]
    head = "<tr>" + "".join(
        f'<th{" class=num" if c.kind in NUMERIC else ""} scope="col">{esc(c.header)}</th>'
        for c in cols) + "</tr>"
    ill_col = "illustrative" in df.columns
    body = []
    for _, r in df.iterrows():
        ill = ill_col and bool(r["illustrative"])
        tds = "".join(
            f'<td{_CLASS.get(c.kind, " class=num" if c.kind in NUMERIC else "")}>'
            f"{table_cell(r.get(c.key), c.kind, lang)}</td>" for c in cols)
        body.append(f'<tr{" class=ill" if ill else ""}>{tds}</tr>')
    if not body:
        msg = empty or note_text("no_data", lang)
        body.append(f'<tr><td colspan="{len(cols)}" class="pa-empty">{esc(msg)}</td></tr>')
    any_ill = ill_col and bool(df["illustrative"].astype(bool).any())
    extra = [esc(n) for n in notes]
    if any_ill:
        extra.append(esc(t(lang, "Dòng in nghiêng: số liệu minh họa.",
                           "Rows in italics: illustrative figures.")))
    return Grid(head, "".join(body), Notes(), extra, rows, any_ill)


# -- period comparisons -------------------------------------------------------------------------
_ITALIC_FIGURES = ("Số in nghiêng: số liệu minh họa.", "Figures in italics: illustrative.")


def comparison_grid(
    table: pd.DataFrame,
    lang: str,
    *,
    province: bool = False,
    rows: pd.DataFrame | None = None,
    drop_empty: bool = True,
) -> Grid:
    """A :func:`comparison.compare` result, periods side by side with their changes.

    See :meth:`papi_analysis.report.Context.comparison_table`; ``province`` adds the note
    on how the whole province's figures are made and how many agencies each period has.
    """
    if table.empty:
        return table_grid(pd.DataFrame(), [Column("", word("indicator", lang))], lang, rows=rows)
    fns = Notes()
    codes, cur, bases, look = _layout(table)
    head = (f'<tr><th scope="col">{word("indicator", lang)}</th>'
            f'<th scope="col">{word("unit", lang)}</th>'
            f'<th class=num scope="col">{esc(period_label(cur, lang))}</th>')
    for b in bases:
        head += (f'<th class=num scope="col">{esc(period_label(b, lang))}</th>'
                 f'<th class="num chg" scope="col">{word("change_vs", lang)} '
                 f"{esc(period_label(b, lang))}</th>")
    head += "</tr>"
    body, dropped, any_ill = [], [], False
    for code in codes:
        m = comparison.get(code)
        vals = [look[(code, p)] for p in [cur] + bases if (code, p) in look]
        if drop_empty and all(is_missing(v.value) for v in vals):
            dropped.append(m.label(lang))
            continue
        kind = measure_kind(m.kind)
        label = esc(m.label(lang)) + fns.mark(
            t(lang, "Cách tính: ", "Definition: ") + m.definition(lang)
            if m.definition(lang) else "")
        label += _derived_note(m, table, fns, lang)
        c = look[(code, cur)]
        tds = [f"<th scope=row>{label}</th>", f"<td class=nm>{esc(m.unit_label(lang))}</td>",
               _value_td(c, kind, fns, lang)]
        any_ill |= bool(c.illustrative)
        for b in bases:
            r = look[(code, b)]
            any_ill |= bool(r.illustrative)
            tds.append(_value_td(r, kind, fns, lang))
            tds.append(_change_td(r, m, bool(c.illustrative or r.illustrative), fns, lang))
        body.append("<tr>" + "".join(tds) + "</tr>")
    extra = []
    if dropped:
        extra.append(esc(t(lang,
                           f"Không có số liệu ở mọi kỳ, nên không hiển thị: {'; '.join(dropped)}.",
                           f"No figures in any period, so not shown: {'; '.join(dropped)}.")))
    extra += _closing_notes(table, any_ill, province, lang)
    return Grid(head, "".join(body), fns, extra, _used(rows, codes, [cur] + bases), any_ill)


def key_figures_grid(
    table: pd.DataFrame,
    lang: str,
    period: Period,
    *,
    province: bool = False,
    rows: pd.DataFrame | None = None,
) -> Grid:
    """Each measure's value now and ▲▼ in words against each base period.

    See :meth:`papi_analysis.report.Context.key_figures`; ``period`` is the reporting
    period, which names the bases (``kỳ trước`` …).
    """
    fns = Notes()
    codes, cur, bases, look = _layout(table)
    head = (f'<tr><th scope="col">{word("indicator", lang)}</th>'
            f'<th class=num scope="col">{esc(period_label(cur, lang))}</th>'
            + "".join(f'<th scope="col">{t(lang, "So với", "Compared with")} '
                      f"{esc(compare_label(period, periods.parse(b), lang))}</th>" for b in bases)
            + "</tr>")
    body, any_ill = [], False
    for code in codes:
        m = comparison.get(code)
        c = look.get((code, cur))
        if c is None or all(is_missing(look[(code, p)].value) for p in [cur] + bases):
            continue
        any_ill |= bool(c.illustrative)
        label = esc(m.label(lang)) + fns.mark(m.definition(lang))
        tds = [f"<th scope=row>{label}</th>", _value_td(c, measure_kind(m.kind), fns, lang)]
        for b in bases:
            r = look[(code, b)]
            any_ill |= bool(r.illustrative)
            tds.append(_direction_td(r, m, bool(c.illustrative or r.illustrative), fns, lang))
        body.append("<tr>" + "".join(tds) + "</tr>")
    extra = [esc(t(lang, "▲ tăng, ▼ giảm, ● không đổi so với kỳ so sánh; tăng hay giảm "
                         "không tự nó là tốt hay xấu.",
                   "▲ up, ▼ down, ● unchanged against the comparison period; up or "
                   "down is not in itself good or bad."))]
    extra += _closing_notes(table, any_ill, province, lang)
    return Grid(head, "".join(body), fns, extra, _used(rows, codes, [cur] + bases), any_ill,
                cls="pa-key")


def _layout(table: pd.DataFrame) -> tuple[list[str], str, list[str], dict]:
    """Measure codes, current period, base periods and (measure, period) → row of ``table``."""
    codes = list(dict.fromkeys(table["measure"]))
    cur = table[table["role"] == "current"]["period"].iloc[0] if len(table) else ""
    bases = list(dict.fromkeys(table[table["role"] == "base"]["period"]))
    look = {(r.measure, r.period): r for r in table.itertuples(index=False)}
    return codes, cur, bases, look


def _used(rows: pd.DataFrame | None, codes: list[str], period_list: list[str]
          ) -> pd.DataFrame | None:
    return comparison.used_rows(rows, codes, period_list) if rows is not None else None


def _value_td(r, kind: str, fns: Notes, lang: str) -> str:
    cls = "num ill" if r.illustrative else "num"
    if is_missing(r.value):
        key = "zero_denominator" if r.note == "zero_denominator" else "no_data"
        return f'<td class="{cls}">–{fns.mark(note_text(key, lang))}</td>'
    flag = ""
    if r.kind == "rate" and float(r.value) > 100.0 + 1e-9:
        flag = fns.mark(note_text("over_100", lang))
    return f'<td class="{cls}">{cell(r.value, kind, lang)}{flag}</td>'


def _change_td(r, m: comparison.Measure, ill: bool, fns: Notes, lang: str) -> str:
    cls = "num chg ill" if ill else "num chg"
    if r.note in NOT_COMPARABLE or is_missing(r.change):
        return f'<td class="{cls}">–{fns.mark(note_text(r.note or "no_data", lang))}</td>'
    if m.is_rate:
        return f'<td class="{cls}">{cell(r.change, "pp", lang)}</td>'
    main = cell(r.change, "signed", lang)
    if r.note == "base_zero":
        pct = f"–{fns.mark(note_text('base_zero', lang))}"
    else:
        pct = esc(fmt.signed(r.change_pct, lang, 1, suffix="%"))
    return f'<td class="{cls}">{main} <span class="pa-pct">({pct})</span></td>'


def _direction_td(r, m: comparison.Measure, ill: bool, fns: Notes, lang: str) -> str:
    cls = ' class="ill"' if ill else ""
    if r.note in NOT_COMPARABLE or is_missing(r.change):
        return (f"<td{cls}>{word('not_comparable', lang)}"
                f"{fns.mark(note_text(r.note or 'no_data', lang))}</td>")
    d = comparison.direction(r.change)
    if m.is_rate:
        amount = esc(fmt.number(abs(r.change), lang, 1)) + word("pp", lang)
    else:
        amount = cell(abs(r.change), "amount", lang)
        if r.note == "base_zero":
            amount += f" ({t(lang, 'kỳ so sánh bằng 0', 'from zero')})"
        elif not is_missing(r.change_pct):
            amount += f" ({esc(fmt.number(abs(r.change_pct), lang, 1))}%)"
    base = cell(r.value, measure_kind(m.kind), lang)
    then = t(lang, "kỳ đó", "then")
    return f"<td{cls}>{movement(d, change_words(d, amount, lang), then, base)}</td>"


def _derived_note(m: comparison.Measure, table: pd.DataFrame, fns: Notes, lang: str) -> str:
    """A footnote when a count was computed from its parts rather than stated."""
    if m.kind not in ("count", "amount") or len(m.terms) < 2:
        return ""
    mine = table[table["measure"] == m.code]
    if "derived" not in mine.columns or not mine["derived"].astype(bool).any():
        return ""
    parts = " + ".join(comparison.get(c).label(lang) for c in m.terms[1])
    return fns.mark(t(lang, f"Đơn vị nào không báo cáo trực tiếp số này thì tính bằng {parts}.",
                      f"Where an agency does not report this figure: {parts}."))


def _closing_notes(table: pd.DataFrame, illustrative: bool, province: bool, lang: str
                   ) -> list[str]:
    """The notes under every comparison table: italics, and for the province its coverage."""
    out = [esc(t(lang, *_ITALIC_FIGURES))] if illustrative else []
    if province:
        out.append(_coverage_note(table, lang))
    return out


def _coverage_note(table: pd.DataFrame, lang: str) -> str:
    per = table.groupby("period", sort=False)["n_agencies"].max()
    counts = "; ".join(f"{esc(period_label(p, lang))}: {int(n)}" for p, n in per.items())
    caution = "" if per.nunique() <= 1 else " " + esc(t(
        lang,
        "Số đơn vị khác nhau giữa các kỳ: thay đổi của số tổng có phần do số đơn vị báo cáo.",
        "The number of agencies differs between periods: part of a change in a total comes "
        "from which agencies reported."))
    return esc(t(
        lang,
        "Toàn tỉnh = tổng số liệu của các đơn vị có báo cáo; các tỷ lệ được tính lại từ tổng "
        "tử số và mẫu số, không lấy trung bình các tỷ lệ. Số đơn vị có số liệu: ",
        "Whole province = sum of the reporting agencies' figures; rates are recomputed from "
        "the summed numerators and denominators, never averaged. Agencies with data: ",
    )) + counts + "." + caution


# -- breakdowns ---------------------------------------------------------------------------------
def breakdown_caption(table: pd.DataFrame, topic: str, lang: str, period: Period,
                      province: bool = False) -> str:
    """``<topic> theo đơn vị, <period>`` or ``… theo lĩnh vực …`` for a breakdown."""
    by_agency = province if table.empty else table["by"].iloc[0] == "agency"
    how = t(lang, "theo đơn vị", "by agency") if by_agency else t(lang, "theo lĩnh vực", "by field")
    return f"{topic} {how}, {period.label(lang)}"


def breakdown_grid(
    table: pd.DataFrame,
    lang: str,
    *,
    rank_by: str | None = None,
    tiebreak: str | None = None,
    rows: pd.DataFrame | None = None,
) -> Grid:
    """A :func:`comparison.breakdown` result: see
    :meth:`papi_analysis.report.Context.breakdown_table`."""
    if table.empty:
        return table_grid(table, [Column("key", word("field", lang))], lang, empty=t(
            lang, "Đơn vị không báo cáo số liệu chi tiết theo lĩnh vực trong kỳ này.",
            "The agency reported no figures by field for this period."))
    by = table["by"].iloc[0]
    ranked = bool(rank_by) and by == "agency"
    df = comparison.rank(table.copy(), rank_by, tiebreak=tiebreak) if ranked else table.copy()
    cols = [Column("rank", word("rank", lang), "rank")] if ranked else []
    cols.append(Column("key", word("agency" if by == "agency" else "field", lang),
                       "agency" if by == "agency" else "text"))
    for code in [c for c in table.columns if c not in ("key", "by", "illustrative")]:
        m = comparison.get(code)
        cols.append(Column(code, m.label(lang) + (" (%)" if m.is_rate else ""),
                           measure_kind(m.kind)))
    notes = []
    for code in [c.key for c in cols if c.key in comparison.MEASURES]:
        m = comparison.get(code)
        if m.definition(lang):
            notes.append(f"{m.label(lang)}: {m.definition(lang)}.")
    if ranked:
        notes.append(t(
            lang,
            f"Xếp hạng theo “{comparison.get(rank_by).label('vi')}”; đơn vị bằng nhau cùng "
            "hạng; đơn vị không có số liệu xếp cuối, không có hạng.",
            f"Ranked by “{comparison.get(rank_by).label('en')}”; ties share a rank; "
            "agencies without data come last, unranked."))
    return table_grid(df, cols, lang, notes=notes, rows=rows)
