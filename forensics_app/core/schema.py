"""Validation of results.json against the committed JSON Schema
(forensics_app/data/schema/results.schema.json, generated from core/model.py).

Every analysis is validated before it is saved or written, so a results file that breaks the
published contract is never produced silently: the run fails with :class:`ResultsInvalid`.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..errors import ForensicsError, phrase, quoted
from ..i18n import N_

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "data" / "schema" / "results.schema.json"


class ResultsInvalid(ForensicsError):
    """The results do not match the results schema (a bug in the app, not in the evidence)."""


@lru_cache(maxsize=1)
def _validator():
    import jsonschema
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def schema_errors(results: dict) -> list[str]:
    """Every way ``results`` breaks the schema, one line each (empty: valid)."""
    out = []
    for e in sorted(_validator().iter_errors(results), key=lambda e: list(map(str, e.absolute_path))):
        where = "/".join(map(str, e.absolute_path)) or "(top level)"
        out.append(f"{where}: {e.message[:300]}")
    return out


def validate_results(results: dict, source: str = "results") -> None:
    errors = schema_errors(results)
    if errors:
        more = phrase(N_(" (and {n} more)"), n=len(errors) - 3) if len(errors) > 3 else ""
        raise ResultsInvalid(N_("{source} do not match {schema}: {errors}{more}"), source=phrase(N_("results")) if source == "results" else source,
                             schema=SCHEMA_PATH.name, errors=quoted("; ".join(errors[:3])), more=more)
