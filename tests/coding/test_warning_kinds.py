"""The coder marks each event with the warning kind it shows (coding/warning_kinds.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from spacy.vocab import Vocab

from tests.coding.warning_sentences import HEDGED, NEGATED, NOT_SHOWN, SHOWN
from watchfloor.coding.pipeline import Coder
from watchfloor.coding.warning_kinds import (
    Cue,
    WarningCues,
    WarningKind,
    build_matcher,
    load_warning_cues,
)
from watchfloor.errors import ModelError
from watchfloor.records import Event

CASES = [(kind, text) for kind, texts in SHOWN.items() for text in texts]
NEGATED_CASES = [(kind, text) for kind, texts in NEGATED.items() for text in texts]


def events_of(coder: Coder, text: str) -> list[Event]:
    return coder.code_text(text, published=dt.date(2024, 3, 4)).events


def test_every_kind_has_ten_sentences() -> None:
    kinds = {k.name for k in load_warning_cues().kinds}
    assert set(SHOWN) == kinds
    assert all(len(texts) >= 10 for texts in SHOWN.values())


@pytest.mark.parametrize(("kind", "text"), CASES)
def test_sentence_gets_an_event_of_its_kind(coder: Coder, kind: str, text: str) -> None:
    marked = [e for e in events_of(coder, text) if e.warning_kind == kind]
    assert marked, f"no {kind} event in {text!r}"
    assert all(not e.negated and e.plover_event for e in marked)


@pytest.mark.parametrize(("kind", "text"), NEGATED_CASES)
def test_negated_report_gives_no_signal(coder: Coder, kind: str, text: str) -> None:
    assert not [e for e in events_of(coder, text) if e.warning_kind == kind and not e.negated]


@pytest.mark.parametrize(("kind", "plain", "hedged"), HEDGED)
def test_hedged_report_lowers_confidence(coder: Coder, kind: str, plain: str, hedged: str) -> None:
    sure = max(e.confidence for e in events_of(coder, plain) if e.warning_kind == kind)
    unsure = [e for e in events_of(coder, hedged) if e.warning_kind == kind]
    assert unsure and max(e.confidence for e in unsure) < sure


@pytest.mark.parametrize("text", NOT_SHOWN)
def test_lookalike_gets_no_kind(coder: Coder, text: str) -> None:
    assert [e.warning_kind for e in events_of(coder, text) if e.warning_kind] == []


@pytest.mark.parametrize(
    ("text", "plover", "code"),
    [
        (
            "Dozens of tanks entered Iraq through the Ibrahim Khalil border crossing.",
            "MOBILIZE",
            "154",
        ),
        ("Sources say Soleimani is back in Baghdad.", "CONSULT", "042"),
        ("Moqtada al-Sadr announced he will close his movement's institutions.", "RETREAT", "087"),
        ("The defence minister has not been seen since the coup attempt.", "RETREAT", "087"),
        ("Kuwait told its citizens to leave Iraq immediately.", "REQUEST", "020"),
        ("Washington designated the militia as a terrorist organization.", "COERCE", "163"),
    ],
)
def test_cue_makes_the_missing_event(coder: Coder, text: str, plover: str, code: str) -> None:
    made = [e for e in events_of(coder, text) if e.warning_kind]
    assert [(e.plover_event, e.cameo_code) for e in made] == [(plover, code)]
    assert "warning cue" in (made[0].explanation or "")


def test_cue_retypes_its_own_trigger(coder: Coder) -> None:
    events = events_of(coder, "Israeli tanks pushed into the southern Gaza city of Rafah.")
    assert [(e.plover_event, e.warning_kind) for e in events] == [("MOBILIZE", "border_crossing")]


def test_explain_trace_names_the_kind(coder: Coder) -> None:
    coded = coder.code_text("Kuwait told its citizens to leave Iraq immediately.")
    assert any(
        "warning kind evacuation" in line or "(evacuation)" in line for line in coded.explanations
    )


def test_other_language_is_left_alone(coder: Coder) -> None:
    from watchfloor.records import Document

    doc = Document(id="fr", text="Turkish troops crossed the border into Syria.", language="fr")
    coded = next(coder.code_documents([doc]))
    assert all(e.warning_kind is None for e in coded.events)


def _cues(pattern: list[dict[str, object]], **extra: object) -> WarningCues:
    kind = WarningKind("closure", "closure", frozenset({"COERCE"}))
    return WarningCues("en", (kind,), (Cue("closure", "test", tuple(pattern), **extra),))  # type: ignore[arg-type]


def test_bad_pattern_is_a_clear_error() -> None:
    bad = _cues([{"RIGHT_ID": "a", "RIGHT_ATTRS": {"LEMMA": {"NOT_AN_OP": ["close"]}}}])
    with pytest.raises(ModelError, match=r"cue 1 \(closure, test\) has an invalid pattern"):
        build_matcher(Vocab(), bad)


def test_bundled_cues_load_and_compile() -> None:
    cues = load_warning_cues()
    build_matcher(Vocab(), cues)
    assert {c.kind for c in cues.cues} == {k.name for k in cues.kinds}


def test_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match="lang/xx/warning_kinds.yaml"):
        load_warning_cues("xx")


def test_cue_file_without_kinds_is_refused(tmp_path: Path) -> None:
    from watchfloor.coding.language import use_extra_data

    (tmp_path / "zz").mkdir(parents=True)
    (tmp_path / "zz" / "warning_kinds.yaml").write_text("cues: []\n", encoding="utf-8")
    use_extra_data([tmp_path])
    try:
        with pytest.raises(ModelError, match="expected a 'kinds:' mapping"):
            load_warning_cues("zz")
    finally:
        use_extra_data([])
