"""PDF copies of built appendices, for printing and for archives that want PDF.

The engine is WeasyPrint (PyPI: ``pip install 'papi-analysis[pdf]'``), chosen over a headless
Chromium because it installs with pip alone (no browser binary, no system package beyond the
Pango text library most Linux desktops have), runs in-process with no subprocess per file,
and implements CSS paged media (``@page`` size and margins, ``break-inside``), which the
appendix print stylesheet uses: A4, no table row split across pages, the provenance box kept
whole.  Appendices carry no script, so a browser engine adds nothing.

Each PDF is written next to its HTML (``HY.html`` → ``HY.pdf``), atomically, and only when it
is missing or older than the HTML.
"""

from __future__ import annotations

from pathlib import Path

from .. import atomic
from ..errors import ParameterError


def engine():
    """The WeasyPrint module, or a clear error saying how to install it."""
    try:
        import weasyprint
    except (ImportError, OSError) as err:  # OSError: the Pango library is missing
        raise ParameterError(
            f"Xuất PDF cần thư viện WeasyPrint ({type(err).__name__}: {err}).",
            f"PDF output needs WeasyPrint ({type(err).__name__}: {err}).",
            where="--pdf",
            hint_vi="Cài bằng: pip install 'papi-analysis[pdf]' (trên Debian/Ubuntu cần thêm "
            "gói libpango-1.0-0). Bỏ --pdf để chỉ xuất HTML.",
            hint_en="Install it with: pip install 'papi-analysis[pdf]' (Debian/Ubuntu also "
            "need the libpango-1.0-0 package). Leave out --pdf for HTML only.") from None
    return weasyprint


def beside(html: Path) -> Path:
    """The PDF path of an appendix's HTML."""
    return html.with_suffix(".pdf")


def write(html: Path, force: bool = False) -> Path | None:
    """Write ``html`` as PDF beside it; return the PDF path, or None when it was up to date."""
    out = beside(html)
    if not force and out.is_file() and out.stat().st_mtime >= html.stat().st_mtime:
        return None
    weasyprint = engine()
    doc = weasyprint.HTML(filename=str(html), base_url=str(html.parent)).render()
    return atomic.save_with(out, doc.write_pdf)


def write_all(htmls: list[Path], force: bool = False) -> tuple[int, int]:
    """PDFs for every appendix in ``htmls``: ``(written, already up to date)``."""
    engine()  # one clear message before any work when WeasyPrint is missing
    written = fresh = 0
    for html in htmls:
        if write(html, force) is None:
            fresh += 1
        else:
            written += 1
    return written, fresh
