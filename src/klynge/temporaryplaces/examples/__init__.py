"""Example files shipped with Klynge (example data – not real figures)."""

from pathlib import Path

# A count of temporary places in the import format: invented figures for the demo's municipalities.
EXAMPLE_FILE = Path(__file__).parent / "midlertidige-pladser-eksempel.csv"
