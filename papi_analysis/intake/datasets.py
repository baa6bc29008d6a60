"""Loading the data the project ships: real submissions and the illustrative panel.

``load()`` is what notebooks call: one tidy table (see :mod:`papi_analysis.model.schema`) with
the real submissions under ``data/submissions/`` and, unless turned off (``illustrative=False``
or ``illustrative = false`` in the folder's ``papi-analysis.toml``), the generated
illustrative panel under ``data/illustrative/``.

One agency, one period, one owner (:func:`own`): where any real source exists for an
(agency, period), no illustrative figure of that agency and period is used at all, so a real
submission is never topped up with made-up figures.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from pathlib import Path

import pandas as pd

from .. import config
from ..errors import InputFileError
from ..model import schema


def data_folder(data_dir: Path | str | None = None) -> Path:
    """``data_dir`` (default :data:`config.DATA_DIR`), checked to be an existing folder.

    Raises
    ------
    InputFileError
        If it does not exist or is a file.
    """
    base = Path(data_dir) if data_dir else config.DATA_DIR
    if base.is_dir():
        return base
    what_vi, what_en = (("là một tệp, không phải thư mục", "is a file, not a folder")
                        if base.exists() else ("không tồn tại", "does not exist"))
    raise InputFileError(f"Thư mục số liệu “{base}” {what_vi}.",
                         f"The data folder “{base}” {what_en}.",
                         where=str(base),
                         hint_vi="Kiểm tra đường dẫn (--data hoặc biến PAPI_ANALYSIS_DATA); "
                                 "bỏ trống để dùng thư mục data/ của dự án.",
                         hint_en="Check the path (--data or PAPI_ANALYSIS_DATA); leave it "
                                 "empty to use the project's data/ folder.")


#: Name of the settings file a data folder may carry (TOML).
SETTINGS_FILE = "papi-analysis.toml"

#: Source kinds in order of precedence: where two real sources give the same figure of the
#: same agency and period, the first kind wins (and a difference is a validation error).
SOURCE_KINDS = ("form", "table", "prose", "illustrative")
SOURCE_KIND_LABELS = {
    "form": ("biểu mẫu (.xlsx)", "form workbook (.xlsx)"),
    "table": ("bảng số liệu (.csv)", "tidy table (.csv)"),
    "prose": ("báo cáo văn bản (.docx, .txt, .md)", "prose report (.docx, .txt, .md)"),
    "illustrative": ("số liệu minh họa", "illustrative"),
}


def settings(data_dir: Path | str | None = None) -> dict:
    """The settings of a data folder, from its ``papi-analysis.toml`` (``{}`` without one).

    Known keys: ``illustrative`` (true/false: whether the illustrative panel under
    ``illustrative/`` is read).

    Raises
    ------
    InputFileError
        If the file is not valid TOML or a key has the wrong type.
    """
    base = data_folder(data_dir)
    path = base / SETTINGS_FILE
    if not path.is_file():
        return {}
    try:
        with open(path, "rb") as fh:
            out = tomllib.load(fh)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise InputFileError(f"Không đọc được tệp cài đặt: {exc}.",
                             f"Cannot read the settings file: {exc}.", where=str(path),
                             hint_vi="Sửa tệp theo mẫu trong data/README.md "
                                     "(ví dụ: illustrative = false).",
                             hint_en="Fix it as shown in data/README.md "
                                     "(for example: illustrative = false).") from None
    if "illustrative" in out and not isinstance(out["illustrative"], bool):
        raise InputFileError(
            f"illustrative = {out['illustrative']!r}: phải là true hoặc false.",
            f"illustrative = {out['illustrative']!r}: must be true or false.", where=str(path),
            hint_vi="Viết illustrative = false (không có ngoặc kép) để tắt số liệu minh họa.",
            hint_en="Write illustrative = false (no quotes) to turn illustrative data off.")
    return out


def illustrative_enabled(data_dir: Path | str | None = None, illustrative: bool = True) -> bool:
    """Whether the illustrative panel is read: asked for, and not turned off by the folder."""
    return bool(illustrative) and settings(data_dir).get("illustrative", True)


def source_kind(source_file: str, illustrative: bool = False) -> str:
    """The kind of a row's source (:data:`SOURCE_KINDS`) from its file name and flag."""
    if illustrative:
        return "illustrative"
    suffix = Path(str(source_file)).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "form"
    if suffix in (".csv", ".parquet"):  # .parquet: a records export (issue 23)
        return "table"
    return "prose"


def submission_files(data_dir: Path | str | None = None, illustrative: bool = True) -> list[Path]:
    """The submission files under ``data_dir``: real ones in ``submissions/``, then (unless
    turned off here or by the folder's settings) the illustrative panel in ``illustrative/``.

    Real submissions are form workbooks, tidy CSV and prose reports
    (:func:`papi_analysis.intake.submissions.is_submission`); sub-folders are not read.

    Raises
    ------
    InputFileError
        If ``data_dir`` is not an existing folder, or its settings file is broken.
    """
    from . import submissions

    base = data_folder(data_dir)
    files: list[Path] = []
    folders = [base / "submissions"]
    if illustrative_enabled(base, illustrative):
        folders.append(base / "illustrative")
    for folder in folders:
        if folder.is_dir():
            files += sorted(p for p in folder.iterdir() if p.is_file()
                            and submissions.is_submission(p))
    return files


def source_rank(source_file: str, illustrative: bool = False) -> tuple[int, str]:
    """The sort key of a row's source by precedence: its kind's place in
    :data:`SOURCE_KINDS`, then the file name."""
    return SOURCE_KINDS.index(source_kind(source_file, illustrative)), str(source_file)


def drop_unowned(df: pd.DataFrame, period: str = "period") -> pd.DataFrame:
    """``df`` without the illustrative rows of an (agency, ``period`` column) for which any
    real row exists: those rows are never used, nor checked."""
    ill = df["illustrative"].astype(bool)
    if not ill.any():
        return df
    keys = pd.MultiIndex.from_arrays([df["agency"], df[period]])
    owned = keys.isin(keys[~ill.to_numpy()].unique())
    return df[~(ill.to_numpy() & owned)]


def by_precedence(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` sorted (stably) by :func:`source_rank`: form, table, prose, illustrative."""
    cols = ["source_file", "illustrative"]
    pairs = df[cols].drop_duplicates()
    if len(pairs) <= 1:
        return df
    # one rank per source, not per row: a million rows are sorted in a fraction of a second
    pairs = pairs.assign(rank_=[source_rank(f, i) for f, i in zip(
        pairs["source_file"], pairs["illustrative"], strict=True)])
    pairs["rank_"] = pairs["rank_"].rank(method="dense")
    pos = df[cols].merge(pairs, on=cols, how="left")["rank_"].to_numpy()
    return df.iloc[pos.argsort(kind="stable")]


def own(tidy: pd.DataFrame) -> pd.DataFrame:
    """One agency, one period, one owner: the rows a comparison may use.

    * Where any real row exists for an (agency, period), every illustrative row of that
      (agency, period) is dropped (:func:`drop_unowned`): real figures are never topped up
      with made-up ones.
    * Where several real rows give the same figure (agency, period, indicator, field), the
      one of the source kind that comes first in :data:`SOURCE_KINDS` is kept (form, then
      table, then prose report), then the first file by name (:func:`by_precedence`).  A
      difference between them is a validation error
      (:func:`papi_analysis.intake.validation.validate`).
    """
    df = schema.conform(tidy)
    if df.empty:
        return df
    df = by_precedence(drop_unowned(df)).drop_duplicates(subset=schema.KEY, keep="first")
    return schema.conform(df.sort_index())


def read_all(data_dir: Path | str | None = None, illustrative: bool = True
             ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every submission under ``data_dir`` as read, and the findings of reading them.

    Unlike :func:`load` this does not stop at a file that cannot be read (it becomes a
    finding) and keeps every row, so that the validator sees conflicts between sources.
    """
    from . import records, submissions

    # records exports of <data>/records/ → II.06a rows, reconciled with the forms (issue 23)
    return records.with_records(data_dir, *submissions.read_many(
        submission_files(data_dir, illustrative)),
        illustrative=illustrative_enabled(data_dir, illustrative))


def cache_key(data_dir: Path | str | None = None, illustrative: bool = True) -> str:
    """The key of a data folder's tidy table in the cache: the content fingerprint of its
    files, the registry it is read with (which may live outside the folder:
    ``PAPI_ANALYSIS_AGENCIES``), whether the illustrative panel is read, all the package code
    that can change it (:func:`papi_analysis.fingerprint.code_digest`) and the versions of
    the libraries that parse the files."""
    from .. import fingerprint
    from ..model import agencies

    base = data_folder(data_dir)
    ill = illustrative_enabled(base, illustrative)
    code = fingerprint.code_digest()
    reg = agencies.registry_path(base)
    registry = [fingerprint.file_digest(p) for p in (reg, reg.parent / "successions.csv")
                if p.is_file()]
    blob = f"{fingerprint.data_fingerprint(base)}|{registry}|{ill}|{code}|{_libraries()}"
    return hashlib.sha256(blob.encode()).hexdigest()[:20]


def _libraries() -> str:
    """The versions of the libraries that read submissions (a new one may read differently)."""
    from importlib import metadata

    from . import memo

    kept = memo.get("libraries", "")  # read once per process: its modules are loaded once
    if kept is not None:
        return str(kept)
    out = []
    for name in ("pandas", "numpy", "openpyxl", "python-docx", "pyarrow", "duckdb"):
        try:
            out.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}=-")
    memo.put("libraries", "", ",".join(out))
    return ",".join(out)


def store(tidy: pd.DataFrame, key: str) -> None:
    """Keep ``tidy`` (every submission of a data folder as :func:`read_all` read it, without
    a reading error) as the folder's cached table under ``key`` (:func:`cache_key`), owned,
    for :func:`load`: the runner reads the inputs once for its data check and every
    appendix then loads the result."""
    from .. import caches

    if caches.get_frame("tidy", key, schema.conform) is not None:
        return
    caches.put_frame("tidy", key, own(tidy) if len(tidy) else schema.empty())


def load(data_dir: Path | str | None = None, illustrative: bool = True, *,
         cache: bool = True) -> pd.DataFrame:
    """Every submission under ``data_dir`` in one tidy table, owned (:func:`own`).

    The table is read once per content: it is kept as Parquet under
    :data:`papi_analysis.config.CACHE_DIR` (``tidy/<key>.parquet``, :func:`cache_key`), so a
    build reads and checks the inputs once before its kernels start, and every appendix, and
    every JupyterLab session, then loads that table in milliseconds.  Any change to a data
    file or to the reading code gives a new key; the file carries its key and a digest of its
    values, and one that does not verify is read afresh (:mod:`papi_analysis.caches`).
    A process keeps the table it read under the same key (:mod:`papi_analysis.intake.memo`), so the
    appendices a warm kernel runs one after another read the file once and each gets its own
    copy.  ``cache=False`` (or the environment variable ``PAPI_ANALYSIS_TIDY_CACHE=0``, for
    benchmarks) reads the files afresh.

    Raises
    ------
    InputFileError
        If the data folder does not exist, or not one figure in it can be read (a file that
        cannot be read is otherwise left out: ``validate`` and the build's data check say so).
    """
    from .. import caches
    from . import memo, records, submissions

    cache = cache and os.environ.get("PAPI_ANALYSIS_TIDY_CACHE", "1") != "0"
    key = cache_key(data_dir, illustrative) if cache else None
    if key is not None:
        kept = memo.get("tidy", key)  # read already by this process (an earlier appendix)
        if kept is not None:
            return kept.copy()
        hit = caches.get_frame("tidy", key, schema.conform)
        if hit is not None:
            memo.put("tidy", key, hit.copy())
            return hit
    files = submission_files(data_dir, illustrative)
    if not files and not records.record_files(data_dir):
        return schema.empty()
    # a file that cannot be read is left out (the data check reports it), not the folder
    out = own(records.with_records(data_dir, submissions.read_usable(files) if files
                                   else schema.empty(),
                                   illustrative=illustrative_enabled(data_dir, illustrative))[0])
    if key is not None:
        caches.put_frame("tidy", key, out)
        memo.put("tidy", key, out.copy())
    return out
