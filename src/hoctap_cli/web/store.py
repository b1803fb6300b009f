"""Runs kept between requests: each in its own private folder, removed when it expires.

A run is addressed only by a random id; nothing a request says becomes a path. The root
folder is created with mode 0700 and removed, with everything in it, when the server stops.
"""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hoctap_cli.workflow.run import Evaluation

# Downloads stay available this long after a run; an officer downloads within minutes.
LIFETIME_SECONDS = 2 * 60 * 60
# Bounded so that a page left open and resubmitted all day cannot fill the disk.
MAX_RUNS = 50
RUN_ID = re.compile(r"[0-9a-f]{32}")


@dataclass
class Run:
    """One evaluation of uploaded files, and what is needed to write its outputs."""

    id: str
    folder: Path
    inputs: list[Path]
    criteria: str | None
    evaluation: Evaluation
    seconds: float  # how long the evaluation took, shown on the page
    created: float = field(default_factory=time.monotonic)


class RunStore:
    """The runs of one server, in private folders under one temporary root."""

    def __init__(self, lifetime: float = LIFETIME_SECONDS) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="hoctap-giao-dien-"))  # mode 0700
        self.lifetime = lifetime
        self._runs: dict[str, Run] = {}
        self._lock = threading.Lock()

    def new_folder(self) -> tuple[str, Path]:
        """A fresh run id and its private folder (mode 0700)."""
        self.expire()
        run_id = secrets.token_hex(16)
        folder = self.root / run_id
        folder.mkdir(mode=0o700)
        return run_id, folder

    def add(self, run: Run) -> None:
        with self._lock:
            self._runs[run.id] = run
            while len(self._runs) > MAX_RUNS:
                oldest = min(self._runs.values(), key=lambda kept: kept.created)
                self._drop(oldest.id)

    def get(self, run_id: str) -> Run | None:
        """The run of that id, if it is well formed, known and not expired."""
        if not RUN_ID.fullmatch(run_id):
            return None
        self.expire()
        with self._lock:
            return self._runs.get(run_id)

    def discard(self, folder: Path) -> None:
        """Remove the folder of a run that failed before it was stored."""
        shutil.rmtree(folder, ignore_errors=True)

    def expire(self) -> None:
        now = time.monotonic()
        with self._lock:
            for run in [r for r in self._runs.values() if now - r.created > self.lifetime]:
                self._drop(run.id)

    def close(self) -> None:
        """Forget every run and remove the root folder."""
        with self._lock:
            self._runs.clear()
        shutil.rmtree(self.root, ignore_errors=True)

    def _drop(self, run_id: str) -> None:
        run = self._runs.pop(run_id)
        shutil.rmtree(run.folder, ignore_errors=True)
