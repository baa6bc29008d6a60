"""Loading the data the project ships: real submissions and the illustrative panel.

``load()`` is what notebooks call: one tidy table (see :mod:`papi_analysis.schema`) with
the real submissions under ``data/submissions/`` and, unless asked not to, the generated
illustrative panel under ``data/illustrative/``.  Where both hold the same figure (agency,
period, indicator, field), the real one wins.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import config, schema


def submission_files(data_dir: Path | str | None = None, illustrative: bool = True) -> list[Path]:
    """The submission files shipped under ``data_dir`` (real first, then illustrative)."""
    base = Path(data_dir) if data_dir else config.DATA_DIR
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
        If a shipped file cannot be read.
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
