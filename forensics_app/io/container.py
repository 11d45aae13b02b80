"""Video container metadata through PyAV (FFmpeg's demuxers, bundled in the wheel: no ffprobe to
install, nothing from the network). Only packets are read, nothing is decoded.

PyAV is used rather than parsing MP4/MOV atoms ourselves because banks deliver MP4, MOV, AVI, MKV,
FLV and raw H.264 among others; FFmpeg's demuxers read all of them and expose their tags the same
way.
"""

from __future__ import annotations

from pathlib import Path

# tags that say who made or last wrote the file (container- and stream-level, several spellings)
WHO = ("encoder", "encoded_by", "software", "com.apple.quicktime.software", "writing_application",
       "handler_name", "vendor_id", "com.android.version")
DEVICE = ("make", "model", "com.apple.quicktime.make", "com.apple.quicktime.model", "com.android.manufacturer",
          "com.android.model")


def read_container(path: str | Path) -> dict:
    """Format, tags and the video stream's packet timestamps. Never raises on a damaged file: the
    error is returned, since the decoding check of io.video already refuses unreadable videos."""
    try:
        import av
    except ImportError as e:                      # pragma: no cover - av is a declared dependency
        return {"error": f"PyAV not available: {e}"}
    try:
        with av.open(str(path), metadata_errors="replace") as c:
            tags = {k.lower(): str(v) for k, v in (c.metadata or {}).items()}
            vs = c.streams.video[0] if c.streams.video else None
            out = {"format": c.format.name, "format_long": c.format.long_name, "tags": tags,
                   "duration_s": round(c.duration / 1e6, 3) if c.duration else None}
            stream_tags = [{k.lower(): str(v) for k, v in (s.metadata or {}).items()} for s in c.streams]
            if vs is None:
                return out | {"error": "no video stream"}
            tb = float(vs.time_base) if vs.time_base else None
            pts = [p.pts for p in c.demux(vs) if p.pts is not None and p.size > 0]
            out["video_codec"] = vs.codec_context.name
            out["pts_ms"] = sorted(round(x * tb * 1000, 3) for x in pts) if tb else []
            out["declared_fps"] = float(vs.average_rate) if vs.average_rate else None
    except Exception as e:                        # noqa: BLE001 - any demuxer error is reported, not raised
        return {"error": f"{type(e).__name__}: {e}"}
    merged = dict(tags)
    for st in stream_tags:
        for k, v in st.items():
            merged.setdefault(k, v)
    out["creation_time"] = merged.get("creation_time") or merged.get("com.apple.quicktime.creationdate") \
        or merged.get("date")
    out["written_by"] = {k: merged[k] for k in WHO if k in merged}
    out["device"] = {k: merged[k] for k in DEVICE if k in merged}
    return out
