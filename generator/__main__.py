"""Entry point for `python -m generator`."""

import sys

from generator.cli.main import main

if __name__ == "__main__":  # a process started afresh (multiprocessing's spawn) imports this module too
    sys.exit(main())
