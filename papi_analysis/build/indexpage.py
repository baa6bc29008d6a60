"""How a build's results are shown: the index pages and the summary table of the CLI.

``reports/<period>/index.html`` and ``reports/index.html`` are each one self-contained HTML
file (inline CSS, no script, no external URL) listing every appendix with its language,
status, parameters, data fingerprint and build time, with links relative to the page, so the
folder can be zipped and sent around.  Both languages' appendices are listed, one row each,
the Vietnamese one first.  Every value is escaped.  Labels are Vietnamese, or English with
``lang="en"``; dates are dd/mm/yyyy.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from .. import __version__
from ..model import periods
from . import manifest

_CSS = """
body{font-family:"Noto Sans","Segoe UI",Arial,sans-serif;margin:2rem auto;max-width:76rem;
color:#1f2328;padding:0 1rem;line-height:1.45}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem}
p.meta{color:#57606a;margin-top:0}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}
td.ok{color:#1a7f37;font-weight:600}td.failed{color:#cf222e;font-weight:600}
code{font-size:.85rem;background:#f6f8fa;padding:0 .2rem;border-radius:3px}
.err{color:#cf222e;font-size:.85rem;white-space:pre-wrap}
"""

_L = {
    "vi": {"title": "Phụ lục", "root": "Các phụ lục đã xuất", "appendix": "Phụ lục",
           "agency": "Đơn vị", "lang": "Ngôn ngữ", "status": "Trạng thái", "params": "Tham số",
           "data": "Dữ liệu", "time": "Thời gian", "files": "Tệp", "ok": "Hoàn thành",
           "failed": "Lỗi", "failed_nb": "notebook lỗi", "last_good": "bản tốt gần nhất",
           "none": "Chưa có phụ lục nào.", "generated": "Cập nhật lúc",
           "period_index": "mục lục kỳ", "counts": "{ok} hoàn thành, {bad} lỗi",
           "code": "Phiên bản", "lang_vi": "Tiếng Việt", "lang_en": "Tiếng Anh"},
    "en": {"title": "Appendices", "root": "Built appendices", "appendix": "Appendix",
           "agency": "Agency", "lang": "Language", "status": "Status", "params": "Parameters",
           "data": "Data", "time": "Time", "files": "Files", "ok": "OK",
           "failed": "Failed", "failed_nb": "failed notebook", "last_good": "last good version",
           "none": "No appendix yet.", "generated": "Updated",
           "period_index": "period index", "counts": "{ok} OK, {bad} failed",
           "code": "Version", "lang_vi": "Vietnamese", "lang_en": "English"},
}
#: The order of the languages in a table: Vietnamese first.
_LANG_RANK = {"vi": 0, "en": 1}
_COLUMNS = ("appendix", "agency", "lang", "status", "params", "data", "time", "files")


def fmt_time(iso: str | None) -> str:
    """An ISO time as ``dd/mm/yyyy HH:MM`` (``–`` if missing or unreadable)."""
    try:
        return dt.datetime.fromisoformat(str(iso)).strftime("%d/%m/%Y %H:%M")
    except (TypeError, ValueError):
        return "–"


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _period_label(code: str, lang: str) -> str:
    try:
        return f"{periods.parse(code).label(lang)} ({code})"
    except Exception:  # noqa: BLE001 - a folder with an odd name still gets listed
        return code


def _lang(entry: dict) -> str:
    """The language an appendix was built in."""
    return entry.get("lang") or entry.get("parameters", {}).get("lang", "vi")


def _sorted(entries: dict, order: list[str] | None) -> list[dict]:
    rank = {c: i for i, c in enumerate(order or [])}
    return sorted(entries.values(), key=lambda e: (e.get("appendix", 0), e.get("notebook", ""),
                                                   rank.get(e.get("agency"), len(rank)),
                                                   str(e.get("agency", "")),
                                                   _LANG_RANK.get(_lang(e), len(_LANG_RANK))))


def _table(entries: list[dict], prefix: str, lang: str) -> str:
    L = _L[lang]
    if not entries:
        return f"<p>{_e(L['none'])}</p>"
    head = "".join(f"<th>{_e(L[k])}</th>" for k in _COLUMNS)
    rows = "".join(_row(e, prefix, L, lang) for e in entries)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _row(e: dict, prefix: str, L: dict, lang: str) -> str:
    """One appendix (one notebook, agency and language) as a table row."""
    title = e.get(f"title_{lang}") or e.get("notebook", "")
    params = "<br>".join(
        f"<code>{_e(k)}={_e(', '.join(map(str, v)) if isinstance(v, list) else v)}</code>"
        for k, v in e.get("parameters", {}).items()
        if k not in ("agency", "lang") and v not in ("", None))
    status = e.get("status", "ok")
    err = f'<div class="err">{_e(e.get("error", ""))}</div>' if status == "failed" else ""
    when = e.get("attempted_at") if status == "failed" else e.get("built_at")
    links = " · ".join(_links(e, status, prefix, L))
    return (f"<tr><td>{_e(e.get('appendix', ''))}. {_e(title)}</td>"
            f"<td>{_e(e.get('agency', ''))}</td>"
            f"<td>{_e(L.get('lang_' + _lang(e), _lang(e)))}</td>"
            f"<td class=\"{_e(status)}\">{_e(L.get(status, status))}{err}</td>"
            f"<td>{params}</td><td><code>{_e(e.get('data_fingerprint', ''))}</code></td>"
            f"<td>{_e(fmt_time(when))}</td><td>{links}</td></tr>")


def _links(e: dict, status: str, prefix: str, L: dict) -> list[str]:
    """Links to an appendix's files: HTML and notebook, or the failed run and the last good."""
    def link(rel: str, text: str) -> str:
        return f'<a href="{_e(prefix + rel)}">{_e(text)}</a>'

    if status == "ok" and e.get("html"):
        return [link(e["html"], "HTML"), link(e["ipynb"], ".ipynb")]
    if status != "failed":
        return []
    links = [link(e["failed_ipynb"], L["failed_nb"])] if e.get("failed_ipynb") else []
    if e.get("html"):
        links.append(f"{link(e['html'], L['last_good'])} ({_e(fmt_time(e.get('built_at')))})")
    return links


def _page(title: str, body: str, lang: str) -> str:
    L = _L[lang]
    now = dt.datetime.now().strftime("%d/%m/%Y %H:%M")
    return (f'<!DOCTYPE html>\n<html lang="{_e(lang)}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
            f"<h1>{_e(title)}</h1><p class=\"meta\">{_e(L['generated'])} {_e(now)} · "
            f"papi-analysis {_e(__version__)}</p>{body}</body></html>\n")


def write_period(period_dir: Path, man: dict, lang: str = "vi",
                 order: list[str] | None = None) -> Path:
    """Write ``<period_dir>/index.html`` from the period's manifest; return its path."""
    code = man.get("period", period_dir.name)
    title = f"{_L[lang]['title']} — {_period_label(code, lang)}"
    path = period_dir / "index.html"
    manifest.atomic_write(path, _page(title, _table(_sorted(man["entries"], order), "", lang),
                                      lang))
    return path


def write_root(reports_dir: Path, lang: str = "vi") -> Path:
    """Write ``<reports_dir>/index.html`` listing every period's appendices; return its path."""
    L = _L[lang]
    sections = []
    mans = [manifest.load_manifest(reports_dir, p.parent.name)
            for p in reports_dir.glob("*/manifest.json")]

    def newest_first(m):
        try:
            return periods.parse(m["period"]).date_range()[1].toordinal()
        except Exception:  # noqa: BLE001
            return 0

    for m in sorted(mans, key=newest_first, reverse=True):
        entries = _sorted(m["entries"], None)
        ok = sum(e.get("status") == "ok" for e in entries)
        bad = sum(e.get("status") == "failed" for e in entries)
        code = m["period"]
        sections.append(
            f"<h2>{_e(_period_label(code, lang))}</h2><p class=\"meta\">"
            f"{_e(L['counts'].format(ok=ok, bad=bad))} · "
            f'<a href="{_e(code)}/index.html">{_e(L["period_index"])}</a></p>'
            + _table(entries, f"{code}/", lang))
    body = "".join(sections) or f"<p>{_e(L['none'])}</p>"
    path = reports_dir / "index.html"
    manifest.atomic_write(path, _page(L["root"], body, lang))
    return path


# -- the summary table printed by the CLI ---------------------------------------------------
_HEAD = {"vi": ("Phụ lục", "Đơn vị", "Trạng thái", "Thời gian", "Kết quả"),
         "en": ("Appendix", "Agency", "Status", "Duration", "Output")}
_STATUS = {"vi": {"ok": "ok", "skipped": "bỏ qua", "failed": "LỖI"},
           "en": {"ok": "ok", "skipped": "skipped", "failed": "FAILED"}}


def _show(path: Path) -> str:
    """``path`` relative to the working directory when inside it, else absolute."""
    full = Path(path).resolve()
    try:
        return str(full.relative_to(Path.cwd()))
    except ValueError:
        return str(full)


def summary(result, lang: str = "vi") -> str:
    """The summary table printed at the end of a build (plain text, one row per appendix)."""
    rows = []
    for r in result.results:
        out = _show(r.html)
        if r.status == "failed":
            out = _show(r.failed) if r.failed else "—"
        took = "–" if r.status == "skipped" else f"{r.duration:.1f} s"
        rows.append((f"{r.appendix:02d} {r.notebook}", r.agency, _STATUS[lang][r.status], took,
                     out))
    head = _HEAD[lang]
    widths = [max(len(x) for x in col) for col in zip(head, *rows, strict=True)]

    def line(cells) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    lines = [line(head), line(["-" * w for w in widths])] + [line(r) for r in rows]
    for r in result.results:
        if r.status == "failed":
            lines.append(f"! {r.notebook}/{r.agency}: {r.error}")
    n_err = getattr(result, "data_errors", 0)
    if n_err:
        lines.append(f"Số liệu của kỳ có {n_err} lỗi (xem ở trên và Phụ lục 5): mã thoát 4."
                     if lang == "vi" else
                     f"The period's data have {n_err} error(s) (see above and appendix 5): "
                     "exit code 4.")
    ok, sk, bad = result.count("ok"), result.count("skipped"), result.count("failed")
    if lang == "vi":
        lines.append(f"Kỳ {result.period}: {ok} đã chạy, {sk} bỏ qua (không đổi), {bad} lỗi "
                     f"— {result.wall_time:.1f} s. Mục lục: {_show(result.index)}")
    else:
        lines.append(f"Period {result.period}: {ok} built, {sk} skipped (unchanged), {bad} failed "
                     f"— {result.wall_time:.1f} s. Index: {_show(result.index)}")
    return "\n".join(lines)


def findings_summary(findings, lang: str = "vi", *, most: int = 3, period: str = "") -> str:
    """What ``build`` prints after checking the period's data: per agency, its errors and
    warnings (up to ``most`` messages of each, with where), then what the exit code means.

    ``findings`` is the findings table of the period (columns of
    :data:`papi_analysis.intake.findings.COLUMNS`), errors first.
    """
    vi = lang == "vi"
    msg_col = "message_vi" if vi else "message_en"
    n_err = int((findings["severity"] == "error").sum()) if len(findings) else 0
    n_warn = int((findings["severity"] == "warning").sum()) if len(findings) else 0
    period = period or (next((p for p in findings["period"] if p), "") if len(findings) else "")
    head = (f"Kiểm tra số liệu{' kỳ ' + period if period else ''}: {n_err} lỗi, "
            f"{n_warn} cảnh báo." if vi else
            f"Data check{' of ' + period if period else ''}: {n_err} error(s), "
            f"{n_warn} warning(s).")
    if not len(findings):
        return head
    lines = [head]
    order = list(dict.fromkeys(findings["agency"]))
    for agency in order:
        mine = findings[findings["agency"] == agency]
        errs = mine[mine["severity"] == "error"]
        warns = len(mine) - len(errs)
        who = agency or ("(không rõ đơn vị)" if vi else "(no agency)")
        counts = (f"{len(errs)} lỗi, {warns} cảnh báo" if vi
                  else f"{len(errs)} error(s), {warns} warning(s)")
        lines.append(f"  {who}: {counts}")
        for severity, word_vi, word_en in (("error", "LỖI", "ERROR"),
                                            ("warning", "CẢNH BÁO", "WARNING")):
            these = mine[mine["severity"] == severity]
            for r in these.head(most).itertuples(index=False):
                where = f" [{r.location}]" if r.location else ""
                lines.append(f"    {word_vi if vi else word_en} {r.rule}: "
                             f"{getattr(r, msg_col)}{where}")
            if len(these) > most:
                lines.append(f"    … và {len(these) - most} {word_vi.lower()} khác" if vi
                             else f"    … and {len(these) - most} more")
    if n_err:
        lines.append(
            "Phụ lục của các đơn vị có lỗi vẫn được tạo, kèm khung báo lỗi; lệnh sẽ kết thúc "
            "với mã 4. Chi tiết: Phụ lục 5 hoặc `papi-analysis validate`; --strict để dừng "
            "trước khi tạo phụ lục." if vi else
            "The appendices of agencies with errors are still built, with an error box; the "
            "command will exit with code 4. Details: appendix 5 or `papi-analysis validate`; "
            "--strict stops before any appendix is built.")
    return "\n".join(lines)
