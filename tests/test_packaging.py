"""A plain (non-editable) install carries what it needs: `tei` works outside the checkout."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_installed_wheel_encodes_and_finds_its_data_outside_the_checkout(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                    "-w", str(wheels), str(ROOT)], check=True, capture_output=True)
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                    *map(str, wheels.glob("*.whl"))], check=True, capture_output=True)
    work = tmp_path / "elsewhere"
    work.mkdir()
    (work / "doc.txt").write_text("A paragraph with [handwritten: a note].", encoding="utf-8")
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import tei, tei.resources as r;"
        "assert tei.__file__.startswith(sys.argv[1]), tei.__file__;"
        "assert str(r.data_dir('xslt')).startswith(sys.argv[1]);"
        "assert (r.data_dir('schemas') / 'edition.rng').exists();"
        "from tei.cli import main; sys.exit(main(['encode', 'doc.txt', '-o', 'out', '-q']))"
    )
    result = subprocess.run([sys.executable, "-c", script, str(target)], cwd=work, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    assert "<seg type=\"handwritten\"" in (work / "out" / "doc.xml").read_text(encoding="utf-8")
