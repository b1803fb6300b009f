"""The same households as one workbook and as many files, in the same run.

    python bench/files.py 20000 --files 100 --repeat 3
    python bench/files.py 20000 --files 100 --against 24cedf2
    python bench/files.py --break-even --repeat 3

A commune often sends one workbook per village: the cost of a file (opening it, finding its
header for every criteria set, the zip guard) must not outweigh its rows. ``generate.py``'s
households (the first N) are written once as one workbook and once split evenly into
``--files`` workbooks in a folder (cached in ``bench/data/``); each is evaluated end to end
(``hoctap evaluate PATH -f json -o FILE``) in a fresh process, the two taken in turn, and
the medians and their ratio (files / workbook) printed. The folder is evaluated twice by
the current version: read in one process, and read in parallel (one process per core,
``workflow/reading.py``), whatever the thresholds of ``reading.worker_count`` say; the
ratio parallel / one process says what the workers gain. ``--against`` also runs the
``src/`` of a git revision (as ``compare_read.py`` does), interleaved with the current one,
so that ratios of the two versions come from the same run.

``--break-even`` times the folder read in one process and in parallel over a grid of file
counts and total households (``--grid-files``, ``--grid-sizes``): where parallel reading
starts to pay, which ``reading.MIN_BYTES`` follows.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/ is not a package)
from compare_read import export  # noqa: E402


def single(count: int) -> Path:
    """The one workbook holding ``count`` households (written on first use)."""
    path = generate.DATA / f"gia-dinh-{count}-mot-tep.xlsx"
    if not path.exists():
        generate.write_rows(path, generate.rows(count))
    return path


def ensure(count: int, files: int) -> tuple[Path, Path]:
    """The one workbook and the folder of ``files`` workbooks holding ``count`` households."""
    single = generate.DATA / f"gia-dinh-{count}-mot-tep.xlsx"
    folder = generate.DATA / f"gia-dinh-{count}-{files}-tep"
    households = list(generate.rows(count)) if not (single.exists() and folder.exists()) else []
    if not single.exists():
        generate.write_rows(single, households)
    if not folder.exists():
        staging = folder.with_name(folder.name + ".tmp")
        staging.mkdir(parents=True, exist_ok=True)
        share = -(-count // files)
        for index in range(files):
            part = households[index * share : (index + 1) * share]
            generate.write_rows(staging / f"thon-{index + 1:03d}.xlsx", part)
        staging.rename(folder)
    return single, folder


# ``hoctap evaluate`` with the reading processes set: 1, or N whatever the file sizes. A
# version without ``workflow/reading.py`` (``--against``) reads in one process anyway.
DRIVER = """
import sys
workers = int(sys.argv.pop(1))
try:
    from hoctap_cli.workflow import reading
except ImportError:
    reading = None
if reading is not None:
    reading.MIN_BYTES = 0
    reading.MIN_CORES = 1
    reading.default_workers = lambda: workers
from hoctap_cli.cli.app import main
sys.argv[0] = "hoctap"
main()
"""


def evaluate(target: Path, out: Path, pythonpath: str | None, workers: int | None = None) -> float:
    """Seconds of one ``hoctap evaluate`` of ``target`` in a fresh process; ``workers``
    sets how many processes read (the command's own choice when None)."""
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    start_with = [sys.executable, "-m", "hoctap_cli"]
    if workers is not None:
        start_with = [sys.executable, "-c", DRIVER, str(workers)]
    command = [*start_with, "evaluate", str(target), "-f", "json"]
    start = time.perf_counter()
    done = subprocess.run(
        [*command, "-o", str(out), "--force"], capture_output=True, text=True, env=env
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: the rows with mistakes are reported
        raise SystemExit(f"{target}: exit {done.returncode}\n{done.stderr}")
    return seconds


KINDS = ("workbook", "files", "files parallel")


def main(argv: list[str] | None = None) -> dict[str, dict[str, float]]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("size", type=int, nargs="?", default=20_000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", help="git revision to compare with")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--break-even", action="store_true")
    parser.add_argument("--grid-files", type=int, nargs="+", default=[2, 10, 100])
    parser.add_argument("--grid-sizes", type=int, nargs="+", default=[500, 2000, 5000, 20000])
    args = parser.parse_args(argv)
    if args.break_even:
        return break_even(args)
    single, folder = ensure(args.size, args.files)
    medians: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        versions: dict[str, str | None] = {"current": None}
        if args.against:
            versions = {args.against: str(export(args.against, Path(scratch))), **versions}
        times: dict[tuple[str, str], list[float]] = {
            (v, kind): [] for v in versions for kind in KINDS
        }
        out = Path(scratch) / "out.json"
        for _ in range(args.repeat):
            for version, pythonpath in versions.items():
                times[version, "workbook"].append(evaluate(single, out, pythonpath))
                times[version, "files"].append(evaluate(folder, out, pythonpath, 1))
                if version == "current":
                    parallel = evaluate(folder, out, pythonpath, args.workers)
                    times[version, "files parallel"].append(parallel)
    print(
        f"{args.size:,} households, one workbook or {args.files} files, medians of {args.repeat}:"
    )
    for version in versions:
        taken = {kind: spans for kind in KINDS if (spans := times[version, kind])}
        found = {kind: statistics.median(spans) for kind, spans in taken.items()}
        medians[version] = {**found, "ratio": found["files"] / found["workbook"]}
        print(
            f"  {version}: workbook {found['workbook']:.2f} s, {args.files} files "
            f"{found['files']:.2f} s, files / workbook = {medians[version]['ratio']:.2f}"
        )
        if "files parallel" in found:
            medians[version]["parallel"] = found["files parallel"] / found["files"]
            print(
                f"  {version}: {args.files} files read by {args.workers} processes "
                f"{found['files parallel']:.2f} s, parallel / workbook = "
                f"{found['files parallel'] / found['workbook']:.2f}, parallel / one process = "
                f"{medians[version]['parallel']:.2f}"
            )
    return medians


def break_even(args: argparse.Namespace) -> dict[str, dict[str, float]]:
    """The folder read in one process and in parallel, for each file count and size."""
    found: dict[str, dict[str, float]] = {}
    print(
        f"Reading a folder in one process or in {args.workers}, medians of {args.repeat}:\n"
        "| files | households | MB | one process | parallel | parallel / one process |\n"
        "|---:|---:|---:|---:|---:|---:|"
    )
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "out.json"
        for files in args.grid_files:
            for size in args.grid_sizes:
                if size < files:
                    continue
                _, folder = ensure(size, files)
                serial, parallel = [], []
                for _ in range(args.repeat):  # interleaved: a busy neighbour slows both
                    serial.append(evaluate(folder, out, None, 1))
                    parallel.append(evaluate(folder, out, None, args.workers))
                megabytes = sum(p.stat().st_size for p in folder.glob("*.xlsx")) / 1e6
                one, many = statistics.median(serial), statistics.median(parallel)
                found[f"{files}x{size}"] = {"one": one, "parallel": many, "mb": megabytes}
                print(
                    f"| {files} | {size:,} | {megabytes:.2f} | {one:.2f} s | {many:.2f} s "
                    f"| {many / one:.2f} |"
                )
    return found


if __name__ == "__main__":
    main()
