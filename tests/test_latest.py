"""``latest`` means the latest real data: illustrative rows do not count, future periods are
skipped, stale data and an illustrative-only folder are said out loud (stderr, vi then en).

Each test writes a small data folder (real submissions in ``submissions/``, a small
illustrative panel in ``illustrative/``, the shipped agency registry and PAPI tables) and
fixes "today" (29/11/2026 unless a test says otherwise).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from papi_analysis import cli, config
from papi_analysis.batch import buildcheck, manifest
from papi_analysis.errors import ParameterError
from papi_analysis.model import periods

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures_runner"
TODAY = dt.date(2026, 11, 29)
HEADER = "agency,period,indicator,value,field,illustrative,source_text\n"
PANEL = ("2024-H1", "2024-H2")  # like the shipped panel, which ends in 2024-H2


def make_data(root: Path, real: tuple[str, ...] = (), panel: tuple[str, ...] = PANEL) -> Path:
    """A data folder whose real submissions hold ``real`` and whose panel holds ``panel``."""
    data = root / "data"
    for sub in ("submissions", "illustrative", "agencies", "papi"):
        (data / sub).mkdir(parents=True)
    for src in (SHIPPED / "agencies").glob("*.csv"):
        shutil.copy(src, data / "agencies")
    for src in (SHIPPED / "papi").glob("*.csv"):
        shutil.copy(src, data / "papi")
    if real:
        rows = "".join(f"SKHCN,{p},proc.total,58,,False,\nSKHCN,{p},tthc.files_total,281,,False,\n"
                       for p in real)
        (data / "submissions" / "skhcn.csv").write_text(HEADER + rows, encoding="utf-8")
    if panel:
        rows = "".join(f"{a},{p},proc.total,40,,True,\n" for p in panel for a in ("STC", "SKHCN"))
        (data / "illustrative" / "panel_illustrative.csv").write_text(HEADER + rows,
                                                                      encoding="utf-8")
    return data


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """Today is 29/11/2026 for every test (the clock is read in one place only)."""
    monkeypatch.setattr(periods, "current_date", lambda: TODAY)
    monkeypatch.delenv("PAPI_ANALYSIS_AGENCIES", raising=False)


def choose(data: Path, tmp_path: Path, **kw) -> buildcheck.Latest:
    cache = manifest.Cache(tmp_path / "reports")
    return buildcheck.choose_latest(data, "fp", cache, **kw)


def text_of(choice: buildcheck.Latest) -> tuple[str, str]:
    """All warnings of ``choice``, Vietnamese and English."""
    ws = choice.warnings()
    return "\n".join(vi for vi, _ in ws), "\n".join(en for _, en in ws)


# -- the calendar ---------------------------------------------------------------------------
@pytest.mark.parametrize(("kind", "code"), [("H", "2026-H1"), ("Q", "2026-Q3"), ("M", "2026-11"),
                                            ("9M", "2026-9M"), ("Y", "2025")])
def test_last_completed_by_the_15th_to_14th_cut_off(kind, code):
    assert periods.last_completed(kind, TODAY).code == code


def test_a_period_is_completed_once_its_cut_off_day_has_passed():
    assert periods.last_completed("H", dt.date(2026, 6, 14)).code == "2025-H2"
    assert periods.last_completed("H", dt.date(2026, 6, 15)).code == "2026-H1"
    assert periods.last_completed("Q", dt.date(2026, 3, 15)).code == "2026-Q1"
    assert periods.last_completed("M", dt.date(2027, 1, 14)).code == "2026-12"
    assert periods.last_completed("Y").code == "2025"  # today from the (fixed) clock
    assert periods.is_completed(periods.parse("2026-H1"), dt.date(2026, 6, 15))
    assert not periods.has_started(periods.parse("2027-H1"), TODAY)  # starts 15/12/2026
    assert periods.has_started(periods.parse("2026-H2"), TODAY)


def test_steps_between_periods():
    assert periods.steps(periods.parse("2024-H2"), periods.parse("2026-H1")) == 3
    assert periods.steps(periods.parse("2026-H1"), periods.parse("2026-H1")) == 0
    assert periods.steps(periods.parse("2026-H1"), periods.parse("2025-H2")) == 0


# -- which period ---------------------------------------------------------------------------
def test_illustrative_only_falls_back_with_a_warning(tmp_path):
    choice = choose(make_data(tmp_path), tmp_path)
    assert choice.period.code == "2024-H2" and choice.illustrative
    vi, en = text_of(choice)
    assert "không có số liệu thật" in vi and "chỉ có số liệu minh họa" in vi
    assert "chỉ mang tính minh họa" in vi and "2024-H2" in vi
    assert "holds no real data" in en and "illustrative only" in en
    # and it is two years old: said too
    assert "2026-H1" in vi and "chậm 3 kỳ" in vi and "3 periods behind" in en


def test_one_real_period_wins_over_a_panel_that_goes_further(tmp_path):
    data = make_data(tmp_path, real=("2024-H1",))
    choice = choose(data, tmp_path)
    assert choice.period.code == "2024-H1" and not choice.illustrative
    vi, en = text_of(choice)
    assert "minh họa" not in vi and "illustrative" not in en


def test_a_row_flagged_illustrative_does_not_count_even_among_submissions(tmp_path):
    data = make_data(tmp_path, real=("2024-H1",))
    # a form that says illustrative=True does not count, wherever it lies
    (data / "submissions" / "copied.csv").write_text(
        HEADER + "STC,2026-H1,proc.total,1,,True,\n", encoding="utf-8")
    assert choose(data, tmp_path).period.code == "2024-H1"


def test_kinds_keep_their_rule_end_date_then_the_longest(tmp_path):
    data = make_data(tmp_path, real=("2026-06", "2026-H1", "2026-Q1"))
    assert choose(data, tmp_path).period.code == "2026-H1"  # same end as 2026-06: longer
    data = make_data(tmp_path / "b", real=("2026-H1", "2026-Q3"))
    assert choose(data, tmp_path / "b").period.code == "2026-Q3"  # ends later


def test_up_to_date_data_have_no_warning(tmp_path):
    for code in ("2026-H1", "2026-H2", "2026-Q3", "2026-11", "2025"):
        data = make_data(tmp_path / code, real=(code,))
        choice = choose(data, tmp_path / code)
        assert choice.period.code == code and choice.warnings() == [], code


def test_stale_data_warning_names_both_periods_and_the_age(tmp_path):
    data = make_data(tmp_path, real=("2024-H1",))
    vi, en = text_of(choose(data, tmp_path))
    assert vi.startswith("Số liệu cũ: latest là kỳ 2024-H1 (6 tháng đầu năm 2024)")
    assert "số liệu đến ngày 14/06/2024 (đã 898 ngày)" in vi
    assert "2026-H1 (6 tháng đầu năm 2026, 15/12/2025 → 14/06/2026)" in vi
    assert "chậm 4 kỳ" in vi
    assert en.startswith("Stale data: latest is 2024-H1 (First half of 2024)")
    assert "14/06/2024 (898 days ago)" in en and "last completed half-year period" in en
    assert "2026-H1 (First half of 2026" in en and "4 periods behind" in en


def test_staleness_follows_the_injected_date(tmp_path):
    data = make_data(tmp_path, real=("2025-H2",))
    assert choose(data, tmp_path, today=dt.date(2026, 6, 14)).warnings() == []
    vi, en = text_of(choose(data, tmp_path, today=dt.date(2026, 6, 15)))
    assert "2025-H2" in vi and "2026-H1" in vi and "(đã 183 ngày)" in vi
    assert "1 period behind" in en


def test_a_future_real_period_is_skipped_with_a_warning(tmp_path):
    data = make_data(tmp_path, real=("2026-H1", "2027-H1"))
    choice = choose(data, tmp_path)
    assert choice.period.code == "2026-H1" and not choice.illustrative
    assert [p.code for p in choice.future] == ["2027-H1"]
    vi, en = text_of(choice)
    assert "Bỏ qua kỳ chưa bắt đầu khi tìm latest: 2027-H1" in vi and "29/11/2026" in vi
    assert "Skipped periods that have not begun" in en and "2027-H1" in en
    assert "Số liệu cũ" not in vi  # 2026-H1 is the last completed half year
    # on 15/12/2026 the first half of 2027 has begun: it is the latest
    assert choose(data, tmp_path, today=dt.date(2026, 12, 15)).period.code == "2027-H1"


def test_only_future_real_data_fall_back_to_the_panel(tmp_path):
    choice = choose(make_data(tmp_path, real=("2027-H1",)), tmp_path)
    assert choice.period.code == "2024-H2" and choice.illustrative
    vi, en = text_of(choice)
    assert "chỉ có số liệu thật của các kỳ chưa bắt đầu" in vi and "2027-H1" in vi
    assert "real figures only for periods that have not begun" in en


def test_nothing_to_choose_is_an_error(tmp_path):
    with pytest.raises(ParameterError, match="holds no period yet"):
        choose(make_data(tmp_path / "a", panel=()), tmp_path / "a")
    with pytest.raises(ParameterError) as exc:
        choose(make_data(tmp_path / "b", real=("2027-H1",), panel=()), tmp_path / "b")
    assert "chỉ có kỳ chưa bắt đầu (2027-H1; hôm nay là 29/11/2026)" in exc.value.message("vi")
    with pytest.raises(ParameterError) as exc:
        choose(make_data(tmp_path / "c"), tmp_path / "c", illustrative=False)
    assert "illustrative panel is turned off" in exc.value.message("en")


def test_panel_turned_off_by_the_folder_settings_gives_no_fallback(tmp_path):
    data = make_data(tmp_path)
    cache = manifest.Cache(tmp_path / "reports")
    assert buildcheck.choose_latest(data, "fp", cache).illustrative
    (data / "papi-analysis.toml").write_text("illustrative = false\n")
    with pytest.raises(ParameterError, match="holds no period yet"):
        buildcheck.choose_latest(data, "fp", cache)  # same fingerprint: the key has the setting


# -- the cache --------------------------------------------------------------------------------
def test_periods_are_remembered_but_the_choice_is_made_again(tmp_path, monkeypatch):
    from papi_analysis.intake import datasets

    data = make_data(tmp_path, real=("2026-H1", "2027-H1"))
    calls = []
    real_load = datasets.load

    def load(data_dir=None, illustrative=True):
        calls.append(data_dir)
        return real_load(data_dir, illustrative)

    monkeypatch.setattr(datasets, "load", load)
    cache = manifest.Cache(tmp_path / "reports")
    assert buildcheck.latest_period(data, "fp", cache).code == "2026-H1"
    later = dt.date(2026, 12, 20)
    assert buildcheck.latest_period(data, "fp", cache, today=later).code == "2027-H1"
    assert len(calls) == 1


def test_a_cache_written_before_this_change_is_not_read(tmp_path):
    data = make_data(tmp_path, real=("2024-H1",))
    reports = tmp_path / "reports"
    cache = manifest.Cache(reports)
    # what the old code remembered: every period (panel included) and latest = 2024-H2
    cache.put("periods", f"{data}|fp", ["2024-H1", "2024-H2"])
    cache.put("latest", f"{data}|fp", "2024-H2")
    cache.save()
    assert buildcheck.latest_period(data, "fp", manifest.Cache(reports)).code == "2024-H1"
    assert buildcheck.data_periods(data, "fp", manifest.Cache(reports)) == ["2024-H1", "2024-H2"]


# -- the build prints the warnings ------------------------------------------------------------
def test_resolve_period_logs_the_warnings_vi_then_en(tmp_path, caplog):
    # logged (the command line prints them on stderr: test_period_latest_command)
    data = make_data(tmp_path)
    problems = buildcheck.Problems()
    with caplog.at_level("WARNING", logger="papi_analysis"):
        per = buildcheck.resolve_period("latest", data, "fp", manifest.Cache(tmp_path / "r"),
                                        problems)
    assert per.code == "2024-H2" and not problems.items
    assert {(r.name, r.levelname) for r in caplog.records} == {
        ("papi_analysis.batch.buildcheck", "WARNING")}
    lines = "\n".join(caplog.messages).splitlines()
    assert lines[0].startswith("Cảnh báo: Thư mục số liệu không có số liệu thật")
    assert lines[1].startswith("  Warning: The data folder holds no real data")
    assert lines[2].startswith("Cảnh báo: Số liệu cũ:") and lines[3].startswith("  Warning:")


@pytest.mark.parametrize(("real", "period", "phrases"), [
    (("2026-H1", "2027-H1"), "2026-H1",
     ["Cảnh báo: Bỏ qua kỳ chưa bắt đầu khi tìm latest: 2027-H1",
      "Warning: Skipped periods that have not begun"]),
    # the cron line keeps working on a folder with only the panel: a warning, not a refusal
    ((), "2024-H2", ["Cảnh báo: Thư mục số liệu không có số liệu thật",
                     "Warning: The data folder holds no real data"]),
])
def test_build_check_with_latest_warns_and_goes_on(real, period, phrases, tmp_path, caplog,
                                                   monkeypatch):
    monkeypatch.setattr(buildcheck, "_declared",
                        lambda nb, cache: {"cell": True, "params": dict(buildcheck.PARAMETERS)})
    monkeypatch.delenv("PAPI_ANALYSIS_ENGINE", raising=False)
    nbs = tmp_path / "notebooks"
    nbs.mkdir()
    shutil.copy(FIXTURES / "01_alpha.ipynb", nbs)
    data = make_data(tmp_path, real=real)
    checked = buildcheck.check("latest", compare=None, agencies=["SKHCN"], all_agencies=False,
                               notebooks=None, jobs=1, lang="vi", data_dir=data,
                               notebooks_dir=nbs, data_fp="fp",
                               cache=manifest.Cache(tmp_path / "reports"))
    assert checked.period.code == period
    err = caplog.text
    for phrase in phrases:
        assert phrase in err


# -- papi-analysis period latest --------------------------------------------------------------
def test_period_latest_command(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(config, "REPORTS_DIR", tmp_path / "reports")
    data = make_data(tmp_path, real=("2024-H1",))
    assert cli.main(["period", "latest", "--data", str(data)]) == 0
    cap = capsys.readouterr()
    out = cap.out
    assert "2024-H1" in out and "6 tháng đầu năm 2024" in out
    assert "15/12/2023 → 14/06/2024" in out
    assert "2023-H2 (6 tháng cuối năm 2023)" in out and "2023-H1 (6 tháng đầu năm 2023)" in out
    assert "số liệu thật" in out
    assert "Cảnh báo: Số liệu cũ: latest là kỳ 2024-H1" in cap.err
    assert "2026-H1" in cap.err and "Warning: Stale data" in cap.err
    assert not (tmp_path / "reports").exists()  # an explanation writes nothing
    # the same lines as for the period named
    assert cli.main(["period", "2024-H1"]) == 0
    named = capsys.readouterr().out
    assert all(line in out for line in named.splitlines())


def test_period_latest_command_english_and_illustrative(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(config, "REPORTS_DIR", tmp_path / "reports")
    data = make_data(tmp_path)
    assert cli.main(["period", "latest", "--data", str(data), "--lang", "en"]) == 0
    cap = capsys.readouterr()
    assert "Second half of 2024" in cap.out and "illustrative panel" in cap.out
    assert "Warning: The data folder holds no real data" in cap.err


def test_period_latest_command_bad_data_folder(tmp_path, capsys):
    rc = cli.main(["period", "latest", "--data", str(tmp_path / "missing")])
    cap = capsys.readouterr()
    assert rc == 2 and "Traceback" not in cap.err
    assert "không tồn tại" in cap.err
    rc = cli.main(["period", "latest", "--data", str(make_data(tmp_path, panel=()))])
    cap = capsys.readouterr()
    assert rc == 2 and "Tham số latest: thư mục số liệu chưa có kỳ báo cáo nào" in cap.err
