"""Build state: content fingerprints of what an appendix depends on, and the manifests.

An appendix is rebuilt only when one of its inputs changed since its last *successful*
build: the notebook file, the parameters it receives, the data
(:func:`fingerprint.data_fingerprint`), the package version and the package's own code and
templates.  Everything is a hash of file
contents, never a timestamp, so a copy or a ``touch`` is not a change and an edit always is.

Each period keeps ``reports/<period>/manifest.json``; ``reports/.build-cache.json`` remembers
slow facts keyed by content (the parameters a notebook declares, keyed by the notebook's hash;
the latest period with data, keyed by the data fingerprint) so that a build with nothing to do
imports neither papermill nor pandas.  This module uses the standard library (and our own
standard-library-only :mod:`~papi_analysis.fingerprint`) only, on purpose.

An appendix is one notebook for one agency in one language: its manifest key is
``<notebook stem>/<agency>/<lang>``, so the Vietnamese and English appendices of a period are
built, skipped and listed independently.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from pathlib import Path

from .. import atomic, fingerprint

#: Bump when the manifest layout or the meaning of a key changes: every appendix rebuilds.
#: 2: keys ``<stem>/<agency>/<lang>``, each language with its own files.
FORMAT = 2

#: Modules that only orchestrate a build; editing them does not change any appendix.
BUILD_ONLY = fingerprint.BUILD_ONLY

PACKAGE_DIR = fingerprint.PACKAGE_DIR


def code_fingerprint(package_dir: Path | None = None) -> str:
    """Fingerprint of the package code and templates that notebooks run with.

    Covers every file under the package (``*.py``, ``templates/``, ``resources/``) except
    :data:`BUILD_ONLY`, plus ``__version__`` and :data:`FORMAT`
    (:func:`fingerprint.package_digest`).  Returns 16 hex digits.
    """
    return fingerprint.package_digest(package_dir, salt=str(FORMAT))[:16]


def appendix_key(notebook_sha: str, parameters: dict, data_fp: str, code_fp: str) -> str:
    """The content key of one appendix build: equal keys give the same appendix."""
    blob = json.dumps([FORMAT, notebook_sha, parameters, data_fp, code_fp],
                      sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()[:24]


# -- files ---------------------------------------------------------------------------------
def atomic_write(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and :func:`os.replace`.

    Readers see the old file or the new one, never a half-written one.
    """
    atomic.write(path, data)


def read_json(path: Path, default):
    """Parsed JSON at ``path``, or ``default`` if it is missing or unreadable."""
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return default


def write_json(path: Path, value, sort_keys: bool = True) -> None:
    """Write ``value`` as indented UTF-8 JSON, atomically."""
    atomic_write(path, json.dumps(value, ensure_ascii=False, indent=1, sort_keys=sort_keys) + "\n")


# -- the manifest of one period ------------------------------------------------------------
def manifest_path(reports_dir: Path, period_code: str) -> Path:
    """``reports/<period>/manifest.json``."""
    return reports_dir / period_code / "manifest.json"


def load_manifest(reports_dir: Path, period_code: str) -> dict:
    """The manifest of a period: ``{"format", "period", "entries": {"<stem>/<agency>/<lang>": …}}``.

    Each entry holds ``ok_key`` (the key of the last successful build), ``status`` of the
    last attempt (``ok`` / ``failed``), ``lang``, ``parameters``, ``data_fingerprint``,
    ``built_at`` (ISO time of the last success), ``attempted_at``, ``duration``, ``html``,
    ``ipynb``, ``failed_ipynb`` and ``error`` (paths relative to the period folder).  A manifest
    of another :data:`FORMAT` is ignored (everything rebuilds once).
    """
    m = read_json(manifest_path(reports_dir, period_code), {})
    if m.get("format") != FORMAT:
        m = {}
    m.setdefault("format", FORMAT)
    m.setdefault("period", period_code)
    m.setdefault("entries", {})
    return m


def save_manifest(reports_dir: Path, manifest: dict) -> None:
    """Write a period's manifest atomically."""
    write_json(manifest_path(reports_dir, manifest["period"]), manifest)


def is_fresh(entry: dict | None, key: str, period_dir: Path) -> bool:
    """True when the last successful build had ``key`` and its HTML and notebook still exist."""
    if not entry or entry.get("ok_key") != key:
        return False
    return all((period_dir / entry.get(k, "")).is_file() for k in ("html", "ipynb"))


# -- the cache of slow, content-keyed facts ------------------------------------------------
class Cache:
    """``reports/.build-cache.json``: facts that are slow to find and keyed by content."""

    def __init__(self, reports_dir: Path) -> None:
        self.path = reports_dir / ".build-cache.json"
        self.data = read_json(self.path, {})
        if self.data.get("format") != FORMAT:
            self.data = {"format": FORMAT}
        self.dirty = False

    def get(self, section: str, key: str):
        """The value remembered under ``section``/``key``, or ``None``."""
        return self.data.get(section, {}).get(key)

    def put(self, section: str, key: str, value) -> None:
        """Remember ``value``; the section keeps its 50 most recent keys."""
        sec = self.data.setdefault(section, {})
        sec.pop(key, None)
        sec[key] = value
        while len(sec) > 50:
            sec.pop(next(iter(sec)))
        self.dirty = True

    def save(self) -> None:
        """Write the cache if anything changed (a failed write only costs speed next time)."""
        if self.dirty:
            with contextlib.suppress(OSError):
                write_json(self.path, self.data, sort_keys=False)
            self.dirty = False


#: Seconds between two tries of a lock held by another build (where the system cannot wait).
LOCK_POLL = 0.5

#: The descriptors of the locks this process holds: a forked child closes them at once
#: (:func:`_forget_locks_in_child`), so a lock dies with the build that took it.
_HELD: set[int] = set()


def _forget_locks_in_child() -> None:
    """In a freshly forked child (a worker of the build): close the lock descriptors it
    inherited.  An ``flock`` lives as long as any process holds its descriptor, so a worker
    orphaned by a ``kill -9`` of its build would otherwise keep the period locked."""
    for fd in list(_HELD):
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_locks_in_child)


def _try_lock(fd: int) -> bool:
    """Take the exclusive lock on ``fd`` without waiting; False when another holds it."""
    try:
        import fcntl
    except ImportError:  # Windows: a lock on the file's first byte, freed when we end
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)  # locking() starts at the current position
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:
        import msvcrt

        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    fcntl.flock(fd, fcntl.LOCK_UN)


@contextlib.contextmanager
def period_lock(period_dir: Path, on_wait=None):
    """Hold an exclusive lock on a period folder, so two builds never interleave.

    The lock is ``<period>/.build.lock``, taken with ``flock`` (POSIX) or ``msvcrt.locking``
    (Windows).  It dies with the process that took it: the operating system frees it when
    that process ends, however it ends (``kill -9`` included), and the build's worker
    processes do not keep it (a forked child closes it at once; a spawned one never has it).
    ``on_wait`` is called once, before waiting, when another build holds it.
    """
    period_dir.mkdir(parents=True, exist_ok=True)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(period_dir / ".build.lock", flags, 0o666)
    _HELD.add(fd)
    try:
        if not _try_lock(fd):
            if on_wait is not None:
                on_wait()
            while not _try_lock(fd):
                try:
                    import fcntl

                    fcntl.flock(fd, fcntl.LOCK_EX)  # wait (interruptible by Ctrl-C)
                    break
                except ImportError:
                    time.sleep(LOCK_POLL)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        _HELD.discard(fd)
        os.close(fd)
