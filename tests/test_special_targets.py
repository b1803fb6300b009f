"""Outputs that are not regular files: written to in place, never renamed over."""

from __future__ import annotations

import json
import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.support import EXAMPLE_YAML, RunCli, results_of

from hoctap_cli.atomic import write_atomic

DEV_NULL = Path("/dev/null")


@pytest.fixture(autouse=True)
def _dev_null_restored() -> Iterator[None]:
    """Should a change ever rename a file over /dev/null again, put the device back, so
    that the failing test is all the harm done to the machine running it."""
    yield
    if not stat.S_ISCHR(DEV_NULL.stat().st_mode) and os.geteuid() == 0:
        DEV_NULL.unlink()
        os.mknod(DEV_NULL, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        os.chmod(DEV_NULL, 0o666)


def _read_fifo(path: Path, into: list[bytes]) -> threading.Thread:
    """A reader on the other end of the FIFO, as a pipeline's next program would be."""

    def read() -> None:
        with path.open("rb") as handle:
            into.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return reader


def test_dev_null_stays_a_device() -> None:
    """It writes into /dev/null without replacing the device by a file (as root too)."""
    write_atomic(DEV_NULL, lambda stream: stream.write(b"bo qua"))
    assert stat.S_ISCHR(DEV_NULL.stat().st_mode)
    assert not list(Path("/dev").glob(".null.*.tmp"))


def test_fifo_is_written_through_not_replaced(tmp_path: Path) -> None:
    """It sends the bytes down a FIFO to its reader and leaves the FIFO in place."""
    fifo = tmp_path / "ong"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = _read_fifo(fifo, received)
    write_atomic(fifo, lambda stream: stream.write(b"du lieu"))
    reader.join(timeout=10)
    assert received == [b"du lieu"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ong"]


def test_evaluate_into_dev_null_with_force(run_cli: RunCli) -> None:
    """It runs `evaluate -o /dev/null --force` and /dev/null is still the device after."""
    result = run_cli("evaluate", EXAMPLE_YAML, "-f", "json", "-o", DEV_NULL, "--force")
    assert result.exit_code == 1  # the example has rows with errors on purpose
    assert stat.S_ISCHR(DEV_NULL.stat().st_mode)


def test_evaluate_into_a_fifo(run_cli: RunCli, tmp_path: Path) -> None:
    """It streams the JSON document to a program reading the FIFO."""
    fifo = tmp_path / "ket-qua.json"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = _read_fifo(fifo, received)
    result = run_cli("evaluate", EXAMPLE_YAML, "-f", "json", "-o", fifo, "--force")
    reader.join(timeout=30)
    assert result.exit_code == 1
    assert results_of(json.loads(received[0]))
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_evaluate_into_dev_null_needs_no_force(run_cli: RunCli) -> None:
    """It writes into /dev/null without --force: a device holds nothing to overwrite."""
    result = run_cli("evaluate", EXAMPLE_YAML, "-f", "json", "-o", DEV_NULL)
    assert result.exit_code == 1  # the example's rows with errors, not a refusal
    assert "--force" not in result.output
    assert stat.S_ISCHR(DEV_NULL.stat().st_mode)


@pytest.mark.parametrize(
    "command", [("criteria", "schema"), ("criteria", "init", "gia-dinh-hoc-tap")]
)
def test_criteria_files_are_replaced_only_with_force(
    run_cli: RunCli, tmp_path: Path, command: tuple[str, ...]
) -> None:
    """``criteria schema`` and ``criteria init`` keep to the one overwrite policy: an
    existing file is left as it was unless --force is given."""
    target = tmp_path / "co-san.yaml"
    target.write_text("ma_ho: H1\n", encoding="utf-8")
    refused = run_cli(*command, "-o", target)
    assert refused.exit_code == 2
    assert "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "ma_ho: H1\n"
    assert run_cli(*command, "-o", target, "--force").exit_code == 0
    assert target.read_text(encoding="utf-8") != "ma_ho: H1\n"
