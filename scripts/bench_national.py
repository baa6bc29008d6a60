"""Benchmark: the national batch, measured on a sample and extrapolated per worker core.

The national picture is 34 provinces × about 20 departments × 5 notebooks ≈ 3,400 appendices
per period.  This script makes an ILLUSTRATIVE national data root on demand (never shipped):
34 province folders, each a copy of the shipped Hưng Yên folder (registry, PAPI data and the
illustrative panels, so every figure in it is illustrative and labelled so), builds a sample
of ``--sample`` provinces for one period with the local executor, and reports:

- the measured wall time and appendices of the sample (median of ``--repeat`` runs);
- worker-seconds per appendix (sum of appendix durations / appendices);
- the extrapolation: appendices per period for 34 provinces at the sample's appendices per
  province, and for the issue's 3,400, divided by the worker cores (``--jobs``) and by a
  cluster of ``--cores`` cores, assuming appendices spread evenly (each is independent;
  the per-province data check and index are included in the sample's wall time).

    python scripts/bench_national.py [--period 2026-H1] [--sample 2] [--repeat 3] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

PROVINCES = 34
NATIONAL_APPENDICES = 3400


def national_root(root: Path, n: int = PROVINCES) -> list[str]:
    """``n`` ILLUSTRATIVE province folders ``N01``… under ``root``; their codes."""
    from papi_analysis import config

    codes = [f"N{i:02d}" for i in range(1, n + 1)]
    for code in codes:
        folder = root / code
        for part in ("agencies", "papi", "illustrative"):
            shutil.copytree(config.DATA_DIR / part, folder / part)
    return codes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--period", default="2026-H1")
    ap.add_argument("--sample", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--cores", type=int, default=64, help="cores of an imagined cluster")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-national-"))
    os.environ["PAPI_ANALYSIS_CACHE"] = str(work / "cache")
    from papi_analysis.batch import runner

    codes = national_root(work / "data")
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; {len(codes)} "
          f"illustrative provinces generated; sample {args.sample}; period {args.period}")
    walls, secs, counts = [], [], []
    for _ in range(args.repeat):
        shutil.rmtree(work / "cache", ignore_errors=True)
        shutil.rmtree(work / "reports", ignore_errors=True)
        t0 = time.perf_counter()
        total, n = 0.0, 0
        for code in codes[:args.sample]:
            result = runner.build(args.period, all_agencies=True, force=True,
                                  data_dir=work / "data" / code,
                                  reports_dir=work / "reports" / code, jobs=args.jobs,
                                  progress=False)
            ok = [r for r in result.results if r.status == "ok"]
            if len(ok) != len(result.results):
                raise SystemExit("a sample appendix failed")
            total += sum(r.duration for r in ok)
            n += len(ok)
        walls.append(time.perf_counter() - t0)
        secs.append(total / n)
        counts.append(n)
    wall, per, n = statistics.median(walls), statistics.median(secs), counts[0]
    per_province = n / args.sample
    wall_per_appendix = wall / n
    print(f"sample: {n} appendices in {wall:.1f} s (median of {args.repeat}); "
          f"{per:.2f} worker-s per appendix; {wall_per_appendix:.2f} s wall per appendix "
          f"with {args.jobs} workers")
    for label, appendices in (("34 provinces like the sample", round(per_province * PROVINCES)),
                              ("the issue's national batch", NATIONAL_APPENDICES)):
        here = appendices * wall_per_appendix
        cluster = appendices * per / args.cores
        print(f"{label}: {appendices} appendices ≈ {here / 60:.0f} min on this machine "
              f"({args.jobs} workers), ≈ {cluster / 60:.1f} min on {args.cores} worker cores")
    print(f"load after: {os.getloadavg()[0]:.2f}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
