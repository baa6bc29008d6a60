"""Where the appendices of a build run: this machine's worker processes, or a Dask cluster.

An executor takes the runner's payloads (one dict per appendix: ``input``, ``parameters``,
``ipynb``, ``html``, ``failed``, ``cwd``, ``lang``, ``title``, ``data_fp``) and returns an
iterator of ``(index, outcome)`` as each appendix finishes, where ``outcome`` is
``{"status": "ok"|"failed", "duration", "error"}`` and the appendix's files are already in
place (written atomically; a failed run never replaces the last good ``.html``/``.ipynb``).
The iterator has ``close()``, which cancels what has not started.

* :class:`LocalExecutor`: the runner's own pool of worker processes on this machine, each with
  a warm kernel (:func:`papi_analysis.batch.kernels.run_all`).  The default.
* :class:`DaskExecutor`: a Dask ``distributed`` scheduler (``--scheduler tcp://host:8786`` or
  ``PAPI_ANALYSIS_SCHEDULER``).  Each appendix is one task.  A worker keeps a warm kernel per
  task thread, receives the notebook's text and parameters, runs it in a scratch folder and
  sends back the HTML and the executed notebook as bytes; this process writes them into the
  reports folder, so the workers need no access to it.  They do need the data folder at the
  path the build gives (``--data``, else their own default): a worker whose data differ from
  this machine's (data fingerprint) fails the appendix instead of building it from other
  figures.  A task whose worker dies is run again elsewhere by the scheduler, up to
  ``distributed.scheduler.allowed-failures`` times; a task that raises is retried
  :data:`RETRIES` times.  See ``docs/scaling.md``.

Everything Dask is imported inside functions: a local build never imports it.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from pathlib import Path

from ..errors import ParameterError

log = logging.getLogger(__name__)

#: Environment variable naming the Dask scheduler (``tcp://host:8786``); ``--scheduler`` wins.
SCHEDULER_ENV = "PAPI_ANALYSIS_SCHEDULER"
#: ``--scheduler local`` (or an empty value) builds on this machine even when the variable is set.
LOCAL = "local"
#: Retries of a task that raised (a worker that dies is the scheduler's ``allowed-failures``).
RETRIES = 2
#: Seconds to wait for the scheduler to answer, then for at least one worker to join it.
CONNECT_TIMEOUT = 10
WORKER_TIMEOUT = 60


def scheduler_address(explicit: str | None = None) -> str:
    """The scheduler to use: ``explicit`` (``--scheduler``), else ``PAPI_ANALYSIS_SCHEDULER``;
    ``""`` for a local build (also for the word ``local``)."""
    value = explicit if explicit is not None else os.environ.get(SCHEDULER_ENV, "")
    value = (value or "").strip()
    return "" if value.lower() == LOCAL else value


def choose(scheduler: str | None = None, *, lang: str = "vi"):
    """The executor of a build: :class:`DaskExecutor` connected to the scheduler named by
    ``scheduler`` / ``PAPI_ANALYSIS_SCHEDULER``, else :class:`LocalExecutor`.

    Raises
    ------
    ParameterError
        The address is malformed, the scheduler cannot be reached or has no worker, or Dask
        is not installed: one bilingual message, and nothing has run.
    """
    address = scheduler_address(scheduler)
    if not address:
        return LocalExecutor()
    return DaskExecutor(address, source="--scheduler" if scheduler else SCHEDULER_ENV).connect()


class LocalExecutor:
    """The warm-kernel worker processes of this machine (:func:`kernels.run_all`)."""

    name = "local"

    def run(self, payloads: list[dict], *, jobs: int, engine: str, cwd: str):
        from . import kernels

        return kernels.run_all(payloads, jobs=jobs, engine=engine, cwd=cwd)

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# -- Dask: this side ------------------------------------------------------------------------
def _scheduler_error(address: str, source: str, why_vi: str, why_en: str,
                     hint_vi: str = "", hint_en: str = "") -> ParameterError:
    where = f"{source} {address}" if source.startswith("--") else f"{source}={address}"
    unset = ("bỏ --scheduler" if source.startswith("--") else f"bỏ biến {source}")
    unset_en = ("leave out --scheduler" if source.startswith("--") else f"unset {source}")
    return ParameterError(
        f"Không dùng được Dask scheduler “{address}”: {why_vi}; chưa chạy phụ lục nào.",
        f"Cannot use the Dask scheduler “{address}”: {why_en}; no appendix was run.",
        where=where,
        hint_vi=(hint_vi or "Kiểm tra địa chỉ (dạng tcp://máy:8786), rằng `dask scheduler` đang "
                 "chạy ở đó và cổng không bị tường lửa chặn") +
        f"; hoặc {unset} (hay dùng --scheduler local) để chạy trên máy này. Xem docs/scaling.md.",
        hint_en=(hint_en or "Check the address (tcp://host:8786), that `dask scheduler` runs "
                 "there and that no firewall blocks the port") +
        f"; or {unset_en} (or use --scheduler local) to build on this machine. See "
        "docs/scaling.md.")


class DaskExecutor:
    """Run each appendix as one task of a Dask ``distributed`` cluster (see the module)."""

    name = "dask"

    def __init__(self, address: str, *, source: str = "--scheduler", retries: int = RETRIES):
        self.address, self.source, self.retries = address, source, retries
        self.client = None

    def connect(self) -> DaskExecutor:
        """Connect to the scheduler and wait for a worker; :class:`ParameterError` if not."""
        try:
            import logging

            from distributed import Client
            from distributed.comm import parse_address
        except ImportError:
            raise ParameterError(
                "Dask (distributed) chưa được cài, nên không dùng được --scheduler / "
                f"{SCHEDULER_ENV}.",
                f"Dask (distributed) is not installed, so --scheduler / {SCHEDULER_ENV} "
                "cannot be used.", where=f"{self.source} {self.address}",
                hint_vi="Cài thêm: pip install 'papi-analysis[dask]'; hoặc bỏ --scheduler để "
                        "chạy trên máy này.",
                hint_en="Install it: pip install 'papi-analysis[dask]'; or leave out "
                        "--scheduler to build on this machine.") from None
        try:
            scheme, loc = parse_address(self.address)
            if scheme not in ("tcp", "tls", "ws", "wss", "inproc", "ucx") or not loc:
                raise ValueError(scheme)
            if scheme in ("tcp", "tls", "ws", "wss"):
                host, _, port = loc.rpartition(":")
                if not host or (port and not port.isdigit()):
                    raise ValueError(loc)
        except (ValueError, TypeError):
            raise _scheduler_error(
                self.address, self.source, "địa chỉ không hợp lệ", "not a valid address",
                "Viết địa chỉ dạng tcp://máy:8786 (máy = tên hoặc IP của máy chạy `dask "
                "scheduler`)", "Write the address as tcp://host:8786 (host = the name or IP "
                "of the machine running `dask scheduler`)") from None
        # Dask logs every failed attempt, with a traceback; the message below says it once.
        quiet = [logging.getLogger(n) for n in ("distributed", "distributed.client",
                                                 "distributed.comm", "distributed.core")]
        levels = [q.level for q in quiet]
        for q in quiet:
            q.setLevel(logging.CRITICAL)
        try:
            try:
                if scheme in ("tcp", "tls"):  # refused, unknown host: at once, not after retries
                    host, _, port = loc.rpartition(":")
                    import socket

                    socket.create_connection((host.strip("[]"), int(port or 8786)),
                                             timeout=CONNECT_TIMEOUT).close()
                self.client = _within(CONNECT_TIMEOUT + 5, Client, self.address,
                                      timeout=CONNECT_TIMEOUT, set_as_default=False)
            except Exception as exc:  # noqa: BLE001 - OSError, TimeoutError, comm errors
                log.debug("connecting to the Dask scheduler failed", exc_info=True)
                why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise _scheduler_error(
                    self.address, self.source, f"không kết nối được ({why})",
                    f"no connection ({why})") from None
            try:
                self.client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
            except Exception:  # noqa: BLE001 - TimeoutError
                log.debug("no Dask worker came", exc_info=True)
                self.close()
                raise _scheduler_error(
                    self.address, self.source,
                    f"scheduler không có worker nào sau {WORKER_TIMEOUT} giây",
                    f"the scheduler has no worker after {WORKER_TIMEOUT} s",
                    f"Khởi động worker trên mỗi máy: dask worker {self.address} --nthreads 1",
                    f"Start workers on each machine: dask worker {self.address} --nthreads 1"
                    ) from None
        finally:
            for q, level in zip(quiet, levels, strict=True):
                q.setLevel(level)
        self._forward_logging()
        return self

    def _forward_logging(self) -> None:
        """Have the workers send the records of our loggers (``papi_analysis.*``) to this
        process, where the command line's handler prints them as its own."""
        forward = getattr(self.client, "forward_logging", None)  # distributed >= 2022.12
        if forward is None:
            return
        try:
            forward("papi_analysis", level=logging.getLogger("papi_analysis").getEffectiveLevel())
        except Exception:  # noqa: BLE001 - the build runs without it: the workers keep their logs
            log.debug("the Dask workers' records cannot be forwarded", exc_info=True)

    def run(self, payloads: list[dict], *, jobs: int = 0, engine: str, cwd: str):
        """Submit one task per payload (``jobs`` is the cluster's business: ignored)."""
        if self.client is None:
            self.connect()
        token = uuid.uuid4().hex[:8]
        futures = {}
        sources: dict[str, str] = {}
        for i, p in enumerate(payloads):
            if p["input"] not in sources:
                sources[p["input"]] = Path(p["input"]).read_text(encoding="utf-8")
            task = dict(p, source=sources[p["input"]], engine=engine)
            name = Path(p["input"]).stem
            key = f"appendix-{name}-{p['parameters']['agency']}-{p['lang']}-{token}-{i}"
            # plan order (longest first) is the runner's: keep it with priorities
            fut = self.client.submit(run_on_worker, task, key=key, pure=False,
                                     retries=self.retries, priority=len(payloads) - i)
            futures[fut] = i
        return _DaskOutcomes(self.client, futures, payloads)

    def close(self) -> None:
        if self.client is not None:
            try:
                self.client.close()
            except Exception:  # noqa: BLE001 - a lost scheduler: nothing left to close
                log.debug("closing the Dask client failed", exc_info=True)
            self.client = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _within(seconds: float, func, *args, **kwargs):
    """``func(*args, **kwargs)`` in a thread, or :class:`TimeoutError` after ``seconds``: Dask's
    ``Client`` waits for ever on a port where something other than a scheduler listens."""
    box: dict = {}

    def call():
        try:
            box["value"] = func(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            box["error"] = exc
            _stop_half_started(exc)
        else:
            if box.get("abandoned"):  # answered too late: nobody will use it
                try:
                    box["value"].close()
                except Exception:  # noqa: BLE001 - best effort on a client nobody uses
                    log.debug("closing a late Dask client failed", exc_info=True)

    thread = threading.Thread(target=call, name="papi-dask-connect", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        box["abandoned"] = True
        raise TimeoutError(f"no answer from a Dask scheduler within {seconds:g} s")
    if "error" in box:
        raise box["error"]
    return box["value"]


def _stop_half_started(exc: BaseException) -> None:
    """Stop the event-loop thread of a ``Client`` whose constructor raised (Dask leaves it
    running): a thread left behind makes the next local build start its workers with spawn
    rather than fork."""
    tb = exc.__traceback__
    while tb is not None:
        obj = tb.tb_frame.f_locals.get("self")
        if type(obj).__name__ == "Client" and hasattr(obj, "_loop_runner"):
            try:
                obj._loop_runner.stop()
            except Exception:  # noqa: BLE001 - best effort after a failed start
                log.debug("stopping a half-started Dask client failed", exc_info=True)
            return
        tb = tb.tb_next


class _DaskOutcomes:
    """The outcomes of :meth:`DaskExecutor.run` as they finish, their files written here."""

    def __init__(self, client, futures: dict, payloads: list[dict]) -> None:
        self.client, self.futures, self.payloads = client, futures, payloads

    def __iter__(self):
        from distributed import as_completed

        for fut in as_completed(list(self.futures), loop=self.client.loop):
            i = self.futures[fut]
            try:
                out = fut.result()
            except Exception as exc:  # noqa: BLE001 - a worker died too often, a lost scheduler
                out = {"status": "failed", "duration": 0.0, "error": _task_error(exc)}
            fut.release()
            yield i, write_outcome(self.payloads[i], out)

    def close(self) -> None:
        """Cancel the tasks that have not finished."""
        try:
            self.client.cancel([f for f in self.futures if not f.done()])
        except Exception:  # noqa: BLE001 - a lost scheduler cancels them itself
            log.debug("cancelling the unfinished Dask tasks failed", exc_info=True)


def _task_error(exc: BaseException) -> str:
    name = type(exc).__name__
    if name == "KilledWorker":
        return ("KilledWorker: the Dask workers running this appendix died each time it ran "
                "(distributed.scheduler.allowed-failures); see the workers' logs")
    return f"{name}: {exc}".rstrip(": ")


def write_outcome(payload: dict, out: dict) -> dict:
    """Write a worker's files (bytes in ``out``) to the payload's paths, atomically, as the
    local workers do: the HTML and notebook only on success (the last good ones otherwise
    stay), the failed notebook on failure.  Returns the outcome without the bytes."""
    from .. import atomic
    from . import kernels

    html, ipynb, failed = Path(payload["html"]), Path(payload["ipynb"]), Path(payload["failed"])
    result = {k: out.get(k, d) for k, d in (("status", "failed"), ("duration", 0.0),
                                             ("error", ""))}
    try:
        if result["status"] == "ok":
            ipynb.parent.mkdir(parents=True, exist_ok=True)
            atomic.write(ipynb, out["ipynb_bytes"])
            atomic.write(html, out["html_bytes"])
            failed.unlink(missing_ok=True)
        elif out.get("failed_bytes"):
            atomic.write(failed, out["failed_bytes"])
        else:  # nothing ran far enough to save: an older failed notebook would mislead
            failed.unlink(missing_ok=True)
    except OSError as exc:
        result["status"] = "failed"
        result["error"] = (kernels._disk_full(exc) if exc.errno in kernels._DISK_FULL
                           else f"{type(exc).__name__}: {exc}")
    return result


# -- Dask: the worker side ------------------------------------------------------------------
_states = threading.local()
_lock = threading.Lock()  # papermill's chdir is the whole process's (nbclient engine only)


def _state(engine: str) -> dict:
    """This task thread's warm kernel (started on its first appendix, kept for the next)."""
    from . import kernels

    state = getattr(_states, "state", None)
    if state is None or state.get("engine") != engine:
        if state is not None and state.get("kernel") is not None:  # another build's engine
            state["kernel"].shutdown()
        state = kernels.start_worker({"engine": engine}, engine, os.getcwd())
        _states.state = state
    return state


def run_on_worker(task: dict) -> dict:
    """Run one appendix on a Dask worker; return its outcome with the files as bytes.

    ``task`` is a runner payload plus ``source`` (the notebook's text) and ``engine``.  The
    notebook runs in a scratch folder (the kernel's folder is the payload's ``cwd`` when it
    exists here); the executed notebook records the client's paths, as a local build does.
    """
    import tempfile

    from .. import fingerprint

    t0 = time.perf_counter()
    want = task.get("data_fp")
    data_dir = task["parameters"].get("data_dir") or None
    if want:
        try:
            have = fingerprint.data_fingerprint(data_dir)
        except OSError as exc:
            have = f"unreadable ({exc})"
        if have != want:
            import socket

            return {"status": "failed", "duration": time.perf_counter() - t0,
                    "error": f"the data folder on worker {socket.gethostname()} "
                    f"({data_dir or 'its default data folder'}) is not the one this build "
                    f"checked (data fingerprint {have} ≠ {want}); give every worker the same "
                    "data folder at the same path (docs/scaling.md)"}
    from . import kernels

    state = _state(task["engine"])
    with tempfile.TemporaryDirectory(prefix="papi-task-") as tmp:
        tmp = Path(tmp)
        source = tmp / Path(task["input"]).name
        source.write_text(task["source"], encoding="utf-8")
        cwd = task["cwd"] if Path(task["cwd"]).is_dir() else str(tmp)
        local = dict(task, input=str(source), cwd=cwd, ipynb=str(tmp / "out" / "a.ipynb"),
                     html=str(tmp / "out" / "a.html"), failed=str(tmp / "out" / "a.failed.ipynb"),
                     input_name=task["input"], output_name=task["ipynb"],
                     failed_name=task["failed"], chdir=False)
        local.pop("source")
        if state.get("kernel") is None:  # the nbclient engine: papermill changes directory
            with _lock:
                out = kernels.run_appendix(local, state)
        else:
            out = kernels.run_appendix(local, state)
        files = {"html_bytes": Path(local["html"]), "ipynb_bytes": Path(local["ipynb"]),
                 "failed_bytes": Path(local["failed"])}
        for key, path in files.items():
            if path.is_file() and (key == "failed_bytes") == (out["status"] != "ok"):
                out[key] = path.read_bytes()
    return out
