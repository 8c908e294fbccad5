"""Decoding Hookline topic values in Python: shared by read_sessions.py and sessions_to_postgres.py.

Two of Hookline's value formats can be read without a schema registry:

* avro-single-object: bytes C3 01, the 8-byte little-endian CRC-64-AVRO fingerprint of the
  writer schema's Parsing Canonical Form, then the Avro binary body. Decoded here with the .avsc
  files of the repository (schemas/src/main/avro) and Debian's python3-avro.
* json: one UTF-8 JSON object per value, field names as in the .avsc files, timestamps as
  ISO-8601 UTC strings.

A value in Confluent's wire format (a 00 byte, then a 4-byte schema id) needs a registry client,
which these examples do not use. Every decoded value comes out as a dict in the json format's
shape, so both formats give the same dict for the same record.
"""

import base64
import datetime
import io
import json
from pathlib import Path

import avro.errors
import avro.io
import avro.name
import avro.schema

FORMATS = ("auto", "avro-single-object", "json")
SINGLE_OBJECT_MARKER = b"\xc3\x01"
DEFAULT_SCHEMAS = Path(__file__).resolve().parents[2] / "schemas" / "src" / "main" / "avro"


class UndecodableValue(Exception):
    """A value that cannot be decoded; the message says why."""


# CRC-64-AVRO, as the Avro specification gives it (python3-avro 1.11 has no fingerprint function).
_EMPTY = 0xC15D213AA4D7A795
_TABLE = []
for _i in range(256):
    _fp = _i
    for _ in range(8):
        _fp = (_fp >> 1) ^ (_EMPTY & -(_fp & 1))
    _TABLE.append(_fp)


def _primitives_as_names(node):
    """python3-avro 1.11 writes a logical type's long as {"type":"long"}; the canonical form says "long"."""
    if isinstance(node, dict):
        if list(node) == ["type"] and isinstance(node["type"], str):
            return node["type"]
        return {key: _primitives_as_names(item) for key, item in node.items()}
    if isinstance(node, list):
        return [_primitives_as_names(item) for item in node]
    return node


def canonical_form(schema):
    """The schema's Parsing Canonical Form, as Java's SchemaNormalization.toParsingForm writes it."""
    return json.dumps(_primitives_as_names(schema.to_canonical_json()), separators=(",", ":"))


def fingerprint(schema):
    """The 8 bytes a single-object value carries: CRC-64-AVRO of the canonical form, little-endian."""
    fp = _EMPTY
    for byte in canonical_form(schema).encode("utf-8"):
        fp = (fp >> 8) ^ _TABLE[(fp ^ byte) & 0xFF]
    return fp.to_bytes(8, "little")


def load_schemas(folder):
    """Parses the .avsc files of folder (common/ first) into {fingerprint bytes: record schema}.

    A record may name a type another file defines, so files are retried until all parse.
    """
    folder = Path(folder)
    names = avro.name.Names()
    for path in sorted((folder / "common").glob("*.avsc")):
        avro.schema.make_avsc_object(json.loads(path.read_text()), names)
    pending = sorted(folder.glob("*.avsc"))
    if not pending:
        raise SystemExit(f"no .avsc files in {folder} (give the schema folder with --schemas)")
    records = {}
    while pending:
        failed = []
        for path in pending:
            attempt = avro.name.Names(names.default_namespace)
            attempt.names = dict(names.names)  # a failed parse must not leave half its names behind
            try:
                schema = avro.schema.make_avsc_object(json.loads(path.read_text()), attempt)
            except avro.errors.SchemaParseException as error:
                failed.append((path, error))
                continue
            names = attempt
            records[fingerprint(schema)] = schema
        if len(failed) == len(pending):
            raise SystemExit(f"cannot parse {failed[0][0]}: {failed[0][1]}")
        pending = [path for path, _ in failed]
    return records


def iso_utc(moment):
    """An ISO-8601 UTC timestamp as Java's Instant.toString() writes it: 2026-12-07T12:30:00.123Z."""
    moment = moment.astimezone(datetime.timezone.utc)
    micros = moment.microsecond
    fraction = "" if micros == 0 else f".{micros // 1000:03d}" if micros % 1000 == 0 else f".{micros:06d}"
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + fraction + "Z"


def _plain(value):
    """Avro's Python values in the json format's shape."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, datetime.datetime):
        return iso_utc(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


def decode(value, schemas, value_format="auto"):
    """One topic value as a dict; raises UndecodableValue when it cannot be decoded."""
    if value is None:
        raise UndecodableValue("a tombstone (null value)")
    kind = value_format
    if kind == "auto":
        if value[:1] == b"\xc3":
            kind = "avro-single-object"
        elif value.lstrip()[:1] == b"{":
            kind = "json"
        elif value[:1] == b"\x00":
            schema_id = int.from_bytes(value[1:5], "big")
            raise UndecodableValue(f"Confluent schema-registry framing (schema id {schema_id}): the avro-registry "
                              "format needs a schema-registry client (e.g. confluent_kafka's AvroDeserializer)")
        else:
            raise UndecodableValue(f"unknown value format (first byte {value[:1].hex() or 'none'})")
    if kind == "json":
        try:
            record = json.loads(value.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise UndecodableValue(f"not a JSON value: {error}") from None
        if not isinstance(record, dict):
            raise UndecodableValue("a JSON value that is not an object")
        return record
    if value[:2] != SINGLE_OBJECT_MARKER or len(value) < 10:
        raise UndecodableValue("not Avro single-object encoded (no C3 01 marker)")
    schema = schemas.get(value[2:10])
    if schema is None:
        raise UndecodableValue(f"unknown schema fingerprint {value[2:10].hex()} (little-endian bytes): "
                          "not one of the .avsc files given (another release's? give its folder with --schemas)")
    try:
        record = avro.io.DatumReader(schema).read(avro.io.BinaryDecoder(io.BytesIO(value[10:])))
    except Exception as error:  # a truncated or corrupt body
        raise UndecodableValue(f"cannot decode the body as {schema.fullname}: {error!r}") from None
    return _plain(record)
