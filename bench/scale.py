"""Does any step of ``hoctap evaluate`` grow faster than its input? Rows, files, titles.

    python bench/scale.py --repeat 3
    python bench/scale.py --sizes 10000 30000 100000 300000 1000000 --copies 10 100 1000

Three curves, each point ``hoctap evaluate PATH -f json -o FILE`` end to end in a fresh
process (``files.evaluate``), medians of ``--repeat``, the points of a curve interleaved in
each round so that a busy neighbour slows them alike:

  rows    the households workbook of ``generate.py`` at each of ``--sizes``: the time per
          1,000 rows at each size, and the ratio of the largest size's to the smallest's
          (1.00 is linear; a step quadratic in rows shows as a ratio growing with the sizes);
  files   ``--files-rows`` households as one workbook and split into ``--files`` workbooks
          (``files.ensure``): the time per file, and per 1,000 rows against one workbook;
  titles  the shipped commune workbook (``examples/xa-quang-phu-2025.xlsx``: 546 records
          over 11 titles, linked bottom-up) copied ``--copies`` times into one workbook, each
          copy with its own ids and links (``commune``), against the households workbook of
          the same row count (one title): the ratio commune / village at each size.

Compare ratios of one run, never times across runs (the machine is shared).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import files  # noqa: E402  (bench/ is not a package)
import generate  # noqa: E402

COMMUNE = ROOT / "examples" / "xa-quang-phu-2025.xlsx"
COMMUNE_HEADER_ROW = 4  # 1-based, in every sheet of the commune example


def commune(copies: int) -> Path:
    """The commune workbook ``copies`` times in one workbook (cached in ``bench/data/``).

    Each sheet keeps its title block and header once, then its data rows for each copy.
    Every cell that holds one of the workbook's applicant ids (an id column, or a link to
    another sheet's applicant: a household's clan, a village's commune) gets the copy's
    suffix (``ES-001`` → ``ES-001-7``), so each copy is a commune of its own with the same
    links, the same deliberate mistakes, and the same roll-ups.
    """
    target = generate.DATA / f"xa-quang-phu-x{copies}.xlsx"
    if target.exists():
        return target
    import python_calamine
    import xlsxwriter

    ids = _applicant_ids()
    book = python_calamine.CalamineWorkbook.from_path(str(COMMUNE))
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_suffix(".tmp.xlsx")
    out = xlsxwriter.Workbook(str(staging), {"constant_memory": True, "strings_to_numbers": False})
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python()
        sheet = out.add_worksheet(name)
        for index, row in enumerate(rows[:COMMUNE_HEADER_ROW]):
            sheet.write_row(index, 0, [_cell(value) for value in row])
        data = rows[COMMUNE_HEADER_ROW:]
        at = COMMUNE_HEADER_ROW
        for copy in range(1, copies + 1):
            for row in data:
                cells = [_cell(value, ids, copy) for value in row]
                sheet.write_row(at, 0, cells)
                at += 1
    out.close()
    staging.replace(target)
    return target


def _applicant_ids() -> set[str]:
    """Every applicant id of the commune workbook, as hoctap reads them."""
    import datetime as dt

    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.records.reader import open_input, read_input

    catalog = shipped_catalog()
    on = dt.date(2025, 12, 31)
    read = read_input(open_input(COMMUNE), [catalog.in_force(t, on) for t in catalog.titles()])
    found = set()
    for title, records in read.by_title.items():
        id_field = read.criteria[title].criteria.identity.id
        found |= {str(r.values[id_field]) for r in records if r.values.get(id_field)}
    return found


def _cell(value: Any, ids: Collection[str] = (), copy: int = 0) -> Any:
    """A cell as written: blanks left out, applicant ids with the copy's suffix."""
    if value == "":
        return None
    if isinstance(value, str) and value.strip() in ids:
        return f"{value.strip()}-{copy}"
    return value


def measure(points: dict[str, Path], repeat: int, log: Callable[[str], None]) -> dict[str, float]:
    """Median seconds of ``hoctap evaluate`` of each path, the points interleaved."""
    times: dict[str, list[float]] = {name: [] for name in points}
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "out.json"
        for round_ in range(repeat):
            for name, path in points.items():
                times[name].append(files.evaluate(path, out, None))
                log(f"  round {round_ + 1} {name}: {times[name][-1]:.2f} s")
    return {name: statistics.median(spans) for name, spans in times.items()}


def rows_curve(sizes: Sequence[int], repeat: int, log: Callable[[str], None]) -> dict[int, float]:
    paths = {f"{size:,} rows": generate.ensure(size) for size in sizes}
    found = measure(paths, repeat, log)
    seconds = {size: found[f"{size:,} rows"] for size in sizes}
    first = seconds[sizes[0]] / sizes[0]
    print(f"\nRows: one households workbook, medians of {repeat}:")
    print("| rows | seconds | ms per 1,000 rows | per row vs smallest | ms per 1,000 more rows |")
    print("|---:|---:|---:|---:|---:|")
    previous: int | None = None
    for size in sizes:
        per_row = seconds[size] / size
        # The slope from the size before: start-up left out, a step growing faster than
        # the rows shows as a slope that grows with them.
        slope = (
            f"{(seconds[size] - seconds[previous]) / (size - previous) * 1e6:.1f}"
            if previous is not None
            else ""
        )
        print(
            f"| {size:,} | {seconds[size]:.2f} | {per_row * 1e6:.1f} | {per_row / first:.2f} "
            f"| {slope} |"
        )
        previous = size
    last = sizes[-1]
    print(
        f"Linearity: time per row at {last:,} / at {sizes[0]:,} = "
        f"{seconds[last] / last / first:.2f}"
    )
    return seconds


def files_curve(
    total: int, counts: Sequence[int], repeat: int, log: Callable[[str], None]
) -> dict[int, float]:
    paths: dict[str, Path] = {}
    for count in counts:
        single, folder = files.ensure(total, count) if count > 1 else (files.single(total), None)
        paths[f"{count} files"] = folder or single
    found = measure(paths, repeat, log)
    seconds = {count: found[f"{count} files"] for count in counts}
    one = seconds[counts[0]]
    print(f"\nFiles: {total:,} households in equal files, medians of {repeat}:")
    print("| files | rows per file | seconds | ms per 1,000 rows | vs first | ms per file |")
    print("|---:|---:|---:|---:|---:|---:|")
    for count in counts:
        extra = (seconds[count] - one) / (count - counts[0]) if count != counts[0] else 0.0
        print(
            f"| {count} | {-(-total // count):,} | {seconds[count]:.2f} "
            f"| {seconds[count] / total * 1e6:.1f} | {seconds[count] / one:.2f} "
            f"| {extra * 1000:.0f} |"
        )
    return seconds


def titles_curve(
    copies: Sequence[int], repeat: int, log: Callable[[str], None]
) -> dict[int, tuple[float, float]]:
    records = len(_applicant_rows())
    paths: dict[str, Path] = {}
    for count in copies:
        paths[f"commune x{count}"] = commune(count)
        paths[f"village {records * count:,}"] = generate.ensure(records * count)
    found = measure(paths, repeat, log)
    print(
        f"\nTitles: the commune workbook ({records} rows over 11 titles) copied, against the "
        f"households workbook of the same rows, medians of {repeat}:"
    )
    print("| copies | rows | commune | village | commune / village | commune per 1,000 rows |")
    print("|---:|---:|---:|---:|---:|---:|")
    seconds = {}
    for count in copies:
        rows = records * count
        mine, village = found[f"commune x{count}"], found[f"village {rows:,}"]
        seconds[count] = (mine, village)
        print(
            f"| {count} | {rows:,} | {mine:.2f} s | {village:.2f} s | {mine / village:.2f} "
            f"| {mine / rows * 1e6:.1f} ms |"
        )
    return seconds


def _applicant_rows() -> list[list[Any]]:
    """The data rows of every sheet of the commune workbook."""
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(COMMUNE))
    return [
        row
        for name in book.sheet_names
        for row in book.get_sheet_by_name(name).to_python()[COMMUNE_HEADER_ROW:]
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000, 300_000])
    parser.add_argument("--files", type=int, nargs="+", default=[1, 10, 100, 400])
    parser.add_argument("--files-rows", type=int, default=20_000)
    parser.add_argument("--copies", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=["rows", "files", "titles"], nargs="+")
    parser.add_argument("--quiet", action="store_true", help="no line per measurement")
    args = parser.parse_args(argv)
    parts = set(args.only or ["rows", "files", "titles"])

    def log(line: str) -> None:
        if not args.quiet:
            print(line, file=sys.stderr, flush=True)

    if "rows" in parts:
        rows_curve(args.sizes, args.repeat, log)
    if "files" in parts:
        files_curve(args.files_rows, args.files, args.repeat, log)
    if "titles" in parts:
        titles_curve(args.copies, args.repeat, log)


if __name__ == "__main__":
    main()
