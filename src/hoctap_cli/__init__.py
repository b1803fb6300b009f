"""hoctap: scoring applications for Vietnam's learning titles.

The library's surface is ``__all__``: load criteria, read and evaluate files or plain rows
(as from a database), and turn results into JSON. Every error it raises for bad criteria,
inputs or outputs is a ``HoctapError`` with an English ``code``. Its names are imported on
first use, so ``import hoctap_cli`` (and the ``hoctap`` command's start) stays cheap.
"""

from __future__ import annotations

import importlib

# ``typing`` costs more than the rest of the start: type checkers read this name as theirs.
TYPE_CHECKING = False

__version__ = "0.1.0"

if TYPE_CHECKING:
    from hoctap_cli.api import (
        evaluate_paths,
        evaluate_rows,
        evaluate_stream,
        load_criteria,
        read_rows,
        read_stream,
        to_dict,
        to_json,
    )
    from hoctap_cli.checked import CheckedRecords, CheckedRun
    from hoctap_cli.criteria.catalog import UnknownCriteria
    from hoctap_cli.criteria.loader import CompiledCriteria, CriteriaError
    from hoctap_cli.engine.results import ApplicantResult, VerdictKind
    from hoctap_cli.errors import CriteriaCode, ErrorCode, HoctapError, Location
    from hoctap_cli.problems import Problem, ProblemCode
    from hoctap_cli.records.record import Record
    from hoctap_cli.records.sources import InputError
    from hoctap_cli.service import Evaluation

# Public name → the module that defines it.
_HOMES = {
    "evaluate_paths": "hoctap_cli.api",
    "evaluate_rows": "hoctap_cli.api",
    "evaluate_stream": "hoctap_cli.api",
    "load_criteria": "hoctap_cli.api",
    "read_rows": "hoctap_cli.api",
    "read_stream": "hoctap_cli.api",
    "to_dict": "hoctap_cli.api",
    "to_json": "hoctap_cli.api",
    "CheckedRecords": "hoctap_cli.checked",
    "CheckedRun": "hoctap_cli.checked",
    "UnknownCriteria": "hoctap_cli.criteria.catalog",
    "CompiledCriteria": "hoctap_cli.criteria.loader",
    "CriteriaError": "hoctap_cli.criteria.loader",
    "Record": "hoctap_cli.records.record",
    "ApplicantResult": "hoctap_cli.engine.results",
    "VerdictKind": "hoctap_cli.engine.results",
    "CriteriaCode": "hoctap_cli.errors",
    "ErrorCode": "hoctap_cli.errors",
    "HoctapError": "hoctap_cli.errors",
    "Location": "hoctap_cli.errors",
    "InputError": "hoctap_cli.records.sources",
    "Problem": "hoctap_cli.problems",
    "ProblemCode": "hoctap_cli.problems",
    "Evaluation": "hoctap_cli.service",
}

__all__ = [
    "ApplicantResult",
    "CheckedRecords",
    "CheckedRun",
    "CompiledCriteria",
    "CriteriaCode",
    "CriteriaError",
    "ErrorCode",
    "Evaluation",
    "HoctapError",
    "InputError",
    "Location",
    "Problem",
    "ProblemCode",
    "Record",
    "UnknownCriteria",
    "VerdictKind",
    "__version__",
    "evaluate_paths",
    "evaluate_rows",
    "evaluate_stream",
    "load_criteria",
    "read_rows",
    "read_stream",
    "to_dict",
    "to_json",
]

if not TYPE_CHECKING:  # type checkers see the imports above; a typo stays an error there

    def __getattr__(name: str) -> object:
        home = _HOMES.get(name)
        if home is None:
            raise AttributeError(f"module 'hoctap_cli' has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted([*globals(), *_HOMES])
