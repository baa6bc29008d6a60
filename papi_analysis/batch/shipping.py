"""What a Dask worker is sent to build appendices, and what it must send back.

No shared disk, and no trust in the worker's own files or environment:

* :func:`make_bundle` packs, once per build, everything the notebooks read from a data folder:
  the files the data fingerprint covers (submissions, illustrative panel, records, registry,
  PAPI scores, ``papi-analysis.toml``), the registry the client reads with (which may live
  outside the folder: ``PAPI_ANALYSIS_AGENCIES``), and the client's cached tidy table and
  findings (so no worker reads and checks the files again).  The executor scatters it to the
  cluster once; each worker unpacks it into its own scratch folder (:func:`unpack`, checked
  against the bundle's digest) and its kernels read only that copy.
* :func:`kernel_environment` is the worker's environment without the variables that could
  change a figure (``PAPI_ANALYSIS_*``, matplotlib's); :func:`task_environment` points the
  package at the unpacked copy for one notebook.
* :func:`digests` are what a result was built from (code, data, notebook, parameters); the
  client compares them with its own (:func:`mismatch`) and refuses a result that differs,
  naming the worker.  :func:`unexpected_markup` refuses HTML with active content the appendix
  template never writes.

A worker that lies can forge its digests: these checks catch a worker with other code, data or
settings, not an attacker.  Keeping strangers out of the cluster is TLS's job
(:mod:`papi_analysis.batch.clustersecurity`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import threading
from pathlib import Path

#: Variables of a worker that never reach a kernel (they could change what an appendix shows).
HOSTILE_PREFIXES = ("PAPI_ANALYSIS_", "MPL")
#: Bundles kept unpacked per worker (older ones are removed).
KEEP = 3
_lock = threading.Lock()


def _sha(blob: bytes) -> str:
    return hashlib.sha256(blob).hexdigest()


def text_digest(text: str) -> str:
    """SHA-256 (16 hex digits) of a notebook's text."""
    return _sha(text.encode("utf-8"))[:16]


def parameters_digest(parameters: dict) -> str:
    """SHA-256 (16 hex digits) of a notebook's parameters, as JSON with sorted keys."""
    return _sha(json.dumps(parameters, sort_keys=True, ensure_ascii=False).encode())[:16]


# -- the client side -------------------------------------------------------------------------
def make_bundle(data_dir: str | Path | None, illustrative: bool = True,
                memo: dict | None = None) -> dict:
    """Everything a worker needs of the data folder ``data_dir`` (default the client's
    ``data/``), as bytes: ``{"digest", "name", "files", "registry", "cache", "data_fp"}``.

    ``memo``: a dict kept across the bundles of one build, so that what they share (the
    package's default data folder) is read once, and is the same object in each."""
    from .. import caches, config, fingerprint
    from ..intake import datasets
    from ..model import agencies, periods

    base = Path(data_dir) if data_dir else Path(config.DATA_DIR)
    files = {p.relative_to(base).as_posix(): p.read_bytes()
             for p in fingerprint.data_files(base)}
    reg = agencies.registry_path(base)
    try:
        registry = reg.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:  # outside the folder (PAPI_ANALYSIS_AGENCIES, the shipped default)
        registry = ""
    if registry not in files:
        registry = f".registry/{reg.name}"
        if reg.is_file():
            files[registry] = reg.read_bytes()
        succ = reg.parent / "successions.csv"
        if succ.is_file():
            files[".registry/successions.csv"] = succ.read_bytes()
    cache: dict[str, bytes] = {}
    try:
        ill = datasets.illustrative_enabled(base, illustrative)
        tidy_key = datasets.cache_key(base, ill)
        # validation.check_data's key for today's findings: a miss only costs the worker a check
        today = periods.current_date().isoformat()
        findings_key = hashlib.sha256(f"{tidy_key}|{today}".encode()).hexdigest()[:20]
        for kind, key, suffix in (("tidy", tidy_key, ".parquet"),
                                  ("findings", findings_key, ".json")):
            p = caches.path(kind, key, suffix)
            if p.is_file():
                cache[f"{kind}/{p.name}"] = p.read_bytes()
    except Exception:  # noqa: BLE001 - without the cache the workers read the files themselves
        import logging

        logging.getLogger(__name__).debug("no cached tidy table to send", exc_info=True)
    # the package's own default data folder, when the build reads another: some code reads
    # reference files there whatever the data folder (the province list, PAPI's defaults)
    home = Path(config.DATA_DIR)
    home_files: dict[str, bytes] = {}
    if home.is_dir() and home.resolve() != base.resolve():
        memo = {} if memo is None else memo
        if ("home", str(home.resolve())) not in memo:
            memo[("home", str(home.resolve()))] = {
                p.relative_to(home).as_posix(): p.read_bytes()
                for p in fingerprint.data_files(home)}
        home_files = memo[("home", str(home.resolve()))]
    out = {"name": base.name or "data", "files": files, "registry": registry, "cache": cache,
           "data_fp": fingerprint.data_fingerprint(base),
           "home": {"name": home.name or "data", "files": home_files} if home_files else None,
           # the client's commit: the worker's copy of the code has no git history, and the
           # appendix's provenance box must name the commit the code was vouched from
           "commit": fingerprint.git_commit()}
    out["digest"] = bundle_digest(out)
    return out


def bundle_digest(bundle: dict) -> str:
    """The digest of a bundle's files (the data folder's and the default folder's) and of the
    folders' names: two provinces with the same files are two bundles (each unpacks under its
    own name, into its own folder)."""
    home = bundle.get("home") or {"files": {}}
    pairs = [(k, _sha(v)) for k, v in bundle["files"].items()]
    pairs += [("~home/" + k, _sha(v)) for k, v in home["files"].items()]
    pairs += [("~name", bundle.get("name") or ""), ("~home-name", home.get("name") or "")]
    return _sha(json.dumps(sorted(pairs)).encode())[:20]


def _home_digest(home: dict) -> str:
    return _sha(json.dumps(sorted((k, _sha(v)) for k, v in home["files"].items())).encode())[:20]


def shared_home(bundles) -> dict | None:
    """The default data folder that the ``bundles`` of one build carry (``None`` if none
    does): the part of them sent once to each worker rather than once per bundle."""
    return next((b["home"] for b in bundles if b.get("home")), None)


def split(bundle: dict, home: dict | None) -> dict:
    """``bundle`` without the files of ``home`` (sent once, on their own), which it names by
    their digest; :func:`join` puts them back.  The bundle's own digest is unchanged: it
    still covers those files, checked as the worker unpacks the joined bundle."""
    if not home or not bundle.get("home") or bundle["home"]["files"] != home["files"]:
        return bundle
    return dict(bundle, home={"name": bundle["home"]["name"], "shared": _home_digest(home)})


def join(bundle: dict, home: dict | None) -> dict:
    """The bundle that :func:`split` took ``home`` out of, whole again.

    Raises
    ------
    ValueError
        ``home`` is missing or not the files the bundle names.
    """
    ref = (bundle.get("home") or {}).get("shared")
    if not ref:
        return bundle
    if not home or _home_digest(home) != ref:
        raise ValueError(f"the shared data sent do not match their digest ({ref})")
    return dict(bundle, home=home)


#: The parts a workbook of :mod:`papi_analysis.appendix.xlsxexport` has (openpyxl's names).
_BOOK_PARTS = re.compile(
    r"\[Content_Types\]\.xml|_rels/\.rels|docProps/(app|core)\.xml|xl/workbook\.xml|"
    r"xl/_rels/workbook\.xml\.rels|xl/styles\.xml|xl/theme/theme\d+\.xml|"
    r"xl/sharedStrings\.xml|xl/worksheets/sheet\d+\.xml|"
    r"xl/worksheets/_rels/sheet\d+\.xml\.rels|xl/comments/comment\d+\.xml|"
    r"xl/drawings/commentsDrawing\d+\.vml")
#: A formula (``<f>``), or a link out of the workbook: never in an appendix's workbook.
_BOOK_ACTIVE = re.compile(rb"<(?:\w+:)?f[\s>/]|TargetMode=\"External\"", re.I)


def unexpected_workbook(blob: bytes) -> str:
    """What a workbook sent back by a worker has that the export never writes (a part such
    as macros or external links, a formula, a link out), or ``""``."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as z:
            for info in z.infolist():
                if not _BOOK_PARTS.fullmatch(info.filename):
                    return f"a part “{info.filename}”"
                if info.file_size > 64 * 1024 * 1024:
                    return f"a part “{info.filename}” of {info.file_size} bytes"
                m = _BOOK_ACTIVE.search(z.read(info))
                if m:
                    return f"“{m.group(0).decode('ascii', 'replace')}” in {info.filename}"
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return f"no readable workbook ({exc})"
    return ""


def expected(code: str, data_fp: str, source: str, parameters: dict) -> dict:
    """The digests the client expects of a result (see :func:`digests`)."""
    return {"code": code, "data": data_fp, "notebook": text_digest(source),
            "parameters": parameters_digest(parameters)}


NAMES = {"code": ("mã nguồn", "code"), "data": ("số liệu", "data"),
         "notebook": ("notebook", "notebook"), "parameters": ("tham số", "parameters")}


def mismatch(want: dict, got) -> list[str]:
    """The digests (``code``, ``data``…) of ``got`` that differ from ``want`` (all of them
    when ``got`` is not a dict)."""
    if not isinstance(got, dict):
        return list(want)
    return [k for k in want if got.get(k) != want[k]]


#: Active content an appendix never has (the appendix template writes none).
_ACTIVE = re.compile(rb"<\s*(script|iframe|object|embed|base|meta\s+http-equiv)\b", re.I)


def unexpected_markup(html: bytes) -> str:
    """The first tag of active content in ``html`` (``<script`` …), or ``""``."""
    m = _ACTIVE.search(html or b"")
    return m.group(0).decode("ascii", "replace") if m else ""


# -- the worker side -------------------------------------------------------------------------
def kernel_environment(environ: dict | None = None) -> dict:
    """``environ`` (default this process's) without :data:`HOSTILE_PREFIXES`."""
    env = dict(os.environ if environ is None else environ)
    return {k: v for k, v in env.items() if not k.startswith(HOSTILE_PREFIXES)}


def unpack(bundle: dict, root: Path) -> Path:
    """The bundle's folder under ``root`` (``<root>/<digest>``), written once per worker and
    checked against the bundle's digest first.

    Raises
    ------
    ValueError
        The files are not those the digest names, or a name leaves the folder.
    """
    folder = root / bundle["digest"]
    with _lock:
        if (folder / ".complete").is_file():
            os.utime(folder)
            return folder
        files = bundle["files"]
        home = bundle.get("home") or {"name": "", "files": {}}
        digest = bundle_digest(bundle)
        if digest != bundle["digest"]:
            raise ValueError(f"the data sent do not match their digest ({digest} ≠ "
                             f"{bundle['digest']})")
        tmp = root / f".{bundle['digest']}.{os.getpid()}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        data = tmp / "data" / bundle["name"]
        for rel, blob in [*((f"data/{bundle['name']}/{k}", v) for k, v in files.items()),
                          *((f"home/{home['name']}/{k}", v) for k, v in home["files"].items()),
                          *((f"cache/{k}", v) for k, v in bundle.get("cache", {}).items())]:
            target = (tmp / rel).resolve()
            if not target.is_relative_to(tmp.resolve()) or ".." in Path(rel).parts:
                raise ValueError(f"a file name leaves the folder: {rel}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(blob)
        data.mkdir(parents=True, exist_ok=True)
        (tmp / ".complete").write_text(bundle["digest"], encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(tmp, folder)
        _prune(root, keep=KEEP, current=folder)
    return folder


def _prune(root: Path, keep: int, current: Path) -> None:
    done = sorted((p for p in root.iterdir() if p.is_dir() and (p / ".complete").is_file()
                   and p != current), key=lambda p: p.stat().st_mtime, reverse=True)
    for p in done[keep - 1:]:
        shutil.rmtree(p, ignore_errors=True)


def data_dir_of(folder: Path, bundle: dict) -> Path:
    """The unpacked copy of the data folder."""
    return folder / "data" / bundle["name"]


def home_dir_of(folder: Path, bundle: dict) -> Path:
    """The unpacked copy of the client's default data folder (the data folder itself when the
    build reads the default one)."""
    home = bundle.get("home")
    return folder / "home" / home["name"] if home else data_dir_of(folder, bundle)


def task_environment(folder: Path, bundle: dict) -> dict:
    """The variables one notebook runs with: the package's default data folder, registry and
    caches in the unpacked bundle ``folder``, nothing of the worker's (the notebook's own data
    folder is its ``data_dir`` parameter)."""
    data = data_dir_of(folder, bundle)
    env = {"PAPI_ANALYSIS_DATA": str(home_dir_of(folder, bundle)),
           "PAPI_ANALYSIS_CACHE": str(folder / "cache")}
    if bundle.get("commit"):  # the client's commit, for the provenance box
        from .. import fingerprint

        env[fingerprint.COMMIT_ENV] = bundle["commit"]
    if bundle["registry"].startswith(".registry/"):
        env["PAPI_ANALYSIS_AGENCIES"] = str(data / bundle["registry"])
    return env


def adopt(folder: Path, bundle: dict) -> None:
    """Point this worker process's own package settings at the unpacked bundle ``folder``, and
    drop its ``PAPI_ANALYSIS_*`` variables: code that runs here rather than in a kernel (the
    HTML rendering, and what it imports, some of which reads reference files such as the
    province list at import) never reads the worker's data folder.  The process is the
    build's; the last bundle wins (the reference files are the same across builds)."""
    from .. import config

    for name in [k for k in os.environ if k.startswith("PAPI_ANALYSIS_")]:
        os.environ.pop(name, None)
    env = task_environment(folder, bundle)
    data = Path(env["PAPI_ANALYSIS_DATA"])
    config.DATA_DIR, config.PAPI_DIR = data, data / "papi"
    config.SUBMISSIONS_DIR, config.ILLUSTRATIVE_DIR = data / "submissions", data / "illustrative"
    config.AGENCIES_FILE = Path(env.get("PAPI_ANALYSIS_AGENCIES",
                                        data / "agencies" / "units.csv"))
    config.CACHE_DIR = Path(env["PAPI_ANALYSIS_CACHE"])


def digests(code: str, data_dir: Path, source: str, parameters: dict) -> dict:
    """What a result was built from: the worker's package code, the data it read, the
    notebook's text and the parameters as the client sent them."""
    from .. import fingerprint

    return {"code": code, "data": fingerprint.data_fingerprint(data_dir),
            "notebook": text_digest(source), "parameters": parameters_digest(parameters)}
