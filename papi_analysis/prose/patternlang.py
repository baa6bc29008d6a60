"""The small pattern language of the prose reader: compiler and matcher helpers.

A phrase is written the way reports write them, with number slots ``{N:code}`` /
``{P:code}``, ``…`` (up to six words), ``~`` (up to 80 characters), ``@`` (linking words)
and spellings written once (:data:`SPELLINGS`); the whole syntax is explained in
:mod:`papi_analysis.prose.patterns`, which holds the phrases themselves (the data).  This
module turns a phrase into a regular expression on folded text (:func:`compile_phrase`) and
tells which words a sentence must contain for a phrase to match (:func:`required_words`,
:func:`required_atoms`), which is how a long report stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from ..text import fold
from . import vnnumbers

# -- the pattern language ------------------------------------------------------------------
_SLOT = re.compile(r"\{([NP])(?::([\w.|]+))?\}")


@dataclass(frozen=True)
class Slot:
    """One number slot of a compiled pattern: regex group, codes, percentage or not."""

    group: str
    codes: tuple[str, ...]
    percent: bool


@dataclass(frozen=True)
class Pattern:
    """A phrase that reads one or more figures (see the module docstring for the syntax)."""

    text: str
    weight: float = 0.9
    when: str = ""
    zero: tuple[str, ...] = ()
    name: str = ""

    @cached_property
    def regex(self) -> re.Pattern:
        """The compiled regular expression, on folded text."""
        rx, _ = compile_phrase(self.text)
        return rx

    @cached_property
    def when_regex(self) -> re.Pattern | None:
        """The compiled context condition, or ``None``."""
        return compile_phrase(self.when)[0] if self.when else None

    @cached_property
    def literal(self) -> tuple[str, ...]:
        """Words of which every match contains one (folded), or ``()``: a sentence without
        any of them is not scanned (:func:`required_words`)."""
        return required_words(_spell(self.text))

    @cached_property
    def atoms(self) -> tuple[tuple[str, ...], ...]:
        """All word groups a match needs one word of each (:func:`required_atoms`)."""
        return required_atoms(_spell(self.text))

    @property
    def codes(self) -> tuple[str, ...]:
        """Every indicator code this pattern can produce."""
        out = list(self.zero)
        for s in compile_phrase(self.text)[1]:
            out.extend(s.codes)
        return tuple(out)


def P(text: str, weight: float = 0.9, when: str = "") -> Pattern:
    """A pattern with number slots."""
    return Pattern(text=text, weight=weight, when=when)


def Z(text: str, *codes: str, weight: float = 0.8, when: str = "") -> Pattern:
    """A zero written in words: ``text`` sets every code in ``codes`` to 0."""
    return Pattern(text=text, weight=weight, when=when, zero=tuple(codes))


_GAP_WORDS = r"(?:[^\W\d_]+\s+){0,6}?"  # "…": up to six words, each with its space
#: "@": optional linking words between a label and its number (folded), at most three, and
#: a colon: "là", "có", "gồm", "còn", "chỉ", "đạt", "với (tổng) số tiền", "tổng cộng", "lên tới".
LINK_WORDS = (r"la|co|gom|con|chi|dat|voi|tong cong|tong so tien|tong so|so tien|len toi|"
              r"len den|tat ca|khoang|hon|tren|gan|xap xi")
# an aside without digits may stand between ("đã thu hồi (tạm giữ chờ xử lý) hơn 3,7 tỷ")
_LINK = rf"(?:\s*\([^()\d;]{{1,40}}\))?(?:\s*\b(?:{LINK_WORDS})\b){{0,5}}\s*:?\s*"
_GAP_TEXT = r"(?:(?!trong do\b)[^\d.;:]){0,80}?"  # "~": ≤ 80 chars, no digit . ; : "trong đó"


def _fold_piece(piece: str) -> str:
    """Translate a piece of phrase (no slots) into a regex on folded text.

    Letters are folded, backslash escapes kept, a space becomes ``\\s+`` (a single ``\\s``
    inside a look-behind, which must have a fixed width), and the gaps ``…`` / ``~`` take
    the spaces around them.
    """
    out: list[str] = []
    depth_lookbehind: list[bool] = []
    i, n = 0, len(piece)
    while i < n:
        ch = piece[i]
        if ch == "\\" and i + 1 < n:
            out.append(piece[i:i + 2])
            i += 2
            continue
        if ch == "(":
            behind = piece.startswith("(?<!", i) or piece.startswith("(?<=", i)
            depth_lookbehind.append(behind)
            out.append(ch)
        elif ch == ")":
            if depth_lookbehind:
                depth_lookbehind.pop()
            out.append(ch)
        elif ch == " " and i + 1 < n and piece[i + 1] == "?":
            out.append(r"\s*")  # "x ?y": an optional space
            i += 2
            continue
        elif ch == " " and i + 1 < n and piece[i + 1] == "@":
            pass  # the linking words take the spaces around them
        elif ch == "@":
            out.append(_LINK)
            if i + 1 < n and piece[i + 1] == " ":
                i += 1
        elif ch == " ":
            if any(depth_lookbehind):
                out.append(r"\s")
            elif i + 1 < n and piece[i + 1] == "~":
                out.append(r"\s*")
            elif out and out[-1] in (_GAP_WORDS, _GAP_TEXT):
                out.append(r"\s*" if out[-1] == _GAP_TEXT else "")
            else:
                out.append(r"\s+")
        elif ch == "…":
            out.append(_GAP_WORDS)
        elif ch == "~":
            out.append(_GAP_TEXT)
        else:
            f = fold(ch)
            out.append(f if len(f) == 1 else ch)
        i += 1
    return "".join(out)


def required_words(text: str) -> tuple[str, ...]:
    """Folded words of which every match of phrase ``text`` contains one, or ``()``.

    A plain word (≥ 2 letters) outside any group, or a group that must be there and whose
    alternatives each have such a word ("(tiếp nhận|nhận được)" → ("nhan", "duoc")): the
    most selective is kept.  A top-level ``|`` (the whole phrase is an alternative) gives
    ``()``.  Used to skip sentences quickly: matching every phrase on every sentence is what
    a long report costs.
    """
    atoms: list[tuple[str, ...]] = []
    cur: list[str] = []
    depth, i, n, group_start = 0, 0, len(text), -1

    def cut() -> None:
        if cur:
            w = fold("".join(cur))
            if len(w) >= 2:
                atoms.append((w,))
            cur.clear()

    while i < n:
        ch = text[i]
        optional = i + 1 < n and text[i + 1] in "?*"
        if ch == "\\":
            if depth == 0:
                cut()
            i += 2
            continue
        if ch in "([{":
            if depth == 0:
                cut()
                group_start = i
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0 and ch == ")" and not optional and group_start >= 0 \
                    and text[group_start + 1:group_start + 2] != "?":
                alts = _split_top(text[group_start + 1:i])
                words = [required_words(alt) for alt in alts]
                if all(words):
                    atoms.append(tuple(sorted(set().union(*words))))
        elif depth == 0:
            if ch == "|":
                return ()
            if ch.isalpha() and not optional:
                cur.append(ch)
            elif ch.isalpha():  # "x?": the letter is optional, and so is the word
                cur.clear()
            else:
                cut()
        i += 1
    cut()
    if not atoms:
        return ()
    return max(atoms, key=lambda a: (min(len(w) for w in a), -len(a)))


def required_atoms(text: str) -> tuple[tuple[str, ...], ...]:
    """Every group of words of which a match of phrase ``text`` must contain one.

    The same reading as :func:`required_words`, keeping all the groups found at the top
    level (a sentence must contain one word of each to be worth matching).
    """
    out: list[tuple[str, ...]] = []
    depth, start, i, n = 0, 0, 0, len(text)
    pieces: list[str] = []
    while i < n:  # split the phrase at its top-level groups, keep required groups whole
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch in "([{":
            if depth == 0:
                pieces.append(text[start:i])
                start = i
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                pieces.append(text[start:i + 1] + (text[i + 1] if i + 1 < n and
                                                   text[i + 1] in "?*" else ""))
                start = i + 1 + (1 if i + 1 < n and text[i + 1] in "?*" else 0)
                i = start
                continue
        elif ch == "|" and depth == 0:
            return ()
        i += 1
    pieces.append(text[start:])
    for piece in pieces:
        if piece.startswith("(") and not piece.endswith(("?", "*")):
            atom = required_words(piece)
            if atom:
                out.append(atom)
        elif not piece.startswith(("(", "[", "{")):
            for w in re.findall(r"[^\W\d_]+", piece):
                w = fold(w)
                if len(w) >= 2 and not re.search(re.escape(w) + r"\s?[?*]", fold(piece)):
                    out.append((w,))
    return tuple(out)


def _split_top(text: str) -> list[str]:
    """``text`` split at its top-level ``|``."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "\\":
            continue
        if ch in "([{" and (i == 0 or text[i - 1] != "\\"):
            depth += 1
        elif ch in ")]}" and (i == 0 or text[i - 1] != "\\"):
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return out


#: Spellings a phrase also matches, written once here rather than in every phrase: a word of
#: the phrase (left, as written) also matches its variants (right, a piece of phrase).
SPELLINGS: dict[str, str] = {
    "hồ sơ": "(hồ sơ( TTHC| thủ tục hành chính)?|HS)",
    "tỷ lệ": "(tỷ|tỉ) lệ",
    "trước hạn": "(trước|sớm) (thời )?hạn",
    # the abbreviations of complaint and denunciation ("32/52 vụ việc KN, 63/78 vụ việc TC")
    "khiếu nại": "(khiếu nại|KN)",
    "tố cáo": "(tố cáo|TC)",
}
_SPELLING_RE = re.compile("|".join(re.escape(k) for k in SPELLINGS))


#: Pieces of phrase computed on first use, written ``<<name>>`` in a phrase (the province
#: names read from the data folder): importing the patterns reads no file.
MACROS: dict[str, Callable[[], str]] = {}
_MACRO_VALUES: dict[str, str] = {}
_MACRO_RE = re.compile(r"<<(\w+)>>")


def _macro(m: re.Match) -> str:
    name = m.group(1)
    if name not in _MACRO_VALUES:
        if name not in MACROS:
            raise ValueError(f"unknown macro <<{name}>> in a pattern")
        _MACRO_VALUES[name] = MACROS[name]()
    return _MACRO_VALUES[name]


def _spell(text: str) -> str:
    """``text`` with its macros expanded (:data:`MACROS`) and :data:`SPELLINGS` applied
    outside look-behinds (they need a fixed width)."""
    if "<<" in text:
        text = _MACRO_RE.sub(_macro, text)
    out, pos = [], 0
    for m in _SPELLING_RE.finditer(text):
        behind = text.rfind("(?<", 0, m.start())
        if behind >= 0 and text.find(")", behind) > m.start():
            continue
        out += [text[pos:m.start()], SPELLINGS[m.group()]]
        pos = m.end()
    return "".join(out) + text[pos:]


_COMPILED: dict[str, tuple[re.Pattern, tuple[Slot, ...]]] = {}


def compile_phrase(text: str) -> tuple[re.Pattern, tuple[Slot, ...]]:
    """Compile a phrase of the pattern language into a regex on folded text and its slots.

    Raises
    ------
    ValueError
        If the phrase is not a valid pattern (the message names it).
    """
    if text in _COMPILED:
        return _COMPILED[text]
    key, text = text, _spell(text)
    parts, slots, pos = [], [], 0
    for i, m in enumerate(_SLOT.finditer(text)):
        parts.append(_fold_piece(text[pos:m.start()]))
        percent = m.group(1) == "P"
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        num = vnnumbers.number_regex(percent=percent, after_slash=before == "/",
                                     before_slash=after == "/"
                                     or text[m.end():m.end() + 2] == "(/")
        codes = tuple(c for c in (m.group(2) or "").split("|") if c)
        group = f"s{i}"
        parts.append(f"(?P<{group}>{num})")
        slots.append(Slot(group, codes, percent))
        pos = m.end()
        if text[pos:pos + 1] == " " and text[pos + 1:pos + 2].isalpha() and not percent:
            parts.append(r"\s*")  # "1cuộc", "77.773m2": the unit may touch the number
            pos += 1
    parts.append(_fold_piece(text[pos:]))
    body = "".join(parts)
    if key[:1].isalpha():
        body = r"(?<!\w)" + body
    if key[-1:].isalpha():
        body += r"(?!\w)"
    try:
        rx = re.compile(body)
    except re.error as exc:
        raise ValueError(f"invalid pattern {text!r}: {exc}") from None
    _COMPILED[key] = (rx, tuple(slots))
    return _COMPILED[key]
