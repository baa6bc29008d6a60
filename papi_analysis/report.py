"""What the appendix notebooks display: header, banner, provenance, numbered tables and figures.

A notebook calls :func:`setup` with its parameters and gets a :class:`Context` that knows
the period, comparisons, agency and language, numbers tables and figures ("Bảng 1.2",
"Hình 1.1") and turns DataFrames and Figures into HTML.  Every text that comes from an input
file (agency and field names, file names, messages) is escaped; numbers are written
``1.234,5`` (vi) or ``1,234.5`` (en) and dates ``dd/mm/yyyy``.  Tables and figures that show
illustrative figures say so, and each one names its source files and rows.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import __version__, agencies, charts, comparison, fingerprint, fmt, periods
from .agencies import PROVINCE_CODE, Agency
from .errors import PapiError, ParameterError
from .periods import Period

#: The five appendices: notebook, scope and title (notebook metadata repeats these).
APPENDICES: dict[int, dict[str, str]] = {
    1: {"notebook": "01_tthc", "scope": "agency",
        "title_vi": "Tình hình giải quyết thủ tục hành chính",
        "title_en": "Handling of administrative procedures (TTHC)"},
    2: {"notebook": "02_anticorruption", "scope": "agency",
        "title_vi": "Phòng, chống tham nhũng; tiếp công dân, khiếu nại, tố cáo; thanh tra",
        "title_en": "Anti-corruption, citizen reception, complaints, denunciations and "
                    "inspections"},
    3: {"notebook": "03_papi", "scope": "province",
        "title_vi": "Chỉ số PAPI của tỉnh: xu hướng, thứ hạng và khoảng cách",
        "title_en": "The province's PAPI scores: trends, rank and gaps"},
    4: {"notebook": "04_overview", "scope": "agency",
        "title_vi": "Tổng quan các số liệu chính", "title_en": "Key figures at a glance"},
    5: {"notebook": "05_data_quality", "scope": "province",
        "title_vi": "Chất lượng số liệu và tình hình gửi báo cáo",
        "title_en": "Data quality and submissions received"},
}

BANNER = {"vi": "SỐ LIỆU MINH HỌA — không phải số liệu thật",
          "en": "ILLUSTRATIVE DATA — not real figures"}
_WORDS = {
    "appendix": ("Phụ lục", "Appendix"), "table": ("Bảng", "Table"), "figure": ("Hình", "Figure"),
    "indicator": ("Chỉ tiêu", "Indicator"), "unit": ("Đơn vị tính", "Unit"),
    "change_vs": ("Thay đổi so với", "Change vs"), "source": ("Nguồn", "Source"),
    "notes": ("Ghi chú", "Notes"), "rows": ("dòng", "rows"), "row": ("dòng", "row"),
    "illustrative": ("minh họa", "illustrative"), "pp": (" điểm %", " pp"),
    "rank": ("Hạng", "Rank"), "agency": ("Đơn vị", "Agency"), "field": ("Lĩnh vực", "Field"),
}
_NOTE_TEXT = {
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


_CLASS = {"agency": " class=nm", "severity": " class=nm"}


def esc(text: object) -> str:
    """HTML-escape any value shown in an appendix (text from files may hold markup)."""
    return html.escape("" if text is None else str(text), quote=True)


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA


class HTML:
    """A block of appendix HTML that Jupyter displays (``_repr_html_``)."""

    def __init__(self, body: str, text: str = "") -> None:
        self.body = body
        self.text = text

    def _repr_html_(self) -> str:
        return self.body

    def __str__(self) -> str:
        return self.body

    def __repr__(self) -> str:
        return self.text or "<HTML>"

    def __add__(self, other: HTML) -> HTML:
        return HTML(self.body + other.body, "\n".join(t for t in (self.text, other.text) if t))


@dataclass
class Column:
    """A displayed column: DataFrame column, header text, kind of value (see :func:`cell`)."""

    key: str
    header: str
    kind: str = "text"


# -- value formatting ---------------------------------------------------------------------------
def cell(value, kind: str, lang: str = "vi") -> str:
    """Format one value as escaped HTML text.

    Kinds: ``text``, ``count`` (1.234), ``amount`` (1.234,5 when not whole), ``int`` and
    ``year`` (no separators), ``score`` (2 decimals), ``percent`` (98,8%), ``signed`` (+12),
    ``signed_score`` (+0,25), ``pp`` (+1,5 điểm %), ``rank`` (5), ``date`` (dd/mm/yyyy),
    ``bool`` (có / không).  Missing values are ``–``.
    """
    if kind == "text":
        return "–" if _missing(value) else esc(value)
    if _missing(value):
        return "–"
    if kind in ("int", "year"):
        return esc(str(int(value)))
    if kind == "count":
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
        return esc(fmt.signed(value, lang, 1, suffix=_WORDS["pp"][0 if lang == "vi" else 1]))
    if kind == "rank":
        return esc(fmt.number(value, lang, 0))
    if kind == "date":
        return esc(fmt.date(value, lang))
    if kind == "bool":
        return ("có" if lang == "vi" else "yes") if value else ("không" if lang == "vi" else "no")
    raise ValueError(f"unknown cell kind {kind!r}")


def _measure_kind(kind: str) -> str:
    return {"rate": "percent", "percent": "percent", "amount": "amount"}.get(kind, "count")


# -- footnotes ------------------------------------------------------------------------------------
class _Notes:
    """Footnotes of one table: numbered markers in order of first use."""

    def __init__(self) -> None:
        self.items: dict[str, int] = {}

    def mark(self, text: str) -> str:
        if not text:
            return ""
        n = self.items.setdefault(text, len(self.items) + 1)
        return f'<sup class="pa-fn">{n}</sup>'

    def html(self) -> str:
        if not self.items:
            return ""
        lis = "".join(f'<li value="{n}">{esc(t)}</li>' for t, n in self.items.items())
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
    i = 0 if lang == "vi" else 1
    parts = []
    groups = sorted(rows.groupby("source_file", sort=False),
                    key=lambda kv: bool(kv[1]["illustrative"].all()))  # real sources first
    for name, g in groups:
        label = esc(name or ("(không rõ tệp)" if lang == "vi" else "(unknown file)"))
        if bool(g["illustrative"].all()):
            label += f" ({_WORDS['illustrative'][i]})"
        rng = _ranges(g["source_row"])
        if rng:
            shown = ", ".join(rng[:max_ranges])
            more = len(rng) - max_ranges
            if more > 0:
                shown += " …" + (f" (+{more} khoảng)" if lang == "vi" else f" (+{more} ranges)")
            n = g["source_row"].nunique()
            word = _WORDS["rows" if n > 1 else "row"][i]
            label += f", {word} {esc(shown)}"
        parts.append(label)
    return f'<p class="pa-src">{_WORDS["source"][i]}: ' + "; ".join(parts) + ".</p>"


# -- the context -----------------------------------------------------------------------------------
@dataclass
class Context:
    """A notebook's checked parameters plus the numbering of its tables and figures."""

    period: Period
    comparisons: list[Period]
    agency: Agency
    lang: str
    data_dir: Path | None
    appendix: int
    compare_raw: list[str] = field(default_factory=list)
    started: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    _numbers: dict[tuple[str, str], int] = field(default_factory=dict)

    # -- basics -------------------------------------------------------------------------------
    @property
    def periods(self) -> list[Period]:
        """The reporting period followed by the comparison periods."""
        return [self.period] + self.comparisons

    @property
    def scope(self) -> str:
        """``agency`` or ``province`` (from :data:`APPENDICES`)."""
        return APPENDICES[self.appendix]["scope"]

    @property
    def gso_code(self) -> int:
        """The province's GSO code (PAPI data), from the configuration."""
        from . import config

        return int(config.PROVINCE_GSO_CODE)

    @property
    def is_province(self) -> bool:
        """True when the agency is the whole province (``HY``)."""
        return self.agency.code == PROVINCE_CODE

    def t(self, vi: str, en: str) -> str:
        """The text in the notebook's language."""
        return vi if self.lang == "vi" else en

    def word(self, key: str) -> str:
        """A fixed word of the appendix ("Bảng" / "Table") in the notebook's language."""
        return _WORDS[key][0 if self.lang == "vi" else 1]

    @property
    def title(self) -> str:
        """The appendix title in the notebook's language."""
        return APPENDICES[self.appendix]["title_" + self.lang]

    def agency_name(self, code: str, short: bool = False) -> str:
        """An agency's name (short Vietnamese name in vi tables), or the code if unknown."""
        try:
            a = agencies.get(code)
        except PapiError:
            return code
        if short and self.lang == "vi":
            return a.short_vi or a.name_vi
        return a.name(self.lang)

    def agency_names(self, codes: Iterable[str] | None = None, short: bool = True
                     ) -> dict[str, str]:
        """Code → display name for ``codes`` (default: the whole registry)."""
        codes = list(codes) if codes is not None else list(agencies.registry())
        return {c: self.agency_name(c, short) for c in codes}

    def period_label(self, p: Period | str) -> str:
        """``6 tháng đầu năm 2024`` / ``First half of 2024``; unknown codes as they are."""
        try:
            return periods.parse(p).label(self.lang)
        except PapiError:
            return str(p)

    def compare_label(self, p: Period) -> str:
        """``6 tháng cuối năm 2023 (kỳ trước)``."""
        role = comparison.compare_role(self.period, p)
        if role:
            kw = comparison.COMPARE_KEYWORDS[role][0 if self.lang == "vi" else 1]
            return f"{p.label(self.lang)} ({kw})"
        return p.label(self.lang)

    def _number(self, kind: str, caption: str) -> str:
        # numbered by caption, so re-running a cell in JupyterLab keeps its number
        key = (kind, caption)
        if key not in self._numbers:
            self._numbers[key] = 1 + sum(1 for k in self._numbers if k[0] == kind)
        return f"{self.word(kind)} {self.appendix}.{self._numbers[key]}"

    # -- blocks ---------------------------------------------------------------------------------
    def header(self, rows: pd.DataFrame | None = None, *, illustrative: bool | None = None
               ) -> HTML:
        """Title, the ILLUSTRATIVE banner (when any of ``rows`` is illustrative) and provenance.

        ``rows`` are the tidy rows the appendix shows; the banner also says which of them are
        real figures, by agency, period and file.
        """
        ill = bool(rows["illustrative"].any()) if illustrative is None and rows is not None \
            else bool(illustrative)
        sub = [esc(self.agency.name(self.lang)), esc(self.period.label(self.lang))]
        out = [
            '<header class="pa-head">',
            f'<p class="pa-kicker">{self.word("appendix")} {self.appendix}</p>',
            f"<h1>{esc(self.title)}</h1>",
            f'<p class="pa-sub">{" · ".join(sub)}</p>',
            "</header>",
        ]
        if ill:
            out.append(self.banner(rows))
        if rows is not None and not (rows["period"] == self.period.code).any():
            out.append('<p class="pa-msg">' + esc(self.t(
                f"Chưa có số liệu nào của kỳ {self.period.label('vi')} cho đơn vị này: các bảng "
                "chỉ có số của kỳ so sánh.",
                f"No figures yet for {self.period.label('en')} for this agency: the tables show "
                "the comparison periods only.")) + "</p>")
        out.append(self.provenance())
        text = f"{self.word('appendix')} {self.appendix}. {self.title}" + (
            f" — {BANNER[self.lang]}" if ill else "")
        return HTML("\n".join(out), text)

    def banner(self, rows: pd.DataFrame | None = None) -> str:
        """The ILLUSTRATIVE banner, naming the real figures among ``rows`` (HTML)."""
        real = rows[~rows["illustrative"].astype(bool)] if rows is not None else None
        if real is not None and len(real):
            groups = []
            for (a, p), g in real.groupby(["agency", "period"], sort=True):
                files = ", ".join(esc(f) for f in sorted(set(g["source_file"])) if f)
                groups.append(f"{esc(self.agency_name(a, short=True))}, "
                              f"{esc(self.period_label(p))} ({files})")
            what = self.t(
                "Số liệu thật trong phụ lục này: " + "; ".join(groups) + ". Mọi số khác là số "
                "minh họa do máy tạo ra (in nghiêng trong bảng); số tổng có cộng số minh họa "
                "cũng là minh họa.",
                "Real figures in this appendix: " + "; ".join(groups) + ". Every other figure "
                "is generated for illustration (italic in tables); totals that include "
                "illustrative figures are illustrative too.")
        else:
            what = self.t("Không có số liệu thật nào trong phụ lục này: mọi số đều do máy tạo ra "
                          "để minh họa.",
                          "No figure in this appendix is real: all were generated for "
                          "illustration.")
        style = ("border:3px solid #b00020;background:#fff3f3;color:#5a0010;padding:.6em .9em;"
                 "margin:.8em 0")
        return (f'<div class="pa-banner" role="note" style="{style}">'
                f"<strong>{esc(BANNER[self.lang])}</strong><br>{what}</div>")

    def provenance(self) -> str:
        """The provenance box: parameters, data dates, fingerprint, version, commit, time."""
        s, e = self.period.date_range()
        dates = self.t(f"số liệu từ {fmt.date(s)} đến {fmt.date(e)}",
                       f"data from {fmt.date(s)} to {fmt.date(e)}")
        comps = "; ".join(esc(self.compare_label(p)) for p in self.comparisons) or "–"
        try:
            fp = fingerprint.data_fingerprint(self.data_dir)
        except OSError:
            fp = ""
        commit = fingerprint.git_commit() or self.t("không xác định", "unknown")
        params = (f"period={self.period.code}; compare={', '.join(self.compare_raw) or '–'}; "
                  f"agency={self.agency.code}; lang={self.lang}; "
                  f"data_dir={self.data_dir or '(data/)'}")
        items = [
            (self.t("Kỳ báo cáo", "Period"), f"{esc(self.period.label(self.lang))} ({dates})"),
            (self.t("So sánh với", "Compared with"), comps),
            (self.t("Đơn vị", "Agency"), f"{esc(self.agency.name(self.lang))} "
                                          f"({esc(self.agency.code)})"),
            (self.t("Dấu vân tay số liệu", "Data fingerprint"),
             f'<code class="pa-fp">{esc(fp or "–")}</code>'),
            (self.t("Phiên bản", "Version"),
             f'papi-analysis {esc(__version__)}, commit <code class="pa-commit">'
             f"{esc(commit)}</code>"),
            (self.t("Thời điểm tạo", "Generated"),
             f'<span class="pa-time">{esc(fmt.datetime(self.started))}</span>'),
            (self.t("Tham số", "Parameters"), f"<code>{esc(params)}</code>"),
        ]
        dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in items)
        return (f'<aside class="pa-prov"><p class="pa-prov-title">'
                f'{self.t("Nguồn gốc phụ lục", "Provenance")}</p><dl>{dl}</dl></aside>')

    def heading(self, vi: str, en: str) -> HTML:
        """A section heading."""
        text = self.t(vi, en)
        return HTML(f'<h2 class="pa-h2">{esc(text)}</h2>', text)

    def paragraph(self, vi: str, en: str) -> HTML:
        """A short paragraph of explanation (plain text, escaped)."""
        text = self.t(vi, en)
        return HTML(f'<p class="pa-p">{esc(text)}</p>', text)

    def show(self, *parts: HTML) -> HTML:
        """Several blocks as one output."""
        out = HTML("")
        for p in parts:
            out = out + p
        return out

    # -- tables ---------------------------------------------------------------------------------
    def _table_html(self, caption: str, head: str, body: str, notes: _Notes,
                    extra: Sequence[str] = (), rows: pd.DataFrame | None = None,
                    illustrative: bool = False, cls: str = "") -> HTML:
        num = self._number("table", caption)
        anchor = f"table-{self.appendix}-{self._numbers[('table', caption)]}"
        tag = (f' <span class="pa-tag">{esc(self.t("MINH HỌA", "ILLUSTRATIVE"))}</span>'
               if illustrative else "")
        foot = "".join(f'<p class="pa-note">{x}</p>' for x in extra if x)
        html_ = (
            f'<figure class="pa-table {cls}" id="{esc(anchor)}">'
            f'<figcaption><span class="pa-num">{esc(num)}.</span> {esc(caption)}{tag}'
            f"</figcaption>"
            f'<div class="pa-scroll"><table><thead>{head}</thead><tbody>{body}</tbody></table>'
            f"</div>{notes.html()}{foot}{sources_note(rows, self.lang)}</figure>"
        )
        return HTML(html_, f"{num}. {caption}")

    def table(
        self,
        df: pd.DataFrame,
        columns: Sequence[Column | tuple],
        caption: str,
        *,
        notes: Sequence[str] = (),
        rows: pd.DataFrame | None = None,
        empty: str = "",
    ) -> HTML:
        """Any DataFrame as a numbered, escaped table.

        ``columns`` are :class:`Column` or ``(key, header, kind)`` tuples; a boolean
        ``illustrative`` column in ``df`` puts those rows in italics and tags the caption.
        ``notes`` are plain-text notes under the table; ``rows`` the tidy rows the table
        comes from (for the source line).  An empty ``df`` shows ``empty`` as one row.
        """
        cols = [c if isinstance(c, Column) else Column(*c) for c in columns]
        fns = _Notes()
        numeric = {"count", "amount", "int", "year", "score", "percent", "signed",
                   "signed_score", "pp", "rank"}
        head = "<tr>" + "".join(
            f'<th{" class=num" if c.kind in numeric else ""} scope="col">{esc(c.header)}</th>'
            for c in cols) + "</tr>"
        ill_col = "illustrative" in df.columns
        body = []
        for _, r in df.iterrows():
            ill = ill_col and bool(r["illustrative"])
            tds = "".join(
                f'<td{_CLASS.get(c.kind, " class=num" if c.kind in numeric else "")}>'
                f"{self._cell(r.get(c.key), c.kind)}</td>" for c in cols)
            body.append(f'<tr{" class=ill" if ill else ""}>{tds}</tr>')
        if not body:
            msg = empty or _NOTE_TEXT["no_data"][0 if self.lang == "vi" else 1]
            body.append(f'<tr><td colspan="{len(cols)}" class="pa-empty">{esc(msg)}</td></tr>')
        any_ill = ill_col and bool(df["illustrative"].astype(bool).any())
        extra = [esc(n) for n in notes]
        if any_ill:
            extra.append(esc(self.t("Dòng in nghiêng: số liệu minh họa.",
                                    "Rows in italics: illustrative figures.")))
        return self._table_html(caption, head, "".join(body), fns, extra, rows, any_ill)

    def _cell(self, value, kind: str) -> str:
        """:func:`cell` plus the kinds that need the context: ``agency`` (code → short name),
        ``severity`` (error → lỗi)."""
        if kind == "agency":
            return "–" if _missing(value) or value == "" else esc(
                self.agency_name(str(value), short=True))
        if kind == "severity":
            words = {"error": self.t("lỗi", "error"), "warning": self.t("cảnh báo", "warning")}
            return esc(words.get(str(value), str(value)))
        return cell(value, kind, self.lang)

    def comparison_table(
        self,
        table: pd.DataFrame,
        caption: str,
        *,
        rows: pd.DataFrame | None = None,
        drop_empty: bool = True,
    ) -> HTML:
        """A :func:`comparison.compare` result: one row per measure, periods side by side.

        Each comparison period gets its value and a change column: ``+81 (+40,5%)`` for
        counts, ``+5,3 điểm %`` for rates.  A zero or missing base shows ``–`` with a
        footnote, never inf or NaN; rates carry their definition as a footnote; measures
        with no figure in any period are left out (and counted in a note).
        """
        lang = self.lang
        fns = _Notes()
        if table.empty:
            return self.table(pd.DataFrame(), [(None, self.word("indicator"))], caption,
                              rows=rows)
        codes = list(dict.fromkeys(table["measure"]))
        cur = table[table["role"] == "current"]["period"].iloc[0]
        bases = list(dict.fromkeys(table[table["role"] == "base"]["period"]))
        look = {(r.measure, r.period): r for r in table.itertuples(index=False)}
        dropped = []
        head = (f'<tr><th scope="col">{self.word("indicator")}</th>'
                f'<th scope="col">{self.word("unit")}</th>'
                f'<th class=num scope="col">{esc(self.period_label(cur))}</th>')
        for b in bases:
            head += (f'<th class=num scope="col">{esc(self.period_label(b))}</th>'
                     f'<th class="num chg" scope="col">{self.word("change_vs")} '
                     f"{esc(self.period_label(b))}</th>")
        head += "</tr>"
        body = []
        any_ill = False
        for code in codes:
            m = comparison.get(code)
            vals = [look[(code, p)] for p in [cur] + bases if (code, p) in look]
            if drop_empty and all(_missing(v.value) for v in vals):
                dropped.append(m.label(lang))
                continue
            kind = _measure_kind(m.kind)
            label = esc(m.label(lang)) + fns.mark(
                self.t("Cách tính: ", "Definition: ") + m.definition(lang)
                if m.definition(lang) else "")
            label += self._derived_note(m, table, fns)
            c = look[(code, cur)]
            tds = [f"<th scope=row>{label}</th>", f"<td class=nm>{esc(m.unit_label(lang))}</td>",
                   self._value_td(c, kind, fns)]
            any_ill |= bool(c.illustrative)
            for b in bases:
                r = look[(code, b)]
                any_ill |= bool(r.illustrative)
                tds.append(self._value_td(r, kind, fns))
                tds.append(self._change_td(r, m, bool(c.illustrative or r.illustrative), fns))
            body.append("<tr>" + "".join(tds) + "</tr>")
        extra = []
        if dropped:
            extra.append(esc(self.t(
                f"Không có số liệu ở mọi kỳ, nên không hiển thị: {'; '.join(dropped)}.",
                f"No figures in any period, so not shown: {'; '.join(dropped)}.")))
        if any_ill:
            extra.append(esc(self.t("Số in nghiêng: số liệu minh họa.",
                                    "Figures in italics: illustrative.")))
        if self.is_province:
            extra.append(self._coverage_note(table))
        return self._table_html(caption, head, "".join(body), fns, extra,
                                comparison.used_rows(rows, codes, [cur] + bases)
                                if rows is not None else None, any_ill)

    def _value_td(self, r, kind: str, fns: _Notes) -> str:
        cls = "num ill" if r.illustrative else "num"
        if _missing(r.value):
            key = "zero_denominator" if r.note == "zero_denominator" else "no_data"
            return f'<td class="{cls}">–{fns.mark(self._note(key))}</td>'
        flag = ""
        if r.kind == "rate" and float(r.value) > 100.0 + 1e-9:
            flag = fns.mark(self._note("over_100"))
        return f'<td class="{cls}">{cell(r.value, kind, self.lang)}{flag}</td>'

    def _change_td(self, r, m: comparison.Measure, ill: bool, fns: _Notes) -> str:
        cls = "num chg ill" if ill else "num chg"
        if r.note in ("base_missing", "current_missing", "both_missing", "zero_denominator",
                      "different_basis") or _missing(r.change):
            return f'<td class="{cls}">–{fns.mark(self._note(r.note or "no_data"))}</td>'
        if m.is_rate:
            return f'<td class="{cls}">{cell(r.change, "pp", self.lang)}</td>'
        main = cell(r.change, "signed", self.lang)
        if r.note == "base_zero":
            pct = f"–{fns.mark(self._note('base_zero'))}"
        else:
            pct = esc(fmt.signed(r.change_pct, self.lang, 1, suffix="%"))
        return f'<td class="{cls}">{main} <span class="pa-pct">({pct})</span></td>'

    def _note(self, key: str) -> str:
        return _NOTE_TEXT[key][0 if self.lang == "vi" else 1]

    def _derived_note(self, m: comparison.Measure, table: pd.DataFrame, fns: _Notes) -> str:
        """A footnote when a count was computed from its parts rather than stated."""
        if m.kind not in ("count", "amount") or len(m.terms) < 2:
            return ""
        mine = table[table["measure"] == m.code]
        if "derived" not in mine.columns or not mine["derived"].astype(bool).any():
            return ""
        alt = m.terms[1]
        parts = " + ".join(comparison.get(c).label(self.lang) for c in alt)
        return fns.mark(self.t(f"Đơn vị nào không báo cáo trực tiếp số này thì tính bằng {parts}.",
                               f"Where an agency does not report this figure: {parts}."))

    def _coverage_note(self, table: pd.DataFrame) -> str:
        per = table.groupby("period", sort=False)["n_agencies"].max()
        counts = "; ".join(f"{esc(self.period_label(p))}: {int(n)}" for p, n in per.items())
        caution = "" if per.nunique() <= 1 else " " + esc(self.t(
            "Số đơn vị khác nhau giữa các kỳ: thay đổi của số tổng có phần do số đơn vị báo cáo.",
            "The number of agencies differs between periods: part of a change in a total comes "
            "from which agencies reported."))
        return esc(self.t(
            "Toàn tỉnh = tổng số liệu của các đơn vị có báo cáo; các tỷ lệ được tính lại từ tổng "
            "tử số và mẫu số, không lấy trung bình các tỷ lệ. Số đơn vị có số liệu: ",
            "Whole province = sum of the reporting agencies' figures; rates are recomputed from "
            "the summed numerators and denominators, never averaged. Agencies with data: ",
        )) + counts + "." + caution

    def breakdown_caption(self, table: pd.DataFrame, topic: str) -> str:
        """``<topic> theo đơn vị, <period>`` or ``… theo lĩnh vực …`` for a breakdown."""
        by_agency = self.is_province if table.empty else table["by"].iloc[0] == "agency"
        how = (self.t("theo đơn vị", "by agency") if by_agency
               else self.t("theo lĩnh vực", "by field"))
        return f"{topic} {how}, {self.period.label(self.lang)}"

    def breakdown_table(
        self,
        table: pd.DataFrame,
        topic: str,
        *,
        rank_by: str | None = None,
        tiebreak: str | None = None,
        rows: pd.DataFrame | None = None,
    ) -> HTML:
        """A :func:`comparison.breakdown` result: by agency (ranked by ``rank_by``) or field.

        The caption is ``topic`` plus "by agency" or "by field" and the period.
        """
        caption = self.breakdown_caption(table, topic)
        if table.empty:
            return self.table(table, [("key", self.word("field"))], caption, empty=self.t(
                "Đơn vị không báo cáo số liệu chi tiết theo lĩnh vực trong kỳ này.",
                "The agency reported no figures by field for this period."))
        by = table["by"].iloc[0]
        df = table.copy()
        cols: list[Column] = []
        if rank_by and by == "agency":
            df = comparison.rank(df, rank_by, tiebreak=tiebreak)
            cols.append(Column("rank", self.word("rank"), "rank"))
        cols.append(Column("key", self.word("agency" if by == "agency" else "field"),
                           "agency" if by == "agency" else "text"))
        for code in [c for c in table.columns if c not in ("key", "by", "illustrative")]:
            m = comparison.get(code)
            head = m.label(self.lang) + (" (%)" if m.is_rate else "")
            cols.append(Column(code, head, _measure_kind(m.kind)))
        notes = []
        for code in [c.key for c in cols if c.key in comparison.MEASURES]:
            m = comparison.get(code)
            if m.definition(self.lang):
                notes.append(f"{m.label(self.lang)}: {m.definition(self.lang)}.")
        if rank_by and by == "agency":
            notes.append(self.t(
                f"Xếp hạng theo “{comparison.get(rank_by).label('vi')}”; đơn vị bằng nhau cùng "
                "hạng; đơn vị không có số liệu xếp cuối, không có hạng.",
                f"Ranked by “{comparison.get(rank_by).label('en')}”; ties share a rank; "
                "agencies without data come last, unranked."))
        return self.table(df, cols, caption, notes=notes, rows=rows)

    def key_figures(self, table: pd.DataFrame, caption: str, *, rows: pd.DataFrame | None = None
                    ) -> HTML:
        """An overview table: each measure's value now, and ▲▼ with words against each base."""
        lang = self.lang
        fns = _Notes()
        codes = list(dict.fromkeys(table["measure"]))
        cur = table[table["role"] == "current"]["period"].iloc[0] if len(table) else ""
        bases = list(dict.fromkeys(table[table["role"] == "base"]["period"]))
        look = {(r.measure, r.period): r for r in table.itertuples(index=False)}
        head = (f'<tr><th scope="col">{self.word("indicator")}</th>'
                f'<th class=num scope="col">{esc(self.period_label(cur))}</th>'
                + "".join(f'<th scope="col">{self.t("So với", "Compared with")} '
                          f"{esc(self.compare_label(periods.parse(b)))}</th>" for b in bases)
                + "</tr>")
        body = []
        any_ill = False
        for code in codes:
            m = comparison.get(code)
            c = look.get((code, cur))
            if c is None or all(_missing(look[(code, p)].value) for p in [cur] + bases):
                continue
            any_ill |= bool(c.illustrative)
            label = esc(m.label(lang)) + fns.mark(m.definition(lang))
            tds = [f"<th scope=row>{label}</th>", self._value_td(c, _measure_kind(m.kind), fns)]
            for b in bases:
                r = look[(code, b)]
                any_ill |= bool(r.illustrative)
                tds.append(self._direction_td(r, m, fns, bool(c.illustrative or r.illustrative)))
            body.append("<tr>" + "".join(tds) + "</tr>")
        extra = [esc(self.t("▲ tăng, ▼ giảm, ● không đổi so với kỳ so sánh; tăng hay giảm "
                            "không tự nó là tốt hay xấu.",
                            "▲ up, ▼ down, ● unchanged against the comparison period; up or "
                            "down is not in itself good or bad."))]
        if any_ill:
            extra.append(esc(self.t("Số in nghiêng: số liệu minh họa.",
                                    "Figures in italics: illustrative.")))
        if self.is_province:
            extra.append(self._coverage_note(table))
        used = comparison.used_rows(rows, codes, [cur] + bases) if rows is not None else None
        return self._table_html(caption, head, "".join(body), fns, extra, used, any_ill,
                                cls="pa-key")

    def _direction_td(self, r, m: comparison.Measure, fns: _Notes, ill: bool) -> str:
        cls = ' class="ill"' if ill else ""
        if r.note in ("base_missing", "current_missing", "both_missing", "zero_denominator",
                      "different_basis") or _missing(r.change):
            return (f"<td{cls}>{self.t('không so sánh được', 'not comparable')}"
                    f"{fns.mark(self._note(r.note or 'no_data'))}</td>")
        d = comparison.direction(r.change)
        arrow = {"up": "▲", "down": "▼", "flat": "●"}[d]
        word = {"up": self.t("tăng", "up"), "down": self.t("giảm", "down"),
                "flat": self.t("không đổi", "unchanged")}[d]
        if m.is_rate:
            amount = esc(fmt.number(abs(r.change), self.lang, 1)) + self.word("pp")
        else:
            amount = cell(abs(r.change), "amount", self.lang)
            if r.note == "base_zero":
                amount += f" ({self.t('kỳ so sánh bằng 0', 'from zero')})"
            elif not _missing(r.change_pct):
                amount += f" ({esc(fmt.number(abs(r.change_pct), self.lang, 1))}%)"
        base = cell(r.value, _measure_kind(m.kind), self.lang)
        text = word if d == "flat" else f"{word} {amount}"
        return (f'<td{cls}><span class="pa-dir pa-{d}">{arrow}</span> {text} '
                f'<span class="pa-base">({self.t("kỳ đó", "then")}: {base})</span></td>')

    # -- figures --------------------------------------------------------------------------------
    def figure(
        self,
        fig,
        caption: str,
        *,
        rows: pd.DataFrame | None = None,
        measures: Sequence[str] | None = None,
        illustrative: bool | None = None,
        notes: Sequence[str] = (),
        format: str = "png",
        dpi: int = 110,
    ) -> HTML:
        """A matplotlib Figure as a numbered, self-contained image (a ``data:`` URI).

        ``rows`` (restricted to what ``measures`` read in this appendix's periods, if given)
        decide the ILLUSTRATIVE tag and the source line.  ``fig=None`` (a chart with nothing
        to draw) shows nothing and takes no number.
        """
        if fig is None:
            return HTML("", "")
        if rows is not None and measures is not None:
            rows = comparison.used_rows(rows, measures, self.periods)
        num = self._number("figure", caption)
        anchor = f"figure-{self.appendix}-{self._numbers[('figure', caption)]}"
        ill = bool(rows["illustrative"].any()) if illustrative is None and rows is not None \
            else bool(illustrative)
        uri = charts.to_data_uri(fig, format=format, dpi=dpi)
        w, h = (int(round(v * dpi)) for v in fig.get_size_inches())
        tag = (f' <span class="pa-tag">{esc(self.t("MINH HỌA", "ILLUSTRATIVE"))}</span>'
               if ill else "")
        foot = "".join(f'<p class="pa-note">{esc(n)}</p>' for n in notes)
        body = (f'<figure class="pa-fig" id="{esc(anchor)}">'
                f'<img src="{uri}" alt="{esc(num)}. {esc(caption)}" width="{w}" height="{h}">'
                f'<figcaption><span class="pa-num">{esc(num)}.</span> {esc(caption)}{tag}'
                f"</figcaption>{foot}{sources_note(rows, self.lang)}</figure>")
        return HTML(body, f"{num}. {caption}")

    def message(self, vi: str, en: str) -> HTML:
        """A highlighted message (for example: no PAPI year yet for this period)."""
        text = self.t(vi, en)
        return HTML(f'<p class="pa-msg">{esc(text)}</p>', text)


    # -- PAPI -------------------------------------------------------------------------------------
    def papi_year(self, wide: pd.DataFrame, gso_code: int | None = None) -> int:
        """The latest PAPI year, not after the reporting period's year, with the province's scores.

        Raises
        ------
        ParameterError
            If the province has no PAPI scores up to that year.
        """
        from . import config

        code = int(gso_code or config.PROVINCE_GSO_CODE)
        dims = [c for c in wide.columns if c[:1] == "d" and c[1:].isdigit()]
        mine = wide[(wide["gso_code"] == code) & wide[dims].notna().any(axis=1)]
        years = sorted(int(y) for y in mine["year"] if int(y) <= self.period.year)
        if not years:
            raise ParameterError(
                f"Không có điểm PAPI nào đến năm {self.period.year} (kỳ {self.period.code}).",
                f"No PAPI scores up to {self.period.year} (period {self.period.code}).",
                where="period", hint_vi="PAPI có từ năm 2011; chọn kỳ từ 2011 trở đi.",
                hint_en="PAPI starts in 2011; choose a period from 2011 on.")
        return years[-1]

    def papi_key_figures(self, ranks: pd.DataFrame, moves: pd.DataFrame, year: int,
                         caption: str) -> HTML:
        """PAPI in one table: total, rank, group and each dimension, ▲▼ against the base year.

        ``ranks`` is :func:`papi.rank_history`, ``moves`` :func:`papi.moves` for ``year``.
        Totals are compared only on the same scale (never across 2017/2018).
        """
        fns = _Notes()
        now = ranks[ranks["year"] == year]
        base_year = moves["base_year"].dropna()
        by = int(base_year.iloc[0]) if len(base_year) else None
        then = ranks[ranks["year"] == by] if by is not None else ranks.iloc[0:0]
        head = (f'<tr><th scope="col">{self.word("indicator")}</th>'
                f'<th class=num scope="col">{year}</th>'
                f'<th scope="col">{self.t("So với năm", "Compared with")} {by or "–"}</th></tr>')
        body = []
        if len(now):
            r, b = now.iloc[0], then.iloc[0] if len(then) else None
            scale = f"{int(r['scale_max']) // 10}–{int(r['scale_max'])}"
            same = b is not None and b["scale_max"] == r["scale_max"]
            if same and not _missing(b["total"]):
                chg = self._arrow(float(r["total"]) - float(b["total"]),
                                  cell(b["total"], "score", self.lang), "score")
            else:
                chg = self.t("không so sánh được", "not comparable") + fns.mark(self.t(
                    "Thang điểm tổng đổi từ 6–60 sang 8–80 năm 2018: không so sánh tổng điểm "
                    "qua mốc này.", "The total's scale changed from 6–60 to 8–80 in 2018: "
                    "totals are not compared across it."))
            body.append(f"<tr><th scope=row>{self.t('Tổng điểm PAPI', 'PAPI total')} "
                        f"({self.t('thang', 'scale')} {scale})</th>"
                        f"<td class=num>{cell(r['total'], 'score', self.lang)}</td>"
                        f"<td>{chg}</td></tr>")
            rank_now = (f"{cell(r['rank'], 'rank', self.lang)}/"
                        f"{cell(r['n_ranked'], 'rank', self.lang)}")
            if b is not None and not _missing(b["rank"]) and not _missing(r["rank"]):
                gained = int(b["rank"]) - int(r["rank"])
                d = comparison.direction(gained)
                word = {"up": self.t(f"lên {gained} bậc", f"up {gained} places"),
                        "down": self.t(f"xuống {-gained} bậc", f"down {-gained} places"),
                        "flat": self.t("giữ nguyên", "unchanged")}[d]
                arrow = {"up": "▲", "down": "▼", "flat": "●"}[d]
                base_txt = f"{int(b['rank'])}/{int(b['n_ranked'])}"
                rchg = (f'<span class="pa-dir pa-{d}">{arrow}</span> {word} '
                        f'<span class="pa-base">({self.t("năm đó", "then")}: {base_txt})</span>')
            else:
                rchg = "–"
            rank_note = fns.mark(self.t(
                "Hạng 1 là cao nhất; số tỉnh được xếp hạng có thể ít hơn 63 khi thiếu số liệu.",
                "Rank 1 is the best; fewer than 63 provinces are ranked in years with missing "
                "data."))
            body.append(f"<tr><th scope=row>{self.t('Thứ hạng', 'Rank')}{rank_note}</th>"
                        f"<td class=num>{rank_now}</td><td>{rchg}</td></tr>")
            g_now = esc(r["group_vi"] if self.lang == "vi" else r["group_en"])
            g_then = esc((b["group_vi"] if self.lang == "vi" else b["group_en"])
                         if b is not None else "–")
            body.append(f"<tr><th scope=row>{self.t('Nhóm', 'Quartile group')}</th>"
                        f"<td>{g_now}</td><td>{self.t('năm đó', 'then')}: {g_then}</td></tr>")
        for m in moves.sort_values("dimension").itertuples(index=False):
            label = m.label_vi if self.lang == "vi" else m.label_en
            if m.comparable and not _missing(m.change):
                chg = self._arrow(float(m.change), cell(m.base_score, "score", self.lang), "score")
            else:
                chg = self.t("không so sánh được", "not comparable")
            note = m.note if self.lang == "vi" else m.note_en
            body.append(f"<tr><th scope=row>D{m.dimension}. {esc(label)}{fns.mark(note)}</th>"
                        f"<td class=num>{cell(m.score, 'score', self.lang)}</td>"
                        f"<td>{chg}</td></tr>")
        extra = [esc(self.t("Điểm mỗi lĩnh vực từ 1 đến 10. ▲ tăng, ▼ giảm so với năm gốc.",
                            "Each dimension scores 1–10. ▲ up, ▼ down against the base year."))]
        return self._table_html(caption, head, "".join(body), fns, extra, None, False,
                                cls="pa-key")

    def _arrow(self, delta: float, base_text: str, kind: str = "score") -> str:
        d = comparison.direction(round(delta, 2))
        arrow = {"up": "▲", "down": "▼", "flat": "●"}[d]
        word = {"up": self.t("tăng", "up"), "down": self.t("giảm", "down"),
                "flat": self.t("không đổi", "unchanged")}[d]
        amount = cell(abs(delta), kind, self.lang)
        text = word if d == "flat" else f"{word} {amount}"
        return (f'<span class="pa-dir pa-{d}">{arrow}</span> {text} '
                f'<span class="pa-base">({self.t("năm đó", "then")}: {base_text})</span>')


# -- setup ----------------------------------------------------------------------------------------
def _as_list(compare) -> list[str]:
    if compare is None:
        return []
    if isinstance(compare, str):  # "-p compare previous,2023-H1" from the command line
        return [x for x in compare.replace(",", " ").split() if x]
    if isinstance(compare, (list, tuple)):
        return [str(x).strip() for x in compare]
    raise ParameterError(
        f"Tham số compare phải là danh sách, không phải {type(compare).__name__}.",
        f"Parameter compare must be a list, not {type(compare).__name__}.",
        where="compare",
        hint_vi='Ví dụ: ["previous", "same_period_last_year"].',
        hint_en='For example ["previous", "same_period_last_year"].',
    )


def setup(
    period: str,
    compare: list | str | None,
    agency: str,
    lang: str = "vi",
    data_dir: str = "",
    *,
    appendix: int,
) -> Context:
    """Check a notebook's parameters and turn them into a :class:`Context`.

    Raises
    ------
    ParameterError
        If a parameter is wrong: unknown language, unreadable period or comparison period,
        unknown agency, an agency other than ``HY`` for a province-wide appendix, or a
        ``data_dir`` that does not exist.  The message names the parameter and what to do.
    """
    if lang not in fmt.LANGS:
        raise ParameterError(
            f"Tham số lang = “{lang}” không hợp lệ.", f"Parameter lang = “{lang}” is not valid.",
            where="lang", hint_vi="Dùng vi hoặc en.", hint_en="Use vi or en.")
    if appendix not in APPENDICES:
        raise ParameterError(f"Không có phụ lục số {appendix}.", f"No appendix {appendix}.",
                             where="appendix", hint_vi="Dùng 1–5.", hint_en="Use 1–5.")
    try:
        p = periods.parse(str(period).strip())
    except PapiError as err:
        raise ParameterError(err.vi, err.en, where="period", hint_vi=err.hint_vi,
                             hint_en=err.hint_en) from None
    raw = _as_list(compare)
    comps = comparison.comparison_periods(p, raw)
    try:
        a = agencies.get(str(agency).strip())
    except PapiError as err:
        raise ParameterError(err.vi, err.en, where="agency", hint_vi=err.hint_vi,
                             hint_en=err.hint_en) from None
    if APPENDICES[appendix]["scope"] == "province" and a.code != PROVINCE_CODE:
        raise ParameterError(
            f"Phụ lục {appendix} tính cho toàn tỉnh; agency phải là {PROVINCE_CODE}, "
            f"không phải “{agency}”.",
            f"Appendix {appendix} covers the whole province; agency must be {PROVINCE_CODE}, "
            f"not “{agency}”.",
            where="agency", hint_vi=f"Đặt agency = \"{PROVINCE_CODE}\".",
            hint_en=f"Set agency = \"{PROVINCE_CODE}\".")
    ddir = None
    if data_dir:
        ddir = Path(data_dir).expanduser()
        if not ddir.is_dir():
            raise ParameterError(
                f"Thư mục số liệu “{data_dir}” không tồn tại.",
                f"The data folder “{data_dir}” does not exist.",
                where="data_dir", hint_vi="Để trống để dùng thư mục data/ của dự án.",
                hint_en="Leave it empty to use the project's data/ folder.")
    return Context(period=p, comparisons=comps, agency=a, lang=lang, data_dir=ddir,
                   appendix=appendix, compare_raw=raw)
