"""Vietnamese said the way documents and officers say it: verdicts, reasons, rules, roll-ups,
differences, provenance and failures, shared by every screen, paper and page."""
