"""The data the project ships: the seed's real figures and the illustrative file on disk."""

from __future__ import annotations

import importlib.util

import pandas as pd
import pytest

from papi_analysis import config
from papi_analysis.intake import illustrative
from papi_analysis.model import indicators, schema

SEED_CSV = config.SUBMISSIONS_DIR / "skhcn_2024-H1_seed.csv"
SEED_REPORT = config.SUBMISSIONS_DIR / "sources" / "138-BC-SKHCN_2024-05-21.txt"
SHIPPED_PANEL = config.ILLUSTRATIVE_DIR / illustrative.OUT_NAME
LAYOUT = ["agency", "period", "indicator", "value", "field", "illustrative", "source_text", "note"]
#: The seed adds the date its figures run to (the report's signing date).
SEED_LAYOUT = [*LAYOUT, "as_of"]

#: Every figure of Số 138/BC-SKHCN (21/5/2024), and whether it is only implied.
EXPECTED = {
    "proc.total": (58, False),
    "proc.full_online": (43, False),
    "proc.partial_online": (15, False),
    "tthc.files_total": (281, False),
    "tthc.received_in_period": (276, False),
    "tthc.carried_over": (5, False),
    "tthc.received_online": (276, True),
    "tthc.received_offline": (0, True),
    "tthc.resolved_total": (281, False),
    "tthc.resolved_early_on_time": (281, True),
    "tthc.resolved_late": (0, True),
    "tthc.pending_total": (0, True),
    "tthc.online_share_stated": (100, False),
    "tthc.on_time_rate_stated": (100, False),
    "pet.complaints": (0, False),
    "pet.denunciations": (0, False),
    "acct.sessions_on_request": (0, False),
    "acct.people_inspection_members": (3, False),
    "ac.cases": (0, False),
    "ac.plans_issued": (1, False),
    "egov.docs_electronic_pct": (100, False),
    "egov.staff_computers_pct": (100, False),
}


def read_tidy_csv(path) -> pd.DataFrame:
    """A tidy CSV as the tidy table, with plain pandas (submissions.read is tested elsewhere)."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    flags = raw["illustrative"].str.strip().str.lower().map({"true": True, "false": False})
    assert flags.notna().all(), "illustrative must be True or False"
    return schema.conform(raw.assign(illustrative=flags))


@pytest.fixture(scope="module")
def raw_seed() -> pd.DataFrame:
    return pd.read_csv(SEED_CSV, dtype=str, keep_default_na=False, encoding="utf-8")


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    return read_tidy_csv(SEED_CSV)


def _row(seed: pd.DataFrame, code: str) -> pd.Series:
    rows = seed[seed["indicator"] == code]
    assert len(rows) == 1, code
    return rows.iloc[0]


def test_seed_layout(raw_seed):
    assert list(raw_seed.columns) == SEED_LAYOUT
    assert set(raw_seed["agency"]) == {"SKHCN"}
    assert set(raw_seed["period"]) == {"2024-H1"}
    assert set(raw_seed["field"]) == {""}
    assert set(raw_seed["illustrative"]) == {"False"}
    # Số 138/BC-SKHCN is signed 21/05/2024: its figures run to that date, not to 14/06/2024
    assert set(raw_seed["as_of"]) == {"2024-05-21"}


def test_seed_has_exactly_the_expected_figures(seed):
    assert sorted(seed["indicator"]) == sorted(EXPECTED)
    assert not seed.duplicated(schema.KEY).any()
    assert set(seed["indicator"]) <= set(indicators.CATALOGUE)
    assert not seed["illustrative"].any()


@pytest.mark.parametrize("code", list(EXPECTED))
def test_seed_figure(seed, code):
    assert _row(seed, code)["value"] == EXPECTED[code][0]


@pytest.mark.parametrize("code", [c for c, (_, implied) in EXPECTED.items() if implied])
def test_implied_figures_say_so(raw_seed, code):
    note = raw_seed.loc[raw_seed["indicator"] == code, "note"].iloc[0]
    assert note.startswith("Suy ra") and "Implied" in note


def test_every_source_text_is_verbatim_from_the_report(raw_seed):
    report = SEED_REPORT.read_text(encoding="utf-8")
    assert "Số: 138/BC-SKHCN" in report and "ngày 21 tháng 5 năm 2024" in report
    for code, text in zip(raw_seed["indicator"], raw_seed["source_text"], strict=True):
        assert text and text in report, code


def test_specific_sources(raw_seed):
    src = dict(zip(raw_seed["indicator"], raw_seed["source_text"], strict=True))
    note = dict(zip(raw_seed["indicator"], raw_seed["note"], strict=True))
    assert "kỳ trước chuyển sang là 05 hồ sơ" in src["tthc.carried_over"]
    assert "100 % hồ sơ được giải quyết trước hạn và đúng hạn" in src["tthc.resolved_early_on_time"]
    assert "không nhận được đơn thư khiếu nại, tố cáo" in src["pet.complaints"]
    assert "không phải tổ chức giải trình" in src["acct.sessions_on_request"]
    assert "gồm 03 công chức" in src["acct.people_inspection_members"]
    assert "40/KH-SKHCN" in src["ac.plans_issued"] and "40/KH-SKHCN" in note["ac.plans_issued"]
    assert "trừ văn bản mật" in src["egov.docs_electronic_pct"]


def test_seed_arithmetic_holds(seed):
    v = dict(zip(seed["indicator"], seed["value"], strict=True))
    assert v["tthc.files_total"] == v["tthc.received_online"] + v["tthc.received_offline"] + v[
        "tthc.carried_over"]
    assert v["tthc.received_in_period"] == v["tthc.received_online"] + v["tthc.received_offline"]
    assert v["tthc.files_total"] == v["tthc.resolved_total"] + v["tthc.pending_total"]
    assert v["tthc.resolved_total"] == v["tthc.resolved_early_on_time"] + v["tthc.resolved_late"]
    assert v["proc.full_online"] + v["proc.partial_online"] <= v["proc.total"]


def test_seed_readme_states_source_and_caveats():
    text = (config.SUBMISSIONS_DIR / "README.md").read_text(encoding="utf-8")
    for needle in ("138/BC-SKHCN", "21/5/2024", "04 Quyết định", "651/QĐ-UBND", "751/QĐ-UBND",
                   "830/QĐ-UBND", "not stated"):
        assert needle in text, needle


def test_shipped_panel_is_byte_identical_to_a_fresh_generation():
    assert SHIPPED_PANEL.read_bytes() == illustrative.render().encode("utf-8"), (
        "data/illustrative is stale: run `python -m papi_analysis.intake.illustrative`")


def test_shipped_panel_reads_back_as_generate():
    raw = pd.read_csv(SHIPPED_PANEL, dtype=str, keep_default_na=False, encoding="utf-8")
    assert list(raw.columns) == LAYOUT
    got = read_tidy_csv(SHIPPED_PANEL)
    want = illustrative.generate()
    cols = ["agency", "period", "indicator", "value", "field", "illustrative", "source_text"]
    pd.testing.assert_frame_equal(got[cols], want[cols])


def test_papi_readme_covers_sources_licences_and_loader():
    text = (config.PAPI_DIR / "README.md").read_text(encoding="utf-8")
    for needle in ("SOURCES.md", "MIT", "CC0", "GPL-3", "facts", "8–80", "never filled",
                   "InputFileError", "quartile_groups.csv", "published groups"):
        assert needle in text, needle


def test_papi_groups_file_cites_a_source_for_every_row():
    groups = pd.read_csv(config.PAPI_DIR / "quartile_groups.csv", dtype=str,
                         keep_default_na=False)
    assert len(groups) == 4 * groups["year"].nunique()
    for col in ("source", "source_url", "source_date"):
        assert (groups[col].str.strip() != "").all(), col
    alternative = groups[groups["n_alternative"] != ""]
    assert (alternative["alternative_source"] != "").all()
    text = (config.PAPI_DIR / "SOURCES.md").read_text(encoding="utf-8")
    for year in groups["year"].unique():
        assert f"| {year} |" in text, year  # every year's groups explained in SOURCES.md


@pytest.mark.skipif(importlib.util.find_spec("papi_analysis.intake.submissions") is None,
                    reason="papi_analysis.intake.submissions is not written yet")
def test_datasets_load_combines_real_and_illustrative():
    from papi_analysis.intake import datasets

    df = datasets.load()
    real = df[~df["illustrative"]]
    skhcn = df[(df["agency"] == "SKHCN") & (df["period"] == "2024-H1")]
    assert len(skhcn) == len(EXPECTED) and not skhcn["illustrative"].any()
    assert set(real["indicator"]) >= set(EXPECTED)
    public = sum(len(pd.read_csv(config.SUBMISSIONS_DIR / n)) for n in PUBLIC)
    assert public == 1 + 19  # the figures read from public pages (issue 20)
    assert len(df) == (len(EXPECTED) + len(illustrative.generate())
                       + len(illustrative.panel_2025()) + public)
    # Hưng Yên's 18 departments of 2024, SNNMT (from 01/03/2025) and Thái Bình's 13 of 2025-H1
    assert df.loc[df["illustrative"], "agency"].nunique() == 18 + 1 + 13
    # the reader's provenance agrees with generate()'s
    fresh = illustrative.generate().set_index(schema.KEY)[["source_file", "source_row"]]
    shipped = df[df["illustrative"]].set_index(schema.KEY)[["source_file", "source_row"]]
    pd.testing.assert_frame_equal(shipped.loc[fresh.index], fresh)


#: The development set of real report excerpts beside the project (absent in CI).
REAL_DIR = config.ROOT.parent / "shared" / "data" / "reports_real"

PUBLIC = {
    "hy_2024-H1_tiepcongdan_public.csv": ("05_hungyen_6t-2024_tiepdan.txt", "22/07/2024"),
    "hy_ttt_2024_thanhtra_public.csv": ("01_hungyen_2024_thanhtra.txt", "28/01/2025"),
}


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_figures_name_their_page_and_match_it(name):
    """Real figures from public pages (issue 20): each row names the page and its date; the
    values are the page's core figures as keyed by hand in the development set."""
    raw = pd.read_csv(config.SUBMISSIONS_DIR / name, dtype=str, keep_default_na=False)
    page, date = PUBLIC[name]
    assert set(raw["illustrative"]) == {"False"} and set(raw["source_text"]) == {""}
    assert all(date in n and "https://" in n for n in raw["note"])
    expected = REAL_DIR / "expected.json"
    if not expected.exists():
        pytest.skip(f"{REAL_DIR} not here")
    import json

    entry = json.loads(expected.read_text("utf-8"))[page]
    assert entry["url"] in raw["note"].iloc[0]
    # money is stated in tỷ đồng on the page and kept in million đồng
    core = sorted(float(f["value"]) * (1000 if f["unit"] == "tỷ đồng" else 1)
                  for f in entry["figures"] if f.get("core"))
    # each figure of the page once (Thanh tra tỉnh's 109 inspections is both its own total and
    # a part of the province's)
    assert sorted({float(v) for v in raw["value"]}) == pytest.approx(sorted(set(core)))
