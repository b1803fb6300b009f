"""Province-scale benchmark of ``hoctap evaluate`` against the raw Excel read and pandas.

    python bench/run.py --sizes 10000 100000 500000 --repeat 3

Every measurement runs in a fresh subprocess; its wall time is taken around the process and
its peak RSS from ``os.wait4`` (``ru_maxrss``). Repeats are interleaved (a, b, c, a, b, c …)
so that a noisy neighbour slows every contender alike; medians are reported. Ratios are
between figures of the same run only. Results are appended to ``bench/README.md``.

Contenders, on the same synthetic workbook (``bench/generate.py``):
  raw       python-calamine iterating every row of the sheet, doing nothing else        (a)
  pandas    pandas.read_excel (default engine) + a hand-written per-row check of the rules (b)
  pandas_calamine  pandas.read_excel(engine="calamine"), cells as text, rules vectorised  (b2)
  polars    polars.read_excel (fastexcel), cells as text, rules as polars expressions    (p)
  evaluate  ``hoctap evaluate FILE --format json -o out.json`` end to end                (c)
  export    ``hoctap export``, if that command exists                                   (d)
  annotate  ``hoctap evaluate --annotate``, if that option exists                        (d)
  xlsxwrite xlsxwriter (constant_memory) writing as many cells as export/annotate wrote
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
README = HERE / "README.md"
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/ is not a package)

# ---------------------------------------------------------------------------------------
# Workers: each runs alone in a fresh interpreter (``run.py --worker NAME ...``).
# ---------------------------------------------------------------------------------------


def worker_raw(path: str) -> None:
    """(a) The floor: python-calamine reading every row into Python, nothing else."""
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(path)
    rows = 0
    for name in book.sheet_names:
        for _ in book.get_sheet_by_name(name).iter_rows():
            rows += 1
    print(json.dumps({"rows": rows}))


def _number(cell: Any, low: float, high: float) -> float | None:
    """A cell as a careful user would read it: text numbers and decimal commas accepted,
    blanks, words and values out of range treated as missing."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return None
    if isinstance(cell, str):
        try:
            cell = float(cell.strip().replace(",", "."))
        except ValueError:
            return None
    value = float(cell)
    return value if low <= value <= high else None


def worker_pandas(path: str) -> None:
    """(b) What a user would otherwise write: pandas.read_excel and the rules by hand."""
    import warnings

    import pandas as pd

    warnings.simplefilter("ignore")  # pandas 3 announces its next default engine
    frame = pd.read_excel(
        path, sheet_name=generate.SHEET, header=generate.HEADER_ROW - 1
    )  # openpyxl
    counts = {"pass": 0, "fail": 0, "incomplete": 0, "skipped": 0}
    seen: set[str] = set()
    for row in frame.itertuples(index=False, name=None):
        household = row[1]
        if not isinstance(household, str) or household in seen or not isinstance(row[2], str):
            counts["skipped"] += 1
            continue
        seen.add(household)
        age, school, results, conduct = (_number(c, 0, 30) for c in row[6:10])
        adults, literate, topics = (_number(c, 0, 50) for c in row[11:14])
        awarded = [
            (_number(row[10], 0, 10), 10.0),
            (_number(row[14], 0, 10), 10.0),
            (_number(row[15], 0, 20), 20.0),
            (_number(row[16], 0, 20), 20.0),
        ]
        item_11 = _or(_none(age), _at_least(school, age))
        item_12 = _or(
            _none(age), _none(school), _and(_at_least(results, school), _at_least(conduct, school))
        )
        if school is None and age and results is not None and conduct is not None:
            item_12 = _completed(age, results, conduct)
        item_21 = _at_least(literate, adults)
        item_22 = _at_least(topics, adults)
        parts = awarded + [
            (None if met is None else 10.0 * met, 10.0)
            for met in (item_11, item_12, item_21, item_22)
        ]
        low = sum(points for points, _ in parts if points is not None)
        high = low + sum(top for points, top in parts if points is None)
        verdict = "pass" if low >= 80 else "incomplete" if high >= 80 else "fail"
        counts[verdict] += 1
    print(json.dumps({"rows": len(frame), **counts}))


def _completed(age: float, results: float, conduct: float) -> bool | None:
    """Rule 1.2 with the count at school blank, as hoctap decides it: every count it may hold
    (the file's constraints: from the larger of results and conduct up to age) agrees."""
    if results == conduct == age:
        return True
    return False if results != conduct else None


def _none(value: float | None) -> bool | None:
    return None if value is None else value == 0


def _at_least(value: float | None, bound: float | None) -> bool | None:
    return None if value is None or bound is None else value >= bound


def _and(*parts: bool | None) -> bool | None:
    """Three-valued ``and``: false if any part is false, unknown if any is unknown."""
    if any(part is False for part in parts):
        return False
    return None if any(part is None for part in parts) else True


def _or(*parts: bool | None) -> bool | None:
    """Three-valued ``or``: true if any part is true, unknown if any is unknown."""
    if any(part is True for part in parts):
        return True
    return None if any(part is None for part in parts) else False


# Columns of the bench workbook (bench/generate.py): counts with their bounds, and the
# council's points with their maximum, in the order the sheet has them.
_COUNTS = {6: 30, 7: 30, 8: 30, 9: 30, 11: 50, 12: 50, 13: 50}
_AWARDED = {10: 10, 14: 10, 15: 20, 16: 20}


def worker_polars(path: str) -> None:
    """(p) The columnar floor: polars.read_excel through fastexcel with every cell read as
    text (type inference would turn "7,5" into null and change verdicts), then the same
    rules as polars expressions, three-valued (polars' ``&``/``|`` on nullable booleans are
    Kleene logic, as hoctap's ``and``/``or`` are)."""
    import polars as pl

    frame = pl.read_excel(
        path,
        sheet_name=generate.SHEET,
        engine="calamine",
        read_options={"header_row": generate.HEADER_ROW - 1, "dtypes": "string"},
    )
    names = frame.columns

    def number(index: int, high: float) -> pl.Expr:
        text = pl.col(names[index]).str.strip_chars().str.replace(",", ".", literal=True)
        value = text.cast(pl.Float64, strict=False)
        return pl.when(value.is_between(0, high)).then(value)

    age, school, results, conduct = (number(i, _COUNTS[i]) for i in (6, 7, 8, 9))
    adults, literate, topics = (number(i, _COUNTS[i]) for i in (11, 12, 13))
    # As hoctap decides a rule that reads a blank cell: a blank or unreadable count of children
    # at school is decided when every count it can hold agrees, from the larger of the two
    # counts the rule reads inside it up to the children of age (the file's constraints).
    most = pl.max_horizontal(results, conduct)
    blank = school.is_null() & age.is_not_null() & results.is_not_null() & conduct.is_not_null()
    met = [
        (age == 0) | (school >= age),  # reads no count inside the one at school: no bound
        pl.when(blank & (age > 0))
        .then(
            pl.when((results == conduct) & (most == age))
            .then(True)
            .when(results != conduct)
            .then(False)
        )
        .otherwise((age == 0) | (school == 0) | ((results >= school) & (conduct >= school))),
        literate >= adults,
        topics >= adults,
    ]
    parts = [(number(i, top), float(top)) for i, top in _AWARDED.items()]
    parts += [(pl.when(m).then(10.0).when(m.not_()).then(0.0), 10.0) for m in met]
    low = pl.sum_horizontal([p.fill_null(0.0) for p, _ in parts])
    blanks = [pl.when(p.is_null()).then(top).otherwise(0.0) for p, top in parts]
    high = low + pl.sum_horizontal(blanks)
    household = pl.col(names[1])  # a row without the head of household's name is not read
    kept = household.is_not_null() & household.is_first_distinct() & pl.col(names[2]).is_not_null()
    verdict = (
        pl.when(low >= 80)
        .then(pl.lit("pass"))
        .when(high >= 80)
        .then(pl.lit("incomplete"))
        .otherwise(pl.lit("fail"))
    )
    decided = frame.select(pl.when(kept).then(verdict).otherwise(pl.lit("skipped")).alias("v"))
    counts = {"pass": 0, "fail": 0, "incomplete": 0, "skipped": 0}
    for name, count in decided["v"].value_counts().iter_rows():
        counts[name] = count
    print(json.dumps({"rows": frame.height, **counts}))


def worker_pandas_calamine(path: str) -> None:
    """(b2) pandas.read_excel with the calamine engine, cells as text, and the same rules
    vectorised over nullable booleans (Kleene logic)."""
    import pandas as pd

    frame = pd.read_excel(
        path,
        sheet_name=generate.SHEET,
        header=generate.HEADER_ROW - 1,
        engine="calamine",
        dtype=str,
    )
    columns = list(frame.columns)

    def number(index: int, high: float) -> Any:
        text = frame[columns[index]].str.strip().str.replace(",", ".", regex=False)
        value = pd.to_numeric(text, errors="coerce")
        return value.where(value.between(0, high)).astype("Float64")

    def at_least(a: Any, b: Any) -> Any:
        return (a >= b).astype("boolean")

    age, school, results, conduct = (number(i, _COUNTS[i]) for i in (6, 7, 8, 9))
    adults, literate, topics = (number(i, _COUNTS[i]) for i in (11, 12, 13))
    item_12 = (
        (age == 0).astype("boolean")
        | (school == 0).astype("boolean")
        | (at_least(results, school) & at_least(conduct, school))
    )
    # As hoctap decides a rule that reads a blank cell (see worker_polars).
    blank = (school.isna() & (age > 0) & results.notna() & conduct.notna()).fillna(False)
    completed = pd.Series(pd.NA, index=frame.index, dtype="boolean")
    completed[((results == conduct) & (results == age)).fillna(False)] = True
    completed[(results != conduct).fillna(False)] = False
    met = [
        (age == 0).astype("boolean") | at_least(school, age),
        item_12.where(~blank, completed),
        at_least(literate, adults),
        at_least(topics, adults),
    ]
    parts = [(number(i, top), float(top)) for i, top in _AWARDED.items()]
    for m in met:
        points = pd.Series(pd.NA, index=frame.index, dtype="Float64")
        points[m.fillna(False)] = 10.0
        points[(~m).fillna(False)] = 0.0
        parts.append((points, 10.0))
    low = sum(p.fillna(0.0) for p, _ in parts)
    high = low + sum(p.isna() * top for p, top in parts)
    household = frame[columns[1]]  # a row without the head of household's name is not read
    kept = household.notna() & ~household.duplicated() & frame[columns[2]].notna()
    counts = {
        "pass": int((kept & (low >= 80)).sum()),
        "incomplete": int((kept & (low < 80) & (high >= 80)).sum()),
        "fail": int((kept & (high < 80)).sum()),
        "skipped": int((~kept).sum()),
    }
    print(json.dumps({"rows": len(frame), **counts}))


def worker_xlsxwrite(out: str, shape: str) -> None:
    """Baseline of (d): xlsxwriter in constant_memory mode writing the same cells alone.

    ``shape`` is ``ROWSxCOLS[,ROWSxCOLS…]``, one sheet each; cells alternate text and numbers
    as a results sheet does.
    """
    import xlsxwriter

    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    for index, part in enumerate(shape.split(",")):
        height, width = (int(n) for n in part.split("x"))
        sheet = book.add_worksheet(f"Sheet{index + 1}")
        texts = [f"Giá trị {c} của hồ sơ" for c in range(width)]
        for r in range(height):
            sheet.write_row(r, 0, [texts[c] if c % 2 else r * 1.5 + c for c in range(width)])
    book.close()
    print(json.dumps({"rows": 0}))


WORKERS: dict[str, Callable[..., None]] = {
    "raw": worker_raw,
    "pandas": worker_pandas,
    "pandas_calamine": worker_pandas_calamine,
    "polars": worker_polars,
    "xlsxwrite": worker_xlsxwrite,
}

# ---------------------------------------------------------------------------------------
# The parent: measurements, medians, the table.
# ---------------------------------------------------------------------------------------


@dataclass
class Sample:
    seconds: float
    rss_mb: float
    status: int


@dataclass
class Measure:
    name: str
    command: list[str]
    samples: list[Sample] = field(default_factory=list)
    note: str = ""
    ok_codes: tuple[int, ...] = (0,)
    output: str = ""  # what the last run printed: a contender's verdict counts

    @property
    def seconds(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def rss_mb(self) -> float:
        return statistics.median(s.rss_mb for s in self.samples)


def measure_once(command: Sequence[str]) -> tuple[Sample, str]:
    """Run ``command`` in a fresh process: wall seconds, peak RSS (MB), exit status.

    The child is spawned and reaped here with ``os.wait4``, so ``ru_maxrss`` is its own peak
    resident set, not the benchmark's.
    """
    with tempfile.TemporaryFile() as output:
        actions = [
            (os.POSIX_SPAWN_DUP2, output.fileno(), 1),
            (os.POSIX_SPAWN_DUP2, output.fileno(), 2),
        ]
        start = time.perf_counter()
        pid = os.posix_spawn(command[0], list(command), os.environ, file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        seconds = time.perf_counter() - start
        output.seek(0)
        text = output.read().decode("utf-8", errors="replace")
    rss_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    return Sample(seconds, rss_mb, os.waitstatus_to_exitcode(status)), text


def run_measures(measures: list[Measure], repeat: int, log: Callable[[str], None]) -> None:
    for round_ in range(repeat):
        for item in measures:
            if item.note:
                continue
            sample, output = measure_once(item.command)
            if sample.status not in item.ok_codes:
                item.note = f"failed (exit {sample.status}): {_first_line(output)}"
                log(f"  {item.name}: {item.note}")
                continue
            item.samples.append(sample)
            item.output = output
            log(f"  round {round_ + 1} {item.name}: {sample.seconds:.2f} s, {sample.rss_mb:.0f} MB")


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:200] if lines else ""


def hoctap_binary() -> str:
    found = Path(sys.executable).with_name("hoctap")
    return str(found) if found.exists() else (shutil.which("hoctap") or "hoctap")


def _help(hoctap: str, *args: str) -> str:
    done = subprocess.run([hoctap, *args, "--help"], capture_output=True, text=True)
    return done.stdout + done.stderr if done.returncode == 0 else ""


def export_command(hoctap: str, path: Path, out: Path) -> tuple[list[str] | None, str]:
    """``hoctap export FILE -o OUT``, or why it cannot run (the command is being written)."""
    text = _help(hoctap, "export")
    if not text:
        return None, "not available: this hoctap has no 'export' command"
    return [hoctap, "export", str(path), "-o", str(out), "--force"], ""


def annotate_command(hoctap: str, path: Path, out: Path) -> tuple[list[str] | None, str]:
    """``hoctap evaluate FILE --annotate OUT.xlsx``, or why it cannot run.

    The results themselves go to a JSON file (``-f json -o``): without ``-o`` evaluate
    prints its table of every applicant, which is not what is being measured here.
    """
    text = _help(hoctap, "evaluate")
    if "--annotate" not in text:
        return None, "not available: 'hoctap evaluate' has no --annotate option"
    results = ["-f", "json", "-o", str(out.with_suffix(".json")), "--force"]
    if re.search(r"--annotate [<\[A-ZĐ]", text):  # the option takes the workbook to write
        return [hoctap, "evaluate", str(path), "--annotate", str(out), *results], ""
    return None, "not available: 'hoctap evaluate --annotate' takes no file name"


def written_shape(path: Path) -> str:
    """ROWSxCOLS of every sheet of a workbook a command wrote, for the xlsxwriter baseline."""
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(path))
    shapes = []
    for name in book.sheet_names:
        sheet = book.get_sheet_by_name(name)
        shapes.append(f"{sheet.height}x{sheet.width}")
    return ",".join(shapes)


def startup(hoctap: str) -> Measure:
    """``hoctap --help``, median of 5."""
    item = Measure("hoctap --help", [hoctap, "--help"])
    for _ in range(5):
        sample, _ = measure_once(item.command)
        item.samples.append(sample)
    return item


def machine() -> dict[str, str]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return {"cpu": cpu, "cores": str(os.cpu_count()), "memory": memory}


def versions() -> dict[str, str]:
    from importlib import metadata

    found = {"python": platform.python_version()}
    names = ("hoctap", "python-calamine", "pandas", "polars", "fastexcel", "openpyxl", "xlsxwriter")
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "-"
    return found


def _rate(rows: int, item: Measure) -> str:
    return f"{rows / item.seconds:,.0f}" if item.samples and item.seconds else "–"


def _ratio(top: Measure | None, bottom: Measure | None) -> str:
    if not top or not bottom or not top.samples or not bottom.samples:
        return "–"
    return f"{top.seconds / bottom.seconds:.2f}×"


def agreement(measures: dict[str, Measure], evaluated: Path) -> str:
    """Whether every contender counted the verdicts hoctap gave: the rules are the same."""
    if not evaluated.exists():
        return "verdict counts: hoctap evaluate did not run"
    hoctap = verdict_counts(evaluated)
    differ = []
    for name in ("pandas", "pandas_calamine", "polars"):
        item = measures.get(name)
        if item is None or not item.output.strip():
            continue
        counted = json.loads(item.output.strip().splitlines()[-1])
        if any(counted[k] != v for k, v in hoctap.items()):
            differ.append(f"{item.name}: {counted}")
    shown = ", ".join(f"{k} {v:,}" for k, v in hoctap.items())
    if differ:
        return f"verdict counts differ from hoctap's ({shown}): " + "; ".join(differ)
    return f"verdict counts agree with hoctap's: {shown}"


def _memory(top: Measure | None, bottom: Measure | None) -> str:
    if not top or not bottom or not top.samples or not bottom.samples:
        return "–"
    return f"{top.rss_mb / bottom.rss_mb:.2f}×"


def verdict_counts(document: Path, block_size: int = 1 << 23) -> dict[str, int]:
    """Each verdict's count in a results JSON, by scanning its text in blocks: loading the
    2 GB document of 500,000 households would grow this process past every contender's
    peak, and a child's measured peak RSS starts at its parent's when it is spawned."""
    patterns = {v: f'"verdict": "{v}"'.encode() for v in ("pass", "fail", "incomplete")}
    counts = dict.fromkeys(patterns, 0)
    keep = max(len(p) for p in patterns.values()) - 1
    tail = b""
    with document.open("rb") as stream:
        while block := stream.read(block_size):
            text = tail + block
            for verdict, pattern in patterns.items():
                # A match ending inside the kept tail was counted with the previous block.
                counts[verdict] += text.count(pattern) - tail.count(pattern)
            tail = text[-keep:]
    return counts


def table(results: list[tuple[int, dict[str, Measure], str]], start: Measure, repeat: int) -> str:
    when = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    box, lib = machine(), versions()
    lines = [
        f"### {when}",
        "",
        f"Machine: {box['cpu']}, {box['cores']} cores, {box['memory']} RAM. "
        + ", ".join(f"{k} {v}" for k, v in lib.items())
        + f". Medians of {repeat}; each measure a fresh process, wall time, peak RSS from "
        "`wait4`.",
        "",
        f"`hoctap --help`: {start.seconds:.3f} s (median of 5), {start.rss_mb:.0f} MB.",
        "",
        "| rows | measure | seconds | rows/s | peak RSS MB |",
        "|---:|---|---:|---:|---:|",
    ]
    for rows, measures, _ in results:
        for item in measures.values():
            if item.note or not item.samples:
                lines.append(f"| {rows:,} | {item.name} | {item.note or 'not run'} | | |")
                continue
            rate = "–" if item.name.startswith("xlsxwriter") else _rate(rows, item)
            lines.append(
                f"| {rows:,} | {item.name} | {item.seconds:.2f} | {rate} | {item.rss_mb:,.0f} |"
            )
    lines += [
        "",
        "| rows | evaluate / raw read (c/a) | evaluate / polars (c/p) "
        "| pandas calamine / evaluate (b2/c) | pandas / evaluate (b/c) "
        "| peak RSS evaluate / raw read | export / xlsxwriter | annotate / xlsxwriter |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for rows, m, _ in results:
        lines.append(
            f"| {rows:,} | {_ratio(m.get('evaluate'), m.get('raw'))} "
            f"| {_ratio(m.get('evaluate'), m.get('polars'))} "
            f"| {_ratio(m.get('pandas_calamine'), m.get('evaluate'))} "
            f"| {_ratio(m.get('pandas'), m.get('evaluate'))} "
            f"| {_memory(m.get('evaluate'), m.get('raw'))} "
            f"| {_ratio(m.get('export'), m.get('xlsxwriter (export)'))} "
            f"| {_ratio(m.get('annotate'), m.get('xlsxwriter (annotate)'))} |"
        )
    lines.append("")
    lines += [f"{rows:,} rows: {agreed}." for rows, _, agreed in results]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip", nargs="*", default=[], help="measures to leave out, e.g. pandas")
    parser.add_argument("--no-append", action="store_true", help="print, do not touch README.md")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        WORKERS[args.worker[0]](*args.worker[1:])
        return

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    hoctap = hoctap_binary()
    me = [sys.executable, str(Path(__file__).resolve()), "--worker"]
    results: list[tuple[int, dict[str, Measure], str]] = []
    with tempfile.TemporaryDirectory(prefix="hoctap-bench-") as scratch:
        out = Path(scratch)
        start = startup(hoctap)
        log(f"hoctap --help: {start.seconds:.3f} s")
        for size in args.sizes:
            log(f"{size:,} rows: preparing {generate.path_for(size)}")
            path = generate.ensure(size)
            measures = {
                "raw": Measure("raw read (a)", [*me, "raw", str(path)]),
                "pandas": Measure("pandas + rules (b)", [*me, "pandas", str(path)]),
                "pandas_calamine": Measure(
                    "pandas calamine + vectorised rules (b2)", [*me, "pandas_calamine", str(path)]
                ),
                "polars": Measure("polars + rules as expressions (p)", [*me, "polars", str(path)]),
                "evaluate": Measure(
                    "hoctap evaluate json (c)",
                    [
                        hoctap,
                        "evaluate",
                        str(path),
                        "-f",
                        "json",
                        "-o",
                        str(out / "out.json"),
                        "--force",
                    ],
                    ok_codes=(0, 1),  # 1: some rows carry mistakes, as real ones do
                ),
            }
            for name, build in (("export", export_command), ("annotate", annotate_command)):
                command, why = build(hoctap, path, out / f"{name}.xlsx")
                measures[name] = Measure(
                    f"hoctap {name} (d)", command or [], note=why, ok_codes=(0, 1)
                )
            for name in args.skip:
                measures.pop(name, None)
            run_measures(list(measures.values()), args.repeat, log)
            for name in ("export", "annotate"):
                done = measures.get(name)
                if done is None or done.note or not (out / f"{name}.xlsx").exists():
                    continue
                shape = written_shape(out / f"{name}.xlsx")
                baseline = Measure(
                    "xlsxwriter alone",
                    [*me, "xlsxwrite", str(out / f"base-{name}.xlsx"), shape],
                )
                baseline.name = f"xlsxwriter alone ({name}: {shape} cells)"
                run_measures([baseline], args.repeat, log)
                measures[f"xlsxwriter ({name})"] = baseline
            agreed = agreement(measures, out / "out.json")
            log(agreed)
            results.append((size, measures, agreed))
    text = table(results, start, args.repeat)
    print(text)
    if not args.no_append:
        with README.open("a", encoding="utf-8") as handle:
            handle.write("\n" + text)
        log(f"appended to {README}")


if __name__ == "__main__":
    main()
