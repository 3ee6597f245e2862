"""The JSON Schemas in schemas/ (draft 7), compiled once per process, for the exports that check their JSON."""

from __future__ import annotations

import functools
import json

from tei.resources import data_dir


@functools.cache
def _validator(schema_name: str):
    import jsonschema

    schema = json.loads((data_dir("schemas") / schema_name).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def schema_problems(data: dict, schema_name: str) -> list[str]:
    """Where `data` breaks the JSON Schema `schemas/schema_name`, one line per problem, in a stable order."""
    return [f"{'/'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}"
            for error in sorted(_validator(schema_name).iter_errors(data), key=str)]
