"""Importers for external event datasets (GDELT 1.0/2.0 events and mentions, ACLED CSV)."""

from __future__ import annotations

from watchfloor.importers.acled import import_acled
from watchfloor.importers.common import DuplicateRow, ImportReport, RejectedRow
from watchfloor.importers.gdelt import import_gdelt

__all__ = ["DuplicateRow", "ImportReport", "RejectedRow", "import_acled", "import_gdelt"]
