"""The registry of reporting units (agencies): codes, names, province, level."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import config
from .errors import AgencyError, InputFileError
from .text import fold

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
    try:
        df = pd.read_csv(path, dtype=str, encoding="utf-8-sig").fillna("")
    except FileNotFoundError:
        raise InputFileError(
            "Không tìm thấy danh sách đơn vị báo cáo.",
            "The agency registry file is missing.",
            where=path,
            hint_vi="Kiểm tra biến PAPI_ANALYSIS_AGENCIES hoặc thư mục data/agencies/.",
            hint_en="Check PAPI_ANALYSIS_AGENCIES or the data/agencies/ folder.",
        ) from None
    return {r.code: Agency(r.code, r.name_vi, r.name_en, r.short_vi, r.province, r.level)
            for r in df.itertuples(index=False)}


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
    out = difflib.get_close_matches(key, list(reg), n=n, cutoff=0.4)
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


def departments(path: Path | str | None = None) -> list[Agency]:
    """All department-level agencies (not the whole-province row), in registry order."""
    return [a for a in registry(path).values() if a.level != "province"]


def table(path: Path | str | None = None) -> pd.DataFrame:
    """The registry as a DataFrame."""
    return pd.DataFrame([a.__dict__ for a in registry(path).values()])
