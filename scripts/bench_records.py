"""Benchmark: records of individual files (hồ sơ) → Biểu II.06a with DuckDB.

Generates ``--records`` ILLUSTRATIVE records (default 5,000,000;
:mod:`papi_analysis.intake.illustrative_records`, seeded) for one period: ``--agencies``
units × ``--fields`` fields, each group with the same number of files and made-up II.06a
figures, written once to a Parquet file in a temporary folder (kept for the next run:
``--out`` to choose it).  Then times, ``--repeat`` times (default 3), the whole path from the
file to the tidy II.06a rows for every agency and field of the period:

* opening the file with DuckDB and checking every record
  (:func:`papi_analysis.intake.records.open_records`),
* counting (3)–(13) per agency and field and per agency (:func:`records.tidy`),

and prints the median and every run.  The counts are checked against the generator's targets
(the run fails if one differs), so the benchmark also tests.  Target: under 10 s.
``--csv`` times the same records written as a CSV export (dd/mm/yyyy dates) instead.
Not a test: the machine's load makes the numbers noisy.

Usage: ``python scripts/bench_records.py [--records 5000000] [--repeat 3] [--csv] [--out DIR]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from papi_analysis.intake import illustrative_records as ir
from papi_analysis.intake import records

PERIOD = "2024-H1"


def targets(n_records: int, n_agencies: int, n_fields: int, seed: int) -> pd.DataFrame:
    """Made-up II.06a targets: every group gets ``n_records / groups`` files."""
    rng = np.random.default_rng(seed)
    groups = n_agencies * n_fields
    per = n_records // groups
    rows = []
    for a in range(n_agencies):
        for f in range(n_fields):
            carried = int(per * 0.03)
            online = int(rng.integers(per // 3, per - carried))
            offline = per - carried - online
            pend_in, pend_over = int(per * 0.04), int(per * 0.01)
            late, ret = int(per * 0.02), int(per * 0.005)
            resolved = per - pend_in - pend_over - ret
            early = int(resolved * 0.6)
            rows.append({"agency": f"DV{a + 1:03d}", "period": PERIOD,
                         "field": f"Lĩnh vực {f + 1:02d}",
                         "tthc.received_online": online, "tthc.received_offline": offline,
                         "tthc.carried_over": carried, "tthc.resolved_early": early,
                         "tthc.resolved_on_time": resolved - early - late,
                         "tthc.resolved_late": late, "tthc.pending_in_time": pend_in,
                         "tthc.pending_overdue": pend_over})
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=int, default=5_000_000)
    ap.add_argument("--agencies", type=int, default=200)
    ap.add_argument("--fields", type=int, default=25)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=ir.SEED)
    ap.add_argument("--csv", action="store_true", help="time a CSV export instead of Parquet")
    ap.add_argument("--out", type=Path,
                    default=Path(tempfile.gettempdir()) / "papi-bench-records")
    args = ap.parse_args(argv)

    tg = targets(args.records, args.agencies, args.fields, args.seed)
    n = int(tg[["tthc.received_online", "tthc.received_offline",
                "tthc.carried_over"]].to_numpy().sum())
    args.out.mkdir(parents=True, exist_ok=True)
    ext = "csv" if args.csv else "parquet"
    path = args.out / f"records_{n}_{args.agencies}x{args.fields}_{args.seed}.{ext}"
    if not path.is_file():
        t0 = time.perf_counter()
        tmp = path.with_suffix(".part." + ext)
        ir.write(ir.generate(tg, seed=args.seed), tmp)
        os.replace(tmp, path)
        print(f"generated {n:,} ILLUSTRATIVE records in {time.perf_counter() - t0:.1f} s "
              f"→ {path} ({path.stat().st_size / 1e6:.0f} MB)")
    else:
        print(f"reusing {path} ({n:,} records)")

    times, cpu = [], []
    rows = None
    for i in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        rec = records.open_records(path)
        try:
            rows = records.tidy(rec, PERIOD)
            found = len(rec.findings)
        finally:
            rec.close()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        print(f"run {i + 1}: {times[-1]:.2f} s wall, {cpu[-1]:.2f} s CPU "
              f"({len(rows):,} tidy rows, {found} findings)")
    want = tg.melt(id_vars=["agency", "field"], value_vars=ir.PARTS, var_name="indicator")
    got = rows.merge(want, on=["agency", "field", "indicator"], suffixes=("", "_want"))
    wrong = int((got["value"] != got["value_want"]).sum())
    if len(got) != len(want) or wrong:
        print(f"FAILED: {wrong} counts differ from the targets "
              f"({len(got)} of {len(want)} compared)", file=sys.stderr)
        return 1
    print(f"{n:,} records → II.06a for {args.agencies} agencies × {args.fields} fields "
          f"({PERIOD}): median {statistics.median(times):.2f} s of {args.repeat} runs "
          f"(target < 10 s; CPU {statistics.median(cpu):.2f} s on {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}); every count equals the generator's target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
