"""A warm-kernel papermill engine, and the worker process that builds one appendix.

Starting a kernel and importing pandas and matplotlib costs more than most appendices take to
compute.  So each worker process of the runner keeps one long-lived kernel
(:class:`WarmKernel`) with the heavy libraries already imported, and papermill runs every
notebook through the engine registered here as ``papi-warm``: papermill still parameterizes
the notebook, records cell metadata and raises :class:`~papermill.PapermillExecutionError`
exactly as with its default engine; only the kernel is reused.

Before each notebook the kernel is put back in the state of a fresh one: the user namespace,
``In``/``Out`` and the execution counter are reset; every ``papi_analysis`` module is dropped
from ``sys.modules`` so the notebook imports it afresh; ``os.environ``, ``sys.path``, the
working directory, warning filters (and their once-only registries), matplotlib ``rcParams``
and open figures, the inline backend settings, pandas options and numpy error/print settings
go back to their values right after start-up; random generators are reseeded from the OS.
A kernel that dies, times out or fails that reset is restarted.  Third-party modules stay
imported (that is the point); their caches do not change results.

Everything heavy (papermill, nbclient, nbconvert) is imported inside functions: the parent
runner imports this module only to fork workers.  ``PAPI_ANALYSIS_ENGINE=nbclient`` makes the
workers use papermill's default engine (a new kernel per notebook) instead.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

ENGINE_NAME = "papi-warm"
#: Per-cell time limit in seconds (0 = none); a cell that runs longer fails its appendix.
CELL_TIMEOUT = int(os.environ.get("PAPI_ANALYSIS_CELL_TIMEOUT", "1800")) or None
#: Imported once per kernel, before any notebook runs.
PRELOAD = ("numpy", "pandas", "matplotlib", "matplotlib.pyplot")
#: Modules dropped before each notebook so that it imports them afresh.
PURGE = ("papi_analysis",)
#: Our own modules that notebooks never import (not preloaded).
_NOT_FOR_NOTEBOOKS = {"cli", "batch", "runner", "buildcheck", "manifest", "indexpage", "kernels",
                      "rendering"}
log = logging.getLogger(__name__)
_KERNEL_ARGS = ["--HistoryManager.hist_file=:memory:"]  # as nbclient starts kernels

# The code below runs *inside* the kernel, as a module named _papi_warm, so that no name of
# ours ever appears in the notebook's namespace.
_KERNEL_SIDE = r'''
import copy, logging, os, random, sys, warnings

_log = logging.getLogger("papi_analysis.batch.kernels.warm")

_base = {}


def _pandas_config():
    import pandas._config.config as c
    return c._global_config


def _import_all(names):
    import importlib
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # any error: the notebook that imports it meets it again, and says so
            _log.debug("warm-up import of %s failed", name, exc_info=True)


def _keep_code(purge):
    """Keep the compiled code of our modules for the kernel's life, keyed by file, mtime and
    size: a notebook re-imports the package (see reset), and without this every import
    compiles it again when no .pyc can be read or written (PYTHONDONTWRITEBYTECODE, a
    read-only install).  A code object is immutable; the module is still executed afresh."""
    from importlib.machinery import SourceFileLoader

    plain = SourceFileLoader.get_code
    codes = {}

    def get_code(self, fullname):
        if not any(fullname == p or fullname.startswith(p + ".") for p in purge):
            return plain(self, fullname)
        path = self.get_filename(fullname)
        st = os.stat(path)
        key = (path, st.st_mtime_ns, st.st_size)
        code = codes.get(key)
        if code is None:
            code = codes[key] = plain(self, fullname)
        return code

    SourceFileLoader.get_code = get_code


def _keep_dataclass_code():
    """Keep the compiled code of the methods @dataclass writes (__init__, __repr__, __eq__…),
    keyed by their source text: the notebook's re-import of the package (see reset) otherwise
    compiles them again for every class in every appendix.  The same text compiles to the
    same code, so an edited class (other fields, other text) is compiled afresh; the
    functions themselves are made anew each time, as before."""
    import builtins
    import dataclasses

    if not hasattr(dataclasses, "_create_fn"):  # another Python builds them another way
        return
    codes = {}

    def exec_kept(source, globals=None, locals=None, /):
        if globals is None:  # exec's own defaults: the caller's namespaces
            caller = sys._getframe(1)
            return builtins.exec(source, caller.f_globals, caller.f_locals)
        if isinstance(source, str):
            code = codes.get(source)
            if code is None:
                code = codes[source] = compile(source, "<string>", "exec", dont_inherit=True)
            source = code
        return builtins.exec(source, globals, locals)

    dataclasses.exec = exec_kept  # the name dataclasses calls, not the builtin


def setup(ip, preload, warm, purge):
    _keep_code(purge)
    _keep_dataclass_code()
    _import_all(preload)
    ip.reset(new_session=False)
    # The state a fresh kernel has once these libraries are imported, and nothing of ours.
    _base["ns"] = set(ip.user_ns)
    _base["cwd"] = os.getcwd()
    _base["env"] = dict(os.environ)
    _base["path"] = list(sys.path)
    _base["warnings"] = list(warnings.filters)
    if "matplotlib" in sys.modules:
        import matplotlib
        _base["rc"] = matplotlib.rcParams.copy()
    try:
        from matplotlib_inline.config import InlineBackend
        cfg = InlineBackend.instance()
        _base["inline"] = {k: copy.deepcopy(getattr(cfg, k)) for k in cfg.trait_names(config=True)}
    except Exception:  # no inline backend (or another one): nothing of it to reset
        _log.debug("inline backend settings not kept", exc_info=True)
    if "pandas" in sys.modules:
        _base["pandas"] = copy.deepcopy(_pandas_config())
    if "numpy" in sys.modules:
        import numpy
        _base["np_err"] = numpy.geterr()
        _base["np_print"] = numpy.get_printoptions()
    # Import our modules once so their third-party dependencies are warm, then drop them.
    _import_all(warm)
    reset(ip, _base["cwd"], purge)
    # What is imported now lives as long as the kernel: hide it from the collector, so the
    # full collection IPython's reset runs before each notebook scans only what notebooks made.
    import gc
    gc.collect()
    gc.freeze()


def reset(ip, cwd, purge, env=None, package=None):
    # First: IPython's reset asks for the working directory, which fails while the kernel sits
    # in the last notebook's folder once it is deleted (a Dask task's scratch folder): the
    # failed reset used to restart the kernel, so every Dask appendix started a cold one.
    os.chdir(cwd)
    ip.reset(new_session=False)
    for name in list(sys.modules):
        if any(name == p or name.startswith(p + ".") for p in purge):
            del sys.modules[name]
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
    if "rc" in _base:
        import matplotlib
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dict.update(matplotlib.rcParams, _base["rc"])
    if "inline" in _base:
        from matplotlib_inline.config import InlineBackend
        cfg = InlineBackend.instance()
        for k, v in _base["inline"].items():
            setattr(cfg, k, copy.deepcopy(v))
    if "pandas" in _base:
        cfg = _pandas_config()
        cfg.clear()
        cfg.update(copy.deepcopy(_base["pandas"]))
    if "np_err" in _base:
        import numpy
        numpy.seterr(**_base["np_err"])
        numpy.set_printoptions(**_base["np_print"])
        numpy.random.seed()
    random.seed()
    if dict(os.environ) != _base["env"]:
        os.environ.clear()
        os.environ.update(_base["env"])
    if env:  # this notebook's own variables (a Dask task's data folder), gone at the next reset
        os.environ.update(env)
    sys.path[:] = _base["path"]
    warnings.filters[:] = _base["warnings"]
    getattr(warnings, "_filters_mutated", lambda: None)()  # forget "shown once" registries
    ip.execution_count = 1
    extra = set(ip.user_ns) - _base["ns"]
    if extra:
        raise RuntimeError("namespace not clean after reset: " + ", ".join(sorted(extra)))
    if package:  # the code the worker vouches for is the code the notebook will import
        import importlib.util
        spec = importlib.util.find_spec("papi_analysis")
        where = os.path.dirname(spec.origin) if spec and spec.origin else "(none)"
        if os.path.realpath(where) != os.path.realpath(package):
            raise RuntimeError(f"the kernel imports papi_analysis from {where}, not {package}")
'''


class WarmKernelError(RuntimeError):
    """The warm kernel could not be started or reset."""


def _package_modules() -> list[str]:
    """Every module of the package that a notebook may import, as dotted names."""
    root = Path(__file__).resolve().parent
    while (root.parent / "__init__.py").exists():
        root = root.parent
    names = []
    for p in sorted(root.rglob("*.py")):
        parts = p.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts and (parts[0] in _NOT_FOR_NOTEBOOKS or parts[-1].startswith("_")):
            continue
        names.append(".".join((root.name, *parts)))
    return names


class WarmKernel:
    """One long-lived kernel with the heavy imports done, reset before each notebook."""

    def __init__(self, kernel_name: str = "python3", preload=PRELOAD, cwd: str | None = None,
                 env: dict | None = None):
        self.kernel_name = kernel_name
        self.env = env  # the kernel's environment (default this process's)
        self.preload = tuple(preload)
        self.cwd = cwd or os.getcwd()
        self.km = None
        self.kc = None
        self.last_nb = None
        self._setup_id: str | None = None
        self.starts = 0  # kernels started (a restart starts another)

    # -- life cycle ---------------------------------------------------------------------
    def start(self) -> None:
        """Launch the kernel and send it the set-up code without waiting for it.

        The kernel imports pandas and matplotlib while the worker imports papermill; the
        first :meth:`prepare` waits for both.
        """
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        self.starts += 1
        # Local sockets rather than TCP: nothing listens on the network, and ipykernel has
        # no reason to warn about unencrypted TCP.
        self._sockets = tempfile.mkdtemp(prefix="papi-kernel-")
        self.km = AsyncKernelManager(kernel_name=self.kernel_name, transport="ipc",
                                     ip=os.path.join(self._sockets, "k"))
        extra = {} if self.env is None else {"env": dict(self.env)}
        run_sync(self.km.start_kernel)(extra_arguments=list(_KERNEL_ARGS), cwd=self.cwd,
                                       **extra)
        self.kc = self.km.client()
        self.kc.start_channels()
        install = (f"import sys as _s, types as _t\n_m = _t.ModuleType('_papi_warm')\n"
                   f"exec({_KERNEL_SIDE!r}, _m.__dict__)\n_s.modules['_papi_warm'] = _m\n"
                   "del _s, _t, _m\n"
                   f"__import__('_papi_warm').setup(get_ipython(), {self.preload!r}, "
                   f"{_package_modules()!r}, {PURGE!r})")
        self._setup_id = self.kc.execute(install, silent=True, store_history=False)

    def restart(self) -> None:
        """Kill the kernel and start a fresh one (after a death, a timeout or a bad reset)."""
        self.shutdown()
        self.start()

    def shutdown(self) -> None:
        """Stop the kernel (no state to save, so at once)."""
        from jupyter_core.utils import run_sync

        if self.kc is not None:
            self.kc.stop_channels()
            self.kc = None
        if self.km is not None:
            try:
                if self.km.has_kernel:
                    run_sync(self.km.shutdown_kernel)(now=True)
            except Exception:  # noqa: BLE001 - best effort at exit
                log.debug("the warm kernel did not shut down cleanly", exc_info=True)
            self.km = None
        if getattr(self, "_sockets", None):
            shutil.rmtree(self._sockets, ignore_errors=True)
            self._sockets = None

    # -- per notebook -------------------------------------------------------------------
    def prepare(self, cwd: str, timeout: float = 120, env: dict | None = None,
                package: str | None = None) -> None:
        """Make the kernel look freshly started, in ``cwd``; restart it once if that fails.

        ``env``: variables set for this notebook only, over the kernel's own; ``package``:
        the folder the notebook must import ``papi_analysis`` from (else this fails)."""
        for attempt in (1, 2):
            try:
                if self.km is None or not self._alive():
                    self.restart()
                if self._setup_id is not None:
                    self._wait(self._setup_id, timeout)
                    self._setup_id = None
                code = (f"__import__('_papi_warm').reset(get_ipython(), {cwd!r}, {PURGE!r}, "
                        f"{env or {}!r}, {package!r})")
                self._wait(self.kc.execute(code, silent=True, store_history=False), timeout)
                return
            except Exception as exc:  # noqa: BLE001 - any failure: restart, at most twice
                log.debug("warm kernel reset failed (attempt %d)", attempt + 1, exc_info=True)
                if attempt == 2:
                    why = f"{type(exc).__name__}: {exc}".rstrip(": ")
                    raise WarmKernelError(f"cannot reset the warm kernel: {why}") from exc
                self.restart()

    def _alive(self) -> bool:
        from jupyter_core.utils import run_sync

        return bool(run_sync(self.km.is_alive)())

    def _wait(self, msg_id: str, timeout: float) -> None:
        from jupyter_core.utils import run_sync

        async def reply():
            deadline = time.monotonic() + timeout
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("no reply from the kernel")
                msg = await self.kc.get_shell_msg(timeout=left)
                if msg["parent_header"].get("msg_id") == msg_id:
                    return msg

        content = run_sync(reply)()["content"]
        if content["status"] != "ok":
            raise WarmKernelError(f"{content.get('ename', content['status'])}: "
                                  f"{content.get('evalue', '')}")


_ENGINE = None


def register_engine():
    """Register the ``papi-warm`` engine with papermill (once) and return its class."""
    global _ENGINE
    if _ENGINE is not None:
        return _ENGINE
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import Engine, papermill_engines
    from papermill.log import logger

    class WarmKernelEngine(Engine):
        """papermill engine that runs a notebook in a :class:`WarmKernel` (``warm_kernel=``)."""

        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False,
                                     stdout_file=None, stderr_file=None, start_timeout=60,
                                     execution_timeout=None, warm_kernel=None,
                                     kernel_cwd=None, kernel_env=None, kernel_package=None,
                                     **kwargs):
            if warm_kernel is None:
                raise WarmKernelError("the papi-warm engine needs warm_kernel=WarmKernel(...)")
            # kernel_cwd: the kernel's folder without papermill's chdir of the whole process
            # (a Dask worker runs tasks in threads; see executors.py)
            # kernel_env / kernel_package: a Dask task's variables, and the code it vouches for
            warm_kernel.prepare(kernel_cwd or os.getcwd(), timeout=start_timeout + 60,
                                env=kernel_env, package=kernel_package)
            warm_kernel.last_nb = nb_man.nb  # kept if the kernel dies or a cell times out
            client = PapermillNotebookClient(
                nb_man, km=warm_kernel.km, timeout=execution_timeout,
                startup_timeout=start_timeout, kernel_name=kernel_name, log=logger,
                log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file)
            # Reuse the worker's connected client: a new one waits for IOPub to go quiet.
            client.kc = warm_kernel.kc
            client.kc.allow_stdin = False
            return client.execute()

    papermill_engines.register(ENGINE_NAME, WarmKernelEngine)
    _ENGINE = WarmKernelEngine
    return _ENGINE


# -- the worker processes -------------------------------------------------------------------
_worker: dict = {}


def can_fork() -> bool:
    """True when workers may be forked: fork starts them at once with what the parent already
    imported, but is only safe while the parent has a single thread (not so inside Jupyter,
    or beside a Dask client): spawn otherwise."""
    import multiprocessing as mp
    import threading

    return "fork" in mp.get_all_start_methods() and threading.active_count() == 1


def run_all(payloads: list[dict], *, jobs: int, engine: str, cwd: str):
    """Start ``jobs`` worker processes on every payload; return an iterator of outcomes.

    The iterator yields ``(index, outcome of run_appendix)`` as each appendix finishes.  A
    worker that dies fails its own appendix only.  Closing the iterator (Ctrl-C in the
    caller) cancels what has not started.
    """
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    check_kernel()  # a kernel that cannot start: one message now, not one per appendix

    fork = can_fork()
    pool = ProcessPoolExecutor(max(1, min(jobs, len(payloads))),
                               mp_context=mp.get_context("fork" if fork else "spawn"),
                               initializer=init_worker, initargs=(engine, cwd, os.getpid()))
    return _Outcomes(pool, {pool.submit(run_appendix, p): i for i, p in enumerate(payloads)})


class _Outcomes:
    """The outcomes of :func:`run_all` as they finish; :meth:`close` stops the workers."""

    def __init__(self, pool, futures: dict) -> None:
        self.pool, self.futures = pool, futures

    def __iter__(self):
        from concurrent.futures import as_completed

        for fut in as_completed(self.futures):
            try:
                out = fut.result()
            # broad: a dead worker, a broken pool: the appendix fails with the message
            except Exception as exc:  # noqa: BLE001
                out = {"status": "failed", "duration": 0.0,
                       "error": f"{type(exc).__name__}: {exc}"}
            yield self.futures[fut], out

    def close(self) -> None:
        """Cancel what has not started, wait for what runs, stop the workers and kernels."""
        self.pool.shutdown(wait=True, cancel_futures=True)


#: The kernel's name (its kernelspec), as the workers start it.
KERNEL_NAME = "python3"
_checked: dict[tuple, str] = {}


def check_kernel(kernel_name: str = KERNEL_NAME, timeout: float = 60) -> None:
    """Make sure the kernel can start at all, before any worker tries to (about 0.3 s).

    Checks that the kernelspec exists, that its program exists, and that its Python can
    import ipykernel, with the kernelspec's own interpreter options.  A kernelspec whose
    Python lacks ipykernel otherwise fails every appendix after minutes of waiting.

    Raises
    ------
    BuildError
        In one line: which kernel, what is wrong, and what to do.
    """
    import subprocess

    from ..errors import BuildError

    try:
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    except ImportError:  # pragma: no cover - jupyter_client comes with papermill
        return
    try:
        spec = KernelSpecManager().get_kernel_spec(kernel_name)
    except NoSuchKernel:
        raise BuildError(
            f"Không có kernel Jupyter “{kernel_name}”.",
            f"There is no Jupyter kernel “{kernel_name}”.", where=f"kernel {kernel_name}",
            hint_vi=f"Cài lại: {sys.executable} -m ipykernel install --user --name "
            f"{kernel_name}.",
            hint_en=f"Install it: {sys.executable} -m ipykernel install --user --name "
            f"{kernel_name}.") from None
    argv = list(spec.argv or [])
    if argv and argv[0] in {"python", f"python{sys.version_info[0]}",
                            "python{}.{}".format(*sys.version_info[:2])}:
        argv[0] = sys.executable  # as jupyter_client starts the native kernel
    key = (kernel_name, spec.resource_dir, tuple(argv))
    if key in _checked:
        if _checked[key]:
            raise _kernel_error(kernel_name, spec, argv, _checked[key])
        return
    program = shutil.which(argv[0]) if argv else None
    problem = ""
    if program is None:
        problem = f"program not found: {argv[0] if argv else '(empty argv)'}"
    elif "-m" in argv and argv[argv.index("-m") + 1:argv.index("-m") + 2] in (
            ["ipykernel_launcher"], ["ipykernel"]):
        probe = argv[:argv.index("-m")] + ["-c", "import ipykernel"]
        try:
            done = subprocess.run(probe, capture_output=True, text=True, timeout=timeout,
                                  check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            problem = f"{type(exc).__name__}: {exc}"
        else:
            if done.returncode != 0:
                lines = [x for x in (done.stderr or "").strip().splitlines() if x.strip()]
                problem = lines[-1] if lines else f"exit code {done.returncode}"
    _checked[key] = problem
    if problem:
        raise _kernel_error(kernel_name, spec, argv, problem)


def _kernel_error(kernel_name: str, spec, argv: list[str], problem: str):
    """The one-line :class:`BuildError` for a kernel that cannot start."""
    from ..errors import BuildError

    python = argv[0] if argv else "python"
    return BuildError(
        f"Kernel Jupyter “{kernel_name}” không khởi động được ({problem}); chưa chạy phụ lục "
        "nào.",
        f"The Jupyter kernel “{kernel_name}” cannot start ({problem}); no appendix was run.",
        where=f"{spec.resource_dir}/kernel.json",
        hint_vi=f"Cài ipykernel cho Python của kernel ({python} -m pip install ipykernel), "
        f"hoặc đăng ký lại kernel: {sys.executable} -m ipykernel install --user --name "
        f"{kernel_name}.",
        hint_en=f"Install ipykernel for the kernel's Python ({python} -m pip install "
        f"ipykernel), or register the kernel again: {sys.executable} -m ipykernel install "
        f"--user --name {kernel_name}.")


def init_worker(engine: str, cwd: str, parent: int | None = None) -> None:
    """Initializer of a runner worker process: start the warm kernel, then import papermill."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    die_with_parent(parent)
    start_worker(_worker, engine, cwd)


#: Seconds between two looks at whether the build that started a worker is still there.
PARENT_POLL = 1.0


def die_with_parent(parent: int | None = None) -> None:
    """End this worker process when the build that started it ends (``kill -9`` included).

    On Linux the kernel sends SIGKILL at the parent's death (``prctl(PR_SET_PDEATHSIG)``);
    everywhere a daemon thread also checks every :data:`PARENT_POLL` seconds that the parent
    is still this process's parent, and ends the process otherwise.  The worker's kernel
    follows (ipykernel watches its own parent).  Without this, workers orphaned by a killed
    build waited forever for work.  ``parent`` is the build's pid as it started the pool (by
    default this process's parent now).
    """
    import threading

    parent = parent or os.getppid()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, 9, 0, 0, 0)  # PR_SET_PDEATHSIG, SIGKILL
        except (OSError, AttributeError):  # no libc or no prctl: the watch thread below stays
            log.debug("PR_SET_PDEATHSIG not set", exc_info=True)
    if os.getppid() != parent:  # the build died before we got here
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL)
            if os.getppid() != parent:
                kernel = _worker.get("kernel")
                try:
                    kernel.km.provisioner.process.kill()
                except Exception:  # noqa: BLE001 - no kernel, or gone: exit all the same
                    log.debug("the orphaned kernel could not be killed", exc_info=True)
                os._exit(1)

    threading.Thread(target=watch, name="papi-parent-watch", daemon=True).start()


def start_worker(state: dict, engine: str, cwd: str, env: dict | None = None) -> dict:
    """Fill ``state`` (``kernel`` or ``start_error``) for :func:`run_appendix`: start the warm
    kernel (``papi-warm`` engine), then import papermill while the kernel imports pandas.

    The runner's worker processes keep one ``state`` each (:func:`init_worker`); a Dask
    worker keeps one per task thread (:mod:`papi_analysis.batch.executors`), whose kernels
    get ``env`` (the worker's environment without the variables that could change a figure).
    """
    _block_iri_grammar()
    if engine == ENGINE_NAME:
        kernel = WarmKernel(kernel_name=KERNEL_NAME, cwd=cwd, env=env)
        try:
            kernel.start()
        except Exception as exc:  # noqa: BLE001 - each appendix fails with this message
            log.debug("the warm kernel did not start", exc_info=True)
            state["start_error"] = (f"the kernel “{KERNEL_NAME}” cannot start: "
                                    f"{type(exc).__name__}: {exc}")
            kernel.shutdown()
        else:
            state["kernel"] = kernel
            from multiprocessing import util

            util.Finalize(None, kernel.shutdown, exitpriority=10)
        register_engine()
    # Import now, while the kernel imports pandas (a forked worker has them already).
    import_for_workers()
    return state


def import_for_workers() -> None:
    """Import what a worker runs an appendix with (papermill, nbformat, nbconvert and the
    page renderer).  A local build calls it once before it forks its workers, which then
    have them without importing them each (0.6 s of CPU per worker); a worker started
    otherwise imports them in :func:`start_worker`, while its kernel starts."""
    _block_iri_grammar()
    import papermill  # noqa: F401

    from . import rendering  # noqa: F401


def _block_iri_grammar() -> None:
    # jsonschema builds an IRI grammar at import (0.8 s) that nbformat never uses; skip it by
    # making that optional import fail (jsonschema then checks no "iri" format), unless it is
    # imported already.  Only in a build's own process and its workers.
    sys.modules.setdefault("rfc3987_syntax", None)


def run_appendix(task: dict, state: dict | None = None) -> dict:
    """Execute one appendix with papermill, render it, and write its files atomically.

    ``task`` holds ``input``, ``parameters``, ``ipynb``, ``html``, ``failed``, ``cwd``,
    ``lang``, ``title``.  The executed notebook and HTML replace the old ones only on
    success; a failed run is kept as ``failed`` and the last good files stay.  Returns
    ``{"status": "ok"|"failed", "duration", "error"}`` (never raises).

    ``state`` is the worker's (:func:`start_worker`; default this process's).  Optional keys
    of ``task``, for a run in a scratch folder whose files are sent elsewhere: ``input_name``,
    ``output_name``, ``failed_name`` (the paths recorded in the notebook's papermill metadata
    instead of the scratch ones), ``chdir`` (``False``: the warm kernel gets ``cwd``
    without papermill changing the whole process's working directory), ``kernel_env``
    (variables set in the warm kernel for this notebook only) and ``kernel_package`` (the
    folder the kernel must import ``papi_analysis`` from, else the appendix fails).
    """
    import papermill as pm

    from .. import atomic
    from . import rendering

    state = _worker if state is None else state
    t0 = time.perf_counter()
    if state.get("start_error"):
        return {"status": "failed", "duration": 0.0, "error": state["start_error"]}
    kernel = state.get("kernel")  # only with the papi-warm engine
    extra = {"cwd": task["cwd"]}
    if kernel is not None:
        kernel.last_nb = None
        extra.update(engine_name=ENGINE_NAME, warm_kernel=kernel)
        if not task.get("chdir", True):
            extra.update(cwd=None, kernel_cwd=task["cwd"])
        if task.get("kernel_env") is not None or task.get("kernel_package"):
            extra.update(kernel_env=task.get("kernel_env"),
                         kernel_package=task.get("kernel_package"))
    out_nb, out_html, failed = Path(task["ipynb"]), Path(task["html"]), Path(task["failed"])
    out_nb.parent.mkdir(parents=True, exist_ok=True)
    tmp_nb = out_nb.with_name(f".{out_nb.stem}.{os.getpid()}.tmp.ipynb")
    new_html = out_html.with_name(out_html.name + ".new")
    try:
        nb = pm.execute_notebook(
            task["input"], str(tmp_nb), parameters=task["parameters"],
            progress_bar=False, request_save_on_cell_execute=False,
            execution_timeout=CELL_TIMEOUT, **extra)
        html = rendering.notebook_to_html(nb, lang=task["lang"], title=task["title"])
        import nbformat

        # not the temporary names
        nb.metadata.papermill["output_path"] = task.get("output_name") or str(out_nb)
        if task.get("input_name"):
            nb.metadata.papermill["input_path"] = task["input_name"]
        atomic.write(new_html, html)
        atomic.write(out_nb, nbformat.writes(nb))
        os.replace(new_html, out_html)
        tmp_nb.unlink(missing_ok=True)
        failed.unlink(missing_ok=True)
        return {"status": "ok", "duration": time.perf_counter() - t0, "error": ""}
    except Exception as exc:  # noqa: BLE001 - every failure becomes a failed appendix
        if isinstance(exc, pm.PapermillExecutionError):
            error = f"{exc.ename}: {exc.evalue} (cell {exc.exec_count})"
        else:
            error = f"{type(exc).__name__}: {exc}"
            if kernel is not None:  # a kernel in an unknown state is not reused
                if kernel.last_nb is not None and not tmp_nb.exists():
                    _write_partial(kernel.last_nb, tmp_nb, error)
                try:
                    kernel.restart()
                except Exception:  # noqa: BLE001 - the next prepare() retries
                    log.debug("restarting the kernel after a failure failed", exc_info=True)
            if os.environ.get("PAPI_ANALYSIS_DEBUG"):
                traceback.print_exc()
        if isinstance(exc, OSError) and exc.errno in _DISK_FULL:
            error = _disk_full(exc)
        new_html.unlink(missing_ok=True)  # never leave HY.html.new behind
        if tmp_nb.exists():
            _keep_failed(tmp_nb, failed, task.get("failed_name"), task.get("input_name"))
        else:  # nothing ran far enough to save: an older failed notebook would mislead
            failed.unlink(missing_ok=True)
        return {"status": "failed", "duration": time.perf_counter() - t0, "error": error}


#: errno values of a full disk, a quota or a file-size limit: the message says free space.
_DISK_FULL = {28, 27, 122}  # ENOSPC, EFBIG, EDQUOT


def _disk_full(exc: OSError) -> str:
    """One line for a write that failed for lack of space, naming the file."""
    name = f" “{exc.filename}”" if exc.filename else ""
    return (f"no space left to write{name} ({exc.strerror or exc}); free disk space, "
            "then build again")


def _keep_failed(tmp_nb: Path, failed: Path, failed_name: str | None = None,
                 input_name: str | None = None) -> None:
    """Keep a failed run's notebook as ``failed``, its papermill output path corrected
    (to ``failed_name`` when given, and its input path to ``input_name``).

    Written atomically: on a full disk ``failed`` is the previous one or absent, never
    empty or cut short.  A notebook papermill could not write whole (not JSON) is dropped.
    """
    from .. import atomic

    try:
        try:
            doc = json.loads(tmp_nb.read_text(encoding="utf-8"))
        except ValueError:  # cut short (a full disk while papermill saved it): useless
            failed.unlink(missing_ok=True)
            return
        with contextlib.suppress(KeyError, TypeError):
            doc["metadata"]["papermill"]["output_path"] = failed_name or str(failed)
            if input_name:
                doc["metadata"]["papermill"]["input_path"] = input_name
        atomic.write(failed, json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    except OSError:
        pass  # no room for it: the error message says why the appendix failed
    finally:
        tmp_nb.unlink(missing_ok=True)


def _write_partial(nb, path: Path, error: str) -> None:
    """Save the notebook as far as it ran, marked as failed with ``error``."""
    try:
        import nbformat

        from .. import atomic

        nb.metadata.papermill["exception"] = True
        nb.metadata["papi_analysis_error"] = error
        atomic.write(path, nbformat.writes(nb))
    except Exception:  # noqa: BLE001 - the error message is what matters
        log.debug("the partial notebook %s could not be saved", path, exc_info=True)
