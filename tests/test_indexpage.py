"""The index pages: one page per period grouped by agency, the periods newest first, one
page per language."""

from __future__ import annotations

import re

import pandas as pd

from papi_analysis.batch import indexpage, manifest


def entry(nb: str, n: int, agency: str, lang: str = "vi", status: str = "ok",
          scope: str = "agency") -> dict:
    suffix = "" if lang == "vi" else f".{lang}"
    e = {"notebook": nb, "appendix": n, "agency": agency, "lang": lang, "scope": scope,
         "title_vi": f"Tiêu đề {n}", "title_en": f"Title {n}", "status": status,
         "parameters": {"period": "2024-H1", "compare": ["previous"], "lang": lang},
         "data_fingerprint": "abc123", "built_at": "2024-07-01T06:30:00",
         "html": f"{nb}/{agency}{suffix}.html", "ipynb": f"{nb}/{agency}{suffix}.ipynb",
         "error": ""}
    if status == "failed":
        e.update(error="ValueError: boom", failed_ipynb=f"{nb}/{agency}{suffix}.failed.ipynb")
    return e


def manifest_of(period: str, entries: list[dict]) -> dict:
    return {"period": period, "entries": {f"{e['notebook']}/{e['agency']}/{e['lang']}": e
                                          for e in entries}}


FACTS = {"period": "2024-H1", "order": ["HY", "SNV", "SKHCN"],
         "names": {"HY": ["Tỉnh Hưng Yên (toàn tỉnh)", "Hưng Yên province"],
                   "SNV": ["Sở Nội vụ", "Department of Home Affairs"],
                   "SKHCN": ["Sở Khoa học và Công nghệ", "Department of Science and Technology"]},
         "coverage": {"HY": "partial", "SNV": "illustrative", "SKHCN": "partial"},
         "findings": {"SNV": [2, 1]}}


def sample() -> dict:
    es = []
    for agency in ("SKHCN", "SNV", "HY"):  # manifest order is not the page's order
        for nb, n in (("01_tthc", 1), ("02_anticorruption", 2), ("04_overview", 4)):
            es.append(entry(nb, n, agency))
    es += [entry("03_papi", 3, "HY", scope="province"),
           entry("05_data_quality", 5, "HY", scope="province"),
           entry("01_tthc", 1, "SKHCN", lang="en"),
           entry("02_anticorruption", 2, "SNV", status="failed")]
    return manifest_of("2024-H1", es)


def rows(page: str) -> list[str]:
    return re.findall(r"<tr>.*?</tr>", page.split("<tbody>")[1])


def test_one_row_per_agency_in_the_builds_order_with_names():
    page = indexpage.period_page(sample(), FACTS, "vi", order=["HY", "SNV", "SKHCN"])
    found = rows(page)
    assert len(found) == 3
    assert "Tỉnh Hưng Yên (toàn tỉnh)" in found[0] and "Sở Nội vụ" in found[1]
    assert "Sở Khoa học và Công nghệ" in found[2] and "SKHCN" in found[2]
    # the overview first, then appendices 1, 2, 3, 5
    heads = re.findall(r"Phụ lục (\d)</small></th>", page)
    assert heads == ["4", "1", "2", "3", "5"]
    # province-only appendices say so on a department's row
    assert found[1].count("chỉ toàn tỉnh") == 2 and "chỉ toàn tỉnh" not in found[0]
    assert len(re.findall(r'<td [^>]*class="na"', found[1])) == 2  # hidden on a phone


def test_markers_findings_and_failures():
    page = indexpage.period_page(sample(), FACTS, "vi", order=["HY", "SNV", "SKHCN"])
    snv = rows(page)[1]
    assert "Minh họa" in snv and "2 lỗi, 1 cảnh báo" in snv
    assert "02_anticorruption/SNV.failed.ipynb" in snv and "bản tốt gần nhất" in snv
    assert "Thật, một phần" in rows(page)[2]
    assert "11 phụ lục: 10 hoàn thành, 1 lỗi" in page  # the Vietnamese ones
    assert "2 lỗi, 1 cảnh báo" in page and "1 thật một phần, 1 minh họa" in page


def test_each_language_links_its_own_appendix_first():
    vi = indexpage.period_page(sample(), FACTS, "vi")
    en = indexpage.period_page(sample(), FACTS, "en")
    assert '<html lang="vi">' in vi and '<html lang="en">' in en
    assert vi.index('"01_tthc/SKHCN.html"') < vi.index('"01_tthc/SKHCN.en.html"')
    assert "Department of Science and Technology" in en and "Partly real" in en
    assert "2 errors, 1 warning<" in en and "1 appendix: 1 OK, 0 failed" in en  # plurals
    assert 'href="index.en.html"' in vi and 'href="index.html"' in en


def test_narrow_screens_get_cards_and_print_gets_a4():
    page = indexpage.period_page(sample(), FACTS, "vi")
    assert "@media (max-width:46rem)" in page and "data-label=" in page
    assert "size:A4" in page
    assert "<script" not in page and "http" not in page


def test_files_per_language_and_the_root_newest_first(tmp_path):
    for code in ("2023-H2", "2024-H1", "2023-H1"):
        d = tmp_path / code
        d.mkdir()
        man = manifest_of(code, [entry("04_overview", 4, "HY")])
        manifest.write_json(d / "manifest.json", man)
        indexpage.write_period(d, man, "en", order=["HY"], facts={**FACTS, "period": code})
        assert (d / "index.html").is_file() and (d / "index.en.html").is_file()
        assert '<html lang="vi">' in (d / "index.html").read_text(encoding="utf-8")
    assert indexpage.write_root(tmp_path, "en") == tmp_path / "index.en.html"
    root = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in root
    links = re.findall(r'href="(\d{4}-H\d)/index.html"', root)
    assert links == ["2024-H1", "2023-H2", "2023-H1"]
    assert "1 thật một phần, 1 minh họa, 0 chưa báo cáo" in root


def test_coverage_markers():
    tidy = pd.DataFrame({
        "agency": ["A", "A", "B", "C", "C"], "period": ["2024-H1"] * 5,
        "indicator": ["tthc.x", "pet.y", "tthc.x", "tthc.x", "pet.y"],
        "illustrative": [False, False, True, False, False]})
    marks = indexpage.coverage(tidy, "2024-H1", ["HY", "A", "B", "C", "D"],
                               groups=["tthc", "pet"])
    assert marks == {"A": "real", "B": "illustrative", "C": "real", "D": "none",
                     "HY": "partial"}
    only_a = indexpage.coverage(tidy[tidy.agency == "A"], "2024-H1", ["HY", "A"],
                                groups=["tthc", "pet", "kntc"])
    assert only_a == {"A": "partial", "HY": "partial"}


# -- the build's log (cron) -------------------------------------------------------------------
class FakeResult:
    def __init__(self, statuses, findings=None, tmp=None):
        from pathlib import Path
        from types import SimpleNamespace

        base = Path(tmp or "/tmp")
        self.period, self.wall_time, self.index = "2024-H1", 3.2, base / "index.html"
        self.findings = findings
        self.results = [SimpleNamespace(appendix=1, notebook="01_tthc", agency=f"A{i}",
                                        status=s, duration=1.0, html=base / f"A{i}.html",
                                        failed=None, error="ValueError: boom" if s == "failed"
                                        else "") for i, s in enumerate(statuses)]

    def count(self, status):
        return sum(r.status == status for r in self.results)

    @property
    def exit_code(self):
        if self.count("failed"):
            return 1
        return 4 if self.findings is not None and (self.findings.severity == "error").any() \
            else 0


def findings(errors=0, warnings=0):
    rows = [("error", "SNV")] * errors + [("warning", "STP")] * warnings
    return pd.DataFrame({"severity": [r[0] for r in rows], "agency": [r[1] for r in rows],
                         "period": ["2024-H1"] * len(rows), "rule": ["x"] * len(rows),
                         "message_vi": ["m"] * len(rows), "message_en": ["m"] * len(rows),
                         "location": [""] * len(rows)})


def test_a_run_that_changed_nothing_is_two_lines():
    start = indexpage.start_line("build --period latest --all", "vi")
    assert re.match(r"== \d\d/\d\d/\d{4} \d\d:\d\d:\d\d papi-analysis .* bắt đầu: build", start)
    log = indexpage.build_log(FakeResult(["skipped"] * 3, findings(0, 2)), "vi", start=start)
    assert log.count("\n") == 0  # the start line is printed before the build; this is the end
    assert "0 đã chạy, 3 bỏ qua (không đổi), 0 lỗi; kiểm tra số liệu: 0 lỗi, 2 cảnh báo" in log


def test_the_table_only_when_something_was_built_or_failed():
    log = indexpage.build_log(FakeResult(["ok", "skipped"], findings(0, 1)), "en")
    lines = log.splitlines()
    assert "Data check of 2024-H1: 0 errors, 1 warning." in lines[0]
    assert any(re.search(r"01 01_tthc\s+A0\s+ok", x) for x in lines)
    assert lines[-1].startswith("Period 2024-H1: 1 built, 1 skipped (unchanged), 0 failed; "
                                "data check: 0 errors, 1 warning")
    assert "exit code" not in lines[-1]


def test_quiet_prints_only_failures():
    assert indexpage.build_log(FakeResult(["ok", "skipped"], findings(0, 5)), "en",
                               quiet=True, start="== start") == ""
    log = indexpage.build_log(FakeResult(["ok", "failed"]), "en", quiet=True, start="== start")
    assert log.splitlines()[0] == "== start" and "! 01_tthc/A1: ValueError: boom" in log
    assert "exit code 1 (an appendix failed)" in log and "01 01_tthc" not in log
    log = indexpage.build_log(FakeResult(["skipped"], findings(2, 0)), "vi", quiet=True)
    assert "2 lỗi" in log and "mã thoát 4" in log


def test_facts_of_a_one_agency_build_cover_every_agency():
    facts = indexpage.period_facts("2024-H1", ["HY", "SKHCN"])
    assert facts["order"][0] == "HY" and "SNV" in facts["order"] and len(facts["order"]) > 10
    assert facts["names"]["SNV"][0] == "Sở Nội vụ"
    assert facts["coverage"]["SKHCN"] == "partial"  # real, but not every indicator group
    assert facts["coverage"]["SNV"] == "illustrative" and facts["coverage"]["HY"] == "partial"


# -- each row's findings, the province's included; links to the PDFs that exist -------------
def test_the_province_row_counts_every_finding_of_the_period():
    facts = {**FACTS, "findings": {"SNV": [2, 1], "SKHCN": [1, 0], "": [0, 2]}}
    page = indexpage.period_page(sample(), facts, "vi", order=["HY", "SNV", "SKHCN"])
    hy, snv, skhcn = rows(page)
    cell = re.findall(r'data-label="Kiểm tra số liệu">(.*?)</td>', hy)[0]
    # the province's appendices hold every agency's figures: every finding of the period
    assert "3 lỗi, 3 cảnh báo" in cell and "không có" not in cell and 'class="failed"' in cell
    assert 'href="05_data_quality/HY.html"' in cell  # details in appendix 5
    assert "2 lỗi, 1 cảnh báo" in snv and "1 lỗi, 0 cảnh báo" in skhcn
    assert indexpage.row_findings(facts, "HY") == (3, 3)
    assert indexpage.row_findings(facts, "SNV") == (2, 1)
    assert indexpage.row_findings(facts, "STP") == (0, 0)
    quiet = indexpage.period_page(sample(), {**FACTS, "findings": {}}, "en")
    assert all("none" in r and "05_data_quality/HY.html" not in r.split("Data check")[-1]
               for r in rows(quiet))


def test_the_index_links_the_pdfs_that_exist_and_are_current(tmp_path):
    import os

    tmp_path = tmp_path / "2024-H1"
    man = {**sample(), "format": manifest.FORMAT}
    for e in man["entries"].values():
        html = tmp_path / e["html"]
        html.parent.mkdir(parents=True, exist_ok=True)
        html.write_text("<html></html>", encoding="utf-8")
    (tmp_path / "01_tthc" / "SKHCN.pdf").write_bytes(b"%PDF")  # current
    (tmp_path / "01_tthc" / "SKHCN.en.pdf").write_bytes(b"%PDF")  # current, English
    stale = tmp_path / "04_overview" / "HY.pdf"
    stale.write_bytes(b"%PDF")
    html = tmp_path / "04_overview" / "HY.html"
    os.utime(stale, ns=(html.stat().st_mtime_ns - 10**9,) * 2)  # older than its HTML
    assert indexpage.current_pdfs(tmp_path, man) == {"01_tthc/SKHCN.html",
                                                     "01_tthc/SKHCN.en.html"}
    indexpage.write_period(tmp_path, man, "vi", order=["HY", "SNV", "SKHCN"], facts=FACTS)
    vi = (tmp_path / "index.html").read_text(encoding="utf-8")
    en = (tmp_path / "index.en.html").read_text(encoding="utf-8")
    assert re.findall(r'href="([^"]+\.pdf)"', vi) == ["01_tthc/SKHCN.pdf"]
    assert re.findall(r'href="([^"]+\.pdf)"', en) == ["01_tthc/SKHCN.en.pdf"]
    # written again from what is on disk once the PDFs are there
    manifest.save_manifest(tmp_path.parent, man)
    os.utime(stale)  # now as new as its HTML
    indexpage.refresh_period(tmp_path, "vi")
    vi = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert sorted(re.findall(r'href="([^"]+\.pdf)"', vi)) == ["01_tthc/SKHCN.pdf",
                                                               "04_overview/HY.pdf"]
    assert "Tỉnh Hưng Yên (toàn tỉnh)" in vi  # the names and order came from index.json


# -- the pages render from templates, every value escaped -----------------------------------
HOSTILE = "<script>alert('x & \"y\"')</script>"


def hostile_manifest() -> dict:
    man = sample()
    for e in man["entries"].values():
        e.update(title_vi=HOSTILE, title_en=HOSTILE, error=HOSTILE,
                 data_fingerprint=HOSTILE, xlsx=f'{e["html"]}.xlsx?a=1&b="2"')
    odd = entry("04_overview", 4, "O'Neil & <Co>")
    man["entries"]["odd"] = odd
    return man


def test_hostile_names_come_out_escaped(tmp_path):
    """Names, titles, errors, fingerprints and paths with markup, quotes and ampersands are
    written as text by the templates (autoescaping), on every page and in both languages."""
    facts = {**FACTS, "names": {**FACTS["names"], "SNV": [HOSTILE, HOSTILE]},
             "order": [*FACTS["order"], "O'Neil & <Co>"]}
    pages = [indexpage.period_page(hostile_manifest(), facts, lang) for lang in ("vi", "en")]
    period = tmp_path / "2024-H1"
    period.mkdir()
    manifest.write_json(period / "manifest.json", {**hostile_manifest(), "format": 1})
    manifest.write_json(period / "index.json", facts)
    pages += [indexpage.root_page(tmp_path, lang) for lang in ("vi", "en")]
    pages += [indexpage.national_page(tmp_path.parent, [(tmp_path.name, HOSTILE)], lang)
              for lang in ("vi", "en")]
    escaped = "&lt;script&gt;alert(&#x27;x &amp; &quot;y&quot;&#x27;)&lt;/script&gt;"
    for page in pages:
        assert "<script" not in page and "alert('" not in page and '"y"' not in page
        assert "& " not in page.split("<style>")[0] + page.split("</style>")[1]
    vi = pages[0]
    assert vi.count(escaped) >= 3  # the name, a title attribute, the fingerprint
    assert f"<strong>{escaped}</strong>" in vi  # the agency's name, as text
    assert f'title="{escaped}"' in vi  # the error and the column titles, in attributes
    assert f"<code>{escaped}</code>" in vi  # the data fingerprint
    assert "O&#x27;Neil &amp; &lt;Co&gt;" in vi
    assert 'href="04_overview/O&#x27;Neil &amp; &lt;Co&gt;.html"' in vi
    assert '.xlsx?a=1&amp;b=&quot;2&quot;"' in vi  # a link's query stays in its attribute
    assert f"<strong>{escaped}</strong>" in pages[4]  # a province's name on the national page


def test_the_pages_markup_lives_in_templates_that_ship_and_never_rebuild_an_appendix():
    """The markup is in templates/index/ (the package data of the wheel), rendered with
    autoescaping on; editing those templates changes no appendix's key (build-only, as
    indexpage.py itself)."""
    import tomllib
    from pathlib import Path

    from papi_analysis import fingerprint
    from papi_analysis.appendix import templating

    assert templating.environment().autoescape is True
    folder = templating.TEMPLATES_DIR / "index"
    names = {p.name for p in folder.iterdir() if p.is_file()}
    assert {"page.html.j2", "period.html.j2", "root.html.j2", "national.html.j2"} <= names
    assert {f"templates/index/{n}" for n in names} <= fingerprint.BUILD_ONLY
    root = Path(__file__).resolve().parents[1]
    data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = data["tool"]["setuptools"]["package-data"]["papi_analysis"]
    assert "templates/**/*" in shipped
    source = (root / "papi_analysis" / "batch" / "indexpage.py").read_text(encoding="utf-8")
    assert not re.search(r"<(td|tr|th|span|a|p|table|html)\b", source)  # no markup left
