"""PAPI in an appendix: which survey year to show, and the province's key PAPI figures.

PAPI is surveyed once a year, so an appendix for a half year or a quarter shows the latest
year not after its own.  The key-figures table compares that year with the year before it
that has scores, and never compares totals across the 2018 scale change (6–60 → 8–80).

The table's rows are written by the macros of ``templates/tables/tables.html.j2``
(:mod:`papi_analysis.appendix.tables`); the functions here give them labels and cells.
"""

from __future__ import annotations

import pandas as pd

from .. import config
from ..analysis import comparison
from ..errors import ParameterError
from ..model.periods import Period
from .tables import (
    Grid,
    Notes,
    cell,
    change_words,
    esc,
    is_missing,
    movement,
    t,
    table_macros,
    word,
)
from .templating import trusted

_THEN = ("năm đó", "then")


def latest_year(wide: pd.DataFrame, period: Period, gso_code: int | None = None) -> int:
    """The latest PAPI year, not after ``period``'s year, with the province's scores.

    ``wide`` is :func:`papi_analysis.analysis.papi.load`; ``gso_code`` defaults to the configured
    province.

    Raises
    ------
    ParameterError
        If the province has no PAPI scores up to that year.
    """
    code = int(gso_code or config.PROVINCE_GSO_CODE)
    dims = [c for c in wide.columns if c[:1] == "d" and c[1:].isdigit()]
    mine = wide[(wide["gso_code"] == code) & wide[dims].notna().any(axis=1)]
    years = sorted(int(y) for y in mine["year"] if int(y) <= period.year)
    if not years:
        raise ParameterError(
            f"Không có điểm PAPI nào đến năm {period.year} (kỳ {period.code}).",
            f"No PAPI scores up to {period.year} (period {period.code}).",
            where="period", hint_vi="PAPI có từ năm 2011; chọn kỳ từ 2011 trở đi.",
            hint_en="PAPI starts in 2011; choose a period from 2011 on.")
    return years[-1]


def key_figures_grid(ranks: pd.DataFrame, moves: pd.DataFrame, year: int, lang: str) -> Grid:
    """PAPI in one table: total, rank, group and each dimension, ▲▼ against the base year.

    ``ranks`` is :func:`papi.rank_history`, ``moves`` :func:`papi.moves` for ``year``.
    """
    fns = Notes()
    now = ranks[ranks["year"] == year]
    base_year = moves["base_year"].dropna()
    by = int(base_year.iloc[0]) if len(base_year) else None
    then = ranks[ranks["year"] == by] if by is not None else ranks.iloc[0:0]
    head = str(table_macros().head_row([
        {"header": word("indicator", lang), "numeric": False},
        {"header": year, "numeric": True},
        {"header": f'{t(lang, "So với năm", "Compared with")} {by or "–"}', "numeric": False}]))
    body = []
    if len(now):
        r, b = now.iloc[0], then.iloc[0] if len(then) else None
        body += [_total_row(r, b, fns, lang), _rank_row(r, b, fns, lang),
                 _group_row(r, b, fns, lang)]
    body += [_dimension_row(m, fns, lang)
             for m in moves.sort_values("dimension").itertuples(index=False)]
    extra = [esc(t(lang, "Điểm mỗi lĩnh vực từ 1 đến 10. ▲ tăng, ▼ giảm so với năm gốc.",
                   "Each dimension scores 1–10. ▲ up, ▼ down against the base year."))]
    return Grid(head, "".join(body), fns, extra, cls="pa-key")


def _row(label: str, marks: str, value: object, change: object, numeric: bool = True) -> str:
    """One row of the key-figures table: ``label`` (text) with its footnote ``marks`` (HTML of
    :meth:`Notes.mark`), the value and the change: text, which the template escapes, or HTML
    built here (cells, movements) passed as :func:`trusted`."""
    return str(table_macros().labelled_row(label, trusted(marks), [
        {"cls": "num" if numeric else "", "html": value}, {"cls": "", "html": change}]))


def _text(value: object) -> object:
    """A value from the data shown as text (``None`` as nothing, as :func:`esc` does)."""
    return "" if value is None else value


def _total_row(r: pd.Series, b: pd.Series | None, fns: Notes, lang: str) -> str:
    scale = f"{int(r['scale_max']) // 10}–{int(r['scale_max'])}"
    same = b is not None and b["scale_max"] == r["scale_max"]
    if is_missing(r["total"]):
        # a year with some dimensions surveyed and no total (e.g. 2022 for two provinces):
        # nothing to compare, and the reason is given rather than an arrow
        chg = word("not_comparable", lang) + fns.mark(t(
            lang, f"Năm {int(r['year'])} không có tổng điểm PAPI của tỉnh (chỉ có điểm một số "
            "lĩnh vực): không so sánh tổng điểm.",
            f"No PAPI total for the province in {int(r['year'])} (only some dimensions were "
            "scored): the total is not compared."))
    elif same and not is_missing(b["total"]):
        chg = _arrow(float(r["total"]) - float(b["total"]), cell(b["total"], "score", lang), lang)
    else:
        chg = word("not_comparable", lang) + fns.mark(t(
            lang, "Thang điểm tổng đổi từ 6–60 sang 8–80 năm 2018: không so sánh tổng điểm "
            "qua mốc này.", "The total's scale changed from 6–60 to 8–80 in 2018: "
            "totals are not compared across it."))
    label = f"{t(lang, 'Tổng điểm PAPI', 'PAPI total')} ({t(lang, 'thang', 'scale')} {scale})"
    return _row(label, "", trusted(cell(r["total"], "score", lang)), trusted(chg))


def _rank_row(r: pd.Series, b: pd.Series | None, fns: Notes, lang: str) -> str:
    rank_now = f"{cell(r['rank'], 'rank', lang)}/{cell(r['n_ranked'], 'rank', lang)}"
    if b is not None and not is_missing(b["rank"]) and not is_missing(r["rank"]):
        gained = int(b["rank"]) - int(r["rank"])
        d = comparison.direction(gained)
        text = {"up": t(lang, f"lên {gained} bậc", f"up {gained} places"),
                "down": t(lang, f"xuống {-gained} bậc", f"down {-gained} places"),
                "flat": t(lang, "giữ nguyên", "unchanged")}[d]
        chg = movement(d, text, t(lang, *_THEN), f"{int(b['rank'])}/{int(b['n_ranked'])}")
    else:
        chg = "–"
    note = fns.mark(t(
        lang, "Hạng 1 là cao nhất; số tỉnh được xếp hạng có thể ít hơn 63 khi thiếu số liệu.",
        "Rank 1 is the best; fewer than 63 provinces are ranked in years with missing data."))
    return _row(t(lang, "Thứ hạng", "Rank"), note, trusted(rank_now), trusted(chg))


def _group_row(r: pd.Series, b: pd.Series | None, fns: Notes, lang: str) -> str:
    key = t(lang, "group_vi", "group_en")
    then = _text(b[key]) if b is not None else "–"
    rows = [x for x in (b, r) if x is not None]
    note = "".join(fns.mark(_basis_note(kind, [int(x["year"]) for x in rows
                                             if x.get("group_basis", "") == kind], lang))
                   for kind in ("computed", "disputed"))
    return _row(t(lang, "Nhóm", "Quartile group"), note, _text(r[key]),
                f"{t(lang, *_THEN)}: {then}", numeric=False)


#: Marks of a group the project computed, or one the public sources disagree on
#: (:func:`group_labels`, explained by :func:`groups_note`).
BASIS_MARKS = {"computed": " (*)", "disputed": " (?)"}


def _basis_note(kind: str, years: list[int], lang: str) -> str:
    if not years:
        return ""
    y = _years(sorted(years))
    if kind == "computed":
        return t(lang, f"Nhóm năm {y} do dự án tính theo thứ hạng (chia số tỉnh được xếp hạng "
                 "thành bốn phần) vì chưa ghi nhận nhóm công bố của báo cáo PAPI năm đó; có thể "
                 "lệch một tỉnh ở ranh giới nhóm.",
                 f"The {y} group is computed by the project from the rank (the ranked provinces "
                 "split in four), as that year's published PAPI groups are not recorded; it may "
                 "be one province off at a group boundary.")
    return t(lang, f"Nhóm năm {y}: các nguồn công bố không thống nhất về ranh giới nhóm ở thứ "
             "hạng này; ghi theo nguồn chính, xem data/papi/quartile_groups.csv.",
             f"The {y} group: public sources disagree on the group boundary at this rank; the "
             "main source's group is shown, see data/papi/quartile_groups.csv.")


def group_labels(ranks: pd.DataFrame, lang: str) -> list[str]:
    """The group of each row of :func:`papi.rank_history` as the rank table shows it: the name,
    with a mark of :data:`BASIS_MARKS` where the project computed it or the sources disagree
    (:func:`groups_note` says so)."""
    key = t(lang, "group_vi", "group_en")
    basis = ranks["group_basis"] if "group_basis" in ranks else pd.Series("", index=ranks.index)
    return [f"{g}{BASIS_MARKS.get(bz, '')}" if g else ""
            for g, bz in zip(ranks[key].fillna(""), basis.fillna(""), strict=True)]


def groups_note(ranks: pd.DataFrame, lang: str) -> str:
    """The note under the rank table: which years' groups are PAPI's published ones
    (``data/papi/quartile_groups.csv``), which the sources disagree on, which the project
    computed."""
    if "group_basis" not in ranks:
        return ""
    by = {kind: sorted(int(y) for y, bz in zip(ranks["year"], ranks["group_basis"], strict=True)
                       if bz == kind) for kind in ("published", "disputed", "computed")}
    parts = []
    shown = sorted(by["published"] + by["disputed"])
    if shown:
        parts.append(t(lang, f"Nhóm các năm {_years(shown)} theo nhóm công bố của báo cáo PAPI "
                       "(nguồn từng năm: data/papi/quartile_groups.csv).",
                       f"Groups of {_years(shown)} as published by the PAPI reports (each "
                       "year's source: data/papi/quartile_groups.csv)."))
    for kind in ("disputed", "computed"):
        if by[kind]:
            parts.append(f"({BASIS_MARKS[kind].strip()[1:-1]}) "
                         + _basis_note(kind, by[kind], lang))
    return " ".join(parts)


def _dimension_row(m, fns: Notes, lang: str) -> str:
    if m.comparable and not is_missing(m.change):
        chg = _arrow(float(m.change), cell(m.base_score, "score", lang), lang)
    else:
        chg = word("not_comparable", lang)
    label, note = (m.label_vi, m.note) if lang == "vi" else (m.label_en, m.note_en)
    return _row(f"D{m.dimension}. {_text(label)}", fns.mark(note),
                trusted(cell(m.score, "score", lang)), trusted(chg))


def _arrow(delta: float, base_text: str, lang: str) -> str:
    # rounded as displayed, so a change shown as 0,00 reads "unchanged", not "up 0,00"
    d = comparison.direction(round(delta, 2))
    return movement(d, change_words(d, cell(abs(delta), "score", lang), lang), t(lang, *_THEN),
                    base_text)


def year_paragraph(period: Period, year: int, moves: pd.DataFrame) -> tuple[str, str]:
    """What PAPI year an appendix for ``period`` shows and which year it compares with, in
    (Vietnamese, English).

    PAPI is surveyed once a year and published the following spring, so a half year, quarter
    or month report uses the latest survey year not after its own year, and the appendix
    compares PAPI years, never reporting periods.  ``moves`` is :func:`papi.moves` for
    ``year`` (its ``base_year`` is the year compared with).
    """
    base = moves["base_year"].dropna() if "base_year" in moves else pd.Series(dtype=float)
    by = int(base.iloc[0]) if len(base) else None
    vs_vi = f", so sánh với PAPI {by}" if by else ""
    vs_en = f", compared with PAPI {by}" if by else ""
    return (
        f"PAPI được khảo sát mỗi năm một lần: kỳ báo cáo {period.label('vi')} dùng PAPI {year} "
        f"(năm khảo sát gần nhất không sau năm {period.year}){vs_vi}. Phụ lục so sánh các năm "
        "PAPI, không so sánh theo kỳ báo cáo. Thang điểm tổng là 6–60 đến 2017 và 8–80 từ "
        "2018 (thêm D7, D8): tổng điểm chỉ so sánh trong cùng thang; tổng 6 lĩnh vực D1–D6 so "
        "sánh được qua mọi năm. Năm thiếu số liệu để trống, không nội suy.",
        f"PAPI is surveyed once a year: the period {period.label('en')} uses PAPI {year} (the "
        f"latest survey year not after {period.year}){vs_en}. The appendix compares PAPI "
        "years, not reporting periods. The total runs 6–60 until 2017 and 8–80 from 2018 (D7, "
        "D8 added): totals are compared within one scale only; the D1–D6 total is comparable "
        "across all years. Missing years stay empty, never interpolated.")


def names_note(subs: pd.DataFrame, lang: str) -> str:
    """The note under the sub-dimension table: which Vietnamese names are not the PAPI data
    files' own (``name_basis`` of :func:`papi.subdimensions`), and where they come from."""
    if lang != "vi" or "name_basis" not in subs:
        return ("Names as in that year's survey; D2, D3, D5 and D8 changed content over the "
                "years. Source: data/papi/papi_subdimensions_long.csv (real data).")
    other = subs[subs["name_basis"].isin(["press", "translation"])]
    text = ("Tên theo năm khảo sát; nội dung của D2, D3, D5, D8 thay đổi qua các năm. Nguồn: "
            "data/papi/papi_subdimensions_long.csv (số liệu thật).")
    if len(other):
        slots = ", ".join(f"{r.slot} “{r.name}”" for r in other.itertuples(index=False))
        text += (f" Tên tiếng Việt của {slots} không có trong tệp số liệu PAPI: là cách gọi "
                 "theo thông cáo báo chí về PAPI hoặc bản dịch của dự án, chưa đối chiếu với "
                 "báo cáo PAPI tiếng Việt (xem data/papi/subdimension_names.csv).")
    return text


def _years(years: list[int]) -> str:
    """2011, 2012, 2013, 2015 → "2011–2013, 2015"."""
    runs: list[list[int]] = []
    for y in years:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)
