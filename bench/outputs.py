"""The table and NDJSON outputs of ``hoctap evaluate`` against its JSON, in the same run.

    python bench/outputs.py 100000 --repeat 3
    python bench/outputs.py 100000 --repeat 1 --against 6b135ca   # the same, before

Each measure is ``python -m hoctap_cli evaluate FILE …`` in a fresh process on the benchmark
workbook (``generate.py``), timed from outside (wall clock), its peak RSS from ``os.wait4``:

- json: ``-f json -o out.json``
- ndjson: ``-f ndjson -o out.ndjson``
- table piped: the default table format with stdout sent to a file (what ``> bang.txt``
  does; a terminal gets a summary instead, see README)
- table file: ``-o bang.txt``

The measures alternate (json, ndjson, table, …, json, …) so that a busy neighbour slows all
alike; medians are printed with each one's ratio to the JSON of the same version. With
``--against`` the revision's ``src/`` and ``criteria/`` are exported and run the same way
(outputs it does not have are left out). Compare ratios, not times across runs.
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

MEASURES = {
    "json": ["-f", "json", "-o", "{out}/out.json"],
    "ndjson": ["-f", "ndjson", "-o", "{out}/out.ndjson"],
    "table piped": [],
    "table file": ["-o", "{out}/bang.txt"],
}


def run(path: Path, args: list[str], out: Path, pythonpath: str | None) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one evaluate, stdout into a file."""
    env = dict(os.environ, COLUMNS="160")
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    command = [sys.executable, "-m", "hoctap_cli", "evaluate", str(path), "--force"]
    command += [a.format(out=out) for a in args]
    with open(out / "stdout.txt", "wb") as stdout:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} ended with {process.returncode}")
    return seconds, usage.ru_maxrss / 1024


def supports(pythonpath: str | None, name: str) -> bool:
    if name != "ndjson":
        return True
    env = dict(os.environ, PYTHONPATH=pythonpath) if pythonpath else None
    code = "from hoctap_cli.outputs.registry import RESULTS; print('ndjson' in RESULTS)"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    return found.stdout.strip() == "True"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("size", type=int, nargs="?", default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", help="a git revision measured the same way")
    parser.add_argument("--only", nargs="*", choices=list(MEASURES), default=list(MEASURES))
    args = parser.parse_args()
    path = generate.ensure(args.size)
    with tempfile.TemporaryDirectory() as scratch:
        versions: dict[str, str | None] = {"current": None}
        if args.against:
            versions[args.against] = str(export(args.against, Path(scratch)))
        for source in [str(HERE.parent / "src"), *filter(None, versions.values())]:
            # As pip leaves an installed package: compiled, so no run pays for compiling.
            subprocess.run([sys.executable, "-m", "compileall", "-q", source], check=True)
        out = Path(scratch) / "out"
        out.mkdir()
        todo = [
            (version, name)
            for version, pythonpath in versions.items()
            for name in args.only
            if supports(pythonpath, name)
        ]
        found: dict[tuple[str, str], list[tuple[float, float]]] = {key: [] for key in todo}
        for _ in range(args.repeat):
            for version, name in todo:
                found[(version, name)].append(run(path, MEASURES[name], out, versions[version]))
    print(f"{args.size:,} rows, medians of {args.repeat}, COLUMNS=160:\n")
    print("| version | output | seconds | / json | peak RSS MB | / json |")
    print("|---|---|---:|---:|---:|---:|")
    for version, name in todo:
        seconds = statistics.median(s for s, _ in found[(version, name)])
        rss = statistics.median(r for _, r in found[(version, name)])
        json_runs = found.get((version, "json"))
        if json_runs:
            base_s = statistics.median(s for s, _ in json_runs)
            base_r = statistics.median(r for _, r in json_runs)
            ratios = f"{seconds / base_s:.2f}× | {rss:,.0f} | {rss / base_r:.2f}×"
        else:
            ratios = f"– | {rss:,.0f} | –"
        print(f"| {version} | {name} | {seconds:.2f} | {ratios} |")


if __name__ == "__main__":
    main()
