"""The stages of an analysis, one module each, registered in order in :mod:`..registry` with
its inputs, frozen parameters, evidence deps, result type and ``compute(ctx, progress, cancel)``.
Each reads its inputs as typed records (core/model.py), reads evidence through ``io``, computes
through ``core`` (whose functions may give plain data: it is read into the stage's record once,
at the end of its compute) and returns its record; the runner caches it under a key of
everything it depends on (parameters included) and assembles results.json from the records.

The threshold dataclasses live beside the code that reads them (core); each stage passes its
instance down, so the parameters in the cache key and in results are the ones the code used.
Adding a stage = a module here that registers it, imported below in its place in the order.
"""

from ...core.authenticity import AuthenticityThresholds
from ...core.liveness import LivenessThresholds
from ...core.quality import QualityThresholds
from . import media, faces, liveness, authenticity, chain  # noqa: F401,I001  (registration order)
from .authenticity import AUTHENTICITY, AuthenticityParams
from .chain import CHAIN, ChainParams
from .common import shared_dlib, shared_engines, video_frames
from .faces import FACES, FaceSettings, FaceStageParams
from .liveness import LIVENESS, LivenessParams, combine_clips
from .media import MEDIA

__all__ = ["MEDIA", "FACES", "LIVENESS", "AUTHENTICITY", "CHAIN", "FaceSettings", "FaceStageParams",
           "LivenessParams", "AuthenticityParams", "ChainParams", "LivenessThresholds", "AuthenticityThresholds",
           "QualityThresholds", "combine_clips", "shared_dlib", "shared_engines", "video_frames"]
