"""Lawful video analytics (decree 2023-828), privacy by design."""
