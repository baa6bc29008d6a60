"""Benchmark: the runner against the naive loop, and a build with nothing to do.

Builds one period for every shipped agency three ways, each ``--repeat`` times (default 3):

* naive loop: for each appendix, one at a time, ``papermill in.ipynb out.ipynb -r ... -y ...``
  then ``jupyter nbconvert --to html --no-input out.ipynb`` (the command lines a person would
  type, each starting its own kernel and Python);
* runner: ``papi-analysis build --period P --all --force`` into a temporary reports folder;
* no-change rebuild: the same command without ``--force`` right after, so everything is skipped.

Prints the medians, their ratio and the no-change time, and writes them to
``reports/bench.json``.  ``--naive-repeat N`` runs the naive loop in the first N repeats only
(it takes ten times as long as the rest); the runner and the no-change build still run every
repeat, in the same run.  The JSON records the load average before and after.  Every timed
command runs as on a user's machine: without ``PYTHONDONTWRITEBYTECODE`` (which some
development machines set), the package compiled to ``.pyc`` once before the first timing, so
neither side compiles it from source each time; ``--bytecode as-is`` keeps this environment
as it is (the JSON records which).  ``--quick`` runs the naive loop on one appendix per
notebook only and extrapolates (mean time of that notebook's appendix × how many appendices
use it); the output says so.  Wall times come from the shell's point of view (each command
is a subprocess).  Other work on the machine makes the numbers noisy: the JSON records the
load average.

``--executor dask`` measures something else instead: the same forced build of the period with
the local executor (``--jobs`` worker processes with warm kernels) and on a Dask
``LocalCluster`` of as many worker processes (one thread each) through ``--scheduler``, each
``--repeat`` times: Dask with fresh workers (``client.restart()`` before the run, so every
kernel starts cold, as the local executor's do) and again with the workers' kernels warm from
that run.  Prints the medians and the overhead of Dask, and writes
``reports/bench-dask.json``.

Usage: ``python scripts/bench.py [--period 2024-H1] [--repeat 3] [--naive-repeat N] [--quick]
[--jobs 0] [--executor local|dask] [--bytecode user|as-is]``
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
from papi_analysis.batch import runner
from papi_analysis.batch.manifest import write_json

BIN = Path(sys.executable).parent
#: Both sides build the English appendices (the no-change check reads the English summary).
LANG = "en"


#: The environment of every timed command (see ``--bytecode``); None: this process's.
ENV: dict[str, str] | None = None


def user_bytecode() -> dict[str, str]:
    """This environment as a user's Python has it: ``.pyc`` files written and read (no
    ``PYTHONDONTWRITEBYTECODE``), with the package compiled once beforehand, as a first run
    leaves it.  Both sides of the benchmark then run with it."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    package = Path(runner.__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], env=env,
                   capture_output=True, check=False)
    return env


def _timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=ENV)
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


def runner_once(period: str, reports: Path, jobs: int, force: bool,
                extra: tuple[str, ...] = ()) -> tuple[float, str, int]:
    """One ``papi-analysis build --all`` from the shell; return (s, stdout, exit code)."""
    cmd = [str(BIN / "papi-analysis"), "build", "--period", period, "--all", "--reports",
           str(reports), "--no-progress", "--jobs", str(jobs), "--lang", LANG, *extra]
    took, proc = _timed(cmd + (["--force"] if force else []))
    if proc.returncode:
        sys.stderr.write(proc.stdout[-2000:] + proc.stderr[-2000:])
    return took, proc.stdout, proc.returncode


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print the table; write the JSON; return an exit code."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--period", default="2024-H1")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--naive-repeat", type=int, default=None,
                    help="run the naive loop in the first N repeats only (default: all)")
    ap.add_argument("--quick", action="store_true",
                    help="naive loop on one appendix per notebook, extrapolated")
    ap.add_argument("--jobs", type=int, default=0, help="runner worker processes (0: CPUs)")
    ap.add_argument("--output", default=None,
                    help="JSON results (default reports/bench.json; reports/bench-dask.json "
                    "with --executor dask)")
    ap.add_argument("--executor", choices=["local", "dask"], default="local",
                    help="dask: the local executor against a Dask LocalCluster of as many "
                    "workers, instead of the naive loop")
    ap.add_argument("--bytecode", choices=["user", "as-is"], default="user",
                    help="user (default): every command runs without PYTHONDONTWRITEBYTECODE, "
                    "the package compiled once first, as on a user's machine; as-is: this "
                    "environment unchanged")
    args = ap.parse_args(argv)
    global ENV
    nocompile = bool(os.environ.get("PYTHONDONTWRITEBYTECODE"))
    if args.bytecode == "user":
        ENV = user_bytecode()
    if args.executor == "dask":
        return bench_dask(args)
    args.output = args.output or str(config.REPORTS_DIR / "bench.json")

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
    naive_repeat = args.repeat if args.naive_repeat is None else min(args.naive_repeat,
                                                                     args.repeat)
    print(f"period {plan.period.code}: {len(tasks)} appendices "
          f"({', '.join(f'{k} ×{v}' for k, v in counts.items())}); {os.cpu_count()} CPUs; "
          f"load {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}"
          + ("; PYTHONDONTWRITEBYTECODE is set: every kernel compiles the package"
             if nocompile and args.bytecode == "as-is" else "")
          + ("; PYTHONDONTWRITEBYTECODE is set here but not for the commands timed (as on a "
             "user's machine; --bytecode as-is keeps it)" if nocompile
             and args.bytecode == "user" else ""), flush=True)

    naive, build, nochange, problems = [], [], [], []
    with tempfile.TemporaryDirectory(prefix="papi-bench-") as tmp:
        tmp = Path(tmp)
        for r in range(args.repeat):
            if r < naive_repeat:
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
            shown = (f"naive{' (extrapolated)' if args.quick else ''} {naive[-1]:.1f} s, "
                     if r < naive_repeat else "")
            print(f"run {r + 1}/{args.repeat}: {shown}runner {build[-1]:.1f} s, "
                  f"no-change {nochange[-1]:.2f} s; load {os.getloadavg()[0]:.2f}", flush=True)

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
    print(f"({note}; {naive_repeat} repeat(s) of the naive loop, {args.repeat} of the runner; "
          f"load average {load_before[0]:.2f} before, {os.getloadavg()[0]:.2f} after)")
    for p in problems:
        print("warning:", p)

    result = {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "period": plan.period.code, "appendices": len(tasks), "per_notebook": counts,
        "repeat": args.repeat, "naive_repeat": naive_repeat, "quick": args.quick, "note": note,
        "pythondontwritebytecode": nocompile and args.bytecode == "as-is",
        "bytecode": args.bytecode,
        "jobs": args.jobs or os.cpu_count(), "cpus": os.cpu_count(),
        "load_average_before": load_before, "load_average_after": os.getloadavg(),
        "naive_seconds": naive, "runner_seconds": build, "nochange_seconds": nochange,
        "naive_median": med["naive"], "runner_median": med["runner"],
        "nochange_median": med["nochange"], "speedup": ratio, "problems": problems,
    }
    write_json(Path(args.output), result)
    print(f"written {args.output}")
    return 1 if problems else 0


def bench_dask(args) -> int:
    """The local executor against a Dask ``LocalCluster`` with the same number of workers."""
    import logging

    from distributed import Client, LocalCluster

    logging.getLogger("distributed").setLevel(logging.ERROR)  # "Restarting worker" each run
    jobs = args.jobs or os.cpu_count() or 1
    plan = runner.plan(args.period, all_agencies=True, lang=LANG)
    load_before = os.getloadavg()
    print(f"period {plan.period.code}: {len(plan.tasks)} appendices; {jobs} workers "
          f"(local processes / Dask worker processes with 1 thread); {os.cpu_count()} CPUs; "
          f"load {load_before[0]:.2f}", flush=True)
    local, cold, warm, problems = [], [], [], []
    t0 = time.perf_counter()
    with LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        started = time.perf_counter() - t0
        address = ("--scheduler", cluster.scheduler_address)
        with tempfile.TemporaryDirectory(prefix="papi-bench-") as tmp:
            tmp = Path(tmp)
            for r in range(args.repeat):
                took, _, rc = runner_once(plan.period.code, tmp / "local", jobs, force=True)
                local.append(took)
                if rc:
                    problems.append(f"local run {r + 1}: exit code {rc}")
                client.restart()  # fresh worker processes: their kernels start cold
                took, _, rc = runner_once(plan.period.code, tmp / "dask", jobs, True, address)
                cold.append(took)
                if rc:
                    problems.append(f"dask run {r + 1}: exit code {rc}")
                took, _, rc = runner_once(plan.period.code, tmp / "dask", jobs, True, address)
                warm.append(took)
                if rc:
                    problems.append(f"dask warm run {r + 1}: exit code {rc}")
                print(f"run {r + 1}/{args.repeat}: local {local[-1]:.1f} s, dask (fresh "
                      f"workers) {cold[-1]:.1f} s, dask (warm workers) {warm[-1]:.1f} s",
                      flush=True)
    med = {k: statistics.median(v) for k, v in (("local", local), ("cold", cold),
                                                 ("warm", warm))}
    over = {k: med[k] / med["local"] - 1 for k in ("cold", "warm")}
    rows = [(f"local executor --force (jobs {jobs})", med["local"], local),
            (f"Dask LocalCluster, fresh workers ({jobs}×1)", med["cold"], cold),
            (f"Dask LocalCluster, warm workers ({jobs}×1)", med["warm"], warm)]
    print()
    print(f"{'':42} {'median':>9}   runs")
    for name, value, runs in rows:
        print(f"{name:42} {value:>7.1f} s   {', '.join(f'{x:.2f}' for x in runs)}")
    print(f"overhead of Dask: {over['cold']:+.1%} with fresh workers, {over['warm']:+.1%} with "
          f"warm ones ({med['cold'] - med['local']:+.1f} s, {med['warm'] - med['local']:+.1f} s);"
          f" cluster start-up {started:.1f} s, not counted ({args.repeat} repeats)")
    for p in problems:
        print("warning:", p)
    output = Path(args.output or config.REPORTS_DIR / "bench-dask.json")
    write_json(output, {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "period": plan.period.code, "appendices": len(plan.tasks), "repeat": args.repeat,
        "workers": jobs, "cpus": os.cpu_count(), "load_average_before": load_before,
        "load_average_after": os.getloadavg(), "local_seconds": local,
        "dask_fresh_seconds": cold, "dask_warm_seconds": warm, "local_median": med["local"],
        "dask_fresh_median": med["cold"], "dask_warm_median": med["warm"],
        "overhead_fresh": over["cold"], "overhead_warm": over["warm"],
        "cluster_startup_seconds": started, "problems": problems})
    print(f"written {output}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
