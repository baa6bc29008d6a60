"""Form layouts as data and header matching."""

from __future__ import annotations

import pytest

from papi_analysis.errors import ParameterError
from papi_analysis.intake import forms
from papi_analysis.model import indicators
from papi_analysis.text import fold

TTHC = forms.get("tthc")


def _paths(form: forms.Form, transform=lambda s: s) -> dict[int, tuple[str, ...]]:
    return {i + 3: tuple(transform(h) for h in c.header) for i, c in enumerate(form.columns)}


def test_the_six_forms_exist():
    assert list(forms.FORMS) == ["tthc", "procedures", "petitions", "reception", "inspections",
                                 "anticorruption"]


def test_tthc_columns_are_the_official_ii06a_numbering():
    assert TTHC.code == "Biểu số II.06a/VPCP/KSTT"
    assert [(c.number, c.indicator) for c in TTHC.columns] == [
        (3, "tthc.files_total"), (4, "tthc.received_online"), (5, "tthc.received_offline"),
        (6, "tthc.carried_over"), (7, "tthc.resolved_total"), (8, "tthc.resolved_early"),
        (9, "tthc.resolved_on_time"), (10, "tthc.resolved_late"), (11, "tthc.pending_total"),
        (12, "tthc.pending_in_time"), (13, "tthc.pending_overdue"),
    ]
    assert TTHC.column("tthc.received_offline").header == (
        "Số hồ sơ nhận giải quyết", "Trong đó", "Trong kỳ", "Trực tiếp, dịch vụ bưu chính")
    assert TTHC.column("tthc.carried_over").header == (
        "Số hồ sơ nhận giải quyết", "Trong đó", "Từ kỳ trước")
    assert TTHC.column("tthc.pending_overdue").header == (
        "Kết quả giải quyết", "Số hồ sơ đang giải quyết", "Quá hạn")
    assert TTHC.depth == 4


@pytest.mark.parametrize("form", list(forms.FORMS.values()), ids=list(forms.FORMS))
def test_every_column_is_a_catalogue_indicator_numbered_in_order(form):
    codes = [c.indicator for c in form.all_columns]
    assert len(codes) == len(set(codes))
    assert all(c in indicators.CATALOGUE for c in codes)
    assert [c.number for c in form.columns] == list(range(3, 3 + len(form.columns)))
    paths = [c.header for c in form.all_columns]
    assert len(paths) == len(set(paths))


def test_forms_cover_the_groups_they_report():
    covered = {c.indicator for f in forms.FORMS.values() for c in f.all_columns}
    for group in ("proc", "pet", "kntc", "recep", "acct", "insp", "ac", "egov"):
        # an indicator the catalogue marks as read from prose reports only (form "prose",
        # e.g. petitions within competence by kind) has no column on any official form
        in_group = {c for c, i in indicators.CATALOGUE.items() if i.group == group}
        on_forms = {c for c in in_group if indicators.CATALOGUE[c].form != "prose"}
        assert on_forms <= covered, group
        assert not (in_group - on_forms) & covered, group
    # the form the catalogue names for an indicator holds a column for it
    for code, ind in indicators.CATALOGUE.items():
        if ind.form in forms.FORMS:
            assert code in {c.indicator for c in forms.FORMS[ind.form].all_columns}, code
    assert indicators.CATALOGUE["kntc.complaints_resolved"].form == "petitions"
    assert not any(c.indicator == "papi.d1" for f in forms.FORMS.values() for c in f.all_columns)


def test_unknown_form_lists_the_forms():
    with pytest.raises(ParameterError) as exc:
        forms.get("tthcx")
    msg = exc.value.message("vi")
    assert "Không có biểu mẫu “tthcx”" in msg
    assert "tthc (Biểu số II.06a/VPCP/KSTT)" in msg and "anticorruption" in msg
    assert "There is no form" in exc.value.message("en")


def test_header_key_ignores_diacritics_case_numbers_units_and_leading_so():
    assert forms.header_key("Trực tiếp, dịch vụ bưu chính (5)") == \
        forms.header_key("TRUC TIEP  DICH VU BUU CHINH")
    assert forms.header_key("Số hồ sơ đã giải quyết") == forms.header_key("Đã giải quyết")
    assert forms.header_key("Tiền (triệu đồng)") == "tien"
    assert forms.header_key(None) == ""


def test_stt_label_and_note_headers():
    assert forms.is_stt("STT") and forms.is_stt("Số TT") and not forms.is_stt("Tổng số")
    assert forms.is_label("Lĩnh vực, công việc giải quyết theo cấp")
    assert forms.is_label("ĐƠN VỊ")
    assert not forms.is_label("Đơn vị báo cáo:")
    assert not forms.is_label("Đơn vị tính: hồ sơ")
    assert forms.is_note("Ghi chú")


@pytest.mark.parametrize("form", list(forms.FORMS.values()), ids=list(forms.FORMS))
def test_a_form_matches_its_own_headers_and_no_other(form):
    m = forms.identify(_paths(form))
    assert m is not None and m.form.key == form.key
    assert not m.missing and not m.unknown
    assert [c.indicator for _, c in sorted(m.matched.items())] == form.indicators()


def test_headers_match_without_diacritics_in_any_case():
    m = forms.match(TTHC, _paths(TTHC, lambda s: fold(s).upper()))
    assert not m.missing and not m.unknown and m.score == 11


def test_ambiguous_leaf_resolved_by_number_row_or_order():
    # only the last header row was kept: "Quá hạn" could be (10) or (13)
    flat = {i + 3: (c.header[-1],) for i, c in enumerate(TTHC.columns)}
    by_order = forms.match(TTHC, flat)
    assert by_order.matched[10].indicator == "tthc.resolved_late"
    assert by_order.matched[7].indicator == "tthc.resolved_total"
    assert by_order.matched[13].indicator == "tthc.pending_overdue"
    assert by_order.score == 11
    swapped = {3: ("Quá hạn",), 4: ("Trước hạn",)}
    by_number = forms.match(TTHC, swapped, numbers={3: 13, 4: 8})
    assert by_number.matched[3].indicator == "tthc.pending_overdue"


def test_catalogue_label_and_code_are_accepted_as_flat_headers():
    m = forms.match(TTHC, {3: ("Đã giải quyết - Trước hạn (8)",), 4: ("tthc.resolved_late",)})
    assert m.matched[3].indicator == "tthc.resolved_early"
    assert m.matched[4].indicator == "tthc.resolved_late"


def test_variant_columns_are_read_but_not_required():
    paths = _paths(TTHC)
    paths[20] = ("Kết quả giải quyết", "Số hồ sơ đã giải quyết", "Đúng và trước hạn")
    paths[21] = ("Ghi chú",)
    paths[22] = ("TỶ LỆ ĐÚNG HẠN (%)",)
    m = forms.match(TTHC, paths)
    assert m.matched[20].indicator == "tthc.resolved_early_on_time"
    assert m.matched[22].indicator == "tthc.on_time_rate_stated"
    assert 21 not in m.matched and not m.unknown
    assert "tthc.resolved_early_on_time" not in TTHC.indicators()


def test_unknown_missing_and_duplicated_columns():
    paths = _paths(TTHC)
    paths[8] = ("Kết quả giải quyết", "Số hồ sơ đã giải quyết", "Sớm hạn")
    paths[30] = paths[3]
    m = forms.match(TTHC, paths)
    assert m.unknown == [8]
    assert [c.number for c in m.missing] == [8]
    assert m.duplicated == [30]
    assert forms.closest_header(TTHC, "Sớm hạn").indicator == "tthc.resolved_early"


def test_too_few_matches_is_no_form():
    assert forms.identify({3: ("Số lượng",), 4: ("Trực tuyến",)}) is None


def test_layout_spans_reproduce_the_merged_header_of_ii06a():
    cells = {(r, c): (rs, cs, t) for r, c, rs, cs, t in forms.layout(TTHC)}
    assert cells[(0, 0)] == (4, 1, "STT")
    assert cells[(0, 2)] == (1, 4, "Số hồ sơ nhận giải quyết")       # C7:F7
    assert cells[(0, 6)] == (1, 7, "Kết quả giải quyết")             # G7:M7
    assert cells[(1, 2)] == (3, 1, "Tổng số")                        # C8:C10
    assert cells[(1, 3)] == (1, 3, "Trong đó")                       # D8:F8
    assert cells[(2, 3)] == (1, 2, "Trong kỳ")                       # D9:E9
    assert cells[(2, 5)] == (2, 1, "Từ kỳ trước")                    # F9:F10
    assert cells[(1, 10)] == (1, 3, "Số hồ sơ đang giải quyết")      # K8:M8
    assert cells[(3, 4)] == (1, 1, "Trực tiếp, dịch vụ bưu chính")   # E10
