"""Machine-readable outputs: the one serialiser, the JSON document's types and schema, the
streamed JSON writer, and the results as JSON and CSV."""
