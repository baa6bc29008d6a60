"""papi-analysis: period comparisons and HTML appendices for provincial governance reporting.

In a notebook, ``import papi_analysis as pa`` gives the exploration API
(:mod:`papi_analysis.explore`: ``pa.load``, ``pa.measures``, ``pa.trend``, ``pa.compare``,
``pa.rank``, ``pa.papi``).  It is imported on first use only, so importing the package stays
cheap (the batch kernels import it for every appendix).
"""

__version__ = "0.1.0"

#: The names of the exploration API, imported from papi_analysis.explore on first use.
EXPLORE = ("load", "measures", "measure", "trend", "compare", "rank", "papi", "findings",
           "Table")


def __getattr__(name: str):
    if name in EXPLORE:
        import importlib

        # by name, not ``from . import explore``: the helpers import __version__ from here,
        # and the layer test (tests/test_layers.py) reads explore's own imports instead
        return getattr(importlib.import_module(f"{__name__}.explore"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted([*globals(), *EXPLORE])
