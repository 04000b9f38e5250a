import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The shared corpora live beside the project (../shared); LA_SHARED overrides.
SHARED = Path(os.environ.get("LA_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared():
    if not (SHARED / "data").is_dir():
        pytest.skip(f"shared data not found at {SHARED} (set LA_SHARED)")
    return SHARED
