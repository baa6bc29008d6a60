"""The Dask executor: a build on a real ``distributed.LocalCluster`` closed with mutual TLS (two
worker processes, one thread each, started in a process of its own, as on another machine and
with hostile variables) gives the same appendices as the local warm-kernel pool, writes them
from this process, survives a worker killed mid-task; a client without the cluster's
certificates is refused, a result built from other digests or with a script is refused by the
worker's name, and a bad scheduler address is one message.

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
from papi_analysis.batch import clustersecurity, executors, runner
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
#: It is closed: TLS with mutual authentication, certificates made here with openssl as
#: docs/scaling.md says.  Its workers are as on another machine, and hostile: they import a
#: copy of the package that has no data folder beside it, run in another folder, with another
#: data folder and registry in their environment (PAPI_ANALYSIS_DATA, _AGENCIES, _CACHE) and
#: their own matplotlib settings: the appendices they build must be the local ones all the same.
CLUSTER = """
import sys
from distributed import LocalCluster
from distributed.security import Security
if __name__ == "__main__":
    ca, cert, key = sys.argv[1:4]
    sec = Security(tls_ca_file=ca, tls_scheduler_cert=cert, tls_scheduler_key=key,
                   tls_worker_cert=cert, tls_worker_key=key, tls_client_cert=cert,
                   tls_client_key=key, require_encryption=True)
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, protocol="tls://",
                      host="127.0.0.1", security=sec, dashboard_address=None) as c:
        print(c.scheduler_address, flush=True)
        sys.stdin.read()  # until the test closes it
"""


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def make_certificates(folder: Path, *names: str) -> dict[str, tuple[Path, Path]]:
    """A CA and one certificate per name, signed by it, as the recipe of docs/scaling.md:
    ``{"ca": (ca.pem, ca.key), name: (name.pem, name.key)}``."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder.mkdir(parents=True, exist_ok=True)
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj",
             "/CN=papi-analysis test CA", "-keyout", "ca.key", "-out", "ca.pem", "-addext",
             "basicConstraints=critical,CA:TRUE", "-addext",
             "keyUsage=critical,keyCertSign,cRLSign", cwd=folder)
    (folder / "leaf.ext").write_text("basicConstraints=CA:FALSE\n"
                                     "extendedKeyUsage=serverAuth,clientAuth\n"
                                     "subjectAltName=DNS:localhost,IP:127.0.0.1\n")
    out = {"ca": (folder / "ca.pem", folder / "ca.key")}
    for name in names:
        _openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={name}", "-keyout",
                 f"{name}.key", "-out", f"{name}.csr", cwd=folder)
        _openssl("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                 "-CAcreateserial", "-days", "30", "-extfile", "leaf.ext", "-out",
                 f"{name}.pem", cwd=folder)
        out[name] = (folder / f"{name}.pem", folder / f"{name}.key")
    return out


class Cluster:
    def __init__(self, scheduler_address: str, certs: dict, home: Path) -> None:
        self.scheduler_address = scheduler_address
        self.certs, self.home = certs, home
        ca, (cert, key) = certs["ca"][0], certs["client"]
        self.tls = {"ca": str(ca), "cert": str(cert), "key": str(key)}

    def security(self):
        from distributed.security import Security

        return Security(tls_ca_file=self.tls["ca"], tls_client_cert=self.tls["cert"],
                        tls_client_key=self.tls["key"], require_encryption=True)


def _hostile_home(root: Path) -> dict[str, str]:
    """A folder for the workers with another data folder (other figures, another registry),
    and the environment that points the package at it."""
    other = root / "other-data"
    (other / "agencies").mkdir(parents=True)
    (other / "agencies" / "units.csv").write_text(
        REGISTRY.replace("Sở Nội vụ", "CƠ QUAN GIẢ").replace("Hưng Yên", "Tỉnh Giả"),
        encoding="utf-8")
    (other / "submissions").mkdir()
    (other / "submissions" / "fake.csv").write_text("agency,period,indicator,value\n"
                                                    "SKHCN,2024-H1,tthc.received_total,999\n",
                                                    encoding="utf-8")
    mpl = root / "mpl"
    mpl.mkdir()
    (mpl / "matplotlibrc").write_text("font.family: monospace\nfigure.dpi: 11\n")
    site = root / "worker-site"  # the package alone: no data/ beside it, unlike this checkout
    import papi_analysis

    shutil.copytree(Path(papi_analysis.__file__).parent, site / "papi_analysis",
                    ignore=shutil.ignore_patterns("__pycache__"))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(site), env.get("PYTHONPATH")) if p)
    env.update(PAPI_ANALYSIS_DATA=str(other), PAPI_ANALYSIS_AGENCIES=str(
        other / "agencies" / "units.csv"), PAPI_ANALYSIS_CACHE=str(root / "cache"),
        PAPI_ANALYSIS_TIDY_CACHE="0", MPLCONFIGDIR=str(mpl))
    return env


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    root = tmp_path_factory.mktemp("cluster")
    certs = make_certificates(root / "tls", "node", "client")
    script = root / "cluster.py"
    script.write_text(CLUSTER, encoding="utf-8")
    home = root / "elsewhere"
    home.mkdir()
    proc = subprocess.Popen([sys.executable, str(script), str(certs["ca"][0]),
                             *map(str, certs["node"])], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, cwd=home,
                            env=_hostile_home(root))
    try:
        address = proc.stdout.readline().strip()
        assert address.startswith("tls://"), "the LocalCluster did not start"
        yield Cluster(address, certs, home)
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
    """Over TLS, on hostile workers (another folder, another data folder and registry in their
    environment): the data go from here, and the appendices are the local ones."""
    with distributed.Client(cluster.scheduler_address, security=cluster.security(),
                            set_as_default=False) as client:
        client.wait_for_workers(2, timeout=60)
        seen = client.run(lambda: (os.getcwd(), os.environ.get("PAPI_ANALYSIS_AGENCIES", ""),
                                   __import__("papi_analysis").__file__))
    assert all(cwd == str(cluster.home) and "other-data" in reg and "worker-site" in pkg
               for cwd, reg, pkg in seen.values()), seen
    local = runner.build("2024-H1", agencies=["SKHCN"], reports_dir=tmp_path / "local",
                         jobs=2, progress=False)
    threads = threading.active_count()
    dask = runner.build("2024-H1", agencies=["SKHCN"], reports_dir=tmp_path / "dask",
                        jobs=2, progress=False, scheduler=cluster.scheduler_address,
                        tls=cluster.tls)
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
        assert nb["metadata"]["papermill"]["parameters"] == a.parameters
    assert not list((tmp_path / "dask").rglob("*.new")) + list((tmp_path / "dask").rglob("*.tmp*"))
    # each worker's task thread kept one warm kernel for all its appendices (a reset that
    # failed in the deleted scratch folder of the task before restarted it every time)
    with distributed.Client(cluster.scheduler_address, security=cluster.security(),
                            set_as_default=False) as client:
        def kernel_starts():  # nested: sent by value, the workers cannot import this module
            from papi_analysis.batch import executors

            kernel = (getattr(executors._states, "state", None) or {}).get("kernel")
            return None if kernel is None else kernel.starts

        starts = {}
        for worker in client.scheduler_info()["workers"]:
            fut = client.submit(kernel_starts, workers=[worker], pure=False,
                                allow_other_workers=False)
            starts[worker] = fut.result(timeout=60)
    assert [n for n in starts.values() if n is not None] and all(
        n in (None, 1) for n in starts.values()), starts
    # the index pages and the manifest are written as locally: nothing changed, nothing rebuilt
    assert (tmp_path / "dask" / "2024-H1" / "index.html").is_file()
    again = runner.build("2024-H1", agencies=["SKHCN"], reports_dir=tmp_path / "dask",
                         progress=False, scheduler=cluster.scheduler_address, tls=cluster.tls)
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


def test_a_worker_killed_mid_task_is_retried_and_the_period_completes(cluster, tmp_path):
    marker = tmp_path / "killed"
    nbs, data = _project(tmp_path, marker)
    reports = tmp_path / "reports"
    result = runner.build("2024-H1", agencies=["SNV"], data_dir=data, reports_dir=reports,
                          notebooks_dir=nbs, progress=False, scheduler=cluster.scheduler_address,
                          tls=cluster.tls)
    got = {f"{r.notebook}/{r.agency}": r for r in result.results}
    assert marker.is_file(), "the kill notebook did not run"
    with distributed.Client(cluster.scheduler_address, security=cluster.security(),
                            set_as_default=False) as client:
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


def test_a_worker_with_other_code_builds_nothing_and_says_so(tmp_path):
    out = executors.run_on_worker({"code": "0000000000000000", "parameters": {
        "data_dir": str(tmp_path)}, "input": "x.ipynb", "engine": "papi-warm"}, {})
    assert out["status"] == "failed" and out["digests"]["code"] != "0000000000000000"
    assert "runs other package code" in out["error"] and "html_bytes" not in out


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


def test_a_client_without_the_cluster_certificates_is_refused(cluster, tmp_path, monkeypatch,
                                                             capsys):
    """A certificate of another authority does not get in (mutual TLS), and no certificate at
    all is one message before any connection; nothing is written either way."""
    monkeypatch.setattr(executors, "CONNECT_TIMEOUT", 5)
    for name in clustersecurity.TLS_ENV.values():
        monkeypatch.delenv(name, raising=False)
    other = make_certificates(tmp_path / "other", "intruder")
    reports = tmp_path / "reports"
    base = ["build", "--period", "2024-H1", "--agency", "SKHCN", "--reports", str(reports),
            "--no-progress", "--scheduler", cluster.scheduler_address, "--lang", "en"]
    code = cli.main([*base, "--tls-ca-file", str(other["ca"][0]),
                     "--tls-cert", str(other["intruder"][0]),
                     "--tls-key", str(other["intruder"][1])])
    err = capsys.readouterr().err
    assert code == 2 and "no connection" in err and "Traceback" not in err, err
    code = cli.main(base)
    err = capsys.readouterr().err
    assert code == 2 and "no certificates" in err and "--tls-ca-file" in err, err
    assert not [p for p in reports.rglob("*") if p.is_file() and not p.name.startswith(".")]


def test_a_result_built_from_other_digests_is_refused_by_name(cluster, tmp_path, monkeypatch):
    """The client checks each result's digests against its own: a result from other data is
    refused, naming the worker (as the scheduler knows it), and none of its files is written."""
    from papi_analysis.batch import shipping

    nbs, data = _project(tmp_path, tmp_path / "no-kill")
    (nbs / "02_kill.ipynb").unlink()
    (nbs / "07_crash.ipynb").unlink()
    real = shipping.expected
    monkeypatch.setattr(shipping, "expected", lambda *a: dict(real(*a), data="0" * 12))
    reports = tmp_path / "reports"
    result = runner.build("2024-H1", agencies=["SNV"], data_dir=data, reports_dir=reports,
                          notebooks_dir=nbs, progress=False, scheduler=cluster.scheduler_address,
                          tls=cluster.tls)
    assert result.exit_code == 1 and len(result.results) == 2
    for r in result.results:
        assert r.status == "failed"
        assert re.search(r"refused the result of Dask worker tls://127\.0\.0\.1:\d+", r.error)
        assert "data " in r.error and "≠ 000000000000" in r.error, r.error
        assert not r.html.exists() and not r.ipynb.exists() and r.failed is None


def test_returned_html_with_a_script_is_refused(tmp_path):
    """A worker that sends back the right digests with a <script> in its appendix (a rogue one
    can forge them) is refused all the same, by the scheduler's name for it."""
    from papi_analysis.batch import shipping

    class Future:
        key = "appendix-x"

    class Client:
        def who_has(self, fut):
            return {fut.key: ["tls://10.0.0.9:4000"]}

    want = shipping.expected("c" * 16, "d" * 12, "nb", {"agency": "HY"})
    outcomes = executors._DaskOutcomes(Client(), {}, [], {0: want})
    good = {"status": "ok", "duration": 1.0, "error": "", "digests": dict(want),
            "html_bytes": b"<html><body><p>ok</p></body></html>", "worker": "w"}
    assert outcomes._checked(Future(), 0, dict(good)) == good
    bad = outcomes._checked(Future(), 0, dict(good, html_bytes=b"<p>x</p><SCRIPT>evil()</SCRIPT>"))
    assert bad["status"] == "failed" and "html_bytes" not in bad
    assert "tls://10.0.0.9:4000 (says it is w)" in bad["error"] and "<SCRIPT" in bad["error"]
    forged = outcomes._checked(Future(), 0, dict(good, digests=dict(want, code="x")))
    assert forged["status"] == "failed" and "other code x ≠ cccc" in forged["error"]
    payload = {k: str(tmp_path / f"a.{k}") for k in ("html", "ipynb", "failed")}
    assert executors.write_outcome(payload, bad)["status"] == "failed"
    assert not list(tmp_path.iterdir())
