"""How ACLED types the violence of people who are no organised force (coding/acled_crowds.py,
the parse helpers of coding/acled_roles.py, lang/en/acled_violence_cues.tsv).

Every sentence here was written for these tests, in several registers (wire lead, local
press in West and East Africa, South Asia and Latin America, NGO situation report, official
statement, social post).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.coding.acled_types import ATTACK, CLASH, MOB, VIOLENT_DEMO, acled
from watchfloor.coding.acled_actors import load_acled_cues
from watchfloor.coding.language import use_extra_data
from watchfloor.coding.pipeline import Coder
from watchfloor.errors import ModelError
from watchfloor.evaluation.common import main_event


@pytest.mark.parametrize(
    "text",
    [
        # local press, West Africa: sticks and machetes do not make a mob a militia
        "Villagers armed with sticks beat two suspected cattle thieves in Kalale on Monday.",
        "A group of youths equipped with machetes attacked a man accused of witchcraft near "
        "Natitingou.",
        # East Africa, wire
        "Residents of a Nairobi estate beat a suspected burglar until police arrived.",
        # South Asia, local press
        "Angry villagers tied up and thrashed two men suspected of stealing a buffalo in "
        "Bihar.",
        # Latin America, local press
        "Neighbours in El Alto caught a pickpocket and beat him in the street.",
        # social post
        "people in our street just caught a phone thief and beat him badly smh",
        # NGO situation report
        "Community members assaulted a man they accused of sorcery in the Kasai village.",
        "A number of people assaulted and killed a goat thief in the village of Houin.",
    ],
)
def test_crowd_punishing_a_suspected_offender_is_mob_violence(coder: Coder, text: str) -> None:
    assert acled(coder, text) == MOB


@pytest.mark.parametrize(
    "text",
    [
        # a brawl with fists or stones is rioting even between two communities
        "Farmers and herders clashed with stones and sticks near Maradi over a damaged field.",
        "Two groups of traders engaged in a fistfight at the market in Onitsha.",
        "Refugees and local residents fought with their fists at a water point in Kakuma.",
        "Supporters of two student unions clashed with stones and sticks on the Dhaka campus.",
    ],
)
def test_a_fight_with_bare_hands_or_stones_is_mob_violence(coder: Coder, text: str) -> None:
    assert acled(coder, text) == MOB


@pytest.mark.parametrize(
    "text",
    [
        # two communities fighting, with firearms or with people killed: communal militias
        "Farmers and pastoralists clashed near Bokkos, leaving five people dead.",
        "Herders and farmers clashed with guns in the Jonglei village; two were wounded.",
        "Clashes between farmers and herders in Ketou left three people dead, officials said.",
        "Pastoralists and villagers of Tanguieta fought each other with rifles on Sunday.",
        "Tribesmen of two clans clashed over grazing land in Gedo region, killing four.",
    ],
)
def test_a_communitys_deadly_or_armed_fight_is_an_armed_clash(coder: Coder, text: str) -> None:
    assert acled(coder, text) == CLASH


@pytest.mark.parametrize(
    "text",
    [
        # a community killing or shooting people who do not fight back: a communal militia's
        "Farmers killed three Fulani herders near Bassila after cattle ate their crops.",
        "Herdsmen shot and killed a farmer on his farm in Benue State, police said.",
        "People from Kaduna killed two pastoralists near the river on Tuesday.",
        "A group of farmers opened fire on a herder and wounded him near Kandi.",
        # ... or attacking people the report names as civilians
        "Herders attacked three civilians on the road to Agbele and wounded them.",
        "A group of farmers beat civilians in a Fulani camp near Djougou.",
        "Armed youths of the Lendu community wounded four civilians in Djugu territory.",
    ],
)
def test_a_communitys_deadly_or_armed_violence_on_civilians_is_an_attack(
    coder: Coder, text: str
) -> None:
    assert acled(coder, text) == ATTACK


@pytest.mark.parametrize(
    "text",
    [
        # the same doers without killing or firearms stay a crowd
        "Farmers attacked a herder near Gaya after his cattle damaged their field.",
        "Pastoralists and farmers clashed over a damaged field near Kika; one was wounded.",
        "Some Tuareg youths assaulted a trader near Agadez.",
        # doers named only as a people are a crowd of that community
        "Hindus and Muslims clashed during a procession in the town on Friday.",
    ],
)
def test_a_communitys_violence_without_killing_or_firearms_is_mob_violence(
    coder: Coder, text: str
) -> None:
    assert acled(coder, text) == MOB


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a toll told without doers takes the type of the fight its sentence names
        ("Three people died and four were injured in a clash between farmers and herders.",
         CLASH),
        ("Two people were killed in clashes between government troops and rebels near Goma.",
         CLASH),
        # ... but named civilians killed when guards fire on them are an attack on civilians
        ("A civilian was killed and another injured when border guards fired on them.",
         ATTACK),
    ],
)
def test_a_toll_takes_the_type_of_its_fight(
    coder: Coder, text: str, expected: tuple[str, str]
) -> None:
    assert acled(coder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a toll whose sentence names no doers: typed by who the sentence says fought
        ("Two people were wounded in fighting between two families over a plot near Kisumu.",
         MOB),
        ("Three women were injured when a fistfight broke out among traders in Kano market.",
         MOB),
        ("Two men were killed in fighting between two families over farmland in Basra.",
         CLASH),
        ("Two soldiers were injured in fighting between villagers and troops near Beni.",
         CLASH),
        # the brawl told the sentence before
        ("A fist fight over a land dispute broke out at the market in Saclo on Sunday. Three "
         "local councillors were injured in the incident.", MOB),
    ],
)
def test_a_toll_without_doers_is_typed_by_who_fought(
    coder: Coder, text: str, expected: tuple[str, str]
) -> None:
    assert acled(coder, text) == expected


def test_a_toll_naming_nobody_who_fought_is_no_mob(coder: Coder) -> None:
    # "fighting in Marib" names no crowd: nothing says civilians fought
    assert acled(coder, "Two people were killed in fighting in Marib on Sunday.") != MOB


@pytest.mark.parametrize(
    "text",
    [
        # an armed actor against a person named, or "him", is an attack on a civilian
        "Unknown gunmen shot and wounded John Okello in Gulu on Friday night.",
        "Gunmen opened fire on a motorcyclist and beat him on the road to Kouande.",
        "An unidentified group killed the chairman of the village committee in Kouande.",
        "Gunmen shot dead Ahmed Ali, a local trader, in Kurram district, police said.",
    ],
)
def test_an_armed_actor_against_a_person_is_an_attack(coder: Coder, text: str) -> None:
    assert acled(coder, text) == ATTACK


@pytest.mark.parametrize(
    "text",
    [
        # the place where it happened is no raided settlement
        "Farmers and herders clashed in the village of Sanson; two were wounded.",
        "Youths clashed with traders in the camp market of Dadaab on Monday.",
    ],
)
def test_a_village_named_as_the_place_is_no_raid(coder: Coder, text: str) -> None:
    assert acled(coder, text) == MOB


@pytest.mark.parametrize(
    "text",
    [
        "Farmers demonstrated against the mediation outcome in Gamia and attacked the "
        "vehicles of the delegation.",
        "Prisoners demonstrated in Misserete over a search of their cells. Chairs were burnt "
        "and property destroyed.",
        "Traders protested a market tax in Kumasi and stoned the revenue office.",
    ],
)
def test_a_demonstration_with_its_participants_violence_is_violent(
    coder: Coder, text: str
) -> None:
    assert acled(coder, text) == VIOLENT_DEMO


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("A number of people assaulted and killed a goat thief in the village of Houin.",
         "holds guilty"),
        ("Refugees and local residents fought with their fists at a water point in Kakuma.",
         "bare hands or stones"),
        ("People from Kaduna killed two pastoralists near the river on Tuesday.",
         "communal militia"),
    ],
)
def test_the_explanation_says_why(coder: Coder, text: str, why: str) -> None:
    event = main_event(coder.code_text(text).events, prefer_acled=True)
    assert event is not None and event.explanation is not None
    assert why in event.explanation


def test_an_offender_word_is_added_from_data_alone(tmp_path: Path) -> None:
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "acled_actor_words.tsv").write_text(
        "word\tkind\npoacher\toffender\n", encoding="utf-8"
    )
    assert "offender" not in load_acled_cues("en").kinds("poacher")
    use_extra_data([tmp_path])
    try:
        assert "offender" in load_acled_cues("en").kinds("poacher")
    finally:
        use_extra_data([])


def test_a_violence_cue_is_added_from_data_alone(tmp_path: Path) -> None:
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "acled_violence_cues.tsv").write_text(
        "cue\tkind\nbare knuckle\tbare\n", encoding="utf-8"
    )
    assert ("bare", "knuckle") not in load_acled_cues("en").violence["bare"]
    use_extra_data([tmp_path])
    try:
        assert ("bare", "knuckle") in load_acled_cues("en").violence["bare"]
    finally:
        use_extra_data([])


def test_a_bad_violence_kind_is_refused_naming_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "acled_violence_cues.tsv").write_text(
        "cue\tkind\nfist\tbrawl\n", encoding="utf-8"
    )
    use_extra_data([tmp_path])
    try:
        with pytest.raises(ModelError, match="acled_violence_cues.tsv.*brawl"):
            load_acled_cues("en")
    finally:
        use_extra_data([])


def test_every_violence_kind_has_cues() -> None:
    cues = load_acled_cues("en")
    assert all(cues.violence[kind] for kind in ("accusation", "bare", "firearm", "reciprocal"))
    assert "communal" in cues.kinds("pastoralist")
    assert "offender" in cues.kinds("thief")
