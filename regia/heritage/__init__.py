"""Heritage video description: shots, OCR, speech, places, subtitles, metadata."""
