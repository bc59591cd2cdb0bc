"""Stages registered by name, and the check of what each reads and writes when the coder loads."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from watchfloor.coding.pipeline import DEFAULT_STAGES, MINIMAL_STAGES, Coder
from watchfloor.coding.registry import BuildContext, StageRegistry, check_order, describe
from watchfloor.coding.stage_factories import STAGES
from watchfloor.coding.work import WorkDoc
from watchfloor.errors import ConfigError, ModelError
from watchfloor.settings import Settings


@dataclass
class Declared:
    """A stage that only declares what it reads and writes."""

    name: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]

    def __call__(self, work: WorkDoc) -> None:
        return None


SENTENCES = Declared("sentences", ("doc",), ("sentences", "spans", "eligible"))
EVENTS = Declared("events", ("spans", "eligible", "actor_mentions"), ("candidates",))
ACTORS = Declared("actors", ("spans", "eligible"), ("actor_mentions",))


def test_every_shipped_stage_is_registered() -> None:
    assert set(DEFAULT_STAGES) | set(MINIMAL_STAGES) <= set(STAGES.names())


@pytest.mark.parametrize("names", [DEFAULT_STAGES, MINIMAL_STAGES])
def test_the_shipped_orders_pass_the_check(coder: Coder, names: tuple[str, ...]) -> None:
    by_name = {s.name: s for s in coder.stages}
    check_order([by_name[n.replace("actors-text", "actors")] for n in names])


@pytest.mark.parametrize(
    ("stages", "stage", "field"),
    [
        ([EVENTS], "events", "spans"),
        ([SENTENCES, EVENTS], "events", "actor_mentions"),
        (
            [SENTENCES, Declared("dates", ("spans", "candidates"), ("candidates.date",))],
            "dates",
            "candidates",
        ),
        (
            [SENTENCES, ACTORS, Declared("assemble", ("candidates", "sentences"), ("events",))],
            "assemble",
            "candidates",
        ),
        (
            [SENTENCES, Declared("places", ("doc", "place_mentions"), ("candidates.place",))],
            "places",
            "place_mentions",
        ),
    ],
)
def test_a_stage_reading_what_no_earlier_stage_writes_is_refused(
    stages: list[Declared], stage: str, field: str
) -> None:
    with pytest.raises(ConfigError, match=f"stage '{stage}' reads '{field}', which no earlier"):
        check_order(stages)


def test_a_stage_that_updates_a_field_may_start_it() -> None:
    adds = Declared("subevents", ("spans", "eligible", "candidates"), ("candidates",))
    check_order([SENTENCES, adds, Declared("confidence", ("candidates",), ("events",))])


@pytest.mark.parametrize(
    "bad",
    [
        Declared("typo", ("spanz",), ()),
        Declared("typo", ("spans",), ("candidates.colour",)),
        Declared("typo", ("sentences.text",), ()),
    ],
)
def test_a_field_a_document_does_not_have_is_refused(bad: Declared) -> None:
    with pytest.raises(ConfigError, match="stage 'typo' names field"):
        check_order([SENTENCES, bad])


def test_loading_a_coder_in_a_wrong_order_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="stage 'events' reads 'spans'.*order: events -> "):
        Coder.load(Settings(), stages=["events", "sentences", "assemble"])


def test_an_unknown_stage_name_lists_the_registered_ones() -> None:
    with pytest.raises(ModelError, match="unknown coder stage 'parse'.*sentences, actors"):
        Coder.load(Settings(), stages=["sentences", "parse"])


def test_a_new_stage_is_one_registration() -> None:
    registry = StageRegistry()

    @registry.register("sentences")
    def _sentences(context: BuildContext) -> Declared:
        return SENTENCES

    @registry.register("count")
    def _count(context: BuildContext) -> Declared:
        return Declared("count", ("sentences",), ("trace",))

    context = BuildContext(Settings(), None, None)  # type: ignore[arg-type]
    built = registry.build(["sentences", "count"], context)
    assert describe(built) == [
        "sentences: reads doc; writes sentences, spans, eligible",
        "count: reads sentences; writes trace",
    ]
    with pytest.raises(ModelError, match="registered twice"):
        registry.register("count")(_count)
