"""The CLI's own commands (period, indicators, agencies) and its error handling."""

import re
import subprocess
import sys

from papi_analysis import cli


def test_period_command(capsys):
    assert cli.main(["period", "6 tháng đầu năm 2024"]) == 0
    out = capsys.readouterr().out
    assert "2024-H1" in out and "15/12/2023 → 14/06/2024" in out and "2023-H2" in out


def test_period_command_english(capsys):
    assert cli.main(["period", "Quý I/2024", "--lang", "en"]) == 0
    assert "Same period last year" in capsys.readouterr().out


def test_bad_period_exits_2_without_traceback():
    proc = subprocess.run([sys.executable, "-m", "papi_analysis.cli", "period", "quý năm"],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "Không đọc được kỳ báo cáo" in proc.stderr and "6 tháng đầu năm 2024" in proc.stderr


def test_indicators_and_agencies(capsys, tmp_path):
    assert cli.main(["indicators", "--group", "proc"]) == 0
    out = capsys.readouterr().out
    assert "proc.full_online" in out and "tthc." not in out
    assert cli.main(["agencies", "--lang", "en"]) == 0
    assert "Department of Science and Technology" in capsys.readouterr().out
    target = tmp_path / "ind.csv"
    assert cli.main(["indicators", "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM so Excel shows diacritics


def test_every_subcommand_has_help():
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, p in sub.choices.items():
        assert p.format_help(), name
    assert set(sub.choices) == set(cli.COMMANDS)


def test_every_subcommand_has_a_description_and_english_help():
    parser = cli.build_parser("en")
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, p in sub.choices.items():
        assert p.description, f"{name} has no description"
    build = sub.choices["build"].format_help()
    assert "reporting period (2024-H1 …)" in build and "kỳ báo cáo" not in build


def test_english_help_before_the_subcommand():
    proc = subprocess.run([sys.executable, "-m", "papi_analysis.cli", "--lang", "en", "build",
                           "--help"], capture_output=True, text=True)
    assert proc.returncode == 0
    assert "rebuild unchanged appendices too" in proc.stdout


def test_a_closed_pipe_ends_quietly():
    # `papi-analysis indicators | head -1`: no "Broken pipe", no advice about Excel or disks
    proc = subprocess.Popen([sys.executable, "-m", "papi_analysis.cli", "indicators"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait() == 0
    assert "Broken pipe" not in err and "Excel" not in err and err == ""


def test_indicators_speak_the_language_and_name_real_forms(capsys):
    assert cli.main(["indicators", "--group", "tthc"]) == 0
    out = capsys.readouterr().out
    assert "[hồ sơ · biểu mẫu tthc · PAPI D5]" in out and "[files" not in out and ".0]" not in out
    assert cli.main(["indicators", "--group", "egov"]) == 0
    out = capsys.readouterr().out
    assert "egov," not in out and "chưa có biểu mẫu" in out  # no template is called egov
    assert cli.main(["--lang", "en", "indicators", "--group", "egov"]) == 0
    assert "no form yet" in capsys.readouterr().out


def test_an_unchanged_rate_reads_unchanged():
    from papi_analysis.appendix import tables

    words = tables.change_words("up", "0,0 điểm %", "vi")
    assert words == "không đổi"
    html = tables.movement("up", words, "kỳ đó", "50,0%")
    assert "▲" not in html and "tăng" not in html
    assert tables.change_words("up", "0,1 điểm %", "vi") == "tăng 0,1 điểm %"
    assert tables.change_words("down", "0.0 pp", "en") == "unchanged"


# Vietnamese letters with diacritics (Latin-1 and Latin Extended Additional, đ/Đ).
_VIETNAMESE = re.compile(r"[À-ỹĐđ]")


def _helps(lang: str) -> dict[tuple[str, str], str | None]:
    """Every help text the parser in ``lang`` shows, keyed by (subcommand, option or what):
    the options of the top level and of each subcommand, each subcommand's line in the
    command list and its description.  argparse's own -h/--version help is not ours."""
    parser = cli.build_parser(lang)
    sub = next(a for a in parser._actions if a.dest == "command")
    helps: dict[tuple[str, str], str | None] = {
        ("", a.dest): a.help for a in parser._actions if a.dest not in ("help", "version",
                                                                        "command")}
    for line in sub._choices_actions:
        helps[("", f"command {line.dest}")] = line.help
    for name, p in sub.choices.items():
        helps[(name, "description")] = p.description
        for a in p._actions:
            if a.dest != "help":
                helps[(name, "/".join(a.option_strings) or a.dest)] = a.help
    return helps


def test_every_option_has_a_vietnamese_and_an_english_help():
    vi, en = _helps("vi"), _helps("en")
    assert vi.keys() == en.keys()
    assert ("build", "--pdf") in vi and ("extract", "reports") in vi  # the walk finds them
    for key in vi:
        v, e = vi[key], en[key]
        assert v and e, f"{key}: no help in {'vi' if not v else 'en'}"
        assert _VIETNAMESE.search(v), f"{key}: the Vietnamese help is not Vietnamese: {v}"
        if v == e:  # one text for both: allowed only when it already reads "vi / en"
            *_, tail = v.split(" / ")
            assert " / " in v and not _VIETNAMESE.search(tail), (
                f"{key}: the English help is the Vietnamese one: {e}")
        else:  # the English help is English (a quoted example may be Vietnamese input)
            assert not _VIETNAMESE.search(re.sub(r"\"[^\"]*\"", "", e)), f"{key}: {e}"
