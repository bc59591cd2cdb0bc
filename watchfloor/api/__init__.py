"""The REST API (FastAPI) over the store."""
