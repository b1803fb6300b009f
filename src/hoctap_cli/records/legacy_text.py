"""Vietnamese typed in the pre-Unicode encodings TCVN3 (.VnTime fonts) and VNI (VNI-Times).

Old workbooks keep such text as the Windows characters of each byte: "Nguyễn Văn An" in
TCVN3 reads "NguyÔn V¨n An", in VNI "Nguyeãn Vaên An". A cell is converted only when the
conversion turns more of its words into well-formed Vietnamese syllables than it had, and
at least half of them; text already in Unicode Vietnamese (every word well formed, or a
letter beyond Latin-1) is never touched. TCVN3 has no toned capitals: all-capital text is
typed with the .VnTimeH fonts using the small letters' codes, so a word whose other letters
are capitals is given capitals.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

# --- TCVN3 (TCVN 5712:1993, VN3): one byte per letter ------------------------------------

_TCVN3_UNICODE = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ"
_TCVN3_LEGACY = "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\xadõøö÷ùúýûüþ¡¢§£¤¥¦"
TCVN3: dict[str, str] = dict(zip(_TCVN3_LEGACY, _TCVN3_UNICODE, strict=True))

# --- VNI (VNI-Windows): a base letter, then a byte for the mark and tone ----------------

_TONES = "\u0301\u0300\u0309\u0303\u0323"  # sắc, huyền, hỏi, ngã, nặng
_PLAIN = "ùøûõï"  # the tone bytes after a, e, o, u, y, ô (ơ) and ö (ư)
_CIRCUMFLEX = "âáàåãä"  # â ấ ầ ẩ ẫ ậ after a, e, o
_BREVE = "êéèúüë"  # ă ắ ằ ẳ ẵ ặ after a


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {"ñ": "đ", "ô": "ơ", "ö": "ư"}
    toned = {"a": "a", "e": "e", "o": "o", "u": "u", "y": "y", "ô": "ơ", "ö": "ư"}
    for legacy, letter in toned.items():
        for byte, tone in zip(_PLAIN, _TONES, strict=True):
            table[legacy + byte] = unicodedata.normalize("NFC", letter + tone)
    for base, marked, marks in (("a", "â", _CIRCUMFLEX), ("e", "ê", _CIRCUMFLEX)):
        _marked(table, base, marked, marks)
    _marked(table, "o", "ô", _CIRCUMFLEX)
    _marked(table, "a", "ă", _BREVE)
    table |= dict(zip("íìæóò", "íìỉĩị", strict=True)) | {"î": "ỵ"}
    capitals = {key.upper(): value.upper() for key, value in table.items()}
    # A capital typed before a small mark byte ("Aù" for "Á") reads the same.
    mixed = {key[0].upper() + key[1:]: value.upper() for key, value in table.items()}
    return table | mixed | capitals


def _marked(table: dict[str, str], base: str, marked: str, marks: str) -> None:
    table[base + marks[0]] = marked
    for byte, tone in zip(marks[1:], _TONES, strict=True):
        table[base + byte] = unicodedata.normalize("NFC", marked + tone)


VNI: dict[str, str] = _vni_table()
_VNI_PATTERN = re.compile("|".join(re.escape(k) for k in sorted(VNI, key=len, reverse=True)))


def from_tcvn3(text: str) -> str:
    converted = "".join(TCVN3.get(ch, ch) for ch in text)
    letters = [ch for ch in text if ch.isascii() and ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return converted.upper()  # .VnTimeH: capitals typed with the small letters' codes
    return converted


def from_vni(text: str) -> str:
    return _VNI_PATTERN.sub(lambda found: VNI[found.group(0)], text)


CONVERTERS: dict[str, Callable[[str], str]] = {"TCVN3": from_tcvn3, "VNI": from_vni}

# --- Is a word a Vietnamese syllable? ---------------------------------------------------

_INITIALS = sorted(
    "b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x".split() + [""],
    key=len,
    reverse=True,
)
# Vowel groups and where their tone may stand: on the main vowel, which comes first in
# falling groups (ai, âu, ưu …) and later in rising ones (iê, uô, ươ …); hòa and hoà are both
# in use, as are thúy and thuý.
_FALLING = "ai ao au ay âu ây eo êu ia iu oi oo ôi ơi ua ui ưa ưi ưu".split()
_RISING = "oă uâ uê uô uơ ươ iê yê".split()
_EITHER = "oa oe uy".split()
_MIDDLE = "oai oay oao oeo uây uôi ươi ươu yêu iêu uya uyu".split()
_NUCLEI: dict[str, frozenset[int]] = (
    {vowel: frozenset({0}) for vowel in "aăâeêioôơuưy"}
    | {group: frozenset({0}) for group in _FALLING}
    | {group: frozenset({1}) for group in _RISING + _MIDDLE}
    | {group: frozenset({0, 1}) for group in _EITHER}
    | {"uyê": frozenset({2})}
)
_FINALS = ("", "c", "ch", "m", "n", "ng", "nh", "p", "t")
_SPLIT = re.compile(r"[\s\d!-/:-@\[-`{-~]+")  # spaces, digits and ASCII punctuation


def _untoned(word: str) -> tuple[str, list[int]]:
    """The word without tone marks, and the positions of the letters that had one."""
    letters, toned = [], []
    for index, ch in enumerate(unicodedata.normalize("NFC", word.lower())):
        parts = unicodedata.normalize("NFD", ch)
        if any(mark in _TONES for mark in parts):
            toned.append(index)
        bare = "".join(mark for mark in parts if mark not in _TONES)
        letters.append(unicodedata.normalize("NFC", bare))
    return "".join(letters), toned


def is_syllable(word: str) -> bool:
    """Whether ``word`` is shaped like one Vietnamese syllable, its tone in a right place."""
    bare, toned = _untoned(word)
    if len(toned) > 1 or len(bare) != len(word):
        return False
    for initial in _INITIALS:
        if not bare.startswith(initial):
            continue
        for final in _FINALS:
            nucleus = bare[len(initial) : len(bare) - len(final)]
            if not bare.endswith(final) or nucleus not in _NUCLEI:
                continue
            if not toned or toned[0] - len(initial) in _NUCLEI[nucleus]:
                return True
    return False


def _marked_words(text: str) -> list[str]:
    return [word for word in _SPLIT.split(text) if word and not word.isascii()]


def well_formed(text: str) -> int:
    """How many words with a non-ASCII letter are Vietnamese syllables."""
    return sum(is_syllable(word) for word in _marked_words(text))


_BEYOND_LATIN1 = re.compile("[^\x00-\xff]")


def could_be_legacy(text: str) -> bool:
    """Latin-1 letters only, some beyond ASCII: the shape legacy text takes."""
    return not text.isascii() and _BEYOND_LATIN1.search(text) is None


def alternatives(text: str) -> list[tuple[str, str]]:
    """(encoding, converted text) for each legacy reading that changes ``text``."""
    text = unicodedata.normalize("NFC", text)
    if not could_be_legacy(text):
        return []
    found = [(name, convert(text)) for name, convert in CONVERTERS.items()]
    return [(name, converted) for name, converted in found if converted != text]


@functools.lru_cache(maxsize=1 << 16)  # a village's name is in every one of its rows
def repair(text: str, prefer: str | None = None) -> tuple[str, str | None]:
    """``text`` in Unicode and the legacy encoding it was converted from, if it was.

    When both encodings read the text equally well ("öu" is ưu in VNI, ửu in TCVN3), the one
    ``prefer`` names is taken (the encoding of the other cells of the file), else neither.
    """
    choices = alternatives(text)
    if not choices:
        return text, None
    total, score = len(_marked_words(text)), well_formed(text)
    scored = [(well_formed(converted), name, converted) for name, converted in choices]
    best = max(points for points, _, _ in scored)
    if best <= score or 2 * best < total:
        return text, None
    winners = [(name, converted) for points, name, converted in scored if points == best]
    if len(winners) > 1:
        winners = [(name, converted) for name, converted in winners if name == prefer]
    if len(winners) != 1:
        return text, None
    name, converted = winners[0]
    return converted, name
