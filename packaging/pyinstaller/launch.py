"""The bundle's entry point: the same as the ``backbreak`` command."""

import sys

from backbreak.cli import main

sys.exit(main())
