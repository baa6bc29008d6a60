"""Loading the data the project ships: real submissions and the illustrative panel.

``load()`` is what notebooks call: one tidy table (see :mod:`papi_analysis.model.schema`) with
the real submissions under ``data/submissions/`` and, unless asked not to, the generated
illustrative panel under ``data/illustrative/``.  Where both hold the same figure (agency,
period, indicator, field), the real one wins.
"""

from __future__ import annotations

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


def submission_files(data_dir: Path | str | None = None, illustrative: bool = True) -> list[Path]:
    """The submission files shipped under ``data_dir`` (real first, then illustrative).

    Raises
    ------
    InputFileError
        If ``data_dir`` is not an existing folder.
    """
    base = data_folder(data_dir)
    files: list[Path] = []
    folders = [base / "submissions"] + ([base / "illustrative"] if illustrative else [])
    for folder in folders:
        if folder.is_dir():
            files += sorted(p for p in folder.iterdir()
                            if p.suffix.lower() in (".csv", ".xlsx") and not p.name.startswith("~"))
    return files


def load(data_dir: Path | str | None = None, illustrative: bool = True) -> pd.DataFrame:
    """Read every shipped submission into one tidy table; real figures win over illustrative.

    Raises
    ------
    InputFileError
        If the data folder does not exist or a shipped file cannot be read.
    """
    from . import submissions

    files = submission_files(data_dir, illustrative)
    if not files:
        return schema.empty()
    frames = [submissions.read(p) for p in files]
    df = pd.concat(frames, ignore_index=True)
    df = df.sort_values("illustrative", kind="stable")  # real rows first
    df = df.drop_duplicates(subset=schema.KEY, keep="first")
    return schema.conform(df)
