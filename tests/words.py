"""What a person reads must not carry internal ids or English: the detector the tests use.

An internal id is a group id ("TC1"), an item id that is not a document number ("TC3.0"), a
snake_case field or roll-up id ("so_tre_di_hoc"), a title id ("gia-dinh-hoc-tap") outside
the ``id@version`` form a person types, or any code of capitals glued to a number ("TC1.1",
"NL3"). English is any word of ``ENGLISH`` outside the allow-list. Field labels are what
hoctap itself shows, so they are looked at like any other text; only aliases (the names
people already write over their columns, such as "Điểm TC3") are taken out before looking.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from hoctap_cli.criteria.catalog import shipped_catalog

# Common English words, and the ones the CLI library and the program used to leak; words
# Vietnamese also writes without marks ("do", "in", "so sánh", "an", "no", "to") are left out.
ENGLISH = frozenset(
    """
    about above after all also and any are as at be because been before being below
    between both but by cannot could did does done each either else error errors
    every exist exists false file files for found from get got has have help here how if
    into invalid is it its mean message missing more most must none not null of
    one only option options or other our out over please required same should show some
    such than that the their then there these they this those too true try under unless
    until up usage use used value values was were what when where which while will with
    would you your yes argument arguments command commands default directory path paths
    denied permission such aborted abort warning warnings total points item items group
    groups level levels source rule rules field fields verdict reason reasons pass failed
    fail incomplete passed near miss gain gains provisional title titles criteria applicant
    applicants version sheet sheet row rows column columns name names id ids list lists
    unknown unexpected extra expected format formats page pages report decision export
    result results summary village villages household households commune score scores
    document documents date dates key keys choice choices tool
    """.split()
)
# Words a person meets in hoctap on purpose: tools, formats, and values they type.
ALLOWED = frozenset(
    """
    table json csv text markdown xlsx xlsm yaml yml html pdf svg docx hoctap excel sha
    utf bom columns
    """.split()
)
# Names a person types: 'gia-dinh-hoc-tap@448-2015', 'builtin:…', options such as '--criteria'.
_TYPED_NAME = re.compile(
    r"builtin:\S+|[a-z0-9][a-z0-9-]*@[A-Za-z0-9][A-Za-z0-9._-]*|(?<![\w-])--?[a-z][a-z-]*"
)
_PATH = re.compile(r"\S*[/\\]\S*|\S+\.(?:xlsx|xlsm|xls|ods|csv|yaml|yml|html|json|md|txt)\b")
# SHA-256 digests, also when a narrow screen folds one over two lines.
_HASH = re.compile(r"\b[0-9a-f]{16,}(?:\s*\n\s*[0-9a-f]+\b)?…?")
_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
# A code as the machine writes it: two or more capitals glued to a number ("TC1.1", "TC3").
_CODE = re.compile(r"(?<![\w-])[A-ZĐ]{2,}\d[\w.]*")


def _internal_ids() -> tuple[set[str], set[str]]:
    """(ids of groups, items, fields and roll-ups; ids of titles)."""
    ids: set[str] = set()
    titles: set[str] = set()
    for entry in shipped_catalog().entries:
        criteria = entry.criteria
        titles.add(criteria.id)
        ids |= {group.id for group in criteria.groups}
        ids |= {
            item.id for _, item in criteria.items() if not re.fullmatch(r"\d+(\.\d+)*", item.id)
        }
        ids |= {f for f in criteria.rule_fields() if "_" in f}
        ids |= {level.id for level in criteria.verdict.levels if "_" in level.id}
    return ids, titles


def _people_words() -> list[str]:
    """Aliases from the criteria files, longest first: the names people write over their
    own columns, shown back to them as names hoctap accepts. Labels are not among them."""
    found: set[str] = set()
    for entry in shipped_catalog().entries:
        for field in entry.criteria.rule_fields().values():
            found |= set(field.aliases)
    return sorted(found, key=len, reverse=True)


IDS, TITLES = _internal_ids()
PEOPLE_WORDS = _people_words()


def cleaned(text: str, extra_allowed: Iterable[str] = (), aliases: bool = True) -> str:
    """``text`` without what may name things in the machine's way: typed names, paths,
    people's own column names (unless ``aliases`` is false), and the given input data."""
    text = _HASH.sub(" ", text)
    text = _TYPED_NAME.sub(" ", text)
    text = _PATH.sub(" ", text)
    words = [*(PEOPLE_WORDS if aliases else ()), *sorted(extra_allowed, key=len, reverse=True)]
    whole = "|".join(re.escape(w) for w in words if w.strip())
    return re.sub(rf"(?<![\w.])(?:{whole})(?![\w.])", " ", text) if whole else text


def leaks(text: str, extra_allowed: Iterable[str] = (), aliases: bool = True) -> list[str]:
    """Every internal id or English word in ``text`` that a person would read; with
    ``aliases`` false, not even the names people write over their columns are let through
    (for hoctap's own words, such as a label, which may also be an old name kept as alias)."""
    text = cleaned(text, extra_allowed, aliases)
    found = []
    for token in re.findall(r"[\w.@:-]+", text):
        bare = token.strip(".:-")
        if bare in IDS or bare in TITLES or _CODE.fullmatch(bare):
            found.append(bare)
    for word in _WORD.findall(text):
        lower = word.lower()
        if lower in ENGLISH and lower not in ALLOWED:
            found.append(word)
    return found
