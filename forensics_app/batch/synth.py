"""Synthetic backlogs for tests and benchmarks: case folders written from given face images.

Claimants' names, ID numbers (valid check digits, fictitious) and phone numbers are invented
here; the images are whatever the caller passes (our own public-domain demo material in the
benchmark, ../shared/data faces in tests, never copied into the project).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
from PIL import Image

from ..core.identifiers import id_check_digit


def fictitious_id(n: int, birth: str = "19900101") -> str:
    body = f"110101{birth}{n % 1000:03d}"
    return body + id_check_digit(body)


def fictitious_phone(n: int) -> str:
    return f"139{n % 100_000_000:08d}"


def write_case(folder: Path, case_id: str, *, name: str, id_number: str, phone: str,
               id_photo: np.ndarray, frames: list[np.ndarray], log_rows: list[dict],
               terminal_id: str = "STM-0001", telecom_phone: str | None = None,
               population: str = "east_asian") -> Path:
    """A case folder as a bank would deliver it (id photo, STM stills, a CSV log, case.json)."""
    folder = Path(folder)
    (folder / "id").mkdir(parents=True, exist_ok=True)
    (folder / "stm" / "frames").mkdir(parents=True, exist_ok=True)
    (folder / "logs").mkdir(parents=True, exist_ok=True)
    Image.fromarray(id_photo).save(folder / "id" / "id_photo.jpg", quality=90)
    for i, f in enumerate(frames, 1):
        Image.fromarray(f).save(folder / "stm" / "frames" / f"{i:04d}.jpg", quality=90)
    fields = ["time", "serial", "terminal_id", "channel", "event", "account", "phone", "device_id", "ip", "result"]
    with open(folder / "logs" / "transactions.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        for k, row in enumerate(log_rows, 1):
            w.writerow({"serial": f"SN{case_id}-{k:04d}", "result": "success"} | row)
    records = {}
    if telecom_phone:
        records["telecom_record"] = {"phone": telecom_phone, "registered_to_claimant": False}
    manifest = {
        "format": "forensics-case/1", "case_id": case_id, "title": "Synthetic backlog case",
        "language": "en", "timezone": "Asia/Shanghai", "reference_population": population,
        "claimant": {"name": name, "id_number": id_number, "phone": phone},
        "bank": {"name": "Synthetic Bank", "branch": "Test branch"},
        "evidence": [{"role": "id_photo", "path": "id/id_photo.jpg"},
                     {"role": "stm_frames", "path": "stm/frames", "terminal_id": terminal_id},
                     {"role": "transaction_log", "path": "logs/transactions.csv", "timezone": "Asia/Shanghai"}],
        "records": records,
    }
    (folder / "case.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return folder


def stm_rows(when: str, terminal: str, account: str, phone: str, device: str, ip: str, day2: str) -> list[dict]:
    """Account opening at a terminal, then a mobile login and loan from a device (a typical fraud path)."""
    return [
        {"time": f"{when}:00", "terminal_id": terminal, "channel": "STM", "event": "open_account",
         "account": account, "phone": phone},
        {"time": f"{when}:40", "terminal_id": terminal, "channel": "STM", "event": "face_verify",
         "account": account, "phone": phone},
        {"time": f"{day2} 21:04:33", "channel": "mobile", "event": "login", "account": account, "phone": phone,
         "device_id": device, "ip": ip},
        {"time": f"{day2} 21:07:48", "channel": "mobile", "event": "loan_apply", "account": account,
         "phone": phone, "device_id": device, "ip": ip},
    ]


def on_background(face: np.ndarray, size=(480, 360), offset=(0, 0), gain: float = 1.0,
                  seed: int = 0) -> np.ndarray:
    """A face photo placed on a grey STM-like frame with sensor noise (our own rendering)."""
    rng = np.random.default_rng(seed)
    w, h = size
    canvas = np.full((h, w, 3), 118, np.float64)
    fh, fw = face.shape[:2]
    scale = min(0.8 * h / fh, 0.8 * w / fw, 1.6)
    im = np.asarray(Image.fromarray(face).resize((int(fw * scale), int(fh * scale)), Image.BILINEAR), float)
    y0 = (h - im.shape[0]) // 2 + offset[1]
    x0 = (w - im.shape[1]) // 2 + offset[0]
    y0, x0 = max(0, min(h - im.shape[0], y0)), max(0, min(w - im.shape[1], x0))
    canvas[y0:y0 + im.shape[0], x0:x0 + im.shape[1]] = im * gain
    canvas += rng.normal(0, 2.0, canvas.shape)
    return np.clip(canvas, 0, 255).astype(np.uint8)
