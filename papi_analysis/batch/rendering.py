"""Executed notebook → a self-contained, code-free HTML appendix.

The appendix shows the notebook's outputs only: no code, no prompts, no parameters cells,
no warnings or tracebacks, no script and no external URL (no CDN, no web font), so it can be
sent as one file and opened offline on a phone or printed.  Images stay embedded as
``data:`` URIs.  The nbconvert exporter is built once per process: a batch renders dozens of
appendices.
"""

from __future__ import annotations

import copy
import os
import re
import threading

import nbformat
from nbconvert.exporters import HTMLExporter

from .. import __version__
from ..appendix import appendices
from ..appendix.banner import BANNER  # not .report: a worker then never imports matplotlib
from ..templating import TEMPLATES_DIR

TEMPLATE = "appendix"
#: Cells with these tags never reach an appendix.
REMOVE_TAGS = frozenset({"parameters", "injected-parameters", "remove_cell", "remove-cell"})
_DROP_MIME = ("application/javascript", "application/vnd.jupyter.widget-view+json",
              "application/vnd.jupyter.widget-state+json", "text/vnd.mermaid")
_EXTERNAL_ATTR = re.compile(
    r"""(\s(?:src|href|action|poster|data|srcset|formaction|xlink:href)\s*=\s*)(["']?)"""
    r"""\s*(?:https?:)?//[^"'\s>]*\2""", re.IGNORECASE)

_lock = threading.Lock()
_exporter: HTMLExporter | None = None


def exporter() -> HTMLExporter:
    """The shared HTMLExporter with the appendix template (built on first use)."""
    global _exporter
    with _lock:
        if _exporter is None:
            _exporter = HTMLExporter(
                template_name=TEMPLATE,
                extra_template_basedirs=[str(TEMPLATES_DIR)],
                exclude_input=True,
                exclude_input_prompt=True,
                exclude_output_prompt=True,
                exclude_markdown=True,
                exclude_raw=True,
                exclude_unknown=True,
                exclude_anchor_links=True,
                embed_images=True,
                # validate once after the preprocessors, not after each (the same checks)
                optimistic_validation=True,
            )
        return _exporter


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` holding only what an appendix may show.

    Drops parameters cells, markdown and raw cells, stderr streams (warnings), scripts and
    widgets; an error output becomes one short line without its traceback.
    """
    out = copy.deepcopy(nb)
    cells = []
    for c in out.cells:
        tags = set(c.get("metadata", {}).get("tags", []))
        if c.cell_type != "code" or tags & REMOVE_TAGS:
            continue
        kept = []
        for o in c.get("outputs", []):
            if o.output_type == "stream" and o.get("name") != "stdout":
                continue
            if o.output_type == "error":
                kept.append(_error_output(o))
                continue
            if o.output_type in ("display_data", "execute_result"):
                data = {k: v for k, v in o.get("data", {}).items() if k not in _DROP_MIME}
                if not data:
                    continue
                o["data"] = data
            kept.append(o)
        c["outputs"] = kept
        c["source"] = ""
        cells.append(c)
    out.cells = cells
    out.metadata.pop("widgets", None)
    return out


def _error_output(o) -> nbformat.NotebookNode:
    """A failed cell's error in its place, as a message (``templates/parts/error.html.j2``):
    the error's name and the first line of its message, escaped."""
    from ..appendix.templating import part

    first = str(o.get("evalue", "")).strip().splitlines()
    msg = f"{o.get('ename', 'Error')}: {first[0] if first else ''}"
    body = str(part("error").error(msg))
    return nbformat.v4.new_output("display_data", data={"text/html": body})


def _title(nb: nbformat.NotebookNode, lang: str) -> str:
    meta = nb.metadata.get("papi_analysis", {})
    n = meta.get("appendix")
    known = appendices.find(n) if isinstance(n, int) else None
    title = meta.get(f"title_{lang}") or (known.title(lang) if known is not None else "")
    params = nb.metadata.get("papermill", {}).get("parameters", {}) or {}
    word = "Phụ lục" if lang == "vi" else "Appendix"
    parts = [f"{word} {n}. {title}" if n else title or word]
    parts += [str(params[k]) for k in ("agency", "period") if params.get(k)]
    return " — ".join(parts)


def notebook_to_html(nb: nbformat.NotebookNode | str | os.PathLike, *, lang: str = "vi",
                     title: str | None = None) -> str:
    """Render an executed notebook as an appendix: one offline HTML string.

    Parameters
    ----------
    nb : NotebookNode or path
        The executed notebook (as papermill returns it) or a path to one.
    lang : str
        ``vi`` or ``en``: the page language (``<html lang>``) and fixed texts.
    title : str, optional
        The page title; default: "Phụ lục N. <title> — <agency> — <period>" from the
        notebook's ``papi_analysis`` metadata and papermill parameters.

    Returns
    -------
    str
        A complete HTML document: no code, no prompts, no stderr, no traceback, no script,
        no external URL.
    """
    if not isinstance(nb, nbformat.NotebookNode):
        nb = nbformat.read(os.fspath(nb), as_version=4)
    lang = lang if lang in ("vi", "en") else "vi"
    page = clean(nb)
    illustrative = any(
        'class="pa-banner"' in str(o.get("data", {}).get("text/html", ""))
        for c in page.cells for o in c.get("outputs", []))
    heading = title or _title(nb, lang)
    if illustrative:
        heading = f"[{'MINH HỌA' if lang == 'vi' else 'ILLUSTRATIVE'}] {heading}"
    footer = f"{heading} · papi-analysis {__version__}"
    number = nb.metadata.get("papi_analysis", {}).get("appendix")
    resources = {"papi": {"lang": lang, "title": heading, "illustrative": illustrative,
                          "banner": BANNER[lang], "footer": footer, "version": __version__,
                          "appendix": number if isinstance(number, int) else ""}}
    exp = exporter()
    with _lock:  # an exporter keeps per-call state
        body, _ = exp.from_notebook_node(page, resources=resources)
    return _EXTERNAL_ATTR.sub(r"\1\2#\2", body)
