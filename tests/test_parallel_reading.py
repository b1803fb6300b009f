"""Files read in worker processes give the run files read one after another give: the same
records and problems in the same order, the same notices, the same files refused with the
same words, the same exit status (workflow/reading.py)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.realbooks.books import (
    BOOKS,
    EVERYTHING,
    SAVED,
    saved_path,
    write_bad_cell,
    write_hidden,
    write_xlsx,
)
from tests.support import ROOT, RunCli

from hoctap_cli.api import to_json
from hoctap_cli.criteria.catalog import Catalog, shipped_catalog
from hoctap_cli.workflow import reading
from hoctap_cli.workflow.inputs import expand_inputs
from hoctap_cli.workflow.reading import Plan, read_all, settle, worker_count
from hoctap_cli.workflow.run import Evaluation, InputsUnreadable, evaluate_paths
from hoctap_cli.workflow.status import exit_status
from hoctap_cli.workflow.years import evaluate_by_year

EXAMPLES = ROOT / "examples"
DAY = dt.date(2025, 12, 31)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated household lists (many sharing household ids, so repeats are found across
    files), the shipped examples (a commune of eleven titles, a YAML file), LibreOffice
    saves, a row with a word in a count cell, a hidden row and sheet, a list naming 2022
    (whose criteria differ from 2025's), a sheet with no header and a file that is not a
    workbook at all."""
    root = tmp_path_factory.mktemp("thu-muc")
    for book in BOOKS:
        write_xlsx(book, root / f"{book.name}.xlsx")
    (root / "thon-khac").mkdir()
    write_xlsx(EVERYTHING, root / "thon-khac" / "moi-dac-diem.xlsx")  # same name, other folder
    write_xlsx(BOOKS[0], root / "thon-khac" / "danh-sach-2022.xlsx")
    write_bad_cell(root / "o-loi.xlsx")
    write_hidden(root / "an-dong.xlsx")
    for name in SAVED:
        for suffix in (".xls", ".ods"):
            shutil.copy(saved_path(name, suffix), root / f"{name}-luu{suffix}")
    for example in ("xa-quang-phu-2025.xlsx", "thon-ea-sup-gia-dinh-2025.yaml"):
        shutil.copy(EXAMPLES / example, root / example)
    (root / "khong-tieu-de.csv").write_text("xin chào\n1,2,3\n", encoding="utf-8")
    (root / "hong.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    return root


def inputs(folder: Path) -> list[Path]:
    return expand_inputs([folder]).files


@contextmanager
def workers_only() -> Iterator[None]:
    """This process takes no file of its own and waits for the workers: they read them all,
    whatever the machine's speed (else a small run is read here before they have started)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reading._Share, "last", lambda _share: None)
        patch.setattr(reading, "READ_STRAGGLERS_HERE", False)
        yield


@contextmanager
def counting_here() -> Iterator[list[Path]]:
    """The files this process opens and reads itself."""
    here: list[Path] = []
    read = reading._open_and_read

    def counted(path: Path, *rest: Any) -> Any:
        here.append(path)
        return read(path, *rest)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reading, "_open_and_read", counted)
        yield here


def same(parallel: Evaluation, serial: Evaluation) -> None:
    """Every part of two runs equal, down to the order of problems and records."""
    assert parallel.problems == serial.problems
    assert parallel.failed_files == serial.failed_files
    assert parallel.inputs == serial.inputs
    assert parallel.as_of == serial.as_of
    assert [t.criteria for t in parallel.titles] == [t.criteria for t in serial.titles]
    assert parallel.results == serial.results
    assert to_json(parallel) == to_json(serial)
    assert exit_status([parallel]) == exit_status([serial])


def run(paths: list[Path], workers: int, name: str | None = None) -> Evaluation:
    return evaluate_paths(paths, shipped_catalog(), name, None, workers=workers)


@pytest.mark.parametrize("workers", [2, 3])
def test_files_read_by_workers_are_the_files_read_here(folder: Path, workers: int) -> None:
    """Read by workers alone, the whole folder gives the serial run, every file refused for
    the same reason; this process read only the list naming 2022, read by its worker against
    the criteria of 2022 while the run is of 2025 (its first year)."""
    paths = inputs(folder)
    serial = run(paths, 1)
    assert {Path(p.file).name for p in serial.failed_files} >= {"hong.xlsx", "khong-tieu-de.csv"}
    assert any(p.code.value == "duplicate_id" for p in serial.problems)
    with workers_only(), counting_here() as here:
        parallel = run(paths, workers)
    assert here == [folder / "thon-khac" / "danh-sach-2022.xlsx"]
    same(parallel, serial)


def test_files_shared_between_this_process_and_a_worker(folder: Path) -> None:
    """Shared as they come (this process from the last file, the worker from the first),
    the run is the serial one, and so is a run with the criteria named."""
    paths = inputs(folder)
    same(run(paths, 2), run(paths, 1))
    same(run(paths, 2, "gia-dinh-hoc-tap"), run(paths, 1, "gia-dinh-hoc-tap"))


@settings(max_examples=6, deadline=None)
@given(data=st.data())
def test_any_files_in_any_order_read_in_parallel_as_serially(
    folder: Path, data: st.DataObject
) -> None:
    """Any few of the folder's files, in any order, by two or three processes, shared or
    read by the workers alone: the serial run."""
    pool = inputs(folder)
    chosen = data.draw(st.lists(st.sampled_from(pool), min_size=2, max_size=7, unique=True))
    workers = data.draw(st.integers(min_value=2, max_value=3))
    try:
        serial: Evaluation | Exception = run(chosen, 1)
    except InputsUnreadable as exc:
        serial = exc
    with workers_only() if data.draw(st.booleans()) else nullcontext():
        try:
            parallel: Evaluation | Exception = run(chosen, workers)
        except InputsUnreadable as exc:
            parallel = exc
    if isinstance(serial, Exception):
        assert isinstance(parallel, InputsUnreadable)
        assert str(parallel) == str(serial)
        assert parallel.problems == serial.problems  # type: ignore[attr-defined]
    else:
        assert isinstance(parallel, Evaluation)
        same(parallel, serial)


def test_files_that_cannot_be_opened_are_refused_alike(tmp_path: Path) -> None:
    """No file opens: the same error with the same problems, in the same order."""
    for name in ("a.xlsx", "b.xlsx", "c.xlsx"):
        (tmp_path / name).write_bytes(b"PK\x03\x04" + name.encode())
    paths = inputs(tmp_path)
    with pytest.raises(InputsUnreadable) as serial:
        run(paths, 1)
    with workers_only(), pytest.raises(InputsUnreadable) as parallel:
        run(paths, 2)
    assert parallel.value.problems == serial.value.problems
    assert str(parallel.value) == str(serial.value)


def test_an_unknown_criteria_name_is_the_same_error(folder: Path) -> None:
    """A name the catalogue does not know fails in the workers too: the run says so once,
    as a serial run does."""
    paths = inputs(folder)[:3]
    with pytest.raises(Exception) as serial:
        run(paths, 1, "khong-co-danh-hieu-nay")
    with workers_only(), pytest.raises(Exception) as parallel:
        run(paths, 2, "khong-co-danh-hieu-nay")
    assert type(parallel.value) is type(serial.value)
    assert str(parallel.value) == str(serial.value)


def test_a_file_no_worker_could_read_is_read_here(folder: Path) -> None:
    """A result lost on its way back (a worker killed, a value that does not pickle) is not
    a lost file: this process reads it."""
    paths = inputs(folder)[:6]
    with pytest.MonkeyPatch.context() as patch, counting_here() as here:
        patch.setattr(reading._Worker, "read", lambda *_args: None)
        with workers_only():
            parallel = run(paths, 2)
    assert here == paths
    same(parallel, run(paths, 1))


def test_files_held_by_slow_workers_are_read_here(folder: Path) -> None:
    """Workers that never answer (short of a core, or slow to start) hold up nothing: once
    no file is left to take, this process reads the files they hold, and the run is the
    serial one."""
    paths = inputs(folder)[:5]
    released = threading.Event()

    def stuck(*_args: Any) -> None:
        released.wait(60)
        return None

    try:
        with pytest.MonkeyPatch.context() as patch, counting_here() as here:
            patch.setattr(reading._Worker, "read", stuck)
            patch.setattr(reading._Share, "last", lambda _share: None)
            parallel = run(paths, 3)
    finally:
        released.set()
    assert here == paths
    same(parallel, run(paths, 1))


def test_an_unexpected_error_in_a_worker_is_left_to_this_process(tmp_path: Path) -> None:
    """A worker gives up on an error that is not the file's (None), so that this process
    reads the file and meets the error as a serial run would."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reading, "open_input", lambda _path: 1 / 0)
        assert reading.read_in_worker(tmp_path / "a.xlsx", "a", Plan(None, None, DAY)) is None


def test_reports_by_year_are_the_serial_ones(folder: Path) -> None:
    """A report splits the run by the years its files name (2022 and 2025 here), each year's
    run the serial one."""
    paths = inputs(folder)
    serial = evaluate_by_year(paths, shipped_catalog(), None, None, workers=1)
    with workers_only():
        parallel = evaluate_by_year(paths, shipped_catalog(), None, None, workers=2)
    assert [e.as_of for e in serial] == [dt.date(2022, 12, 31), dt.date(2025, 12, 31)]
    assert len(parallel) == len(serial)
    for one, other in zip(parallel, serial, strict=True):
        same(one, other)


def test_a_file_read_under_another_name_is_read_again(tmp_path: Path) -> None:
    """Ids made from an STT column name the file by as many folders as tell it apart from the
    run's other files: a file read beside its namesake, whose namesake then could not be
    opened, is read again under its own short name."""
    for village in ("thon-1", "thon-2"):
        (tmp_path / village).mkdir()
        (tmp_path / village / "ds.csv").write_text(
            "STT,Họ tên chủ hộ,Điểm TC3,Điểm TC4\n1,Lê Văn An,18,18\n", encoding="utf-8"
        )
    pair = [tmp_path / "thon-1" / "ds.csv", tmp_path / "thon-2" / "ds.csv"]
    catalog = shipped_catalog()
    reads = read_all(pair, catalog, Plan("gia-dinh-hoc-tap", None, DAY), workers=1)
    first = reads.files[0]
    assert first.key is not None and first.key.id_name == "thon-1/ds"
    (again,) = settle([first], catalog, "gia-dinh-hoc-tap", DAY)
    assert again.key is not None and again.key.id_name == "ds"
    alone = run([pair[0]], 1, "gia-dinh-hoc-tap")
    assert again.read is not None
    assert [(r.values, r.source) for r in again.read.records] == [
        (r.values, r.source) for r in alone.results
    ]
    assert again.read.records[0].values["ma_ho"].startswith("ds/")


def test_how_many_processes_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One process for one file, for files too small to pay for starting workers, on a
    machine of two cores, and for a catalogue a worker cannot rebuild; else one per core,
    never more than the files; told how many, that many."""
    small = [tmp_path / f"{n}.csv" for n in range(3)]
    for path in small:
        path.write_bytes(b"x" * 100)
    catalog = shipped_catalog()
    monkeypatch.setattr(reading, "default_workers", lambda: 8)
    assert worker_count(small[:1], catalog, None) == 1
    assert worker_count(small, catalog, None) == 1
    assert worker_count(small, catalog, 2) == 2
    assert worker_count(small, catalog, 5) == 3
    assert worker_count(small, Catalog(catalog.entries), 2) == 1
    monkeypatch.setattr(reading, "MIN_BYTES", 100)
    assert worker_count(small, catalog, None) == 3
    assert worker_count(small[:1], catalog, None) == 1
    monkeypatch.setattr(reading, "default_workers", lambda: 2)
    assert worker_count(small, catalog, None) == 1
    assert worker_count(small, catalog, 2) == 2


def test_the_command_reads_a_folder_in_parallel_as_serially(
    folder: Path, tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``hoctap evaluate FOLDER``: the same JSON, the same words on screen (files skipped,
    files refused), the same exit status, read by workers or in one process."""
    shutil.copytree(folder, tmp_path / "ho-so")
    (tmp_path / "ho-so" / "~$khoa.xlsx").write_bytes(b"")
    found = {}
    for label, least in (("serial", 10**12), ("parallel", 0)):
        monkeypatch.setattr(reading, "MIN_BYTES", least)
        monkeypatch.setattr(reading, "MIN_CORES", 2)
        monkeypatch.setattr(reading, "default_workers", lambda: 2)
        out = tmp_path / f"{label}.json"
        with workers_only() if label == "parallel" else nullcontext():
            result = run_cli("evaluate", tmp_path / "ho-so", "-f", "json", "-o", out)
        found[label] = (result.exit_code, result.output, json.loads(out.read_text("utf-8")))
    assert found["parallel"] == found["serial"]
    code, said, document = found["serial"]
    assert code == 2  # files that could not be read
    assert "~$khoa.xlsx" in said and "hong.xlsx" in said
    assert document["errors"]
