"""PyInstaller entry script: the frozen app starts exactly like ``python -m qrpin_gui``."""

import sys

from qrpin_gui.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
