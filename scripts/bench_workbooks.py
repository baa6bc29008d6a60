"""Benchmark: ``papi-analysis validate`` on many form workbooks.

Writes one form with the official template, filled by code (test figures, not any
department's), copies it ``--files`` times into a temporary folder, and times the whole
``papi-analysis validate FOLDER`` command (a new process, as a user runs it), ``--repeat``
times; prints the median and the machine's load.

    python scripts/bench_workbooks.py [--files 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

FIGURES = {3: 294, 4: 290, 5: 4, 6: 0, 7: 294, 8: 200, 9: 94, 10: 0, 11: 0, 12: 0, 13: 0}


def main(argv: list[str] | None = None) -> int:
    from broken_inputs import form_workbook

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-workbooks-"))
    one = form_workbook(work, "one.xlsx", FIGURES, agency="SKHCN", period="2024-H2")
    folder = work / "forms"
    folder.mkdir()
    for i in range(args.files):
        shutil.copy(one, folder / f"form_{i:05d}.xlsx")
    env = dict(os.environ, PAPI_ANALYSIS_CACHE=str(work / "cache"))
    times = []
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; {args.files} "
          "workbooks")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "papi_analysis.cli", "validate",
                               str(folder)], capture_output=True, text=True, env=env)
        times.append(time.perf_counter() - t0)
        if done.returncode not in (0, 2):
            raise SystemExit(done.stderr[-2000:])
    print(f"validate {args.files} workbooks: median {statistics.median(times):.1f} s "
          f"(runs: {', '.join(f'{t:.1f}' for t in times)}); load after "
          f"{os.getloadavg()[0]:.2f}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
