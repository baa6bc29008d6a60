"""Records of individual files (hồ sơ) → Biểu II.06a, with DuckDB.

A province's one-stop information system exports one row per file: its id, procedure, field,
agency, channel, the received / due / result / returned dates and its status.  This module
reads such an export (``.csv`` or ``.parquet``) with DuckDB, maps the export's own headers
onto the record format of ``docs/records.md`` (:data:`DEFAULT_COLUMNS`, or a ``.toml``
mapping), checks the records (:func:`check`) and counts, in SQL, the columns (3)–(13) of
Biểu II.06a for a period's data window (:func:`aggregate`, :func:`tidy`).  pandas only sees
the aggregated result and the findings (at most :data:`MAX_FINDINGS_PER_RULE` per rule).

How a record is counted for a window ``[start, end]`` (days, both included) is documented in
``docs/records.md``; in short:

* (4) / (5): received within the window, online / in person or by post;
* (6): received before ``start`` and not closed before ``start``;
* (7) (8) (9) (10): resolved within the window, before / on / after the due day;
* (11) (12) (13): received by ``end`` and not closed by ``end``, split by the due day
  (overdue when the due day is on or before ``end``);
* ``tthc.returned_withdrawn``: returned, withdrawn or stopped within the window, so that
  (3) = (7) + (11) + returned holds for every group.

A record with an error (unreadable date, dates out of order, unknown channel or status, a
repeated file id after its first row) is left out of the counts; its finding says so.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import InputFileError, PapiError
from ..model import schema
from ..model.periods import Period, parse
from ..text import fold
from . import findings as fnd

#: The record format: canonical field → header texts an export may use (matched folded:
#: any case, with or without diacritics).  A ``.toml`` mapping adds to these.
DEFAULT_COLUMNS: dict[str, list[str]] = {
    "file_id": ["file_id", "mã hồ sơ", "số hồ sơ", "ma ho so"],
    "procedure_code": ["procedure_code", "mã tthc", "mã thủ tục", "mã thủ tục hành chính"],
    "procedure_name": ["procedure_name", "tên thủ tục", "tên tthc", "thủ tục",
                       "tên thủ tục hành chính"],
    "field": ["field", "lĩnh vực", "tên lĩnh vực"],
    "agency": ["agency", "cơ quan", "đơn vị", "cơ quan giải quyết", "đơn vị xử lý"],
    "level": ["level", "cấp", "cấp thực hiện", "cấp giải quyết"],
    "channel": ["channel", "kênh nộp", "hình thức nộp", "kênh tiếp nhận", "hình thức tiếp nhận"],
    "received": ["received", "ngày tiếp nhận", "ngày nhận", "ngày nộp"],
    "due": ["due", "ngày hẹn trả", "hạn xử lý", "ngày hẹn trả kết quả", "hạn giải quyết"],
    "result": ["result", "ngày có kết quả", "ngày kết thúc", "ngày hoàn thành",
               "ngày kết thúc xử lý"],
    "returned": ["returned", "ngày trả kết quả", "ngày trả", "ngày trả kết quả cho công dân"],
    "status": ["status", "trạng thái", "tình trạng", "trạng thái hồ sơ"],
    "service_level": ["service_level", "mức độ dịch vụ công", "mức độ dvc", "mức độ"],
    "digitised": ["digitised", "số hóa", "đã số hóa", "số hoá"],
    "rating": ["rating", "đánh giá", "mức độ hài lòng"],
    "illustrative": ["illustrative", "minh họa", "minh hoạ"],
}

#: Fields an export must have for II.06a.
REQUIRED = ["file_id", "agency", "channel", "received", "due", "result", "status"]

#: Channel values (folded text → canonical), longest first when matched as words.
CHANNELS: dict[str, str] = {
    "truc tuyen": "online", "online": "online", "dvc": "online", "dich vu cong": "online",
    "qua mang": "online", "truc tiep": "direct", "direct": "direct", "tai quay": "direct",
    "mot cua": "direct", "buu chinh": "postal", "postal": "postal",
    "bcci": "postal",
}

#: Status values (folded text → canonical).
STATUSES: dict[str, str] = {
    "dang giai quyet": "pending", "dang xu ly": "pending", "cho xu ly": "pending",
    "pending": "pending", "moi tiep nhan": "pending", "cho bo sung": "pending",
    "da giai quyet": "resolved", "da xu ly": "resolved", "hoan thanh": "resolved",
    "da tra ket qua": "resolved", "co ket qua": "resolved", "resolved": "resolved",
    "tra lai": "returned", "returned": "returned", "tu choi": "returned",
    "rut": "withdrawn", "rut ho so": "withdrawn", "withdrawn": "withdrawn",
    "dung": "stopped", "dung xu ly": "stopped", "stopped": "stopped",
}

#: Service levels (folded text → canonical).
SERVICE_LEVELS: dict[str, str] = {"toan trinh": "full", "full": "full",
                                  "mot phan": "partial", "partial": "partial"}

#: At most this many findings per rule are listed; one more row says how many were left out.
MAX_FINDINGS_PER_RULE = 50

#: The II.06a columns counted from records, in form order, with their column numbers.
II06A: list[tuple[str, str]] = [
    ("tthc.files_total", "(3)"), ("tthc.received_online", "(4)"),
    ("tthc.received_offline", "(5)"), ("tthc.carried_over", "(6)"),
    ("tthc.resolved_total", "(7)"), ("tthc.resolved_early", "(8)"),
    ("tthc.resolved_on_time", "(9)"), ("tthc.resolved_late", "(10)"),
    ("tthc.pending_total", "(11)"), ("tthc.pending_in_time", "(12)"),
    ("tthc.pending_overdue", "(13)"), ("tthc.returned_withdrawn", ""),
]

_DATE_FORMATS = ["%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S",
                 "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]
_DATES = ("received", "due", "result", "returned")


@dataclass
class Records:
    """An open records export: a DuckDB connection with the view ``rec`` (canonical fields,
    dates as DATE, ``_row`` = the export's row as a spreadsheet numbers it: the header is row
    1, the first record row 2, for CSV and Parquet alike) and the table ``bad`` (the
    ``_row`` of every record left out)."""

    path: Path
    con: object
    columns: dict[str, str]      # canonical → the export's header
    findings: pd.DataFrame
    typed: frozenset = frozenset()  # date fields stored as dates (Parquet)

    @property
    def name(self) -> str:
        """The file as sources and findings name it: ``records/<file>`` in a records
        folder, else the file name."""
        if self.path.parent.name == FOLDER:
            return f"{FOLDER}/{self.path.name}"
        return self.path.name

    def close(self) -> None:
        self.con.close()

    def df(self, sql: str) -> pd.DataFrame:
        """The result of a query on ``rec`` as a DataFrame; a file found damaged part-way
        is an :class:`InputFileError`, not DuckDB's error."""
        import duckdb

        try:
            return self.con.execute(sql).df()
        except duckdb.Error as err:
            raise _unreadable(self.path, err) from None


def _q(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def _lit(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def load_mapping(path: Path | str | None) -> dict[str, list[str]]:
    """:data:`DEFAULT_COLUMNS` plus the headers a ``.toml`` mapping adds.

    The file has one table ``[columns]``: ``received = ["Ngày nhận HS", "Ngay nhan"]`` (a
    string or a list of strings per field of the record format).  An unknown field name is
    an error, so that a typing mistake is not silently ignored.
    """
    out = {k: list(v) for k, v in DEFAULT_COLUMNS.items()}
    if path is None:
        return out
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise InputFileError(f"Không đọc được tệp ánh xạ cột “{p.name}”: {err}",
                             f"Cannot read the column mapping “{p.name}”: {err}",
                             where=str(p), hint_vi="Sửa tệp theo mẫu trong docs/records.md.",
                             hint_en="Fix the file after the example in docs/records.md."
                             ) from None
    cols = data.get("columns", {})
    for key, headers in cols.items():
        if key not in out:
            raise InputFileError(
                f"Tệp ánh xạ “{p.name}”: trường “{key}” không có trong định dạng hồ sơ.",
                f"Column mapping “{p.name}”: “{key}” is not a field of the record format.",
                where=str(p), hint_vi="Các trường: " + ", ".join(out),
                hint_en="The fields: " + ", ".join(out))
        headers = [headers] if isinstance(headers, str) else list(headers)
        out[key] = [str(h) for h in headers] + out[key]
    return out


def mapping_for(path: Path) -> Path | None:
    """The mapping of a records file: ``<name>.toml`` beside it, else ``columns.toml`` in
    its folder, else none (the default headers only)."""
    for cand in (path.with_suffix(".toml"), path.parent / "columns.toml"):
        if cand.is_file():
            return cand
    return None


def _match_headers(headers: list[str], mapping: dict[str, list[str]], where: str
                   ) -> dict[str, str]:
    folded = {fold(h): h for h in headers}
    out: dict[str, str] = {}
    for key, names in mapping.items():
        for name in names:
            h = folded.get(fold(name))
            if h is not None and h not in out.values():
                out[key] = h
                break
    missing = [k for k in REQUIRED if k not in out]
    if missing:
        raise InputFileError(
            f"Tệp hồ sơ thiếu cột: {', '.join(missing)} (các cột có: {', '.join(headers)}).",
            f"The records file lacks the columns: {', '.join(missing)} "
            f"(its columns: {', '.join(headers)}).",
            where=where,
            hint_vi="Thêm tên cột của tệp vào tệp ánh xạ .toml (docs/records.md).",
            hint_en="Add the file's header to a .toml column mapping (docs/records.md).")
    return out


def _date_sql(col: str, typ: str) -> str:
    c = _q(col)
    if typ.upper().startswith(("DATE", "TIMESTAMP")):
        return f"CAST({c} AS DATE)"
    txt = f"NULLIF(TRIM(CAST({c} AS VARCHAR)), '')"
    tries = ", ".join(f"try_strptime({txt}, {_lit(f)})" for f in _DATE_FORMATS)
    return f"CAST(COALESCE({tries}) AS DATE)"


def _lookup(value: str, table: dict[str, str]) -> str | None:
    """The canonical value of ``value`` (folded; whole, or by its longest known phrase)."""
    f = fold(str(value))
    if f in table:
        return table[f]
    return next((table[k] for k in sorted(table, key=len, reverse=True)
                 if f" {k} " in f" {f} "), None)


def _case(expr: str, mapping: dict, default: str = "NULL", quote: bool = True) -> str:
    """``CASE expr WHEN raw THEN canon … ELSE default END`` for a few distinct values."""
    whens = " ".join(f"WHEN {_lit(k)} THEN {(_lit(c) if quote else c) if c else 'NULL'}"
                     for k, c in mapping.items())
    return f"(CASE {expr} {whens} ELSE {default} END)" if whens else default


def open_records(path: Path | str, mapping: Path | str | None = None,
                 agency_resolver=None) -> Records:
    """Open a records export with DuckDB and check it (:attr:`Records.findings`).

    Parameters
    ----------
    path : Path or str
        A ``.csv`` (UTF-8, comma or semicolon; DuckDB sniffs it) or ``.parquet`` file.
    mapping : Path or str, optional
        A ``.toml`` column mapping (:func:`load_mapping`); default :func:`mapping_for`.
    agency_resolver : callable, optional
        Agency text → registry code (e.g. :func:`papi_analysis.model.agencies.resolve_text`);
        default: the text as written.

    Raises
    ------
    InputFileError
        If the file cannot be read (also part-way: a damaged Parquet file) or lacks a
        required column.
    """
    import duckdb

    try:
        return _open(path, mapping, agency_resolver)
    except duckdb.Error as err:
        raise _unreadable(Path(path), err) from None


def _unreadable(p: Path, err: Exception) -> InputFileError:
    return InputFileError(f"Không đọc được tệp hồ sơ “{p.name}”: {err}",
                          f"Cannot read the records file “{p.name}”: {err}",
                          where=p.name, hint_vi="Lưu tệp dưới dạng CSV UTF-8 hoặc Parquet.",
                          hint_en="Save the file as UTF-8 CSV or Parquet.")


def _open(path: Path | str, mapping: Path | str | None = None,
          agency_resolver=None) -> Records:
    """:func:`open_records` without turning DuckDB's errors into an input error."""
    import duckdb

    p = Path(path)
    where = p.name
    if not p.is_file():
        raise InputFileError(f"Không có tệp hồ sơ “{p}”.", f"No records file “{p}”.",
                             where=str(p))
    cols = load_mapping(mapping if mapping is not None else mapping_for(p))
    con = duckdb.connect()
    try:
        if p.suffix.lower() == ".parquet":
            src = f"read_parquet({_lit(str(p))}, file_row_number = true)"
            con.execute("CREATE VIEW raw AS SELECT * EXCLUDE (file_row_number), "
                        f"file_row_number + 2 AS _row FROM {src}")
        else:
            src = f"read_csv({_lit(str(p))}, header = true, all_varchar = true)"
            # CSV line of the record (the header is line 1)
            con.execute(f"CREATE TABLE raw AS SELECT *, row_number() OVER () + 1 AS _row "
                        f"FROM {src}")
        desc = con.execute("DESCRIBE raw").fetchall()
    except duckdb.Error as err:
        con.close()
        raise _unreadable(p, err) from None
    types = {r[0]: r[1] for r in desc}
    headers = [h for h in types if h not in ("_row", "file_row_number")]
    try:
        found = _match_headers(headers, cols, where)
    except InputFileError:
        con.close()
        raise

    def col(key: str, default: str = "NULL") -> str:
        return f"TRIM(CAST({_q(found[key])} AS VARCHAR))" if key in found else default

    def v(key: str) -> str:
        """The export's value of ``key`` as text (NULL when the column is absent)."""
        if key not in found:
            return "NULL"
        c = _q(found[key])
        return c if types[found[key]].upper() == "VARCHAR" else f"CAST({c} AS VARCHAR)"

    # the distinct values of the coded columns, in one pass over the records
    coded = [k for k in ("channel", "status", "service_level", "digitised", "illustrative",
                         "agency") if k in found]
    values: dict[str, list] = {k: [] for k in coded}
    if coded:
        inner = ", ".join(f"{v(k)} AS c{i}" for i, k in enumerate(coded))
        outer = ", ".join(f"c{i}" for i in range(len(coded)))
        gsets = ", ".join(f"(c{i})" for i in range(len(coded)))
        for row in con.execute(f"SELECT {outer} FROM (SELECT {inner} FROM raw) "
                               f"GROUP BY GROUPING SETS ({gsets})").fetchall():
            for i, k in enumerate(coded):
                if row[i] is not None:
                    values[k].append(row[i])

    def distinct(key: str) -> list:
        return sorted(set(values.get(key, [])))

    resolve = agency_resolver or (lambda t: t)
    cases = {key: _case(v(key), {x: _lookup(x, table) for x in distinct(key)})
             for key, table in (("channel", CHANNELS), ("status", STATUSES),
                                ("service_level", SERVICE_LEVELS))}
    yes = {"co", "x", "1", "true", "yes", "da so hoa", "y"}
    flag = {key: _case(v(key), {x: "true" if fold(x) in yes else "false"
                                for x in distinct(key)}, "false", quote=False)
            for key in ("digitised", "illustrative")}
    changed = {a: resolve(a.strip()) for a in distinct("agency")}
    changed = {a: c for a, c in changed.items() if c and c != a}
    agency = (_case(v("agency"), changed, f"TRIM({v('agency')})") if changed
              else f"TRIM({v('agency')})")
    typed = {k for k in _DATES if k in found
             and types[found[k]].upper().startswith(("DATE", "TIMESTAMP"))}
    dates = {k: (_date_sql(found[k], types[found[k]]) if k in found else "NULL::DATE")
             for k in _DATES}
    # a typed date's text is made only for the rows a finding names (check())
    raw_dates = {k: (f"NULLIF(TRIM({v(k)}), '')" if k in found and k not in typed
                     else "NULL::VARCHAR") for k in _DATES}

    def text(key: str) -> str:
        return f"coalesce(TRIM({v(key)}), '')"

    body = f"""
        SELECT _row, TRIM({v('file_id')}) AS file_id, coalesce({agency}, '') AS agency,
               {text('level')} AS level, {text('field')} AS field,
               {text('procedure_code')} AS procedure_code,
               {text('procedure_name')} AS procedure_name,
               {v('channel')} AS channel_raw, {cases['channel']} AS channel,
               {v('status')} AS status_raw, {cases['status']} AS status,
               {cases['service_level']} AS service_level,
               {flag['digitised']} AS digitised,
               TRY_CAST({v('rating')} AS DOUBLE) AS rating,
               {flag['illustrative']} AS ill,
               {dates['received']} AS received, {dates['due']} AS due,
               {dates['result']} AS result, {dates['returned']} AS returned,
               {raw_dates['received']} AS received_raw, {raw_dates['due']} AS due_raw,
               {raw_dates['result']} AS result_raw, {raw_dates['returned']} AS returned_raw
        FROM raw"""
    # a Parquet file is scanned again by each query (fast, typed); a CSV is parsed once
    kind = "TABLE" if p.suffix.lower() != ".parquet" else "VIEW"
    con.execute(f"CREATE TEMP {kind} rec AS {body}")
    _refuse_month_first(con, p, found, typed)
    rec = Records(p, con, found, fnd.frame(), frozenset(typed))
    rec.findings = check(rec)
    return rec


def _refuse_month_first(con, p: Path, found: dict[str, str], typed: set[str]) -> None:
    """Refuse a text date column written month first (03/25/2024): then every date of it
    whose day is 12 or less (03/04/2024) would be read as the wrong day, silently.

    A column is month first when some of its dates have a second number above 12 and none
    has a first number above 12."""
    day_first = r"^\s*(1[3-9]|2[0-9]|3[01])/[0-9]{1,2}/[0-9]{4}"
    month_first = r"^\s*[0-9]{1,2}/(1[3-9]|2[0-9]|3[01])/[0-9]{4}"
    for k in _DATES:
        if k not in found or k in typed:
            continue
        c = f"CAST({_q(found[k])} AS VARCHAR)"
        n_day, n_month, example = con.execute(
            f"SELECT count(*) FILTER (regexp_matches({c}, '{day_first}')), "
            f"count(*) FILTER (regexp_matches({c}, '{month_first}')), "
            f"any_value({c}) FILTER (regexp_matches({c}, '{month_first}')) FROM raw"
        ).fetchone()
        if n_month and not n_day:
            con.close()
            raise InputFileError(
                f"Cột “{found[k]}” ghi ngày theo kiểu tháng trước ngày (ví dụ “{example}”): "
                "mọi ngày có số ngày từ 12 trở xuống sẽ bị đọc sai, nên tệp không được đọc.",
                f"Column “{found[k]}” writes dates month first (e.g. “{example}”): every "
                "date whose day is 12 or less would be read wrongly, so the file is not read.",
                where=f"{p.name} › {found[k]}",
                hint_vi="Xuất lại tệp với ngày dạng dd/mm/yyyy hoặc yyyy-mm-dd.",
                hint_en="Export the file again with dates as dd/mm/yyyy or yyyy-mm-dd.")


#: The record checks: rule → (severity, SQL condition on ``rec``, vi, en, leaves out).
def _checks(typed: frozenset = frozenset()) -> list[tuple[str, str, str, str, str, bool]]:
    """``typed``: the date fields whose column is a date type (nothing to parse)."""
    chk = []
    for k, vi in (("received", "ngày tiếp nhận"), ("due", "ngày hẹn trả"),
                  ("result", "ngày có kết quả"), ("returned", "ngày trả kết quả")):
        if k in typed:
            continue
        chk.append(("records.date_unreadable", fnd.ERROR,
                    f"{k}_raw IS NOT NULL AND {k} IS NULL",
                    f"{vi} “' || {k}_raw || '” không phải ngày (dd/mm/yyyy)",
                    f"the {k} date “' || {k}_raw || '” is not a date (dd/mm/yyyy)", True))
    chk += [
        ("records.date_missing", fnd.ERROR,
         " OR ".join(f"{k} IS NULL" if k in typed else f"{k}_raw IS NULL"
                     for k in ("received", "due")),
         "thiếu ngày tiếp nhận hoặc ngày hẹn trả", "the received or due date is missing", True),
        ("records.due_before_received", fnd.ERROR, "due < received",
         "ngày hẹn trả ' || strftime(due, '%d/%m/%Y') || ' trước ngày tiếp nhận ' || "
         "strftime(received, '%d/%m/%Y') || '",
         "due date ' || strftime(due, '%d/%m/%Y') || ' before received date ' || "
         "strftime(received, '%d/%m/%Y') || '", True),
        ("records.dates_order", fnd.ERROR, "result < received OR returned < received "
         "OR returned < result",
         "các ngày không theo thứ tự (tiếp nhận ' || coalesce(received_raw, '') || ', có kết "
         "quả ' || coalesce(result_raw, '–') || ', trả ' || coalesce(returned_raw, '–') || ')",
         "dates out of order (received ' || coalesce(received_raw, '') || ', result ' || "
         "coalesce(result_raw, '–') || ', returned ' || coalesce(returned_raw, '–') || ')",
         True),
        ("records.channel_unknown", fnd.ERROR, "channel IS NULL",
         "kênh nộp “' || coalesce(channel_raw, '') || '” không rõ (trực tuyến / trực tiếp / "
         "bưu chính)",
         "unknown channel “' || coalesce(channel_raw, '') || '” (online / in person / post)",
         True),
        ("records.status_unknown", fnd.ERROR, "status IS NULL",
         "trạng thái “' || coalesce(status_raw, '') || '” không rõ",
         "unknown status “' || coalesce(status_raw, '') || '”", True),
        ("records.status_dates", fnd.ERROR,
         "status IN ('resolved', 'returned', 'withdrawn', 'stopped') "
         "AND result IS NULL AND returned IS NULL"
         + "".join(f" AND {k}_raw IS NULL" for k in ("result", "returned") if k not in typed),
         "trạng thái “' || status_raw || '” nhưng không có ngày có kết quả",
         "status “' || status_raw || '” but no result date", True),
        ("records.status_dates", fnd.WARNING, "status = 'pending' AND result IS NOT NULL",
         "đang giải quyết nhưng có ngày có kết quả ' || result_raw || ' (tính là đang giải "
         "quyết)",
         "pending but with a result date ' || result_raw || ' (counted as pending)", False),
        ("records.id_missing", fnd.ERROR, "file_id IS NULL OR file_id = ''",
         "thiếu mã hồ sơ", "the file id is missing", True),
        ("records.agency_missing", fnd.ERROR, "agency = ''",
         "thiếu cơ quan giải quyết", "the agency is missing", True),
    ]
    return chk


def check(rec: Records) -> pd.DataFrame:
    """The findings of a records file, each naming the row and file id; fills the table
    ``bad`` with the rows left out of the counts.

    One pass over the records flags every row that fails a check (table ``flagged``, small
    for a usable export); one more finds the repeated file ids."""
    con = rec.con
    checks = _checks(rec.typed)
    flags = ", ".join(f"coalesce({c[2]}, false) AS f{i}" for i, c in enumerate(checks))
    anyf = " OR ".join(f"coalesce({c[2]}, false)" for c in checks)
    raws = ", ".join(f"coalesce({k}_raw, strftime({k}, '%d/%m/%Y')) AS {k}_raw"
                     for k in _DATES)
    # only the columns the checks need are computed for every record
    con.execute("CREATE OR REPLACE TEMP TABLE flagged AS SELECT _row, file_id, agency, "
                f"channel_raw, status_raw, status, received, due, result, returned, {raws}, "
                f"{flags} "
                f"FROM rec WHERE {anyf}")
    leave = " OR ".join(f"f{i}" for i, c in enumerate(checks) if c[5])
    con.execute(f"CREATE OR REPLACE TEMP TABLE bad AS SELECT _row FROM flagged WHERE {leave}")
    rows: list[dict] = []
    for i, (rule, sev, _cond, vi, en, leave_out) in enumerate(checks):
        _collect(rec, rows, rule, sev, f"f{i}", vi, en, leave_out, table="flagged")
    # repeated file ids: the first row is counted, later ones are left out
    # a 64-bit hash of each id first (cheap to group), then the exact ids of the few
    # records whose hash repeats
    con.execute("""
        CREATE OR REPLACE TEMP TABLE dup AS
        WITH h AS (SELECT hash(file_id) AS h FROM rec GROUP BY 1 HAVING count(*) > 1),
        cand AS (SELECT _row, file_id FROM rec WHERE hash(file_id) IN (SELECT h FROM h)
                 AND file_id <> ''),
        rep AS (SELECT file_id, min(_row) AS first_row FROM cand GROUP BY file_id
                HAVING count(*) > 1)
        SELECT c._row, c.file_id, rep.first_row FROM cand c JOIN rep USING (file_id)
        WHERE c._row > rep.first_row""")
    con.execute("INSERT INTO bad SELECT _row FROM dup")
    _collect(rec, rows, "records.duplicate_id", fnd.ERROR, "TRUE",
             "mã hồ sơ trùng với dòng ' || first_row || '",
             "the file id repeats row ' || first_row || '", True, table="dup")
    con.execute("CREATE OR REPLACE TEMP TABLE bad AS SELECT DISTINCT _row FROM bad")
    return fnd.frame(rows)


def _collect(rec, rows, rule, sev, cond, vi, en, leave_out, table="rec") -> None:
    con = rec.con
    n = con.execute(f"SELECT count(*) FROM {table} WHERE {cond}").fetchone()[0]
    if not n:
        return
    out_vi = " Hồ sơ này không được tính." if leave_out else ""
    out_en = " The file is not counted." if leave_out else ""
    hits = con.execute(
        f"SELECT _row, coalesce(file_id, ''), '{vi}', '{en}' FROM {table} WHERE {cond} "
        f"ORDER BY _row LIMIT {MAX_FINDINGS_PER_RULE}").fetchall()
    for row, fid, mvi, men in hits:
        rows.append(fnd.finding(
            sev, rule, f"Hồ sơ “{fid}”: {mvi}.{out_vi}", f"File “{fid}”: {men}.{out_en}",
            where=fnd.location(rec.name, row=int(row))))
    if n > len(hits):
        rows.append(fnd.finding(
            sev, rule, f"Còn {n - len(hits)} hồ sơ khác cùng lỗi “{rule}” trong {rec.name}.",
            f"{n - len(hits)} more files with “{rule}” in {rec.name}.", where=rec.name))


def _window(period: Period | str) -> tuple[dt.date, dt.date]:
    return parse(period).date_range()


def aggregate(rec: Records, period: Period | str, by: tuple[str, ...] = ("agency", "field")
              ) -> pd.DataFrame:
    """The II.06a counts of ``rec`` for ``period``'s data window, one row per group of
    ``by`` (fields of ``rec``: agency, level, field, procedure_code …).

    Returns a wide table: the ``by`` columns, ``illustrative`` (True when every counted
    record of the group says so) and one column per indicator of :data:`II06A`.  Only
    groups with at least one file in (3) or returned in the window are listed.
    """
    start, end = _window(period)
    s, e = _lit(start.isoformat()), _lit(end.isoformat())
    keys = ", ".join(by)
    closed = "coalesce(result, returned)"
    sql = f"""
      WITH x AS (
        SELECT {keys}, ill, channel, status, due, received,
               CASE WHEN status = 'pending' AND result IS NULL THEN NULL
                    ELSE {closed} END AS closed
        FROM rec ANTI JOIN bad USING (_row)
        WHERE received <= DATE {e}
      ), y AS (
        SELECT *,
          received >= DATE {s} AS in_window,
          received < DATE {s} AND (closed IS NULL OR closed >= DATE {s}) AS carried,
          closed BETWEEN DATE {s} AND DATE {e} AS closed_in,
          (closed IS NULL OR closed > DATE {e}) AS open_at_end
        FROM x
      )
      SELECT {keys}, bool_and(ill) AS illustrative,
        count(*) FILTER (in_window AND channel = 'online') AS received_online,
        count(*) FILTER (in_window AND channel <> 'online') AS received_offline,
        count(*) FILTER (carried) AS carried_over,
        count(*) FILTER (closed_in AND status = 'resolved' AND closed < due) AS resolved_early,
        count(*) FILTER (closed_in AND status = 'resolved' AND closed = due) AS resolved_on_time,
        count(*) FILTER (closed_in AND status = 'resolved' AND closed > due) AS resolved_late,
        count(*) FILTER (open_at_end AND due > DATE {e}) AS pending_in_time,
        count(*) FILTER (open_at_end AND due <= DATE {e}) AS pending_overdue,
        count(*) FILTER (closed_in AND status IN ('returned', 'withdrawn', 'stopped'))
            AS returned_withdrawn
      FROM y
      WHERE in_window OR carried
      GROUP BY {keys}
      ORDER BY {keys}
    """
    df = rec.df(sql)
    if df.empty:
        return df
    df["files_total"] = df["received_online"] + df["received_offline"] + df["carried_over"]
    df["resolved_total"] = df["resolved_early"] + df["resolved_on_time"] + df["resolved_late"]
    df["pending_total"] = df["pending_in_time"] + df["pending_overdue"]
    df = df.rename(columns={c.split(".", 1)[1]: c for c, _ in II06A})
    return df[list(by) + ["illustrative"] + [c for c, _ in II06A]]


def tidy(rec: Records, period: Period | str) -> pd.DataFrame:
    """The II.06a rows of ``rec`` for ``period`` as a tidy table
    (:mod:`papi_analysis.model.schema`): per agency and field, and each agency's total
    (``field == ""``), with the records file as source."""
    code = parse(period).code
    counts = [c for c, _ in II06A]
    parts = []
    by_field = aggregate(rec, period, ("agency", "field"))
    by_field = by_field[by_field["agency"] != ""] if len(by_field) else by_field
    if len(by_field):
        # each agency's total: the sum of its field groups (records without a field are a
        # group of their own, so the sum is every record of the agency)
        totals = by_field.groupby("agency", as_index=False).agg(
            {"illustrative": "all", **{c: "sum" for c in counts}})
        totals["field"] = ""
        for wide in (by_field[by_field["field"] != ""], totals):
            parts.append(wide.melt(id_vars=["agency", "field", "illustrative"],
                                   value_vars=counts, var_name="indicator",
                                   value_name="value"))
    if not parts:
        return schema.empty()
    out = pd.concat(parts, ignore_index=True)
    colno = dict(II06A)
    out["period"] = code
    out["source_file"] = rec.name
    out["source_column"] = out["indicator"].map(colno)
    out["source_text"] = "records"
    return schema.conform(out)


def read(path: Path | str, period: Period | str, mapping: Path | str | None = None,
         agency_resolver=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Open, check and count a records file for ``period``: (tidy rows, findings)."""
    rec = open_records(path, mapping, agency_resolver)
    try:
        return tidy(rec, period), rec.findings
    finally:
        rec.close()


def reconcile(from_records: pd.DataFrame, forms: pd.DataFrame) -> pd.DataFrame:
    """A unit's records and its forms for the same period compared cell by cell.

    ``from_records``: tidy rows of :func:`tidy`; ``forms``: tidy rows of any other source
    (form workbooks, tables, prose, the illustrative panel).  Only II.06a cells present in
    both are compared, and a real figure is never compared with an illustrative one (one
    agency, one period, one owner).  Returns one row per compared cell: the key, ``records``
    and ``form`` values, the form's ``form_file``, ``column`` (II.06a number) and ``agree``.
    """
    codes = [c for c, _ in II06A]
    key = ["agency", "period", "indicator", "field", "illustrative"]
    a = schema.conform(from_records)
    b = schema.conform(forms)
    b = b[b["indicator"].isin(codes) & (b["source_text"] != "records")]
    a = a[a["indicator"].isin(codes)]
    m = a[key + ["value", "source_file"]].merge(
        b[key + ["value", "source_file"]].drop_duplicates(subset=key), on=key,
        suffixes=("_records", "_form"))
    out = m.rename(columns={"value_records": "records", "value_form": "form",
                            "source_file_records": "records_file",
                            "source_file_form": "form_file"})
    out["column"] = out["indicator"].map(dict(II06A))
    out["agree"] = (out["records"] - out["form"]).abs() < 1e-9
    return out.reset_index(drop=True)


def reconcile_findings(table: pd.DataFrame) -> pd.DataFrame:
    """One finding (``records.form_mismatch``, an error) per cell of :func:`reconcile`
    where the records and the form disagree, naming both values and both files."""
    from .. import fmt

    rows = []
    for r in table[~table["agree"]].itertuples(index=False):
        col = f" {r.column}" if r.column else ""
        fld = f", lĩnh vực “{r.field}”" if r.field else ""
        fld_en = f", field “{r.field}”" if r.field else ""
        rows.append(fnd.finding(
            fnd.ERROR, "records.form_mismatch",
            f"Cột{col} ({r.indicator}{fld}): hồ sơ trong {r.records_file} cho "
            f"{fmt.number(r.records, 'vi', 0)}, biểu {r.form_file} ghi "
            f"{fmt.number(r.form, 'vi', 0)}.",
            f"Column{col} ({r.indicator}{fld_en}): the records in {r.records_file} give "
            f"{fmt.number(r.records, 'en', 0)}, the form {r.form_file} says "
            f"{fmt.number(r.form, 'en', 0)}.",
            agency=r.agency, period=r.period, indicator=r.indicator, field=r.field,
            where=str(r.form_file)))
    return fnd.frame(rows)


# -- the records folder of a data folder ------------------------------------------------------

#: The folder of a data folder that holds records exports (``data/records/``).
FOLDER = "records"
SUFFIXES = (".csv", ".parquet")


def record_files(data_dir: Path | str | None = None) -> list[Path]:
    """The records exports in ``<data>/records/`` (``.csv``, ``.parquet``; not README files,
    hidden files or the ``.toml`` mappings), sorted."""
    from .. import config

    folder = Path(data_dir or config.DATA_DIR) / FOLDER
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file()
                  and p.suffix.lower() in SUFFIXES
                  and not p.name.startswith((".", "~"))
                  and not p.name.lower().startswith("readme"))


def covered_periods(rec: Records, kinds: tuple[str, ...] = ("H",)) -> list[str]:
    """The periods (half years by default) whose whole data window the export covers: its
    first received date is on or before the window's start and its last date (any of the
    four) on or after the window's end.  A window the export covers only in part would give
    wrong counts, so it is not counted."""
    from ..model.periods import span

    lo, hi = rec.con.execute(
        "SELECT min(received), greatest(max(received), max(due), max(result), max(returned)) "
        "FROM rec ANTI JOIN bad USING (_row)").fetchone()
    if lo is None or hi is None:
        return []
    out = []
    for kind in kinds:
        first = {"H": f"{lo.year}-H1", "Y": f"{lo.year}", "Q": f"{lo.year}-Q1"}[kind]
        last = {"H": f"{hi.year + 1}-H1", "Y": f"{hi.year + 1}", "Q": f"{hi.year + 1}-Q1"}[kind]
        for p in span(first, last):
            s, e = p.date_range()
            if lo <= s and e <= hi:
                out.append(p.code)
    return out


def is_records_file(path: Path) -> bool:
    """Whether ``path`` is a records export: a ``.csv`` or ``.parquet`` file in a folder
    named ``records`` (not a README, hidden or lock file)."""
    p = Path(path)
    return (p.parent.name == FOLDER and p.suffix.lower() in SUFFIXES
            and not p.name.startswith((".", "~")) and not p.name.lower().startswith("readme"))


def read_folder(data_dir: Path | str | None = None, periods: list[str] | None = None
                ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every records export of ``<data>/records/`` as tidy II.06a rows, with the findings
    (:func:`read_files`)."""
    from .. import config

    base = Path(data_dir or config.DATA_DIR)
    return read_files(record_files(base), periods)


def read_files(paths: list[Path], periods: list[str] | None = None
               ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Records exports as tidy II.06a rows, with the findings.

    Each file gives the periods of ``periods``, else of its data folder's settings
    (``records_periods = ["2024-H1"]`` in the ``papi-analysis.toml`` of the folder above
    ``records/``), else every half year its dates cover (:func:`covered_periods`).  A file
    that cannot be read is one finding (``file.unreadable``) and the others are still read.
    """
    import duckdb

    from ..model import agencies

    frames, found = [], []
    for path in paths:
        path = Path(path)
        base = path.parent.parent
        wanted = periods or _settings_periods(base)
        try:
            rec = open_records(path, agency_resolver=lambda t, b=base: agencies.resolve_text(
                t, agencies.registry_path(b)))
        except InputFileError as err:
            found.append(fnd.frame([fnd.from_error(err, rule="file.unreadable")]))
            continue
        try:
            found.append(rec.findings)
            for code in (wanted or covered_periods(rec)):
                rows = tidy(rec, code)
                rows["source_file"] = f"{FOLDER}/{path.name}"
                frames.append(rows)
        except InputFileError as err:  # a damaged file found part-way
            found.append(fnd.frame([fnd.from_error(err, rule="file.unreadable")]))
        except PapiError as err:  # a records_periods entry that is not a period
            found.append(fnd.frame([fnd.from_error(err, rule="records.period")]))
        except duckdb.Error as err:  # a damaged file found part-way
            found.append(fnd.frame([fnd.from_error(_unreadable(path, err),
                                                   rule="file.unreadable")]))
        finally:
            rec.close()
    tidy_rows = (schema.conform(pd.concat(frames, ignore_index=True)) if frames
                 else schema.empty())
    found_rows = pd.concat(found, ignore_index=True).to_dict("records") if found else []
    return tidy_rows, fnd.frame(found_rows)


def _settings_periods(base: Path) -> list[str] | None:
    """``records_periods`` of the folder's ``papi-analysis.toml`` (the file's other problems
    are reported by :func:`papi_analysis.intake.datasets.settings`)."""
    path = base / "papi-analysis.toml"
    try:
        got = tomllib.loads(path.read_text(encoding="utf-8")).get("records_periods")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    if isinstance(got, str):
        return [got]
    return [str(p) for p in got] if isinstance(got, list) else None


def with_records(data_dir: Path | str | None, tidy_rows: pd.DataFrame,
                 found: pd.DataFrame | None = None, *, illustrative: bool = True
                 ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``tidy_rows`` (the submissions as read) with the rows of the records folder added,
    and ``found`` with the records' findings and the reconciliation of the records with the
    other sources for the same unit and period (``records.form_mismatch``).
    ``illustrative=False`` leaves out the rows of illustrative records."""
    rows, rec_found = read_folder(data_dir)
    if not illustrative and len(rows):
        rows = schema.conform(rows[~rows["illustrative"]])
    found = fnd.frame() if found is None else found
    if rows.empty:
        return tidy_rows, fnd.frame(pd.concat([found, rec_found]).to_dict("records"))
    mismatch = reconcile_findings(reconcile(rows, tidy_rows)) if len(tidy_rows) else fnd.frame()
    both = pd.concat([schema.conform(tidy_rows), rows], ignore_index=True)
    return (schema.conform(both),
            fnd.frame(pd.concat([found, rec_found, mismatch]).to_dict("records")))
