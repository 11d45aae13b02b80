"""Shipped and lab-made calibrations (JSON files of fitted numbers, never images).

A calibration is chosen only by NAME: one of the shipped set, or one installed into the user
calibration folder with ``forensics-app calibrate`` (which never overwrites without --replace).
A path, or any name outside ``NAME_RE``, is refused, so case.json cannot point the analysis at a
crafted file. A shipped name always means the shipped file: an installed file of the same name is
never used. Every loaded calibration carries the SHA-256 of its file (``sha256``) and where it came
from (``origin``), which go into results.json and the report.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from importlib.resources import files
from pathlib import Path

from ..core import caldesc
from ..core.lr import Calibration
from ..errors import InputError, literal, quoted
from ..i18n import N_

SHIPPED_DIR = "data/calibrations"
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
BASES = ("east_asian", "general")
VENDOR_FMRS = (1e-2, 1e-3, 1e-4)
DEFAULT_VENDOR_FMR = 1e-3
PROTOCOLS = ("chip", "photo")        # chip photo vs capture (default), photo vs photo
ALGORITHMS = ("sface", "dlib")       # primary first
CHINESE_TZ = ("Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "Asia/Urumqi", "Asia/Hong_Kong",
              "Asia/Macau", "Asia/Taipei")


def user_dir() -> Path:
    return Path(os.environ.get("FORENSICS_CALIBRATIONS",
                               Path.home() / ".local/share/forensics-app/calibrations"))


def _shipped() -> set[str]:
    d = files("forensics_app") / SHIPPED_DIR
    return {p.name[:-5] for p in d.iterdir() if p.name.endswith(".json")
            and p.name not in ("exclusions.json", "summary.json")}


SHIPPED = tuple(sorted(_shipped()))


def available() -> list[str]:
    names = set(SHIPPED)
    if user_dir().is_dir():
        names |= {p.stem for p in user_dir().glob("*.json") if NAME_RE.match(p.stem)}
    return sorted(names)


def check_name(name, where=None) -> str:
    if not isinstance(name, str) or not NAME_RE.match(name):
        raise InputError(where, N_("calibration {name} is not a calibration name: calibrations are chosen by name only "
                                   "(letters, digits, '_' and '-'), never by path; available: {names}"),
                                name=literal(str(name)[:80]), names=', '.join(available()))
    return name


def check_name_ok(name) -> bool:
    return isinstance(name, str) and bool(NAME_RE.match(name))


def load(name: str, where=None) -> Calibration:
    """The named calibration, with ``sha256`` (of its file) and ``origin`` set."""
    check_name(name, where)
    if name in SHIPPED:
        p = files("forensics_app") / f"{SHIPPED_DIR}/{name}.json"
        origin = "shipped"
    else:
        p = user_dir() / f"{name}.json"
        origin = "installed"
        if not p.is_file():
            raise InputError(where, N_("unknown calibration '{name}'; available: {names}"), name=name,
                                    names=', '.join(available()))
    try:
        raw = p.read_bytes()
        cal = Calibration.from_dict(json.loads(raw.decode("utf-8")))
    except (KeyError, ValueError, TypeError, RecursionError) as exc:
        raise InputError(p, N_("calibration file is damaged ({error}: {reason})"),
                            error=quoted(type(exc).__name__), reason=quoted(str(exc)[:80])) from None
    except OSError as exc:
        raise InputError(p, N_("cannot read calibration: {reason}"), reason=quoted(exc.strerror or exc)) from None
    if cal.name != name:
        raise InputError(p, N_("calibration file names itself '{name}', not '{name2}'"), name=cal.name,
                            name2=name)
    cal.sha256 = hashlib.sha256(raw).hexdigest()
    cal.origin = origin
    # what its description may say: a shipped file's messages; an installed file's own words, quoted
    for k, v in caldesc.trusted(cal.as_dict(), origin, cal.algorithm).items():
        setattr(cal, k, v)
    return cal


def file_text(cal: Calibration) -> str:
    """The calibration as recorded in the workspace (its fitted numbers, without the hash fields)."""
    return json.dumps({k: v for k, v in cal.as_dict().items() if k not in ("sha256", "origin")},
                      sort_keys=True, ensure_ascii=False)


def fmr_key(fmr: float) -> str:
    return f"vendor_fmr_{fmr:.0e}".replace("e-0", "e-")


def default_population(manifest: dict, is_chinese: bool) -> dict:
    """The case's default population: its base (case.json, else from the case's context) restricted
    to people who pass the bank's face check at the declared false-match rate (else 1 in 1,000)."""
    base, why = choose(None, manifest, is_chinese)
    base_from = ("case" if manifest.get("reference_population") else "chinese_case" if is_chinese else "not_chinese")
    fmr = (manifest.get("records", {}).get("bank_claims") or {}).get("vendor_fmr")
    if isinstance(fmr, (int, float)) and not isinstance(fmr, bool) and 0 < fmr < 1:
        level = min(VENDOR_FMRS, key=lambda x: abs(math.log10(x) - math.log10(fmr)))
        fwhy = (f"the bank declared a false-match rate of {fmr:g} (bank_claims.vendor_fmr)"
                + ("" if level == fmr else f"; the nearest shipped level is {level:g}"))
        fmr_from = "declared" if level == fmr else "declared_nearest"
    else:
        level, fmr, fmr_from = DEFAULT_VENDOR_FMR, None, "default"
        fwhy = (f"the bank declared no false-match rate (bank_claims.vendor_fmr), so the documented "
                f"default {level:g} is used")
    key = f"{base}_{fmr_key(level)}" if base in BASES else base
    reason = (f"base population {base}: {why}; restricted to people who would pass the bank's face "
              f"check because the capture passed it: {fwhy}") if base in BASES else why
    # the same reason as codes, so the report and the desk can state it in the reader's language
    basis = {"chosen_by": "case_default", "base_from": base_from,
             "vendor_fmr_from": fmr_from if base in BASES else None, "declared_vendor_fmr": fmr}
    return {"key": key, "base": base, "vendor_fmr": level if base in BASES else None, "reason": reason,
            "basis": basis}


def populations() -> list[str]:
    """Population keys that have a calibration for every algorithm (chip-photo protocol)."""
    names = set(available())
    keys = {n[len("sface_chip_"):] for n in names if n.startswith("sface_chip_")}
    return sorted(k for k in keys if all(f"{a}_chip_{k}" in names for a in ALGORITHMS))


def primary(key: str, protocol: str = "chip") -> Calibration:
    """The primary algorithm's calibration for a population (what its LR is reported with)."""
    return for_population(key, protocol)[ALGORITHMS[0]]


def choose_population(requested: str | None, reason: str | None, manifest: dict, is_chinese: bool) -> dict:
    """The population for this run: the case's default, or the examiner's choice with its reason.
    The command line refuses another population without a reason; a caller that has none (an older
    settings file) gets the choice recorded with a warning that no reason was given."""
    dflt = default_population(manifest, is_chinese)
    warnings = []
    if requested and requested != dflt["key"]:
        base = requested.split("_vendor_fmr_")[0]
        fmr = float(requested.split("_vendor_fmr_")[1]) if "_vendor_fmr_" in requested else None
        why = reason.strip() if reason and reason.strip() else "no reason was given"
        if why == "no reason was given":
            warnings.append(f"The population differs from the case's default '{dflt['key']}' and no reason was "
                            "recorded for the choice.")
        out = {"key": requested, "base": base, "vendor_fmr": fmr,
               "reason": f"chosen by the examiner instead of the default '{dflt['key']}': {why}",
               "default": dflt["key"],
               "basis": {"chosen_by": "examiner", "examiner_reason": why if reason and reason.strip() else None}}
    else:
        out = dflt | {"default": dflt["key"]}
    out["warnings"] = warnings
    if is_chinese and out["base"] == "general":
        out["warnings"].append("A general (mostly Western) calibration is used on a Chinese case: it was not "
                               "validated on East Asian faces (with dlib it overstates the evidence for different "
                               "East Asian people several-fold; see docs/face-comparison.md).")
    return out


def for_population(key: str, protocol: str = "chip") -> dict[str, Calibration]:
    """One calibration per algorithm (primary first) for a population key and protocol."""
    if protocol not in PROTOCOLS:
        raise InputError(None, N_("unknown calibration protocol '{protocol}'; use chip or photo"),
                               protocol=protocol)
    if protocol == "photo" and "_vendor_fmr_" in key:
        raise InputError(None, N_("vendor-check populations exist only for the chip-photo protocol"))
    check_name(key)
    names = {alg: f"{alg}_{protocol}_{key}" for alg in ALGORITHMS}
    if not all(check_name_ok(n) for n in names.values()):
        raise InputError(None, N_("population {key} is not a calibration name (too long)"),
                               key=literal(key[:80]))
    missing = [n for n in names.values() if n not in available()]
    if missing:
        raise InputError(None, N_("unknown calibration '{key}': no {names} for this population; populations: {names2}"),
                               key=key, names=' / '.join(missing), names2=', '.join(populations()))
    return {alg: load(n) for alg, n in names.items()}


def other_populations(pop: dict, protocol: str = "chip") -> dict[str, list]:
    """Per algorithm, (role, population key, calibration) of the populations whose LR is given beside
    the chosen one's: the case's default when the examiner chose another (``default``), and the base
    population without the vendor-check restriction (``unrestricted``: used only when the questioned
    pair fails the check, core/lrscope.py)."""
    roles = []
    if pop.get("default") and pop["default"] != pop["key"]:
        roles.append(("default", pop["default"]))
    if pop.get("vendor_fmr") and pop.get("base") in BASES and protocol == "chip":
        roles.append(("unrestricted", pop["base"]))
    out: dict[str, list] = {}
    for role, key in roles:
        if protocol != "chip" and "_vendor_fmr_" in key:      # vendor-check populations are chip-photo only
            continue
        for alg, cal in for_population(key, protocol).items():
            out.setdefault(alg, []).append((role, key, cal))
    return out


def choose(requested: str | None, manifest: dict, is_chinese: bool) -> tuple[str, str]:
    """(calibration name, how it was chosen)."""
    if requested:
        return check_name(requested), "requested for this run"
    if manifest.get("reference_population"):
        return manifest["reference_population"], "case.json reference_population"
    if is_chinese:
        return "east_asian", "not stated in case.json; the case is Chinese (language/timezone), so east_asian"
    return "general", "not stated in case.json and no sign of a Chinese case, so general"


def install_target(name: str, out_dir: Path | None = None, replace: bool = False) -> Path:
    """Where ``calibrate`` will write; checked BEFORE any photo is read."""
    check_name(name)
    if name in SHIPPED:
        raise InputError(None, N_("'{name}' is a shipped calibration; choose another name"), name=name)
    d = Path(out_dir) if out_dir else user_dir()
    if d.exists() and not d.is_dir():
        raise InputError(d, N_("calibration folder is a file, not a folder"))
    p = d / f"{name}.json"
    if p.exists() and not replace:
        raise InputError(p, N_("a calibration of this name is already installed; pass --replace to overwrite it"))
    return p


def save(cal: Calibration, out_dir: Path | None = None, replace: bool = False) -> Path:
    p = install_target(cal.name, out_dir, replace)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_name(f".{p.name}.tmp")
    try:
        tmp.write_text(json.dumps(cal.as_dict(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
        tmp.replace(p)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(p, N_("cannot write: {reason}"), reason=quoted(exc.strerror or exc)) from None
    return p
