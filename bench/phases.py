"""Where the time of ``hoctap evaluate -f json`` goes, phase by phase, in one process.

    python bench/phases.py 100000            # times and peak RSS after each phase
    python bench/phases.py 100000 --profile  # the same under pyinstrument, text report

Phases: load the shipped criteria, open the workbook (calamine parses the sheet), read the
records (header match, cell normalisers), evaluate (engine), write the JSON document.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(path: Path, out: Path) -> None:
    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.engine.titles import evaluate_titles
    from hoctap_cli.outputs.data.formats import write_json
    from hoctap_cli.records.reader import open_input, read_input
    from hoctap_cli.workflow.run import Evaluation, InputFile, TitleResult, assessment_date

    marks: list[tuple[str, float, float]] = []
    start = last = time.perf_counter()

    def mark(name: str) -> None:
        nonlocal last
        now = time.perf_counter()
        marks.append((name, now - last, _rss_mb()))
        last = now

    catalog = shipped_catalog()
    mark("load criteria")
    opened = open_input(path)
    mark("open workbook")
    as_of = assessment_date([opened])
    candidates = [catalog.in_force(title, as_of) for title in catalog.titles()]
    read = read_input(opened, candidates)
    records = dict(read.by_title)
    mark("read records")
    outcome = evaluate_titles(records, read.criteria, as_of.year)
    mark("evaluate")
    evaluation = Evaluation(
        as_of,
        titles=[TitleResult(read.criteria[t], outcome.results[t]) for t in outcome.order],
        inputs=[InputFile(read.file, "-", tuple(read.layouts))],
        problems=read.problems + outcome.problems,
    )
    with out.open("wb") as stream:
        write_json(evaluation, stream)
    mark("write JSON")
    total = time.perf_counter() - start
    rows = sum(len(r) for r in records.values())
    print(f"{path.name}: {rows:,} records, {total:.2f} s in all")
    for name, seconds, rss in marks:
        print(
            f"  {name:<14} {seconds:7.2f} s  {100 * seconds / total:5.1f} %"
            f"  peak RSS {rss:7,.0f} MB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("size", type=int)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--out", type=Path, default=Path("/dev/null"))
    args = parser.parse_args()
    path = generate.ensure(args.size)
    if not args.profile:
        run(path, args.out)
        return
    from pyinstrument import Profiler

    profiler = Profiler()
    with profiler:
        run(path, args.out)
    print(profiler.output_text(color=False, show_all=False))


if __name__ == "__main__":
    main()
