"""Reading a file pauses Python's cyclic garbage collector and always turns it back on."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from hoctap_cli.records import reader
from hoctap_cli.records.sources import InputError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "thon-ea-sup-gia-dinh-2025.xlsx"


def _criteria() -> list[object]:
    import datetime as dt

    from hoctap_cli.criteria.catalog import shipped_catalog

    catalog = shipped_catalog()
    return [catalog.in_force(title, dt.date(2025, 12, 31)) for title in catalog.titles()]


def test_collector_is_off_while_reading_and_on_after(monkeypatch: pytest.MonkeyPatch) -> None:
    """It reads with the collector off, and turns it back on once the file is read."""
    states: list[bool] = []
    assign = reader.assign

    def watched(*arguments: object) -> object:
        states.append(gc.isenabled())
        return assign(*arguments)  # type: ignore[arg-type]

    monkeypatch.setattr(reader, "assign", watched)
    read = reader.read_input(reader.open_input(EXAMPLE), _criteria())  # type: ignore[arg-type]
    assert read.records and states == [False]
    assert gc.isenabled()


def test_collector_is_back_on_after_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    """It turns the collector back on when reading fails."""
    path = tmp_path / "khong-tieu-de.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError):
        reader.read_input(reader.open_input(path), _criteria())  # type: ignore[arg-type]
    assert gc.isenabled()


def test_collector_left_off_stays_off() -> None:
    """It leaves the collector off for a caller who had turned it off."""
    gc.disable()
    try:
        with reader.collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
