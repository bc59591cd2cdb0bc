"""Places the Arabic-script index lacks: names after a level word found by their romanised
consonants, sites named in the press, datelines, and everyday words that are also towns.
Sentences written for these tests in several styles (wire, local press, statement, post)."""

import datetime as dt

import pytest

from watchfloor.coding.geo import Gazetteer
from watchfloor.coding.geo.names import loose_key
from watchfloor.coding.multilingual.coder import CueCoder
from watchfloor.coding.multilingual.resources import load_resources
from watchfloor.coding.multilingual.skeleton import Skeletons
from watchfloor.coding.ontology import Ontology
from watchfloor.daterange import DateRange
from watchfloor.records import Document, PlaceRef

PUBLISHED = dt.datetime(2024, 3, 12)


@pytest.fixture(scope="module")
def cue_coder() -> CueCoder:
    return CueCoder(Gazetteer.load(), Ontology.load(), DateRange.default())


def place_of(cue_coder: CueCoder, text: str, language: str) -> PlaceRef:
    doc = Document(id="t", text=text, published=PUBLISHED, language=language)
    events = cue_coder.code(doc).events
    assert events, "no event coded"
    assert events[0].place is not None, "no place"
    return events[0].place


@pytest.mark.parametrize(
    ("written", "romanised"),
    [
        ("كفر نبل", "Kafr Nabl"),
        ("جرابلس", "Jarabulus"),
        ("خان شيخون", "Khan Shaykhun"),
        ("الحويجة", "Al Hawijah"),
        ("جرف الصخر", "Jurf as Sakhr"),
        ("زنجبار", "Zinjibar"),
        ("عطبرة", "Atbara"),
        ("پیرانشهر", "Piranshahr"),
        ("چابهار", "Chabahar"),
        ("خواجه غار", "Khwajah Ghar"),
        ("رميش", "Rmaych"),  # the French romanisation Lebanon's names often carry
    ],
)
def test_a_names_consonants_meet_its_romanised_name(written, romanised):
    folded = load_resources("ar").fold(written)
    assert loose_key(romanised) in Skeletons().keys(folded)


def test_a_first_syllable_like_an_article_is_kept():
    keys = Skeletons().keys(load_resources("ar").fold("عين ترما"))
    assert loose_key("Ain Tarma") in keys and loose_key("Tarma") not in keys


@pytest.mark.parametrize("word", ["Raqqa", "2024", "M16"])
def test_a_word_not_in_arabic_script_has_no_skeleton(word):
    assert Skeletons().keys(word) == set()


@pytest.mark.parametrize(
    ("text", "language", "country", "admin1"),
    [
        # local press: a subdistrict the index lacks, by its romanised name
        ("أفاد مصدر محلي بمقتل راعٍ برصاص مجهولين في ناحية العلم شرق تكريت.", "ar", "IRQ",
         "Salah ad Din"),
        # wire: a district of Marib governorate
        ("قتل جنديان في هجوم حوثي على مديرية حريب بمحافظة مأرب.", "ar", "YEM", "Ma'rib"),
        # Afghan press: «ولسوالی X ولایت Y»
        ("یک فرمانده محلی طالبان در ولسوالی خواجه غار ولایت تخار به ضرب گلوله کشته شد.", "fa",
         "AFG", "Takhar"),
        # statement: «قضاء» before a town with its own entry
        ("بيان | مقتل مدني بقصف إسرائيلي على بلدة حولا الجنوبية في قضاء مرجعيون.", "ar", "LBN",
         "Nabatiye"),
    ],
)
def test_a_name_after_a_level_word_is_found_by_its_spelling(
    cue_coder, text, language, country, admin1
):
    place = place_of(cue_coder, text, language)
    assert (place.country, place.admin1) == (country, admin1)
    assert place.feature != "ADM1"  # the town or district, not only its province


@pytest.mark.parametrize(
    ("text", "language", "country"),
    [
        # "the city of Zinjibar" is Yemen's, not Zanzibar, the larger namesake abroad
        ("عدن - اشتباكات بين قوات الحزام الأمني ومسلحين قبليين في مدينة زنجبار بمحافظة أبين.",
         "ar", "YEM"),
        ("سيطرت قوات المجلس الانتقالي على معسكر في مدينة زنجبار بعد مواجهات.", "ar", "YEM"),
    ],
)
def test_a_spelled_town_at_home_replaces_a_namesake_abroad(cue_coder, text, language, country):
    assert place_of(cue_coder, text, language).country == country


@pytest.mark.parametrize(
    ("text", "language", "country", "name"),
    [
        ("قصفت طائرة مسيرة شاحنة وقود قرب معبر باب الهوى الحدودي.", "ar", "SYR", "Bab al-Hawa"),
        ("الجيش السوري: إسقاط طائرات مسيرة حاولت استهداف قاعدة حميميم.", "ar", "SYR",
         "Hmeimim"),
        ("عاجل | غارة على مخيم جباليا شمال القطاع وسقوط شهداء", "ar", "PSE", "Jabālyā"),
        ("خانواده‌های زندانیان سیاسی مقابل زندان اوین تجمع کردند.", "fa", "IRN", "Tehran"),
        ("به گزارش ایسنا، کارگران نیشکر هفت‌تپه دست از کار کشیدند.", "fa", "IRN", "Shūsh"),
    ],
)
def test_a_site_named_in_the_press_is_placed_where_it_lies(
    cue_coder, text, language, country, name
):
    place = place_of(cue_coder, text, language)
    assert (place.country, place.name) == (country, name)
    assert place.admin1  # a base or crossing takes the unit of the town nearest it


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("سقطت ثلاثة صواريخ كاتيوشا على محيط مطار بغداد الدولي فجر الأحد.",
         "Mayorality of Baghdad"),
        ("بيان: تعلن المقاومة استهداف قاعدة عين الأسد بطائرتين مسيرتين.", "Anbar"),
    ],
)
def test_a_base_or_airport_lies_in_the_province_of_the_town_nearest_it(cue_coder, text, admin1):
    assert place_of(cue_coder, text, "ar").admin1 == admin1


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # a square of Lebanon's Tripoli puts the town there
        ("قطع العشرات الطريق في ساحة النور بطرابلس احتجاجاً على انقطاع الكهرباء.", "LBN"),
        # a Lebanese force named in the sentence does the same
        ("اعتقلت قوى الأمن الداخلي مطلوبين في طرابلس بعد مداهمة.", "LBN"),
        # with nothing to say otherwise, Tripoli is Libya's capital
        ("اشتباكات بين مجموعتين مسلحتين في طرابلس ليلة أمس.", "LBY"),
    ],
)
def test_the_other_names_of_a_sentence_decide_which_tripoli(cue_coder, text, country):
    assert place_of(cue_coder, text, "ar").country == country


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("الموصل - قتل ثلاثة من عناصر الحشد بهجوم لداعش في قضاء تلعفر.", "ar", "Tall ‘Afar"),
        ("کابل - در انفجار یک بمب در شهر جلال‌آباد دو نفر کشته شدند.", "fa", "Jalālābād"),
        # a dateline town is more precise than the province after it
        ("الفاشر - قصف مدفعي على سوق في ولاية شمال دارفور يقتل خمسة مدنيين.", "ar", "El Fasher"),
    ],
)
def test_the_event_town_goes_before_the_dateline(cue_coder, text, language, name):
    assert place_of(cue_coder, text, language).name == name


@pytest.mark.parametrize(
    ("text", "language", "country", "admin1"),
    [
        # «الجديدة» (new) is not El Jadida in Morocco nor a Syrian village
        ("مظاهرة أمام مقر الحكومة الجديدة للمطالبة بالرواتب في بنغازي.", "ar", "LBY", "Banghazi"),
        # «بود» (was) after «شهرستان» is no town
        ("معلمی که مدیر مدرسه شهرستان بود در حمله افراد ناشناس در لامرد کشته شد.", "fa", "IRN",
         "Fars"),
    ],
)
def test_everyday_words_are_never_read_as_places(cue_coder, text, language, country, admin1):
    place = place_of(cue_coder, text, language)
    assert (place.country, place.admin1) == (country, admin1)


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        ("قتل مدنيان بقصف صاروخي على قرية في ريف حماة.", 2),
        ("استشهد شابان برصاص الاحتلال في جنين.", 2),
        ("مقتل امرأتين بغارة على خان يونس.", 2),
        ("عاجل | سقوط شهيدين في قصف على رفح", 2),
        ("قتل ضابطان في هجوم على حاجز قرب العريش.", 2),
        # «ساحة الشهداء» is a square, not a death
        ("طرابلس - تظاهر العشرات في ساحة الشهداء للمطالبة بالانتخابات.", None),
    ],
)
def test_an_arabic_dual_counts_two_and_a_martyrs_square_none(cue_coder, text, deaths):
    doc = Document(id="t", text=text, published=PUBLISHED, language="ar")
    events = cue_coder.code(doc).events
    assert events and events[0].fatalities == deaths


@pytest.mark.parametrize(
    ("text", "language", "country", "admin1"),
    [
        # «المهربين» (the smugglers) is no town Muharrabin, «الشباب» no Shabab
        ("اعتقلت قوات حرس الحدود عدداً من المهربين بعد اشتباك قرب مدينة القائم.", "ar", "IRQ",
         "Anbar"),
        ("تظاهر أنصار الشباب الرياضي في شوارع صفاقس احتجاجاً على قرار الاتحاد.", "ar", "TUN",
         "Safaqis"),
        # «وكالة» (agency) is no town Kala after «و»
        ("أعلنت وكالة الأنباء الرسمية مقتل ثلاثة من عناصر الشرطة في هجوم على حاجز بقضاء الحويجة.",
         "ar", "IRQ", "Kirkuk"),
        # «برابر» (in front of) is not Rabor after «ب»
        ("صدها کارگر در برابر ساختمان استانداری در اهواز تجمع کردند.", "fa", "IRN", "Khuzestan"),
        # «کاری» (of work) is not Cary in North Carolina
        ("کارمندان بیمارستان در اعتراض به شرایط کاری در مقابل فرمانداری کرمانشاه تجمع کردند.",
         "fa", "IRN", "Kermanshah"),
    ],
)
def test_a_word_read_without_its_article_or_clitic_is_no_town(
    cue_coder, text, language, country, admin1
):
    place = place_of(cue_coder, text, language)
    assert (place.country, place.admin1) == (country, admin1)


def test_an_afghan_district_is_found_by_its_spelling(cue_coder):
    text = "باشندگان ولسوالی جرم ولایت بدخشان در اعتراض به نابودی کشتزارها تجمع کردند."
    place = place_of(cue_coder, text, "fa")
    assert (place.country, place.admin1, place.name) == ("AFG", "Badakhshan", "Jurm")


def test_a_site_is_kept_when_the_text_names_another_country(cue_coder):
    text = ("نیروهای طالبان رزمایشی در پایگاه هوایی سابق آمریکا در بگرام برگزار کردند و دو نفر در"
            " انفجار مهمات کشته شدند.")
    place = place_of(cue_coder, text, "fa")
    assert (place.country, place.name) == ("AFG", "Bagram")


@pytest.mark.parametrize(
    "text",
    [
        # «الشمال» (the north) is not Qatar's Al Shamal, «الجنوب» not Eritrea's Debub
        "اندلعت اشتباكات في الشمال أسفرت عن مقتل اثنين من المسلحين.",
        # «طراز» (a model) is not Taraz in Kazakhstan
        "أسقطت الدفاعات الجوية طائرة مسيرة من طراز شاهد فوق الجنوب.",
    ],
)
def test_a_direction_or_everyday_noun_places_no_event_abroad(cue_coder, text):
    doc = Document(id="t", text=text, published=PUBLISHED, language="ar")
    events = cue_coder.code(doc).events
    assert events and events[0].place is None


@pytest.mark.parametrize(
    ("text", "language", "feature"),
    [
        # a province's name said bare is its capital city
        ("پلیس تجمع کارگران معترض در زنجان را با گاز اشک‌آور پراکنده کرد.", "fa", "PPLA"),
        ("انفجار سيارة مفخخة في كركوك يقتل ثلاثة مدنيين.", "ar", "PPLA"),
        # after a province word, or «ريف» (the countryside of), the province
        ("سپاه پاسداران استان زنجان از دستگیری یک تیم مسلح در این استان خبر داد.", "fa", "ADM1"),
        ("قصف مدفعي على قرى في ريف حلب الشمالي يقتل طفلين.", "ar", "ADM1"),
    ],
)
def test_a_bare_province_name_is_its_capital_unless_a_province_word_says_otherwise(
    cue_coder, text, language, feature
):
    place = place_of(cue_coder, text, language)
    assert (place.feature == "ADM1") == (feature == "ADM1")
