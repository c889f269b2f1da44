"""Deterministic sample-data generator for smart-segments (raw data contract v1)."""

__version__ = "0.1.0"
