"""Run the `intake` command as `python -m intake`."""

import sys

from intake.cli.main import main

sys.exit(main())
