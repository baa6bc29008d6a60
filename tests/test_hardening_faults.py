"""Nothing left behind by a fault, and one clear line for it.

A full disk (simulated with ``RLIMIT_FSIZE`` in a subprocess, ``SIGXFSZ`` ignored so that
writes fail with EFBIG), a kernel that cannot start, a build waiting for another one's lock,
a period that has not begun.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from papi_analysis import atomic, cli
from papi_analysis.batch import kernels, manifest, runner
from papi_analysis.errors import BuildError, PeriodError
from papi_analysis.model import periods

ROOT = Path(__file__).resolve().parent.parent

_LIMITED = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
"""


def run_limited(code: str, limit: int = 2000, cwd: Path | None = None):
    """Run ``code`` in a Python whose files cannot grow past ``limit`` bytes (a full disk)."""
    script = _LIMITED.format(limit=limit) + textwrap.dedent(code)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=120, check=False)


def test_atomic_write_on_a_full_disk_names_the_file_and_leaves_the_old_one(tmp_path):
    target = tmp_path / "HY.html"
    target.write_text("old good appendix")
    done = run_limited(f"""
        from pathlib import Path
        from papi_analysis import atomic
        try:
            atomic.write(Path({str(target)!r}), "x" * 100000)
        except OSError as exc:
            print(exc.errno, exc.filename)
    """)
    assert done.returncode == 0, done.stderr
    errno_, name = done.stdout.split()
    assert int(errno_) == 27 and name == str(target)  # EFBIG, naming the file
    assert target.read_text() == "old good appendix"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["HY.html"]


def test_validate_output_on_a_full_disk_is_one_message(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("agency,period,indicator,value\n"
                   + "".join(f"SKHCM,2024-H1,proc.total,{i}\n" for i in range(200)))
    out = tmp_path / "findings.csv"
    done = run_limited(f"""
        from papi_analysis import cli
        sys.exit(cli.main(["validate", {str(src)!r}, "-o", {str(out)!r}, "--lang", "en"]))
    """, limit=20000)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert str(out) in done.stderr and "Free some disk space" in done.stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


class _FakeNb(dict):
    def __init__(self):
        super().__init__()
        self.metadata = type("M", (), {"papermill": {}})()


def _task(tmp_path: Path) -> dict:
    out = tmp_path / "reports" / "2024-H1" / "tthc"
    return {"input": "in.ipynb", "parameters": {}, "ipynb": str(out / "HY.ipynb"),
            "html": str(out / "HY.html"), "failed": str(out / "HY.failed.ipynb"),
            "cwd": str(tmp_path), "lang": "vi", "title": "t"}


def test_a_failed_notebook_write_leaves_no_html_new(tmp_path, monkeypatch):
    import nbformat
    import papermill as pm

    from papi_analysis.batch import rendering

    monkeypatch.setattr(pm, "execute_notebook", lambda *a, **k: _FakeNb())
    monkeypatch.setattr(rendering, "notebook_to_html", lambda nb, **k: "<html>new</html>")
    monkeypatch.setattr(nbformat, "writes", lambda nb: "{}")
    real = atomic.write

    def full_disk(path, data):
        if str(path).endswith(".ipynb"):
            raise OSError(28, "No space left on device", str(path))
        return real(path, data)

    monkeypatch.setattr(atomic, "write", full_disk)
    monkeypatch.setitem(kernels._worker, "kernel", None)
    task = _task(tmp_path)
    Path(task["html"]).parent.mkdir(parents=True)
    Path(task["html"]).write_text("old good")
    out = kernels.run_appendix(task)
    assert out["status"] == "failed"
    assert "HY.ipynb" in out["error"] and "free disk space" in out["error"]
    folder = Path(task["html"]).parent
    assert sorted(p.name for p in folder.iterdir()) == ["HY.html"]
    assert Path(task["html"]).read_text() == "old good"


def test_keep_failed_never_leaves_a_truncated_notebook(tmp_path):
    tmp_nb, failed = tmp_path / ".HY.1.tmp.ipynb", tmp_path / "HY.failed.ipynb"
    tmp_nb.write_text('{"cells": [], "metadata": {"papermill": {')  # cut short
    kernels._keep_failed(tmp_nb, failed)
    assert not failed.exists() and not tmp_nb.exists()
    doc = {"cells": [{"source": "x" * 50000}], "metadata": {"papermill": {}}}
    tmp_nb.write_text(json.dumps(doc))
    done = run_limited(f"""
        from pathlib import Path
        from papi_analysis.batch import kernels
        kernels._keep_failed(Path({str(tmp_nb)!r}), Path({str(failed)!r}))
    """)
    assert done.returncode == 0, done.stderr
    assert not failed.exists() or json.loads(failed.read_text())  # absent or whole
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.fixture
def broken_kernel(tmp_path, monkeypatch):
    """A ``python3`` kernelspec whose Python cannot import ipykernel (-S: no site-packages)."""
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-I", "-S", "-m", "ipykernel_launcher", "-f",
                 "{connection_file}"], "display_name": "broken", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    kernels._checked.clear()
    yield spec
    kernels._checked.clear()


def test_a_kernel_that_cannot_start_is_diagnosed_in_one_line(broken_kernel):
    t0 = time.perf_counter()
    with pytest.raises(BuildError) as exc:
        kernels.check_kernel()
    assert time.perf_counter() - t0 < 30
    msg = exc.value.message("en")
    assert "cannot start" in msg and "ipykernel" in msg
    assert "No module named" in msg and "no appendix was run" in msg
    assert exc.value.exit_code == 1


def test_build_with_a_broken_kernel_stops_before_the_batch(broken_kernel, tmp_path, capsys):
    code = cli.main(["build", "--period", "2024-H1", "--agency", "SKHCN", "--notebooks",
                     "quality", "--reports", str(tmp_path / "reports"), "--force",
                     "--no-progress", "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err and "BrokenProcessPool" not in err
    assert "cannot start" in err
    assert [line for line in err.splitlines() if line.startswith("Error:")] == [
        err.splitlines()[0]]


def test_the_kernel_check_passes_for_the_real_kernel():
    kernels._checked.clear()
    kernels.check_kernel()


def test_a_build_waiting_for_the_lock_says_for_whom(tmp_path, caplog, capsys):
    period_dir = tmp_path / "2024-H1"
    owner = period_dir / ".build.lock.owner"
    with manifest.period_lock(period_dir):
        owner.write_text("4242 2026-11-30T06:30:00+07:00\n")
        runner._say_if_locked(period_dir, owner, "en")
    err = caplog.text  # a warning of papi_analysis.batch.runner: on stderr under the CLI
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert "Waiting for another build" in err
    assert "process 4242, started 2026-11-30T06:30:00+07:00" in err
    caplog.clear()
    runner._say_if_locked(period_dir, owner, "en")  # free: nothing said
    assert not caplog.records
    assert capsys.readouterr().err == ""


def test_build_refuses_a_period_that_has_not_begun(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(periods, "current_date", lambda: dt.date(2026, 11, 30))
    code = cli.main(["build", "--period", "2027-H1", "--agency", "SKHCN", "--reports",
                     str(tmp_path / "reports"), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and "2027-H1" in err and "Traceback" not in err
    assert not (tmp_path / "reports" / "2027-H1").exists()


def test_refuse_future_names_the_period_today_and_the_last_completed():
    today = dt.date(2026, 11, 30)
    with pytest.raises(PeriodError) as exc:
        periods.refuse_future(periods.parse("2027-H1"), today)
    msg = exc.value.message("en")
    assert "2027-H1" in msg and "has not begun" in msg and "30/11/2026" in msg
    assert "2026-H1" in msg  # the last completed half year
    periods.refuse_future(periods.parse("2026-H2"), today)  # begun, not ended: allowed
    periods.refuse_future(periods.parse("2024-H1"), today)


def test_no_temporary_file_is_left_by_a_failed_table_export(tmp_path):
    with pytest.raises(OSError, match="x.csv"), atomic.replacing(tmp_path / "x.csv") as tmp:
        tmp.write_text("half")
        raise OSError(28, "No space left on device")
    assert list(tmp_path.iterdir()) == []
    assert os.listdir(tmp_path) == []
