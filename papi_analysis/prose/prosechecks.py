"""The arithmetic of a prose report checked against itself, and figures a stated 100% implies.

Findings of one report (:class:`papi_analysis.prose.figures.Extraction`), in the columns of
:data:`papi_analysis.intake.findings.COLUMNS`:

* ``prose.total_mismatch`` (:func:`check_groups`): a total against the parts stated with it
  ("281 hồ sơ, trong đó 276 … và 5 …"); a sum that adds up raises the confidence of the
  total and its parts by 0.05;
* ``prose.count_vs_list`` (:func:`count_vs_list`): "04 Quyết định: …" against the numbers
  of the documents listed after the colon;
* ``prose.rate_mismatch`` (:func:`check_rates`): a stated rate against the counts it
  describes (any known definition of the rate may match);
* ``prose.no_agency`` / ``prose.no_period`` (:func:`not_found`).

:func:`derive` adds the counts a stated 100% implies (not written as counts).

The figures are :class:`~papi_analysis.prose.figures.Figure` objects;
:mod:`papi_analysis.prose.extraction` calls this module, and both take the types from
:mod:`papi_analysis.prose.figures`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from .. import fmt
from ..intake.findings import finding, location
from . import patterns as pt
from .figures import Extraction, Figure


def _finding(ex: Extraction, severity: str, rule: str, indicator: str, fld: str, row: int,
             span: tuple[int, int] | None, vi: str, en: str) -> dict:
    """One finding of report ``ex`` at paragraph ``row`` and character ``span``."""
    where = location(ex.source, "", row, f"c{span[0]}-c{span[1]}" if span else "")
    return finding(severity, rule, vi, en, agency=ex.agency, period=ex.period_code,
                   indicator=indicator, field=fld, where=where)


def not_found(ex: Extraction) -> list[dict]:
    """Warnings for a unit or period that the report does not give (and no override did)."""
    out = []
    if not ex.agency:
        out.append(_finding(ex, "warning", "prose.no_agency", "", "", 0, None,
                            "Không xác định được đơn vị báo cáo; dùng --agency.",
                            "The reporting unit was not found; use --agency."))
    if ex.period is None:
        out.append(_finding(ex, "warning", "prose.no_period", "", "", 0, None,
                            "Không xác định được kỳ báo cáo; dùng --period.",
                            "The reporting period was not found; use --period."))
    return out


def _n(x: float, lang: str = "vi") -> str:
    """A count as findings show it: no decimals when whole, else one."""
    return fmt.number(x, lang, 0 if float(x).is_integer() else 1)


def indicators_unit(code: str) -> str:
    """The catalogue unit of ``code``."""
    from ..model import indicators

    return indicators.get(code).unit


def check_groups(ex: Extraction, figs: list[Figure],
                 groups: dict[int, list[Figure]]) -> list[dict]:
    """Total against the parts stated with it; a sum that adds up raises confidence."""
    out = []
    for hi, parts in groups.items():
        head = figs[hi]
        checks = [(split, complete) for total, split, complete in pt.SPLITS
                  if total == head.indicator]
        by_field = [p for p in parts if p.indicator == head.indicator and p.field != head.field]
        if by_field:
            lv = {p.field for p in by_field}
            checks.append((None, lv == set(pt.LEVELS.values())))
        for split, complete in checks:
            used = by_field if split is None else [
                p for p in parts if p.indicator in split and p.field == head.field]
            if not used:
                continue
            if head.approximate or any(p.approximate for p in used):
                continue  # "hơn 83,6 tỷ … hơn 4,7 tỷ … gần 79 tỷ" only adds up roughly
            total = sum(p.value for p in used)
            full = complete and (split is None or {p.indicator for p in used} == set(split))
            ok = abs(total - head.value) < 1e-6 if full else total <= head.value + 1e-6
            # a gap within the rounding of amounts stated with decimals ("55,543 tỷ" against
            # 3,593 + 51,949) is pointed at as a warning, not an error
            rounding = abs(total - head.value) <= 1e-4 * max(abs(head.value), 1) and (
                head.value != int(head.value) or any(p.value != int(p.value) for p in used)
                or indicators_unit(head.indicator) == "million_vnd")
            if ok and full:
                for f in [head, *used]:
                    f.bonus = 0.05
            if not ok:
                expr = " + ".join(_n(p.value) for p in used)
                expr_en = " + ".join(_n(p.value, "en") for p in used)
                out.append(_finding(
                    ex, "warning" if rounding else "error", "prose.total_mismatch",
                    head.indicator, head.field, head.row,
                    (head.start, head.end),
                    f"Tổng {_n(head.value)} khác tổng các phần nêu trong câu: {expr} = "
                    f"{_n(total)}.",
                    f"Total {_n(head.value, 'en')} differs from the parts stated in the "
                    f"sentence: {expr_en} = {_n(total, 'en')}."))
    return out


def count_vs_list(ex: Extraction, para: str, folded: str, row: int,
                  spans: list[tuple[int, int]]) -> list[dict]:
    """"04 Quyết định …: 651/QĐ-UBND …; 751/…" with fewer or more numbers than stated.

    ``spans`` are the sentences of ``para`` (:func:`papi_analysis.prose.extraction.sentences`): the
    list counted is the rest of the sentence after the colon.
    """
    out = []
    kinds = "|".join(pt.COUNTED_DOCS)
    for m in re.finditer(rf"(?<![\w/.,])(\d+)\s+({kinds})\b", folded):
        colon = folded.find(":", m.end(), m.end() + 300)
        if colon < 0 or re.search(pt.LIST_IS_PARTIAL, folded[m.end():colon]):
            continue
        if re.search(r"[.;]\s", folded[m.end():colon]):
            continue
        k = bisect.bisect_right(spans, colon, key=lambda s: s[0]) - 1
        s_end = spans[k][1] if k >= 0 and spans[k][0] <= colon < spans[k][1] else len(para)
        refs = list(re.finditer(pt.DOC_RE, para[colon:min(s_end, colon + 2000)]))
        if not refs or refs[0].start() > 40:
            continue
        wanted = pt.COUNTED_DOCS[m.group(2)]
        named = [r.group("number") for r in refs if wanted is None or any(
            f"/{w}-" in r.group("number") for w in wanted)]
        stated = int(m.group(1))
        if named and len(named) != stated:
            word = para[m.start(2):m.end(2)]
            lst = ", ".join(named)
            out.append(_finding(
                ex, "warning", "prose.count_vs_list", "", "", row, (m.start(), m.end()),
                f"Nêu {m.group(1)} {word} nhưng liệt kê {len(named)}: {lst}.",
                f"States {m.group(1)} {word} but lists {len(named)}: {lst}."))
    return out


def _value_of(expr: str, figs: dict, fld: str) -> float | None:
    """The value of ``"a+b"`` from the figures stated in field ``fld``; ``None`` if one lacks."""
    vals = [figs.get((c, fld)) for c in expr.split("+")]
    return None if any(v is None for v in vals) else float(sum(vals))


def derive(figs: list[Figure]) -> list[Figure]:
    """At exactly 100%, the counted numerator equals the rate's first denominator."""
    stated = {}
    for f in figs:
        stated.setdefault((f.indicator, f.field), f.value)
    out = []
    for f in figs:
        if f.indicator not in pt.RATES or f.value != 100:
            continue
        nums, dens = pt.RATES[f.indicator]
        num, den = nums[0], dens[0]
        if "+" in num or "+" in den or (num, f.field) in stated or (den, f.field) not in stated:
            continue
        out.append(replace(f, indicator=num, value=stated[(den, f.field)], percent=False,
                           derived=True, pattern=f"{f.pattern}→100%"))
    return out


def check_rates(ex: Extraction) -> list[dict]:
    """Stated rates against the counts they describe (any known definition may match)."""
    figs = {}
    for f in ex.figures:
        if not f.derived:
            figs.setdefault((f.indicator, f.field), f.value)
    out = []
    for f in ex.figures:
        if f.indicator not in pt.RATES or f.derived:
            continue
        nums, dens = pt.RATES[f.indicator]
        pairs = [(n, d, _value_of(n, figs, f.field), _value_of(d, figs, f.field))
                 for n in nums for d in dens]
        pairs = [p for p in pairs if p[2] is not None and p[3]]
        if not pairs:
            continue
        tol = 0.5 * 10 ** (-f.decimals) + 1e-9
        if any(abs(100 * a / b - f.value) <= tol for _, _, a, b in pairs):
            continue
        n, d, a, b = pairs[0]
        got = 100 * a / b
        n, d = (re.sub(r"\b[a-z]+\.", "", x).replace("+", " + ") for x in (n, d))
        n = f"({n})" if "+" in n else n
        out.append(_finding(
            ex, "warning", "prose.rate_mismatch", f.indicator, f.field, f.row, (f.start, f.end),
            f"Tỷ lệ nêu {fmt.percent(f.value, 'vi', f.decimals)} nhưng {n} / {d} = {_n(a)} / "
            f"{_n(b)} = {fmt.percent(got, 'vi', max(f.decimals, 1))}.",
            f"Stated rate {fmt.percent(f.value, 'en', f.decimals)} but {n} / {d} = "
            f"{_n(a, 'en')} / {_n(b, 'en')} = {fmt.percent(got, 'en', max(f.decimals, 1))}."))
    return out
