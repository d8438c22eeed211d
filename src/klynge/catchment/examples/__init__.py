"""The example file shipped with Klynge: an invented catchment revision (EKSEMPEL – ikke rigtige data)."""

from pathlib import Path

EXAMPLE_FILE = Path(__file__).parent / "optageomraader-eksempel.csv"
