"""The openpyxl speed-up of intake/workbooks.py (merged ranges left unstyled while a form
loads) is scoped to the reads: openpyxl's method is back once they end, nested or overlapping
reads restore it once, and another thread meanwhile gets openpyxl's own behaviour."""

from __future__ import annotations

import threading

import pytest

openpyxl = pytest.importorskip("openpyxl")
from openpyxl.cell.cell import MergedCell  # noqa: E402
from openpyxl.worksheet.worksheet import Worksheet  # noqa: E402

from papi_analysis.intake import workbooks  # noqa: E402

ORIGINAL = Worksheet.__dict__["_clean_merge_range"]


def _merged_b2() -> type:
    ws = openpyxl.Workbook().active
    ws.merge_cells("A1:B2")
    return type(ws["B2"])


def test_a_read_restores_openpyxls_method(tmp_path):
    path = tmp_path / "f.xlsx"
    wb = openpyxl.Workbook()
    wb.active.merge_cells("A1:C1")
    wb.save(path)
    workbooks.open_workbook(path, "f.xlsx")
    assert Worksheet.__dict__["_clean_merge_range"] is ORIGINAL
    assert _merged_b2() is MergedCell


def test_nested_reads_restore_once_at_the_end():
    with workbooks._merges_unformatted():
        with workbooks._merges_unformatted():
            assert _merged_b2() is not MergedCell  # skipped inside a read
        assert _merged_b2() is not MergedCell  # the outer read still runs
    assert Worksheet.__dict__["_clean_merge_range"] is ORIGINAL
    assert _merged_b2() is MergedCell


def test_another_thread_is_served_by_openpyxl_during_a_read():
    got = {}
    inside, done = threading.Event(), threading.Event()

    def reader():
        with workbooks._merges_unformatted():
            got["reader"] = _merged_b2()
            inside.set()
            done.wait(10)

    t = threading.Thread(target=reader)
    t.start()
    assert inside.wait(10)
    got["other"] = _merged_b2()  # while the reader is inside its read
    done.set()
    t.join(10)
    assert got["other"] is MergedCell and got["reader"] is not MergedCell
    assert Worksheet.__dict__["_clean_merge_range"] is ORIGINAL
