"""``build --pdf``: an A4 PDF beside each appendix, with WeasyPrint (skipped where WeasyPrint
or its Pango library is not installed).  Marked slow: it starts kernels."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def _weasyprint_works() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def cli(*args):
    return subprocess.run([sys.executable, "-m", "papi_analysis.cli", *args],
                          capture_output=True, text=True, encoding="utf-8")


@pytest.mark.skipif(not _weasyprint_works(), reason="WeasyPrint or Pango is not installed")
def test_pdf_beside_each_appendix_and_only_when_the_html_changed(tmp_path):
    args = ["build", "--period", "2024-H1", "--agency", "SKHCN", "--notebooks", "tthc",
            "--reports", str(tmp_path), "--pdf", "--no-progress"]
    first = cli(*args)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "PDF: 2 tệp mới, 0 không đổi" in first.stdout
    pdf = tmp_path / "2024-H1" / "01_tthc" / "SKHCN.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 20_000
    import weasyprint

    doc = weasyprint.HTML(filename=str(pdf.with_suffix(".html"))).render()
    assert 1 <= len(doc.pages) <= 8
    # A4 (210 × 297 mm = 793.7 × 1122.5 CSS px), from the appendix's print stylesheet
    assert round(doc.pages[0].width) == 794 and round(doc.pages[0].height) == 1123
    again = cli(*args)
    assert "PDF: 0 tệp mới, 2 không đổi" in again.stdout


def test_pdf_without_weasyprint_is_one_clear_message(monkeypatch):
    from papi_analysis.batch import pdf
    from papi_analysis.errors import ParameterError

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as if not installed
    with pytest.raises(ParameterError, match="WeasyPrint") as err:
        pdf.engine()
    assert "papi-analysis[pdf]" in err.value.hint_en
