"""Media authenticity: is this the material as captured?

Checks over plain values (metadata dicts, RGB arrays, timestamps); each yields a row for the
report and, when it finds a trace of editing, a ``suspicious`` entry naming the file.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

import numpy as np
from PIL import Image

from ..i18n.render import msg, term

EDITORS = re.compile(r"photoshop|gimp|lightroom|snapseed|picsart|meitu|美图|paint|pixelmator|affinity|"
                     r"facetune|faceapp|canva|acdsee|irfanview|xnview|photoscape|fotor|美颜|醒图|prisma|"
                     r"premiere|final ?cut|davinci|resolve|capcut|剪映|imovie|vegas|kdenlive|shotcut|openshot|"
                     r"camtasia|filmora|快影|必剪|inshot|after ?effects|media encoder|handbrake",
                     re.I)
@dataclass(frozen=True)
class AuthenticityThresholds:
    """Authenticity thresholds, each with its reason: the authenticity stage's parameters (so in its
    cache key and in results' stage_parameters); the checks read the instance they are given."""
    datetime_gap_s: float = 2.0        # EXIF DateTime later than DateTimeOriginal: re-saved after capture
    dhash_near: int = 4                # Hamming distance of 64-bit dHash: candidates for a repeated frame
    duplicate_mad: float = 0.6         # mean abs grey-level difference below which two stills share one exposure
    ela_quality: int = 90
    ela_z: float = 6.0                 # robust z-score of a block's texture-normalised ELA
    ts_gap_factor: float = 2.5         # a frame interval over 2.5x the median is a gap
    dq_min_count: int = 30             # DCT histogram bins judged only where the expected count is >= 30
    dq_bin_dev: float = 0.5            # a bin more than 50% above or below its neighbours' geometric mean
    dq_share: float = 10.0             # % of such bins above which the still was compressed twice; measured:
                                       # single compression <= 6.5%, re-saved at finer quality median 67%
                                       # (benchmarks/eval_double_jpeg.py, figures in docs/liveness.md)
    repeat_mad: float = 0.1            # 32x32 thumbnails (area-averaged): below this two frames show the same pixels
    loop_min_frames: int = 5           # a run of this many frames repeating an earlier run = a looped segment
    dq_min_bins: int = 30              # fewer judged bins: one stray bin would already be several per cent


DEFAULT_THRESHOLDS = AuthenticityThresholds()


def _zigzag() -> list[int]:
    order = sorted(((x + y, x if (x + y) % 2 else y, y * 8 + x) for y in range(8) for x in range(8)))
    return [i for _, _, i in order]


ZIGZAG = _zigzag()


def double_jpeg(data: bytes, th: AuthenticityThresholds = DEFAULT_THRESHOLDS) -> dict | None:
    """Signs of double JPEG compression in the luminance DCT histograms (aligned double quantisation).

    The decoded luminance is transformed block by block again and divided by the file's own
    quantisation table, which gives back the stored coefficients. After one compression the
    histogram of each AC coefficient falls off smoothly (near-exponentially), so each bin is close to
    the geometric mean of its neighbours. A first compression with coarser steps leaves periodically
    empty or doubled bins after the second (Popescu & Farid 2004). Returns None for non-JPEG data or
    when the image has too few blocks for the histograms to be judged.
    """
    import cv2
    try:
        im = Image.open(io.BytesIO(data))
        if im.format != "JPEG" or not getattr(im, "quantization", None):
            return None
        q = np.array(im.quantization[0], float)
        im.draft("YCbCr", im.size)
        if im.mode not in ("YCbCr", "L"):
            return None
        y = np.asarray(im)
    except (OSError, ValueError):
        return None
    y = (y[..., 0] if y.ndim == 3 else y).astype(np.float32) - 128
    h, w = (y.shape[0] // 8) * 8, (y.shape[1] // 8) * 8
    if h == 0 or w == 0 or len(q) != 64:
        return None
    blocks = y[:h, :w].reshape(h // 8, 8, w // 8, 8).transpose(0, 2, 1, 3).reshape(-1, 8, 8)
    d = cv2.dct(np.eye(8, dtype=np.float32), flags=cv2.DCT_ROWS).T   # 1-D DCT-II matrix: cv2.dct(B) = D @ B @ D.T
    coef = np.einsum("ij,njk,lk->nil", d, blocks, d).reshape(-1, 64) / q[None, :]
    # Pillow gives the table in natural (row-major) order, the order of cv2.dct's output
    odd, judged, modes = 0, 0, 0
    for zi in range(1, 16):                      # low-frequency AC coefficients: enough non-zero values
        k = np.abs(np.round(coef[:, ZIGZAG[zi]])).astype(int)
        hist = np.bincount(k, minlength=40)[:40].astype(float)
        m = np.arange(2, 39)
        env = np.sqrt(hist[m - 1] * hist[m + 1])
        ok = env >= th.dq_min_count
        if ok.sum() < 2:
            continue
        modes += 1
        judged += int(ok.sum())
        odd += int(np.sum(np.abs(hist[m][ok] / env[ok] - 1) > th.dq_bin_dev))
    if judged < th.dq_min_bins:
        return {"measurable": False, "blocks": len(blocks)}
    share = 100.0 * odd / judged
    return {"measurable": True, "share": round(share, 1), "bins": judged, "modes": modes,
            "double": share > th.dq_share}


def dhash(rgb: np.ndarray) -> int:
    g = np.asarray(Image.fromarray(rgb).convert("L").resize((9, 8), Image.LANCZOS), dtype=int)
    bits = (g[:, 1:] > g[:, :-1]).flatten()
    return int("".join("1" if b else "0" for b in bits), 2)


def hamming(a: int, b: int) -> int:
    return bin(a ^ b).count("1")


def ela_outliers(rgb: np.ndarray, quality: int | None = None, block: int = 16,
                 th: AuthenticityThresholds = DEFAULT_THRESHOLDS) -> dict:
    """Error-level analysis, normalised by local texture, summarised as clustered outlier blocks.

    Re-saving at a fixed quality changes a region that was compressed differently from the rest
    (pasted from another image) more or less than its texture alone explains.
    """
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, "JPEG", quality=th.ela_quality if quality is None else quality)
    re_saved = np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"), float)
    err = np.abs(rgb.astype(float) - re_saved).mean(axis=2)
    gray = rgb.astype(float).mean(axis=2)
    h, w = (gray.shape[0] // block) * block, (gray.shape[1] // block) * block
    if h == 0 or w == 0:              # smaller than one block (a thumbnail, a 1-pixel image): nothing to measure
        return {"outlier_share": 0.0, "max_z": 0.0, "blocks": 0, "region": None}
    gy, gx = np.gradient(gray)
    tex = np.hypot(gx, gy)
    e = err[:h, :w].reshape(h // block, block, w // block, block).mean(axis=(1, 3))
    t = tex[:h, :w].reshape(h // block, block, w // block, block).mean(axis=(1, 3))
    ratio = e / (t + 2.0)
    med = np.median(ratio)
    mad = np.median(np.abs(ratio - med)) * 1.4826 + 1e-6
    z = (ratio - med) / mad
    out = np.abs(z) > th.ela_z
    # keep only outliers with an outlier neighbour (a pasted region spans several blocks)
    nb = np.zeros_like(out)
    nb[1:, :] |= out[:-1, :]
    nb[:-1, :] |= out[1:, :]
    nb[:, 1:] |= out[:, :-1]
    nb[:, :-1] |= out[:, 1:]
    clustered = out & nb
    ys, xs = np.nonzero(clustered)
    box = [int(xs.min() * block), int(ys.min() * block), int((xs.max() + 1) * block), int((ys.max() + 1) * block)] \
        if len(xs) else None
    return {"outlier_share": round(float(clustered.mean()), 4), "max_z": round(float(np.abs(z).max()), 2),
            "blocks": int(clustered.size), "region": box}


def quality_from_tables(tables: dict) -> int | None:
    """Approximate IJG quality of the luminance table (how libjpeg would have scaled it)."""
    std = np.array([16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
                    14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113,
                    92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99], float)
    t = tables.get("0")
    if not t or len(t) != 64:
        return None
    zig = np.array(t, float)
    # Pillow gives tables in zigzag order; compare sums, which are order-independent
    scale = zig.sum() / std.sum() * 100
    q = (200 - scale) / 2 if scale <= 100 else 5000 / scale
    return int(round(min(100, max(1, q))))


def check_stills(stills: list[dict], images: dict[str, np.ndarray],
                 data: dict[str, bytes] | None = None,
                 th: AuthenticityThresholds = DEFAULT_THRESHOLDS) -> tuple[list[dict], list[dict]]:
    """stills: media-stage dicts (path, exif, jpeg); images: path -> RGB; data: path -> file bytes."""
    checks, sus = [], []
    dq = {}

    def trace(f, code, **params):
        # results carry the catalogue code and its values; readers render it in their language
        sus.append({"file": f, "code": code, "params": params})

    tables = {}
    for s in stills:
        f, ex, jp = s["path"], s.get("exif", {}), s.get("jpeg", {})
        sw = ex.get("software", "")
        checks.append({"file": f, "check": "exif_software", "result": {"quote": sw} if sw else msg("AU.none_recorded")})
        if sw and EDITORS.search(sw):
            trace(f, "AU_EDITOR_EXIF", software={"quote": sw})
        mod, orig = ex.get("datetime"), ex.get("datetime_original")
        if mod and orig and mod != orig:
            try:
                gap = (dt.datetime.strptime(mod[:19], "%Y:%m:%d %H:%M:%S")
                       - dt.datetime.strptime(orig[:19], "%Y:%m:%d %H:%M:%S")).total_seconds()
            except ValueError:
                gap = None
            checks.append({"file": f, "check": "exif_dates", "result": msg("AU_R_EXIF_DATES", modified=mod, captured=orig)})
            if gap is not None and gap > th.datetime_gap_s:
                trace(f, "AU_EXIF_MODIFIED", gap_s=round(gap), modified=mod, captured=orig)
        if jp.get("format") == "JPEG":
            q = quality_from_tables(jp.get("quant_tables", {}))
            key = repr(sorted(jp.get("quant_tables", {}).items()))
            tables.setdefault(key, []).append(f)
            checks.append({"file": f, "check": "jpeg_quantisation", "result": msg(
                "AU_R_JPEG", quality=q, subsampling=jp.get("subsampling"),
                mode=term("jpeg_mode", "progressive" if jp.get("progressive") else "baseline"))})
            d = double_jpeg(data[f], th) if data and f in data else None
            if d is not None:
                dq[f] = d
                checks.append({"file": f, "check": "double_jpeg", "result": msg(
                    "AU_R_DQ", share=d["share"], bins=d["bins"], threshold=th.dq_share,
                    verdict=msg("AU_R_DQ.double" if d["double"] else "AU_R_DQ.single"))
                    if d["measurable"] else msg("AU_R_DQ_UNMEASURABLE", blocks=d["blocks"])})
        rgb = images.get(f)
        if rgb is not None:
            e = ela_outliers(rgb, th=th)
            # ELA is reported, never a trigger on its own: on untouched captures edges and
            # noise produce outlier blocks too (measured on our own material, see docs/liveness.md)
            checks.append({"file": f, "check": "ela", "result": msg(
                "AU_R_ELA", share=round(100 * e["outlier_share"], 1), max_z=e["max_z"], region=str(e["region"]))})
    if len(tables) > 1:
        main = max(tables.values(), key=len)
        for files in tables.values():
            if files is not main:
                for f in files:
                    trace(f, "AU_QUANT_DIFFER")
    doubled = [f for f, d in dq.items() if d.get("double")]
    measured = [f for f, d in dq.items() if d.get("measurable")]
    if doubled and len(doubled) < len(measured):
        for f in doubled:
            trace(f, "AU_DOUBLE_AMONG", share=dq[f]["share"])
    elif doubled and len(measured) == 1:
        f = doubled[0]
        trace(f, "AU_DOUBLE_SINGLE", share=dq[f]["share"])
    elif doubled:
        checks.append({"file": ", ".join(doubled), "check": "double_jpeg_capture", "result": msg("AU_R_DQ_CAPTURE")})
    have_exif = [s["path"] for s in stills if s.get("exif")]
    if have_exif and len(have_exif) < len(stills):
        for s in stills:
            if not s.get("exif"):
                trace(s["path"], "AU_EXIF_STRIPPED")
    hashes = {f: dhash(rgb) for f, rgb in images.items()}
    names = sorted(hashes)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            d = hamming(hashes[a], hashes[b])
            if d > th.dhash_near or images[a].shape != images[b].shape:
                continue
            # similar-looking is normal for a person standing still; what a camera cannot produce is
            # the same pixels twice: sensor noise differs between any two real exposures
            mad = float(np.mean(np.abs(images[a].astype(float) - images[b].astype(float))))
            if mad < th.duplicate_mad:
                trace(b, "AU_IDENTICAL" if mad == 0 else "AU_NEAR_IDENTICAL", other=a, distance=d, mad=round(mad, 2))
    return checks, sus


def repeated_frames(thumbs: list[np.ndarray], th: AuthenticityThresholds = DEFAULT_THRESHOLDS) -> dict:
    """Frames that repeat: consecutive duplicates (a recorder padding a slow camera to a fixed frame
    rate does this legitimately) and runs that repeat an earlier, non-adjacent run (a looped or
    spliced segment, which a live recording never produces)."""
    n = len(thumbs)
    if n < 2:
        return {"frames": n, "consecutive_duplicates": 0, "loops": []}
    t = np.array(thumbs, float).reshape(n, -1)
    consecutive = int(np.sum(np.abs(t[1:] - t[:-1]).mean(axis=1) < th.repeat_mad))
    coarse = {}
    for i, thumb in enumerate(t):
        coarse.setdefault(np.round(thumb.reshape(32, 32)[::4, ::4] / 8).astype(np.int16).tobytes(), []).append(i)
    match = {}                                    # frame -> earliest earlier non-adjacent frame with the same pixels
    for idx in coarse.values():
        for a_i, i in enumerate(idx):
            for j in idx[:a_i]:
                if i - j > 1 and np.abs(t[i] - t[j]).mean() < th.repeat_mad \
                        and np.abs(t[i] - t[i - 1]).mean() >= th.repeat_mad:
                    match[i] = j
                    break
    loops, i = [], 0
    while i < n:
        if i in match:
            j, k = match[i], 0
            while i + k < n and j + k < i and np.abs(t[i + k] - t[j + k]).mean() < th.repeat_mad:
                k += 1
            if k >= th.loop_min_frames:
                loops.append({"frames": [i, i + k - 1], "repeat_of": [j, j + k - 1]})
            i += max(k, 1)
        else:
            i += 1
    return {"frames": n, "consecutive_duplicates": consecutive, "loops": loops[:20]}


def check_video(path: str, timestamps_ms: list[float], fps: float,
                container: dict | None = None, repeats: dict | None = None,
                th: AuthenticityThresholds = DEFAULT_THRESHOLDS) -> tuple[list[dict], list[dict]]:
    """Container metadata (who wrote the file, when, on what device) and frame timestamps.

    The container's own packet timestamps are used when it has them (they are what the recorder
    wrote); the decoder's timestamps otherwise."""
    checks, sus = [], []
    c = container or {}
    if c.get("error"):
        checks.append({"file": path, "check": "container_metadata", "result": msg("AU_R_UNREADABLE",
                                                                                   error={"quote": c["error"]})})
    elif c:
        checks.append({"file": path, "check": "container", "result": msg(
            "AU_R_CONTAINER", format={"quote": c.get("format_long") or c.get("format")},
            codec={"quote": c.get("video_codec")}, duration_s=c.get("duration_s"))})
        checks.append({"file": path, "check": "container_creation_time",
                       "result": {"quote": c["creation_time"]} if c.get("creation_time") else msg("AU.none_recorded")})
        who = c.get("written_by") or {}
        checks.append({"file": path, "check": "container_writer",
                       "result": {"quote": "; ".join(f"{k}={v}" for k, v in who.items())} if who
                       else msg("AU.none_recorded")})
        if c.get("device"):
            checks.append({"file": path, "check": "container_device",
                           "result": {"quote": "; ".join(f"{k}={v}" for k, v in c["device"].items())}})
        for k, v in who.items():
            if EDITORS.search(v):
                sus.append({"file": path, "code": "AU_EDITOR_CONTAINER", "params": {"software": {"quote": v},
                                                                                   "tag": {"quote": k}}})
        if any(v.lower().startswith("lavf") for v in who.values()):
            checks.append({"file": path, "check": "container_ffmpeg", "result": msg("AU_R_FFMPEG")})
    if repeats:
        checks.append({"file": path, "check": "repeated_frames", "result": msg(
            "AU_R_REPEATS", duplicates=repeats["consecutive_duplicates"], pairs=repeats["frames"] - 1,
            loops=len(repeats["loops"]))})
        for lp in repeats["loops"]:
            (a, b), (c0, c1) = lp["frames"], lp["repeat_of"]
            sus.append({"file": path, "code": "AU_LOOP", "params": {"first": a, "last": b, "of_first": c0, "of_last": c1}})
    source = "container"
    ts = np.array(c.get("pts_ms") or [], float)
    if len(ts) < 3:
        ts, source = np.array(timestamps_ms, float), "decoder"
    if len(ts) < 3:
        return checks, sus
    d = np.diff(ts)
    med = float(np.median(d[d > 0])) if (d > 0).any() else 0.0
    repeats = int(np.sum(d <= 0))
    gaps = [(int(i), float(x)) for i, x in enumerate(d) if med and x > th.ts_gap_factor * med]
    src = term("timestamps", source)
    checks.append({"file": path, "check": f"frame_timestamps_{source}", "result": msg(
        "AU_R_TIMESTAMPS", frames=len(ts), median_ms=round(med, 1), gaps=len(gaps), repeats=repeats)})
    if repeats:
        sus.append({"file": path, "code": "AU_TS_REPEAT", "params": {"n": repeats, "source": src}})
    for i, x in gaps[:10]:
        sus.append({"file": path, "code": "AU_TS_GAP", "params": {"gap_ms": round(x), "frame": i,
                                                                  "median_ms": round(med), "source": src}})
    if len(gaps) > 10:
        sus.append({"file": path, "code": "AU_TS_MORE_GAPS", "params": {"n": len(gaps) - 10}})
    return checks, sus
