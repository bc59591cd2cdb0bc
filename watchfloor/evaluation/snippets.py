"""Evaluate fine-grained ACLED sub-event labels on news snippets (``snippets`` task)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from watchfloor.coding.pipeline import Coder
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
from watchfloor.records import Event
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
    if event.plover_event in DIPLOMATIC:
        return "DIPLO"
    return "OTHER"


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
            pred.append(snippet_label(main_event(coded.events, prefer_acled=True)))
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
