"""PAPI provincial scores 2011–2024: reading the shipped files and the tables notebooks show.

The data are real (``data/papi/``, see its README and SOURCES.md).  Three facts shape every
function here:

- the total runs 6–60 until 2017 (six dimensions) and 8–80 from 2018 (eight), so a total is
  comparable only within 2011–2017 or within 2018+; d1–d6 (and their sum) are comparable
  across all years; d7 and d8 exist only from 2018;
- 13 province-years are missing: they stay as rows with missing values and are never filled;
- 2018's d8 (and so its total) lacks one sub-dimension (E-responsiveness).

Only :func:`load` and :func:`load_subdimensions` read files; the rest take and return
DataFrames.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .. import config
from ..errors import InputFileError, ParameterError

#: PAPI dimensions: number → (Vietnamese, English), the official names.
DIMENSIONS: dict[int, tuple[str, str]] = {
    1: ("Tham gia của người dân ở cấp cơ sở", "Participation at Local Levels"),
    2: ("Công khai, minh bạch trong việc ra quyết định ở địa phương",
        "Transparency in Local Decision-making"),
    3: ("Trách nhiệm giải trình với người dân", "Vertical Accountability Towards Citizens"),
    4: ("Kiểm soát tham nhũng trong khu vực công", "Control of Corruption in the Public Sector"),
    5: ("Thủ tục hành chính công", "Public Administrative Procedures"),
    6: ("Cung ứng dịch vụ công", "Public Service Delivery"),
    7: ("Quản trị môi trường", "Environmental Governance"),
    8: ("Quản trị điện tử", "E-Governance"),
}
DIM_COLUMNS = [f"d{d}" for d in DIMENSIONS]
#: The first survey year of each dimension.
SINCE = {1: 2011, 2: 2011, 3: 2011, 4: 2011, 5: 2011, 6: 2011, 7: 2018, 8: 2018}
#: From this year the total has eight dimensions (8–80) instead of six (6–60).
SCALE_BREAK = 2018
#: Measures of :func:`trend`, in display order.
MEASURES = (*DIM_COLUMNS, "total", "total_d1_d6", "total_pct")
_MEASURE_LABELS = {
    "total": ("Tổng điểm PAPI", "PAPI total"),
    "total_d1_d6": ("Tổng điểm 6 lĩnh vực (D1–D6)", "Total of dimensions 1–6"),
    "total_pct": ("Tổng điểm, % điểm tối đa", "Total, % of the maximum"),
}
#: Quartile groups as PAPI names them: quartile → (Vietnamese, English).  Which provinces
#: fall in each group is taken from the PAPI reports where ``quartile_groups.csv`` records them
#: (see :func:`load_groups`); :func:`quartile` computes it only for the other years.
GROUPS = {
    1: ("nhóm đạt điểm cao nhất", "highest"),
    2: ("nhóm đạt điểm trung bình cao", "high-average"),
    3: ("nhóm đạt điểm trung bình thấp", "low-average"),
    4: ("nhóm đạt điểm thấp nhất", "lowest"),
}

WIDE_FILE = "papi_dimensions_wide.csv"
#: The published size of each quartile group per year, with its source (data/papi/SOURCES.md).
GROUPS_FILE = "quartile_groups.csv"
GROUPS_COLUMNS = ["year", "group", "n_provinces", "score_min", "score_max", "basis", "source",
                  "source_url", "source_date", "note", "n_alternative", "alternative_source"]
#: What a group size rests on: stated in a PAPI report or release, or derived by arithmetic from
#: stated figures (a year-on-year change, the rest of the ranked provinces).
GROUP_BASES = ("published", "derived")
SUB_FILE = "papi_subdimensions_long.csv"
#: Vietnamese names of the sub-dimensions, with the basis of each (see data/papi/SOURCES.md).
NAMES_FILE = "subdimension_names.csv"
NAMES_COLUMNS = ["slot", "from_year", "to_year", "subdim_en", "subdim_vi", "basis", "source"]
#: What a Vietnamese sub-dimension name rests on: a PAPI data file, a press text quoting the
#: PAPI report, or the project's own translation (to be checked against the PAPI report).
NAME_BASES = ("official", "press", "translation")
WIDE_COLUMNS = ["year", "province_code", "gso_code", "name_en", "name_vi", *DIM_COLUMNS, "total",
                "scale_min", "scale_max", "complete", "rank_in_data", "n_ranked_in_data"]
SUB_COLUMNS = ["year", "province_code", "gso_code", "name_en", "name_vi", "dimension",
               "dimension_en", "dimension_vi", "slot", "subdim_en", "subdim_vi", "score", "source"]

_NOTE_SCALE = ("Từ 2018 thang điểm tổng là 8–80 (thêm D7, D8); trước đó 6–60: không so sánh "
               "tổng điểm qua mốc 2017/2018.",
               "From 2018 the total runs 8–80 (D7, D8 added), before 6–60: do not compare "
               "totals across 2017/2018.")
_NOTE_D8_2018 = ("Năm 2018 D8 thiếu nội dung thành phần “Phản hồi của chính quyền tỉnh qua "
                 "kênh điện tử” (SC83).",
                 "In 2018 D8 lacks the E-responsiveness sub-dimension (SC83).")
_NOTE_MISSING = ("Không có số liệu năm này (không nội suy).",
                 "No data for this year (never interpolated).")
_NOTE_PCT = ("% điểm tối đa; từ 2018 gồm 8 lĩnh vực (trước đó 6): so sánh qua mốc 2018 chỉ "
             "mang tính tham khảo.",
             "% of the maximum; 8 dimensions from 2018 (6 before): compare across 2018 with care.")


# -- labels -------------------------------------------------------------------------
def _dim_number(d: int | str) -> int:
    text = str(d).strip().lower().lstrip("d")
    if text.isdigit() and int(text) in DIMENSIONS:
        return int(text)
    raise ParameterError(
        f"Không có lĩnh vực PAPI “{d}”.",
        f"There is no PAPI dimension “{d}”.",
        hint_vi="Dùng số 1–8 hoặc mã d1–d8.",
        hint_en="Use a number 1–8 or a code d1–d8.",
    )


def dimension_label(d: int | str, lang: str = "vi") -> str:
    """The official name of dimension ``d`` (1–8 or "d1"–"d8") in ``lang`` ('vi' or 'en').

    Raises
    ------
    ParameterError
        If ``d`` is not a dimension.
    """
    vi, en = DIMENSIONS[_dim_number(d)]
    return vi if lang == "vi" else en


def measure_label(measure: str, lang: str = "vi") -> str:
    """The label of a :data:`MEASURES` code ("d3", "total", "total_d1_d6", "total_pct")."""
    if measure in _MEASURE_LABELS:
        vi, en = _MEASURE_LABELS[measure]
        return vi if lang == "vi" else en
    return dimension_label(measure, lang)


def comparable_from(measure: str, year: int) -> int:
    """The first year whose ``measure`` can be compared with ``year``'s.

    Totals compare within 2011–2017 or within 2018+; d7 and d8 start in 2018; d1–d6, their
    sum and the total as a percentage of the maximum compare across all years.
    """
    if measure in ("d7", "d8"):
        return SCALE_BREAK
    if measure == "total":
        return SCALE_BREAK if year >= SCALE_BREAK else min(SINCE.values())
    return min(SINCE.values())


# -- reading ------------------------------------------------------------------------
def _locate(data_dir: Path | str | None, name: str) -> Path:
    """The file ``name`` in ``data_dir`` (the PAPI folder, or a data folder holding papi/)."""
    if data_dir is None:
        return config.PAPI_DIR / name
    base = Path(data_dir)
    for candidate in (base / name, base / "papi" / name):
        if candidate.is_file():
            return candidate
    return base / name


@lru_cache(maxsize=64)
def gso_for(province_vi: str, data_dir: Path | str | None = None) -> int | None:
    """The GSO code of a province named in Vietnamese (``data/papi/provinces.csv``), or None:
    how a registry's province (``units.csv``'s ``province``) finds its PAPI scores."""
    from ..text import fold

    path = _locate(data_dir, "provinces.csv")
    if not path.is_file():
        path = config.PAPI_DIR / "provinces.csv"
    with contextlib.suppress(OSError, ValueError, KeyError):
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        key = fold(province_vi)
        for names, code in zip(zip(df["name_vi"], df.get("name_vi_vietnamcode", df["name_vi"]),
                                   strict=True), df["gso_code"], strict=True):
            if key in {fold(n) for n in names}:
                return int(code)
    return None


def _read(path: Path, required: list[str]) -> pd.DataFrame:
    if not path.is_file():
        raise InputFileError(
            "Không tìm thấy tệp số liệu PAPI.",
            "The PAPI data file is missing.",
            where=str(path),
            hint_vi="Tệp được cung cấp cùng dự án trong data/papi/; khôi phục tệp đó, hoặc "
            "đặt PAPI_ANALYSIS_DATA trỏ tới thư mục data có thư mục con papi/.",
            hint_en="The file ships in data/papi/; restore it, or point PAPI_ANALYSIS_DATA at a "
            "data folder that contains papi/.",
        )
    try:
        df = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputFileError(
            "Không đọc được tệp số liệu PAPI (không phải CSV UTF-8 hợp lệ).",
            "Cannot read the PAPI data file (not a valid UTF-8 CSV).",
            where=f"{path} ({exc.__class__.__name__})",
            hint_vi="Khôi phục tệp gốc của dự án trong data/papi/.",
            hint_en="Restore the project's original file in data/papi/.",
        ) from None
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise InputFileError(
            f"Tệp số liệu PAPI thiếu cột: {', '.join(missing)}.",
            f"The PAPI data file lacks columns: {', '.join(missing)}.",
            where=str(path),
            hint_vi=f"Tệp cần có các cột: {', '.join(required)}. Khôi phục tệp gốc trong "
            "data/papi/.",
            hint_en=f"The file needs the columns: {', '.join(required)}. Restore the original "
            "in data/papi/.",
        )
    return df


def _numbers(df: pd.DataFrame, col: str, path: Path, *, required: bool) -> pd.Series:
    raw = df[col].astype(str).str.strip()
    out = pd.to_numeric(raw.where(raw != ""), errors="coerce")
    bad = out.isna() & (raw != "") | (out.isna() & required)
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0]) + 2  # CSV line, header = line 1
        raise InputFileError(
            f"Cột “{col}” có giá trị không phải số: “{raw.iloc[row - 2]}”.",
            f"Column “{col}” holds a value that is not a number: “{raw.iloc[row - 2]}”.",
            where=f"{path} › dòng/line {row} › {col}",
            hint_vi="Sửa giá trị đó hoặc khôi phục tệp gốc trong data/papi/.",
            hint_en="Fix that value or restore the original file in data/papi/.",
        )
    return out


def load(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Read the PAPI scores, one row per province and year (``papi_dimensions_wide.csv``).

    Parameters
    ----------
    data_dir
        The folder holding the PAPI files, or a data folder with a ``papi/`` sub-folder;
        default ``config.PAPI_DIR``.

    Returns
    -------
    DataFrame
        Columns :data:`WIDE_COLUMNS`: ``year``, ``gso_code``, ``scale_min``, ``scale_max``,
        ``n_ranked_in_data`` as int; ``d1``–``d8`` and ``total`` as float (missing = NaN);
        ``complete`` as bool; ``rank_in_data`` as nullable Int64 (missing when not ranked).

    Raises
    ------
    InputFileError
        If the file is missing, unreadable, lacks a column, holds a non-number, a score
        outside 1–10 or a duplicate province-year.
    """
    path = _locate(data_dir, WIDE_FILE)
    df = _read(path, WIDE_COLUMNS)[WIDE_COLUMNS].copy()
    for col in ("year", "gso_code", "scale_min", "scale_max", "n_ranked_in_data"):
        df[col] = _numbers(df, col, path, required=True).astype(int)
    for col in (*DIM_COLUMNS, "total"):
        df[col] = _numbers(df, col, path, required=False).astype(float)
    df["rank_in_data"] = _numbers(df, "rank_in_data", path, required=False).astype("Int64")
    df["complete"] = df["complete"].astype(str).str.strip().str.lower().isin(["true", "1", "yes"])
    for col in ("province_code", "name_en", "name_vi"):
        df[col] = df[col].astype(str)
    scores = df[DIM_COLUMNS]
    out_of_range = (scores.lt(1) | scores.gt(10)).any(axis=1)
    dup = df.duplicated(["year", "gso_code"])
    for mask, vi, en in ((out_of_range, "có điểm lĩnh vực ngoài khoảng 1–10",
                          "holds a dimension score outside 1–10"),
                         (dup, "lặp lại một tỉnh trong cùng năm", "repeats a province-year")):
        if mask.any():
            line = int(mask.to_numpy().nonzero()[0][0]) + 2
            raise InputFileError(
                f"Tệp số liệu PAPI {vi}.", f"The PAPI data file {en}.",
                where=f"{path} › dòng/line {line}",
                hint_vi="Khôi phục tệp gốc trong data/papi/.",
                hint_en="Restore the original file in data/papi/.",
            )
    return df.sort_values(["year", "gso_code"]).reset_index(drop=True)


def load_subdimensions(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Read the sub-dimension scores (``papi_subdimensions_long.csv``), one row per score.

    Names (``subdim_en``, ``subdim_vi``) are those of that year's questionnaire: a slot such
    as SC21 held a different sub-dimension before 2018.  A Vietnamese name the data file lacks
    is taken from ``subdimension_names.csv`` (:func:`with_vietnamese_names`), and
    ``name_basis`` says what each name rests on; ``subdim_vi`` stays ``""`` only where neither
    gives one.

    Raises
    ------
    InputFileError
        If the file is missing, unreadable, lacks a column or holds a non-number.
    """
    path = _locate(data_dir, SUB_FILE)
    df = _read(path, SUB_COLUMNS)[SUB_COLUMNS].copy()
    for col in ("year", "gso_code", "dimension"):
        df[col] = _numbers(df, col, path, required=True).astype(int)
    df["score"] = _numbers(df, "score", path, required=True).astype(float)
    return with_vietnamese_names(df, load_names(data_dir)).reset_index(drop=True)


def load_names(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The sub-dimensions' Vietnamese names (``subdimension_names.csv``): ``slot``,
    ``from_year``, ``to_year``, ``subdim_en``, ``subdim_vi``, ``basis`` (one of
    :data:`NAME_BASES`) and ``source``; an empty table when the folder has no such file.

    Raises
    ------
    InputFileError
        If the file exists but cannot be read or lacks a column.
    """
    path = _locate(data_dir, NAMES_FILE)
    if not path.is_file():
        return pd.DataFrame(columns=NAMES_COLUMNS)
    df = _read(path, NAMES_COLUMNS)[NAMES_COLUMNS].copy()
    for col in ("from_year", "to_year"):
        df[col] = _numbers(df, col, path, required=True).astype(int)
    return df


def load_groups(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The published PAPI quartile groups (``quartile_groups.csv``): one row per year and group
    (1 = highest … 4 = lowest) with ``n_provinces``, the published score band where one is
    stated (``score_min``, ``score_max``, else NaN), ``basis`` (one of :data:`GROUP_BASES`),
    ``source``, ``source_url``, ``source_date``, ``note``, and where another public source
    gives a different size, ``n_alternative`` (else NaN) with ``alternative_source``.

    The groups are national facts, so a data folder without its own file uses the shipped one;
    an empty table is returned only when neither exists.

    Raises
    ------
    InputFileError
        If the file cannot be read, lacks a column, holds a non-number, an unknown basis, or a
        year that does not list groups 1–4 exactly once with at least one province each.
    """
    path = _locate(data_dir, GROUPS_FILE)
    if not path.is_file():
        path = config.PAPI_DIR / GROUPS_FILE
    if not path.is_file():
        return pd.DataFrame(columns=GROUPS_COLUMNS)
    return _checked_groups(path, path.stat().st_mtime_ns).copy()


@lru_cache(maxsize=8)
def _checked_groups(path: Path, _mtime: int) -> pd.DataFrame:
    df = _read(path, GROUPS_COLUMNS)[GROUPS_COLUMNS].copy()
    for col in ("year", "group", "n_provinces"):
        df[col] = _numbers(df, col, path, required=True).astype(int)
    for col in ("score_min", "score_max", "n_alternative"):
        df[col] = _numbers(df, col, path, required=False).astype(float)
    bad_basis = ~df["basis"].isin(GROUP_BASES)
    bad_year = df.groupby("year")["group"].transform(lambda g: sorted(g) != [1, 2, 3, 4])
    for mask, vi, en in ((bad_basis, f"có basis khác {', '.join(GROUP_BASES)}",
                          f"has a basis other than {', '.join(GROUP_BASES)}"),
                         (bad_year | (df["n_provinces"] < 1),
                          "có năm không ghi đủ 4 nhóm (1–4, mỗi nhóm một dòng, ít nhất 1 tỉnh)",
                          "has a year without groups 1–4 once each, each with a province")):
        if mask.any():
            line = int(mask.to_numpy().nonzero()[0][0]) + 2
            raise InputFileError(
                f"Tệp nhóm PAPI {vi}.", f"The PAPI groups file {en}.",
                where=f"{path} › dòng/line {line}",
                hint_vi="Sửa dòng đó theo báo cáo PAPI đã dẫn, hoặc khôi phục tệp gốc trong "
                "data/papi/.",
                hint_en="Fix that line from the cited PAPI report, or restore the original in "
                "data/papi/.")
    return df.sort_values(["year", "group"]).reset_index(drop=True)


def group_of(rank: int, n_ranked: int, year: int,
             groups: pd.DataFrame | None = None) -> tuple[int, str]:
    """The quartile group (1 = highest … 4 = lowest) of ``rank`` among ``n_ranked`` in ``year``
    and what it rests on.

    - ``"published"``: ``groups`` (default :func:`load_groups`) has that year's groups and they
      cover exactly ``n_ranked`` provinces (ranks 1–16 are group 1 when the top group has 16
      provinces, and so on);
    - ``"disputed"``: as published, but another public source's sizes (``n_alternative``) put
      this rank in another group: the group shown is the recorded one, and it must be flagged;
    - ``"computed"``: no usable published groups for the year (none recorded, or they do not
      add up to the provinces ranked in the data): :func:`quartile`'s rule.
    """
    table = load_groups() if groups is None else groups
    rows = table.loc[table["year"] == int(year)].sort_values("group")
    sizes = [int(n) for n in rows["n_provinces"]]
    if len(sizes) != 4 or sum(sizes) != int(n_ranked) or not 1 <= int(rank) <= int(n_ranked):
        return quartile(int(rank), int(n_ranked)), "computed"
    group = _group_by_sizes(int(rank), sizes)
    if "n_alternative" in rows:
        alt = [int(a) if pd.notna(a) else n
               for a, n in zip(rows["n_alternative"], sizes, strict=True)]
        if sum(alt) == int(n_ranked) and _group_by_sizes(int(rank), alt) != group:
            return group, "disputed"
    return group, "published"


def _group_by_sizes(rank: int, sizes: list[int]) -> int:
    upper = 0
    for group, size in enumerate(sizes, start=1):
        upper += size
        if rank <= upper:
            return group
    return len(sizes)


def with_vietnamese_names(sub: pd.DataFrame, names: pd.DataFrame) -> pd.DataFrame:
    """``sub`` with every missing ``subdim_vi`` filled from ``names`` (by slot and year) and a
    ``name_basis`` column: ``official`` where the data file gives the name, else the basis the
    names table records (``press`` or ``translation``), ``""`` where no name is known."""
    out = sub.copy()
    vi = out["subdim_vi"].fillna("").astype(str).str.strip()
    basis = pd.Series(["official" if v else "" for v in vi], index=out.index)
    for r in names.itertuples(index=False):
        hit = ((vi == "") & (out["slot"] == r.slot) & (out["year"] >= int(r.from_year))
               & (out["year"] <= int(r.to_year)))
        vi = vi.where(~hit, str(r.subdim_vi))
        basis = basis.where(~hit, str(r.basis))
    out["subdim_vi"] = vi
    out["name_basis"] = basis
    return out


# -- helpers ------------------------------------------------------------------------
def latest_year(wide: pd.DataFrame) -> int:
    """The most recent year with at least one complete province."""
    return int(wide.loc[wide["complete"], "year"].max())


def province_name(wide: pd.DataFrame, gso_code: int, lang: str = "vi") -> str:
    """The province's name in ``lang`` (as the PAPI files write it).

    Raises
    ------
    ParameterError
        If no province has that GSO code.
    """
    rows = wide.loc[wide["gso_code"] == int(gso_code)]
    if rows.empty:
        raise _unknown_province(gso_code)
    return str(rows.iloc[-1]["name_vi" if lang == "vi" else "name_en"])


def _unknown_province(gso_code: object) -> ParameterError:
    return ParameterError(
        f"Không có tỉnh mã GSO “{gso_code}” trong số liệu PAPI.",
        f"No province with GSO code “{gso_code}” in the PAPI data.",
        where="gso_code",
        hint_vi="Dùng mã GSO của tỉnh (Hưng Yên = 33); xem data/papi/provinces.csv.",
        hint_en="Use the province's GSO code (Hưng Yên = 33); see data/papi/provinces.csv.",
    )


def _province_rows(wide: pd.DataFrame, gso_code: int) -> pd.DataFrame:
    rows = wide.loc[wide["gso_code"] == int(gso_code)]
    if rows.empty:
        raise _unknown_province(gso_code)
    return rows


def _long(wide: pd.DataFrame) -> pd.DataFrame:
    """Every province-year-measure that exists that year (d7/d8 only from 2018)."""
    df = wide.copy()
    df["total_d1_d6"] = df[DIM_COLUMNS[:6]].sum(axis=1, min_count=6)
    df["total_pct"] = df["total"] / df["scale_max"] * 100
    long = df.melt(id_vars=["year", "gso_code", "name_vi", "name_en"], value_vars=list(MEASURES),
                   var_name="measure", value_name="value")
    late = [m for m in DIM_COLUMNS if SINCE[int(m[1])] > min(SINCE.values())]
    exists = ~long["measure"].isin(late) | (long["year"] >= SCALE_BREAK)
    return long.loc[exists].reset_index(drop=True)


def _year_stats(long: pd.DataFrame) -> pd.DataFrame:
    """Per year and measure: national median, best score and the best province."""
    have = long.dropna(subset=["value"])
    grouped = have.groupby(["year", "measure"])
    stats = grouped["value"].agg(national_median="median", best="max").reset_index()
    top = have.loc[grouped["value"].idxmax(), ["year", "measure", "name_vi"]]
    return stats.merge(top.rename(columns={"name_vi": "best_province"}), on=["year", "measure"])


def _notes(year: int, measure: str, missing: bool) -> tuple[str, str]:
    parts: list[tuple[str, str]] = []
    if missing:
        parts.append(_NOTE_MISSING)
    if year == SCALE_BREAK and measure == "total":
        parts.append(_NOTE_SCALE)
    if year == SCALE_BREAK and measure == "total_pct":
        parts.append(_NOTE_PCT)
    if year == SCALE_BREAK and measure in ("d8", "total", "total_pct"):
        parts.append(_NOTE_D8_2018)
    return " ".join(p[0] for p in parts), " ".join(p[1] for p in parts)


def _with_notes(df: pd.DataFrame) -> pd.DataFrame:
    notes = [_notes(int(y), m, bool(x))
             for y, m, x in zip(df["year"], df["measure"], df["missing"], strict=True)]
    df["note"] = [n[0] for n in notes]
    df["note_en"] = [n[1] for n in notes]
    return df


# -- trends and ranks ---------------------------------------------------------------
def trend(wide: pd.DataFrame, gso_code: int = config.PROVINCE_GSO_CODE) -> pd.DataFrame:
    """A province's scores over the years next to the national median and the best province.

    Returns
    -------
    DataFrame
        One row per year and measure (:data:`MEASURES`; d7, d8 only from 2018): ``year``,
        ``measure``, ``value`` (the province's), ``national_median``, ``best``,
        ``best_province`` (Vietnamese name), ``comparable_from`` (see :func:`comparable_from`),
        ``missing`` (True where the province has no value: the row stays, value NaN, never
        interpolated), ``note`` (Vietnamese) and ``note_en``.

    Raises
    ------
    ParameterError
        If ``gso_code`` is not a province in the data.
    """
    _province_rows(wide, gso_code)
    long = _long(wide)
    mine = long.loc[long["gso_code"] == int(gso_code), ["year", "measure", "value"]]
    out = mine.merge(_year_stats(long), on=["year", "measure"], how="left")
    out["comparable_from"] = [comparable_from(m, int(y))
                              for m, y in zip(out["measure"], out["year"], strict=True)]
    out["missing"] = out["value"].isna()
    order = {m: i for i, m in enumerate(MEASURES)}
    out = out.sort_values(["measure", "year"],
                          key=lambda s: s.map(order) if s.name == "measure" else s)
    return _with_notes(out.reset_index(drop=True))


def quartile(rank: int, n_ranked: int) -> int:
    """The computed quartile group (1 = highest … 4 = lowest) of ``rank`` among ``n_ranked``:
    the rule for years whose published groups are not recorded (see :func:`group_of`).

    A province's position is (n − rank) / (n − 1), i.e. where its score falls among the
    year's scores: at or above the 75th percentile → 1, at or above the median → 2, above
    the 25th percentile → 3, else 4.  For 63 provinces this gives 16/16/15/16, as PAPI
    published for 2017, 2019 and 2020; for 61 it gives 16/15/14/16, which matches no published
    year (2022: 16/16/15/14; 2023 and 2024: 15/15/15/16), so no fixed rule replaces the
    published groups.
    """
    if n_ranked <= 1:
        return 1
    pos = (n_ranked - rank) / (n_ranked - 1)
    if pos >= 0.75:
        return 1
    if pos >= 0.5:
        return 2
    if pos > 0.25:
        return 3
    return 4


def rank_history(wide: pd.DataFrame, gso_code: int = config.PROVINCE_GSO_CODE,
                 groups: pd.DataFrame | None = None) -> pd.DataFrame:
    """A province's total, rank and quartile group each year.

    ``groups`` is :func:`load_groups` (default: the shipped file): the group is the published
    one where that year's groups are recorded, else computed (:func:`group_of`).

    Returns
    -------
    DataFrame
        ``year``, ``total``, ``rank`` (Int64), ``n_ranked`` (provinces ranked that year),
        ``rank_change`` (places gained since the previous year, Int64), ``quartile`` (Int64,
        1 = highest), ``group_vi``, ``group_en``, ``group_basis`` (``"published"``,
        ``"disputed"``, ``"computed"``: see :func:`group_of`; ``""`` when not ranked),
        ``scale_max``, ``note`` (Vietnamese),
        ``note_en``: the scale change in 2018 and missing years.  Missing years keep their row.

    Raises
    ------
    ParameterError
        If ``gso_code`` is not a province in the data.
    """
    rows = _province_rows(wide, gso_code).sort_values("year")
    out = pd.DataFrame({
        "year": rows["year"].to_numpy(),
        "total": rows["total"].to_numpy(),
        "rank": rows["rank_in_data"].astype("Int64").to_numpy(),
        "n_ranked": rows["n_ranked_in_data"].to_numpy(),
        "scale_max": rows["scale_max"].to_numpy(),
    })
    out["rank"] = out["rank"].astype("Int64")
    out["rank_change"] = (out["rank"].shift(1) - out["rank"]).astype("Int64")
    table = load_groups() if groups is None else groups
    found = [(pd.NA, "") if pd.isna(r) else group_of(int(r), int(n), int(y), table)
             for r, n, y in zip(out["rank"], out["n_ranked"], out["year"], strict=True)]
    out["quartile"] = pd.array([f[0] for f in found], dtype="Int64")
    out["group_basis"] = [f[1] for f in found]
    out["group_vi"] = [GROUPS[q][0] if not pd.isna(q) else "" for q in out["quartile"]]
    out["group_en"] = [GROUPS[q][1] if not pd.isna(q) else "" for q in out["quartile"]]
    out["measure"] = "total"
    out["missing"] = out["total"].isna()
    out = _with_notes(out)
    return out.drop(columns=["measure", "missing"])[
        ["year", "total", "rank", "n_ranked", "rank_change", "quartile", "group_vi", "group_en",
         "group_basis", "scale_max", "note", "note_en"]]


def gso_of(wide: pd.DataFrame, name_vi: str) -> int | None:
    """The GSO code of the province named ``name_vi`` in the data (diacritics and case
    ignored), or None."""
    from ..text import fold

    key = fold(name_vi)
    hit = wide.loc[[fold(n) == key for n in wide["name_vi"]], "gso_code"]
    return int(hit.iloc[0]) if len(hit) else None


def side_by_side(wide: pd.DataFrame, gso_codes: Sequence[int], until: int) -> pd.DataFrame:
    """The PAPI series of several provinces next to each other, up to year ``until``: for a
    merged province, its predecessors (scores cannot be added, so they are shown apart).

    Returns one row per year: ``year``, then per province ``total_<gso>`` (the 8- or 6-
    dimension total of that year's scale), ``d16_<gso>`` (D1–D6, comparable over the years),
    ``rank_<gso>`` and ``n_ranked`` (provinces ranked that year).
    """
    out = None
    for g in gso_codes:
        rows = _province_rows(wide, g)
        rows = rows[rows["year"] <= until].sort_values("year")
        part = pd.DataFrame({
            "year": rows["year"].to_numpy(),
            f"total_{g}": rows["total"].to_numpy(),
            f"d16_{g}": rows[[f"d{d}" for d in range(1, 7)]].sum(axis=1, min_count=6).to_numpy(),
            f"rank_{g}": rows["rank_in_data"].astype("Int64").to_numpy(),
            "n_ranked": rows["n_ranked_in_data"].to_numpy(),
        })
        out = part if out is None else out.merge(part, on=["year", "n_ranked"], how="outer")
    return out.sort_values("year").reset_index(drop=True) if out is not None else pd.DataFrame()


# -- one year's dimensions ------------------------------------------------------------
def _year_with_data(wide: pd.DataFrame, gso_code: int, year: int | None, what: str) -> int:
    rows = _province_rows(wide, gso_code)
    have: list[int] = sorted(rows.loc[rows[DIM_COLUMNS].notna().any(axis=1), "year"].astype(int))
    if year is None:
        complete: list[int] = sorted(rows.loc[rows["complete"], "year"].astype(int))
        if not (complete or have):
            raise _no_year(gso_code, None, what, have)
        return (complete or have)[-1]
    if int(year) not in have:
        raise _no_year(gso_code, year, what, have)
    return int(year)


def _no_year(gso_code: object, year: int | None, what: str, have: list[int]
             ) -> ParameterError:
    years = ", ".join(str(y) for y in have) or "—"
    return ParameterError(
        f"Không có số liệu PAPI năm {year} của tỉnh mã {gso_code}.",
        f"No PAPI data for {year} for province {gso_code}.",
        where=what,
        hint_vi=f"Chọn một năm có số liệu: {years}.",
        hint_en=f"Pick a year with data: {years}.",
    )


def _dimension_table(wide: pd.DataFrame, gso_code: int, year: int) -> pd.DataFrame:
    long = _long(wide)
    long = long.loc[(long["year"] == year) & long["measure"].isin(DIM_COLUMNS)]
    stats = _year_stats(long)
    mine = long.loc[long["gso_code"] == int(gso_code), ["measure", "value"]]
    out = mine.merge(stats.drop(columns="year"), on="measure", how="left")
    ranks = long.assign(r=long.groupby("measure")["value"].rank(ascending=False, method="min"))
    ranked = ranks.loc[ranks["gso_code"] == int(gso_code), ["measure", "r"]]
    out = out.merge(ranked, on="measure", how="left")
    out["rank_in_dimension"] = out["r"].astype("Int64")
    counts = long.dropna(subset=["value"])["measure"].value_counts()
    out["n_in_dimension"] = out["measure"].map(counts)
    out.insert(0, "dimension", out["measure"].str[1].astype(int))
    out.insert(2, "label_vi", out["dimension"].map(lambda d: DIMENSIONS[d][0]))
    out.insert(3, "label_en", out["dimension"].map(lambda d: DIMENSIONS[d][1]))
    out = out.rename(columns={"value": "score"}).drop(columns="r")
    out["gap_to_best"] = out["best"] - out["score"]
    out.insert(4, "year", year)
    return out


def moves(wide: pd.DataFrame, gso_code: int = config.PROVINCE_GSO_CODE, year: int | None = None,
          base_year: int | None = None) -> pd.DataFrame:
    """How each dimension moved between ``base_year`` and ``year``, biggest move first.

    ``year`` defaults to the province's latest complete year, ``base_year`` to the previous
    complete year (else the previous year with any score).  A dimension without a score in
    either year (d7 and d8 before 2018, a missing province-year) is ``comparable=False``, has
    no change and sorts last.

    Returns
    -------
    DataFrame
        ``dimension``, ``measure``, ``label_vi``, ``label_en``, ``year``, ``base_year``,
        ``score``, ``base_score``, ``change``, ``comparable``, ``national_median``, ``best``,
        ``best_province``, ``gap_to_best``, ``note``, ``note_en``.

    Raises
    ------
    ParameterError
        If the province, ``year`` or ``base_year`` has no data.
    """
    year = _year_with_data(wide, gso_code, year, "year")
    rows = _province_rows(wide, gso_code)
    if base_year is None:  # the previous complete year, else the previous year with any score
        before = rows.loc[rows["year"] < year]
        earlier = before.loc[before["complete"], "year"]
        if earlier.empty:
            earlier = before.loc[before[DIM_COLUMNS].notna().any(axis=1), "year"]
        base_year = int(earlier.max()) if len(earlier) else None
    else:
        base_year = _year_with_data(wide, gso_code, base_year, "base_year")
    out = _dimension_table(wide, gso_code, year)
    base = rows.loc[rows["year"] == base_year, DIM_COLUMNS]
    base_scores = base.iloc[0] if len(base) else pd.Series(float("nan"), index=DIM_COLUMNS)
    out["base_year"] = pd.array([base_year] * len(out), dtype="Int64")
    out["base_score"] = out["measure"].map(base_scores).astype(float)
    out["comparable"] = out["score"].notna() & out["base_score"].notna()
    out["change"] = (out["score"] - out["base_score"]).where(out["comparable"])
    notes = [_move_note(m, year, base_year, pd.notna(s), pd.notna(b))
             for m, s, b in zip(out["measure"], out["score"], out["base_score"], strict=True)]
    out["note"] = [n[0] for n in notes]
    out["note_en"] = [n[1] for n in notes]
    out = out.assign(_k=out["change"].abs()).sort_values(
        ["_k", "dimension"], ascending=[False, True], na_position="last")
    cols = ["dimension", "measure", "label_vi", "label_en", "year", "base_year", "score",
            "base_score", "change", "comparable", "national_median", "best", "best_province",
            "gap_to_best", "note", "note_en"]
    return out[cols].reset_index(drop=True)


def _move_note(measure: str, year: int, base_year: int | None, has_score: bool,
               has_base: bool) -> tuple[str, str]:
    if base_year is None:
        return ("Không có năm gốc để so sánh.", "No earlier year to compare with.")
    if not has_score:
        return (f"Không so sánh được: năm {year} không có điểm lĩnh vực này.",
                f"Not comparable: no score for this dimension in {year}.")
    if not has_base:
        return (f"Không so sánh được: năm {base_year} không có điểm lĩnh vực này.",
                f"Not comparable: no score for this dimension in {base_year}.")
    if measure == "d8" and SCALE_BREAK in (year, base_year):
        return _NOTE_D8_2018
    return ("", "")


def gaps_to_best(wide: pd.DataFrame, gso_code: int = config.PROVINCE_GSO_CODE,
                 year: int | None = None) -> pd.DataFrame:
    """How far each dimension is from the best province that year, largest gap first.

    Returns
    -------
    DataFrame
        ``dimension``, ``measure``, ``label_vi``, ``label_en``, ``year``, ``score``,
        ``national_median``, ``best``, ``best_province``, ``gap_to_best`` (best − score),
        ``gap_to_median`` (score − median), ``rank_in_dimension``, ``n_in_dimension``.

    Raises
    ------
    ParameterError
        If the province or ``year`` has no data.
    """
    year = _year_with_data(wide, gso_code, year, "year")
    out = _dimension_table(wide, gso_code, year)
    out["gap_to_median"] = out["score"] - out["national_median"]
    out = out.sort_values(["gap_to_best", "dimension"], ascending=[False, True], na_position="last")
    cols = ["dimension", "measure", "label_vi", "label_en", "year", "score", "national_median",
            "best", "best_province", "gap_to_best", "gap_to_median", "rank_in_dimension",
            "n_in_dimension"]
    return out[cols].reset_index(drop=True)


def subdimensions(sub: pd.DataFrame, gso_code: int = config.PROVINCE_GSO_CODE,
                  year: int | None = None) -> pd.DataFrame:
    """A province's sub-dimension scores in one year (default: its latest) with median and best.

    Returns
    -------
    DataFrame
        ``year``, ``dimension``, ``dimension_vi``, ``dimension_en``, ``slot``, ``name`` (the
        year's Vietnamese name where known, else English), ``name_lang`` ('vi' or 'en'),
        ``subdim_vi``, ``subdim_en``, ``name_basis`` (see :func:`with_vietnamese_names`),
        ``score``, ``national_median``, ``best``,
        ``best_province``, ``gap_to_best``; ordered by dimension and slot.

    Raises
    ------
    ParameterError
        If the province or ``year`` has no sub-dimension scores.
    """
    mine_all = sub.loc[sub["gso_code"] == int(gso_code)]
    if mine_all.empty:
        raise _unknown_province(gso_code)
    have = sorted(mine_all["year"].astype(int).unique())
    year = have[-1] if year is None else int(year)
    if year not in have:
        raise _no_year(gso_code, year, "year", have)
    that_year = sub.loc[sub["year"] == year].dropna(subset=["score"])
    grouped = that_year.groupby("slot")
    stats = grouped["score"].agg(national_median="median", best="max").reset_index()
    top = that_year.loc[grouped["score"].idxmax(), ["slot", "name_vi"]]
    stats = stats.merge(top.rename(columns={"name_vi": "best_province"}), on="slot")
    mine = that_year.loc[that_year["gso_code"] == int(gso_code)]
    out = mine.merge(stats, on="slot", how="left")
    vi = out["subdim_vi"].fillna("").astype(str).str.strip()
    out["name"] = vi.where(vi != "", out["subdim_en"].astype(str))
    out["name_lang"] = ["vi" if v else "en" for v in vi]
    out["subdim_vi"] = vi
    if "name_basis" not in out.columns:
        out["name_basis"] = ["official" if v else "" for v in vi]
    out["gap_to_best"] = out["best"] - out["score"]
    cols = ["year", "dimension", "dimension_vi", "dimension_en", "slot", "name", "name_lang",
            "subdim_vi", "subdim_en", "name_basis", "score", "national_median", "best",
            "best_province", "gap_to_best"]
    return out.sort_values(["dimension", "slot"])[cols].reset_index(drop=True)
