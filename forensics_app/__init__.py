"""forensics_app: a forensic review desk for disputed STM face-verification cases."""

__version__ = "0.5.0"
SOFTWARE_NAME = "forensics-app"

# FFmpeg inside OpenCV writes its own complaints straight to stderr ("moov atom not found");
# our messages already name the file and the problem, so keep the C library quiet.
import os as _os

_os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")
_os.environ.setdefault("OPENCV_LOG_LEVEL", "OFF")
