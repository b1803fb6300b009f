"""Every number a shipped criteria file relies on can be traced to a source, or says it cannot."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from hoctap_cli.criteria.catalog import shipped_catalog, shipped_root
from hoctap_cli.criteria.model import Citation, Criteria, RollupMeasure
from hoctap_cli.criteria.succession import fallback_for

# The district plan 123/KH-UBND is known only from the summary on the district's website;
# no address of it is known, so its citations name that summary instead of a URL.
OFFLINE_SOURCES = ("Bản tóm tắt Kế hoạch 123/KH-UBND",)

ENTRIES = {f"{e.criteria.id}@{e.criteria.version}": e.criteria for e in shipped_catalog().entries}


def _traced(citation: Citation | None) -> bool:
    source = (citation.source or "") if citation else ""
    return source.startswith(("http://", "https://")) or source.startswith(OFFLINE_SOURCES)


def _values(criteria: Criteria) -> Iterator[tuple[str, Citation | None, bool, str | None]]:
    """Each item, level, roll-up and the recognition and validity, with its marks."""
    for _, item in criteria.items():
        yield f"tiêu chí {item.id}", item.citation, item.provisional, item.provisional_note
    for level in criteria.verdict.levels:
        yield f"mức {level.id}", level.citation, level.provisional, level.provisional_note
    # A member count is a plain count; shares and "all/any held" are what thresholds rest on.
    for rollup in (r for r in criteria.rollups if r.measure is not RollupMeasure.member_count):
        yield f"tỉ lệ {rollup.id}", rollup.citation, rollup.provisional, rollup.provisional_note
    recognition = criteria.recognition
    yield "thời hạn", recognition.citation, recognition.provisional, recognition.provisional_note
    validity = criteria.validity
    if validity is None:
        yield "hiệu lực", None, False, None
    else:
        yield "hiệu lực", validity.citation, validity.provisional, validity.provisional_note


def _untraced(criteria: Criteria) -> list[str]:
    return [
        what
        for what, citation, provisional, note in _values(criteria)
        if not _traced(citation) and not (provisional and note)
    ]


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_every_value_is_cited_or_provisional(name: str) -> None:
    """It finds no item, level, roll-up, recognition or validity without a URL or a mark."""
    assert _untraced(ENTRIES[name]) == []


def test_an_unmarked_uncited_value_is_caught() -> None:
    """It names a level whose citation has no source and that is not marked provisional."""
    criteria = ENTRIES["don-vi-hoc-tap@tt22-2020"]
    level = criteria.verdict.levels[0]
    bare = level.model_copy(update={"citation": Citation(document="22/2020/TT-BGDĐT")})
    broken = criteria.model_copy(
        update={"verdict": criteria.verdict.model_copy(update={"levels": [bare]})}
    )
    assert _untraced(broken) == ["mức trung_binh"]


@pytest.mark.parametrize("path", sorted(shipped_root().glob("*/*.yaml")), ids=lambda p: p.name)
def test_every_shipped_file_names_the_schema(path: Path) -> None:
    """Its first line points editors at the shipped JSON Schema."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema.json"


def test_no_claim_of_checking_without_a_source() -> None:
    """No shipped file or README says 'đã đối chiếu' (nothing was checked against originals)."""
    texts = [p.read_text(encoding="utf-8") for p in shipped_root().glob("*/*.yaml")]
    texts.append((shipped_root().parent / "README.md").read_text(encoding="utf-8"))
    assert not any("đã đối chiếu" in text.lower() for text in texts)


@pytest.mark.parametrize(
    ("name", "day", "falls_back"),
    [
        ("gia-dinh-hoc-tap@448-2015", dt.date(2020, 12, 31), False),
        ("gia-dinh-hoc-tap@448-2015", dt.date(2021, 1, 1), True),
        ("cong-dong-hoc-tap-thon@448-2015", dt.date(2025, 12, 31), True),
        ("don-vi-hoc-tap@tt22-2020", dt.date(2024, 1, 25), False),
        ("don-vi-hoc-tap@tt22-2020", dt.date(2024, 1, 26), True),
        ("don-vi-hoc-tap@tt24-2023", dt.date(2024, 1, 26), False),
        ("cong-dong-hoc-tap-xa@tt25-2023", dt.date(2025, 12, 31), False),
    ],
)
def test_fallback_only_outside_the_period(name: str, day: dt.date, falls_back: bool) -> None:
    """It falls back exactly on the days after (or before) a set's dates in force."""
    assert (fallback_for(ENTRIES[name], day) is not None) is falls_back


def test_fallback_message_names_period_and_successor() -> None:
    """The family notice names the period, QĐ 242 (2022), its missing content and what to do."""
    fallback = fallback_for(ENTRIES["gia-dinh-hoc-tap@448-2015"], dt.date(2025, 12, 31))
    assert fallback is not None
    message = fallback.message
    assert "448" in message and "2016–2020" in message
    assert "đã được thay bằng 242/QĐ-KHVN năm 2022 mà công cụ chưa có nội dung" in message
    assert "hãy dùng bộ tiêu chí của tỉnh" in message
    village = fallback_for(ENTRIES["cong-dong-hoc-tap-thon@448-2015"], dt.date(2025, 12, 31))
    assert village is not None and "chưa rõ văn bản nào thay thế" in village.message


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_show_names_succession_and_provisional_marks(run_cli, name: str) -> None:  # type: ignore[no-untyped-def]
    """It shows each set's dates in force, its successor when superseded and its marks."""
    criteria = ENTRIES[name]
    output = " ".join(run_cli("criteria", "show", name).output.split())
    assert f"Hiệu lực: {criteria.effective_from:%d/%m/%Y}" in output
    if criteria.superseded_by is not None:
        assert f"Đã được thay bằng: {criteria.superseded_by.document}" in output
    if criteria.is_provisional:
        assert "tạm tính" in output
