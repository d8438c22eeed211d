"""Klynge: the platform for Danish cross-sector health collaboration."""
