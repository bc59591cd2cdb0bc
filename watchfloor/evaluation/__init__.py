"""Evaluation commands over the shared dev sets: reports, sentences, snippets, toponyms."""
