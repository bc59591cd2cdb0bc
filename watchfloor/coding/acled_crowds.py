"""How ACLED types the violence of people who are no organised force: mob justice, brawls
and communal militias.

ACLED's codebook (2019+) calls a spontaneous, unorganised group rioters: a crowd punishing
someone it holds guilty of a crime ("mob justice") or a brawl with fists, sticks or stones is
Riots/Mob violence, whatever the crowd holds in its hands. A communal militia is a group of
armed civilians organised around a community, ethnicity, kin or livelihood (farmers,
pastoralists, the people of a village); its violence is Battles/Armed clash when both sides
fight and Violence against civilians/Attack when the victims do not fight back. We read a
community's violence as a militia's when it kills or uses firearms, and as a crowd's (mob
violence, the stage's default) when it does neither. The words live in
``lang/<language>/acled_violence_cues.tsv`` and ``acled_actor_words.tsv``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from watchfloor.coding.acled_actors import (
    ATTACK,
    CLASH,
    MOB,
    AcledCues,
    AcledType,
    Actor,
    cue_found,
)

#: sentences after the event's own that may tell its toll or weapons ("Two were killed.")
SCENE_SENTENCES = 1
#: sub-event types a community's violence may turn into a communal militia's
FIGHT_TYPED = frozenset({ATTACK.sub_event_type, CLASH.sub_event_type, MOB.sub_event_type})
#: kinds of target a communal militia attacks as civilians
VICTIM_KINDS = frozenset({"civilian", "crowd", "communal"})

Casualties = Callable[[Span], tuple[int | None, int | None]]


@dataclass(frozen=True)
class Scene:
    """What the event's sentence and the next tell of how the violence went; each cue is
    the words found (None when absent)."""

    accused: str | None
    bare: str | None
    firearm: str | None
    reciprocal: str | None
    deadly: bool


def read_scene(
    cues: AcledCues, spans: list[Span], victim: Token | None, casualties: Casualties
) -> Scene:
    """The scene of an event told in ``spans`` (its sentence first); the accusation is read
    in the victim's own words only ("a man accused of sorcery")."""
    accused = None
    if victim is not None:
        words = victim.doc[victim.left_edge.i : victim.right_edge.i + 1]
        accused = _cue(cues, "accusation", [words])
    deadly = any((casualties(span)[0] or 0) > 0 for span in spans)
    return Scene(
        accused=accused,
        bare=_cue(cues, "bare", spans),
        firearm=_cue(cues, "firearm", spans),
        reciprocal=_cue(cues, "reciprocal", spans[:1]),
        deadly=deadly,
    )


def crowd_type(
    source: Actor, target: Actor, current: AcledType, scene: Scene, told: AcledType | None
) -> tuple[AcledType, str] | None:
    """ACLED's type of violence by doers who are no named force, with the reason; None when
    the rules here do not decide (the stage's crowd and armed-actor rules then do).
    ``told``: the type the trigger names by itself ("lynched" is mob violence whoever
    lynches)."""
    if source.force or not (source.kinds or source.sector):
        return None
    if scene.accused or "offender" in target.kinds:
        why = scene.accused or "an offender"
        return MOB, f"a crowd punishing someone it holds guilty ('{why}')"
    if source.unidentified:
        return None  # nobody knows who did it: an unidentified armed group (the stage)
    if scene.bare and not scene.firearm:
        return MOB, f"a fight with bare hands or stones ('{scene.bare}')"
    if current.sub_event_type not in FIGHT_TYPED:
        return None
    if told == MOB or not source.communal:
        return None
    if "noncombatant" in target.kinds and not scene.reciprocal:
        return ATTACK, "a community's violence against people named as civilians"
    if not (scene.deadly or scene.firearm):
        return None
    how = f"firearms ('{scene.firearm}')" if scene.firearm else "people killed"
    if scene.reciprocal:
        return CLASH, f"communities fighting, {how}: communal militias"
    victim = bool(target.kinds & VICTIM_KINDS) or target.civilian
    if victim and not target.organised:
        return ATTACK, f"a community's violence against civilians, {how}: a communal militia"
    return None


def unnamed_fight(scene: Scene, kinds: list[frozenset[str]]) -> tuple[AcledType, str] | None:
    """ACLED's type of a fight told without its doers ("two were wounded in fighting between
    two families", "a fist fight broke out"), from the scene and the kinds of the words its
    sentence names besides the victims: a brawl is mob violence; a fight among civilians or
    communities, no armed actor named, is mob violence, or communal militias' armed clash
    when it kills or uses firearms. None when the sentence does not tell."""
    if scene.bare and not scene.firearm:
        return MOB, f"a fight with bare hands or stones ('{scene.bare}')"
    if not scene.reciprocal or any("organised" in k for k in kinds):
        return None
    people = [k for k in kinds if k & {"crowd", "communal"}]
    if not people:
        return None
    if any("communal" in k for k in people) and (scene.deadly or scene.firearm):
        return CLASH, "communities fighting, people killed: communal militias"
    if scene.firearm:
        return None
    return MOB, "a fight among civilians, no armed actor named"


def _cue(cues: AcledCues, kind: str, spans: list[Span]) -> str | None:
    for span in spans:
        for cue in cues.violence[kind]:
            if cue_found(span, cue):
                return " ".join(cue)
    return None
