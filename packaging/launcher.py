"""Entry point of the bundled application: no arguments opens the review desk, otherwise the CLI."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()      # the face stage and the GUI's analysis use spawned processes
    from forensics_app.cli import main
    sys.exit(main(sys.argv[1:] or ["gui"]))
