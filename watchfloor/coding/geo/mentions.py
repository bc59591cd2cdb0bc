"""Finding place-name spans in a parsed document and reading their syntactic cues."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from watchfloor.coding.geo.levels import place_levels
from watchfloor.coding.language import language_data

PLACE_LABELS = {"GPE", "LOC", "FAC"}
BLOCKING_LABELS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "ORDINAL"}
LOCATIVE = {
    "in",
    "through",
    "via",
    "along",
    "at",
    "near",
    "outside",
    "inside",
    "around",
    "into",
    "across",
    "toward",
    "towards",
    "on",
    "within",
    "throughout",
    "to",
    "between",
    "and",
    "of",
    "over",
    "off",
    "nearby",
    "north",
    "south",
    "east",
    "west",
    "entered",
    "targeted",
    "shelled",
    "stormed",
    "captured",
    "recaptured",
    "hit",
    "struck",
    "bombed",
    "attacked",
}
ORIGIN = {"from"}
# "Saudi-led", "Iran-backed": the word after the hyphen makes the country a sponsor, not a place
AFFILIATIONS = frozenset({"backed", "led", "supported", "sponsored", "allied", "funded", "aligned"})
# A place after one of these nouns is what a decision or dispute is about, not where it happens.
TOPIC_PREPS = {"on", "of", "about", "over", "regarding"}
TOPIC_VERBS = {"recognise", "recognize", "annex", "claim"}
TOPIC_NOUNS = {
    "decision",
    "recognition",
    "move",
    "policy",
    "position",
    "stance",
    "statement",
    "declaration",
    "resolution",
    "law",
    "bill",
    "plan",
    "deal",
    "agreement",
    "talks",
    "negotiation",
    "dispute",
    "status",
    "question",
    "issue",
    "sovereignty",
    "future",
    "fate",
    "annexation",
}
DIRECTIONS = {
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northwest",
    "northeast",
    "southwest",
    "southeast",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
    "upper",
    "lower",
    "greater",
    "rural",
    "outer",
    "inner",
}


def admin_words() -> frozenset[str]:
    """First-level unit words of the language's place-level file ("province")."""
    return place_levels().admin_words


def local_words() -> frozenset[str]:
    """Lower unit and settlement words of the language's place-level file ("district")."""
    return place_levels().local_words


def unit_words() -> frozenset[str]:
    return place_levels().all_words


def target_verbs(language: str = "en") -> frozenset[str]:
    """Lemmas of verbs whose object right after them is where the event happens ("pounding
    Qamishli"), from the language's ``place_verbs.tsv``."""
    data = language_data(language)
    return data.build(
        "place_verbs", lambda: frozenset(data.word_kinds("place_verbs.tsv", ("target",)))
    )


# First words of compound names ("Khan Shaykhun", "Jisr ash-Shughur", "Rasm Hamam"): a match
# on one of them, or on a word right after one, is a fragment of a longer name.
NAME_HEADS = {
    "khan",
    "jisr",
    "tal",
    "tall",
    "tell",
    "tel",
    "tir",
    "ras",
    "sheikh",
    "shaykh",
    "rasm",
    "kafr",
    "kfar",
    "deir",
    "dayr",
    "ain",
    "ayn",
    "ein",
    "beit",
    "bayt",
    "bir",
    "jabal",
    "jebel",
    "wadi",
    "umm",
    "um",
    "abu",
    "bab",
    "qasr",
    "mazraat",
    "khirbat",
    "khirbet",
    "marj",
    "sahl",
    "hay",
    "hayy",
    "harat",
    "qaryat",
    "tabbat",
    "nahiyat",
    "jazirat",
    "big",
    "little",
    "small",
    "old",
    "new",
    "upper",
    "lower",
    "sidi",
    "bani",
    "beni",
    "hajj",
    "haj",
    "mount",
}
CONNECTORS = {
    "al",
    "el",
    "ad",
    "ar",
    "as",
    "ash",
    "at",
    "az",
    "an",
    "ed",
    "es",
    "ez",
    "de",
    "du",
    "da",
    "del",
    "la",
    "le",
    "bin",
    "ibn",
    "abu",
    "umm",
    "bani",
    "beni",
    "-",
    "ul",
    "e",
}


@dataclass(frozen=True)
class SpanCue:
    """A candidate place span (token offsets) and what its surroundings say about it."""

    start: int  # token index
    end: int
    source: str  # "ner", "gazetteer", "adjective"
    role: str  # "locative", "origin", "mention", "adjective"
    prefer: str | None  # "admin" when followed by "province" etc., "local" for "town" etc.


def strip_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading articles and direction words ("the northern ...") and trailing unit words
    ("... province") from a token range."""
    while end - start > 1 and doc[start].lower_ in ({"the"} | DIRECTIONS):
        start += 1
    while end - start > 1 and doc[end - 1].lower_ in (unit_words() | {"'s"}):
        end -= 1
    return start, end


def span_variants(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Token ranges to look up, fullest first: "North Korea" must stay whole, while
    "northern Idlib province" is found as "Idlib"."""
    while end - start > 1 and doc[start].lower_ == "the":
        start += 1
    variants = [(start, end)]
    core = strip_span(doc, start, end)
    lead = strip_span(doc, start, end)[0]
    for variant in ((lead, end), (start, core[1]), core):
        if variant not in variants:
            variants.append(variant)
    return variants


def cue_role(doc: Doc, start: int, end: int) -> str:
    """Locative when a place preposition or "the town of" precedes; origin after "from";
    topic when it is what a decision is about or whose it is."""
    last = doc[end - 1]
    if last.dep_ == "poss" and last.head.lemma_.lower() in TOPIC_NOUNS:
        return "topic"  # "Washington's decision": the government, not the place
    if last.dep_ == "dobj" and last.head.lemma_.lower() in TOPIC_VERBS:
        return "topic"  # "to recognise Jerusalem as Israel's capital"
    i = start - 1
    while i >= 0 and (
        doc[i].lower_ in ({"the", "of", "a"} | DIRECTIONS | unit_words())
        and doc[i].lower_ not in {"of"}
    ):
        i -= 1
    if i >= 0 and doc[i].lower_ == "of" and i - 1 >= 0 and doc[i - 1].lower_ in unit_words():
        return "locative"
    if i >= 0 and doc[i].lower_ in ORIGIN:
        return "origin"
    if i >= 1 and doc[i].lower_ == "of" and _is_name_token(doc[i - 1]):
        return "locative"  # "Tuban of Lahij": the smaller place of the larger one
    if i >= 0 and doc[i].lower_ in TOPIC_PREPS and doc[i].head.lemma_.lower() in TOPIC_NOUNS:
        return "topic"  # "the decision on Jerusalem", "recognition of X as capital"
    if i >= 0 and doc[i].lower_ in LOCATIVE:
        return "locative"
    if i >= 0 and doc[i].pos_ == "VERB" and doc[i].lemma_.lower() in target_verbs():
        return "locative"  # "drones pounding Qamishli": the attacked place, in any tense
    if end < len(doc) and doc[end].lower_ in {"'s", "’s"}:
        return "locative"
    if end < len(doc) and doc[end].lower_ in unit_words():
        return "locative"
    return "mention"


def cue_preference(doc: Doc, start: int, end: int) -> str | None:
    """Admin when the name is followed by "province"/"governorate"; local for "town of X"."""
    admin, local = admin_words(), local_words()
    if end < len(doc) and doc[end].lower_ in admin:
        return "admin"
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in admin:
        return "admin"
    if end < len(doc) and doc[end].lower_ in local:
        return "local"
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in local:
        return "local"
    return None


def ner_spans(doc: Doc) -> list[SpanCue]:
    """Place entities from spaCy NER (GPE, LOC, FAC), trimmed of articles and directions."""
    cues = []
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            start, end = span_variants(doc, ent.start, ent.end)[0]
            cues.append(
                SpanCue(
                    start, end, "ner", cue_role(doc, start, end), cue_preference(doc, start, end)
                )
            )
        elif ent.label_ == "NORP":
            cues.append(SpanCue(ent.start, ent.end, "adjective", "adjective", None))
    return cues


def _is_name_token(token: object) -> bool:
    tok = token  # spaCy Token
    text = tok.text  # type: ignore[attr-defined]
    return bool(text[:1].isupper() and text[:1].isalpha())


def _misread_name(token: Token) -> bool:
    """A proper noun tagged as a number ("of Taizz" read as CARDINAL), not a number word."""
    return (
        token.ent_type_ in {"CARDINAL", "ORDINAL", "QUANTITY"}
        and token.pos_ == "PROPN"
        and token.is_alpha
        and not token.like_num
        and _is_name_token(token)
    )


# Connectors that are also English words join names only when hyphenated ("Jisr as-Shughur"):
# "Aleppo as Turkish warplanes" is two names.
ENGLISH_CONNECTORS = {"as", "at", "an", "ad", "de", "la", "le", "e"}


def _connects(doc: Doc, j: int) -> bool:
    """A connector ("al", "ez", "-") chain that leads to another capitalised token."""
    k = j
    while k < len(doc) and k - j < 3 and doc[k].lower_ in CONNECTORS:
        if doc[k].lower_ in ENGLISH_CONNECTORS and doc[k].whitespace_:
            return False
        k += 1
    return k > j and k < len(doc) and _is_name_token(doc[k])


def capitalised_runs(doc: Doc, taken: set[int], max_len: int = 5) -> list[tuple[int, int]]:
    """Runs of capitalised tokens (with Arabic-name connectors) not already claimed."""
    blocked = set(taken)
    for ent in doc.ents:
        if ent.label_ in BLOCKING_LABELS:
            blocked.update(i for i in range(ent.start, ent.end) if not _misread_name(doc[i]))
    runs = []
    i = 0
    while i < len(doc):
        if (
            i in blocked
            or not _is_name_token(doc[i])
            or doc[i].is_sent_start
            and (doc[i].pos_ not in {"PROPN"})
        ):
            i += 1
            continue
        j = i + 1
        while (
            j < len(doc)
            and j - i < max_len
            and j not in blocked
            and (_is_name_token(doc[j]) or _connects(doc, j))
        ):
            j += 1
        runs.append((i, j))
        i = j
    return runs


def is_fragment(doc: Doc, start: int, end: int, whole_start: int, whole_end: int) -> bool:
    """True when tokens [start, end) are a piece of the longer name [whole_start, whole_end)
    that cannot stand alone: a bare head word, or a word glued to a head or connector."""
    if (start, end) == (whole_start, whole_end):
        return False
    if end - start == 1 and doc[start].lower_ in NAME_HEADS:
        return True
    before = doc[start - 1].lower_ if start > whole_start else ""
    after = doc[end].lower_ if end < whole_end else ""
    glue = NAME_HEADS | CONNECTORS
    return (
        before in glue
        or after in CONNECTORS
        or doc[start].lower_ in CONNECTORS
        or doc[end - 1].lower_ in CONNECTORS  # "Mayo-" of "Mayo-Sava"
    )
