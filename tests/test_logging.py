"""Logging: the library logs through ``logging`` (loggers under ``papi_analysis``), never
``print`` on stderr; the command line gives those loggers one handler on stderr that prints
each message as it was printed before (``--log-format dated`` adds time, level and module,
``--quiet`` keeps warnings and errors, ``--debug`` adds the debug records); a Dask build
forwards the workers' records to the command's process."""

from __future__ import annotations

import ast
import logging
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from papi_analysis import cli

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "papi_analysis"
#: The command-line layer: a command's own messages and results may be printed there.
CLI_LAYER = {"cli.py", "prose/command.py"}


def _records() -> None:
    log = logging.getLogger("papi_analysis.batch.runner")
    log.debug("chi tiết")
    log.info("thông tin")
    log.warning("Cảnh báo: một\n  Warning: one")


def test_the_default_handler_prints_each_message_as_it_was_printed(capsys):
    undo = cli.configure_logging()
    try:
        _records()
    finally:
        undo()
    assert capsys.readouterr().err == "thông tin\nCảnh báo: một\n  Warning: one\n"


def test_quiet_keeps_warnings_and_debug_adds_the_debug_records(capsys):
    undo = cli.configure_logging(quiet=True)
    try:
        _records()
    finally:
        undo()
    assert capsys.readouterr().err == "Cảnh báo: một\n  Warning: one\n"
    undo = cli.configure_logging(debug=True)
    try:
        _records()
    finally:
        undo()
    assert capsys.readouterr().err == ("DEBUG papi_analysis.batch.runner: chi tiết\nthông tin\n"
                                       "Cảnh báo: một\n  Warning: one\n")


def test_the_dated_format_says_when_what_and_where(capsys):
    undo = cli.configure_logging(dated=True)
    try:
        logging.getLogger("papi_analysis.batch.runner").warning("Đang chờ")
    finally:
        undo()
    line = capsys.readouterr().err
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4} WARNING "
                        r"papi_analysis\.batch\.runner: Đang chờ\n", line), line


def test_the_handler_is_removed_and_the_level_restored_after_the_command():
    logger = logging.getLogger("papi_analysis")
    before = (list(logger.handlers), logger.level)
    undo = cli.configure_logging(debug=True)
    assert logger.level == logging.DEBUG and len(logger.handlers) == len(before[0]) + 1
    undo()
    assert (list(logger.handlers), logger.level) == before


def test_the_handler_writes_to_stderr_as_it_is_when_a_record_comes(monkeypatch):
    import io

    undo = cli.configure_logging()
    try:
        later = io.StringIO()
        monkeypatch.setattr(sys, "stderr", later)  # replaced after the handler was made
        logging.getLogger("papi_analysis.x").warning("sau")
    finally:
        undo()
    assert later.getvalue() == "sau\n"


def _warnings_fixture(tmp_path: Path) -> Path:
    """A data folder with only the illustrative panel: ``period latest`` warns."""
    import test_latest

    return test_latest.make_data(tmp_path)


def test_a_command_prints_the_library_warnings_plain_or_dated(tmp_path, capsys, monkeypatch):
    from papi_analysis import config

    monkeypatch.setattr(config, "REPORTS_DIR", tmp_path / "reports")
    data = _warnings_fixture(tmp_path)
    assert cli.main(["period", "latest", "--data", str(data), "--lang", "en"]) == 0
    plain = capsys.readouterr().err.splitlines()
    assert plain[0].startswith("Cảnh báo: ") and plain[1].startswith("  Warning: ")
    assert cli.main(["period", "latest", "--data", str(data), "--lang", "en",
                     "--log-format", "dated"]) == 0
    dated = capsys.readouterr().err.splitlines()
    assert re.match(r"\d{4}-\d{2}-\d{2}T\S+ WARNING papi_analysis\.batch\.buildcheck: "
                    r"Cảnh báo: ", dated[0]), dated
    assert dated[1] == plain[1]  # the English line follows as it was
    assert not logging.getLogger("papi_analysis").handlers  # removed once the command ended


def test_library_code_logs_instead_of_printing_on_stderr():
    """No ``print(…, file=sys.stderr)`` outside the command-line layer: a diagnostic goes
    through a logger, so that a scheduled run or a Dask worker can route it."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel in CLI_LAYER:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "print"
                    and any(k.arg == "file" and "stderr" in ast.unparse(k.value)
                            for k in node.keywords)):
                found.append(f"{rel}:{node.lineno}")
    assert not found, found


# -- Dask: the workers' records reach the command's process --------------------------------------
CLUSTER = """
import sys
from distributed import LocalCluster
if __name__ == "__main__":
    with LocalCluster(n_workers=1, processes=True, threads_per_worker=1,
                      dashboard_address=None) as c:
        print(c.scheduler_address, flush=True)
        sys.stdin.read()
"""


def test_a_dask_workers_records_are_forwarded_to_the_client(tmp_path, caplog):
    pytest.importorskip("distributed")
    from papi_analysis.batch import executors

    script = tmp_path / "cluster.py"
    script.write_text(CLUSTER, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        address = proc.stdout.readline().strip()
        assert address.startswith("tcp://"), "the LocalCluster did not start"
        with executors.DaskExecutor(address).connect() as ex, \
                caplog.at_level(logging.WARNING, logger="papi_analysis"):
            worker_log = logging.getLogger("papi_analysis.batch.kernels")
            ex.client.submit(worker_log.warning, "từ worker", pure=False).result(timeout=60)
            deadline = time.monotonic() + 20
            while "từ worker" not in caplog.messages and time.monotonic() < deadline:
                time.sleep(0.1)
        assert "từ worker" in caplog.messages
        got = [r for r in caplog.records if r.getMessage() == "từ worker"][0]
        assert got.name == "papi_analysis.batch.kernels" and got.levelname == "WARNING"
    finally:
        proc.stdin.close()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
