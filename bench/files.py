"""The same households as one workbook and as many files, in the same run.

    python bench/files.py 20000 --files 100 --repeat 3
    python bench/files.py 20000 --files 100 --against 24cedf2

A commune often sends one workbook per village: the cost of a file (opening it, finding its
header for every criteria set, the zip guard) must not outweigh its rows. ``generate.py``'s
households (the first N) are written once as one workbook and once split evenly into
``--files`` workbooks in a folder (cached in ``bench/data/``); each is evaluated end to end
(``hoctap evaluate PATH -f json -o FILE``) in a fresh process, the two taken in turn, and
the medians and their ratio (files / workbook) printed. ``--against`` also runs the
``src/`` of a git revision (as ``compare_read.py`` does), interleaved with the current one,
so that ratios of the two versions come from the same run.
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


def evaluate(target: Path, out: Path, pythonpath: str | None) -> float:
    """Seconds of one ``hoctap evaluate`` of ``target`` in a fresh process."""
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    command = [sys.executable, "-m", "hoctap_cli", "evaluate", str(target), "-f", "json"]
    start = time.perf_counter()
    done = subprocess.run(
        [*command, "-o", str(out), "--force"], capture_output=True, text=True, env=env
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: the rows with mistakes are reported
        raise SystemExit(f"{target}: exit {done.returncode}\n{done.stderr}")
    return seconds


def main(argv: list[str] | None = None) -> dict[str, dict[str, float]]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("size", type=int, nargs="?", default=20_000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", help="git revision to compare with")
    args = parser.parse_args(argv)
    single, folder = ensure(args.size, args.files)
    medians: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        versions: dict[str, str | None] = {"current": None}
        if args.against:
            versions = {args.against: str(export(args.against, Path(scratch))), **versions}
        times = {(v, kind): [] for v in versions for kind in ("workbook", "files")}
        out = Path(scratch) / "out.json"
        for _ in range(args.repeat):
            for version, pythonpath in versions.items():
                for kind, target in (("workbook", single), ("files", folder)):
                    times[version, kind].append(evaluate(target, out, pythonpath))
    print(
        f"{args.size:,} households, one workbook or {args.files} files, medians of {args.repeat}:"
    )
    for version in versions:
        found = {kind: statistics.median(times[version, kind]) for kind in ("workbook", "files")}
        medians[version] = {**found, "ratio": found["files"] / found["workbook"]}
        print(
            f"  {version}: workbook {found['workbook']:.2f} s, {args.files} files "
            f"{found['files']:.2f} s, files / workbook = {medians[version]['ratio']:.2f}"
        )
    return medians


if __name__ == "__main__":
    main()
