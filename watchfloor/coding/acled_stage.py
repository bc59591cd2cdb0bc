"""The stage that gives each event ACLED's type by the kind of actor, as ACLED decides it.

Reads the roles the parse and the actor resolver found and the cues of
``lang/<language>/acled_*.tsv`` (see ``acled_actors``); writes ``acled_hint``, the type the
assembler then uses, and says why in the event's explanation.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from spacy.tokens import Span, Token

from watchfloor.coding.acled_actors import (
    ACTOR_TYPED,
    ARMED_SECTORS,
    ATTACK,
    BATTLES,
    CLASH,
    DEMONSTRATORS_ACTS,
    EXCESSIVE,
    FOLLOWING_SENTENCES,
    INTERVENTION,
    MOB,
    PEACEFUL,
    PEOPLE_KINDS,
    PROTEST_SECTOR,
    PROTEST_TYPED,
    VIOLENT_DEMO,
    AcledCues,
    Actor,
    cue_found,
    load_acled_cues,
)
from watchfloor.coding.acled_crowds import (
    SCENE_SENTENCES,
    Casualties,
    crowd_type,
    read_scene,
    unnamed_fight,
)
from watchfloor.coding.acled_passes import one_demonstration
from watchfloor.coding.acled_roles import (
    PEOPLE,
    a_person,
    attacked,
    heads_of,
    joined_doer,
    near_words,
    victim_token,
)

__all__ = ["AcledActorStage", "load_acled_cues"]
from watchfloor.coding.acled_headings import heading_of, type_by_heading
from watchfloor.coding.assemble import target_sector
from watchfloor.coding.casualties import extract_casualties
from watchfloor.coding.ontology import CIVILIAN_SECTORS, AcledType, Ontology
from watchfloor.coding.roles import unwrap
from watchfloor.coding.work import Candidate, WorkDoc
from watchfloor.records import ActorRef

ARRESTS = "Arrests"
#: sectors whose members acting together are a crowd: plain civilians (not the press, aid
#: workers or clergy, who rarely act as a mob and whose sector names a speaker as often)
CROWD_SECTORS = frozenset({"CVL"})
#: what a crowd does as mob violence in ACLED's terms: "captures" a thief, "arrests" someone,
#: burns a house (a report heading still names property destruction as such)
CROWD_TYPED = frozenset(
    {"Non-state actor overtakes territory", "Arrests", "Looting/property destruction"}
)
#: entity labels of the places a communal group may be named after
PLACE_ENTITIES = frozenset({"GPE", "LOC"})
#: kinds of target that make fighting an attack on civilians
VICTIM_KINDS = frozenset({"civilian", "crowd"})


class AcledActorStage:
    """Type each event the ACLED way: a demonstration by its cues, other violence by the kind
    of its source and target (crowd, organised armed actor, civilian)."""

    name: str = "acled-actors"
    reads: tuple[str, ...] = ("spans", "candidates")
    writes: tuple[str, ...] = ("candidates", "candidates.acled_hint")

    def __init__(
        self,
        cues: AcledCues,
        ontology: Ontology,
        actors: Any,
        casualties: Casualties = extract_casualties,
    ) -> None:
        self.cues = cues
        self.ontology = ontology
        self.actors = actors
        self.casualties = casualties

    def __call__(self, work: WorkDoc) -> None:
        headed = bool(work.spans) and heading_of(self.cues, work.spans[0]) is not None
        if headed:
            type_by_heading(work, self.cues, self.actors)
        for cand in work.candidates:
            if cand.nonpolitical or not cand.cameo_code or (headed and cand.sentence_index == 0):
                continue  # a report's heading types its first sentence (AcledHeadingStage)
            current = self.current(cand)
            if current is None:
                continue
            found = self._protest(work, cand, current)
            if found is None and current == VIOLENT_DEMO and not self._told_protest(work, cand):
                # a violent demonstration needs a demonstration: without one it is a crowd's
                found = self._by_actors(work, cand, MOB) or (MOB, "no demonstration told")
            found = found or self._by_actors(work, cand, current)
            if found is not None and found[0] != current:
                cand.acled_hint = found[0]
                cand.notes.append(f"ACLED {found[0].sub_event_type}: {found[1]}")
        self._tolls(work)
        one_demonstration(work, self.current)

    def _tolls(self, work: WorkDoc) -> None:
        """A toll told without its doers ("two were killed in clashes between farmers and
        herders") takes the type of the fight its sentence names with its doers: ACLED codes
        the fight, and the dead are its toll."""
        for cand in work.candidates:
            current = None if cand.nonpolitical else self.current(cand)
            if current is None or current.sub_event_type not in ACTOR_TYPED:
                continue
            if cand.source_token is not None or not self._a_toll(cand):
                continue
            fight = next((f for f in work.candidates if self._a_fight(f, cand)), None)
            found = self.current(fight) if fight is not None else None
            if fight is None:
                decided = self._unnamed_fight(work, cand)
            elif found == CLASH and self._civilian_toll(cand):
                continue  # civilians shot in a "clash": an attack on them
            else:
                decided = (found, f"the toll of '{fight.trigger}'") if found else None
            if decided is not None and decided[0] != current:
                cand.acled_hint = decided[0]
                cand.notes.append(f"ACLED {decided[0].sub_event_type}: {decided[1]}")

    def _unnamed_fight(self, work: WorkDoc, cand: Candidate) -> tuple[AcledType, str] | None:
        """The type of a toll's fight when no event of its sentence names the doers; a brawl
        told the sentence before counts ("A fist fight broke out. Three were injured")."""
        index = cand.sentence_index
        spans = work.spans[index : index + 1 + SCENE_SENTENCES]
        scene = read_scene(self.cues, spans, None, self.casualties)
        if scene.bare is None and index > 0:
            before = read_scene(self.cues, [work.spans[index - 1]], None, self.casualties)
            scene = replace(scene, bare=before.bare)
        victims = {t.i for c in cand.trigger.children if c.dep_ == "nsubjpass" for t in c.subtree}
        words = [t for t in spans[0] if t.i not in victims and t.pos_ in ("NOUN", "PROPN")]
        kinds = [frozenset().union(*(self.cues.kinds(w) for w in self._forms(t))) for t in words]
        return unnamed_fight(scene, kinds)

    def _a_toll(self, cand: Candidate) -> bool:
        """Whether an event is a toll: a verb of harm with no object ("were killed")."""
        trigger = cand.trigger
        return trigger.pos_ in ("VERB", "ADJ") and not any(
            c.dep_ == "dobj" for c in trigger.children
        )

    def _civilian_toll(self, cand: Candidate) -> bool:
        """Whether a toll's victims are named as civilians: "a civilian was killed when guards
        fired on them" is an attack on civilians whatever the firing is called."""
        victims = [c for c in cand.trigger.children if c.dep_ in ("nsubjpass", "nsubj")]
        victims += [cand.target_token] if cand.target_token is not None else []
        return any("civilian" in self.actor(v, None, None).kinds for v in victims)

    def _a_fight(self, other: Candidate, toll: Candidate) -> bool:
        """Whether another event of the toll's sentence is violence named with its doers."""
        if other is toll or other.sentence_index != toll.sentence_index or other.nonpolitical:
            return False
        if other.source_token is None or not other.cameo_code:
            return False
        found = self.current(other)
        return found is not None and found.sub_event_type in ACTOR_TYPED

    def current(self, cand: Candidate) -> AcledType | None:
        """The type the assembler would give the event as it stands."""
        return cand.acled_hint or self.ontology.acled(
            cand.cameo_code,
            target_sector=target_sector(cand),
            source_sector=cand.source.sector if cand.source else None,
        )

    def _protest(
        self, work: WorkDoc, cand: Candidate, current: AcledType
    ) -> tuple[AcledType, str] | None:
        """A demonstration by what its participants and the authorities did; an act of
        demonstrators ("demonstrators burned a police post") is a violent demonstration."""
        if current == EXCESSIVE and not self._told_protest(work, cand):
            return self._opposition(work, cand)
        if current.sub_event_type == ARRESTS and (
            self._demonstrator(cand.target_token, cand.target) or self._at_protest(work, cand)
        ):
            return INTERVENTION, "demonstrators arrested"
        if current.sub_event_type not in PROTEST_TYPED:
            if current.sub_event_type in DEMONSTRATORS_ACTS and self._demonstrators(work, cand):
                return VIOLENT_DEMO, "an act of demonstrators"
            return None
        if not self._told_protest(work, cand):
            return None  # the classifier's guess with no demonstration told (see __call__)
        index = cand.sentence_index
        violent = self._cue(self._window(work, index), "violent")
        if violent:
            return VIOLENT_DEMO, f"demonstrators' violence ('{violent}')"
        after = work.spans[index : index + 1 + FOLLOWING_SENTENCES]
        stepped_in = self._cue(after, "intervention") or self._arrest_near(work, cand)
        if stepped_in:
            return INTERVENTION, f"the authorities stepped in ('{stepped_in}')"
        if current.sub_event_type == INTERVENTION.sub_event_type:
            return PEACEFUL, "no violence and no intervention told"
        return None

    def _opposition(self, work: WorkDoc, cand: Candidate) -> tuple[AcledType, str] | None:
        """Force against the opposition with no demonstration told: the opposition's bases,
        positions or armed groups are fought as any armed actor ("fired missiles at Kurdish
        opposition bases"); its people are civilians attacked ("a supporter of the
        opposition was attacked"). Rioters stay the crowd they are (None)."""
        if self._cue(self._window(work, cand.sentence_index), "violent"):
            return None
        source = cand.source.sector if cand.source else None
        base = self.ontology.acled(cand.cameo_code, source_sector=source)
        if base is None:
            return None
        target = self.actor(victim_token(cand, self._known), cand.target, None)
        people = bool(target.kinds & PEOPLE_KINDS) and not target.organised
        if people and base.event_type in (BATTLES, ATTACK.event_type):
            return ATTACK, "the opposition's people attacked, no demonstration told"
        return base, "no demonstration told: the opposition's bases, positions or fighters"

    def _demonstrators(self, work: WorkDoc, cand: Candidate) -> bool:
        """Whether the doers demonstrate: demonstrators by name or sector, or a crowd in a
        sentence that says they demonstrate ("residents burned a post to demonstrate")."""
        src = cand.source_token
        if src is None:
            return False
        if self._demonstrator(src, cand.source):
            return True
        own = work.spans[cand.sentence_index]
        crowd = self.actor(src, cand.source, None).kinds & {"crowd", "community"}
        return bool(crowd) and bool(self._cue([own], "protest"))

    def _demonstrator(self, token: Token | None, ref: ActorRef | None) -> bool:
        """Whether an actor is demonstrators, by sector or by name ("protesters")."""
        if ref is not None and ref.sector == PROTEST_SECTOR:
            return True
        if token is None:
            return False
        protest_words = {cue[0] for cue in self.cues.cues["protest"] if len(cue) == 1}
        return any(w in protest_words for w in self._forms(unwrap(token) or token))

    def _arrest_near(self, work: WorkDoc, cand: Candidate) -> str | None:
        """An arrest made ("police arrested 20 of them", a verb, not "the arrest of a
        leader" the demonstrators protest) in the protest's sentence or the next ones."""
        near = range(cand.sentence_index, cand.sentence_index + 1 + FOLLOWING_SENTENCES)
        for other in work.candidates:
            if other is cand or other.sentence_index not in near or other.trigger.pos_ != "VERB":
                continue
            found = self.current(other)
            if found is not None and found.sub_event_type == ARRESTS:
                return other.trigger.text
        return None

    def _at_protest(self, work: WorkDoc, cand: Candidate) -> bool:
        """Whether an arrest made (a verb) follows a demonstration in its sentence or the
        ones before: ACLED codes the two as one protest with intervention."""
        if cand.trigger.pos_ != "VERB":
            return False
        near = range(cand.sentence_index - FOLLOWING_SENTENCES, cand.sentence_index + 1)
        for other in work.candidates:
            if other is cand or other.sentence_index not in near:
                continue
            found = self.current(other)
            if found is not None and found.sub_event_type in PROTEST_TYPED:
                return True
        return False

    def _told_protest(self, work: WorkDoc, cand: Candidate) -> bool:
        """Whether the event is a demonstration: its trigger is one, its sentence says so
        ("protested", "a demonstration") or its doers are demonstrators."""
        own = work.spans[cand.sentence_index]
        coded = self.ontology.acled(cand.cameo_code)
        told = coded is not None and coded.sub_event_type in PROTEST_TYPED  # "marched", "rioted"
        told = told or self._cue([own], "protest") is not None
        return told or self._demonstrator(cand.source_token, cand.source)

    def _window(self, work: WorkDoc, index: int) -> list[Span]:
        """The protest's sentence and the next ones that go on about its participants."""
        window = [work.spans[index]]
        for span in work.spans[index + 1 : index + 1 + FOLLOWING_SENTENCES]:
            subject = next((t for t in span if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"), None)
            people = subject is not None and (
                subject.pos_ == "PRON" or "crowd" in self.actor(subject, None, None).kinds
            )  # "They barricaded ...", "The residents wounded two policemen"
            # "Chairs were burnt": an act told without its doers goes on about the protest
            undone = subject is None and not any(t.dep_ == "agent" for t in span)
            undone = undone and any(t.dep_ == "nsubjpass" and t.head.dep_ == "ROOT" for t in span)
            if not (people or undone or self._cue([span], "protest")):
                break
            window.append(span)
        return window

    def _cue(self, spans: list[Span], kind: str) -> str | None:
        """The first cue of ``kind`` found in the spans, as its lemmas."""
        for span in spans:
            for cue in self.cues.cues[kind]:
                if cue_found(span, cue):
                    return " ".join(cue)
        return None

    def _by_actors(
        self, work: WorkDoc, cand: Candidate, current: AcledType
    ) -> tuple[AcledType, str] | None:
        """A crowd's violence is mob violence (a raid on a settlement is a communal militia's,
        and so is a community's deadly or armed violence: ``acled_crowds``); an organised
        armed actor fighting civilians attacks them."""
        if current.sub_event_type not in ACTOR_TYPED | CROWD_TYPED:
            return None
        doer = cand.source_token or joined_doer(cand.trigger)
        source = self.actor(doer, cand.source, cand.trigger)
        target_token = victim_token(cand, self._known)
        target = self.actor(target_token, cand.target, None)
        if doer is not None:
            index = cand.sentence_index
            spans = work.spans[index : index + 1 + SCENE_SENTENCES]
            scene = read_scene(self.cues, spans, target_token, self.casualties)
            # the type the trigger word names (a hint "lynched" carries), not the classifier's
            told = cand.acled_hint if not cand.classified else None
            decided = crowd_type(source, target, current, scene, told)
            if decided is not None:
                return decided
        raid = "settlement" in target.kinds and attacked(target_token, cand.trigger)
        # ACLED never codes civilians as the doers of violence: civilians who attack are rioters
        crowd = "crowd" in source.kinds or source.sector in CROWD_SECTORS
        if crowd and not source.organised and not raid:
            return MOB, f"done by a crowd ('{doer}')"
        if current.sub_event_type not in ACTOR_TYPED:
            return None
        victim = target.kinds & VICTIM_KINDS or target.civilian
        captive = "noncombatant" in target.kinds
        raided = crowd and raid  # a crowd raiding a camp acts as a communal militia
        if (
            current.event_type == BATTLES
            and not target.organised
            and ((source.organised and victim) or raided)
        ):
            return ATTACK, f"an armed actor against civilians ('{target_token}')"
        if current == MOB and source.organised:  # an organised or armed doer is no mob
            if victim and not target.organised:
                return ATTACK, f"an armed actor against civilians ('{target_token}')"
            return CLASH, f"armed doers ('{doer}')"
        if current.event_type == BATTLES and source.organised and captive:
            return ATTACK, f"an armed actor against captives or civilians ('{target_token}')"
        if current == ATTACK and source.organised and target.force and not captive:
            # ACLED's attack is on people who do not fight (prisoners of an army among them);
            # forces on both sides clash
            return CLASH, f"armed actors on both sides ('{doer}', '{target_token}')"
        return None

    def actor(self, token: Token | None, ref: ActorRef | None, trigger: Token | None) -> Actor:
        """What the cues say of an actor: the kinds of its head nouns and whether it is
        organised (by a head noun, an armed modifier near it, or its sector)."""
        sector = ref.sector if ref is not None else None
        force = sector in ARMED_SECTORS
        civilian = sector in CIVILIAN_SECTORS
        if token is None:
            return Actor(frozenset(), force, sector, force=force, civilian=civilian)
        heads = self._heads(token)
        kinds = frozenset().union(*(self.cues.kinds(w) for h in heads for w in self._forms(h)))
        near = near_words(token, heads, trigger)
        if trigger is not None:  # "clashed with firearms": the weapons are the doers'
            near += [t for c in trigger.children if c.dep_ == "prep" for t in c.subtree]
        armed = any("armed" in self.cues.kinds(w) for t in near for w in self._forms(t))
        # ACLED codes a doer nobody has identified ("suspected herders", "unknown
        # individuals") as an unidentified armed group, never as a crowd
        modifiers = [c for h in heads for c in h.children if c.dep_ in ("amod", "compound")]
        unidentified = any(
            "unidentified" in self.cues.kinds(w) for t in modifiers for w in self._forms(t)
        )
        if trigger is None and not kinds and a_person(token):
            kinds = frozenset({"civilian"})  # a named person or "him", unless a sector says not
        elif not kinds and (sector is None or civilian) and _people(token):
            # doers named only as a people ("Sunnis and Tijanis clashed", "a group of Fulani")
            # are a crowd of that community, not a force
            kinds = frozenset({"crowd", "communal"})
        force = force or "organised" in kinds
        communal = "communal" in kinds or any(self._from_place(h) for h in heads)
        return Actor(
            kinds,
            force or armed or unidentified,
            sector,
            force=force,
            unidentified=unidentified,
            communal=communal,
            civilian=civilian,
        )

    def _from_place(self, head: Token) -> bool:
        """Whether a group is named after the place it comes from ("people from Garou", "the
        Sahe-Abigo people"): ACLED names such a group a communal militia."""
        named = [c for c in head.children if c.dep_ == "compound"]
        preps = [c for c in head.children if c.dep_ == "prep"]
        for prep in preps:
            if any("origin" in self.cues.kinds(w) for w in self._forms(prep)):
                named += [c for c in prep.children if c.dep_ == "pobj"]
        return any(t.ent_type_ in PLACE_ENTITIES for t in named)

    def _forms(self, token: Token) -> tuple[str, ...]:
        return self.cues.forms(token.lower_, token.lemma_.lower())

    def _known(self, token: Token) -> bool:
        """Whether the cues know any kind for the actor's head nouns."""
        return any(self.cues.kinds(w) for h in self._heads(token) for w in self._forms(h))

    def _heads(self, token: Token) -> list[Token]:
        """Head nouns, and for a part of a group ("members of the Fulani community") the
        group too."""
        heads = heads_of(token)
        for head in list(heads):
            if any("member" in self.cues.kinds(w) for w in self._forms(head)):
                preps = [c for c in head.children if c.dep_ == "prep"]
                heads += [c for p in preps for c in p.children if c.dep_ == "pobj"]
        return heads


def _people(token: Token) -> bool:
    """Whether an actor is named as a people (nationality, ethnicity, religion)."""
    return (unwrap(token) or token).ent_type_ == PEOPLE
