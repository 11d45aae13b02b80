"""Liveness: was a live person in front of the camera?"""

from __future__ import annotations


def assess_stills_only(n_stills: int, sources: list[str]) -> dict:
    """Stills alone cannot show liveness: no motion, no blink, no pulse, no depth from parallax.

    A photo of a photo held up to the camera, a screen, or an injected image yields the same kind
    of still as a live capture, so the only sound verdict is ``inconclusive``.
    """
    why = (f"The material is {n_stills} still image(s) and no video. Liveness needs change over "
           "time (blinks, 3D head motion, pulse, sensor noise between frames); a still of a live "
           "face and a still of a printed or displayed photo of that face cannot be told apart "
           "reliably from one image.")
    return {"status": "analysed", "verdict": "inconclusive", "species": None,
            "cues": [{"name": "material", "value": f"{n_stills} still(s), no video", "threshold": "video of at least 1 s",
                      "meaning": "temporal cues cannot be measured on stills"}],
            "reasons": [why], "explanation": why,
            "explanation_zh": f"材料仅为{n_stills}张静态照片、没有视频。活体判断需要随时间变化的线索（眨眼、头部三维运动、"
                              "脉搏、帧间传感器噪声）；单张照片无法区分真人与翻拍照片或屏幕。",
            "sources": sources}
