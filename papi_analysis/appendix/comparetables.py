"""Comparison tables of an appendix: periods side by side, key figures, breakdowns.

Everything here is pure: a :mod:`papi_analysis.analysis.comparison` result and a language
in, a :class:`~papi_analysis.appendix.tables.Grid` out, built from the cells, formats and
footnotes of :mod:`papi_analysis.appendix.tables`; the appendix context
(:class:`papi_analysis.appendix.report.Context`) numbers and captions it.
"""

from __future__ import annotations

import pandas as pd

from .. import fmt
from ..analysis import comparison, measures
from ..analysis.measures import Measure
from ..model import periods
from ..model.periods import Period
from .tables import (
    ARROWS,
    DATA_ERROR,
    UNRANKED_ERROR,
    Column,
    Grid,
    Notes,
    agency_name,
    cell,
    change_words,
    compare_label,
    esc,
    is_missing,
    measure_kind,
    movement,
    note_text,
    period_label,
    t,
    table_grid,
    word,
)
from .templating import part, trusted

# -- period comparisons -------------------------------------------------------------------------
#: Notes after which a change is shown as "not comparable" rather than computed.
NOT_COMPARABLE = ("base_missing", "current_missing", "both_missing", "zero_denominator",
                  "different_basis", "errors_excluded", "out_of_range"
                  ) + comparison.LINEAGE_NOTES + comparison.UNLIKE_NOTES
_ITALIC_FIGURES = ("Số in nghiêng: số liệu minh họa.", "Figures in italics: illustrative.")


def _html():
    """The macros of ``templates/parts/compare.html.j2`` (loaded once, then cached)."""
    return part("compare")


def comparison_grid(
    table: pd.DataFrame,
    lang: str,
    *,
    province: bool = False,
    rows: pd.DataFrame | None = None,
    drop_empty: bool = True,
) -> Grid:
    """A :func:`comparison.compare` result, periods side by side with their changes.

    See :meth:`papi_analysis.appendix.report.Context.comparison_table`; ``province`` adds the note
    on how the whole province's figures are made and how many agencies each period has.
    """
    if table.empty:
        return table_grid(pd.DataFrame(), [Column("", word("indicator", lang))], lang, rows=rows)
    fns = Notes()
    codes, cur, bases, look = _layout(table)
    gaps = {(g.measure, g.period): g for g in
            comparison.stated_differences(table).itertuples(index=False)}
    body, dropped, any_ill = [], [], False
    most = _most_agencies(table) if province else {}
    for code in codes:
        m = measures.get(code)
        vals = [look[(code, p)] for p in [cur] + bases if (code, p) in look]
        if (drop_empty or m.stated_of) and all(is_missing(v.value) and not _held(v)
                                               for v in vals):
            if not m.stated_of:  # a rate the report does not state is not worth a note
                dropped.append(m.label(lang))
            continue
        row = [look[(code, p)] for p in [cur] + bases]
        body.append(_comparison_row(m, row, table, fns, lang, gaps, most))
        any_ill |= any(bool(r.illustrative) for r in row)
    extra = []
    if dropped:
        extra.append(esc(t(lang,
                           f"Không có số liệu ở mọi kỳ, nên không hiển thị: {'; '.join(dropped)}.",
                           f"No figures in any period, so not shown: {'; '.join(dropped)}.")))
    if len(bases) > COMPACT_FROM:
        first = period_label(bases[0], lang)
        extra.append(esc(t(lang, f"Nhiều kỳ so sánh: chỉ tính thay đổi so với {first}; các kỳ "
                                 "khác chỉ ghi số liệu (xem hình xu hướng).",
                           f"Many comparison periods: the change is shown against {first} "
                           "only; the other periods show their figures (see the trend chart).")))
    extra += _closing_notes(table, any_ill, province, lang)
    return Grid(_comparison_head(cur, bases, lang), "".join(body), fns, extra,
                _used(rows, codes, [cur] + bases), any_ill)


#: More comparison periods than this make the table compact: the change is shown against
#: the first comparison period only, the others are values (the charts draw the trend).
COMPACT_FROM = 3


def _comparison_head(cur: str, bases: list[str], lang: str) -> str:
    """The header row of :func:`comparison_grid`: indicator, unit, then periods and changes."""
    compact = len(bases) > COMPACT_FROM
    return str(_html().head(word("indicator", lang), word("unit", lang), period_label(cur, lang),
                            [{"label": period_label(b, lang), "change": not compact or i == 0}
                             for i, b in enumerate(bases)], word("change_vs", lang)))


def _comparison_row(m: Measure, row: list, table: pd.DataFrame, fns: Notes, lang: str,
                    gaps: dict | None = None, most: dict[str, int] | None = None) -> str:
    """One measure's ``<tr>``: ``row`` holds its compare rows, current period first;
    ``gaps`` the :func:`comparison.stated_differences` rows by (measure, period); ``most``
    the :func:`_most_agencies` of a province table (rows summing fewer get a footnote)."""
    gaps = gaps or {}
    kind = measure_kind(m.kind)
    marks = fns.mark(
        t(lang, "Cách tính: ", "Definition: ") + m.definition(lang)
        if m.definition(lang) else "")
    marks += _derived_note(m, table, fns, lang)
    c, *base_rows = row
    most = most or {}
    tds = [_value_td(c, kind, fns, lang, _gap_text(gaps.get((m.code, c.period)), lang),
                     _part_text(c, most, lang))]
    compact = len(base_rows) > COMPACT_FROM
    for i, r in enumerate(base_rows):
        tds.append(_value_td(r, kind, fns, lang, _gap_text(gaps.get((m.code, r.period)), lang),
                             _part_text(r, most, lang)))
        if not compact or i == 0:
            tds.append(_change_td(r, m, bool(c.illustrative or r.illustrative), fns, lang))
    # marks and cells are HTML built here (footnote markers, td cells from the macros)
    return str(_html().row(_plain(m.label(lang)), trusted(marks), _plain(m.unit_label(lang)),
                           [trusted(x) for x in tds]))


def _plain(text: object) -> str:
    """A text as :func:`esc` took it: ``None`` is empty."""
    return "" if text is None else str(text)


def key_figures_grid(
    table: pd.DataFrame,
    lang: str,
    period: Period,
    *,
    province: bool = False,
    rows: pd.DataFrame | None = None,
) -> Grid:
    """Each measure's value now and ▲▼ in words against each base period.

    See :meth:`papi_analysis.appendix.report.Context.key_figures`; ``period`` is the reporting
    period, which names the bases (``kỳ trước`` …).
    """
    fns = Notes()
    codes, cur, bases, look = _layout(table)
    html = _html()
    head = str(html.key_head(word("indicator", lang), period_label(cur, lang),
                             t(lang, "So với", "Compared with"),
                             [compare_label(period, periods.parse(b), lang) for b in bases]))
    body, any_ill = [], False
    for code in codes:
        m = measures.get(code)
        c = look.get((code, cur))
        if c is None or all(is_missing(look[(code, p)].value) and not _held(look[(code, p)])
                            for p in [cur] + bases):
            continue
        any_ill |= bool(c.illustrative)
        marks = fns.mark(m.definition(lang))
        tds = [_value_td(c, measure_kind(m.kind), fns, lang)]
        for b in bases:
            r = look[(code, b)]
            any_ill |= bool(r.illustrative)
            tds.append(_direction_td(r, m, bool(c.illustrative or r.illustrative), fns, lang))
        # marks and cells are HTML built here (footnote markers, td cells from the macros)
        body.append(str(html.row(_plain(m.label(lang)), trusted(marks), None,
                                 [trusted(x) for x in tds])))
    extra = [esc(t(lang, "▲ tăng, ▼ giảm, ● không đổi so với kỳ so sánh; tăng hay giảm "
                         "không tự nó là tốt hay xấu.",
                   "▲ up, ▼ down, ● unchanged against the comparison period; up or "
                   "down is not in itself good or bad."))]
    extra += _closing_notes(table, any_ill, province, lang)
    return Grid(head, "".join(body), fns, extra, _used(rows, codes, [cur] + bases), any_ill,
                cls="pa-key")


def _held(r) -> bool:
    """True for a figure that exists but is not shown as a value (a rate outside [0, 100],
    or every unit left out for errors): its row stays, saying why."""
    return getattr(r, "note", "") in ("out_of_range", "errors_excluded")


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


def _not_comparable(r) -> bool:
    """True when a base row's change is shown as "not comparable" rather than computed."""
    return r.note in NOT_COMPARABLE or is_missing(r.change)


def _most_agencies(table: pd.DataFrame) -> dict[str, int]:
    """Per period: the most agencies any measure of a province table sums."""
    if "n_agencies" not in table.columns or table.empty:
        return {}
    return {p: int(n) for p, n in table.groupby("period", sort=False)["n_agencies"].max().items()}


def _part_text(r, most: dict[str, int], lang: str) -> str:
    """The footnote on a province figure that sums fewer agencies than the table's others."""
    n, top = int(r.n_agencies or 0), most.get(r.period, 0)
    if top <= 1 or is_missing(r.value) or n >= top:
        return ""
    return t(lang, f"Chỉ gồm số của {n}/{top} đơn vị: các đơn vị khác không báo cáo chỉ tiêu "
                   "này, nên dòng này không cộng được với các dòng khác của bảng.",
             f"Sums {n} of {top} agencies only: the others did not report this figure, so this "
             "row does not add up with the table's other rows.")


def _gap_text(gap, lang: str) -> str:
    """The footnote on a stated rate that differs from the rate computed from the counts."""
    if gap is None:
        return ""
    s, c = (fmt.percent(x, lang, 1) for x in (gap.stated, gap.computed))
    if s == c:  # apart by more than the tolerance, yet equal at one decimal
        s, c = (fmt.percent(x, lang, 2) for x in (gap.stated, gap.computed))
    when = period_label(gap.period, lang)
    return t(lang,
             f"Tỷ lệ theo báo cáo {s} khác tỷ lệ tính từ số hồ sơ {c} ({when}): báo cáo có thể "
             "dùng cách tính khác hoặc số liệu không khớp; cần kiểm tra lại báo cáo của đơn vị.",
             f"The stated rate {s} differs from the rate computed from the file counts {c} "
             f"({when}): the report may use another definition or its figures do not agree; "
             "check the agency's report.")


def _value_td(r, kind: str, fns: Notes, lang: str, gap: str = "", part: str = "") -> str:
    cls = "num ill" if r.illustrative else "num"
    html = _html()
    # What is passed as trusted below is HTML built here: footnote markers (Notes.mark), a
    # formatted value (cell, escaped) and the "lỗi số liệu" span (invalid_text).
    if is_missing(r.value):
        if r.note == "out_of_range":
            return str(html.td(cls + " pa-bad", trusted(invalid_text(r.raw, r.kind, fns, lang)),
                               ""))
        if r.note == "zero_denominator":
            return str(html.dash(cls, trusted(fns.mark(note_text("zero_denominator", lang)))))
        if r.note in comparison.LINEAGE_NOTES + ("errors_excluded",):
            return str(html.no_value(cls, t(lang, "không đủ số liệu", "incomplete"),
                                     trusted(fns.mark(note_text(r.note, lang)))))
        if getattr(r, "kind", "") == "rate":
            return str(html.no_value(cls, t(lang, "không tính", "not computed"),
                                     trusted(fns.mark(note_text("rate_missing", lang)))))
        return str(html.no_value(cls, t(lang, "không báo cáo", "not reported"), ""))
    flag = fns.mark(part) + fns.mark(gap) + fns.mark(excluded_text(r, lang))
    if bool(getattr(r, "error", False)):
        flag += fns.mark(note_text("error_value", lang))
        cls += " pa-bad"
    return str(html.td(cls, trusted(cell(r.value, kind, lang)), trusted(flag)))


def invalid_text(raw, kind: str, fns: Notes, lang: str) -> str:
    """"lỗi số liệu" in place of a rate outside [0, 100], with a footnote giving the figure
    computed and why it cannot be right."""
    shown = fmt.percent(raw, lang, 1) if not is_missing(raw) else "–"
    why = t(lang, f"Tỷ lệ tính ra {shown}, nằm ngoài 0–100%: tử số lớn hơn mẫu số (hoặc số âm), "
                  "nên số liệu sai ở đâu đó; không hiển thị, không xếp hạng, không so sánh. "
                  "Xem Phụ lục 5 và kiểm tra lại báo cáo của đơn vị.",
            f"The rate computes to {shown}, outside 0–100%: the numerator exceeds the "
            "denominator (or is negative), so a figure is wrong somewhere; not shown, ranked or "
            "compared. See Appendix 5 and check the agency's report.")
    # the marker is HTML built by Notes.mark
    return str(_html().bad(t(lang, *DATA_ERROR), trusted(fns.mark(why))))


def excluded_text(r, lang: str) -> str:
    """The footnote on a province figure that leaves out units whose data failed its checks."""
    gone = tuple(getattr(r, "excluded", ()) or ())
    if not gone:
        return ""
    names = ", ".join(agency_name(a, lang, short=True) for a in gone)
    return t(lang, f"Không tính {names}: số liệu có lỗi (xem Phụ lục 5). Số toàn tỉnh chỉ gồm "
                   "các đơn vị có số liệu qua được kiểm tra.",
             f"Leaves out {names}: their data failed its checks (see Appendix 5). The province "
             "figure sums only units whose data passed its checks.")


def common_text(r, m: Measure, lang: str) -> str:
    """The words under a change computed on the units both periods have."""
    n = int(r.n_common)
    kind = measure_kind(m.kind)
    now, then = cell(r.common_value, kind, lang), cell(r.common_base, kind, lang)
    return t(lang, f"so sánh trên {n} đơn vị có số liệu cả hai kỳ ({now} so với {then})",
             f"compared on the {n} unit(s) with figures in both periods ({now} against {then})")


def _change_td(r, m: Measure, ill: bool, fns: Notes, lang: str) -> str:
    cls = "num chg ill" if ill else "num chg"
    html = _html()
    # What is passed as trusted is HTML built here: footnote markers (Notes.mark), formatted
    # values (cell, escaped) and the common-units words holding them (common_text).
    if _not_comparable(r):
        return str(html.dash(cls, trusted(fns.mark(note_text(r.note or "no_data", lang)))))
    common = trusted(common_text(r, m, lang)) if _on_common(r) else None
    if m.is_rate:
        return str(html.change(cls, trusted(cell(r.change, "pp", lang)), None, common))
    main = trusted(cell(r.change, "signed", lang))
    if r.note == "base_zero":
        pct = trusted("–" + fns.mark(note_text("base_zero", lang)))
    else:
        pct = fmt.signed(r.change_pct, lang, 1, suffix="%")
    return str(html.change(cls, main, pct, common))


def _on_common(r) -> bool:
    """True when a change was computed on the units both periods have, not all of them."""
    return not is_missing(getattr(r, "n_common", float("nan"))) and int(r.n_common) > 0


def _direction_td(r, m: Measure, ill: bool, fns: Notes, lang: str) -> str:
    html = _html()
    # What is passed as trusted is HTML built here: a footnote marker (Notes.mark), the
    # movement (tables.movement, from its macro) and the common-units words (common_text).
    if _not_comparable(r):
        return str(html.not_comparable(ill, word("not_comparable", lang),
                                       trusted(fns.mark(note_text(r.note or "no_data", lang)))))
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
    if _on_common(r):  # like for like: the change of the units both periods have
        moved = movement(d, change_words(d, amount, lang), then,
                         cell(r.common_base, measure_kind(m.kind), lang))
        return str(html.direction(ill, trusted(moved), trusted(common_text(r, m, lang))))
    return str(html.direction(ill, trusted(movement(d, change_words(d, amount, lang), then, base)),
                              None))


def _derived_note(m: Measure, table: pd.DataFrame, fns: Notes, lang: str) -> str:
    """A footnote when a count was computed from its parts rather than stated."""
    if m.kind not in ("count", "amount") or len(m.terms) < 2:
        return ""
    mine = table[table["measure"] == m.code]
    if "derived" not in mine.columns or not mine["derived"].astype(bool).any():
        return ""
    parts = " + ".join(measures.get(c).label(lang) for c in m.terms[1])
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
        "Số đơn vị khác nhau giữa các kỳ: thay đổi của số tổng chỉ tính trên các đơn vị có số "
        "liệu cả hai kỳ, như ghi ở từng dòng; số tổng của kỳ này là giá trị, không so sánh.",
        "The number of agencies differs between periods: a total's change is computed only on "
        "the units with figures in both periods, as each row says; this period's full total "
        "is shown as a value, not compared."))
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
    period: Period | None = None,
    errors_link: str = "",
) -> Grid:
    """A :func:`comparison.breakdown` result: see
    :meth:`papi_analysis.appendix.report.Context.breakdown_table`.  ``errors_link`` is the
    address of the period's data-quality appendix, linked from a unit left unranked."""
    if table.empty:
        return table_grid(table, [Column("key", word("field", lang))], lang, empty=t(
            lang, "Đơn vị không báo cáo số liệu chi tiết theo lĩnh vực trong kỳ này.",
            "The agency reported no figures by field for this period."))
    by = table["by"].iloc[0]
    ranked = bool(rank_by) and by == "agency"
    df = comparison.rank(table.copy(), rank_by, tiebreak=tiebreak) if ranked else table.copy()
    codes = _breakdown_codes(table)
    cols = [Column("rank", word("rank", lang), "rank")] if ranked else []
    cols.append(Column("key", word("agency" if by == "agency" else "field", lang),
                       "agency" if by == "agency" else "text"))
    errs = df["error"].astype(bool) if "error" in df.columns else pd.Series(False, df.index)
    if by == "agency":  # every row says whether its figures are real
        values = df[_breakdown_codes(table)]
        df["source"] = [
            "–" if values.loc[i].isna().all() and not errs[i] else
            (t(lang, "minh họa", "illustrative") if bool(df.at[i, "illustrative"]) else
             t(lang, "thật", "real")) + (t(lang, ", có lỗi", ", data error") if errs[i] else "")
            for i in df.index]
        cols.append(Column("source", t(lang, "Số liệu", "Figures"), "text"))
    for code in codes:
        m = measures.get(code)
        cols.append(Column(code, m.label(lang) + (" (%)" if m.is_rate else ""),
                           measure_kind(m.kind)))
    notes = []
    for code in [c.key for c in cols if c.key in measures.MEASURES]:
        m = measures.get(code)
        if m.definition(lang):
            notes.append(f"{m.label(lang)}: {m.definition(lang)}.")
    if ranked:
        notes.append(t(
            lang,
            f"Xếp hạng theo “{measures.get(rank_by).label('vi')}”, theo giá trị như hiển thị "
            "(làm tròn); đơn vị bằng nhau cùng hạng; đơn vị có số liệu lỗi không được xếp hạng; "
            "đơn vị không có số liệu xếp cuối, không có hạng.",
            f"Ranked by “{measures.get(rank_by).label('en')}” as displayed (rounded); ties "
            "share a rank; agencies whose data failed its checks are not ranked; agencies "
            "without data come last, unranked."))
    fns, after = Notes(), None
    if "base_period" in table.columns:
        rate = rank_by if rank_by in codes and measures.get(rank_by).is_rate else None
        count = next((c for c in codes if measures.get(c).kind in ("count", "amount")), None)
        after = _breakdown_after({c for c in (rate, count) if c}, ranked, fns, lang)
        notes.append(_breakdown_change_note(table["base_period"].iloc[0], rate, count, ranked,
                                            period, lang))
    override = _breakdown_override(set(codes), ranked, fns, lang, errors_link)
    return table_grid(df, cols, lang, notes=notes, rows=rows, after=after, fns=fns,
                      override=override)


def _breakdown_override(codes: set[str], ranked: bool, fns: Notes, lang: str, link: str):
    """The ``override`` of :func:`table_grid` for a breakdown: "chưa xếp hạng" for a unit
    whose data failed its checks, "lỗi số liệu" for a rate outside [0, 100], and a footnote
    on every value of a unit with errors."""
    def override(r: pd.Series, c: Column) -> str | None:
        bad = "error" in r.index and bool(r["error"])
        if c.key == "rank" and ranked and r.get("unranked") == "error":
            # the marker is HTML built by Notes.mark
            return str(_html().unranked(t(lang, *UNRANKED_ERROR), link,
                                        trusted(fns.mark(note_text("error_value", lang)))))
        if c.key not in codes:
            return None
        raw = r.get(f"invalid:{c.key}")
        if raw is not None and not is_missing(raw):
            return invalid_text(raw, "rate", fns, lang)
        if bad and not is_missing(r.get(c.key)):
            shown = cell(r[c.key], measure_kind(measures.get(c.key).kind), lang)
            # the value (cell, escaped) and the marker (Notes.mark) are HTML built here
            return str(_html().bad(trusted(shown),
                                   trusted(fns.mark(note_text("error_value", lang)))))
        return None
    return override


def _breakdown_codes(table: pd.DataFrame) -> list[str]:
    """The measure columns of a :func:`comparison.breakdown` result, in order."""
    other = ("key", "by", "illustrative", "error", "base_period", "base_illustrative",
             "base_error", "rank", "unranked", "rank_move", "n_rank_common", "source")
    return [c for c in table.columns if c not in other and ":" not in c]


def _breakdown_after(changed: set[str], ranked: bool, fns: Notes, lang: str):
    """The ``after`` of :func:`table_grid` that puts a change under a breakdown value."""
    def after(r: pd.Series, c: Column) -> str:
        if c.key == "rank" and ranked and not is_missing(r["rank"]):
            text = _rank_change(r.get("rank_move"), r, fns, lang)
        elif c.key in changed and not is_missing(r[c.key]):
            text = _breakdown_change(r, measures.get(c.key), fns, lang)
        else:
            return ""
        italic = bool(r["base_illustrative"]) and not bool(r["illustrative"])
        # the change is HTML built here (formatted values, footnote markers, arrows)
        return str(_html().under(italic, trusted(text)))
    return after


def _breakdown_change(r: pd.Series, m: Measure, fns: Notes, lang: str) -> str:
    """A rate's change in percentage points, a count's in percent; ``–`` with a footnote
    when the base is missing or zero."""
    note = r[f"note:{m.code}"] or ""
    change = r[f"change:{m.code}"]
    if note in NOT_COMPARABLE or is_missing(change):
        return f"–{fns.mark(note_text(note or 'no_data', lang))}"
    if m.is_rate:
        return cell(change, "pp", lang)
    if note == "base_zero":
        return f"–{fns.mark(note_text('base_zero', lang))}"
    return esc(fmt.signed(r[f"change_pct:{m.code}"], lang, 1, suffix="%"))


def _rank_change(moved, r: pd.Series, fns: Notes, lang: str) -> str:
    """``▲2`` (up two places), ``▼1`` or ``●`` against the base period, among the units
    ranked in both periods with figures of the same kind (see :func:`comparison.rank`)."""
    if is_missing(moved):
        if bool(r.get("base_error", False)):
            why = note_text("base_error", lang)
        elif bool(r.get("base_illustrative", False)) != bool(r.get("illustrative", False)):
            why = note_text("base_illustrative" if r.get("base_illustrative") else
                            "current_illustrative", lang)
        else:
            why = t(lang, "Không có hạng ở kỳ so sánh (không có số liệu).",
                    "No rank in the comparison period (no figures).")
        return "–" + fns.mark(why)
    moved = int(moved)
    return ARROWS[comparison.direction(moved)] + (str(abs(moved)) if moved else "")


def _breakdown_change_note(base: str, rate: str | None, count: str | None, ranked: bool,
                           period: Period | None, lang: str) -> str:
    """The note that explains the small figures under the breakdown values."""
    label = (compare_label(period, periods.parse(base), lang) if period is not None
             else period_label(base, lang))
    what = []
    if rate:
        what.append(t(lang, f"“{measures.get(rate).label('vi')}” tính bằng điểm %",
                      f"“{measures.get(rate).label('en')}” in percentage points"))
    if count:
        what.append(t(lang, f"“{measures.get(count).label('vi')}” tính bằng %",
                      f"“{measures.get(count).label('en')}” in percent"))
    if ranked:
        what.append(t(lang, "hạng: ▲ lên, ▼ xuống bao nhiêu bậc, ● giữ nguyên, tính trên các "
                            "đơn vị được xếp hạng ở cả hai kỳ với số liệu cùng loại",
                      "rank: ▲ up, ▼ down by that many places, ● unchanged, among the units "
                      "ranked in both periods with figures of the same kind"))
    return t(lang, f"Số nhỏ dưới giá trị: thay đổi so với {label}; ",
             f"Small figures under the values: change against {label}; ") + "; ".join(what) + "."
