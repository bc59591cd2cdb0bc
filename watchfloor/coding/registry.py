"""Coder stages registered by name, and the check of what each reads and writes.

Like spaCy's ``@Language.factory``, a stage is registered under a name with a factory that
builds it from a ``BuildContext``; ``build`` makes a list of them in order and ``check_order``
refuses, before anything is coded, a list where a stage reads a field of the ``WorkDoc`` that
no earlier stage writes (spaCy's ``analyze_pipes``). Each stage says what it reads and writes
in its ``reads``/``writes`` (fields of ``WorkDoc``, or ``candidates.<field>`` of a
``Candidate``); ``describe`` lists them, as ``watchfloor explain`` does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from watchfloor.coding.classify import EventTyper
from watchfloor.coding.lexicon import TriggerLexicon
from watchfloor.coding.ontology import Ontology
from watchfloor.coding.stages import ActorStage, Stage
from watchfloor.coding.work import Candidate, WorkDoc
from watchfloor.errors import ConfigError, ModelError
from watchfloor.settings import Settings

#: Fields every document has before the first stage: the input and its parse.
GIVEN_FIELDS = frozenset({"document", "doc"})
WORK_FIELDS = frozenset(f.name for f in fields(WorkDoc))
CANDIDATE_FIELDS = frozenset(f.name for f in fields(Candidate))


@dataclass
class BuildContext:
    """What factories build stages from; ``actors`` is the actor stage built so far, which
    the typing stages share to attach actors (a resolver-less one until ``actors`` is built)."""

    settings: Settings
    lexicon: TriggerLexicon
    ontology: Ontology
    actors: ActorStage = field(default_factory=lambda: ActorStage(None))
    shared: dict[str, Any] = field(default_factory=dict)

    def typer(self) -> EventTyper:
        """The lexicon's event typer."""
        return EventTyper(self.lexicon)


Factory = Callable[[BuildContext], Stage]


class StageRegistry:
    """Stage factories by name, in the order they were registered."""

    def __init__(self) -> None:
        self._factories: dict[str, Factory] = {}

    def register(self, name: str) -> Callable[[Factory], Factory]:
        """Decorator: register ``factory`` as the maker of stage ``name``."""

        def add(factory: Factory) -> Factory:
            if name in self._factories:
                raise ModelError(f"coder stage {name!r} is registered twice")
            self._factories[name] = factory
            return factory

        return add

    def names(self) -> tuple[str, ...]:
        """Every registered stage name."""
        return tuple(self._factories)

    def build(self, names: Sequence[str], context: BuildContext) -> list[Stage]:
        """The stages called ``names``, in order, with their contracts checked."""
        unknown = [n for n in names if n not in self._factories]
        if unknown:
            raise ModelError(
                f"unknown coder stage {unknown[0]!r}: choose from {', '.join(self.names())}"
            )
        stages = [self._factories[name](context) for name in names]
        check_order(stages)
        return stages


def check_order(stages: Sequence[Stage]) -> None:
    """Refuse a stage list where a stage names a field that does not exist, or reads one that
    no earlier stage writes (a stage that also writes the field may start it: "subevents"
    adds candidates where no "events" stage made any); ConfigError names the stage, the
    field and the order."""
    order = " -> ".join(s.name for s in stages)
    written: set[str] = set(GIVEN_FIELDS)
    for stage in stages:
        for name in (*stage.reads, *stage.writes):
            if not _known(name):
                raise ConfigError(
                    f"coder stage {stage.name!r} names field {name!r}, which a coded document"
                    f" does not have (fields: {', '.join(sorted(WORK_FIELDS))})"
                )
        for name in stage.reads:
            # a stage that reads and writes a field updates it, from its empty start if need be
            if name not in written and name.split(".")[0] not in written | set(stage.writes):
                raise ConfigError(
                    f"coder stage {stage.name!r} reads {name!r}, which no earlier stage writes"
                    f" (order: {order}); put a stage that writes it before {stage.name!r}"
                )
        written.update(stage.writes)


def _known(name: str) -> bool:
    head, _, part = name.partition(".")
    if head not in WORK_FIELDS:
        return False
    return not part or (head == "candidates" and part in CANDIDATE_FIELDS)


def describe(stages: Sequence[Stage]) -> list[str]:
    """One line per stage: its name, what it reads and what it writes."""
    return [
        f"{s.name}: reads {', '.join(s.reads) or '-'}; writes {', '.join(s.writes) or '-'}"
        for s in stages
    ]
