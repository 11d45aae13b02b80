"""The machinery under the typed results (core/model.py): strict dataclass <-> JSON, and a JSON
Schema derived from the same declarations, so the types and the schema cannot drift apart.

- A :class:`Record` is a dataclass. ``to_json()`` gives plain JSON data (enums as their values,
  optional fields that were absent left out); ``from_json(d)`` builds it back and refuses unknown
  keys and missing required keys (``ValueError`` naming the path, e.g. ``findings[2].severity``).
- A field whose default is :data:`ABSENT` is optional: absent from the JSON when not set. A field
  typed ``X | None`` is required but may be null.
- ``dict`` and ``list`` fields (without a Record inside) are open JSON: the schema does not
  describe inside them. ``Any`` is any JSON value.
- A :class:`Block` types an open JSON object whose content another part owns (a calibration file,
  case.json's claimant, a stage's per-frame row): it IS the dict as read (so it round-trips, hashes
  and compares exactly as before, and code that fills it as a dict keeps working), and the keys it
  declares are also typed attributes, checked on reading (``row.distance``; ``None`` when absent).
  The schema describes the declared keys and leaves the object open.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from typing import Any, ClassVar


class _Absent:
    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "ABSENT"

    def __bool__(self) -> bool:
        return False

    def __reduce__(self):
        return (_Absent, ())


ABSENT: Any = _Absent()


def given(value) -> bool:
    """Whether an optional field holds a value: neither ABSENT (left out of the JSON) nor None."""
    return value is not ABSENT and value is not None


def optional(default_factory=None):
    """An optional field: left out of the JSON unless set."""
    return dataclasses.field(default=ABSENT)


class StrEnum(str, enum.Enum):
    def __str__(self) -> str:
        return self.value


def _hints(cls) -> dict:
    return typing.get_type_hints(cls)


def _split_optional(tp):
    """(inner type, nullable) for ``X | None``."""
    args = typing.get_args(tp)
    if (typing.get_origin(tp) in (typing.Union, types.UnionType)) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return (rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]), True
    return tp, False


def _dump(value):
    if isinstance(value, Record):
        return value.to_json()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list):
        return [_dump(v) for v in value]
    if isinstance(value, tuple):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value


def _load(tp, value, where: str):
    tp, nullable = _split_optional(tp)
    if value is None:
        if nullable or tp is Any:
            return None
        raise ValueError(f"{where}: must not be null")
    origin = typing.get_origin(tp)
    if isinstance(tp, type) and issubclass(tp, Block):
        return tp.from_json(value, where)
    if isinstance(tp, type) and issubclass(tp, Record):
        if not isinstance(value, dict):
            raise ValueError(f"{where}: expected an object")
        return tp.from_json(value, where)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        try:
            return tp(value)
        except ValueError:
            raise ValueError(f"{where}: {value!r} is not one of {[e.value for e in tp]}") from None
    if origin is list:
        if not isinstance(value, list):
            raise ValueError(f"{where}: expected a list")
        (item,) = typing.get_args(tp) or (Any,)
        return [_load(item, v, f"{where}[{i}]") for i, v in enumerate(value)]
    if tp is dict or origin is dict:
        if not isinstance(value, dict):
            raise ValueError(f"{where}: expected an object")
        args = typing.get_args(tp)
        if len(args) == 2 and isinstance(args[1], type) and issubclass(args[1], (Record, Block)):
            return {k: _load(args[1], v, f"{where}.{k}") for k, v in value.items()}
        return value
    if tp is list:
        if not isinstance(value, list):
            raise ValueError(f"{where}: expected a list")
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"{where}: expected a number, got {value!r}")
        return value
    if tp in (int, str, bool):
        if not isinstance(value, tp) or (tp is int and isinstance(value, bool)):
            raise ValueError(f"{where}: expected {tp.__name__}, got {value!r}")
        return value
    return value                                   # Any and unions of scalars: as read


class Record:
    """Base of the result dataclasses (subclasses are ``@dataclass``)."""

    SCHEMA_TITLE: ClassVar[str] = ""

    def to_json(self) -> dict:
        out = {}
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            if v is ABSENT:
                continue
            out[f.metadata.get("json", f.name)] = _dump(v)
        return out

    @classmethod
    def from_json(cls, data: dict, where: str = ""):
        hints = _hints(cls)
        fields = {f.metadata.get("json", f.name): f for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - set(fields))
        if unknown:
            raise ValueError(f"{where or cls.__name__}: unknown key(s) {', '.join(map(repr, unknown))}")
        kwargs = {}
        for key, f in fields.items():
            sub = f"{where}.{key}" if where else key
            if key not in data:
                if f.default is ABSENT:
                    continue
                raise ValueError(f"{sub}: missing")
            kwargs[f.name] = _load(hints[f.name], data[key], sub)
        return cls(**kwargs)


class Block(dict):
    """An open JSON object with typed attributes for the keys its subclass declares (annotations).

    ``Block.from_json(d)`` checks and types the declared keys (a nested Block or Record is built
    as such; ``null`` is accepted for any declared key) and keeps every other key as read. Reading
    a declared attribute gives the value, or ``None`` when the key is absent; setting one sets the
    key. ``KEYS`` maps an attribute to its JSON key where they differ (``from_`` -> ``from``).
    """

    KEYS: ClassVar[dict] = {}
    _declared: ClassVar[dict | None] = None

    @classmethod
    def declared(cls) -> dict:
        """attribute name -> (JSON key, type) of the declared keys."""
        if cls.__dict__.get("_declared") is None:
            hints = {k: v for k, v in _hints(cls).items() if typing.get_origin(v) is not ClassVar
                     and v is not ClassVar and not k.startswith("_") and k != "KEYS"}
            clash = sorted(k for k in hints if hasattr(dict, k) or k in Block.__dict__)
            if clash:                   # dict.values etc. would shadow the attribute
                raise TypeError(f"{cls.__name__} declares {clash}: name them e.g. values_ with KEYS")
            cls._declared = {k: (cls.KEYS.get(k, k), tp) for k, tp in hints.items()}
        return cls._declared

    @classmethod
    def from_json(cls, data: dict, where: str = ""):
        if isinstance(data, cls):
            return data
        if not isinstance(data, dict):
            raise ValueError(f"{where or cls.__name__}: expected an object")
        by_key = {key: tp for key, tp in cls.declared().values()}
        out = cls()
        for k, v in data.items():
            tp = by_key.get(k)
            out[k] = v if tp is None or v is None else _load(tp, v, f"{where}.{k}" if where else k)
        return out

    def to_json(self) -> dict:
        return {k: _dump(v) for k, v in self.items()}

    def __getattr__(self, name):
        d = type(self).declared()
        if name in d:
            return self.get(d[name][0])
        raise AttributeError(f"{type(self).__name__} declares no {name!r}")

    def __setattr__(self, name, value):
        d = type(self).declared()
        if name not in d:
            raise AttributeError(f"{type(self).__name__} declares no {name!r}")
        self[d[name][0]] = value


def json_field(name: str, default=dataclasses.MISSING):
    """A field whose JSON key is not a Python identifier (e.g. ``error_rates_at_0.6``)."""
    if default is dataclasses.MISSING:
        return dataclasses.field(metadata={"json": name})
    return dataclasses.field(default=default, metadata={"json": name})


# ---- JSON Schema (draft 2020-12) derived from the declarations -------------------------------

def _schema_of(tp, defs: dict) -> dict:
    tp, nullable = _split_optional(tp)
    s = _schema_inner(tp, defs)
    if nullable:
        s = {"anyOf": [s, {"type": "null"}]}
    return s


def _schema_inner(tp, defs: dict) -> dict:
    origin = typing.get_origin(tp)
    if tp is Any:
        return {}
    if isinstance(tp, type) and issubclass(tp, (Record, Block)):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}                        # placeholder against recursion
            defs[name] = record_schema(tp, defs) if issubclass(tp, Record) else block_schema(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [e.value for e in tp]}
    if origin is list:
        (item,) = typing.get_args(tp) or (Any,)
        return {"type": "array", "items": _schema_of(item, defs)}
    if tp is list:
        return {"type": "array"}
    if tp is dict or origin is dict:
        args = typing.get_args(tp)
        if len(args) == 2 and isinstance(args[1], type) and issubclass(args[1], (Record, Block)):
            return {"type": "object", "additionalProperties": _schema_of(args[1], defs)}
        return {"type": "object"}
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_schema_of(a, defs) for a in typing.get_args(tp)]}
    return {"type": {str: "string", int: "integer", float: "number", bool: "boolean"}[tp]}


def record_schema(cls, defs: dict) -> dict:
    hints = _hints(cls)
    props, required = {}, []
    for f in dataclasses.fields(cls):
        key = f.metadata.get("json", f.name)
        props[key] = _schema_of(hints[f.name], defs)
        if f.default is not ABSENT:
            required.append(key)
    out = {"type": "object", "properties": props, "required": sorted(required),
           "additionalProperties": False}
    doc = (cls.__doc__ or "").strip().splitlines()
    if doc:
        out["description"] = doc[0]
    return out


def block_schema(cls, defs: dict) -> dict:
    """An open object: the declared keys' types (each may be null), any other key allowed."""
    props = {}
    for key, tp in cls.declared().values():
        inner, _nullable = _split_optional(tp)
        s = _schema_inner(inner, defs)
        props[key] = s if s == {} else {"anyOf": [s, {"type": "null"}]}
    out = {"type": "object", "properties": dict(sorted(props.items())), "additionalProperties": True}
    doc = (cls.__doc__ or "").strip().splitlines()
    if doc:
        out["description"] = doc[0]
    return out


def json_schema(root: type, title: str, schema_id: str) -> dict:
    defs: dict = {}
    top = record_schema(root, defs)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": schema_id, "title": title,
            **top, "$defs": dict(sorted(defs.items()))}
