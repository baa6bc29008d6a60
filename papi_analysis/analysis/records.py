"""Drill-down from records of individual files (hồ sơ): what the II.06a counts hide.

Every function takes an open records export (:func:`papi_analysis.intake.records.open_records`)
and a period, counts in SQL (DuckDB) over the records that passed the checks, and returns a
small pandas table.  The window and the rules for early / on time / late and for pending at
the window's end are those of ``docs/records.md``; days are calendar days.

* :func:`late_by_procedure`: late and overdue files by procedure and field, top N, with the
  median days late;
* :func:`processing_time`: days taken against days allowed, by field;
* :func:`monthly`: received, resolved and resolved late per calendar month of the window;
* :func:`online_uptake`: online share of the files received, by procedure;
* :func:`service_shares`: the shares the 766 index groups are about that records can give,
  each with its definition.  The official 766 formulas were not found (docs/records.md):
  these are the underlying rates, not 766 scores.

Each takes ``agency`` (a registry code as the records give it) to look at one unit only;
:func:`drilldown` gives all five for one unit and period.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..intake.records import Records
from ..model.periods import Period, parse


def _window(period: Period | str) -> tuple[str, str]:
    s, e = parse(period).date_range()
    return f"DATE '{s.isoformat()}'", f"DATE '{e.isoformat()}'"


def _base(period: Period | str, agency: str | None = None) -> str:
    """The counted records (of ``agency`` when given) with their closing day (NULL while
    open)."""
    only = "" if agency is None else "WHERE agency = '" + str(agency).replace("'", "''") + "'"
    return f"""SELECT *, CASE WHEN status = 'pending' AND result IS NULL THEN NULL
                              ELSE coalesce(result, returned) END AS closed
               FROM rec ANTI JOIN bad USING (_row) {only}"""


def late_by_procedure(rec: Records, period: Period | str, top: int = 10,
                      agency: str | None = None) -> pd.DataFrame:
    """Files resolved late within the window and files pending overdue at its end, by
    procedure and field: the ``top`` procedures with the most, with the median days late
    (resolved: closing day − due day; pending: window end − due day)."""
    s, e = _window(period)
    sql = f"""
      WITH b AS ({_base(period, agency)}),
      late AS (
        SELECT procedure_code, procedure_name, field, 'resolved' AS kind,
               date_diff('day', due, closed) AS days
        FROM b WHERE status = 'resolved' AND closed BETWEEN {s} AND {e} AND closed > due
        UNION ALL
        SELECT procedure_code, procedure_name, field, 'pending',
               date_diff('day', due, {e})
        FROM b WHERE received <= {e} AND (closed IS NULL OR closed > {e}) AND due <= {e})
      SELECT procedure_code, any_value(procedure_name) AS procedure_name, field,
             count(*) FILTER (kind = 'resolved') AS resolved_late,
             count(*) FILTER (kind = 'pending') AS pending_overdue,
             count(*) AS late_total,
             median(days) AS median_days_late
      FROM late GROUP BY procedure_code, field
      ORDER BY late_total DESC, procedure_code, field LIMIT {int(top)}"""
    return rec.df(sql)


def processing_time(rec: Records, period: Period | str, agency: str | None = None
                    ) -> pd.DataFrame:
    """Files resolved within the window, by field: how many, the median and 90th percentile
    of days taken (closing day − received day), the median days allowed (due − received),
    and the share that took longer than allowed."""
    s, e = _window(period)
    sql = f"""
      WITH b AS ({_base(period, agency)})
      SELECT field, count(*) AS resolved,
             median(date_diff('day', received, closed)) AS median_days_taken,
             quantile_cont(date_diff('day', received, closed), 0.9) AS p90_days_taken,
             median(date_diff('day', received, due)) AS median_days_allowed,
             avg(CASE WHEN closed > due THEN 1.0 ELSE 0.0 END) AS share_over_due
      FROM b WHERE status = 'resolved' AND closed BETWEEN {s} AND {e}
      GROUP BY field ORDER BY field"""
    return rec.df(sql)


def monthly(rec: Records, period: Period | str, agency: str | None = None
            ) -> pd.DataFrame:
    """Per calendar month of the window: files received (online / other), resolved, and
    resolved late.  The first and last months are part months (the 15th → 14th window)."""
    s, e = _window(period)
    sql = f"""
      WITH b AS ({_base(period, agency)}),
      r AS (SELECT date_trunc('month', received) AS month,
                   count(*) AS received,
                   count(*) FILTER (channel = 'online') AS received_online
            FROM b WHERE received BETWEEN {s} AND {e} GROUP BY 1),
      d AS (SELECT date_trunc('month', closed) AS month,
                   count(*) AS resolved,
                   count(*) FILTER (closed > due) AS resolved_late
            FROM b WHERE status = 'resolved' AND closed BETWEEN {s} AND {e} GROUP BY 1)
      SELECT month, coalesce(r.received, 0) AS received,
             coalesce(r.received_online, 0) AS received_online,
             coalesce(d.resolved, 0) AS resolved, coalesce(d.resolved_late, 0) AS resolved_late
      FROM r FULL JOIN d USING (month) ORDER BY month"""
    out = rec.df(sql)
    out["month"] = pd.to_datetime(out["month"]).dt.strftime("%m/%Y")
    return out


def online_uptake(rec: Records, period: Period | str, top: int | None = None,
                  agency: str | None = None) -> pd.DataFrame:
    """By procedure: files received within the window, of them online, the online share,
    and the procedure's online service level as the records give it (toàn trình / một phần;
    the most frequent value)."""
    s, e = _window(period)
    lim = f"LIMIT {int(top)}" if top else ""
    sql = f"""
      WITH b AS ({_base(period, agency)})
      SELECT procedure_code, any_value(procedure_name) AS procedure_name,
             mode(service_level) AS service_level, count(*) AS received,
             count(*) FILTER (channel = 'online') AS received_online,
             count(*) FILTER (channel = 'online') / count(*) AS online_share
      FROM b WHERE received BETWEEN {s} AND {e}
      GROUP BY procedure_code ORDER BY received DESC, procedure_code {lim}"""
    return rec.df(sql)


#: The shares :func:`service_shares` gives: code → (numerator, denominator, vi, en).
SHARES: dict[str, tuple[str, str, str, str]] = {
    "on_time": ("resolved_early + resolved_on_time", "resolved",
                "Tỷ lệ giải quyết trước hạn và đúng hạn: (8)+(9) trên (7), hồ sơ giải quyết "
                "trong kỳ",
                "Resolved early or on time: (8)+(9) over (7), files resolved in the window"),
    "on_time_766": ("resolved_early + resolved_on_time + pending_in_time",
                    "resolved + pending",
                    "Hồ sơ giải quyết đúng hạn hoặc còn trong hạn trên tổng số hồ sơ tiếp nhận "
                    "và xử lý trong kỳ ((8)+(9)+(12) trên (7)+(11)), theo cách diễn đạt của "
                    "chỉ số 766 (công thức chính thức chưa kiểm chứng)",
                    "Files resolved on time or still within time over all files handled in "
                    "the window ((8)+(9)+(12) over (7)+(11)), as the 766 index words it "
                    "(official formula not verified)"),
    "online": ("received_online", "received",
               "Tỷ lệ hồ sơ tiếp nhận trực tuyến: (4) trên (4)+(5)",
               "Files received online: (4) over (4)+(5)"),
    "online_full": ("received_online_full", "received_full",
                    "Hồ sơ nộp trực tuyến của các thủ tục toàn trình trên hồ sơ tiếp nhận của "
                    "các thủ tục đó",
                    "Files received online for fully-online procedures over all files "
                    "received for them"),
    "digitised": ("received_digitised", "received",
                  "Tỷ lệ hồ sơ được số hóa: hồ sơ tiếp nhận trong kỳ có đánh dấu số hóa",
                  "Files digitised: files received in the window marked digitised"),
}


def service_shares(rec: Records, period: Period | str, agency: str | None = None
                   ) -> pd.DataFrame:
    """The shares of :data:`SHARES` over all counted records of the window: code,
    numerator, denominator, share (NaN when the denominator is 0 or the export has no
    column for it), definition in Vietnamese and English.  Not 766 scores."""
    s, e = _window(period)
    has = rec.columns
    full = "service_level = 'full'"
    sql = f"""
      WITH b AS ({_base(period, agency)}),
      f AS (SELECT
        count(*) FILTER (status = 'resolved' AND closed BETWEEN {s} AND {e} AND closed < due)
          AS resolved_early,
        count(*) FILTER (status = 'resolved' AND closed BETWEEN {s} AND {e} AND closed = due)
          AS resolved_on_time,
        count(*) FILTER (status = 'resolved' AND closed BETWEEN {s} AND {e}) AS resolved,
        count(*) FILTER (received <= {e} AND (closed IS NULL OR closed > {e})) AS pending,
        count(*) FILTER (received <= {e} AND (closed IS NULL OR closed > {e}) AND due > {e})
          AS pending_in_time,
        count(*) FILTER (received BETWEEN {s} AND {e}) AS received,
        count(*) FILTER (received BETWEEN {s} AND {e} AND channel = 'online')
          AS received_online,
        count(*) FILTER (received BETWEEN {s} AND {e} AND {full}) AS received_full,
        count(*) FILTER (received BETWEEN {s} AND {e} AND {full} AND channel = 'online')
          AS received_online_full,
        count(*) FILTER (received BETWEEN {s} AND {e} AND digitised) AS received_digitised
      FROM b)
      SELECT * FROM f"""
    f = rec.df(sql).iloc[0].to_dict()
    rows = []
    for code, (num, den, vi, en) in SHARES.items():
        n = sum(f[k.strip()] for k in num.split("+"))
        d = sum(f[k.strip()] for k in den.split("+"))
        missing = ((code == "online_full" and "service_level" not in has)
                   or (code == "digitised" and "digitised" not in has))
        share = float("nan") if (d == 0 or missing) else n / d
        rows.append({"code": code, "numerator": n, "denominator": d, "share": share,
                     "definition_vi": vi, "definition_en": en})
    return pd.DataFrame(rows)


def drilldown(rec: Records, period: Period | str, agency: str | None = None,
              top: int = 10) -> dict[str, pd.DataFrame]:
    """The five drill-down tables of ``agency`` (all records when None) for ``period``:
    ``late``, ``processing``, ``monthly``, ``online``, ``shares``."""
    return {"late": late_by_procedure(rec, period, top, agency),
            "processing": processing_time(rec, period, agency),
            "monthly": monthly(rec, period, agency),
            "online": online_uptake(rec, period, top, agency),
            "shares": service_shares(rec, period, agency)}


def drilldown_folder(data_dir: Path | str | None, period: Period | str,
                     agency: str | None = None,
                     top: int = 10) -> dict[str, pd.DataFrame]:
    """:func:`drilldown` of every records export of ``<data>/records/`` that has records of
    ``agency``, each table with a ``source_file`` column (``records/<file>``) and
    ``illustrative`` (the export's records are illustrative); ``{}`` when
    there is no records export (an appendix then leaves its drill-down section out).

    A file that cannot be read is skipped here: the data check reports it
    (``file.unreadable``)."""
    from ..errors import InputFileError
    from ..intake import records as intake_records
    from ..model import agencies

    out: dict[str, list[pd.DataFrame]] = {}
    for path in intake_records.record_files(data_dir):
        base = path.parent.parent
        try:
            rec = intake_records.open_records(
                path, agency_resolver=lambda t, b=base: agencies.resolve_text(
                    t, agencies.registry_path(b)))
        except InputFileError:
            continue
        try:
            if agency is not None and rec.df(
                    "SELECT 1 FROM rec WHERE agency = '"
                    + str(agency).replace("'", "''") + "' LIMIT 1").empty:
                continue
            who = "" if agency is None else (" WHERE agency = '"
                                            + str(agency).replace("'", "''") + "'")
            ill = bool(rec.df(f"SELECT coalesce(bool_or(ill), false) AS x FROM rec{who}")
                       .iloc[0, 0])
            for name, table in drilldown(rec, period, agency, top).items():
                out.setdefault(name, []).append(table.assign(source_file=rec.name,
                                                             illustrative=ill))
        except InputFileError:
            continue
        finally:
            rec.close()
    return {name: pd.concat(tables, ignore_index=True) for name, tables in out.items()}
