"""What is installed is what is tested: the bundled data is the data at the top of the project, the
pip requirement files are the lock, and the lock is pyproject.toml's dependencies.

The wheel itself is built, installed alone into an empty venv and run from another folder by
``.ci/check-install``, which CI runs before the tests.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ita_xlsx.demo import PLAN_NAME, SAMPLE_FOLDERS, bundled

from workbooks import ROOT

UV = Path(sys.executable).with_name("uv")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_the_bundled_plan_is_the_plan_at_the_top():
    assert (bundled() / PLAN_NAME).read_bytes() == (ROOT / "workbook_templates" / PLAN_NAME).read_bytes(), (
        "run: python samples/make_samples.py"
    )


@pytest.mark.parametrize("sub", SAMPLE_FOLDERS)
def test_the_bundled_samples_are_the_samples_at_the_top(sub):
    packaged = _files(Path(str(bundled() / "samples" / sub)))
    assert packaged == _files(ROOT / "samples" / sub), "run: python samples/make_samples.py"


def test_the_lock_is_in_step_with_pyproject():
    run = subprocess.run([UV, "lock", "--check", "--offline"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr + "\nrun: bash .ci/lock"


@pytest.mark.parametrize(
    ("name", "extra"), [("requirements.txt", []), ("requirements-dev.txt", ["--extra", "dev"])]
)
def test_the_pip_requirements_are_the_lock(name, extra):
    args = [
        UV,
        "export",
        "--frozen",
        "--offline",
        "--no-emit-project",
        "--format",
        "requirements.txt",
        *extra,
    ]
    run = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True)

    def pins(text: str) -> list[str]:
        return [line for line in text.splitlines() if not line.startswith("#")]

    assert pins(run.stdout) == pins((ROOT / name).read_text(encoding="utf-8")), "run: bash .ci/lock"


def test_version_comes_from_the_package_metadata():
    from importlib import metadata

    from ita_xlsx import __version__

    run = subprocess.run([sys.executable, "-m", "ita_xlsx", "--version"], capture_output=True, text=True)
    assert (
        __version__ == metadata.version("ita-xlsx")
        and run.stdout.strip() == f"ita-xlsx, version {__version__}"
    )
