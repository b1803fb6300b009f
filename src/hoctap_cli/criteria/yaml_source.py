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


def load_located(text: str, max_bytes: int = MAX_BYTES) -> LocatedData:
    """Parse one YAML document strictly."""
    if len(text) > max_bytes:
        raise YamlSourceError(f"tệp quá lớn (hơn {max_bytes // 1_000_000} MB)")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise YamlSourceError(f"YAML sai cú pháp: {exc.problem}", line) from None
    except yaml.YAMLError as exc:
        raise YamlSourceError(f"YAML sai cú pháp: {exc}") from None
    if node is None:
        raise YamlSourceError("tệp rỗng", 1)
    located = LocatedData(data=None)
    located.data = _build(node, (), located.lines, seen=set())
    return located


_CONSTRUCTOR = yaml.SafeLoader("")


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
