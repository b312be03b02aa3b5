"""Heritage benchmarks: transcription WER, shot boundaries F1, speed of the whole description."""
