"""Opening a case folder: the manifest, its schema, and the evidence files it names.

Nothing here writes anything. Every refusal is an :class:`InputError` naming the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path, PurePosixPath

import jsonschema

from ..errors import InputError, literal, phrase, quoted
from .images import IMAGE_SUFFIXES, Limits, check_size
from .filekind import VIDEO_KINDS, is_still, sniff_file

MANIFEST = "case.json"
ROLES = ("id_photo", "stm_frames", "stm_video", "transaction_log", "branch_video", "document")
from .video import VIDEO_EXTS as VIDEO_SUFFIXES  # noqa: E402
from ..i18n import N_


def load_schema() -> dict:
    return json.loads((files("forensics_app") / "data/schema/case.schema.json").read_text("utf-8"))


@dataclass
class EvidenceItem:
    role: str
    rel: str                      # as written in the manifest
    path: Path                    # absolute
    attrs: dict = field(default_factory=dict)
    members: list[str] = field(default_factory=list)   # frames of a stm_frames folder (relative)
    used: list[str] | None = None          # members analysed (repeats of an earlier frame left out)
    duplicate_of: str | None = None        # a byte-identical copy of this earlier item: not used again


@dataclass
class Case:
    root: Path
    manifest: dict
    items: list[EvidenceItem]
    duplicates: list[dict] = field(default_factory=list)   # repeats used once (see io/duplicates.py)

    @property
    def case_id(self) -> str:
        return self.manifest["case_id"]

    @property
    def language(self) -> str:
        return self.manifest.get("language", "zh" if self.is_chinese else "en")

    @property
    def is_chinese(self) -> bool:
        m = self.manifest
        if m.get("language") == "zh":
            return True
        tz = m.get("timezone") or next((i.attrs.get("timezone") for i in self.items
                                        if i.attrs.get("timezone")), "")
        return tz in ("Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "Asia/Urumqi", "PRC")

    @property
    def timezone(self) -> str:
        return self.manifest.get("timezone") or "Asia/Shanghai"

    @property
    def records(self) -> dict:
        return self.manifest.get("records") or {}

    def role(self, role: str) -> list[EvidenceItem]:
        """The items of a role, each file once (byte-identical copies are in ``duplicates``)."""
        return [i for i in self.items if i.role == role and i.duplicate_of is None]

    def frame_paths(self) -> list[tuple[str, Path]]:
        out = []
        for item in self.role("stm_frames"):
            out += [(rel, self.root / rel) for rel in (item.members if item.used is None else item.used)]
        return out

    def evidence_files(self) -> list[tuple[str, str]]:
        """Every file in the case folder, relative, with the role that names it ('unreferenced')."""
        named: dict[str, str] = {MANIFEST: "manifest"}
        for item in self.items:
            if item.members:
                for m in item.members:
                    named[m] = item.role
            else:
                named[item.rel] = item.role
        for rec in self.records.values():
            if isinstance(rec, dict) and isinstance(rec.get("source"), str):
                named.setdefault(rec["source"], "record_source")
        out = []
        for rel in list_tree(self.root):
            out.append((rel, named.get(rel, "unreferenced")))
        return out


def list_tree(root: Path, scope=None) -> list[str]:
    """All regular files below root, relative with '/', sorted. Links are checked, not followed out."""
    out = []
    for p in sorted(root.rglob("*")):
        if p.is_symlink():
            safe_path(root, p.relative_to(root).as_posix(), what=phrase(N_("file")), scope=scope)
        if p.is_file():
            out.append(p.relative_to(root).as_posix())
    return out


def safe_path(root: Path, rel: str, what=None, scope=None) -> Path:
    """Resolve a manifest path, refusing anything that leaves the case folder. ``what`` and
    ``scope`` name the path and the folder in the message (catalogue phrases or names)."""
    what = what or phrase(N_("path"))
    scope = scope or phrase(N_("the case folder"))
    where = root / MANIFEST
    if not isinstance(rel, str) or not rel:
        raise InputError(where, N_("{what} must be a non-empty relative path"), what=what)
    if "\\" in rel:
        raise InputError(where, N_("{what} '{rel}' uses '\\'; paths in case.json use '/'"), what=what, rel=rel)
    pp = PurePosixPath(rel)
    if pp.is_absolute() or (len(rel) > 1 and rel[1] == ":"):
        raise InputError(where, N_("{what} '{rel}' is absolute; paths must be relative to the case folder"),
                                what=what, rel=rel)
    if ".." in pp.parts:
        raise InputError(where, N_("{what} '{rel}' contains '..' and would leave the case folder"), what=what,
                                rel=rel)
    full = root / rel
    try:
        resolved = full.resolve(strict=False)
    except RuntimeError:            # Python 3.11 reports a symlink loop this way
        raise InputError(full, N_("is a symbolic-link loop")) from None
    except OSError as exc:
        raise InputError(full, N_("cannot resolve path: {reason}"), reason=quoted(exc.strerror or exc)) from None
    if not resolved.is_relative_to(root.resolve()):
        raise InputError(full, N_("is a link that points outside {scope}"), scope=scope)
    return full


def read_manifest(root: Path) -> dict:
    path = root / MANIFEST
    if not root.exists():
        raise InputError(root, N_("case folder does not exist"))
    if not root.is_dir():
        raise InputError(root, N_("is not a folder (a case is a folder with case.json)"))
    if not path.is_file():
        raise InputError(path, N_("missing: a case folder needs a case.json manifest"))
    raw = path.read_bytes()
    if not raw.strip():
        raise InputError(path, N_("file is empty"))
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        from .logtext import utf16_codec
        wide = utf16_codec(raw)
        seen = ("UTF-16" if wide and _decodes(raw[wide[1]:], wide[0])
                else "GBK" if not wide and _decodes(raw, "gb18030") else None)
        if seen:               # Windows Notepad's "Unicode" and "ANSI" (GBK on a Chinese system)
            raise InputError(path, N_("is {encoding} text, not UTF-8: save it again as UTF-8"), encoding=seen) from None
        raise InputError(path, N_("is not UTF-8 text")) from None
    except json.JSONDecodeError as exc:
        raise InputError(path, N_("invalid JSON at line {lineno} column {colno}: {msg}"), lineno=exc.lineno,
                               colno=exc.colno, msg=quoted(exc.msg)) from None
    except RecursionError:
        raise InputError(path, N_("JSON is nested too deeply to read")) from None
    validator = jsonschema.Draft202012Validator(load_schema())
    try:
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    except RecursionError:
        raise InputError(path, N_("JSON is nested too deeply to check")) from None
    if errors:
        e = errors[0]
        where = "/".join(str(p) for p in e.absolute_path) or "(top level)"
        raise InputError(path, N_("does not match the case schema at {where}: {reason}"), where=where,
                               reason=quoted(_short(e)))
    return data


def _decodes(raw: bytes, codec: str) -> bool:
    """Whether the bytes are a JSON document in this encoding (so the message can name it)."""
    try:
        json.loads(raw.decode(codec))
        return True
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False


def _short(e: jsonschema.ValidationError) -> str:
    if e.validator == "enum":
        return f"{e.instance!r} is not one of {', '.join(map(str, e.validator_value))}"
    return e.message


def validate_media(case: Case, limits: Limits) -> None:
    """Decode every image and video once, so bad media is refused before anything is written."""
    from .duplicates import refuse_id_photo_copy
    from .images import read_image
    from .video import probe_video
    id_item = next(i for i in case.items if i.role == "id_photo")
    id_rgb, _ = read_image(id_item.path, limits)
    for item in case.items:
        if item.role == "stm_frames":
            for m in item.members:
                rgb, _ = read_image(case.root / m, limits)
                refuse_id_photo_copy(case.root, id_item.rel, id_rgb, m, rgb)
        elif item.role in ("stm_video", "branch_video"):
            probe_video(item.path, limits)


MAX_TEXT = 10_000      # characters in any one manifest string (a name, a title, a description)


def _check_strings(obj, where: Path, at: str = "") -> None:
    if isinstance(obj, str):
        if len(obj) > MAX_TEXT:
            raise InputError(where, N_("{value} is {n} characters long, over the limit of {MAX_TEXT}"),
                                    value=quoted(at) if at else phrase(N_("a value")), n=len(obj), MAX_TEXT=MAX_TEXT)
        if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in obj):
            raise InputError(where, N_("{value} contains control characters"),
                                    value=quoted(at) if at else phrase(N_("a value")))
    elif isinstance(obj, dict):
        for k, v in obj.items():
            _check_strings(k, where, at)
            _check_strings(v, where, f"{at}/{k}" if at else str(k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            _check_strings(v, where, f"{at}/{i}")


def _check_case_id(case_id: str, where: Path) -> None:
    """A case id binds a workspace and names reports: no invisible characters, one normal form."""
    import unicodedata
    bad = [ch for ch in case_id if unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cn", "Zl", "Zp")]
    if bad:
        raise InputError(where, N_("case_id {case_id} contains an invisible character (U+{value:04X})"),
                                case_id=ascii(case_id), value=ord(bad[0]))
    if unicodedata.normalize("NFC", case_id) != case_id or case_id != case_id.strip():
        raise InputError(where, N_("case_id {case_id} is not in Unicode normal form NFC or has spaces at its ends"),
                                case_id=ascii(case_id))


def _check_record_dates(manifest: dict, where: Path) -> None:
    """Dates in records (``*_at``) must be ISO dates the rules can place on the timeline."""
    import datetime as dt
    for name, rec in (manifest.get("records") or {}).items():
        if not isinstance(rec, dict):
            continue
        for k, v in rec.items():
            if not k.endswith("_at") or not isinstance(v, str):
                continue
            try:
                t = dt.datetime.fromisoformat(v)
            except ValueError:
                raise InputError(where, N_("records.{name}.{k} {v} is not an ISO date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)"),
                                        name=name, k=k, v=literal(v[:40])) from None
            if not 1900 <= t.year <= 2100:
                raise InputError(where, N_("records.{name}.{k} {v} has year {year}, outside 1900–2100"),
                                        name=name, k=k, v=literal(v[:40]), year=t.year)


def _check_zones(manifest: dict, where: Path) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
    zones = [(phrase(N_("timezone")), manifest.get("timezone"))] + [
        (phrase(N_("evidence {path} timezone"), path=e.get("path")), e.get("timezone")) for e in manifest["evidence"]]
    for what, tz in zones:
        if tz is None:
            continue
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            raise InputError(where, N_("{what} {tz} is not a known time zone (e.g. Asia/Shanghai)"), what=what,
                                    tz=literal(str(tz)[:60])) from None


def load_case(root: str | Path, limits: Limits = Limits(), validate: bool = True,
              must_exist: bool = True) -> Case:
    """Read and check a case folder. Raises InputError on anything a court would query."""
    root = Path(root).absolute()
    manifest = read_manifest(root)
    items = []
    seen: set[str] = set()
    _check_strings(manifest, root / MANIFEST)
    _check_case_id(manifest["case_id"], root / MANIFEST)
    _check_zones(manifest, root / MANIFEST)
    _check_record_dates(manifest, root / MANIFEST)
    if manifest.get("reference_population") is not None:
        from .calibrations import check_name, for_population
        check_name(manifest["reference_population"], root / MANIFEST)
        try:                                  # a population needs a calibration for every algorithm
            for_population(manifest["reference_population"])
        except InputError as exc:
            raise InputError(root / MANIFEST, exc.template, **exc.params) from None
    for entry in manifest["evidence"]:
        role = entry["role"]
        safe_path(root, entry["path"], what=phrase(N_("{role} path"), role=role))
        rel = PurePosixPath(entry["path"]).as_posix().rstrip("/")     # './stm/frames/' -> 'stm/frames'
        full = safe_path(root, rel, what=phrase(N_("{role} path"), role=role))
        if rel in seen:
            raise InputError(root / MANIFEST, N_("path '{rel}' is listed twice"), rel=rel)
        seen.add(rel)
        attrs = {k: v for k, v in entry.items() if k not in ("role", "path")}
        item = EvidenceItem(role, rel, full, attrs)
        if not full.exists():
            if must_exist:
                raise InputError(full, N_("missing: case.json names it as {role}"), role=role)
            items.append(item)     # verify reports it as missing
            continue
        if role == "stm_frames":
            if not full.is_dir():
                raise InputError(full, N_("stm_frames must be a folder of still images"))
            item.members = [m for m in list_tree(full, phrase(N_("the stm_frames folder '{rel}'"), rel=rel))
                            if is_still(full / m, IMAGE_SUFFIXES)]       # by extension or by content
            item.members = [f"{rel.rstrip('/')}/{m}" for m in item.members]
            if not item.members:
                raise InputError(full, N_("stm_frames folder holds no image files"))
            for m in item.members:
                check_size(root / m, limits)
        else:
            if not full.is_file():
                raise InputError(full, N_("{role} must be a file, not a folder"), role=role)
            check_size(full, limits)
            if role == "id_photo" and not is_still(full, IMAGE_SUFFIXES):
                raise InputError(full, N_("id_photo must be an image ({names})"),
                                       names=', '.join(sorted(IMAGE_SUFFIXES)))
            if role in ("stm_video", "branch_video") and full.suffix.lower() not in VIDEO_SUFFIXES \
                    and sniff_file(full) not in VIDEO_KINDS:
                raise InputError(full, N_("{role} must be a video ({names})"), role=role,
                                       names=', '.join(sorted(VIDEO_SUFFIXES)))
        items.append(item)
    n_id = sum(1 for i in items if i.role == "id_photo")
    if n_id != 1:
        raise InputError(root / MANIFEST, N_("exactly one id_photo is required, found {n_id}"), n_id=n_id)
    for name, rec in (manifest.get("records") or {}).items():
        if isinstance(rec, dict) and isinstance(rec.get("source"), str):
            safe_path(root, rec["source"], what=f"records.{name}.source")
    for rel in (manifest.get("records", {}).get("bank_claims", {}).get("declared_hashes") or {}):
        safe_path(root, rel, what=phrase(N_("declared_hashes path")))
    from .duplicates import check_overlaps, find_duplicates
    check_overlaps(root, items)
    case = Case(root, manifest, items, find_duplicates(root, items) if must_exist else [])
    case.evidence_files()  # checks links anywhere in the tree
    if validate and must_exist:
        validate_media(case, limits)
    return case


def unknown_keys(manifest: dict) -> list[tuple[str, str | None]]:
    """Keys of case.json (top level and ``records``) this version does not read, each with the
    nearest known key when one is close (a misspelled ``bank_claim`` would otherwise be ignored
    without a word, and the checks that read ``bank_claims`` then find nothing)."""
    import difflib
    schema = load_schema()
    out = []
    levels = [("", manifest, schema.get("properties", {}))]
    recs = manifest.get("records")
    if isinstance(recs, dict):
        levels.append(("records.", recs, schema["properties"].get("records", {}).get("properties", {})))
    for prefix, obj, known in levels:
        if not isinstance(obj, dict) or not known:
            continue
        for key in obj:
            if key not in known:
                near = difflib.get_close_matches(str(key), list(known), n=1, cutoff=0.75)
                out.append((prefix + str(key), prefix + near[0] if near else None))
    return out
