"""What an appendix computes more cheaply than before gives what it gave before."""

from __future__ import annotations

import pandas as pd

from papi_analysis.appendix import report


def _plain(params, rows: pd.DataFrame, code: str):
    """The province's coverage counted as it was, on the whole rows."""
    mine = rows[(rows["period"] == code) & (rows["agency"].isin(params.members))]
    have = set(mine["agency"])
    real = set(mine.loc[~mine["illustrative"].astype(bool), "agency"])
    return (len(have), len(real), len(params.members),
            [c for c in params.members if c not in have])


def test_coverage_counts_as_counted_on_the_whole_rows():
    ctx = report.setup("2024-H1", ["previous"], "HY", "vi", "", appendix=1)
    rows = ctx.data()
    odd = rows.copy()
    odd.loc[odd.index[:40], "period"] = None  # missing periods and agencies count for none
    odd.loc[odd.index[40:80], "agency"] = None
    odd.loc[odd.index[80:200], "illustrative"] = ~odd.loc[odd.index[80:200], "illustrative"]
    for table in (rows, odd, rows.iloc[:0], rows[~rows["illustrative"].astype(bool)]):
        for code in ("2024-H1", "2023-H2", "2019-H1"):
            assert ctx.params.coverage_counts(table, code) == _plain(ctx.params, table, code)
    assert ctx.params.coverage_counts(rows)[0] > 0
