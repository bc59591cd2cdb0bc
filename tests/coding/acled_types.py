"""The ACLED (type, sub-event type) pairs the ACLED tests expect, and the reading they check."""

from __future__ import annotations

from watchfloor.coding.pipeline import Coder
from watchfloor.evaluation.common import main_event

MOB = ("Riots", "Mob violence")
VIOLENT_DEMO = ("Riots", "Violent demonstration")
ATTACK = ("Violence against civilians", "Attack")
CLASH = ("Battles", "Armed clash")
PEACEFUL = ("Protests", "Peaceful protest")
INTERVENTION = ("Protests", "Protest with intervention")


def acled(coder: Coder, text: str) -> tuple[str | None, str | None]:
    """The ACLED type and sub-event type of the report's main event."""
    event = main_event(coder.code_text(text).events, prefer_acled=True)
    assert event is not None, f"no event coded in {text!r}"
    return event.acled_event_type, event.acled_sub_event_type
