"""``hoctap export`` (the recognition list) against xlsxwriter writing the same cells alone.

    python bench/export.py 100000 --repeat 3
    python bench/export.py 100000 --repeat 1 --against main   # and the same, before

Each measure runs in a fresh process on the benchmark workbook (``generate.py``), timed from
outside (wall clock), its peak RSS from ``os.wait4``:

- export: ``python -m hoctap_cli export FILE -o out.xlsx``, end to end (reading and
  evaluating included);
- write: the writing step alone. The worker evaluates and builds the lists untimed, then
  times the workbook's writing, as the command writes it (``write_atomic``); it reports the
  seconds and its peak RSS before and after (the evaluation's peak comes first);
- xlsxwrite: ``run.py``'s floor, xlsxwriter in constant-memory mode writing as many rows
  and columns on each sheet as the export wrote (``run.written_shape``), nothing else.

The measures alternate so that a busy neighbour slows all alike; medians are printed with
the ratio to xlsxwriter's. With ``--against`` the revision's ``src/`` and ``criteria/`` are
exported and measured the same way. Compare ratios, not times across runs.
"""

from __future__ import annotations

import argparse
import json
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
from run import written_shape  # noqa: E402


def worker_write(path: str, out: str) -> None:
    """Evaluate and build the lists, then time only the writing of the workbook."""
    import resource

    from hoctap_cli.atomic import write_atomic
    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.outputs.papers import export_xlsx
    from hoctap_cli.outputs.papers.export_data import build_export
    from hoctap_cli.outputs.papers.settings import ExportSettings
    from hoctap_cli.workflow.run import evaluate_paths

    evaluation = evaluate_paths([Path(path)], shipped_catalog(), None, None)
    data = build_export(evaluation, ExportSettings())
    del evaluation
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    if hasattr(export_xlsx, "write_xlsx"):
        write_atomic(Path(out), lambda stream: export_xlsx.write_xlsx(data, stream))
    else:  # before: openpyxl, the whole workbook built, then saved
        write_atomic(Path(out), lambda stream: stream.write(export_xlsx.to_xlsx(data)))
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rss_before": before, "rss_after": after}))


def run(command: list[str], pythonpath: str | None) -> tuple[float, float, str]:
    """Seconds, peak RSS (MB) and the last line of stdout of one process."""
    env = dict(os.environ, COLUMNS="160")
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    with tempfile.TemporaryFile() as stdout:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        stdout.seek(0)
        lines = stdout.read().decode("utf-8", "replace").strip().splitlines()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command)} ended with {code}")
    return seconds, usage.ru_maxrss / 1024, lines[-1] if lines else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("rows", type=int, nargs="?")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", help="a git revision to measure the same way")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker_write(*args.worker)
        return
    path = generate.ensure(args.rows)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        versions: dict[str, str | None] = {"now": None}
        if args.against:
            (out / "before").mkdir()
            versions[args.against] = str(export(args.against, out / "before"))
        results: dict[str, list[tuple[float, float, str]]] = {}
        for _ in range(args.repeat):
            for name, pythonpath in versions.items():
                target = out / f"{name}.xlsx"
                command = [sys.executable, "-m", "hoctap_cli", "export", str(path)]
                command += ["-o", str(target), "--force"]
                results.setdefault(f"export {name}", []).append(run(command, pythonpath))
                if not target.exists():  # exit 1 is also what a Python without hoctap gives
                    raise SystemExit(f"{' '.join(command)} wrote no {target}")
                worker = [sys.executable, __file__, "--worker", str(path), str(out / "w.xlsx")]
                results.setdefault(f"write {name}", []).append(run(worker, pythonpath))
            shape = written_shape(out / "now.xlsx")
            floor = [sys.executable, str(HERE / "run.py"), "--worker", "xlsxwrite"]
            floor += [str(out / "floor.xlsx"), shape]
            results.setdefault("xlsxwrite", []).append(run(floor, None))
        report(results, shape, args.rows)


def report(results: dict[str, list[tuple[float, float, str]]], shape: str, rows: int) -> None:
    floor = statistics.median(seconds for seconds, _, _ in results["xlsxwrite"])
    print(f"{rows} households; sheets written (rows x columns): {shape}")
    print(f"{'measure':<18}{'seconds':>10}{'peak MB':>10}{'x xlsxwriter':>14}")
    for name, samples in results.items():
        seconds = statistics.median(s for s, _, _ in samples)
        peak = statistics.median(r for _, r, _ in samples)
        extra = ""
        if name.startswith("write"):
            inner = [json.loads(line) for _, _, line in samples]
            seconds = statistics.median(i["seconds"] for i in inner)
            before = statistics.median(i["rss_before"] for i in inner)
            after = statistics.median(i["rss_after"] for i in inner)
            extra = f"   (peak RSS {before:.0f} MB before the write, {after:.0f} MB after)"
        print(f"{name:<18}{seconds:>10.1f}{peak:>10.0f}{seconds / floor:>14.2f}{extra}")


if __name__ == "__main__":
    main()
