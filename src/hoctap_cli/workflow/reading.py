"""Reading a run's files: each opened, its assessment year found and its tables read, in
worker processes when the machine has the cores and the run the files and bytes to pay for
starting them (``worker_count``).

A file is read against the criteria in force on the run's assessment date and with its name
in generated ids (``row_ids.id_names``). Both depend on the other files: the date on the
first year any of them names, the name on which of them could be opened. So each file is
read as if its own year were the run's and every file of the run had opened, which is what
almost every run is, and the reading remembers what it was read against (``ReadKey``). Once
every file is open the run knows the truth, and the few files read against something else
are read again, in this process (``settle``). Reading a file twice against the same criteria
and name gives the same records and problems, so a run is the same whether its files were
read here or in workers: the same records and problems in the same order, the same notices
and the same files refused with the same words.

Workers are started with ``spawn`` (no ``fork`` of a process that may hold threads, such as
a web server's); each loads the shipped criteria once. Anything a worker cannot do, or an
error that is not the file's fault, is done again here, so it is raised here as a serial run
would raise it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from hoctap_cli.criteria.catalog import Catalog, shipped_catalog
from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.problems import Problem
from hoctap_cli.records.reader import ReadResult, collector_paused, open_input, read_input
from hoctap_cli.records.record import Record, SourceRow
from hoctap_cli.records.record_columns import RecordColumns
from hoctap_cli.records.row_ids import id_names
from hoctap_cli.records.sources import InputError
from hoctap_cli.records.year import find_year

if TYPE_CHECKING:  # multiprocessing is loaded only by a run that starts workers
    from multiprocessing.connection import Connection

# Below these a run is read here (bench/files.py --break-even). A worker costs about
# 0.3-0.5 s to start (a Python importing the readers and loading the criteria), and the
# records it reads cost this process about a sixth of their reading to unpickle. On the
# 2-core machine of bench/README.md, shared with other work, two processes lost to one at
# every point measured (2 to 100 files, 0.1 to 6.4 MB: 1.1-1.4x slower), so a run reads in
# parallel unasked only with a third core; ``workers=`` asks for it anywhere.
MIN_FILES = 2
MIN_BYTES = 2_000_000
MIN_CORES = 3
# Once every file is taken, this process reads the ones workers still hold rather than wait
# for them longer than that takes (see _read_in_workers).
READ_STRAGGLERS_HERE = True


@dataclass(frozen=True)
class ReadKey:
    """What a file's records depend on besides the file: the criteria it was matched
    against (title id and version, in order) and its name in generated ids."""

    criteria: tuple[tuple[str, str], ...]
    id_name: str | None


@dataclass
class FileRead:
    """One input opened and read: its records (``read``) or why they could not be read
    (``failure``), its assessment year and hash, and what it was read against."""

    path: Path
    year: int | None
    key: ReadKey | None  # None: not read (the criteria could not be chosen where it was)
    read: ReadResult | None = None
    failure: Problem | None = None
    sha256: str = ""
    packed: dict[str, _Packed] | None = None  # ``read``'s records on the way back


class Reads(NamedTuple):
    """Every input of a run, in the order given: those opened, and why the others were not."""

    files: list[FileRead]
    failed: list[Problem]


@dataclass(frozen=True)
class Plan:
    """What a file is read against until the run's date is known; small and picklable, so
    that a worker can make the same choice from the shipped criteria."""

    name: str | None  # the criteria the user named, else every title is a candidate
    as_of: dt.date | None  # the date the user gave
    today: dt.date  # the date of a run whose files name no year

    def date_for(self, year: int | None) -> dt.date:
        """The run's date were ``year`` the first year its files name."""
        return self.as_of or (dt.date(year, 12, 31) if year is not None else self.today)


def candidates(catalog: Catalog, name: str | None, on: dt.date) -> list[CompiledCriteria]:
    """The criteria a run's tables are matched against on ``on``."""
    if name:
        return [catalog.resolve(name, on)]
    return [catalog.in_force(title, on) for title in catalog.titles()]


def key_of(chosen: Sequence[CompiledCriteria], id_name: str | None) -> ReadKey:
    return ReadKey(tuple((c.criteria.id, c.criteria.version) for c in chosen), id_name)


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_count(paths: Sequence[Path], catalog: Catalog, workers: int | None) -> int:
    """How many processes read ``paths``: ``workers`` when told, else 1 (this one) unless
    there are enough cores, files and bytes to pay for starting workers (see MIN_FILES);
    never more than the files."""
    if workers is None:
        workers = default_workers()
        if workers < MIN_CORES or len(paths) < MIN_FILES or _total_bytes(paths) < MIN_BYTES:
            return 1
    if catalog is not shipped_catalog():
        return 1  # a catalogue made by the caller cannot be rebuilt in a worker
    return max(1, min(workers, len(paths)))


def read_all(
    paths: Sequence[Path],
    catalog: Catalog,
    plan: Plan,
    *,
    workers: int | None = None,
    on_read: Callable[[str], None] | None = None,
) -> Reads:
    """Every input opened and read, in the order given, by ``workers`` processes, this one
    included (see ``worker_count``). ``on_read`` is told each input's name, in order, as its
    reading starts here or as its turn comes among the files read by workers."""
    names = id_names(list(paths))
    count = worker_count(paths, catalog, workers)
    choose = _chooser(catalog, plan)
    reads = Reads([], [])

    def take(outcome: FileRead | Problem) -> None:
        if isinstance(outcome, Problem):
            reads.failed.append(outcome)
        else:
            reads.files.append(outcome)

    if count == 1:
        for path in paths:
            if on_read is not None:
                on_read(str(path))
            take(_open_and_read(path, names[path], choose))
    else:
        _read_in_workers(paths, names, choose, plan, count, on_read, take)
    return reads


def settle(
    reads: Sequence[FileRead],
    catalog: Catalog,
    name: str | None,
    on: dt.date,
) -> Iterator[FileRead]:
    """``reads`` as read against the criteria in force on ``on`` and the names these files
    have in generated ids: those read against anything else are read again, here; the
    criteria of each read are the ones of this process (``chosen``)."""
    chosen = candidates(catalog, name, on)
    by_id = {c.criteria.id: c for c in chosen}
    names = id_names([file.path for file in reads])
    for file in reads:
        key = key_of(chosen, names[file.path])
        if file.key != key:
            again = _open_and_read(file.path, key.id_name, lambda _year: chosen)
            if isinstance(again, Problem):  # the file changed since: it cannot be opened now
                yield FileRead(file.path, file.year, key, failure=again)
                continue
            file = again
        if file.read is not None:
            criteria = {title: by_id[title] for title in file.read.by_title}
            file = dataclasses.replace(file, read=dataclasses.replace(file.read, criteria=criteria))
        yield file


def _chooser(catalog: Catalog, plan: Plan) -> Callable[[int | None], list[CompiledCriteria]]:
    """The candidates for a file naming ``year``, chosen once per date."""
    memo: dict[dt.date, list[CompiledCriteria]] = {}

    def choose(year: int | None) -> list[CompiledCriteria]:
        on = plan.date_for(year)
        if on not in memo:
            memo[on] = candidates(catalog, plan.name, on)
        return memo[on]

    return choose


def _open_and_read(
    path: Path, id_name: str | None, choose: Callable[[int | None], list[CompiledCriteria]]
) -> FileRead | Problem:
    """``path`` opened and read against the criteria ``choose`` gives for its year; a file
    that cannot be opened is its problem."""
    try:
        opened = open_input(path)
    except InputError as exc:
        return exc.problem
    year = find_year(opened)
    try:
        chosen = choose(year)
    except Exception:
        return FileRead(path, year, None)
    key = key_of(chosen, id_name)
    try:
        read = read_input(opened, chosen, id_name)
    except InputError as exc:
        return FileRead(path, year, key, failure=exc.problem)
    return FileRead(path, year, key, read, sha256=sha256(path))


def _read_in_workers(
    paths: Sequence[Path],
    names: dict[Path, str],
    choose: Callable[[int | None], list[CompiledCriteria]],
    plan: Plan,
    count: int,
    on_read: Callable[[str], None] | None,
    take: Callable[[FileRead | Problem], None],
) -> None:
    """``paths`` read by ``count - 1`` spawned workers, taking files from the first, and by
    this process, taking them from the last; each given to ``take`` in order as soon as it
    and those before it are read. A worker is given its next file only when it is done with
    one, and only once it has started, so that no file waits for a busy or starting worker
    while this process could read it. Once no file is left to take, this process waits for
    a file a worker still holds no longer than it would take to read it, then reads it too
    (``READ_STRAGGLERS_HERE``): a worker may be short of a core, and a file read twice reads
    the same. A file a worker could not read (its result lost, or an error that is not the
    file's) is read here."""
    share = _Share(len(paths))
    done: dict[int, FileRead | Problem | None] = {}
    arrived = threading.Condition()
    given = 0  # the files given to ``take`` so far
    workers = [_Worker() for _ in range(count - 1)]
    pace = _Pace()

    def keep(index: int, found: FileRead | Problem | None) -> None:
        with arrived:
            if index >= given and index not in done:  # else it was read here meanwhile
                done[index] = found
            arrived.notify_all()

    def feed(worker: _Worker) -> None:
        """One worker's files, one at a time, from the front, once it has started: until
        then this process reads them (a small run may never need the workers)."""
        if not worker.start():
            return  # no worker: this process reads every file
        while (index := share.first()) is not None:
            path = paths[index]
            found = worker.read(path, names[path], plan)
            keep(index, found)
            if found is None and not worker.alive():
                return  # the file, and those left, are read here

    def give(wait: bool) -> bool:
        """Files read so far, in order, to ``take``; with ``wait``, waiting for the next
        one. Whether every file has been given."""
        nonlocal given
        while given < len(paths):
            with arrived:
                while wait and given not in done:
                    arrived.wait()
                if given not in done:
                    return False
                found = done.pop(given)
            path = paths[given]
            if on_read is not None:
                on_read(str(path))
            take(_open_and_read(path, names[path], choose) if found is None else found)
            with arrived:
                given += 1
        return True

    feeders = [threading.Thread(target=feed, args=(w,), daemon=True) for w in workers]
    try:
        # Reading makes millions of objects and the workers' records arrive as millions
        # more, unpickled on the feeders' threads: the collector would walk them all again
        # and again (see collector_paused).
        with collector_paused():
            for feeder in feeders:
                feeder.start()
            while (index := share.last()) is not None:
                path = paths[index]
                started = time.perf_counter()
                keep(index, _open_and_read(path, names[path], choose))
                pace.add(path, time.perf_counter() - started)
                give(wait=False)
            while not give(wait=not READ_STRAGGLERS_HERE):
                path = paths[given]  # still in a worker: wait as long as reading it here takes
                with arrived:
                    arrived.wait_for(lambda: given in done, timeout=pace.seconds(path))
                if give(wait=False):
                    break
                keep(given, _open_and_read(path, names[path], choose))
    finally:
        share.close()  # a run that stops early leaves no file read for nothing
        for worker in workers:
            # Every result this run needs has arrived (or it stopped): a worker still
            # starting, reading a file read here too, or freeing what it read would
            # otherwise keep the command from ending for up to a second.
            worker.stop()


class _Pace:
    """How fast this process reads, to guess how long a file would take it."""

    def __init__(self) -> None:
        self.spent, self.size = 0.0, 0

    def add(self, path: Path, seconds: float) -> None:
        self.spent += seconds
        self.size += _size(path)

    def seconds(self, path: Path) -> float:
        return self.spent * _size(path) / self.size if self.size else 0.0


class _Worker:
    """A spawned process reading the files it is sent over its own pipe, one at a time.

    Not a ProcessPoolExecutor: a busy worker of a pool cannot be stopped without breaking
    the pool, and stopping one can leave the pool's threads waiting for ever; here a worker
    is a process and a pipe, stopped by killing it."""

    def __init__(self) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        self.conn, self.theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(self.theirs,), daemon=True)
        self.lock = threading.Lock()  # started on a feeder's thread, stopped on the run's

    def start(self) -> bool:
        """Start the process and wait until it is ready; False if it could not start."""
        try:
            with self.lock:
                if self.conn.closed:
                    return False  # stopped before it started
                self.process.start()
            self.theirs.close()
            return bool(self.conn.recv() == _READY)
        except (OSError, EOFError, ValueError):
            return False

    def read(self, path: Path, id_name: str | None, plan: Plan) -> FileRead | Problem | None:
        """``read_in_worker`` in the worker; None when it could not be done there."""
        try:
            self.conn.send((path, id_name, plan))
            found: FileRead | Problem | None = self.conn.recv()
            return _unpack(found) if isinstance(found, FileRead) else found
        except (OSError, EOFError, ValueError):
            return None  # the worker died or was stopped

    def alive(self) -> bool:
        return self.process.is_alive()

    def stop(self) -> None:
        with self.lock:
            if self.process.pid is not None:
                self.process.kill()
                self.process.join()
            self.conn.close()
            self.theirs.close()  # already closed once the process started


_READY = "ready"


def _serve(conn: Connection) -> None:
    """A worker's life: files to read come in on ``conn`` and their readings go back."""
    shipped_catalog()  # the readers imported and the criteria loaded before any file
    conn.send(_READY)
    while True:
        try:
            path, id_name, plan = conn.recv()
        except EOFError:
            return
        found = read_in_worker(path, id_name, plan)
        try:
            conn.send(found)
        except Exception:  # a value that does not pickle (nothing is sent before pickling)
            conn.send(None)


class _Share:
    """The files no process has taken yet: workers take from the front, this process from
    the back, until they meet."""

    def __init__(self, count: int) -> None:
        self.front, self.back = 0, count - 1
        self.lock = threading.Lock()

    def first(self) -> int | None:
        with self.lock:
            if self.front > self.back:
                return None
            self.front += 1
            return self.front - 1

    def last(self) -> int | None:
        with self.lock:
            if self.front > self.back:
                return None
            self.back -= 1
            return self.back + 1

    def close(self) -> None:
        with self.lock:
            self.front, self.back = 1, 0


def read_in_worker(path: Path, id_name: str | None, plan: Plan) -> FileRead | Problem | None:
    """A worker's reading of ``path`` (see ``_open_and_read``), with the criteria left out,
    since they do not pickle: the run puts back its own (``settle``). None for anything
    unexpected, so that this process reads the file and meets the same error."""
    try:
        found = _open_and_read(path, id_name, _chooser(shipped_catalog(), plan))
    except Exception:
        return None
    if isinstance(found, FileRead) and found.read is not None:
        found.packed = {title: _pack(records) for title, records in found.read.by_title.items()}
        found.read = dataclasses.replace(found.read, criteria={}, by_title={})
    return found


# Records travel back from a worker as tuples of their fields: pickling a frozen dataclass
# goes through its state one attribute at a time, five times slower both ways for the
# worker, and the unpickling is this process's.
_SOURCE_FIELDS = tuple(f.name for f in dataclasses.fields(SourceRow))
_Packed = RecordColumns | list[tuple[Any, ...]]


def _pack(records: Sequence[Record]) -> _Packed:
    if isinstance(records, RecordColumns):
        return records  # lists of values: they pickle as they are
    return [
        (record.values, *(getattr(record.source, name) for name in _SOURCE_FIELDS))
        for record in records
    ]


def _unpack(found: FileRead) -> FileRead:
    """A worker's reading with its records made again (see _pack)."""
    if found.packed is None or found.read is None:
        return found
    by_title: dict[str, Sequence[Record]] = {
        title: packed
        if isinstance(packed, RecordColumns)
        else [Record(values, SourceRow(*source)) for values, *source in packed]
        for title, packed in found.packed.items()
    }
    found.read = dataclasses.replace(found.read, by_title=by_title)
    found.packed = None
    return found


def sha256(path: Path) -> str:
    """The file's hash, for provenance."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _total_bytes(paths: Sequence[Path]) -> int:
    return sum(_size(path) for path in paths)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # said when it is opened
