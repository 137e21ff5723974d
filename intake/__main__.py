"""Run the `intake` command as `python -m intake`."""

import sys

from intake.cli import main

sys.exit(main())
