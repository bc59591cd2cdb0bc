"""Lunar Hijri dates in Arabic and Persian text («10 رمضان 1445 هـ», «۲۱ رمضان»), converted by
the Umm al-Qura tables; an impossible day or a year outside them gives no day. Sentences
written for these tests; the expected days are the Saudi calendar's (Ramadan 1445 began on
11 March 2024, Eid al-Fitr fell on 10 April, Eid al-Adha on 16 June, 1 Muharram 1446 on
7 July)."""

import datetime as dt

import pytest

from watchfloor.coding.multilingual.dates import read_date
from watchfloor.coding.multilingual.matcher import tokenize
from watchfloor.coding.multilingual.resources import load_resources
from watchfloor.coding.multilingual.text import fold


def date_of(text: str, language: str, published: dt.date):
    res = load_resources(language)
    folded = fold(text, res.fold_table).folded
    return read_date(folded, tokenize(folded, res.clitics), published, res.dates)


@pytest.mark.parametrize(
    ("text", "language", "published", "expected"),
    [
        # wire, with the year and its mark
        ("الرياض (واس) - اعترضت الدفاعات الجوية في 1 رمضان 1445 هـ صاروخاً.", "ar",
         dt.date(2024, 3, 20), dt.date(2024, 3, 11)),
        ("صنعاء - قصف على الحديدة فجر الأربعاء 1 شوال 1445 هـ.", "ar",
         dt.date(2024, 4, 12), dt.date(2024, 4, 10)),
        ("بيان: في يوم 10 ذو الحجة 1445 هـ استهدفت الطائرات موقعاً.", "ar",
         dt.date(2024, 6, 20), dt.date(2024, 6, 16)),
        ("مكة المكرمة 1 محرم 1446 هـ - تجمع المئات أمام المحكمة.", "ar",
         dt.date(2024, 7, 9), dt.date(2024, 7, 7)),
        # a numeric date, year first, in Arabic text is lunar
        ("وقع الانفجار بتاريخ 1445/9/10 في جازان.", "ar",
         dt.date(2024, 6, 20), dt.date(2024, 3, 20)),
        ("بتاريخ 1445/6/12 هـ", "ar", dt.date(2024, 3, 12), dt.date(2023, 12, 25)),
        # no year: the last such day up to publication
        ("كربلاء - ملايين الزوار في ذكرى 10 محرم وسط إجراءات أمنية.", "ar",
         dt.date(2024, 7, 20), dt.date(2024, 7, 16)),
        ("عزاداران در شب ۲۱ رمضان در مشهد تجمع کردند.", "fa",
         dt.date(2024, 4, 5), dt.date(2024, 3, 31)),
        ("در مراسم ۱۰ محرم ۱۴۴۶ در کربلا ازدحام شد.", "fa",
         dt.date(2024, 7, 20), dt.date(2024, 7, 16)),
    ],
)
def test_a_lunar_hijri_date_is_read_as_its_gregorian_day(text, language, published, expected):
    reading = date_of(text, language, published)
    assert reading.stated and reading.day == expected


@pytest.mark.parametrize(
    "text",
    [
        "قتل ثلاثة أشخاص في 30 شوال 1445 هـ.",  # Shawwal 1445 had 29 days
        "وقعت المعركة في 5 رجب 1250 هـ.",  # before the Umm al-Qura tables
    ],
)
def test_an_impossible_or_untabled_lunar_date_gives_no_day(text):
    reading = date_of(text, "ar", dt.date(2024, 6, 1))
    assert reading.stated and reading.day is None
