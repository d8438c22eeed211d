"""The example file shipped with Klynge: invented GP coverage figures (EKSEMPEL – ikke rigtige tal)."""

from pathlib import Path

EXAMPLE_FILE = Path(__file__).parent / "laegedaekning-eksempel.csv"
