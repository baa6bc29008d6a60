"""Notes on units that changed: the lineage across the 2025 mergers, and the reporting unit.

When a comparison period comes before a merger, split or transfer of functions,
:func:`~papi_analysis.analysis.comparison.select` sums the predecessors' figures (its
``Lineage``).  :class:`MergerNotes` says so in words: in a table's caption (" — so sánh với
tổng Sở TN&MT và Sở NN&PTNT"), in notes under it (which units, what is missing, shares,
functions moved, changes not verified against the original document), and in the header
(the reporting unit's own dates, the end of the district level on 01/07/2025).  The boxes
are drawn by ``templates/parts/notes.html.j2``.
"""

from __future__ import annotations

import pandas as pd

from .. import fmt
from ..analysis import comparison
from ..model import agencies
from .labels import Labels, and_
from .parameters import Parameters
from .templating import part

__all__ = ["MergerNotes"]


class MergerNotes:
    """What an appendix says about units merged, split or moved, in the notebook's language."""

    def __init__(self, params: Parameters, labels: Labels) -> None:
        self.params = params
        self.labels = labels

    def notes(self, rows: pd.DataFrame | None) -> list[str]:
        """Plain-text notes on every comparison period summed from other units: which units,
        the transfers not counted or still included, and what is not verified."""
        t, label, period_label = self.labels.t, self.labels.unit_label, self.labels.period_label
        period, agency = self.params.period.code, self.params.agency.code
        lin = comparison.lineage_of(rows)
        info = lin.bases if lin is not None else {}
        out = []
        for code, base in info.items():
            if code == period and not base.excluded:
                continue
            when = period_label(code)
            names = self.labels.feeder_names(base)
            codes = [f.code for f in base.feeders] + [x.successor for x in base.excluded]
            if len(names) > 1 or (names and base.feeders[0].code != agency):
                out.append(t(f"{when}: tổng số liệu của {and_(names, 'vi')}.",
                             f"{when}: the sum of {and_(names, 'en')}."))
            got = rows[rows["period"] == code]["agency"]
            present = ({lin.owners.get((code, a)) for a in got} if lin.province
                       else set(got))
            absent = [label(f.code, codes) for f in base.feeders
                      if f.code and f.code not in present]
            if absent and len(base.feeders) > 1:
                out.append(t(
                    f"{when}: không có số liệu của {and_(absent, 'vi')}, nên kỳ này không có "
                    "số để so sánh (không cộng thiếu).",
                    f"{when}: no figures of {and_(absent, 'en')}, so this period has no "
                    "comparable figure (no partial sum is shown)."))
            for f in base.feeders:
                if f.factor is None:
                    out.append(t(
                        f"{when}: không tách được phần của {label(f.code, codes)} "
                        "(chia tách không rõ tỷ lệ).",
                        f"{when}: the part of {label(f.code, codes)} cannot be formed "
                        "(split with no known share)."))
                elif f.factor != 1.0:
                    out.append(t(
                        f"{when}: {label(f.code, codes)} tính theo tỷ lệ "
                        f"{fmt.number(100 * f.factor, 'vi', 0)}%.",
                        f"{when}: {label(f.code, codes)} counted at "
                        f"{fmt.number(100 * f.factor, 'en', 0)}%."))
                for s in f.includes:
                    taker = label(s.successor, codes)
                    out.append(t(
                        f"{when}: số của {label(f.code, codes)} gồm cả chức năng "
                        f"{s.function_vi} (đã chuyển sang {taker} từ "
                        f"{s.date:%d/%m/%Y}; không rõ tỷ lệ để tách).",
                        f"{when}: {label(f.code, codes)}'s figures include the function "
                        f"“{s.function_vi}” (moved to {taker} on "
                        f"{s.date:%d/%m/%Y}; no known share to separate it)."))
            for s in base.excluded:
                giver = label(s.predecessor, codes)
                out.append(t(
                    f"{when}: chưa gồm chức năng {s.function_vi} nhận từ {giver} "
                    f"(từ {s.date:%d/%m/%Y}; không rõ tỷ lệ).",
                    f"{when}: without the function “{s.function_vi}” taken over from {giver} "
                    f"(on {s.date:%d/%m/%Y}; no known share)."))
            unv = base.unverified
            if unv:
                rows_ = ", ".join(str(s.row) for s in unv)
                out.append(t(
                    f"{when}: {len(unv)} thay đổi đơn vị dùng ở đây CHƯA ĐƯỢC KIỂM CHỨNG với văn "
                    f"bản gốc (agencies/successions.csv, dòng {rows_}).",
                    f"{when}: {len(unv)} unit change(s) used here are NOT VERIFIED against the "
                    f"original document (agencies/successions.csv, rows {rows_})."))
        return out

    def html(self, rows: pd.DataFrame | None) -> str:
        """The notes of :meth:`notes` as HTML to put under a table, or ``""``."""
        notes = self.notes(rows)
        if not notes:
            return ""
        return str(part("notes").notes("pa-lineage", notes))

    def caption(self, rows: pd.DataFrame | None) -> str:
        """`` — so sánh với tổng Sở TN&MT và Sở NN&PTNT`` when comparison periods are sums."""
        t, label, period_label = self.labels.t, self.labels.unit_label, self.labels.period_label
        period, agency = self.params.period.code, self.params.agency.code
        lin = comparison.lineage_of(rows)
        info = lin.bases if lin is not None else {}
        parts = []
        for code, base in info.items():
            names = self.labels.feeder_names(base)
            if code == period or (len(names) == 1 and base.feeders[0].code == agency):
                continue
            codes = [f.code for f in base.feeders if f.code]
            if agency in codes:  # a continuing unit with the units merged into it
                me = label(agency, codes)
                others = [label(c, codes) for c in codes if c != agency]
                parts.append(t(
                    f"{period_label(code)}: {me} cùng các đơn vị đã nhập vào "
                    f"({and_(others, 'vi')})",
                    f"{period_label(code)}: {me} together with the units merged into it "
                    f"({and_(others, 'en')})"))
                continue
            parts.append(t(
                f"{period_label(code)}: đơn vị mới, tổng các đơn vị tiền thân "
                f"({and_(names, 'vi')})",
                f"{period_label(code)}: new unit, sum of its predecessors "
                f"({and_(names, 'en')})"))
        if not parts:
            return ""
        return t(" — so sánh với ", " — compared with ") + "; ".join(parts)

    def unit_notes(self) -> str:
        """Lines on the reporting unit itself: its dates when not verified, when it was set up
        or merged within the comparison periods, and the end of the district level."""
        t, now = self.labels.t, self.params.period
        out = []
        a = self.params.agency
        if not a.verified:
            out.append(t(
                f"Thông tin về {a.name_vi} ({a.life()}) CHƯA ĐƯỢC KIỂM CHỨNG đầy đủ với văn bản "
                f"gốc: {a.note or a.source}.",
                f"The record of {a.name_en} ({a.life()}) is NOT fully VERIFIED against the "
                f"original document: {a.note or a.source}."))
        if self.params.is_province and now.date_range()[1] >= agencies.DISTRICT_LEVEL_ENDED:
            # the province merger took effect the same day (Nghị quyết 202/2025/QH15)
            out.append(t(
                "Danh sách đơn vị của tỉnh Hưng Yên từ 01/07/2025 CHƯA ĐƯỢC KIỂM CHỨNG đầy đủ: "
                "nguồn công khai (Vietnamplus, 26/09/2025) nêu tỉnh có 16 sở, ban, ngành, sổ "
                "đăng ký có 13; số toàn tỉnh là tổng của 13 đơn vị này, không phải của cả tỉnh.",
                "The list of Hưng Yên's units from 01/07/2025 is NOT fully VERIFIED: a public "
                "source (Vietnamplus, 26/09/2025) gives 16 departments, boards and agencies, "
                "the registry has 13; province totals are the sum of these 13, not of the "
                "whole province."))
        if agencies.spans_district_end(now):
            out.append(t(
                "Kỳ này gồm thời gian trước và sau 01/07/2025, ngày kết thúc cấp huyện (chính "
                "quyền địa phương hai cấp): số liệu theo cấp giữ như đơn vị đã báo cáo.",
                "This period runs across 01/07/2025, when the district level ended (two-level "
                "local government): figures by level are kept as reported."))
        if not out:
            return ""
        return str(part("notes").notes("pa-unitnote", out))
