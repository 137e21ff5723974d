"""Where the tests find the repository and their data."""

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
GOLDEN = TESTS / "golden"
SCHEMAS = TESTS / "schemas"
SAMPLES = ROOT / "intake" / "samples" / "issues.json"
REPOSITORY = "exempelkommun/digitaliseringsprocessen"  # the bundled example repository
