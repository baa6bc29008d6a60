"""The registry with time: units valid over dates, successions, comparisons across a change.

Every number below is worked out by hand from the small tables in the tests.
"""

from __future__ import annotations

import datetime as dt
import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from papi_analysis.analysis import comparison
from papi_analysis.errors import InputFileError, ParameterError
from papi_analysis.model import agencies, schema

UNITS_HEAD = ("code,name_vi,name_en,short_vi,kind,parent,province,valid_from,valid_to,"
              "verified,source,source_url,note\n")
SUCC_HEAD = "predecessor,successor,date,kind,share,function_vi,verified,source,source_url,note\n"


def registry(tmp_path: Path, units: str, successions: str = "") -> agencies.Registry:
    folder = tmp_path / "agencies"
    folder.mkdir(exist_ok=True)
    (folder / "units.csv").write_text(UNITS_HEAD + units, encoding="utf-8")
    (folder / "successions.csv").write_text(SUCC_HEAD + successions, encoding="utf-8")
    return agencies.load(folder / "units.csv")


def tidy(rows: list[tuple]) -> pd.DataFrame:
    """(agency, period, indicator, value) → a tidy table (indicators without "tthc.")."""
    recs = [{"agency": a, "period": p, "indicator": "tthc." + i, "value": v,
             "illustrative": False, "field": "", "source_file": "x.csv", "source_row": n}
            for n, (a, p, i, v) in enumerate(rows, start=2)]
    return schema.conform(pd.DataFrame(recs))


def files(agency: str, period: str, total: int, early_on_time: int, resolved: int) -> list:
    return [(agency, period, "files_total", total),
            (agency, period, "resolved_early_on_time", early_on_time),
            (agency, period, "resolved_late", resolved - early_on_time),
            (agency, period, "resolved_total", resolved)]


def value(table: pd.DataFrame, measure: str, period: str) -> pd.Series:
    r = table[(table["measure"] == measure) & (table["period"] == period)]
    assert len(r) == 1, r
    return r.iloc[0]


# A province P with departments A and B that merge into C on 01/03/2025
MERGE_UNITS = """P,Tỉnh P,P province,Toàn tỉnh,province,,P,,,yes,src,,
A,Sở A,Dept A,Sở A,department,P,P,,2025-02-28,yes,src,,
B,Sở B,Dept B,Sở B,department,P,P,,2025-02-28,yes,src,,
C,Sở C,Dept C,Sở C,department,P,P,2025-03-01,,no,src,,
D,Sở D,Dept D,Sở D,department,P,P,,,yes,src,,
"""
MERGE_SUCC = """A,C,2025-03-01,merge,,,yes,NQ 1/2025,http://example.org,
B,C,2025-03-01,merge,,,no,NQ 1/2025,,ngày chưa kiểm chứng
"""


@pytest.fixture
def merged(tmp_path):
    return registry(tmp_path, MERGE_UNITS, MERGE_SUCC)


# -- units in time ------------------------------------------------------------------------------
def test_a_unit_reports_when_valid_on_the_periods_last_day(merged):
    assert [a.code for a in merged.departments("2024-H2")] == ["A", "B", "D"]
    # A and B end mid-period (28/02/2025): their January–February is reported by C
    assert [a.code for a in merged.departments("2025-H1")] == ["C", "D"]
    assert agencies.as_of("2025-H1").isoformat() == "2025-06-30"
    assert agencies.as_of("2024-Q1").isoformat() == "2024-03-31"
    assert agencies.as_of("2025-02").isoformat() == "2025-02-28"
    assert [a.code for a in merged.departments("2025-02")] == ["A", "B", "D"]


def test_merge_two_into_one_sums_both_and_recomputes_the_rate(merged):
    data = tidy(files("A", "2024-H1", 100, 90, 100) + files("B", "2024-H1", 300, 150, 200)
                + files("C", "2025-H1", 420, 380, 400))
    lin = comparison.Lineage(merged, "2025-H1")
    rows = comparison.select(data, "C", ["2025-H1", "2024-H1"], lineage=lin)
    table = comparison.against(rows, [comparison.FILES_TOTAL, comparison.ON_TIME], "2025-H1",
                               ["2024-H1"])
    assert value(table, "tthc.files_total", "2024-H1").value == 400  # 100 + 300
    assert value(table, "tthc.files_total", "2024-H1").change == 20
    # (90 + 150) / (100 + 200) = 80 %, not the mean of 90 % and 75 % (82.5 %)
    assert value(table, "rate.tthc_on_time", "2024-H1").value == pytest.approx(80.0)
    assert value(table, "rate.tthc_on_time", "2024-H1").change == pytest.approx(95.0 - 80.0)
    base = comparison.lineage_of(rows).bases["2024-H1"]
    assert [f.code for f in base.feeders] == ["A", "B"]
    assert [s.row for s in base.unverified] == [3]  # B → C, marked unverified


def test_a_missing_predecessor_is_shown_as_missing_not_as_a_partial_sum(merged):
    data = tidy(files("A", "2024-H1", 100, 90, 100) + files("C", "2025-H1", 420, 380, 400))
    rows = comparison.select(data, "C", ["2025-H1", "2024-H1"],
                             lineage=comparison.Lineage(merged, "2025-H1"))
    table = comparison.against(rows, [comparison.FILES_TOTAL, comparison.ON_TIME], "2025-H1",
                               ["2024-H1"])
    for m in ("tthc.files_total", "rate.tthc_on_time"):
        r = value(table, m, "2024-H1")
        assert math.isnan(r.value) and r.note == "predecessor_missing"
        assert math.isnan(value(table, m, "2024-H1").change)


def test_split_with_shares_and_without(tmp_path):
    units = """P,Tỉnh P,P,Toàn tỉnh,province,,P,,,yes,s,,
A,Sở A,A,Sở A,department,P,P,,2025-06-30,yes,s,,
B,Sở B,B,Sở B,department,P,P,2025-07-01,,yes,s,,
C,Sở C,C,Sở C,department,P,P,2025-07-01,,yes,s,,
E,Sở E,E,Sở E,department,P,P,,2025-06-30,yes,s,,
F,Sở F,F,Sở F,department,P,P,2025-07-01,,yes,s,,
G,Sở G,G,Sở G,department,P,P,2025-07-01,,yes,s,,
"""
    succ = """A,B,2025-07-01,split,0.4,,yes,s,,
A,C,2025-07-01,split,0.6,,yes,s,,
E,F,2025-07-01,split,,,yes,s,,
E,G,2025-07-01,split,,,yes,s,,
"""
    reg = registry(tmp_path, units, succ)
    data = tidy(files("A", "2025-H1", 500, 400, 500) + files("B", "2025-H2", 230, 200, 220)
                + files("E", "2025-H1", 80, 80, 80) + files("F", "2025-H2", 50, 40, 50))
    lin = comparison.Lineage(reg, "2025-H2")
    rows = comparison.select(data, "B", ["2025-H2", "2025-H1"], lineage=lin)
    table = comparison.against(rows, [comparison.FILES_TOTAL, comparison.ON_TIME], "2025-H2",
                               ["2025-H1"])
    assert value(table, "tthc.files_total", "2025-H1").value == pytest.approx(200.0)  # 0.4 × 500
    assert value(table, "rate.tthc_on_time", "2025-H1").value == pytest.approx(80.0)  # 160 / 200
    rows = comparison.select(data, "F", ["2025-H2", "2025-H1"], lineage=lin)
    table = comparison.against(rows, [comparison.FILES_TOTAL], "2025-H2", ["2025-H1"])
    r = value(table, "tthc.files_total", "2025-H1")
    assert math.isnan(r.value) and r.note == "share_unknown"


def test_rename_feeds_the_new_code_whole(tmp_path):
    reg = registry(tmp_path, """P,Tỉnh P,P,Toàn tỉnh,province,,P,,,yes,s,,
OLD,Sở Cũ,Old,Sở Cũ,department,P,P,,2025-02-28,yes,s,,
NEW,Sở Mới,New,Sở Mới,department,P,P,2025-03-01,,yes,s,,
""", "OLD,NEW,2025-03-01,rename,,,yes,QĐ 9/2025,,\n")
    base = reg.baseline("NEW", "2024-H2", "2025-H2")
    assert [(f.code, f.factor) for f in base.feeders] == [("OLD", 1.0)]
    assert reg.baseline("NEW", "2025-H1", "2025-H2").changed is False


def test_a_transfer_without_share_is_noted_not_counted(tmp_path):
    reg = registry(tmp_path, """P,Tỉnh P,P,Toàn tỉnh,province,,P,,,yes,s,,
L,Sở L,L,Sở L,department,P,P,,2025-02-28,yes,s,,
N,Sở N,N,Sở N,department,P,P,,,yes,s,,
Y,Sở Y,Y,Sở Y,department,P,P,,,yes,s,,
""", """L,N,2025-03-01,merge,,,yes,s,,
L,Y,2025-03-01,transfer,,bảo trợ xã hội,yes,s,,
""")
    y = reg.baseline("Y", "2024-H2", "2025-H2")
    assert [f.code for f in y.feeders] == ["Y"]
    assert [(s.predecessor, s.function_vi) for s in y.excluded] == [("L", "bảo trợ xã hội")]
    n = reg.baseline("N", "2024-H2", "2025-H2")
    assert [f.code for f in n.feeders] == ["N", "L"]
    assert [s.successor for s in n.feeders[1].includes] == ["Y"]


# -- the shipped Hưng Yên history ------------------------------------------------------------
def test_shipped_registry_is_consistent_and_cites_every_row():
    reg = agencies.load()
    assert reg.problems() == []
    assert reg.home == "HY"
    for a in reg.units.values():
        assert a.source, a.code
    for s in reg.successions:
        assert s.source and s.source_url, s
    assert {a.code for a in reg.departments("2024-H1")} >= {"STNMT", "SNNPTNT", "SKHCN"}
    assert "SNNMT" in {a.code for a in reg.departments("2026-H1")}
    assert len(reg.departments("2026-H1")) == 13
    assert {a.code for a in reg.departments("2025-H1", province="TB")} >= {"TB-SNNMT"}


def test_shipped_snnmt_against_2025_h1_is_the_sum_of_both_provinces_departments():
    reg = agencies.load()
    base = reg.baseline("SNNMT", "2025-H1", "2026-H1")
    assert [f.code for f in base.feeders] == ["SNNMT", "TB-SNNMT"]
    base = reg.baseline("SNNMT", "2024-H1", "2026-H1")
    assert {f.code for f in base.feeders} == {"STNMT", "SNNPTNT", "TB-STNMT", "TB-SNNPTNT"}
    assert {s.function_vi for s in base.excluded} == {"giảm nghèo"}
    assert base.unverified  # the department mergers' dates are not verified for Hưng Yên


def test_shipped_registry_cites_the_document_in_force_for_each_date():
    """Issue 20: the province merger is Nghị quyết 202/2025/QH15; units after 01/07/2025 are
    organised under Nghị định 150/2025/NĐ-CP, not Nghị định 45/2025."""
    reg = agencies.load()
    rows = [(a.code, a.source, a.source_url) for a in reg.units.values()]
    rows += [(f"{s.predecessor}->{s.successor}", s.source, s.source_url) for s in reg.successions]
    for what, source, url in rows:
        if "Quốc hội" in source:  # the province merger is cited by its number and date
            assert "Nghị quyết số 202/2025/QH15 ngày 12/06/2025" in source, what
            assert "nghi-quyet-1666nq-ubtvqh15" in url, what
        assert url.startswith("http"), what
    after = dt.date(2025, 7, 1)
    for a in reg.units.values():
        if a.parent == "HY" and a.valid_on(after) and "45/2025/NĐ-CP ngày" in a.source:
            assert "150/2025/NĐ-CP ngày 12/06/2025" in a.source, a.code
            assert "đến 30/06/2025" in a.source, a.code  # Nghị định 45 said for its own dates
    for s in reg.successions:
        if s.date >= after:
            assert "45/2025" not in s.source, s
        elif "150/2025" in s.source:
            raise AssertionError(f"{s}: Nghị định 150/2025 cited for a change before 01/07/2025")
    twelve = {"SNV", "STP", "STC", "SCT", "SNNMT", "SXD", "SKHCN", "SVHTTDL", "SGDDT", "SYT", "TTT",
              "VPUBND"}
    for code in twelve:
        assert "150/2025/NĐ-CP" in reg.units[code].source, code
    # the industrial zones board is outside Nghị định 150: its record after the merger is open
    assert not reg.units["BQLKCN"].verified and "01/07/2025" in reg.units["BQLKCN"].note


def test_the_registry_says_what_it_lacks_after_the_merger():
    """16 sở, ban, ngành published (Vietnamplus, 26/09/2025) against the registry's 13; 104
    commune-level units (93 xã, 11 phường), not reported."""
    reg = agencies.load()
    listed = reg.departments("2026-H1")
    hy = reg.units["HY"]
    assert len(listed) == 13
    assert f"16 sở, ban, ngành; sổ đăng ký có {len(listed)}" in hy.note
    assert "3 đơn vị chưa xác định" in hy.note and "Vietnamplus (26/09/2025)" in hy.note
    assert "104 đơn vị hành chính cấp xã (93 xã, 11 phường" in hy.note
    assert "post1064191.vnp" in hy.source_url
    assert not [a for a in reg.units.values() if a.kind == "commune"]  # not reported
    text = (Path(agencies.__file__).parents[2] / "data" / "agencies" / "README.md").read_text(
        encoding="utf-8")
    assert "16 sở, ban, ngành" in text and "93 xã, 11 phường" in text


def _bare(name: str, province: str) -> str:
    """A unit's name without its province ("Sở Tài chính tỉnh Thái Bình" → "so tai chinh")."""
    from papi_analysis.text import fold

    name = fold(name)
    for tail in (f" tinh {fold(province)}", f" {fold(province)}"):
        name = name.removesuffix(tail)
    return name


def test_one_rule_for_codes_holds_on_every_row():
    """A code stands for a name: a successor is either new on the change's date with a name
    none of its predecessors had, or it existed before the change (continuing, same name)."""
    reg = agencies.load()
    by_change: dict[tuple[str, dt.date], list[agencies.Succession]] = {}
    for s in reg.successions:
        if s.kind == "merge":
            by_change.setdefault((s.successor, s.date), []).append(s)
    assert by_change
    for (code, day), into in by_change.items():
        unit = reg.units[code]
        names = {_bare(reg.units[s.predecessor].name_vi, reg.units[s.predecessor].province)
                 for s in into}
        mine = _bare(unit.name_vi, unit.province)
        if unit.valid_from == day:  # a new unit: a new name
            assert mine not in names, (code, day)
        else:  # a continuing unit existed the day before
            assert unit.valid_on(day - dt.timedelta(days=1)), (code, day)
    # the four the issue names keep their codes; NN&MT is new
    for code, absorbed in (("STC", "SKHDT"), ("SXD", "SGTVT"), ("SKHCN", "STTTT"),
                           ("SNV", "SLDTBXH")):
        assert reg.units[code].valid_from is None and "giữ mã" in reg.units[code].note
        assert (code, dt.date(2025, 3, 1)) in by_change
        assert absorbed in {s.predecessor for s in by_change[(code, dt.date(2025, 3, 1))]}
    assert reg.units["SNNMT"].valid_from == dt.date(2025, 3, 1)


def test_both_cases_of_the_rule_compare_like_with_like():
    reg = agencies.load()
    # continuing unit plus absorbed predecessors
    stc = reg.baseline("STC", "2024-H1", "2026-H1")
    assert [f.code for f in stc.feeders][0] == "STC"
    assert {f.code for f in stc.feeders} == {"STC", "SKHDT", "TB-STC", "TB-SKHDT"}
    assert all(f.factor == 1.0 for f in stc.feeders)
    skhcn = reg.baseline("SKHCN", "2024-H1", "2026-H1")
    assert {f.code for f in skhcn.feeders} == {"SKHCN", "STTTT", "TB-SKHCN", "TB-STTTT"}
    press = [s for f in skhcn.feeders for s in f.includes]  # the press function left with it
    assert {s.successor for s in press} == {"SVHTTDL", "TB-SVHTTDL"}
    # before the change the code is the old unit alone
    assert [f.code for f in reg.baseline("STC", "2023-H1", "2024-H1").feeders] == ["STC"]
    # new unit, sum of predecessors: its own code is not among them
    snnmt = reg.baseline("SNNMT", "2024-H1", "2026-H1")
    assert "SNNMT" not in {f.code for f in snnmt.feeders}


def test_province_merger_against_numbers_worked_by_hand(tmp_path):
    reg = registry(tmp_path, """N,Tỉnh N,N,Toàn tỉnh,province,,N,,,yes,s,,
T,Tỉnh T,T,Thái Bình (cũ),province,,T,,2025-06-30,yes,s,,
N1,Sở 1,D1,Sở 1,department,N,N,,,yes,s,,
N2,Sở 2,D2,Sở 2,department,N,N,,,yes,s,,
T1,Sở 1 T,D1 T,Sở 1 T,department,T,T,,2025-06-30,yes,s,,
""", """T,N,2025-07-01,merge,,,yes,s,,
T1,N1,2025-07-01,merge,,,yes,s,,
""")
    data = tidy(files("N1", "2025-H1", 100, 95, 100) + files("N2", "2025-H1", 50, 40, 50)
                + files("T1", "2025-H1", 70, 56, 70)
                + files("N1", "2025-H2", 180, 171, 180) + files("N2", "2025-H2", 60, 57, 60)
                + files("N1", "2024-H2", 90, 90, 90) + files("N2", "2024-H2", 40, 40, 40))
    lin = comparison.Lineage(reg, "2025-H2")
    rows = comparison.select(data, "N", ["2025-H2", "2025-H1", "2024-H2"],
                             members=["N1", "N2"], lineage=lin)
    table = comparison.against(rows, [comparison.FILES_TOTAL, comparison.ON_TIME], "2025-H2",
                               ["2025-H1", "2024-H2"])
    assert value(table, "tthc.files_total", "2025-H2").value == 240
    assert value(table, "tthc.files_total", "2025-H1").value == 220  # 100 + 50 + 70
    # (95 + 40 + 56) / 220 = 86.82 %; 2025-H2: 228 / 240 = 95 %
    assert value(table, "rate.tthc_on_time", "2025-H1").value == pytest.approx(191 / 220 * 100)
    assert value(table, "rate.tthc_on_time", "2025-H2").value == pytest.approx(95.0)
    # 2024-H2: Thái Bình has no figures at all, so no partial sum is shown
    r = value(table, "tthc.files_total", "2024-H2")
    assert math.isnan(r.value) and r.note == "predecessor_missing"
    # the province breakdown compares N1 with N1 + T1
    bd = comparison.breakdown(data, "N", "2025-H2", [comparison.FILES_TOTAL],
                              members=["N1", "N2"], base="2025-H1", lineage=lin)
    n1 = bd[bd["key"] == "N1"].iloc[0]
    assert n1["base:tthc.files_total"] == 170 and n1["change:tthc.files_total"] == 10


# -- checks -------------------------------------------------------------------------------------
def test_registry_validator_names_each_problem(tmp_path):
    reg = registry(tmp_path, """P,Tỉnh P,P,Toàn tỉnh,province,,P,,,yes,s,,
A,Sở A,A,Sở A,department,P,P,,2025-02-28,yes,s,,
A2,Sở A,A,Sở A,department,P,P,2025-01-01,,yes,s,,
B,Sở B,B,Sở B,department,Q,P,2025-03-01,2025-01-01,yes,s,,
C,Sở C,C,Sở C,department,P,P,,,yes,s,,
""", """A,C,2026-01-01,merge,,,yes,s,,
C,B,2025-03-01,merge,1.5,,yes,s,,
B,C,2025-04-01,merge,,,yes,s,,
X,C,2025-03-01,merge,,,yes,s,,
""")
    text = " | ".join(v for _, v, _ in reg.problems())
    assert "hai mã cùng hiệu lực" in text  # A and A2 overlap in January–February 2025
    assert "sau valid_to" in text  # B's dates the wrong way round
    assert "đơn vị cha “Q”" in text
    assert "A không còn tồn tại ngày 31/12/2025" in text  # succession after A's end
    assert "share 1.5" in text
    assert "vòng lặp kế thừa" in text  # C → B → C
    assert "“X” không có trong units.csv" in text


def test_unreadable_registry_dates_and_duplicates_are_clear_errors(tmp_path):
    with pytest.raises(InputFileError, match="2025-13-01"):
        registry(tmp_path, "P,Tỉnh P,P,P,province,,P,2025-13-01,,yes,s,,\n")
    with pytest.raises(InputFileError, match="appears twice"):
        registry(tmp_path, "P,Tỉnh P,P,P,province,,P,,,yes,s,,\nP,Tỉnh P,P,P,province,,P,,,"
                           "yes,s,,\n")


def test_old_single_csv_registry_still_loads(tmp_path):
    p = tmp_path / "reg.csv"
    p.write_text("code,name_vi,name_en,short_vi,province,level\nXX,Tỉnh X,X,X,X,province\n"
                 "D1,Sở 1,D1,Sở 1,X,department\n", encoding="utf-8")
    reg = agencies.load(p)
    assert reg.home == "XX" and [a.code for a in reg.departments("2026-H1")] == ["D1"]


def test_a_unit_that_no_longer_reports_is_refused_with_its_successor():
    from papi_analysis.appendix import report

    with pytest.raises(ParameterError, match="STNMT does not report") as err:
        report.setup("2026-H1", ["previous"], "STNMT", appendix=1)
    assert "SNNMT" in err.value.hint_vi
    ctx = report.setup("2026-H1", ["previous", "same_period_last_year"], "SNNMT", appendix=1)
    assert "SNNMT" in ctx.members and "STNMT" not in ctx.members


def test_levels_of_local_government_around_1_july_2025():
    assert agencies.levels("2025-H1") == ("Cấp tỉnh", "Cấp huyện", "Cấp xã")
    assert agencies.levels("2025-H2") == ("Cấp tỉnh", "Cấp xã")
    assert agencies.spans_district_end("2025") and agencies.spans_district_end("2025-9M")
    assert not agencies.spans_district_end("2025-H2")


# -- command line -------------------------------------------------------------------------------
def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "papi_analysis.cli", *args], capture_output=True,
                          text=True, encoding="utf-8")


def test_cli_agencies_on_a_day_history_and_check(tmp_path):
    on = cli("agencies", "--on", "2026-01-01")
    assert on.returncode == 0, on.stderr
    assert "SNNMT" in on.stdout and "STNMT" not in on.stdout and "TB-SYT" not in on.stdout
    hist = cli("agencies", "--history", "SNNMT")
    assert hist.returncode == 0
    assert "STNMT hợp nhất vào SNNMT" in hist.stdout
    assert "TB-SNNMT hợp nhất vào SNNMT" in hist.stdout
    assert "CHƯA KIỂM CHỨNG" in hist.stdout and "https://" in hist.stdout
    assert cli("agencies", "--check").returncode == 0
    registry(tmp_path, "P,Tỉnh P,P,P,province,,P,,,yes,s,,\n", "P,Z,2025-01-01,merge,,,yes,s,,\n")
    bad = cli("agencies", "--check", "--data", str(tmp_path))
    assert bad.returncode == 2 and "“Z” không có trong units.csv" in bad.stdout
    wrong = cli("agencies", "--on", "31/02/2025")
    assert wrong.returncode != 0 and "Traceback" not in wrong.stderr


def test_template_uses_the_units_of_its_period(tmp_path):
    out = tmp_path / "t.xlsx"
    refused = cli("template", "tthc", "-o", str(out), "--agency", "STNMT", "--period", "2026-H1")
    assert refused.returncode != 0 and "SNNMT" in refused.stderr and not out.exists()
    ok = cli("template", "tthc", "-o", str(out), "--agency", "HY", "--period", "2026-H1")
    assert ok.returncode == 0, ok.stderr
    import openpyxl

    labels = [c.value for c in openpyxl.load_workbook(out).active["B"] if c.value]
    assert "Cấp xã" in labels and "Cấp huyện" not in labels


# -- validation across a change -----------------------------------------------------------------
def _chain_rows(carried: int) -> pd.DataFrame:
    # Sở KH&ĐT merged into Sở Tài chính on 01/03/2025, Thái Bình's on 01/07/2025
    return tidy([("STC", "2024-H2", "pending_total", 10),
                 ("SKHDT", "2024-H2", "pending_total", 20),
                 ("STC", "2025-H1", "carried_over", carried),
                 ("STC", "2025-H1", "pending_total", 5),
                 ("TB-STC", "2025-H1", "pending_total", 7),
                 ("STC", "2025-H2", "carried_over", 12),
                 # Sở NN&MT took over a function of unknown size: its chain is not checked
                 ("STNMT", "2024-H2", "pending_total", 10),
                 ("SNNMT", "2025-H1", "carried_over", 99)])


def test_the_carry_over_chain_follows_mergers():
    from papi_analysis.intake import validation

    ok = validation.validate(_chain_rows(30))
    assert not (ok["rule"] == "chain.carry_over").any(), ok[["rule", "message_vi"]]
    bad = validation.validate(_chain_rows(25))
    chain = bad[bad["rule"] == "chain.carry_over"]
    assert len(chain) == 1 and chain.iloc[0]["period"] == "2025-H1"
    assert "30" in chain.iloc[0]["message_vi"] and "tiền thân" in chain.iloc[0]["message_vi"]


def test_figures_of_a_unit_that_no_longer_exists_and_of_the_district_level_are_errors():
    from papi_analysis.intake import validation

    data = tidy([("STNMT", "2025-H2", "files_total", 10), ("SNNMT", "2025-H2", "files_total", 9),
                 ("SNNMT", "2025-H1", "files_total", 30)])
    data.loc[2, "field"] = "Cấp huyện"  # 2025-H1 still had districts: fine
    late = tidy([("SNNMT", "2025-H2", "files_total", 4)])
    late.loc[0, "field"] = "Cấp huyện"
    found = validation.validate(pd.concat([data, late], ignore_index=True))
    gone = found[found["rule"] == "unit.not_in_period"]
    assert list(gone["agency"]) == ["STNMT"] and "SNNMT" in gone.iloc[0]["message_vi"]
    district = found[found["rule"] == "level.district_ended"]
    assert list(district["period"]) == ["2025-H2"]
    assert set(found.loc[found["severity"] == "error", "rule"]) == {"unit.not_in_period",
                                                                      "level.district_ended"}


def test_papi_side_by_side_keeps_each_former_province_apart():
    from papi_analysis.analysis import papi
    from papi_analysis.appendix import report

    wide = papi.load()
    hy, tb = papi.gso_of(wide, "Hưng Yên"), papi.gso_of(wide, "thai binh")
    assert (hy, tb) == (33, 34)
    df = papi.side_by_side(wide, [hy, tb], 2024)
    assert df["year"].max() == 2024 and df["year"].min() == 2011
    row = df[df["year"] == 2021].iloc[0]
    assert row["rank_33"] == 5 and round(row["total_33"], 3) == 45.366  # published: 5/63, 45.366
    assert not any(c.startswith("total_") and c.endswith("_sum") for c in df.columns)
    # before the merger the PAPI appendix has no such section
    assert report.setup("2024-H1", [], "HY", appendix=3).papi_predecessors(wide).body == ""
    assert "Thái Bình (cũ)" in report.setup("2026-H1", [], "HY", appendix=3
                                            ).papi_predecessors(wide).body
