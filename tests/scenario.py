"""A data folder as a province's analyst has it in December 2024: real forms from three
departments for 2024-H2, a prose report from a fourth, and the shipped illustrative panel.

Written by code into a temporary folder (no binary file is committed).  The forms are the
official template (:func:`papi_analysis.intake.submissions.write_template`) filled cell by cell
with openpyxl, the way a clerk fills them; the report is a short Word document.  The figures
are those of the problem report that asked for "one agency, one period, one owner" (the
department names are real, the figures are test figures, not any department's).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from broken_inputs import form_workbook, word_report

from papi_analysis import config

PERIOD = "2024-H2"

#: SKHCN: online 290, in person 4, nothing carried over; all resolved (200 early, 94 on time).
SKHCN = {3: 294, 4: 290, 5: 4, 6: 0, 7: 294, 8: 200, 9: 94, 10: 0, 11: 0, 12: 0, 13: 0}
#: SYT: the total only, nothing else filled in.
SYT = {3: 1870}
#: STP: two fields and the total row.
STP_FIELDS = {
    "Hộ tịch": {3: 410, 4: 380, 5: 20, 6: 10, 7: 400, 8: 300, 9: 95, 10: 5, 11: 10, 12: 10,
                13: 0},
    "Chứng thực": {3: 120, 4: 100, 5: 15, 6: 5, 7: 118, 8: 100, 9: 18, 10: 0, 11: 2, 12: 2,
                   13: 0},
}
STP = {3: 530, 4: 480, 5: 35, 6: 15, 7: 518, 8: 400, 9: 113, 10: 5, 11: 12, 12: 12, 13: 0}

#: STC's Word report: files received and resolved, all early or on time.
STC_REPORT = [
    "SỞ TÀI CHÍNH TỈNH HƯNG YÊN",
    "BÁO CÁO Kết quả thực hiện các nhiệm vụ nâng cao chỉ số PAPI 6 tháng cuối năm 2024",
    "1. Công tác giải quyết thủ tục hành chính",
    "Trong kỳ, Sở Tài chính đã tiếp nhận 148 hồ sơ thủ tục hành chính, đã giải quyết 148 hồ "
    "sơ; 148/148 hồ sơ được giải quyết trước và đúng hạn, đạt 100%.",
]
#: Real agencies of the scenario, and the 2024-H2 figures an appendix must show for them.
REAL = {"SKHCN", "SYT", "STP", "STC"}


def data_folder(root: Path, *, prose: bool = True, panel: bool = True) -> Path:
    """The scenario's data folder under ``root``: agencies, PAPI, the panel, and the
    submissions above (with the shipped real SKHCN 2024-H1 seed)."""
    data = root / "data"
    for part in ("agencies", "papi"):
        shutil.copytree(config.DATA_DIR / part, data / part)
    if panel:
        shutil.copytree(config.DATA_DIR / "illustrative", data / "illustrative")
    sub = data / "submissions"
    sub.mkdir(parents=True)
    shutil.copy(config.DATA_DIR / "submissions" / "skhcn_2024-H1_seed.csv", sub)
    form_workbook(sub, "skhcn_2024-H2.xlsx", SKHCN, agency="SKHCN", period=PERIOD)
    form_workbook(sub, "syt_2024-H2.xlsx", SYT, agency="SYT", period=PERIOD)
    form_workbook(sub, "stp_2024-H2.xlsx", STP, agency="STP", period=PERIOD, fields=STP_FIELDS)
    if prose:
        word_report(sub / "stc_bao_cao_2024-H2.docx", STC_REPORT)
    return data
