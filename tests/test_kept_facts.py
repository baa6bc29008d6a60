"""Facts a warm kernel keeps from one appendix to the next (caches.kept): file digests and the
last period of the data.  Each is found again after the kernel's reset (which drops every
``papi_analysis`` module), and computed again when what it depends on changes."""

from __future__ import annotations

import hashlib
import importlib
import os
import subprocess
import sys
import time

import pytest

from papi_analysis import caches, config
from papi_analysis.intake import memo

CSV = ("agency,period,indicator,value\n"
       "SKHCN,2024-H1,tthc.files_total,281\n"
       "SKHCN,2024-H1,tthc.resolved_total,270\n")


def purge_package() -> None:
    """What the warm kernel does before each notebook."""
    for name in list(sys.modules):
        if name == "papi_analysis" or name.startswith("papi_analysis."):
            del sys.modules[name]


@pytest.fixture
def fresh_package(monkeypatch):
    """Import ``papi_analysis`` modules afresh inside the test, as the next notebook of a warm
    kernel does; the test session's modules are put back afterwards."""
    saved = dict(sys.modules)

    def again(name: str):
        purge_package()
        mod = importlib.import_module(name)
        importlib.import_module("papi_analysis.config").CACHE_DIR = config.CACHE_DIR
        return mod

    yield again
    purge_package()
    sys.modules.update(saved)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path / "cache")
    memo.clear()
    data = tmp_path / "data"
    (data / "submissions").mkdir(parents=True)
    write_old(data / "submissions" / "skhcn.csv", CSV)
    yield data
    memo.clear()


def write_old(path, text: str) -> None:
    """Write ``text`` with a modification time a minute ago (a file changed in the last two
    seconds is always hashed again, kept or not)."""
    path.write_text(text, encoding="utf-8")
    then = time.time() - 60
    os.utime(path, (then, then))


def test_a_file_digest_is_kept_across_the_kernels_reset(tmp_path, fresh_package, monkeypatch):
    from papi_analysis import fingerprint

    f = tmp_path / "a.csv"
    write_old(f, "x,y\n1,2\n")
    first = fingerprint.file_digest(f)
    assert first == hashlib.sha256(b"x,y\n1,2\n").hexdigest()
    fresh = fresh_package("papi_analysis.fingerprint")
    assert fresh is not fingerprint

    def no_hash(*a, **k):
        raise AssertionError("hashed again: the digest was not kept")

    monkeypatch.setattr(fresh, "_digest", no_hash)
    assert fresh.file_digest(f) == first


def test_an_edited_file_is_hashed_again(tmp_path, fresh_package):
    from papi_analysis import fingerprint

    f = tmp_path / "a.csv"
    write_old(f, "x,y\n1,2\n")
    assert fingerprint.file_digest(f) == hashlib.sha256(b"x,y\n1,2\n").hexdigest()
    fresh = fresh_package("papi_analysis.fingerprint")
    write_old(f, "x,y\n1,22\n")  # another size and time
    assert fresh.file_digest(f) == hashlib.sha256(b"x,y\n1,22\n").hexdigest()
    f.write_text("x,y\n1,3\n", encoding="utf-8")  # same size, just now: never from memory
    assert fresh.file_digest(f) == hashlib.sha256(b"x,y\n1,3\n").hexdigest()


def test_the_kept_store_outlives_the_package(fresh_package):
    caches.kept("test_store")["k"] = "v"
    fresh = fresh_package("papi_analysis.caches")
    assert fresh is not caches
    assert fresh.kept("test_store") == {"k": "v"}
    del fresh.kept("test_store")["k"]


def test_the_last_data_period_is_kept_for_the_next_appendix(folder, fresh_package,
                                                           monkeypatch):
    from papi_analysis.appendix import nbparams

    assert nbparams.last_data_period(str(folder), False).code == "2024-H1"
    fresh = fresh_package("papi_analysis.appendix.nbparams")
    datasets = importlib.import_module("papi_analysis.intake.datasets")

    def no_table(*a, **k):
        raise AssertionError("the table was loaded again to find its periods")

    monkeypatch.setattr(datasets, "load", no_table)
    assert fresh.last_data_period(str(folder), False).code == "2024-H1"


def test_new_data_give_another_last_period(folder, fresh_package):
    from papi_analysis.appendix import nbparams

    assert nbparams.last_data_period(str(folder), False).code == "2024-H1"
    fresh = fresh_package("papi_analysis.appendix.nbparams")
    write_old(folder / "submissions" / "skhcn.csv",
              CSV + "SKHCN,2024-H2,tthc.files_total,300\n")
    assert fresh.last_data_period(str(folder), False).code == "2024-H2"
    write_old(folder / "submissions" / "skhcn.csv", CSV.replace("281", "282"))
    assert fresh.last_data_period(str(folder), False).code == "2024-H1"


def test_an_empty_data_folder_has_no_last_period_again(folder, fresh_package):
    from papi_analysis.appendix import nbparams

    (folder / "submissions" / "skhcn.csv").unlink()
    assert nbparams.last_data_period(str(folder), False) is None
    fresh = fresh_package("papi_analysis.appendix.nbparams")
    assert fresh.last_data_period(str(folder), False) is None


def test_a_worker_renders_pages_without_importing_matplotlib():
    """The renderer needs the banner's texts, not the notebooks' chart code: a worker that
    imports it does not import matplotlib (0.6 s of CPU each)."""
    code = ("import sys; import papi_analysis.batch.rendering; "
            "print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=str(config.ROOT))
    assert out.stdout.strip() == "False"
