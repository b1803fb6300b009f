"""Criteria as every layer above uses them: the validated model and its compiled rules.

Apart from the loader, so that the engine, the readers and the outputs depend on what
criteria are, not on how a YAML file becomes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from hoctap_cli.criteria.expr import Rule
from hoctap_cli.criteria.model import Criteria


@dataclass(frozen=True)
class CompiledCriteria:
    """A loaded criteria file ready for the engine."""

    criteria: Criteria
    rules: dict[str, Rule]
    source: str
    sha256: str
    base: CompiledCriteria | None = None  # the shipped file a local one extends
