"""The right message for a damaged form: what it really is, where, and what to do.

Moved columns, Excel error values, a deleted sub-header row, "1,300" typed the English way:
each used to get a misleading message (or eleven); now one that names the real problem.
"""

from __future__ import annotations

import pytest

from papi_analysis.intake import submissions, validation

try:  # works whether or not tests/ is a package
    from .broken_inputs import (
        TTHC_FIRST_ROW,
        delete_row,
        set_saved_formula,
        swap_columns,
        tthc,
        write_csv,
    )
except ImportError:
    from broken_inputs import (
        TTHC_FIRST_ROW,
        delete_row,
        set_saved_formula,
        swap_columns,
        tthc,
        write_csv,
    )

R = TTHC_FIRST_ROW


def check(path):
    tidy, read_findings = submissions.read_many([path])
    return tidy, validation.validate(tidy, read_findings)


def test_swapped_columns_give_one_message_and_read_by_header(tmp_path):
    path = swap_columns(tthc(tmp_path, "swap.xlsx"), "H", "I")
    tidy, found = check(path)
    assert found["rule"].tolist() == ["header.column_order"], found.to_string()
    row = found.iloc[0]
    assert row["severity"] == "warning"
    assert "column H is (9) “Đúng hạn”" in row["message_en"]
    assert "still read correctly" in row["message_en"]
    values = dict(zip(tidy["indicator"], tidy["value"], strict=True))
    assert values["tthc.resolved_early"] == 250 and values["tthc.resolved_on_time"] == 31
    assert validation.exit_code(found) == 0


@pytest.mark.parametrize("code, formula, words", [
    ("#DIV/0!", "=D12/F12", "divides by zero"),
    ("#REF!", "=D12+#REF!", "was deleted"),
    ("#VALUE!", "=D12*B12", "holding text"),
])
def test_excel_error_values_are_named_with_their_formula(tmp_path, code, formula, words):
    path = set_saved_formula(tthc(tmp_path, "err.xlsx"), f"C{R}", formula, code, kind="e")
    _, found = check(path)
    row = found[found["rule"] == "value.excel_error"].iloc[0]
    assert f"TTHC › dòng/row {R} › cột/col C" in row["location"]
    assert code in row["message_en"] and formula in row["message_en"]
    assert words in row["message_en"]
    assert "no saved result" not in row["message_en"]
    assert "Fix this cell's formula" in row["message_en"]
    assert row["severity"] == "error"


def test_a_pasted_error_value_is_named(tmp_path):
    path = set_saved_formula(tthc(tmp_path, "pasted.xlsx"), f"C{R}", "", "#N/A", kind="e")
    _, found = check(path)
    assert "#N/A" in found[found["rule"] == "value.excel_error"].iloc[0]["message_vi"]


def test_a_deleted_sub_header_row_is_named_as_missing(tmp_path):
    path = delete_row(tthc(tmp_path, "deleted_row.xlsx"), 10)
    _, found = check(path)
    assert found["rule"].tolist() == ["header.missing_row"], found.to_string()
    row = found.iloc[0]
    assert "“Trực tuyến” (4)" in row["message_en"] and "row is gone" in row["message_en"]
    assert "Did you mean" not in row["message_en"]
    assert "TTHC › dòng/row 9 › cột/col D" in row["location"]


def test_english_thousands_comma_is_shown_as_typed(tmp_path):
    _, found = check(tthc(tmp_path, "eng.xlsx", c3="1,300"))
    row = found[found["rule"] == "value.english_thousands"].iloc[0]
    assert "“1,300”" in row["message_en"] and "1.300" in row["message_en"]
    assert "1,30 " not in row["message_vi"] and "1,30:" not in row["message_vi"]
    assert "value.not_whole" not in set(found["rule"])


def test_english_thousands_in_a_tidy_csv(tmp_path):
    _, found = check(write_csv(tmp_path, "eng.csv",
                               ["SKHCN,2024-H1,tthc.files_total,\"1,300\",,False"]))
    row = found[found["rule"] == "value.english_thousands"].iloc[0]
    assert "eng.csv › dòng/row 2 › cột/col value" in row["location"]
