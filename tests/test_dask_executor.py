"""The Dask executor: a build on a real ``distributed.LocalCluster`` (two worker processes, one
thread each, started in a process of its own) gives the same appendices as the local
warm-kernel pool, writes them from this process, survives a worker killed mid-task, and a bad
scheduler address is one message.

Marked slow: the cluster's workers start kernels and run the real notebooks (about half a
minute on two cores).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from papi_analysis import cli
from papi_analysis.batch import executors, manifest, runner
from papi_analysis.errors import ParameterError

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parent / "fixtures_runner"
REGISTRY = ("code,name_vi,name_en,short_vi,province,level\n"
            "HY,Tỉnh Hưng Yên (toàn tỉnh),Hưng Yên province,Toàn tỉnh,Hưng Yên,province\n"
            "SNV,Sở Nội vụ,Department of Home Affairs,Sở Nội vụ,Hưng Yên,department\n")
#: What differs between two builds of the same inputs: the time of the build, to the minute.
STAMP = re.compile(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}")


@pytest.fixture(autouse=True)
def _no_scheduler_env(monkeypatch):
    monkeypatch.delenv(executors.SCHEDULER_ENV, raising=False)
    monkeypatch.delenv("PAPI_ANALYSIS_ENGINE", raising=False)


#: The cluster runs in a process of its own, as a real one would: a scheduler in this process
#: would leave Dask threads behind, and the runner then starts its local workers with spawn
#: rather than fork (tests that patch the kernels module in this process rely on fork).
CLUSTER = """
import sys
from distributed import LocalCluster
if __name__ == "__main__":
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                      dashboard_address=None) as c:
        print(c.scheduler_address, flush=True)
        sys.stdin.read()  # until the test closes it
"""


class Cluster:
    def __init__(self, scheduler_address: str) -> None:
        self.scheduler_address = scheduler_address


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    script = tmp_path_factory.mktemp("cluster") / "cluster.py"
    script.write_text(CLUSTER, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        address = proc.stdout.readline().strip()
        assert address.startswith("tcp://"), "the LocalCluster did not start"
        yield Cluster(address)
    finally:
        proc.stdin.close()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _normalized(path: Path) -> str:
    return STAMP.sub("<time>", path.read_text(encoding="utf-8"))


def test_period_build_on_dask_gives_the_local_appendices(cluster, tmp_path):
    local = runner.build("2024-H1", agencies=["SKHCN"], reports_dir=tmp_path / "local",
                         jobs=2, progress=False)
    threads = threading.active_count()
    dask = runner.build("2024-H1", agencies=["SKHCN"], reports_dir=tmp_path / "dask",
                        jobs=2, progress=False, scheduler=cluster.scheduler_address)
    assert local.exit_code == dask.exit_code == 0
    # the client leaves no thread behind: a local build after it still forks its workers
    assert threading.active_count() == threads
    assert len(dask.results) == len(local.results) == 9  # 3 × (HY, SKHCN) + 3 for HY
    for a, b in zip(local.results, dask.results, strict=True):
        assert (a.notebook, a.agency) == (b.notebook, b.agency)
        assert b.status == "ok", b.error
        assert b.html.is_relative_to(tmp_path / "dask") and b.ipynb.is_file()
        assert _normalized(a.html) == _normalized(b.html), b.html
        nb = json.loads(b.ipynb.read_text(encoding="utf-8"))
        # the executed notebook records this machine's paths, not the worker's scratch ones
        assert nb["metadata"]["papermill"]["output_path"] == str(b.ipynb)
        assert nb["metadata"]["papermill"]["input_path"] == json.loads(
            a.ipynb.read_text(encoding="utf-8"))["metadata"]["papermill"]["input_path"]
    assert not list((tmp_path / "dask").rglob("*.new")) + list((tmp_path / "dask").rglob("*.tmp*"))
    # the index pages and the manifest are written as locally: nothing changed, nothing rebuilt
    assert (tmp_path / "dask" / "2024-H1" / "index.html").is_file()
    again = runner.build("2024-H1", agencies=["SKHCN"], reports_dir=tmp_path / "dask",
                         progress=False, scheduler=cluster.scheduler_address)
    assert again.count("skipped") == 9


def _project(root: Path, marker: Path) -> tuple[Path, Path]:
    """Fixture notebooks (alpha, a notebook that kills its worker the first time it runs,
    one whose kernel dies) and a data folder with a two-agency registry."""
    nbs, data = root / "notebooks", root / "data"
    nbs.mkdir()
    shutil.copy(FIXTURES / "01_alpha.ipynb", nbs)
    shutil.copy(FIXTURES / "07_crash.ipynb", nbs)
    doc = json.loads((FIXTURES / "01_alpha.ipynb").read_text(encoding="utf-8"))
    doc["cells"].insert(1, {
        "cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
        "id": "kill-0",
        "source": ("import os, pathlib, signal\n"
                   f"marker = pathlib.Path({str(marker)!r})\n"
                   "if agency == 'HY' and not marker.exists():\n"
                   "    marker.write_text(str(os.getppid()))\n"
                   "    os.kill(os.getppid(), signal.SIGKILL)  # the Dask worker process\n")})
    doc["metadata"]["papi_analysis"].update(appendix=2, title_vi="Thử nghiệm kill",
                                            title_en="Test kill")
    (nbs / "02_kill.ipynb").write_text(json.dumps(doc), encoding="utf-8")
    (data / "agencies").mkdir(parents=True)
    (data / "agencies" / "hung_yen.csv").write_text(REGISTRY, encoding="utf-8")
    (data / "submissions").mkdir()
    (data / "submissions" / "a.txt").write_text("figures v1\n")
    return nbs, data


def test_a_worker_killed_mid_task_is_retried_and_the_period_completes(cluster, tmp_path,
                                                                      monkeypatch):
    monkeypatch.setattr(manifest, "code_fingerprint", lambda package_dir=None: "frozen-code")
    marker = tmp_path / "killed"
    nbs, data = _project(tmp_path, marker)
    reports = tmp_path / "reports"
    result = runner.build("2024-H1", agencies=["SNV"], data_dir=data, reports_dir=reports,
                          notebooks_dir=nbs, progress=False, scheduler=cluster.scheduler_address)
    got = {f"{r.notebook}/{r.agency}": r for r in result.results}
    assert marker.is_file(), "the kill notebook did not run"
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:
        client.wait_for_workers(2, timeout=30)  # the nanny started a new worker process
        pids = set(client.run(os.getpid).values())
    assert int(marker.read_text()) not in pids, "the worker process was not killed"
    for key in ("01_alpha/HY", "01_alpha/SNV", "02_kill/HY", "02_kill/SNV"):
        assert got[key].status == "ok", (key, got[key].error)
        assert got[key].html.is_file()
    # a kernel that dies fails its appendix only; its notebook comes back as .failed.ipynb
    crash = got["07_crash/HY"]
    assert crash.status == "failed" and result.exit_code == 1
    assert crash.failed is not None and crash.failed.is_file()
    assert not crash.html.exists()
    assert json.loads(crash.failed.read_text(encoding="utf-8"))["metadata"]["papermill"][
        "output_path"] == str(crash.failed)


def test_bad_scheduler_address_is_one_message_and_nothing_is_written(tmp_path, monkeypatch,
                                                                     capsys):
    monkeypatch.setattr(executors, "CONNECT_TIMEOUT", 1)
    reports = tmp_path / "reports"
    for address, lang, words in (
            ("tcp://127.0.0.1:1", "vi", "không kết nối được"),
            ("foo://bar", "en", "not a valid address"),
            ("127.0.0.1:abc", "vi", "địa chỉ không hợp lệ")):
        code = cli.main(["build", "--period", "2024-H1", "--agency", "SKHCN", "--reports",
                         str(reports), "--no-progress", "--scheduler", address, "--lang", lang])
        err = capsys.readouterr().err
        assert code == 2, err
        assert words in err and address in err and "docs/scaling.md" in err
        assert "Traceback" not in err and err.count("Error:" if lang == "en" else "Lỗi:") == 1
    assert not [p for p in reports.rglob("*") if p.is_file() and not p.name.startswith(".")]
    # the environment variable does the same, and names itself
    monkeypatch.setenv(executors.SCHEDULER_ENV, "tcp://127.0.0.1:1")
    with pytest.raises(ParameterError) as info:
        runner.build("2024-H1", agencies=["SKHCN"], reports_dir=reports, progress=False)
    assert f"{executors.SCHEDULER_ENV}=tcp://127.0.0.1:1" in info.value.message("en")
    assert not (reports / "2024-H1" / "01_tthc").exists()


def test_a_port_where_no_scheduler_answers_times_out(monkeypatch):
    """Dask's Client alone would wait for ever on a port where something else listens."""
    monkeypatch.setattr(executors, "CONNECT_TIMEOUT", 1)
    threads = threading.active_count()
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen(5)
        address = f"tcp://127.0.0.1:{other.getsockname()[1]}"
        with pytest.raises(ParameterError) as info:
            executors.choose(address)
    assert "no answer from a Dask scheduler" in info.value.message("en")
    # once the port closes, the abandoned attempt ends and takes its Dask thread with it
    deadline = time.monotonic() + 20
    while threading.active_count() > threads and time.monotonic() < deadline:
        time.sleep(0.2)
    assert threading.active_count() == threads, [t.name for t in threading.enumerate()]


def test_scheduler_address_precedence(monkeypatch):
    assert executors.scheduler_address() == ""
    monkeypatch.setenv(executors.SCHEDULER_ENV, "tcp://h:8786")
    assert executors.scheduler_address() == "tcp://h:8786"
    assert executors.scheduler_address("tcp://other:1") == "tcp://other:1"
    assert executors.scheduler_address("local") == ""
    assert isinstance(executors.choose("local"), executors.LocalExecutor)


def test_a_worker_with_other_data_fails_the_appendix_and_says_why(tmp_path):
    out = executors.run_on_worker({"data_fp": "000000000000", "parameters": {
        "data_dir": str(tmp_path)}, "input": "x.ipynb", "engine": "papi-warm"})
    assert out["status"] == "failed"
    assert "data fingerprint" in out["error"] and "same data folder" in out["error"]


def test_client_writes_worker_bytes_atomically_and_keeps_the_last_good(tmp_path):
    html, ipynb, failed = tmp_path / "a" / "HY.html", tmp_path / "a" / "HY.ipynb", \
        tmp_path / "a" / "HY.failed.ipynb"
    payload = {"html": str(html), "ipynb": str(ipynb), "failed": str(failed)}
    ok = executors.write_outcome(payload, {"status": "ok", "duration": 1.0, "error": "",
                                           "html_bytes": b"<p>good</p>",
                                           "ipynb_bytes": b"{}"})
    assert ok == {"status": "ok", "duration": 1.0, "error": ""}
    assert html.read_bytes() == b"<p>good</p>"
    bad = executors.write_outcome(payload, {"status": "failed", "duration": 2.0,
                                            "error": "boom", "failed_bytes": b'{"x": 1}'})
    assert bad["status"] == "failed" and bad["error"] == "boom"
    assert html.read_bytes() == b"<p>good</p>" and failed.read_bytes() == b'{"x": 1}'
    assert sorted(p.name for p in html.parent.iterdir()) == ["HY.failed.ipynb", "HY.html",
                                                             "HY.ipynb"]
