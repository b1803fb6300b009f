"""The annotated copy of one input workbook: opened (checked) first, written later.

An .xlsx or .xlsm is streamed (``stream_copy``); a converted .xls/.ods, and the rare
.xlsx the stream does not take on, go through openpyxl (``annotate``), loaded whole.
``open_copy`` raises what opening the workbook raises, so that the caller can say the
workbook could not be opened before anything is written.
"""

from __future__ import annotations

import logging
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from hoctap_cli.workflow.annotations import CONVERTED
from hoctap_cli.workflow.run import Evaluation

log = logging.getLogger("hoctap.annotated")


@dataclass
class AnnotatedCopy:
    """The copy of ``source`` with the results of ``evaluation`` for ``file``."""

    source: Path
    evaluation: Evaluation
    file: str
    streamed: Any = None  # stream_copy.StreamPlan
    workbook: Any = None  # an openpyxl Workbook, when not streamed

    @property
    def is_streamed(self) -> bool:
        return self.streamed is not None

    def save(self, stream: IO[bytes]) -> None:
        """Write the copy to ``stream`` (what the registry's writer calls)."""
        if self.streamed is not None:
            from hoctap_cli.outputs.annotated.stream_copy import StreamUnsupported, write_stream

            start = stream.tell()
            try:
                write_stream(self.streamed, stream)
                return
            except StreamUnsupported as exc:
                # The first pass refuses what the second cannot take on; should a sheet
                # still surprise the second, what was written is dropped and the copy made
                # the openpyxl way, rather than leaving the officer with nothing.
                log.info("%s: bản kèm kết quả ghi lại qua openpyxl (%s)", self.source, exc)
                stream.seek(start)
                stream.truncate()
            self.streamed, self.workbook = None, load_whole(self.source)
        from hoctap_cli.outputs.annotated.annotate import annotate_workbook

        annotate_workbook(self.workbook, self.evaluation, self.file)
        self.workbook.save(stream)


def open_copy(source: Path, evaluation: Evaluation, file: str | None = None) -> AnnotatedCopy:
    """The copy of ``source``, planned (streamed) or loaded (openpyxl)."""
    file = str(source) if file is None else file
    if source.suffix.lower() in CONVERTED:
        from hoctap_cli.outputs.annotated.converted_book import converted_workbook

        return AnnotatedCopy(source, evaluation, file, workbook=converted_workbook(source))
    from hoctap_cli.outputs.annotated.stream_copy import StreamUnsupported, plan_stream

    try:
        return AnnotatedCopy(
            source, evaluation, file, streamed=plan_stream(source, evaluation, file)
        )
    except (StreamUnsupported, zipfile.BadZipFile, ValueError) as exc:
        # openpyxl opens it, or says why it cannot, as it did before the copy was streamed
        log.info("%s: bản kèm kết quả ghi qua openpyxl (%s)", source, exc)
    return AnnotatedCopy(source, evaluation, file, workbook=load_whole(source))


def load_whole(source: Path) -> Any:
    """``source`` loaded by openpyxl for editing."""
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    return load_workbook(source, rich_text=True)
