"""The templates of the HTML the package writes outside the notebooks' own template: the
index pages (``templates/index/``, :mod:`papi_analysis.batch.indexpage`), the tables of the
appendices (``templates/tables/``, :mod:`papi_analysis.appendix.tables`) and the other parts
of an appendix (``templates/parts/``: its head, captions, notes, banner, an error's place).

The environment and its escaping rule are the package's one (:mod:`papi_analysis.templating`,
a root helper that the review page of ``prose`` uses too); this module gives it over all of
``templates/``, with a template's last line break kept, and the macros of a template.
"""

from __future__ import annotations

import functools
from typing import Any

import jinja2

from ..templating import TEMPLATES_DIR, escape, trusted
from ..templating import environment as _environment

__all__ = ["TEMPLATES_DIR", "environment", "escape", "macros", "part", "trusted"]


def environment() -> jinja2.Environment:
    """The environment over all of ``templates/`` (autoescape, :func:`escape` as finalize,
    StrictUndefined, a template's last line break kept)."""
    return _environment()


@functools.cache
def macros(name: str) -> Any:
    """The macros of the template ``name`` (``tables/tables.html.j2``), as functions that
    return markup."""
    return environment().get_template(name).module


def part(name: str) -> Any:
    """The macros of ``templates/parts/<name>.html.j2`` (the pieces of an appendix)."""
    return macros(f"parts/{name}.html.j2")
