"""The exploration API: ``import papi_analysis as pa`` then ``pa.trend(...)`` and friends.

Nothing here computes a figure of its own: values, changes, like-for-like comparisons,
lineage across mergers and ranks all come from :mod:`papi_analysis.analysis.comparison`
(``select``, ``measure_values``, ``against``, ``breakdown``, ``rank``), so an exploration
shows exactly what an appendix would.  Every result is a :class:`~.results.Table`: a
DataFrame whose flags are columns and whose notebook display marks illustrative values and
errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .. import config
from ..analysis import comparison
from ..analysis import papi as papi_scores
from ..errors import ParameterError
from ..intake import datasets, validation
from ..model import agencies as agency_model
from ..model import indicators
from ..model import periods as period_model
from ..text import fold
from .results import Table

#: Source kinds in words (a figure of some real and some illustrative rows is partly real).
SOURCE_WORDS = {"real": ("thật", "real"), "illustrative": ("minh họa", "illustrative"),
                "mixed": ("thật một phần", "partly real"), "none": ("", "")}

_MEMO: dict = {}


# -- loading ----------------------------------------------------------------------------------
def _loaded(data=None, illustrative: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The tidy table with its ``error`` column, and the findings, read once per content."""
    base = datasets.data_folder(data)
    ill = datasets.illustrative_enabled(base, illustrative)
    key = (str(base), ill, datasets.cache_key(base, ill))
    if key not in _MEMO:
        tidy = datasets.load(base, ill)
        findings = validation.check_data(base, ill)
        if len(_MEMO) >= 4:
            _MEMO.pop(next(iter(_MEMO)))
        _MEMO[key] = (comparison.mark_errors(tidy, findings), findings)
    return _MEMO[key]


def _registry(data=None):
    return agency_model.load(agency_model.registry_path(datasets.data_folder(data)))


def load(data: str | Path | None = None, illustrative: bool = True) -> Table:
    """Every figure of the data folder (default: the shipped ``data/``) in one tidy table.

    Columns of :mod:`papi_analysis.model.schema` (agency, period, indicator, value, field,
    illustrative, source_file … the provenance of each figure), plus ``error`` (the figure
    belongs to an agency, period and indicator group that failed a validation check) and
    ``source`` (thật / minh họa).  ``illustrative=False`` leaves the illustrative panel out.
    """
    tidy, _ = _loaded(data, illustrative)
    out = tidy.copy()
    out["source"] = np.where(out["illustrative"].astype(bool), "minh họa", "thật")
    return _table(out, "tidy", caption=f"Số liệu: {len(out):,} dòng".replace(",", "."),
                  columns={"value": ("value", "count")}, marked=("value",))


def findings(data: str | Path | None = None, illustrative: bool = True) -> Table:
    """The validation findings of the data folder (errors first), as ``validate`` prints."""
    _, found = _loaded(data, illustrative)
    return _table(found.copy(), "findings",
                  caption="Kết quả kiểm tra số liệu")


# -- measures ---------------------------------------------------------------------------------
def _catalogue() -> pd.DataFrame:
    """Every measure and catalogue indicator with names, definitions and unit."""
    rows, seen = [], set()
    for m in comparison.MEASURES.values():
        if m.code in indicators.CATALOGUE and not m.definition_vi:
            continue  # the catalogue row below says the same
        rows.append({"code": m.code, "type": "measure", "kind": m.kind,
                     "name_vi": m.label("vi"), "name_en": m.label("en"),
                     "definition_vi": m.definition("vi"), "definition_en": m.definition("en"),
                     "unit_vi": m.unit_label("vi"), "unit_en": m.unit_label("en"),
                     "group": m.codes() and sorted(m.codes())[0].split(".")[0]})
        seen.add(m.code)
    for code, ind in indicators.CATALOGUE.items():
        if code in seen:
            continue
        u = indicators.UNITS.get(ind.unit, (ind.unit, ind.unit))
        rows.append({"code": code, "type": "indicator", "kind": ind.kind,
                     "name_vi": ind.vi, "name_en": ind.en, "definition_vi": "",
                     "definition_en": "", "unit_vi": u[0], "unit_en": u[1],
                     "group": ind.group})
    return pd.DataFrame(rows)


def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[^0-9a-z]+", fold(text)) if t]


def _scored(search: str, cat: pd.DataFrame) -> pd.Series:
    """How well each catalogue row matches ``search`` (0: not at all; 1: exactly)."""
    want = _tokens(search)
    if not want:
        return pd.Series(1.0, index=cat.index)
    scores = []
    for r in cat.itertuples(index=False):
        hay = " ".join(_tokens(" ".join([r.code, r.name_vi, r.name_en, r.definition_vi,
                                         r.definition_en, r.unit_vi, r.unit_en])))
        words = set(hay.split())
        if not all(t in words or t in hay for t in want):
            scores.append(0.0)
            continue
        best = 0.0
        for part in (r.code, r.name_vi, r.name_en):
            have = set(_tokens(part))
            if have:
                best = max(best, len(set(want) & have) / len(set(want) | have))
        scores.append(0.01 + best)
    return pd.Series(scores, index=cat.index)


def measures(search: str | None = None, lang: str = "vi") -> Table:
    """The measures (rates and derived figures, with their definitions) and the catalogue
    indicators, with Vietnamese and English names and units.

    ``search`` keeps the rows whose code, names or definition hold every word of it, in
    either language, with or without diacritics (``"đúng hạn"``, ``"dung han"``,
    ``"on-time"``, ``"tthc.on_time_rate"``), best match first.
    """
    cat = _catalogue()
    if search:
        score = _scored(search, cat)
        cat = cat.assign(_s=score)[score > 0].sort_values("_s", ascending=False, kind="stable")
        cat = cat.drop(columns="_s")
    cat = cat.reset_index(drop=True)
    caption = (f"Chỉ tiêu khớp “{search}”: {len(cat)}" if search else
               f"Các chỉ tiêu: {len(cat)}")
    return _table(cat, "measures", caption=caption, lang=lang)


def measure(name: str) -> comparison.Measure:
    """The measure ``name`` is: a code (``rate.tthc_on_time``, ``tthc.received_online``), or
    words that match one measure better than every other (``"tỷ lệ đúng hạn"``,
    ``"tthc.on_time_rate"``).

    Raises
    ------
    ParameterError
        When nothing matches, or several match equally well (the message lists them).
    """
    if isinstance(name, comparison.Measure):
        return name
    key = str(name).strip()
    if key in comparison.MEASURES or key in indicators.CATALOGUE:
        return comparison.get(key)
    cat = _catalogue()
    score = _scored(key, cat)
    top = score.max() if len(score) else 0.0
    best = cat[score == top] if top > 0 else cat.iloc[0:0]
    if len(best) == 1 and top >= 0.5:
        return comparison.get(best.iloc[0]["code"])
    near = cat.assign(_s=score)[score > 0].sort_values("_s", ascending=False).head(5)
    listed = "; ".join(f"{r.code} ({r.name_vi})" for r in near.itertuples(index=False))
    raise ParameterError(
        f"Không rõ chỉ tiêu “{key}”." + (f" Gần nhất: {listed}." if listed else ""),
        f"Unknown or ambiguous measure “{key}”." + (f" Closest: {listed}." if listed else ""),
        where="measure",
        hint_vi="Tìm bằng pa.measures(\"từ khóa\") rồi dùng mã ở cột code.",
        hint_en="Search with pa.measures(\"word\") and use a code from its code column.")


# -- periods and units ------------------------------------------------------------------------
def _period_codes(tidy: pd.DataFrame, wanted, m: comparison.Measure | None = None
                  ) -> list[str]:
    """``wanted`` (codes or phrases) as codes, oldest first.

    ``None``: every period with a figure of ``m``, of one kind only (a year is not set among
    half-years): the kind with the most such periods."""
    if wanted is None:
        rows = tidy if m is None else tidy[tidy["indicator"].isin(m.codes())]
        codes = list(dict.fromkeys(rows["period"].astype(str)))
        kinds = {c: period_model.parse(c).kind for c in codes}
        if kinds:
            common = pd.Series(list(kinds.values())).value_counts().index[0]
            codes = [c for c in codes if kinds[c] == common]
    else:
        items = [wanted] if isinstance(wanted, str) else list(wanted)
        codes = [period_model.parse(str(p)).code for p in items]
    parsed = {c: period_model.parse(c) for c in dict.fromkeys(codes)}
    return sorted(parsed, key=lambda c: parsed[c].sort_key())


def _units(reg, wanted) -> list[str]:
    """``wanted`` (codes or names as written; None for the whole province) as unit codes."""
    if wanted is None:
        return [reg.home]
    items = [wanted] if isinstance(wanted, str) else list(wanted)
    out = []
    for a in items:
        code = str(a).strip()
        if code not in reg.units:
            code = agency_model.resolve_text(code, reg.path or None)
        if code not in reg.units:
            near = ", ".join(agency_model.suggest(str(a), reg.path or None))
            raise ParameterError(
                f"Không có đơn vị “{a}” trong danh mục đơn vị."
                + (f" Có phải: {near}?" if near else ""),
                f"No unit “{a}” in the registry." + (f" Did you mean: {near}?" if near else ""),
                where="agencies", hint_vi="Dùng mã (SKHCN) hoặc tên đơn vị (Sở Y tế).",
                hint_en="Use a code (SKHCN) or a unit's name (Sở Y tế).")
        if code not in out:
            out.append(code)
    return out


def _words(kind: str, lang: str = "vi") -> str:
    return SOURCE_WORDS[kind][0 if lang == "vi" else 1]


def _source_of(used: pd.DataFrame) -> str:
    """real / illustrative / mixed / none of the tidy rows a figure was made of."""
    if used.empty:
        return "none"
    ill = used["illustrative"].astype(bool)
    return "illustrative" if ill.all() else "real" if not ill.any() else "mixed"


def _findings_text(found: pd.DataFrame, units: Iterable[str], period: str,
                   groups: set[str]) -> str:
    """The error and warning findings about ``units`` in ``period`` for ``groups``."""
    if found.empty:
        return ""
    sel = found[found["agency"].isin(list(units)) & (found["period"] == period)]
    grp = sel["indicator"].fillna("").astype(str).str.split(".").str[0]
    sel = sel[(grp == "") | grp.isin(groups)]
    sel = sel[sel["severity"].isin(["error", "warning"])]
    words = {"error": "lỗi", "warning": "cảnh báo"}
    return "; ".join(dict.fromkeys(f"{words[r.severity]}: {r.rule} ({r.agency})"
                                   for r in sel.itertuples(index=False)))


def _groups(m: comparison.Measure) -> set[str]:
    return {c.split(".")[0] for c in m.codes()}


# -- trend ------------------------------------------------------------------------------------
TREND_COLUMNS = ["period", "agency", "field", "measure", "value", "numerator", "denominator",
                 "source", "illustrative", "error", "note", "raw", "excluded", "n_agencies",
                 "lineage", "findings", "source_files"]


def trend(measure: str, agencies: str | Sequence[str] | None = None,
          periods: str | Sequence[str] | None = None, by: str = "agency", *,
          data: str | Path | None = None, lineage: bool = True, lang: str = "vi") -> Table:
    """One row per period and unit of ``measure``: value, numerator, denominator, source kind
    (thật / minh họa / thật một phần), error flag and the findings, lineage across mergers.

    ``agencies``: codes or names (default: the whole province); ``periods``: codes or phrases
    (default: every period with a figure of the measure, of the most common kind, so that a
    year is not set among half-years); ``by="field"`` gives one row per field (lĩnh vực) of
    each agency instead of its total.  With ``lineage`` (default), a period before a merger
    takes the figures of the units the agency was formed from (``lineage`` names them); a
    period missing one of them has no value (note ``predecessor_missing``).  A province sum
    leaves out units whose data failed its checks (``excluded``).  A rate outside 0–100 has
    no value (note ``out_of_range``; the computed figure in ``raw``).
    """
    if by not in ("agency", "field"):
        raise ParameterError(f"Tham số by phải là “agency” hoặc “field”, không phải “{by}”.",
                             f"Parameter by must be “agency” or “field”, not “{by}”.",
                             where="by")
    m = globals()["measure"](measure)
    tidy, found = _loaded(data)
    reg = _registry(data)
    plist = _period_codes(tidy, periods, m)
    units = _units(reg, agencies)
    current = plist[-1]
    history = comparison.Lineage(reg, current)
    lin = history if lineage else None
    groups = sorted(_groups(m))
    found = found[found["period"].isin(plist)]
    recs = []
    for a in units:
        if by == "field":
            rows = comparison.select(tidy, a, plist, field=None, groups=groups)
            rows = rows[rows["field"] != ""]
            vals = comparison.measure_values(rows, [m], by="field")
            for r in vals.itertuples(index=False):
                used = comparison.used_rows(rows[rows["field"] == r.field], [m], [r.period])
                recs.append(_trend_row(m, r.period, a, r.field, r.value, r.numerator,
                                       r.denominator, r, used, "", found, [a], lang))
            continue
        rows = comparison.select(tidy, a, plist, groups=groups, lineage=lin)
        table = comparison.against(rows, [m], current, [p for p in plist if p != current])
        vals = comparison.measure_values(rows, [m])
        look = {r.period: r for r in vals.itertuples(index=False)}
        for t in table.itertuples(index=False):
            v = look.get(t.period)
            base = history.baseline(a, t.period) if a in reg.units else None
            changed = base is not None and base.changed
            feeders = [f.code for f in base.feeders] if changed and lineage else [a]
            blank = t.note in comparison.LINEAGE_NOTES
            num = np.nan if v is None or blank else v.numerator
            den = np.nan if v is None or blank else v.denominator
            used = comparison.used_rows(rows, [m], [t.period])
            r = v if not blank else t
            row = _trend_row(m, t.period, a, "", t.value, num, den, r, used,
                             " + ".join(f.code for f in base.feeders) if changed else "",
                             found, feeders, lang)
            if changed and not lineage and not row["note"]:
                row["note"] = "unit_changed"
            recs.append(row)
    out = pd.DataFrame(recs, columns=TREND_COLUMNS)
    if by == "agency":
        out = out.drop(columns="field")
    out = out.sort_values(["period"], key=lambda s: s.map(
        {c: i for i, c in enumerate(plist)}), kind="stable").reset_index(drop=True)
    cap = f"{m.label(lang)} ({m.unit_label(lang)})"
    return _table(out, "trend", caption=cap, lang=lang, measure=m,
                  columns=_number_columns(m, lang), marked=("value",),
                  hidden=("measure", "source_files"))


def _trend_row(m, period, agency, field, value, num, den, r, used, lineage_text, found,
               units, lang) -> dict:
    note = getattr(r, "note", "") if r is not None else ""
    if r is None or (pd.isna(value) and not note):
        note = note or "no_data"
    kind = _source_of(used)
    return {"period": period, "agency": agency, "field": field, "measure": m.code,
            "value": value, "numerator": num, "denominator": den,
            "source": _words(kind, lang), "illustrative": bool(getattr(r, "illustrative", False))
            if r is not None else False,
            "error": bool(getattr(r, "error", False)) if r is not None else False,
            "note": note, "raw": getattr(r, "raw", np.nan) if r is not None else np.nan,
            "excluded": tuple(getattr(r, "excluded", ()) or ()) if r is not None else (),
            "n_agencies": int(getattr(r, "n_agencies", 0) or 0) if r is not None else 0,
            "lineage": lineage_text,
            "findings": _findings_text(found, units, period, _groups(m)),
            "source_files": ", ".join(sorted(set(used["source_file"]) - {""}))}


def _number_columns(m: comparison.Measure, lang: str) -> dict:
    unit = m.unit_label(lang)
    vi = lang == "vi"
    cols = {"value": (f"{'giá trị' if vi else 'value'} ({unit})", m.kind),
            "raw": (f"{'số tính ra, sai' if vi else 'computed, invalid'} ({unit})", m.kind),
            "n_agencies": ("số đơn vị" if vi else "units", "int")}
    if m.kind == "rate":
        cols["numerator"] = ("tử số" if vi else "numerator", "count")
        cols["denominator"] = ("mẫu số" if vi else "denominator", "count")
    else:
        cols["numerator"] = (f"{'tổng' if vi else 'sum'} ({unit})", "count")
        cols["denominator"] = ("mẫu số" if vi else "denominator", "count")
    return cols


# -- compare ----------------------------------------------------------------------------------
def compare(period: str, against: str | Sequence[str] = ("previous", "same_period_last_year"),
            agencies: str | Sequence[str] | None = None,
            measures: Sequence[str] | None = None, *, data: str | Path | None = None,
            lang: str = "vi") -> Table:
    """``period``'s key figures of each unit next to the comparison periods, like for like.

    ``against``: ``previous``, ``same_period_last_year`` or period codes; ``measures``:
    codes or words (default: the overview's key figures).  One row per unit, measure and
    period (the current period first): value, change (in points for a rate) and change in
    %, note (why a change is not computed: ``base_illustrative``, ``current_error``,
    ``no_common`` …; ``common_units`` when a province's change is computed over the units
    with figures in both periods, their number in ``n_common``), flags and lineage.
    Everything is :func:`papi_analysis.analysis.comparison.against`, as in an appendix.
    """
    p = period_model.parse(str(period))
    bases = comparison.comparison_periods(
        p, [against] if isinstance(against, str) else list(against))
    ms = ([globals()["measure"](x) for x in measures] if measures
          else list(comparison.OVERVIEW))
    tidy, found = _loaded(data)
    reg = _registry(data)
    lin = comparison.Lineage(reg, p)
    parts = []
    for a in _units(reg, agencies):
        rows = comparison.select(tidy, a, [p, *bases], lineage=lin)
        t = comparison.against(rows, ms, p, bases)
        info = comparison.lineage_of(rows)
        t.insert(0, "agency", a)
        t.insert(2, "label", [comparison.get(c).label(lang) for c in t["measure"]])
        t.insert(3, "unit", [comparison.get(c).unit_label(lang) for c in t["measure"]])
        kinds, lineage_text, notes = [], [], []
        for r in t.itertuples(index=False):
            used = comparison.used_rows(rows, [r.measure], [r.period])
            kinds.append(_words(_source_of(used), lang))
            base = info.bases.get(r.period) if info is not None else None
            lineage_text.append(" + ".join(f.code for f in base.feeders) if base else "")
            feeders = [f.code for f in base.feeders] if base else [a]
            notes.append(_findings_text(found, feeders, r.period,
                                        _groups(comparison.get(r.measure))))
        t["source"], t["lineage"], t["findings"] = kinds, lineage_text, notes
        parts.append(t)
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    vi = lang == "vi"
    cols = {"value": ("giá trị" if vi else "value", "mixed"),
            "change": ("thay đổi (đơn vị; điểm % với tỷ lệ)" if vi
                       else "change (units; points for rates)", "change"),
            "change_pct": ("thay đổi (%)" if vi else "change (%)", "change_pct"),
            "raw": ("số tính ra, sai" if vi else "computed, invalid", "count"),
            "common_value": ("kỳ này, đơn vị chung" if vi else "now, common units", "mixed"),
            "common_base": ("kỳ so sánh, đơn vị chung" if vi else "base, common units",
                            "mixed"),
            "n_common": ("số đơn vị chung" if vi else "common units", "int"),
            "n_agencies": ("số đơn vị" if vi else "units", "int")}
    cap = (f"So sánh {p.label(lang)} với " + ", ".join(b.code for b in bases) if vi
           else f"{p.label(lang)} against " + ", ".join(b.code for b in bases))
    return _table(out, "compare", caption=cap, lang=lang, columns=cols,
                  marked=("value",), period=p.code,
                  hidden=("measure", "kind", "derived", "alternatives"))


# -- rank -------------------------------------------------------------------------------------
def rank(measure: str, period: str, against: str | None = "previous", *,
         data: str | Path | None = None, lang: str = "vi", ascending: bool | None = None
         ) -> Table:
    """The departments of the province ranked by ``measure`` in ``period``.

    :func:`papi_analysis.analysis.comparison.rank` of
    :func:`~papi_analysis.analysis.comparison.breakdown`: ranks use the values as displayed
    (ties share a rank); a department whose data failed its checks is not ranked
    (``unranked = "error"``), one without a figure neither (``"no_data"``); ``rank_move``
    compares ranks with ``against`` among the departments ranked in both periods with
    figures of the same kind.  Counts of work left (pending, overdue) rank lowest first.
    """
    m = globals()["measure"](measure)
    p = period_model.parse(str(period))
    tidy, found = _loaded(data)
    reg = _registry(data)
    base = comparison.comparison_periods(p, [against])[0] if against else None
    members = [a.code for a in reg.departments(p)]
    table = comparison.breakdown(tidy, reg.home, p, [m], members=members, base=base,
                                 lineage=comparison.Lineage(reg, p))
    if ascending is None:
        ascending = m.code.endswith(("pending", "pending_overdue", "resolved_late", "_open"))
    out = comparison.rank(table, m.code, ascending=ascending)
    names = {a.code: a.name(lang) for a in reg.units.values()}
    out.insert(1, "name", [names.get(k, k) for k in out["key"]])
    out["source"] = [_words("illustrative" if i else "real", lang)
                     for i in out["illustrative"].astype(bool)]
    out["findings"] = [_findings_text(found, [k], p.code, _groups(m)) for k in out["key"]]
    unit = m.unit_label(lang)
    vi = lang == "vi"
    cols = {m.code: (f"{m.label(lang)} ({unit})", m.kind),
            f"base:{m.code}": (f"{base.code if base else ''} ({unit})", m.kind),
            f"change:{m.code}": ("thay đổi" + (" (điểm %)" if m.is_rate else f" ({unit})")
                                 if vi else "change" + (" (points)" if m.is_rate
                                                        else f" ({unit})"),
                                 "change_pp" if m.is_rate else "change_count"),
            f"invalid:{m.code}": ("số tính ra, sai" if vi else "computed, invalid", m.kind),
            "rank": ("hạng" if vi else "rank", "int"),
            "rank_move": ("đổi hạng" if vi else "rank move", "change_int"),
            "n_rank_common": ("số đơn vị so hạng" if vi else "units in rank move", "int")}
    cap = f"Xếp hạng: {m.label(lang)}, {p.label(lang)}" if vi else \
        f"Ranking: {m.label(lang)}, {p.label(lang)}"
    hidden = ("by", f"change_pct:{m.code}", "base_period", "n_rank_common")
    return _table(out, "rank", caption=cap, lang=lang, measure=m, columns=cols,
                  marked=(m.code,), hidden=hidden, period=p.code)


# -- PAPI -------------------------------------------------------------------------------------
def papi(province: int | str | None = None, *, data: str | Path | None = None,
         lang: str = "vi") -> Table:
    """The province's PAPI scores 2011–2024 by year and measure (d1–d8, total) with the
    national median and the best province (:func:`papi_analysis.analysis.papi.trend`).

    ``province``: GSO code or Vietnamese name (default: the project's province).  Missing
    years stay as rows without a value (``missing``), never interpolated; ``note`` says
    where totals are not comparable (the 2018 scale change).
    """
    folder = None if data is None else datasets.data_folder(data)
    wide = papi_scores.load(folder)
    gso = province
    if isinstance(province, str) and not province.isdigit():
        gso = papi_scores.gso_of(wide, province)
        if gso is None:
            raise ParameterError(f"Không có tỉnh “{province}” trong số liệu PAPI.",
                                 f"No province “{province}” in the PAPI data.", where="province")
    kwargs = {} if gso is None else {"gso_code": int(gso)}
    out = papi_scores.trend(wide, **kwargs)
    out.insert(2, "label", [papi_scores.measure_label(x, lang) for x in out["measure"]])
    name = papi_scores.province_name(wide, int(gso) if gso is not None else
                                     config.PROVINCE_GSO_CODE, lang)
    vi = lang == "vi"
    cols = {"value": ("điểm" if vi else "score", "score"),
            "national_median": ("trung vị cả nước" if vi else "national median", "score"),
            "best": ("tỉnh cao nhất" if vi else "best province", "score"),
            "year": ("năm" if vi else "year", "int"),
            "comparable_from": ("so sánh được từ" if vi else "comparable from", "int")}
    return _table(out, "papi", caption=f"PAPI – {name}", lang=lang, columns=cols,
                  province=name, hidden=("note_en",) if vi else ("note",))


# -- helpers ----------------------------------------------------------------------------------
def _table(df: pd.DataFrame, what: str, *, caption: str = "", lang: str = "vi",
           columns: dict | None = None, marked: Sequence[str] = (),
           hidden: Sequence[str] = (), **extra) -> Table:
    out = Table(df.reset_index(drop=True))
    out.view = {"what": what, "caption": caption, "lang": lang, "units": columns or {},
                "marked": tuple(marked), "hidden": tuple(hidden), **extra}
    return out
