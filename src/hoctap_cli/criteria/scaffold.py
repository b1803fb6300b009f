"""The JSON Schema of criteria files, and a commented provincial override of a shipped set.

``criteria init`` writes a file a province only has to fill in: it extends the base, and
lists every provisional value with its current value, its citation and a place for the
province's own document. Pure: text in, text out.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.criteria.model import Citation, Criteria

EXTENDS_SCHEMA_NAME = "schema-extends.json"


def criteria_schema(extends: bool = False) -> str:
    """The JSON Schema of the criteria format, from the pydantic model.

    With ``extends`` it describes a file that builds on a shipped one: ``extends`` is
    required, nothing else is, and entries with an ``id`` may say ``remove: true``.
    """
    schema: dict[str, Any] = Criteria.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Bộ tiêu chí hoctap" + (" (tệp mở rộng)" if extends else "")
    if extends:
        _loosen(schema)
        schema["required"] = ["extends"]
        schema["properties"]["extends"] = {
            "type": "string",
            "pattern": "^[a-z][a-z0-9-]*@[A-Za-z0-9][A-Za-z0-9_.\\-]*$",
            "description": "mã@phiên-bản của bộ tiêu chí có sẵn mà tệp này mở rộng",
        }
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def _loosen(node: Any) -> None:
    """No key required anywhere; ``remove`` allowed beside every ``id``."""
    if isinstance(node, dict):
        node.pop("required", None)
        properties = node.get("properties")
        if isinstance(properties, dict) and "id" in properties:
            properties["remove"] = {"type": "boolean", "description": "bỏ mục này của bộ gốc"}
        for value in node.values():
            _loosen(value)
    elif isinstance(node, list):
        for value in node:
            _loosen(value)


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _cited(citation: Citation | None) -> str:
    if citation is None:
        return "không có"
    return citation.render() + (f" ({citation.source})" if citation.source else "")


def override_text(base: CompiledCriteria, schema_ref: str) -> str:
    """A commented ``extends`` file over ``base`` for a province to complete."""
    criteria = base.criteria
    lines = [
        f"# yaml-language-server: $schema={schema_ref}",
        f"# Bộ tiêu chí của tỉnh, mở rộng {criteria.title} ({criteria.id}@{criteria.version}).",
        "# Ghi số, ngày của văn bản của tỉnh vào 'document' và sửa các giá trị tạm tính dưới",
        "# đây theo văn bản đó: mỗi giá trị đổi cần một 'citation' mới (số văn bản, mục, nguồn).",
        "# Khi đổi điểm của một tiêu chí hội đồng chấm, đổi cả 'max' của cột điểm tương ứng",
        "# trong 'fields'. Kiểm tra: hoctap criteria check <tệp này>",
        f"extends: {criteria.id}@{criteria.version}",
        "version: tinh-2025",
        "effective_from: 2025-01-01",
        "# Bộ của tỉnh có hiệu lực riêng: bỏ ngày hết hiệu lực và văn bản thay thế của bộ gốc.",
        "effective_until: null",
        "period: null",
        "superseded_by: null",
        "validity: null",
        "document:",
        "  number: SỐ/QĐ-UBND  # số quyết định của tỉnh",
        "  issuer: UBND tỉnh  # cơ quan ban hành",
        "  title: Bộ tiêu chí của tỉnh",
    ]
    lines += _provisional_lines(criteria)
    return "\n".join(lines) + "\n"


def _provisional_lines(criteria: Criteria) -> Iterator[str]:
    groups = [
        (group, [item for item in group.items if item.provisional]) for group in criteria.groups
    ]
    groups = [(group, items) for group, items in groups if items]
    if groups:
        yield "groups:"
    for group, items in groups:
        yield f"  - id: {_quote(group.id)}"
        yield "    items:"
        for item in items:
            yield f"      # {item.label}"
            yield f"      # tạm tính: {item.provisional_note or 'giá trị tạm tính'}"
            yield f"      # căn cứ hiện tại: {_cited(item.citation)}"
            yield f"      - id: {_quote(item.id)}"
            if item.points is not None:
                yield f"        points: {item.points:g}  # giá trị hiện tại"
            if item.kind == "awarded" and item.field:
                yield f"        # đổi điểm thì đổi cả max của cột {item.field} trong fields"
            if item.rule is not None:
                yield f"        rule: {_quote(item.rule)}  # quy tắc hiện tại"
            yield "        provisional: true  # đổi thành false khi đã có văn bản của tỉnh"
            yield "        # citation: {document: SỐ/QĐ-UBND, item: Mục ..., source: https://...}"
    levels = [level for level in criteria.verdict.levels if level.provisional]
    if levels:
        yield "verdict:"
        yield "  levels:"
    for level in levels:
        yield f"    # {level.label} — tạm tính: {level.provisional_note or 'mức đạt tạm tính'}"
        yield f"    # căn cứ hiện tại: {_cited(level.citation)}"
        yield f"    - id: {level.id}"
        if level.min_total is not None:
            yield f"      min_total: {level.min_total:g}  # giá trị hiện tại"
        yield "      provisional: true  # đổi thành false khi đã có văn bản của tỉnh"
        yield "      # citation: {document: SỐ/QĐ-UBND, item: Điều kiện công nhận, source: https://...}"
    rollups = [rollup for rollup in criteria.rollups if rollup.provisional]
    if rollups:
        yield "rollups:"
    for rollup in rollups:
        yield f"  # {rollup.label} — tạm tính: {rollup.provisional_note or 'cách tính tạm thời'}"
        yield f"  - id: {rollup.id}"
        yield "    provisional: true  # đổi thành false khi đã có văn bản của tỉnh"
        yield "    # citation: {document: SỐ/QĐ-UBND, item: Mục ..., source: https://...}"
    recognition = criteria.recognition
    if recognition.provisional:
        yield f"# Thời hạn công nhận — tạm tính: {recognition.provisional_note or 'tạm tính'}"
        yield f"# căn cứ hiện tại: {_cited(recognition.citation)}"
        yield "recognition:"
        yield f"  valid_years: {recognition.valid_years}  # giá trị hiện tại"
        yield "  provisional: true  # đổi thành false khi đã có văn bản của tỉnh"
