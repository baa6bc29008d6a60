"""PDF copies of built appendices, for printing and for archives that want PDF.

The engine is WeasyPrint (PyPI: ``pip install 'papi-analysis[pdf]'``), chosen over a headless
Chromium because it installs with pip alone (no browser binary, no system package beyond the
Pango text library most Linux desktops have), runs in-process with no subprocess per file,
and implements CSS paged media (``@page`` size and margins, ``break-inside``), which the
appendix print stylesheet uses: A4, no table row split across pages, the provenance box kept
whole.  Appendices carry no script, so a browser engine adds nothing.

Each PDF is written next to its HTML (``HY.html`` → ``HY.pdf``), atomically, and only when it
is missing or older than the HTML.  A PDF older than its HTML holds the figures of an earlier
build: every build removes such a PDF (:func:`drop_stale_in`, also without ``--pdf``), so an
old PDF never sits beside a new appendix; ``--pdf`` then writes it again.  A PDF at least as
new as its HTML (an appendix skipped as unchanged) stays.  The period's index links the PDFs
that exist and are current (:func:`is_current`), and is written again once ``--pdf`` has made
them (:func:`write_all` with ``period_dir``).
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


def is_current(html: Path) -> bool:
    """True when the PDF beside ``html`` exists and is not older than ``html``."""
    out = beside(Path(html))
    try:
        return out.stat().st_mtime_ns >= Path(html).stat().st_mtime_ns
    except OSError:  # no PDF, or no HTML
        return False


def drop_stale(htmls) -> list[Path]:
    """Remove the PDF beside each of ``htmls`` that is older than its HTML (it shows the
    figures of an earlier build); return the PDFs removed.  A PDF whose HTML is missing is
    left alone."""
    gone = []
    for html in htmls:
        html, out = Path(html), beside(Path(html))
        if html.is_file() and out.is_file() and not is_current(html):
            try:
                out.unlink()
            except FileNotFoundError:
                continue
            gone.append(out)
    return gone


def drop_stale_in(period_dir: Path, man: dict) -> list[Path]:
    """:func:`drop_stale` for every appendix in the period's manifest ``man`` (every agency
    and language, not only those of this build)."""
    return drop_stale(period_dir / e["html"] for e in man.get("entries", {}).values()
                      if e.get("html"))


def write(html: Path, force: bool = False) -> Path | None:
    """Write ``html`` as PDF beside it; return the PDF path, or None when it was up to date."""
    out = beside(html)
    if not force and is_current(html):
        return None
    weasyprint = engine()
    doc = weasyprint.HTML(filename=str(html), base_url=str(html.parent)).render()
    return atomic.save_with(out, doc.write_pdf)


def write_all(htmls: list[Path], force: bool = False, *, period_dir: Path | None = None,
              lang: str = "vi", refresh=None) -> tuple[int, int]:
    """PDFs for every appendix in ``htmls``: ``(written, already up to date)``.

    With ``period_dir`` (the folder of the period the appendices belong to), the PDFs are
    written under the period's build lock, and ``refresh()`` (the runner passes the index
    pages' writer, so that they link the new PDFs) is called before the lock is let go."""
    engine()  # one clear message before any work when WeasyPrint is missing
    if period_dir is None:
        return _write_each(htmls, force)
    from . import manifest

    with manifest.period_lock(Path(period_dir)):
        counts = _write_each(htmls, force)
        if refresh is not None:
            refresh()
    return counts


def _write_each(htmls: list[Path], force: bool) -> tuple[int, int]:
    written = fresh = 0
    for html in htmls:
        if write(html, force) is None:
            fresh += 1
        else:
            written += 1
    return written, fresh
