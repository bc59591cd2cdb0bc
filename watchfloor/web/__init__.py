"""The web dashboard: static assets served by the API app."""
