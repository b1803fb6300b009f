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

from hoctap_cli.errors import CriteriaCode, HoctapError, Location

MAX_BYTES = 2_000_000


class YamlSourceError(HoctapError):
    """A YAML text that is not acceptable; ``line`` is 1-based when known."""

    def __init__(self, code: CriteriaCode, line: int | None = None, **params: Any) -> None:
        super().__init__(code=code, params=params, location=Location(line=line))
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
        raise YamlSourceError(CriteriaCode.too_large, limit_mb=max_bytes // 1_000_000)
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise YamlSourceError(CriteriaCode.yaml_syntax, line, hint=_hint(exc.problem)) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        codepoint = f"{exc.character:04X}"
        raise YamlSourceError(CriteriaCode.bad_character, line, codepoint=codepoint) from None
    except yaml.YAMLError:
        raise YamlSourceError(CriteriaCode.yaml_syntax, hint=_hint(None)) from None
    if node is None:
        raise YamlSourceError(CriteriaCode.empty_file, 1)
    located = LocatedData(data=None)
    located.data = _build(node, (), located.lines, seen=set())
    return located


# libyaml composes the shipped catalogue in a twentieth of the pure-Python parser's time,
# which was most of a small run's start-up. The pure-Python parser stays the reference:
# its reader's check of the characters runs first, and any text libyaml refuses is parsed
# again by it, so that a problem is always found and worded (and its line given) as before.
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", None)


def _compose(text: str) -> yaml.Node | None:
    if _FAST_LOADER is not None:
        yaml.reader.Reader(text)  # refuses characters YAML forbids, as the parser would
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


# PyYAML's problems, by the hint that words them (``hoctap_cli.messages.YAML_HINTS``);
# anything else gets the general hint.
_SYNTAX_HINTS = (
    ("mapping values are not allowed", "mapping_value"),
    ("found character '\\t'", "tab"),
    ("could not find expected ':'", "missing_colon"),
    ("did not find expected key", "indent"),
    ("expected <block end>", "indent"),
    ("but found another document", "two_documents"),
    ("found undefined alias", "alias"),
    ("found unexpected end of stream", "unexpected_end"),
    ("did not find expected ','", "missing_comma"),
)


def _hint(problem: str | None) -> str:
    for english, hint in _SYNTAX_HINTS:
        if problem and english in problem:
            return hint
    return "general"


_CONSTRUCTOR = yaml.SafeLoader("")
_STR_TAG = "tag:yaml.org,2002:str"
_COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


def _build(
    node: yaml.Node,
    path: tuple[str | int, ...],
    lines: dict[tuple[str | int, ...], int],
    seen: set[int],
) -> Any:
    if id(node) in seen:
        raise YamlSourceError(CriteriaCode.yaml_alias, node.start_mark.line + 1)
    seen.add(id(node))
    lines[path] = node.start_mark.line + 1
    if not isinstance(node, yaml.ScalarNode) and node.tag not in _COLLECTION_TAGS:
        raise YamlSourceError(CriteriaCode.yaml_tag, node.start_mark.line + 1, tag=node.tag)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlSourceError(CriteriaCode.merge_key, key_node.start_mark.line + 1)
            key = _scalar(key_node)
            if not isinstance(key, str):
                line = key_node.start_mark.line + 1
                raise YamlSourceError(CriteriaCode.bad_key, line, key=repr(key))
            if key in result:
                raise YamlSourceError(
                    CriteriaCode.duplicate_key, key_node.start_mark.line + 1, key=key
                )
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
        raise YamlSourceError(CriteriaCode.bad_key, node.start_mark.line + 1)
    if node.tag == _STR_TAG:  # what the safe constructor makes of it: the text itself
        return node.value
    try:
        return _CONSTRUCTOR.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError:
        raise YamlSourceError(
            CriteriaCode.yaml_tag, node.start_mark.line + 1, tag=node.tag
        ) from None
    except (ValueError, ArithmeticError, LookupError, AttributeError, TypeError):
        # e.g. 2024-02-30, an integer of 5000 digits, or "!!bool maybe"
        line = node.start_mark.line + 1
        raise YamlSourceError(CriteriaCode.unreadable_value, line, value=node.value[:40]) from None
