"""Exploring in JupyterLab: load, measures, trend, compare, rank and PAPI, flags kept."""

from .api import compare, findings, load, measure, measures, papi, rank, trend
from .results import Table

__all__ = ["Table", "compare", "findings", "load", "measure", "measures", "papi", "rank", "trend"]
