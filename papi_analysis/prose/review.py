"""The review page (``papi-analysis extract … -o OUT.html``): the report beside its figures.

Every extracted figure is highlighted in the report's own text (a ``<mark>`` labelled with
its indicator) and linked both ways to its row in the table of figures, so a reviewer can
check each number against the sentence it came from.  Findings come first.  The page is one
self-contained file: inline CSS, no script, no external address; all report text is
HTML-escaped; numbers are formatted by :mod:`papi_analysis.fmt` (1.234,5); labels are
Vietnamese, English with ``lang="en"``; it reads on a phone (one column, tables scroll).
"""

from __future__ import annotations

import datetime as dt
import html
import re

import pandas as pd

from .. import __version__, fmt
from ..model import indicators

_CSS = """
*{box-sizing:border-box}body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,
"Noto Sans",Arial,sans-serif;margin:0 auto;max-width:62rem;padding:.75rem;color:#1d232a}
h1{font-size:1.35rem;margin:.4rem 0}h2{font-size:1.15rem;margin:1.6rem 0 .3rem;
border-top:3px solid #2b5d8a;padding-top:.5rem}h3{font-size:1rem;margin:1.1rem 0 .3rem}
.meta{color:#5a6570;font-size:.85rem}.text p{margin:.35rem 0}.row{color:#8a949e;
font-size:.75rem;margin-right:.35rem}.rep{color:#8a949e}mark{background:#ffe58a;
padding:0 .1rem;border-radius:.2rem}mark.low{background:#ffd0c2}mark.derived{background:#d7ecff}
mark a,sup a{color:inherit;text-decoration:none}sup{font-size:.62rem;color:#2b5d8a}
sup a{margin-left:.15rem}.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;
font-size:.88rem}th,td{border-bottom:1px solid #e1e5e9;padding:.3rem .4rem;text-align:left;
vertical-align:top}td.num{text-align:right;white-space:nowrap}:target{outline:2px solid #d0342c}
ul.findings{padding-left:1.1rem}li.error{color:#a4161a}li.warning{color:#8a5300}
.ok{color:#2d6a4f}details>summary{cursor:pointer;font-weight:600}mark.uncl{background:#e4e7eb}
code{font-size:.8rem;word-break:break-all}
"""

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


def _e(x) -> str:
    return html.escape(str(x), quote=True)


def _value(f, lang: str) -> str:
    v = float(f.value)
    if f.percent:
        return fmt.number(v, lang, f.decimals) + "%"  # as many decimals as the report wrote
    return fmt.number(v, lang, 0 if v.is_integer() else (1 if round(v, 1) == round(v, 6) else 2))


def _paragraph(i: int, row: int, text: str, figs: list[tuple[int, object]]) -> str:
    """One paragraph with its figures marked; overlapping spans share one mark."""
    groups: list[list[tuple[int, object]]] = []
    for k, f in sorted(figs, key=lambda kf: (kf[1].start, -kf[1].end)):
        if groups and f.start < max(g.end for _, g in groups[-1]):
            groups[-1].append((k, f))
        else:
            groups.append([(k, f)])
    out, pos = [], 0
    for grp in groups:
        a = min(f.start for _, f in grp)
        b = max(f.end for _, f in grp)
        first = grp[0][0]
        cls = ("derived" if all(f.derived for _, f in grp)
               else "low" if min(f.confidence for _, f in grp) < 0.7 else "")
        sups = "".join(f'<a href="#f{i}-{k}">{_e(f.indicator)}</a>' for k, f in grp)
        out.append(_e(text[pos:a]))
        out.append(f'<mark id="m{i}-{first}"{f" class={cls}" if cls else ""}>'
                   f'<a href="#f{i}-{first}">{_e(text[a:b])}</a></mark><sup>{sups}</sup>')
        pos = b
    out.append(_e(text[pos:]))
    return f'<p id="p{i}-{row}"><span class="row">¶{row}</span>{"".join(out)}</p>'


def _where(i: int, source: str, location: str) -> str:
    """A finding's location, linked to its paragraph when it is in this report."""
    m = re.search(r"row (\d+)", location)
    if m and location.startswith(source):
        return f'<a class="meta" href="#p{i}-{m.group(1)}">{_e(location)}</a>'
    return f'<span class="meta">{_e(location)}</span>'


def _section(i: int, ex, findings: pd.DataFrame, lang: str) -> str:
    """Report ``i``: heading, findings, table of figures, text, documents cited."""
    period = ex.period.label(lang) if ex.period else _t("unknown", lang)
    if ex.period and ex.period.start:
        period += f" ({fmt.date(ex.period.start)} – {fmt.date(ex.period.end)})"
    agency = ex.agency or _t("unknown", lang)
    by_row: dict[int, list] = {}
    for k, f in enumerate(ex.figures):
        by_row.setdefault(f.row, []).append((k, f))
    parts = [f'<section id="r{i}"><h2>{_e(ex.source)} — {_e(agency)}, {_e(period)}</h2>',
             f'<p class="meta">{len(ex.figures)} {_t("figures", lang).lower()}, '
             f'{len(ex.documents)} {_t("documents", lang).lower()}</p>',
             f'<h3>{_t("findings", lang)}</h3>',
             _findings(i, ex, findings, lang),
             _table(_t("figures", lang), _t("cols", lang), _figure_rows(i, ex, by_row, lang)),
             _unclassified(i, ex, lang),
             f'<details open><summary>{_t("text", lang)}</summary>'
             f'<p class="meta">{_t("legend", lang)}</p><div class="text">']
    for row, text in enumerate(ex.paragraphs, start=1):
        if row in ex.repeated:
            parts.append(f'<p class="rep"><span class="row">¶{row}</span>{_e(text)} '
                         f'<i>({_t("repeat", lang)} ¶{ex.repeated[row]})</i></p>')
        else:
            parts.append(_paragraph(i, row, text, by_row.get(row, [])))
    parts.append("</div></details>")
    if ex.documents:
        parts.append(_table(_t("documents", lang), _t("dcols", lang), [
            f'<tr><td>{_e(d["kind"])}</td><td>{_e(d["number"])}</td>'
            f'<td>{_e(d["date"])}</td><td>{_e(d["title"])}</td></tr>' for d in ex.documents]))
    parts.append("</section>")
    return "\n".join(parts)


def _findings(i: int, ex, findings: pd.DataFrame, lang: str) -> str:
    """The findings about this report: its file, or its unit and period (shared checks)."""
    mine = findings[findings["location"].astype(str).str.startswith(ex.source)
                    | ((findings["agency"] == ex.agency)
                       & (findings["period"] == ex.period_code))] if not findings.empty \
        else findings
    if mine.empty:
        return f'<p class="ok">{_t("none", lang)}</p>'
    msg = "message_vi" if lang == "vi" else "message_en"
    return '<ul class="findings">' + "".join(
        f'<li class="{_e(r.severity)}"><b>{_e(r.rule)}</b> {_e(getattr(r, msg))} '
        f'{_where(i, ex.source, str(r.location))}</li>'
        for r in mine.itertuples(index=False)) + "</ul>"


def _figure_rows(i: int, ex, by_row: dict[int, list], lang: str) -> list[str]:
    """A table row per figure, linked back to its mark in the text."""
    first_of = {}  # figures sharing one mark (overlapping spans) link back to its first
    for figs in by_row.values():
        for k, f in figs:
            first_of[k] = min((kk for kk, g in figs if g.start < f.end and f.start < g.end),
                              default=k)
    rows = []
    for k, f in enumerate(ex.figures):
        unit = indicators.unit_label(f.indicator, lang)
        notes = [_t(k, lang) for k, on in (("derived", f.derived),
                                             ("approximate", f.approximate),
                                             ("table", f.pattern == "table")) if on]
        note = "".join(f' <i class="meta">({n})</i>' for n in notes)
        rows.append(
            f'<tr id="f{i}-{k}"><td><a href="#m{i}-{first_of.get(k, k)}">¶{f.row}</a></td>'
            f'<td><b>{_e(f.indicator)}</b><br>{_e(indicators.label(f.indicator, lang))}</td>'
            f'<td class="num">{"≈ " if f.approximate else ""}{_value(f, lang)}</td>'
            f'<td>{_e(unit)}</td><td>{_e(f.field)}</td>'
            f'<td class="num">{fmt.number(f.confidence, lang, 2)}</td>'
            f'<td class="meta">{_e(f.pattern)}{note}</td></tr>')
    return rows


def _reason(text: str, lang: str) -> str:
    """The Vietnamese or English half of a reason written "vi / en"."""
    vi, sep, en = text.partition(" / ")
    return (vi if lang == "vi" else en) if sep else text


def _unclassified(i: int, ex, lang: str) -> str:
    """The numbers left unclassified (số liệu chưa phân loại): sentence, reason and the line of
    corrections.csv that would give each a code (see :mod:`papi_analysis.intake.corrections`)."""
    figs = getattr(ex, "unclassified", [])
    if not figs:
        return ""
    rows = []
    for k, f in enumerate(figs):
        para = ex.paragraphs[f.row - 1]
        s0, s1 = f.sentence
        sentence = (_e(para[s0:f.start]) + f'<mark class="uncl">{_e(para[f.start:f.end])}</mark>'
                    + _e(para[f.end:s1]))
        value = fmt.number(float(f.value), "vi", 0 if float(f.value).is_integer() else 2)
        line = (f'{ex.source},{f.indicator},{f.field},"{value}",'
                f'"{_t("uncl_note", lang)}"')
        rows.append(f'<tr id="u{i}-{k}"><td><a href="#p{i}-{f.row}">¶{f.row}</a></td>'
                    f'<td class="num">{_value(f, lang)}</td><td>{_e(f.indicator)}</td>'
                    f'<td>{_e(_reason(f.reason, lang))}</td><td>{sentence}</td>'
                    f'<td><code>{_e(line)}</code></td></tr>')
    return (f'<p class="meta">{_e(_t("uncl_about", lang))}</p>'
            + _table(f'{_t("uncl", lang)} ({len(figs)})', _t("ucols", lang), rows))


def _table(title: str, cols, rows: list[str]) -> str:
    """A titled table that scrolls sideways on a phone."""
    return (f'<h3>{title}</h3><div class="scroll"><table><thead><tr>'
            + "".join(f"<th>{c}</th>" for c in cols) + "</tr></thead><tbody>"
            + "".join(rows) + "</tbody></table></div>")


def render(results: list, findings: pd.DataFrame, lang: str = "vi") -> str:
    """The review page for ``results`` (:class:`papi_analysis.prose.figures.Extraction`)."""
    fmt.check_lang(lang)
    if findings is None:
        findings = pd.DataFrame(columns=["severity", "rule", "agency", "period", "location",
                                         "message_vi", "message_en"])
    findings = findings.fillna("")
    title = _t("title", lang)
    made = fmt.datetime(dt.datetime.now())
    body = "\n".join(_section(i, ex, findings, lang) for i, ex in enumerate(results, start=1))
    return (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
            f"<h1>{_e(title)}</h1><p class=\"meta\">{_t('made', lang)} {made} · "
            f"papi-analysis {__version__}</p>\n{body}\n</body></html>\n")
