"""The ``papi-analysis`` command: a thin layer over the package.

Messages are Vietnamese first; ``--lang en`` switches to English.  Bad input ends with one
clear message and exit code 2, never a traceback (``--debug`` shows one for unexpected errors).

The library logs through ``logging`` (loggers under ``papi_analysis``); :func:`main` gives them
one handler on stderr for the command's run: each message as it is, or with ``--log-format
dated`` the time, level and module first; ``--quiet`` keeps warnings and errors only,
``--debug`` adds the debug records.  A command's own result (tables, summaries, the build's
log lines) is printed on stdout as before.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections.abc import Callable
from pathlib import Path

from . import __version__
from .errors import PapiError, ParameterError, from_os_error

FORMS_HELP = "tthc, procedures, petitions, reception, inspections, anticorruption"
_FORCE_HELP = "ghi đè tệp -o đã có (không bao giờ ghi đè tệp đầu vào) / replace an existing -o file"


class UsageError(Exception):
    """A command line argparse could not read (raised instead of argparse's exit)."""

    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.parser = parser
        self.message = message


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors reach :func:`main`, to be printed in vi or en."""

    def error(self, message: str):  # noqa: D102 - argparse's hook
        raise UsageError(self, message)


#: argparse's English messages (Python 3.11) and their Vietnamese, as (pattern, vi, en).
_USAGE_MESSAGES = [
    (r"the following arguments are required: (?P<a>.+)",
     "thiếu tham số bắt buộc: {a}.", "missing required argument(s): {a}."),
    (r"argument (?P<a>\S+): invalid choice: (?P<v>.+?) \(choose from (?P<c>.+)\)",
     "tham số {a}: giá trị {v} không hợp lệ; chọn một trong: {c}.",
     "argument {a}: {v} is not a valid value; choose one of: {c}."),
    (r"argument (?P<a>\S+): invalid int value: (?P<v>.+)",
     "tham số {a}: {v} không phải số nguyên.", "argument {a}: {v} is not a whole number."),
    (r"argument (?P<a>\S+): invalid float value: (?P<v>.+)",
     "tham số {a}: {v} không phải số.", "argument {a}: {v} is not a number."),
    (r"argument (?P<a>\S+): expected one argument",
     "tham số {a} cần một giá trị.", "argument {a} needs a value."),
    (r"argument (?P<a>\S+): expected at least one argument",
     "tham số {a} cần ít nhất một giá trị.", "argument {a} needs at least one value."),
    (r"argument (?P<a>\S+): not allowed with argument (?P<b>\S+)",
     "không dùng {a} cùng với {b}; chọn một trong hai.",
     "{a} cannot be used with {b}; choose one."),
    (r"unrecognized arguments: (?P<a>.+)",
     "không nhận ra tham số: {a}.", "unrecognized argument(s): {a}."),
    (r"ambiguous option: (?P<a>\S+) could match (?P<c>.+)",
     "tùy chọn {a} không rõ, có thể là: {c}.", "option {a} is ambiguous; it could be: {c}."),
]


def usage_message(err: UsageError, lang: str) -> str:
    """One message for a command line argparse rejected: what, where and what to do."""
    vi = en = err.message
    for pattern, m_vi, m_en in _USAGE_MESSAGES:
        m = re.fullmatch(pattern, err.message)
        if m:
            vi, en = m_vi.format(**m.groupdict()), m_en.format(**m.groupdict())
            break
    prog = err.parser.prog
    if lang == "vi":
        return (f"Lỗi: Dòng lệnh không hợp lệ — {vi}\n  Vị trí: {prog}\n"
                f"  Cách xử lý: Xem cách dùng bằng `{prog} --help`.")
    return (f"Error: Invalid command line — {en}\n  Where: {prog}\n"
            f"  What to do: See the usage with `{prog} --help`.")


def check_output(text: str, option: str, suffixes: tuple[str, ...] = (), *,
                 force: bool | None = None, inputs=()) -> Path:
    """``text`` as an output path, refused now (before any work) if it can never be written.

    With ``force`` given (the command has ``--force``), an existing file is refused unless
    ``force``, and one of the command's ``inputs`` always (:func:`atomic.refuse_overwrite`).

    Raises
    ------
    ParameterError
        If the name does not end with one of ``suffixes``, names a folder, or sits under a
        file instead of a folder.
    """
    path = Path(text)
    if suffixes and path.suffix.lower() not in suffixes:
        ends = ", ".join(suffixes)
        raise ParameterError(f"Tham số {option}: tệp “{path.name}” phải có đuôi {ends}.",
                             f"Option {option}: the file “{path.name}” must end with {ends}.",
                             where=f"{option} {text}",
                             hint_vi=f"Đặt tên tệp kết thúc bằng {ends}.",
                             hint_en=f"Give the file a name ending with {ends}.")
    if path.is_dir():
        raise ParameterError(f"Tham số {option}: “{text}” là một thư mục, không phải tệp.",
                             f"Option {option}: “{text}” is a folder, not a file.",
                             where=f"{option} {text}",
                             hint_vi="Ghi rõ tên tệp trong thư mục đó.",
                             hint_en="Give a file name inside that folder.")
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise ParameterError(
                    f"Tham số {option}: không ghi được “{text}” vì “{parent}” là một tệp, "
                    "không phải thư mục.",
                    f"Option {option}: cannot write “{text}”: “{parent}” is a file, not a folder.",
                    where=f"{option} {text}",
                    hint_vi="Chọn một thư mục khác để ghi.",
                    hint_en="Choose another folder to write to.")
            break
    if force is not None:
        from .atomic import refuse_overwrite

        refuse_overwrite(path, option, force=force, inputs=inputs)
    return path


def _lang_of(argv: list[str]) -> str:
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return "vi"


def _help_in(lang: str) -> Callable[[str, str], str]:
    """``h(vi, en)``: the help text of the command line's language (en, or else vi).

    Each option declares its two helps side by side; a help already written in both
    languages ("… / …") is given as it is and reads the same in either."""

    def h(vi: str, en: str) -> str:
        return en if lang == "en" else vi

    return h


def _common(p: argparse.ArgumentParser, h: Callable[[str, str], str]) -> None:
    # SUPPRESS: a --lang given before the command (papi-analysis --lang en build …) stands
    p.add_argument("--lang", choices=["vi", "en"], default=argparse.SUPPRESS,
                   help=h("ngôn ngữ của thông báo / message language (mặc định vi)",
                          "message language, vi or en (default vi)"))
    p.add_argument("--debug", action="store_true",
                   help=h("hiện traceback khi có lỗi bất thường và các dòng gỡ lỗi (DEBUG)",
                          "show the traceback of an unexpected error, and the debug records"))
    p.add_argument("--log-format", choices=["plain", "dated"], default=argparse.SUPPRESS,
                   help="cảnh báo và lỗi: plain (mặc định, như thông báo) hoặc dated (kèm thời "
                   "điểm, mức, mô-đun; cho cron) / warnings and errors: plain (default) or dated "
                   "(with time, level and module; for cron)")


def build_parser(lang: str = "vi") -> argparse.ArgumentParser:
    """The argument parser of every subcommand, its help in ``lang`` (``vi`` or ``en``)."""
    h = _help_in(lang)
    parser = _Parser(
        prog="papi-analysis",
        description="Phân tích, so sánh kỳ báo cáo PAPI, TTHC, PCTN và xuất phụ lục HTML. "
        "(Period comparisons and HTML appendices for PAPI, TTHC and anti-corruption reporting.)",
    )
    parser.add_argument("--version", action="version", version=f"papi-analysis {__version__}")
    parser.add_argument("--lang", choices=["vi", "en"], default="vi",
                        help=h("ngôn ngữ của thông báo / message language (mặc định vi)",
                               "message language, vi or en (default vi)"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("validate", help="kiểm tra các tệp báo cáo / validate submissions",
                       description=h(
                           "Đọc các tệp báo cáo (.xlsx theo biểu mẫu, .csv dạng dài) và kiểm tra: "
                           "đẳng thức của biểu mẫu, số đếm nguyên không âm, trùng lặp, mã chỉ "
                           "tiêu/đơn vị/kỳ lạ, chuỗi chuyển kỳ. Thoát 0 khi không có lỗi (cảnh báo "
                           "vẫn in ra nhưng không làm lệnh thất bại, trừ khi dùng --strict), 2 khi "
                           "có lỗi.",
                           "Read submissions (.xlsx forms, tidy .csv) and check them: the forms' "
                           "equalities, whole non-negative counts, duplicates, unknown "
                           "indicator/agency/period codes, the carry-over from one period to the "
                           "next. Exit 0 when there is no error (warnings are printed but do not "
                           "fail the command, unless --strict), 2 when there are errors."))
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help=h("tệp hoặc thư mục (.xlsx, .csv)", "file or folder (.xlsx, .csv)"))
    p.add_argument("-o", "--output", metavar="FILE",
                   help="ghi bảng phát hiện ra tệp .csv hoặc .xlsx / write findings to a file")
    p.add_argument("--tidy", metavar="FILE",
                   help="ghi bảng số liệu dạng dài đã đọc ra .csv / write the tidy table")
    p.add_argument("--strict", action="store_true",
                   help="cảnh báo cũng làm lệnh thất bại (thoát 1) / warnings exit 1")
    p.add_argument("--force", action="store_true", help=_FORCE_HELP)
    _common(p, h)

    p = sub.add_parser("template", help="tạo biểu mẫu Excel trống / write a blank form workbook",
                       description=h(
                           f"Ghi một tệp .xlsx trống theo biểu mẫu ({FORMS_HELP}) để đơn vị "
                           "điền; tệp này đọc lại được bằng `papi-analysis validate`.",
                           f"Write a blank .xlsx workbook of a form ({FORMS_HELP}) for an agency "
                           "to fill in; `papi-analysis validate` reads it back."))
    p.add_argument("form", help=h(f"biểu mẫu: {FORMS_HELP}", f"form: {FORMS_HELP}"))
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx",
                   help=h("tệp cần ghi", "the file to write"))
    p.add_argument("--agency", default="",
                   help=h("mã đơn vị điền sẵn (ví dụ SKHCN)", "agency code filled in (e.g. SKHCN)"))
    p.add_argument("--period", default="",
                   help=h("kỳ báo cáo điền sẵn (ví dụ 2024-H1)",
                          "reporting period filled in (e.g. 2024-H1)"))
    p.add_argument("--fields", default="",
                   help=h("các lĩnh vực, cách nhau bằng dấu ; (tùy chọn)",
                          "fields, separated by ; (optional)"))
    p.add_argument("--force", action="store_true", help=_FORCE_HELP)
    _common(p, h)

    p = sub.add_parser("indicators", help="danh mục chỉ tiêu / list the indicator catalogue",
                       description=h(
                           "In danh mục chỉ tiêu: mã, tên, đơn vị tính, biểu mẫu ghi chỉ tiêu "
                           "(hoặc chỉ có trong báo cáo văn xuôi) và lĩnh vực PAPI liên quan; -o "
                           "ghi ra .csv hoặc .md.",
                           "List the indicator catalogue: code, name, unit, the form that holds "
                           "it (or prose reports only) and the related PAPI dimension; -o writes "
                           ".csv or .md."))
    p.add_argument("--group", default="",
                   help=h("chỉ nhóm này (tthc, proc, pet, kntc, recep, acct, insp, ac, egov)",
                          "only this group (tthc, proc, pet, kntc, recep, acct, insp, ac, egov)"))
    p.add_argument("-o", "--output", metavar="FILE",
                   help=h("ghi ra .csv hoặc .md (bảng Markdown)",
                          "write to .csv or .md (a Markdown table)"))
    _common(p, h)

    p = sub.add_parser("agencies", help="danh sách đơn vị báo cáo / list reporting units",
                       description=h(
                           "Đơn vị báo cáo theo thời gian (data/agencies/units.csv, "
                           "successions.csv) / reporting units over time. Không tham số: mọi đơn "
                           "vị kèm thời gian hiệu lực. --on: các đơn vị còn hoạt động ngày đó. "
                           "--history: dòng kế thừa của một đơn vị, kèm văn bản nguồn. --check: "
                           "kiểm tra danh sách (trùng, ngày, vòng lặp).",
                           "Reporting units over time (data/agencies/units.csv, "
                           "successions.csv). No option: every unit with the dates it was valid. "
                           "--on: the units active that day. --history: a unit's line of "
                           "succession, with the documents it rests on. --check: check the "
                           "registry (duplicates, dates, cycles)."))
    p.add_argument("--on", metavar="NGÀY", default="",
                   help="ngày, ví dụ 2026-01-01 hoặc 01/01/2026 / units valid that day")
    p.add_argument("--history", metavar="MÃ", default="",
                   help="mã đơn vị, ví dụ SNNMT / a unit's line of succession with sources")
    p.add_argument("--check", action="store_true",
                   help="kiểm tra danh sách đơn vị / check the registry")
    p.add_argument("--data", default="", help="thư mục số liệu có agencies/ riêng "
                   "(mặc định data/) / data folder with its own agencies/")
    _common(p, h)

    p = sub.add_parser("period", help="giải thích một kỳ báo cáo / explain a period",
                       description=h(
                           "Đọc mã hoặc cụm từ kỳ báo cáo và in nhãn, ngày số liệu, kỳ trước, "
                           "cùng kỳ năm trước. `latest` = kỳ gần nhất có số liệu thật trong "
                           "--data (như `build --period latest`), kèm cảnh báo nếu số liệu đã cũ.",
                           "Read a period code or phrase and print its label, data dates, "
                           "previous period and same period last year. `latest` = the latest "
                           "period with real figures in --data (as `build --period latest`), "
                           "with a warning when the data are old."))
    p.add_argument("text", nargs="+",
                   help=h("ví dụ: 2024-H1, \"6 tháng đầu năm 2024\" hoặc latest",
                          "e.g. 2024-H1, \"6 tháng đầu năm 2024\" or latest"))
    p.add_argument("--data", default="",
                   help=h("thư mục số liệu cho latest (mặc định data/)",
                          "data folder for latest (default data/)"))
    _common(p, h)

    p = sub.add_parser("build", help="chạy notebook, xuất phụ lục HTML / build appendices",
                       description=h(
                           "Chạy các notebook bằng papermill cho một kỳ, song song, bỏ qua phụ "
                           "lục không đổi, ghi reports/<kỳ>/… và index.html.",
                           "Run the notebooks with papermill for one period, in parallel, "
                           "skipping unchanged appendices; writes reports/<period>/… and the "
                           "index pages."))
    p.add_argument("--period", required=True,
                   help=h("kỳ báo cáo (2024-H1 …) hoặc latest = kỳ gần nhất có số liệu thật",
                          "reporting period (2024-H1 …) or latest = the latest period with "
                          "real figures"))
    p.add_argument("--compare", nargs="*", default=None, metavar="COMPARE",
                   help=h("so sánh với: same_period_last_year, previous, hoặc mã kỳ "
                          "(mặc định: previous same_period_last_year)",
                          "compare with: same_period_last_year, previous, or period codes "
                          "(default: previous same_period_last_year)"))
    g = p.add_mutually_exclusive_group()
    g.add_argument("--agency", nargs="+", metavar="CODE",
                   help=h("mã đơn vị (HY = toàn tỉnh)", "agency codes (HY = the whole province)"))
    g.add_argument("--all", action="store_true",
                   help=h("mọi đơn vị và toàn tỉnh", "every agency and the whole province"))
    p.add_argument("--notebooks", nargs="+", metavar="NAME",
                   help=h("chỉ các notebook này (tthc, anticorruption, papi, overview, quality)",
                          "only these notebooks (tthc, anticorruption, papi, overview, quality)"))
    p.add_argument("--jobs", type=int, default=0,
                   help=h("số tiến trình song song (mặc định: số lõi)",
                          "parallel workers (default: number of CPUs)"))
    p.add_argument("--force", action="store_true",
                   help=h("chạy lại cả phụ lục không đổi", "rebuild unchanged appendices too"))
    p.add_argument("--data", default="",
                   help=h("thư mục số liệu (mặc định data/)", "data folder (default data/)"))
    p.add_argument("--reports", default="",
                   help=h("thư mục kết quả (mặc định reports/)",
                          "output folder (default reports/)"))
    p.add_argument("--no-progress", action="store_true",
                   help=h("không hiện thanh tiến độ", "no progress bar"))
    p.add_argument("--quiet", action="store_true",
                   help="chỉ in khi có lỗi (cho cron) / print only failures (for cron)")
    p.add_argument("--no-illustrative", action="store_true",
                   help=h("bỏ số liệu minh họa, chỉ dùng số liệu thật (dùng khi đã có biểu mẫu "
                          "thật; hoặc ghi illustrative = false vào data/papi-analysis.toml)",
                          "leave out the illustrative panel, real figures only (once real forms "
                          "arrive; or set illustrative = false in data/papi-analysis.toml)"))
    p.add_argument("--strict", action="store_true",
                   help=h("dừng trước khi chạy notebook nếu số liệu của kỳ có lỗi (mã thoát 4)",
                          "stop before any notebook runs if the period's data have errors "
                          "(exit code 4)"))
    p.add_argument("--pdf", action="store_true",
                   help=h("ghi thêm bản PDF (A4) cạnh mỗi phụ lục HTML; cần WeasyPrint: pip "
                          "install 'papi-analysis[pdf]'",
                          "also write a PDF (A4) beside each HTML appendix; needs WeasyPrint: "
                          "pip install 'papi-analysis[pdf]'"))
    p.add_argument("--province", nargs="+", metavar="CODE", default=None,
                   help=h("tỉnh trong thư mục số liệu toàn quốc (--data chứa mỗi tỉnh một thư "
                          "mục CODE/ có agencies/ riêng); kết quả ở reports/CODE/",
                          "provinces of a national data folder (--data holds one folder CODE/ "
                          "per province, with its own agencies/); results in reports/CODE/"))
    p.add_argument("--all-provinces", action="store_true",
                   help=h("mọi tỉnh của thư mục số liệu toàn quốc, rồi mục lục toàn quốc",
                          "every province of the national data folder, then the national "
                          "index"))
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help=h("chạy phụ lục trên cụm Dask (tls://máy:8786; mặc định biến "
                          "PAPI_ANALYSIS_SCHEDULER; local = máy này; xem docs/scaling.md)",
                          "run the appendices on a Dask cluster (tls://host:8786; default the "
                          "variable PAPI_ANALYSIS_SCHEDULER; local = this machine; see "
                          "docs/scaling.md)"))
    for opt, vi, en in (("--tls-ca-file", "CA", "the CA's"), ("--tls-cert", "chứng chỉ",
                                                                "this client's certificate"),
                        ("--tls-key", "khóa riêng", "this client's private key")):
        p.add_argument(opt, default=None, metavar="PEM",
                       help=h(f"{vi} (PEM) để nối tới scheduler tls:// (hoặc biến PAPI_ANALYSIS_"
                              f"{opt[2:].upper().replace('-', '_')}; docs/scaling.md, Security)",
                              f"{en} file (PEM) for a tls:// scheduler (or the variable "
                              f"PAPI_ANALYSIS_{opt[2:].upper().replace('-', '_')}; "
                              "docs/scaling.md, Security)"))
    p.add_argument("--insecure-scheduler", action="store_true",
                   help=h("cho phép scheduler tcp:// không mã hóa ở máy khác (chỉ trên mạng riêng "
                          "tin cậy)", "allow a plain tcp:// scheduler on another machine (a "
                          "trusted private network only)"))
    _common(p, h)

    p = sub.add_parser("extract", help="đọc số liệu từ báo cáo văn xuôi / extract figures",
                       description=h(
                           "Đọc số liệu trong báo cáo (.txt, .md, .docx), mỗi số một dòng kèm "
                           "câu gốc, rồi kiểm tra như `validate`.",
                           "Read the figures of prose reports (.txt, .md, .docx), one row per "
                           "figure with its sentence, then check them as `validate` does."))
    p.add_argument("reports", nargs="+", metavar="REPORT",
                   help=h("tệp báo cáo văn xuôi (.txt, .md, .docx), một hoặc nhiều tệp",
                          "prose report files (.txt, .md, .docx), one or more"))
    p.add_argument("-o", "--output", action="append", required=True, metavar="OUT",
                   help=h("OUT.csv (kèm OUT.documents.csv, OUT.findings.csv; OUT.csv đọc được "
                          "như một báo cáo nộp, hai bảng kia thì không), OUT.xlsx hoặc OUT.html "
                          "(trang rà soát); lặp lại được",
                          "OUT.csv (with OUT.documents.csv and OUT.findings.csv; OUT.csv reads "
                          "back as a submission, the other two do not), OUT.xlsx or OUT.html "
                          "(the review page); may be repeated"))
    p.add_argument("--agency", default="",
                   help=h("ghi đè đơn vị phát hiện được",
                          "override the agency found in the report"))
    p.add_argument("--period", default="",
                   help=h("ghi đè kỳ phát hiện được", "override the period found in the report"))
    p.add_argument("--force", action="store_true", help=_FORCE_HELP)
    _common(p, h)

    p = sub.add_parser("cache", help="bộ nhớ đệm: ở đâu, dọn / where the caches are, prune them",
                       description="Bộ nhớ đệm của số liệu đã đọc (bảng dài, phát hiện, báo cáo "
                       "văn xuôi): ở đâu, bao nhiêu; prune xóa tệp cũ, prune --all xóa hết. / "
                       "The caches of derived data (tidy table, findings, prose reports): where "
                       "and how big; prune drops old files, prune --all everything.")
    p.add_argument("action", nargs="?", choices=["info", "prune"], default="info",
                   help="info (mặc định) hoặc prune / info (default) or prune")
    p.add_argument("--all", action="store_true",
                   help="prune: xóa hết, không chỉ tệp cũ / prune: remove everything")
    _common(p, h)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = "en" if _lang_of(argv) == "en" else "vi"
    parser = build_parser(lang)
    try:
        args = parser.parse_args(argv)
    except UsageError as err:
        print(err.parser.format_usage().rstrip(), file=sys.stderr)
        print(usage_message(err, lang), file=sys.stderr)
        return 2
    if not args.command:
        parser.print_help(sys.stderr)
        print("\n" + usage_message(UsageError(parser, (
            "chưa chọn lệnh (validate, build, template…)" if lang == "vi"
            else "no command given (validate, build, template…)")), lang), file=sys.stderr)
        return 2
    lang = getattr(args, "lang", lang)
    args.argv = " ".join(argv)  # the command as given, for build's log
    undo = configure_logging(debug=bool(getattr(args, "debug", False)),
                             quiet=bool(getattr(args, "quiet", False)),
                             dated=getattr(args, "log_format", "plain") == "dated")
    try:
        return _run(args, lang)
    finally:
        undo()


def _run(args: argparse.Namespace, lang: str) -> int:
    """Run the parsed command; every failure becomes one message and an exit code."""
    try:
        return int(COMMANDS[args.command](args) or 0)
    except PapiError as err:
        label = "Lỗi" if lang == "vi" else "Error"
        print(f"{label}: {err.message(lang)}", file=sys.stderr)
        return err.exit_code
    except BrokenPipeError:  # `papi-analysis indicators | head`: the reader has had enough
        _quiet_stdout()
        return 0
    except OSError as exc:  # a path that cannot be read or written: bad input, not a bug
        if getattr(args, "debug", False):
            raise
        err = from_os_error(exc)
        print(("Lỗi: " if lang == "vi" else "Error: ") + err.message(lang), file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("Đã dừng." if lang == "vi" else "Interrupted.", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not bad input: say so plainly
        if getattr(args, "debug", False):
            raise
        msg = ("Lỗi không mong đợi (lỗi của chương trình, không phải của số liệu): "
               if lang == "vi" else "Unexpected error (a bug in the program, not in the data): ")
        hint = (" Chạy lại với --debug để xem chi tiết và báo lỗi." if lang == "vi"
                else " Run again with --debug for details and report it.")
        print(f"{msg}{type(exc).__name__}: {exc}.{hint}", file=sys.stderr)
        return 3


class _Stderr(logging.StreamHandler):
    """A handler that writes to ``sys.stderr`` as it is when a record comes (a test or a
    redirection may have replaced it since the handler was made)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self):  # noqa: D102 - StreamHandler's attribute
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


class _Plain(logging.Formatter):
    """Each message as the command printed it before it logged (``Cảnh báo: …``, an error's
    lines); a debug record says so and names its module."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        return f"DEBUG {record.name}: {text}" if record.levelno < logging.INFO else text


#: ``--log-format dated``: one sortable, greppable line start per record (for cron's log).
DATED_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(*, debug: bool = False, quiet: bool = False,
                      dated: bool = False) -> Callable[[], None]:
    """Give the ``papi_analysis`` loggers one handler on stderr; return the undo.

    Level: INFO, WARNING with ``quiet``, DEBUG with ``debug``.  Format: the message alone
    (what the command printed before it logged), or with ``dated`` the time, level and
    module first (:data:`DATED_FORMAT`)."""
    logger = logging.getLogger("papi_analysis")
    handler = _Stderr()
    handler.setFormatter(logging.Formatter(DATED_FORMAT, "%Y-%m-%dT%H:%M:%S%z") if dated
                         else _Plain("%(message)s"))
    level = logger.level
    logger.setLevel(logging.DEBUG if debug else logging.WARNING if quiet else logging.INFO)
    logger.addHandler(handler)

    def undo() -> None:
        logger.removeHandler(handler)
        logger.setLevel(level)

    return undo


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that flushing it at exit after a closed pipe says nothing."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (tests capture it): nothing to silence
        pass


# -- commands -----------------------------------------------------------------------------
def _registry_near(paths: list[Path]):
    """The registry of the data folder the validated paths belong to: the first ``agencies/``
    found in a path or one of its two parents (``DIR/submissions`` → ``DIR/agencies``)."""
    from .model import agencies

    for p in paths:
        p = p.resolve()
        for folder in [p, *list(p.parents)[:2]]:
            if (folder / "agencies").is_dir():
                return agencies.registry_path(folder)
    return None


def _cmd_validate(args) -> int:
    from .intake import submissions, validation

    keep = {"force": args.force, "inputs": args.paths}  # never over a file being validated
    output = check_output(args.output, "-o", (".csv", ".xlsx"), **keep) if args.output else None
    tidy_out = check_output(args.tidy, "--tidy", (".csv", ".xlsx"), **keep) if args.tidy else None
    tidy, read_findings = submissions.read_many([Path(p) for p in args.paths])
    if tidy.empty and len(read_findings):
        _refuse_empty_folders(read_findings)
    findings = validation.validate(tidy, read_findings,
                                   agencies_path=_registry_near([Path(p) for p in args.paths]))
    print(validation.summary(findings, tidy, args.lang))
    if output:
        validation.write_findings(findings, output)
    if tidy_out:
        submissions.write_tidy(tidy, tidy_out)
    return validation.exit_code(findings, strict=args.strict)


def _refuse_empty_folders(read_findings) -> None:
    """Raise when nothing was read because the folders given hold no submission at all.

    ``read_many`` reports such a folder as a warning, which alone would end in "passed";
    but a check of nothing is bad input: say so, with the folder, and exit 2.
    """
    from .errors import InputFileError

    empty = read_findings[read_findings["rule"] == "file.none_found"]
    if len(empty) != len(read_findings):
        return  # other problems were found: the summary reports them
    where = ", ".join(str(x) for x in empty["location"])
    raise InputFileError(
        "Không có tệp báo cáo nào để kiểm tra: thư mục không chứa tệp .xlsx, .csv, .docx, "
        ".txt hoặc .md nào.",
        "There is no submission to check: the folder holds no .xlsx, .csv, .docx, .txt or .md "
        "file.",
        where=where,
        hint_vi="Chép các tệp báo cáo (.xlsx theo biểu mẫu, .csv dạng dài, báo cáo .docx) vào "
                "thư mục, hoặc ghi thẳng đường dẫn tệp: papi-analysis validate TỆP.xlsx.",
        hint_en="Put the submissions (.xlsx forms, tidy .csv, .docx reports) in the folder, or "
                "name the files: papi-analysis validate FILE.xlsx.")


def _cmd_template(args) -> int:
    from .intake import submissions

    fields = [f.strip() for f in args.fields.split(";") if f.strip()]
    from .intake import forms

    forms.get(args.form)  # an unknown form is the first thing to hear about
    output = check_output(args.output, "-o", force=args.force)  # .xlsx: write_template's
    path = submissions.write_template(args.form, output, agency=args.agency,
                                      period=args.period, fields=fields)
    print(("Đã ghi biểu mẫu: " if args.lang == "vi" else "Template written: ") + str(path))
    return 0


def _cmd_indicators(args) -> int:
    from .batch.manifest import atomic_write
    from .model import indicators

    output = check_output(args.output, "-o", (".csv", ".md")) if args.output else None
    df = indicators.table()
    if args.group:
        groups = sorted({str(c).split(".", 1)[0] for c in df["code"]})
        group = args.group.strip().lower().rstrip(".")
        if group not in groups:
            raise ParameterError(f"Tham số --group: không có nhóm chỉ tiêu “{args.group}”.",
                                 f"Option --group: there is no indicator group “{args.group}”.",
                                 where=f"--group {args.group}",
                                 hint_vi="Chọn một trong: " + ", ".join(groups) + ".",
                                 hint_en="Choose one of: " + ", ".join(groups) + ".")
        df = df[df["code"].str.startswith(group + ".")]
    if output is not None and output.suffix.lower() == ".md":
        atomic_write(output, indicators.markdown(df))
        return 0
    if output is not None:
        from . import atomic  # the one formula-safe table writer (UTF-8 with BOM for Excel)

        atomic.write_table(df.reset_index(drop=True), output, "indicators")
        return 0
    for r in df.itertuples(index=False):
        print(indicator_line(r, args.lang))
    return 0


def indicator_line(r, lang: str) -> str:
    """One indicator as ``indicators`` prints it: code, name, then its unit, the form that
    holds it (a template name, or "prose reports only") and its PAPI dimension, in ``lang``."""
    from .intake.forms import FORMS
    from .model import indicators

    vi = lang == "vi"
    unit = indicators.UNITS.get(r.unit, (r.unit, r.unit))[0 if vi else 1]
    if r.form in FORMS:
        form = f"biểu mẫu {r.form}" if vi else f"form {r.form}"
    elif r.form == "prose":
        form = "chỉ trong báo cáo văn xuôi" if vi else "prose reports only"
    else:
        form = "chưa có biểu mẫu" if vi else "no form yet"
    dim = r.papi_dimension
    parts = [unit, form]
    if dim == dim and dim not in (None, ""):  # not missing (NaN)
        parts.append(f"PAPI D{int(dim)}")
    return f"{r.code:32} {r.label_vi if vi else r.label_en}  [{' · '.join(parts)}]"


def _cmd_agencies(args) -> int:
    from .model import agencies

    path = agencies.registry_path(Path(args.data).resolve() if args.data else None)
    reg = agencies.load(path)
    if args.check:
        text, code = agencies.check_text(reg, args.lang)
        print(text)
        return code
    if args.history:
        print(agencies.history_text(reg, agencies.get(args.history, path).code, args.lang))
        return 0
    day = agencies.parse_day(args.on, "--on") if args.on else None
    print(agencies.units_text(reg, day, args.lang))
    return 0


def _cmd_period(args) -> int:
    from . import fmt
    from .model import periods

    text = " ".join(args.text)
    vi = args.lang == "vi"
    source = None
    if text.strip().lower() == "latest":
        from . import config, fingerprint
        from .batch import buildcheck, manifest
        from .intake import datasets

        data = datasets.data_folder(Path(args.data).resolve() if args.data else None)
        key_dir = data if args.data else config.DATA_DIR  # the key a build uses
        cache = manifest.Cache(config.REPORTS_DIR)  # read only: nothing is written
        choice = buildcheck.choose_latest(key_dir, fingerprint.data_fingerprint(data), cache,
                                          option="latest")
        p = choice.period
        source = (("số liệu minh họa" if vi else "illustrative panel") if choice.illustrative
                  else ("số liệu thật" if vi else "real submissions"))
    else:
        p = periods.parse(text)
    s, e = p.date_range()
    rows = [
        ("Mã" if vi else "Code", p.code),
        ("Nhãn" if vi else "Label", p.label(args.lang)),
        ("Số liệu từ" if vi else "Data from", f"{fmt.date(s)} → {fmt.date(e)}"),
        ("Kỳ trước" if vi else "Previous period",
         f"{p.previous().code} ({p.previous().label(args.lang)})"),
        ("Cùng kỳ năm trước" if vi else "Same period last year",
         f"{p.same_period_last_year().code} ({p.same_period_last_year().label(args.lang)})"),
    ]
    if source is not None:
        rows.append(("Nguồn số liệu" if vi else "Source", source))
    for k, v in rows:
        print(f"{k:22} {v}")
    if source is not None:
        sys.stdout.flush()
        buildcheck.warn(choice.warnings())
    return 0


def _cmd_build(args) -> int:
    from .batch import runner

    return runner.main(args)


def _cmd_extract(args) -> int:
    from .prose import extraction

    for out in args.output:  # the suffix check is extraction's; OUT.csv has two side tables
        side = [f"{Path(out).stem}.{n}.csv" for n in ("documents", "findings")]
        for name in [out] + ([str(Path(out).with_name(s)) for s in side]
                             if out.lower().endswith(".csv") else []):
            check_output(name, "-o", force=args.force, inputs=args.reports)
    try:  # the shared checks; prose may not import them itself (intake reads prose reports)
        from .intake import validation
    except ImportError:
        validation = None
    return extraction.main(args, validate=validation.validate if validation else None)


def _cmd_cache(args) -> int:
    from . import caches

    return caches.main(args)


COMMANDS = {
    "validate": _cmd_validate,
    "template": _cmd_template,
    "indicators": _cmd_indicators,
    "agencies": _cmd_agencies,
    "period": _cmd_period,
    "build": _cmd_build,
    "extract": _cmd_extract,
    "cache": _cmd_cache,
}

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
