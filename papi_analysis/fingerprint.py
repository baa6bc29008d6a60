"""Content fingerprints: of the data, of a notebook, of a build's inputs; and the git commit.

Fingerprints hash file *contents* (never timestamps), so a copy or a touch does not look
like a change and an edit always does.  They appear in every appendix's provenance box and
decide whether the runner can skip an appendix.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import time
from functools import lru_cache
from pathlib import Path

from . import config

#: Data sub-folders (and file patterns) that feed the notebooks.
DATA_PARTS = (("submissions", "*"), ("illustrative", "*"), ("records", "*"), ("agencies", "*.csv"),
              ("papi", "*.csv"), (".", "papi-analysis.toml"))


def data_files(data_dir: Path | str | None = None) -> list[Path]:
    """The files whose contents define the data a build reads, sorted."""
    base = Path(data_dir) if data_dir else config.DATA_DIR
    out: list[Path] = []
    for sub, pattern in DATA_PARTS:
        folder = base / sub
        if folder.is_dir():
            # a prose report (.md too) is data; a folder's README is not
            out += [p for p in folder.glob(pattern) if p.is_file()
                    and not p.name.lower().startswith("readme")]
    return sorted(out)


def file_digest(path: Path) -> str:
    """SHA-256 of one file's bytes.

    Remembered for a file whose size and modification time have not changed since it was
    hashed in this process (:func:`papi_analysis.caches.kept`, which a warm kernel keeps
    from one appendix to the next): a build's data check, each appendix's data load and its
    provenance box fingerprint the same files, and the contents decide the hash either way.
    A file changed in the last two seconds is always read again (a rewrite within the
    file system's clock tick keeps its modification time).
    """
    st = Path(path).stat()
    if time.time_ns() - st.st_mtime_ns < 2_000_000_000:
        return _digest(str(path))
    from . import caches  # kept by the process, so a warm kernel's next appendix finds it

    return caches.remember("file_digest", (str(path), st.st_size, st.st_mtime_ns, st.st_ino),
                           lambda: _digest(str(path)), 4096)


def _digest(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def data_fingerprint(data_dir: Path | str | None = None) -> str:
    """A 12-hex-digit fingerprint of every data file (names relative to the folder, contents)."""
    base = Path(data_dir) if data_dir else config.DATA_DIR
    h = hashlib.sha256()
    for p in data_files(base):
        h.update(str(p.relative_to(base)).encode())
        h.update(file_digest(p).encode())
    return h.hexdigest()[:12]


#: Set by a Dask build for the notebooks it runs on a worker, whose copy of the package has
#: no git history: the commit of the client that vouched for the code (its digest is checked).
COMMIT_ENV = "PAPI_ANALYSIS_COMMIT"


@lru_cache(maxsize=1)
def git_commit(root: str | None = None) -> str:
    """The short git commit of the project (``+dirty`` if modified), or ``""`` if unknown;
    :data:`COMMIT_ENV` when set (a Dask worker's kernel, see ``batch/shipping.py``)."""
    if root is None and os.environ.get(COMMIT_ENV):
        return os.environ[COMMIT_ENV]
    cwd = root or str(config.ROOT)
    try:
        sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=cwd, capture_output=True,
                             text=True, timeout=5, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=cwd,
                               capture_output=True, text=True, timeout=5).stdout.strip()
        return sha + ("+dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return ""


#: The package's own folder (the code fingerprints hash every file under it).
PACKAGE_DIR = Path(__file__).resolve().parent

#: Modules that only orchestrate a build or a command and cannot change what an appendix or
#: a cached table holds: editing them changes no key.  Nothing else in the package imports
#: them (a test checks this); the runner and its checks are not here, since they shape an
#: appendix's title and parameters.
BUILD_ONLY = frozenset({"cli.py", "batch/manifest.py", "batch/indexpage.py",
                        "batch/executors.py", "batch/pdf.py", "batch/clustersecurity.py",
                        "batch/shipping.py",
                        # the index pages' templates (batch/indexpage.py renders them)
                        *(f"templates/index/{name}" for name in (
                            "page.html.j2", "index.css", "macros.html.j2", "period.html.j2",
                            "root.html.j2", "national.html.j2"))})


def package_digest(package_dir: Path | str | None = None, salt: str = "") -> str:
    """A digest of ``__version__``, ``salt`` and every file of the package (``*.py``,
    ``templates/``, ``resources/``) except :data:`BUILD_ONLY`: all the code that can change
    what an appendix or a cached table holds.  64 hex digits."""
    from . import __version__

    base = Path(package_dir) if package_dir else PACKAGE_DIR
    h = hashlib.sha256(f"{__version__}\0{salt}".encode())
    files = [p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts
             and p.suffix not in (".pyc", ".pyo") and not p.name.startswith((".", "~"))]
    for p in sorted(files):
        rel = p.relative_to(base).as_posix()
        if rel in BUILD_ONLY:
            continue
        h.update(rel.encode() + b"\0" + file_digest(p).encode())
    return h.hexdigest()


@lru_cache(maxsize=4)
def _code_digest(package_dir: str) -> str:
    return package_digest(package_dir)[:16]


def code_digest(*parts: str) -> str:
    """A digest of the package version and of all the package code that can change derived
    data (:func:`package_digest`).  Caches of derived data (the tidy table, the findings,
    prose reports read) key on it, so that editing any of that code, a root helper such as
    ``text.py`` included, makes them stale.  16 hex digits.

    ``parts`` is ignored: it used to name the sub-packages to cover, which missed the
    helpers they import.
    """
    return _code_digest(str(PACKAGE_DIR))
