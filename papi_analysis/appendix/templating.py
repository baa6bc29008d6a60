"""The Jinja2 environment of the HTML the package writes outside the notebooks' own template:
the index pages (``templates/index/``, :mod:`papi_analysis.batch.indexpage`) and the tables
of the appendices (``templates/tables/``, :mod:`papi_analysis.appendix.tables`).

Autoescaping is on: a template escapes every value it writes, with :func:`escape`.  Python
gives the templates data (rows, labels, links); HTML that our own code has already built (a
formatted cell, a row of a table built elsewhere) is passed as :func:`trusted`, which says so
where it is done.
"""

from __future__ import annotations

import functools
import html
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

#: The package's templates: ``appendix/`` (nbconvert's), ``index/``, ``tables/``.
TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"


def escape(value: object) -> Markup:
    """How the templates escape every value they write: :func:`html.escape` with quotes, as
    the package always did (``'`` as ``&#x27;``, where markupsafe would write ``&#39;``), so
    that the pages stay the same byte for byte.  Markup (a macro's output, or
    :func:`trusted` HTML) is written as it is."""
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    return Markup(html.escape(str(value), quote=True))


def trusted(fragment: str) -> Markup:
    """``fragment``, HTML our own code built (its values escaped where it was built), to be
    written as it is by a template.  Never for text that comes from a file."""
    return Markup(fragment)


@functools.cache
def environment() -> jinja2.Environment:
    """The environment: autoescaping on (Jinja2 escapes what ``finalize`` returns and leaves
    markup alone, so every value goes through :func:`escape`), an undefined variable an
    error, a template's last line break kept."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True,
                              finalize=escape, undefined=jinja2.StrictUndefined,
                              keep_trailing_newline=True)


@functools.cache
def macros(name: str) -> Any:
    """The macros of the template ``name`` (``tables/tables.html.j2``), as functions that
    return markup."""
    return environment().get_template(name).module
