"""Properties drawn by hypothesis: no input crashes the readers, the engine or the loader.

Random workbooks come from ``tests/records/test_properties.py`` (which checks the reader
row by row); here they go through the whole command, twice.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.records.conftest import build_book
from tests.records.test_properties import WORKBOOK_CELLS, workbooks
from typer.testing import CliRunner

from hoctap_cli.cli.app import app
from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.criteria.loader import CriteriaError, parse_criteria
from hoctap_cli.records.legacy_text import TCVN3, VNI, repair
from hoctap_cli.records.reader import open_input, read_input
from hoctap_cli.records.sources import InputError
from hoctap_cli.records.xlsx_scan import SheetScanner
from hoctap_cli.workflow.run import InputsUnreadable, NoCriteriaFound, evaluate_paths

from .corpus import ALL_TYPES, ROOT
from .xlsx_parts import Formula, row_xml

# Whole sheets and byte strings are large examples by design: under load Hypothesis would
# otherwise stop on its own size and speed checks rather than on a property.
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
AS_OF = dt.date(2025, 12, 31)
VALID_MINIMAL = (ROOT / "tests" / "criteria" / "valid-minimal.yaml").read_text(encoding="utf-8")
TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]
SYLLABLES = st.builds(
    lambda initial, vowel, tone, final: unicodedata.normalize(
        "NFC", initial + vowel[0] + tone + vowel[1:] + final
    ),
    st.sampled_from(["", "b", "c", "ch", "đ", "gi", "kh", "ng", "nh", "th", "tr", "qu"]),
    st.sampled_from(["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "âu", "ưu"]),
    st.sampled_from(TONES),
    st.sampled_from(["", "c", "m", "n", "ng", "nh", "p", "t"]),
)
PHRASES = st.lists(SYLLABLES, min_size=1, max_size=6).map(" ".join)
_TO_TCVN3 = {letter: byte for byte, letter in TCVN3.items()}
_TO_VNI = {
    letter: typed for typed, letter in VNI.items() if not typed[0].isupper() or len(typed) == 1
}


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


@SETTINGS
@given(text=PHRASES, capital=st.booleans())
def test_unicode_vietnamese_is_never_converted(text: str, capital: bool) -> None:
    """It leaves any text of well-formed Vietnamese syllables in Unicode as it is."""
    text = text.title() if capital else text
    assert repair(text) == (text, None)


@SETTINGS
@given(text=PHRASES, encoding=st.sampled_from(["TCVN3", "VNI"]))
def test_legacy_text_is_restored_or_kept(text: str, encoding: str) -> None:
    """It turns Vietnamese typed in TCVN3 or VNI back into the original, or leaves it as typed."""
    table = _TO_TCVN3 if encoding == "TCVN3" else _TO_VNI
    typed = "".join(table.get(letter, letter) for letter in text)
    converted, found = repair(typed)
    assert (converted, found) in {(text, encoding), (typed, None)}


@st.composite
def sheet_xml(draw: st.DrawFn) -> bytes:
    """Rows with values, formulas, errors, hidden flags and cells far out."""
    parts = ['<worksheet xmlns="m"><sheetData>']
    for number in sorted(draw(st.sets(st.integers(1, 2_000), max_size=12))):
        cells = draw(
            st.lists(
                st.one_of(
                    WORKBOOK_CELLS.filter(lambda c: not isinstance(c, dt.date | bool)),
                    st.builds(Formula, st.sampled_from(["1+1", "A1*2"]), st.none() | st.integers()),
                    st.builds(Formula, st.just("1/0"), st.none(), st.just("#DIV/0!")),
                ),
                max_size=30,
            )
        )
        parts.append(row_xml(number, cells, draw(st.booleans())))
    parts.append("</sheetData></worksheet>")
    return "".join(parts).encode("utf-8")


@SETTINGS
@given(xml=sheet_xml(), cuts=st.lists(st.integers(1, 400), max_size=20))
def test_sheet_scan_does_not_depend_on_chunks(xml: bytes, cuts: list[int]) -> None:
    """It finds the same extent, hidden rows and formulas however the XML is cut in chunks."""
    whole = SheetScanner("S")
    whole.feed(xml)
    pieces = SheetScanner("S")
    start = 0
    for size in cuts:
        pieces.feed(xml[start : start + size])
        start += size
    pieces.feed(xml[start:])
    assert pieces.finish() == whole.finish()


BYTES = st.tuples(
    st.sampled_from(
        [b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"<html>", b"\xff\xfe"]
    ),
    st.binary(max_size=3000),
).map(lambda parts: parts[0] + parts[1])


@SETTINGS
@given(raw=BYTES, suffix=st.sampled_from([".xlsx", ".csv", ".yaml"]))
def test_random_bytes_never_crash_a_reader(raw: bytes, suffix: str, scratch: Path) -> None:
    """It reads any bytes under any supported name, or refuses them with a located problem."""
    path = scratch / f"ngau-nhien{suffix}"
    path.write_bytes(raw)
    compiled = shipped_catalog().resolve("gia-dinh-hoc-tap", dt.date(2025, 12, 31))
    try:
        result = read_input(open_input(path), compiled)
    except InputError as exc:
        assert exc.problem.file == str(path) and exc.problem.message
    else:
        assert all(problem.file == str(path) for problem in result.problems)


RECORD_VALUES = st.one_of(WORKBOOK_CELLS, st.lists(st.integers(), max_size=2), st.text(max_size=8))
FIELDS = ["ma", "ho_ten", "thon", "so_con", "diem_hd", "co_tu_sach", "xep_loai", "Mã số", "lạ"]


@SETTINGS
@given(records=st.lists(st.dictionaries(st.sampled_from(FIELDS), RECORD_VALUES), max_size=8))
def test_random_records_never_crash_reader_or_engine(
    records: list[dict[str, Any]], scratch: Path
) -> None:
    """It evaluates or reports any list of YAML records, never crashing in reader or engine."""
    path = scratch / "ho-so.yaml"
    path.write_text(yaml.safe_dump({"records": records}, allow_unicode=True), encoding="utf-8")
    try:
        evaluation = evaluate_paths(
            [path], shipped_catalog(), str(ALL_TYPES), dt.date(2025, 12, 31)
        )
    except (InputsUnreadable, NoCriteriaFound):
        return
    assert len(evaluation.results) <= len(records)


def _mutate(lines: list[str], operation: str, index: int, text: str) -> str:
    index %= len(lines)
    if operation == "delete":
        del lines[index]
    elif operation == "repeat":
        lines.insert(index, lines[index])
    elif operation == "value" and ":" in lines[index]:
        lines[index] = lines[index].split(":", 1)[0] + ": " + text
    else:
        lines.insert(index, text)
    return "\n".join(lines) + "\n"


@SETTINGS
@given(
    changes=st.lists(
        st.tuples(
            st.sampled_from(["delete", "repeat", "value", "insert"]),
            st.integers(0, 10_000),
            st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=20),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_random_criteria_load_or_are_refused_with_a_place(
    changes: list[tuple[str, int, str]],
) -> None:
    """It loads a randomly altered criteria file or refuses it naming a line or a key."""
    text = VALID_MINIMAL
    for operation, index, inserted in changes:
        text = _mutate(text.splitlines(), operation, index, inserted)
    try:
        parse_criteria(text.encode("utf-8"), "tinh.yaml")
    except CriteriaError as exc:
        assert all(p.line is not None or p.path for p in exc.problems), exc.render()
        assert all(re.search(r"[à-ỹđ]", p.message.lower()) for p in exc.problems), exc.render()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(book=workbooks())
def test_same_input_gives_byte_identical_json(book: dict[str, Any], scratch: Path) -> None:
    """It writes byte for byte the same JSON when run twice on the same workbook."""
    path = build_book(scratch / "hai-lan.xlsx", {"S": [book["header"], *book["rows"]]})
    arguments = ["evaluate", str(path), "-c", str(ALL_TYPES), "-f", "json", "--as-of", "2025-12-31"]
    runs = [CliRunner().invoke(app, arguments, catch_exceptions=False) for _ in range(2)]
    assert runs[0].stdout_bytes == runs[1].stdout_bytes
    assert runs[0].exit_code == runs[1].exit_code
    if runs[0].stdout_bytes:
        json.loads(runs[0].stdout_bytes)
