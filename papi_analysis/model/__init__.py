"""The reporting vocabulary: periods, the indicator catalogue, reporting units, the tidy table."""
