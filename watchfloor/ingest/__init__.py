"""Ingestion: JSONL, files, HTML, feeds and web pages, with near-duplicate linking."""
