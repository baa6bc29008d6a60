"""Benchmark: a MEASURED national build, 1, 5 and 34 provinces, local and on a Dask cluster.

The national picture is 34 provinces × about 20 units × the notebooks of one period.  This
script makes an ILLUSTRATIVE national data root on demand (never shipped, deleted afterwards):
34 province folders ``N01``…``N34``, each a copy of the shipped Hưng Yên folder (registry,
PAPI data and the illustrative panels, so every figure in it is illustrative and labelled so;
14 units of its registry in 2026-H1: 45 appendices per province), with a
``papi-analysis.toml`` holding only a comment that names the copy, so that each province has
its own data fingerprint and is read, checked and cached on its own, as real provinces are.

For each number of provinces in ``--provinces`` (default 1 5 34) it runs the real command
line, a forced build of every unit, in one process of its own (the client)::

    papi-analysis build --period P --all --force --province N01 … N05 --data ROOT ...

with this machine's executor (``--jobs`` worker processes, default 2) and on a Dask
``LocalCluster`` of as many worker processes (one thread each, plain TCP on 127.0.0.1: TLS is
not what is measured; restarted before each run, so its kernels start cold like the local
ones), and reports for each run:

- wall time of the command, appendices built (all must be ``ok``) and wall s per appendix;
- worker-seconds per appendix: the sum of the appendices' durations (each province's
  manifest; the workbook export is in them) / appendices;
- peak RSS of the client (the command's process) and of one worker (a worker process with
  its kernel; the largest), sampled every ``--sample`` seconds with psutil (installed with
  ``distributed``, the ``dask`` extra);
- the load average before and after, and its mean over the run;
- the national index page (``reports/index.html``): its size in bytes and its rows.

Cost per appendix at 1, 5 and 34 provinces shows whether the build grows linearly.  Nothing
is extrapolated: a run stopped by ``--deadline`` (an ISO time, UTC) is recorded as stopped,
with what it had built.  The results are printed as a table and written, after each run, to
``--output`` (default ``reports/bench-national.json``).

    python scripts/bench_national.py [--period 2026-H1] [--provinces 1 5 34] [--jobs 2]
        [--executors local dask] [--deadline 2026-12-08T02:15] [--output FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PROVINCES = 34
LABEL = "ILLUSTRATIVE national root (34 copies of the shipped Hưng Yên folder; not real data)"


def national_root(root: Path, n: int = PROVINCES) -> list[str]:
    """``n`` ILLUSTRATIVE province folders ``N01``… under ``root``; their codes."""
    from papi_analysis import config

    codes = [f"N{i:02d}" for i in range(1, n + 1)]
    for code in codes:
        folder = root / code
        for part in ("agencies", "papi", "illustrative"):
            shutil.copytree(config.DATA_DIR / part, folder / part)
        (folder / "ILLUSTRATIVE.txt").write_text(
            "A copy of the shipped Hưng Yên folder, made by scripts/bench_national.py for a "
            "benchmark: every figure is illustrative. Never ship it.\n", encoding="utf-8")
        # a settings file with nothing but a comment naming the copy: the figures are the
        # same, but each province's data fingerprint differs, so each is read, checked and
        # cached on its own as real provinces would be (identical copies would share one
        # cached tidy table and make the client's per-province work look free)
        (folder / "papi-analysis.toml").write_text(
            f"# ILLUSTRATIVE copy {code} of the shipped Hưng Yên folder (benchmark only)\n",
            encoding="utf-8")
    return codes


class Sampler:
    """Peak RSS of the client process and of the largest worker (a process with its
    descendants: the kernel), and the load average, sampled every ``every`` seconds."""

    def __init__(self, client_pid: int, workers, every: float = 0.5) -> None:
        self.client_pid, self.workers, self.every = client_pid, workers, every
        self.client_peak = self.worker_peak = 0
        self.loads: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    @staticmethod
    def _tree_rss(proc) -> int:
        import psutil

        total = 0
        for p in [proc, *proc.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass
        return total

    def _run(self) -> None:
        import psutil

        try:
            client = psutil.Process(self.client_pid)
        except psutil.NoSuchProcess:
            return
        while not self._stop.is_set():
            try:
                self.client_peak = max(self.client_peak, client.memory_info().rss)
                for w in self.workers(client):
                    self.worker_peak = max(self.worker_peak, self._tree_rss(w))
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass
            self.loads.append(os.getloadavg()[0])
            self._stop.wait(self.every)


def local_workers(client):
    """The local executor's workers: the client's child processes (each with its kernel)."""
    return client.children()


def _manifest_durations(reports: Path, codes: list[str], period: str) -> tuple[int, float, int]:
    """``(appendices ok, sum of their durations, failed)`` over the provinces' manifests."""
    ok, secs, failed = 0, 0.0, 0
    for code in codes:
        path = reports / code / period / "manifest.json"
        if not path.is_file():
            continue
        for e in json.loads(path.read_text(encoding="utf-8")).get("entries", {}).values():
            if e.get("status") == "ok":
                ok += 1
                secs += float(e.get("duration") or 0)
            else:
                failed += 1
    return ok, secs, failed


def _index(reports: Path) -> tuple[int, int]:
    """The national index page's size in bytes and its rows (one per province)."""
    page = reports / "index.html"
    if not page.is_file():
        return 0, 0
    text = page.read_text(encoding="utf-8")
    body = text.split("<tbody", 1)[-1]
    return page.stat().st_size, len(re.findall(r"<tr\b", body))


def one_run(kind: str, n: int, codes: list[str], args, work: Path, cluster=None,
            deadline: float | None = None) -> dict:
    """One forced national build of ``n`` provinces with ``kind`` (local or dask)."""
    import psutil

    reports = work / f"reports-{kind}-{n}"
    shutil.rmtree(reports, ignore_errors=True)
    cache = work / f"cache-{kind}-{n}"
    shutil.rmtree(cache, ignore_errors=True)
    which = ["--all-provinces"] if n == len(codes) else ["--province", *codes[:n]]
    cmd = [str(Path(sys.executable).parent / "papi-analysis"), "build", "--period",
           args.period, "--all", "--force", *which, "--data", str(work / "data"), "--reports",
           str(reports), "--no-progress", "--jobs", str(args.jobs), "--lang", "vi"]
    workers = local_workers
    if kind == "dask":
        client, address = cluster
        client.restart()  # fresh worker processes: cold kernels, as the local executor's
        pids = list(client.run(os.getpid).values())
        procs = [psutil.Process(p) for p in pids]
        workers = lambda _client: procs  # noqa: E731
        cmd += ["--scheduler", address]
    env = dict(os.environ, PAPI_ANALYSIS_CACHE=str(cache))
    load_before = os.getloadavg()
    t0 = time.perf_counter()
    log = (work / f"log-{kind}-{n}.txt").open("w", encoding="utf-8")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
    stopped = False
    with Sampler(proc.pid, workers, args.sample) as s:
        while proc.poll() is None:
            if deadline is not None and time.time() > deadline:
                proc.send_signal(signal.SIGINT)  # as Ctrl-C: the build saves what it built
                stopped = True
                try:
                    proc.wait(120)
                except subprocess.TimeoutExpired:
                    proc.kill()
                break
            time.sleep(0.5)
        proc.wait()
    wall = time.perf_counter() - t0
    log.close()
    ok, secs, failed = _manifest_durations(reports, codes[:n], args.period)
    size, rows = _index(reports)
    text = Path(log.name).read_text(encoding="utf-8")
    said = re.search(r"(?:Đã kiểm tra|Checked) \d+ \S+ (?:trong|in) ([\d.]+) s", text)
    expected = n * args.per_province
    problems = []
    if proc.returncode and not stopped:
        # the log goes with the work folder: its first failures are kept here
        problems.append(f"exit code {proc.returncode}: "
                        + " | ".join(line[:300] for line in text.splitlines()
                                     if line.startswith(("! ", "Lỗi", "Error")))[:1500])
    if failed:
        problems.append(f"{failed} appendices failed")
    if ok != expected and not stopped:
        problems.append(f"{ok} appendices built, {expected} planned")
    row = {"executor": kind, "provinces": n, "stopped_at_deadline": stopped,
           "exit_code": proc.returncode, "wall_seconds": round(wall, 2), "appendices": ok,
           "expected_appendices": expected,
           "wall_seconds_per_appendix": round(wall / ok, 4) if ok else None,
           "worker_seconds_per_appendix": round(secs / ok, 4) if ok else None,
           "worker_seconds_total": round(secs, 2),
           # the client's checks of every province, before the first appendix runs
           "client_check_seconds": float(said.group(1)) if said else None,
           "peak_rss_client_mb": round(s.client_peak / 2**20, 1),
           "peak_rss_worker_mb": round(s.worker_peak / 2**20, 1),
           "national_index_bytes": size, "national_index_rows": rows,
           "load_before": [round(x, 2) for x in load_before],
           "load_after": [round(x, 2) for x in os.getloadavg()],
           "load_mean_during": round(sum(s.loads) / len(s.loads), 2) if s.loads else None,
           "load_max_during": round(max(s.loads), 2) if s.loads else None,
           "problems": problems}
    if not args.keep:
        shutil.rmtree(reports, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
    return row


def table(rows: list[dict]) -> str:
    head = ("executor", "prov.", "appendices", "wall s", "checks s", "wall s/app.",
            "worker s/app.", "client MB", "worker MB", "index B", "rows", "load")
    lines = []
    for r in rows:
        per = r["wall_seconds_per_appendix"]
        wper = r["worker_seconds_per_appendix"]
        lines.append((r["executor"], str(r["provinces"]),
                      f"{r['appendices']}" + (" STOPPED" if r["stopped_at_deadline"] else ""),
                      f"{r['wall_seconds']:.1f}",
                      f"{r['client_check_seconds']}" if r["client_check_seconds"] else "–",
                      f"{per:.3f}" if per else "–",
                      f"{wper:.3f}" if wper else "–", f"{r['peak_rss_client_mb']:.0f}",
                      f"{r['peak_rss_worker_mb']:.0f}", str(r["national_index_bytes"]),
                      str(r["national_index_rows"]), f"{r['load_mean_during']}"))
    widths = [max(len(x) for x in col) for col in zip(head, *lines, strict=True)]
    return "\n".join("  ".join(c.rjust(w) for c, w in zip(line, widths, strict=True))
                     for line in [head, *lines])


def growth(rows: list[dict]) -> list[str]:
    """Cost per appendix at each number of provinces against the smallest, per executor."""
    out = []
    for kind in dict.fromkeys(r["executor"] for r in rows):
        done = [r for r in rows if r["executor"] == kind and r["appendices"]
                and not r["stopped_at_deadline"]]
        if len(done) < 2:
            continue
        base = done[0]
        b = base["wall_seconds_per_appendix"]
        parts = [f"{r['provinces']}: {r['wall_seconds_per_appendix'] / b:.2f}" for r in done]
        out.append(f"{kind}: wall s per appendix relative to {base['provinces']} province(s) — "
                   + ", ".join(parts) + " (1.00 = linear growth)")
    return out


def main(argv: list[str] | None = None) -> int:
    from papi_analysis import config
    from papi_analysis.batch.manifest import write_json

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--period", default="2026-H1")
    ap.add_argument("--provinces", type=int, nargs="+", default=[1, 5, PROVINCES])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--executors", nargs="+", choices=["local", "dask"],
                    default=["local", "dask"])
    ap.add_argument("--sample", type=float, default=0.5, help="seconds between RSS samples")
    ap.add_argument("--deadline", default=None,
                    help="stop a run still going at this time (ISO, UTC) and say so")
    ap.add_argument("--output", default=None, help="JSON (default reports/bench-national.json)")
    ap.add_argument("--keep", action="store_true", help="keep the reports of each run")
    args = ap.parse_args(argv)
    output = Path(args.output or config.REPORTS_DIR / "bench-national.json")
    deadline = None
    if args.deadline:
        when = dt.datetime.fromisoformat(args.deadline)
        deadline = (when if when.tzinfo else when.replace(tzinfo=dt.UTC)).timestamp()
    n_max = max(args.provinces)
    if n_max > PROVINCES or min(args.provinces) < 1:
        raise SystemExit(f"--provinces: between 1 and {PROVINCES}")
    work = Path(tempfile.mkdtemp(prefix="bench-national-"))
    os.environ["PAPI_ANALYSIS_CACHE"] = str(work / "cache-plan")  # this process's, its own
    rows: list[dict] = []
    result = {"label": LABEL, "period": args.period, "jobs": args.jobs,
              "cpus": os.cpu_count(), "date": dt.datetime.now().astimezone().isoformat(
                  timespec="seconds"), "deadline": args.deadline, "runs": rows}
    cluster = None
    try:
        codes = national_root(work / "data", PROVINCES if n_max == PROVINCES else n_max)
        from papi_analysis.batch import runner

        # what one province plans (every copy is the same): the count each run must reach
        args.per_province = len(runner.plan(args.period, all_agencies=True,
                                            data_dir=work / "data" / codes[0],
                                            reports_dir=work / "plan").tasks)
        result["appendices_per_province"] = args.per_province
        print(f"{LABEL}\nperiod {args.period}; {os.cpu_count()} CPUs; {args.jobs} workers "
              f"(local processes / Dask worker processes × 1 thread); load "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
        if "dask" in args.executors:
            import logging

            from distributed import Client, LocalCluster

            logging.getLogger("distributed").setLevel(logging.ERROR)
            lc = LocalCluster(n_workers=args.jobs, threads_per_worker=1, processes=True,
                              host="127.0.0.1", dashboard_address=None)
            cl = Client(lc)
            cluster = (cl, lc.scheduler_address, lc)
        for n in sorted(args.provinces):
            for kind in args.executors:
                if deadline is not None and time.time() > deadline:
                    print(f"{kind}, {n} provinces: not started (deadline passed)", flush=True)
                    continue
                row = one_run(kind, n, codes, args, work,
                              cluster[:2] if kind == "dask" else None, deadline)
                rows.append(row)
                print(f"{kind}, {n} province(s): {row['appendices']} appendices in "
                      f"{row['wall_seconds']:.1f} s"
                      + (" — STOPPED at the deadline, not finished" if
                         row["stopped_at_deadline"] else "")
                      + (f" — {'; '.join(row['problems'])}" if row["problems"] else "")
                      + f"; load {row['load_mean_during']} (mean during)", flush=True)
                write_json(output, result)
    finally:
        if cluster is not None:
            cluster[0].close()
            cluster[2].close()
        shutil.rmtree(work, ignore_errors=True)
    print()
    print(table(rows))
    for line in growth(rows):
        print(line)
    print(f"({LABEL}; wall s/app. = wall time / appendices; worker s/app. = sum of appendix "
          f"durations / appendices; MB = peak RSS)")
    write_json(output, result)
    print(f"written {output}")
    return 1 if any(r["problems"] for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
