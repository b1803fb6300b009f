"""The shipped criteria files and how a user names one (id, id@version or a path)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.criteria.loader import CriteriaError, CriteriaProblem, load_criteria
from hoctap_cli.errors import CriteriaCode, ErrorCode, HoctapError


class UnknownCriteria(HoctapError, LookupError):
    """A name that matches no shipped criteria file (or version of one)."""

    def __init__(self, code: ErrorCode, **params: Any) -> None:
        super().__init__(code=code, params=params)


def shipped_root() -> Path:
    """Where the shipped criteria live: inside the wheel, or at the top of a checkout."""
    packaged = Path(str(resources.files("hoctap_cli"))) / "_criteria"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "criteria"


@dataclass(frozen=True)
class Catalog:
    """Every shipped criteria file, loaded and checked."""

    entries: tuple[CompiledCriteria, ...]

    def titles(self) -> list[str]:
        return sorted({entry.criteria.id for entry in self.entries})

    def title_names(self) -> dict[str, str]:
        """Title id → its Vietnamese name."""
        return {entry.criteria.id: entry.criteria.title for entry in self.entries}

    def versions(self, title_id: str) -> list[CompiledCriteria]:
        found = [e for e in self.entries if e.criteria.id == title_id]
        return sorted(found, key=lambda e: e.criteria.effective_from)

    def in_force(self, title_id: str, on: dt.date) -> CompiledCriteria:
        """The version in force on ``on``, else the latest started before it, else the first."""
        versions = self.versions(title_id)
        if not versions:
            raise UnknownCriteria(ErrorCode.unknown_criteria, name=title_id, known=self.titles())
        started = [v for v in versions if v.criteria.effective_from <= on]
        current = [
            v
            for v in started
            if v.criteria.effective_until is None or on <= v.criteria.effective_until
        ]
        return (current or started or versions)[-1]

    def resolve(self, name: str, on: dt.date) -> CompiledCriteria:
        """``name`` is a path to a YAML file, a title id, or ``id@version``."""
        if name.endswith((".yaml", ".yml")) or "/" in name or "\\" in name:
            path = Path(name)
            if not path.is_file():
                raise CriteriaError(name, [CriteriaProblem("", None, CriteriaCode.file_not_found)])
            return load_criteria(path, self.pinned)
        return self.pinned(name) if "@" in name else self.in_force(name, on)

    def pinned(self, name: str) -> CompiledCriteria:
        """The shipped file named ``id@version``."""
        title_id, _, version = name.partition("@")
        for entry in self.versions(title_id):
            if entry.criteria.version == version:
                return entry
        known = [e.criteria.version for e in self.versions(title_id)]
        raise UnknownCriteria(
            ErrorCode.unknown_version, title=title_id, version=version, known=known
        )


@cache
def shipped_catalog() -> Catalog:
    """Load every shipped criteria file once per process."""
    root = shipped_root()
    paths = sorted(root.glob("*/*.yaml"))
    return Catalog(tuple(load_criteria(path) for path in paths))
