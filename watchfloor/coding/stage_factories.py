"""The coder's own stages, registered by name in ``STAGES`` (see ``coding.registry``).

Each factory imports its stage's module when it is built, so that a coder without a stage
never loads that stage's model. Another stage is one more ``@STAGES.register`` function.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from watchfloor.coding.assemble import AssembleStage
from watchfloor.coding.registry import BuildContext, StageRegistry
from watchfloor.coding.stages import (
    ActorContextStage,
    ActorStage,
    CasualtyStage,
    ConfidenceStage,
    DateStage,
    EventStage,
    PoliticalActorStage,
    SentenceStage,
    Stage,
)

#: How sure the sub-event reader must be to add an event to a sentence with a trigger word.
WORDS_ADD_THRESHOLD = 0.2
EMBEDDING_ADD_THRESHOLD = 0.4

STAGES = StageRegistry()


class SharedEncoder:
    """The sentence encoder the classifier stages share, loaded on the first stage that asks
    (none when ``event_embeddings`` is off: those stages then read words)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._encoder: Any = None

    def get(self) -> Any:
        if self.enabled and self._encoder is None:
            from watchfloor.coding.embed import load_encoder

            self._encoder = load_encoder()
        return self._encoder


def encoder(context: BuildContext) -> SharedEncoder:
    """The context's shared encoder (made on first use)."""
    found = context.shared.get("encoder")
    if not isinstance(found, SharedEncoder):
        found = context.shared["encoder"] = SharedEncoder(context.settings.event_embeddings)
    return found


@STAGES.register("sentences")
def _sentences(context: BuildContext) -> Stage:
    return SentenceStage(context.lexicon.vocabulary)


@STAGES.register("actors")
def _actors(context: BuildContext) -> Stage:
    from watchfloor.coding.actors import ActorResolver

    context.actors = ActorStage(ActorResolver.load(context.settings))
    return context.actors


@STAGES.register("actors-text")
def _actors_text(context: BuildContext) -> Stage:
    """The parse's noun phrases as actors, unresolved."""
    return context.actors


@STAGES.register("events")
def _events(context: BuildContext) -> Stage:
    return EventStage(context.typer(), context.actors)


@STAGES.register("model")
def _model(context: BuildContext) -> Stage:
    from watchfloor.coding.model import ModelStage, load_model

    return ModelStage(load_model(), context.typer(), context.actors)


@STAGES.register("subevents")
def _subevents(context: BuildContext) -> Stage:
    from watchfloor.coding.subevent_model import (
        SubEventStage,
        load_subevent_labels,
        load_subevent_model,
    )

    shared = encoder(context)
    model = load_subevent_model(shared.get())
    # the embedding reader's probabilities are flatter than the word reader's: an event is
    # added only at the bar used where no trigger word is
    add = EMBEDDING_ADD_THRESHOLD if shared.enabled else WORDS_ADD_THRESHOLD
    labels = load_subevent_labels()
    return SubEventStage(model, labels, context.ontology, context.actors, add_threshold=add)


@STAGES.register("acled-actors")
def _acled_actors(context: BuildContext) -> Stage:
    from watchfloor.coding.acled_stage import AcledActorStage, load_acled_cues

    return AcledActorStage(load_acled_cues(), context.ontology, context.actors)


@STAGES.register("acled-headings")
def _acled_headings(context: BuildContext) -> Stage:
    from watchfloor.coding.acled_headings import AcledHeadingStage
    from watchfloor.coding.acled_stage import load_acled_cues

    return AcledHeadingStage(load_acled_cues(), context.actors)


@STAGES.register("warnings")
def _warnings(context: BuildContext) -> Stage:
    from watchfloor.coding.warning_kinds import WarningStage, load_warning_cues

    return WarningStage(load_warning_cues(), context.ontology, context.actors)


@STAGES.register("places")
def _places(context: BuildContext) -> Stage:
    from watchfloor.coding.geo import Gazetteer, PlaceResolver
    from watchfloor.coding.place_stage import PlaceStage

    return PlaceStage(PlaceResolver(Gazetteer.load()))


@STAGES.register("actor-context")
def _actor_context(context: BuildContext) -> Stage:
    return ActorContextStage()


@STAGES.register("political")
def _political(context: BuildContext) -> Stage:
    from watchfloor.coding.acled_stage import AcledActorStage, load_acled_cues
    from watchfloor.coding.political_violence import UnnamedPerpetrators, rescue

    acled = AcledActorStage(load_acled_cues(), context.ontology, context.actors)
    return PoliticalActorStage(partial(rescue, UnnamedPerpetrators(acled)))


@STAGES.register("dates")
def _dates(context: BuildContext) -> Stage:
    from watchfloor.coding.dates import resolve_event_date

    return DateStage(partial(resolve_event_date, accepted=context.settings.date_range()))


@STAGES.register("casualties")
def _casualties(context: BuildContext) -> Stage:
    from watchfloor.coding.casualties import extract_casualties

    return CasualtyStage(extract_casualties)


@STAGES.register("confidence")
def _confidence(context: BuildContext) -> Stage:
    return ConfidenceStage()


@STAGES.register("assemble")
def _assemble(context: BuildContext) -> Stage:
    return AssembleStage(context.ontology)
