"""Regia: an open-source AI platform for French Regions."""

__version__ = "0.1.0"
