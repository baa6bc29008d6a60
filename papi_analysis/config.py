"""Paths: the one place that knows where data, notebooks and reports live.

Every path can be moved with an environment variable, so a scheduled run or a test can
point the package at another data folder without editing code.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("PAPI_ANALYSIS_ROOT", Path(__file__).resolve().parent.parent))
DATA_DIR = Path(os.environ.get("PAPI_ANALYSIS_DATA", ROOT / "data"))
NOTEBOOKS_DIR = Path(os.environ.get("PAPI_ANALYSIS_NOTEBOOKS", ROOT / "notebooks"))
REPORTS_DIR = Path(os.environ.get("PAPI_ANALYSIS_REPORTS", ROOT / "reports"))
AGENCIES_FILE = Path(os.environ.get("PAPI_ANALYSIS_AGENCIES",
                                    DATA_DIR / "agencies" / "units.csv"))

#: Content-keyed caches (findings of a data folder, extracted prose reports): safe to delete.
CACHE_DIR = Path(os.environ.get("PAPI_ANALYSIS_CACHE", ROOT / ".cache"))

PAPI_DIR = DATA_DIR / "papi"
SUBMISSIONS_DIR = DATA_DIR / "submissions"  # real submissions (the seed's figures)
ILLUSTRATIVE_DIR = DATA_DIR / "illustrative"  # generated panel, labelled as illustrative
PROVINCE_GSO_CODE = 33  # Hưng Yên
