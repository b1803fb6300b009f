"""Strict YAML reading that remembers where every value stands.

PyYAML's safe loader already refuses Python object tags; on top of it this loader
refuses duplicate keys and aliases (anchors make "billion laughs" files possible and
a criteria file has no need of them), and returns, beside the data, the line of
every dotted path so that later errors can point into the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_BYTES = 2_000_000


class YamlSourceError(ValueError):
    """A YAML text that is not acceptable; ``line`` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class LocatedData:
    """Plain data plus the 1-based line of each path (tuples of keys and indexes)."""

    data: Any
    lines: dict[tuple[str | int, ...], int] = field(default_factory=dict)

    def line_of(self, path: tuple[str | int, ...]) -> int | None:
        """The line of ``path`` or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())

    def shown_path(self, path: tuple[str | int, ...]) -> tuple[str | int, ...]:
        """The path to name in messages (a file that extends another names its own)."""
        return path


def load_located(text: str, max_bytes: int = MAX_BYTES) -> LocatedData:
    """Parse one YAML document strictly."""
    if len(text) > max_bytes:
        raise YamlSourceError(f"tệp quá lớn (hơn {max_bytes // 1_000_000} MB)")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise YamlSourceError(f"YAML sai cú pháp: {_syntax_problem(exc.problem)}", line) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise YamlSourceError(
            f"tệp có ký tự không được phép (mã U+{exc.character:04X})", line
        ) from None
    except yaml.YAMLError:
        raise YamlSourceError(f"YAML sai cú pháp: {_syntax_problem(None)}") from None
    if node is None:
        raise YamlSourceError("tệp rỗng", 1)
    located = LocatedData(data=None)
    located.data = _build(node, (), located.lines, seen=set())
    return located


# PyYAML's problems, worded for people; anything else gets the general hint.
_SYNTAX_PROBLEMS = (
    ("mapping values are not allowed", "có ': ' trong một giá trị; hãy đặt giá trị trong dấu nháy"),
    ("found character '\\t'", "có ký tự tab; chỉ thụt lề bằng dấu cách"),
    ("could not find expected ':'", "thiếu dấu ':' sau khóa"),
    ("did not find expected key", "thụt lề không khớp với các dòng trên"),
    ("expected <block end>", "thụt lề không khớp với các dòng trên"),
    ("but found another document", "tệp chỉ được có một tài liệu YAML (bỏ dòng '---' thứ hai)"),
    ("found undefined alias", "không dùng neo/bí danh YAML (& và *)"),
    ("found unexpected end of stream", "tệp hết giữa chừng: thiếu dấu nháy hoặc dấu ngoặc đóng"),
    ("did not find expected ','", "thiếu dấu phẩy hoặc dấu ngoặc đóng"),
)


def _syntax_problem(problem: str | None) -> str:
    for english, vietnamese in _SYNTAX_PROBLEMS:
        if problem and english in problem:
            return vietnamese
    return "kiểm tra thụt lề, dấu hai chấm, dấu nháy và dấu ngoặc"


_CONSTRUCTOR = yaml.SafeLoader("")
_COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


def _build(
    node: yaml.Node,
    path: tuple[str | int, ...],
    lines: dict[tuple[str | int, ...], int],
    seen: set[int],
) -> Any:
    if id(node) in seen:
        raise YamlSourceError(
            "không dùng neo/bí danh YAML (& và *) trong tệp tiêu chí", node.start_mark.line + 1
        )
    seen.add(id(node))
    lines[path] = node.start_mark.line + 1
    if not isinstance(node, yaml.ScalarNode) and node.tag not in _COLLECTION_TAGS:
        raise YamlSourceError(f"thẻ YAML không được phép: {node.tag}", node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlSourceError(
                    "không dùng khóa gộp '<<' trong tệp tiêu chí", key_node.start_mark.line + 1
                )
            key = _scalar(key_node)
            if not isinstance(key, str):
                raise YamlSourceError(
                    f"khóa phải là chữ, không phải {key!r}", key_node.start_mark.line + 1
                )
            if key in result:
                raise YamlSourceError(f"khóa '{key}' bị lặp lại", key_node.start_mark.line + 1)
            result[key] = _build(value_node, (*path, key), lines, seen)
            # A value stands on its key's line (a nested block starts on the next one).
            lines[(*path, key)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(child, (*path, index), lines, seen) for index, child in enumerate(node.value)
        ]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        raise YamlSourceError("khóa phải là một giá trị đơn", node.start_mark.line + 1)
    try:
        return _CONSTRUCTOR.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError:
        raise YamlSourceError(
            f"thẻ YAML không được phép: {node.tag}", node.start_mark.line + 1
        ) from None
    except (ValueError, ArithmeticError, LookupError, AttributeError, TypeError):
        # e.g. 2024-02-30, an integer of 5000 digits, or "!!bool maybe"
        raise YamlSourceError(
            f"giá trị '{node.value[:40]}' không đọc được (ngày không có thật hay số quá dài?)",
            node.start_mark.line + 1,
        ) from None
