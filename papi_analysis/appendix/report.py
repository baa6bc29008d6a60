"""What the appendix notebooks display: header, banner, provenance, numbered tables and figures.

A notebook calls :func:`setup` with its parameters and gets a :class:`Context` that knows
the period, comparisons, agency and language, numbers tables and figures ("Bảng 1.2",
"Hình 1.1") and captions them.  The table bodies are built by
:mod:`papi_analysis.appendix.tables` (and :mod:`papi_analysis.appendix.papitables` for PAPI);
this module frames them.  Tables and figures that show illustrative figures say so, and each
one names its source files and rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import __version__, config, fingerprint, fmt
from ..analysis import comparison
from ..errors import PapiError, ParameterError
from ..model import agencies, periods
from ..model.agencies import Agency
from ..model.periods import Period
from ..text import fold
from . import charts, comparetables, papitables, tables
from .tables import Column, Grid, cell, esc, sources_note

# Column, cell, esc and sources_note live in tables: notebooks, rendering and tests reach
# them through report.
__all__ = ["APPENDICES", "BANNER", "HTML", "Column", "Context", "cell", "esc", "setup",
           "sources_note"]

#: The appendices: notebook, scope and title (notebook metadata repeats these).
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
    6: {"notebook": "06_summary", "scope": "province",
        "title_vi": "Tóm tắt cho lãnh đạo", "title_en": "Summary for leadership"},
}

BANNER = {"vi": "SỐ LIỆU MINH HỌA — không phải số liệu thật",
          "en": "ILLUSTRATIVE DATA — not real figures"}
_BANNER_STYLE = ("border:3px solid #b00020;background:#fff3f3;color:#5a0010;padding:.6em .9em;"
                 "margin:.8em 0")


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


def _any_illustrative(rows: pd.DataFrame | None, illustrative: bool | None) -> bool:
    """``illustrative`` when given, else whether any of ``rows`` is illustrative."""
    if illustrative is None and rows is not None:
        return bool(rows["illustrative"].any())
    return bool(illustrative)


@dataclass
class _Illustrative:
    """Which figures among an appendix's rows are illustrative and which real."""

    #: illustrative agency → the periods (codes, current first) in which it is illustrative
    ill: dict[str, tuple[str, ...]]
    #: (agency, period) → the real source files
    real: dict[tuple[str, str], list[str]]
    #: True when some figure of the reporting period is illustrative
    current: bool
    #: comparison periods that hold illustrative figures
    bases: list[str]

    @classmethod
    def of(cls, rows: pd.DataFrame, current: str) -> _Illustrative:
        flag = rows["illustrative"].astype(bool)
        illr, realr = rows[flag], rows[~flag]
        order = [current] + sorted(set(rows["period"]) - {current}, reverse=True)
        ill = {a: tuple(p for p in order if p in set(g["period"]))
               for a, g in illr.groupby("agency", sort=True)}
        real = {(a, p): sorted(set(g["source_file"]) - {""})
                for (a, p), g in realr.groupby(["agency", "period"], sort=True)}
        bases = [p for p in order[1:] if p in set(illr["period"])]
        return cls(ill, real, bool((illr["period"] == current).any()), bases)


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
    illustrative: bool = True
    registry: agencies.Registry | None = None
    started: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    _numbers: dict[tuple[str, str], int] = field(default_factory=dict)
    _memo: dict[str, object] = field(default_factory=dict, repr=False)

    # -- basics -------------------------------------------------------------------------------
    @property
    def periods(self) -> list[Period]:
        """The reporting period followed by the comparison periods."""
        return [self.period] + self.comparisons

    @property
    def first_comparison(self) -> Period | None:
        """The first comparison period (the one breakdowns compare with), or None."""
        return self.comparisons[0] if self.comparisons else None

    @property
    def gso_code(self) -> int:
        """The province's GSO code (PAPI data): that of the registry's province by name
        (``data/papi/provinces.csv``), else the configured one."""
        from ..analysis import papi

        home = self.reg.units.get(self.reg.home)
        found = papi.gso_for(home.province, self.data_dir) if home is not None else None
        return int(found if found is not None else config.PROVINCE_GSO_CODE)

    @property
    def is_province(self) -> bool:
        """True when the agency is the whole province (``HY``)."""
        return self.agency.kind == "province"

    def t(self, vi: str, en: str) -> str:
        """The text in the notebook's language."""
        return tables.t(self.lang, vi, en)

    def word(self, key: str) -> str:
        """A fixed word of the appendix ("Bảng" / "Table") in the notebook's language."""
        return tables.word(key, self.lang)

    @property
    def title(self) -> str:
        """The appendix title in the notebook's language."""
        return APPENDICES[self.appendix]["title_" + self.lang]

    def agency_name(self, code: str, short: bool = False) -> str:
        """An agency's name (short Vietnamese name in vi tables), or the code if unknown."""
        return tables.agency_name(code, self.lang, short)

    def agency_names(self, codes: Iterable[str] | None = None, short: bool = True
                     ) -> dict[str, str]:
        """Code → display name for ``codes`` (default: the whole registry)."""
        codes = list(codes) if codes is not None else list(agencies.registry())
        return {c: self.agency_name(c, short) for c in codes}

    def period_label(self, p: Period | str) -> str:
        """``6 tháng đầu năm 2024`` / ``First half of 2024``; unknown codes as they are."""
        return tables.period_label(p, self.lang)

    def compare_label(self, p: Period) -> str:
        """``6 tháng cuối năm 2023 (kỳ trước)``."""
        return tables.compare_label(self.period, p, self.lang)

    # -- numbers and captions -------------------------------------------------------------------
    def _number(self, kind: str, caption: str) -> tuple[str, str]:
        """``("Bảng 1.2", "table-1-2")``: the label and HTML id of a table or figure."""
        # numbered by caption, so re-running a cell in JupyterLab keeps its number
        key = (kind, caption)
        if key not in self._numbers:
            self._numbers[key] = 1 + sum(1 for k in self._numbers if k[0] == kind)
        n = self._numbers[key]
        return f"{self.word(kind)} {self.appendix}.{n}", f"{kind}-{self.appendix}-{n}"

    def _caption(self, num: str, caption: str, illustrative: bool,
                 rows: pd.DataFrame | None = None) -> str:
        tag = ""
        if illustrative:
            only_bases = (rows is not None and len(rows) and not (
                rows["illustrative"].astype(bool) & (rows["period"] == self.period.code)).any())
            word = (self.t("SO SÁNH MINH HỌA", "ILLUSTRATIVE COMPARISONS") if only_bases
                    else self.t("MINH HỌA", "ILLUSTRATIVE"))
            tag = f' <span class="pa-tag">{esc(word)}</span>'
        return (f'<figcaption><span class="pa-num">{esc(num)}.</span> {esc(caption)}{tag}'
                f"</figcaption>")

    def _numbered(self, caption: str, grid: Grid) -> HTML:
        """``grid`` as a numbered, captioned table."""
        num, anchor = self._number("table", caption)
        body = (f'<figure class="pa-table {grid.cls}" id="{esc(anchor)}">'
                f"{self._caption(num, caption, grid.illustrative, grid.rows)}"
                f"{grid.html(self.lang)}"
                f"</figure>")
        return HTML(body, f"{num}. {caption}")

    # -- blocks ---------------------------------------------------------------------------------
    def header(self, rows: pd.DataFrame | None = None, *, illustrative: bool | None = None
               ) -> HTML:
        """Title, what is illustrative, coverage, data errors, and the provenance box.

        ``rows`` are the tidy rows the appendix shows.  From them:

        * when figures of the reporting period are illustrative, the ILLUSTRATIVE banner names
          exactly which agencies and which period columns are illustrative, and which figures
          are real (agency, period, file);
        * when the reporting period's figures are all real and only comparison columns hold
          illustrative figures, one line says so, and there is no banner;
        * when every figure is real, nothing is said;
        * for the whole province, how many of the registry's departments the totals sum
          ("số liệu của 4/18 đơn vị"), and a PARTIAL box when some have no figures;
        * a box naming the validation errors of the agency's (or, for the province, any
          department's) figures of the period, linked to appendix 5.
        """
        info = _Illustrative.of(rows, self.period.code) if rows is not None else None
        ill = info.current if info is not None else bool(illustrative)
        sub = [esc(self.agency.name(self.lang)), esc(self.period.label(self.lang))]
        out = [
            '<header class="pa-head">',
            f'<p class="pa-kicker">{self.word("appendix")} {self.appendix}</p>',
            f"<h1>{esc(self.title)}</h1>",
            f'<p class="pa-sub">{" · ".join(sub)}</p>',
            "</header>",
        ]
        if ill:
            out.append(self.banner(rows, info))
        elif info is not None and info.bases:
            out.append(self._comparisons_note(info))
        if rows is not None and self.is_province and self.appendix != 3:
            out.append(self.coverage(rows))
        if rows is not None and not (rows["period"] == self.period.code).any():
            out.append(self.message(
                f"Chưa có số liệu nào của kỳ {self.period.label('vi')} cho đơn vị này: các bảng "
                "chỉ có số của kỳ so sánh.",
                f"No figures yet for {self.period.label('en')} for this agency: the tables show "
                "the comparison periods only.").body)
        if rows is not None:
            out.append(self.as_of_note(rows))
        if self.appendix != 5 and rows is not None:
            out.append(self.errors_box())
        out.append(self.unit_notes())
        out.append(self.provenance())
        text = f"{self.word('appendix')} {self.appendix}. {self.title}" + (
            f" — {BANNER[self.lang]}" if ill else "")
        return HTML("\n".join(x for x in out if x), text)

    @property
    def reg(self) -> agencies.Registry:
        """The registry of the data folder (its ``agencies/``), else the shipped one."""
        if self.registry is None:
            self.registry = agencies.load(agencies.registry_path(self.data_dir))
        return self.registry

    @property
    def members(self) -> list[str]:
        """The departments that report for the period, whose figures the province sums."""
        return [a.code for a in self.reg.departments(self.period, province=self.reg.home)]

    @property
    def lineage(self) -> comparison.Lineage:
        """The registry and the reporting period, for :func:`comparison.select`: comparison
        periods before a merger sum the predecessors' figures."""
        return comparison.Lineage(self.reg, self.period)

    def lineage_notes(self, rows: pd.DataFrame | None) -> list[str]:
        """Plain-text notes on every comparison period summed from other units: which units,
        the transfers not counted or still included, and what is not verified."""
        lin = comparison.lineage_of(rows)
        info = lin.bases if lin is not None else {}
        out = []
        for code, base in info.items():
            if code == self.period.code and not base.excluded:
                continue
            when = self.period_label(code)
            names = self._feeder_names(base)
            codes = [f.code for f in base.feeders] + [x.successor for x in base.excluded]
            if len(names) > 1 or (names and base.feeders[0].code != self.agency.code):
                out.append(self.t(f"{when}: tổng số liệu của {_and(names, 'vi')}.",
                                  f"{when}: the sum of {_and(names, 'en')}."))
            got = rows[rows["period"] == code]["agency"]
            present = ({lin.owners.get((code, a)) for a in got} if lin.province
                       else set(got))
            absent = [self._unit_label(f.code, codes) for f in base.feeders
                      if f.code and f.code not in present]
            if absent and len(base.feeders) > 1:
                out.append(self.t(
                    f"{when}: không có số liệu của {_and(absent, 'vi')}, nên kỳ này không có "
                    "số để so sánh (không cộng thiếu).",
                    f"{when}: no figures of {_and(absent, 'en')}, so this period has no "
                    "comparable figure (no partial sum is shown)."))
            for f in base.feeders:
                if f.factor is None:
                    out.append(self.t(
                        f"{when}: không tách được phần của {self._unit_label(f.code, codes)} "
                        "(chia tách không rõ tỷ lệ).",
                        f"{when}: the part of {self._unit_label(f.code, codes)} cannot be formed "
                        "(split with no known share)."))
                elif f.factor != 1.0:
                    out.append(self.t(
                        f"{when}: {self._unit_label(f.code, codes)} tính theo tỷ lệ "
                        f"{fmt.number(100 * f.factor, 'vi', 0)}%.",
                        f"{when}: {self._unit_label(f.code, codes)} counted at "
                        f"{fmt.number(100 * f.factor, 'en', 0)}%."))
                for s in f.includes:
                    taker = self._unit_label(s.successor, codes)
                    out.append(self.t(
                        f"{when}: số của {self._unit_label(f.code, codes)} gồm cả chức năng "
                        f"{s.function_vi} (đã chuyển sang {taker} từ "
                        f"{s.date:%d/%m/%Y}; không rõ tỷ lệ để tách).",
                        f"{when}: {self._unit_label(f.code, codes)}'s figures include the function "
                        f"“{s.function_vi}” (moved to {taker} on "
                        f"{s.date:%d/%m/%Y}; no known share to separate it)."))
            for s in base.excluded:
                giver = self._unit_label(s.predecessor, codes)
                out.append(self.t(
                    f"{when}: chưa gồm chức năng {s.function_vi} nhận từ {giver} "
                    f"(từ {s.date:%d/%m/%Y}; không rõ tỷ lệ).",
                    f"{when}: without the function “{s.function_vi}” taken over from {giver} "
                    f"(on {s.date:%d/%m/%Y}; no known share)."))
            unv = base.unverified
            if unv:
                rows_ = ", ".join(str(s.row) for s in unv)
                out.append(self.t(
                    f"{when}: {len(unv)} thay đổi đơn vị dùng ở đây CHƯA ĐƯỢC KIỂM CHỨNG với văn "
                    f"bản gốc (agencies/successions.csv, dòng {rows_}).",
                    f"{when}: {len(unv)} unit change(s) used here are NOT VERIFIED against the "
                    f"original document (agencies/successions.csv, rows {rows_})."))
        return out

    def _unit_label(self, code: str, others: Iterable[str] = ()) -> str:
        """A unit's short name; with the province added when ``others`` (the units named
        with it) come from another province, so "Sở NN&MT" and "Sở NN&MT Thái Bình" differ."""
        a = self.reg.units.get(code)
        if a is None:
            return code
        if a.kind == "province" and len([o for o in others if o]) > 1:
            return self.t(f"tỉnh {a.province} (cũ)", f"former {a.province} province")
        name = (a.short_vi or a.name_vi) if self.lang == "vi" else a.name_en
        provs = {self.reg.units[o].province for o in others if o in self.reg.units}
        if len(provs | {a.province}) > 1 and fold(a.province) not in fold(name):
            name += f" ({a.province})" if self.lang == "en" else f" {a.province}"
        return name

    def _feeder_names(self, base) -> list[str]:
        codes = [f.code for f in base.feeders if f.code]
        return [self._unit_label(c, codes) for c in codes]

    def _lineage_html(self, rows: pd.DataFrame | None) -> str:
        notes = self.lineage_notes(rows)
        if not notes:
            return ""
        return ('<div class="pa-lineage">' + "".join(
            f'<p class="pa-note">{esc(n)}</p>' for n in notes) + "</div>")

    def _names(self, codes: Iterable[str]) -> str:
        return ", ".join(esc(self.agency_name(c, short=True)) for c in codes)

    def _periods(self, codes: Iterable[str]) -> str:
        return ", ".join(esc(self.period_label(p)) for p in codes)

    def banner(self, rows: pd.DataFrame | None = None, info: _Illustrative | None = None) -> str:
        """The ILLUSTRATIVE banner: which agencies and period columns are illustrative, and
        which figures among ``rows`` are real (HTML); ``info`` is ``rows`` already sorted."""
        if info is None and rows is not None:
            info = _Illustrative.of(rows, self.period.code)
        if info is None or not info.real:
            what = self.t("Không có số liệu thật nào trong phụ lục này: mọi số đều do máy tạo ra "
                          "để minh họa.",
                          "No figure in this appendix is real: all were generated for "
                          "illustration.")
            if info is not None and info.ill:
                what += " " + self.t("Số minh họa: ", "Illustrative: ") + self._ill_list(info)
        else:
            real = "; ".join(
                f"{esc(self.agency_name(a, short=True))}, {esc(self.period_label(p))} "
                f"({', '.join(esc(f) for f in files)})" for (a, p), files in info.real.items())
            what = self.t(
                f"Số minh họa do máy tạo ra (in nghiêng trong bảng): {self._ill_list(info)}. "
                f"Số thật: {real}. Số tổng có cộng số minh họa cũng là minh họa.",
                f"Generated for illustration (italic in tables): {self._ill_list(info)}. "
                f"Real figures: {real}. Totals that include illustrative figures are "
                "illustrative too.")
        return (f'<div class="pa-banner" role="note" style="{_BANNER_STYLE}">'
                f"<strong>{esc(BANNER[self.lang])}</strong><br>{what}</div>")

    def _ill_list(self, info: _Illustrative) -> str:
        """``Sở A, Sở B (kỳ X, kỳ Y); Sở C (kỳ Y)``: illustrative agencies by period columns."""
        groups: dict[tuple[str, ...], list[str]] = {}
        for a, ps in info.ill.items():
            groups.setdefault(ps, []).append(a)
        return "; ".join(f"{self._names(ags)} ({self._periods(ps)})"
                         for ps, ags in groups.items())

    def _comparisons_note(self, info: _Illustrative) -> str:
        """One line: the reporting period is real, some comparison columns are illustrative."""
        agencies_ill = sorted({a for a, ps in info.ill.items()})
        whose = ""
        if self.is_province:
            whose = self.t(f" (số của {self._names(agencies_ill)})",
                           f" (figures of {self._names(agencies_ill)})")
        text = self.t(
            f"Số liệu kỳ báo cáo ({esc(self.period.label('vi'))}) là số thật; các cột so sánh "
            f"({self._periods(info.bases)}) là số minh họa{whose}, in nghiêng, không phải số "
            "thật.",
            f"Figures for the reporting period ({esc(self.period.label('en'))}) are real; the "
            f"comparison columns ({self._periods(info.bases)}) are illustrative{whose}, in "
            "italics, not real figures.")
        return f'<p class="pa-illnote" role="note">{text}</p>'

    def coverage_counts(self, rows: pd.DataFrame, period: str | None = None
                        ) -> tuple[int, int, int, list[str]]:
        """``(with figures, of them real, departments, missing codes)`` for the province."""
        code = period or self.period.code
        mine = rows[(rows["period"] == code) & (rows["agency"].isin(self.members))]
        have = set(mine["agency"])
        real = set(mine.loc[~mine["illustrative"].astype(bool), "agency"])
        missing = [c for c in self.members if c not in have]
        return len(have), len(real), len(self.members), missing

    def _covered(self, caption: str, rows: pd.DataFrame | None) -> str:
        """``caption`` with the units a comparison period sums, and for the province how many
        departments its figures sum."""
        caption += self._lineage_caption(rows)
        if not self.is_province or rows is None or rows.empty:
            return caption
        n, _, total, _ = self.coverage_counts(rows)
        compiled = ((rows["period"] == self.period.code)
                    & (rows["agency"] == self.agency.code)).any()
        if compiled and n == 0:  # the province's own compiled figures, not a sum of units
            return caption + self.t(" (số liệu tổng hợp của toàn tỉnh)",
                                    " (the province's own compiled figures)")
        return f"{caption} ({self.coverage_text(n, total)})"

    def unit_notes(self) -> str:
        """Lines on the reporting unit itself: its dates when not verified, when it was set up
        or merged within the comparison periods, and the end of the district level."""
        out = []
        a = self.agency
        if not a.verified:
            out.append(self.t(
                f"Thông tin về {a.name_vi} ({a.life()}) CHƯA ĐƯỢC KIỂM CHỨNG đầy đủ với văn bản "
                f"gốc: {a.note or a.source}.",
                f"The record of {a.name_en} ({a.life()}) is NOT fully VERIFIED against the "
                f"original document: {a.note or a.source}."))
        if self.is_province and self.period.date_range()[1] >= agencies.DISTRICT_LEVEL_ENDED:
            # the province merger took effect the same day (Nghị quyết 202/2025/QH15)
            out.append(self.t(
                "Danh sách đơn vị của tỉnh Hưng Yên từ 01/07/2025 CHƯA ĐƯỢC KIỂM CHỨNG đầy đủ: "
                "nguồn công khai (Vietnamplus, 26/09/2025) nêu tỉnh có 16 sở, ban, ngành, sổ "
                "đăng ký có 13; số toàn tỉnh là tổng của 13 đơn vị này, không phải của cả tỉnh.",
                "The list of Hưng Yên's units from 01/07/2025 is NOT fully VERIFIED: a public "
                "source (Vietnamplus, 26/09/2025) gives 16 departments, boards and agencies, "
                "the registry has 13; province totals are the sum of these 13, not of the "
                "whole province."))
        if agencies.spans_district_end(self.period):
            out.append(self.t(
                "Kỳ này gồm thời gian trước và sau 01/07/2025, ngày kết thúc cấp huyện (chính "
                "quyền địa phương hai cấp): số liệu theo cấp giữ như đơn vị đã báo cáo.",
                "This period runs across 01/07/2025, when the district level ended (two-level "
                "local government): figures by level are kept as reported."))
        if not out:
            return ""
        return '<div class="pa-unitnote">' + "".join(
            f'<p class="pa-note">{esc(x)}</p>' for x in out) + "</div>"

    def _lineage_caption(self, rows: pd.DataFrame | None) -> str:
        """`` — so sánh với tổng Sở TN&MT và Sở NN&PTNT`` when comparison periods are sums."""
        lin = comparison.lineage_of(rows)
        info = lin.bases if lin is not None else {}
        parts = []
        for code, base in info.items():
            names = self._feeder_names(base)
            if code == self.period.code or (len(names) == 1 and base.feeders[0].code
                                            == self.agency.code):
                continue
            codes = [f.code for f in base.feeders if f.code]
            if self.agency.code in codes:  # a continuing unit with the units merged into it
                me = self._unit_label(self.agency.code, codes)
                others = [self._unit_label(c, codes) for c in codes if c != self.agency.code]
                parts.append(self.t(
                    f"{self.period_label(code)}: {me} cùng các đơn vị đã nhập vào "
                    f"({_and(others, 'vi')})",
                    f"{self.period_label(code)}: {me} together with the units merged into it "
                    f"({_and(others, 'en')})"))
                continue
            parts.append(self.t(
                f"{self.period_label(code)}: đơn vị mới, tổng các đơn vị tiền thân "
                f"({_and(names, 'vi')})",
                f"{self.period_label(code)}: new unit, sum of its predecessors "
                f"({_and(names, 'en')})"))
        if not parts:
            return ""
        return self.t(" — so sánh với ", " — compared with ") + "; ".join(parts)

    def coverage_text(self, n: int, total: int) -> str:
        """``số liệu của 4/18 đơn vị`` / ``figures of 4 of 18 agencies``."""
        return self.t(f"số liệu của {n}/{total} đơn vị", f"figures of {n} of {total} agencies")

    def coverage(self, rows: pd.DataFrame) -> str:
        """The province's coverage line, and the PARTIAL box when departments are missing."""
        n, real, total, missing = self.coverage_counts(rows)
        kinds = self.t(f"{real} đơn vị số thật, {n - real} đơn vị số minh họa",
                       f"{real} with real figures, {n - real} illustrative")
        line = self.t(
            f"Toàn tỉnh, {esc(self.period.label('vi'))}: {self.coverage_text(n, total)} "
            f"({kinds}); số toàn tỉnh là tổng của các đơn vị này.",
            f"Whole province, {esc(self.period.label('en'))}: {self.coverage_text(n, total)} "
            f"({kinds}); province totals are the sum of these agencies.")
        own = rows[(rows["period"] == self.period.code) & (rows["agency"] == self.agency.code)]
        if len(own):  # a compiled provincial report stands for its groups, not the units' sum
            groups = sorted(set(own["indicator"].str.split(".").str[0]))
            real_own = not own["illustrative"].astype(bool).any()
            line += " " + self.t(
                f"Riêng nhóm {', '.join(groups)}: số liệu tổng hợp của toàn tỉnh"
                f"{' (số thật)' if real_own else ' (minh họa)'}, thay cho tổng các đơn vị.",
                f"For {', '.join(groups)}: the province's own compiled figures"
                f"{' (real)' if real_own else ' (illustrative)'}, instead of the units' sum.")
        out = f'<p class="pa-coverage">{line}</p>'
        if missing and n:
            out = (f'<div class="pa-partial" role="note"><strong>'
                   f'{self.t("SỐ LIỆU CHƯA ĐỦ", "PARTIAL DATA")}</strong> — '
                   f'{self.t("chưa có số liệu của", "no figures yet from")} '
                   f"{len(missing)}/{total} {self.t('đơn vị', 'agencies')}: "
                   f"{self._names(missing)}.</div>" + out)
        return out

    def sources_note(self, tidy: pd.DataFrame) -> HTML:
        """How sources are ranked, and a link to the review page of each prose report of the
        period (written by ``build`` under ``reports/<period>/review/``)."""
        from ..intake import datasets

        kinds = ", ".join(self.t(*datasets.SOURCE_KIND_LABELS[k])
                          for k in datasets.SOURCE_KINDS if k != "illustrative")
        text = self.t(
            f"Mỗi đơn vị, mỗi kỳ chỉ có một chủ số liệu: khi đã có số liệu thật (biểu mẫu, bảng "
            f"hoặc báo cáo văn bản) thì không dùng số minh họa nào của đơn vị và kỳ đó. Khi hai "
            f"nguồn thật cho cùng một số, thứ tự ưu tiên là: {kinds}; nếu hai số khác nhau, đó là "
            f"lỗi source.conflict (mục 2) nêu tên cả hai tệp.",
            f"One agency, one period, one owner: once real figures exist (a form, a table or a "
            f"prose report), no illustrative figure of that agency and period is used. Where two "
            f"real sources give the same figure, the order of precedence is: {kinds}; if they "
            f"differ, that is a source.conflict error (section 2) naming both files.")
        body = f'<p class="pa-p">{esc(text)}</p>'
        now = tidy[tidy["period"] == self.period.code]
        prose = sorted({f for f, i in zip(now["source_file"], now["illustrative"], strict=True)
                        if f and not i and datasets.source_kind(f) == "prose"})
        if prose:
            suffix = "" if self.lang == "vi" else f".{self.lang}"
            links = "".join(
                f'<li><a href="../review/{esc(Path(f).stem)}{suffix}.html">{esc(f)}</a></li>'
                for f in prose)
            intro = self.t("Báo cáo văn bản của kỳ này, mỗi báo cáo có trang rà soát tô sáng "
                           "từng số đã đọc:",
                           "Prose reports of this period, each with a review page that "
                           "highlights every figure read:")
            body += f'<p class="pa-p">{esc(intro)}</p><ul class="pa-reviews">{links}</ul>'
        return HTML(body, text)

    @property
    def errors_link(self) -> str:
        """The address of the period's data-quality appendix (Phụ lục 5), relative to this
        appendix in the period's folder of the reports."""
        return (f"../05_data_quality/{self.reg.home}"
                + ("" if self.lang == "vi" else f".{self.lang}") + ".html")

    def findings(self) -> pd.DataFrame | None:
        """The validation findings of the data folder, or None if it cannot be checked; read
        once per notebook (the data and the errors box both use them)."""
        from ..intake import validation

        if "findings" not in self._memo:
            try:
                self._memo["findings"] = validation.check_data(self.data_dir, self.illustrative)
            except PapiError:
                self._memo["findings"] = None
        return self._memo["findings"]

    def data(self) -> pd.DataFrame:
        """The tidy table of the notebook's data folder, each row flagged ``error`` when its
        agency, period and indicator group failed a check (:func:`comparison.mark_errors`):
        what every table, chart and ranking of an appendix is computed from."""
        from ..intake import datasets

        tidy = datasets.load(self.data_dir, self.illustrative)
        return comparison.mark_errors(tidy, self.findings())

    def as_of_note(self, rows: pd.DataFrame) -> str:
        """One line per date when the reporting period's figures run to a date before the
        period ends (``as_of``: "số liệu đến 21/05/2024"), naming the agencies; ``""``
        when every figure runs to the period's end."""
        if "as_of" not in rows.columns:
            return ""
        end = self.period.date_range()[1]
        now = rows[(rows["period"] == self.period.code) & (rows["as_of"].astype(str) != "")]
        early: dict[dt.date, list[str]] = {}
        for day, g in now.groupby("as_of"):
            try:
                d = dt.date.fromisoformat(str(day))
            except ValueError:
                continue
            if d < end:
                early.setdefault(d, []).extend(sorted(set(g["agency"])))
        lines = []
        for d, codes in sorted(early.items()):
            names = _and([self.agency_name(c, short=True) for c in codes], self.lang)
            lines.append(self.t(
                f"Số liệu đến {fmt.date(d)} ({names}): trước ngày cuối kỳ {fmt.date(end)}, "
                "nên các việc sau ngày đó không có trong số liệu của kỳ.",
                f"Figures to {fmt.date(d)} ({names}): before the period ends on "
                f"{fmt.date(end)}, so what happened after that date is not in them."))
        return "".join(f'<p class="pa-note pa-asof" role="note">{esc(x)}</p>' for x in lines)

    def records_section(self) -> HTML:
        """The section from the one-stop system's file records of the unit (the province:
        of every unit), or nothing when the data folder holds none
        (:mod:`papi_analysis.appendix.recordtables`)."""
        from . import recordtables

        return HTML(*recordtables.section(self))

    def errors_box(self) -> str:
        """A box naming the validation errors of this appendix's figures, or ``""``."""
        found = self.findings()
        if found is None:
            return ""
        found = comparison.findings_for(found, self.period)
        errs = found[found["severity"] == "error"]
        scope = set(self.members) | {self.agency.code} if self.is_province else {self.agency.code}
        errs = errs[errs["agency"].isin(scope)]
        if errs.empty:
            return ""
        msg = "message_vi" if self.lang == "vi" else "message_en"
        items = "".join(
            f"<li><strong>{esc(self.agency_name(r.agency, short=True))}</strong>: "
            f"{esc(getattr(r, msg))}" + (f' <span class="pa-where">({esc(r.location)})</span>'
                                         if r.location else "") + "</li>"
            for r in errs.head(8).itertuples(index=False))
        more = (f"<li>{self.t(f'… và {len(errs) - 8} lỗi khác', f'… and {len(errs) - 8} more')}"
                "</li>" if len(errs) > 8 else "")
        link = self.errors_link
        title = self.t(f"SỐ LIỆU CÓ LỖI: {len(errs)} lỗi trong số liệu của kỳ này",
                       f"DATA ERRORS: {len(errs)} error(s) in this period's figures")
        see = self.t("Những đơn vị này không được xếp hạng, không vào danh sách cần chú ý, và "
                     "không được tính vào số toàn tỉnh của các nhóm số liệu có lỗi; số của "
                     "chúng vẫn hiện đúng như đã gửi, có đánh dấu. Xem chi tiết ở",
                     "These units are not ranked or listed for attention, and are left out of "
                     "the province figures of the groups with errors; their figures are shown "
                     "as sent, marked. Details in")
        a5 = self.t("Phụ lục 5", "Appendix 5")
        where = self.t(f"(tệp 05_data_quality/{Path(link).name} trong thư mục của kỳ)",
                       f"(file 05_data_quality/{Path(link).name} in the period's folder)")
        return (f'<div class="pa-errors" role="alert"><strong>{esc(title)}</strong>'
                f"<ul>{items}{more}</ul><p>{esc(see)} "
                f'<a href="{esc(link)}">{esc(a5)}</a> {esc(where)}.</p></div>')

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
                  f"data_dir={self.data_dir.name if self.data_dir else '(data/)'}")
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
        """A section heading; in print every section after the first starts a new page."""
        text = self.t(vi, en)
        key = ("heading", text)
        if key not in self._numbers:  # re-running the cell in JupyterLab keeps its place
            self._numbers[key] = sum(1 for k in self._numbers if k[0] == "heading")
        cls = "pa-h2 pa-newpage" if self._numbers[key] else "pa-h2"
        return HTML(f'<h2 class="{cls}">{esc(text)}</h2>', text)

    def paragraph(self, vi: str, en: str) -> HTML:
        """A short paragraph of explanation (plain text, escaped)."""
        text = self.t(vi, en)
        return HTML(f'<p class="pa-p">{esc(text)}</p>', text)

    def message(self, vi: str, en: str) -> HTML:
        """A highlighted message (for example: no figures yet for this period)."""
        text = self.t(vi, en)
        return HTML(f'<p class="pa-msg">{esc(text)}</p>', text)

    # -- tables ---------------------------------------------------------------------------------
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

        ``columns`` are :class:`Column` or ``(key, header, kind)`` tuples (kinds: those of
        :func:`cell`, plus ``agency`` for a code shown as its short name and ``severity``);
        a boolean ``illustrative`` column in ``df`` puts those rows in italics and tags the
        caption.  ``notes`` are plain-text notes under the table; ``rows`` the tidy rows the
        table comes from (for the source line).  An empty ``df`` shows ``empty`` as one row.
        """
        return self._numbered(caption, tables.table_grid(
            df, columns, self.lang, notes=notes, rows=rows, empty=empty))

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
        out = self._numbered(self._covered(caption, rows), comparetables.comparison_grid(
            table, self.lang, province=self.is_province, rows=rows, drop_empty=drop_empty))
        extra = self._lineage_html(rows)
        return HTML(out.body + extra, out.text) if extra else out

    def key_figures(self, table: pd.DataFrame, caption: str, *, rows: pd.DataFrame | None = None
                    ) -> HTML:
        """An overview table: each measure's value now, and ▲▼ with words against each base."""
        out = self._numbered(self._covered(caption, rows), comparetables.key_figures_grid(
            table, self.lang, self.period, province=self.is_province, rows=rows))
        extra = self._lineage_html(rows)
        return HTML(out.body + extra, out.text) if extra else out

    def breakdown_caption(self, table: pd.DataFrame, topic: str) -> str:
        """``<topic> theo đơn vị, <period>`` or ``… theo lĩnh vực …`` for a breakdown."""
        return comparetables.breakdown_caption(table, topic, self.lang, self.period,
                                               self.is_province)

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

        The caption is ``topic`` plus "by agency" or "by field" and the period.  A breakdown
        made with ``base`` shows, under the values, the change of ``rank_by`` (if a rate) in
        percentage points, of the first count in percent and of the rank; a missing or zero
        base shows ``–`` with a footnote.
        """
        caption = self._covered(self.breakdown_caption(table, topic), rows)
        return self._numbered(caption, comparetables.breakdown_grid(
            table, self.lang, rank_by=rank_by, tiebreak=tiebreak, rows=rows,
            period=self.period, errors_link=self.errors_link))

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
        lin = comparison.lineage_of(rows)
        if rows is not None and measures is not None:
            rows = comparison.used_rows(rows, measures, self.periods)
            if lin is not None:
                rows.attrs[comparison.LINEAGE_KEY] = lin
        caption = self._covered(caption, rows)
        num, anchor = self._number("figure", caption)
        uri = charts.to_data_uri(fig, format=format, dpi=dpi)
        w, h = (int(round(v * dpi)) for v in fig.get_size_inches())
        foot = "".join(f'<p class="pa-note">{esc(n)}</p>' for n in notes)
        body = (f'<figure class="pa-fig" id="{esc(anchor)}">'
                f'<img src="{uri}" alt="{esc(num)}. {esc(caption)}" width="{w}" height="{h}">'
                f"{self._caption(num, caption, _any_illustrative(rows, illustrative), rows)}"
                f"{foot}{sources_note(rows, self.lang)}</figure>")
        return HTML(body, f"{num}. {caption}")

    # -- PAPI -----------------------------------------------------------------------------------
    def papi_predecessors(self, wide: pd.DataFrame) -> HTML:
        """For a province merged from others (the registry's successions), the PAPI series of
        its predecessors side by side up to the last year before the merger, with the rank
        out of the provinces of that time; nothing for a period before the merger."""
        from ..analysis import papi

        reg = self.reg
        home = reg.units.get(reg.home)
        merges = [s for s in reg.into(reg.home) if s.kind == "merge"
                  and getattr(reg.units.get(s.predecessor), "kind", "") == "province"]
        if home is None or not merges:
            return HTML("", "")
        day = min(s.date for s in merges)
        if agencies.as_of(self.period) < day:
            return HTML("", "")
        until = day.year - 1
        names = [home.province] + [reg.units[s.predecessor].province for s in merges]
        found = [(n, papi.gso_of(wide, n)) for n in names]
        found = [(n, g) for n, g in found if g is not None]
        if not found:
            return HTML("", "")
        df = papi.side_by_side(wide, [g for _, g in found], until)
        old = [self.t(f"{n} (cũ)", f"former {n}") for n, _ in found]
        cols: list[tuple] = [("year", self.t("Năm", "Year"), "year")]
        for (_, g), label in zip(found, old, strict=True):
            cols += [(f"total_{g}", self.t(f"{label}: tổng điểm", f"{label}: total"), "score"),
                     (f"rank_{g}", self.t(f"{label}: hạng", f"{label}: rank"), "rank")]
        cols.append(("n_ranked", self.t("Số tỉnh xếp hạng", "Provinces ranked"), "int"))
        merged_on = day.strftime("%d/%m/%Y")
        src = "; ".join(s.source for s in merges)
        intro = self.paragraph(
            f"{home.province} hiện nay được hợp nhất từ {_and(old, 'vi')} từ ngày {merged_on} "
            f"({src}). Điểm PAPI của các tỉnh không cộng được, nên dưới đây là chuỗi điểm của "
            f"từng tỉnh cũ đến năm {until}, đặt cạnh nhau. Thứ hạng các năm đó tính trên số "
            f"tỉnh có số liệu khi ấy (63, hoặc 61–62 những năm thiếu); từ PAPI {day.year}, "
            "thứ hạng tính trên 34 tỉnh, thành phố. Chuỗi của tỉnh mới bắt đầu khi PAPI công bố "
            "số liệu của tỉnh sau hợp nhất.",
            f"Today's {home.province} was merged from {_and(old, 'en')} on {merged_on} "
            f"({src}). Provinces' PAPI scores cannot be added, so each former province's series "
            f"up to {until} is shown side by side. Ranks of those years are out of the provinces "
            f"with data then (63, or 61–62 in years with gaps); from PAPI {day.year} ranks are "
            "out of 34 provinces and cities. The new province's own series starts when PAPI "
            "publishes figures for the merged province.")
        table = self.table(df, cols, self.t(
            f"PAPI của các tỉnh trước hợp nhất, đến năm {until}",
            f"PAPI of the provinces before the merger, up to {until}"),
            notes=[self.t("Nguồn: data/papi/papi_dimensions_wide.csv (số liệu thật); tổng điểm "
                          "theo thang của từng năm (6–60 đến 2017, 8–80 từ 2018).",
                          "Source: data/papi/papi_dimensions_wide.csv (real data); totals on "
                          "each year's scale (6–60 until 2017, 8–80 from 2018).")])
        fig = charts.papi_side_by_side(df, [g for _, g in found], old, lang=self.lang,
                                       title=self.t("Tổng điểm D1–D6 của các tỉnh cũ",
                                                    "D1–D6 total of the former provinces"))
        figure = self.figure(fig, self.t(
            f"Tổng điểm 6 lĩnh vực D1–D6 (so sánh được qua các năm) của {_and(old, 'vi')}",
            f"D1–D6 total (comparable across years) of {_and(old, 'en')}"), illustrative=False)
        heading = self.heading("Các tỉnh trước hợp nhất", "The provinces before the merger")
        return HTML("\n".join([heading.body, intro.body, table.body, figure.body]),
                    table.text)

    def papi_year(self, wide: pd.DataFrame, gso_code: int | None = None) -> int:
        """The latest PAPI year, not after the reporting period's year, with the province's scores.

        Raises
        ------
        ParameterError
            If the province has no PAPI scores up to that year.
        """
        return papitables.latest_year(wide, self.period, gso_code)

    def papi_key_figures(self, ranks: pd.DataFrame, moves: pd.DataFrame, year: int,
                         caption: str) -> HTML:
        """PAPI in one table: total, rank, group and each dimension, ▲▼ against the base year.

        ``ranks`` is :func:`papi.rank_history`, ``moves`` :func:`papi.moves` for ``year``.
        Totals are compared only on the same scale (never across 2017/2018).
        """
        return self._numbered(caption, papitables.key_figures_grid(ranks, moves, year,
                                                                  self.lang))


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
    illustrative: bool = True,
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
                             where="appendix", hint_vi=f"Dùng 1–{max(APPENDICES)}.",
                             hint_en=f"Use 1–{max(APPENDICES)}.")
    try:
        p = periods.parse(str(period).strip())
    except PapiError as err:
        raise ParameterError(err.vi, err.en, where="period", hint_vi=err.hint_vi,
                             hint_en=err.hint_en) from None
    raw = _as_list(compare)
    comps = comparison.comparison_periods(p, raw)
    if data_dir and not Path(data_dir).expanduser().is_dir():
        raise ParameterError(
            f"Thư mục số liệu “{data_dir}” không tồn tại.",
            f"The data folder “{data_dir}” does not exist.",
            where="data_dir", hint_vi="Để trống để dùng thư mục data/ của dự án.",
            hint_en="Leave it empty to use the project's data/ folder.")
    reg_path = agencies.registry_path(Path(data_dir).expanduser() if data_dir else None)
    reg = agencies.load(reg_path)
    tables.REGISTRY_PATH = reg_path  # names in tables come from the same registry
    try:
        a = agencies.get(str(agency).strip(), reg_path)
    except PapiError as err:
        raise ParameterError(err.vi, err.en, where="agency", hint_vi=err.hint_vi,
                             hint_en=err.hint_en) from None
    home = reg.home
    if APPENDICES[appendix]["scope"] == "province" and a.code != home:
        raise ParameterError(
            f"Phụ lục {appendix} tính cho toàn tỉnh; agency phải là {home}, "
            f"không phải “{agency}”.",
            f"Appendix {appendix} covers the whole province; agency must be {home}, "
            f"not “{agency}”.",
            where="agency", hint_vi=f"Đặt agency = \"{home}\".",
            hint_en=f"Set agency = \"{home}\".")
    if not a.valid_on(agencies.as_of(p)):
        after = [s for s in reg.out_of(a.code) if s.kind != "transfer"]
        before = [s for s in reg.into(a.code) if s.kind != "transfer"]
        if a.valid_to is not None and agencies.as_of(p) > a.valid_to:
            why_vi = f"{a.name_vi} hoạt động đến {a.valid_to:%d/%m/%Y}" + (
                f" rồi hợp nhất vào {', '.join(s.successor for s in after)}" if after else "")
            why_en = f"{a.name_en} existed until {a.valid_to:%d/%m/%Y}" + (
                f", then merged into {', '.join(s.successor for s in after)}" if after else "")
            hint = ", ".join(s.successor for s in after)
        else:
            why_vi = f"{a.name_vi} thành lập từ {a.valid_from:%d/%m/%Y}"
            why_en = f"{a.name_en} was set up on {a.valid_from:%d/%m/%Y}"
            hint = ", ".join(s.predecessor for s in before)
        raise ParameterError(
            f"Đơn vị {a.code} không báo cáo kỳ {p.label('vi')}: {why_vi}.",
            f"Unit {a.code} does not report for {p.label('en')}: {why_en}.",
            where="agency",
            hint_vi=(f"Dùng {hint}. " if hint else "") + "Xem `papi-analysis agencies --history "
            f"{a.code}`.",
            hint_en=(f"Use {hint}. " if hint else "") + f"See `papi-analysis agencies --history "
            f"{a.code}`.")
    ddir = None
    if data_dir:
        ddir = Path(data_dir).expanduser()
        if not ddir.is_dir():
            raise ParameterError(
                f"Thư mục số liệu “{data_dir}” không tồn tại.",
                f"The data folder “{data_dir}” does not exist.",
                where="data_dir", hint_vi="Để trống để dùng thư mục data/ của dự án.",
                hint_en="Leave it empty to use the project's data/ folder.")
    if isinstance(illustrative, str) and illustrative.strip().lower() in ("true", "false"):
        illustrative = illustrative.strip().lower() == "true"
    if not isinstance(illustrative, bool):
        raise ParameterError(
            f"Tham số illustrative = “{illustrative}” phải là True hoặc False.",
            f"Parameter illustrative = “{illustrative}” must be True or False.",
            where="illustrative", hint_vi="Dùng True (có số minh họa) hoặc False (chỉ số thật).",
            hint_en="Use True (with illustrative data) or False (real data only).")
    return Context(period=p, comparisons=comps, agency=a, lang=lang, data_dir=ddir,
                   appendix=appendix, compare_raw=raw, illustrative=illustrative, registry=reg)


def _and(names: Sequence[str], lang: str) -> str:
    """``A, B và C`` / ``A, B and C``."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    word = " và " if lang == "vi" else " and "
    return ", ".join(names[:-1]) + word + names[-1]
