"""Benchmark: what reading the data costs each appendix, with and without the tidy cache.

Builds one period (forced, every agency) over two data folders, three times each, with the
per-build cache of the tidy table on (``datasets.load`` reads ``.cache/tidy/*.parquet``) and
off (``PAPI_ANALYSIS_TIDY_CACHE=0``: every appendix reads every file, as before):

- the shipped data (CSV panel and the real seed);
- the shipped data plus 18 form workbooks, one per department, for the period.  The forms
  are the official template filled by code with the illustrative panel's totals of that
  period: they exist only in a temporary folder, to time reading real-format ``.xlsx``
  files, and are never shipped.

Prints, per case, the median over the runs of: the wall time of the build, and the mean
worker time per appendix (what one appendix costs a worker).  Each run starts with an empty
cache folder, so the cached runs include the one read the data check does.

    python scripts/bench_intake.py [--period 2024-H2] [--repeat 3] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

FORM_COLUMNS = {3: "tthc.files_total", 4: "tthc.received_online", 5: "tthc.received_offline",
                6: "tthc.carried_over", 7: "tthc.resolved_total", 8: "tthc.resolved_early",
                9: "tthc.resolved_on_time", 10: "tthc.resolved_late", 11: "tthc.pending_total",
                12: "tthc.pending_in_time", 13: "tthc.pending_overdue"}


def data_folder(root: Path, period: str, forms: bool) -> Path:
    from broken_inputs import form_workbook

    from papi_analysis import config
    from papi_analysis.intake import illustrative

    data = root / ("forms" if forms else "shipped") / "data"
    for part in ("agencies", "papi", "illustrative", "submissions"):
        shutil.copytree(config.DATA_DIR / part, data / part)
    if forms:
        panel = illustrative.panel()
        now = panel[(panel["period"] == period) & (panel["field"] == "")]
        for code, g in now.groupby("agency"):
            vals = dict(zip(g["indicator"], g["value"], strict=True))
            cells = {n: int(vals[c]) for n, c in FORM_COLUMNS.items() if c in vals}
            form_workbook(data / "submissions", f"bench_{code}_{period}.xlsx", cells,
                          agency=code, period=period)
    return data


def one_build(data: Path, period: str, jobs: int, cached: bool) -> tuple[float, float, int]:
    from papi_analysis.batch import runner

    os.environ["PAPI_ANALYSIS_TIDY_CACHE"] = "1" if cached else "0"
    reports = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    t0 = time.perf_counter()
    result = runner.build(period, all_agencies=True, force=True, data_dir=data,
                          reports_dir=reports, jobs=jobs, progress=False)
    wall = time.perf_counter() - t0
    done = [r for r in result.results if r.status == "ok"]
    if len(done) != len(result.results):
        raise SystemExit(f"build failed: {[r.error for r in result.results if r.error][:1]}")
    shutil.rmtree(reports, ignore_errors=True)
    return wall, statistics.fmean(r.duration for r in done), len(done)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--period", default="2024-H2")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-intake-"))
    cache = work / "cache"
    os.environ["PAPI_ANALYSIS_CACHE"] = str(cache)
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; period "
          f"{args.period}; jobs {args.jobs}; {args.repeat} runs each")
    rows = []
    for forms in (False, True):
        data = data_folder(work, args.period, forms)
        for cached in (False, True):
            walls, per = [], []
            n = 0
            for _ in range(args.repeat):
                shutil.rmtree(cache, ignore_errors=True)
                wall, mean, n = one_build(data, args.period, args.jobs, cached)
                walls.append(wall)
                per.append(mean)
            rows.append(("shipped + 18 forms" if forms else "shipped data",
                         "cache on" if cached else "cache off", n,
                         statistics.median(walls), statistics.median(per)))
    print(f"{'data':20} {'tidy cache':10} {'appx':>5} {'build (s)':>10} {'per appendix (s)':>17}")
    for name, mode, n, wall, per in rows:
        print(f"{name:20} {mode:10} {n:5d} {wall:10.1f} {per:17.2f}")
    print(f"load after: {os.getloadavg()[0]:.2f}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
