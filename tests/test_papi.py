"""PAPI scores: loading, the published Hưng Yên figures, the scale change, missing years, groups."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from papi_analysis import config
from papi_analysis.analysis import papi
from papi_analysis.errors import InputFileError, ParameterError

HY = 33


@pytest.fixture(scope="module")
def wide() -> pd.DataFrame:
    return papi.load()


@pytest.fixture(scope="module")
def sub() -> pd.DataFrame:
    return papi.load_subdimensions()


def _gso(wide: pd.DataFrame, name_vi: str) -> int:
    return int(wide.loc[wide["name_vi"] == name_vi, "gso_code"].iloc[0])


# -- loading ------------------------------------------------------------------------
def test_load_shape_and_types(wide):
    assert len(wide) == 882
    assert wide["gso_code"].nunique() == 63
    assert sorted(wide["year"].unique()) == list(range(2011, 2025))
    assert list(wide.columns) == papi.WIDE_COLUMNS
    for col in ("year", "gso_code", "scale_min", "scale_max", "n_ranked_in_data"):
        assert pd.api.types.is_integer_dtype(wide[col]), col
    for col in (*papi.DIM_COLUMNS, "total"):
        assert pd.api.types.is_float_dtype(wide[col]), col
    assert wide["complete"].dtype == bool
    assert str(wide["rank_in_data"].dtype) == "Int64"


def test_load_accepts_papi_folder_or_data_folder(wide):
    pd.testing.assert_frame_equal(papi.load(config.PAPI_DIR), wide)
    pd.testing.assert_frame_equal(papi.load(config.DATA_DIR), wide)


def test_load_subdimensions(sub):
    assert len(sub) == 21891
    assert sub["year"].dtype.kind == "i" and sub["score"].dtype.kind == "f"
    assert (sub["score"] >= 0.33).all()
    # the sub-dimension scale is 0.33–3.33; two 2018 SC82 scores exceed it (see the README)
    above = sub[sub["score"] > 3.34]
    assert len(above) == 2 and set(above["slot"]) == {"SC82"} and set(above["year"]) == {2018}


def test_missing_file_is_a_located_bilingual_error(tmp_path):
    with pytest.raises(InputFileError) as exc:
        papi.load(tmp_path)
    err = exc.value
    assert "papi_dimensions_wide.csv" in err.where
    assert "Không tìm thấy" in err.message("vi") and "missing" in err.message("en")
    assert err.hint_vi and err.hint_en


def test_wrong_columns_are_reported(tmp_path):
    df = pd.read_csv(config.PAPI_DIR / papi.WIDE_FILE).drop(columns=["d5"])
    df.to_csv(tmp_path / papi.WIDE_FILE, index=False)
    with pytest.raises(InputFileError) as exc:
        papi.load(tmp_path)
    assert "d5" in exc.value.message("en") and "d5" in exc.value.message("vi")


def test_bad_values_are_reported_with_the_line(tmp_path):
    df = pd.read_csv(config.PAPI_DIR / papi.WIDE_FILE, dtype=str, keep_default_na=False)
    df.loc[4, "d3"] = "abc"
    df.to_csv(tmp_path / papi.WIDE_FILE, index=False)
    with pytest.raises(InputFileError) as exc:
        papi.load(tmp_path)
    assert "line 6" in exc.value.where and "d3" in exc.value.where
    df.loc[4, "d3"] = "12.5"
    df.to_csv(tmp_path / papi.WIDE_FILE, index=False)
    with pytest.raises(InputFileError, match="1–10"):
        papi.load(tmp_path)


# -- published figures ----------------------------------------------------------------
def test_hung_yen_2021_published_figures(wide):
    row = wide[(wide.gso_code == HY) & (wide.year == 2021)].iloc[0]
    assert row["name_vi"] == "Hưng Yên"
    assert round(row["total"], 3) == 45.366
    assert row["rank_in_data"] == 5
    assert math.isclose(row["total"], row[papi.DIM_COLUMNS].sum(), abs_tol=1e-5)


def test_hung_yen_rank_history(wide):
    ranks = papi.rank_history(wide, HY).set_index("year")
    assert ranks.loc[2020, "rank"] == 44
    assert ranks.loc[2021, "rank"] == 5
    assert ranks.loc[2021, "rank_change"] == 39  # "tăng 39 bậc so với năm 2020"
    assert ranks.loc[2024, "rank"] == 19
    assert ranks.loc[2021, "n_ranked"] == 60
    assert list(ranks.index) == list(range(2011, 2025))


def test_2023_leader_and_bottom(wide):
    t = papi.trend(wide, HY)
    total_2023 = t[(t.measure == "total") & (t.year == 2023)].iloc[0]
    assert total_2023["best_province"] == "Thừa Thiên-Huế"
    assert round(total_2023["best"], 4) == 46.0415
    ranks = papi.rank_history(wide, _gso(wide, "Đắk Nông")).set_index("year")
    assert ranks.loc[2023, "rank"] == 61 and round(ranks.loc[2023, "total"], 2) == 38.97


# -- scale and missing years --------------------------------------------------------------
def test_scale_changes_in_2018(wide):
    scales = wide.groupby("year")[["scale_min", "scale_max"]].agg(["min", "max"])
    assert (scales.loc[2011:2017].to_numpy() == [6, 6, 60, 60]).all()
    assert (scales.loc[2018:2024].to_numpy() == [8, 8, 80, 80]).all()
    assert wide.loc[wide.year < 2018, ["d7", "d8"]].isna().all().all()
    ranks = papi.rank_history(wide, HY).set_index("year")
    assert ranks.loc[2018, "scale_max"] == 80 and ranks.loc[2017, "scale_max"] == 60
    assert "8–80" in ranks.loc[2018, "note"] and "8–80" in ranks.loc[2018, "note_en"]


def test_comparable_from():
    assert papi.comparable_from("total", 2017) == 2011
    assert papi.comparable_from("total", 2018) == 2018
    assert papi.comparable_from("d3", 2024) == 2011
    assert papi.comparable_from("total_d1_d6", 2024) == 2011
    assert papi.comparable_from("d7", 2020) == 2018 == papi.comparable_from("d8", 2024)


def test_thirteen_missing_province_years(wide):
    missing = wide[~wide["complete"]]
    assert len(missing) == 13
    assert missing.groupby("year").size().to_dict() == {2014: 2, 2018: 2, 2021: 3, 2022: 2,
                                                        2023: 2, 2024: 2}
    assert missing["total"].isna().all() and missing["rank_in_data"].isna().all()


def test_trend_never_fills_missing_years(wide):
    bac_giang = _gso(wide, "Bắc Giang")  # missing in 2014, 2021, 2022
    t = papi.trend(wide, bac_giang)
    total = t[t.measure == "total"].set_index("year")
    assert list(total.index) == list(range(2011, 2025))
    for year in (2014, 2021, 2022):
        assert total.loc[year, "missing"] and math.isnan(total.loc[year, "value"])
        assert "never interpolated" in total.loc[year, "note_en"]
    assert not total.drop([2014, 2021, 2022])["missing"].any()
    mine = wide[wide.gso_code == bac_giang].set_index("year")
    for measure in papi.DIM_COLUMNS + ["total"]:
        got = t[t.measure == measure].set_index("year")["value"]
        pd.testing.assert_series_equal(got, mine.loc[got.index, measure], check_names=False)


def test_trend_measures_and_derived_values(wide):
    t = papi.trend(wide, HY)
    assert list(dict.fromkeys(t["measure"])) == list(papi.MEASURES)
    assert t[t.measure.isin(["d7", "d8"])]["year"].min() == 2018
    assert t[t.measure == "d1"]["year"].tolist() == list(range(2011, 2025))
    v = t.set_index(["measure", "year"])["value"]
    assert math.isclose(v[("total_pct", 2021)], 45.365888 / 80 * 100, rel_tol=1e-6)
    assert math.isclose(v[("total_pct", 2017)], v[("total", 2017)] / 60 * 100)
    d16 = wide.loc[(wide.gso_code == HY) & (wide.year == 2024), papi.DIM_COLUMNS[:6]].sum(axis=1)
    assert math.isclose(v[("total_d1_d6", 2024)], float(d16.iloc[0]))
    row = t[(t.measure == "d5") & (t.year == 2022)].iloc[0]
    assert math.isclose(row["national_median"], wide.loc[wide.year == 2022, "d5"].median())
    assert row["best"] == wide.loc[wide.year == 2022, "d5"].max()
    assert "SC83" in t[(t.measure == "d8") & (t.year == 2018)].iloc[0]["note"]


def test_functions_do_not_change_their_input(wide):
    before = wide.copy()
    papi.trend(wide)
    papi.rank_history(wide)
    papi.moves(wide)
    papi.gaps_to_best(wide)
    pd.testing.assert_frame_equal(wide, before)


# -- quartile groups --------------------------------------------------------------------
def test_quartile_rule():
    ranks = (1, 16, 17, 31, 32, 45, 46, 61)
    assert [papi.quartile(r, 61) for r in ranks] == [1, 1, 2, 2, 3, 3, 4, 4]
    assert papi.quartile(1, 1) == 1


def _group(wide, name_vi: str, year: int) -> pd.Series:
    return papi.rank_history(wide, _gso(wide, name_vi)).set_index("year").loc[year]


@pytest.mark.parametrize(("name_vi", "year", "rank", "group"), [
    # 2024: 15/15/15/16 published (vietnam.vn, PAPI 2024 launched 15/04/2025)
    ("Thái Bình", 2024, 15, 1), ("Bắc Giang", 2024, 16, 2), ("Hà Giang", 2024, 30, 2),
    ("Lai Châu", 2024, 31, 3), ("Long An", 2024, 45, 3), ("Yên Bái", 2024, 46, 4),
    # 2023: top 15, upper-middle 42,39–43,95 = ranks 16–30, bottom 16 (Hanoi Times, 02/04/2024)
    ("Hà Nội", 2023, 15, 1), ("Vĩnh Phúc", 2023, 16, 2), ("Sơn La", 2023, 30, 2),
    ("Đắk Lắk", 2023, 31, 3), ("Kiên Giang", 2023, 44, 3), ("Lâm Đồng", 2023, 45, 3),
    ("Quảng Nam", 2023, 48, 4),
    # 2022: top 16 from 43,44, bottom 14 up to 40,72 (Nha Trang portal), 16 upper-middle
    ("Khánh Hòa", 2022, 16, 1), ("Nghệ An", 2022, 17, 2), ("Đồng Tháp", 2022, 32, 2),
    ("Hải Dương", 2022, 33, 3), ("Sơn La", 2022, 46, 3), ("Trà Vinh", 2022, 48, 4),
    # 2021: 15 in each group (60 ranked); Bà Rịa-Vũng Tàu "nhóm 4"
    ("Hưng Yên", 2021, 5, 1), ("Bà Rịa-Vũng Tàu", 2021, 47, 4),
    # 2017: 16/16/15/16; Quảng Ninh 32/63 "trung bình cao", Hưng Yên "trung bình thấp"
    ("Quảng Ninh", 2017, 32, 2), ("Hưng Yên", 2017, 40, 3),
])
def test_groups_are_the_published_ones(wide, name_vi, year, rank, group):
    row = _group(wide, name_vi, year)
    assert (row["rank"], row["quartile"], row["group_basis"]) == (rank, group, "published")
    assert row["group_vi"] == papi.GROUPS[group][0]


def test_published_group_sizes_per_year(wide):
    sizes = {2017: [16, 16, 15, 16], 2019: [16, 16, 15, 16], 2020: [16, 16, 15, 16],
             2021: [15, 15, 15, 15], 2022: [16, 16, 15, 14], 2023: [15, 15, 15, 16],
             2024: [15, 15, 15, 16]}
    for year, expected in sizes.items():
        groups = []
        for gso in wide["gso_code"].unique():
            h = papi.rank_history(wide, int(gso))
            groups.append(h.loc[h.year == year, "quartile"].iloc[0])
        counts = pd.Series(groups).value_counts(dropna=True).sort_index()
        assert list(counts) == expected, year
    bac_ninh = papi.rank_history(wide, _gso(wide, "Bắc Ninh")).set_index("year")
    assert pd.isna(bac_ninh.loc[2022, "quartile"]) and bac_ninh.loc[2022, "group_basis"] == ""


def test_a_rank_the_sources_disagree_on_is_flagged(wide):
    # 2022: the score band 38,80–40,72 leaves rank 47 (Phú Yên, 40,74) in group 3; a count of
    # 15 in the bottom group (susta.vn) would put it in group 4
    row = _group(wide, "Phú Yên", 2022)
    assert (row["rank"], row["quartile"], row["group_basis"]) == (47, 3, "disputed")
    # 2023: 16 lowest (Hanoi Times) or 14 (Báo Đồng Nai): ranks 46–47 are disputed
    assert _group(wide, "Long An", 2023)["group_basis"] == "disputed"
    assert _group(wide, "Vĩnh Long", 2023)["group_basis"] == "disputed"
    assert _group(wide, "Quảng Nam", 2023)["group_basis"] == "published"


def test_years_without_published_groups_are_computed_and_said_so(wide):
    hy = papi.rank_history(wide, HY).set_index("year")
    assert hy.loc[2018, "group_basis"] == "computed"
    assert hy.loc[2018, "quartile"] == papi.quartile(int(hy.loc[2018, "rank"]), 61)
    assert set(hy.loc[[2011, 2012, 2013, 2014, 2015, 2016, 2018], "group_basis"]) == {"computed"}
    assert set(hy.loc[[2017, 2019, 2020, 2021, 2022, 2023, 2024], "group_basis"]) == {"published"}


def test_published_groups_file_agrees_with_the_data(wide):
    groups = papi.load_groups()
    assert set(groups["basis"]) <= set(papi.GROUP_BASES)
    assert groups["source_url"].str.startswith("http").all()
    assert groups["source_date"].str.match(r"\d{2}/\d{2}/\d{4}").all()
    ranked = wide[wide["complete"]].groupby("year")["rank_in_data"].count()
    for year, g in groups.groupby("year"):
        assert g["n_provinces"].sum() == ranked[year], year  # sizes cover the ranked provinces
        bands = g.dropna(subset=["score_min", "score_max"])
        for band in bands.itertuples(index=False):
            members = [r for r in wide[(wide.year == year) & wide.complete].itertuples()
                       if papi.group_of(int(r.rank_in_data), int(r.n_ranked_in_data), year,
                                        groups)[0] == band.group]
            totals = [r.total for r in members]
            # published bands are the members' scores to 2 decimals (rounded or cut)
            assert band.score_min - 0.01 <= min(totals) < band.score_min + 0.01, (year, band)
            assert band.score_max - 0.01 < max(totals) <= band.score_max + 0.01, (year, band)


def test_published_groups_that_do_not_fit_the_data_are_not_used():
    groups = papi.load_groups()
    # the data ranks 61 in 2024; a file whose 2024 groups add up to 60 is not trusted
    assert papi.group_of(16, 60, 2024, groups) == (papi.quartile(16, 60), "computed")
    assert papi.group_of(16, 61, 2024, groups) == (2, "published")
    assert papi.group_of(16, 61, 2024, groups.iloc[0:0]) == (1, "computed")


def test_groups_file_errors(tmp_path):
    good = papi.load_groups()
    broken = good[~((good.year == 2023) & (good.group == 3))]
    broken.to_csv(tmp_path / papi.GROUPS_FILE, index=False)
    with pytest.raises(InputFileError, match="groups 1–4"):
        papi.load_groups(tmp_path)
    other = good.assign(basis=lambda d: d["basis"].where(d.index != 0, "guess"))
    other.to_csv(tmp_path / papi.GROUPS_FILE, index=False)
    with pytest.raises(InputFileError, match="basis"):
        papi.load_groups(tmp_path)
    (tmp_path / papi.GROUPS_FILE).unlink()
    assert len(papi.load_groups(tmp_path)) == len(good)  # a folder without one uses the shipped


# -- moves and gaps ---------------------------------------------------------------------
def test_moves_default_latest_against_previous(wide):
    m = papi.moves(wide, HY)
    assert set(m["year"]) == {2024} and set(m["base_year"]) == {2023}
    assert len(m) == 8 and m["comparable"].all()
    d5 = m[m.measure == "d5"].iloc[0]
    hy = wide[wide.gso_code == HY].set_index("year")
    assert math.isclose(d5["change"], hy.loc[2024, "d5"] - hy.loc[2023, "d5"])
    assert d5["label_vi"] == "Thủ tục hành chính công"
    assert list(m["change"].abs()) == sorted(m["change"].abs(), reverse=True)
    assert (m["gap_to_best"] >= 0).all()


def test_moves_marks_new_dimensions_not_comparable(wide):
    m = papi.moves(wide, HY, year=2018)
    assert set(m["base_year"]) == {2017}
    new = m[m.measure.isin(["d7", "d8"])]
    assert not new["comparable"].any() and new["change"].isna().all()
    assert list(m.tail(2)["measure"].sort_values()) == ["d7", "d8"]
    assert m.head(6)["comparable"].all()


def test_moves_base_year_skips_a_missing_year(wide):
    bac_giang = _gso(wide, "Bắc Giang")
    assert set(papi.moves(wide, bac_giang, year=2015)["base_year"]) == {2013}
    assert set(papi.moves(wide, bac_giang, year=2023)["base_year"]) == {2020}  # 2022 partial
    partial = papi.moves(wide, bac_giang, year=2022).set_index("measure")
    assert not partial.loc["d1", "comparable"] and "in 2022" in partial.loc["d1", "note_en"]
    assert partial.loc["d6", "comparable"]
    new = papi.moves(wide, HY, year=2018).set_index("measure")
    assert "in 2017" in new.loc["d7", "note_en"] and "2017" in new.loc["d7", "note"]
    assert set(papi.moves(wide, HY, year=2024, base_year=2021)["base_year"]) == {2021}
    with pytest.raises(ParameterError):
        papi.moves(wide, HY, year=2030)
    with pytest.raises(ParameterError):
        papi.moves(wide, bac_giang, year=2014)


def test_gaps_to_best(wide):
    g = papi.gaps_to_best(wide, HY, 2024)
    assert len(g) == 8
    assert list(g["gap_to_best"]) == sorted(g["gap_to_best"], reverse=True)
    year = wide[wide.year == 2024]
    for r in g.itertuples():
        assert r.best == year[r.measure].max()
        assert r.best_province == year.loc[year[r.measure].idxmax(), "name_vi"]
        assert math.isclose(r.gap_to_best, r.best - r.score)
        assert 1 <= r.rank_in_dimension <= r.n_in_dimension
    assert len(papi.gaps_to_best(wide, HY, 2016)) == 6


# -- sub-dimensions -----------------------------------------------------------------------
def test_subdimensions_latest_year(sub):
    s = papi.subdimensions(sub, HY)
    assert set(s["year"]) == {2024} and len(s) == 28
    assert "SC52" not in set(s["slot"])  # construction permits dropped from 2021
    sc11 = s[s.slot == "SC11"].iloc[0]
    assert sc11["name"] == "Tri thức công dân" and sc11["name_lang"] == "vi"
    sc21 = s[s.slot == "SC21"].iloc[0]
    assert sc21["subdim_en"] == "Access to Information"
    assert sc21["name"] == "Tiếp cận thông tin" and sc21["name_basis"] == "translation"
    year = sub[(sub.year == 2024) & (sub.slot == "SC11")]
    assert math.isclose(sc11["national_median"], year["score"].median())
    assert sc11["best"] == year["score"].max()
    assert (s["gap_to_best"] >= 0).all()


def test_subdimension_names_are_year_specific(sub):
    old = papi.subdimensions(sub, HY, 2015)
    assert old.loc[old.slot == "SC21", "subdim_en"].iloc[0] != "Access to Information"
    assert "SC52" in set(old["slot"])
    with pytest.raises(ParameterError):
        papi.subdimensions(sub, HY, 2030)


# -- labels -----------------------------------------------------------------------------
def test_labels(wide):
    assert papi.province_name(wide, HY) == "Hưng Yên"
    assert papi.province_name(wide, HY, "en") == "Hung Yen"
    assert papi.dimension_label(5) == "Thủ tục hành chính công"
    assert papi.dimension_label("d8", "en") == "E-Governance"
    assert papi.measure_label("total", "en") == "PAPI total"
    assert set(papi.DIMENSIONS) == set(range(1, 9))
    assert [papi.GROUPS[q][1] for q in range(1, 5)] == ["highest", "high-average", "low-average",
                                                         "lowest"]
    with pytest.raises(ParameterError):
        papi.dimension_label(9)
    with pytest.raises(ParameterError) as exc:
        papi.province_name(wide, 999)
    assert "33" in exc.value.message("en")
    assert papi.latest_year(wide) == 2024


# -- Vietnamese names and the PAPI year ----------------------------------------------------
def test_every_subdimension_has_a_vietnamese_name_with_its_basis(sub):
    # the Vietnamese appendix never shows an English sub-dimension name
    assert (sub["subdim_vi"].str.strip() != "").all()
    assert set(sub["name_basis"]) <= set(papi.NAME_BASES)
    for year in (2018, 2021, 2024):
        s = papi.subdimensions(sub, HY, year)
        assert (s["name_lang"] == "vi").all(), s.loc[s.name_lang != "vi", "slot"].tolist()
    names = papi.load_names()
    assert set(names["basis"]) <= set(papi.NAME_BASES) and names["source"].str.len().min() > 10


def test_names_from_the_data_file_win_over_the_table():
    sub = pd.DataFrame({"slot": ["SC21", "SC21"], "year": [2015, 2020],
                        "subdim_vi": ["Danh sách hộ nghèo", ""]})
    names = pd.DataFrame({"slot": ["SC21"], "from_year": [2018], "to_year": [2024],
                          "subdim_en": ["Access to Information"],
                          "subdim_vi": ["Tiếp cận thông tin"], "basis": ["translation"],
                          "source": ["x"]})
    out = papi.with_vietnamese_names(sub, names)
    assert list(out["subdim_vi"]) == ["Danh sách hộ nghèo", "Tiếp cận thông tin"]
    assert list(out["name_basis"]) == ["official", "translation"]


def test_the_appendix_names_its_papi_year_and_the_unofficial_names(wide, sub):
    from papi_analysis.appendix import papitables
    from papi_analysis.model import periods

    p = periods.parse("2024-H1")
    year = papitables.latest_year(wide, p)
    moves = papi.moves(wide, HY, year=year)
    vi, en = papitables.year_paragraph(p, year, moves)
    assert "dùng PAPI 2024" in vi and "so sánh với PAPI 2023" in vi
    assert "uses PAPI 2024" in en and "compared with PAPI 2023" in en
    note = papitables.names_note(papi.subdimensions(sub, HY, year), "vi")
    assert "SC21 “Tiếp cận thông tin”" in note and "SC11" not in note
    assert "subdimension_names.csv" in note


def test_the_appendix_says_which_groups_are_published(wide):
    from papi_analysis.appendix import papitables

    ranks = papi.rank_history(wide, HY)
    labels = dict(zip(ranks["year"], papitables.group_labels(ranks, "vi"), strict=True))
    assert labels[2024] == "nhóm đạt điểm trung bình cao"  # published: no mark
    assert labels[2018].endswith(" (*)")  # computed
    note = papitables.groups_note(ranks, "vi")
    assert "Nhóm các năm 2017, 2019–2024 theo nhóm công bố" in note
    assert "(*) Nhóm năm 2011–2016, 2018 do dự án tính" in note
    assert "quartile_groups.csv" in note
    # a disputed rank is marked and said so
    py = papi.rank_history(wide, _gso(wide, "Phú Yên"))
    py_labels = dict(zip(py["year"], papitables.group_labels(py, "en"), strict=True))
    assert py_labels[2022] == "low-average (?)"
    assert "(?) The 2022 group: public sources disagree" in papitables.groups_note(py, "en")


def test_key_figures_footnote_a_computed_group(wide):
    from papi_analysis.appendix import papitables

    ranks = papi.rank_history(wide, HY)
    grid = papitables.key_figures_grid(ranks, papi.moves(wide, HY, year=2019), 2019, "vi")
    texts = list(grid.notes.items)
    assert any("Nhóm năm 2018 do dự án tính" in x for x in texts)
    grid = papitables.key_figures_grid(ranks, papi.moves(wide, HY, year=2024), 2024, "vi")
    assert not any("do dự án tính" in x for x in grid.notes.items)


def test_2017_groups_agree_with_cecodes_comparison_of_2016_and_2017(wide):
    """CECODES, "So sánh PAPI 2016 với PAPI 2017": 11 of 2016's 16 best stayed in the top group
    in 2017; Bắc Giang, Phú Thọ, Đà Nẵng and Đồng Tháp fell to the high-average group and Hưng
    Yên to the low-average group."""
    stayed = ["Bắc Ninh", "Hải Dương", "Thái Bình", "Nam Định", "Ninh Bình", "Hà Tĩnh",
              "Quảng Bình", "Quảng Trị", "Bình Định", "Bến Tre", "Cần Thơ"]
    fell = {"Bắc Giang": 2, "Phú Thọ": 2, "Đà Nẵng": 2, "Đồng Tháp": 2, "Hưng Yên": 3}
    for name in [*stayed, *fell]:
        assert _group(wide, name, 2016)["quartile"] == 1, name  # computed for 2016: agrees
    for name in stayed:
        assert _group(wide, name, 2017)["quartile"] == 1, name
    for name, group in fell.items():
        assert _group(wide, name, 2017)["quartile"] == group, name


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_key_figures_of_a_year_with_dimensions_but_no_total(wide, lang):
    """Two provinces (GSO 24 and 27) have some 2022 dimensions and no total: the key-figures
    table says the total is not compared, instead of failing on a change with no direction."""
    from papi_analysis.appendix import papitables

    for gso in (24, 27):
        ranks = papi.rank_history(wide, gso)
        assert pd.isna(ranks.loc[ranks["year"] == 2022, "total"]).all()
        grid = papitables.key_figures_grid(ranks, papi.moves(wide, gso, 2022), 2022, lang)
        html = grid.body + grid.notes.html()
        word = "không so sánh" if lang == "vi" else "not compar"
        assert word in html.lower()
