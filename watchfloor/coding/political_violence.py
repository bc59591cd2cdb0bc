"""Violence against people by doers no dictionary names, which ACLED still counts.

The political-actor gate (``stages.PoliticalActorStage``) keeps events with a coded actor.
ACLED also codes violence whose doers are nobody's forces: an unidentified armed group
("unknown assailants", "individuals armed with machetes"), a communal militia (people named
by their community, ethnicity or livelihood: "herders", "a Fulani pastoralist", "the people
of Garou") and rioters (a group of people: "a number of residents", "youths"). This module
says when an event is such violence; the words are ACLED's actor kinds of
``lang/<language>/acled_actor_words.tsv`` read through the ACLED actor stage, so it knows
none. A lone person of no community ("a man", "a driver") and offenders ("robbers") stay
out: common crime, domestic violence and accidents are not ACLED events.
"""

from __future__ import annotations

from spacy.tokens import Token

from watchfloor.coding.acled_roles import joined_doer
from watchfloor.coding.acled_stage import AcledActorStage
from watchfloor.coding.roles import is_quantity, unwrap
from watchfloor.coding.work import Candidate

#: ACLED sub-event types of violence against people
PEOPLE_VIOLENCE = frozenset(
    {
        "Attack",
        "Armed clash",
        "Mob violence",
        "Abduction/forced disappearance",
        "Sexual violence",
    }
)
#: number feature of a plural noun (Universal Dependencies)
PLURAL = ["Plur"]


class UnnamedPerpetrators:
    """Whether an event is violence against people by doers ACLED counts though no actor
    dictionary names them; the reason, for the trace."""

    def __init__(self, acled: AcledActorStage) -> None:
        self.acled = acled

    def violence(self, cand: Candidate) -> bool:
        """Whether the event is violence against people in ACLED's terms."""
        if cand.nonpolitical or not cand.cameo_code:
            return False
        kind = self.acled.current(cand)
        return kind is not None and kind.sub_event_type in PEOPLE_VIOLENCE

    def reason(self, cand: Candidate) -> str | None:
        """Why the event counts ("rioters ('residents')"), or None when it does not: no
        violence against people, no doer, or a doer ACLED would not code."""
        if not self.violence(cand):
            return None
        doer = cand.source_token or joined_doer(cand.trigger)
        if doer is None:
            return None
        actor = self.acled.actor(doer, cand.source, cand.trigger)
        if "offender" in actor.kinds and not actor.kinds & {"crowd", "communal", "organised"}:
            return None  # "robbers", "a thief": crime, whoever counts it
        if actor.unidentified:
            return f"an unidentified armed group ('{doer.text}')"
        if actor.communal:
            return f"a communal militia ('{doer.text}')"
        if not _a_group(doer):
            return None  # one person of no community: crime or a private quarrel
        if actor.force or actor.organised:
            return f"an armed group ('{doer.text}')"
        if "crowd" in actor.kinds:
            return f"rioters ('{doer.text}')"
        return None


def _a_group(token: Token) -> bool:
    """Whether the doers are several: a plural, a count ("a group of", "a number of") or
    two joined nouns ("a farmer and his sons")."""
    head = unwrap(token) or token
    if is_quantity(token) or any(c.dep_ == "conj" for c in head.children):
        return True
    return head.morph.get("Number", []) == PLURAL


def rescue(
    finder: UnnamedPerpetrators, kept: list[Candidate], dropped: list[Candidate]
) -> list[tuple[Candidate, str]]:
    """The dropped events that are violence by unnamed doers, with why; one whose sentence
    keeps another event of violence against people is the same act told twice ("gunmen
    said to be herders killed and beheaded a trader") and stays dropped."""
    told = {c.sentence_index for c in kept if finder.violence(c)}
    found = [(c, finder.reason(c)) for c in dropped if c.sentence_index not in told]
    return [(c, why) for c, why in found if why]
