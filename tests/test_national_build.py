"""A national build as one queue (issue 22, 4): every province's appendices in one pool, a
province that fails its check failing alone, each province's pages its own, the workbook
written in the worker processes, and with Dask what all provinces share sent once.  The
builds are marked slow: they start kernels."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from papi_analysis import config
from papi_analysis.appendix import xlsxexport
from papi_analysis.batch import executors, runner, shipping

HEAD = ("code,name_vi,name_en,short_vi,kind,parent,province,valid_from,valid_to,verified,"
        "source,source_url,note\n")
CSV = "agency,period,indicator,value,field,illustrative,source_text,note\n"


def province(root: Path, code: str, name: str, dept: str, files_total: int) -> Path:
    """A small province folder: the province, one department, one figure for 2024-H1."""
    folder = root / code
    (folder / "agencies").mkdir(parents=True)
    (folder / "submissions").mkdir()
    shutil.copytree(config.DATA_DIR / "papi", folder / "papi")
    (folder / "agencies" / "units.csv").write_text(
        HEAD + f"{code},Tỉnh {name} (toàn tỉnh),{name} province,Toàn tỉnh,province,,{name},,,"
        f"yes,test,,\n{dept},Sở {dept} {name},Dept {dept},Sở {dept},department,{code},{name},,,"
        "yes,test,,\n", encoding="utf-8")
    (folder / "submissions" / "s.csv").write_text(
        CSV + f"{dept},2024-H1,tthc.files_total,{files_total},,True,,\n", encoding="utf-8")
    return folder


def cli(*args):
    return subprocess.run([sys.executable, "-m", "papi_analysis.cli", *args],
                          capture_output=True, text=True, encoding="utf-8")


@pytest.mark.slow
def test_a_province_failing_its_check_fails_alone_and_each_index_is_its_own(tmp_path):
    root = tmp_path / "national"
    province(root, "AA", "An A", "A1", -5)  # a negative count: a data error; first in order
    province(root, "QB", "Quảng Bình", "B7", 170)
    province(root, "QT", "Quảng Trị", "T3", 120)
    reports = tmp_path / "reports"
    done = cli("build", "--period", "2024-H1", "--all-provinces", "--all", "--notebooks", "tthc",
               "--data", str(root), "--reports", str(reports), "--no-progress", "--strict",
               "--jobs", "2")
    out = done.stdout + done.stderr
    assert done.returncode == 4 and "Traceback" not in out, out
    # the bad province: its own clear message, nothing built
    assert "Lỗi (AA): Số liệu kỳ 2024-H1 có 1 lỗi; --strict" in done.stderr, out
    assert "value.negative" in done.stdout
    assert not (reports / "AA" / "2024-H1" / "01_tthc").exists()
    # the others built, each index listing its own appendices only
    for code, dept, other in (("QB", "B7", "T3"), ("QT", "T3", "B7")):
        folder = reports / code / "2024-H1"
        assert (folder / "01_tthc" / f"{dept}.html").is_file()
        assert (folder / "01_tthc" / f"{dept}.xlsx").is_file()
        page = (folder / "index.html").read_text(encoding="utf-8")
        assert f'href="01_tthc/{dept}.html"' in page and f'href="01_tthc/{code}.html"' in page
        assert f"{other}.html" not in page and f"Sở {other}" not in page
    national = (reports / "index.html").read_text(encoding="utf-8")
    assert 'href="QB/2024-H1/index.html"' in national
    assert 'href="QT/2024-H1/index.html"' in national and "AA/2024-H1" not in national
    total = (reports / "QB" / "2024-H1" / "01_tthc" / "B7.html").read_text(encoding="utf-8")
    assert "170" in total and "Quảng Bình" in total


def _book(blob: bytes) -> dict[str, bytes]:
    """A workbook's parts, without the times openpyxl stamps in docProps/core.xml."""
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


@pytest.mark.slow
def test_the_workbook_is_written_by_the_workers_and_matches_the_export(tmp_path, monkeypatch):
    """The build's own process exports nothing (its export raises here; the forked workers
    write the workbooks), and each workbook is the one the export makes of the HTML."""
    data = province(tmp_path / "national", "QT", "Quảng Trị", "T3", 120)

    def not_here(*a, **k):
        raise AssertionError("the build's own process exported a workbook")

    monkeypatch.setattr(xlsxexport, "beside", not_here)
    result = runner.build("2024-H1", all_agencies=True, notebooks=["tthc"], data_dir=data,
                          reports_dir=tmp_path / "reports", jobs=2, progress=False)
    assert result.exit_code == 0 and len(result.results) == 2
    man = (tmp_path / "reports" / "2024-H1" / "manifest.json").read_text(encoding="utf-8")
    for r in result.results:
        xlsx = r.html.with_suffix(".xlsx")
        assert xlsx.is_file() and f'"xlsx": "01_tthc/{xlsx.name}"' in man
        again = xlsxexport.export(r.html, tmp_path / "again.xlsx", "vi")
        assert _book(xlsx.read_bytes()) == _book(again.read_bytes())


class _Future:
    def __init__(self, value):
        self.value = value

    def release(self):
        pass


class _Client:
    """What DaskExecutor.run asks of a client: scatter and submit, recorded."""

    def __init__(self):
        self.scattered, self.submitted = [], []

    def scatter(self, items, hash=False, broadcast=False):
        self.scattered += items
        return [_Future(x) for x in items]

    def submit(self, func, task, bundle, shared=None, **kw):
        self.submitted.append((task, bundle, shared))
        return _Future(None)


def _payloads(tmp_path: Path) -> list[dict]:
    out = []
    nb = config.NOTEBOOKS_DIR / "01_tthc.ipynb"
    for code, dept in (("QB", "B7"), ("QT", "T3")):
        data = province(tmp_path / "national", code, code, dept, 100)
        for agency in (code, dept):
            out.append({"input": str(nb), "lang": "vi", "data_fp": "x",
                        "html": str(tmp_path / f"{code}{agency}.html"),
                        "ipynb": "", "failed": "", "cwd": "", "title": "",
                        "parameters": {"agency": agency, "data_dir": str(data),
                                       "illustrative": True}})
    return out


def test_dask_sends_the_shared_data_once_for_all_provinces(tmp_path):
    ex = executors.DaskExecutor("tcp://127.0.0.1:1")
    ex.client = client = _Client()
    payloads = _payloads(tmp_path)
    outcomes = ex.run(payloads, engine="papi-warm", cwd="")
    shared = [x for x in client.scattered if "sources" in x]
    bundles = [x for x in client.scattered if "digest" in x]
    assert len(shared) == 1 and len(bundles) == 2  # once, then one bundle per province
    home = shared[0]["home"]
    assert home and home["files"] and list(shared[0]["sources"]) == [payloads[0]["input"]]
    for b in bundles:  # the default data folder is not in the province's bundle again
        assert set(b["home"]) == {"name", "shared"}
        whole = shipping.join(b, home)
        assert shipping.bundle_digest(whole) == whole["digest"]
    tasks = [t for t, _, _ in client.submitted]
    assert len(tasks) == 4 and all("source" not in t and t["export"] for t in tasks)
    assert len(outcomes.bundles) == 2 and sorted(outcomes.left.values()) == [2, 2]


def test_a_shared_part_that_is_not_the_named_one_is_refused(tmp_path):
    data = province(tmp_path / "national", "QT", "QT", "T3", 100)
    memo: dict = {}
    bundle = shipping.make_bundle(data, memo=memo)
    home = shipping.shared_home([bundle])
    slim = shipping.split(bundle, home)
    assert "files" not in slim["home"] and shipping.join(slim, home) == bundle
    other = dict(home, files=dict(home["files"], **{"papi/x.csv": b"1"}))
    with pytest.raises(ValueError, match="do not match their digest"):
        shipping.join(slim, other)
    with pytest.raises(ValueError):
        shipping.join(slim, None)
    # on a worker: refused before anything runs, saying why
    task = {"code": shipping_code(), "parameters": {"data_dir": str(data)}, "input": "x.ipynb",
            "engine": "papi-warm", "lang": "vi"}
    out = executors.run_on_worker(task, slim, {"sources": {"x.ipynb": "{}"}, "home": other})
    assert out["status"] == "failed" and "cannot unpack" in out["error"]
    assert "do not match their digest" in out["error"]


def shipping_code() -> str:
    from papi_analysis.batch import manifest

    return manifest.code_fingerprint()


def _workbook_with(part: str, body: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        z.writestr(part, body)
    return buf.getvalue()


def test_a_workbook_from_a_worker_with_a_formula_or_macros_is_refused(tmp_path):
    class Future:
        key = "appendix-x"

    class Client:
        def who_has(self, fut):
            return {fut.key: ["tls://10.0.0.9:4000"]}

    want = shipping.expected("c" * 16, "d" * 12, "nb", {"agency": "HY"})
    outcomes = executors._DaskOutcomes(Client(), {}, [], {0: want})
    good = {"status": "ok", "duration": 1.0, "error": "", "digests": dict(want),
            "html_bytes": b"<p>ok</p>", "worker": "w",
            "xlsx_bytes": _workbook_with("xl/worksheets/sheet1.xml",
                                         b'<worksheet><c t="s"><v>1</v></c></worksheet>')}
    assert outcomes._checked(Future(), 0, dict(good)) == good
    for part, body in (("xl/worksheets/sheet1.xml", b"<c><f>HYPERLINK(\"x\")</f></c>"),
                       ("xl/vbaProject.bin", b"macro")):
        bad = outcomes._checked(Future(), 0, dict(good, xlsx_bytes=_workbook_with(part, body)))
        assert bad["status"] == "failed" and "workbook" in bad["error"]
        assert "tls://10.0.0.9:4000" in bad["error"] and "xlsx_bytes" not in bad
    # accepted: written beside the HTML; none sent: an older workbook goes
    payload = {k: str(tmp_path / f"a.{k}") for k in ("ipynb", "failed")}
    payload["html"] = str(tmp_path / "HY.html")
    (tmp_path / "HY.xlsx").write_bytes(b"old")
    done = executors.write_outcome(payload, dict(good, ipynb_bytes=b"{}"))
    assert done["xlsx"] == str(tmp_path / "HY.xlsx")
    assert (tmp_path / "HY.xlsx").read_bytes() == good["xlsx_bytes"]
    gone = executors.write_outcome(payload, dict(good, ipynb_bytes=b"{}", xlsx_bytes=None,
                                                 xlsx_warning="Could not write HY.xlsx: x"))
    assert gone["xlsx"] == "" and not (tmp_path / "HY.xlsx").exists()
    assert gone["xlsx_warning"].startswith("Could not write")


def test_two_provinces_with_the_same_files_unpack_each_under_its_own_name(tmp_path):
    """Two province folders whose files are the same (copies) are two bundles on a worker:
    the second does not find the first's folder and miss its own data folder."""
    root = tmp_path / "national"
    province(root, "QT", "Quảng Trị", "T3", 120)
    shutil.copytree(root / "QT", root / "QX")
    a, b = shipping.make_bundle(root / "QT"), shipping.make_bundle(root / "QX")
    assert a["files"] == b["files"] and a["digest"] != b["digest"]
    scratch = tmp_path / "worker"
    for bundle, name in ((a, "QT"), (b, "QX")):
        folder = shipping.unpack(bundle, scratch)
        data = shipping.data_dir_of(folder, bundle)
        assert data.name == name and (data / "agencies" / "units.csv").is_file()
