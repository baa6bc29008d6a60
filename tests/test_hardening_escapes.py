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

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from papi_analysis import caches, cli, config, fingerprint
from papi_analysis.batch import buildcheck, manifest, runner
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
def test_jobs_are_capped_at_the_cpus_with_a_message(tmp_path, monkeypatch, caplog):
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
    err = caplog.text  # a warning: on stderr under the command line
    assert f"--jobs 10000 nhiều hơn số lõi CPU ({buildcheck.cpu_count()})" in err


# -- 5. a build killed with kill -9 leaves no lock behind -----------------------------------------
REGISTRY = ("code,name_vi,name_en,short_vi,province,level\n"
            "HY,Tỉnh Hưng Yên (toàn tỉnh),Hưng Yên province,Toàn tỉnh,Hưng Yên,province\n"
            "SNV,Sở Nội vụ,Department of Home Affairs,Sở Nội vụ,Hưng Yên,department\n")

_BUILD = """
import sys
from papi_analysis.batch import runner
r = runner.build("2024-H1", jobs=1, data_dir=sys.argv[1], reports_dir=sys.argv[2],
                 notebooks_dir=sys.argv[3], progress=False, force=True)
print("built", [x.status for x in r.results])
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return True


def _sleeping_notebook(folder: Path, marker: Path) -> None:
    nb = json.loads((FIXTURES / "01_alpha.ipynb").read_text(encoding="utf-8"))
    nb["cells"].append({"cell_type": "code", "metadata": {}, "outputs": [],
                        "execution_count": None, "source": textwrap.dedent(f"""\
        import os, pathlib, time
        pathlib.Path({str(marker)!r}).write_text(f"{{os.getpid()}} {{os.getppid()}}")
        time.sleep(120)""")})
    folder.mkdir()
    (folder / "01_alpha.ipynb").write_text(json.dumps(nb), encoding="utf-8")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX only")
def test_a_killed_build_leaves_no_lock_and_no_worker(tmp_path):
    data = tmp_path / "data"
    (data / "agencies").mkdir(parents=True)
    (data / "agencies" / "hung_yen.csv").write_text(REGISTRY, encoding="utf-8")
    (data / "submissions").mkdir()
    reports, marker = tmp_path / "reports", tmp_path / "running"
    _sleeping_notebook(tmp_path / "slow", marker)
    quick = tmp_path / "quick"
    quick.mkdir()
    shutil.copy(FIXTURES / "01_alpha.ipynb", quick)
    env = dict(os.environ, PAPI_ANALYSIS_CACHE=str(tmp_path / "cache"))
    first = subprocess.Popen([sys.executable, "-c", _BUILD, str(data), str(reports),
                              str(tmp_path / "slow")], env=env, cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert marker.exists(), first.communicate(timeout=5)
        kernel, worker = map(int, marker.read_text().split())
        first.send_signal(signal.SIGKILL)  # kill -9: no finally, no atexit
        first.wait(timeout=10)
        deadline = time.monotonic() + 15
        while (_alive(worker) or _alive(kernel)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _alive(worker), "the worker outlived its build"
        assert not _alive(kernel), "the kernel outlived its worker"
        again = subprocess.run([sys.executable, "-c", _BUILD, str(data), str(reports),
                                str(quick)], env=env, cwd=ROOT, capture_output=True,
                               text=True, timeout=90)
        assert again.returncode == 0, again.stderr
        assert "built ['ok']" in again.stdout
        assert "Đang chờ" not in again.stderr  # nobody held the lock
    finally:
        if first.poll() is None:
            first.kill()
        for pid in (locals().get("worker"), locals().get("kernel")):
            if pid and _alive(pid):
                os.kill(pid, signal.SIGKILL)


_HOLD_AND_DIE = """
import os, sys, time
from pathlib import Path
from papi_analysis.batch import manifest
with manifest.period_lock(Path(sys.argv[1])):
    if os.fork() == 0:  # a worker: lives on after its build
        time.sleep(30)
        os._exit(0)
    os._exit(0)  # the build dies holding the lock: no unlock, no finally
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX only")
def test_a_lock_dies_with_its_owner_not_with_its_children(tmp_path):
    period = tmp_path / "2024-H1"
    subprocess.run([sys.executable, "-c", _HOLD_AND_DIE, str(period)], cwd=ROOT, timeout=30,
                   check=True)  # returns once the build is gone; its child still sleeps
    t0 = time.monotonic()  # (the child may still hold it for the instant before its fork
    with manifest.period_lock(period):  # hook closes it: so a short wait, not none)
        pass
    assert time.monotonic() - t0 < 5  # not the 30 s the orphan sleeps


# -- 2. -o never overwrites an input, nor an existing file without --force ----------------------
def _one_submission(tmp_path: Path) -> Path:
    """A form workbook in ``tmp_path/submissions`` (a template with its agency and period)."""
    from papi_analysis.intake import submissions

    path = tmp_path / "submissions" / "bieu_SKHCN_2024-H1.xlsx"
    return submissions.write_template("tthc", path, agency="SKHCN", period="2024-H1")


def test_template_refuses_an_existing_submission_without_force(tmp_path, capsys):
    sub = _one_submission(tmp_path)
    before = sub.read_bytes()
    assert cli.main(["template", "tthc", "-o", str(sub)]) == 2
    err = capsys.readouterr().err
    assert "đã có; không ghi đè" in err and "--force" in err and "Traceback" not in err
    assert sub.read_bytes() == before
    assert cli.main(["template", "tthc", "-o", str(sub), "--force"]) == 0
    assert sub.read_bytes() != before


def test_validate_never_writes_its_findings_over_a_file_it_reads(tmp_path, capsys):
    sub = _one_submission(tmp_path)
    csv = sub.parent / "old.csv"
    csv.write_text("agency,period\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in (sub, csv)}
    for target, args in ((sub, [str(sub)]), (csv, [str(sub.parent)])):
        assert cli.main(["validate", *args, "--tidy", str(target), "--force", "--lang",
                         "en"]) == 2
        err = capsys.readouterr().err
        assert "is an input of this command" in err, err
    assert {p: p.read_bytes() for p in (sub, csv)} == before
    # a new file, or an existing one outside the inputs with --force, is written
    other = tmp_path / "findings.csv"
    assert cli.main(["validate", str(sub), "-o", str(other)]) in (0, 1, 2)
    assert other.is_file()
    assert cli.main(["validate", str(sub), "-o", str(other)]) == 2
    assert "đã có" in capsys.readouterr().err
    assert cli.main(["validate", str(sub), "-o", str(other), "--force"]) in (0, 1, 2)


def test_extract_refuses_its_own_report_and_side_tables(tmp_path, capsys):
    report = tmp_path / "bao_cao.txt"
    report.write_text("SỞ KHOA HỌC VÀ CÔNG NGHỆ\nBáo cáo 6 tháng đầu năm 2024\n"
                      "Tiếp nhận 120 hồ sơ.\n", encoding="utf-8")
    before = report.read_bytes()
    assert cli.main(["extract", str(report), "-o", str(report), "--force"]) == 2
    assert "đầu vào" in capsys.readouterr().err
    assert report.read_bytes() == before
    side = tmp_path / "out.findings.csv"
    side.write_text("keep me", encoding="utf-8")
    assert cli.main(["extract", str(report), "-o", str(tmp_path / "out.csv")]) == 2
    assert "out.findings.csv" in capsys.readouterr().err
    assert side.read_text(encoding="utf-8") == "keep me"


# -- 12. every cache key covers all the code that can change its content ------------------------
def _copy_package(tmp_path: Path) -> Path:
    pkg = tmp_path / "pkg" / "papi_analysis"
    shutil.copytree(fingerprint.PACKAGE_DIR, pkg,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return pkg


def test_an_edit_to_any_content_module_changes_every_key(tmp_path, monkeypatch):
    from papi_analysis.intake import datasets, reports

    pkg = _copy_package(tmp_path)
    data = data_folder(tmp_path)
    monkeypatch.setattr(fingerprint, "PACKAGE_DIR", pkg)

    def keys():
        fingerprint._code_digest.cache_clear()
        return (datasets.cache_key(data), reports._code_digest(),
                manifest.code_fingerprint(pkg))

    base = keys()
    files = sorted(p for p in pkg.rglob("*") if p.is_file())
    assert any(p.name == "text.py" for p in files) and len(files) > 40
    for f in files:
        rel = f.relative_to(pkg).as_posix()
        old = f.read_bytes()
        f.write_bytes(old + b"\n# an edit\n")
        try:
            edited = keys()
        finally:
            f.write_bytes(old)
        if rel in fingerprint.BUILD_ONLY:
            assert edited == base, rel
        else:
            assert all(e != b for e, b in zip(edited, base, strict=True)), rel
    assert keys() == base


def _imports(path: Path, module: str) -> set[str]:
    """The package modules ``path`` (dotted ``module``) imports, as paths like ``batch/x.py``."""
    import ast

    pkg_parts = module.split(".")[:-1] if not path.name == "__init__.py" else module.split(".")
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom):
            base = (pkg_parts[:len(pkg_parts) - node.level + 1] if node.level
                    else []) + (node.module.split(".") if node.module else [])
            names = [base] + [base + [a.name] for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name.split(".") for a in node.names]
        for parts in names:
            if parts and parts[0] == "papi_analysis" and len(parts) > 1:
                out.add("/".join(parts[1:]) + ".py")
    return out


def test_what_makes_an_appendix_never_imports_a_build_only_module():
    """The code notebooks import (everything outside ``batch/`` and ``cli``) and the worker's
    (``kernels``, ``rendering``), with all they import in turn, holds no build-only module:
    so editing one cannot change an appendix or a cached table.  The runner and its checks
    import them, but are not build-only themselves (they shape titles and parameters)."""
    pkg = fingerprint.PACKAGE_DIR
    todo = [p.relative_to(pkg).as_posix() for p in pkg.rglob("*.py")]
    todo = [r for r in todo if not r.startswith("batch/") and r != "cli.py"]
    todo += ["batch/kernels.py", "batch/rendering.py"]
    seen: dict[str, str] = {}
    while todo:
        rel = todo.pop()
        path = pkg / rel
        if not path.is_file():
            path = pkg / rel[:-3] / "__init__.py"  # a sub-package
            if not path.is_file():
                continue  # a name imported from a module, not a module
        module = "papi_analysis." + rel[:-3].replace("/", ".")
        for dep in _imports(path, module):
            if dep not in seen:
                seen[dep] = rel
                todo.append(dep)
    bad = {d: seen[d] for d in fingerprint.BUILD_ONLY if d in seen}
    assert not bad, f"imported by content code (module: by whom): {bad}"


# -- 13, 14. a cached file that does not verify is recomputed, never trusted -------------------
def _tidy_data(tmp_path: Path, rows: list[str]) -> Path:
    data = data_folder(tmp_path)
    (data / "submissions" / "skhcn.csv").write_text(
        "agency,period,indicator,value,field,illustrative\n" + "\n".join(rows) + "\n",
        encoding="utf-8")
    return data


def test_another_parquet_at_the_tidy_cache_path_is_not_read(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from papi_analysis.intake import datasets, memo

    data = _tidy_data(tmp_path, ["SKHCN,2024-H1,tthc.files_total,281,,False"])
    first = datasets.load(data)
    assert first["value"].tolist() == [281]
    path = caches.path("tidy", datasets.cache_key(data), ".parquet")
    assert path.is_file()
    assert datasets.load(data)["value"].tolist() == [281]  # a hit (this process's memo)
    other = first.assign(value=12.345)
    other.to_parquet(path, index=False)  # a valid Parquet file of other data
    assert datasets.load(data)["value"].tolist() == [281]  # the memo is keyed by content
    memo.clear()  # another process: only the file on disk
    assert datasets.load(data)["value"].tolist() == [281]
    # the same, keeping our metadata (key and digest) but not the values they vouch for
    meta = pq.read_table(path).schema.metadata  # rewritten by the load above: ours again
    table = pa.Table.from_pandas(other, preserve_index=False)
    pq.write_table(table.replace_schema_metadata(meta), path)
    memo.clear()
    assert datasets.load(data)["value"].tolist() == [281]
    assert caches.get_frame("tidy", datasets.cache_key(data)) is not None  # rewritten, good


def test_an_emptied_findings_cache_is_checked_again(tmp_path):
    import json as json_

    from papi_analysis.intake import validation

    data = _tidy_data(tmp_path, ["SKHCN,2024-H1,tthc.files_total,281,,False",
                                 "SKHCN,2024-H1,tthc.carried_over,abc,,False"])
    errors = lambda f: int((f["severity"] == "error").sum())  # noqa: E731
    n = errors(validation.check_data(data))
    assert n >= 1
    files = list((config.CACHE_DIR / "findings").iterdir())
    assert files
    for f in files:  # emptied: only the header (a table) or no rows (a document)
        if f.suffix == ".csv":
            f.write_text(",".join(f.read_text(encoding="utf-8").splitlines()[0:1]) + "\n")
        else:
            doc = json_.loads(f.read_text(encoding="utf-8"))
            doc["value"] = []
            f.write_text(json_.dumps(doc), encoding="utf-8")
    assert errors(validation.check_data(data)) == n
    for f in (config.CACHE_DIR / "findings").iterdir():
        f.write_text("", encoding="utf-8")  # a zero-byte file
    assert errors(validation.check_data(data)) == n


def test_a_cached_value_under_another_key_is_not_read():
    caches.put_json("findings", "k1", [{"a": 1}])
    src, dst = caches.path("findings", "k1", ".json"), caches.path("findings", "k2", ".json")
    dst.write_bytes(src.read_bytes())
    assert caches.get_json("findings", "k2") is None and not dst.exists()
    assert caches.get_json("findings", "k1") == [{"a": 1}]


# -- 18. caches are bounded, and cache prune empties them ----------------------------------------
def test_each_cache_kind_keeps_its_newest_files_and_drops_old_ones(monkeypatch):
    monkeypatch.setitem(caches.KINDS, "findings", 5)
    monkeypatch.setattr(caches, "BOUND_EVERY", 0)  # bound after every write
    now = time.time()
    for i in range(9):
        caches.put_json("findings", f"k{i}", [i])
        os.utime(caches.path("findings", f"k{i}", ".json"), (now - 100 + i, now - 100 + i))
    caches.bound("findings")
    left = sorted(p.stem for p in caches.folder("findings").iterdir())
    assert left == ["k4", "k5", "k6", "k7", "k8"]
    old = caches.path("findings", "k4", ".json")
    os.utime(old, (now - 31 * 86400,) * 2)  # not used for 31 days
    tmp = caches.folder("findings") / ".k9.x.tmp.json"
    tmp.write_text("half")
    os.utime(tmp, (now - 7200,) * 2)  # left by a killed process
    caches.put_json("findings", "k9", [9])
    left = sorted(p.name for p in caches.folder("findings").iterdir())
    assert left == ["k5.json", "k6.json", "k7.json", "k8.json", "k9.json"]


def test_writes_bound_their_kind_at_most_every_few_seconds(monkeypatch):
    monkeypatch.setitem(caches.KINDS, "prose", 2)
    monkeypatch.setattr(caches, "_bounded", {})
    for i in range(4):
        caches.put_json("prose", f"k{i}", i)
    assert len(list(caches.folder("prose").iterdir())) == 4  # bounded at the first write only
    assert len(caches.bound("prose")) == 2


def test_a_cache_hit_counts_as_a_use():
    caches.put_json("prose", "a", 1)
    p = caches.path("prose", "a", ".json")
    os.utime(p, (time.time() - 40 * 86400,) * 2)
    assert caches.get_json("prose", "a") == 1
    assert not caches.bound("prose")


def test_cache_command_shows_and_prunes(capsys):
    caches.put_json("findings", "k", [1])
    caches.put_json("prose", "p", {"x": 1})
    assert cli.main(["cache", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert str(config.CACHE_DIR) in out and "findings" in out and "keeps at most 32" in out
    assert cli.main(["cache", "prune"]) == 0  # nothing old: nothing removed
    assert "Đã xóa 0 tệp" in capsys.readouterr().out
    assert cli.main(["cache", "prune", "--all"]) == 0
    assert "Đã xóa 2 tệp" in capsys.readouterr().out
    assert not list(config.CACHE_DIR.rglob("*.json"))
