"""Project-shape checks: environment.yml agrees with pyproject.toml; Makefile documents itself."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _spec(line: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.-]+)\s*(.*)$", line)
    return m.group(1).lower(), m.group(2).replace(" ", "")


def test_environment_yml_agrees_with_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["test"]
    wanted = dict(_spec(d) for d in declared)
    env = (ROOT / "environment.yml").read_text().splitlines()
    start = env.index("dependencies:")
    deps = [ln.strip()[2:] for ln in env[start:] if ln.startswith("  - ")
            and ln.strip() not in ("- pip", "- pip:") and "python=" not in ln]
    got = dict(_spec(d) for d in deps)
    assert got == wanted
    assert env[-1].strip() == "- -e .", "environment.yml must end with the editable install"


def test_makefile_targets_are_documented():
    text = (ROOT / "Makefile").read_text()
    for target in ("help", "run", "test", "bench", "validate"):
        assert re.search(rf"^{target}:.*## ", text, re.M), target


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    cmd = ".venv/bin/python -m pytest"
    assert cmd in readme and cmd in ci


def test_notebooks_committed_without_outputs():
    import json

    for nb in (ROOT / "notebooks").glob("*.ipynb"):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        for c in cells:
            if c["cell_type"] == "code":
                assert not c.get("outputs") and c.get("execution_count") is None, nb.name


def test_code_is_lint_clean():
    import shutil
    import subprocess
    import sys

    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    proc = subprocess.run([ruff, "check", "papi_analysis", "tests", "scripts"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-2000:]
