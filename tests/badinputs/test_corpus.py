"""Every bad input of the corpus is handled exactly as its case declares (see corpus.py)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from tests.support import RunCli, problems_of, results_of

from hoctap_cli.records import limits
from hoctap_cli.text import fold

from . import book_cases, container_cases, text_cases
from .corpus import Case

CASES: list[Case] = [*book_cases.CASES, *container_cases.CASES, *text_cases.CASES]
_PLACE = ("code", "file", "sheet", "row", "column")
ENGLISH = {"error", "invalid", "expected", "value", "missing", "file", "sheet", "row", "column"}


@dataclass(frozen=True)
class Outcome:
    """One run of ``hoctap evaluate`` on a case, kept for all the tests of that case."""

    exit_code: int
    output: str  # stdout and stderr together
    document: dict[str, Any] | None  # the JSON on stdout, when there is one
    input: Path
    digest_before: str


_OUTCOMES: dict[str, Outcome] = {}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


@pytest.fixture
def outcome(
    request: pytest.FixtureRequest, run_cli: RunCli, tmp_path_factory: pytest.TempPathFactory
) -> Outcome:
    """The (cached) run of the case the test is parametrized with."""
    case: Case = request.param
    if case.name not in _OUTCOMES:
        directory = tmp_path_factory.mktemp(case.name)
        arguments = case.write(directory)
        source = Path(arguments[0])
        before = _digest(source)
        with pytest.MonkeyPatch.context() as patch:
            for name, value in case.limits.items():
                patch.setattr(limits, name, value)
            result = run_cli("evaluate", *arguments, "-f", "json", "--as-of", "2025-12-31")
        document = json.loads(result.stdout) if result.stdout.strip() else None
        _OUTCOMES[case.name] = Outcome(result.exit_code, result.output, document, source, before)
    return _OUTCOMES[case.name]


def _results(document: dict[str, Any] | None) -> list[dict[str, Any]]:
    if document is None:
        return []
    return results_of(document)


def _cases(predicate: Callable[[Case], bool]) -> pytest.MarkDecorator:
    chosen = [case for case in CASES if predicate(case)]
    return pytest.mark.parametrize("outcome", chosen, indirect=True, ids=[c.name for c in chosen])


def test_corpus_names_are_unique() -> None:
    """It gives every case of the corpus its own name, and has at least forty of them."""
    names = [case.name for case in CASES]
    assert len(set(names)) == len(names) >= 40


@pytest.mark.parametrize(
    ("outcome", "case"), [(c, c) for c in CASES], indirect=["outcome"], ids=[c.name for c in CASES]
)
def test_exit_code(outcome: Outcome, case: Case) -> None:
    """It exits 0 with notices only, 1 when some cells or rows were unreadable, 2 when all were."""
    assert outcome.exit_code == case.exit_code, outcome.output


@pytest.mark.parametrize(
    ("outcome", "case"),
    [(c, c) for c in CASES if c.seen],
    indirect=["outcome"],
    ids=[c.name for c in CASES if c.seen],
)
def test_problem_is_reported_where_it_is(outcome: Outcome, case: Case) -> None:
    """It reports each declared problem with its code, file, sheet, row, column and wording."""
    assert outcome.document is not None, outcome.output
    errors = problems_of(outcome.document)
    for seen in case.seen:
        place = (seen.code, str(outcome.input), seen.sheet, seen.row, seen.column)
        found = [
            e for e in errors if (e["code"], e["file"], e["sheet"], e["row"], e["column"]) == place
        ]
        assert any(seen.words in e["message"] for e in found), (seen, errors)


@pytest.mark.parametrize(
    ("outcome", "case"),
    [(c, c) for c in CASES if c.exit_code < 2],
    indirect=["outcome"],
    ids=[c.name for c in CASES if c.exit_code < 2],
)
def test_other_rows_are_still_evaluated(outcome: Outcome, case: Case) -> None:
    """It evaluates every readable applicant despite the bad cells, rows, sheets or encoding."""
    assert [r["id"] for r in _results(outcome.document)] == list(case.evaluated)


@pytest.mark.parametrize(
    ("outcome", "case"),
    [(c, c) for c in CASES if c.names],
    indirect=["outcome"],
    ids=[c.name for c in CASES if c.names],
)
def test_names_are_reported_in_unicode(outcome: Outcome, case: Case) -> None:
    """It reports names in composed Unicode, whatever form or legacy encoding they came in."""
    names = {r["id"]: r["name"] for r in _results(outcome.document)}
    assert {key: names.get(key) for key in case.names} == dict(case.names)


@pytest.mark.parametrize(
    ("outcome", "case"),
    [(c, c) for c in CASES if c.exit_code == 2],
    indirect=["outcome"],
    ids=[c.name for c in CASES if c.exit_code == 2],
)
def test_refusal_names_the_file_and_the_reason(outcome: Outcome, case: Case) -> None:
    """It refuses an unusable input with one Vietnamese line naming the file and the reason."""
    line = next(x for x in outcome.output.splitlines() if case.refusal in x)
    assert str(outcome.input.parent) in line  # the input, or the criteria file beside it


@_cases(lambda case: True)
def test_input_is_left_unchanged(outcome: Outcome) -> None:
    """It never changes a byte of the input file, however broken."""
    assert _digest(outcome.input) == outcome.digest_before


@_cases(lambda case: True)
def test_no_traceback(outcome: Outcome) -> None:
    """It never prints a Python traceback without --debug."""
    assert "Traceback" not in outcome.output and "Error:" not in outcome.output


@_cases(lambda case: case.exit_code < 2)
def test_messages_are_vietnamese(outcome: Outcome) -> None:
    """It words every problem and notice in Vietnamese."""
    assert outcome.document is not None
    for error in problems_of(outcome.document):
        words = set(fold(error["message"]).split())
        assert fold(error["message"]) != error["message"].lower() and not words & ENGLISH
