"""Stills and videos as banks, phones and DVRs deliver them (docs/delivery.md): each is read the
way the camera saw it, or refused in one line saying what the file is. Fixtures are generated
from the demo cases' own material (tests/mediagen.py)."""

import shutil

import numpy as np
import pytest
from PIL import Image

from forensics_app.core.authenticity import ela_outliers
from forensics_app.errors import InputError
from forensics_app.io.case import load_case
from forensics_app.io.filekind import sniff
from forensics_app.io.images import read_image
from forensics_app.io.video import probe_video
from helpers import DEMO
from mediagen import HEIC_HEAD, clip_frames, encode, frame, portrait_clip, write_video


def close(a: np.ndarray, b: np.ndarray, tol: float) -> bool:
    return a.shape == b.shape and float(np.abs(a.astype(float) - b.astype(float)).mean()) < tol


@pytest.mark.parametrize("name,make,tol", [
    ("cmyk.jpg", lambda im: encode(im.convert("CMYK"), "JPEG", quality=95), 6),
    ("progressive.jpg", lambda im: encode(im, "JPEG", quality=95, progressive=True), 4),
    ("grey.jpg", lambda im: encode(im.convert("L"), "JPEG", quality=95), 25),
    ("alpha.png", lambda im: encode(im.convert("RGBA"), "PNG"), 0.01),
    ("palette.png", lambda im: encode(im.convert("P", palette=Image.Palette.ADAPTIVE), "PNG"), 8),
    ("la.png", lambda im: encode(im.convert("LA"), "PNG"), 25),
    ("frame.bmp", lambda im: encode(im, "BMP"), 0.01),
    ("lzw.tif", lambda im: encode(im, "TIFF", compression="tiff_lzw"), 0.01),
    ("jpeg.tiff", lambda im: encode(im, "TIFF", compression="jpeg"), 6),
    ("cmyk.tif", lambda im: encode(im.convert("CMYK"), "TIFF"), 2),
    ("frame.webp", lambda im: encode(im, "WEBP", quality=95), 6),
    ("still.gif", lambda im: encode(im, "GIF"), 12),
    ("frame.jfif", lambda im: encode(im, "JPEG", quality=95), 4),
    ("png-named.jpg", lambda im: encode(im, "PNG"), 0.01),
])
def test_still_encodings_are_read_as_rgb(tmp_path, name, make, tol):
    src = frame()
    p = tmp_path / name
    p.write_bytes(make(src))
    before = p.read_bytes()
    rgb, _ = read_image(p)
    assert rgb.dtype == np.uint8 and rgb.shape == (src.height, src.width, 3)
    assert close(rgb, np.asarray(src.convert("RGB")), tol)
    assert p.read_bytes() == before


@pytest.mark.parametrize("orientation,transpose", [
    (2, Image.Transpose.FLIP_LEFT_RIGHT), (3, Image.Transpose.ROTATE_180), (4, Image.Transpose.FLIP_TOP_BOTTOM),
    (5, Image.Transpose.TRANSPOSE), (6, Image.Transpose.ROTATE_270), (7, Image.Transpose.TRANSVERSE),
    (8, Image.Transpose.ROTATE_90)])
def test_every_exif_orientation_is_read_upright(tmp_path, orientation, transpose):
    """A phone stores the pixels as the sensor read them and says in EXIF how to turn them."""
    src = frame()
    stored = src.transpose(transpose) if orientation in (2, 3, 4, 5, 7) else src.transpose(
        {6: Image.Transpose.ROTATE_90, 8: Image.Transpose.ROTATE_270}[orientation])
    ex = Image.Exif()
    ex[0x0112] = orientation
    p = tmp_path / "phone.png"
    p.write_bytes(encode(stored, "PNG", exif=ex))
    rgb, _ = read_image(p)
    assert close(rgb, np.asarray(src), 0.01), f"orientation {orientation} not undone"


@pytest.mark.parametrize("name,make", [
    ("pages.tif", lambda im: encode(im, "TIFF", save_all=True, append_images=[im.rotate(90)])),
    ("anim.gif", lambda im: encode(im, "GIF", save_all=True, append_images=[im.rotate(10)], duration=100)),
])
def test_several_images_in_one_still_are_refused(tmp_path, name, make):
    p = tmp_path / name
    p.write_bytes(make(frame()))
    with pytest.raises(InputError, match="holds 2 images"):
        read_image(p)


@pytest.mark.parametrize("data,what", [
    (HEIC_HEAD, "is a HEIC/HEIF image, which this version cannot decode"),
    (b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41" + b"\0" * 64, "is a MP4/MOV video, not a still image"),
    (b"%PDF-1.4\n" + b"x" * 64, "is a PDF file, not an image"),
])
def test_a_file_that_is_no_still_is_refused_saying_what_it_is(tmp_path, data, what):
    p = tmp_path / "0001.jpg"
    p.write_bytes(data)
    with pytest.raises(InputError) as e:
        read_image(p)
    assert what in e.value.problem and e.value.path == str(p)


def _case(tmp_path):
    case = tmp_path / "CASE"
    shutil.copytree(DEMO, case)
    return case


def test_frames_folder_members_are_the_stills_by_extension(tmp_path):
    """A file under a name that is not an image's (even holding a JPEG), file-manager junk and a note
    are not stills: they stay unreferenced files, hashed and listed."""
    case = _case(tmp_path)
    frames = case / "stm/frames"
    (frames / "0002").write_bytes(encode(frame().rotate(3), "JPEG", quality=90))
    (frames / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    (frames / "readme.txt").write_text("captured by STM-TH-0032", "utf-8")
    c = load_case(case, validate=False)
    assert [m for i in c.items if i.role == "stm_frames" for m in i.members] == ["stm/frames/0001.jpg"]
    assert dict(c.evidence_files())["stm/frames/0002"] == "unreferenced"


@pytest.mark.parametrize("name", ["0002.heic", "0002.HEIF", "0002"])
def test_a_heic_still_in_the_frames_folder_is_refused_not_left_out(tmp_path, name):
    case = _case(tmp_path)
    (case / "stm/frames" / name).write_bytes(HEIC_HEAD)
    with pytest.raises(InputError, match="HEIC/HEIF image, which this version cannot decode") as e:
        load_case(case, validate=False)
    assert e.value.path.endswith(name)


def test_a_heic_id_photo_is_refused_saying_so(tmp_path):
    case = _case(tmp_path)
    (case / "id/id_photo.jpg").write_bytes(HEIC_HEAD)
    with pytest.raises(InputError, match="HEIC/HEIF"):
        load_case(case)


def test_error_level_analysis_of_an_image_smaller_than_a_block(tmp_path):
    """A 1-pixel or 2x50 still crashed the authenticity stage (numpy.gradient, a missing key)."""
    for shape in [(1, 1, 3), (2, 50, 3), (50, 1, 3), (8, 8, 3)]:
        e = ela_outliers(np.full(shape, 120, np.uint8))
        assert e["blocks"] == 0 and e["region"] is None


# ---- videos ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def frames20():
    return clip_frames(20)


@pytest.mark.parametrize("name,fmt,codec,pix", [
    ("h264.mp4", "mp4", "libx264", "yuv420p"), ("h264.mov", "mov", "libx264", "yuv420p"),
    ("h264.mkv", "matroska", "libx264", "yuv420p"), ("mjpeg.avi", "avi", "mjpeg", "yuvj420p"),
    ("dvr.ts", "mpegts", "libx264", "yuv420p"), ("old.flv", "flv", "flv1", "yuv420p"),
    ("vp9.webm", "webm", "libvpx-vp9", "yuv420p")])
def test_video_containers_and_codecs(tmp_path, frames20, name, fmt, codec, pix):
    p = write_video(tmp_path / name, frames20, fmt, codec, pix)
    info = probe_video(p)
    assert info.frames == 20 and (info.width, info.height) == (640, 480)
    assert abs(info.fps - 15) < 0.01 and info.rotation == 0


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_a_portrait_phone_video_is_decoded_upright_and_its_rotation_recorded(tmp_path, frames20, degrees):
    p = portrait_clip(tmp_path / "phone.mp4", 20, degrees)
    got = []
    info = probe_video(p, on_frame=lambda i, t, rgb: got.append(rgb))
    assert info.rotation == degrees and info.as_dict()["rotation"] == degrees
    assert (info.width, info.height) == (640, 480)
    assert close(got[0], frames20[0], 8), "the frame is not upright"


def test_no_rotation_key_when_the_video_is_not_rotated(tmp_path, frames20):
    assert "rotation" not in probe_video(write_video(tmp_path / "v.mp4", frames20[:3])).as_dict()


def test_variable_frame_rate_is_not_taken_for_truncation(tmp_path, frames20):
    gaps = np.cumsum([3000, 6000, 9000, 18000] * 5)          # 30, 15, 10 and 5 fps mixed (90 kHz clock)
    p = write_video(tmp_path / "vfr.mp4", frames20, pts=[0] + [int(g) for g in gaps[:19]], rate=30)
    info = probe_video(p)
    assert info.frames == 20
    assert np.allclose(np.diff(info.timestamps_ms)[:4], [1000 / 30, 1000 / 15, 100, 200], atol=1.5)


def test_a_one_frame_video(tmp_path, frames20):
    info = probe_video(write_video(tmp_path / "one.mp4", frames20[:1]))
    assert info.frames == 1 and info.declared_frames == 1


@pytest.mark.parametrize("make,what", [
    (lambda p, f: write_video(p, f, audio_only=True), "holds no video stream, only sound"),
    (lambda p, f: p.write_bytes(encode(frame(), "JPEG")), "is a JPEG image, not a video"),
    (lambda p, f: p.write_bytes(HEIC_HEAD), "is a HEIC/HEIF image, not a video"),
    (lambda p, f: p.write_bytes(b"%PDF-1.4\n" + b"x" * 200), "is a PDF file, not a video"),
    (lambda p, f: p.write_bytes(b"not a video\n" * 50), "not a readable video"),
], ids=["audio-only", "jpeg", "heic", "pdf", "text"])
def test_what_is_not_a_video_is_refused_saying_what_it_is(tmp_path, frames20, make, what):
    p = tmp_path / "capture.mp4"
    make(p, frames20)
    with pytest.raises(InputError) as e:
        probe_video(p)
    assert what in e.value.problem


def test_signatures():
    assert sniff(encode(frame(), "PNG")[:64]) == "PNG"
    assert sniff(HEIC_HEAD) == "HEIC/HEIF"
    assert sniff(b"RIFF\0\0\0\0WEBPVP8 ") == "WebP"
    assert sniff(b"RIFF\0\0\0\0AVI LIST") == "AVI"
    assert sniff(b"hello") is None


def test_a_video_inside_the_frames_folder_is_refused_not_left_out(tmp_path, frames20):
    """Left out, the case would read as one without a video (NO_FULL_VIDEO against the bank)."""
    case = _case(tmp_path)
    write_video(case / "stm/frames/capture.mp4", frames20[:3])
    with pytest.raises(InputError, match="is a MP4/MOV video inside a frames folder, which holds stills only") as e:
        load_case(case, validate=False)
    assert e.value.path.endswith("stm/frames/capture.mp4")
