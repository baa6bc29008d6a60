"""``build --pdf``: an A4 PDF beside each appendix, with WeasyPrint (skipped where WeasyPrint
or its Pango library is not installed), never an old PDF beside a new HTML.  The builds are
marked slow: they start kernels."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from papi_analysis.batch import pdf


def _weasyprint_works() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def cli(*args):
    return subprocess.run([sys.executable, "-m", "papi_analysis.cli", *args],
                          capture_output=True, text=True, encoding="utf-8")


def _pdf_links(period_dir) -> list[str]:
    page = (period_dir / "index.html").read_text(encoding="utf-8")
    return sorted(re.findall(r'href="([^"]+\.pdf)"', page))


@pytest.mark.slow
@pytest.mark.skipif(not _weasyprint_works(), reason="WeasyPrint or Pango is not installed")
def test_pdf_beside_each_appendix_and_only_when_the_html_changed(tmp_path):
    args = ["build", "--period", "2024-H1", "--agency", "SKHCN", "--notebooks", "tthc",
            "--reports", str(tmp_path), "--pdf", "--no-progress"]
    first = cli(*args)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "PDF: 2 tệp mới, 0 không đổi" in first.stdout
    pdf_file = tmp_path / "2024-H1" / "01_tthc" / "SKHCN.pdf"
    assert pdf_file.read_bytes().startswith(b"%PDF") and pdf_file.stat().st_size > 20_000
    import weasyprint

    doc = weasyprint.HTML(filename=str(pdf_file.with_suffix(".html"))).render()
    assert 1 <= len(doc.pages) <= 8
    # A4 (210 × 297 mm = 793.7 × 1122.5 CSS px), from the appendix's print stylesheet
    assert round(doc.pages[0].width) == 794 and round(doc.pages[0].height) == 1123
    again = cli(*args)
    assert "PDF: 0 tệp mới, 2 không đổi" in again.stdout
    period = tmp_path / "2024-H1"
    # the index, written before the PDFs, is written again to link them
    assert _pdf_links(period) == ["01_tthc/HY.pdf", "01_tthc/SKHCN.pdf"]
    # a build without --pdf that changes nothing keeps the PDFs, still current, and the links
    plain = [a for a in args if a != "--pdf"]
    kept = cli(*plain)
    assert "0 đã chạy, 2 bỏ qua" in kept.stdout and pdf.is_current(pdf.beside(pdf_html(period)))
    assert _pdf_links(period) == ["01_tthc/HY.pdf", "01_tthc/SKHCN.pdf"]
    # a rebuild without --pdf: the old PDFs (the old figures) go, and so do their links
    rebuilt = cli(*plain, "--force")
    assert "2 đã chạy" in rebuilt.stdout, rebuilt.stdout + rebuilt.stderr
    assert not pdf_file.exists() and not (period / "01_tthc" / "HY.pdf").exists()
    assert _pdf_links(period) == [] and 'href="01_tthc/SKHCN.xlsx"' in (
        period / "index.html").read_text(encoding="utf-8")


def pdf_html(period):
    return period / "01_tthc" / "SKHCN.html"


def test_pdf_without_weasyprint_is_one_clear_message(monkeypatch):
    from papi_analysis.errors import ParameterError

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as if not installed
    with pytest.raises(ParameterError, match="WeasyPrint") as err:
        pdf.engine()
    assert "papi-analysis[pdf]" in err.value.hint_en


def _appendix(folder, name: str, pdf_age: float | None) -> tuple:
    """An HTML appendix and, unless ``pdf_age`` is None, a PDF ``pdf_age`` seconds older
    than it (negative: newer)."""
    html = folder / name
    html.parent.mkdir(parents=True, exist_ok=True)
    html.write_text("<html></html>", encoding="utf-8")
    out = html.with_suffix(".pdf")
    if pdf_age is not None:
        out.write_bytes(b"%PDF")
        when = html.stat().st_mtime_ns - int(pdf_age * 1e9)
        os.utime(out, ns=(when, when))
    return html, out


def test_a_pdf_older_than_its_html_is_removed_a_current_one_kept(tmp_path):
    old_html, old_pdf = _appendix(tmp_path, "01_tthc/HY.html", 60)  # rebuilt since its PDF
    new_html, new_pdf = _appendix(tmp_path, "01_tthc/SKHCN.html", -5)  # skipped: PDF current
    same_html, same_pdf = _appendix(tmp_path, "01_tthc/STP.en.html", 0)  # same instant
    bare_html, _ = _appendix(tmp_path, "04_overview/HY.html", None)  # no PDF
    orphan = tmp_path / "04_overview" / "SNV.pdf"  # a PDF whose HTML is gone: not ours
    orphan.write_bytes(b"%PDF")
    assert not pdf.is_current(old_html) and pdf.is_current(new_html)
    assert pdf.is_current(same_html) and not pdf.is_current(bare_html)
    gone = pdf.drop_stale([old_html, new_html, same_html, bare_html,
                           tmp_path / "04_overview" / "SNV.html"])
    assert gone == [old_pdf] and not old_pdf.exists()
    assert new_pdf.exists() and same_pdf.exists() and orphan.exists()
    assert pdf.drop_stale([old_html]) == []  # nothing left to remove


def test_every_build_drops_the_stale_pdfs_of_the_whole_period(tmp_path):
    html_a, pdf_a = _appendix(tmp_path, "01_tthc/SKHCN.html", 60)
    html_b, pdf_b = _appendix(tmp_path, "01_tthc/STP.en.html", 60)  # another agency, English
    html_c, pdf_c = _appendix(tmp_path, "03_papi/HY.html", -1)
    man = {"entries": {
        "01_tthc/SKHCN/vi": {"html": "01_tthc/SKHCN.html"},
        "01_tthc/STP/en": {"html": "01_tthc/STP.en.html"},
        "03_papi/HY/vi": {"html": "03_papi/HY.html"},
        "02_anticorruption/SNV/vi": {"status": "failed", "html": ""}}}
    assert sorted(pdf.drop_stale_in(tmp_path, man)) == sorted([pdf_a, pdf_b])
    assert pdf_c.exists()
    # a current PDF is not written again (no WeasyPrint needed to say so)
    pdf_c.touch()
    assert pdf.write(html_c) is None

