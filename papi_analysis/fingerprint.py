"""Content fingerprints: of the data, of a notebook, of a build's inputs; and the git commit.

Fingerprints hash file *contents* (never timestamps), so a copy or a touch does not look
like a change and an edit always does.  They appear in every appendix's provenance box and
decide whether the runner can skip an appendix.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import time
from functools import lru_cache
from pathlib import Path

from . import config

#: Data sub-folders (and file patterns) that feed the notebooks.
DATA_PARTS = (("submissions", "*"), ("illustrative", "*"), ("agencies", "*.csv"),
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
    hashed in this process: a build's data check, each appendix's data load and its
    provenance box fingerprint the same files, and the contents decide the hash either way.
    A file changed in the last two seconds is always read again (a rewrite within the
    file system's clock tick keeps its modification time).
    """
    st = Path(path).stat()
    if time.time_ns() - st.st_mtime_ns < 2_000_000_000:
        return _digest.__wrapped__(str(path), st.st_size, st.st_mtime_ns, st.st_ino)
    return _digest(str(path), st.st_size, st.st_mtime_ns, st.st_ino)


@lru_cache(maxsize=4096)
def _digest(path: str, size: int, mtime_ns: int, inode: int) -> str:
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


def of_values(*values) -> str:
    """A fingerprint of JSON-serialisable values (parameters, versions)."""
    blob = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


@lru_cache(maxsize=1)
def git_commit(root: str | None = None) -> str:
    """The short git commit of the project (``+dirty`` if modified), or ``""`` if unknown."""
    cwd = root or str(config.ROOT)
    try:
        sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=cwd, capture_output=True,
                             text=True, timeout=5, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=cwd,
                               capture_output=True, text=True, timeout=5).stdout.strip()
        return sha + ("+dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return ""


@lru_cache(maxsize=16)
def code_digest(*parts: str) -> str:
    """A digest of the package version and of the source of ``parts`` of the package.

    Each part is a sub-package (``"prose"``: its ``*.py``) or a module path
    (``"intake/reports.py"``).  Caches of derived data key on it, so that editing the code
    that derives them (not only a new version) makes them stale.  16 hex digits.
    """
    from . import __version__

    pkg = Path(__file__).resolve().parent
    h = hashlib.sha256(__version__.encode())
    for part in parts:
        path = pkg / part
        files = sorted(path.glob("*.py")) if path.is_dir() else [path]
        for f in files:
            h.update(f.relative_to(pkg).as_posix().encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:16]
