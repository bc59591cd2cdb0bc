"""The cue coder for Arabic and Persian: types, places, deaths, modality and evidence spans,
on sentences written for these tests in several styles (wire, local press, statement, post)."""

import datetime as dt

import pytest

from watchfloor.coding.geo import Gazetteer
from watchfloor.coding.multilingual.coder import CueCoder
from watchfloor.coding.multilingual.resources import has_resources, load_resources
from watchfloor.coding.multilingual.text import fold, sentence_spans
from watchfloor.coding.ontology import Ontology
from watchfloor.daterange import DateRange
from watchfloor.records import Document

PUBLISHED = dt.datetime(2024, 3, 12)


@pytest.fixture(scope="module")
def cue_coder() -> CueCoder:
    return CueCoder(Gazetteer.load(), Ontology.load(), DateRange.default())


def code(cue_coder: CueCoder, text: str, language: str):
    doc = Document(id="t", text=text, published=PUBLISHED, language=language)
    coded = cue_coder.code(doc)
    return coded, (coded.events[0] if coded.events else None)


@pytest.mark.parametrize(
    ("text", "language", "sub_event"),
    [
        ("شنت طائرات مسيرة غارة على موقع للمسلحين قرب الرقة صباح اليوم.", "ar", "Air/drone strike"),
        (
            "بغداد (وكالات) - سقطت قذائف هاون على حي سكني في الأعظمية.",
            "ar",
            "Shelling/artillery/missile attack",
        ),
        ("انفجرت عبوة ناسفة بدورية للشرطة على طريق سامراء.", "ar", "Remote explosive/landmine/IED"),
        ("فجر انتحاري نفسه عند مدخل سوق شعبي في مدينة الصدر.", "ar", "Suicide bomb"),
        ("اندلعت اشتباكات بين الجيش ومسلحين في ريف حماة الشمالي.", "ar", "Armed clash"),
        (
            "عاجل | اختطاف صحفي من أمام مكتبه في تعز على يد مسلحين مجهولين",
            "ar",
            "Abduction/forced disappearance",
        ),
        (
            "نظم عشرات المعلمين وقفة احتجاجية أمام وزارة التربية في عمان للمطالبة بزيادة الرواتب.",
            "ar",
            "Peaceful protest",
        ),
        (
            "فرقت الشرطة بالغاز المسيل للدموع تظاهرة لطلاب الجامعة في الخرطوم.",
            "ar",
            "Protest with intervention",
        ),
        ("أعلنت وزارة الداخلية القبض على أربعة متهمين بتهريب السلاح في البصرة.", "ar", "Arrests"),
        ("وقعت الحكومة والفصائل المسلحة اتفاقاً لوقف إطلاق النار في الحديدة.", "ar", "Agreement"),
        (
            "پهپادهای ارتش مواضع شورشیان را در نزدیکی زاهدان بمباران کردند.",
            "fa",
            "Air/drone strike",
        ),
        (
            "به گزارش ایسنا، صدها کارگر در مقابل فرمانداری آبادان تجمع کردند.",
            "fa",
            "Peaceful protest",
        ),
        (
            "نیروهای پلیس تجمع معلمان در تبریز را با گاز اشک‌آور پراکنده کردند.",
            "fa",
            "Protest with intervention",
        ),
        (
            "در درگیری مسلحانه میان طالبان و جبهه مقاومت در ولایت بغلان چهار نفر کشته شدند.",
            "fa",
            "Armed clash",
        ),
        ("یک بمب کنار جاده‌ای در شهر قندهار منفجر شد.", "fa", "Remote explosive/landmine/IED"),
        ("مأموران اطلاعات سه فعال مدنی را در شهر مشهد بازداشت کردند.", "fa", "Arrests"),
        ("افراد ناشناس یک تاجر را در شهر هرات ربودند.", "fa", "Abduction/forced disappearance"),
    ],
)
def test_cue_sentences_get_their_acled_sub_event(cue_coder, text, language, sub_event):
    _, event = code(cue_coder, text, language)
    assert event is not None
    assert event.acled_sub_event_type == sub_event


@pytest.mark.parametrize(
    ("text", "language", "country", "town"),
    [
        ("الموصل - قتل شخصان بانفجار عبوة ناسفة.", "ar", "IRQ", "Mosul"),  # a dateline
        ("قصفت قوات النظام بلدة في ريف إدلب الجنوبي.", "ar", "SYR", None),
        ("سقط صاروخ أطلق من اليمن على قرية في جازان.", "ar", "SAU", None),  # 'from Yemen'
        ("اشتبكت قوات الأمن مع مهربين قرب الحدود مع سوريا في محافظة الأنبار.", "ar", "IRQ", None),
        ("انفجار یک بمب در شهر آبادان دو زخمی بر جای گذاشت.", "fa", "IRN", "Abadan"),
        ("مرزبانان در مرز ترکیه در شهرستان ماکو با قاچاقچیان درگیر شدند.", "fa", "IRN", None),
        ("فاریاب - طالبان دو مرد را در شهر میمنه تیرباران کردند.", "fa", "AFG", None),
        ("فرماندار ماکو از کشته شدن یک مرزبان در تیراندازی قاچاقچیان خبر داد.", "fa", "IRN", None),
        ("قتل شخص بانفجار عبوة ناسفة في ضواحي الزبير غرب البصرة.", "ar", "IRQ", None),
    ],
)
def test_the_place_named_in_the_text_and_not_a_neighbour(cue_coder, text, language, country, town):
    _, event = code(cue_coder, text, language)
    assert event is not None and event.place is not None
    assert event.place.country == country
    if town:
        assert event.place.name == town


@pytest.mark.parametrize(
    ("text", "language", "deaths"),
    [
        ("أسفر الهجوم عن مقتل ٣٢ شخصاً وإصابة أكثر من ١٠٠ آخرين في بغداد.", "ar", 32),
        ("قتل ثلاثة جنود في هجوم على نقطة تفتيش قرب كركوك.", "ar", 3),
        ("سقوط قتيلين و9 جرحى بانفجار في حلب.", "ar", 2),
        ("قصف مدفعي على أطراف درعا دون وقوع إصابات.", "ar", 0),
        ("هجوم بطائرة مسيرة يقتل أربعة مزارعين في ريف حماة.", "ar", 4),
        ("أودى القصف بحياة سبعة أشخاص في حي الميدان بدمشق.", "ar", 7),
        ("مقتل عنصرين من الشرطة بهجوم مسلح قرب بعقوبة.", "ar", 2),
        ("وقال الجيش إن المسلحين هاجموا الكتيبة 12 وقتلوا جندياً.", "ar", 1),
        ("در این حمله ۲۷ نفر کشته و ۱۳ نفر زخمی شدند.", "fa", 27),
        (
            "به گفته منابع محلی، شش عضو یک خانواده در حمله پهپادی به خانه‌شان"
            " در روستای کنار رود کشته شدند.",
            "fa",
            6,
        ),
        ("دست‌کم پنج مرزبان در این درگیری در سراوان جان باختند.", "fa", 5),
    ],
)
def test_deaths_in_digits_and_words(cue_coder, text, language, deaths):
    _, event = code(cue_coder, text, language)
    assert event is not None
    assert (event.fatalities or 0) == deaths


def test_hedged_report_lowers_confidence(cue_coder):
    _, plain = code(cue_coder, "قتل مسلحون شرطياً في الفلوجة.", "ar")
    _, hedged = code(cue_coder, "أفادت تقارير بأن مسلحين قتلوا شرطياً في الفلوجة.", "ar")
    assert plain is not None and hedged is not None
    assert hedged.hedged and hedged.confidence < plain.confidence


def test_yesterday_dates_the_event_a_day_before_publication(cue_coder):
    _, event = code(cue_coder, "شب گذشته دو نفر در حمله مسلحانه در زاهدان کشته شدند.", "fa")
    assert event is not None and event.date == dt.date(2024, 3, 11)


def test_evidence_points_into_the_original_text(cue_coder):
    text = "بيان.\nوَقَعَ انْفِجَارٌ في البصرة أمس، وقُتِلَ شَخْصان."
    coded, event = code(cue_coder, text, "ar")
    assert event is not None
    assert text[event.evidence.start : event.evidence.end] == event.evidence.text
    assert "انْفِجَارٌ" in event.evidence.text
    assert [s.text for s in coded.sentences][0] == "بيان."


def test_sentences_without_cues_make_no_event(cue_coder):
    coded, event = code(cue_coder, "افتتح الوزير معرضاً للكتاب في القاهرة.", "ar")
    assert event is None
    assert any("no event" in line for line in coded.explanations)


def test_folding_keeps_a_map_to_original_characters():
    table = load_resources("fa").fold_table
    folded = fold("کشته‌شدند ۵", table)
    assert folded.folded == "كشته شدند 5"
    assert folded.span(10, 11) == (10, 11)


def test_sentences_split_at_arabic_question_marks_and_line_breaks():
    assert sentence_spans("هل قتل أحد؟ نعم.\nخبر") == [(0, 11), (12, 16), (17, 20)]


@pytest.mark.parametrize(
    ("code_", "read"),
    [("ar", True), ("fa", True), ("en", False), ("fr", False), ("../x", False), (None, False)],
)
def test_only_languages_with_tables_are_read(code_, read):
    assert CueCoder.reads(code_) is read
    if code_ in ("ar", "fa"):
        assert has_resources(code_)


def test_the_coder_sends_each_language_to_its_reader(coder):
    """English through the parse, Arabic through its tables, French to no one (and says so),
    in input order."""
    docs = [
        Document("en", "Gunmen killed two policemen in Kirkuk.", published=PUBLISHED),
        Document("ar", "قتل مسلحون شرطيين اثنين في كركوك.", published=PUBLISHED, language="ar"),
        Document(
            "fr",
            "Des hommes armés ont tué deux policiers à Kirkouk.",
            published=PUBLISHED,
            language="fr",
        ),
    ]
    coded = list(coder.code_documents(docs))
    assert [c.document_id for c in coded] == ["en", "ar", "fr"]
    assert coded[0].events and coded[1].events
    assert coded[1].events[0].place is not None and coded[1].events[0].place.country == "IRQ"
    assert coded[2].events == []
    assert "not read" in coded[2].explanations[0]
