import pytest

from papi_analysis.errors import AgencyError, IndicatorError
from papi_analysis.model import agencies, indicators


def test_every_identity_uses_known_codes():
    for idn in indicators.IDENTITIES:
        for code in (idn.total, *idn.parts):
            assert code in indicators.CATALOGUE, (idn.rule, code)
        assert idn.op in ("=", "<=") and idn.severity in ("error", "warning")
        assert idn.vi and idn.en


def test_form_ii06a_columns_are_all_there():
    # columns (3)..(13) of Biểu II.06a, each labelled with its column number
    cols = ["files_total", "received_online", "received_offline", "carried_over",
            "resolved_total", "resolved_early", "resolved_on_time", "resolved_late",
            "pending_total", "pending_in_time", "pending_overdue"]
    for number, name in enumerate(cols, start=3):
        assert indicators.CATALOGUE[f"tthc.{name}"].vi.endswith(f"({number})")


def test_rule_names_unique():
    rules = [i.rule for i in indicators.IDENTITIES]
    assert len(rules) == len(set(rules))


def test_unknown_indicator_suggests():
    with pytest.raises(IndicatorError) as exc:
        indicators.get("tthc.resolved_totl")
    assert "tthc.resolved_total" in exc.value.message("en")


def test_labels_and_units():
    assert indicators.label("tthc.carried_over", "en").startswith("Carried over")
    assert indicators.unit_label("tthc.files_total", "vi") == "hồ sơ"
    assert set(indicators.table().columns) >= {"code", "label_vi", "label_en", "unit"}


def test_agency_registry_and_suggestions():
    reg = agencies.registry()
    assert "SKHCN" in reg and reg["SKHCN"].name_vi == "Sở Khoa học và Công nghệ"
    assert agencies.get("skhcn").code == "SKHCN"
    # the 18 departments of 2024 (units with no valid_from), not Thái Bình's nor 2025's
    assert len(agencies.departments()) == 18
    assert len(agencies.departments(period="2026-H1")) == 13
    with pytest.raises(AgencyError) as exc:
        agencies.get("SKHC")
    assert "SKHCN" in exc.value.message("vi")


def test_find_agency_by_name_prefers_longest():
    a = agencies.find_by_name("Sở Kế hoạch và Đầu tư báo cáo kết quả")
    assert a is not None and a.code == "SKHDT"
    assert agencies.find_by_name("Sở Ngoại vụ tỉnh Bắc Ninh") is None


def test_data_dictionary_is_current():
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "docs" / "indicators.md").read_text("utf-8")
    assert indicators.markdown() in doc, "run: papi-analysis indicators -o docs/indicators.md"
