"""The documentation's code runs: the notebook quickstart end to end."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_quickstart_notebook_runs() -> None:
    r = subprocess.run([sys.executable, str(ROOT / "docs" / "quickstart_notebook.py")], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "articles: 5 read, 5 written" in r.stdout
    assert "2024 디지털 트윈 얼라이언스 포럼 -> " in r.stdout
    assert "picture:" in r.stdout or "policygraph[viz]" in r.stdout
