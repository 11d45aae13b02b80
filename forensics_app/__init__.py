"""forensics_app: a forensic review desk for disputed STM face-verification cases."""

__version__ = "0.1.0"
SOFTWARE_NAME = "forensics-app"
