"""The review page (``papi-analysis extract … -o OUT.html``): the report beside its figures.

Every extracted figure is highlighted in the report's own text (a ``<mark>`` labelled with
its indicator) and linked both ways to its row in the table of figures, so a reviewer can
check each number against the sentence it came from.  Findings come first.  The page is one
self-contained file: inline CSS, no script, no external address; all report text is
HTML-escaped; numbers are formatted by :mod:`papi_analysis.fmt` (1.234,5); labels are
Vietnamese, English with ``lang="en"``; it reads on a phone (one column, tables scroll).

This module gives the data (labels, rows, each paragraph cut into plain and marked pieces);
the markup is in ``papi_analysis/templates/review/`` (``page.html.j2``, one
``report.html.j2`` per report, ``review.css``), rendered by Jinja2 with autoescaping on.
"""

from __future__ import annotations

import datetime as dt
import re

import jinja2
import pandas as pd

from .. import __version__, fmt, templating
from ..model import indicators
from .figures import Extraction, Figure

_T = {
    "title": ("Rà soát số liệu trích từ báo cáo", "Review of figures read from reports"),
    "made": ("Tạo lúc", "Made"),
    "figures": ("Số liệu", "Figures"),
    "documents": ("Văn bản được nêu", "Documents cited"),
    "findings": ("Phát hiện", "Findings"),
    "none": ("Không có phát hiện.", "No findings."),
    "text": ("Nội dung báo cáo (số liệu được tô màu)", "Report text (figures highlighted)"),
    "repeat": ("đoạn lặp lại đoạn", "repeats paragraph"),
    "cols": (("¶", "Chỉ tiêu", "Giá trị", "Đơn vị", "Lĩnh vực / cấp", "Tin cậy", "Mẫu câu"),
             ("¶", "Indicator", "Value", "Unit", "Field / level", "Confidence", "Pattern")),
    "dcols": (("Loại", "Số", "Ngày", "Trích yếu"), ("Kind", "Number", "Date", "Title")),
    "derived": ("suy ra từ tỷ lệ 100%", "derived from a stated 100%"),
    "approximate": ("số ước, báo cáo ghi “hơn/gần/khoảng”",
                    "approximate: the report says “hơn/gần/khoảng”"),
    "table": ("đọc từ bảng", "read from a table"),
    "unknown": ("chưa xác định", "not found"),
    "uncl": ("Số liệu chưa phân loại", "Unclassified figures"),
    "uncl_about": ("Những số dưới đây không được đưa vào phụ lục: câu văn không đủ để biết chắc "
                   "là chỉ tiêu nào, hoặc là số của đơn vị, kỳ khác. Nếu đúng là số liệu của báo "
                   "cáo, thêm dòng gợi ý vào corrections.csv (sửa mã chỉ tiêu, lĩnh vực nếu cần, "
                   "ghi rõ ai kiểm tra).",
                   "The numbers below are kept out of the appendices: the sentence does not say "
                   "for sure which indicator they are, or they belong to another unit or period. "
                   "If one is the report's own figure, add the suggested line to corrections.csv "
                   "(change the code or field if needed, and say who checked)."),
    "ucols": (("¶", "Số", "Mã đề xuất", "Lý do", "Câu", "Dòng corrections.csv"),
              ("¶", "Number", "Code proposed", "Reason", "Sentence", "corrections.csv line")),
    "uncl_note": ("đã kiểm tra với báo cáo", "checked against the report"),
    "legend": ("Vàng: đọc trực tiếp; hồng: độ tin cậy dưới 0,7; xanh: suy ra. Bấm vào số để "
               "tới dòng trong bảng, bấm ¶ để quay lại câu.",
               "Yellow: read as written; pink: confidence below 0.7; blue: derived. Click a "
               "number to reach its row, click ¶ to go back to the sentence."),
}


def _t(key: str, lang: str):
    return _T[key][0 if lang == "vi" else 1]


def _environment() -> jinja2.Environment:
    """The Jinja2 environment of the review templates: the package's one
    (:func:`papi_analysis.templating.environment`: autoescaping with :func:`html.escape`'s
    bytes, StrictUndefined) over ``templates/review/``, where a line made only of a
    ``{% … %}`` tag leaves nothing in the page (``trim_blocks``, ``lstrip_blocks``)."""
    return templating.environment("review", trim_blocks=True, lstrip_blocks=True,
                                  keep_trailing_newline=False)


def _value(f: Figure, lang: str) -> str:
    v = float(f.value)
    if f.percent:
        return fmt.number(v, lang, f.decimals) + "%"  # as many decimals as the report wrote
    return fmt.number(v, lang, 0 if v.is_integer() else (1 if round(v, 1) == round(v, 6) else 2))


def _paragraph(row: int, text: str, figs: list[tuple[int, Figure]]) -> dict:
    """One paragraph cut into pieces: each mark with the plain text before it, then the tail.

    Figures whose spans overlap share one mark: its number links to the first one's row, and
    each figure's indicator is a link of its own after the mark.  ``cls`` is "derived" when all
    of a mark's figures were derived, "low" when one has a confidence below 0,7."""
    groups: list[list[tuple[int, Figure]]] = []
    for k, f in sorted(figs, key=lambda kf: (kf[1].start, -kf[1].end)):
        if groups and f.start < max(g.end for _, g in groups[-1]):
            groups[-1].append((k, f))
        else:
            groups.append([(k, f)])
    marks, pos = [], 0
    for grp in groups:
        a = min(f.start for _, f in grp)
        b = max(f.end for _, f in grp)
        cls = ("derived" if all(f.derived for _, f in grp)
               else "low" if min(f.confidence for _, f in grp) < 0.7 else "")
        marks.append({"before": text[pos:a], "first": grp[0][0], "cls": cls,
                      "number": text[a:b], "codes": [(k, f.indicator) for k, f in grp]})
        pos = b
    return {"row": row, "repeats": 0, "marks": marks, "tail": text[pos:]}


def _row_of(source: str, location: str) -> str:
    """The paragraph a finding's location names, when it is in this report (else "")."""
    m = re.search(r"row (\d+)", location)
    return m.group(1) if m and location.startswith(source) else ""


def _report(i: int, ex: Extraction, findings: pd.DataFrame, lang: str) -> dict:
    """Report ``i``: heading, findings, table of figures, text, documents cited."""
    period = ex.period.label(lang) if ex.period else _t("unknown", lang)
    if ex.period and ex.period.start:
        period += f" ({fmt.date(ex.period.start)} – {fmt.date(ex.period.end)})"
    by_row: dict[int, list[tuple[int, Figure]]] = {}
    for k, f in enumerate(ex.figures):
        by_row.setdefault(f.row, []).append((k, f))
    paragraphs: list[dict] = []
    for row, text in enumerate(ex.paragraphs, start=1):
        if row in ex.repeated:
            paragraphs.append({"row": row, "repeats": ex.repeated[row], "text": text})
        else:
            paragraphs.append(_paragraph(row, text, by_row.get(row, [])))
    return {"i": i, "source": ex.source, "agency": ex.agency or _t("unknown", lang),
            "period": period, "n_figures": len(ex.figures), "n_documents": len(ex.documents),
            "findings": _findings(ex, findings, lang),
            "figures": _figure_rows(ex, by_row, lang),
            "unclassified": _unclassified(ex, lang),
            "paragraphs": paragraphs, "documents": ex.documents}


def _findings(ex: Extraction, findings: pd.DataFrame, lang: str) -> list[dict]:
    """The findings about this report: its file, or its unit and period (shared checks)."""
    mine = findings[findings["location"].astype(str).str.startswith(ex.source)
                    | ((findings["agency"] == ex.agency)
                       & (findings["period"] == ex.period_code))] if not findings.empty \
        else findings
    msg = "message_vi" if lang == "vi" else "message_en"
    return [{"severity": r.severity, "rule": r.rule, "message": getattr(r, msg),
             "location": str(r.location), "row": _row_of(ex.source, str(r.location))}
            for r in mine.itertuples(index=False)]


def _figure_rows(ex: Extraction, by_row: dict[int, list[tuple[int, Figure]]],
                 lang: str) -> list[dict]:
    """A table row per figure, linked back to its mark in the text."""
    first_of = {}  # figures sharing one mark (overlapping spans) link back to its first
    for figs in by_row.values():
        for k, f in figs:
            first_of[k] = min((kk for kk, g in figs if g.start < f.end and f.start < g.end),
                              default=k)
    rows = []
    for k, f in enumerate(ex.figures):
        notes = [_t(key, lang) for key, on in (("derived", f.derived),
                                               ("approximate", f.approximate),
                                               ("table", f.pattern == "table")) if on]
        rows.append({"k": k, "mark": first_of.get(k, k), "row": f.row,
                     "indicator": f.indicator, "label": indicators.label(f.indicator, lang),
                     "approximate": f.approximate, "value": _value(f, lang),
                     "unit": indicators.unit_label(f.indicator, lang), "field": f.field,
                     "confidence": fmt.number(f.confidence, lang, 2), "pattern": f.pattern,
                     "notes": notes})
    return rows


def _reason(text: str, lang: str) -> str:
    """The Vietnamese or English half of a reason written "vi / en"."""
    vi, sep, en = text.partition(" / ")
    return (vi if lang == "vi" else en) if sep else text


def _unclassified(ex: Extraction, lang: str) -> list[dict]:
    """The numbers left unclassified (số liệu chưa phân loại): sentence, reason and the line of
    corrections.csv that would give each a code (see :mod:`papi_analysis.intake.corrections`)."""
    rows = []
    for k, f in enumerate(getattr(ex, "unclassified", [])):
        para = ex.paragraphs[f.row - 1]
        s0, s1 = f.sentence
        value = fmt.number(float(f.value), "vi", 0 if float(f.value).is_integer() else 2)
        rows.append({"k": k, "row": f.row, "value": _value(f, lang), "indicator": f.indicator,
                     "reason": _reason(f.reason, lang), "before": para[s0:f.start],
                     "number": para[f.start:f.end], "after": para[f.end:s1],
                     "line": f'{ex.source},{f.indicator},{f.field},"{value}",'
                             f'"{_t("uncl_note", lang)}"'})
    return rows


def render(results: list, findings: pd.DataFrame, lang: str = "vi") -> str:
    """The review page for ``results`` (:class:`papi_analysis.prose.figures.Extraction`)."""
    fmt.check_lang(lang)
    if findings is None:
        findings = pd.DataFrame(columns=["severity", "rule", "agency", "period", "location",
                                         "message_vi", "message_en"])
    findings = findings.fillna("")
    return _environment().get_template("page.html.j2").render(
        lang=lang, t={key: _t(key, lang) for key in _T}, made=fmt.datetime(dt.datetime.now()),
        version=__version__,
        reports=[_report(i, ex, findings, lang) for i, ex in enumerate(results, start=1)])
