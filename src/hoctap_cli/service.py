"""The evaluation run now lives in ``hoctap_cli.workflow.run``; these names stay importable
from here so that modules still naming ``service`` keep working until they move."""

from hoctap_cli.workflow.mismatches import score_mismatches
from hoctap_cli.workflow.run import (
    Evaluation,
    InputFile,
    InputsUnreadable,
    NoCriteriaFound,
    TitleResult,
    assessment_date,
    evaluate_paths,
)

__all__ = [
    "Evaluation",
    "InputFile",
    "InputsUnreadable",
    "TitleResult",
    "NoCriteriaFound",
    "assessment_date",
    "evaluate_paths",
    "score_mismatches",
]
