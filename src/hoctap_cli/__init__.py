"""hoctap: scoring applications for Vietnam's learning titles."""

__version__ = "0.1.0"
