"""Language detection at ingest: script first, then lingua among that script's languages."""

import pytest

from watchfloor.ingest.language import LanguageDetector


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Gunmen killed two police officers in Kirkuk yesterday, officials said.", "en"),
        ("BREAKING: heavy clashes reported near the port of Aden tonight", "en"),
        ("Des hommes armés ont tué deux gendarmes près de Kandi dans la nuit de samedi.", "fr"),
        ("Manifestantes bloquearon la carretera principal de Cochabamba el lunes.", "es"),
        ("قتل مسلحون اثنين من عناصر الشرطة في كركوك مساء أمس بحسب مصدر أمني", "ar"),
        ("اشتباكات عنيفة في عدن", "ar"),
        ("افراد مسلح شب گذشته دو مأمور پلیس را در کرکوک کشتند", "fa"),
        ("به گزارش خبرگزاری‌ها، ۵ نفر در این حمله کشته شدند", "fa"),
        ("В результате обстрела Харькова погибли три человека", "ru"),
        ("Внаслідок обстрілу Харкова загинули троє людей, повідомила поліція", "uk"),
        ("המשטרה עצרה שלושה חשודים בירושלים", "he"),
        ("Al-Shabaab claims deadly raid on Beledweyne army base", "en"),
        ("Barangay captain shot dead in Tacloban, says PNP", "en"),
        ("Maoists torch panchayat office in Bijapur; two cops injured", "en"),
        ("Mga residente ng Marawi, lumikas dahil sa bakbakan", "tl"),
        ("Al-Shabaab ayaa weerar ku qaaday saldhig ciidan oo ku yaal Beledweyne", "so"),
    ],
)
def test_detects_language_of_reports_and_posts(detector: LanguageDetector, text: str, code: str):
    guess = detector.detect(text)
    assert guess is not None
    assert guess.code == code


@pytest.mark.parametrize("text", ["", "   ", "12:45", "#", "!!! ..."])
def test_too_little_text_has_no_language(detector: LanguageDetector, text: str):
    assert detector.detect(text) is None


def test_mixed_text_takes_the_dominant_script(detector: LanguageDetector):
    text = "بيان: قصف مدفعي على ريف إدلب الجنوبي صباح اليوم (AFP)"
    assert detector.script(text) == "arabic"
    guess = detector.detect(text)
    assert guess is not None and guess.code == "ar"
