"""No broad except in the package is silent.

A handler of ``Exception`` or ``BaseException`` (or a bare ``except:``), and a
``suppress(Exception)``, must say why it may swallow anything: it logs (``log.debug(...,
exc_info=True)``, ``log.warning``…), it raises again (or raises its own error), or its line
carries a ``# broad: <reason>`` comment (the line above, when it is a comment of its own,
counts too: a long reason does not fit beside the code).
"""

import ast
from collections import Counter
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "papi_analysis"
BROAD = {"Exception", "BaseException"}
LOG_CALLS = {"debug", "info", "warning", "error", "exception", "critical", "log"}

#: TODO (issue 24, item 4): silent broad handlers in files other sessions were editing when
#: this test was written.  Each entry excuses one handler of its file whose code (the line
#: without its comment) reads so.  What each needs:
#: - batch/executors.py ``except BaseException as exc:`` in ``_call_with_timeout``'s thread
#:   (the error is handed to the caller, which raises it): a ``# broad:`` comment saying so.
#: - batch/executors.py ``except Exception as exc:`` in ``DaskExecutor.results`` (the failure
#:   becomes the appendix's failed outcome with its message): a ``# broad:`` comment.
#: - batch/executors.py ``with contextlib.suppress(Exception):`` around ``f.release()`` in
#:   ``DaskExecutor.close``: log at debug with ``exc_info=True`` (as the cancel above it
#:   does), or a ``# broad:`` comment.
#: - batch/kernels.py ``except Exception as exc:`` in the pool's ``results`` (a dead worker, a
#:   broken pool: the appendix fails with the message): a ``# broad:`` comment.
#: - batch/kernels.py ``except Exception as exc:`` around ``kernel.start()`` in the worker's
#:   initialiser (each appendix then fails with ``start_error``): log at debug with
#:   ``exc_info=True`` (the traceback is lost today), or a ``# broad:`` comment.
TODO = {
    "batch/executors.py": ["except BaseException as exc:", "except Exception as exc:",
                           "with contextlib.suppress(Exception):"],
    "batch/kernels.py": ["except Exception as exc:", "except Exception as exc:"],
}


def _names(node: ast.expr | None) -> set[str]:
    if node is None:
        return {"BaseException"}  # a bare except
    if isinstance(node, ast.Tuple):
        return set().union(*(_names(e) for e in node.elts))
    if isinstance(node, ast.Name):
        return {node.id}
    if isinstance(node, ast.Attribute):
        return {node.attr}
    return set()


def _speaks(body: list[ast.stmt]) -> bool:
    """Whether a handler's body raises or logs (anywhere in it)."""
    for node in (n for stmt in body for n in ast.walk(stmt)):
        if isinstance(node, ast.Raise):
            return True
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in LOG_CALLS):
            return True
    return False


def _said_why(lines: list[str], lineno: int) -> bool:
    line = lines[lineno - 1]
    above = lines[lineno - 2].strip() if lineno > 1 else ""
    reason = line.partition("# broad:")[2] or (above.partition("# broad:")[2]
                                               if above.startswith("#") else "")
    return bool(reason.strip())


def silent_broad(source: str) -> list[tuple[int, str]]:
    """(line, code) of each broad handler or ``suppress`` in ``source`` that is silent."""
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ExceptHandler) and _names(node.type) & BROAD:
            if _speaks(node.body):
                continue
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            if not any(isinstance(c := item.context_expr, ast.Call)
                       and getattr(c.func, "attr", getattr(c.func, "id", None)) == "suppress"
                       and any(_names(a) & BROAD for a in c.args) for item in node.items):
                continue
        else:
            continue
        if not _said_why(lines, node.lineno):
            found.append((node.lineno, lines[node.lineno - 1].split("#")[0].strip()))
    return sorted(found)


def test_the_scan_sees_silent_and_spoken_handlers():
    source = '''
import contextlib, logging
log = logging.getLogger(__name__)
try:
    pass
except Exception:
    pass
try:
    pass
except:
    x = 1
try:
    pass
except (ValueError, BaseException):
    pass
with contextlib.suppress(Exception):
    pass
try:
    pass
except Exception:
    log.debug("why", exc_info=True)
try:
    pass
except Exception as exc:
    raise ValueError("what") from exc
try:
    pass
except Exception:  # broad: a side output never stops the build
    pass
# broad: a reason too long to sit beside the code
with contextlib.suppress(Exception):
    pass
try:
    pass
except ValueError:
    pass
'''
    assert [line for line, _ in silent_broad(source)] == [6, 10, 14, 16]


def test_no_broad_except_is_silent():
    silent = []
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG).as_posix()
        excused = Counter(TODO.get(rel, []))
        for line, code in silent_broad(path.read_text(encoding="utf-8")):
            if excused[code]:
                excused[code] -= 1
                continue
            silent.append(f"papi_analysis/{rel}:{line}: {code}")
    assert not silent, (
        "broad excepts that neither log nor raise, with no `# broad: <reason>` comment; "
        "narrow them to what can happen, log them (exc_info=True) or say why:\n"
        + "\n".join(silent))
