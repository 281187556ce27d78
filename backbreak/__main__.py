"""Allows ``python -m backbreak``."""

import sys

from backbreak.cli import main

sys.exit(main())
