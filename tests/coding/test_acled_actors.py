"""ACLED type by the kind of actor (coding/acled_stage.py, lang/en/acled_*.tsv).

Every sentence here was written for these tests, in several registers (wire lead, local
press, NGO situation report, official statement, social post) and regions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.coding.acled_types import ATTACK, CLASH, INTERVENTION, MOB, PEACEFUL, VIOLENT_DEMO, acled
from watchfloor.coding.acled_actors import cue_found, load_acled_cues
from watchfloor.coding.language import use_extra_data
from watchfloor.coding.pipeline import Coder
from watchfloor.errors import ModelError
from watchfloor.evaluation.common import main_event


@pytest.mark.parametrize(
    "text",
    [
        # local press, West Africa
        "On 4 March 2023, a number of residents beat and wounded a suspected thief in Kandi.",
        "Villagers in Gbeto assaulted a motorbike thief on Tuesday evening.",
        "A group of youths lynched a man accused of witchcraft in the village of Tori.",
        # wire, South Asia
        "A mob beat a man to death in Jharkhand on Sunday over rumours of cattle theft.",
        "Angry locals thrashed two men suspected of child lifting in Nagaon district.",
        # Latin America, local press
        "Vecinos del barrio: a crowd of neighbours beat a suspected robber in Puebla.",
        "Residents of a shanty town in Lima attacked two men they accused of robbing a shop.",
        # NGO situation report
        "Students from rival unions fought each other on the campus, wounding several.",
        "Farmers and herders clashed over a damaged field near Maradi; two were wounded.",
        # social post
        "omg a bunch of people just attacked a guy outside the market, they say he stole a phone",
        "Pastoralists attacked a farmer near Gaya after a dispute over grazing land.",
        "Vigilantes beat up three suspected robbers in Mombasa on Friday night.",
    ],
)
def test_crowd_violence_is_mob_violence(coder: Coder, text: str) -> None:
    assert acled(coder, text) == MOB


@pytest.mark.parametrize(
    "text",
    [
        # organised armed actors attacking civilians stay Violence against civilians
        "Soldiers opened fire on villagers in Kano State, killing three.",
        "Police officers beat a street vendor in Harare on Monday.",
        "Suspected jihadists killed five civilians in a village near Djibo.",
        "Gunmen attacked a pastoralist near Kalale on Monday night.",
        "Militants shot dead a village chief in Tillaberi region.",
        "Pirates attacked a fishing vessel off the coast of Cotonou and beat its crew.",
        "The army killed three herders it mistook for militants in Tanguieta.",
        "An armed group attacked villagers in Ituri, killing seven.",
        "Armed farmers with hunting rifles attacked a Fulani camp near Bante.",
        "Naxalites killed a former sarpanch in Bijapur district on Saturday.",
    ],
)
def test_organised_armed_actor_against_civilians_is_an_attack(coder: Coder, text: str) -> None:
    assert acled(coder, text) == ATTACK


@pytest.mark.parametrize(
    "text",
    [
        # two organised armed actors stay Battles / Armed clash
        "Government troops clashed with Boko Haram fighters near Monguno on Sunday.",
        "Two rival militias fought for control of the market in Beni.",
        "Houthi forces clashed with government forces in Taiz, leaving deaths on both sides.",
        "Police exchanged fire with armed robbers on the highway near Ibadan.",
        "Rebels attacked an army post near Kidal; the soldiers repelled them.",
        "FARC dissidents and ELN guerrillas clashed in rural Arauca.",
        "The army fought jihadists near the border with Burkina Faso.",
        "Al-Shabaab militants attacked a military base in Lower Shabelle.",
        "Security forces clashed with militants in Kupwara district.",
        "Members of two armed groups exchanged fire in Bangui on Thursday.",
    ],
)
def test_organised_actors_fighting_stay_battles(coder: Coder, text: str) -> None:
    assert acled(coder, text)[0] == CLASH[0]


@pytest.mark.parametrize(
    "text",
    [
        "Demonstrators barricaded roads and burned tyres in Cotonou to protest the arrest of "
        "an opposition leader.",
        "Hundreds of students demonstrated in Dhaka; they threw stones at buses.",
        "Protesters set fire to a police post in Kinshasa during a demonstration over fuel prices.",
        "A violent demonstration broke out in Bamako after the vote.",
        "Residents of Parakou burnt a customs post to demonstrate against the arrest of a trader.",
        "Protesters vandalized the governor's office in Lagos on Monday.",
        "Taxi drivers demonstrated in Abidjan. They barricaded the main road.",
        "Opposition supporters protested in Conakry and clashed with police.",
        "Rioters looted shops in Nairobi during a protest against tax rises.",
        "Striking workers ransacked the factory office in Chittagong during a protest over "
        "unpaid wages.",
    ],
)
def test_demonstrators_violence_is_a_violent_demonstration(coder: Coder, text: str) -> None:
    assert acled(coder, text) == VIOLENT_DEMO


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of students marched peacefully through Dhaka to demand safer roads.",
        "Teachers demonstrated in front of the ministry in Porto-Novo over unpaid salaries.",
        "Residents protested in Kandi against the closure of the local market.",
        "Farmers held a sit-in outside the prefecture in Natitingou.",
        "Women demonstrated in Bogota to demand justice for murdered activists.",
        "Fulani people protested in Dassari against the arrest of twenty herders.",
        "Students in Aplahoue demonstrated over the arrest of two classmates.",
        "Motor taxi drivers demonstrated in Parakou after a colleague died in an accident.",
        "Nurses staged a protest in Lahore to demand permanent contracts.",
        "Supporters of the opposition party demonstrated peacefully in Lome.",
    ],
)
def test_peaceful_demonstration_stays_peaceful(coder: Coder, text: str) -> None:
    assert acled(coder, text) == PEACEFUL


@pytest.mark.parametrize(
    "text",
    [
        "Protesters gathered outside parliament in Lima. Police fired tear gas to disperse them.",
        "Residents demonstrated in Abomey-Calavi; the police intervened and dispersed them.",
        "Students protested in Nairobi until police broke up the demonstration.",
        "Traders demonstrated in Kano over new levies; police arrested several demonstrators.",
        "Hundreds protested in Karachi and police used water cannon on the crowd.",
        "Opposition supporters demonstrated in Conakry; security forces fired tear gas.",
        "Farmers protested in Punjab and the police dispersed them with a baton charge.",
        "Workers demonstrated in Dhaka. Police fired rubber bullets to disperse them.",
        "Women protested in Khartoum before security forces dispersed the rally.",
        "Youths demonstrated in Niamey; the gendarmerie intervened to restore order.",
    ],
)
def test_demonstration_the_authorities_step_into_is_with_intervention(
    coder: Coder, text: str
) -> None:
    assert acled(coder, text) == INTERVENTION


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Movement of forces: On 3 May 2023, members of an armed group were seen near Kofoni.",
            ("Strategic developments", "Change to group/activity"),
        ),
        (
            "Displacement: On 28 May 2023, inhabitants of two hamlets left their village.",
            ("Strategic developments", "Other"),
        ),
        (
            "Property destruction: On 2 June 2023, farmers killed six oxen belonging to herders.",
            ("Strategic developments", "Looting/property destruction"),
        ),
        (
            "Looting: On 9 April 2023, unknown individuals stole yams from a field near Nikki.",
            ("Strategic developments", "Looting/property destruction"),
        ),
        (
            "Non-violent activity: On 1 July 2023, an armed group preached in a mosque near Kandi.",
            ("Strategic developments", "Other"),
        ),
        (
            "Security measures: On 5 August 2023, the prefect banned motorbikes at night.",
            ("Strategic developments", "Change to group/activity"),
        ),
        (
            "Other: On 3 September 2023, soldiers fired warning shots near their base.",
            ("Strategic developments", "Other"),
        ),
        (
            "Arrests: On 14 March 2023, police detained four suspected smugglers in Malanville.",
            ("Strategic developments", "Arrests"),
        ),
        (
            "Movement of forces: An armed column was observed moving towards the park.",
            ("Strategic developments", "Change to group/activity"),
        ),
        (
            "Disrupted weapons use: Soldiers defused a bomb found on the road to Porga.",
            ("Strategic developments", "Disrupted weapons use"),
        ),
    ],
)
def test_report_heading_names_the_strategic_development(
    coder: Coder, text: str, expected: tuple[str, str]
) -> None:
    assert acled(coder, text) == expected


def test_stage_says_why_in_the_explanation(coder: Coder) -> None:
    text = "On 2 May 2023, a number of farmers assaulted and wounded a herder in Sinende."
    event = main_event(coder.code_text(text).events, prefer_acled=True)
    assert event is not None
    assert "ACLED Mob violence: done by a crowd" in event.explanation


@pytest.mark.parametrize(
    ("text", "cue", "found"),
    [
        ("They burned old tyres on the road.", ("burn", "tyre"), True),
        ("Police fired tear gas.", ("tear", "gas"), True),
        ("The tear in the flag was mended with gas lamps nearby.", ("tear", "gas"), False),
        ("Tyres were burned.", ("burn", "tyre"), False),
    ],
)
def test_cue_lemmas_in_order_within_three_words(
    coder: Coder, text: str, cue: tuple[str, ...], found: bool
) -> None:
    span = coder.nlp(text)[:]
    assert cue_found(span, cue) is found


def test_every_shipped_cue_file_loads() -> None:
    cues = load_acled_cues("en")
    assert "crowd" in cues.kinds("resident")
    assert "organised" in cues.kinds("soldier")
    assert cues.headings["movement of forces"].acled.event_type == "Strategic developments"
    assert all(cues.cues[kind] for kind in ("protest", "violent", "intervention"))


def test_a_language_without_cue_files_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match="acled_actor_words.tsv"):
        load_acled_cues("xx")


def test_headed_report_with_no_political_actor_keeps_its_event_and_place(coder: Coder) -> None:
    text = "Property destruction: On 3 May 2023, unknown individuals burned a cotton field in Kandi"
    event = main_event(coder.code_text(text).events, prefer_acled=True)
    assert event is not None
    assert event.acled_sub_event_type == "Looting/property destruction"
    assert event.place is not None and event.place.country == "BEN"


@pytest.mark.parametrize(
    "text",
    [
        # a crowd cannot take territory or arrest anyone in ACLED's terms
        "A crowd of residents captured two motorbike thieves in Ibadan and beat them.",
        "Villagers captured a suspected kidnapper near Kaduna and handed him to police.",
        "A number of youths seized a suspected thief at the market in Parakou.",
        "Locals caught and tied up a man accused of stealing a goat in Dodoma.",
        "Angry villagers captured a suspected cattle rustler in Marsabit county.",
        "Residents of a Tegucigalpa neighbourhood captured a robber and beat him.",
        "A group of farmers captured a herder whose cattle had eaten their crops.",
        "Students captured a phone thief on the campus of the university in Legon.",
        "A crowd seized a suspected child trafficker at the bus station in Kumasi.",
        "Traders captured a pickpocket at the market and beat him badly.",
    ],
)
def test_crowd_capturing_someone_is_mob_violence(coder: Coder, text: str) -> None:
    assert acled(coder, text) == MOB


@pytest.mark.parametrize(
    "text",
    [
        # the arrest of demonstrators is the intervention in their protest
        "Police arrested twenty protesters outside the parliament in Kampala.",
        "Security forces detained several demonstrators in Khartoum on Thursday.",
        "Gendarmes arrested a dozen demonstrators in Lome, the opposition said.",
        "Police arrested three protesters in Harare for blocking traffic.",
        "Officers arrested demonstrators outside the electoral commission in Nairobi.",
        "The police arrested 15 protesters in Colombo during a rally against fuel prices.",
        "Authorities arrested several protesters in Caracas, according to a rights group.",
        "Police in Dhaka arrested dozens of protesters demanding higher wages.",
        "Soldiers arrested student protesters in Conakry on Monday.",
        "Police arrested four demonstrators who had gathered at the ministry in Accra.",
    ],
)
def test_arrest_of_demonstrators_is_protest_with_intervention(coder: Coder, text: str) -> None:
    assert acled(coder, text) == INTERVENTION


@pytest.mark.parametrize(
    "text",
    [
        # the arrest of people who are not demonstrators stays an arrest
        "Police arrested three suspected smugglers in Malanville.",
        "Security forces arrested a militant commander in Peshawar.",
        "Police arrested two journalists in Harare on Monday.",
    ],
)
def test_arrest_of_others_stays_an_arrest(coder: Coder, text: str) -> None:
    assert acled(coder, text) == ("Strategic developments", "Arrests")


@pytest.mark.parametrize(
    "text",
    [
        # a doer nobody has identified is an unidentified armed group, never a crowd
        "Suspected herders killed a farmer in his field near Kouande.",
        "Presumed pastoralists attacked a woman on the road to Nikki.",
        "Unknown individuals hacked a trader to death near the market in Djougou.",
        "Suspected farmers killed a Fulani herder in the bush near Kalale.",
        "Unidentified men shot a shopkeeper dead in Kisumu on Tuesday night.",
        "Alleged cattle rustlers killed a herdsman in Turkana county.",
        "Unknown people abducted and beat a teacher in Kasai province.",
        "Suspected gang members stabbed a bus driver in Tegucigalpa.",
        "Assumed militants killed a village elder near Mopti, local sources said.",
        "Unknown assailants attacked a pastor in his home in Plateau State.",
    ],
)
def test_unidentified_doers_are_no_mob(coder: Coder, text: str) -> None:
    assert acled(coder, text)[0] != MOB[0]


@pytest.mark.parametrize(
    "text",
    [
        # doers armed with guns act as an armed group, not a mob
        "Farmers armed with rifles attacked a herder near Tchaourou.",
        "Youths equipped with firearms attacked a police patrol in Benin City.",
        "Villagers armed with guns clashed with herders near Bodjecali.",
        "A group of residents armed with pistols attacked a trader in Cap-Haitien.",
        "Herders equipped with rifles and machetes clashed with farmers near Issene.",
        "Armed villagers attacked a Fulani camp in the Bante area.",
        "Farmers and herders clashed with firearms near Goungoun, leaving four dead.",
        "Armed youths attacked soldiers at a checkpoint in Tillaberi.",
        "Hunters armed with rifles attacked a ranger post in the park.",
        "Armed residents fought a rival village over a farm boundary in Kogi State.",
    ],
)
def test_armed_doers_are_no_mob(coder: Coder, text: str) -> None:
    assert acled(coder, text)[0] != MOB[0]


@pytest.mark.parametrize(
    "text",
    [
        # a crowd's violence with no demonstration told is mob violence, whatever the
        # classifier reads (it often says "violent demonstration" for crowds against police)
        "Youths attacked a police station in Ikot Ekpene and burned two patrol vans.",
        "Angry youths stoned officers at a checkpoint in Kinshasa after a taxi driver was shot.",
        "Residents attacked the local council office in Mzuzu after a boy drowned in a pit.",
        "Youths clashed with police in Kibera after an officer shot a hawker.",
        "A crowd pelted a traffic police post with stones in Karachi after a fatal accident.",
        "Motorcycle taxi drivers attacked a police post in Bujumbura after a colleague was beaten.",
        "Residents stoned a convoy of the governor in Kaduna state.",
        "Market women attacked revenue collectors in Onitsha and seized their receipts.",
        "Students burned a university bus in Legon after a classmate was knocked down.",
        "A crowd set fire to the car of a suspected thief in Abomey.",
        "Villagers torched the hut of a healer they blamed for a death in Tanguieta.",
    ],
)
def test_crowd_violence_without_a_demonstration_is_mob_violence(coder: Coder, text: str) -> None:
    assert acled(coder, text) == MOB


def test_crowd_blocking_a_road_and_burning_tyres_is_a_violent_demonstration(coder: Coder) -> None:
    text = "Villagers blocked the highway and burned tyres after a truck killed a child near Kandi."
    assert acled(coder, text) == VIOLENT_DEMO


@pytest.mark.parametrize(
    "text",
    [
        # the victim named after "opened fire against" or a second verb, not the date
        "On 8 May 2023, policemen opened fire against a group of youths at a funeral in Tanguieta.",
        "On 19 June 2023, an armed group attacked and injured a herder near Segbana.",
        "Gunmen opened fire on traders at a cattle market near Kaduna on Sunday.",
        "On 2 March 2023, soldiers opened fire on fishermen on the shore of Lake Chad.",
        "Militants opened fire at worshippers leaving a mosque in Quetta.",
        "On 4 April 2023, gunmen attacked and wounded two farmers near Kalale.",
        "Police opened fire on a crowd of students in the centre of Conakry.",
        "On 9 July 2023, jihadists attacked and killed a shepherd near Djibo.",
        "Troops opened fire against villagers fleeing the area near Bunia.",
        "On 30 May 2023, pirates boarded a trawler and beat its crew off the coast of Lagos.",
    ],
)
def test_armed_actor_firing_on_civilians_named_after_the_verb_is_an_attack(
    coder: Coder, text: str
) -> None:
    assert acled(coder, text)[0] == ATTACK[0]


@pytest.mark.parametrize(
    "text",
    [
        # the next sentence about the same people tells how the demonstration went
        "Residents demonstrated in Bante. The residents wounded two policemen.",
        "Youths protested in Kisumu over the killing of a hawker. The youths burned tyres.",
        "Traders demonstrated in Kano against new levies. They barricaded the market road.",
        "Students demonstrated in Ouagadougou. The students threw stones at a police car.",
        "Farmers protested in Gamia on Monday. They blocked the highway for hours.",
        "Villagers demonstrated against a quarry near Semere. The villagers looted the site.",
        "Workers demonstrated in Chittagong. They vandalized the factory gate.",
        "Motorbike taxi drivers demonstrated in Lome. They set fire to a police post.",
        "Women protested in Khartoum. They burned tyres and blocked the main road.",
        "Supporters of the candidate demonstrated in Kandi. They ransacked the party office.",
    ],
)
def test_violence_told_in_the_next_sentence_makes_a_violent_demonstration(
    coder: Coder, text: str
) -> None:
    assert acled(coder, text) == VIOLENT_DEMO


@pytest.mark.parametrize(
    "text",
    [
        # arrests made at the demonstration are the intervention ("the arrest of" is a cause)
        "Hundreds protested in Kampala and police arrested 30 of them.",
        "Teachers demonstrated in Niamey; police arrested their union leader.",
        "Residents protested in Dhaka over power cuts. Police arrested eleven people.",
        "Farmers demonstrated in Lahore and officers detained several of them.",
        "Youths protested in Freetown. Police arrested a dozen on the spot.",
        "Students demonstrated in Yaounde and gendarmes arrested their spokesman.",
        "Women protested in Juba over food prices; security forces arrested five.",
        "Opposition supporters demonstrated in Lusaka and police detained the organisers.",
        "Villagers protested in Odisha against a mine; police arrested twenty villagers.",
        "Drivers demonstrated in Cotonou and the police arrested several of the drivers.",
    ],
)
def test_arrests_at_a_demonstration_make_it_one_with_intervention(coder: Coder, text: str) -> None:
    assert acled(coder, text) == INTERVENTION


def test_a_crowd_word_is_added_from_data_alone(tmp_path: Path) -> None:
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "acled_actor_words.tsv").write_text("word\tkind\nokada\tcrowd\n", encoding="utf-8")
    assert "crowd" not in load_acled_cues("en").kinds("okada")
    use_extra_data([tmp_path])
    try:
        assert "crowd" in load_acled_cues("en").kinds("okada")
    finally:
        use_extra_data([])


def test_a_bad_kind_is_refused_naming_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "acled_actor_words.tsv").write_text("word\tkind\nmob\tcrwod\n", encoding="utf-8")
    use_extra_data([tmp_path])
    try:
        with pytest.raises(ModelError, match="acled_actor_words.tsv.*crwod"):
            load_acled_cues("en")
    finally:
        use_extra_data([])
