"""The event coder: sentences to PLOVER/CAMEO/ACLED events with evidence."""
