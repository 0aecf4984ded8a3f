"""The package type-checks (mypy), so CI catches what the annotations promise and the code breaks."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parent.parent


def test_mypy_finds_no_type_errors(tmp_path):
    if shutil.which("mypy", path=str(Path(sys.executable).parent)) is None:
        pytest.fail("mypy is missing: it comes with the [test] extra")
    done = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(CHECKOUT / "pyproject.toml"),
                           "--cache-dir", str(tmp_path / "cache"), str(CHECKOUT / "checker")],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:]
