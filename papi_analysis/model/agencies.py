"""The registry of reporting units (agencies): codes, names, province, level."""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import config
from ..errors import AgencyError, InputFileError
from ..text import fold, nfc

PROVINCE_CODE = "HY"  # the row that stands for the whole province


@dataclass(frozen=True)
class Agency:
    """One reporting unit."""

    code: str
    name_vi: str
    name_en: str
    short_vi: str
    province: str
    level: str

    def name(self, lang: str = "vi") -> str:
        """The full name in ``lang``."""
        return self.name_vi if lang == "vi" else self.name_en


@lru_cache(maxsize=8)
def _load(path: str) -> dict[str, Agency]:
    # csv, not pandas: the runner reads the registry on its no-change path, which must stay fast
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except FileNotFoundError:
        raise InputFileError(
            "Không tìm thấy danh sách đơn vị báo cáo.",
            "The agency registry file is missing.",
            where=path,
            hint_vi="Kiểm tra biến PAPI_ANALYSIS_AGENCIES hoặc thư mục data/agencies/.",
            hint_en="Check PAPI_ANALYSIS_AGENCIES or the data/agencies/ folder.",
        ) from None
    fields = ("code", "name_vi", "name_en", "short_vi", "province", "level")
    missing = [f for f in fields if rows and f not in rows[0]]
    if not rows or missing:
        raise InputFileError(
            "Danh sách đơn vị báo cáo trống hoặc thiếu cột: " + ", ".join(missing or fields) + ".",
            "The agency registry is empty or lacks columns: " + ", ".join(missing or fields) + ".",
            where=path,
            hint_vi="Giữ đúng tiêu đề cột như data/agencies/hung_yen.csv.",
            hint_en="Keep the column headers of data/agencies/hung_yen.csv.",
        )
    return {r["code"].strip(): Agency(*((r[f] or "").strip() for f in fields)) for r in rows}


def registry(path: Path | str | None = None) -> dict[str, Agency]:
    """All agencies, by code, from ``path`` (default: the shipped Hưng Yên registry)."""
    return _load(str(path or config.AGENCIES_FILE))


def get(code: str, path: Path | str | None = None) -> Agency:
    """Return the agency with ``code`` (case-insensitive).

    Raises
    ------
    AgencyError
        If the code is unknown; the message suggests the closest known codes.
    """
    reg = registry(path)
    key = str(code).strip().upper()
    if key in reg:
        return reg[key]
    raise AgencyError(
        f"Không có đơn vị mã “{code}” trong danh sách.",
        f"No agency with code “{code}” in the registry.",
        hint_vi=f"Mã gần nhất: {', '.join(suggest(code, path)) or '—'}. "
        "Xem danh sách bằng `papi-analysis agencies`.",
        hint_en=f"Closest codes: {', '.join(suggest(code, path)) or '—'}. "
        "List them with `papi-analysis agencies`.",
    )


def suggest(text: str, path: Path | str | None = None, n: int = 3) -> list[str]:
    """Codes closest to ``text``, matched against codes and folded names."""
    reg = registry(path)
    key = str(text).strip().upper()
    # 0.5: "SKHC" still finds SKHCN, but a code sharing one letter ("XYZ" ~ "HY") is no help
    out = difflib.get_close_matches(key, list(reg), n=n, cutoff=0.5)
    by_name = {fold(a.name_vi): c for c, a in reg.items()}
    by_name.update({fold(a.short_vi): c for c, a in reg.items()})
    for m in difflib.get_close_matches(fold(text), list(by_name), n=n, cutoff=0.6):
        if by_name[m] not in out:
            out.append(by_name[m])
    return out[:n]


def find_by_name(text: str, path: Path | str | None = None) -> Agency | None:
    """The agency whose full or short Vietnamese name appears in ``text``, longest first."""
    folded = fold(text)
    best: Agency | None = None
    for a in registry(path).values():
        for name in (a.name_vi, a.short_vi):
            if name and fold(name) in folded and (best is None or len(name) > len(best.name_vi)):
                best = a
    return best


def resolve_text(text: str, path: Path | str | None = None) -> str:
    """The registry code for an agency as a submission writes it, else the text as written.

    ``text`` may be a code in any case ("skhcn"), "Name (CODE)", or a full or short name
    (:func:`find_by_name`).  A unit outside the registry keeps its text, so that validation
    can report it; blank text gives "".
    """
    t = nfc(str(text)).strip()
    if not t:
        return ""
    upper = {c.upper(): c for c in registry(path)}
    if t.upper() in upper:
        return upper[t.upper()]
    m = re.search(r"\(\s*([A-Za-z0-9_&.-]+)\s*\)\s*$", t)
    if m and m.group(1).upper() in upper:
        return upper[m.group(1).upper()]
    found = find_by_name(t, path)
    return found.code if found else t


def departments(path: Path | str | None = None) -> list[Agency]:
    """All department-level agencies (not the whole-province row), in registry order."""
    return [a for a in registry(path).values() if a.level != "province"]


def table(path: Path | str | None = None):
    """The registry as a pandas DataFrame."""
    import pandas as pd

    return pd.DataFrame([a.__dict__ for a in registry(path).values()])
