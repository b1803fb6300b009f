"""Load a criteria file: strict YAML → pydantic model → whole-file checks → compiled rules."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hoctap_cli.criteria.checks import compile_rules, structure
from hoctap_cli.criteria.expr import Rule
from hoctap_cli.criteria.extend import merge
from hoctap_cli.criteria.model import Criteria
from hoctap_cli.criteria.override import OverrideLocations
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
    base: CompiledCriteria | None = None  # the shipped file a local one extends


# A function giving the shipped file an ``extends: id@version`` names.
BaseResolver = Callable[[str], "CompiledCriteria"]


def load_criteria(path: Path, resolve_base: BaseResolver | None = None) -> CompiledCriteria:
    """Read and check one criteria file; raise ``CriteriaError`` with every problem."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reason = _OS_ERRORS.get(type(exc), "lỗi hệ điều hành")
        raise CriteriaError(
            str(path), [CriteriaProblem("", None, f"không đọc được tệp: {reason}")]
        ) from None
    return parse_criteria(raw, str(path), resolve_base)


_OS_ERRORS: dict[type[OSError], str] = {
    FileNotFoundError: "không có tệp này",
    IsADirectoryError: "đây là một thư mục",
    PermissionError: "không có quyền đọc",
}


def parse_criteria(
    raw: bytes, source: str, resolve_base: BaseResolver | None = None
) -> CompiledCriteria:
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
    base = _base(located, source, resolve_base)
    data = merge(_raw_of(base), _without_extends(located.data)) if base else located.data
    # Merged data has the base's entries too: name paths in it, lines in the user's own file.
    lines = located if base is None else OverrideLocations(located, data)
    try:
        criteria = Criteria.model_validate(data)
    except ValidationError as exc:
        raise CriteriaError(source, _from_validation(exc, LocatedData(data), lines)) from None
    findings = list(structure(criteria))
    rules, rule_findings = compile_rules(criteria)
    findings += rule_findings
    if findings:
        problems = [
            CriteriaProblem(_dotted(lines.shown_path(p)), lines.line_of(p), m) for p, m in findings
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
        message = "'extends' cần dạng mã@phiên-bản, ví dụ gia-dinh-hoc-tap@448-2015"
        raise CriteriaError(source, [CriteriaProblem("extends", line, message)])
    if resolve_base is None:
        message = "tệp này không được mở rộng một bộ tiêu chí khác"
        raise CriteriaError(source, [CriteriaProblem("extends", line, message)])
    try:
        return resolve_base(name)
    except LookupError as exc:
        raise CriteriaError(source, [CriteriaProblem("extends", line, str(exc))]) from None


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
        problems.append(CriteriaProblem(shown, lines.line_of(path), _message(error)))
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
