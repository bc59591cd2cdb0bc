"""One exception tree for watchfloor: messages name the input and what to do."""

from __future__ import annotations


class WatchfloorError(Exception):
    """Base of every error watchfloor raises on purpose."""


class InputError(WatchfloorError):
    """Bad outside input: a file, a line, a URL, a date, a payload."""


class FetchError(InputError):
    """A URL could not be fetched, or was refused by a safety rule."""


class StoreError(WatchfloorError):
    """The database could not be opened, migrated or written."""


class ModelError(WatchfloorError):
    """An NLP model or a data file the coder needs is missing or broken."""


class ConfigError(WatchfloorError):
    """A settings value or a user-supplied YAML file is invalid."""
