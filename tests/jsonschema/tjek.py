#!/usr/bin/env python3
"""Checks fremdrift's JSON Schemas with Python's jsonschema, the validator a kommune's or
secretariat's Python pipeline uses (tests/skema_python.rs).

    tjek.py OPGAVE.json

OPGAVE.json: {"skemaer": {name: path}, "filer": [{"navn": …, "skema": name, "data": …}]}.
Prints JSON: {"skemaer": {name: null or why the schema is refused},
              "filer": {navn: [objection, …]}}.
Every schema is checked against its metaschema with the format checker, so a
`pattern` that Python's `re` cannot compile is refused (`'…' is not a 'regex'`); files
are validated with formats (`date`) checked, as the Rust test does.
"""

import json
import sys

import jsonschema
from jsonschema import Draft202012Validator


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as f:
        opgave = json.load(f)
    skemaer, validatorer = {}, {}
    for navn, sti in opgave["skemaer"].items():
        with open(sti, encoding="utf-8") as f:
            skema = json.load(f)
        try:
            Draft202012Validator.check_schema(skema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        except jsonschema.exceptions.SchemaError as e:
            skemaer[navn] = f"{e.message} (ved {'/'.join(map(str, e.absolute_path))})"
            continue
        skemaer[navn] = None
        validatorer[navn] = Draft202012Validator(skema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    filer = {}
    for fil in opgave["filer"]:
        v = validatorer.get(fil["skema"])
        if v is None:
            filer[fil["navn"]] = [f"skemaet {fil['skema']} kunne ikke bruges"]
            continue
        filer[fil["navn"]] = [
            f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in v.iter_errors(fil["data"])
        ]
    json.dump({"skemaer": skemaer, "filer": filer}, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
