"""What every output carries so a verdict can be reproduced years later."""

from __future__ import annotations

from typing import Any

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
                "source": level.criteria.source,
            }
            for level in evaluation.levels
        ],
        "inputs": [{"file": item.file, "sha256": item.sha256} for item in evaluation.inputs],
    }


def provenance_lines(evaluation: Evaluation) -> list[tuple[str, str]]:
    """The same facts as label/value pairs in Vietnamese, for sheets and printed pages."""
    stamp = provenance(evaluation)
    lines = [
        ("Công cụ", f"hoctap {stamp['tool']['version']}"),
        ("Ngày xét (as-of)", stamp["as_of"]),
    ]
    for item in stamp["criteria"]:
        lines.append(
            (f"Bộ tiêu chí {item['id']}", f"phiên bản {item['version']}, SHA-256 {item['sha256']}")
        )
    for item in stamp["inputs"]:
        lines.append((f"Tệp đầu vào {item['file']}", f"SHA-256 {item['sha256']}"))
    return lines
