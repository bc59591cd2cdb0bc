"""Event kinds the cue coder reads from Arabic and Persian wording added with the held-out
sets: chemical weapons, new bases, mergers, truces, lethal force on protesters, crowds that
beat someone, arrests to an unknown place, and a word that only starts like a cue. Sentences
written for these tests in several styles (wire, local press, statement, post)."""

import datetime as dt

import pytest

from watchfloor.coding.geo import Gazetteer
from watchfloor.coding.multilingual.coder import CueCoder
from watchfloor.coding.ontology import Ontology
from watchfloor.daterange import DateRange
from watchfloor.records import Document

PUBLISHED = dt.datetime(2024, 3, 12)


@pytest.fixture(scope="module")
def cue_coder() -> CueCoder:
    return CueCoder(Gazetteer.load(), Ontology.load(), DateRange.default())


def first_event(cue_coder: CueCoder, text: str, language: str):
    doc = Document(id="t", text=text, published=PUBLISHED, language=language)
    events = cue_coder.code(doc).events
    assert events, "no event coded"
    return events[0]


@pytest.mark.parametrize(
    ("text", "language", "sub_event"),
    [
        (
            "ناشطون: قصف بقذائف محملة بغاز الكلور على قرية في ريف إدلب أدى إلى حالات اختناق.",
            "ar",
            "Chemical weapon",
        ),
        (
            "گزارش‌ها از حمله با سلاح شیمیایی به یک روستا در حومه دمشق حکایت دارد.",
            "fa",
            "Chemical weapon",
        ),
        (
            "أعلن الجيش إنشاء قاعدة عسكرية جديدة قرب الحدود في محافظة المهرة.",
            "ar",
            "Headquarters or base established",
        ),
        (
            "سپاه از راه‌اندازی یک پایگاه جدید در نوار مرزی سراوان خبر داد.",
            "fa",
            "Headquarters or base established",
        ),
        (
            "أعلن فصيلان مسلحان في ريف درعا اندماجهما في تشكيل جديد.",
            "ar",
            "Change to group/activity",
        ),
        (
            "دو گروه مسلح بلوچ از ادغام در یک ائتلاف جدید خبر دادند.",
            "fa",
            "Change to group/activity",
        ),
        ("توصلت العشيرتان في قضاء الزبير إلى هدنة برعاية وجهاء المنطقة.", "ar", "Agreement"),
        ("طرفین درگیری در ولسوالی گرشک پس از میانجی‌گری بزرگان به آتش‌بس رسیدند.", "fa", "Agreement"),
    ],
)
def test_new_kinds_of_wording_get_their_sub_event(cue_coder, text, language, sub_event):
    assert first_event(cue_coder, text, language).acled_sub_event_type == sub_event


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("أطلقت قوات الأمن النار على المحتجين في ساحة الحبوبي وقتلت ثلاثة منهم.", "ar"),
        ("ماموران در جریان اعتراضات شبانه در شهر بوکان دو معترض را کشتند.", "fa"),
        ("در تظاهرات امروز در مهاباد سه نفر از تظاهرکنندگان به ضرب گلوله کشته شدند.", "fa"),
    ],
)
def test_deaths_at_a_protest_are_excessive_force(cue_coder, text, language):
    event = first_event(cue_coder, text, language)
    assert event.acled_sub_event_type == "Excessive force against protesters"
    assert event.fatalities and event.fatalities >= 1


@pytest.mark.parametrize(
    ("text", "language", "sub_event"),
    [
        # a crowd beating someone is mob violence, not an armed group's attack
        ("اعتدى حشد من الأهالي بالضرب على رجل متهم بالسرقة في سوق الناصرية.", "ar", "Mob violence"),
        ("اهالی خشمگین یک سارق را در بازار شهر ایلام لت و کوب کردند.", "fa", "Mob violence"),
        # arrested and taken to an unknown place: still an arrest
        (
            "ماموران امنیتی یک فعال کارگری را در شهر اراک بازداشت و به مکان نامعلومی منتقل کردند.",
            "fa",
            "Arrests",
        ),
        # «تروریستی» (terrorist) only starts like «ترور» (assassination)
        ("وزارت اطلاعات از دستگیری یک تیم تروریستی در استان کردستان خبر داد.", "fa", "Arrests"),
        # «تظاهرات» is a demonstration
        (
            "صدها نفر در شهر قندهار دست به تظاهرات زدند و خواستار آزادی زندانیان شدند.",
            "fa",
            "Peaceful protest",
        ),
    ],
)
def test_crowds_arrests_and_demonstrations(cue_coder, text, language, sub_event):
    assert first_event(cue_coder, text, language).acled_sub_event_type == sub_event


def test_a_settlement_faction_is_not_an_agreement(cue_coder):
    text = "اغتال مسلحون عنصراً سابقاً في فصائل التسوية قرب بلدة جاسم في ريف درعا."
    assert first_event(cue_coder, text, "ar").acled_event_type == "Violence against civilians"


def test_a_bazaar_is_not_harassment(cue_coder):
    text = "طالبان دکان‌های بازار شهر غزنی را به بهانه قاچاق تخریب کردند."
    assert first_event(cue_coder, text, "fa").acled_sub_event_type == (
        "Looting/property destruction"
    )


@pytest.mark.parametrize(
    ("text", "language", "deaths"),
    [
        # an age is not a count
        ("ماموران با شلیک مستقیم یک کولبر ۲۳ ساله را در ارتفاعات پیرانشهر کشتند.", "fa", 1),
        ("قتل شاب يبلغ 24 عاما برصاص مجهولين في الديوانية.", "ar", 1),
        # counts joined by 'and' before the verb add up
        ("در این درگیری ۴ مرزبان و ۷ قاچاقچی کشته شدند.", "fa", 11),
        ("در حمله به پاسگاه ۳ پولیس و ۲ غیرنظامی و ۵ مهاجم کشته شدند.", "fa", 10),
        # «کشتی» (a ship) and «کشتزار» (a field) only start like «کشت» (killed)
        ("ماهیگیران در اعتراض به حضور کشتی‌های صید ترال در بندر جاسک تجمع کردند.", "fa", 0),
        # «شهید شدند»: were killed
        ("در حمله هوایی به اردوگاه جبالیا ۱۲ نفر شهید شدند.", "fa", 12),
        # an assassination is a death; an attempt is not
        ("اغتال مسلحون مجهولون ناشطاً في مدينة الكوت.", "ar", 1),
        ("نجا ضابط من محاولة اغتيال بعبوة لاصقة في الكوت.", "ar", 0),
        # «القضاء على»: militants killed by a security operation
        ("أعلنت قيادة العمليات القضاء على ثلاثة إرهابيين في وادي حوران.", "ar", 3),
        # a death that followed a beating
        ("اعتدى حشد على رجل في سوق الكوت ما أدى إلى وفاته.", "ar", 1),
    ],
)
def test_death_counts(cue_coder, text, language, deaths):
    assert (first_event(cue_coder, text, language).fatalities or 0) == deaths


@pytest.mark.parametrize(
    ("text", "language", "sub_event"),
    [
        # «إسقاط» brings down a regime as well as a drone: only with an aircraft is it a downing
        ("خرج المئات في مظاهرة بمدينة الأتارب مطالبين بإسقاط الحكومة.", "ar", "Peaceful protest"),
        ("أعلن الجيش إسقاط طائرة مسيرة معادية فوق مدينة الضالع.", "ar", "Other"),
        # a march («مسيرة») is also a drone: deaths in a drone strike are not a crackdown
        (
            "قتل ثلاثة مسلحين بغارة طائرة مسيرة على سيارتهم في مديرية الصومعة.",
            "ar",
            "Air/drone strike",
        ),
        # arrested with the weapons they carried: an arrest
        ("اعتقلت قوة أمنية مطلوباً في حي الزهراء بالموصل وضبطت بحوزته عبوة ناسفة.", "ar", "Arrests"),
        # «تفكيك»: a bomb defused before it went off
        (
            "تمكنت مفارز الهندسة من تفكيك ثلاث عبوات ناسفة على طريق بيجي.",
            "ar",
            "Disrupted weapons use",
        ),
    ],
)
def test_downing_drones_arrests_with_seizures_and_defusing(cue_coder, text, language, sub_event):
    assert first_event(cue_coder, text, language).acled_sub_event_type == sub_event
