"""Versioned ontology, lexicon and model files of the coder (read with importlib.resources)."""
