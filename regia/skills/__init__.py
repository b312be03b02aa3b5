"""Skills: ROME taxonomy, extraction from job offers, demand and training gaps."""
