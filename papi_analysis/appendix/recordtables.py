"""The TTHC appendix's section from the one-stop system's file records (issue 23).

Shown only when the data folder holds a records export of the unit (``data/records/``, see
``docs/records.md``): the shares a record list gives, the procedures with the most late files,
time taken against time allowed, files by month and online uptake by procedure, each table
naming its records file and in italics (tagged MINH HỌA) when the records are illustrative.
The figures come from :func:`papi_analysis.analysis.records.drilldown_folder`.
"""

from __future__ import annotations

from typing import Any

from ..analysis import records


def section(ctx: Any) -> tuple[str, str]:
    """The section's heading and tables as ``(HTML, text)`` for the appendix context ``ctx``
    (:class:`papi_analysis.appendix.report.Context`), or ``("", "")`` without records."""
    drill = records.drilldown_folder(ctx.data_dir, ctx.period,
                                     None if ctx.is_province else ctx.agency.code)
    if not drill:
        return "", ""
    files = ", ".join(sorted(set(drill["shares"]["source_file"])))
    src = ctx.t(f"Nguồn: {files} (danh sách hồ sơ).", f"Source: {files} (file records).")
    t = ctx.t
    shares = drill["shares"].assign(pct=drill["shares"]["share"] * 100,
                                    what=drill["shares"][t("definition_vi", "definition_en")])
    online = drill["online"].assign(pct=drill["online"]["online_share"] * 100)
    parts = [
        ctx.heading("4. Từ danh sách hồ sơ của hệ thống một cửa",
                    "4. From the one-stop system's file records"),
        ctx.table(shares, [("what", t("Chỉ số", "Measure"), "text"),
                           ("numerator", t("Tử số", "Numerator"), "count"),
                           ("denominator", t("Mẫu số", "Denominator"), "count"),
                           ("pct", t("Tỷ lệ (%)", "Share (%)"), "percent")],
                  t("Các tỷ lệ tính từ danh sách hồ sơ", "Shares from the file records"),
                  notes=[t("Đây là các tỷ lệ nền, không phải điểm Bộ chỉ số 766 (không tìm "
                           "thấy công thức chính thức).", "Underlying rates, not 766 index "
                           "scores (no official formula found)."), src]),
        ctx.table(drill["late"], [
            ("procedure_code", t("Mã TTHC", "Procedure code"), "text"),
            ("procedure_name", t("Thủ tục", "Procedure"), "text"),
            ("field", t("Lĩnh vực", "Field"), "text"),
            ("resolved_late", t("Giải quyết quá hạn", "Resolved late"), "count"),
            ("pending_overdue", t("Đang quá hạn", "Pending overdue"), "count"),
            ("median_days_late", t("Trễ (ngày, trung vị)", "Days late (median)"), "amount")],
            t("Thủ tục có nhiều hồ sơ trễ hạn nhất", "Procedures with the most late files"),
            notes=[src]),
        ctx.table(drill["processing"], [
            ("field", t("Lĩnh vực", "Field"), "text"),
            ("resolved", t("Đã giải quyết", "Resolved"), "count"),
            ("median_days_taken", t("Thời gian giải quyết (ngày, trung vị)",
                                    "Days taken (median)"), "amount"),
            ("median_days_allowed", t("Thời hạn (ngày, trung vị)", "Days allowed (median)"),
             "amount")],
            t("Thời gian giải quyết so với thời hạn", "Time taken against time allowed"),
            notes=[src]),
        ctx.table(drill["monthly"], [
            ("month", t("Tháng", "Month"), "text"),
            ("received", t("Tiếp nhận", "Received"), "count"),
            ("received_online", t("Trực tuyến", "Online"), "count"),
            ("resolved", t("Giải quyết", "Resolved"), "count"),
            ("resolved_late", t("Quá hạn", "Late"), "count")],
            t("Hồ sơ theo tháng trong kỳ", "Files by month within the period"), notes=[src]),
        ctx.table(online, [
            ("procedure_code", t("Mã TTHC", "Procedure code"), "text"),
            ("procedure_name", t("Thủ tục", "Procedure"), "text"),
            ("service_level", t("Mức dịch vụ công", "Online service level"), "text"),
            ("received", t("Tiếp nhận", "Received"), "count"),
            ("received_online", t("Trực tuyến", "Online"), "count"),
            ("pct", t("Tỷ lệ trực tuyến (%)", "Online share (%)"), "percent")],
            t("Tiếp nhận trực tuyến theo thủ tục", "Online uptake by procedure"), notes=[src]),
    ]
    return "\n".join(p.body for p in parts), "\n".join(p.text for p in parts)
