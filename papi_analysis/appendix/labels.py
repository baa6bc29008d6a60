"""Words and names in the notebook's language: texts, titles, agencies, periods, units.

:class:`Labels` gives every part of an appendix the same wording: a text in Vietnamese or
English, the fixed words ("Bảng" / "Table"), the appendix title (from its notebook's
metadata, :mod:`papi_analysis.appendix.appendices`), agency and period names, and the short
name of a unit among units of other provinces (after the 2025 mergers "Sở NN&MT" and
"Sở NN&MT Thái Bình" must differ).  Names are plain text, or escaped where the method says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..model import agencies
from ..model.periods import Period
from ..text import fold
from . import appendices, tables
from .parameters import Parameters
from .tables import esc

__all__ = ["Labels", "and_"]


class Labels:
    """The wording of one notebook's appendix, in its language."""

    def __init__(self, params: Parameters) -> None:
        self.params = params

    @property
    def lang(self) -> str:
        """The notebook's language, ``vi`` or ``en``."""
        return self.params.lang

    def t(self, vi: str, en: str) -> str:
        """The text in the notebook's language."""
        return tables.t(self.lang, vi, en)

    def word(self, key: str) -> str:
        """A fixed word of the appendix ("Bảng" / "Table") in the notebook's language."""
        return tables.word(key, self.lang)

    @property
    def title(self) -> str:
        """The appendix title in the notebook's language (its notebook's metadata)."""
        found = appendices.find(self.params.appendix)
        return found.title(self.lang) if found is not None else ""

    def agency_name(self, code: str, short: bool = False) -> str:
        """An agency's name (short Vietnamese name in vi tables), or the code if unknown."""
        return tables.agency_name(code, self.lang, short)

    def agency_names(self, codes: Iterable[str] | None = None, short: bool = True
                     ) -> dict[str, str]:
        """Code → display name for ``codes`` (default: the whole registry)."""
        codes = list(codes) if codes is not None else list(agencies.registry())
        return {c: self.agency_name(c, short) for c in codes}

    def period_label(self, p: Period | str) -> str:
        """``6 tháng đầu năm 2024`` / ``First half of 2024``; unknown codes as they are."""
        return tables.period_label(p, self.lang)

    def compare_label(self, p: Period) -> str:
        """``6 tháng cuối năm 2023 (kỳ trước)``."""
        return tables.compare_label(self.params.period, p, self.lang)

    def unit_label(self, code: str, others: Iterable[str] = ()) -> str:
        """A unit's short name; with the province added when ``others`` (the units named
        with it) come from another province, so "Sở NN&MT" and "Sở NN&MT Thái Bình" differ."""
        a = self.params.reg.units.get(code)
        if a is None:
            return code
        if a.kind == "province" and len([o for o in others if o]) > 1:
            return self.t(f"tỉnh {a.province} (cũ)", f"former {a.province} province")
        name = (a.short_vi or a.name_vi) if self.lang == "vi" else a.name_en
        provs = {self.params.reg.units[o].province for o in others if o in self.params.reg.units}
        if len(provs | {a.province}) > 1 and fold(a.province) not in fold(name):
            name += f" ({a.province})" if self.lang == "en" else f" {a.province}"
        return name

    def feeder_names(self, base) -> list[str]:
        """The short names of the units a comparison period sums (``base``: a lineage base)."""
        codes = [f.code for f in base.feeders if f.code]
        return [self.unit_label(c, codes) for c in codes]

    def names_html(self, codes: Iterable[str]) -> str:
        """The agencies' short names, escaped, separated by commas."""
        return ", ".join(esc(self.agency_name(c, short=True)) for c in codes)

    def periods_html(self, codes: Iterable[str]) -> str:
        """The periods' names, escaped, separated by commas."""
        return ", ".join(esc(self.period_label(p)) for p in codes)

    def coverage_text(self, n: int, total: int) -> str:
        """``số liệu của 4/18 đơn vị`` / ``figures of 4 of 18 agencies``."""
        return self.t(f"số liệu của {n}/{total} đơn vị", f"figures of {n} of {total} agencies")


def and_(names: Sequence[str], lang: str) -> str:
    """``A, B và C`` / ``A, B and C``."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    word = " và " if lang == "vi" else " and "
    return ", ".join(names[:-1]) + word + names[-1]
