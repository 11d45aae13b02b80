"""An edited frame raises MEDIA_EDITED_SUSPECTED; an untouched capture does not."""

import io
import json
import shutil

import numpy as np
from PIL import Image

from helpers import DEMO, ROOT, run_cli



def _en(trace: dict) -> str:
    """A trace as the English edition prints it (results carry its code and parameters)."""
    from forensics_app.core.rules.media import trace_msg
    from forensics_app.i18n import translator
    from forensics_app.i18n.render import value_text
    return value_text(trace_msg(trace), translator("en"))

def _analyse(case, tmp_path):
    r = run_cli("analyze", case, "--out", tmp_path / "o", "-q", "--no-report")
    assert r.returncode == 0, r.stderr
    return json.loads((tmp_path / "o/results.json").read_text("utf-8"))


def _second_still(case):
    """A second untouched capture from the same camera: same pipeline, same settings."""
    src = Image.open(case / "stm/frames/0001.jpg")
    arr = np.asarray(src).astype(float)
    arr = np.clip(np.roll(arr, 3, axis=1) + np.random.default_rng(5).normal(0, 2, arr.shape), 0, 255)
    Image.fromarray(arr.astype(np.uint8)).save(case / "stm/frames/0002.jpg", "JPEG", quality=80,
                                               exif=src.getexif().tobytes())


def test_untouched_capture_is_not_flagged(tmp_path):
    case = tmp_path / "C"
    shutil.copytree(DEMO, case)
    _second_still(case)
    res = _analyse(case, tmp_path)
    assert res["authenticity"]["status"] == "analysed"
    assert res["authenticity"]["suspicious"] == []
    assert "MEDIA_EDITED_SUSPECTED" not in {f["rule"] for f in res["findings"]}


def test_edited_frame_is_flagged(tmp_path):
    case = tmp_path / "C"
    shutil.copytree(DEMO, case)
    _second_still(case)
    im = Image.open(case / "stm/frames/0002.jpg")
    arr = np.asarray(im).copy()
    arr[300:360, 420:520] = arr[100:160, 40:140]              # a region pasted over another
    ex = im.getexif()
    ex[0x0131] = "Adobe Photoshop 24.0 (Windows)"
    ex[0x0132] = "2019:11:26 09:14:00"
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, "JPEG", quality=95, exif=ex.tobytes())   # re-saved by other software
    (case / "stm/frames/0002.jpg").write_bytes(buf.getvalue())
    res = _analyse(case, tmp_path)
    f = {x["rule"]: x for x in res["findings"]}
    assert "MEDIA_EDITED_SUSPECTED" in f
    traces = " ".join(_en(t) for t in f["MEDIA_EDITED_SUSPECTED"]["facts"]["traces"])
    assert "Photoshop" in traces and "quantisation" in traces and "after capture" in traces
    assert "compressed twice" in traces
    assert all(e["file"] == "stm/frames/0002.jpg" for e in f["MEDIA_EDITED_SUSPECTED"]["evidence"])


def test_duplicated_still_is_flagged(tmp_path):
    case = tmp_path / "C"
    shutil.copytree(DEMO, case)
    shutil.copy(case / "stm/frames/0001.jpg", case / "stm/frames/0002.jpg")
    res = _analyse(case, tmp_path)
    traces = [_en(t) for t in res["authenticity"]["suspicious"]]
    assert any("identical to stm/frames/0001.jpg" in t for t in traces)


def test_double_compression_is_measured_on_the_dct_histograms():
    from forensics_app.core.authenticity import double_jpeg
    data = (DEMO / "stm/frames/0001.jpg").read_bytes()          # compressed once, at q80, by our generator
    once = double_jpeg(data)
    assert once["measurable"] and not once["double"]
    buf = io.BytesIO()
    Image.open(io.BytesIO(data)).save(buf, "JPEG", quality=95)   # re-saved at a finer quality
    twice = double_jpeg(buf.getvalue())
    assert twice["double"] and twice["share"] > 3 * max(once["share"], 1)
    assert double_jpeg((DEMO / "id/id_photo.jpg").read_bytes())["measurable"] is False   # 102x126 px: too small
    png = io.BytesIO()
    Image.open(io.BytesIO(data)).save(png, "PNG")
    assert double_jpeg(png.getvalue()) is None


def test_every_still_compressed_twice_alike_is_a_pipeline_property_not_a_trace(tmp_path):
    case = tmp_path / "C"
    shutil.copytree(DEMO, case)
    _second_still(case)
    for name in ("0001.jpg", "0002.jpg"):
        p = case / "stm/frames" / name
        im = Image.open(p)
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=95, exif=im.getexif().tobytes())
        p.write_bytes(buf.getvalue())
    res = _analyse(case, tmp_path)
    assert not any("compressed twice" in _en(t) for t in res["authenticity"]["suspicious"])
    assert any(c["check"] == "double_jpeg_capture" for c in res["authenticity"]["checks"])


def test_looped_video_segment_is_a_trace_and_an_honest_one_is_not(tmp_path):
    from forensics_app import simulate
    from forensics_app.core.authenticity import check_video, repeated_frames
    from forensics_app.io.container import read_container
    from forensics_app.io.video import probe_video
    photo = np.asarray(Image.open(DEMO / "stm/frames/0001.jpg").convert("RGB"))[40:440, 140:500]
    frames = simulate.print_attack(photo, n=40)
    honest = probe_video(simulate.write_video(frames, tmp_path / "honest.avi"))
    looped = probe_video(simulate.write_video(frames[:30] + frames[5:20], tmp_path / "looped.avi"))
    _, sus = check_video("honest.avi", honest.timestamps_ms, honest.fps, read_container(tmp_path / "honest.avi"),
                         repeated_frames(honest.thumbs))
    assert sus == []
    rep = repeated_frames(looped.thumbs)
    assert rep["loops"] == [{"frames": [30, 44], "repeat_of": [5, 19]}]
    _, sus = check_video("looped.avi", looped.timestamps_ms, looped.fps, read_container(tmp_path / "looped.avi"), rep)
    assert any("frames 30-44 repeat frames 5-19" in _en(s) for s in sus)


def test_container_metadata_is_read_and_an_editor_is_a_trace(tmp_path):
    from forensics_app.core.authenticity import check_video
    from forensics_app.io.container import read_container
    c = read_container(ROOT / "sample_cases/print-attack-video/stm/capture.mp4")
    assert c["format"].startswith("mov,mp4") and c["video_codec"] == "mpeg4" and len(c["pts_ms"]) == 60
    checks, sus = check_video("capture.mp4", [], 15.0, c)
    assert sus == [] and any(x["check"] == "frame_timestamps_container" for x in checks)
    edited = dict(c, written_by={"encoder": "Adobe Premiere Pro 2024"})
    _, sus = check_video("capture.mp4", [], 15.0, edited)
    assert any("Premiere" in _en(s) for s in sus)
    gap = dict(c, pts_ms=c["pts_ms"][:20] + c["pts_ms"][35:])
    _, sus = check_video("capture.mp4", [], 15.0, gap)
    assert any("gap of 1067 ms after frame 19" in _en(s) for s in sus)
    bad = tmp_path / "x.mp4"
    bad.write_bytes(b"not a video")
    assert "error" in read_container(bad)
