"""The sentence encoder and the embedding classifiers, on sentences we wrote in several styles."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from watchfloor.coding.embed import (
    EmbeddingClassifier,
    SentenceEncoder,
    load_embedding_classifier,
    load_encoder,
    save_embedding_classifier,
)
from watchfloor.coding.pipeline import Coder
from watchfloor.coding.subevent_model import load_subevent_model
from watchfloor.errors import ModelError
from watchfloor.settings import Settings


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return load_encoder()


@pytest.fixture(scope="module")
def subevents(encoder: SentenceEncoder) -> EmbeddingClassifier:
    model: EmbeddingClassifier = load_subevent_model(encoder)
    return model


def test_vectors_are_unit_length_and_cached(encoder: SentenceEncoder) -> None:
    texts = ["Rebels shelled the town.", "Police arrested two men.", "Rebels shelled the town."]
    vectors = encoder.encode(texts)
    assert vectors.shape == (3, encoder.dim) and encoder.dim == 384
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert np.array_equal(vectors[0], vectors[2])
    assert not np.allclose(vectors[0], vectors[1])


def test_similar_reports_lie_closer_than_unrelated_ones(encoder: SentenceEncoder) -> None:
    a, b, c = encoder.encode(
        [
            "A roadside bomb hit an army truck on the highway.",
            "An IED exploded under a military vehicle on the main road.",
            "Teachers marched peacefully to demand their salaries.",
        ]
    )
    assert float(a @ b) > float(a @ c) + 0.05


# Our own sentences, none in the training text: wire, local press of several regions, an NGO
# report, an official statement, a social post.
@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "Fighter jets bombed a rebel training camp in the hills overnight, the army said.",
            "AIR_STRIKE",
        ),
        (
            "Miscreants lobbed a grenade at a police picket in the bazaar, injuring a constable.",
            "GRENADE",
        ),
        (
            "Angry residents caught a suspected goat thief and beat him to death near the market.",
            "MOB_VIOL",
        ),
        (
            "Unknown gunmen shot dead a village chief in front of his house late on Sunday.",
            "ATTACK",
        ),
        (
            "Kidnappers seized a Catholic priest on the road to the parish and asked for a ransom.",
            "ABDUCT_DISSAP",
        ),
        (
            "Civil servants held a peaceful march to the labour ministry to demand salary arrears.",
            "PEACE_PROTEST",
        ),
        (
            "Demonstrators torched the district office and stoned police cars over the vote count.",
            "VIOL_DEMONSTR",
        ),
        (
            "Partners report that a landmine killed three children collecting firewood.",
            "REM_EXPLOS",
        ),
        ("The ministry announces the arrest of four suspects linked to the kidnappings.", "ARREST"),
        ("army found bomb near the school and defused it, everyone safe", "DISR_WEAP"),
        (
            "The two warring communities signed a peace accord brokered by the traditional rulers.",
            "AGREEMENT",
        ),
    ],
)
def test_embedding_classifier_reads_unseen_sentences(
    subevents: EmbeddingClassifier, text: str, label: str
) -> None:
    probs = subevents.predict_proba([text])[0]
    assert subevents.classes_[int(probs.argmax())] == label
    assert probs.sum() == pytest.approx(1.0, abs=1e-5)


def test_classifier_round_trips_through_its_file(tmp_path: Path, encoder: SentenceEncoder) -> None:
    rng = np.random.default_rng(3)
    weights, bias = rng.normal(size=(encoder.dim, 2)), np.array([0.5, -0.5])
    path = tmp_path / "model.npz"
    save_embedding_classifier(path, ["A", "B"], weights, bias)
    loaded = np.load(path)
    assert list(loaded["classes"]) == ["A", "B"] and loaded["weights"].shape == (encoder.dim, 2)


def test_shapes_that_do_not_fit_the_encoder_are_refused(encoder: SentenceEncoder) -> None:
    with pytest.raises(ModelError, match="do not fit"):
        EmbeddingClassifier(encoder, ["A", "B"], np.zeros((10, 2)), np.zeros(2))


def test_missing_classifier_file_names_the_script(encoder: SentenceEncoder) -> None:
    with pytest.raises(ModelError, match="scripts/train_x.py"):
        load_embedding_classifier("absent.npz", encoder, "scripts/train_x.py")


def test_setting_switches_the_sub_event_reader_to_words() -> None:
    words = Coder.load(Settings(event_embeddings=False), stages=["sentences", "subevents"])
    vectors = Coder.load(Settings(event_embeddings=True), stages=["sentences", "subevents"])
    assert not isinstance(words.stages[1].model, EmbeddingClassifier)  # type: ignore[attr-defined]
    assert isinstance(vectors.stages[1].model, EmbeddingClassifier)  # type: ignore[attr-defined]
