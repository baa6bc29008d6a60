"""The content-keyed caches on disk: where they live, how a cached file proves it is what its
key says, and how they are kept small.

Every cache lives under :data:`papi_analysis.config.CACHE_DIR` (``.cache/`` in the project,
or ``PAPI_ANALYSIS_CACHE``), one folder per kind (:data:`KINDS`):

- ``tidy/<key>.parquet``: a data folder's submissions read into one tidy table
  (:func:`papi_analysis.intake.datasets.load`);
- ``findings/<key>.json``: the validation findings of a data folder on a given day
  (:func:`papi_analysis.intake.validation.check_data`);
- ``prose/<key>.json``: what the prose reader found in one report
  (:mod:`papi_analysis.intake.reports`).

A key is a hash of everything the content depends on (the input files, the package code,
the options).  A cached file also carries its key and a digest of its content, and is used
only when both check out: a file put at a cache path by hand (another Parquet file, an
emptied findings file, a copy under another key) is ignored, removed and recomputed, never
trusted.  Each kind keeps its :data:`KINDS` newest files and drops those not used for
:data:`MAX_AGE_DAYS` days, after a write (at most every :data:`BOUND_EVERY` seconds per
process); ``papi-analysis cache prune`` applies those bounds now, ``--all`` empties them.
Everything here is safe to delete.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import time
from pathlib import Path

from . import atomic, config

#: Bump when the layout of a cached file changes: older files no longer verify.
FORMAT = 1

#: Cache kinds and how many files each keeps (newest use first).
KINDS = {"tidy": 8, "findings": 32, "prose": 2000}
#: A cached file not used for this many days is dropped at the next write of its kind.
MAX_AGE_DAYS = 30
#: A temporary file older than this (seconds) is what a killed process left: dropped.
_STALE_TMP = 3600
#: Seconds between two boundings of a kind by one process (reading 500 reports writes 500
#: entries: the folder is listed once, not 500 times).
BOUND_EVERY = 30.0
_bounded: dict[str, float] = {}

_META = b"papi_analysis.cache"


def folder(kind: str) -> Path:
    """``CACHE_DIR/<kind>``."""
    return Path(config.CACHE_DIR) / kind


def path(kind: str, key: str, suffix: str) -> Path:
    """Where the file of ``key`` lives: ``CACHE_DIR/<kind>/<key><suffix>``."""
    return folder(kind) / f"{key}{suffix}"


def _digest(blob: bytes) -> str:
    return hashlib.sha256(blob).hexdigest()


def _used(p: Path) -> None:
    """Mark ``p`` as just used (its modification time), so that pruning keeps it."""
    with contextlib.suppress(OSError):
        os.utime(p)


def _drop(p: Path) -> None:
    with contextlib.suppress(OSError):
        p.unlink()


# -- JSON values ------------------------------------------------------------------------------
def _canonical(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False).encode()


def put_json(kind: str, key: str, value) -> None:
    """Keep ``value`` (JSON-serialisable) under ``key``, with its key and digest; then bound
    the kind.  A failed write only costs time next time."""
    try:
        body = _canonical(value)
    except (TypeError, ValueError):
        return
    doc = {"format": FORMAT, "kind": kind, "key": key, "digest": _digest(body), "value": value}
    with contextlib.suppress(OSError, TypeError, ValueError):
        atomic.write(path(kind, key, ".json"), json.dumps(doc, ensure_ascii=False,
                                                          allow_nan=False))
    _bound_now(kind)


def get_json(kind: str, key: str):
    """The value kept under ``key``, or ``None`` when there is none or it does not verify
    (another key or kind inside, a digest that does not match its content, not JSON); a
    file that does not verify is removed."""
    p = path(kind, key, ".json")
    if not p.is_file():
        return None
    try:
        doc = json.loads(p.read_text(encoding="utf-8"))
        ok = (isinstance(doc, dict) and doc.get("format") == FORMAT and doc.get("kind") == kind
              and doc.get("key") == key and "value" in doc
              and doc.get("digest") == _digest(_canonical(doc["value"])))
    except (OSError, ValueError, TypeError):
        ok = False
    if not ok:
        _drop(p)
        return None
    _used(p)
    return doc["value"]


# -- tables (Parquet) -------------------------------------------------------------------------
def table_digest(table) -> str:
    """A digest of an Arrow table's column names, types and every value, null or not.

    Computed on the Arrow data (the same before writing and after reading back), column by
    column over flat buffers: a million tidy rows in a fraction of a second.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    h = hashlib.sha256(_canonical([[f.name, str(f.type)] for f in table.schema]))
    h.update(str(table.num_rows).encode())
    for col in table.columns:
        arr = col.combine_chunks() if col.num_chunks != 1 else col.chunk(0)
        if isinstance(arr, pa.ChunkedArray):  # no chunk at all
            arr = pa.array([], type=col.type)
        if arr.null_count:
            h.update(np.packbits(arr.is_null().to_numpy(zero_copy_only=False)).tobytes())
        t = arr.type
        if pa.types.is_string(t) or pa.types.is_large_string(t):
            flat = pc.fill_null(arr, "") if arr.null_count else arr
            width = np.int64 if pa.types.is_large_string(t) else np.int32
            offsets = np.frombuffer(flat.buffers()[1], dtype=width)[
                flat.offset:flat.offset + len(flat) + 1]
            h.update((offsets - offsets[0]).tobytes())
            data = flat.buffers()[2]
            h.update(memoryview(data)[offsets[0]:offsets[-1]] if data is not None else b"")
        elif pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_boolean(t):
            flat = pc.fill_null(arr, False if pa.types.is_boolean(t) else 0) \
                if arr.null_count else arr
            h.update(np.ascontiguousarray(flat.to_numpy(zero_copy_only=False)).tobytes())
        else:  # other types (dates, nested): slower, but exact
            h.update(_canonical([str(v) for v in arr.to_pylist()]))
    return h.hexdigest()


def put_frame(kind: str, key: str, df) -> None:
    """Keep the table ``df`` under ``key`` as Parquet, its key and :func:`table_digest` in
    the file's metadata; then bound the kind.  A failed write only costs time next time."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        return
    with contextlib.suppress(OSError, ValueError, TypeError, pa.ArrowException):
        table = pa.Table.from_pandas(df, preserve_index=False)
        meta = json.dumps({"format": FORMAT, "kind": kind, "key": key,
                           "digest": table_digest(table)}).encode()
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), _META: meta})
        with atomic.replacing(path(kind, key, ".parquet")) as tmp:
            pq.write_table(table, tmp)
    _bound_now(kind)


def get_frame(kind: str, key: str, conform=None):
    """The table kept under ``key`` (passed through ``conform`` when given, as it was before
    it was stored), or ``None`` when there is none or it does not verify: no metadata of
    ours, another key, or values whose digest differs.  A file that does not verify is
    removed."""
    p = path(kind, key, ".parquet")
    if not p.is_file():
        return None
    try:
        import pyarrow.parquet as pq

        table = pq.read_table(p)
        meta = json.loads((table.schema.metadata or {}).get(_META, b"{}"))
        df = None
        if ((meta.get("format"), meta.get("kind"), meta.get("key")) == (FORMAT, kind, key)
                and table_digest(table) == meta.get("digest")):
            df = table.to_pandas()
            if conform is not None:
                df = conform(df)
    except Exception:  # noqa: BLE001 - pyarrow raises many kinds: any of them is a miss
        logging.getLogger(__name__).debug("cache file %s unreadable: a miss", p, exc_info=True)
        df = None
    if df is None:
        _drop(p)
        return None
    _used(p)
    return df


# -- bounds -----------------------------------------------------------------------------------
def _files(kind: str) -> list[Path]:
    d = folder(kind)
    try:
        return [p for p in d.iterdir() if p.is_file()]
    except OSError:
        return []


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except OSError:
        return 0.0


def _bound_now(kind: str) -> None:
    """:func:`bound` ``kind`` after a write, unless this process did in the last
    :data:`BOUND_EVERY` seconds."""
    now = time.monotonic()
    if now - _bounded.get(kind, -BOUND_EVERY - 1) >= BOUND_EVERY:
        _bounded[kind] = now
        bound(kind)


def bound(kind: str, keep: int | None = None, max_age_days: float | None = None,
          now: float | None = None) -> list[Path]:
    """Drop the files of ``kind`` beyond its ``keep`` most recently used, those not used for
    ``max_age_days`` days, and temporary files left by a killed process.  Returns what was
    removed."""
    keep = KINDS.get(kind, 32) if keep is None else keep
    max_age = (MAX_AGE_DAYS if max_age_days is None else max_age_days) * 86400
    now = time.time() if now is None else now
    removed = []
    files = sorted(_files(kind), key=_mtime, reverse=True)
    kept = 0
    for p in files:
        age = now - _mtime(p)
        if p.name.startswith("."):  # a temporary file of atomic.replacing
            if age > _STALE_TMP:
                _drop(p)
                removed.append(p)
            continue
        if kept >= keep or age > max_age:
            _drop(p)
            removed.append(p)
        else:
            kept += 1
    return removed


def usage() -> dict[str, tuple[int, int]]:
    """``{kind: (files, bytes)}`` of every cache kind."""
    out = {}
    for kind in KINDS:
        files = _files(kind)
        out[kind] = (len(files), sum(p.stat().st_size for p in files if p.exists()))
    return out


def prune(everything: bool = False) -> tuple[int, int]:
    """Bound every kind now (:func:`bound`), or with ``everything`` remove every cached file.
    Returns ``(files removed, bytes freed)``."""
    n = size = 0
    for kind in KINDS:
        before = {p: p.stat().st_size for p in _files(kind)}
        gone = list(before) if everything else bound(kind)
        for p in gone:
            _drop(p)
        n += len(gone)
        size += sum(before.get(p, 0) for p in gone)
    return n, size


def main(args) -> int:
    """``papi-analysis cache`` (where the caches are, how big) and ``cache prune [--all]``."""
    from . import fmt

    vi = args.lang == "vi"
    if getattr(args, "action", "") == "prune":
        n, size = prune(everything=bool(getattr(args, "all", False)))
        mb = fmt.number(size / 1e6, args.lang, 1)
        print(f"Đã xóa {n} tệp ({mb} MB) khỏi {config.CACHE_DIR}." if vi else
              f"Removed {n} file(s) ({mb} MB) from {config.CACHE_DIR}.")
        return 0
    print(f"Bộ nhớ đệm: {config.CACHE_DIR} (biến PAPI_ANALYSIS_CACHE; xóa được an toàn)"
          if vi else
          f"Caches: {config.CACHE_DIR} (PAPI_ANALYSIS_CACHE; safe to delete)")
    for kind, (files, size) in usage().items():
        mb = fmt.number(size / 1e6, args.lang, 1)
        print(f"  {kind:9} {files:5} {'tệp' if vi else 'files'}  {mb:>8} MB  "
              f"({'giữ tối đa' if vi else 'keeps at most'} {KINDS[kind]})")
    return 0


# -- compiled templates, kept in memory ---------------------------------------------------------
#: Name of the module that keeps compiled templates for the life of the process: outside the
#: package, so the warm kernel's reset before each notebook (which drops every
#: ``papi_analysis`` module, and so every Jinja2 environment) leaves it in place.
TEMPLATE_STORE = "_papi_analysis_templates"


def kept_templates():
    """A Jinja2 bytecode cache that keeps each compiled template in memory for the life of the
    process, so that an environment made again (in the next appendix of a warm kernel) does
    not compile its templates again.

    An entry is used only for the same template name, file, source (Jinja2's checksum of it),
    environment options that shape the compiled code, and Jinja2 version: it is the code
    Jinja2 would compile.  Nothing is written to disk."""
    import jinja2

    codes = _process_dict(TEMPLATE_STORE, "papi-analysis: compiled templates per process")

    def _options(env) -> tuple:
        return (jinja2.__version__, env.block_start_string, env.block_end_string,
                env.variable_start_string, env.variable_end_string, env.comment_start_string,
                env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
                env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
                env.keep_trailing_newline, repr(env.autoescape), env.finalize is None,
                tuple(sorted(env.extensions)), env.optimized, env.is_async)

    class KeptTemplates(jinja2.BytecodeCache):
        def load_bytecode(self, bucket) -> None:
            code = codes.get((bucket.key, bucket.checksum, _options(bucket.environment)))
            if code is not None:
                bucket.code = code

        def dump_bytecode(self, bucket) -> None:
            if bucket.code is not None:
                codes[(bucket.key, bucket.checksum, _options(bucket.environment))] = bucket.code

    return KeptTemplates()


# -- small facts kept in memory for the life of the process ------------------------------------
#: Name of the module that keeps :func:`kept` stores: outside the package, like
#: :data:`TEMPLATE_STORE`, so a warm kernel's reset before each notebook leaves them in place.
KEPT_STORE = "_papi_analysis_kept"


def kept(name: str) -> dict:
    """A dict named ``name`` that lives as long as the process, across a warm kernel's resets
    (which drop every ``papi_analysis`` module and so every module-level cache).

    Only for values keyed by everything they depend on (a file's digest under its path,
    size, modification time and inode; a table's periods under the table's content key):
    the next appendix of a build finds them instead of computing them again.  Callers bound
    what they put in (:func:`remember` does)."""
    return _process_dict(KEPT_STORE, "papi-analysis: facts kept per process").setdefault(name, {})


def remember(name: str, key, make, limit: int):
    """``make()`` kept under ``key`` in the process-long store :func:`kept` ``(name)``, which
    is emptied once it holds ``limit`` entries."""
    store = kept(name)
    if key not in store:
        if len(store) >= limit:
            store.clear()
        store[key] = make()
    return store[key]


def _process_dict(module: str, doc: str) -> dict:
    """The dict held by the module ``module`` in ``sys.modules``, made if absent: outside the
    package, so it outlives a warm kernel's reset (which drops every ``papi_analysis``
    module)."""
    import sys
    import types

    mod = sys.modules.get(module)
    if mod is None or not isinstance(getattr(mod, "values", None), dict):
        mod = types.ModuleType(module, doc)
        mod.values = {}  # type: ignore[attr-defined]
        sys.modules[module] = mod
    return mod.values  # type: ignore[no-any-return]
