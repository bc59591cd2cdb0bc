"""Places: the gazetteer, place-mention detection and resolution, event locations."""

from watchfloor.coding.geo.gazetteer import Gazetteer
from watchfloor.coding.geo.resolver import PlaceMention, PlaceResolver

__all__ = ["Gazetteer", "PlaceMention", "PlaceResolver"]
