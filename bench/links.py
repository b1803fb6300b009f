"""Roll-up link problems at scale: households pointing at clans that are not in the run.

    python bench/links.py --sizes 12500 25000 50000 100000

Each size N evaluates N households whose ``ma_dong_ho`` names no clan (N broken links, each
reported once) next to a baseline of the same run: N households whose clans all exist
(no problem to report). Both in one process, interleaved, median of ``--repeat`` runs.
What matters is the shape: time per household stays flat as N grows (linear reporting),
and the broken run costs a small constant factor over the linked one. Compare ratios of
one run, never absolute times across runs (the machine is shared).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from hoctap_cli.criteria.catalog import shipped_catalog  # noqa: E402
from hoctap_cli.engine.levels import evaluate_levels  # noqa: E402
from hoctap_cli.records.record import Record, SourceRow  # noqa: E402

HOUSEHOLD = {
    "chu_ho": "Hộ",
    "so_tre_do_tuoi": 0,
    "diem_1_3": 10,
    "so_nguoi_lon": 1,
    "so_nguoi_lon_biet_chu": 1,
    "so_nguoi_lon_hoc_chuyen_de": 1,
    "diem_2_3": 10,
    "diem_tc3": 20,
    "diem_tc4": 20,
}


def batches(size: int, broken: bool) -> dict[str, list[Record]]:
    """``size`` households in clans of 10; with ``broken`` no clan record exists."""
    clans = [
        Record(
            {"ma_dong_ho": f"D{c}", "ten_dong_ho": "Họ", "dat_tieu_chi_khac": True},
            SourceRow("dong-ho.xlsx", "Dòng họ", c + 2),
        )
        for c in range(0 if broken else size // 10)
    ]
    households = [
        Record(
            {**HOUSEHOLD, "ma_ho": f"H{i}", "ma_dong_ho": f"D{i // 10}"},
            SourceRow("ho.xlsx", "Hộ", i + 2),
        )
        for i in range(size)
    ]
    return {"gia-dinh-hoc-tap": households, "dong-ho-hoc-tap": clans}


def measure(size: int, broken: bool) -> tuple[float, int]:
    catalog = shipped_catalog()
    criteria = {
        title: catalog.pinned(f"{title}@448-2015")
        for title in ("gia-dinh-hoc-tap", "dong-ho-hoc-tap")
    }
    data = batches(size, broken)
    start = time.perf_counter()
    outcome = evaluate_levels(data, criteria, 2025)
    elapsed = time.perf_counter() - start
    return elapsed, sum(p.code.value == "broken_link" for p in outcome.problems)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[12500, 25000, 50000, 100000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    measure(100, broken=True)  # warm up: criteria loaded, code paths run once
    rows = []
    for size in args.sizes:
        linked, broken, found = [], [], 0
        for _ in range(args.repeat):  # interleaved: a busy neighbour slows both alike
            linked.append(measure(size, broken=False)[0])
            seconds, found = measure(size, broken=True)
            broken.append(seconds)
        assert found == size, (found, size)  # every broken link reported, each once
        rows.append((size, statistics.median(linked), statistics.median(broken)))
    first = rows[0][2] / rows[0][0]
    print(
        "| households (= broken links) | linked run | broken run | broken / linked "
        "| time per broken link vs smallest size |"
    )
    print("|---:|---:|---:|---:|---:|")
    for size, linked_s, broken_s in rows:
        print(
            f"| {size:,} | {linked_s:.2f} s | {broken_s:.2f} s | {broken_s / linked_s:.2f} "
            f"| {broken_s / size / first:.2f} |"
        )


if __name__ == "__main__":
    main()
