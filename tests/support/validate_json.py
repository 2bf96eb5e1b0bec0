"""Validates bayan's JSON files against its record schema (draft 2020-12) with
Python's `jsonschema`: `validate_json.py SCHEMA FILE...`. Each file must pass
the whole schema; where one does not, the errors are those against the part
that describes it (`#/$defs/index` for incidents.json, else `#/$defs/record`),
each with the file and the path inside it. Exits 1 if there was any.
`bash tests/tools.sh` installs jsonschema (pinned)."""
import json
import sys

import jsonschema

with open(sys.argv[1], encoding="utf-8") as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)


def part(name):
    one = {k: v for k, v in schema.items() if k != "oneOf"}
    one["$ref"] = f"#/$defs/{name}"
    return jsonschema.Draft202012Validator(one)


bad = 0
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    if validator.is_valid(doc):
        continue
    which = part("index" if path.endswith("incidents.json") else "record")
    errors = list(which.iter_errors(doc)) or list(validator.iter_errors(doc))
    for e in errors:
        bad += 1
        print(f"{path}: {e.json_path}: {e.message[:300]}")
print(f"{len(sys.argv) - 2} files, {bad} errors")
sys.exit(1 if bad else 0)
