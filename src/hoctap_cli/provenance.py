"""What every output carries so a verdict can be reproduced years later."""

from __future__ import annotations

from typing import Any

from hoctap_cli.origin import criteria_origin, criteria_ref
from hoctap_cli.service import Evaluation


def provenance(evaluation: Evaluation) -> dict[str, Any]:
    """Tool version, as-of date, each criteria file (id, version, SHA-256) and input hash."""
    from hoctap_cli import __version__

    return {
        "tool": {"name": "hoctap", "version": __version__},
        "as_of": evaluation.as_of.isoformat(),
        "criteria": [
            {
                "id": level.criteria.criteria.id,
                "version": level.criteria.criteria.version,
                "sha256": level.criteria.sha256,
                "source": criteria_ref(level.criteria),
            }
            for level in evaluation.levels
        ],
        "inputs": [{"file": item.file, "sha256": item.sha256} for item in evaluation.inputs],
    }


def provenance_lines(evaluation: Evaluation) -> list[tuple[str, str]]:
    """The same facts as label/value pairs in Vietnamese, for sheets and printed pages."""
    from hoctap_cli.origin import shown_path

    stamp = provenance(evaluation)
    lines = [
        ("Công cụ", f"hoctap {stamp['tool']['version']}"),
        ("Ngày xét", evaluation.as_of.strftime("%d/%m/%Y")),
    ]
    for level in evaluation.levels:
        compiled = level.criteria
        lines.append(
            (
                f"Bộ tiêu chí {compiled.criteria.title}",
                f"{criteria_origin(compiled)}, SHA-256 {compiled.sha256}",
            )
        )
    for item in stamp["inputs"]:
        lines.append((f"Tệp đầu vào {shown_path(item['file'])}", f"SHA-256 {item['sha256']}"))
    return lines
