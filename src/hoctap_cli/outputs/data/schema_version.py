"""The version of the JSON document's shape, apart from its types: every run that writes
JSON names it, while the TypedDicts of ``document_types`` (60 classes, some 20 ms to
build) are needed only to check the serialiser and to generate the schema."""

from typing import Final

# Bumped when a key is removed, renamed or changes meaning; new keys alone keep it. 1.x was
# the shape with one title's keys at the top level.
SCHEMA_VERSION: Final = "2.0"
