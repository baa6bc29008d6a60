"""Benchmark: ``papi-analysis validate`` on a large tidy CSV (reading, then checking).

Writes a consistent tidy CSV of ``--rows`` rows (TTHC figures of every department that
reported for each half year 2000–2025 in the registry, by period and field, so that every
identity of the form and the carry-over chain are checked) into a temporary folder,
then times, each ``--repeat`` times (default 1):

* reading it (:func:`papi_analysis.intake.submissions.read_many`),
* checking it (:func:`papi_analysis.intake.validation.validate`),

and prints the times with the number of findings and of errors (0 for the consistent table:
the warnings are carry-over checks across mergers, where the predecessors' sum differs).
``--cli`` also times the whole command (``papi-analysis validate FILE``) as a subprocess.
Not a test: the machine's load makes the numbers noisy, so nothing is asserted
(``tests/test_hardening_inputs.py`` runs a quick form, ``--rows 3000``, to see it runs).

``--broken`` breaks an identity in every group, to time the findings themselves.

Usage: ``python scripts/bench_validate.py [--rows 200000 1000000] [--repeat 1] [--cli] [--broken]``
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: One consistent TTHC row: (3) = (4)+(5)+(6) = (7)+(11), (7) = (8)+(9)+(10), (11) = (12)+(13).
ROW = {"tthc.files_total": 300, "tthc.received_online": 250, "tthc.received_offline": 40,
       "tthc.carried_over": 10, "tthc.resolved_total": 290, "tthc.resolved_early": 200,
       "tthc.resolved_on_time": 85, "tthc.resolved_late": 5, "tthc.pending_total": 10,
       "tthc.pending_in_time": 8, "tthc.pending_overdue": 2}


def write_csv(path: Path, rows: int) -> int:
    """A tidy CSV of about ``rows`` rows; returns how many it holds."""
    from papi_analysis.model import agencies, periods

    # the departments that reported for each period (the registry has units in time: a
    # department created in 2025 has no figures for 2000)
    units = {p: [a.code for a in agencies.departments(period=periods.parse(p))]
             for p in (f"{y}-H{h}" for y in range(2000, 2026) for h in (1, 2))}
    # newest periods first, so that even a quick run crosses the 2025 mergers
    pairs = [(a, p) for p, codes in reversed(units.items()) for a in codes]
    per_group = len(ROW)
    groups = max(1, rows // per_group)
    fields = max(1, -(-groups // len(pairs)))
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("agency,period,indicator,value,field,illustrative\n")
        for f in range(fields):
            for agency, period in pairs:
                if n >= groups * per_group:
                    return n
                field = f"Lĩnh vực {f + 1}"
                for code, value in ROW.items():
                    fh.write(f"{agency},{period},{code},{value},{field},False\n")
                n += per_group
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, nargs="+", default=[200_000, 1_000_000])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--cli", action="store_true", help="also time the whole command")
    ap.add_argument("--broken", action="store_true",
                    help="break (3) = (4) + (5) + (6) in every group (many findings)")
    args = ap.parse_args()
    if args.broken:
        ROW["tthc.files_total"] += 1

    from papi_analysis.intake import submissions, validation

    with tempfile.TemporaryDirectory() as tmp:
        for rows in args.rows:
            path = Path(tmp) / f"tidy_{rows}.csv"
            n = write_csv(path, rows)
            for i in range(args.repeat):
                t0 = time.perf_counter()
                tidy, read_findings = submissions.read_many([path])
                t1 = time.perf_counter()
                found = validation.validate(tidy, read_findings)
                t2 = time.perf_counter()
                errors = int((found["severity"] == "error").sum())
                line = (f"{n:>9,} rows  run {i + 1}: read {t1 - t0:6.1f} s  "
                        f"validate {t2 - t1:6.1f} s  total {t2 - t0:6.1f} s  "
                        f"findings {len(found)}  errors {errors}")
                if args.cli:
                    exe = Path(sys.executable).with_name("papi-analysis")
                    t3 = time.perf_counter()
                    subprocess.run([str(exe), "validate", str(path)], capture_output=True,
                                   check=False)
                    line += f"  command {time.perf_counter() - t3:6.1f} s"
                print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
