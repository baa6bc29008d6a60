"""The package's folders are the stages data goes through, and imports run one way.

model ← intake / prose ← analysis ← appendix ← batch ← cli; the root helpers (config, errors,
text, fmt, atomic, fingerprint, caches, templating) may be imported by every stage and import
no stage themselves.  Read with ``ast`` from the source, so a lazy import inside a function counts
as much as one at the top of a module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "papi_analysis"

#: Rank of each stage: a module may import modules of its own rank or lower only.
#: ``explore`` (the notebook API) sits beside ``batch``: both use the appendix stage.
RANKS = {"model": 1, "intake": 2, "prose": 2, "analysis": 3, "appendix": 4, "batch": 5,
         "explore": 5, "cli": 6}
HELPERS = {"config", "errors", "text", "fmt", "atomic", "fingerprint", "caches", "templating"}
HELPER_RANK = 0


def _module_name(path: Path) -> str:
    parts = path.relative_to(PKG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PKG.rglob("*.py"))}


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The package modules that ``name`` imports (resolved to modules, not attributes)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_pkg = path.name == "__init__.py"
    here = name.split(".") if is_pkg else name.split(".")[:-1]
    out: set[str] = set()

    def add(target: str) -> None:
        while target and target not in MODULES:
            target = target.rpartition(".")[0]
        if target and target != name:
            out.add(target)

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("papi_analysis"):
                    add(a.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if not mod.startswith("papi_analysis"):
                continue
            for a in node.names:
                sub = f"{mod}.{a.name}"
                add(sub if sub in MODULES else mod)
    return out


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _stage(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


def _rank(name: str) -> int:
    stage = _stage(name)
    if stage == "" or stage in HELPERS:
        return HELPER_RANK
    return RANKS[stage]


def test_every_module_belongs_to_a_stage_or_is_a_helper():
    unplaced = [n for n in MODULES if _stage(n) and _stage(n) not in RANKS
                and _stage(n) not in HELPERS]
    assert not unplaced, f"modules outside the stages and helpers: {unplaced}"
    for stage in ("model", "intake", "prose", "analysis", "appendix", "batch"):
        doc = ast.get_docstring(ast.parse((PKG / stage / "__init__.py").read_text()))
        assert doc and len(doc.splitlines()) == 1, f"{stage}/__init__.py needs a one-line docstring"


@pytest.mark.parametrize("name", sorted(GRAPH))
def test_no_module_imports_a_later_stage(name):
    later = sorted(t for t in GRAPH[name] if _rank(t) > _rank(name))
    assert not later, f"{name} (stage rank {_rank(name)}) imports later stages: {later}"


def test_the_helpers_import_only_helpers():
    for name in MODULES:
        if _rank(name) == HELPER_RANK and name != "papi_analysis":
            bad = sorted(t for t in GRAPH[name] if _rank(t) != HELPER_RANK)
            assert not bad, f"helper {name} imports {bad}"


def test_no_import_cycles():
    """Depth-first search over the module graph; a back edge is a cycle, reported whole."""
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(n: str) -> None:
        state[n] = 1
        stack.append(n)
        for m in sorted(GRAPH.get(n, ())):
            if state.get(m) == 1:
                cycles.append(stack[stack.index(m):] + [m])
            elif m not in state:
                visit(m)
        stack.pop()
        state[n] = 2

    for n in sorted(GRAPH):
        if n not in state:
            visit(n)
    assert not cycles, "import cycles: " + "; ".join(" → ".join(c) for c in cycles)


def test_the_checker_sees_imports(tmp_path):
    """The graph is not empty by accident: known edges are found, relative and lazy ones too."""
    assert "papi_analysis.intake.findings" in GRAPH["papi_analysis.intake.validation"]
    assert "papi_analysis.prose.figures" in GRAPH["papi_analysis.prose.prosechecks"]
    assert "papi_analysis.batch.runner" in GRAPH["papi_analysis.cli"]  # imported in a function
    assert "papi_analysis.model.periods" in GRAPH["papi_analysis.appendix.parameters"]
