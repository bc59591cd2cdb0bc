"""Package data for actor coding: derived lexicon, organisations, sector words."""
