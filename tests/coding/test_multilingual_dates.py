"""Dates in Arabic and Persian text: Solar Hijri and Gregorian month names, numeric dates,
weekdays and days before publication, read against the publication day; an impossible date or
one outside the settings' range gives no date. Sentences written for these tests."""

import datetime as dt

import pytest

from watchfloor.coding.geo import Gazetteer
from watchfloor.coding.multilingual.coder import CueCoder
from watchfloor.coding.multilingual.dates import read_date
from watchfloor.coding.multilingual.matcher import tokenize
from watchfloor.coding.multilingual.resources import load_resources
from watchfloor.coding.multilingual.text import fold
from watchfloor.coding.ontology import Ontology
from watchfloor.daterange import DateRange
from watchfloor.records import Document

TUESDAY = dt.date(2024, 3, 12)


def date_of(text: str, language: str, published: dt.date | None = TUESDAY):
    res = load_resources(language)
    folded = fold(text, res.fold_table).folded
    return read_date(folded, tokenize(folded, res.clitics), published, res.dates)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("روز دوشنبه ۱۵ آبان ۱۴۰۲ دو مأمور در سراوان کشته شدند.", TUESDAY, dt.date(2023, 11, 6)),
        ("به گزارش ایرنا در تاریخ ۱۴۰۲/۸/۱۵ انفجاری رخ داد.", TUESDAY, dt.date(2023, 11, 6)),
        ("حادثه ۱۴۰۲/۰۸/۱۵ در کرمان", TUESDAY, dt.date(2023, 11, 6)),
        ("در ۱۰ دی ماه ۱۴۰۲ تجمعی برگزار شد.", TUESDAY, dt.date(2023, 12, 31)),
        ("در ۱۵ عقرب ۱۴۰۲ طالبان یک فعال را بازداشت کردند.", TUESDAY, dt.date(2023, 11, 6)),
        ("در ۱ حمل ۱۴۰۳ در مزار شریف جشن نوروز برگزار شد.", TUESDAY, dt.date(2024, 3, 20)),
        # the Nowruz boundary: the last day of 1402 (common) and of 1403 (leap), then 1 Farvardin
        ("۲۹ اسفند ۱۴۰۲", TUESDAY, dt.date(2024, 3, 19)),
        ("۱ فروردین ۱۴۰۳", TUESDAY, dt.date(2024, 3, 20)),
        ("۳۰ اسفند ۱۴۰۳", TUESDAY, dt.date(2025, 3, 20)),
        ("۱ فروردین ۱۴۰۴", TUESDAY, dt.date(2025, 3, 21)),
        ("۳۰ اسفند ۱۳۹۹", TUESDAY, dt.date(2021, 3, 20)),  # 1399 was leap too
        ("۳۱ شهریور ۱۴۰۱", TUESDAY, dt.date(2022, 9, 22)),
        # no year: the last such day up to publication, across Nowruz
        ("۱۲ فروردین", dt.date(2024, 4, 5), dt.date(2024, 3, 31)),
        ("۲۵ اسفند", dt.date(2024, 3, 25), dt.date(2024, 3, 15)),
        ("۲۵ اسفند", dt.date(2024, 3, 12), dt.date(2023, 3, 16)),
        # Gregorian months in Iranian and Dari spelling
        ("در ۳ ژانویه ۲۰۲۴ حمله‌ای رخ داد", TUESDAY, dt.date(2024, 1, 3)),
        ("به تاریخ ۳ جنوری ۲۰۲۴", TUESDAY, dt.date(2024, 1, 3)),
        ("۲۰ دسامبر", TUESDAY, dt.date(2023, 12, 20)),
        # days before publication and weekdays (publication on Tuesday 12 March 2024)
        ("دیروز در زاهدان تجمعی برگزار شد.", TUESDAY, dt.date(2024, 3, 11)),
        ("پریروز", TUESDAY, dt.date(2024, 3, 10)),
        ("روز یکشنبه در مشهد", TUESDAY, dt.date(2024, 3, 10)),
        ("یکشنبه گذشته", dt.date(2024, 3, 10), dt.date(2024, 3, 3)),
        ("روز یکشنبه", dt.date(2024, 3, 10), dt.date(2024, 3, 10)),
        ("روز سه‌شنبه", dt.date(2024, 3, 14), dt.date(2024, 3, 12)),
        ("سه شنبه شب", dt.date(2024, 3, 14), dt.date(2024, 3, 12)),
        ("روز شنبه", TUESDAY, dt.date(2024, 3, 9)),
        ("پنجشنبه", TUESDAY, dt.date(2024, 3, 7)),
    ],
)
def test_persian_dates(text, published, expected):
    reading = date_of(text, "fa", published)
    assert reading.stated and reading.day == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("قتل جنديان في 15 كانون الثاني 2024 قرب كركوك.", TUESDAY, dt.date(2024, 1, 15)),
        ("٣ تشرين الأول ٢٠٢٣", TUESDAY, dt.date(2023, 10, 3)),
        ("في 3 يناير", TUESDAY, dt.date(2024, 1, 3)),
        ("في 3 يناير", dt.date(2024, 1, 2), dt.date(2023, 1, 3)),
        ("يوم 12 جانفي 2024 بولاية القصرين", TUESDAY, dt.date(2024, 1, 12)),
        ("في 9 شتنبر 2023 بالحسيمة", TUESDAY, dt.date(2023, 9, 9)),
        ("في 20 أيار من عام 2022", TUESDAY, dt.date(2022, 5, 20)),
        ("وقع الهجوم بتاريخ 15/1/2024 في الموصل", TUESDAY, dt.date(2024, 1, 15)),
        ("بتاريخ 2024/01/15", TUESDAY, dt.date(2024, 1, 15)),
        ("قتل شخص أمس في حي السيدة زينب.", TUESDAY, dt.date(2024, 3, 11)),
        ("أول أمس", TUESDAY, dt.date(2024, 3, 10)),
        ("الأحد الماضي", TUESDAY, dt.date(2024, 3, 10)),
        ("الأحد الماضي", dt.date(2024, 3, 10), dt.date(2024, 3, 3)),
        ("يوم الجمعة", dt.date(2024, 3, 8), dt.date(2024, 3, 8)),
        ("مساء الخميس", TUESDAY, dt.date(2024, 3, 7)),
        ("ليلة الإثنين", TUESDAY, dt.date(2024, 3, 11)),
    ],
)
def test_arabic_dates(text, published, expected):
    reading = date_of(text, "ar", published)
    assert reading.stated and reading.day == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("۳۰ اسفند ۱۴۰۲", "fa"),  # 1402 is a common year: Esfand has 29 days
        ("۳۱ مهر ۱۴۰۲", "fa"),  # the second half-year's months have 30 days
        ("۱۴۰۲/۱۳/۰۱", "fa"),
        ("31 حزيران 2023", "ar"),
        ("30 شباط 2024", "ar"),
        ("في 15 يناير 1850", "ar"),  # a year outside those we read
    ],
)
def test_an_impossible_or_unreadable_date_is_stated_but_gives_no_day(text, language):
    reading = date_of(text, language)
    assert reading.stated and reading.day is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("دو مأمور در سراوان کشته شدند.", "fa"),
        ("تعداد کشته‌ها به ۱۵ نفر رسید.", "fa"),
        ("قتل 15 شخصاً في الهجوم.", "ar"),
        ("أصيب 3 أشخاص بجروح.", "ar"),
    ],
)
def test_a_sentence_without_a_date_states_none(text, language):
    assert not date_of(text, language).stated


def test_weekdays_and_relative_dates_need_a_publication_day():
    assert date_of("الأحد الماضي", "ar", None).day is None
    assert date_of("دیروز", "fa", None).day is None
    assert date_of("۱۵ آبان ۱۴۰۲", "fa", None).day == dt.date(2023, 11, 6)


def coded_date(text: str, language: str, dates: DateRange, published=TUESDAY):
    coder = CueCoder(Gazetteer.load(), Ontology.load(), dates)
    doc = Document(
        id="t", text=text, language=language, published=dt.datetime.combine(published, dt.time())
    )
    events = coder.code(doc).events
    assert events
    return events[0].date


@pytest.fixture(scope="module")
def default_range() -> DateRange:
    return DateRange.default(today=dt.date(2024, 3, 12))


def test_the_event_takes_the_solar_date_stated_in_its_sentence(default_range):
    text = "به گزارش ایسنا، روز شنبه ۵ اسفند ۱۴۰۲ دو مرزبان در درگیری با اشرار در سراوان کشته شدند."
    assert coded_date(text, "fa", default_range) == dt.date(2024, 2, 24)


def test_a_later_sentence_takes_the_documents_first_date(default_range):
    text = (
        "قصفت طائرات حربية بلدة في ريف إدلب يوم 3 آذار 2024. "
        "وقتل ثلاثة مدنيين في غارة ثانية على بلدة أخرى في ريف إدلب."
    )
    assert coded_date(text, "ar", default_range) == dt.date(2024, 3, 3)


def test_a_date_outside_the_settings_range_gives_no_date():
    recent = DateRange(dt.date(2020, 1, 1), dt.date(2024, 12, 31))
    text = "انفجرت عبوة ناسفة في الموصل في 15 كانون الثاني 1995 وقتل شخصان."
    assert coded_date(text, "ar", recent) is None
    solar = "در ۱۰ دی ۱۳۷۵ یک بمب در شهر اهواز منفجر شد."
    assert coded_date(solar, "fa", recent) is None


def test_an_impossible_date_gives_no_date_rather_than_the_publication_day(default_range):
    text = "در ۳۰ اسفند ۱۴۰۲ یک بمب در شهر اهواز منفجر شد."
    assert coded_date(text, "fa", default_range) is None
