"""Who may talk to a build's Dask cluster, and what a worker gets: without a cluster.

* a ``tls://`` address needs this client's certificates (options, ``PAPI_ANALYSIS_TLS_*`` or
  Dask's own settings), each one readable and PEM: else one message, exit code 2;
* a plain ``tcp://`` scheduler on another machine is refused without ``--insecure-scheduler``;
* the data bundle a worker unpacks is checked against its digest, and a kernel's environment
  has none of the worker's variables that could change a figure.

The builds on a real TLS cluster are in ``test_dask_executor.py``.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from papi_analysis import cli
from papi_analysis.batch import clustersecurity, executors, shipping
from papi_analysis.errors import ParameterError

pytest.importorskip("distributed")

BUILD = ["build", "--period", "2024-H1", "--agency", "SKHCN", "--no-progress", "--lang", "en"]


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    for name in [executors.SCHEDULER_ENV, *clustersecurity.TLS_ENV.values()]:
        monkeypatch.delenv(name, raising=False)
    import copy

    import dask.config

    # no Dask TLS settings of this machine's (a copy of Dask's settings, put back afterwards)
    monkeypatch.setattr(dask.config, "config", copy.deepcopy(dask.config.config))
    dask.config.set({key: None for key in clustersecurity.DASK_CONFIG.values()})
    monkeypatch.setattr(executors, "CONNECT_TIMEOUT", 1)


def _build(tmp_path, capsys, *extra: str) -> tuple[int, str]:
    code = cli.main([*BUILD, "--reports", str(tmp_path / "reports"), *extra])
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("Error:") == 1, err
    assert not [p for p in (tmp_path / "reports").rglob("*")
                if p.is_file() and not p.name.startswith(".")]
    return code, err


def test_a_plain_scheduler_elsewhere_is_refused_unless_asked(tmp_path, capsys):
    code, err = _build(tmp_path, capsys, "--scheduler", "tcp://192.0.2.7:8786")
    assert code == 2 and "without encryption or authentication" in err
    assert "--insecure-scheduler" in err and "tls://" in err and "Security" in err
    # asked for: it tries (and here finds nothing there)
    code, err = _build(tmp_path, capsys, "--scheduler", "tcp://192.0.2.7:8786",
                       "--insecure-scheduler")
    assert code == 2 and "no connection" in err and "insecure" not in err
    # this machine's own scheduler needs no flag
    for host in ("127.0.0.1", "localhost", "[::1]"):
        assert clustersecurity.security(f"tcp://{host}:1", "tcp", host) is None
    # certificates with a plain address: say to use tls://
    code, err = _build(tmp_path, capsys, "--scheduler", "tcp://127.0.0.1:1",
                       "--tls-ca-file", "ca.pem")
    assert code == 2 and "does not use TLS" in err and "tls://127.0.0.1" in err


def test_a_tls_address_without_readable_certificates_is_one_message(tmp_path, capsys,
                                                                    monkeypatch):
    address = "tls://127.0.0.1:1"
    code, err = _build(tmp_path, capsys, "--scheduler", address)
    assert code == 2 and "no certificates" in err and "--tls-ca-file" in err
    assert "PAPI_ANALYSIS_TLS_CERT" in err
    missing = tmp_path / "nowhere" / "ca.pem"
    code, err = _build(tmp_path, capsys, "--scheduler", address, "--tls-ca-file", str(missing),
                       "--tls-cert", str(missing))
    assert code == 2 and f"{missing} (--tls-ca-file): no such file" in err
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate\n")
    code, err = _build(tmp_path, capsys, "--scheduler", address, "--tls-ca-file", str(junk),
                       "--tls-cert", str(junk))
    assert code == 2 and "cannot read the certificate" in err and str(junk) in err
    # the variables name themselves as where the file came from
    monkeypatch.setenv("PAPI_ANALYSIS_TLS_CA_FILE", str(missing))
    monkeypatch.setenv("PAPI_ANALYSIS_TLS_CERT", str(junk))
    with pytest.raises(ParameterError) as info:
        executors.choose(address)
    assert "PAPI_ANALYSIS_TLS_CA_FILE" in info.value.message("en")


def test_certificates_come_from_options_then_our_variables_then_dask(monkeypatch, tmp_path):
    import dask.config

    with dask.config.set({"distributed.comm.tls.ca-file": "/dask/ca.pem",
                          "distributed.comm.tls.client.cert": "/dask/c.pem",
                          "distributed.comm.tls.client.key": "/dask/c.key"}):
        monkeypatch.setenv("PAPI_ANALYSIS_TLS_CERT", "/env/c.pem")
        paths, where = clustersecurity.certificates({"ca": "/opt/ca.pem"})
    assert paths == {"ca": "/opt/ca.pem", "cert": "/env/c.pem", "key": "/dask/c.key"}
    assert where["ca"] == "--tls-ca-file" and where["cert"] == "PAPI_ANALYSIS_TLS_CERT"
    assert where["key"].startswith("Dask config")


def test_good_certificates_give_a_mutual_tls_security(tmp_path):
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=t", "-keyout", "k.pem", "-out", "c.pem"], cwd=tmp_path,
                   check=True, capture_output=True, timeout=60)
    c, k = str(tmp_path / "c.pem"), str(tmp_path / "k.pem")
    sec = clustersecurity.security("tls://h:1", "tls", "h", options={"ca": c, "cert": c,
                                                                      "key": k})
    assert sec.require_encryption and sec.tls_client_cert == c and sec.tls_client_key == k
    # a key that is not the certificate's: named at once, not in a handshake
    subprocess.run(["openssl", "genrsa", "-out", "other.key", "2048"], cwd=tmp_path,
                   check=True, capture_output=True, timeout=60)
    with pytest.raises(ParameterError) as info:
        clustersecurity.security("tls://h:1", "tls", "h", options={
            "ca": c, "cert": c, "key": str(tmp_path / "other.key")})
    assert "cannot read the certificate" in info.value.message("en")


def test_the_bundle_is_checked_and_the_kernel_environment_is_clean(tmp_path):
    data = tmp_path / "folder"
    (data / "submissions").mkdir(parents=True)
    (data / "submissions" / "a.csv").write_text("agency,period,indicator,value\n")
    bundle = shipping.make_bundle(data)
    assert "submissions/a.csv" in bundle["files"] and bundle["name"] == "folder"
    # no registry in the folder: the client's (the shipped one) goes with it
    assert bundle["registry"].startswith(".registry/") and bundle["registry"] in bundle["files"]
    folder = shipping.unpack(bundle, tmp_path / "w")
    copy = shipping.data_dir_of(folder, bundle)
    assert (copy / "submissions" / "a.csv").is_file()
    from papi_analysis import fingerprint

    assert fingerprint.data_fingerprint(copy) == bundle["data_fp"]
    # the package's default data folder goes too (reference files: the province list)
    home = shipping.home_dir_of(folder, bundle)
    assert home != copy and (home / "papi" / "provinces.csv").is_file()
    env = shipping.task_environment(folder, bundle)
    assert env["PAPI_ANALYSIS_DATA"] == str(home)
    assert env["PAPI_ANALYSIS_AGENCIES"].startswith(str(copy))
    tampered = dict(bundle, digest="f" * 20,
                    files=dict(bundle["files"], **{"submissions/a.csv": b"999"}))
    with pytest.raises(ValueError, match="do not match"):
        shipping.unpack(tampered, tmp_path / "w")
    escape = dict(bundle, files={"../x": b""}, home=None, cache={})
    with pytest.raises(ValueError, match="leaves the folder"):
        shipping.unpack(dict(escape, digest=shipping.bundle_digest(escape)), tmp_path / "w")
    hostile = {"PATH": "/bin", "PAPI_ANALYSIS_AGENCIES": "/evil.csv", "MPLCONFIGDIR": "/evil",
               "PAPI_ANALYSIS_DATA": "/evil"}
    assert shipping.kernel_environment(hostile) == {"PATH": "/bin"}
