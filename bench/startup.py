"""Start-up: a 40-household file evaluated to JSON, against importing python-calamine.

    python bench/startup.py --repeat 11
    python bench/startup.py --repeat 11 --against 6b135ca   # the same, before

Each measure is a fresh process, timed from outside (wall clock, so interpreter start and
imports count):

- calamine import: ``python -c "import python_calamine"``, the floor of any run that reads
  a workbook
- evaluate 40 rows: ``python -m hoctap_cli evaluate examples/thon-ea-sup-gia-dinh-2025.xlsx
  -f json -o out.json``
- help: ``python -m hoctap_cli --help``

The measures alternate so that a busy neighbour slows all alike; medians are printed with
the ratio of the evaluate to the calamine import (targets: at most 0.3 s and 3×). Sources
are compiled first, as pip leaves an installed package. With ``--against`` a git revision's
``src/`` and ``criteria/`` are exported and measured in the same rounds.
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
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from compare_read import export  # noqa: E402  (bench/ is not a package)

EXAMPLE = ROOT / "examples" / "thon-ea-sup-gia-dinh-2025.xlsx"


def commands(out: Path) -> dict[str, list[str]]:
    hoctap = [sys.executable, "-m", "hoctap_cli"]
    return {
        "calamine import": [sys.executable, "-c", "import python_calamine"],
        "evaluate 40 rows": [*hoctap, "evaluate", str(EXAMPLE), "-f", "json", "-o", str(out)],
        "help": [*hoctap, "--help"],
    }


def timed(command: list[str], pythonpath: str | None) -> float:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):  # the example has rows with errors: 1 is expected
        raise SystemExit(f"{' '.join(command)}: {done.stderr.decode()[-400:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--against", help="a git revision measured the same way")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        versions: dict[str, str | None] = {"current": None}
        if args.against:
            versions[args.against] = str(export(args.against, Path(scratch)))
        for source in [str(ROOT / "src"), *filter(None, versions.values())]:
            subprocess.run([sys.executable, "-m", "compileall", "-q", source], check=True)
        out = Path(scratch) / "out.json"
        todo = [
            (version, name, command)
            for version, path in versions.items()
            for name, command in commands(out).items()
            if version == "current" or name != "calamine import"
        ]
        found: dict[tuple[str, str], list[float]] = {(v, n): [] for v, n, _ in todo}
        for _ in range(args.repeat):
            for version, name, command in todo:
                if name.startswith("evaluate"):
                    out.unlink(missing_ok=True)
                found[(version, name)].append(timed(command, versions[version]))
    floor = statistics.median(found[("current", "calamine import")])
    print(f"medians of {args.repeat}:\n")
    print("| version | measure | seconds | / calamine import |")
    print("|---|---|---:|---:|")
    for (version, name), times in found.items():
        seconds = statistics.median(times)
        print(f"| {version} | {name} | {seconds:.3f} | {seconds / floor:.1f}× |")


if __name__ == "__main__":
    main()
