"""The catalogue file read by an independent validator: what `terminbuch
catalogue export` writes of the demo is valid under the JSON Schema the
server serves at /static/schema/catalogue.schema.json, and the schema
refuses what the importer refuses for its shape (unknown keys, wrong types).
"""
import json
import os
import subprocess
from pathlib import Path

import jsonschema

REPO = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("TERMINBUCH_BINARY", REPO / ".build" / "debug" / "terminbuch"))


def served_schema(server):
    status, headers, body = server.request("GET", "/static/schema/catalogue.schema.json")
    assert status == 200
    schema = json.loads(body)
    assert schema == json.loads((REPO / "Public" / "schema" / "catalogue.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def test_the_demo_export_is_valid_under_the_served_schema(start_server):
    server = start_server("2026-11-30T07:05:00+01:00")
    schema = served_schema(server)
    exported = subprocess.run([str(BINARY), "catalogue", "export", "--database", server.database],
                              capture_output=True, check=True)
    catalogue = json.loads(exported.stdout)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(catalogue)
    assert len(catalogue["offices"]) >= 2

    office = catalogue["offices"][0]
    office["colour"] = "blue"
    office["rules"][0]["counters"] = "3"
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(catalogue))
    assert sorted("/".join(map(str, error.absolute_path)) for error in errors) == ["offices/0", "offices/0/rules/0/counters"]


def test_the_example_files_are_valid_under_the_schema():
    """Examples/demo and Examples/bench, the files the demo and the benchmarks import."""
    schema = json.loads((REPO / "Public" / "schema" / "catalogue.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for name in ("demo", "bench"):
        catalogue = json.loads((REPO / "Examples" / name / "catalogue.json").read_text())
        validator.validate(catalogue)
    demo = json.loads((REPO / "Examples" / "demo" / "catalogue.json").read_text())
    assert all(m["contact"]["privacyOfficer"]["email"].startswith("datenschutz@") for m in demo["municipalities"])
    broken = dict(demo, services=[dict(demo["services"][0], leikaKey="9910201310400")])
    assert [e.validator for e in validator.iter_errors(broken)] == ["pattern"]
