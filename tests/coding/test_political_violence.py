"""Violence by doers no actor dictionary names still makes an event, as ACLED counts it
(coding/political_violence.py, through stages.PoliticalActorStage); crime, private quarrels
and accidents do not.

Every sentence here was written for these tests, in several registers (wire, local press,
NGO situation report, official statement, social post) and regions (Sahel, Great Lakes,
South Asia, Latin America, Middle East).
"""

from __future__ import annotations

import pytest

from watchfloor.coding.pipeline import Coder
from watchfloor.evaluation.common import main_event

VIOLENCE = frozenset({"Violence against civilians", "Riots", "Battles"})
KEPT = "kept without a coded actor"


def _violence(coder: Coder, text: str) -> list[tuple[str | None, str | None]]:
    events = coder.code_text(text).events
    return [(e.acled_event_type, e.explanation) for e in events if e.acled_event_type in VIOLENCE]


@pytest.mark.parametrize(
    "text",
    [
        # Sahel, local press: a communal militia named by livelihood
        "As a reprisal, herders severely wounded three passersby near Kalale.",
        "Suspected cattle herders hacked two farmers to death in Mokwa, Niger State.",
        # Sahel, NGO situation report: nobody knows who the doers are
        "Unknown individuals armed with machetes killed a shopkeeper in Kidal overnight.",
        "On 8 June, unknown individuals armed with machetes hacked to death a pastoralist.",
        # Middle East, wire: a clan's men
        "Tribesmen of the Kalhor clan shot dead two men from a rival clan near Kermanshah.",
        # Great Lakes, official statement: a group of farmers
        "A group of pastoralists attacked and wounded a farmer with a machete in Rutshuru.",
    ],
)
def test_violence_by_unnamed_doers_makes_an_event(coder: Coder, text: str) -> None:
    assert _violence(coder, text), f"no violence event in {text!r}"


@pytest.mark.parametrize(
    "text",
    [
        "Unknown individuals armed with machetes killed a shopkeeper in Kidal overnight.",
        "An unknown armed individual assassinated a pastoralist child in Madecali.",
        "Unknown persons equipped with knives wounded two traders on the road to Kandi.",
    ],
)
def test_unknown_doers_attack_civilians(coder: Coder, text: str) -> None:
    event = main_event(coder.code_text(text).events, prefer_acled=True)
    assert event is not None, f"no event in {text!r}"
    assert (event.acled_event_type, event.acled_sub_event_type) == (
        "Violence against civilians",
        "Attack",
    )


@pytest.mark.parametrize(
    "text",
    [
        # a lone person of no community, an animal, an accident, an offender: no ACLED event
        "A drunk driver killed two pedestrians in Abuja on Friday night.",
        "A thief stabbed a woman at the Dantokpa market.",
        "An elephant trampled two farmers near Kandi.",
        "a stray dog bit two kids on our street today",
        "A motorcyclist knocked down and injured a pupil near Djougou.",
    ],
)
def test_crime_and_accidents_by_no_political_actor_stay_out(coder: Coder, text: str) -> None:
    assert not any(KEPT in (why or "") for _, why in _violence(coder, text))


def test_the_same_act_told_twice_makes_no_second_event(coder: Coder) -> None:
    # "gunmen" is coded, "pastoralists" is not: the act is told once by the coded doers
    text = "Gunmen said to be Fulani pastoralists killed and beheaded a trader near Nikki."
    events = coder.code_text(text).events
    assert not any(KEPT in (e.explanation or "") for e in events)
