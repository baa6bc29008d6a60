"""ILLUSTRATIVE records of individual files (hồ sơ): made up, never real.

:func:`generate` makes one record per file for given II.06a figures of a period (one row of
targets per agency and field), such that :mod:`papi_analysis.intake.records` counts exactly
those figures back for the period's data window.  It is used to test the records reader
against the illustrative panel (``data/illustrative/hung_yen_panel_illustrative.csv``) and
to benchmark it (``scripts/bench_records.py``).  Every record has ``illustrative = True``.

Seeded (``numpy.random.default_rng(seed)``): the same targets and seed give the same records.

How each file is placed (window ``[s, e]``):

* carried over (6): received 1–40 days before ``s``; the others uniformly within the window;
* resolved early / on time / late: closed within the window and not before received; due
  after / on / before the closing day (a late file is never received on ``e``);
* pending in time: due 1–30 days after ``e``; open (some resolved after ``e``);
* pending overdue: due between received and ``e``; open;
* returned / withdrawn / stopped: closed within the window.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from ..model.periods import parse

SEED = 20240614

#: The targets a row must give (II.06a counts; ``tthc.returned_withdrawn`` optional).
PARTS = ["tthc.received_online", "tthc.received_offline", "tthc.carried_over",
         "tthc.resolved_early", "tthc.resolved_on_time", "tthc.resolved_late",
         "tthc.pending_in_time", "tthc.pending_overdue"]

#: The export's own headers the CSV writer uses (a provincial system's names).
HEADERS = {"file_id": "Mã hồ sơ", "procedure_code": "Mã TTHC", "procedure_name": "Tên thủ tục",
           "field": "Lĩnh vực", "agency": "Cơ quan", "level": "Cấp", "channel": "Kênh nộp",
           "received": "Ngày tiếp nhận", "due": "Ngày hẹn trả", "result": "Ngày có kết quả",
           "status": "Trạng thái", "service_level": "Mức độ DVC", "digitised": "Số hóa",
           "illustrative": "Minh họa"}

_RET_STATUS = np.array(["Trả lại", "Rút hồ sơ", "Dừng xử lý"], dtype=object)


def targets_from_panel(panel: pd.DataFrame, agencies: list[str] | None = None,
                       period: str | None = None) -> pd.DataFrame:
    """The II.06a targets of a tidy panel, wide: one row per (agency, period, field).

    Where an (agency, period) has field rows, only those are kept (the total is their sum);
    else its total row (``field == ""``).
    """
    t = panel[panel["indicator"].isin(PARTS + ["tthc.returned_withdrawn"])]
    if agencies is not None:
        t = t[t["agency"].isin(agencies)]
    if period is not None:
        t = t[t["period"] == period]
    w = t.pivot_table(index=["agency", "period", "field"], columns="indicator",
                      values="value", aggfunc="first").reset_index()
    has_fields = w[w["field"] != ""].groupby(["agency", "period"]).size()
    keep = [(f != "") == ((a, p) in has_fields.index)
            for a, p, f in zip(w["agency"], w["period"], w["field"], strict=True)]
    w = w[keep].reset_index(drop=True)
    if "tthc.returned_withdrawn" not in w:
        w["tthc.returned_withdrawn"] = 0.0
    w["tthc.returned_withdrawn"] = w["tthc.returned_withdrawn"].fillna(0)
    return w.dropna(subset=PARTS)


def generate(targets: pd.DataFrame, seed: int = SEED) -> pd.DataFrame:
    """Records whose II.06a counts for each row's period are the row's targets.

    ``targets``: columns agency, period, field and :data:`PARTS` (whole, ≥ 0), optionally
    ``tthc.returned_withdrawn``.  (3) is (4) + (5) + (6); the files that are neither
    resolved nor pending are returned / withdrawn, so the row must have
    (3) ≥ (7) + (11), and then the counts returned are exactly the targets.

    Returns canonical columns (``docs/records.md``) with dates as ``datetime64[ns]``
    (``result`` NaT while open) and ``illustrative = True``.
    """
    rng = np.random.default_rng(seed)
    parts = []
    serial = 0
    for vals in targets.to_dict("records"):
        n = {k: int(round(float(vals.get(k, 0) or 0))) for k in PARTS}
        total = n["tthc.received_online"] + n["tthc.received_offline"] + n["tthc.carried_over"]
        counts = [n["tthc.resolved_early"], n["tthc.resolved_on_time"], n["tthc.resolved_late"],
                  n["tthc.pending_in_time"], n["tthc.pending_overdue"]]
        rest = total - sum(counts)
        if rest < 0:
            raise ValueError(f"{vals['agency']} {vals['period']} {vals['field']!r}: "
                             f"(7) + (11) = {sum(counts)} exceeds (3) = {total}")
        counts.append(rest)
        s, e = parse(str(vals["period"])).date_range()
        parts.append(_group(rng, vals, counts, n, s, e, serial))
        serial += total
    if not parts:
        return pd.DataFrame(columns=list(HEADERS))
    return pd.concat(parts, ignore_index=True)


def _group(rng, vals, counts, n, s: dt.date, e: dt.date, serial: int) -> pd.DataFrame:
    total = sum(counts)
    span = (e - s).days
    s64 = np.datetime64(s, "D")
    outcome = np.repeat(np.arange(6), counts)
    rng.shuffle(outcome)
    carried = np.zeros(total, bool)
    carried[:n["tthc.carried_over"]] = True
    rng.shuffle(carried)
    k_in = int((~carried).sum())
    online = np.zeros(k_in, bool)
    online[:n["tthc.received_online"]] = True
    rng.shuffle(online)
    # received: day offsets from s
    rec = np.where(carried, -rng.integers(1, 41, total), rng.integers(0, span + 1, total))
    late = outcome == 2
    # a late file is closed after its due day, which is on or after received: not on e
    rec = np.where(late & ~carried, np.minimum(rec, span - 1), rec)
    lo = np.maximum(rec, 0)
    closed = lo + (rng.random(total) * (span - lo + 1)).astype(int)
    closed = np.where(late, np.maximum(closed, rec + 1), closed)
    due = np.empty(total, int)
    due[outcome == 0] = closed[outcome == 0] + rng.integers(1, 11, (outcome == 0).sum())
    due[outcome == 1] = closed[outcome == 1]
    m = late
    due[m] = rec[m] + (rng.random(m.sum()) * (closed[m] - rec[m])).astype(int)
    m = outcome == 3
    due[m] = span + rng.integers(1, 31, m.sum())
    m = outcome == 4
    due[m] = rec[m] + (rng.random(m.sum()) * (span - rec[m] + 1)).astype(int)
    m = outcome == 5
    due[m] = rec[m] + 10
    # open files: some resolved after e (still pending at its end)
    open_ = (outcome == 3) | (outcome == 4)
    after = open_ & (rng.random(total) < 0.3)
    result = np.where(open_, span + rng.integers(1, 20, total), closed)
    status = np.full(total, "Đã giải quyết", dtype=object)
    status[open_ & ~after] = "Đang giải quyết"
    status[outcome == 5] = _RET_STATUS[rng.integers(0, 3, (outcome == 5).sum())]
    res_dates = (s64 + result).astype("datetime64[ns]")
    res_dates[open_ & ~after] = np.datetime64("NaT")
    channel = np.empty(total, dtype=object)
    channel[~carried] = np.where(online, "Trực tuyến",
                                 np.where(rng.random(k_in) < 0.85, "Trực tiếp", "Bưu chính"))
    channel[carried] = np.where(rng.random(int(carried.sum())) < 0.5, "Trực tuyến", "Trực tiếp")
    field = str(vals.get("field", "") or "")
    base = int(rng.integers(1000, 9000))
    proc = rng.integers(0, 5, total)
    return pd.DataFrame({
        "file_id": [f"{vals['agency']}-{vals['period']}-{serial + i + 1:07d}"
                    for i in range(total)],
        "procedure_code": [f"1.00{base + p}" for p in proc],
        "procedure_name": [f"Thủ tục minh họa {p + 1} ({field or 'chung'})" for p in proc],
        "field": field,
        "agency": str(vals["agency"]),
        "level": "tỉnh",
        "channel": channel,
        "received": (s64 + rec).astype("datetime64[ns]"),
        "due": (s64 + due).astype("datetime64[ns]"),
        "result": res_dates,
        "status": status,
        "service_level": np.where(rng.random(total) < 0.7, "Toàn trình", "Một phần"),
        "digitised": np.where(rng.random(total) < 0.6, "Có", "Không"),
        "illustrative": True,
    })


def write(records: pd.DataFrame, path: Path | str) -> Path:
    """Write records as ``.parquet`` (typed dates) or ``.csv`` (the export's Vietnamese
    headers, dates dd/mm/yyyy, UTF-8)."""
    p = Path(path)
    if p.suffix.lower() == ".parquet":
        records.to_parquet(p, index=False)
        return p
    out = records.copy()
    for c in ("received", "due", "result"):
        out[c] = out[c].dt.strftime("%d/%m/%Y").fillna("")
    out.rename(columns=HEADERS).to_csv(p, index=False, encoding="utf-8")
    return p
