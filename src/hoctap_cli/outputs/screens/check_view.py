"""The result of ``hoctap criteria check``: a Vietnamese list per file, or JSON."""

from __future__ import annotations

import dataclasses

from rich.console import Group, RenderableType
from rich.text import Text

from hoctap_cli.criteria.lint import FileCheck, LintFinding, Severity
from hoctap_cli.outputs.data.json_text import json_bytes

SEVERITY_LABELS = {Severity.error: "lỗi", Severity.warning: "cảnh báo", Severity.info: "ghi nhận"}
_MARKS = {Severity.error: ("✗", "red"), Severity.warning: ("!", "yellow"), Severity.info: ("·", "")}
PROVISIONAL_HEADING = "Giá trị tạm tính (để biết, không phải lỗi):"


def check_report(checks: list[FileCheck]) -> RenderableType:
    parts: list[RenderableType] = []
    for check in checks:
        parts.append(_file_heading(check))
        problems = [f for f in check.findings if f.severity is not Severity.info]
        notes = [f for f in check.findings if f.severity is Severity.info]
        parts += [_line(finding) for finding in problems]
        if notes:
            parts.append(Text("  " + PROVISIONAL_HEADING))
            parts += [_line(finding) for finding in notes]
    parts.append(Text(overall(checks), style="bold"))
    return Group(*parts)


def _file_heading(check: FileCheck) -> Text:
    errors = sum(f.severity is Severity.error for f in check.findings)
    warnings = sum(f.severity is Severity.warning for f in check.findings)
    extra = f", {warnings} cảnh báo" if warnings else ""
    if errors:
        return Text.assemble((check.file, "bold"), (f" — {errors} lỗi{extra}", "bold red"))
    return Text.assemble((check.file, "bold"), (f" — không có lỗi{extra}", "green"))


def location(finding: LintFinding) -> str:
    """'dòng 12 (groups[0].rule)', as the loader words a location."""
    where = f"dòng {finding.line}" if finding.line is not None else ""
    if finding.path:
        where += f" ({finding.path})" if where else finding.path
    return where or "cả tệp"


def _line(finding: LintFinding) -> Text:
    mark, style = _MARKS[finding.severity]
    label = "" if finding.severity is Severity.info else f"{SEVERITY_LABELS[finding.severity]}, "
    return Text.assemble(
        ("  " + mark + " ", style),
        f"{label}{location(finding)}: {finding.message} ",
        (f"[{finding.code}]", "dim"),
    )


def overall(checks: list[FileCheck]) -> str:
    failed = sum(not check.passed for check in checks)
    if not failed:
        return f"Đã kiểm tra {len(checks)} tệp: không tệp nào có lỗi."
    return f"Đã kiểm tra {len(checks)} tệp: {failed} tệp có lỗi."


def check_json(checks: list[FileCheck]) -> bytes:
    """English keys and codes; the messages stay Vietnamese."""
    document = {
        "passed": all(check.passed for check in checks),
        "files": [{**dataclasses.asdict(check), "passed": check.passed} for check in checks],
    }
    return json_bytes(document)
