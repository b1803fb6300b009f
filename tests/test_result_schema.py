"""Every JSON output of the examples is valid against the shipped ``result-schema.json``,
and that file is what the document's types generate (so it cannot drift from the code).

The validator is ``jsonschema``, not the pydantic that wrote the schema, so a mistake in
one is not hidden by the same mistake in the other.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from tests.support import (
    EXAMPLE_XLSX,
    ROOT,
    RunCli,
    criteria_of,
    item_group,
    only_level,
    results_of,
)

import hoctap_cli
from hoctap_cli.outputs.data.document_types import SCHEMA_FILE, schema_text
from hoctap_cli.outputs.data.streaming import write_lines

COMMUNE = ROOT / "examples" / "xa-quang-phu-2025.xlsx"
PROVINCE = ROOT / "examples" / "tieu-chi-tinh-vi-du.yaml"
SCHEMA: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def _valid(document: Any, definition: str | None = None) -> None:
    """Raise unless ``document`` is valid against the schema's root or one definition."""
    schema = SCHEMA
    if definition is not None:  # only the definitions: the root's own keywords would apply
        schema = {"$defs": SCHEMA["$defs"], "$ref": f"#/$defs/{definition}"}
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, [(list(e.absolute_path), e.message[:300]) for e in errors[:5]]


def test_shipped_schema_is_the_generated_one() -> None:
    """It ships exactly the schema the types generate (regenerate with ``python -m
    hoctap_cli.outputs.data.document_types > src/hoctap_cli/outputs/data/result-schema.json``)."""
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text()
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_the_schema_refuses_what_the_document_must_not_hold() -> None:
    """It is strict enough to catch a wrong document: an unknown key, a float verdict."""
    document = json.loads(hoctap_cli.to_json(hoctap_cli.evaluate_paths([EXAMPLE_XLSX])))
    _valid(document)
    document["titles"][0]["results"][0]["items"][0]["citation"] = "again, per applicant"
    with pytest.raises(AssertionError):
        _valid(document)
    document = json.loads(hoctap_cli.to_json(hoctap_cli.evaluate_paths([EXAMPLE_XLSX])))
    document["titles"][0]["results"][0]["verdict"] = "đạt"
    with pytest.raises(AssertionError):
        _valid(document)


@pytest.mark.parametrize(
    ("inputs", "titles"),
    [([EXAMPLE_XLSX], 1), ([COMMUNE], 11)],
    ids=["one-title", "many-titles"],
)
def test_evaluate_json_is_valid(
    run_cli: RunCli, tmp_path: Path, inputs: list[Path], titles: int
) -> None:
    """``evaluate -f json`` of both examples (one title, every title of a commune), to stdout
    and to a file, is one valid document whose titles each name a criteria entry."""
    printed = json.loads(run_cli("evaluate", *inputs, "-f", "json").stdout)
    target = tmp_path / "ket-qua.json"
    run_cli("evaluate", *inputs, "-f", "json", "-o", target)
    written = json.loads(target.read_text(encoding="utf-8"))
    assert written == printed
    _valid(printed)
    assert len(printed["titles"]) == titles
    for level in printed["titles"]:
        criteria = criteria_of(printed, level)
        assert criteria["id"] == level["title"]
        for result in level["results"]:
            for item in result["items"]:  # every item a result names is in its criteria
                assert item_group(criteria, item) in criteria["groups"]


_LINE_KINDS = {"header": "HeaderLine", "result": "ResultLine", "error": "ProblemLine"}
_LINE_KINDS["notice"] = "ProblemLine"


def _rebuilt(lines: list[dict[str, Any]]) -> dict[str, Any]:
    """The document an NDJSON consumer rebuilds: the header's keys, each result appended to
    the title its ``title`` names, each problem to the list its kind names."""
    header, *rest = lines
    document = {key: value for key, value in header.items() if key != "kind"}
    titles = {title["title"]: {**title, "results": []} for title in document["titles"]}
    document["titles"] = list(titles.values())
    document["errors"], document["notices"] = [], []
    for line in rest:
        kind = line.pop("kind")
        if kind == "result":
            titles[line["title"]]["results"].append(line)
        else:
            document[kind + "s"].append(line)
    return document


@pytest.mark.parametrize("inputs", [[EXAMPLE_XLSX], [COMMUNE]], ids=["one-title", "many"])
def test_evaluate_ndjson_lines_are_valid_and_rebuild_the_document(
    run_cli: RunCli, tmp_path: Path, inputs: list[Path]
) -> None:
    """``evaluate -f ndjson`` is one JSON object a line, the header first; every line is
    valid against ``DocumentLine`` and against the definition its ``kind`` names, and the
    lines rebuild exactly the document ``-f json`` writes (errors and notices included)."""
    target = tmp_path / "ket-qua.ndjson"
    run_cli("evaluate", *inputs, "-f", "ndjson", "-o", target)
    text = target.read_text(encoding="utf-8")
    assert text == run_cli("evaluate", *inputs, "-f", "ndjson").stdout
    assert text.endswith("\n") and "\n\n" not in text
    lines = [json.loads(line) for line in text.splitlines()]
    assert [line["kind"] for line in lines].count("header") == 1 and lines[0]["kind"] == "header"
    for line in lines:
        _valid(line, "DocumentLine")
        _valid(line, _LINE_KINDS[line["kind"]])
    document = json.loads(run_cli("evaluate", *inputs, "-f", "json").stdout)
    assert sum(1 for line in lines if line["kind"] == "result") == len(results_of(document))
    assert _rebuilt(lines) == document


def test_the_line_definitions_tell_the_kinds_apart() -> None:
    """A result line without its kind, or a header line with an unknown key, is refused."""
    evaluation = hoctap_cli.evaluate_paths([EXAMPLE_XLSX])
    chunks: list[bytes] = []
    write_lines(evaluation, chunks.append)
    header, result = (json.loads(line) for line in b"".join(chunks).splitlines()[:2])
    _valid(header, "DocumentLine")
    _valid(result, "DocumentLine")
    del result["kind"]
    with pytest.raises(AssertionError):
        _valid(result, "DocumentLine")
    header["results"] = []
    with pytest.raises(AssertionError):
        _valid(header, "DocumentLine")


def test_items_written_once_say_what_each_result_said() -> None:
    """Nothing is lost by writing an item's criteria once: for every applicant of the
    commune, the engine's own item (group, points, citation, provisional) is what the
    criteria entry says."""
    evaluation = hoctap_cli.evaluate_paths([COMMUNE])
    document = hoctap_cli.to_dict(evaluation)
    checked = 0
    for level, part in zip(evaluation.titles, document["titles"], strict=True):
        criteria = criteria_of(document, part)
        for result in level.results:
            for item in result.items:
                if item.by_council:
                    entry = criteria["groups"][item.item_id]["council_score"]
                    assert item.group_id == item.item_id
                else:
                    entry = criteria["items"][item.item_id]
                    assert entry["group"] == item.group_id
                assert (entry["citation"], entry["provisional"]) == (
                    item.citation,
                    item.provisional,
                )
                maximum = None if item.max_points is None else json.loads(str(item.max_points))
                assert entry["max_points"] == maximum
                checked += 1
    assert checked > 1000


def test_library_to_json_is_valid() -> None:
    """The library's ``to_json`` of a run of files and of a run of plain rows is the same
    valid document."""
    files = json.loads(hoctap_cli.to_json(hoctap_cli.evaluate_paths([EXAMPLE_XLSX])))
    _valid(files)
    criteria = hoctap_cli.load_criteria("gia-dinh-hoc-tap@448-2015")
    rows = [{"ma_ho": "H1", "chu_ho": "An", "so_tre_do_tuoi": 0}, {"chu_ho": "Bình"}]
    plain_rows = json.loads(hoctap_cli.to_json(hoctap_cli.evaluate_rows(criteria, rows, year=2025)))
    _valid(plain_rows)
    assert plain_rows["as_of"] == dt.date(2025, 12, 31).isoformat()
    assert [r["id"] for r in results_of(plain_rows)] == ["H1"]
    assert only_level(plain_rows)["criteria"] == criteria_of(files)["ref"]
    assert [e["code"] for e in plain_rows["errors"]] == ["missing_id"]
    keyed_rows = [{"ma_ho": "H1", "chu_ho": "An", "so_tre_do_tuoi": "hai"}]
    keyed = hoctap_cli.evaluate_rows(criteria, keyed_rows, year=2025, table="ho", key="ma_ho")
    document = json.loads(hoctap_cli.to_json(keyed))
    _valid(document)
    assert [e["key"] for e in document["errors"]] == ["ma_ho=H1"]


def test_explain_json_is_valid(run_cli: RunCli) -> None:
    """``explain -f json`` of one applicant, and of a village of the commune, is valid."""
    explained = json.loads(run_cli("explain", EXAMPLE_XLSX, "--id", "ES-010", "-f", "json").stdout)
    _valid(explained, "Explained")
    (household,) = explained["traces"]
    assert household["id"] == "ES-010" and household["criteria"]["ref"].startswith("gia-dinh")
    assert explained["schema_version"] == "2.0" and explained["not_evaluated"] == []
    document = json.loads(run_cli("evaluate", COMMUNE, "-f", "json").stdout)
    village = next(lv for lv in document["titles"] if lv["title"] == "cong-dong-hoc-tap-thon")
    first = village["results"][0]["id"]
    args = ("explain", COMMUNE, "--id", first, "--title", "cong-dong-hoc-tap-thon", "-f", "json")
    traced = json.loads(run_cli(*args).stdout)
    _valid(traced, "Explained")
    assert traced["traces"][0]["rollups"], "a village's trace names the members it counted"


def test_explain_json_of_a_row_left_out_is_valid(run_cli: RunCli) -> None:
    """``explain -f json`` of an id whose row was read but not evaluated is valid too."""
    document = json.loads(run_cli("evaluate", EXAMPLE_XLSX, "-f", "json").stdout)
    (duplicate,) = [e for e in document["errors"] if e["code"] == "duplicate_id"]
    result = run_cli("explain", EXAMPLE_XLSX, "--id", duplicate["value"], "-f", "json")
    explained = json.loads(result.stdout)
    _valid(explained, "Explained")
    assert explained["not_evaluated"] and all(
        row["evaluated"] is False for row in explained["not_evaluated"]
    )


@pytest.mark.parametrize("inputs", [[EXAMPLE_XLSX], [COMMUNE]], ids=["one-title", "many"])
def test_export_json_is_valid(run_cli: RunCli, tmp_path: Path, inputs: list[Path]) -> None:
    """``export -o x.json`` is valid, its lists always under ``lists``, its provenance the
    evaluate document's head."""
    target = tmp_path / "x.json"
    run_cli("export", *inputs, "-o", target)
    document = json.loads(target.read_text(encoding="utf-8"))
    _valid(document, "ExportDocument")
    assert document["lists"]
    evaluated = json.loads(run_cli("evaluate", *inputs, "-f", "json").stdout)
    stamps = [
        {k: c[k] for k in ("ref", "id", "version", "source", "sha256")}
        for c in evaluated["criteria"]
    ]
    assert document["provenance"]["criteria"] == stamps


def test_diff_records_json_is_valid(run_cli: RunCli) -> None:
    """``diff --records -f json`` is valid, and it does list changes to check."""
    args = ("diff", "gia-dinh-hoc-tap@448-2015", PROVINCE, "--records", EXAMPLE_XLSX, "-f", "json")
    impact = json.loads(run_cli(*args).stdout)
    _valid(impact, "Impact")
    assert impact["changes"]


def test_readme_names_every_key_of_the_document() -> None:
    """It documents, in README "Kết quả JSON", every top-level key and every key of a
    title, a result, a result's item and a criteria entry that the schema has."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Kết quả JSON") : readme.index("## Dùng như thư viện")]
    definitions = SCHEMA["$defs"]
    parts = [SCHEMA, *(definitions[n] for n in ("TitleEntry", "Result", "ItemResultEntry"))]
    parts += [definitions[n] for n in ("CriteriaEntry", "ItemEntry", "GroupEntry")]
    keys = [key for part in parts for key in part["properties"]]
    # A list is named with its brackets: `inputs[]`.
    missing = [key for key in keys if f"`{key}`" not in section and f"`{key}[]`" not in section]
    assert missing == []
