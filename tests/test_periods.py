import datetime as dt

import pytest

from papi_analysis.errors import PeriodError
from papi_analysis.model import periods

D = dt.date


@pytest.mark.parametrize(
    "text, code",
    [
        ("2024-Q1", "2024-Q1"), ("2024-q3", "2024-Q3"), ("2024-H1", "2024-H1"),
        ("2024-H2", "2024-H2"), ("2024-9M", "2024-9M"), ("2024", "2024"), ("2024-06", "2024-06"),
        ("Quý I/2024", "2024-Q1"), ("quý I năm 2024", "2024-Q1"), ("Quý IV/2023", "2023-Q4"),
        ("Quy II/2023", "2023-Q2"), ("quý 3 năm 2022", "2022-Q3"),
        ("6 tháng đầu năm 2024", "2024-H1"), ("6 THÁNG CUỐI NĂM 2023", "2023-H2"),
        ("6 thang dau nam 2024", "2024-H1"), ("9 tháng đầu năm 2024", "2024-9M"),
        ("năm 2024", "2024"), ("tháng 6/2024", "2024-06"), ("Tháng 12 năm 2023", "2023-12"),
        ("Q1 2024", "2024-Q1"), ("first half of 2024", "2024-H1"),
    ],
)
def test_parse_codes_and_phrases(text, code):
    assert periods.parse(text).code == code


@pytest.mark.parametrize(
    "code, start, end",
    [
        ("2024-Q1", D(2023, 12, 15), D(2024, 3, 14)),
        ("2024-Q2", D(2024, 3, 15), D(2024, 6, 14)),
        ("2024-Q4", D(2024, 9, 15), D(2024, 12, 14)),
        ("2024-H1", D(2023, 12, 15), D(2024, 6, 14)),
        ("2024-H2", D(2024, 6, 15), D(2024, 12, 14)),
        ("2024-9M", D(2023, 12, 15), D(2024, 9, 14)),
        ("2024", D(2023, 12, 15), D(2024, 12, 14)),
        ("2024-01", D(2023, 12, 15), D(2024, 1, 14)),
        ("2024-06", D(2024, 5, 15), D(2024, 6, 14)),
    ],
)
def test_cutoff_rule(code, start, end):
    assert periods.parse(code).date_range() == (start, end)


def test_stated_dates_win_over_rule():
    p = periods.parse("quý I năm 2023 (tính từ ngày 15/12/2022 đến 14/3/2023)")
    assert p.code == "2023-Q1" and p.date_range() == (D(2022, 12, 15), D(2023, 3, 14))
    p = periods.parse("Quý I/2020 (từ 1/12/2019 đến 29/2/2020)")
    assert p.date_range() == (D(2019, 12, 1), D(2020, 2, 29))
    assert p == periods.parse("2020-Q1")  # identity is the code, dates are an attribute


@pytest.mark.parametrize(
    "code, prev, last_year",
    [
        ("2024-Q1", "2023-Q4", "2023-Q1"), ("2024-Q3", "2024-Q2", "2023-Q3"),
        ("2024-H1", "2023-H2", "2023-H1"), ("2024-H2", "2024-H1", "2023-H2"),
        ("2024-01", "2023-12", "2023-01"), ("2024", "2023", "2023"),
        ("2024-9M", "2023-9M", "2023-9M"),
    ],
)
def test_comparison_periods(code, prev, last_year):
    p = periods.parse(code)
    assert p.previous().code == prev
    assert p.same_period_last_year().code == last_year


def test_labels():
    p = periods.parse("2024-H1")
    assert p.label("vi") == "6 tháng đầu năm 2024"
    assert p.label("en") == "First half of 2024"
    assert periods.parse("2024-Q2").label() == "Quý II/2024"
    assert periods.parse("2024-06").label("en") == "June 2024"


def test_span_and_order():
    codes = [p.code for p in periods.span("2022-H1", "2024-H2")]
    assert codes == ["2022-H1", "2022-H2", "2023-H1", "2023-H2", "2024-H1", "2024-H2"]
    assert sorted(periods.parse(c) for c in ["2024-H1", "2023-H2", "2024-Q1"])[0].code == "2023-H2"


@pytest.mark.parametrize("bad", ["hôm qua", "2024-H3", "2024-13", "Quý V/2024", "", "1999"])
def test_unreadable_period_lists_accepted_forms(bad):
    with pytest.raises(PeriodError) as exc:
        periods.parse(bad)
    msg = exc.value.message("vi")
    assert "Không đọc được kỳ báo cáo" in msg or "ngoài khoảng" in msg
    assert "2024-H1" in msg or "2000" in msg


def test_find_in_title():
    title = "BÁO CÁO Công tác nâng cao chỉ số PAPI 6 tháng đầu năm 2024"
    assert periods.find(title).code == "2024-H1"
    assert periods.find("không có kỳ nào ở đây") is None
