"""What an appendix notebook calls: :func:`setup`, and the :class:`Context` it returns.

A notebook calls :func:`setup` (through :func:`papi_analysis.appendix.nbparams.setup`) with
its parameters and gets a :class:`Context`: ``ctx.period``, ``ctx.data()``,
``ctx.header(rows)``, ``ctx.comparison_table(...)``, ``ctx.figure(...)``…  The context does
no work itself: it puts together the parts below, each with one job, and passes every call
to the part that answers it (the table :data:`CALLS`).

==================  =======================================================================
part                its job
==================  =======================================================================
``ctx.params``      :mod:`.parameters`: the checked parameters; the data, findings, registry
                    and departments they select
``ctx.labels``      :mod:`.labels`: texts, titles, agency and period names in the language
``ctx.mergers``     :mod:`.mergers`: notes on units merged, split or moved (2025 mergers)
``ctx.banner``      :mod:`.banner`: the ILLUSTRATIVE banner and the note on comparisons
``ctx.captions``    :mod:`.captions`: numbered, captioned tables and figures; headings, text
``ctx.head``        :mod:`.header`: the header, coverage, errors box and provenance box
``ctx.papi``        :mod:`.papicontext`: the PAPI year, code, key figures and predecessors
==================  =======================================================================

The table bodies are built by :mod:`~papi_analysis.appendix.tables`,
:mod:`~papi_analysis.appendix.comparetables` and :mod:`~papi_analysis.appendix.papitables`;
the title and scope of each appendix come from its notebook's metadata
(:mod:`~papi_analysis.appendix.appendices`).
"""

from __future__ import annotations

from typing import Any

from . import parameters
from .banner import BANNER, Banner
from .captions import HTML, Captions
from .header import Header
from .labels import Labels
from .mergers import MergerNotes
from .papicontext import PapiContext
from .parameters import Parameters
from .tables import Column, cell, esc, sources_note

# Column, cell, esc and sources_note live in tables, BANNER in banner, HTML in captions:
# notebooks, rendering and tests reach them through report.
__all__ = ["BANNER", "CALLS", "HTML", "Column", "Context", "cell", "esc", "setup",
           "sources_note"]

#: Each name a notebook calls on its context → the part that answers it, and the part's name
#: for it.
CALLS: dict[str, tuple[str, str]] = {
    # the parameters and the data they select
    **{name: ("params", name) for name in (
        "period", "comparisons", "agency", "lang", "data_dir", "appendix", "compare_raw",
        "illustrative", "registry", "started", "periods", "first_comparison", "is_province",
        "reg", "members", "lineage", "coverage_counts", "errors_link", "findings", "data")},
    # words and names in the notebook's language
    **{name: ("labels", name) for name in (
        "t", "word", "title", "agency_name", "agency_names", "period_label", "compare_label",
        "coverage_text")},
    # units merged, split or moved
    "lineage_notes": ("mergers", "notes"),
    "unit_notes": ("mergers", "unit_notes"),
    # numbered and captioned blocks
    **{name: ("captions", name) for name in (
        "heading", "paragraph", "message", "table", "comparison_table", "key_figures",
        "breakdown_caption", "breakdown_table", "figure")},
    # the head of the appendix
    **{name: ("head", name) for name in (
        "header", "coverage", "as_of_note", "errors_box", "provenance", "sources_note")},
    # PAPI
    **{name: ("papi", name) for name in (
        "gso_code", "papi_year", "papi_key_figures", "papi_predecessors")},
}


class Context:
    """A notebook's parameters and the parts that write its appendix (see the module)."""

    def __init__(self, params: Parameters) -> None:
        self.params = params
        self.labels = Labels(params)
        self.mergers = MergerNotes(params, self.labels)
        self.banner = Banner(params, self.labels)
        self.captions = Captions(params, self.labels, self.mergers)
        self.head = Header(params, self.labels, self.banner, self.mergers, self.captions)
        self.papi = PapiContext(params, self.labels, self.captions)

    def __getattr__(self, name: str) -> Any:
        # called only for names that are not the parts: the notebook's calls of CALLS
        part, attr = CALLS.get(name, ("", ""))
        if part in self.__dict__:
            return getattr(self.__dict__[part], attr)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(CALLS))

    def __repr__(self) -> str:
        return f"Context({self.params!r})"

    def records_section(self) -> HTML:
        """The section from the one-stop system's file records of the unit (the province:
        of every unit), or nothing when the data folder holds none
        (:mod:`papi_analysis.appendix.recordtables`)."""
        from . import recordtables

        return HTML(*recordtables.section(self))


def setup(
    period: str,
    compare: list | str | None,
    agency: str,
    lang: str = "vi",
    data_dir: str = "",
    *,
    appendix: int,
    illustrative: bool = True,
) -> Context:
    """Check a notebook's parameters (:func:`parameters.check`) and give its :class:`Context`.

    Raises
    ------
    ParameterError
        If a parameter is wrong: unknown language, unreadable period or comparison period,
        unknown agency, an agency other than ``HY`` for a province-wide appendix, or a
        ``data_dir`` that does not exist.  The message names the parameter and what to do.
    """
    return Context(parameters.check(period, compare, agency, lang, data_dir,
                                    appendix=appendix, illustrative=illustrative))
