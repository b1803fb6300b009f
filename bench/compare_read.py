"""Reading speed of two versions of hoctap on the same workbook, in the same run.

    python bench/compare_read.py 100000 --against 45b6018 --repeat 5
    python bench/compare_read.py 100000 --against 24cedf2 --guard   # the zip guard alone
    python bench/compare_read.py 100000 --against HEAD --without-gc   # the cyclic collector

Times opening the benchmark workbook (``generate.py``) and reading its records (header,
layout step, cell normalisers): ``open_input`` then ``read_input`` with every shipped
criteria file, as ``hoctap evaluate`` does before evaluating (``--guard``: only the zip
guard's checks of the workbook, ``xlsx_guard.inspect_zip``; ``--without-gc``: the version
under test reads with Python's cyclic garbage collector off). The version under test is the
installed one; ``--against`` names a git revision whose ``src/`` and ``criteria/`` are
exported to a temporary folder and put first on ``PYTHONPATH``. Each measure is a fresh
process; the two versions alternate (a, b, a, b, …) so that a busy neighbour slows both
alike. Medians of wall and CPU time and their ratios are printed (on a shared machine the
CPU time of the process varies less): compare ratios, not times across runs.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/ is not a package)


def worker(path: str) -> None:
    """Open and read one workbook; print the seconds it took and the records read."""
    if os.environ.get("BENCH_GUARD_ONLY"):
        guard_worker(path)
        return
    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.records.reader import open_input, read_input
    from hoctap_cli.service import assessment_date

    catalog = shipped_catalog()
    if os.environ.get("BENCH_WITHOUT_GC"):
        gc.disable()
    start, cpu = time.perf_counter(), time.process_time()
    opened = open_input(Path(path))
    as_of = assessment_date([opened])
    read = read_input(opened, [catalog.in_force(title, as_of) for title in catalog.titles()])
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(json.dumps({"seconds": seconds, "cpu": cpu, "records": len(read.records)}))


def guard_worker(path: str) -> None:
    """The zip guard's checks of one workbook; the sheets it measured stand for records."""
    from hoctap_cli.records import xlsx_guard

    start, cpu = time.perf_counter(), time.process_time()
    facts = xlsx_guard.inspect_zip(Path(path))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    rows = max(found.rows for found in facts.values())
    print(json.dumps({"seconds": seconds, "cpu": cpu, "records": rows}))


def export(revision: str, folder: Path) -> Path:
    """``src/`` and ``criteria/`` of ``revision``, unpacked into ``folder``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "src", "criteria"],
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder / "src"


def measure(path: Path, pythonpath: str | None, without_gc: bool = False) -> dict[str, float]:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    if without_gc:
        env["BENCH_WITHOUT_GC"] = "1"
    done = subprocess.run(
        [sys.executable, __file__, "--worker", str(path)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    found: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("size", type=int, nargs="?", default=100_000)
    parser.add_argument("--against", default="HEAD", help="git revision to compare with")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--guard", action="store_true", help="time the zip guard alone")
    parser.add_argument("--without-gc", action="store_true", help="current reads with gc off")
    parser.add_argument("--worker")
    args = parser.parse_args()
    if args.guard:
        os.environ["BENCH_GUARD_ONLY"] = "1"  # read by the workers, fresh processes
    if args.worker:
        worker(args.worker)
        return
    path = generate.ensure(args.size)
    with tempfile.TemporaryDirectory() as scratch:
        baseline = export(args.against, Path(scratch))
        times: dict[str, list[float]] = {"baseline": [], "current": []}
        cpu: dict[str, list[float]] = {"baseline": [], "current": []}
        records: dict[str, float] = {}
        for _ in range(args.repeat):
            for name, pythonpath in (("baseline", str(baseline)), ("current", None)):
                found = measure(path, pythonpath, args.without_gc and name == "current")
                times[name].append(found["seconds"])
                cpu[name].append(found["cpu"])
                records[name] = found["records"]
    step = "zip guard" if args.guard else "open + read records"
    print(f"{args.size:,} rows, {args.repeat} runs each, {step} (median):")
    for label, found in (("wall", times), ("CPU", cpu)):
        base, current = (statistics.median(found[n]) for n in ("baseline", "current"))
        print(
            f"  {label}: {args.against} {base:.2f} s, current {current:.2f} s, "
            f"current / {args.against} = {current / base:.3f}"
        )
    counted = "last row" if args.guard else "records"
    print(f"  {counted}: {records['baseline']:,.0f} and {records['current']:,.0f}")


if __name__ == "__main__":
    main()
