"""The shared kernel: what every domain app may use and what imports no domain app.

Records and their versions, validity periods, Danish formatting, CSV files, input hygiene and the admin's
read-only mix-in. import-linter (`.importlinter`) keeps it from importing any other part of Klynge.
"""
