"""Load a criteria file: strict YAML → pydantic model → whole-file checks → compiled rules."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from hoctap_cli.criteria.checks import compile_rules, structure
from hoctap_cli.criteria.expr import Rule
from hoctap_cli.criteria.model import Criteria
from hoctap_cli.criteria.yaml_source import LocatedData, YamlSourceError, load_located


@dataclass(frozen=True)
class CriteriaProblem:
    """One reason a criteria file was refused."""

    path: str  # dotted, e.g. groups[0].items[2].rule; empty for the whole file
    line: int | None
    message: str


class CriteriaError(Exception):
    """A criteria file that cannot be used; carries every problem found."""

    def __init__(self, file: str, problems: list[CriteriaProblem]) -> None:
        self.file = file
        self.problems = problems
        super().__init__(self.render())

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


@dataclass(frozen=True)
class CompiledCriteria:
    """A loaded criteria file ready for the engine."""

    criteria: Criteria
    rules: dict[str, Rule]
    source: str
    sha256: str


def load_criteria(path: Path) -> CompiledCriteria:
    """Read and check one criteria file; raise ``CriteriaError`` with every problem."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reason = _OS_ERRORS.get(type(exc), "lỗi hệ điều hành")
        raise CriteriaError(
            str(path), [CriteriaProblem("", None, f"không đọc được tệp: {reason}")]
        ) from None
    return parse_criteria(raw, str(path))


_OS_ERRORS: dict[type[OSError], str] = {
    FileNotFoundError: "không có tệp này",
    IsADirectoryError: "đây là một thư mục",
    PermissionError: "không có quyền đọc",
}


def parse_criteria(raw: bytes, source: str) -> CompiledCriteria:
    """Check criteria given as bytes; ``source`` names them in messages."""
    try:
        located = load_located(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise CriteriaError(source, [CriteriaProblem("", None, "tệp không phải UTF-8")]) from None
    except YamlSourceError as exc:
        raise CriteriaError(source, [CriteriaProblem("", exc.line, exc.message)]) from None
    if not isinstance(located.data, dict):
        message = "tệp tiêu chí phải là một bảng khóa: giá trị"
        raise CriteriaError(source, [CriteriaProblem("", located.line_of(()), message)])
    try:
        criteria = Criteria.model_validate(located.data)
    except ValidationError as exc:
        raise CriteriaError(source, _from_validation(exc, located)) from None
    findings = list(structure(criteria))
    rules, rule_findings = compile_rules(criteria)
    findings += rule_findings
    if findings:
        problems = [CriteriaProblem(_dotted(p), located.line_of(p), m) for p, m in findings]
        raise CriteriaError(source, problems)
    return CompiledCriteria(criteria, rules, source, hashlib.sha256(raw).hexdigest())


def _from_validation(exc: ValidationError, located: LocatedData) -> list[CriteriaProblem]:
    problems = []
    for error in exc.errors(include_url=False):
        path = _real_path(tuple(error["loc"]), located.data)
        problems.append(CriteriaProblem(_dotted(path), located.line_of(path), _message(error)))
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


_MESSAGES = {
    "missing": "thiếu khóa bắt buộc",
    "extra_forbidden": "khóa lạ, không có trong định dạng tệp tiêu chí",
    "string_type": "cần một chuỗi chữ",
    "int_type": "cần một số nguyên",
    "float_type": "cần một số",
    "bool_type": "cần true hoặc false",
    "date_type": "cần một ngày dạng YYYY-MM-DD",
    "list_type": "cần một danh sách",
    "model_type": "cần một bảng khóa: giá trị",
    "dict_type": "cần một bảng khóa: giá trị",
    "too_short": "danh sách không được rỗng",
    "string_too_short": "không được để trống",
    "string_too_long": "chuỗi quá dài",
    "string_pattern_mismatch": (
        "chỉ dùng chữ thường không dấu, số và dấu gạch dưới (ví dụ: so_tre_em)"
    ),
    "greater_than_equal": "giá trị quá nhỏ",
    "less_than_equal": "giá trị quá lớn",
}


def _message(error: object) -> str:
    assert isinstance(error, dict)
    kind = error["type"]
    if kind in ("literal_error", "enum"):
        expected = error.get("ctx", {}).get("expected", "").replace(" or ", " hoặc ")
        return f"giá trị {error.get('input')!r} không hợp lệ, cần một trong: {expected}"
    if kind == "string_pattern_mismatch" and error["loc"] and error["loc"][-1] in ("id", "version"):
        pattern = error.get("ctx", {}).get("pattern", "")
        return f"mã {error.get('input')!r} không hợp lệ (mẫu {pattern})"
    message = _MESSAGES.get(kind)
    if message is None:
        return str(error["msg"])
    if kind in ("greater_than_equal", "less_than_equal"):
        limit = error.get("ctx", {}).get("ge", error.get("ctx", {}).get("le"))
        return f"{message} (giới hạn {limit})"
    return message
