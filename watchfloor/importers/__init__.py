"""Importers for GDELT 2.0 and ACLED event files."""
