"""The appendix registry: each appendix notebook's own ``papi_analysis`` metadata.

A notebook of ``notebooks/`` says what it is in its metadata::

    "papi_analysis": {"appendix": 1, "scope": "agency",
                      "title_vi": "Tình hình giải quyết thủ tục hành chính",
                      "title_en": "Handling of administrative procedures (TTHC)"}

That is the one place an appendix's number, scope (one page per agency, or one for the
province) and titles are written: the context of a running notebook reads its title and scope
here, the batch (:func:`papi_analysis.batch.buildcheck.discover`) plans and indexes from the
same metadata, and rendering titles the page with it.  A notebook that declares
``"batch": false`` (``00_explore``) is no appendix.  Each folder is read once per process.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from .. import config

__all__ = ["Appendix", "find", "metadata", "registry"]


@dataclass(frozen=True)
class Appendix:
    """One appendix, as its notebook's metadata declares it."""

    number: int
    #: the notebook's file name without ``.ipynb`` (``01_tthc``)
    notebook: str
    #: ``agency`` (one page per agency and the province) or ``province`` (one page)
    scope: str
    title_vi: str
    title_en: str

    def title(self, lang: str) -> str:
        """The title in ``lang`` (``vi`` or ``en``)."""
        return self.title_vi if lang == "vi" else self.title_en


def metadata(path: Path) -> dict:
    """The ``papi_analysis`` metadata of the notebook at ``path``; ``{}`` when the file is not
    a notebook's JSON or has none."""
    try:
        meta = json.loads(Path(path).read_bytes()).get("metadata", {}).get("papi_analysis", {})
    except (OSError, ValueError, AttributeError):
        return {}
    return meta if isinstance(meta, dict) else {}


def _appendix(path: Path) -> Appendix | None:
    meta = metadata(path)
    if meta.get("batch") is False or "appendix" not in meta:
        return None
    try:
        number = int(meta["appendix"])
    except (TypeError, ValueError):
        return None
    return Appendix(number, path.stem, str(meta.get("scope", "")),
                    str(meta.get("title_vi", "")), str(meta.get("title_en", "")))


@functools.cache
def _read(folder: Path) -> dict[int, Appendix]:
    found = (_appendix(p) for p in sorted(folder.glob("*.ipynb")))
    return {a.number: a for a in sorted((a for a in found if a is not None),
                                        key=lambda a: (a.number, a.notebook))}


def registry(notebooks_dir: Path | str | None = None) -> dict[int, Appendix]:
    """Number → :class:`Appendix` for the notebooks of ``notebooks_dir`` (default: the
    project's ``notebooks/``, ``PAPI_ANALYSIS_NOTEBOOKS``), in appendix order; read once."""
    folder = Path(notebooks_dir) if notebooks_dir is not None else Path(config.NOTEBOOKS_DIR)
    return dict(_read(folder.expanduser().resolve()))


def find(number: int) -> Appendix | None:
    """Appendix ``number``: from the project's notebooks, else from the folder the notebook
    runs in (the batch and JupyterLab run a notebook in its own folder); None if neither
    has it."""
    for folder in (None, Path.cwd()):
        found = registry(folder).get(number)
        if found is not None:
            return found
    return None
