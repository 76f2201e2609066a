"""The task files' folders; the loaded data (`seeded`) is a shared fixture (tests/fixtures/contents.py)."""

from chiso.datafiles import BUNDLED_DATA

SEED_FOLDERS = [BUNDLED_DATA / "frameworks", BUNDLED_DATA / "orgunits", BUNDLED_DATA / "tasks"]
