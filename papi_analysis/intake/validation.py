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

import contextlib
import hashlib
import math
from collections import defaultdict
from pathlib import Path

import pandas as pd

from .. import atomic, config, fingerprint, fmt
from ..errors import AgencyError, IndicatorError, PapiError, PeriodError
from ..model import agencies, indicators, periods, schema
from . import datasets
from .findings import COLUMNS, ERROR, WARNING, finding, frame, from_error, location, problem

__all__ = ["COLUMNS", "ERROR", "WARNING", "finding", "frame", "from_error", "location", "problem",
           "check_data", "exit_code", "summary", "validate", "write_findings"]

_TOL = 1e-6
_MAX_LINES_PER_GROUP = 50


def _num(x: float, lang: str) -> str:
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

    Parameters
    ----------
    tidy : DataFrame
        A tidy table (:data:`papi_analysis.model.schema.COLUMNS`).
    read_findings : DataFrame, optional
        Findings of the readers (:func:`papi_analysis.intake.submissions.read_many`), kept in front.
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
    registry = agencies.registry(agencies_path)
    df["loc_"] = [location(f, s, r, c) for f, s, r, c in
                  zip(df["source_file"], df["source_sheet"], df["source_row"], df["source_column"],
                      strict=True)]
    parsed = {p: _try_period(p) for p in df["period"].unique()}
    df["pcode_"] = [parsed[p].code if parsed[p] else p for p in df["period"]]

    df = datasets.drop_unowned(df, "pcode_").copy()
    rows: list[dict] = []
    rows += _check_codes(df, registry, parsed, agencies_path)
    rows += _check_values(df)
    rows += _check_duplicates(df)
    clean = datasets.by_precedence(df).drop_duplicates(
        ["agency", "pcode_", "indicator", "field"], keep="first")
    rows += _check_identities(clean)
    rows += _check_chain(clean, parsed)
    before = read_findings if read_findings is not None else frame()
    return frame(before.to_dict("records") + rows)


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
    bad_ag = df[~df["agency"].str.strip().str.upper().isin(codes)]
    for r in _first_by(bad_ag, ["agency", "source_file"]).itertuples():
        if not r.agency.strip():
            out.append(finding(ERROR, "agency.missing",
                               f"Thiếu mã đơn vị báo cáo{_times(r.n_, 'vi')}.",
                               f"The reporting agency is missing{_times(r.n_, 'en')}.",
                               period=r.period, indicator=r.indicator, where=r.loc_))
            continue
        try:
            agencies.get(r.agency, agencies_path)
        except AgencyError as err:
            out.append(_code_finding("agency.unknown", err, r))
    bad_p = df[df["period"].map(lambda p: parsed[p] is None).astype(bool)]
    for r in _first_by(bad_p, ["period", "source_file"]).itertuples():
        try:
            periods.parse(r.period)
        except PeriodError as err:
            out.append(_code_finding("period.unknown", err, r))
    return out


def _code_finding(rule: str, err: PapiError, r) -> dict:
    """The finding for an unknown code: the lookup's own message and hint, and how often."""
    return finding(ERROR, rule, f"{err.vi}{_times(r.n_, 'vi')} {err.hint_vi}",
                   f"{err.en}{_times(r.n_, 'en')} {err.hint_en}", agency=r.agency,
                   period=r.period, indicator=r.indicator, field=r.field, where=r.loc_)


#: No figure an agency reports (files, persons, million VND, m²) comes near 10^12: a larger
#: value is a typing or export error, and arithmetic on it would lose precision.
_PLAUSIBLE = 1e12


def _check_values(df: pd.DataFrame) -> list[dict]:
    out: list[dict] = []
    known = df[df["indicator"].isin(list(indicators.CATALOGUE))]
    for r in known.itertuples():
        ind = indicators.CATALOGUE[r.indicator]
        v = r.value
        ctx = dict(agency=r.agency, period=r.pcode_, indicator=r.indicator, field=r.field,
                   where=r.loc_)
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
                f"có hai lần: {_num(first.value, 'vi')} tại {first.loc_ or '?'} và "
                f"{_num(r.value, 'vi')} tại {r.loc_ or '?'}. {do_vi}",
                f"“{r.indicator}” of {r.agency}, period {r.pcode_}{_field_note(r.field, 'en')} "
                f"appears twice: {_num(first.value, 'en')} at {first.loc_ or '?'} and "
                f"{_num(r.value, 'en')} at {r.loc_ or '?'}. {do_en}",
                agency=r.agency, period=r.pcode_, indicator=r.indicator, field=r.field,
                where=r.loc_))
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
        where=f"{used.loc_ or used.source_file} ⟷ {other.loc_ or other.source_file}")]


# -- identities ----------------------------------------------------------------------------
def _terms(identity: indicators.Identity, have: dict) -> tuple[list[str], str, str] | None:
    """The parts to add (with the rule's wording), or ``None`` when the rule cannot be checked."""
    parts = list(identity.parts)
    vi, en = identity.vi, identity.en
    if identity.rule == "tthc.balance" and "tthc.returned_withdrawn" not in have:
        parts.remove("tthc.returned_withdrawn")
    if (identity.rule == "tthc.resolved_split"
            and not {"tthc.resolved_early", "tthc.resolved_on_time"} <= set(have)
            and "tthc.resolved_early_on_time" in have):
        parts = ["tthc.resolved_early_on_time", "tthc.resolved_late"]
        vi = en = "(7) = [(8) + (9)] + (10)"
    if identity.total not in have or any(p not in have for p in parts):
        return None
    return parts, vi, en


def _check_identities(df: pd.DataFrame) -> list[dict]:
    out: list[dict] = []
    wanted = {i.total for i in indicators.IDENTITIES}
    candidates = df[df["indicator"].isin(wanted)][["agency", "pcode_", "field"]].drop_duplicates()
    sub = df.merge(candidates, on=["agency", "pcode_", "field"])
    sub = sub[sub["value"].notna()]
    for (agency, period, field), grp in sub.groupby(["agency", "pcode_", "field"], sort=False):
        have = {r.indicator: r for r in grp.itertuples()}
        for ident in indicators.IDENTITIES:
            terms = _terms(ident, have)
            if terms is None:
                continue
            parts, rule_vi, rule_en = terms
            total = have[ident.total]
            values = [have[p].value for p in parts]
            s = sum(values)
            broken = abs(total.value - s) > _TOL if ident.op == "=" else s > total.value + _TOL
            if not broken:
                continue
            msg = {lang: _identity_text(ident.op, text, total.value, values, s, lang)
                   + _field_note(field, lang)
                   for lang, text in (("vi", rule_vi), ("en", rule_en))}
            out.append(finding(ident.severity, ident.rule, msg["vi"], msg["en"], agency=agency,
                               period=period, indicator=ident.total, field=field,
                               where=total.loc_))
    return out


def _identity_text(op: str, rule: str, total: float, values: list[float], s: float,
                   lang: str) -> str:
    added = " + ".join(_num(v, lang) for v in values)
    if op == "=":
        right = added if len(values) == 1 else f"{added} = {_num(s, lang)}"
        return f"{rule}: {_num(total, lang)} ≠ {right}"
    left = added if len(values) == 1 else f"{added} = {_num(s, lang)}"
    return f"{rule}: {left} > {_num(total, lang)}"


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


def _check_chain(df: pd.DataFrame, parsed: dict) -> list[dict]:
    out: list[dict] = []
    codes = {c for chain in _CHAINS for c in (chain[1], *chain[2], *chain[3])}
    sub = df[df["indicator"].isin(codes) & df["value"].notna()]
    by_code = {p.code: p for p in parsed.values() if p is not None}
    table: dict[tuple, dict[str, dict]] = defaultdict(lambda: defaultdict(dict))
    for r in sub.itertuples():
        if r.pcode_ in by_code:
            table[(r.agency, r.field)][r.pcode_][r.indicator] = r
    for (agency, field), per in table.items():
        for rule, carried, plus, minus, vi, en in _CHAINS:
            for p_code, have_p in per.items():
                if carried not in have_p:
                    continue
                for q_code, have_q in per.items():
                    if not by_code[p_code].follows(by_code[q_code]):
                        continue
                    if any(c not in have_q for c in (*plus, *minus)):
                        continue
                    kinds = {bool(have_q[c].illustrative) for c in (*plus, *minus)}
                    if kinds != {bool(have_p[carried].illustrative)}:
                        continue  # real against illustrative: nothing to learn
                    before = (sum(have_q[c].value for c in plus)
                              - sum(have_q[c].value for c in minus))
                    now = have_p[carried]
                    if abs(now.value - before) <= _TOL:
                        continue
                    where_q = have_q[plus[0]].loc_
                    msg = {lang: ("Chuỗi chuyển kỳ: " if lang == "vi" else "Carry-over chain: ")
                           + text.format(p=p_code, q=q_code, a=_num(now.value, lang),
                                         b=_num(before, lang))
                           + (f" ({'tại' if lang == 'vi' else 'at'} {where_q})" if where_q else "")
                           + _field_note(field, lang)
                           for lang, text in (("vi", vi), ("en", en))}
                    out.append(finding(WARNING, rule, msg["vi"], msg["en"], agency=agency,
                                       period=p_code, indicator=carried, field=field,
                                       where=now.loc_))
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

    def _listing(items: list[str]) -> str:
        if not items:
            return ""
        return " (" + ", ".join(items[:8]) + (", …" if len(items) > 8 else "") + ")"

    lines = [
        (f"Đã kiểm tra {len(files)} tệp: {fmt.number(len(tidy), lang)} giá trị đọc được, "
         f"{len(ags)} đơn vị{_listing(ags)}, {len(pers)} kỳ{_listing(pers)}.") if vi else
        (f"Checked {len(files)} file(s): {fmt.number(len(tidy), lang)} values read, "
         f"{len(ags)} agencies{_listing(ags)}, {len(pers)} periods{_listing(pers)}."),
        (f"Kết quả kiểm tra: {n_err} lỗi, {n_warn} cảnh báo." if vi else
         f"Checks: {n_err} error(s), {n_warn} warning(s)."),
    ]
    sev_label = {ERROR: "LỖI" if vi else "ERROR", WARNING: "CẢNH BÁO" if vi else "WARNING"}
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
    code = fingerprint.code_digest("model", "intake", "prose")
    key = hashlib.sha256(f"{fingerprint.data_fingerprint(base)}|{ill}|{code}"
                         .encode()).hexdigest()[:20]
    path = config.CACHE_DIR / "findings" / f"{key}.csv"
    if cache and path.is_file():
        with contextlib.suppress(OSError, ValueError, pd.errors.ParserError):
            got = pd.read_csv(path, dtype=str, keep_default_na=False)
            if list(got.columns) == COLUMNS:
                return frame(got.to_dict("records"))
    tidy, read_findings = datasets.read_all(base, ill)
    out = validate(tidy, read_findings)
    if cache:
        with contextlib.suppress(OSError):
            with atomic.replacing(path) as tmp:
                out.to_csv(tmp, index=False)
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
