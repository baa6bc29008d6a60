"""Period comparisons: figures of one agency or the whole province, rates, changes, rankings.

Everything here is pure: tidy rows in (:mod:`papi_analysis.model.schema`), DataFrames out; nothing
reads, writes or prints.  The flow a notebook follows::

    rows = comparison.select(tidy, "HY", periods, groups=("tthc",))
    values = comparison.measure_values(rows, comparison.TTHC)
    table = comparison.compare(values, period, bases)

What a row shows (a :class:`~papi_analysis.analysis.measures.Measure`) and the lists of rows
(``TTHC``, ``PETITIONS`` …) are defined in :mod:`papi_analysis.analysis.measures`; this module
re-exports them, so notebooks keep writing ``comparison.TTHC``.  The whole province (``HY``)
is the sum of its departments' counts; its rates are recomputed from the summed numerators
and denominators, never averaged.
"""

from __future__ import annotations

import contextlib
import functools
import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..errors import PapiError, ParameterError
from ..intake import datasets
from ..model import indicators, periods
from ..model.agencies import PROVINCE_CODE, Baseline, Registry
from ..model.periods import Period
from .measures import (
    AC_BREAKDOWN,
    ANTICORRUPTION,
    ATTENTION,
    COMPLAINT_RESOLUTION,
    COMPLAINTS,
    DECLARATION_RATE,
    DENUNCIATION_RESOLUTION,
    EARLY_ON_TIME,
    FILES_TOTAL,
    FULL_ONLINE_SHARE,
    INSP_TOTAL,
    INSPECTION_RESULTS,
    INSPECTIONS,
    KNTC_CASES,
    MEASURES,
    ON_TIME,
    ONLINE_PROC_SHARE,
    ONLINE_SHARE,
    ONLINE_SHARE_ALL,
    OVERVIEW,
    PENDING,
    PET_OPEN,
    PET_RESOLUTION,
    PET_TOTAL,
    PETITIONS,
    PROCEDURES,
    RECEIVED,
    RECOVERY_RATE,
    RESOLVED,
    SANCTIONS,
    STATED_ON_TIME,
    STATED_ONLINE_SHARE,
    SUMMARY,
    TTHC,
    TTHC_BREAKDOWN,
    Measure,
    get,
    indicator,
)

# The measures moved to measures.py; notebooks, charts and tests still reach them here.
__all__ = [
    "COMPARE_COLUMNS", "COMPARE_KEYWORDS", "STATED_TOLERANCE", "VALUE_COLUMNS", "against",
    "breakdown", "change", "compare", "compare_role", "comparison_periods", "direction",
    "mark_errors", "out_of_range", "shown_decimals", "sums_units",
    "UNLIKE_NOTES",
    "attention", "findings_for", "findings_summary", "has_figures", "Lineage", "LINEAGE_NOTES",
    "LineageInfo", "lineage_of", "measure_values", "rank", "select",
    "stated_differences", "submission_status", "used_rows",
    "AC_BREAKDOWN", "ANTICORRUPTION", "COMPLAINT_RESOLUTION", "COMPLAINTS", "DECLARATION_RATE",
    "DENUNCIATION_RESOLUTION", "EARLY_ON_TIME", "FILES_TOTAL", "FULL_ONLINE_SHARE", "INSP_TOTAL",
    "INSPECTION_RESULTS", "INSPECTIONS", "KNTC_CASES", "MEASURES", "ON_TIME",
    "ONLINE_PROC_SHARE", "ONLINE_SHARE",
    "ONLINE_SHARE_ALL", "OVERVIEW", "PENDING", "PET_RESOLUTION", "PET_TOTAL", "PETITIONS",
    "ATTENTION", "PET_OPEN", "PROCEDURES", "RECEIVED", "RECOVERY_RATE", "RESOLVED", "SANCTIONS",
    "SUMMARY", "STATED_ON_TIME",
    "STATED_ONLINE_SHARE", "TTHC", "TTHC_BREAKDOWN", "Measure", "get", "indicator",
]

#: Notes of a period summed from predecessors that could not be formed (see :func:`against`).
LINEAGE_NOTES = ("predecessor_missing", "share_unknown")

#: Keywords accepted in the ``compare`` parameter, with their labels.
COMPARE_KEYWORDS = {
    "previous": ("kỳ trước", "previous period"),
    "same_period_last_year": ("cùng kỳ năm trước", "same period last year"),
}


# -- parameters --------------------------------------------------------------------------------
def comparison_periods(period: Period, compare: Iterable[str]) -> list[Period]:
    """Resolve the ``compare`` parameter into periods, in order, without repeats.

    Accepts the keywords of :data:`COMPARE_KEYWORDS` and explicit period codes or phrases.

    Raises
    ------
    ParameterError
        If ``compare`` is not a list of strings, an item is neither a keyword nor a period,
        or an item is the reporting period itself.
    """
    if isinstance(compare, str) or not isinstance(compare, Iterable):
        raise ParameterError(
            f"Tham số compare phải là một danh sách, không phải “{compare!r}”.",
            f"Parameter compare must be a list, not “{compare!r}”.",
            where="compare",
            hint_vi='Ví dụ: ["previous", "same_period_last_year"] hoặc ["2023-H1"].',
            hint_en='For example ["previous", "same_period_last_year"] or ["2023-H1"].',
        )
    out: list[Period] = []
    for item in compare:
        key = str(item).strip()
        p = _compare_period(period, key)
        if p == period:
            raise ParameterError(
                f"Kỳ so sánh “{key}” trùng với kỳ báo cáo {period.code}.",
                f"Comparison period “{key}” is the reporting period {period.code} itself.",
                where="compare",
                hint_vi="Bỏ mục này hoặc chọn một kỳ khác.",
                hint_en="Remove it or choose another period.",
            )
        if p not in out:
            out.append(p)
    return out


def _compare_period(period: Period, key: str) -> Period:
    """The period one ``compare`` item names: a keyword relative to ``period``, or a code."""
    named = periods.relative(period, key)
    if named is not None:
        return named
    try:
        return periods.parse(key)
    except PapiError as err:
        raise ParameterError(
            f"Không hiểu kỳ so sánh “{key}”.",
            f"Cannot read the comparison period “{key}”.",
            where="compare",
            hint_vi="Dùng previous, same_period_last_year hoặc mã kỳ (2023-H1). "
            + (err.hint_vi or ""),
            hint_en="Use previous, same_period_last_year or a period code (2023-H1). "
            + (err.hint_en or ""),
        ) from None


def compare_role(period: Period, base: Period) -> str:
    """``previous``, ``same_period_last_year`` or ``""`` for an explicitly chosen period."""
    if base == period.previous():
        return "previous"
    if base == period.same_period_last_year():
        return "same_period_last_year"
    return ""


# -- selecting rows ----------------------------------------------------------------------------
def select(
    tidy: pd.DataFrame,
    agency: str,
    period_list: Sequence[Period | str],
    *,
    groups: Sequence[str] | None = None,
    field: str | None = "",
    members: Sequence[str] | None = None,
    lineage: Lineage | None = None,
) -> pd.DataFrame:
    """The tidy rows that make up ``agency``'s figures for ``period_list``.

    For the whole province (``HY``) these are the departments' total rows (``members``, by
    default every agency other than ``HY``), except where the data holds compiled ``HY``
    figures of a period and indicator group (``tthc``, ``pet`` …), which then replace the
    departments' rows of that period and group; stated percentages of departments are left
    out because they cannot be added.  ``field=""`` keeps agency totals, ``field=None``
    keeps every row (totals and fields), any other string keeps that field.

    With ``lineage`` (the registry and the current period, see :class:`Lineage`), a period in
    which ``agency`` did not exist yet, or had other units merged into it since, takes the rows
    of the units that make it up (:meth:`~papi_analysis.model.agencies.Registry.baseline`):
    predecessors' counts add (scaled by a split's share), their stated percentages are left
    out.  What was found is kept on the rows (:func:`lineage_of`) for :func:`against` and the
    captions.
    """
    if lineage is not None:
        return _select_lineage(tidy, agency, period_list, groups=groups, field=field,
                               members=members, lineage=lineage)
    codes = {_code(p) for p in period_list}
    df = tidy[tidy["period"].isin(codes)]
    if groups is not None:
        df = df[_group(df["indicator"]).isin(list(groups))]
    if field is not None:
        df = df[df["field"] == field]
    if not _is_province(agency):
        return df[df["agency"] == agency].reset_index(drop=True)
    own = df[df["agency"] == agency]
    dept = df[df["agency"] != agency]
    out = _province_rows(own, dept, members)
    out.attrs[PROVINCE_KEY] = True
    return out


#: Key of ``rows.attrs`` set by :func:`select` on a province's rows (a sum over units).
PROVINCE_KEY = "papi_province"


def _is_province(agency: str) -> bool:
    """True for a whole-province unit of the shipped registry (``HY``, ``TB``)."""
    from ..model import agencies

    with contextlib.suppress(PapiError, OSError):
        unit = agencies.load().units.get(agency)
        if unit is not None:
            return unit.kind == "province"
    return agency == PROVINCE_CODE


def _province_rows(own: pd.DataFrame, dept: pd.DataFrame,
                   members: Sequence[str] | None) -> pd.DataFrame:
    """A province's compiled rows, and its departments' summable rows where it has none."""
    if members is not None:
        dept = dept[dept["agency"].isin(list(members))]
    summable = [c for c, i in indicators.CATALOGUE.items() if i.kind != "percent"]
    dept = dept[dept["indicator"].isin(summable)]
    if len(own):
        # a compiled provincial report replaces the departments' sums for its period and group
        stated = set(zip(own["period"], _group(own["indicator"]), strict=True))
        keys = list(zip(dept["period"], _group(dept["indicator"]), strict=True))
        dept = dept[[k not in stated for k in keys]]
    return pd.concat([own, dept], ignore_index=True)


class Lineage:
    """A registry and the current period: what makes up a unit's figures in earlier periods."""

    def __init__(self, registry: Registry, current: Period | str) -> None:
        self.registry = registry
        self.current = _code(current)

    def baseline(self, agency: str, period: Period | str) -> Baseline:
        """:meth:`Registry.baseline` of ``agency`` for ``period`` as of the current period."""
        return self.registry.baseline(agency, _code(period), self.current)


def _select_lineage(tidy: pd.DataFrame, agency: str, period_list: Sequence[Period | str], *,
                    groups: Sequence[str] | None, field: str | None,
                    members: Sequence[str] | None, lineage: Lineage) -> pd.DataFrame:
    reg = lineage.registry
    home = agency if reg.units.get(agency) is not None and reg.units[agency].kind == "province" \
        else None
    wanted = list(dict.fromkeys(_code(x) for x in period_list))
    df = tidy[tidy["period"].isin(wanted)]  # the periods asked for, not the whole history
    if groups is not None:
        df = df[_group(df["indicator"]).isin(list(groups))]
    if field is not None:
        df = df[df["field"] == field]
    parts: list[pd.DataFrame] = []
    info: dict[str, Baseline] = {}
    owners: dict[tuple[str, str], str] = {}
    percent = {c for c, i in indicators.CATALOGUE.items() if i.kind == "percent"}
    for p in wanted:
        now = df[df["period"] == p]
        base = lineage.baseline(agency, p)
        if base.changed:
            info[p] = base
        if home is not None:
            for f in base.feeders:
                own = f.code == agency and p == lineage.current and members is not None
                mem = (members if own and members is not None
                       else [a.code for a in reg.departments(p, province=f.code)])
                owners.update({(p, c): f.code for c in [f.code, *mem]})
                parts.append(_province_rows(now[now["agency"] == f.code],
                                            now[now["agency"].isin(mem)], mem))
            continue
        for f in base.feeders:
            if f.factor is None:
                continue
            got = now[now["agency"] == f.code]
            if len(base.feeders) > 1:
                got = got[~got["indicator"].isin(percent)]
            if f.factor != 1.0:
                got = got.assign(value=got["value"] * f.factor)
            parts.append(got)
    out = (pd.concat(parts, ignore_index=True) if parts
           else df.iloc[0:0].reset_index(drop=True))
    out.attrs[LINEAGE_KEY] = LineageInfo(info, agency, home is not None, owners, lineage)
    return out


LINEAGE_KEY = "papi_lineage"


class LineageInfo:
    """What :func:`select` with a lineage found: per period the baseline that is not the unit
    itself (``bases``), the unit, whether it is a province, and which province each row's
    agency was counted for (``owners``, by (period, agency)).

    Kept in ``rows.attrs``; pandas deep-copies ``attrs`` on every operation, so this object
    copies as itself (it is never changed after :func:`select`)."""

    def __init__(self, bases: dict[str, Baseline], agency: str, province: bool,
                 owners: dict[tuple[str, str], str], lineage: Lineage | None = None) -> None:
        self.bases, self.agency, self.province, self.owners = bases, agency, province, owners
        self.lineage = lineage

    def __deepcopy__(self, memo: dict[int, object]) -> LineageInfo:
        return self

    def __copy__(self) -> LineageInfo:
        return self


def lineage_of(rows: pd.DataFrame | None) -> LineageInfo | None:
    """The :class:`LineageInfo` :func:`select` left on ``rows``, or None."""
    return rows.attrs.get(LINEAGE_KEY) if rows is not None else None


# -- values ------------------------------------------------------------------------------------
class _Wide:
    """``rows`` pivoted once: one row per (period, agency[, field]), one column per indicator,
    as numpy arrays (values, illustrative flags, error flags) and the index's key columns."""

    values: np.ndarray
    ill: np.ndarray
    err: np.ndarray | None
    col: dict[str, int]
    keys: dict[str, np.ndarray]

    def __init__(self, rows: pd.DataFrame, index: list[str]) -> None:
        # One grouping for the sums, counts and flags of every cell.  Cells are summed as
        # pivot_table sums them (the same grouped sum); rows whose key is missing are left
        # out, as pivot_table's reindexing on its levels leaves them out; a cell whose
        # figures are all missing is NaN (a real zero stays a zero).
        flags = {"ill": rows["illustrative"].astype(bool)}
        if "error" in rows.columns:
            flags["err"] = rows["error"].astype(bool)
        data = rows[[*index, "indicator", "value"]].assign(**flags)
        g = data.groupby([*index, "indicator"], observed=True, sort=True, dropna=True)
        cells = g["value"].agg(["sum", "count"])
        for f in flags:
            cells[f] = g[f].max()
        if cells.empty:  # every row without a key
            self.values, self.ill, self.err = np.empty((0, 0)), np.empty((0, 0), bool), None
            self.col, self.n = {}, 0
            self.keys = {name: np.empty(0, dtype=object) for name in index}
            return
        wide = cells.unstack("indicator")
        self.values = wide["sum"].where(wide["count"] > 0).to_numpy(dtype=float)
        self.ill = wide["ill"].fillna(False).to_numpy(dtype=bool)
        self.err = wide["err"].fillna(False).to_numpy(dtype=bool) if "err" in flags else None
        self.col = {c: i for i, c in enumerate(wide["sum"].columns)}
        keys = wide.index if len(index) > 1 else pd.MultiIndex.from_arrays([wide.index])
        self.keys = {name: keys.get_level_values(i).to_numpy(dtype=object)
                     for i, name in enumerate(index)}
        self.n = len(wide.index)


def _pick(w: _Wide, alts: Sequence[tuple[str, ...]]
          ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per row of ``w``: the sum of the first complete alternative, its illustrative flag,
    its index (-1: none) and its error flag (some figure of it belongs to data that failed
    its checks)."""
    val = np.full(w.n, np.nan)
    ill = np.zeros(w.n, dtype=bool)
    err = np.zeros(w.n, dtype=bool)
    used = np.full(w.n, -1, dtype=np.int64)
    for i, alt in enumerate(alts):
        if not all(c in w.col for c in alt):
            continue
        cols = [w.col[c] for c in alt]
        block = w.values[:, cols]
        ok = ~np.isnan(block).any(axis=1) & np.isnan(val)
        if not ok.any():
            continue
        total = np.zeros(int(ok.sum()))
        for j in range(len(cols)):  # left to right, as DataFrame.sum(axis=1) adds
            total = total + block[ok, j]
        val[ok] = total
        ill[ok] = w.ill[np.ix_(ok, cols)].any(axis=1)
        if w.err is not None:
            err[ok] = w.err[np.ix_(ok, cols)].any(axis=1)
        used[ok] = i
    return val, ill, used, err


class _Part:
    """One measure's figures per row of a :class:`_Wide` that has them all: positions in
    the wide table, numerator, denominator (NaN for a count), illustrative and error flags,
    the alternatives used (an index, or a pair for a rate)."""

    def __init__(self, m: Measure, w: _Wide) -> None:
        num, ill, used, err = _pick(w, m.terms)
        if m.kind == "rate":
            den, dill, dused, derr = _pick(w, m.denominator)
            keep = ~np.isnan(num) & ~np.isnan(den)
            ill, err = ill | dill, err | derr
            alts: list[Any] = list(zip(used[keep].tolist(), dused[keep].tolist(), strict=True))
        else:
            den = np.full(w.n, np.nan)
            keep = ~np.isnan(num)
            alts = used[keep].tolist()
        self.pos = np.flatnonzero(keep)
        self.num, self.den = num[keep], den[keep]
        self.ill, self.err, self.used = ill[keep], err[keep], alts
        if m.kind == "rate":  # the unit's own rate lies outside [0, 100]
            with np.errstate(divide="ignore", invalid="ignore"):
                rate = 100.0 * self.num / np.where(self.den != 0, self.den, np.nan)
            self.invalid = (rate > 100.0 + RANGE_TOLERANCE) | (rate < -RANGE_TOLERANCE)
        else:
            self.invalid = np.zeros(len(self.pos), dtype=bool)


VALUE_COLUMNS = ["measure", "kind", "period", "value", "numerator", "denominator",
                 "illustrative", "n_agencies", "alternatives", "note", "error", "excluded",
                 "raw"]

#: A rate or stated percentage outside [0, 100] by more than this is not shown as a value.
RANGE_TOLERANCE = 1e-9


def out_of_range(value: float, kind: str) -> bool:
    """True for a rate or stated percentage below 0 or above 100: a figure that cannot be
    right (the numerator exceeds the denominator, or a typing mistake)."""
    if kind not in ("rate", "percent") or _missing(value):
        return False
    return float(value) > 100.0 + RANGE_TOLERANCE or float(value) < -RANGE_TOLERANCE


def sums_units(rows: pd.DataFrame) -> bool:
    """True when ``rows`` are a sum over several units (a province), so that a unit whose
    data failed its checks is left out of the sum rather than the sum being shown wrong."""
    lin = lineage_of(rows)
    if lin is not None:
        return bool(lin.province)
    if rows.attrs.get(PROVINCE_KEY):
        return True
    return bool(len(rows)) and rows.groupby("period")["agency"].nunique().max() > 1


def measure_values(
    rows: pd.DataFrame, measures: Sequence[Measure], by: str | None = None, *,
    exclude_errors: bool | None = None,
) -> pd.DataFrame:
    """Each measure's value per period (and per ``by``: ``"agency"`` or ``"field"``).

    Counts are summed over the agencies in ``rows``; a rate is ``100 * Σ numerator /
    Σ denominator`` over the agencies that report both.  Columns: measure, kind, period,
    [by,] value, numerator, denominator, illustrative (any row used is illustrative),
    n_agencies, alternatives (indices of the term alternatives used), note
    (``"zero_denominator"`` when a rate's denominator is 0; ``"out_of_range"`` when a rate
    or stated percentage lies outside [0, 100]: its value is then NaN and the figure is kept
    in ``raw``; ``"errors_excluded"`` when every unit was left out for errors), error (some
    figure used belongs to data that failed its checks: the ``error`` column of
    :func:`mark_errors`), excluded (the units left out of a sum because their data failed
    its checks).  Measures or periods without data give no row.

    ``exclude_errors`` (default: when ``rows`` sum several units, see :func:`sums_units`,
    and ``by`` is None) leaves a unit with errors out of the sum, and out of a rate's sum a
    unit whose own rate lies outside [0, 100], so that a province figure is computed from
    checked data only and says which units it leaves out.
    """
    if rows.empty:
        return pd.DataFrame(columns=_value_columns(by))
    if exclude_errors is None:
        exclude_errors = by is None and "error" in rows.columns and sums_units(rows)
    w = _Wide(rows, ["period", "agency"] + ([by] if by and by != "agency" else []))
    return _values(w, [(m, _Part(m, w)) for m in measures], by, exclude_errors)


def _value_columns(by: str | None) -> list[str]:
    return VALUE_COLUMNS[:3] + ([by] if by else []) + VALUE_COLUMNS[3:]


def _values(w: _Wide, parts: Sequence[tuple[Measure, _Part]], by: str | None,
            exclude_errors: bool) -> pd.DataFrame:
    """:func:`measure_values` of the measures' parts, summed per period (and ``by``)."""
    keys = ["period"] + ([by] if by else [])
    agency = w.keys["agency"]
    out = []
    for m, part in parts:
        if not len(part.pos):
            continue
        # groups in the order they first appear, as groupby(sort=False) gives them
        groups: dict[tuple[Any, ...], list[int]] = {}
        cols = [w.keys[k][part.pos] for k in keys]
        for i, key in enumerate(zip(*cols, strict=True)):
            groups.setdefault(key, []).append(i)
        for key, members in groups.items():
            if any(_missing(k) or k is pd.NA for k in key):
                continue  # groupby leaves out a missing key
            idx = np.asarray(members, dtype=np.intp)
            excluded: tuple[str, ...] = ()
            if exclude_errors:
                # a unit whose own rate cannot be right failed its checks too
                bad = part.err[idx] | part.invalid[idx]
                if bad.any():
                    excluded = tuple(sorted(set(agency[part.pos[idx[bad]]].tolist())))
                    idx = idx[~bad]
            # + 0.0: a sum of -0.0 is 0.0, as pandas gives it
            n = float(part.num[idx].sum()) + 0.0
            d = float(part.den[idx].sum()) + 0.0 if m.kind == "rate" else 0.0
            value, note, raw = n, "", np.nan
            if not len(idx):
                value, note = np.nan, "errors_excluded"
            elif m.kind == "rate":
                value, note = (np.nan, "zero_denominator") if d == 0 else (100.0 * n / d, "")
            if out_of_range(value, m.kind):
                value, note, raw = np.nan, "out_of_range", value
            out.append({
                "measure": m.code, "kind": m.kind, **dict(zip(keys, key, strict=True)),
                "value": value, "numerator": n if len(idx) else np.nan,
                "denominator": d if m.kind == "rate" and len(idx) else np.nan,
                "illustrative": bool(part.ill[idx].any()),
                "n_agencies": len(set(agency[part.pos[idx]].tolist())),
                "alternatives": tuple(sorted({part.used[i] for i in idx.tolist()})),
                "note": note, "error": bool(part.err[idx].any()), "excluded": excluded,
                "raw": raw,
            })
    return pd.DataFrame(out, columns=_value_columns(by))


# -- comparisons -------------------------------------------------------------------------------
COMPARE_COLUMNS = ["measure", "kind", "period", "role", "value", "illustrative", "n_agencies",
                   "change", "change_pct", "note", "derived", "error", "excluded", "raw",
                   "n_common", "common_value", "common_base"]

#: Notes of a change that is not computed because the two sides are not like for like.
UNLIKE_NOTES = ("no_common", "base_illustrative", "current_illustrative", "current_error",
                "base_error", "current_invalid", "base_invalid")


def change(current: float, base: float, kind: str = "count") -> tuple[float, float, str]:
    """``(change, change_pct, note)`` of ``current`` against ``base``.

    Counts and amounts change in units and percent; rates and stated percentages change in
    percentage points (``change_pct`` is NaN).  Percent change needs a base above zero:
    a zero base gives NaN with note ``base_zero``; a missing value gives NaN with note
    ``base_missing``, ``current_missing`` or ``both_missing``.  Never returns inf.
    """
    cur_missing, base_missing = _missing(current), _missing(base)
    if cur_missing or base_missing:
        note = ("both_missing" if cur_missing and base_missing
                else "current_missing" if cur_missing else "base_missing")
        return np.nan, np.nan, note
    diff = float(current) - float(base)
    if kind in ("rate", "percent"):
        return diff, np.nan, ""
    if float(base) == 0:
        return diff, np.nan, "base_zero"
    return diff, 100.0 * diff / float(base), ""


def compare(values: pd.DataFrame, period: Period | str, bases: Sequence[Period | str],
            measures: Sequence[Measure] | None = None) -> pd.DataFrame:
    """The current period's value of each measure next to each base period's.

    One row per measure and period (current first, then ``bases`` in order). Columns:
    measure, kind, period, role (``current`` or ``base``), value, illustrative, n_agencies,
    change and change_pct (current minus this base; NaN on the current row), note (see
    :func:`change`; a rate with a zero denominator keeps ``zero_denominator``; a
    ``same_basis`` measure read from different alternatives gets ``different_basis`` and no
    change), derived (True when some agency's figure was computed from parts rather than
    stated).  With
    ``measures``, every one of them gets rows, in that order, even without any figure.
    """
    cur = _code(period)
    if values.empty and not measures:
        return pd.DataFrame(columns=COMPARE_COLUMNS)
    lookup = {(r.measure, r.period): r for r in values.itertuples(index=False)}
    codes = [m.code for m in measures] if measures else list(dict.fromkeys(values["measure"]))
    return pd.DataFrame(_compare_rows(lookup, cur, [_code(b) for b in bases], codes),
                        columns=COMPARE_COLUMNS)


def _compare_rows(lookup: dict[tuple[str, str], Any], cur: str, bases: Sequence[str],
                  codes: Sequence[str]) -> list[dict[str, object]]:
    """The rows of :func:`compare`, from :func:`measure_values` rows by (measure, period)."""
    out = []
    for code in codes:
        m = get(code)
        c = lookup.get((code, cur))
        cval = c.value if c is not None else np.nan
        note = "current_missing" if c is None else c.note or ""
        out.append(_compared(m, cur, "current", c, cval, np.nan, np.nan, note))
        for b in bases:
            r = lookup.get((code, b))
            bval = r.value if r is not None else np.nan
            diff, pct, note = change(cval, bval, m.kind)
            if r is not None and r.note in LINEAGE_NOTES + ("zero_denominator",) and note:
                note = r.note
            if (m.same_basis and not note and c is not None and r is not None
                    and c.alternatives != r.alternatives):
                diff, pct, note = np.nan, np.nan, "different_basis"
            unlike = _unlike(c, r)
            if unlike:
                diff, pct, note = np.nan, np.nan, unlike
            out.append(_compared(m, b, "base", r, bval, diff, pct, note))
    return out


def _unlike(c: Any, r: Any) -> str:
    """Why the current figure ``c`` and the base figure ``r`` (:func:`measure_values` rows)
    may not be compared, or ``""``: a figure that failed its checks or lies outside [0, 100]
    on either side, or a real figure against an illustrative one."""
    if c is None or r is None:
        return ""
    if getattr(c, "note", "") == "out_of_range":
        return "current_invalid"
    if getattr(r, "note", "") == "out_of_range":
        return "base_invalid"
    if bool(getattr(c, "error", False)):
        return "current_error"
    if bool(getattr(r, "error", False)):
        return "base_error"
    if bool(c.illustrative) != bool(r.illustrative):
        return "base_illustrative" if r.illustrative else "current_illustrative"
    return ""


def _compared(m: Measure, period: str, role: str, v: Any, value: float, diff: float,
              pct: float, note: str) -> dict[str, object]:
    """One row of :func:`compare`; ``v`` is the measure's :func:`measure_values` row or None."""
    return {"measure": m.code, "kind": m.kind, "period": period, "role": role, "value": value,
            "illustrative": bool(v.illustrative) if v is not None else False,
            "n_agencies": v.n_agencies if v is not None else 0, "change": diff,
            "change_pct": pct, "note": note, "derived": _derived(v),
            "error": bool(getattr(v, "error", False)) if v is not None else False,
            "excluded": tuple(getattr(v, "excluded", ()) or ()) if v is not None else (),
            "raw": getattr(v, "raw", np.nan) if v is not None else np.nan,
            "n_common": np.nan, "common_value": np.nan, "common_base": np.nan}


def _derived(v: Any) -> bool:
    """True when some agency's figure was read from an alternative after the first."""
    alts = v.alternatives if v is not None else ()
    # a rate's alternatives are (numerator, denominator) pairs
    return any(x > 0 for a in alts for x in (a if isinstance(a, tuple) else (a,)))


def has_figures(table: pd.DataFrame) -> bool:
    """True when a :func:`compare` table has any value (a section shown only where reported)."""
    return bool(len(table)) and bool(table["value"].notna().any())


def against(rows: pd.DataFrame, measures: Sequence[Measure], period: Period | str,
            bases: Sequence[Period | str]) -> pd.DataFrame:
    """:func:`compare` of :func:`measure_values`: the usual one-call comparison table.

    Rows selected with a lineage (:func:`select`) make a period summed from predecessors
    count only when every predecessor reported the measure: otherwise its value is NaN with
    note ``predecessor_missing`` (or ``share_unknown`` for a split without a share), so no
    partial sum is shown as the unit's figure.
    """
    units = sums_units(rows)
    per = None
    if rows.empty:
        values = measure_values(rows, measures)
    else:
        # one pivot for the totals and, for a sum over units, the units' own figures
        w = _Wide(rows, ["period", "agency"])
        parts = [(m, _Part(m, w)) for m in measures]
        values = _values(w, parts, None, "error" in rows.columns and units)
        if units:
            per = _values(w, parts, "agency", False)
    lin = lineage_of(rows)
    info = lin.bases if lin is not None else {}
    if info and lin is not None and not values.empty:
        values = _complete(values, lin, rows)
    out = compare(values, period, bases, measures)
    unknown = [p for p, b in info.items() if b.unknown]
    if unknown and not out.empty:
        sel = out["period"].isin(unknown) & (out["role"] == "base")
        out.loc[sel, ["value", "change", "change_pct"]] = np.nan
        out.loc[sel, "note"] = "share_unknown"
    if not out.empty and units:
        out = _like_for_like(out, rows, measures, period, lin, per)
    return out


def _like_for_like(out: pd.DataFrame, rows: pd.DataFrame, measures: Sequence[Measure],
                   period: Period | str, lin: LineageInfo | None,
                   per: pd.DataFrame | None = None) -> pd.DataFrame:
    """Recompute the changes of a sum over units (a province) on the units both periods have.

    A unit takes part in a change only when it has a figure in both periods, of the same
    kind (real with real, illustrative with illustrative), and neither failed its checks.
    Across a reorganisation a unit is matched with the units it was formed from
    (:meth:`Lineage.baseline`); units linked that way take part together or not at all.
    When every unit takes part, the change stands as computed.  Otherwise the change is
    that of the common units (note ``common_units``, their number in ``n_common``, their
    values in ``common_value`` / ``common_base``), and with no common unit it is not
    computed (``no_common``, ``base_illustrative`` …).  The values shown stay the full
    totals of each period.
    """
    cur = _code(period)
    home = lin.agency if lin is not None else None
    if per is None:  # each unit's own figures
        per = measure_values(rows, measures, by="agency", exclude_errors=False)
    if per.empty:
        return out
    look = {(r.measure, r.period, r.agency): r for r in per.itertuples(index=False)}
    by_mp: dict[tuple[str, str], list[str]] = {}
    for (mc, p, a) in look:
        by_mp.setdefault((mc, p), []).append(a)
    feeders_cache: dict[tuple[str, str], list[str]] = {}

    def feeders(agency: str, base: str) -> list[str]:
        if lin is None or lin.lineage is None:
            return [agency]
        key = (agency, base)
        if key not in feeders_cache:
            try:
                got = lin.lineage.baseline(agency, base)
                feeders_cache[key] = [f.code for f in got.feeders] or [agency]
            except (PapiError, KeyError, ValueError):
                feeders_cache[key] = [agency]
        return feeders_cache[key]

    out = out.copy()
    for i in out.index[out["role"] == "base"]:
        mc, b = out.at[i, "measure"], out.at[i, "period"]
        if out.at[i, "note"] in LINEAGE_NOTES:
            continue
        now_units = by_mp.get((mc, cur), [])
        base_units = by_mp.get((mc, b), [])
        if not now_units or not base_units:
            continue
        if home is not None and (home in now_units or home in base_units):
            continue  # a compiled provincial figure: compared as a whole
        m = get(mc)
        comps = _components(now_units, base_units, functools.partial(feeders, base=b))
        common, reasons = [], set()
        for now_c, base_c in comps:
            if not now_c or not base_c:
                reasons.add("no_common")
                continue
            if any(x not in base_units for x in base_c) or any(x not in now_units for x in now_c):
                reasons.add("no_common")
                continue
            nrows = [look[(mc, cur, a)] for a in now_c]
            brows = [look[(mc, b, a)] for a in base_c]
            if any(r.error for r in nrows):
                reasons.add("current_error")
                continue
            if any(r.note == "out_of_range" for r in nrows):
                reasons.add("current_invalid")
                continue
            if any(r.note == "out_of_range" for r in brows):
                reasons.add("base_invalid")
                continue
            if any(r.error for r in brows):
                reasons.add("base_error")
                continue
            nill = {bool(r.illustrative) for r in nrows}
            bill = {bool(r.illustrative) for r in brows}
            if len(nill) > 1 or len(bill) > 1 or nill != bill:
                reasons.add("base_illustrative" if True in bill else "current_illustrative")
                continue
            common.append((nrows, brows))
        if not reasons:
            continue  # every unit on both sides, like for like: the change stands
        if not common:
            order = ("base_illustrative", "current_illustrative", "current_error",
                     "base_error", "current_invalid", "base_invalid", "no_common")
            out.loc[i, ["change", "change_pct"]] = np.nan
            out.at[i, "note"] = next(r for r in order if r in reasons)
            out.at[i, "n_common"] = 0
            continue
        nv = _sum_value(m, [r for nr, _ in common for r in nr])
        bv = _sum_value(m, [r for _, br in common for r in br])
        diff, pct, note = change(nv, bv, m.kind)
        if out_of_range(nv, m.kind) or out_of_range(bv, m.kind):
            diff, pct, note = np.nan, np.nan, "current_invalid"
        out.at[i, "change"], out.at[i, "change_pct"] = diff, pct
        out.at[i, "note"] = note or "common_units"
        out.at[i, "n_common"] = sum(len(nr) for nr, _ in common)
        out.at[i, "common_value"], out.at[i, "common_base"] = nv, bv
        out.at[i, "illustrative"] = bool(
            any(r.illustrative for nr, br in common for r in [*nr, *br]))
    return out


def _components(now_units: Sequence[str], base_units: Sequence[str],
                feeders: Callable[[str], Iterable[str]]
                ) -> list[tuple[list[str], list[str]]]:
    """Groups of units matched across two periods: each current unit with the units it was
    formed from in the base period (``feeders``), merged where they share one."""
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(x: tuple[str, str]) -> tuple[str, str]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a in now_units:
        find(("n", a))
        for f in feeders(a):
            parent[find(("n", a))] = find(("b", f))
    for a in base_units:
        find(("b", a))
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for x in list(parent):
        groups.setdefault(find(x), []).append(x)
    return [([a for s, a in g if s == "n"], [a for s, a in g if s == "b"])
            for g in groups.values()]


def _sum_value(m: Measure, parts: list[Any]) -> float:
    """A measure's value over several units' :func:`measure_values` rows."""
    n = float(sum(r.numerator for r in parts))
    if m.kind != "rate":
        return n
    d = float(sum(r.denominator for r in parts))
    return np.nan if d == 0 else 100.0 * n / d


def mark_errors(tidy: pd.DataFrame, findings: pd.DataFrame | None) -> pd.DataFrame:
    """``tidy`` with a boolean ``error`` column: True on every row of an agency, period and
    indicator group (``tthc``, ``pet`` …) that a validation finding of severity ``error``
    names (a finding without an indicator marks all the groups of its agency and period).

    The figures stay as sent; the flag makes the analysis leave them out of sums, rankings
    and headlines (:func:`measure_values`, :func:`rank`, :func:`attention`) and say so.
    """
    out = tidy.copy()
    out["error"] = False
    if findings is None or findings.empty or tidy.empty:
        return out
    errs = findings[findings["severity"] == "error"]
    grouped, whole = set(), set()
    for r in errs.itertuples(index=False):
        agency, per = str(r.agency or ""), str(r.period or "")
        if not agency or not per or per == "nan":
            continue
        ind = str(getattr(r, "indicator", "") or "")
        if ind and ind != "nan":
            grouped.add(f"{agency}\x1f{per}\x1f{ind.split('.')[0]}")
        else:
            whole.add(f"{agency}\x1f{per}")
    ap = out["agency"].astype(str) + "\x1f" + out["period"].astype(str)
    key = ap + "\x1f" + _group(out["indicator"].astype(str))
    out["error"] = key.isin(grouped).to_numpy() | ap.isin(whole).to_numpy()
    return out


def _complete(values: pd.DataFrame, lin: LineageInfo, rows: pd.DataFrame) -> pd.DataFrame:
    """Blank the values of lineage periods that lack a predecessor (see :func:`against`)."""
    values = values.copy()
    info, owners, province = lin.bases, lin.owners, lin.province
    for i, r in values.iterrows():
        base = info.get(r["period"])
        if base is None:
            continue
        feeders = base.feeders
        if province:
            # the province: every former province must have some figure for the measure
            codes = get(r["measure"]).codes()
            mine = rows[(rows["period"] == r["period"]) & rows["indicator"].isin(codes)]
            present = {owners.get((r["period"], a)) for a in mine["agency"]}
            if len(feeders) > 1 and not all(f.code in present for f in feeders):
                values.loc[i, ["value", "numerator", "denominator"]] = np.nan
                values.loc[i, "note"] = "predecessor_missing"
            continue
        if base.unknown:
            values.loc[i, ["value", "numerator", "denominator"]] = np.nan
            values.loc[i, "note"] = "share_unknown"
        elif int(r["n_agencies"]) < len(feeders):
            values.loc[i, ["value", "numerator", "denominator"]] = np.nan
            values.loc[i, "note"] = "predecessor_missing"
    return values



#: Stated and computed rates further apart than this (percentage points) are flagged.
STATED_TOLERANCE = 0.05


def stated_differences(table: pd.DataFrame, tolerance: float = STATED_TOLERANCE
                       ) -> pd.DataFrame:
    """Rates a report states that differ from the rates computed from its counts.

    ``table`` is a :func:`compare` result holding both a stated measure (one with
    ``stated_of``) and the measure it states.  Returns one row per measure and period where
    both have a value and they differ by more than ``tolerance`` percentage points: measure,
    computed_measure, period, stated, computed, difference (stated minus computed).
    """
    cols = ["measure", "computed_measure", "period", "stated", "computed", "difference"]
    look = {(r.measure, r.period): r.value for r in table.itertuples(index=False)}
    out = []
    for (code, p), stated in look.items():
        of = get(code).stated_of
        computed = look.get((of, p), np.nan) if of else np.nan
        if _missing(stated) or _missing(computed):
            continue
        diff = float(stated) - float(computed)
        if abs(diff) > tolerance:
            out.append({"measure": code, "computed_measure": of, "period": p,
                        "stated": float(stated), "computed": float(computed),
                        "difference": diff})
    return pd.DataFrame(out, columns=cols)


def direction(delta: float, tolerance: float = 0.0) -> str:
    """``"up"``, ``"down"``, ``"flat"`` or ``""`` (unknown) for a change."""
    if _missing(delta):
        return ""
    if delta > tolerance:
        return "up"
    if delta < -tolerance:
        return "down"
    return "flat"


# -- breakdowns and rankings -------------------------------------------------------------------
def breakdown(
    tidy: pd.DataFrame,
    agency: str,
    period: Period | str,
    measures: Sequence[Measure],
    *,
    members: Sequence[str] | None = None,
    base: Period | str | None = None,
    lineage: Lineage | None = None,
) -> pd.DataFrame:
    """One period's measures by agency (for ``HY``) or by field (for one agency).

    Returns one row per agency or field: ``key``, ``by`` (``"agency"`` or ``"field"``), one
    column per measure code, ``illustrative``.  For ``HY`` every agency of ``members`` gets a
    row, with NaN where it has no data.

    With ``base`` (a comparison period), each row is also compared with that period as
    :func:`compare` does: per measure code ``c`` the columns ``base:c`` (the base value),
    ``change:c``, ``change_pct:c`` and ``note:c`` (``base_zero``, ``base_missing``,
    ``zero_denominator`` …; never inf), plus ``base_period`` and ``base_illustrative``
    (some base figure of the row is illustrative).  Rows stay those of the current period.

    With ``lineage``, an agency's base figures are the sum of the units that make it up in
    the base period (see :func:`select`); when one of them has no figure at all, or a split
    has no share, that agency's base is missing (note ``predecessor_missing`` /
    ``share_unknown``) rather than a partial sum.
    """
    code = _code(period)
    bcode = _code(base) if base is not None else None
    cols = ["key", "by"] + [m.code for m in measures] + ["illustrative", "error"]
    plist = [code] + ([bcode] if bcode else [])
    blanked: dict[str, str] = {}
    if lineage is not None and agency == lineage.registry.home:
        now = tidy[(tidy["period"] == code) & (tidy["field"] == "")]
        rows = _province_rows(now[now["agency"] == agency], now[now["agency"] != agency], members)
        rows = rows[rows["agency"] != agency]
        if bcode:
            based, blanked = _lineage_base(tidy, members or list(dict.fromkeys(rows["agency"])),
                                           bcode, lineage)
            rows = pd.concat([rows, based], ignore_index=True)
        by = "agency"
    elif _is_province(agency):
        rows = select(tidy, agency, plist, members=members)
        rows = rows[rows["agency"] != agency]
        by = "agency"
    else:
        rows = select(tidy, agency, plist, field=None)
        rows = rows[rows["field"] != ""]
        by = "field"
    allvals = measure_values(rows, measures, by=by)
    vals = allvals[allvals["period"] == code]
    if vals.empty:
        wide = pd.DataFrame(columns=cols[2:-2])
        raw = wide
        ill = err = pd.Series(dtype=bool)
    else:
        wide = vals.pivot(index=by, columns="measure", values="value")
        raw = vals.pivot(index=by, columns="measure", values="raw")
        ill = vals.groupby(by)["illustrative"].any()
        err = vals.groupby(by)["error"].any()
    now = rows[rows["period"] == code]
    keys = [k for k in dict.fromkeys(now[by]) if k in wide.index]  # data order
    if by == "agency" and members is not None:
        keys = list(members) + [k for k in keys if k not in members]
    out = wide.reindex(index=keys, columns=[m.code for m in measures])
    out.insert(0, "by", by)
    out.insert(0, "key", keys)
    out["illustrative"] = ill.reindex(keys).fillna(False).astype(bool).to_numpy()
    out["error"] = err.reindex(keys).fillna(False).astype(bool).to_numpy()
    out = out.reset_index(drop=True)[cols]
    for m in measures:  # a rate outside [0, 100]: no value, the figure kept apart
        got = raw[m.code].reindex(keys) if m.code in raw.columns else pd.Series(np.nan, keys)
        if got.notna().any():
            out[f"invalid:{m.code}"] = got.to_numpy(dtype=float)
    if bcode is None:
        return out
    changes = _breakdown_changes(allvals, by, keys, code, bcode, measures)
    for i, k in enumerate(keys):
        if k in blanked:
            for m in measures:
                changes.loc[i, [f"base:{m.code}", f"change:{m.code}",
                                f"change_pct:{m.code}"]] = np.nan
                changes.loc[i, f"note:{m.code}"] = blanked[k]
    return pd.concat([out, changes], axis=1)


def _lineage_base(tidy: pd.DataFrame, members: Sequence[str], bcode: str, lineage: Lineage
                  ) -> tuple[pd.DataFrame, dict[str, str]]:
    """Each member's ``bcode`` rows made of its feeders' (relabelled to the member), and the
    members whose base cannot be formed, with the note why."""
    summable = [c for c, i in indicators.CATALOGUE.items() if i.kind != "percent"]
    now = tidy[(tidy["period"] == bcode) & (tidy["field"] == "")]
    parts, blanked = [], {}
    for k in members:
        base = lineage.baseline(k, bcode)
        if base.unknown:
            blanked[k] = "share_unknown"
            continue
        got = []
        for f in base.feeders:
            mine = now[now["agency"] == f.code]
            if mine.empty and len(base.feeders) > 1:
                blanked[k] = "predecessor_missing"
            if len(base.feeders) > 1:
                mine = mine[mine["indicator"].isin(summable)]
            if f.factor != 1.0:
                mine = mine.assign(value=mine["value"] * f.factor)
            got.append(mine.assign(agency=k))
        if k not in blanked and got:
            parts.extend(got)
    out = pd.concat(parts, ignore_index=True) if parts else now.iloc[0:0]
    return out, blanked


def _breakdown_changes(values: pd.DataFrame, by: str, keys: list[Any], code: str, bcode: str,
                       measures: Sequence[Measure]) -> pd.DataFrame:
    """Per key: each measure's base value and change against ``bcode`` (see :func:`compare`)."""
    mine: dict[Any, list[Any]] = {}  # each key's measure_values rows, in order
    for r in values.itertuples(index=False):
        mine.setdefault(getattr(r, by), []).append(r)
    codes = [m.code for m in measures]
    recs = []
    for k in keys:
        got = mine.get(k, [])
        lookup = {(r.measure, r.period): r for r in got}
        b = {r["measure"]: r for r in _compare_rows(lookup, code, [bcode], codes)
             if r["role"] == "base"}
        then = [r for r in got if r.period == bcode]
        rec: dict[str, object] = {"base_period": bcode,
                                  "base_illustrative": any(bool(r.illustrative) for r in then),
                                  "base_error": any(bool(r.error) for r in then)}
        for m in measures:
            r = b[m.code]
            rec.update({f"base:{m.code}": r["value"], f"change:{m.code}": r["change"],
                        f"change_pct:{m.code}": r["change_pct"], f"note:{m.code}": r["note"]})
        recs.append(rec)
    extra = ["base_period", "base_illustrative", "base_error"] + [
        f"{p}:{m.code}" for m in measures for p in ("base", "change", "change_pct", "note")]
    return pd.DataFrame(recs, columns=extra)


def attention(tidy: pd.DataFrame, province: str, period: Period | str, members: Sequence[str],
              n: int = 3) -> pd.DataFrame:
    """The departments that need attention in ``period``: for each concern of
    :data:`ATTENTION` (lowest on-time rate, most files overdue, most petitions not yet
    resolved) the ``n`` worst departments that report the measure (none for a concern no
    department has a figure for; a count of 0 is no concern).  A department whose data
    failed its checks (``error``, see :func:`mark_errors`) is never listed: its figure
    cannot be trusted either way.

    Columns: concern_vi, concern_en, rank (1 = worst), agency, value, kind, illustrative.
    """
    measures = [m for m, _, _, _ in ATTENTION]
    table = breakdown(tidy, province, period, measures, members=members)
    out = []
    for m, end, vi, en in ATTENTION:
        part = table[table[m.code].notna() & ~table["error"].astype(bool)]
        if m.kind != "rate":
            part = part[part[m.code] > 0]
        part = part.sort_values([m.code, "key"], ascending=[end == "lowest", True],
                                kind="stable").head(n)
        for i, r in enumerate(part.to_dict("records"), start=1):
            out.append({"concern_vi": vi, "concern_en": en, "rank": i, "agency": r["key"],
                        "value": r[m.code], "kind": m.kind,
                        "illustrative": bool(r["illustrative"])})
    return pd.DataFrame(out, columns=["concern_vi", "concern_en", "rank", "agency", "value",
                                      "kind", "illustrative"])


def shown_decimals(measure: str) -> int:
    """The decimals a measure's value is displayed with (rates 1, counts 0): ranks are
    computed on the values as displayed, so equal displayed values share a rank."""
    kind = get(measure).kind if measure in MEASURES else "count"
    return 1 if kind in ("rate", "percent") else 0


def rank(table: pd.DataFrame, measure: str, *, ascending: bool = False,
         tiebreak: str | None = None) -> pd.DataFrame:
    """``table`` sorted by ``measure`` with a ``rank`` column.

    Ranks use the values as displayed (:func:`shown_decimals`): equal displayed values share
    the best rank (1, 2, 2, 4).  A row whose data failed its checks (``error`` true, or a
    rate outside [0, 100] kept in ``invalid:<measure>``) is not ranked: rank NaN and
    ``unranked = "error"``; rows without a value have ``unranked = "no_data"``.  Ranked rows
    come first, then the unranked with errors, then those without data.  ``tiebreak`` is
    another column sorted descending among equal values (display order only).

    With the base columns of :func:`breakdown` (``base:<measure>`` …), ``rank_move`` is the
    change of rank against the base period, computed among the same units only: those
    ranked now whose base figure exists, passed its checks and is of the same kind (real or
    illustrative) as now; NaN for the others.
    """
    out = table.copy()
    dec = shown_decimals(measure)
    shown = out[measure].astype(float).round(dec)
    bad = out["error"].astype(bool) if "error" in out.columns else pd.Series(False, out.index)
    inv = f"invalid:{measure}"
    if inv in out.columns:
        bad = bad | out[inv].notna()
    ok = shown.notna() & ~bad
    out["rank"] = shown.where(ok).rank(method="min", ascending=ascending)
    out["unranked"] = np.where(ok, "", np.where(bad, "error", "no_data"))
    base = f"base:{measure}"
    if base in out.columns:
        bshown = out[base].astype(float).round(dec)
        same = ok & bshown.notna()
        if "base_error" in out.columns:
            same &= ~out["base_error"].astype(bool)
        if "base_illustrative" in out.columns:
            same &= out["base_illustrative"].astype(bool) == out["illustrative"].astype(bool)
        now_r = shown.where(same).rank(method="min", ascending=ascending)
        base_r = bshown.where(same).rank(method="min", ascending=ascending)
        out["rank_move"] = base_r - now_r
        out["n_rank_common"] = int(same.sum())
    order = pd.Series(np.select([ok, bad], [0, 1], 2), index=out.index)
    key = shown if not ascending else -shown
    out = out.assign(_g=order, _v=key.fillna(-np.inf))
    by = ["_g", "_v"] + ([tiebreak] if tiebreak else [])
    asc = [True, False] + ([False] if tiebreak else [])
    out = out.sort_values(by, ascending=asc, na_position="last", kind="stable")
    return out.drop(columns=["_g", "_v"]).reset_index(drop=True)


# -- coverage and sources ----------------------------------------------------------------------
def used_rows(rows: pd.DataFrame, measures: Iterable[Measure | str],
              period_list: Iterable[Period | str]) -> pd.DataFrame:
    """The rows of ``rows`` that measures could have read in ``period_list`` (for sources)."""
    codes: set[str] = set()
    for m in measures:
        codes |= (get(m) if isinstance(m, str) else m).codes()
    pcodes = {_code(p) for p in period_list}
    return rows[rows["indicator"].isin(codes) & rows["period"].isin(pcodes)]


def submission_status(tidy: pd.DataFrame, period: Period | str, members: Sequence[str],
                      lang: str = "vi") -> pd.DataFrame:
    """Which agencies have figures for ``period``: one row per member agency, those without
    figures first (otherwise in ``members`` order).

    Columns: agency, submitted (bool), n_figures, n_real, n_illustrative, illustrative (any
    figure illustrative), groups (sorted indicator groups present, comma separated), files
    (source files, comma separated), sources (the kinds of source in ``lang``, in order of
    precedence: form workbook, tidy table, prose report, illustrative; see
    :data:`papi_analysis.intake.datasets.SOURCE_KINDS`), status (in words: no figures,
    illustrative figures, partly real, real figures; :data:`COVERAGE_WORDS`).
    """
    df = tidy[tidy["period"] == _code(period)]
    out = []
    for a in members:
        g = df[df["agency"] == a]
        ill = g["illustrative"].astype(bool)
        kinds = {datasets.source_kind(f, i) for f, i in zip(g["source_file"], ill, strict=True)}
        out.append({
            "agency": a, "submitted": len(g) > 0, "n_figures": len(g),
            "n_real": int((~ill).sum()), "n_illustrative": int(ill.sum()),
            "illustrative": bool(ill.any()),
            "groups": ", ".join(sorted(set(_group(g["indicator"])))),
            "files": ", ".join(sorted(set(g["source_file"]) - {""})),
            "sources": "; ".join(datasets.SOURCE_KIND_LABELS[k][0 if lang == "vi" else 1]
                                 for k in datasets.SOURCE_KINDS if k in kinds),
            "status": _coverage_word(int((~ill).sum()), int(ill.sum()), lang),
        })
    df = pd.DataFrame(out, columns=["agency", "submitted", "n_figures", "n_real",
                                    "n_illustrative", "illustrative", "groups", "files",
                                    "sources", "status"])
    # agencies still missing first: they are what the reader acts on
    return df.sort_values("submitted", kind="stable").reset_index(drop=True)


#: What an agency's figures for a period are, in words (see :func:`submission_status`).
COVERAGE_WORDS = {
    "none": ("chưa có số liệu", "no figures"),
    "illustrative": ("số liệu minh họa", "illustrative figures"),
    "partial": ("thật một phần, còn lại minh họa", "partly real, the rest illustrative"),
    "real": ("số liệu thật", "real figures"),
}


def _coverage_word(n_real: int, n_ill: int, lang: str) -> str:
    key = ("none" if n_real + n_ill == 0 else "illustrative" if n_real == 0 else
           "real" if n_ill == 0 else "partial")
    return COVERAGE_WORDS[key][0 if lang == "vi" else 1]


def findings_for(findings: pd.DataFrame, period: Period | str) -> pd.DataFrame:
    """Validation findings about ``period`` (including its carry-over chain from the previous
    period) and findings without a period (files that could not be read), errors first."""
    out = findings[findings["period"].isin([_code(period), ""]) | findings["period"].isna()]
    return _errors_first(out, ["rule", "agency"])


def findings_summary(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings counted by severity and rule (errors first): severity, rule, n, agencies."""
    if findings.empty:
        return pd.DataFrame(columns=["severity", "rule", "n", "agencies"])
    g = findings.groupby(["severity", "rule"], sort=False)
    out = g.size().rename("n").reset_index()
    out["agencies"] = [", ".join(sorted(set(x) - {""})) for x in g["agency"]
                       .agg(lambda s: tuple(s)).reindex(pd.MultiIndex.from_frame(
                           out[["severity", "rule"]]))]
    return _errors_first(out, ["rule"])


def _errors_first(df: pd.DataFrame, then: list[str]) -> pd.DataFrame:
    """``df`` sorted errors, then warnings, then anything else, then by ``then``."""
    order = df["severity"].map({"error": 0, "warning": 1}).fillna(2)
    return df.assign(_o=order).sort_values(["_o", *then], kind="stable").drop(
        columns="_o").reset_index(drop=True)


# -- helpers -----------------------------------------------------------------------------------
def _code(period: Period | str) -> str:
    return period.code if isinstance(period, Period) else str(period)


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _group(codes: pd.Series) -> pd.Series:
    """The indicator group (``tthc``, ``pet`` …) of each code (split once per distinct code,
    not once per row)."""
    at, distinct = pd.factorize(codes)
    heads = np.array([str(c).split(".")[0] for c in distinct] + [np.nan], dtype=object)
    return pd.Series(heads[at], index=codes.index, name=codes.name, dtype=object)
