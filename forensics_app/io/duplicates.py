"""The same evidence never counts twice.

Refused (the manifest is wrong, nothing is analysed): the same path or folder listed twice (after
normalising ``./`` and trailing ``/``), a folder listed inside another listed folder, and the ID
photo among the frames (by path, byte-identical under another name, or re-encoded, resized or
slightly cropped: an image-identity test, :mod:`forensics_app.core.sameimage`, never a face
comparison, so a live capture of the same person is not refused).

Used once and reported (``Case.duplicates``, in results.json ``media.duplicates`` and the report):
byte-identical files under two names within the same role: frames repeating within one capture or
across two captures, the same video, log or document delivered twice. Repeats are never refused.
"""

from __future__ import annotations

from pathlib import Path

from ..core.hashing import sha256_file
from ..errors import InputError
from ..i18n import N_

MANIFEST = "case.json"


def check_overlaps(root: Path, items) -> None:
    where = root / MANIFEST
    folders = [i for i in items if i.role == "stm_frames"]
    ids = [i for i in items if i.role == "id_photo"]
    for f in folders:
        for i in ids:
            if i.rel in f.members:
                raise InputError(where, N_("the ID photo '{rel}' is among the frames of '{rel2}': it would be compared with itself"),
                                        rel=i.rel, rel2=f.rel)
    for a in folders:
        for b in items:
            if a is b:
                continue
            inside = b.rel.startswith(a.rel + "/") or a.rel in (".", "")
            if (b.role == "stm_frames" and (inside or a.rel.startswith(b.rel + "/"))) or b.rel in a.members:
                raise InputError(where, N_("{role} '{rel}' overlaps the stm_frames folder '{rel2}': overlapping folders would count "
                                           "the same files twice"),
                                        role=b.role, rel=b.rel, rel2=a.rel)


def find_duplicates(root: Path, items) -> list[dict]:
    """Mark repeats (byte-identical files) so they are used once; refuse the ID photo among frames."""
    where = root / MANIFEST
    ids = [i for i in items if i.role == "id_photo" and i.path.is_file()]
    id_hashes = {sha256_file(i.path): i.rel for i in ids}
    dups: list[dict] = []
    seen: dict[str, tuple[str, str]] = {}         # sha256 -> (first path, capture)
    for item in items:
        if item.role != "stm_frames":
            continue
        used = []
        for m in item.members:
            h = sha256_file(root / m)
            if h in id_hashes:
                raise InputError(where, N_("frame '{m}' is byte-identical to the ID photo '{id_hashes}': the ID photo is among the "
                                           "frames and would be compared with itself"),
                                        m=m, id_hashes=id_hashes[h])
            if h in seen:
                first, capture = seen[h]
                dups.append({"path": m, "same_as": first, "sha256": h, "role": "stm_frames",
                             "kind": "repeated within one capture" if capture == item.rel
                             else "repeated in another capture"})
                continue
            seen[h] = (m, item.rel)
            used.append(m)
        item.used = used
    by_role: dict[tuple[str, str], str] = {}
    for item in items:
        if item.role in ("stm_frames", "id_photo") or not item.path.is_file():
            continue
        h = sha256_file(item.path)
        if item.role in ("stm_video", "branch_video") and h in id_hashes:
            raise InputError(where, N_("'{rel}' is byte-identical to the ID photo"), rel=item.rel)
        key = (item.role, h)
        if key in by_role:
            item.duplicate_of = by_role[key]
            dups.append({"path": item.rel, "same_as": by_role[key], "sha256": h, "role": item.role,
                         "kind": "same file delivered twice"})
        else:
            by_role[key] = item.rel
    return dups


def refuse_id_photo_copy(root: Path, id_rel: str, id_rgb, frame_rel: str, frame_rgb) -> None:
    """Refuse a frame that is a copy of the ID photo (re-encoded, resized, grey-scaled or cropped by
    up to 15 % a side): it would be compared with itself."""
    from ..core.sameimage import same_image
    r = same_image(id_rgb, frame_rgb)
    if r.same:
        raise InputError(root / frame_rel, N_("frame '{frame_rel}' is a copy of the ID photo '{id_rel}' (re-encoded, resized or "
                                              "cropped: grey-level correlation {ncc:.3f}, band-pass {band:.3f}): the ID photo is among "
                                              "the frames and would be compared with itself"),
                                           frame_rel=frame_rel, id_rel=id_rel, ncc=r.ncc, band=r.band)
