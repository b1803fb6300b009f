"""The annotated copy (``evaluate --annotate``) against xlsxwriter writing the same cells.

    python bench/annotate.py --sizes 100000 500000 [--old-src ../main/src] [--repeat 1]

For each size (``bench/generate.py`` makes the workbook), in the same run, each in a fresh
process whose wall time and peak RSS (``os.wait4``'s ``ru_maxrss``) are taken:

- ``evaluate FILE -f json -o out.json``: the run without a copy;
- ``evaluate FILE --annotate out.xlsx -f json -o out.json``: with the streamed copy;
- the same with ``--old-src`` first on ``PYTHONPATH`` (the openpyxl copy of an older
  checkout), when given;
- xlsxwriter in ``constant_memory`` mode writing the copy's cells: the input's rows and
  columns plus the seven result columns, text and numbers as in the copy.

The copy's own cost is the difference between the first two; the ratios are to xlsxwriter.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/ is not a package)

COLUMNS = 18  # bench/generate.py's columns
ADDED = ["Đạt", 95, 30, 27, 20, 18, "còn thiếu 8 điểm để Đạt (cần 80); có thể thêm tối đa 8 điểm"]

XLSXWRITER = """
import sys, xlsxwriter
rows, path = int(sys.argv[1]), sys.argv[2]
book = xlsxwriter.Workbook(path, {"constant_memory": True})
sheet = book.add_worksheet("Gia đình học tập")
added = ADDED_CELLS
for row in range(rows + 7):
    values = [row, f"H{row:07d}", "Nguyễn Văn Hùng", "Thôn 3", "DH-12", 2024, 2, 2, 2, 2, 8.5,
              3, 3, 2, 9, 17, 18, None]
    sheet.write_row(row, 0, values + added)
book.close()
""".replace("ADDED_CELLS", repr(ADDED))


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB, exit code of ``command`` in a fresh process."""
    with tempfile.TemporaryFile() as output:
        actions = [
            (os.POSIX_SPAWN_DUP2, output.fileno(), 1),
            (os.POSIX_SPAWN_DUP2, output.fileno(), 2),
        ]
        start = time.perf_counter()
        pid = os.posix_spawn(command[0], command, env, file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            output.seek(0)
            sys.stderr.write(output.read().decode("utf-8", "replace")[-2000:])
    return seconds, usage.ru_maxrss / 1024, code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100000])
    parser.add_argument("--old-src", type=Path, help="src folder of the checkout to compare with")
    parser.add_argument("--repeat", type=int, default=1)
    options = parser.parse_args()
    python = sys.executable
    hoctap = [python, "-c", "from hoctap_cli.cli.app import main; main()"]
    plain = dict(os.environ)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        for size in options.sizes:
            source = generate.ensure(size)  # made once, kept in bench/data
            json_out, copy = work / "out.json", work / "out.xlsx"
            evaluate = [*hoctap, "evaluate", str(source)]
            to_json = ["-f", "json", "-o", str(json_out), "--force"]
            runs: dict[str, tuple[list[str], dict[str, str]]] = {
                "evaluate -f json": ([*evaluate, *to_json], plain),
                "evaluate --annotate (streamed)": (
                    [*evaluate, "--annotate", str(copy), *to_json],
                    plain,
                ),
                "xlsxwriter constant_memory": (
                    [python, "-c", XLSXWRITER, str(size), str(work / "xw.xlsx")],
                    plain,
                ),
            }
            if options.old_src is not None:
                old = dict(os.environ, PYTHONPATH=str(options.old_src.resolve()))
                runs["evaluate --annotate (openpyxl, old)"] = (
                    runs["evaluate --annotate (streamed)"][0],
                    old,
                )
            results: dict[str, list[tuple[float, float, int]]] = {name: [] for name in runs}
            for _ in range(options.repeat):
                for name, (command, env) in runs.items():
                    results[name].append(measure(command, env))
            best = {name: min(samples) for name, samples in results.items()}
            writer = best["xlsxwriter constant_memory"]
            base = best["evaluate -f json"]
            print(f"\n{size:,} rows × {COLUMNS} columns (+{len(ADDED)} result columns)")
            for name, (seconds, rss, code) in best.items():
                print(f"  {name:40} {seconds:8.1f} s {rss:8.0f} MB  exit {code}")
            for name in ("evaluate --annotate (streamed)", "evaluate --annotate (openpyxl, old)"):
                if name in best:
                    extra = best[name][0] - base[0]
                    print(
                        f"  {name}: copy costs {extra:.1f} s = {extra / writer[0]:.2f}× xlsxwriter;"
                        f" whole command {best[name][0] / writer[0]:.2f}× xlsxwriter,"
                        f" peak {best[name][1]:.0f} MB"
                    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
