"""The package's one way to render HTML from Jinja2 templates (``papi_analysis/templates/``).

Every page and piece of HTML the package writes outside nbconvert's own template comes from
a template rendered by an environment made here: the appendices' tables and parts
(``tables/``, ``parts/``, through :mod:`papi_analysis.appendix.templating`), the index pages
(``index/``), the exploration legend (``explore/``) and the review pages (``review/``,
:mod:`papi_analysis.prose.review`).  A root helper, so that every stage may import it.

Autoescaping is on: a template escapes every value it writes, with :func:`escape`.  Python
gives the templates data (rows, labels, links); HTML that our own code has already built (a
formatted cell, a row of a table built elsewhere) is passed as :func:`trusted`, which says so
where it is done.
"""

from __future__ import annotations

import functools
import html
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import caches

#: The package's templates: ``appendix/`` (nbconvert's), ``index/``, ``tables/``, ``parts/``,
#: ``explore/``, ``review/``.
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


def escape(value: object) -> Markup:
    """How the templates escape every value they write: :func:`html.escape` with quotes, as
    the package always did (``"`` as ``&quot;``, ``'`` as ``&#x27;``, where markupsafe would
    write ``&#34;`` and ``&#39;``), so that the pages stay the same byte for byte.  Jinja2
    calls it (``finalize``) on every ``{{ … }}`` value before autoescaping, which leaves the
    Markup it returns alone.  Markup (a macro's output, or :func:`trusted` HTML) is written as
    it is.  (A constant string in a template, ``{{ "…" }}``, is escaped by Jinja2 itself at
    compile time: keep such constants free of ``&<>"'``.)"""
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    return Markup(html.escape(str(value), quote=True))


def trusted(fragment: str) -> Markup:
    """``fragment``, HTML our own code built (its values escaped where it was built), to be
    written as it is by a template.  Never for text that comes from a file."""
    return Markup(fragment)


@functools.cache
def environment(folder: str = "", *, trim_blocks: bool = False, lstrip_blocks: bool = False,
                keep_trailing_newline: bool = True) -> jinja2.Environment:
    """An environment over ``templates/<folder>`` (all of ``templates/`` when ``folder`` is
    empty), made once per set of options.

    Autoescaping is on for every template (their names end in ``.j2``, which Jinja2's
    extension-based choice would not recognise); ``finalize`` escapes as :func:`escape` says;
    a missing value is an error, never an empty cell (StrictUndefined).  The whitespace
    options are each page's own: ``trim_blocks``/``lstrip_blocks`` make a line holding only a
    ``{% … %}`` tag leave nothing; ``keep_trailing_newline`` keeps a template's last line
    break."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR / folder if folder else TEMPLATES_DIR),
        autoescape=True, finalize=escape, undefined=jinja2.StrictUndefined,
        trim_blocks=trim_blocks, lstrip_blocks=lstrip_blocks,
        keep_trailing_newline=keep_trailing_newline,
        bytecode_cache=caches.kept_templates())  # compiled once per process, not per notebook
