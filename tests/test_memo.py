"""The per-process memo (intake/memo.py): a warm kernel's next appendix finds the tidy table
the previous one read, only under the same content key, and never a table a notebook changed.
"""

from __future__ import annotations

import importlib
import sys

import pandas as pd
import pytest

from papi_analysis import config
from papi_analysis.intake import memo

CSV = ("agency,period,indicator,value\n"
       "SKHCN,2024-H1,tthc.files_total,281\n"
       "SKHCN,2024-H1,tthc.resolved_total,270\n")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path / "cache")
    memo.clear()
    data = tmp_path / "data"
    (data / "submissions").mkdir(parents=True)
    (data / "submissions" / "skhcn.csv").write_text(CSV, encoding="utf-8")
    yield data
    memo.clear()


def purge_package() -> None:
    """What the warm kernel does before each notebook."""
    for name in list(sys.modules):
        if name == "papi_analysis" or name.startswith("papi_analysis."):
            del sys.modules[name]


def test_the_next_notebook_reads_the_table_from_the_memo(folder, monkeypatch):
    from papi_analysis.intake import datasets

    first = datasets.load(folder, illustrative=False)
    assert first["value"].tolist() == [281.0, 270.0]
    saved = dict(sys.modules)
    try:
        purge_package()
        fresh = importlib.import_module("papi_analysis.intake.datasets")
        caches = importlib.import_module("papi_analysis.caches")
        assert fresh is not datasets

        def no_file(*a, **k):
            raise AssertionError("read from the cache file, not from the memo")

        monkeypatch.setattr(caches, "get_frame", no_file)
        importlib.import_module("papi_analysis.config").CACHE_DIR = config.CACHE_DIR
        again = fresh.load(folder, illustrative=False)
    finally:
        purge_package()
        sys.modules.update(saved)
    pd.testing.assert_frame_equal(again, first)


def test_a_changed_table_does_not_reach_the_next_reader(folder):
    from papi_analysis.intake import datasets

    got = datasets.load(folder, illustrative=False)
    got["value"] = -1.0
    got.loc[0, "agency"] = "XXX"
    again = datasets.load(folder, illustrative=False)
    assert again["value"].tolist() == [281.0, 270.0] and again["agency"].iloc[0] == "SKHCN"


def test_changed_data_gives_another_key(folder):
    from papi_analysis.intake import datasets

    assert datasets.load(folder, illustrative=False)["value"].tolist() == [281.0, 270.0]
    (folder / "submissions" / "skhcn.csv").write_text(CSV.replace("281", "999"),
                                                      encoding="utf-8")
    assert datasets.load(folder, illustrative=False)["value"].tolist() == [999.0, 270.0]


def test_each_kind_keeps_its_latest_keys():
    memo.clear()
    for i in range(memo.KEEP + 2):
        memo.put("t", str(i), i)
    assert memo.get("t", "0") is None and memo.get("t", "1") is None
    assert memo.get("t", str(memo.KEEP + 1)) == memo.KEEP + 1
    assert memo.get("other", "0") is None
    memo.clear()
