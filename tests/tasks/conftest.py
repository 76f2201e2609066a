from pathlib import Path

import pytest

from chiso.datafiles import BUNDLED_DATA
from chiso.loading import load_paths

SEED_FOLDERS = [BUNDLED_DATA / "frameworks", BUNDLED_DATA / "orgunits", BUNDLED_DATA / "tasks"]


@pytest.fixture
def seeded(db: None):
    """The real frameworks, org units and the three task and project files of the seeds."""
    return load_paths(SEED_FOLDERS)


@pytest.fixture
def tasks_dir() -> Path:
    return BUNDLED_DATA / "tasks"
