"""Evaluate fine-grained ACLED sub-event labels on news snippets (``snippets`` task)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from watchfloor.coding.language import language_data
from watchfloor.coding.pipeline import Coder
from watchfloor.coding.subevent_model import (
    MODEL_NOTE,
    NON_STATE_ARMED,
    STATE_SECTORS,
    VIOLENT_TYPES,
)
from watchfloor.evaluation.collection import learn_prior
from watchfloor.evaluation.common import (
    Tally,
    check_item,
    macro_f1,
    main_event,
    read_jsonl,
    share,
    weighted_f1,
)
from watchfloor.records import ActorRef, Event
from watchfloor.settings import Settings

SUB_EVENT_LABELS = {
    "Armed clash": "ARMED_CLASH",
    "Government regains territory": "GOV_REGAINS_TERIT",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "Air/drone strike": "AIR_STRIKE",
    "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "Chemical weapon": "CHEM_WEAP",
    "Grenade": "GRENADE",
    "Remote explosive/landmine/IED": "REM_EXPLOS",
    "Suicide bomb": "SUIC_BOMB",
    "Attack": "ATTACK",
    "Abduction/forced disappearance": "ABDUCT_DISSAP",
    "Sexual violence": "SEX_VIOL",
    "Peaceful protest": "PEACE_PROTEST",
    "Protest with intervention": "PROTEST_WITH_INTER",
    "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Mob violence": "MOB_VIOL",
    "Violent demonstration": "VIOL_DEMONSTR",
    "Agreement": "AGREEMENT",
    "Arrests": "ARREST",
    "Change to group/activity": "CHANGE_TO_GROUP_ACT",
    "Disrupted weapons use": "DISR_WEAP",
    "Headquarters or base established": "HQ_ESTABLISHED",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
    "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Other": "OTHER",
}
NONPOLITICAL_LABELS = {
    "natural-disaster": "NATURAL_DISASTER",
    "man-made-disaster": "MAN_MADE_DISASTER",
    "organised-crime": "ORG_CRIME",
}
NON_ACLED = ("DIPLO", "ATTRIB", "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER")
DIPLOMATIC = frozenset(
    {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "SANCTION",
    }
)

POSSESSIVES = ("its ", "their ", "our ")
REMOTE_STRIKES = frozenset({"194", "195"})  # shelling, air strikes
CRIME_SECTOR = "CRM"
GROUP_WORDS = ("group", "movement", "faction", "front", "brigade", "organisation")
KILLING_CODES = ("1823", "186")  # kill by physical assault, assassinate
ACCIDENT_CAUSES = frozenset(
    {"train", "bus", "minibus", "coach", "ferry", "boat", "plane", "aircraft", "lorry", "truck"}
    | {"building", "bridge", "dam", "roof", "wall", "tower"}
)
GENERIC_KILLING = frozenset({"18", "180", "182", "190"})  # no weapon named
CROWD_WORDS = ("mob", "crowd", "villager", "resident", "youth", "local", "vigilante", "communit")


def snippet_label(event: Event | None) -> str:
    """Map an event (PLOVER event/mode, ACLED sub-event type) to the snippet label set."""
    if event is None:
        return "OTHER"
    if event.modality == "claimed":
        return "ATTRIB"
    if event.plover_event == "NONPOLITICAL":
        return NONPOLITICAL_LABELS.get(event.plover_mode or "", "OTHER")
    if event.acled_sub_event_type:
        return SUB_EVENT_LABELS.get(event.acled_sub_event_type, "OTHER")
    if event.plover_event == "AGREE":
        return "AGREEMENT"
    if (event.cameo_code or "").startswith("06") and _sector(event.source) in NON_STATE_ARMED:
        return "CHANGE_TO_GROUP_ACT"  # "two rebel groups merged into one front"
    if event.plover_event in DIPLOMATIC or (event.cameo_code or "").startswith("16"):
        if event.plover_event == "SANCTION" and _sector(event.source) in NON_STATE_ARMED:
            return "CHANGE_TO_GROUP_ACT"  # "the rebels suspended their operations"
        return "DIPLO"  # CAMEO 16: sanctions, embargoes, broken relations, expulsions
    return "OTHER"


def snippet_events_label(events: Sequence[Event]) -> str:
    """The label of a snippet from all its events: the main event's label, read in the light
    of the others (a shooting at a protest, a town taken after the army left)."""
    read = next((e for e in events if MODEL_NOTE in (e.explanation or "")), None)
    if read is not None:
        return snippet_label(read)  # the classifier read the sentence: its type stands
    main = main_event(events, prefer_acled=True)
    label = snippet_label(main)
    if main is None or label == "ATTRIB":
        return label
    if any(e.modality == "claimed" for e in events) or _self_reported(main):
        return "ATTRIB"
    crime_or_disaster = [e for e in events if e.plover_event == "NONPOLITICAL"]
    if crime_or_disaster and (main.acled_event_type is None or main.source is None):
        return snippet_label(crime_or_disaster[0])  # "gang members killed ... in a shootout"
    if _criminal(main, events):
        return "ORG_CRIME"  # "gunmen linked to a drug cartel ambushed a convoy"
    code = main.cameo_code or ""
    if code.startswith(("181", "1821")):  # an abducted or raped activist is no protest
        return "ABDUCT_DISSAP" if code.startswith("181") else "SEX_VIOL"
    if any((e.cameo_code or "").startswith("1821") for e in events):
        return "SEX_VIOL"  # sexual violence during a raid: the distinctive event
    if any(e.cameo_code == "1831" for e in events):
        return "SUIC_BOMB"  # "a suicide bomber rammed a car into a convoy"
    if label == "DISR_WEAP":
        strikes = (e for e in events if e.cameo_code in REMOTE_STRIKES and e.source is not None)
        strike = next(strikes, None)  # a shell named as the thing destroyed is no strike
        if strike is not None:
            return snippet_label(strike)  # "its aircraft destroyed a weapons depot"
    if _violent(main) and (_sector(main.source) == "OPP" or any(_protest(e) for e in events)):
        return _protest_violence(main, label, events)
    held = any(e.plover_event == "PROTEST" for e in events)
    if label == "PEACE_PROTEST" and _sector(main.source) in STATE_SECTORS:
        return "PROTEST_WITH_INTER"  # "police blocked a march": the state acts on a protest
    if label == "PEACE_PROTEST" and main.source is None and _diplomatic_protest(events):
        return "DIPLO"  # "recalled its ambassador in protest at ...": a motive, no street protest
    if label == "ARREST" and _sector(main.target) == "OPP" and held:
        return "PROTEST_WITH_INTER"  # protesters arrested at their protest
    dispersed = any((e.cameo_code or "").startswith("175") for e in events)
    if label == "ARREST" and dispersed and held:
        return "PROTEST_WITH_INTER"  # "students were detained as police broke up their march"
    if label in ("ATTACK", "ARMED_CLASH") and _accident(main):
        return "MAN_MADE_DISASTER"  # "a train derailed, killing nine": an accident
    disaster = _disaster_actor(main) if label in ("ATTACK", "ARMED_CLASH") else None
    if disaster is not None:
        return disaster  # "Cyclone Fani killed 30 people"
    if label in ("ATTACK", "ARMED_CLASH", "PROPERTY_DISTRUCT") and _crowd(main.source):
        return "MOB_VIOL"  # unorganised civilians attacking people: ACLED's mob violence
    if label == "NON_STATE_ACTOR_OVERTAKES_TER" and _left_without_fight(events):
        return "NON_VIOL_TERRIT_TRANSFER"
    return label


def _criminal(main: Event, events: Sequence[Event]) -> bool:
    """A criminal group acts, or is named beside a doer-less event ("gunmen linked to a
    cartel"): organised crime, not political violence. A crowd punishing a suspected criminal
    is mob violence."""
    if _crowd(main.source) or main.acled_sub_event_type == "Mob violence":
        return False
    if CRIME_SECTOR in (_sector(main.source), _sector(main.target)):
        return _violent(main) or main.plover_event == "COERCE"
    named = any(CRIME_SECTOR in (_sector(e.source), _sector(e.target)) for e in events)
    unarmed_doer = _sector(main.source) in (None, "CVL")  # "men killed in a cartel battle"
    return named and unarmed_doer and _violent(main)


def _sector(actor: ActorRef | None) -> str | None:
    return actor.sector if actor is not None else None


def _killer_words(event: Event) -> list[str]:
    """The words of the doer of a killing with no weapon named; none for other events."""
    if event.source is None or event.cameo_code not in GENERIC_KILLING:
        return []
    return event.source.text.lower().split()


def _accident(event: Event) -> bool:
    """Deaths caused by a vehicle or a building itself, with no weapon named: a crash or a
    collapse, not an attack."""
    words = _killer_words(event)
    return bool(words) and words[-1] in ACCIDENT_CAUSES


def _disaster_words() -> dict[str, str]:
    """Words of natural and man-made disasters (``nonpolitical.tsv``), by snippet label."""
    return {
        r["trigger"]: NONPOLITICAL_LABELS[r["category"]]
        for r in language_data("en").records("nonpolitical.tsv")
        if r["category"] != "organised-crime"
    }


DISASTER_WORDS = _disaster_words()


def _disaster_actor(event: Event) -> str | None:
    """The label of a disaster named as the doer of a killing ("Cyclone Fani killed 30")."""
    return next((DISASTER_WORDS[w] for w in _killer_words(event) if w in DISASTER_WORDS), None)


def _crowd(actor: ActorRef | None) -> bool:
    """Civilians acting as a group (a crowd, villagers), not a lone or unnamed attacker."""
    if actor is None or actor.sector != "CVL":
        return False
    return any(word in actor.text.lower() for word in CROWD_WORDS)


def _violent(event: Event) -> bool:
    return event.plover_event == "ASSAULT" or event.acled_event_type in VIOLENT_TYPES


def _protest(event: Event) -> bool:
    """A protest, or an action aimed at protesters."""
    return (
        event.plover_event == "PROTEST"
        or event.acled_event_type == "Protests"
        or _sector(event.target) == "OPP"
    )


def _self_reported(event: Event) -> bool:
    """An armed group telling of its own attack ("X said it was behind the attack")."""
    speaker = (event.quote_speaker or "").lower()
    source = event.source
    if not speaker or source is None or not _violent(event):
        return False
    own = source.text.lower().startswith(POSSESSIVES)  # "its fighters", "our men"
    unplaced_group = source.sector is None and any(w in source.text.lower() for w in GROUP_WORDS)
    armed = source.sector in NON_STATE_ARMED or unplaced_group  # "the group said it had"
    return armed and (own or source.text.lower() in speaker)


def _protest_violence(event: Event, label: str, events: Sequence[Event] = ()) -> str:
    """Violence at a protest: by the protesters, or by the state against them (a killing with
    no named doer takes the doer of the dispersal: "killed after troops broke up a sit-in")."""
    source = _sector(event.source)
    if source is None:
        source = next(
            (_sector(e.source) for e in events if _dispersal(e) and e.source is not None), None
        )
    if source == "OPP" or label == "PROPERTY_DISTRUCT":
        return "VIOL_DEMONSTR"
    if source in STATE_SECTORS:
        return "FORCE_AGAINST_PROTEST" if _deadly(event) else "PROTEST_WITH_INTER"
    if label == "FORCE_AGAINST_PROTEST" and not any(e.plover_event == "PROTEST" for e in events):
        return "ATTACK"  # an activist shot by unknown men, with no protest: no repression
    return label


def _deadly(event: Event) -> bool:
    """Deaths counted, or a killing verb ("beat to death", "assassinated")."""
    return bool(event.fatalities) or (event.cameo_code or "").startswith(KILLING_CODES)


def _dispersal(event: Event) -> bool:
    """Force or arrests aimed at a protest ("troops broke up a sit-in")."""
    return event.acled_sub_event_type == "Protest with intervention" or (
        event.cameo_code or ""
    ).startswith("175")


def _diplomatic_protest(events: Sequence[Event]) -> bool:
    """A government's diplomatic step (sanctions, recalls, statements) beside the protest."""
    return any(
        _sector(e.source) == "GOV"
        and (e.plover_event in DIPLOMATIC or (e.cameo_code or "").startswith("16"))
        for e in events
    )


def _left_without_fight(events: Sequence[Event]) -> bool:
    """Territory taken after the other side withdrew, with no fighting reported."""
    withdrew = any(e.plover_event == "RETREAT" for e in events)
    fought = any(e.acled_sub_event_type == "Armed clash" for e in events)
    return withdrew and not fought


def evaluate(
    path: str | Path,
    *,
    limit: int | None = None,
    settings: Settings | None = None,
    coder: Coder | None = None,
    prior: bool = True,
) -> dict[str, Any]:
    """Accuracy, macro- and weighted F1 overall, and F1 on the five labels outside ACLED.
    ``prior``: first learn the file's collection prior (``evaluation.collection``).
    """
    tally = Tally()
    coder = coder or Coder.load(settings or Settings())
    if prior:
        learn_prior(coder, path, limit)
    gold: list[str] = []
    pred: list[str] = []
    for number, item in read_jsonl(path, limit):
        tally.n += 1
        try:
            check_item(item, "text", "label")
            coded = coder.code_text(str(item["text"]), None, str(item.get("id", number)))
            label = str(item["label"])
            pred.append(snippet_events_label(coded.events))
            gold.append(label)
        except Exception as exc:  # one bad item is counted, never fatal
            tally.failed(str(item.get("id", number)), exc)
    hits = sum(g == p for g, p in zip(gold, pred, strict=True))
    pairs = [(g, p) for g, p in zip(gold, pred, strict=True) if g in NON_ACLED]
    return {
        "task": "snippets",
        **tally.header(),
        "collection_prior": prior,
        "accuracy": share(hits, len(gold)),
        "macro_f1": macro_f1(gold, pred),
        "weighted_f1": weighted_f1(gold, pred),
        "non_acled_f1": macro_f1([g for g, _ in pairs], [p for _, p in pairs]),
    }
