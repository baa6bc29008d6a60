"""papi-analysis: period comparisons and HTML appendices for provincial governance reporting."""

__version__ = "0.1.0"
