"""The batch runner: parameter checks, incremental builds, failures, index pages, warm kernels.

Uses the tiny notebooks in ``tests/fixtures_runner/`` (copied per test into a temporary
notebooks folder) and a temporary data folder with a three-agency registry, so a build takes
a couple of seconds.  The code fingerprint is frozen: other work on the package must not
make a "nothing changed" build rebuild.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
from pathlib import Path

import pytest

from papi_analysis import cli, config
from papi_analysis.batch import indexpage, kernels, manifest, runner
from papi_analysis.errors import ParameterError

REAL_CODE_FINGERPRINT = manifest.code_fingerprint
FIXTURES = Path(__file__).resolve().parent / "fixtures_runner"
REGISTRY = ("code,name_vi,name_en,short_vi,province,level\n"
            "HY,Tỉnh Hưng Yên (toàn tỉnh),Hưng Yên province,Toàn tỉnh,Hưng Yên,province\n"
            "SNV,Sở Nội vụ,Department of Home Affairs,Sở Nội vụ,Hưng Yên,department\n"
            "01,Đơn vị số 01,Unit 01,ĐV 01,Hưng Yên,department\n")


class Env:
    """A temporary project: notebooks, data and reports folders."""

    def __init__(self, root: Path, notebooks: list[str]):
        self.nbs = root / "notebooks"
        self.data = root / "data"
        self.reports = root / "reports"
        self.nbs.mkdir()
        for stem in notebooks:
            shutil.copy(FIXTURES / f"{stem}.ipynb", self.nbs)
        (self.data / "agencies").mkdir(parents=True)
        (self.data / "agencies" / "hung_yen.csv").write_text(REGISTRY, encoding="utf-8")
        (self.data / "submissions").mkdir()
        (self.data / "submissions" / "a.txt").write_text("figures v1\n")

    def build(self, **kw) -> runner.BuildResult:
        kw.setdefault("jobs", 2)
        kw.setdefault("progress", False)
        return runner.build(kw.pop("period", "2024-H1"), data_dir=self.data,
                            reports_dir=self.reports, notebooks_dir=self.nbs, **kw)

    def period_dir(self, period: str = "2024-H1") -> Path:
        return self.reports / period


@pytest.fixture(autouse=True)
def _isolated(monkeypatch):
    monkeypatch.delenv("PAPI_ANALYSIS_AGENCIES", raising=False)
    monkeypatch.delenv("PAPI_ANALYSIS_ENGINE", raising=False)
    monkeypatch.setattr(manifest, "code_fingerprint", lambda package_dir=None: "frozen-code")


@pytest.fixture
def env(tmp_path):
    return Env(tmp_path, ["01_alpha", "02_beta"])


@pytest.fixture
def no_kernels(monkeypatch):
    """Fail the test if anything tries to execute a notebook."""
    def boom(*a, **k):
        raise AssertionError("a notebook was started")
    monkeypatch.setattr(runner, "_execute", boom)
    monkeypatch.setattr(kernels, "init_worker", boom)


def statuses(result) -> dict[str, str]:
    return {f"{r.notebook}/{r.agency}": r.status for r in result.results}


def outputs_text(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for c in nb["cells"]:
        for o in c.get("outputs", []):
            plain = o.get("data", {}).get("text/plain", "")
            out.append("".join(o.get("text", "")) + "".join(plain))
    return "\n".join(out)


# -- parameters are checked before anything runs -------------------------------------------
def test_unknown_agency_names_the_closest_code(env, no_kernels):
    with pytest.raises(ParameterError) as exc:
        env.build(agencies=["SNVV"])
    msg = exc.value.message("vi")
    assert "--agency" in msg and "SNVV" in msg and "SNV" in exc.value.hint_vi


def test_bad_period(env, no_kernels):
    with pytest.raises(ParameterError) as exc:
        env.build(period="2024-H3")
    assert "--period" in exc.value.message("en") and "2024-H3" in exc.value.message("en")


def test_unknown_notebook_name_lists_the_notebooks(env, no_kernels):
    with pytest.raises(ParameterError) as exc:
        env.build(notebooks=["alpah"])
    assert "alpah" in exc.value.message("en")
    assert "alpha" in exc.value.hint_en and "beta" in exc.value.hint_en


def test_bad_compare_and_lang(env, no_kernels):
    with pytest.raises(ParameterError) as exc:
        env.build(compare=["previous", "last-decade"], lang="fr")
    msg = exc.value.message("en")
    assert "2 parameter errors" in msg and "last-decade" in msg and "fr" in msg


def test_notebook_missing_or_extra_parameter(tmp_path, no_kernels):
    env = Env(tmp_path, ["01_alpha", "05_missing_param", "06_extra_param"])
    with pytest.raises(ParameterError) as exc:
        env.build()
    msg = exc.value.message("en")
    assert "05_missing_param does not declare the parameter “lang”" in msg
    assert "06_extra_param declares the unknown parameter “foo”" in msg
    assert "01_alpha" not in msg


def test_cli_exits_2_on_bad_input_before_any_kernel(env, no_kernels, monkeypatch, capsys):
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", env.nbs)
    rc = cli.main(["build", "--period", "2024-H1", "--agency", "XYZ", "--data", str(env.data),
                   "--reports", str(env.reports), "--lang", "en"])
    assert rc == 2
    err = capsys.readouterr().err
    assert "XYZ" in err and "Traceback" not in err
    assert not env.reports.joinpath("2024-H1").exists()


def test_notebook_names(tmp_path):
    nbs = [runner.Notebook(Path(f"{s}.ipynb"), s, int(s[:2]), "agency", "", "", "x")
           for s in ("01_tthc", "02_anticorruption", "05_data_quality")]
    problems = runner._Problems()
    got = runner.select(nbs, ["quality", "tthc", "02", "05_data_quality"], problems)
    assert [n.stem for n in got] == ["05_data_quality", "01_tthc", "02_anticorruption"]
    assert not problems.items


# -- building, incrementally ------------------------------------------------------------------
def test_build_skip_change_force(env):
    first = env.build(agencies=["01"])
    assert first.exit_code == 0
    assert statuses(first) == {"01_alpha/HY": "ok", "01_alpha/01": "ok", "02_beta/HY": "ok"}
    # codes stay strings, the province comes first, files are where they should be
    assert [r.agency for r in first.results] == ["HY", "01", "HY"]
    text = outputs_text(env.period_dir() / "01_alpha" / "01.ipynb")
    assert "agency='01' type=str" in text and "'agency': '01'" in text
    assert (env.period_dir() / "01_alpha" / "01.html").is_file()

    again = env.build(agencies=["01"])
    assert set(statuses(again).values()) == {"skipped"}

    (env.data / "submissions" / "a.txt").write_text("figures v2\n")
    changed = env.build(agencies=["01"])
    assert set(statuses(changed).values()) == {"ok"}

    forced = env.build(agencies=["01"], force=True, notebooks=["beta"])
    assert statuses(forced) == {"02_beta/HY": "ok"}


def test_a_build_with_nothing_to_do_writes_no_page_again(env, monkeypatch, tmp_path):
    env.build(agencies=["01"])
    pages = [env.period_dir() / indexpage.index_name(each) for each in indexpage.LANGS]
    made = {p: p.stat().st_mtime_ns for p in pages}

    def boom(*a, **k):
        raise AssertionError("a page of the period was made again")

    with monkeypatch.context() as m:
        m.setattr(indexpage, "period_facts", boom)
        m.setattr(runner, "write_review_pages", boom)
        again = env.build(agencies=["01"])
    assert set(statuses(again).values()) == {"skipped"}
    assert {p: p.stat().st_mtime_ns for p in pages} == made
    assert again.index == env.period_dir() / indexpage.index_name("vi")

    calls: list[str] = []
    real_facts = indexpage.period_facts
    monkeypatch.setattr(indexpage, "period_facts",
                        lambda *a, **k: calls.append("facts") or real_facts(*a, **k))
    pages[1].unlink()  # a page deleted is made again
    env.build(agencies=["01"])
    assert pages[1].is_file() and calls == ["facts"]

    (env.data / "submissions" / "a.txt").write_text("figures v2\n")  # new data
    env.build(agencies=["01"])
    assert calls == ["facts"] * 2

    other = tmp_path / "units.csv"  # another registry: the names on the pages change
    other.write_text(REGISTRY.replace("Đơn vị số 01", "Đơn vị số một"), encoding="utf-8")
    monkeypatch.setenv("PAPI_ANALYSIS_AGENCIES", str(other))
    env.build(agencies=["01"])
    assert calls == ["facts"] * 3
    assert "Đơn vị số một" in pages[0].read_text(encoding="utf-8")

    env.build(agencies=["01"], lang="en")  # the other language: its own entries and pages
    assert calls == ["facts"] * 4


def test_failed_notebook_keeps_the_last_good_html(env, capsys):
    assert env.build().exit_code == 0
    html = env.period_dir() / "01_alpha" / "HY.html"
    good = html.read_bytes()

    (env.data / "submissions" / "fail.txt").write_text("no data for this agency\n")
    result = env.build()
    assert result.exit_code == 1
    assert statuses(result) == {"01_alpha/HY": "failed", "02_beta/HY": "ok"}
    bad = result.results[0]
    assert bad.failed == env.period_dir() / "01_alpha" / "HY.failed.ipynb"
    assert "ValueError: boom: no data for this agency" in bad.error
    assert "boom" in bad.failed.read_text(encoding="utf-8")
    assert html.read_bytes() == good
    table = indexpage.summary(result, "en")
    assert "FAILED" in table and "HY.failed.ipynb" in table and "boom" in table
    page = (env.period_dir() / "index.html").read_text(encoding="utf-8")
    assert "HY.failed.ipynb" in page and "last good" not in page  # Vietnamese page
    assert "bản tốt gần nhất" in page

    # back to the data of alpha's last good build: alpha has nothing to run and its failure
    # is forgotten; beta was last built with the other data, so it runs again
    (env.data / "submissions" / "fail.txt").unlink()
    healed = env.build()
    assert statuses(healed) == {"01_alpha/HY": "skipped", "02_beta/HY": "ok"}
    assert not bad.failed.exists()


def test_index_pages_are_escaped_and_offline(env):
    nb = json.loads((env.nbs / "02_beta.ipynb").read_text(encoding="utf-8"))
    nb["metadata"]["papi_analysis"]["title_en"] = "<script>alert(1)</script> & co"
    (env.nbs / "02_beta.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    env.build(notebooks=["beta"], lang="en")
    for page in (env.period_dir() / "index.en.html", env.reports / "index.en.html",
                 env.period_dir() / "index.html", env.reports / "index.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text
        assert "http://" not in text and "https://" not in text
        assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", text)
    text = (env.period_dir() / "index.en.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in text
    assert "Status" in text and "02_beta/HY.en.html" in text  # an English build's file
    assert 'href="2024-H1/index.en.html"' in (env.reports / "index.en.html").read_text()


# -- languages side by side -------------------------------------------------------------------
def test_appendix_file_names_per_language(tmp_path):
    assert runner.appendix_files(tmp_path, "01", "vi") == (
        tmp_path / "01.html", tmp_path / "01.ipynb", tmp_path / "01.failed.ipynb")
    assert runner.appendix_files(tmp_path, "01", "en") == (
        tmp_path / "01.en.html", tmp_path / "01.en.ipynb", tmp_path / "01.en.failed.ipynb")


def test_english_build_keeps_the_vietnamese_appendices(env):
    alpha = env.period_dir() / "01_alpha"
    assert env.build().exit_code == 0
    vi_files = {p: p.read_bytes() for p in (alpha / "HY.html", alpha / "HY.ipynb")}

    en = env.build(lang="en")
    assert statuses(en) == {"01_alpha/HY": "ok", "02_beta/HY": "ok"}  # not skipped: new files
    assert en.results[0].html == alpha / "HY.en.html" and en.results[0].html.is_file()
    assert "lang=en" in outputs_text(alpha / "HY.en.ipynb")
    assert "lang=vi" in outputs_text(alpha / "HY.ipynb")
    assert {p: p.read_bytes() for p in vi_files} == vi_files  # the Vietnamese HTML unchanged
    man = json.loads((env.period_dir() / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(man["entries"]) == ["01_alpha/HY/en", "01_alpha/HY/vi", "02_beta/HY/en",
                                      "02_beta/HY/vi"]

    # each language has its own period index, linking its own appendices first and the other
    # language's beside them; an English build leaves index.html Vietnamese
    page = (env.period_dir() / "index.en.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Status" in page
    assert page.index('href="01_alpha/HY.en.html"') < page.index('href="01_alpha/HY.html"')
    assert 'href="02_beta/HY.html"' in page and 'href="02_beta/HY.en.html"' in page
    page = (env.period_dir() / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in page
    assert page.index('href="01_alpha/HY.html"') < page.index('href="01_alpha/HY.en.html"')

    # a no-change rebuild of either language skips
    assert set(statuses(env.build(lang="en")).values()) == {"skipped"}
    assert set(statuses(env.build()).values()) == {"skipped"}
    page = (env.period_dir() / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in page and 'hreflang="en"' in page
    assert 'href="01_alpha/HY.en.html"' in page
    root = (env.reports / "index.html").read_text(encoding="utf-8")
    assert 'href="2024-H1/index.html"' in root and '<html lang="vi">' in root
    root_en = (env.reports / "index.en.html").read_text(encoding="utf-8")
    assert 'href="2024-H1/index.en.html"' in root_en and '<html lang="en">' in root_en
    assert {p: p.read_bytes() for p in vi_files} == vi_files


def test_failed_english_build_is_kept_under_its_own_name(env):
    assert env.build().exit_code == 0
    alpha = env.period_dir() / "01_alpha"
    vi_html = (alpha / "HY.html").read_bytes()
    (env.data / "submissions" / "fail.txt").write_text("no data for this agency\n")
    result = env.build(lang="en", notebooks=["alpha"])
    assert statuses(result) == {"01_alpha/HY": "failed"}
    assert result.results[0].failed == alpha / "HY.en.failed.ipynb"
    assert result.results[0].failed.is_file() and not (alpha / "HY.failed.ipynb").exists()
    assert not (alpha / "HY.en.html").exists() and (alpha / "HY.html").read_bytes() == vi_html
    man = json.loads((env.period_dir() / "manifest.json").read_text(encoding="utf-8"))
    assert man["entries"]["01_alpha/HY/vi"]["status"] == "ok"
    assert man["entries"]["01_alpha/HY/en"]["failed_ipynb"] == "01_alpha/HY.en.failed.ipynb"


# -- the warm kernel ---------------------------------------------------------------------------
def test_no_state_leaks_between_notebooks(tmp_path):
    env = Env(tmp_path, ["03_leak_set", "04_leak_check"])
    result = env.build(jobs=1)
    assert statuses(result) == {"03_leak_set/HY": "ok", "04_leak_check/HY": "ok"}
    assert "clean" in outputs_text(env.period_dir() / "04_leak_check" / "HY.ipynb")
    counts = [c["execution_count"] for c in json.loads(
        (env.period_dir() / "04_leak_check" / "HY.ipynb").read_text())["cells"]]
    assert counts == [1, 2, 3]  # the counter restarts as in a fresh kernel


def test_the_leak_check_has_teeth(tmp_path, monkeypatch):
    """Without the reset, the check notebook sees the other notebook's state."""
    side = kernels._KERNEL_SIDE
    head = re.search(r"^def reset\(.*\):\n", side, re.M)
    assert head, "the kernel side has no reset() to disable"
    monkeypatch.setattr(kernels, "_KERNEL_SIDE",
                        side[:head.end()] + "    return\n" + side[head.end():])
    # the patched kernel code reaches a forked worker only: a thread another test left in
    # this process (a Dask client's loop) would make the runner spawn, and the worker import
    # the kernel code afresh, unpatched
    monkeypatch.setattr(kernels, "can_fork", lambda: True)
    env = Env(tmp_path, ["03_leak_set", "04_leak_check"])
    result = env.build(jobs=1)
    assert result.results[1].status == "failed"
    for what in ("variable", "environ", "rcParams", "pandas option", "module attribute", "cwd"):
        assert what in result.results[1].error


def test_warm_kernel_gives_the_same_notebook_as_plain_papermill(tmp_path, monkeypatch):
    warm = Env(tmp_path, ["01_alpha", "02_beta"])
    warm.build(agencies=["SNV"])
    monkeypatch.setenv("PAPI_ANALYSIS_ENGINE", "nbclient")
    plain_reports = tmp_path / "plain"
    runner.build("2024-H1", agencies=["SNV"], data_dir=warm.data, reports_dir=plain_reports,
                 notebooks_dir=warm.nbs, progress=False)

    def cells(path):
        nb = json.loads(path.read_text(encoding="utf-8"))
        return [(c["cell_type"], c["source"], c.get("execution_count"), c.get("outputs"))
                for c in nb["cells"]], nb["metadata"]["language_info"]

    for rel in ("01_alpha/SNV.ipynb", "01_alpha/HY.ipynb", "02_beta/HY.ipynb"):
        assert cells(warm.period_dir() / rel) == cells(plain_reports / "2024-H1" / rel), rel
    beta = (warm.period_dir() / "02_beta" / "HY.ipynb").read_text()
    assert "image/png" in beta and "text/html" in beta  # a chart and a table were compared


def test_a_dead_kernel_fails_one_appendix_only(tmp_path):
    env = Env(tmp_path, ["02_beta", "07_crash"])
    result = env.build(jobs=1)
    assert statuses(result) == {"02_beta/HY": "ok", "07_crash/HY": "failed"}
    assert "Dead" in result.results[1].error or "died" in result.results[1].error
    partial = json.loads(result.results[1].failed.read_text())  # as far as it ran
    assert partial["metadata"]["papermill"]["exception"] is True
    assert "os._exit" in "".join(partial["cells"][-1]["source"])
    again = env.build(jobs=1, force=True, notebooks=["crash", "beta"])
    assert statuses(again) == {"02_beta/HY": "ok", "07_crash/HY": "failed"}


# -- the command line, latest, manifests ------------------------------------------------------
def test_main_prints_the_summary(env, capsys, monkeypatch):
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", env.nbs)
    args = argparse.Namespace(period="2024-H1", compare=None, agency=["snv"], all=False,
                              notebooks=["alpha"], jobs=1, force=False, data=str(env.data),
                              reports=str(env.reports), no_progress=True, lang="en",
                              debug=False)
    assert runner.main(args) == 0
    out = capsys.readouterr().out
    assert re.search(r"01 01_alpha\s+SNV\s+ok", out) and "Index:" in out
    assert runner.main(args) == 0
    assert "2 skipped" in capsys.readouterr().out


def test_latest_is_the_most_recent_period_in_the_data(env, monkeypatch):
    import pandas as pd

    from papi_analysis.intake import datasets

    calls = []

    def load(data_dir=None, illustrative=True):
        calls.append(data_dir)
        return pd.DataFrame({"period": ["2023-H2", "2024-06", "2024-H1", "2024-Q1"]})

    monkeypatch.setattr(datasets, "load", load)
    cache = manifest.Cache(env.reports)
    assert runner.latest_period(env.data, "fp1", cache).code == "2024-H1"
    assert runner.latest_period(env.data, "fp1", cache).code == "2024-H1"
    assert len(calls) == 1  # remembered for the same data fingerprint


def test_code_fingerprint_follows_file_contents(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "appendix").mkdir(parents=True)
    (pkg / "batch").mkdir()
    (pkg / "appendix" / "charts.py").write_text("A = 1\n")
    (pkg / "batch" / "indexpage.py").write_text("B = 1\n")
    before = REAL_CODE_FINGERPRINT(pkg)
    (pkg / "batch" / "indexpage.py").write_text("B = 2\n")  # build-only: no appendix changes
    assert REAL_CODE_FINGERPRINT(pkg) == before
    (pkg / "appendix" / "charts.py").write_text("A = 2\n")
    edited = REAL_CODE_FINGERPRINT(pkg)
    assert edited != before
    (pkg / "batch" / "runner.py").write_text("C = 1\n")  # the runner writes the title
    assert REAL_CODE_FINGERPRINT(pkg) != edited


def test_atomic_write_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "x" / "a.html"
    manifest.atomic_write(target, "one")
    manifest.atomic_write(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["a.html"]


def test_findings_summary_names_agencies_errors_warnings_and_the_exit_code():
    from papi_analysis.batch import indexpage
    from papi_analysis.intake import findings as fnd

    f = fnd.frame([
        fnd.finding("error", "tthc.resolved_split", "(7) ≠ (8)+(9)+(10)", "(7) ≠ (8)+(9)+(10)",
                    agency="SKHCN", period="2024-H2", where="a.xlsx › TTHC › dòng/row 12"),
        fnd.finding("warning", "chain.carry_over", "chuỗi", "chain", agency="STP",
                    period="2024-H2")])
    vi = indexpage.findings_summary(f, "vi")
    assert vi.splitlines()[0] == "Kiểm tra số liệu kỳ 2024-H2: 1 lỗi, 1 cảnh báo."
    assert "  SKHCN: 1 lỗi, 0 cảnh báo" in vi and "  STP: 0 lỗi, 1 cảnh báo" in vi
    assert "LỖI tthc.resolved_split: (7) ≠ (8)+(9)+(10) [a.xlsx › TTHC › dòng/row 12]" in vi
    assert "CẢNH BÁO chain.carry_over: chuỗi" in vi and "mã 4" in vi
    en = indexpage.findings_summary(fnd.frame(), "en", period="2024-H2")
    assert en == "Data check of 2024-H2: 0 errors, 0 warnings."
