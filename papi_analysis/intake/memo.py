"""A memo of derived tables for the life of one Python process, keyed by their content.

A build's warm kernel runs one appendix after another and drops every ``papi_analysis``
module before each (:mod:`papi_analysis.batch.kernels`), so a module-level cache would be
lost with its module.  This memo lives in a module of its own outside the package
(``sys.modules["_papi_analysis_memo"]``), which the kernel's reset leaves in place: an
appendix finds what the one before it computed from the same data, and computes it again
only when the key differs.

Only content-keyed values belong here: a key must change whenever the value could (the
data folder's fingerprint, the code digest, the parameters).  Values are tables that
callers must not change: :func:`get` hands back what :func:`put` stored, and the callers of
this module return copies.  Each kind keeps its :data:`KEEP` most recent keys.
"""

from __future__ import annotations

import sys
import types
from collections import OrderedDict
from typing import Any

#: Name of the module that holds the memo (outside the package: not purged).
STORE = "_papi_analysis_memo"
#: Keys kept per kind (a build reads one data folder; a session may switch between a few).
KEEP = 4


def _kinds() -> dict[str, OrderedDict[str, Any]]:
    mod = sys.modules.get(STORE)
    if mod is None or not isinstance(getattr(mod, "kinds", None), dict):
        mod = types.ModuleType(STORE, "papi-analysis: derived tables kept per process")
        mod.kinds = {}  # type: ignore[attr-defined]
        sys.modules[STORE] = mod
    return mod.kinds  # type: ignore[no-any-return]


def get(kind: str, key: str) -> Any:
    """The value kept under ``kind`` and ``key``, or ``None``."""
    entries = _kinds().get(kind)
    if entries is None or key not in entries:
        return None
    entries.move_to_end(key)
    return entries[key]


def put(kind: str, key: str, value: Any) -> None:
    """Keep ``value`` under ``kind`` and ``key`` (dropping the least recently used key of
    that kind beyond :data:`KEEP`)."""
    entries = _kinds().setdefault(kind, OrderedDict())
    entries[key] = value
    entries.move_to_end(key)
    while len(entries) > KEEP:
        entries.popitem(last=False)


def clear() -> None:
    """Forget everything (tests)."""
    _kinds().clear()
