"""Validation of portfolio.json and portfolio.anchors.json against their committed JSON Schemas
(forensics_app/data/schema/portfolio*.schema.json, generated from core/portfolio_model.py).

The batch validates both before writing them, so a portfolio that breaks the published contract
is never produced silently: the run fails with :class:`PortfolioInvalid`.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..errors import ForensicsError, phrase, quoted
from ..i18n import N_

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "schema"
PORTFOLIO_SCHEMA = SCHEMA_DIR / "portfolio.schema.json"
ANCHORS_SCHEMA = SCHEMA_DIR / "portfolio-anchors.schema.json"


class PortfolioInvalid(ForensicsError):
    """A portfolio or its anchors do not match their schema (a bug in the app, not in the evidence)."""


@lru_cache(maxsize=2)
def _validator(path: Path):
    import jsonschema
    schema = json.loads(path.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _errors(path: Path, data) -> list[str]:
    out = []
    for e in sorted(_validator(path).iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        where = "/".join(map(str, e.absolute_path)) or "(top level)"
        out.append(f"{where}: {e.message[:300]}")
    return out


def portfolio_errors(data) -> list[str]:
    """Every way ``data`` breaks the portfolio schema, one line each (empty: valid)."""
    return _errors(PORTFOLIO_SCHEMA, data)


def anchors_errors(data) -> list[str]:
    return _errors(ANCHORS_SCHEMA, data)


# the files the schemas describe, as the message names them
_FILES = {"portfolio.schema.json": N_("portfolio"), "portfolio-anchors.schema.json": N_("portfolio-anchors")}


def _check(errors: list[str], what: Path) -> None:
    if errors:
        more = phrase(N_(" (and {n} more)"), n=len(errors) - 3) if len(errors) > 3 else ""
        raise PortfolioInvalid(N_("the {what} does not match {schema}: {errors}{more}"),
                               what=phrase(_FILES.get(what.name, what.name)), schema=what.name,
                               errors=quoted("; ".join(errors[:3])), more=more)


def check_portfolio(data) -> None:
    _check(portfolio_errors(data), PORTFOLIO_SCHEMA)


def check_anchors(data) -> None:
    _check(anchors_errors(data), ANCHORS_SCHEMA)
