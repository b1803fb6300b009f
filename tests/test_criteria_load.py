"""Loading criteria files: good files load, each broken file is refused as it declares.

Every file in ``tests/criteria/broken`` is ``tests/criteria/valid-minimal.yaml`` broken in
one place. Its first comment lines say what the loader must report::

    # expect-line: 12                      (or "none" when no line can be known)
    # expect-path: document.issuer         (empty for problems of the YAML text itself)
    # expect-message: thiếu khóa bắt buộc  (repeatable; each is a substring of one message)
    # expect-problems: 2                   (optional; how many problems, 1 when absent)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from hoctap_cli.criteria.loader import (
    CriteriaError,
    CriteriaProblem,
    load_criteria,
    parse_criteria,
)

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "criteria"
VALID_MINIMAL = CASES / "valid-minimal.yaml"
BROKEN = sorted((CASES / "broken").glob("*.yaml"))
SHIPPED = sorted((ROOT / "criteria").rglob("*.yaml"))

# Words of English library messages (PyYAML, pydantic, Python's parser, the OS) that
# must not reach a Vietnamese reader.
ENGLISH = re.compile(
    r"\b(or|is|are|not|no|the|found|expected|allowed|should|invalid|input|could|cannot|"
    r"while|value|must|such|file|directory|never|closed|syntax)\b"
)
_EXPECT = re.compile(r"^#\s*expect-(line|path|message|problems):(.*)$")


@dataclass(frozen=True)
class Expectation:
    """What a broken file declares about the problem it must cause."""

    line: int | None
    path: str
    messages: tuple[str, ...]
    problems: int

    def matches(self, problem: CriteriaProblem) -> bool:
        return (
            problem.line == self.line
            and problem.path == self.path
            and all(message in problem.message for message in self.messages)
        )


def read_expectation(file: Path) -> Expectation:
    """The ``# expect-…`` comments at the top of a broken file."""
    found: dict[str, list[str]] = {}
    text = file.read_bytes().decode("utf-8", errors="replace")
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _EXPECT.match(line)
        if match:
            found.setdefault(match[1], []).append(match[2].strip())
    missing = {"line", "path", "message"} - found.keys()
    assert not missing, f"{file.name} does not declare expect-{', expect-'.join(sorted(missing))}"
    line = found["line"][0]
    return Expectation(
        line=None if line == "none" else int(line),
        path=found["path"][0],
        messages=tuple(found["message"]),
        problems=int(found.get("problems", ["1"])[0]),
    )


def refuse(file: Path) -> CriteriaError:
    with pytest.raises(CriteriaError) as caught:
        load_criteria(file)
    return caught.value


def test_broken_cases_are_present() -> None:
    """It finds the broken criteria files, each declaring its expected problem."""
    assert len(BROKEN) >= 30
    for file in BROKEN:
        read_expectation(file)


@pytest.mark.parametrize("file", BROKEN, ids=lambda file: file.stem)
def test_broken_file_is_refused_as_declared(file: Path) -> None:
    """It rejects each broken file with a problem at the declared line, path and message."""
    expected = read_expectation(file)
    error = refuse(file)
    assert any(expected.matches(problem) for problem in error.problems), (
        f"expected line {expected.line}, path {expected.path!r}, "
        f"message containing {expected.messages}; got:\n{error.render()}"
    )
    assert len(error.problems) == expected.problems, error.render()


@pytest.mark.parametrize("file", BROKEN, ids=lambda file: file.stem)
def test_broken_file_is_reported_in_vietnamese(file: Path) -> None:
    """It rejects each broken file with messages free of English library text."""
    for problem in refuse(file).problems:
        assert not ENGLISH.search(problem.message), problem


@pytest.mark.parametrize(
    "file", [VALID_MINIMAL, *SHIPPED], ids=lambda file: str(file.relative_to(ROOT))
)
def test_good_file_loads(file: Path) -> None:
    """It loads the minimal valid file and every shipped criteria file without problems."""
    compiled = load_criteria(file)
    assert compiled.criteria.groups
    computed = {item.id for _, item in compiled.criteria.items() if item.kind == "computed"}
    assert set(compiled.rules) == computed


def test_shipped_files_exist() -> None:
    """It finds at least one shipped criteria file to check."""
    assert SHIPPED


def test_valid_minimal_is_the_documented_shape() -> None:
    """It reads the minimal file as a points title with one computed and one awarded item."""
    criteria = load_criteria(VALID_MINIMAL).criteria
    assert criteria.scoring == "points"
    assert [item.kind for _, item in criteria.items()] == ["computed", "awarded"]
    assert len(criteria.groups) == 2
    assert len(criteria.verdict.levels) == 1
    assert criteria.max_total() == 20


def test_rendered_error_names_file_and_line() -> None:
    """It renders a CriteriaError as 'file:line (path): message' for each problem."""
    file = CASES / "broken" / "unknown-top-level-key.yaml"
    expected = read_expectation(file)
    text = str(refuse(file))
    assert f"{file}:{expected.line} ({expected.path}): " in text
    assert expected.messages[0] in text


def test_rendered_error_uses_given_source_name() -> None:
    """It renders problems of parsed bytes under the source name it was given."""
    raw = (CASES / "broken" / "rule-undeclared-field.yaml").read_bytes()
    expected = read_expectation(CASES / "broken" / "rule-undeclared-field.yaml")
    with pytest.raises(CriteriaError) as caught:
        parse_criteria(raw, "xa-a/gia-dinh.yaml")
    assert caught.value.file == "xa-a/gia-dinh.yaml"
    assert str(caught.value).startswith(f"xa-a/gia-dinh.yaml:{expected.line} ")


def test_zero_byte_file_is_refused() -> None:
    """It rejects a file of zero bytes as empty."""
    with pytest.raises(CriteriaError) as caught:
        parse_criteria(b"", "rong.yaml")
    assert [p.message for p in caught.value.problems] == ["tệp rỗng"]


def test_missing_file_is_refused_in_vietnamese(tmp_path: Path) -> None:
    """It rejects a file that does not exist with a Vietnamese CriteriaError, not OSError."""
    file = tmp_path / "khong-co.yaml"
    error = refuse(file)
    assert str(file) in str(error)
    (problem,) = error.problems
    assert problem.message.startswith("không đọc được tệp")
    assert not ENGLISH.search(problem.message), problem


def test_byte_order_mark_is_accepted() -> None:
    """It loads a file saved with a UTF-8 byte order mark (as Windows editors do)."""
    raw = b"\xef\xbb\xbf" + VALID_MINIMAL.read_bytes()
    assert parse_criteria(raw, "bom.yaml").criteria.id == "thu-nghiem"
