"""Fatalities and injuries stated in a sentence ("killing at least 25", "two soldiers died").

Conventions (ACLED's, written down so figures can be read honestly):

* an explicit number is taken as stated; with several counts for one kind, the largest;
* "no casualties/fatalities were reported", "no one was hurt" -> 0;
* vague quantities: "a few"/"a couple" -> 2, "several"/"many"/"a number of"/"unknown number
  of"/"scores" -> 10 (ACLED's code for plural unknown), "dozens" -> 12, "hundreds" -> 100;
* deaths said to happen without any quantity ("leaving deaths and injuries") -> None
  (unknown) from :func:`extract_casualties`; :meth:`Casualties.acled_fatalities` scores that
  as 10 and "nothing stated" as 0, the way ACLED codes reports.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span

from watchfloor.coding.language import language_data

UNITS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "single": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
VAGUE = {
    "a few": 2,
    "few": 2,
    "a couple of": 2,
    "a couple": 2,
    "several": 10,
    "many": 10,
    "a number of": 10,
    "an unknown number of": 10,
    "unknown number of": 10,
    "an unspecified number of": 10,
    "scores of": 10,
    "a dozen": 12,
    "dozens of": 12,
    "dozens": 12,
    "hundreds of": 100,
    "hundreds": 100,
    "numerous": 10,
}
_WORD_NUMBER = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a|an|single)"
    r"(?: hundred)?"
)
_VAGUE = "|".join(sorted((re.escape(v) for v in VAGUE), key=len, reverse=True))
NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_VAGUE}|{_WORD_NUMBER})"
QUALIFIER = (
    r"(?:(?:at least|some|about|around|approximately|nearly|almost|up to|more than|"
    r"over|as many as|an estimated|a total of|reportedly|another|other|further)\s+)*"
)
NOUNS = r"(?:[\w'’-]+,?\s+){0,8}?"
KILLED = (
    r"(?:killed|dead|died|slain|massacred|executed|perished|lost their lives|"
    r"lost his life|lost her life|shot dead|beheaded|burned to death|were killed|"
    r"assassinated|"
    r"succumbed|shot and killed|drowned)"
)
INJURED = r"(?:injured|wounded|hurt|maimed)"
KILLING = (
    r"(?:killing|killed|kills|kill|shot dead|shooting dead|assassinated|assassinating|leaving|left|"
    r"claiming the lives of|claimed the lives of|"
    r"the death of|the deaths of|the killing of|execution of|executing|death toll (?:rose |"
    r"climbed |reached |stands at |of )?(?:to )?)"
)
INJURING = r"(?:injuring|injured|injures|wounding|wounded|wounds|injury to|injuries to)"
DEATH_NOUN = r"(?:deaths|dead|fatalities|bodies|killed|people dead|casualties dead)"
INJURY_NOUN = r"(?:injuries|injured|wounded|people injured|casualties injured)"
_FLAGS = re.IGNORECASE

NOT_NO = r"(?<!no )(?<!No )"
_QUOTES = re.compile(r"[\"“”]|(?<!\w)['‘’]|['‘’](?!\w)")
FATAL_PATTERNS = [
    re.compile(
        rf"{NOT_NO}\b(?P<n>{NUM})\s+{NOUNS}(?:(?:were|was|have been|has been|had been|are|"
        rf"were reportedly|reportedly)\s+)?{KILLED}\b",
        _FLAGS,
    ),
    re.compile(
        rf"\b{KILLING}\s+{QUALIFIER}(?P<n>{NUM})\b(?!\s*(?:%|percent|km|kilomet|"
        rf"miles|hours|days|years|injur|wound))",
        _FLAGS,
    ),
    re.compile(rf"{NOT_NO}\b(?P<n>{NUM})\s+(?:\w+\s+){{0,2}}?{DEATH_NOUN}\b", _FLAGS),
]
INJURY_PATTERNS = [
    re.compile(
        rf"{NOT_NO}\b(?P<n>{NUM})\s+{NOUNS}(?:(?:were|was|have been|has been|had been|are|"
        rf"reportedly)\s+)?{INJURED}\b",
        _FLAGS,
    ),
    re.compile(rf"\b{INJURING}\s+{QUALIFIER}(?P<n>{NUM})\b", _FLAGS),
    re.compile(rf"{NOT_NO}\b(?P<n>{NUM})\s+(?:\w+\s+){{0,2}}?{INJURY_NOUN}\b", _FLAGS),
]
NO_CASUALTIES = re.compile(
    r"\b(?:no|without|neither|nor|zero)\s+(?:\w+\s+){0,4}?(?:casualties|victims)\b|"
    r"\bno one was (?:killed|hurt|injured|harmed)\b|\bno(?:body| one| people) (?:were|was) "
    r"(?:killed|hurt|injured|harmed)\b|\bdid not (?:result in|cause|leave) (?:any )?casualties\b",
    _FLAGS,
)
NO_DEATHS = re.compile(
    r"\b(?:no|without|neither|nor|zero)\s+(?:\w+\s+){0,4}?(?:fatalities|deaths|dead|loss of life|"
    r"killed)\b|\bno(?:body| one) (?:was|were) killed\b|\bdid not (?:result in|cause) (?:any )?"
    r"(?:fatalities|deaths)\b",
    _FLAGS,
)
NO_INJURIES = re.compile(
    r"\b(?:no|without|neither|nor|zero)\s+(?:\w+\s+){0,4}?(?:injuries|injured|wounded)\b|"
    r"\bno(?:body| one) (?:was|were) (?:hurt|injured|wounded)\b",
    _FLAGS,
)
UNCOUNTED_DEATHS = re.compile(
    r"\b(?:deaths|fatalities|killing and injuring|killed and injured|killed and wounded|"
    r"casualties|dead and wounded|dead and injured|killing and wounding)\b",
    _FLAGS,
)
UNCOUNTED_INJURIES = re.compile(
    r"\b(?:injuries|injured|wounded|wounding|injuring|casualties)\b", _FLAGS
)


@dataclass(frozen=True)
class Casualties:
    """What a sentence says about the dead and wounded; None = not stated as a number."""

    fatalities: int | None
    injuries: int | None
    deaths_uncounted: bool = False
    injuries_uncounted: bool = False

    def acled_fatalities(self) -> int:
        """ACLED's coding: the number, 10 for deaths without a number, else 0."""
        if self.fatalities is not None:
            return self.fatalities
        return 10 if self.deaths_uncounted else 0


def parse_number(text: str) -> int | None:
    """Integer value of a digit string, number words ("twenty-five") or a vague quantity."""
    words = " ".join(text.lower().replace("-", " ").split())
    if words in VAGUE:
        return VAGUE[words]
    digits = words.replace(",", "")
    if digits.isdigit():
        return int(digits)
    total = 0
    for word in words.split():
        if word in UNITS:
            total += UNITS[word]
        elif word in TENS:
            total += TENS[word]
        elif word == "hundred":
            total = max(total, 1) * 100
        else:
            return None
    return total or None


def _largest(patterns: list[re.Pattern[str]], text: str, *, dead: bool = False) -> int | None:
    """The largest count the patterns find; for the ``dead``, not a count of the killers
    ("a number of people killed a thief") nor of beasts ("killed six oxen")."""
    found = []
    for pattern in patterns:
        match = pattern.search(text)
        while match is not None:  # overlapping: "a family, including five children, were"
            value = _count(match, "n")
            if value is not None and not (dead and _not_the_dead(match, text, "n")):
                found.append(value)
            match = pattern.search(text, match.start("n") + len(match.group("n")))
    return max(found) if found else None


def _count(match: re.Match[str], group: str) -> int | None:
    """The number of the match's ``group``, when it can count people: no year, nothing absurd."""
    token = match.group(group)
    value = parse_number(token)
    return value if value is not None and value < 100_000 and not _is_year(token) else None


def _not_the_dead(match: re.Match[str], text: str, group: str) -> bool:
    """Whether the count in ``group`` counts the killers (it opens a match whose verb has an
    object) or beasts, not the dead."""
    words = _language_patterns()
    killers = match.start(group) == match.start() and words.killers.match(text, match.end())
    return bool(killers or words.animals.match(text, match.end(group)))


def _is_year(token: str) -> bool:
    return token.isdigit() and len(token) == 4 and token.startswith(("19", "20"))


@dataclass(frozen=True)
class LanguagePatterns:
    """Patterns built from one language's ``casualty_words.tsv``: ``date`` finds a day beside a
    month; ``fatal`` adds killings by manner ("lynched a man to death"); ``killers`` finds a
    count of the doers ("a number of people killed a thief"); ``animals`` a count of beasts."""

    date: re.Pattern[str]
    fatal: tuple[re.Pattern[str], ...]
    killers: re.Pattern[str]
    animals: re.Pattern[str]
    joined: tuple[re.Pattern[str], ...]
    tolls: re.Pattern[str]
    ranges: tuple[re.Pattern[str], ...]


@functools.cache
def _language_patterns(language: str = "en") -> LanguagePatterns:
    rows = language_data(language).rows("casualty_words.tsv", 2)

    def words(kind: str) -> str:
        return "|".join(re.escape(r[0]) for r in rows if r[1] == kind)

    months, manner = words("month"), words("fatal_manner")
    day = rf"\d{{1,2}}(?:{words('ordinal')})?"
    date = re.compile(
        rf"\b{day}(?:\s*-\s*{day})?\s+(?:(?:{words('day_of')})\s+)?(?:{months})\b\.?"
        rf"|\b(?:{months})\.?\s+{day}\b",
        _FLAGS,
    )
    verb = rf"\b(?!(?:{words('not_fatal_verb')})\b)[a-z]+"
    fatal = (
        re.compile(rf"{verb}\s+(?:{manner})\s+{QUALIFIER}(?P<n>{NUM})\b", _FLAGS),
        re.compile(rf"{verb}\s+{QUALIFIER}(?P<n>{NUM})\s+{NOUNS}(?:{manner})\b", _FLAGS),
    )
    killers = re.compile(rf"\s+(?:{words('object')}|\d+)\b", _FLAGS)
    animals = re.compile(
        rf"\s+(?:[\w-]+\s+)?(?:{words('animal')})\b(?!\s+(?:{words('animal_person')})\b)", _FLAGS
    )
    joins, not_victims = words("joins"), words("not_victims")
    second = rf"{QUALIFIER}(?P<b>{NUM})\s+(?!(?:{not_victims})\b)[\w'’-]+"
    joined = (  # "killed 6 civilians and 3 fighters"; "two policemen and a civilian were killed"
        re.compile(
            rf"\b{KILLING}\s+{QUALIFIER}(?P<n>{NUM})\s+(?:[\w'’-]+\s+){{0,3}}?"
            rf"(?:{joins})\s+{second}",
            _FLAGS,
        ),
        re.compile(
            rf"{NOT_NO}\b(?P<n>{NUM})\s+(?:[\w'’-]+\s+){{1,3}}?(?:{joins})\s+{second}\s+"
            rf"(?:[\w'’-]+\s+){{0,2}}?(?:(?:were|was|have been|had been|are)\s+)?{KILLED}\b",
            _FLAGS,
        ),
    )
    # every count pattern above needs one of these words: a sentence without them has no toll
    tolls = re.compile(
        "|".join((KILLED, KILLING, DEATH_NOUN, INJURED, INJURING, INJURY_NOUN, manner)), _FLAGS
    )
    return LanguagePatterns(date, fatal, killers, animals, joined, tolls, _ranges(words))


def _ranges(words: Callable[[str], str]) -> tuple[re.Pattern[str], ...]:
    """Ranges of counts, whose group ``a`` is the lower end: "between 4 and 6", "4 to 6"."""
    exact = rf"(?:\d+|{_WORD_NUMBER})"
    opened = rf"\b(?:{words('range_open')})\s+(?P<a>{NUM})\s*"
    opened += rf"(?:{words('range_open_join')}|{words('range_join')})\s*{NUM}\b"
    changes = "".join(rf"(?<!{w} )" for w in words("range_from").split("|") if w)
    join = words("range_join")
    spaced = rf"(?<!\w){changes}(?P<a>{exact})\s+(?:{join})\s+{exact}(?=\s+[^\W\d_])"
    glued = rf"(?<![\w-]){changes}(?P<a>\d+)(?:{join})\d+(?=\s+[^\W\d_])"  # not "twenty-five"
    return tuple(re.compile(p, _FLAGS) for p in (opened, spaced, glued))


def _lower_ends(text: str) -> str:
    """The text with each range of counts cut to its lower end and the quotation marks
    around a count dropped ('killed "dozens"'), so that the count patterns read them."""
    text = _QUOTES.sub("", text)
    for pattern in _language_patterns().ranges:
        text = pattern.sub(lambda m: m.group("a"), text)
    return text


def _joined_tolls(text: str) -> int | None:
    """The largest toll told as two joined counts of the dead ("6 civilians and 3 fighters")."""
    found = []
    for pattern in _language_patterns().joined:
        for match in pattern.finditer(text):
            a, b = _count(match, "n"), _count(match, "b")
            if a is None or b is None:
                continue
            if not (_not_the_dead(match, text, "n") or _not_the_dead(match, text, "b")):
                found.append(a + b)
    return max(found) if found else None


def _without_dates(text: str) -> str:
    """The text with the digits of its dates blanked, so that a day is never a count."""
    date = _language_patterns().date
    return date.sub(lambda m: re.sub(r"\d", "#", m.group(0)), text)


def read_casualties(text: str) -> Casualties:
    """All that ``text`` states about fatalities and injuries."""
    text = _lower_ends(_without_dates(text))
    fatalities = injuries = None
    if _language_patterns().tolls.search(text):
        fatalities = _largest([*FATAL_PATTERNS, *_language_patterns().fatal], text, dead=True)
        joined = _joined_tolls(text)
        if joined is not None and (fatalities is None or joined > fatalities):
            fatalities = joined
        injuries = _largest(INJURY_PATTERNS, text)
    none_at_all = bool(NO_CASUALTIES.search(text))
    if fatalities is None and (none_at_all or NO_DEATHS.search(text)):
        fatalities = 0
    if injuries is None and (none_at_all or NO_INJURIES.search(text)):
        injuries = 0
    deaths_uncounted = fatalities is None and bool(
        UNCOUNTED_DEATHS.search(text) or re.search(rf"\b{KILLED}\b", text, _FLAGS)
    )
    injuries_uncounted = injuries is None and bool(UNCOUNTED_INJURIES.search(text))
    return Casualties(fatalities, injuries, deaths_uncounted, injuries_uncounted)


@functools.lru_cache(maxsize=4096)  # each event of a sentence, and the ACLED stage, ask again
def extract_casualties_text(text: str) -> tuple[int | None, int | None]:
    """(fatalities, injuries) stated in ``text``; None where no number is given."""
    found = read_casualties(text)
    return found.fatalities, found.injuries


def extract_casualties(sentence: Span) -> tuple[int | None, int | None]:
    """(fatalities, injuries) stated in a spaCy sentence; None where no number is given."""
    return extract_casualties_text(sentence.text)
