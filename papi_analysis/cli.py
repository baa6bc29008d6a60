"""The ``papi-analysis`` command: a thin layer over the package.

Messages are Vietnamese first; ``--lang en`` switches to English.  Bad input ends with one
clear message and exit code 2, never a traceback (``--debug`` shows one for unexpected errors).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import PapiError

FORMS_HELP = "tthc, procedures, petitions, reception, inspections, anticorruption"


def _lang_of(argv: list[str]) -> str:
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return "vi"


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=["vi", "en"], default="vi",
                   help="ngôn ngữ của thông báo / message language (mặc định vi)")
    p.add_argument("--debug", action="store_true", help="hiện traceback khi có lỗi bất thường")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="papi-analysis",
        description="Phân tích, so sánh kỳ báo cáo PAPI, TTHC, PCTN và xuất phụ lục HTML. "
        "(Period comparisons and HTML appendices for PAPI, TTHC and anti-corruption reporting.)",
    )
    parser.add_argument("--version", action="version", version=f"papi-analysis {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("validate", help="kiểm tra các tệp báo cáo / validate submissions",
                       description="Đọc các tệp báo cáo (.xlsx theo biểu mẫu, .csv dạng dài) và "
                       "kiểm tra: đẳng thức của biểu mẫu, số đếm nguyên không âm, trùng lặp, mã "
                       "chỉ tiêu/đơn vị/kỳ lạ, chuỗi chuyển kỳ. Thoát 0 khi không có lỗi (cảnh "
                       "báo vẫn in ra nhưng không làm lệnh thất bại, trừ khi dùng --strict), "
                       "2 khi có lỗi.")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="tệp hoặc thư mục (.xlsx, .csv)")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="ghi bảng phát hiện ra tệp .csv hoặc .xlsx / write findings to a file")
    p.add_argument("--tidy", metavar="FILE",
                   help="ghi bảng số liệu dạng dài đã đọc ra .csv / write the tidy table")
    p.add_argument("--strict", action="store_true",
                   help="cảnh báo cũng làm lệnh thất bại (thoát 1) / warnings exit 1")
    _common(p)

    p = sub.add_parser("template", help="tạo biểu mẫu Excel trống / write a blank form workbook",
                       description=f"Ghi một tệp .xlsx trống theo biểu mẫu ({FORMS_HELP}) để "
                       "đơn vị điền; tệp này đọc lại được bằng `papi-analysis validate`.")
    p.add_argument("form", help=f"biểu mẫu: {FORMS_HELP}")
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="tệp cần ghi")
    p.add_argument("--agency", default="", help="mã đơn vị điền sẵn (ví dụ SKHCN)")
    p.add_argument("--period", default="", help="kỳ báo cáo điền sẵn (ví dụ 2024-H1)")
    p.add_argument("--fields", default="", help="các lĩnh vực, cách nhau bằng dấu ; (tùy chọn)")
    _common(p)

    p = sub.add_parser("indicators", help="danh mục chỉ tiêu / list the indicator catalogue")
    p.add_argument("--group", default="", help="chỉ nhóm này (tthc, proc, pet, kntc, recep, "
                   "acct, insp, ac, egov)")
    p.add_argument("-o", "--output", metavar="FILE", help="ghi ra .csv hoặc .md (bảng Markdown)")
    _common(p)

    p = sub.add_parser("agencies", help="danh sách đơn vị báo cáo / list reporting units")
    _common(p)

    p = sub.add_parser("period", help="giải thích một kỳ báo cáo / explain a period",
                       description="Đọc mã hoặc cụm từ kỳ báo cáo và in nhãn, ngày số liệu, kỳ "
                       "trước, cùng kỳ năm trước.")
    p.add_argument("text", nargs="+", help="ví dụ: 2024-H1 hoặc \"6 tháng đầu năm 2024\"")
    _common(p)

    p = sub.add_parser("build", help="chạy notebook, xuất phụ lục HTML / build appendices",
                       description="Chạy các notebook bằng papermill cho một kỳ, song song, "
                       "bỏ qua phụ lục không đổi, ghi reports/<kỳ>/… và index.html.")
    p.add_argument("--period", required=True,
                   help="kỳ báo cáo (2024-H1 …) hoặc latest = kỳ gần nhất có số liệu")
    p.add_argument("--compare", nargs="*", default=None, metavar="COMPARE",
                   help="so sánh với: same_period_last_year, previous, hoặc mã kỳ "
                   "(mặc định: previous same_period_last_year)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--agency", nargs="+", metavar="CODE", help="mã đơn vị (HY = toàn tỉnh)")
    g.add_argument("--all", action="store_true", help="mọi đơn vị và toàn tỉnh")
    p.add_argument("--notebooks", nargs="+", metavar="NAME",
                   help="chỉ các notebook này (tthc, anticorruption, papi, overview, quality)")
    p.add_argument("--jobs", type=int, default=0, help="số tiến trình song song (mặc định: số lõi)")
    p.add_argument("--force", action="store_true", help="chạy lại cả phụ lục không đổi")
    p.add_argument("--data", default="", help="thư mục số liệu (mặc định data/)")
    p.add_argument("--reports", default="", help="thư mục kết quả (mặc định reports/)")
    p.add_argument("--no-progress", action="store_true", help="không hiện thanh tiến độ")
    _common(p)

    p = sub.add_parser("extract", help="đọc số liệu từ báo cáo văn xuôi / extract figures",
                       description="Đọc số liệu trong báo cáo (.txt, .md, .docx), mỗi số một "
                       "dòng kèm câu gốc, rồi kiểm tra như `validate`.")
    p.add_argument("reports", nargs="+", metavar="REPORT")
    p.add_argument("-o", "--output", action="append", required=True, metavar="OUT",
                   help="OUT.csv, OUT.xlsx hoặc OUT.html (trang rà soát); lặp lại được")
    p.add_argument("--agency", default="", help="ghi đè đơn vị phát hiện được")
    p.add_argument("--period", default="", help="ghi đè kỳ phát hiện được")
    _common(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    lang = getattr(args, "lang", _lang_of(argv))
    try:
        return int(COMMANDS[args.command](args) or 0)
    except PapiError as err:
        label = "Lỗi" if lang == "vi" else "Error"
        print(f"{label}: {err.message(lang)}", file=sys.stderr)
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


# -- commands -----------------------------------------------------------------------------
def _cmd_validate(args) -> int:
    from . import submissions, validation

    tidy, read_findings = submissions.read_many([Path(p) for p in args.paths])
    findings = validation.validate(tidy, read_findings)
    print(validation.summary(findings, tidy, args.lang))
    if args.output:
        validation.write_findings(findings, Path(args.output))
    if args.tidy:
        submissions.write_tidy(tidy, Path(args.tidy))
    return validation.exit_code(findings, strict=args.strict)


def _cmd_template(args) -> int:
    from . import submissions

    fields = [f.strip() for f in args.fields.split(";") if f.strip()]
    path = submissions.write_template(args.form, Path(args.output), agency=args.agency,
                                      period=args.period, fields=fields)
    print(("Đã ghi biểu mẫu: " if args.lang == "vi" else "Template written: ") + str(path))
    return 0


def _cmd_indicators(args) -> int:
    from . import indicators

    df = indicators.table()
    if args.group:
        df = df[df["code"].str.startswith(args.group + ".")]
    if args.output and args.output.endswith(".md"):
        Path(args.output).write_text(indicators.markdown(df), encoding="utf-8")
        return 0
    if args.output:
        df.to_csv(args.output, index=False, encoding="utf-8-sig")
        return 0
    label = "label_vi" if args.lang == "vi" else "label_en"
    for r in df.itertuples(index=False):
        print(f"{r.code:32} {getattr(r, label)}  [{r.unit}, {r.form}, D{r.papi_dimension}]")
    return 0


def _cmd_agencies(args) -> int:
    from . import agencies

    for a in agencies.registry().values():
        print(f"{a.code:9} {a.name(args.lang)}")
    return 0


def _cmd_period(args) -> int:
    from . import fmt, periods

    p = periods.parse(" ".join(args.text))
    s, e = p.date_range()
    vi = args.lang == "vi"
    rows = [
        ("Mã" if vi else "Code", p.code),
        ("Nhãn" if vi else "Label", p.label(args.lang)),
        ("Số liệu từ" if vi else "Data from", f"{fmt.date(s)} → {fmt.date(e)}"),
        ("Kỳ trước" if vi else "Previous period", f"{p.previous().code} ({p.previous().label(args.lang)})"),
        ("Cùng kỳ năm trước" if vi else "Same period last year",
         f"{p.same_period_last_year().code} ({p.same_period_last_year().label(args.lang)})"),
    ]
    for k, v in rows:
        print(f"{k:22} {v}")
    return 0


def _cmd_build(args) -> int:
    from . import runner

    return runner.main(args)


def _cmd_extract(args) -> int:
    from . import extraction

    return extraction.main(args)


COMMANDS = {
    "validate": _cmd_validate,
    "template": _cmd_template,
    "indicators": _cmd_indicators,
    "agencies": _cmd_agencies,
    "period": _cmd_period,
    "build": _cmd_build,
    "extract": _cmd_extract,
}

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
