"""What every output carries so a verdict can be reproduced years later, in Vietnamese.

The facts themselves (``serialise.provenance``) are the head of the JSON document; here
they are label/value lines for sheets and printed pages.
"""

from __future__ import annotations

from hoctap_cli.outputs.data.serialise import provenance
from hoctap_cli.outputs.origin import criteria_origin
from hoctap_cli.shown_files import shown_path
from hoctap_cli.workflow.run import Evaluation


def provenance_lines(evaluation: Evaluation) -> list[tuple[str, str]]:
    """Tool, as-of date, each criteria file and each input's hash as label/value pairs."""
    stamp = provenance(evaluation)
    lines = [
        ("Công cụ", f"hoctap {stamp['tool']['version']}"),
        ("Ngày xét", evaluation.as_of.strftime("%d/%m/%Y")),
    ]
    for title_result in evaluation.titles:
        compiled = title_result.criteria
        lines.append(
            (
                f"Bộ tiêu chí {compiled.criteria.title}",
                f"{criteria_origin(compiled)}, SHA-256 {compiled.sha256}",
            )
        )
    for item in stamp["inputs"]:
        lines.append((f"Tệp đầu vào {shown_path(item['file'])}", f"SHA-256 {item['sha256']}"))
    return lines
