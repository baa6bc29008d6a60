"""Benchmark: the runner against the naive loop, and a build with nothing to do.

Builds one period for every shipped agency three ways, each ``--repeat`` times (default 3):

* naive loop: for each appendix, one at a time, ``papermill in.ipynb out.ipynb -r ... -y ...``
  then ``jupyter nbconvert --to html --no-input out.ipynb`` (the command lines a person would
  type, each starting its own kernel and Python);
* runner: ``papi-analysis build --period P --all --force`` into a temporary reports folder;
* no-change rebuild: the same command without ``--force`` right after, so everything is skipped.

Prints the medians, their ratio and the no-change time, and writes them to
``reports/bench.json``.  ``--quick`` runs the naive loop on one appendix per notebook only and
extrapolates (mean time of that notebook's appendix × how many appendices use it); the output
says so.  Wall times come from the shell's point of view (each command is a subprocess).
Other work on the machine makes the numbers noisy: the JSON records the load average.

Usage: ``python scripts/bench.py [--period 2024-H1] [--repeat 3] [--quick] [--jobs 0]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from papi_analysis import config
from papi_analysis.build import runner
from papi_analysis.build.manifest import write_json

BIN = Path(sys.executable).parent
#: Both sides build the English appendices (the no-change check reads the English summary).
LANG = "en"


def _timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - t0, proc


def naive_once(tasks: list[runner.Task],
               out_dir: Path) -> tuple[float, dict[str, list[float]], int]:
    """Run the naive loop over ``tasks``; return (total s, seconds per notebook, failures)."""
    per_nb: dict[str, list[float]] = {}
    failures = 0
    t_all = time.perf_counter()
    for t in tasks:
        out = out_dir / f"{t.notebook.stem}__{t.agency}.ipynb"
        p = t.parameters
        cmd = [str(BIN / "papermill"), str(t.notebook.path), str(out),
               "-r", "period", p["period"], "-r", "agency", p["agency"], "-r", "lang", p["lang"],
               "-r", "data_dir", p["data_dir"], "-y", json.dumps({"compare": p["compare"]})]
        took, proc = _timed(cmd, cwd=config.ROOT)
        took2, proc2 = _timed([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input",
                               str(out)], cwd=config.ROOT)
        if proc.returncode or proc2.returncode:
            failures += 1
            sys.stderr.write(f"naive loop: {t.entry_id} failed\n{proc.stderr[-800:]}"
                             f"{proc2.stderr[-400:]}\n")
        per_nb.setdefault(t.notebook.stem, []).append(took + took2)
    return time.perf_counter() - t_all, per_nb, failures


def runner_once(period: str, reports: Path, jobs: int, force: bool) -> tuple[float, str, int]:
    """One ``papi-analysis build --all`` from the shell; return (s, stdout, exit code)."""
    cmd = [str(BIN / "papi-analysis"), "build", "--period", period, "--all", "--reports",
           str(reports), "--no-progress", "--jobs", str(jobs), "--lang", LANG]
    took, proc = _timed(cmd + (["--force"] if force else []))
    if proc.returncode:
        sys.stderr.write(proc.stdout[-2000:] + proc.stderr[-2000:])
    return took, proc.stdout, proc.returncode


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print the table; write the JSON; return an exit code."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--period", default="2024-H1")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--quick", action="store_true",
                    help="naive loop on one appendix per notebook, extrapolated")
    ap.add_argument("--jobs", type=int, default=0, help="runner worker processes (0: CPUs)")
    ap.add_argument("--output", default=str(config.REPORTS_DIR / "bench.json"))
    args = ap.parse_args(argv)

    plan = runner.plan(args.period, all_agencies=True, lang=LANG)
    tasks = plan.tasks
    counts: dict[str, int] = {}
    for t in tasks:
        counts[t.notebook.stem] = counts.get(t.notebook.stem, 0) + 1
    naive_tasks = tasks
    if args.quick:  # one appendix per notebook: the province's, or the first agency's
        seen: dict[str, runner.Task] = {}
        for t in tasks:
            seen.setdefault(t.notebook.stem, t)
        naive_tasks = list(seen.values())
    load_before = os.getloadavg()
    print(f"period {plan.period.code}: {len(tasks)} appendices "
          f"({', '.join(f'{k} ×{v}' for k, v in counts.items())}); {os.cpu_count()} CPUs; "
          f"load {load_before[0]:.2f}", flush=True)

    naive, build, nochange, problems = [], [], [], []
    with tempfile.TemporaryDirectory(prefix="papi-bench-") as tmp:
        tmp = Path(tmp)
        for r in range(args.repeat):
            out = tmp / f"naive{r}"
            out.mkdir()
            total, per_nb, fails = naive_once(naive_tasks, out)
            if args.quick:
                total = sum(statistics.mean(per_nb[s]) * n for s, n in counts.items())
            naive.append(total)
            if fails:
                problems.append(f"naive run {r + 1}: {fails} appendices failed")
            took, _, rc = runner_once(plan.period.code, tmp / "runner", args.jobs, force=True)
            build.append(took)
            if rc:
                problems.append(f"runner run {r + 1}: exit code {rc}")
            took, stdout, rc = runner_once(plan.period.code, tmp / "runner", args.jobs, False)
            nochange.append(took)
            if " 0 built," not in stdout:
                problems.append(f"no-change run {r + 1} rebuilt something (did the code or "
                                "data change meanwhile?)")
            print(f"run {r + 1}/{args.repeat}: naive{' (extrapolated)' if args.quick else ''} "
                  f"{naive[-1]:.1f} s, runner {build[-1]:.1f} s, no-change {nochange[-1]:.2f} s",
                  flush=True)

    med = {k: statistics.median(v) for k, v in
           (("naive", naive), ("runner", build), ("nochange", nochange))}
    ratio = med["naive"] / med["runner"]
    note = (f"naive loop measured on {len(naive_tasks)} of {len(tasks)} appendices "
            "(one per notebook) and extrapolated" if args.quick else
            f"naive loop measured on all {len(tasks)} appendices")
    rows = [("naive loop (papermill + nbconvert CLI)", f"{med['naive']:.1f} s", naive),
            (f"runner --force (jobs {args.jobs or os.cpu_count()})", f"{med['runner']:.1f} s",
             build),
            ("speed-up (naive / runner)", f"{ratio:.1f}×", None),
            ("no-change rebuild", f"{med['nochange']:.2f} s", nochange)]
    print()
    print(f"{'':42} {'median':>9}   runs")
    for name, value, runs in rows:
        shown = ", ".join(f"{x:.2f}" for x in runs) if runs else ""
        print(f"{name:42} {value:>9}   {shown}")
    print(f"({note}; {args.repeat} repeats)")
    for p in problems:
        print("warning:", p)

    result = {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "period": plan.period.code, "appendices": len(tasks), "per_notebook": counts,
        "repeat": args.repeat, "quick": args.quick, "note": note,
        "jobs": args.jobs or os.cpu_count(), "cpus": os.cpu_count(),
        "load_average_before": load_before, "load_average_after": os.getloadavg(),
        "naive_seconds": naive, "runner_seconds": build, "nochange_seconds": nochange,
        "naive_median": med["naive"], "runner_median": med["runner"],
        "nochange_median": med["nochange"], "speedup": ratio, "problems": problems,
    }
    write_json(Path(args.output), result)
    print(f"written {args.output}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
