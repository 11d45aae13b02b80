"""The desk's frame source shows delivered media the way the analysis read it: a portrait phone
video (display rotation) and a sideways-stored still (EXIF orientation) come up upright, also
after a seek, and pixel for pixel what the analysis decoded (docs/delivery.md)."""

import numpy as np
from PIL import Image

from forensics_app.gui.decoder import FrameSource
from forensics_app.io.images import read_image
from forensics_app.io.video import probe_video
from mediagen import encode, frame, portrait_clip


def test_portrait_video_and_rotated_still_are_shown_upright(tmp_path):
    clip = portrait_clip(tmp_path / "phone.mp4", 12, 90)
    analysed = []
    probe_video(clip, on_frame=lambda i, t, rgb: analysed.append(rgb))
    src = frame()
    ex = Image.Exif()
    ex[0x0112] = 6
    (tmp_path / "still.jpg").write_bytes(encode(src.transpose(Image.Transpose.ROTATE_90), "JPEG", quality=95, exif=ex))
    fs = FrameSource(tmp_path)
    try:
        for i in (0, 1, 9, 3):                          # in order, then a jump forward and one back
            shown = fs.frame(f"phone.mp4#{i}")
            assert shown.shape == (480, 640, 3)
            assert np.array_equal(shown, analysed[i]), f"frame {i} differs from the analysed one"
        still = fs.frame("still.jpg")
        assert still.shape == (src.height, src.width, 3)
        assert np.array_equal(still, read_image(tmp_path / "still.jpg")[0])
    finally:
        fs.close()
