"""Importers for external event datasets (GDELT 2.0 exports, ACLED CSV exports)."""

from __future__ import annotations

from watchfloor.importers.acled import import_acled
from watchfloor.importers.common import ImportReport, RejectedRow
from watchfloor.importers.gdelt import import_gdelt

__all__ = ["ImportReport", "RejectedRow", "import_acled", "import_gdelt"]
