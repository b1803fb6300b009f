"""The one base class of every error hoctap raises for a problem a person can fix.

Callers of the library catch ``HoctapError`` to handle bad criteria, unreadable inputs and
refused outputs alike; anything else escaping is a defect in hoctap, not in the data.
"""

from __future__ import annotations


class HoctapError(Exception):
    """A problem with criteria, inputs or outputs, said for people (in Vietnamese).

    ``code`` is a stable English identifier for programs, as in JSON output.
    """

    code: str = "error"
