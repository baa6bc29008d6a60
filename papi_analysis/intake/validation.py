"""Checking a tidy table: findings a department can act on, in Vietnamese and English.

:func:`validate` is pure (a DataFrame in, a DataFrame out), so the readers of submissions
and of prose reports share it.  It reports, for each problem, one row of the findings table
(:data:`COLUMNS`), with the rule's stable id, where the figure came from and a message that
quotes the numbers:

* ``indicator.unknown``, ``agency.unknown`` / ``agency.missing``, ``period.unknown``: codes
  that are not in the catalogue, the registry or any period form, with the closest codes;
* ``value.missing``, ``value.negative``, ``value.not_whole``, ``value.out_of_range``: counts
  must be whole and ≥ 0, amounts ≥ 0, percentages within 0–100;
* ``duplicate.key``: the same (agency, period, indicator, field) twice in one file, with
  both places;
* ``source.conflict``: two real files (a form and a prose report, or two forms) that give
  the same figure different values, naming both files and the one whose figure is used;
* the identities of :data:`papi_analysis.model.indicators.IDENTITIES` (rule = the identity's id),
  checked within one agency, period and field only when the total and every part are present;
  two allowances: ``tthc.resolved_early_on_time`` stands in for (8) + (9) in (7) = (8) + (9) +
  (10), and returned or withdrawn files count in (3) = (7) + (11) only when reported;
* the carry-over chain across periods, as warnings: what a period says it carried over must
  equal what the period it follows (:meth:`~papi_analysis.model.periods.Period.follows`) left open,
  for the same agency and field, when both figures exist.  ``chain.carry_over``: TTHC (6) =
  (11) of the period before; ``chain.pet_carry_over``: petitions carried over = being resolved
  + not yet resolved before; ``chain.insp_carry_over``: inspections carried over = inspections
  of the period before without a conclusion (total − conclusions issued).  Real figures
  are never chained to illustrative ones (nothing is learnt from comparing them).

Illustrative rows of an (agency, period) for which any real row exists are not checked at
all: the loader never uses them (:func:`papi_analysis.intake.datasets.own`).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
import re
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd

from .. import atomic, caches, fmt
from ..errors import AgencyError, IndicatorError, PapiError, PeriodError
from ..model import agencies, indicators, periods, schema
from ..text import fold
from . import datasets
from .findings import (
    COLUMNS,
    ERROR,
    INFO,
    NO_FIGURE_RULE,
    PLAUSIBLE,
    WARNING,
    big_number,
    finding,
    frame,
    from_error,
    location,
    problem,
)

__all__ = ["COLUMNS", "ERROR", "WARNING", "finding", "frame", "from_error", "location", "problem",
           "check_data", "exit_code", "summary", "validate", "write_findings"]

_TOL = 1e-6
_MAX_LINES_PER_GROUP = 50


@functools.lru_cache(maxsize=65536)
def _num(x: float, lang: str) -> str:
    if not math.isfinite(x) or abs(x) >= 1e15:  # any size, even past 10^28 (issue 19)
        return big_number(x, lang)
    whole = abs(x - round(x)) < _TOL
    # enough decimals that "1.234" read as a decimal shows as 1,234, not rounded to 1,23
    return fmt.number(x, lang, 0 if whole else (2 if abs(x * 100 - round(x * 100)) < _TOL else 4))


def _field_note(field: str, lang: str) -> str:
    if not field:
        return ""
    return f" — lĩnh vực “{field}”" if lang == "vi" else f" — field “{field}”"


# -- validate ------------------------------------------------------------------------------
def validate(tidy: pd.DataFrame, read_findings: pd.DataFrame | None = None, *,
             agencies_path: Path | str | None = None) -> pd.DataFrame:
    """Check a tidy table and return the findings (read problems first).

    Every check works on whole columns (pandas), so the time grows with the number of rows,
    not with the number of groups: a million tidy rows are checked in seconds.

    Parameters
    ----------
    tidy : DataFrame
        A tidy table (:data:`papi_analysis.model.schema.COLUMNS`).
    read_findings : DataFrame, optional
        Findings of the readers (:func:`papi_analysis.intake.submissions.read_many`), kept in
        front.  Their ``value.no_figure`` notes (a form cell holding "x" or "—") are not
        kept: they say which identities could not be checked (``identity.not_checked``).
    agencies_path : path, optional
        The agency registry to check codes against (default: the shipped one).

    Returns
    -------
    DataFrame
        The findings table (:data:`COLUMNS`); empty when everything holds.

    Raises
    ------
    InputFileError
        If the agency registry itself cannot be read.
    """
    df = schema.conform(tidy)
    timed = agencies.load(agencies_path)  # units with their dates and successions
    registry = timed.units
    parsed = {p: _try_period(p) for p in df["period"].unique()}
    df["pcode_"] = df["period"].map({p: (v.code if v else p) for p, v in parsed.items()})

    df = datasets.drop_unowned(df, "pcode_").copy()
    before = read_findings if read_findings is not None else frame()
    notes = before[before["rule"] == NO_FIGURE_RULE] if len(before) else before
    if len(notes):
        before = before[before["rule"] != NO_FIGURE_RULE]
    rows: list[dict] = []
    rows += _check_codes(df, registry, parsed, agencies_path)
    rows += _check_units_in_time(df, parsed, timed)
    rows += _check_values(df)
    rows += _check_duplicates(df)
    rows += _check_calendar(df, parsed)
    rows += _check_as_of(df, parsed)
    clean = datasets.by_precedence(df).drop_duplicates(
        ["agency", "pcode_", "indicator", "field"], keep="first")
    rows += _check_identities(clean, notes)
    rows += _check_field_sums(clean)
    rows += _check_history(clean, parsed, timed)
    rows += _check_chain(clean, parsed, timed)
    return frame(before.to_dict("records") + rows)


def _where(r) -> str:
    """The place of a row of the tidy table (file › sheet › row › column)."""
    return location(r.source_file, r.source_sheet, r.source_row, r.source_column)


def _try_period(text: str) -> periods.Period | None:
    try:
        return periods.parse(text)
    except PeriodError:
        return None


def _first_by(df: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    counts = df.groupby(cols, sort=False).size().rename("n_").reset_index()
    return df.drop_duplicates(cols).merge(counts, on=cols)


def _times(n: int, lang: str) -> str:
    if n <= 1:
        return ""
    return f" ({n} giá trị)" if lang == "vi" else f" ({n} values)"


_DISTRICT = re.compile(r"\b(cap huyen|huyen|quan|thi xa|thanh pho thuoc tinh)\b")


def _check_units_in_time(df: pd.DataFrame, parsed: dict, reg) -> list[dict]:
    """``unit.not_in_period``: figures of a unit for a period it did not report for (it ended
    before the period's last day, or began after it): they would count towards nothing.
    ``level.district_ended``: figures for cấp huyện in a period that starts on or after
    01/07/2025, when the district level no longer existed."""
    out: list[dict] = []
    if reg is None:
        return out
    for r in _first_by(df, ["agency", "period", "source_file"]).itertuples():
        unit, p = reg.units.get(r.agency), parsed.get(r.period)
        if unit is None or p is None or unit.valid_on(agencies.as_of(p)):
            continue
        day = agencies.as_of(p)
        if unit.valid_from is not None and day < unit.valid_from:  # not yet created
            whole, part = _predecessors_on(reg, unit.code, day)
            after = whole
            listing = ", ".join(whole + [f"{c} (một phần)" for c in part])
            listing_en = ", ".join(whole + [f"{c} (in part)" for c in part])
            then_vi = f"; kỳ này công việc của nó do {listing} báo cáo" if listing else ""
            then_en = f"; in that period its work was reported by {listing_en}" if listing else ""
        else:
            after = [x.successor for x in reg.out_of(unit.code) if x.kind != "transfer"]
            then_vi = f"; công việc chuyển cho {', '.join(after)}" if after else ""
            then_en = f"; its work went to {', '.join(after)}" if after else ""
        out.append(finding(
            ERROR, "unit.not_in_period",
            f"{unit.code} không báo cáo kỳ {p.code}: đơn vị hoạt động {unit.life()}{then_vi}. "
            f"Số liệu này{_times(r.n_, 'vi')} không được tính cho đơn vị nào. "
            + (f"Ghi số liệu dưới mã {' hoặc '.join(after)}. " if after else "")
            + f"Xem `papi-analysis agencies --history {unit.code}`.",
            f"{unit.code} does not report for {p.code}: the unit existed {unit.life()}{then_en}. "
            f"These figures{_times(r.n_, 'en')} count towards no unit. "
            + (f"Put them under {' or '.join(after)}. " if after else "")
            + f"See `papi-analysis agencies --history {unit.code}`.",
            agency=r.agency, period=r.pcode_, indicator=r.indicator, where=_where(r)))
    fields = df[df["field"] != ""]
    if len(fields):
        keys = pd.MultiIndex.from_arrays([fields["field"], fields["period"]])
        ended = [(f, p) for f, p in keys.unique()  # once per (field, period), not per row
                 if _DISTRICT.search(fold(f)) and parsed.get(p) is not None
                 and agencies.starts(parsed[p]) >= agencies.DISTRICT_LEVEL_ENDED]
        late = fields[keys.isin(ended)] if ended else fields.iloc[0:0]
        for r in _first_by(late, ["agency", "period", "field", "source_file"]).itertuples():
            out.append(finding(
                ERROR, "level.district_ended",
                f"Số liệu “{r.field}” kỳ {r.pcode_}: cấp huyện đã kết thúc từ 01/07/2025 "
                "(chính quyền địa phương hai cấp). Ghi theo cấp tỉnh / cấp xã; kỳ gồm cả trước "
                "01/07/2025 (năm 2025, 9 tháng 2025) thì giữ cấp như đã báo cáo.",
                f"Figures for “{r.field}” in {r.pcode_}: the district level ended on "
                "01/07/2025 (two-level local government). Report by provincial / commune "
                "level; a period that includes days before 01/07/2025 (the year 2025, "
                "2025-9M) keeps the levels as reported.",
                agency=r.agency, period=r.pcode_, indicator=r.indicator, field=r.field,
                where=_where(r)))
    return out


def _predecessors_on(reg, code: str, day) -> tuple[list[str], list[str]]:
    """The units that did ``code``'s work on ``day``, before ``code`` existed, walking its
    successions back: (whole units, units that passed on only a function), registry order."""
    whole: dict[str, None] = {}
    part: dict[str, None] = {}
    seen: set[str] = set()

    def walk(c: str, partial: bool) -> None:
        for s in reg.into(c):
            if s.predecessor in seen:
                continue
            seen.add(s.predecessor)
            pred = reg.units.get(s.predecessor)
            split = partial or s.kind == "transfer"
            if pred is not None and pred.valid_on(day):
                (part if split else whole)[pred.code] = None
            else:
                walk(s.predecessor, split)

    walk(code, False)
    order = list(reg.units)
    rank = {c: i for i, c in enumerate(order)}
    return (sorted(whole, key=lambda c: rank.get(c, len(order))),
            sorted(set(part) - set(whole), key=lambda c: rank.get(c, len(order))))


def _check_codes(df: pd.DataFrame, registry: dict, parsed: dict,
                 agencies_path: Path | str | None) -> list[dict]:
    out: list[dict] = []
    unknown_ind = df[~df["indicator"].isin(list(indicators.CATALOGUE))]
    for r in _first_by(unknown_ind, ["indicator", "source_file"]).itertuples():
        try:
            indicators.get(r.indicator)
        except IndicatorError as err:
            out.append(_code_finding("indicator.unknown", err, r))
    codes = {c.upper() for c in registry}
    agency_ok = {a: a.strip().upper() in codes for a in df["agency"].unique()}
    bad_ag = df[~df["agency"].map(agency_ok).astype(bool)]
    for r in _first_by(bad_ag, ["agency", "source_file"]).itertuples():
        if not r.agency.strip():
            out.append(finding(ERROR, "agency.missing",
                               f"Thiếu mã đơn vị báo cáo{_times(r.n_, 'vi')}.",
                               f"The reporting agency is missing{_times(r.n_, 'en')}.",
                               period=r.period, indicator=r.indicator, where=_where(r)))
            continue
        try:
            agencies.get(r.agency, agencies_path)
        except AgencyError as err:
            out.append(_code_finding("agency.unknown", err, r))
    bad_p = df[df["period"].map({p: v is None for p, v in parsed.items()}).astype(bool)]
    for r in _first_by(bad_p, ["period", "source_file"]).itertuples():
        try:
            periods.parse(r.period)
        except PeriodError as err:
            out.append(_code_finding(getattr(err, "rule", "period.unknown"), err, r))
    return out


def _code_finding(rule: str, err: PapiError, r) -> dict:
    """The finding for an unknown code: the lookup's own message and hint, and how often."""
    return finding(ERROR, rule, f"{err.vi}{_times(r.n_, 'vi')} {err.hint_vi}",
                   f"{err.en}{_times(r.n_, 'en')} {err.hint_en}", agency=r.agency,
                   period=r.period, indicator=r.indicator, field=r.field, where=_where(r))


#: No figure an agency reports comes near 10^12 (:data:`findings.PLAUSIBLE`).
_PLAUSIBLE = PLAUSIBLE

#: What one reporting unit can plausibly report for one period, by unit (generous: the whole
#: province of a few million people stays well below).  A larger figure is a warning
#: (``value.implausible_size``): a few zeros too many, or a sum typed into a cell.
SIZE_BOUNDS = {
    "files": 5_000_000, "procedures": 10_000, "petitions": 200_000, "cases": 100_000,
    "persons": 5_000_000, "sessions": 200_000, "inspections": 20_000, "documents": 5_000_000,
    "units": 200_000, "entities": 200_000, "million_vnd": 100_000_000,
    "m2": 10_000_000_000, "points": 1_000, "rank": 1_000,
}

#: A figure more than this many times the same unit's largest earlier figure (and at least
#: :data:`_JUMP_MIN`) is a warning (``value.jump``).
JUMP_FACTOR = 20
_JUMP_MIN = 1000


def _check_values(df: pd.DataFrame) -> list[dict]:
    out: list[dict] = []
    known = df[df["indicator"].isin(list(indicators.CATALOGUE))]
    if known.empty:
        return out
    kind = known["indicator"].map({c: i.kind for c, i in indicators.CATALOGUE.items()})
    bound = known["indicator"].map(
        {c: SIZE_BOUNDS.get(i.unit, math.inf) for c, i in indicators.CATALOGUE.items()})
    v = known["value"].astype(float)
    missing = v.isna()
    finite = np.isfinite(v.to_numpy(dtype=float, na_value=np.nan))
    implausible = ~missing & (~finite | (v.abs() > _PLAUSIBLE))
    ok = ~missing & ~implausible
    negative = ok & kind.isin(["count", "amount"]) & (v < 0)
    not_whole = ok & ~negative & (kind == "count") & ((v - v.round()).abs() > _TOL)
    out_of_range = ok & (kind == "percent") & ~v.between(0, 100)
    too_big = ok & ~negative & ~not_whole & (kind != "percent") & (v > bound)
    flagged = missing | implausible | negative | not_whole | out_of_range | too_big
    for r in known[flagged].itertuples():
        ind = indicators.CATALOGUE[r.indicator]
        v = r.value
        ctx = dict(agency=r.agency, period=r.pcode_, indicator=r.indicator, field=r.field,
                   where=_where(r))
        lab_vi, lab_en = f"“{ind.vi}” ({ind.code})", f"“{ind.en}” ({ind.code})"
        if v is None or (isinstance(v, float) and math.isnan(v)):
            out.append(finding(ERROR, "value.missing", f"{lab_vi}: thiếu giá trị.",
                               f"{lab_en}: the value is missing.", **ctx))
            continue
        if not math.isfinite(v) or abs(v) > _PLAUSIBLE:
            out.append(finding(
                ERROR, "value.implausible",
                f"{lab_vi}: giá trị quá lớn ({_num(v, 'vi') if math.isfinite(v) else '∞'}), "
                "không thể là số liệu báo cáo.",
                f"{lab_en}: the value is too large "
                f"({_num(v, 'en') if math.isfinite(v) else '∞'}) to be a reported figure.", **ctx))
            continue
        if ind.kind in ("count", "amount") and v < 0:
            out.append(finding(
                ERROR, "value.negative",
                f"{lab_vi} bằng {_num(v, 'vi')}: số liệu này không thể âm.",
                f"{lab_en} is {_num(v, 'en')}: this figure cannot be negative.", **ctx))
        elif ind.kind == "count" and abs(v - round(v)) > _TOL:
            unit_vi, unit_en = indicators.UNITS[ind.unit]
            out.append(finding(
                ERROR, "value.not_whole",
                f"{lab_vi} bằng {_num(v, 'vi')}: đây là số đếm ({unit_vi}), phải là số nguyên.",
                f"{lab_en} is {_num(v, 'en')}: it counts {unit_en}, so it must be whole.",
                **ctx))
        elif ind.kind == "percent" and not 0 <= v <= 100:
            out.append(finding(
                ERROR, "value.out_of_range",
                f"{lab_vi} bằng {_num(v, 'vi')}%: tỷ lệ phải trong khoảng 0–100%.",
                f"{lab_en} is {_num(v, 'en')}%: a percentage must be within 0–100%.", **ctx))
        else:
            limit = SIZE_BOUNDS[ind.unit]
            unit_vi, unit_en = indicators.UNITS[ind.unit]
            out.append(finding(
                WARNING, "value.implausible_size",
                f"{lab_vi} bằng {_num(v, 'vi')} {unit_vi}: quá lớn cho một đơn vị trong một kỳ "
                f"(giới hạn hợp lý {_num(limit, 'vi')}). Kiểm tra có gõ thừa chữ số không.",
                f"{lab_en} is {_num(v, 'en')} {unit_en}: too large for one unit in one period "
                f"(plausible limit {_num(limit, 'en')}). Check for extra digits.", **ctx))
    return out


def _check_as_of(df: pd.DataFrame, parsed: dict) -> list[dict]:
    """Figures that run to a date before their period ends (``as_of``, e.g. a report signed
    on 21/05/2024 for the half year to 14/06/2024): a note (``period.as_of_early``) per
    agency, period and file, so the reader knows the last weeks are not in them; a date
    before the period begins is an error (``period.as_of_before``)."""
    out: list[dict] = []
    if "as_of" not in df.columns:
        return out
    sub = df[df["as_of"].astype(str) != ""]
    for r in _first_by(sub, ["agency", "pcode_", "source_file"]).itertuples():
        p = parsed.get(r.period)
        if p is None:
            continue
        try:
            day = dt.date.fromisoformat(str(r.as_of))
        except ValueError:
            continue
        s, e = p.date_range()
        if day >= e:
            continue
        if day < s:
            rule, sev = "period.as_of_before", ERROR
            vi = (f"Số liệu ghi là tính đến {fmt.date(day)}, trước khi kỳ {p.code} bắt đầu "
                  f"({fmt.date(s)}): không thể là số liệu của kỳ này.")
            en = (f"The figures are said to run to {fmt.date(day)}, before period {p.code} "
                  f"begins ({fmt.date(s)}): they cannot be this period's.")
        else:
            rule, sev = "period.as_of_early", INFO
            vi = (f"Số liệu kỳ {p.code} chỉ tính đến {fmt.date(day)}, trước ngày cuối kỳ "
                  f"{fmt.date(e)}: các việc sau ngày đó không có trong số liệu.")
            en = (f"The figures of {p.code} run to {fmt.date(day)} only, before the period "
                  f"ends on {fmt.date(e)}: what happened after that date is not in them.")
        out.append(finding(sev, rule, vi, en, agency=r.agency, period=r.pcode_,
                           indicator=r.indicator, field=r.field, where=_where(r)))
    return out


def _check_calendar(df: pd.DataFrame, parsed: dict) -> list[dict]:
    """Figures for a period that has not ended on :func:`periods.current_date`.

    A period that has not even begun is an error (``period.future``): its figures cannot be
    real.  One that has begun but not ended is a warning (``period.not_ended``): the figures
    are provisional.  One finding per agency, period and file.
    """
    out: list[dict] = []
    today = periods.current_date()
    open_codes = {}
    for p in parsed.values():
        if p is not None and not periods.is_completed(p, today):
            open_codes[p.code] = p
    if not open_codes:
        return out
    sub = df[df["pcode_"].isin(list(open_codes))]
    for r in _first_by(sub, ["agency", "pcode_", "source_file"]).itertuples():
        p = open_codes[r.pcode_]
        s, e = p.date_range()
        dates = f"{fmt.date(s)} → {fmt.date(e)}"
        if not periods.has_started(p, today):
            rule, sev = "period.future", ERROR
            vi = (f"Kỳ {p.code} ({dates}) chưa bắt đầu (hôm nay {fmt.date(today)}): không thể "
                  f"có số liệu thật của kỳ này{_times(r.n_, 'vi')}. Kiểm tra lại năm và kỳ báo "
                  "cáo.")
            en = (f"Period {p.code} ({dates}) has not begun (today is {fmt.date(today)}): it "
                  f"cannot have real figures yet{_times(r.n_, 'en')}. Check the year and the "
                  "period.")
        else:
            rule, sev = "period.not_ended", WARNING
            vi = (f"Kỳ {p.code} ({dates}) chưa kết thúc (hôm nay {fmt.date(today)}): số liệu"
                  f"{_times(r.n_, 'vi')} chỉ là tạm tính; kiểm tra lại sau ngày {fmt.date(e)}.")
            en = (f"Period {p.code} ({dates}) has not ended (today is {fmt.date(today)}): the "
                  f"figures{_times(r.n_, 'en')} are provisional; check again after "
                  f"{fmt.date(e)}.")
        out.append(finding(sev, rule, vi, en, agency=r.agency, period=r.pcode_,
                           indicator=r.indicator, field=r.field, where=_where(r)))
    return out


def _check_duplicates(df: pd.DataFrame) -> list[dict]:
    out: list[dict] = []
    keys = ["agency", "pcode_", "indicator", "field", "illustrative"]
    dup = df[df.duplicated(keys, keep=False)]
    for _, grp in dup.groupby(keys, sort=False):
        first, *others = list(grp.itertuples())
        for r in others:
            if r.source_file != first.source_file:
                out += _conflict(first, r)
                continue
            if datasets.source_kind(r.source_file) == "prose":  # a report is not edited
                do_vi = (f"Ghi số đúng vào corrections.csv (file = {r.source_file}, indicator = "
                         f"{r.indicator}, value, note).")
                do_en = (f"Put the right figure in corrections.csv (file = {r.source_file}, "
                         f"indicator = {r.indicator}, value, note).")
            else:
                do_vi, do_en = "Giữ một dòng, xóa dòng còn lại.", "Keep one row, delete the other."
            out.append(finding(
                ERROR, "duplicate.key",
                f"“{r.indicator}” của {r.agency}, kỳ {r.pcode_}{_field_note(r.field, 'vi')} "
                f"có hai lần: {_num(first.value, 'vi')} tại {_where(first) or '?'} và "
                f"{_num(r.value, 'vi')} tại {_where(r) or '?'}. {do_vi}",
                f"“{r.indicator}” of {r.agency}, period {r.pcode_}{_field_note(r.field, 'en')} "
                f"appears twice: {_num(first.value, 'en')} at {_where(first) or '?'} and "
                f"{_num(r.value, 'en')} at {_where(r) or '?'}. {do_en}",
                agency=r.agency, period=r.pcode_, indicator=r.indicator, field=r.field,
                where=_where(r)))
    return out


def _conflict(a, b) -> list[dict]:
    """Two real sources giving one figure: nothing when they agree, else an error naming both
    files and the one whose figure is used (:data:`papi_analysis.intake.datasets.SOURCE_KINDS`).
    """
    if abs(float(a.value) - float(b.value)) <= _TOL or (math.isnan(a.value)
                                                        and math.isnan(b.value)):
        return []
    used, other = sorted((a, b), key=lambda r: datasets.source_rank(r.source_file))
    kind_vi, kind_en = datasets.SOURCE_KIND_LABELS[datasets.source_kind(used.source_file)]
    return [finding(
        ERROR, "source.conflict",
        f"Hai nguồn số liệu thật của {a.agency}, kỳ {a.pcode_} khác nhau về “{a.indicator}”"
        f"{_field_note(a.field, 'vi')}: {_num(used.value, 'vi')} trong {used.source_file} "
        f"và {_num(other.value, 'vi')} trong {other.source_file}. Phụ lục dùng số của "
        f"{used.source_file} ({kind_vi}, nguồn được ưu tiên). Hỏi lại đơn vị số nào đúng, "
        f"rồi sửa hoặc bỏ tệp sai.",
        f"Two real sources of {a.agency}, period {a.pcode_} differ on “{a.indicator}”"
        f"{_field_note(a.field, 'en')}: {_num(used.value, 'en')} in {used.source_file} and "
        f"{_num(other.value, 'en')} in {other.source_file}. The appendices use "
        f"{used.source_file} ({kind_en}, the source that takes precedence). Ask the agency "
        f"which is right, then fix or remove the wrong file.",
        agency=a.agency, period=a.pcode_, indicator=a.indicator, field=a.field,
        where=f"{_where(used) or used.source_file} ⟷ {_where(other) or other.source_file}")]


# -- identities ----------------------------------------------------------------------------
_KEYS = ["agency", "pcode_", "field"]


def _variants(ident: indicators.Identity, have: pd.DataFrame
              ) -> list[tuple[pd.Series, list[str], list[str], str, str]]:
    """The ways ``ident`` is checked, each as (rows where it applies, parts always added,
    parts added when reported, wording vi, en).  Two allowances: returned or withdrawn files
    count in (3) = (7) + (11) only when reported, and ``tthc.resolved_early_on_time`` stands
    in for (8) + (9) when they are not both reported."""
    def col(code: str) -> pd.Series:
        return have[code] if code in have else pd.Series(False, index=have.index)

    parts = list(ident.parts)
    optional: list[str] = []
    if ident.rule == "tthc.balance":
        parts.remove("tthc.returned_withdrawn")
        optional = ["tthc.returned_withdrawn"]
    applies = col(ident.total)
    for p in parts:
        applies = applies & col(p)
    out = [(applies, parts, optional, ident.vi, ident.en)]
    if ident.rule == "tthc.resolved_split":
        both = col("tthc.resolved_early") & col("tthc.resolved_on_time")
        alt = (col(ident.total) & ~both & col("tthc.resolved_early_on_time")
               & col("tthc.resolved_late"))
        out = [(applies & both, parts, optional, ident.vi, ident.en),
               (alt, ["tthc.resolved_early_on_time", "tthc.resolved_late"], [],
                "(7) = [(8) + (9)] + (10)", "(7) = [(8) + (9)] + (10)")]
    return out


def _check_identities(df: pd.DataFrame, notes: pd.DataFrame | None = None) -> list[dict]:
    """The identities of the forms, on a table of one row per (agency, period, field) and
    one column per indicator; only broken rows are turned into findings."""
    out: list[dict] = []
    codes = {c for i in indicators.IDENTITIES for c in (i.total, *i.parts)}
    codes.add("tthc.resolved_early_on_time")
    sub = df[df["indicator"].isin(codes) & df["value"].notna()]
    if sub.empty:
        return _not_checked(pd.DataFrame(), notes)
    sub = sub.reset_index(drop=True)
    sub["pos_"] = range(len(sub))
    wide = sub.pivot(index=_KEYS, columns="indicator", values="value")
    pos = sub.pivot(index=_KEYS, columns="indicator", values="pos_")
    have = wide.notna()
    for ident in indicators.IDENTITIES:
        if ident.total not in wide:
            continue
        for applies, parts, optional, rule_vi, rule_en in _variants(ident, have):
            if not applies.any():
                continue
            total = wide.loc[applies, ident.total]
            added = [c for c in parts + optional if c in wide]
            s = wide.loc[applies, added].sum(axis=1, min_count=0) if added else total * 0
            broken = ((total - s).abs() > _TOL) if ident.op == "=" else (s > total + _TOL)
            keys = total.index[broken.to_numpy()]
            if not len(keys):
                continue
            # the broken rows only, as plain arrays: no pandas lookup per finding
            parts_of = wide.loc[keys, added].to_numpy(dtype=float) if added else None
            totals = wide.loc[keys, ident.total].to_numpy(dtype=float)
            rows = sub.iloc[pos.loc[keys, ident.total].to_numpy(dtype=int)]
            for i, (key, row) in enumerate(zip(keys, rows.itertuples(), strict=True)):
                values = ([float(x) for x in parts_of[i] if not math.isnan(x)]
                          if parts_of is not None else [])
                t = float(totals[i])
                agency, period, field = key
                msg = {lang: _identity_text(ident.op, text, t, values, sum(values), lang)
                       + _field_note(field, lang)
                       for lang, text in (("vi", rule_vi), ("en", rule_en))}
                out.append(finding(ident.severity, ident.rule, msg["vi"], msg["en"],
                                   agency=agency, period=period, indicator=ident.total,
                                   field=field, where=_where(row)))
    return out + _not_checked(have, notes)


def _not_checked(have: pd.DataFrame, notes: pd.DataFrame | None) -> list[dict]:
    """``identity.not_checked`` warnings: an identity whose every figure is there but one (or
    more) written "x" or "—", so it could not be checked (the clerk's total may be wrong
    unseen); naming the check and the cell."""
    out: list[dict] = []
    if notes is None or not len(notes):
        return out
    for (agency, period, field), grp in notes.groupby(["agency", "period", "field"],
                                                      sort=False):
        marked = dict(zip(grp["indicator"], grp["location"], strict=True))
        shown = dict(zip(grp["indicator"], grp["message_vi"], strict=True))
        key = (agency, period, field)
        present = ({c for c in have.columns if bool(have.at[key, c])}
                   if len(have) and key in have.index else set())
        for ident in indicators.IDENTITIES:
            members = [ident.total] + [p for p in ident.parts
                                       if p != "tthc.returned_withdrawn"]
            blank = [c for c in members if c in marked]
            if not blank or any(c not in present and c not in marked for c in members):
                continue
            cells_vi = ", ".join(f"ô {_cell_ref(marked[c])} ghi {_mark(shown[c])}"
                                 for c in blank)
            cells_en = ", ".join(f"cell {_cell_ref(marked[c])} holds {_mark(shown[c])}"
                                 for c in blank)
            out.append(finding(  # the clerk's total cannot be checked: a warning
                WARNING, "identity.not_checked",
                f"Không kiểm tra được {ident.vi}: {cells_vi} (không có số liệu)"
                f"{_field_note(field, 'vi')}.",
                f"{ident.en} was not checked: {cells_en} (no figure)"
                f"{_field_note(field, 'en')}.",
                agency=agency, period=period, indicator=ident.total, field=field,
                where=marked[blank[0]]))
    return out


def _cell_ref(loc: str) -> str:
    """``E12`` from a location ``… › dòng/row 12 › cột/col E`` (the location itself if not)."""
    m = re.search(r"dòng/row (\d+) › cột/col (\S+)", loc)
    return f"{m.group(2)}{m.group(1)}" if m else loc


def _mark(message: str) -> str:
    """The quoted cell text of a ``value.no_figure`` note (“x”, “—”)."""
    m = re.search(r"“[^”]*”", message)
    return m.group(0) if m else "“x”"


def _identity_text(op: str, rule: str, total: float, values: list[float], s: float,
                   lang: str) -> str:
    added = " + ".join(_num(v, lang) for v in values)
    if op == "=":
        right = added if len(values) == 1 else f"{added} = {_num(s, lang)}"
        return f"{rule}: {_num(total, lang)} ≠ {right}"
    left = added if len(values) == 1 else f"{added} = {_num(s, lang)}"
    return f"{rule}: {left} > {_num(total, lang)}"


# -- field rows against the total row ----------------------------------------------------------
def _check_field_sums(df: pd.DataFrame) -> list[dict]:
    """The field rows (lĩnh vực) of one file must add up to its total row ("Tổng cộng").

    Checked for counts and amounts (not percentages) of form workbooks (an error: the
    total row is the sum of the rows above it) and tidy tables (a warning: a table may
    list only some fields); not for prose reports, which name only some fields, nor for
    the illustrative panel.
    """
    out: list[dict] = []
    additive = [c for c, i in indicators.CATALOGUE.items() if i.kind != "percent"]
    sub = df[df["indicator"].isin(additive) & df["value"].notna() & ~df["illustrative"]]
    if sub.empty:
        return out
    kinds = {f: datasets.source_kind(f) for f in sub["source_file"].unique()}
    sub = sub[sub["source_file"].map(kinds).isin(["form", "table"])]
    keys = ["agency", "pcode_", "indicator", "source_file"]
    totals = sub[sub["field"] == ""]
    parts = sub[sub["field"] != ""]
    if totals.empty or parts.empty:
        return out
    sums = (parts.groupby(keys, sort=False)["value"].agg(["sum", "count"])
            .rename(columns={"sum": "sum_", "count": "n_"}).reset_index())
    both = totals.merge(sums, on=keys)
    both = both[(both["value"] - both["sum_"]).abs() > _TOL]
    for r in both.itertuples():
        ind = indicators.CATALOGUE[r.indicator]
        form = kinds[r.source_file] == "form"
        diff, total_sum = r.value - r.sum_, r.sum_
        out.append(finding(
            ERROR if form else WARNING, "fields.sum",
            f"“{ind.vi}” ({ind.code}): các dòng lĩnh vực cộng lại được "
            f"{_num(total_sum, 'vi')} ({r.n_} dòng), nhưng dòng tổng cộng ghi "
            f"{_num(r.value, 'vi')} (chênh {_num(diff, 'vi')}). Sửa dòng sai, hoặc thêm dòng "
            "lĩnh vực còn thiếu.",
            f"“{ind.en}” ({ind.code}): the field rows add up to {_num(total_sum, 'en')} "
            f"({r.n_} rows), but the total row says {_num(r.value, 'en')} (a difference of "
            f"{_num(diff, 'en')}). Fix the wrong row, or add the missing field rows.",
            agency=r.agency, period=r.pcode_, indicator=r.indicator, where=_where(r)))
    return out


# -- a unit against its own history --------------------------------------------------------------
def _check_history(df: pd.DataFrame, parsed: dict, reg=None) -> list[dict]:
    """``value.jump``: a count or amount more than :data:`JUMP_FACTOR` times the largest the
    same unit (agency, indicator, field; real against real) reported in earlier periods."""
    out: list[dict] = []
    additive = [c for c, i in indicators.CATALOGUE.items() if i.kind != "percent"]
    sub = df[df["indicator"].isin(additive) & df["value"].notna()]
    order = {p: v.sort_key() for p, v in parsed.items() if v is not None}
    if sub.empty or len({order.get(p) for p in sub["period"].unique()}) < 2:
        return out
    ranked = {p: i for i, p in enumerate(sorted(order, key=order.__getitem__))}
    sub = sub[sub["period"].isin(list(ranked))].copy()
    sub["rank_"] = sub["period"].map(ranked)
    sub = sub.sort_values("rank_", kind="stable")
    keys = ["agency", "indicator", "field", "illustrative"]
    prev = sub.groupby(keys, sort=False)["value"].shift()
    sub["prev_max_"] = prev.groupby([sub[k] for k in keys], sort=False).cummax()
    jump = ((sub["prev_max_"] >= 1) & (sub["value"] > JUMP_FACTOR * sub["prev_max_"])
            & (sub["value"] >= _JUMP_MIN))
    merged_into: dict[str, list] = defaultdict(list)
    for s in getattr(reg, "successions", None) or []:
        merged_into[s.successor].append(s.date)
    for r in sub[jump].sort_index().itertuples():
        ind = indicators.CATALOGUE[r.indicator]
        p = parsed.get(r.period)
        if p is not None and any(d <= p.date_range()[1] for d in merged_into.get(r.agency, ())):
            continue  # the unit took over another's work (a merger): its figures may jump
        times = r.value / r.prev_max_
        out.append(finding(
            WARNING, "value.jump",
            f"“{ind.vi}” ({ind.code}) bằng {_num(r.value, 'vi')}, gấp {_num(round(times), 'vi')} "
            f"lần số lớn nhất đơn vị này báo cáo ở các kỳ trước ({_num(r.prev_max_, 'vi')})"
            f"{_field_note(r.field, 'vi')}. Kiểm tra có gõ thừa chữ số không.",
            f"“{ind.en}” ({ind.code}) is {_num(r.value, 'en')}, {_num(round(times), 'en')} "
            f"times the largest this unit reported in earlier periods "
            f"({_num(r.prev_max_, 'en')}){_field_note(r.field, 'en')}. Check for extra digits.",
            agency=r.agency, period=r.pcode_, indicator=r.indicator, field=r.field,
            where=_where(r)))
    return out


# -- carry-over chain ------------------------------------------------------------------------
_CHAINS = (
    ("chain.carry_over", "tthc.carried_over", ("tthc.pending_total",), (),
     "(6) “Từ kỳ trước” kỳ {p} = {a}, nhưng (11) “Đang giải quyết” cuối kỳ {q} = {b}",
     "(6) carried over into {p} = {a}, but (11) pending at the end of {q} = {b}"),
    ("chain.pet_carry_over", "pet.carried_over", ("pet.in_progress", "pet.not_started"), (),
     "đơn kỳ trước chuyển sang kỳ {p} = {a}, nhưng đơn đang + chưa giải quyết cuối kỳ {q} = {b}",
     "petitions carried over into {p} = {a}, but being + not yet resolved at the end of {q} = {b}"),
    ("chain.insp_carry_over", "insp.carried_over", ("insp.total",), ("insp.conclusions",),
     "cuộc thanh tra chuyển sang kỳ {p} = {a}, nhưng cuối kỳ {q} còn {b} cuộc chưa có kết luận "
     "(tổng số − đã kết luận)",
     "inspections carried over into {p} = {a}, but {b} inspections of {q} had no conclusion "
     "(total − conclusions)"),
)


def _lineage_keys(now: pd.DataFrame, left: pd.DataFrame, reg) -> tuple[pd.DataFrame, set]:
    """For units whose work changed hands between two periods (a merger on the way), the
    carry-over they should have: the sum of what their predecessors left open, each scaled by
    its share.  Returns the rows to compare (as the plain join would give them) and the keys
    (agency, period) handled here, which the plain join leaves out.

    Linear in the rows: what was left open is indexed once by (date, period, field, flag),
    and each unit's baseline is worked out once per pair of periods.  A unit that did not
    exist in the earlier period, and had no predecessor then, has nothing to compare with
    (its figures are ``unit.not_in_period`` errors)."""
    if reg is None or not getattr(reg, "successions", None) or now.empty or left.empty:
        return left.iloc[0:0], set()
    open_at: dict = defaultdict(dict)  # (date, q, field, flag) → {agency: left open}
    periods_at: dict = defaultdict(dict)  # date → the earlier periods ending the day before
    for a, f, d, i, q, b in zip(left["agency"], left["field"], left["date_"], left["ill_"],
                                left["q_"], left["before_"], strict=True):
        open_at[(d, q, f, bool(i))][a] = b
        periods_at[d][q] = None
    baselines: dict = {}
    out, handled = [], set()
    for agency, field, date, ill, pcode in zip(now["agency"], now["field"], now["date_"],
                                               now["ill_"], now["pcode_"], strict=True):
        if date not in periods_at or agency not in reg.units:
            continue
        for q in periods_at[date]:
            key = (agency, q, pcode)
            if key not in baselines:
                try:
                    baselines[key] = reg.baseline(agency, q, pcode)
                except (PapiError, ValueError, KeyError):
                    baselines[key] = None
            base = baselines[key]
            if base is None or not base.changed:
                continue
            handled.add((agency, pcode))
            if (not base.feeders or base.unknown or base.excluded
                    or any(f.includes for f in base.feeders)):
                continue  # nothing before it, or a part of unknown size moved: no check
            mine = open_at.get((date, q, field, bool(ill)), {})
            if not all(f.code in mine for f in base.feeders):
                continue  # a predecessor did not report: nothing can be checked
            total = sum(float(mine[f.code]) * f.factor for f in base.feeders)
            out.append({"agency": agency, "field": field, "date_": date, "ill_": ill,
                        "q_": q, "before_": total, "via_": base.feeders[-1].code})
    return pd.DataFrame(out, columns=["agency", "field", "date_", "ill_", "q_", "before_",
                                      "via_"]), handled


def _check_chain(df: pd.DataFrame, parsed: dict, reg=None) -> list[dict]:
    """What a period carried over against what the period it follows left open (joined on
    dates: the day after the earlier period's end is the later one's start).  A unit that
    took over other units' work in between (a merger in the registry) is compared with the
    sum of what they all left open."""
    out: list[dict] = []
    codes = {c for chain in _CHAINS for c in (chain[1], *chain[2], *chain[3])}
    by_code = {p.code: p for p in parsed.values() if p is not None}
    sub = df[df["indicator"].isin(codes) & df["value"].notna() & df["pcode_"].isin(list(by_code))]
    if sub.empty:
        return out
    sub = sub.reset_index(drop=True)
    sub["pos_"] = range(len(sub))
    keys = ["agency", "field", "pcode_"]
    wide = sub.pivot(index=keys, columns="indicator", values="value")
    ill = sub.pivot(index=keys, columns="indicator", values="illustrative")
    pos = sub.pivot(index=keys, columns="indicator", values="pos_")
    day = pd.Timedelta(days=1)
    start = {c: pd.Timestamp(p.date_range()[0]) for c, p in by_code.items()}
    end = {c: pd.Timestamp(p.date_range()[1]) + day for c, p in by_code.items()}
    for rule, carried, plus, minus, vi, en in _CHAINS:
        need = [*plus, *minus]
        if carried not in wide or any(c not in wide for c in need):
            continue
        carried_now = wide[carried].dropna()
        now = carried_now.rename("now_").reset_index()
        now["date_"] = now["pcode_"].map(start)
        now["ill_"] = ill.loc[carried_now.index, carried].astype(bool).to_numpy()
        q = wide[need].dropna()
        if q.empty or now.empty:
            continue
        q_ill = ill.loc[q.index, need].astype(bool)
        same = q_ill.eq(q_ill.iloc[:, 0], axis=0).all(axis=1)
        q = q[same]
        before = (q[list(plus)].sum(axis=1) - (q[list(minus)].sum(axis=1) if minus else 0))
        left = before.rename("before_").reset_index()
        left["date_"] = left["pcode_"].map(end)
        left["ill_"] = q_ill[same].iloc[:, 0].to_numpy()
        left = left.rename(columns={"pcode_": "q_"})
        extra, handled = _lineage_keys(now, left, reg)
        joined = now.merge(left, on=["agency", "field", "date_", "ill_"])
        if handled:
            keep = [(a, p) not in handled for a, p in zip(joined["agency"], joined["pcode_"],
                                                        strict=True)]
            joined = joined[keep]
        if len(extra):
            joined = pd.concat([joined, now.merge(extra, on=["agency", "field", "date_", "ill_"])],
                               ignore_index=True)
        joined = joined[(joined["now_"] - joined["before_"]).abs() > _TOL]
        for r in joined.itertuples():
            src = getattr(r, "via_", None)
            src = r.agency if not isinstance(src, str) or not src else src
            where_q = _where(sub.iloc[int(pos.at[(src, r.field, r.q_), plus[0]])])
            row = sub.iloc[int(pos.at[(r.agency, r.field, r.pcode_), carried])]
            msg = {lang: ("Chuỗi chuyển kỳ: " if lang == "vi" else "Carry-over chain: ")
                   + text.format(p=r.pcode_, q=r.q_, a=_num(r.now_, lang),
                                 b=_num(r.before_, lang))
                   + (f" ({'tại' if lang == 'vi' else 'at'} {where_q})" if where_q else "")
                   + ((" — cộng của các đơn vị tiền thân theo danh sách đơn vị" if lang == "vi"
                       else " — the sum of its predecessors in the registry")
                      if isinstance(getattr(r, "via_", None), str) else "")
                   + _field_note(r.field, lang)
                   for lang, text in (("vi", vi), ("en", en))}
            out.append(finding(WARNING, rule, msg["vi"], msg["en"], agency=r.agency,
                               period=r.pcode_, indicator=carried, field=r.field,
                               where=_where(row)))
    return out


# -- reporting -------------------------------------------------------------------------------
def exit_code(findings: pd.DataFrame, strict: bool = False) -> int:
    """0 without errors (warnings do not fail), 2 with errors, 1 when ``strict`` and warnings."""
    sev = set(findings["severity"]) if len(findings) else set()
    if ERROR in sev:
        return 2
    if strict and WARNING in sev:
        return 1
    return 0


def _file_of(loc: str) -> str:
    head = loc.split(" › ", 1)[0] if loc else ""
    return "" if head.startswith(("dòng/row", "cột/col")) else head


def summary(findings: pd.DataFrame, tidy: pd.DataFrame, lang: str = "vi") -> str:
    """A readable report for the terminal, ending with a one-line verdict.

    What was read (files, values, agencies, periods), how many errors and warnings, then each
    finding on one line with its place, grouped by file (or by agency when a finding has no
    file), in Vietnamese (``lang='vi'``) or English.
    """
    fmt.check_lang(lang)
    vi = lang == "vi"
    files = {f for f in tidy["source_file"] if f} | {_file_of(x) for x in findings["location"]}
    files.discard("")
    ags = sorted(set(tidy["agency"]) - {""})
    pers = sorted(set(tidy["period"]) - {""})
    n_err = int((findings["severity"] == ERROR).sum())
    n_warn = int((findings["severity"] == WARNING).sum())
    n_info = int((findings["severity"] == INFO).sum())

    def _listing(items: list[str]) -> str:
        if not items:
            return ""
        return " (" + ", ".join(items[:8]) + (", …" if len(items) > 8 else "") + ")"

    lines = [
        (f"Đã kiểm tra {len(files)} tệp: {fmt.number(len(tidy), lang)} giá trị đọc được, "
         f"{len(ags)} đơn vị{_listing(ags)}, {len(pers)} kỳ{_listing(pers)}.") if vi else
        (f"Checked {len(files)} file(s): {fmt.number(len(tidy), lang)} values read, "
         f"{len(ags)} agencies{_listing(ags)}, {len(pers)} periods{_listing(pers)}."),
        (f"Kết quả kiểm tra: {n_err} lỗi, {n_warn} cảnh báo" if vi else
         f"Checks: {n_err} error(s), {n_warn} warning(s)")
        + ((f", {n_info} ghi chú (kiểm tra không làm được)" if vi else
            f", {n_info} note(s) (checks that could not be done)") if n_info else "") + ".",
    ]
    sev_label = {ERROR: "LỖI" if vi else "ERROR", WARNING: "CẢNH BÁO" if vi else "WARNING",
                 INFO: "GHI CHÚ" if vi else "NOTE"}
    msg_col = "message_vi" if vi else "message_en"
    groups: dict[str, list] = defaultdict(list)
    for r in findings.itertuples():
        f = _file_of(r.location)
        key = f or ((f"Đơn vị {r.agency}" if vi else f"Agency {r.agency}") if r.agency
                    else ("(không rõ nguồn)" if vi else "(no source)"))
        groups[key].append(r)
    for key, items in groups.items():
        lines += ["", f"▸ {key}"]
        for r in items[:_MAX_LINES_PER_GROUP]:
            rest = r.location[len(key):].lstrip(" ›") if r.location.startswith(key) else r.location
            who = " ".join(x for x in (r.agency, r.period) if x)
            place = " — ".join(x for x in (rest, who) if x)
            lines.append(f"  {sev_label.get(r.severity, r.severity):9} "
                         f"{place + ': ' if place else ''}{getattr(r, msg_col)} [{r.rule}]")
        if len(items) > _MAX_LINES_PER_GROUP:
            more = len(items) - _MAX_LINES_PER_GROUP
            lines.append(f"  … và {more} phát hiện khác (ghi đủ bằng -o FILE)." if vi else
                         f"  … and {more} more (write them all with -o FILE).")
    lines.append("")
    if n_err:
        lines.append(f"Kết luận: CHƯA ĐẠT — còn {n_err} lỗi phải sửa." if vi else
                     f"Verdict: FAILED — {n_err} error(s) to fix.")
    elif n_warn:
        lines.append(f"Kết luận: ĐẠT — không có lỗi; {n_warn} cảnh báo cần xem lại." if vi else
                     f"Verdict: PASSED — no errors; {n_warn} warning(s) to review.")
    else:
        lines.append("Kết luận: ĐẠT — không có lỗi, không có cảnh báo." if vi else
                     "Verdict: PASSED — no errors, no warnings.")
    return "\n".join(lines)


def check_data(data_dir: Path | str | None = None, illustrative: bool = True,
               *, cache: bool = True) -> pd.DataFrame:
    """The findings of every submission under ``data_dir``, as :func:`validate` gives them.

    Reads the folder as the appendices do (:func:`papi_analysis.intake.datasets.read_all`,
    with the illustrative panel unless turned off) and checks it.  The result is kept under
    :data:`papi_analysis.config.CACHE_DIR`, keyed by the data's content, the code and
    ``illustrative``: ``build`` checks once before its kernels start, and every appendix then
    reads the same findings instead of checking again.

    Raises
    ------
    InputFileError
        If the data folder does not exist or its settings file is broken.
    """
    base = datasets.data_folder(data_dir)
    ill = datasets.illustrative_enabled(base, illustrative)
    tidy_key = datasets.cache_key(base, ill)  # the data's content and the reading code
    today = periods.current_date().isoformat()  # a period ends, a future one begins
    key = hashlib.sha256(f"{tidy_key}|{today}".encode()).hexdigest()[:20]
    # kept with its key and a digest (papi_analysis.caches): a file that does not verify (an
    # emptied one, another folder's) is checked again, never trusted
    got = caches.get_json("findings", key) if cache else None
    if isinstance(got, list) and all(isinstance(r, dict) and list(r) == COLUMNS for r in got):
        return frame(got)
    tidy, read_findings = datasets.read_all(base, ill)
    # what every appendix then loads, read once: datasets.load leaves out what cannot be
    # read, as read_all does, and raises only when nothing at all can be read
    if cache and (len(tidy) or not (read_findings["severity"] == ERROR).any()):
        datasets.store(tidy, tidy_key)
    out = validate(tidy, read_findings, agencies_path=agencies.registry_path(base))
    if cache:
        caches.put_json("findings", key, frame(out.to_dict("records")).to_dict("records"))
    return out


def write_findings(findings: pd.DataFrame, path: Path | str) -> Path:
    """Write the findings table to ``.csv`` (UTF-8 with BOM, for Excel) or ``.xlsx``.

    Raises
    ------
    ParameterError
        If the file name ends with anything else, or the file cannot be written.
    """
    out = frame(findings.to_dict("records")) if len(findings) else frame()
    return atomic.write_table(out, Path(path), "findings", what_vi="bảng phát hiện ra ",
                              what_en="findings to ")
