"""Kinds of Arabic and Persian place mistakes and their rules: a province after its level word
beats a country named as an actor, a place the text names in the body beats the dateline
unless the dateline lies inside it, an office's portfolio («وزارة الداخلية») is no place, and
people named by their town («کشاورزان X», «مزارعو X», «شاطئ X») put the event there.
Sentences written for these tests in several styles (wire, local press, statement)."""

import datetime as dt

import pytest

from watchfloor.coding.geo import Gazetteer
from watchfloor.coding.multilingual.coder import CueCoder
from watchfloor.coding.ontology import Ontology
from watchfloor.daterange import DateRange
from watchfloor.records import Document, PlaceRef

PUBLISHED = dt.datetime(2024, 3, 12)


@pytest.fixture(scope="module")
def cue_coder() -> CueCoder:
    return CueCoder(Gazetteer.load(), Ontology.load(), DateRange.default())


def place_of(cue_coder: CueCoder, text: str, language: str) -> PlaceRef | None:
    doc = Document(id="t", text=text, published=PUBLISHED, language=language)
    events = cue_coder.code(doc).events
    assert events, "no event coded"
    return events[0].place


@pytest.mark.parametrize(
    ("text", "language", "admin1"),
    [
        ("نیروهای طالبان و پاکستان در ولایت ننگرهار با یکدیگر درگیر شدند.", "fa", "Nangarhar"),
        ("قصفت إيران مواقع لأحزاب كردية في محافظة السليمانية صباح اليوم.", "ar", "As Sulaymaniyah"),
        ("اشتباكات بين الجيش السوري وتركيا في محافظة الحسكة.", "ar", "Al-Hasakah"),
    ],
)
def test_a_province_after_its_level_word_beats_a_country_named_as_an_actor(
    cue_coder: CueCoder, text: str, language: str, admin1: str
) -> None:
    place = place_of(cue_coder, text, language)
    assert place is not None and place.admin1 == admin1, place


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        # the dateline says where the news was filed; the body where the event happened
        ("بغداد - قتل ثلاثة جنود في هجوم مسلح في محافظة ديالى مساء أمس.", "ar", "Diyala"),
        ("کابل - طالبان در ولایت بدخشان ده معترض را بازداشت کردند.", "fa", "Badakhshan"),
        ("صنعاء (رويترز) - شنت مقاتلات التحالف غارات على محافظة صعدة.", "ar", "Sa'dah"),
        ("دمشق - قتل جندي في قصف على ريف حلب الجنوبي.", "ar", "Aleppo"),
        # ... unless the dateline town lies in the province the body names: more precise
        ("بعقوبة - قتل ثلاثة جنود في هجوم مسلح في محافظة ديالى مساء أمس.", "ar", "Baqubah"),
    ],
)
def test_the_body_place_beats_the_dateline_unless_the_dateline_lies_inside_it(
    cue_coder: CueCoder, text: str, language: str, name: str
) -> None:
    place = place_of(cue_coder, text, language)
    assert place is not None and place.name == name, place


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("قال وزير الداخلية إن قوات الأمن اعتقلت عشرين متظاهرا.", None),
        ("أعلنت وزارة الداخلية العراقية اعتقال خلية إرهابية في البصرة.", "IRQ"),
        ("بيان وزارة الداخلية: إحباط هجوم انتحاري على نقطة تفتيش في مدينة الرمادي.", "IRQ"),
    ],
)
def test_an_offices_portfolio_is_no_place(
    cue_coder: CueCoder, text: str, country: str | None
) -> None:
    """«الداخلية» after «وزارة»/«وزير» is the Interior, not Oman's Ad Dakhiliyah or Dakhla."""
    place = place_of(cue_coder, text, "ar")
    assert (place.country if place else None) == country, place


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("کشاورزان ورزنه در اعتراض به قطع آب تجمع کردند.", "fa", "Varzaneh"),
        ("تظاهر مزارعو الحويجة احتجاجا على شح المياه.", "ar", "Al Ḩawījah"),
        ("اعتقلت قوات خفر السواحل ثلاثة مهربين على شاطئ زوارة فجر اليوم.", "ar", "Zuwarah"),
        ("ضبطت دورية خفر السواحل مهربين على ساحل صبراتة.", "ar", "Şabrātah"),
    ],
)
def test_people_or_a_shore_named_by_their_town_put_the_event_there(
    cue_coder: CueCoder, text: str, language: str, name: str
) -> None:
    place = place_of(cue_coder, text, language)
    assert place is not None and place.name == name, place
