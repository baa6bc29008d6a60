"""The head of an appendix: title, banner, coverage, data dates, errors box, provenance.

:meth:`Header.header` is the appendix's first block: the title and subtitle; the
ILLUSTRATIVE banner or the note on illustrative comparisons (:mod:`.banner`); for the
province, how many departments its figures sum and a PARTIAL box when some are missing; the
figures that run to a date before the period ends; a box naming the validation errors of the
figures shown, linked to appendix 5; the notes on the reporting unit (:mod:`.mergers`); and
the provenance box (parameters, data dates, fingerprint, version, commit, time).
The markup is in ``templates/parts/header.html.j2``; this module gives it the words and values.
:meth:`Header.sources_note` is appendix 5's note on how sources are ranked, with a link to
the review page of each prose report.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from .. import __version__, fingerprint, fmt
from ..analysis import comparison
from .banner import BANNER, Banner, Illustrative
from .captions import HTML, Captions
from .labels import Labels, and_
from .mergers import MergerNotes
from .parameters import Parameters
from .templating import escape, part, trusted

__all__ = ["Header"]


class Header:
    """The blocks that frame an appendix's figures: where they come from and what to trust."""

    def __init__(self, params: Parameters, labels: Labels, banner: Banner,
                 mergers: MergerNotes, captions: Captions) -> None:
        self.params = params
        self.labels = labels
        self.banner = banner
        self.mergers = mergers
        self.captions = captions

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
        p, lb = self.params, self.labels
        info = Illustrative.of(rows, p.period.code) if rows is not None else None
        ill = info.current if info is not None else bool(illustrative)
        out = [str(part("header").head(f"{lb.word('appendix')} {p.appendix}", lb.title,
                                       p.agency.name(lb.lang), p.period.label(lb.lang)))]
        if ill:
            out.append(self.banner.banner(rows, info))
        elif info is not None and info.bases:
            out.append(self.banner.comparisons_note(info))
        if rows is not None and p.is_province and p.appendix != 3:
            out.append(self.coverage(rows))
        if rows is not None and not (rows["period"] == p.period.code).any():
            out.append(self.captions.message(
                f"Chưa có số liệu nào của kỳ {p.period.label('vi')} cho đơn vị này: các bảng "
                "chỉ có số của kỳ so sánh.",
                f"No figures yet for {p.period.label('en')} for this agency: the tables show "
                "the comparison periods only.").body)
        if rows is not None:
            out.append(self.as_of_note(rows))
        if p.appendix != 5 and rows is not None:
            out.append(self.errors_box())
        out.append(self.mergers.unit_notes())
        out.append(self.provenance())
        text = f"{lb.word('appendix')} {p.appendix}. {lb.title}" + (
            f" — {BANNER[lb.lang]}" if ill else "")
        return HTML("\n".join(x for x in out if x), text)

    def coverage(self, rows: pd.DataFrame) -> str:
        """The province's coverage line, and the PARTIAL box when departments are missing."""
        p, lb, t = self.params, self.labels, self.labels.t
        n, real, total, missing = p.coverage_counts(rows)
        kinds = t(f"{real} đơn vị số thật, {n - real} đơn vị số minh họa",
                  f"{real} with real figures, {n - real} illustrative")
        line = t(
            f"Toàn tỉnh, {escape(p.period.label('vi'))}: {lb.coverage_text(n, total)} "
            f"({kinds}); số toàn tỉnh là tổng của các đơn vị này.",
            f"Whole province, {escape(p.period.label('en'))}: {lb.coverage_text(n, total)} "
            f"({kinds}); province totals are the sum of these agencies.")
        own = rows[(rows["period"] == p.period.code) & (rows["agency"] == p.agency.code)]
        if len(own):  # a compiled provincial report stands for its groups, not the units' sum
            groups = [escape(g) for g in sorted(set(own["indicator"].str.split(".").str[0]))]
            real_own = not own["illustrative"].astype(bool).any()
            line += " " + t(
                f"Riêng nhóm {', '.join(groups)}: số liệu tổng hợp của toàn tỉnh"
                f"{' (số thật)' if real_own else ' (minh họa)'}, thay cho tổng các đơn vị.",
                f"For {', '.join(groups)}: the province's own compiled figures"
                f"{' (real)' if real_own else ' (illustrative)'}, instead of the units' sum.")
        partial = None
        if missing and n:
            partial = {"word": t("SỐ LIỆU CHƯA ĐỦ", "PARTIAL DATA"),
                       "lead": t("chưa có số liệu của", "no figures yet from"),
                       "count": len(missing), "total": total, "unit": t("đơn vị", "agencies"),
                       "names": [lb.agency_name(c, short=True) for c in missing]}
        # the line is a sentence built here, its values escaped above, its words written as
        # they always were (the English "province's" keeps its apostrophe): trusted
        return str(part("header").coverage(trusted(line), partial))

    def as_of_note(self, rows: pd.DataFrame) -> str:
        """One line per date when the reporting period's figures run to a date before the
        period ends (``as_of``: "số liệu đến 21/05/2024"), naming the agencies; ``""``
        when every figure runs to the period's end."""
        p, lb, t = self.params, self.labels, self.labels.t
        if "as_of" not in rows.columns:
            return ""
        end = p.period.date_range()[1]
        now = rows[(rows["period"] == p.period.code) & (rows["as_of"].astype(str) != "")]
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
            names = and_([lb.agency_name(c, short=True) for c in codes], lb.lang)
            lines.append(t(
                f"Số liệu đến {fmt.date(d)} ({names}): trước ngày cuối kỳ {fmt.date(end)}, "
                "nên các việc sau ngày đó không có trong số liệu của kỳ.",
                f"Figures to {fmt.date(d)} ({names}): before the period ends on "
                f"{fmt.date(end)}, so what happened after that date is not in them."))
        return str(part("header").as_of(lines))

    def errors_box(self) -> str:
        """A box naming the validation errors of this appendix's figures, or ``""``."""
        p, lb, t = self.params, self.labels, self.labels.t
        found = p.findings()
        if found is None:
            return ""
        found = comparison.findings_for(found, p.period)
        errs = found[found["severity"] == "error"]
        scope = set(p.members) | {p.agency.code} if p.is_province else {p.agency.code}
        errs = errs[errs["agency"].isin(scope)]
        if errs.empty:
            return ""
        msg = "message_vi" if lb.lang == "vi" else "message_en"
        items = [{"agency": lb.agency_name(r.agency, short=True), "message": getattr(r, msg),
                  "location": r.location} for r in errs.head(8).itertuples(index=False)]
        more = (t(f"… và {len(errs) - 8} lỗi khác", f"… and {len(errs) - 8} more")
                if len(errs) > 8 else "")
        link = p.errors_link
        title = t(f"SỐ LIỆU CÓ LỖI: {len(errs)} lỗi trong số liệu của kỳ này",
                  f"DATA ERRORS: {len(errs)} error(s) in this period's figures")
        see = t("Những đơn vị này không được xếp hạng, không vào danh sách cần chú ý, và "
                "không được tính vào số toàn tỉnh của các nhóm số liệu có lỗi; số của "
                "chúng vẫn hiện đúng như đã gửi, có đánh dấu. Xem chi tiết ở",
                "These units are not ranked or listed for attention, and are left out of "
                "the province figures of the groups with errors; their figures are shown "
                "as sent, marked. Details in")
        a5 = t("Phụ lục 5", "Appendix 5")
        where = t(f"(tệp 05_data_quality/{Path(link).name} trong thư mục của kỳ)",
                  f"(file 05_data_quality/{Path(link).name} in the period's folder)")
        return str(part("header").errors_box(title, items, more, see, link, a5, where))

    def provenance(self) -> str:
        """The provenance box: parameters, data dates, fingerprint, version, commit, time."""
        p, lb, t = self.params, self.labels, self.labels.t
        s, e = p.period.date_range()
        dates = t(f"số liệu từ {fmt.date(s)} đến {fmt.date(e)}",
                  f"data from {fmt.date(s)} to {fmt.date(e)}")
        comps = [lb.compare_label(c) for c in p.comparisons]
        try:
            fp = fingerprint.data_fingerprint(p.data_dir)
        except OSError:
            fp = ""
        commit = fingerprint.git_commit() or t("không xác định", "unknown")
        params = (f"period={p.period.code}; compare={', '.join(p.compare_raw) or '–'}; "
                  f"agency={p.agency.code}; lang={lb.lang}; "
                  f"data_dir={p.data_dir.name if p.data_dir else '(data/)'}")
        words = {"title": t("Nguồn gốc phụ lục", "Provenance"),
                 "period": t("Kỳ báo cáo", "Period"), "compared": t("So sánh với", "Compared with"),
                 "agency": t("Đơn vị", "Agency"),
                 "fingerprint": t("Dấu vân tay số liệu", "Data fingerprint"),
                 "version": t("Phiên bản", "Version"), "generated": t("Thời điểm tạo", "Generated"),
                 "parameters": t("Tham số", "Parameters")}
        values = {"period": p.period.label(lb.lang), "dates": dates, "comparisons": comps,
                  "agency": p.agency.name(lb.lang), "agency_code": p.agency.code,
                  "fingerprint": fp, "version": __version__, "commit": commit,
                  "generated": fmt.datetime(p.started), "parameters": params}
        return str(part("header").provenance(words, values))

    def sources_note(self, tidy: pd.DataFrame) -> HTML:
        """How sources are ranked, and a link to the review page of each prose report of the
        period (written by ``build`` under ``reports/<period>/review/``)."""
        from ..intake import datasets

        p, lb, t = self.params, self.labels, self.labels.t

        kinds = ", ".join(t(*datasets.SOURCE_KIND_LABELS[k])
                          for k in datasets.SOURCE_KINDS if k != "illustrative")
        text = t(
            f"Mỗi đơn vị, mỗi kỳ chỉ có một chủ số liệu: khi đã có số liệu thật (biểu mẫu, bảng "
            f"hoặc báo cáo văn bản) thì không dùng số minh họa nào của đơn vị và kỳ đó. Khi hai "
            f"nguồn thật cho cùng một số, thứ tự ưu tiên là: {kinds}; nếu hai số khác nhau, đó là "
            f"lỗi source.conflict (mục 2) nêu tên cả hai tệp.",
            f"One agency, one period, one owner: once real figures exist (a form, a table or a "
            f"prose report), no illustrative figure of that agency and period is used. Where two "
            f"real sources give the same figure, the order of precedence is: {kinds}; if they "
            f"differ, that is a source.conflict error (section 2) naming both files.")
        now = tidy[tidy["period"] == p.period.code]
        prose = sorted({f for f, i in zip(now["source_file"], now["illustrative"], strict=True)
                        if f and not i and datasets.source_kind(f) == "prose"})
        suffix = "" if lb.lang == "vi" else f".{lb.lang}"
        reviews = [(f"../review/{Path(f).stem}{suffix}.html", f) for f in prose]
        intro = t("Báo cáo văn bản của kỳ này, mỗi báo cáo có trang rà soát tô sáng "
                  "từng số đã đọc:",
                  "Prose reports of this period, each with a review page that "
                  "highlights every figure read:")
        return HTML(str(part("header").sources(text, intro, reviews)), text)
