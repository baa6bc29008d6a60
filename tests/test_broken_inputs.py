"""Each deliberately broken submission produces its finding: rule, message, place.

The files are written by :mod:`broken_inputs` into a temporary folder; the test reads them
the way ``papi-analysis validate`` does (``read_many`` then ``validate``), and checks that
``read`` stops on the reader's problems with the same message and place.
"""

from __future__ import annotations

import pytest

from papi_analysis.errors import InputFileError
from papi_analysis.intake import submissions, validation

try:  # works whether or not tests/ is a package
    from .broken_inputs import CASES
except ImportError:
    from broken_inputs import CASES

#: Rules the readers raise; the others come from validation of what was read.
READER_RULES = {"value.not_number", "value.formula", "row.no_label", "period.unknown"}


def test_at_least_fifteen_distinct_broken_files():
    assert len(CASES) >= 15
    assert len({c.rule for c in CASES.values()}) >= 15


@pytest.mark.parametrize("name", list(CASES))
def test_broken_file_is_reported_precisely(tmp_path, name):
    case = CASES[name]
    path = case.build(tmp_path)
    tidy, read_findings = submissions.read_many([path])
    findings = validation.validate(tidy, read_findings)
    hits = findings[findings["rule"] == case.rule]
    assert len(hits) >= 1, findings[["rule", "location", "message_en"]].to_string()
    row = hits.iloc[0]
    assert row["severity"] == case.severity
    for part in case.where:
        assert part in row["location"], (part, row["location"])
    assert case.vi in row["message_vi"]
    assert case.en in row["message_en"]
    assert "Traceback" not in row["message_vi"] + row["message_en"]
    expected_exit = 2 if case.severity == "error" else 0
    assert validation.exit_code(findings) == expected_exit


@pytest.mark.parametrize("name", [n for n, c in CASES.items()
                                  if c.file_level or c.rule in READER_RULES])
def test_read_stops_with_the_same_message_and_place(tmp_path, name):
    case = CASES[name]
    path = case.build(tmp_path)
    with pytest.raises(InputFileError) as exc:
        submissions.read(path)
    err = exc.value
    assert err.rule == case.rule
    for part in case.where:
        assert part in (err.where or ""), (part, err.where)
    assert case.vi in err.message("vi") and case.en in err.message("en")
    assert err.hint_vi and err.hint_en  # always says what to do


@pytest.mark.parametrize("name", [n for n, c in CASES.items()
                                  if not c.file_level and c.rule not in READER_RULES])
def test_validation_problems_do_not_stop_reading(tmp_path, name):
    df = submissions.read(CASES[name].build(tmp_path))
    assert not df.empty


def test_a_bad_cell_does_not_stop_the_other_cells(tmp_path):
    tidy, found = submissions.read_many([CASES["text_in_count"].build(tmp_path)])
    assert found["rule"].tolist() == ["value.not_number"]
    science = tidy[tidy["field"] == "Hoạt động khoa học"]
    assert dict(zip(science["indicator"], science["value"], strict=True)) == {
        "tthc.received_online": 10, "tthc.received_offline": 2, "tthc.carried_over": 0}
    assert len(tidy[tidy["field"] == "Sở hữu trí tuệ"]) == 4
