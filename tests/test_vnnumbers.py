"""Vietnamese numbers: separators, zero padding, percentages, scale words, spans."""

import re

import pytest

from papi_analysis.prose import vnnumbers as vn
from papi_analysis.text import fold_same_length


@pytest.mark.parametrize("text, value", [
    ("05", 5), ("04", 4), ("281", 281), ("1.234", 1234), ("659.245", 659245),
    ("1.234.567", 1234567), ("5.230,5", 5230.5), ("98,81", 98.81),
    ("5,65 nghìn", 5650), ("5,65 ngàn", 5650), ("1,2 triệu", 1_200_000),
    ("3,12 tỷ đồng", 3_120_000_000), ("156,8 triệu đồng", 156_800_000),
    ("12,516,000", 12_516_000), ("không", 0), ("Không", 0),
])
def test_parse_values(text, value):
    assert vn.parse(text).value == pytest.approx(value)


@pytest.mark.parametrize("text, value", [("98,81%", 98.81), ("100 %", 100), ("22,33 %", 22.33),
                                         ("71%", 71), ("22,33 phần trăm", 22.33)])
def test_parse_percentages(text, value):
    num = vn.parse(text)
    assert num.percent and num.value == pytest.approx(value)


def test_clarity_says_when_separators_are_ambiguous():
    assert vn.parse("1.234").clarity == 1.0
    english = vn.parse("12,516")  # a count cannot be 12.516: English thousands, less sure
    assert english.value == 12516 and english.clarity < 1
    assert vn.parse("98.81%").clarity < 1 and vn.parse("98.81%").value == pytest.approx(98.81)


def test_parse_refuses_what_is_not_a_number():
    for bad in ("", "abc", "13/3/2024", "40/KH-SKHCN", "1,2,3"):
        with pytest.raises(ValueError):
            vn.parse(bad)


def test_find_all_skips_dates_and_document_numbers():
    text = ("Kế hoạch số 40/KH-SKHCN ngày 13/3/2024: tiếp nhận 281 hồ sơ, 100 % hồ sơ; "
            "5,65 nghìn hồ sơ và 98,81% (635.593/643.272 hồ sơ).")
    found = [(text[a:b], n.value) for a, b, n in vn.find_all(text)]
    assert ("281", 281) in found and ("100 %", 100) in found
    assert ("5,65 nghìn", 5650) in found and ("98,81%", 98.81) in found
    assert not any(t in ("40", "13", "3", "2024") for t, _ in found)
    assert not any(t.startswith("635") for t, _ in found)  # fractions are read by patterns


def test_fraction_slots_read_both_sides():
    rx = re.compile(vn.number_regex(before_slash=True) + "/" + vn.number_regex(after_slash=True))
    m = rx.search("đạt 98,81% (635.593/643.272 hồ sơ)")
    assert m and m.group() == "635.593/643.272"
    assert not rx.search("ngày 13/3/2024")  # a date is no fraction: "3/2024" is refused


def test_to_unit_converts_money_to_millions():
    assert vn.to_unit(vn.parse("3,12 tỷ đồng"), "million_vnd") == pytest.approx(3120)
    assert vn.to_unit(vn.parse("156,8 triệu đồng"), "million_vnd") == pytest.approx(156.8)
    assert vn.to_unit(vn.parse("1.500.000 đồng"), "million_vnd") == pytest.approx(1.5)
    assert vn.to_unit(vn.parse("245"), "million_vnd") == 245  # already in millions
    assert vn.to_unit(vn.parse("5,65 nghìn"), "files") == 5650


def test_fold_same_length_keeps_positions():
    text = "Đã giải quyết 281 hồ sơ, TRƯỚC HẠN và đúng hạn; m²"
    folded = fold_same_length(text)
    assert len(folded) == len(text)
    assert folded.startswith("da giai quyet 281 ho so, truoc han")
    assert folded.index("281") == text.index("281")


def test_word_value():
    assert vn.word_value("không") == 0 and vn.word_value("ba") == 3
    assert vn.word_value("nhiều") is None


@pytest.mark.parametrize("text, value", [
    ("mười", 10), ("mười hai", 12), ("hai mươi", 20), ("hai mươi lăm", 25),
    ("ba mươi mốt", 31), ("một trăm", 100), ("một trăm linh năm", 105),
    ("ba trăm hai mươi mốt", 321),
])
def test_numbers_in_words(text, value):
    assert vn.parse(text).value == value
    assert vn.words_value(text) == value


def test_bare_small_words_are_not_numbers_in_words():
    # "một số", "năm 2024", "hai đoàn" stay words: only tens and hundreds are read
    for text in ("một", "năm", "hai"):
        assert vn.words_value(text) is None


def test_a_number_may_touch_its_unit():
    rx = re.compile(vn.NUMBER)
    assert [m.group() for m in rx.finditer(fold_same_length("1cuộc thanh tra"))] == ["1"]
    assert [m.group() for m in rx.finditer(fold_same_length("77.773m2 đất"))] == ["77.773"]
    assert [m.group() for m in rx.finditer(fold_same_length("mã 2024abc"))] == []
