"""Event typing for one sentence: triggers from the lexicon, combined through the parse.

A trigger under a verb of speech keeps its own type and records the speaker. A trigger in the
complement of a request, offer, refusal, threat or accusation refines that verb's CAMEO
sub-code instead of making an event of its own ("urged X to release" is a demand for release,
not a release). Negated material events are dropped; negated cooperation becomes a refusal;
future material conflict is a threat and future cooperation an intent (CAMEO 03).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from watchfloor.coding.language import language_data
from watchfloor.coding.lexicon import LexiconHit, TriggerLexicon
from watchfloor.coding.modality import (
    conditional,
    failed,
    hedge_cues,
    is_future,
    is_negated,
    obligation,
)
from watchfloor.coding.ontology import AcledType, read_table
from watchfloor.coding.roles import phrase, roles
from watchfloor.coding.work import Candidate
from watchfloor.errors import ModelError

EVENT_WORDS = "event_words.tsv"
#: the kinds of ``lang/<xx>/event_words.tsv`` (its header comment says what each means)
EVENT_WORD_KINDS = (
    "claim_noun",
    "generic_attack",
    "gather_verb",
    "agent_noun",
    "outcome_verb",
    "weapon_fire",
    "industrial_site",
    "blast_word",
    "armed_blast",
)


def _event_words(language: str = "en") -> dict[str, frozenset[str]]:
    """The event typer's words by kind (read once per language and set of extra folders);
    ModelError names a row of an unknown kind."""
    data = language_data(language)

    def make() -> dict[str, frozenset[str]]:
        found: dict[str, set[str]] = {kind: set() for kind in EVENT_WORD_KINDS}
        for word, kind in data.rows(EVENT_WORDS, 2):
            if kind not in found:
                raise ModelError(
                    f"lang/{language}/{EVENT_WORDS}: {word!r} has kind {kind!r}, expected one"
                    f" of {', '.join(EVENT_WORD_KINDS)}"
                )
            found[kind].add(word.lower())
        return {kind: frozenset(words) for kind, words in found.items()}

    return data.build(EVENT_WORDS, make)


def _words(kind: str) -> frozenset[str]:
    return _event_words()[kind]


COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "acomp", "conj"})
WEAPON_CODES = frozenset({"183", "1831", "1832", "1833", "193", "194", "195", "204", "2041"})
#: entity labels of a nation named before a weapon ("Rwandan artillery", "Pakistan's jets")
NATION_ENTITIES = frozenset({"NORP", "GPE"})
#: entity labels of a doer named before an attack noun ("US Predator attacks killed")
NAMED_DOERS = NATION_ENTITIES | {"ORG"}
GENERIC_VIOLENCE = frozenset({"190", "18", "180", "182", "1823", "193"})
OFFICIAL_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "IGO", "SPY"})
# (governor root, embedded code prefix) -> refined governor code; first prefix match wins.
REFINE: dict[str, tuple[tuple[str, str], ...]] = {
    "02": (
        ("04", "026"),
        ("084", "0253"),
        ("087", "0256"),
        ("08", "025"),
        ("07", "023"),
        ("06", "021"),
    ),
    "10": (
        ("04", "106"),
        ("084", "1053"),
        ("087", "1056"),
        ("08", "105"),
        ("07", "103"),
        ("06", "101"),
    ),
    "03": (
        ("04", "036"),
        ("084", "0353"),
        ("087", "0356"),
        ("08", "035"),
        ("07", "033"),
        ("06", "031"),
        ("057", "030"),
    ),
    "12": (("04", "125"), ("084", "1243"), ("08", "124"), ("07", "122"), ("06", "121")),
    "13": (
        ("18", "138"),
        ("19", "138"),
        ("20", "138"),
        ("17", "137"),
        ("16", "131"),
        ("14", "133"),
    ),
    "11": (("18", "1123"), ("19", "1123"), ("20", "1124")),
    "09": (),
}
COOPERATIVE_ROOTS = frozenset({"03", "04", "05", "06", "07"})
NEGATED_COOPERATION = (("04", "125"), ("06", "121"), ("07", "122"), ("08", "124"), ("0", "120"))
PLANNED_CONFLICT = (
    ("14", "133"),
    ("16", "131"),
    ("17", "137"),
    ("18", "138"),
    ("19", "138"),
    ("20", "138"),
)
PLANNED_COOPERATION = (
    ("05", "032"),
    ("04", "036"),
    ("06", "031"),
    ("07", "033"),
    ("084", "0353"),
    ("08", "035"),
)


ACCUSE_ROOT = "11"  # CAMEO: disapprove, accuse
VIOLENT_ROOTS = frozenset({"18", "19", "20"})  # assault, fight, mass violence


def _prefix_map(code: str, table: tuple[tuple[str, str], ...]) -> str | None:
    return next((new for prefix, new in table if code.startswith(prefix)), None)


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


class EventTyper:
    """Find the events of a sentence with the trigger lexicon and the dependency parse."""

    def __init__(self, lexicon: TriggerLexicon) -> None:
        self.lexicon = lexicon
        self.hints = {
            r["word"]: (
                frozenset(r["cameo_roots"].split(",")),
                AcledType(r["acled_event_type"], r["acled_sub_event_type"]),
            )
            for r in read_table("acled_hints.tsv")
        }

    def hits(self, sentence: Span) -> dict[int, tuple[Token, LexiconHit]]:
        """Lexicon matches in the sentence, by token index."""
        vocab = self.lexicon.vocabulary
        found: dict[int, tuple[Token, LexiconHit]] = {}
        colon = next((t.i for t in sentence[:5] if t.text == ":"), None)
        for tok in sentence:
            if colon is not None and tok.i < colon:
                continue  # "Explosives: ...", "UPDATE: ...": a heading, not part of the clause
            lemma = tok.lemma_.lower()
            if lemma not in vocab and tok.lower_ not in vocab and lemma[:-1] not in vocab:
                continue  # (a capitalised plural keeps its -s as lemma: "Airstrikes")
            if _done_without(tok):
                continue  # "took the town without firing a shot", "without a fight"
            hit = self.lexicon.match(tok)
            if hit is not None and hit.code != "---":
                found[tok.i] = (tok, hit)
        return found

    def governor(self, token: Token, hits: dict[int, tuple[Token, LexiconHit]]) -> Token | None:
        """The nearest trigger whose complement this trigger is, if any."""
        current = token
        for _ in range(4):
            claimed = current.dep_ == "nsubjpass" and current.lemma_.lower() in _words("claim_noun")
            if current.dep_ not in COMPLEMENT_DEPS and not claimed or current.head.i == current.i:
                return None  # ("responsibility for X was claimed by Y" passes through)
            current = current.head
            if current.i in hits:
                return current
        return None

    def candidates(self, sentence: Span, index: int) -> list[Candidate]:
        """Candidate events of one sentence, primary (shallowest) trigger first."""
        hits = self.hits(sentence)
        if not hits:
            return self._nonpolitical(sentence, index)
        cues = hedge_cues(sentence)
        built: dict[int, Candidate] = {}
        ordered = sorted(hits.values(), key=lambda th: (_depth(th[0]), th[0].i))
        for tok, hit in ordered:
            cand = Candidate(index, tok, hit.code, hit.rule, hit.strength, hedges=list(cues))
            r = roles(tok)
            cand.source_token, cand.target_token = r.source, r.target
            cand.target_options = r.target_options
            gov = self.governor(tok, hits)
            if gov is not None and hits[gov.i][1].code.startswith("01"):
                self._quoted(cand, gov)
            elif gov is not None and gov.i in built and self._merge(built[gov.i], cand):
                continue
            built[tok.i] = cand
        result = [c for c in built.values() if not c.cameo_code.startswith("01")]
        result = [c for c in (self._modality(c) for c in result) if c is not None]
        result = self._merge_weapons(result)
        result = self._drop_outcomes(result)
        self._protesters(result)
        result = self._drop_role_nouns(result)
        self._acled_hints(sentence, result)
        for cand in result:
            src = cand.source_token
            if (
                src is not None
                and src.i in hits
                and src.pos_ != "VERB"
                and not cand.nonpolitical
                and not _agent_noun(src)  # "Gunmen attacked": people, not a weapon
                and not _a_nations(src)  # "Rwandan artillery shelled": its military
            ):
                code = hits[src.i][1].code
                if code[:2] >= "18" or code in WEAPON_CODES:
                    # "a roadside bombing killed": a weapon, no actor; "US Predator attacks
                    # killed": the nation or body named as the attacks' doer
                    doer = roles(src).source
                    named = doer is not None and doer.ent_type_ in NAMED_DOERS
                    cand.source_token = doer if named else None
        self._mark_nonpolitical(result)
        return result or self._nonpolitical(sentence, index)

    def _quoted(self, cand: Candidate, speech: Token) -> None:
        speaker = roles(speech).source
        if speaker is None:
            return
        cand.quote_speaker = phrase(speaker).text if speaker.pos_ != "PRON" else None
        cand.speaker_token = speaker
        src = cand.source_token
        if src is None or src.pos_ == "PRON":
            cand.source_token = speaker
        cand.notes.append(f"quoted: speech verb '{speech.lemma_}' by '{speaker.text}'")
        if speech.lemma_.lower() == "claim" and any(
            c.lemma_.lower() in _words("claim_noun") for c in speech.children
        ):
            cand.modality = "claimed"
            cand.notes.append(f"'{speaker.text}' claims responsibility")

    def _merge(self, gov: Candidate, emb: Candidate) -> bool:
        """Fold an embedded trigger into its governor; False when both stay events."""
        if gov.cameo_code == "1711" and emb.cameo_code in WEAPON_CODES:
            return True  # "dismantled an IED": the device is the object, not an explosion
        table = REFINE.get(gov.root)
        if table is None:
            return False
        if gov.trigger.lemma_ == "deny" and emb.root >= "14":
            gov.cameo_code = "016"
            gov.notes.append(f"denied '{emb.trigger.text}': a denial, not an event")
            return True
        refined = _prefix_map(emb.cameo_code, table)
        if refined:
            gov.notes.append(
                f"'{gov.trigger.text}' + complement '{emb.trigger.text}' ({emb.cameo_code})"
                f" -> {refined}"
            )
            gov.cameo_code = refined
        if gov.target_token is None:
            gov.target_token = emb.target_token
        if gov.root == ACCUSE_ROOT and emb.root in VIOLENT_ROOTS:
            # "X accused Y of shelling Z": the accusation, and the reported violence itself,
            # hedged, done by the accused
            if emb.source_token is None and gov.target_token is not None:
                emb.source_token = gov.target_token
            emb.hedges.append(f"alleged ('{gov.trigger.text}')")
            emb.notes.append(f"alleged in an accusation ('{gov.trigger.text}')")
            return False
        return True

    def _modality(self, cand: Candidate) -> Candidate | None:
        tok, code = cand.trigger, cand.cameo_code
        if is_negated(tok) or failed(tok):
            if code[:2] >= "14" or code[:2] in ("09", "10", "11", "12", "13"):
                return None
            cand.cameo_code = _prefix_map(code, NEGATED_COOPERATION) or "120"
            cand.negated, cand.modality = True, "denied"
            cand.notes.append(f"negated '{tok.text}': {code} -> {cand.cameo_code}")
        elif cand.root == "13":
            cand.modality = "threatened"
        elif obligation(tok) and cand.quote_speaker and cand.root not in ("02", "10"):
            new = _prefix_map(code, REFINE["10"]) or "100"
            cand.notes.append(f"'must/should {tok.text}' reported: a demand, {code} -> {new}")
            cand.cameo_code = new
            self._speaker_demands(cand)
        elif is_future(tok) and conditional(tok) and cand.root not in COOPERATIVE_ROOTS:
            threat = "138" if code[:2] >= "18" else "130"
            cand.modality = "threatened"
            cand.notes.append(f"future '{tok.text}' on a condition: a threat, {code} -> {threat}")
            cand.cameo_code = threat
        elif is_future(tok):
            planned = _prefix_map(code, PLANNED_CONFLICT) or _prefix_map(code, PLANNED_COOPERATION)
            cand.modality = "threatened" if code[:2] >= "16" else "planned"
            if planned:
                cand.notes.append(f"future '{tok.text}': {code} -> {planned}")
                cand.cameo_code = planned
        return cand

    @staticmethod
    def _speaker_demands(cand: Candidate) -> None:
        """ "Russia said Sudan must return the helicopter": Russia demands, of Sudan."""
        speaker, obliged = cand.speaker_token, cand.source_token
        if speaker is None or speaker.pos_ == "PRON":
            return
        if obliged is not None and obliged.i != speaker.i:
            cand.target_token = obliged
            cand.target_options = (obliged,)
        cand.source_token = speaker

    def _merge_weapons(self, cands: list[Candidate]) -> list[Candidate]:
        """A generic attack ("killed", "raids") takes the weapon named elsewhere in the sentence
        ("by shelling", "warplanes"); fighting words (clash, battle) keep their own code."""
        generic = [
            c
            for c in cands
            if c.cameo_code in GENERIC_VIOLENCE
            and c.modality == "asserted"
            and c.trigger.lemma_.lower() in _words("generic_attack")
        ]
        self._suicide(cands)
        weapons = [c for c in cands if c.cameo_code in WEAPON_CODES and c not in generic]
        if not weapons or not generic:
            return cands
        best = max(weapons, key=lambda c: (c.cameo_code != "193", c.strength))
        main = generic[0]
        main.notes.append(
            f"weapon '{best.trigger.text}' ({best.cameo_code}) refines"
            f" '{main.trigger.text}' ({main.cameo_code})"
        )
        main.cameo_code = best.cameo_code
        main.source_token = main.source_token or best.source_token
        if (
            main.source_token is not None
            and main.source_token.i == best.trigger.i
            and not _agent_noun(best.trigger)  # "Gunmen attacked": the gunmen did it
        ):
            main.source_token = best.source_token
        return [c for c in cands if c not in weapons or c is main]

    def _acled_hints(self, sentence: Span, cands: list[Candidate]) -> None:
        """Words that fix the ACLED sub-event type (a grenade, a mob) for violent events."""
        for tok in sentence:
            hint = self.hints.get(tok.lower_) or self.hints.get(tok.lemma_.lower())
            if hint is None:
                continue
            for cand in cands:
                if cand.root in hint[0] and not cand.nonpolitical and cand.acled_hint is None:
                    cand.acled_hint = hint[1]
                    cand.notes.append(f"'{tok.text}': ACLED {hint[1].sub_event_type}")

    @staticmethod
    def _suicide(cands: list[Candidate]) -> None:
        """An explosion by a suicide bomber, or one who "blew himself up", is a suicide bombing."""
        suicide = any(c.cameo_code == "1831" for c in cands)
        for cand in cands:
            if cand.cameo_code not in ("183", "1832", "1833"):
                continue
            reflexive = any(
                c.dep_ == "dobj" and c.lower_ in ("himself", "herself", "themselves")
                for c in cand.trigger.children
            )
            if suicide or reflexive:
                cand.notes.append(f"suicide attack: {cand.cameo_code} -> 1831")
                cand.cameo_code = "1831"

    def _drop_outcomes(self, cands: list[Candidate]) -> list[Candidate]:
        """ "..., killing 3" after an attack is that attack's outcome, not a second event."""
        violent = {c.trigger.i: c for c in cands if c.root >= "18"}
        protests = {c.trigger.i for c in cands if c.root == "14"}
        kept = []
        for cand in cands:
            tok = cand.trigger
            attached = tok.dep_ in ("advcl", "conj", "acl", "xcomp")
            outcome = tok.lemma_.lower() in _words("outcome_verb") and tok.head.i in violent
            claim = cand.root in ("02", "10") and tok.head.i in protests
            if attached and (outcome or claim):
                main = violent.get(tok.head.i)
                if outcome and main is not None and main.target_token is None:
                    main.target_token = cand.target_token
                    main.target_options = cand.target_options
                continue
            kept.append(cand)
        return kept

    def _protesters(self, cands: list[Candidate]) -> None:
        """Protesters who gather, march or demand are protesting."""
        for cand in cands:
            src = cand.source_token
            if src is None or cand.root not in ("01", "04"):
                continue
            hit = self.lexicon.match(src) if src.pos_ in ("NOUN", "PROPN") else None
            gathering = (
                cand.trigger.lemma_.lower() in _words("gather_verb")
                and cand.root == "04"
                and (cand.source is None or cand.source.sector not in OFFICIAL_SECTORS)
                and src.pos_ == "NOUN"
            )
            if gathering and hit is None:
                hit = LexiconHit("141", "gathering", 0.6)
            if hit is not None and hit.code.startswith("14") and cand.root != "14":
                cand.notes.append(f"actor '{src.text}' protests: {cand.cameo_code} -> {hit.code}")
                cand.cameo_code = hit.code

    def _drop_role_nouns(self, cands: list[Candidate]) -> list[Candidate]:
        """A noun naming the doers ("protesters called for", "arrested protesters") is an actor
        of another event, not an event; event nouns ("clashes", "a rally") stay events."""
        sources = {c.source_token.i for c in cands if c.source_token is not None}
        targets = {c.target_token.i for c in cands if c.target_token is not None}
        kept = []
        for cand in cands:
            tok = cand.trigger
            agent = _agent_noun(tok)
            if tok.pos_ != "VERB" and agent and (tok.i in sources or tok.i in targets):
                continue
            kept.append(cand)
        return kept

    def _mark_nonpolitical(self, cands: list[Candidate]) -> None:
        """Violence caused by a flood or a fire, and crime seizures, are not political events."""
        for cand in cands:
            if cand.root < "17":
                continue
            if cand.source_token is None and _at_industrial_site(cand.trigger):
                cand.nonpolitical = "man-made-disaster"
                cand.notes.append(f"'{cand.trigger.text}' at an industrial site: an accident")
                continue
            # the object of "set fire to" is the means; of "burned the fire station", the target
            by_object = cand.rule.startswith("core verb+object")
            target = cand.target_token if cand.root == "17" and not by_object else None
            tokens = [cand.source_token, target]
            words = [w for tok in tokens if tok is not None for w in phrase(tok)]
            heads = {tok.i for tok in tokens if tok is not None}
            for tok in words:
                if _weapon_fire(tok):
                    continue  # "artillery fire hit a market": shelling, not a blaze
                category = self.lexicon.nonpolitical(tok)
                # a flood or fire must be the actor itself; crime words may sit in the phrase
                if category and (tok.i in heads or category == "organised-crime"):
                    cand.nonpolitical = category
                    cand.notes.append(f"'{tok.text}' makes it {category}")
                    break

    def _nonpolitical(self, sentence: Span, index: int) -> list[Candidate]:
        for tok in sentence:
            if tok.pos_ not in ("NOUN", "VERB") or _done_without(tok):
                continue
            category = self.lexicon.nonpolitical(tok)
            if category and category != "organised-crime":
                cand = Candidate(
                    index,
                    tok,
                    "",
                    f"non-political noun '{tok.lemma_}'",
                    0.6,
                    hedges=hedge_cues(sentence),
                    nonpolitical=category,
                )
                return [cand]
        return []


def _done_without(token: Token) -> bool:
    """A trigger inside a "without ..." phrase names what did not happen."""
    for ancestor in list(token.ancestors)[:2]:
        if ancestor.lower_ == "without" and ancestor.dep_ == "prep":
            return True
    return False


def _a_nations(token: Token) -> bool:
    """A weapon said to be a nation's ("Rwandan artillery", "Pakistan's gunships") stands for
    that state's military, which ACLED names as the actor."""
    return any(
        c.dep_ in ("amod", "compound", "poss", "nmod") and c.ent_type_ in NATION_ENTITIES
        for c in token.children
    )


def _agent_noun(token: Token) -> bool:
    """A noun for people who act ("gunmen", "protesters"), also when capitalised at the start
    of a sentence, where the tagger keeps the plural as lemma."""
    words = {token.lemma_.lower(), token.lower_}
    words |= {w[:-3] + "man" for w in words if w.endswith("men")}
    words |= {w[:-1] for w in words if w.endswith("s")}
    return bool(words & _words("agent_noun"))


def _weapon_fire(token: Token) -> bool:
    """ "Artillery fire", "sniper fire", "heavy machine-gun fire": weapons firing."""
    if token.lemma_.lower() != "fire":
        return False
    return any(
        c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in _words("weapon_fire")
        for c in token.children
    )


def _at_industrial_site(trigger: Token) -> bool:
    """ "An explosion at a chemical plant killed 12 workers": an accident, not a bombing."""
    subjects = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")]
    for blast in [trigger, *subjects]:
        if blast.lemma_.lower() not in _words("blast_word") or any(
            c.lower_ in _words("armed_blast")
            for c in blast.children
            if c.dep_ in ("compound", "amod")
        ):
            continue  # "an IED explosion at the plant" was set off
        for prep in blast.children:
            if prep.dep_ == "prep" and prep.lower_ in ("at", "in", "inside", "near"):
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.lemma_.lower() in _words("industrial_site"):
                        return True
    return False
