"""Papers a commune signs and sends up: the recognition list (xlsx, csv, json), the draft
decision (docx), the blank template, their page layout and the commune's settings."""
