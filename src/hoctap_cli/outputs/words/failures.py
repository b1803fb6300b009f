"""What a person is told when a run cannot go on: one Vietnamese message per known failure.

Shared by every front end (the command line prints it after "Lỗi:", the page shows it), so
a failure reads the same wherever it happens.
"""

from __future__ import annotations


def failure_message(exc: Exception, *, debug: bool = False) -> str | None:
    """The Vietnamese message for a known failure; None for a bug.

    With ``debug`` an operating-system error is left to show its traceback."""
    from hoctap_cli.atomic import OutputError, os_reason
    from hoctap_cli.criteria.catalog import UnknownCriteria
    from hoctap_cli.criteria.loader import CriteriaError
    from hoctap_cli.errors import HoctapError
    from hoctap_cli.workflow.run import InputsUnreadable, NoCriteriaFound

    if isinstance(exc, CriteriaError):
        return "tệp tiêu chí không dùng được:\n" + exc.render()
    if isinstance(exc, InputsUnreadable):
        lines = "\n".join(f"  • {p.location()}: {p.message}" for p in exc.problems)
        return "không đọc được tệp đầu vào nào:\n" + lines
    if isinstance(exc, NoCriteriaFound | UnknownCriteria | OutputError):
        return exc.message
    if isinstance(exc, HoctapError):  # any other problem a person can fix says its own words
        return exc.message
    if isinstance(exc, MemoryError):
        return "không đủ bộ nhớ để xử lý; hãy tách tệp thành nhiều tệp nhỏ hơn"
    if isinstance(exc, OSError) and not debug:
        where = f" {exc.filename}" if exc.filename else ""
        return f"không đọc hoặc ghi được{where}: {os_reason(exc)}"
    return None
