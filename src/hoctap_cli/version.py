"""The version of hoctap, as its outputs and its package (pyproject reads it here) name it."""

__version__ = "0.1.0"
