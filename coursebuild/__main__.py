"""``python -m coursebuild``: see :mod:`coursebuild.cli`."""

import sys

from .cli import main

sys.exit(main())
