"""Who may talk to the Dask cluster of a build: TLS certificates, and a plain scheduler refused.

A Dask scheduler without TLS runs whatever any client on the network sends it, on every worker,
as the workers' user; and any process that joins as a worker can send back anything as an
appendix.  So a build on a cluster (:mod:`papi_analysis.batch.executors`):

* with a ``tls://`` (or ``wss://``) address, connects with this machine's certificate, key and
  certificate authority (mutual TLS, Dask's own :class:`distributed.security.Security`), taken
  from :func:`certificates`; none, or one that cannot be read, is one message (exit 2);
* with a plain ``tcp://`` (or ``ws://``, ``ucx://``) address, refuses a scheduler that is not on
  this machine (``localhost``, ``127.x.x.x``, ``::1``) unless told ``insecure=True``
  (``--insecure-scheduler``).

See "Security" in ``docs/scaling.md``.
"""

from __future__ import annotations

import ipaddress
import os
import ssl
from pathlib import Path

from ..errors import ParameterError

#: Our variables for the client's certificates (the command's options win over them).
TLS_ENV = {"ca": "PAPI_ANALYSIS_TLS_CA_FILE", "cert": "PAPI_ANALYSIS_TLS_CERT",
           "key": "PAPI_ANALYSIS_TLS_KEY"}
#: Dask's own settings for the same, read last (``DASK_DISTRIBUTED__COMM__TLS__CA_FILE``,
#: ``..._TLS__CLIENT__CERT``, ``..._TLS__CLIENT__KEY`` or a Dask YAML file).
DASK_CONFIG = {"ca": "distributed.comm.tls.ca-file", "cert": "distributed.comm.tls.client.cert",
               "key": "distributed.comm.tls.client.key"}
OPTIONS = {"ca": "--tls-ca-file", "cert": "--tls-cert", "key": "--tls-key"}
SECURE = ("tls", "wss")
PLAIN = ("tcp", "ws", "ucx")


def is_local(host: str) -> bool:
    """True for this machine's loopback (``localhost``, ``127.0.0.0/8``, ``::1``); names are
    not resolved (a name that happens to resolve here is still another machine's)."""
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def certificates(options: dict | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """``(paths, where)``: the client's ``ca``, ``cert`` and ``key`` files, each from the
    command's option, else :data:`TLS_ENV`, else Dask's configuration (:data:`DASK_CONFIG`),
    and where each came from.  Missing ones are left out."""
    options = options or {}
    paths: dict[str, str] = {}
    where: dict[str, str] = {}
    try:
        import dask.config

        conf = {k: dask.config.get(v, default=None) for k, v in DASK_CONFIG.items()}
    except ImportError:  # pragma: no cover - checked by the caller first
        conf = {}
    for k in ("ca", "cert", "key"):
        for value, source in ((options.get(k), OPTIONS[k]), (os.environ.get(TLS_ENV[k]),
                                                             TLS_ENV[k]),
                              (conf.get(k), "Dask config " + DASK_CONFIG[k])):
            if value:
                paths[k], where[k] = str(Path(str(value)).expanduser()), source
                break
    return paths, where


def _error(address: str, source: str, why_vi: str, why_en: str, hint_vi: str, hint_en: str,
           where: str = "") -> ParameterError:
    place = where or (f"{source} {address}" if source.startswith("--") else f"{source}={address}")
    return ParameterError(
        f"Không dùng được Dask scheduler “{address}”: {why_vi}; chưa chạy phụ lục nào.",
        f"Cannot use the Dask scheduler “{address}”: {why_en}; no appendix was run.",
        where=place, hint_vi=hint_vi + " Xem mục Security trong docs/scaling.md.",
        hint_en=hint_en + " See “Security” in docs/scaling.md.")


def security(address: str, scheme: str, host: str, *, source: str = "--scheduler",
             options: dict | None = None, insecure: bool = False):
    """The :class:`distributed.security.Security` to connect to ``address`` with (``None`` for
    a plain address that is allowed).

    Raises
    ------
    ParameterError
        A ``tls://`` address without a certificate authority or certificate, a file that
        cannot be read or is not a PEM certificate / key; certificates given with a plain
        address; a plain address on another machine without ``insecure``.
    """
    options = {k: v for k, v in (options or {}).items() if v}
    if scheme in PLAIN:
        if options:
            given = ", ".join(OPTIONS[k] for k in options)
            raise _error(
                address, source, f"đã cho chứng chỉ ({given}) nhưng địa chỉ không dùng TLS",
                f"certificates were given ({given}) but the address does not use TLS",
                f"Dùng địa chỉ tls://{host}:… (scheduler chạy với --tls-ca-file, --tls-cert, "
                "--tls-key).", f"Use the address tls://{host}:… (a scheduler started with "
                "--tls-ca-file, --tls-cert, --tls-key).")
        if not insecure and not is_local(host):
            raise _error(
                address, source,
                "scheduler không mã hóa, không xác thực, ở máy khác: bất kỳ ai trong mạng cũng "
                "chạy được mã trên các worker và gửi về phụ lục giả",
                "a scheduler without encryption or authentication, on another machine: anyone "
                "on the network can run code on its workers and send back forged appendices",
                "Dùng cụm có TLS (tls://máy:8786 với --tls-ca-file, --tls-cert, --tls-key); "
                "hoặc, chỉ trên mạng riêng tin cậy, thêm --insecure-scheduler.",
                "Use a cluster with TLS (tls://host:8786 with --tls-ca-file, --tls-cert, "
                "--tls-key); or, on a trusted private network only, add "
                "--insecure-scheduler.")
        return None
    if scheme not in SECURE:
        return None  # inproc: this process only
    paths, where = certificates(options)
    missing = [k for k in ("ca", "cert") if k not in paths]
    if missing:
        names = ", ".join(f"{OPTIONS[k]} / {TLS_ENV[k]}" for k in missing)
        raise _error(
            address, source, f"địa chỉ tls:// nhưng thiếu chứng chỉ ({names})",
            f"a tls:// address but no certificates ({names})",
            "Cho chứng chỉ của máy này: --tls-ca-file ca.pem --tls-cert client.pem --tls-key "
            f"client.key (hoặc các biến {', '.join(TLS_ENV.values())}, hoặc cấu hình Dask "
            "distributed.comm.tls.*).",
            "Give this machine's certificates: --tls-ca-file ca.pem --tls-cert client.pem "
            f"--tls-key client.key (or the variables {', '.join(TLS_ENV.values())}, or Dask's "
            "distributed.comm.tls.* settings).")
    for k in ("ca", "cert", "key"):
        if k in paths and not os.access(paths[k], os.R_OK):
            why = "không có tệp" if not Path(paths[k]).exists() else "không đọc được"
            why_en = "no such file" if not Path(paths[k]).exists() else "cannot be read"
            raise _error(
                address, source, f"tệp {paths[k]} ({where[k]}): {why}",
                f"the file {paths[k]} ({where[k]}): {why_en}",
                "Kiểm tra đường dẫn và quyền đọc của tệp.",
                "Check the file's path and that this user can read it.",
                where=f"{where[k]} {paths[k]}")
    # read them now, as the TLS connection will: a wrong file is named here, not in a handshake
    ctx = ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
    for k, load in (("ca", lambda: ctx.load_verify_locations(cafile=paths["ca"])),
                    ("cert", lambda: ctx.load_cert_chain(paths["cert"], paths.get("key")))):
        try:
            load()
        except (ssl.SSLError, OSError, ValueError) as exc:
            bad = k
            shown = paths[bad] + (f" + {paths['key']}" if k == "cert" and "key" in paths else "")
            why = getattr(exc, "reason", None) or str(exc) or type(exc).__name__
            raise _error(
                address, source, f"không đọc được chứng chỉ {shown} ({why})",
                f"cannot read the certificate {shown} ({why})",
                "Các tệp phải ở dạng PEM: CA, chứng chỉ của máy này và khóa riêng khớp với nó.",
                "The files must be PEM: the CA, this machine's certificate and the private "
                "key that matches it.", where=f"{where[bad]} {paths[bad]}") from None
    from distributed.security import Security

    return Security(tls_ca_file=paths["ca"], tls_client_cert=paths["cert"],
                    tls_client_key=paths.get("key"), require_encryption=True)
