"""JSON Schema of the Document JSON, derived from the record dataclasses."""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, Union

from qextract.records import Document

_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
}


def _schema_for(annotation: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        inner = _schema_for(options[0], definitions) if len(options) == 1 else {"anyOf": [_schema_for(o, definitions) for o in options]}
        return {"anyOf": [inner, {"type": "null"}]}
    if origin is list:
        (item,) = typing.get_args(annotation)
        return {"type": "array", "items": _schema_for(item, definitions)}
    if annotation in _SCALARS:
        return dict(_SCALARS[annotation])
    if dataclasses.is_dataclass(annotation):
        name = annotation.__name__
        if name not in definitions:
            definitions[name] = {}  # placeholder against recursion
            definitions[name] = _object_schema(annotation, definitions)
        return {"$ref": f"#/$defs/{name}"}
    return {}


def _object_schema(cls: type, definitions: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties = {}
    required = []
    for field in dataclasses.fields(cls):
        properties[field.name] = _schema_for(hints[field.name], definitions)
        if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            required.append(field.name)
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if cls.__doc__:
        schema["description"] = cls.__doc__.strip().splitlines()[0]
    if required:
        schema["required"] = required
    return schema


def document_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that ``Document.to_json()`` output satisfies."""
    definitions: dict[str, Any] = {}
    schema = _object_schema(Document, definitions)
    schema["properties"]["error"] = {"type": "string", "description": "set only on error records"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "qextract Document",
        **schema,
        "$defs": definitions,
    }
