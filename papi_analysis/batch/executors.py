"""Where the appendices of a build run: this machine's worker processes, or a Dask cluster.

An executor takes the runner's payloads (one dict per appendix: ``input``, ``parameters``,
``ipynb``, ``html``, ``failed``, ``cwd``, ``lang``, ``title``, ``data_fp``) and returns an
iterator of ``(index, outcome)`` as each appendix finishes, where ``outcome`` is
``{"status": "ok"|"failed", "duration", "error"}`` and the appendix's files are already in
place (written atomically; a failed run never replaces the last good ``.html``/``.ipynb``).
The iterator has ``close()``, which cancels what has not started.

* :class:`LocalExecutor`: the runner's own pool of worker processes on this machine, each with
  a warm kernel (:func:`papi_analysis.batch.kernels.run_all`).  The default.
* :class:`DaskExecutor`: a Dask ``distributed`` scheduler (``--scheduler tls://host:8786`` or
  ``PAPI_ANALYSIS_SCHEDULER``), with this machine's TLS certificates
  (:mod:`~papi_analysis.batch.clustersecurity`; a plain ``tcp://`` scheduler on another
  machine is refused unless told otherwise).  Each appendix is one task.  The data folder
  (files, registry, settings, cached tidy table) is scattered to the cluster once per build
  (:mod:`~papi_analysis.batch.shipping`); a worker keeps a warm kernel per task thread, whose
  environment has none of the worker's variables that could change a figure, receives the
  notebook's text and parameters, runs it in a scratch folder on its copy of the data and
  sends back the HTML and the executed notebook as bytes, with the digests of what it built
  them from.  This process refuses a result whose digests differ from its own (naming the
  worker) or whose HTML has active content, and writes the others into the reports folder:
  workers need no shared disk.  A task whose worker dies is run again elsewhere by the
  scheduler, up to ``distributed.scheduler.allowed-failures`` times; a task that raises is
  retried :data:`RETRIES` times.  See ``docs/scaling.md``.

Everything Dask is imported inside functions: a local build never imports it.
"""

from __future__ import annotations

import contextlib
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


def choose(scheduler: str | None = None, *, lang: str = "vi", tls: dict | None = None,
           insecure: bool = False):
    """The executor of a build: :class:`DaskExecutor` connected to the scheduler named by
    ``scheduler`` / ``PAPI_ANALYSIS_SCHEDULER``, else :class:`LocalExecutor`.

    ``tls``: the client's ``ca``, ``cert`` and ``key`` files (``--tls-ca-file``,
    ``--tls-cert``, ``--tls-key``; else :data:`clustersecurity.TLS_ENV`, else Dask's
    configuration); ``insecure``: allow a plain ``tcp://`` scheduler on another machine.

    Raises
    ------
    ParameterError
        The address is malformed, the scheduler cannot be reached or has no worker, Dask
        is not installed, a ``tls://`` address has no readable certificates, or a plain one
        is on another machine: one bilingual message, and nothing has run.
    """
    address = scheduler_address(scheduler)
    if not address:
        return LocalExecutor()
    return DaskExecutor(address, source="--scheduler" if scheduler else SCHEDULER_ENV,
                        tls=tls, insecure=insecure).connect()


class LocalExecutor:
    """The warm-kernel worker processes of this machine (:func:`kernels.run_all`)."""

    name = "local"

    def run(self, payloads: list[dict], *, jobs: int, engine: str, cwd: str):
        """As :func:`kernels.run_all`, each worker also writing the appendix's workbook
        (:func:`run_and_export`) when its payload asks for it (``export``)."""
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        from . import kernels

        kernels.check_kernel()  # a kernel that cannot start: one message now, not one each
        fork = kernels.can_fork()
        if payloads and fork:
            kernels.import_for_workers()  # once here, not once in each forked worker
        pool = ProcessPoolExecutor(
            max(1, min(jobs, len(payloads))),
            mp_context=mp.get_context("fork" if fork else "spawn"),
            initializer=kernels.init_worker, initargs=(engine, cwd, os.getpid()))
        return kernels._Outcomes(pool, {pool.submit(run_and_export, p): i
                                        for i, p in enumerate(payloads)})

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def run_and_export(payload: dict) -> dict:
    """Run one appendix in this worker process (:func:`kernels.run_appendix`) and, when it
    succeeded and ``payload["export"]`` is set, write its workbook beside its HTML here too,
    so that the build's own process does none of it: the outcome then has ``xlsx`` (the
    workbook's path, or ``""``) and ``xlsx_warning`` (why it could not be written, which the
    build logs).  The export's time counts in the appendix's ``duration``."""
    from . import kernels

    out = kernels.run_appendix(payload)
    if payload.get("export") and out.get("status") == "ok":
        from ..appendix import xlsxexport

        t0 = time.perf_counter()
        path, warning = xlsxexport.beside_quietly(Path(payload["html"]), payload["lang"])
        out.update(xlsx=str(path) if path else "", xlsx_warning=warning,
                   duration=out["duration"] + time.perf_counter() - t0)
    return out


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
        hint_vi=(hint_vi or "Kiểm tra địa chỉ (dạng tls://máy:8786), rằng `dask scheduler` đang "
                 "chạy ở đó và cổng không bị tường lửa chặn") +
        f"; hoặc {unset} (hay dùng --scheduler local) để chạy trên máy này. Xem docs/scaling.md.",
        hint_en=(hint_en or "Check the address (tls://host:8786), that `dask scheduler` runs "
                 "there and that no firewall blocks the port") +
        f"; or {unset_en} (or use --scheduler local) to build on this machine. See "
        "docs/scaling.md.")


class DaskExecutor:
    """Run each appendix as one task of a Dask ``distributed`` cluster (see the module)."""

    name = "dask"

    def __init__(self, address: str, *, source: str = "--scheduler", retries: int = RETRIES,
                 tls: dict | None = None, insecure: bool = False):
        self.address, self.source, self.retries = address, source, retries
        self.tls, self.insecure = tls, insecure
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
                "Viết địa chỉ dạng tls://máy:8786 (máy = tên hoặc IP của máy chạy `dask "
                "scheduler`)", "Write the address as tls://host:8786 (host = the name or IP "
                "of the machine running `dask scheduler`)") from None
        from . import clustersecurity

        host = loc.rpartition(":")[0] if scheme in ("tcp", "tls", "ws", "wss") else loc
        security = clustersecurity.security(self.address, scheme, host, source=self.source,
                                            options=self.tls, insecure=self.insecure)
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
                extra = {"security": security} if security is not None else {}
                self.client = _within(CONNECT_TIMEOUT + 5, Client, self.address,
                                      timeout=CONNECT_TIMEOUT, set_as_default=False, **extra)
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
        """Submit one task per payload (``jobs`` is the cluster's business: ignored).

        The data folder of the build goes to the cluster once (scattered); each task gets the
        notebook's text, its parameters and the package code's digest, and its result is
        checked against the digests expected here (:class:`_DaskOutcomes`)."""
        from . import manifest, shipping

        if self.client is None:
            self.connect()
        token = uuid.uuid4().hex[:8]
        futures = {}
        expected: dict[int, dict] = {}
        sources: dict[str, str] = {}
        for p in payloads:
            if p["input"] not in sources:
                sources[p["input"]] = Path(p["input"]).read_text(encoding="utf-8")
        code = manifest.code_fingerprint()
        # What every task shares, sent once per build whatever the number of provinces: the
        # notebooks' texts and the package's default data folder (which each data folder's
        # bundle would otherwise carry again); the worker puts each bundle back together and
        # checks it against its digest (shipping.join, shipping.unpack).
        memo: dict = {}
        slim: dict[tuple, dict] = {}
        for p in payloads:
            params = p["parameters"]
            where = (params.get("data_dir") or "", bool(params.get("illustrative", True)))
            if where not in slim:
                slim[where] = shipping.make_bundle(where[0] or None, where[1], memo=memo)
        home = shipping.shared_home(slim.values())
        # on every worker: scattered data whose every holder dies cannot come back
        [shared] = self.client.scatter([{"sources": sources, "home": home}], hash=False,
                                       broadcast=True)
        bundles: dict[tuple, object] = {}  # one per data folder of the build (per province)
        of: dict[int, tuple] = {}
        for where, bundle in slim.items():
            [bundles[where]] = self.client.scatter([shipping.split(bundle, home)], hash=False,
                                                   broadcast=True)
        slim.clear()
        for i, p in enumerate(payloads):
            params = p["parameters"]
            where = (params.get("data_dir") or "", bool(params.get("illustrative", True)))
            of[i] = where
            task = dict(p, engine=engine, code=code, export=True)
            expected[i] = shipping.expected(code, p.get("data_fp") or "", sources[p["input"]],
                                            params)
            name = Path(p["input"]).stem
            key = f"appendix-{name}-{params['agency']}-{p['lang']}-{token}-{i}"
            # plan order (longest first) is the runner's: keep it with priorities
            fut = self.client.submit(run_on_worker, task, bundles[where], shared, key=key,
                                     pure=False, retries=self.retries,
                                     priority=len(payloads) - i)
            futures[fut] = i
        return _DaskOutcomes(self.client, futures, payloads, expected, [shared],
                             bundles=bundles, bundle_of=of)

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
        # broad: handed to the caller, which raises it
        except BaseException as exc:  # noqa: BLE001
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

    def __init__(self, client, futures: dict, payloads: list[dict],
                 expected: dict[int, dict] | None = None, keep: list | None = None,
                 bundles: dict | None = None, bundle_of: dict | None = None) -> None:
        self.client, self.futures, self.payloads = client, futures, payloads
        self.expected = expected or {}
        self.keep = keep or []  # the scattered data: held until the build ends
        # each data folder's bundle, let go once its last appendix is done (a national build
        # holds one province's data at a time on the workers, not all of them)
        self.bundles = dict(bundles or {})
        self.bundle_of = bundle_of or {}
        self.left: dict = {}
        for where in self.bundle_of.values():
            self.left[where] = self.left.get(where, 0) + 1

    def __iter__(self):
        from distributed import as_completed

        for fut in as_completed(list(self.futures), loop=self.client.loop):
            i = self.futures[fut]
            try:
                out = fut.result()
            # broad: a worker died too often, a lost scheduler: the appendix fails with it
            except Exception as exc:  # noqa: BLE001
                out = {"status": "failed", "duration": 0.0, "error": _task_error(exc)}
            else:
                out = self._checked(fut, i, out)
            fut.release()
            self._done_with(i)
            yield i, write_outcome(self.payloads[i], out)

    def _done_with(self, i: int) -> None:
        where = self.bundle_of.get(i)
        if where is None:
            return
        self.left[where] -= 1
        if self.left[where] == 0 and where in self.bundles:
            try:
                self.bundles.pop(where).release()
            except Exception:  # noqa: BLE001 - a lost scheduler: nothing left to release
                log.debug("releasing a data bundle failed", exc_info=True)

    def _checked(self, fut, i: int, out) -> dict:
        """``out``, or a failed outcome without any file when it was not built from what
        this build sent (its digests) or its HTML has active content."""
        from . import shipping

        if not isinstance(out, dict):
            out = {}
        want = self.expected.get(i)
        differ = shipping.mismatch(want, out.get("digests")) if want else []
        markup = (shipping.unexpected_markup(out.get("html_bytes") or b"")
                  if out.get("status") == "ok" else "")
        book = (shipping.unexpected_workbook(out["xlsx_bytes"])
                if out.get("status") == "ok" and out.get("xlsx_bytes") else "")
        if book and not markup:
            markup = book
        if not differ and not markup:
            return out
        got = out.get("digests") if isinstance(out.get("digests"), dict) else {}
        what = ", ".join(f"{shipping.NAMES[k][1]} {got[k]} ≠ {want[k]}"
                         for k in differ if got.get(k)) or "what this build sent"
        why = (f"it was built from other {what}" if differ else
               f"its workbook has {book}, which no appendix's has" if markup == book else
               f"its HTML has {markup}…>, which no appendix has")
        if differ and out.get("status") != "ok" and out.get("error"):
            why += f" (the worker says: {out['error']})"
        worker = self._worker(fut, out)
        log.warning("refused the result of %s from Dask worker %s: %s", fut.key, worker, why)
        return {"status": "failed", "duration": float(out.get("duration") or 0.0),
                "error": f"refused the result of Dask worker {worker}: {why}; nothing of it "
                "was written. Give that worker this package's version, or take it out of "
                "the cluster (docs/scaling.md, Security)"}

    def _worker(self, fut, out: dict) -> str:
        """The worker that holds ``fut``'s result, as the scheduler knows it (and what the
        worker says of itself)."""
        try:
            held = self.client.who_has(fut).get(fut.key) or []
        except Exception:  # noqa: BLE001 - a lost scheduler: what the worker says
            log.debug("who_has failed", exc_info=True)
            held = []
        said = str(out.get("worker") or "")
        name = ", ".join(held) or said or "(unknown)"
        return name + (f" (says it is {said})" if said and held and said not in held else "")

    def close(self) -> None:
        """Cancel the tasks that have not finished; let the scattered data go."""
        try:
            self.client.cancel([f for f in self.futures if not f.done()])
        except Exception:  # noqa: BLE001 - a lost scheduler cancels them itself
            log.debug("cancelling the unfinished Dask tasks failed", exc_info=True)
        for f in [*self.keep, *self.bundles.values()]:
            try:
                f.release()
            except Exception:  # noqa: BLE001 - a lost scheduler: nothing left to release
                log.debug("releasing the scattered data failed", exc_info=True)
        self.keep, self.bundles = [], {}


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
            if "xlsx_bytes" in out:  # the worker exported the workbook (or could not)
                xlsx = html.with_suffix(".xlsx")
                if out["xlsx_bytes"]:
                    atomic.write(xlsx, out["xlsx_bytes"])
                    result.update(xlsx=str(xlsx), xlsx_warning="")
                else:  # an earlier build's workbook may not hold the new HTML's figures
                    xlsx.unlink(missing_ok=True)
                    result.update(xlsx="", xlsx_warning=out.get("xlsx_warning") or "")
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


def _state() -> dict:
    """This task thread's warm kernel (started on its first appendix, kept for the next), in
    an environment without the worker's variables that could change a figure."""
    from . import kernels, shipping

    state = getattr(_states, "state", None)
    if state is None:
        state = kernels.start_worker({"engine": kernels.ENGINE_NAME}, kernels.ENGINE_NAME,
                                     os.getcwd(), env=shipping.kernel_environment())
        _states.state = state
    return state


def _here() -> tuple[str, Path]:
    """``(this worker's address, its scratch folder for data bundles)``."""
    import socket
    import tempfile

    try:
        from distributed import get_worker

        w = get_worker()
        return w.address, Path(w.local_directory) / "papi-bundles"
    except (ImportError, ValueError):  # not in a Dask worker (a test calls it directly)
        return socket.gethostname(), Path(tempfile.gettempdir()) / f"papi-bundles-{os.getpid()}"


def _package_dir() -> str:
    return str(Path(__file__).resolve().parent.parent)


def run_on_worker(task: dict, bundle: dict, shared: dict | None = None) -> dict:
    """Run one appendix on a Dask worker; return its outcome with the files as bytes and the
    ``digests`` it was built from (:func:`shipping.digests`).

    ``task`` is a runner payload plus ``source`` (the notebook's text) and ``code`` (the
    client's package digest); ``bundle`` is the build's data (:func:`shipping.make_bundle`).
    ``shared`` is what every task of the build shares, sent once: ``sources`` (the notebooks'
    texts, by the client's path, used when ``task`` has no ``source``) and ``home`` (the
    package's default data folder, taken out of ``bundle`` by :func:`shipping.split` and put
    back by :func:`shipping.join`, whose result is checked against the bundle's digest as
    it is unpacked).  With ``task["export"]`` the appendix's workbook is written here too
    and sent back as ``xlsx_bytes`` (``None`` and ``xlsx_warning`` when it could not be).
    The notebook runs in a scratch folder, in the warm kernel of this thread, on this worker's
    copy of the bundle and never on the worker's own data folder; a worker whose package
    differs from the client's builds nothing.  The executed notebook records the client's
    paths and parameters, as a local build does.
    """
    import tempfile

    from . import kernels, manifest, shipping

    t0 = time.perf_counter()
    me, scratch = _here()
    code = manifest.code_fingerprint()
    params = task["parameters"]
    if code != task.get("code"):
        return {"status": "failed", "duration": time.perf_counter() - t0, "worker": me,
                "digests": {"code": code},
                "error": f"Dask worker {me} runs other package code ({code} ≠ "
                f"{task.get('code')}); install the client's version there (docs/scaling.md)"}
    try:
        if shared:
            if "source" not in task:
                task = dict(task, source=shared["sources"][task["input"]])
            bundle = shipping.join(bundle, shared.get("home"))
        scratch.mkdir(parents=True, exist_ok=True)
        folder = shipping.unpack(bundle, scratch)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return {"status": "failed", "duration": time.perf_counter() - t0, "worker": me,
                "error": f"Dask worker {me} cannot unpack the build's data: {exc}"}
    data = shipping.data_dir_of(folder, bundle)
    local_params = dict(params, data_dir=str(data) if params.get("data_dir") else "")
    shipping.adopt(folder, bundle)  # before the rendering's imports, which read the data folder
    state = _state()
    with tempfile.TemporaryDirectory(prefix="papi-task-") as tmp:
        tmp = Path(tmp)
        source = tmp / Path(task["input"]).name
        source.write_text(task["source"], encoding="utf-8")
        local = dict(task, input=str(source), cwd=str(tmp), parameters=local_params,
                     ipynb=str(tmp / "out" / "a.ipynb"),
                     html=str(tmp / "out" / "a.html"), failed=str(tmp / "out" / "a.failed.ipynb"),
                     input_name=task["input"], output_name=task["ipynb"],
                     failed_name=task["failed"], chdir=False,
                     kernel_env=shipping.task_environment(folder, bundle),
                     kernel_package=_package_dir())
        local.pop("source")
        out = kernels.run_appendix(local, state)
        if task.get("export") and out["status"] == "ok":
            from ..appendix import xlsxexport

            t1 = time.perf_counter()
            target = tmp / "out" / "a.xlsx"
            made, warning = xlsxexport.beside_quietly(Path(local["html"]), task["lang"], target)
            out["xlsx_bytes"] = made.read_bytes() if made else None
            out["xlsx_warning"] = warning.replace(str(target),
                                                  str(Path(task["html"]).with_suffix(".xlsx")))
            out["duration"] += time.perf_counter() - t1
        files = {"html_bytes": Path(local["html"]), "ipynb_bytes": Path(local["ipynb"]),
                 "failed_bytes": Path(local["failed"])}
        for key, path in files.items():
            if path.is_file() and (key == "failed_bytes") == (out["status"] != "ok"):
                out[key] = path.read_bytes()
                if key != "html_bytes":
                    out[key] = _client_parameters(out[key], params, str(data))
    out["worker"] = me
    out["digests"] = shipping.digests(code, data, task["source"], params)
    return out


def _client_parameters(blob: bytes, params: dict, copy: str) -> bytes:
    """An executed notebook with the client's parameters (its data folder) in place of this
    worker's copy, in papermill's metadata and in the injected parameters cell."""
    import nbformat

    try:
        doc = nbformat.reads(blob.decode("utf-8"), as_version=nbformat.NO_CONVERT)
    except (ValueError, UnicodeDecodeError):
        return blob
    with contextlib.suppress(KeyError, TypeError, AttributeError):
        doc["metadata"]["papermill"]["parameters"] = params
    if params.get("data_dir"):
        for cell in doc.get("cells", []):
            if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
                src = cell.get("source", "")
                src = "".join(src) if isinstance(src, list) else src
                cell["source"] = src.replace(copy, params["data_dir"])
    return nbformat.writes(doc).encode("utf-8")
