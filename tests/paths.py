"""Paths of the test inputs (importable without Django)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "seeds" / "000_26a01e5d1773f912.txt"
FIXTURES = ROOT / "tests" / "fixtures"
