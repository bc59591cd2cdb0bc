"""The self-written snippets check set and the snippet label mapping."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from watchfloor.coding.pipeline import Coder
from watchfloor.evaluation.snippets import (
    NON_ACLED,
    SUB_EVENT_LABELS,
    snippet_events_label,
    snippet_label,
)
from watchfloor.records import ActorRef, Event, Evidence

CHECK = Path(__file__).parent / "data" / "snippets_check.jsonl"
FRESH = Path(__file__).parent / "data" / "snippets_fresh.jsonl"
FRESH2 = Path(__file__).parent / "data" / "snippets_fresh2.jsonl"
LABELS = frozenset(SUB_EVENT_LABELS.values()) | frozenset(NON_ACLED)


def check_rows(path: Path = CHECK) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_check_set_has_three_dev_and_two_check_snippets_per_label() -> None:
    rows = check_rows()
    assert len(LABELS) == 30
    assert len({r["id"] for r in rows}) == len(rows) == 150
    assert all(set(r) == {"id", "text", "label"} and r["text"].strip() for r in rows)
    halves = Counter((r["id"].split("-")[0], r["label"]) for r in rows)
    assert {label for _, label in halves} == LABELS
    assert all(halves[("dev", label)] == 3 and halves[("chk", label)] == 2 for label in LABELS)


def test_fresh_set_has_three_new_snippets_per_label() -> None:
    rows = check_rows(FRESH)
    assert len({r["id"] for r in rows}) == len(rows) == 90
    assert all(set(r) == {"id", "text", "label"} and r["text"].strip() for r in rows)
    assert Counter(r["label"] for r in rows) == dict.fromkeys(LABELS, 3)
    assert all(r["id"].startswith(f"new-{r['label'].lower()}-") for r in rows)
    known = {r["text"] for r in check_rows()}
    assert not known & {r["text"] for r in rows}


def test_second_fresh_set_has_five_new_snippets_per_label() -> None:
    rows = check_rows(FRESH2)
    assert len({r["id"] for r in rows}) == len(rows) == 150
    assert Counter(r["label"] for r in rows) == dict.fromkeys(LABELS, 5)
    assert all(r["id"].startswith(f"ho2-{r['label'].lower()}-") for r in rows)
    known = {r["text"] for r in check_rows()} | {r["text"] for r in check_rows(FRESH)}
    assert not known & {r["text"] for r in rows}


def event(
    plover: str,
    code: str | None = None,
    sub: str | None = None,
    *,
    source: str | None = None,
    target: str | None = None,
    source_text: str = "they",
    **extra: object,
) -> Event:
    acled_type = {
        "Armed clash": "Battles",
        "Non-state actor overtakes territory": "Battles",
        "Attack": "Violence against civilians",
        "Grenade": "Explosions/Remote violence",
        "Looting/property destruction": "Strategic developments",
        "Peaceful protest": "Protests",
        "Excessive force against protesters": "Protests",
        "Protest with intervention": "Protests",
        "Non-violent transfer of territory": "Strategic developments",
        "Arrests": "Strategic developments",
    }.get(sub or "")
    return Event(
        id="e",
        evidence=Evidence("d", 0, 0, 1, "x"),
        plover_event=plover,
        cameo_code=code,
        acled_event_type=acled_type,
        acled_sub_event_type=sub,
        source=ActorRef(source_text, sector=source) if source else None,
        target=ActorRef("them", sector=target) if target else None,
        **extra,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("ev", "label"),
    [
        (event("AGREE", "057"), "AGREEMENT"),
        (event("AGREE", "030"), "AGREEMENT"),
        (event("COERCE", "163"), "DIPLO"),
        (event("COERCE", "171"), "OTHER"),
        (event("SANCTION", "160", source="REB"), "CHANGE_TO_GROUP_ACT"),
        (event("SANCTION", "160", source="GOV"), "DIPLO"),
        (event("ASSAULT", "190", modality="claimed"), "ATTRIB"),
        (event("NONPOLITICAL", plover_mode="man-made-disaster"), "MAN_MADE_DISASTER"),
    ],
)
def test_single_event_labels(ev: Event, label: str) -> None:
    assert snippet_label(ev) == label


PROTEST = event("PROTEST", "141", "Peaceful protest")
POLICE_FIRE = event("ASSAULT", "193", "Armed clash", source="COP")
RETREAT = event("RETREAT", "0872", "Non-violent transfer of territory", source="MIL")
SEIZE = event("COERCE", "192", "Non-state actor overtakes territory", source="REB")


@pytest.mark.parametrize(
    ("events", "label"),
    [
        ([POLICE_FIRE, PROTEST], "PROTEST_WITH_INTER"),
        (
            [event("ASSAULT", "193", "Armed clash", source="MIL", fatalities=3), PROTEST],
            ("FORCE_AGAINST_PROTEST"),
        ),
        (
            [event("ASSAULT", "1712", "Looting/property destruction", source="OPP"), PROTEST],
            ("VIOL_DEMONSTR"),
        ),
        ([POLICE_FIRE], "ARMED_CLASH"),
        (
            [event("ASSAULT", "181", "Excessive force against protesters", target="OPP")],
            "ABDUCT_DISSAP",
        ),
        ([event("ASSAULT", "1712", "Looting/property destruction", source="OPP")], "VIOL_DEMONSTR"),
        (
            [event("COERCE", "173", "Arrests", source="COP", target="OPP"), PROTEST],
            ("PROTEST_WITH_INTER"),
        ),
        ([event("COERCE", "173", "Arrests", source="COP", target="OPP")], "ARREST"),
        (
            [
                event(
                    "ASSAULT",
                    "190",
                    "Armed clash",
                    source="REB",
                    source_text="its fighters",
                    quote_speaker="Boko Haram",
                )
            ],
            "ATTRIB",
        ),
        (
            [event("ASSAULT", "182", "Attack", source="CVL", source_text="Angry villagers")],
            "MOB_VIOL",
        ),
        ([event("ASSAULT", "182", "Attack", source="CVL", source_text="unknown men")], "ATTACK"),
        (
            [
                event("ASSAULT", "190", "Armed clash"),
                event("NONPOLITICAL", plover_mode="organised-crime"),
            ],
            "ORG_CRIME",
        ),
        ([event("ASSAULT", "183", "Grenade", source="CVL")], "GRENADE"),
        ([SEIZE, RETREAT], "NON_VIOL_TERRIT_TRANSFER"),
        (
            [SEIZE, RETREAT, event("ASSAULT", "190", "Armed clash")],
            ("NON_STATE_ACTOR_OVERTAKES_TER"),
        ),
        (
            [
                event(
                    "ASSAULT",
                    "190",
                    "Armed clash",
                    source="REB",
                    source_text="Al-Shabaab",
                    quote_speaker="Al-Shabaab",
                )
            ],
            "ATTRIB",
        ),
        (
            [
                event(
                    "ASSAULT",
                    "190",
                    "Armed clash",
                    source="MIL",
                    source_text="the army",
                    quote_speaker="the army",
                )
            ],
            "ARMED_CLASH",
        ),
        (
            [event("REJECT", "121"), event("NONPOLITICAL", plover_mode="organised-crime")],
            ("ORG_CRIME"),
        ),
        ([], "OTHER"),
        (
            [event("ASSAULT", "193", "Excessive force against protesters", target="OPP")],
            ("ATTACK"),
        ),
        (
            [
                event("ASSAULT", "1823", "Excessive force against protesters", source="COP"),
                PROTEST,
            ],
            ("FORCE_AGAINST_PROTEST"),
        ),
        (
            [
                event("ASSAULT", "190", "Attack", target="EDU", fatalities=1),
                event("COERCE", "175", "Protest with intervention", source="MIL"),
            ],
            ("FORCE_AGAINST_PROTEST"),
        ),
        ([event("PROTEST", "144", "Peaceful protest", source="COP")], "PROTEST_WITH_INTER"),
        (
            [event("ASSAULT", "190", "Attack", source="CVL", source_text="Typhoon Mara")],
            ("NATURAL_DISASTER"),
        ),
        (
            [
                event("ASSAULT", "190", "Armed clash", source="CVL", source_text="four men"),
                event("NONPOLITICAL", plover_mode="organised-crime", source="CRM"),
            ],
            ("ORG_CRIME"),
        ),
        (
            [
                event("ASSAULT", "193", "Armed clash", source="REB"),
                event("ASSAULT", "1831", "Suicide bomb"),
            ],
            ("SUIC_BOMB"),
        ),
        (
            [
                event("ASSAULT", "190", "Armed clash", target="COP"),
                event("COOPERATE", "060", target="CRM"),
            ],
            ("ORG_CRIME"),
        ),
        (
            [event("ASSAULT", "190", "Armed clash", source="IGO"), event("ASSAULT", "1821")],
            ("SEX_VIOL"),
        ),
        (
            [
                event("COERCE", "1711", "Disrupted weapons use", target="MIL"),
                event("ASSAULT", "195", "Air/drone strike", source="MIL"),
            ],
            ("AIR_STRIKE"),
        ),
        (
            [
                event("COERCE", "173", "Arrests", source="COP", target="EDU"),
                event("ASSAULT", "175", "Protest with intervention", source="COP"),
                PROTEST,
            ],
            ("PROTEST_WITH_INTER"),
        ),
        (
            [
                event("COERCE", "173", "Arrests", target="CVL"),
                event("ASSAULT", "175", "Protest with intervention", target="OPP"),
            ],
            ("ARREST"),
        ),
        (
            [
                replace(
                    event("ASSAULT", "190", "Armed clash", quote_speaker="The group"),
                    source=ActorRef("The group"),
                )
            ],
            "ATTRIB",
        ),
        (
            [
                event(
                    "COERCE", "192", "Non-state actor overtakes territory", quote_speaker="sources"
                )
            ],
            "NON_STATE_ACTOR_OVERTAKES_TER",
        ),
        (
            [event("ASSAULT", "190", "Attack", source="CVL", source_text="An old ferry")],
            ("MAN_MADE_DISASTER"),
        ),
        (
            [event("ASSAULT", "1833", "Attack", source="CVL", source_text="An old ferry")],
            ("ATTACK"),
        ),
        (
            [event("SANCTION", "161", source="GOV"), event("PROTEST", "141", "Peaceful protest")],
            ("DIPLO"),
        ),
    ],
)
def test_snippet_label_reads_all_events(events: list[Event], label: str) -> None:
    assert snippet_events_label(events) == label


def test_classified_event_keeps_its_type() -> None:
    crowd = event("ASSAULT", "182", "Attack", source="CVL", source_text="Angry villagers")
    assert snippet_events_label([crowd]) == "MOB_VIOL"  # the rules read the crowd
    read = replace(crowd, explanation="trigger 'beat'; sub-event model p=0.52 for ATTACK")
    assert snippet_events_label([read]) == "ATTACK"  # the classifier's reading stands


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Two soldiers raped a teenage girl at a roadblock outside the town.", "SEX_VIOL"),
        ("A car bomb went off near the central bank in the capital.", "REM_EXPLOS"),
        ("The army and the rebels exchanged fire across the river for an hour.", "ARMED_CLASH"),
        ("Customs officers seized a cache of rifles at the border post.", "DISR_WEAP"),
        ("An office tower collapsed in the old quarter of the city.", "MAN_MADE_DISASTER"),
        ("The rebels took two reporters into custody near the front line.", "ARREST"),
        ("Gunmen seized three engineers at the dam site.", "ABDUCT_DISSAP"),
        ("Soldiers recovered a stockpile of rifles and grenades in a cave.", "DISR_WEAP"),
        ("Police broke up the rally with batons and tear gas.", "PROTEST_WITH_INTER"),
        ("The army reclaimed the river crossing from the insurgents.", "GOV_REGAINS_TERIT"),
        ("Fighters pillaged the clinic and the grain store.", "PROPERTY_DISTRUCT"),
        ("Engineers destroyed a cache of mortar shells found in a cave.", "DISR_WEAP"),
        ("Coast guards intercepted 300 kilograms of heroin on a fishing boat.", "ORG_CRIME"),
        ("The rebels took credit for the ambush on the army convoy.", "ATTRIB"),
        ("Gunmen are holding five hostages in a farmhouse.", "ABDUCT_DISSAP"),
        ("Guards subjected prisoners to sexual violence at the camp.", "SEX_VIOL"),
        ("Raiders hacked three herders to death near the river.", "ATTACK"),
        ("Activists accused the air force of using chlorine on the town.", "CHEM_WEAP"),
        ("Bomb disposal teams blew up a mine found beside the school.", "DISR_WEAP"),
        ("The army freed the town of Dalo from the militants.", "GOV_REGAINS_TERIT"),
        ("A patrol returned fire on the gunmen near the bridge.", "ARMED_CLASH"),
        ("A bridge collapsed under a crowded bus, killing 30 people.", "MAN_MADE_DISASTER"),
        ("A helicopter dropped barrel bombs on the market.", "AIR_STRIKE"),
        ("The town of Bama fell to the insurgents at dawn.", "NON_STATE_ACTOR_OVERTAKES_TER"),
        ("The army pushed the rebels out of the valley.", "GOV_REGAINS_TERIT"),
        ("The lawyer was bundled into a van by masked men.", "ABDUCT_DISSAP"),
        ("Rebels took the town of Kuma after a week of fighting.", "NON_STATE_ACTOR_OVERTAKES_TER"),
        ("Mortar bombs fell on the barracks overnight.", "ART_MISS_ATTACK"),
        ("Police seized a haul of rifles in the port.", "DISR_WEAP"),
    ],
)
def test_coder_closes_the_lexicon_gaps(eval_coder: Coder, text: str, label: str) -> None:
    coded = eval_coder.code_text(text, None, "t")
    assert snippet_events_label(coded.events) == label


def test_armed_groups_joining_forces_change_their_activity(eval_coder: Coder) -> None:
    text = "Two rebel groups announced they had merged into a single front."
    events = eval_coder.code_text(text).events
    assert snippet_events_label(events) == "CHANGE_TO_GROUP_ACT"
