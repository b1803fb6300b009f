"""Load a criteria file: strict YAML → pydantic model → whole-file checks → compiled rules."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hoctap_cli.criteria.checks import compile_rules, structure
from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.criteria.extend import merge
from hoctap_cli.criteria.model import Criteria
from hoctap_cli.criteria.override import OverrideLocations
from hoctap_cli.criteria.yaml_source import LocatedData, YamlSourceError, load_located
from hoctap_cli.errors import CriteriaCode, ErrorCode, HoctapError, Location
from hoctap_cli.messages import criteria_message


@dataclass(frozen=True)
class CriteriaProblem:
    """One reason a criteria file was refused: where, its code and the values involved."""

    path: str  # dotted, e.g. groups[0].items[2].rule; empty for the whole file
    line: int | None
    code: CriteriaCode
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """What is wrong, for people (Vietnamese)."""
        return criteria_message(self.code, self.params)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code.value,
            "path": self.path,
            "line": self.line,
            "message": self.message,
        }


class CriteriaError(HoctapError):
    """A criteria file that cannot be used; carries every problem found.

    Its ``code`` is the problem's when there is one, else ``criteria_invalid``; each
    problem keeps its own. Its ``location`` is the file and the first problem's place.
    """

    def __init__(self, file: str, problems: list[CriteriaProblem]) -> None:
        self.file = file
        self.problems = problems
        first = problems[0] if problems else None
        one = first if first is not None and len(problems) == 1 else None
        super().__init__(
            self.render(),
            code=one.code if one else ErrorCode.criteria_invalid,
            params=dict(one.params) if one else {},
            location=Location(
                file, first.line if first else None, first.path or None if first else None
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "problems": [p.to_dict() for p in self.problems]}

    def render(self) -> str:
        lines = []
        for problem in self.problems:
            where = self.file
            if problem.line is not None:
                where += f":{problem.line}"
            if problem.path:
                where += f" ({problem.path})"
            lines.append(f"{where}: {problem.message}")
        return "\n".join(lines)


# A function giving the shipped file an ``extends: id@version`` names.
BaseResolver = Callable[[str], "CompiledCriteria"]


def load_criteria(path: Path, resolve_base: BaseResolver | None = None) -> CompiledCriteria:
    """Read and check one criteria file; raise ``CriteriaError`` with every problem."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reason = _OS_ERRORS.get(type(exc), "os_error")
        problem = CriteriaProblem("", None, CriteriaCode.file_unreadable, {"reason": reason})
        raise CriteriaError(str(path), [problem]) from None
    return parse_criteria(raw, str(path), resolve_base)


_OS_ERRORS: dict[type[OSError], str] = {
    FileNotFoundError: "not_found",
    IsADirectoryError: "is_directory",
    PermissionError: "permission",
}


def parse_criteria(
    raw: bytes, source: str, resolve_base: BaseResolver | None = None
) -> CompiledCriteria:
    """Check criteria given as bytes; ``source`` names them in messages."""
    try:
        located = load_located(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise CriteriaError(source, [CriteriaProblem("", None, CriteriaCode.not_utf8)]) from None
    except YamlSourceError as exc:
        problem = CriteriaProblem("", exc.line, CriteriaCode(exc.code), exc.params)
        raise CriteriaError(source, [problem]) from None
    if not isinstance(located.data, dict):
        problem = CriteriaProblem("", located.line_of(()), CriteriaCode.not_a_mapping)
        raise CriteriaError(source, [problem])
    base = _base(located, source, resolve_base)
    data = merge(_raw_of(base), _without_extends(located.data)) if base else located.data
    # Merged data has the base's entries too: name paths in it, lines in the user's own file.
    lines = located if base is None else OverrideLocations(located, data)
    try:
        criteria = Criteria.model_validate(data)
    except ValidationError as exc:
        raise CriteriaError(source, _from_validation(exc, LocatedData(data), lines)) from None
    # The whole-file checks still word their findings themselves: they carry one code.
    findings = [(p, CriteriaCode.inconsistent, {"detail": m}) for p, m in structure(criteria)]
    rules, rule_findings = compile_rules(criteria)
    findings += rule_findings
    if findings:
        problems = [
            CriteriaProblem(_dotted(lines.shown_path(p)), lines.line_of(p), code, params)
            for p, code, params in findings
        ]
        raise CriteriaError(source, problems)
    return CompiledCriteria(criteria, rules, source, hashlib.sha256(raw).hexdigest(), base)


def _base(
    located: LocatedData, source: str, resolve_base: BaseResolver | None
) -> CompiledCriteria | None:
    """The shipped criteria named by ``extends``, if the file has that key."""
    name = located.data.get("extends")
    if name is None:
        return None
    line = located.line_of(("extends",))
    if not isinstance(name, str) or "@" not in name:
        raise CriteriaError(source, [CriteriaProblem("extends", line, CriteriaCode.bad_extends)])
    if resolve_base is None:
        problem = CriteriaProblem("extends", line, CriteriaCode.extends_not_allowed)
        raise CriteriaError(source, [problem])
    try:
        return resolve_base(name)
    except LookupError as exc:
        problem = CriteriaProblem("extends", line, CriteriaCode.unknown_base, {"detail": str(exc)})
        raise CriteriaError(source, [problem]) from None


def _raw_of(base: CompiledCriteria) -> Any:
    """The base file's data as written, so a local file merges over exactly that."""
    return load_located(Path(base.source).read_text(encoding="utf-8-sig")).data


def _without_extends(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key != "extends"}


def _from_validation(
    exc: ValidationError, located: LocatedData, lines: LocatedData
) -> list[CriteriaProblem]:
    problems = []
    for error in exc.errors(include_url=False):
        path = _real_path(tuple(error["loc"]), located.data)
        shown = _dotted(lines.shown_path(path))
        code, params = _coded(error)
        problems.append(CriteriaProblem(shown, lines.line_of(path), code, params))
    return problems


def _real_path(path: tuple[str | int, ...], data: object) -> tuple[str | int, ...]:
    """Keep the parts of a pydantic location that index the data; drop union branch names."""
    real: list[str | int] = []
    node: object = data
    for part in path:
        if isinstance(node, dict) and isinstance(part, str):
            real.append(part)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            real.append(part)
            node = node[part]
    return tuple(real)


def _dotted(path: tuple[str | int, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


# pydantic's types of error → the code saying the same (wording in ``hoctap_cli.messages``).
_CODES = {
    "missing": CriteriaCode.missing_key,
    "extra_forbidden": CriteriaCode.unknown_key,
    "too_short": CriteriaCode.empty_list,
    "string_too_short": CriteriaCode.empty_value,
    "string_too_long": CriteriaCode.too_long,
    "string_pattern_mismatch": CriteriaCode.bad_name,
}
_TYPES = ("string", "int", "float", "bool", "date", "list", "model", "dict")


def _coded(error: object) -> tuple[CriteriaCode, dict[str, Any]]:
    """The code and params of one pydantic error."""
    assert isinstance(error, dict)
    kind = error["type"]
    context = error.get("ctx", {})
    if kind in ("literal_error", "enum"):
        choices = context.get("expected", "")
        return CriteriaCode.bad_choice, {"value": repr(error.get("input")), "choices": choices}
    if kind == "string_pattern_mismatch" and error["loc"] and error["loc"][-1] in ("id", "version"):
        params = {"value": repr(error.get("input")), "pattern": context.get("pattern", "")}
        return CriteriaCode.bad_id, params
    if kind.endswith("_type") and kind.removesuffix("_type") in _TYPES:
        return CriteriaCode.bad_type, {"expected": kind.removesuffix("_type")}
    if kind == "greater_than_equal":
        return CriteriaCode.too_small, {"limit": context.get("ge")}
    if kind == "less_than_equal":
        return CriteriaCode.too_big, {"limit": context.get("le")}
    if kind in _CODES:
        return _CODES[kind], {}
    return CriteriaCode.invalid, {"detail": str(error["msg"])}
