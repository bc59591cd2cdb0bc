"""The event coder: spaCy once, then an ordered list of stages per document.

>>> coder = Coder.load(Settings())                       # doctest: +SKIP
>>> coder.code_text("Rebels attacked an army post near Idlib.").events  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from importlib import resources
from multiprocessing.pool import Pool
from types import TracebackType
from typing import Any

import spacy
from spacy.language import Language
from spacy.symbols import NORM, ORTH
from spacy.tokenizer import Tokenizer

from watchfloor.coding.classify import EventTyper
from watchfloor.coding.geo import Gazetteer
from watchfloor.coding.lexicon import TriggerLexicon
from watchfloor.coding.ontology import DATA_PACKAGE, Ontology
from watchfloor.coding.place_stage import PlaceStage
from watchfloor.coding.prior import CollectionPrior
from watchfloor.coding.stages import (
    ActorContextStage,
    ActorStage,
    AssembleStage,
    CasualtyStage,
    ConfidenceStage,
    DateStage,
    EventStage,
    PoliticalActorStage,
    SentenceStage,
    Stage,
)
from watchfloor.coding.work import CodedDocument, WorkDoc
from watchfloor.daterange import DateRange
from watchfloor.errors import ModelError
from watchfloor.records import Document
from watchfloor.settings import Settings

CODER_VERSION = "coder-0.1"
# Acronyms that spell an English word: the model reads "IS controlled the village" as a passive
# ("is controlled"); normalised as the group's longer acronym, "IS" is parsed as a name.
ACRONYMS = {"IS": "isis"}
UNUSED_PIPES = ()
MAX_CHARS = 200_000
#: How sure the sub-event reader must be to add an event to a sentence with a trigger word.
WORDS_ADD_THRESHOLD = 0.2
EMBEDDING_ADD_THRESHOLD = 0.4
#: Documents sent to a worker process at a time when ``n_process`` > 1.
CHUNK_DOCUMENTS = 32


def reads_as_english(language: str | None) -> bool:
    """English, or no language given (documents from before language detection)."""
    return language is None or language == "en"


def load_nlp(name: str) -> Language:
    """Load the spaCy model by name (installed as a package; nothing is downloaded)."""
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_PIPES))
    except OSError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed: install the package named in pyproject.toml"
        ) from exc
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):
        for acronym, norm in ACRONYMS.items():
            tokenizer.add_special_case(acronym, [{ORTH: acronym, NORM: norm}])
    return nlp


DEFAULT_STAGES: tuple[str, ...] = (
    "sentences",
    "actors",
    "events",
    "model",
    "subevents",
    "acled-actors",
    "warnings",
    "places",
    "actor-context",
    "political",
    "acled-headings",
    "dates",
    "casualties",
    "confidence",
    "assemble",
)
MINIMAL_STAGES: tuple[str, ...] = ("sentences", "actors-text", "events", "confidence", "assemble")


def build_stages(
    names: Sequence[str], settings: Settings, lexicon: TriggerLexicon, ontology: Ontology
) -> list[Stage]:
    """Stages by name, in order. ``actors`` uses the actor resolver, ``actors-text`` keeps the
    parse's noun phrases without resolving them; the module of each stage is imported here."""
    built: list[Stage] = []
    actors = ActorStage(None)
    encoder = SharedEncoder(settings.event_embeddings)
    for name in names:
        if name == "sentences":
            built.append(SentenceStage(lexicon.vocabulary))
        elif name in ("actors", "actors-text"):
            if name == "actors":
                from watchfloor.coding.actors import ActorResolver

                actors = ActorStage(ActorResolver.load(settings))
            built.append(actors)
        elif name == "events":
            built.append(EventStage(EventTyper(lexicon), actors))
        elif name == "model":
            from watchfloor.coding.model import ModelStage, load_model

            built.append(ModelStage(load_model(), EventTyper(lexicon), actors))
        elif name == "subevents":
            from watchfloor.coding.subevent_model import (
                SubEventStage,
                load_subevent_labels,
                load_subevent_model,
            )

            labels = load_subevent_labels()
            model = load_subevent_model(encoder.get())
            # the embedding reader's probabilities are flatter than the word reader's: an
            # event is added only at the bar used where no trigger word is
            add = EMBEDDING_ADD_THRESHOLD if encoder.enabled else WORDS_ADD_THRESHOLD
            built.append(SubEventStage(model, labels, ontology, actors, add_threshold=add))
        elif name == "acled-actors":
            from watchfloor.coding.acled_stage import AcledActorStage, load_acled_cues

            built.append(AcledActorStage(load_acled_cues(), ontology, actors))
        elif name == "acled-headings":
            from watchfloor.coding.acled_headings import AcledHeadingStage
            from watchfloor.coding.acled_stage import load_acled_cues

            built.append(AcledHeadingStage(load_acled_cues(), actors))
        elif name == "warnings":
            from watchfloor.coding.warning_kinds import WarningStage, load_warning_cues

            built.append(WarningStage(load_warning_cues(), ontology, actors))
        elif name == "places":
            from watchfloor.coding.geo import Gazetteer, PlaceResolver

            built.append(PlaceStage(PlaceResolver(Gazetteer.load())))
        elif name == "actor-context":
            built.append(ActorContextStage())
        elif name == "political":
            built.append(PoliticalActorStage())
        elif name == "dates":
            from watchfloor.coding.dates import resolve_event_date

            built.append(DateStage(partial(resolve_event_date, accepted=settings.date_range())))
        elif name == "casualties":
            from watchfloor.coding.casualties import extract_casualties

            built.append(CasualtyStage(extract_casualties))
        elif name == "confidence":
            built.append(ConfidenceStage())
        elif name == "assemble":
            built.append(AssembleStage(ontology))
        else:
            raise ModelError(f"unknown coder stage {name!r}: choose from {DEFAULT_STAGES}")
    return built


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


def data_digest() -> str:
    """Short hash of every bundled data file (ontology, lexicons, model): part of the version."""
    digest = hashlib.sha1()
    folder = resources.files(DATA_PACKAGE)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_file() and not entry.name.endswith((".py", ".pyc")):
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    return digest.hexdigest()[:8]


class Coder:
    """Turns documents into coded events. Build once with ``Coder.load`` and reuse."""

    def __init__(
        self, nlp: Language, stages: Sequence[Stage], *, batch_size: int = 64, n_process: int = 1
    ) -> None:
        self.nlp = nlp
        self.stages = list(stages)
        self.batch_size = batch_size
        self.n_process = max(1, n_process)
        self._pool: Pool | None = None
        self.prior = CollectionPrior()
        self.date_range = DateRange.default()
        self._cue_coder: Any = None
        digest = data_digest()
        self.version = f"{CODER_VERSION}+{'-'.join(s.name for s in self.stages)}.{digest}"

    @classmethod
    def load(
        cls, settings: Settings, *, stages: str | Sequence[str] = "default", n_process: int = 1
    ) -> Coder:
        """Load spaCy and every stage's model once.

        ``stages``: "default" (everything), "minimal" (typing only, actors as plain text), or
        a list of stage names from ``DEFAULT_STAGES`` / "actors-text". ``n_process`` > 1
        codes documents (parse and every stage) in that many forked worker processes, started
        on first use and kept until ``close()``; results come back in input order and are the
        same as with one process.
        """
        lexicon, ontology = TriggerLexicon.load(), Ontology.load()
        names = {"default": DEFAULT_STAGES, "minimal": MINIMAL_STAGES}.get(
            stages if isinstance(stages, str) else "", stages
        )
        if isinstance(names, str):
            raise ModelError(f"unknown stage list {names!r}: use 'default' or 'minimal'")
        built = build_stages(list(names), settings, lexicon, ontology)
        return cls(
            load_nlp(settings.spacy_model),
            built,
            batch_size=settings.batch_size,
            n_process=n_process,
        )

    def code_documents(self, docs: Iterable[Document]) -> Iterator[CodedDocument]:
        """Code documents in order, parsing them in batches (in worker processes when
        ``n_process`` > 1)."""
        if self.n_process > 1:
            yield from self._code_in_workers(docs)
            return
        yield from self._code_here(docs)

    def _code_here(self, docs: Iterable[Document]) -> Iterator[CodedDocument]:
        """English through spaCy and the stages; other languages through ``by_language``."""
        english: list[Document] = []
        for doc in docs:
            if reads_as_english(doc.language):
                english.append(doc)
                continue
            yield from self._code_english(english)
            english = []
            yield self.by_language(doc)
        yield from self._code_english(english)

    def by_language(self, doc: Document) -> CodedDocument:
        """A document in another language: the cue coder where ``coding/lang/<code>/`` has
        tables for it, else no events and a trace line saying the language is not read."""
        from watchfloor.coding.multilingual.coder import CueCoder

        if not CueCoder.reads(doc.language):
            note = f"language {doc.language!r} is not read by the coder: no events coded"
            return CodedDocument(doc.id, [], [], [note])
        if self._cue_coder is None:
            self._cue_coder = CueCoder(self._gazetteer(), Ontology.load(), self.date_range)
        return self._cue_coder.code(doc)

    def _gazetteer(self) -> Gazetteer:
        for stage in self.stages:
            if isinstance(stage, PlaceStage):
                gaz = getattr(stage.resolver, "gaz", None)
                if isinstance(gaz, Gazetteer):
                    return gaz
        return Gazetteer.load()

    def _code_english(self, docs: list[Document]) -> Iterator[CodedDocument]:
        if not docs:
            return
        pairs = ((d.text[:MAX_CHARS], d) for d in docs)
        parsed = self.nlp.pipe(pairs, batch_size=self.batch_size, as_tuples=True)
        works: list[WorkDoc] = []
        for doc, document in parsed:
            works.append(WorkDoc(document=document, doc=doc))
            if len(works) >= self.batch_size:
                yield from self._run_stages(works)
                works = []
        yield from self._run_stages(works)

    def _run_stages(self, works: list[WorkDoc]) -> Iterator[CodedDocument]:
        """Each stage over the whole batch in turn (documents stay independent): a stage with
        ``run_batch`` gets them all at once, e.g. for one classifier call."""
        for stage in self.stages:
            run_batch = getattr(stage, "run_batch", None)
            if callable(run_batch):
                run_batch(works)
            else:
                for work in works:
                    stage(work)
        for work in works:
            yield CodedDocument(work.document.id, work.sentences, work.events, trace(work))

    def _code_in_workers(self, docs: Iterable[Document]) -> Iterator[CodedDocument]:
        items = docs if isinstance(docs, Sequence) else list(docs)
        if not items:
            return
        # small calls (one runner batch) are still split so that every worker gets a share
        size = max(1, min(CHUNK_DOCUMENTS, -(-len(items) // (2 * self.n_process))))
        chunks = [list(items[i : i + size]) for i in range(0, len(items), size)]
        for coded in self.pool().imap(_code_chunk, chunks):
            yield from coded

    def use_prior(self, prior: CollectionPrior) -> None:
        """Code from now on with what this collection already says (see ``coding.prior``);
        worker processes are restarted so that they see it too."""
        if prior == self.prior:
            return
        self.prior = prior
        for stage in self.stages:
            use = getattr(stage, "use_prior", None)
            if callable(use):
                use(prior)
        self.close()

    def warm(self) -> None:
        """Build the indexes stages otherwise build on first use (the gazetteer's loose-name
        index), so that forked workers share them instead of each building its own."""
        for stage in self.stages:
            warm = getattr(stage, "warm", None)
            if callable(warm):
                warm()

    def pool(self) -> Pool:
        """The worker processes, forked from this loaded coder on first use."""
        if self._pool is None:
            self.warm()
            context = multiprocessing.get_context("fork")
            self._pool = context.Pool(self.n_process, initializer=_start_worker, initargs=(self,))
        return self._pool

    def close(self) -> None:
        """Stop the worker processes, if any were started."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> Coder:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_pool"] = None  # a pool cannot travel to another process
        return state

    def code_text(
        self,
        text: str,
        published: dt.date | None = None,
        doc_id: str = "text",
        *,
        language: str | None = None,
    ) -> CodedDocument:
        """Code one text; ``published`` anchors relative dates ("on Monday"); ``language``
        (ISO 639-1, None for English) picks the language's resources."""
        when = dt.datetime.combine(published, dt.time()) if published else None
        doc = Document(id=doc_id, text=text, published=when, language=language)
        return next(self.code_documents([doc]))


#: The coder of a forked worker process (set once by ``_start_worker``; empty elsewhere).
_WORKER: dict[str, Coder] = {}


def _start_worker(coder: Coder) -> None:
    """Pool initializer: keep the inherited coder; one BLAS thread, since each core has a
    worker of its own."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    coder.n_process = 1
    _WORKER["coder"] = coder


def _code_chunk(docs: list[Document]) -> list[CodedDocument]:
    return list(_WORKER["coder"].code_documents(docs))


def trace(work: WorkDoc) -> list[str]:
    """Readable lines per sentence: actors, places, and each event with its reasons."""
    lines: list[str] = []
    by_sentence: dict[int, list[Any]] = {}
    for event in work.events:
        by_sentence.setdefault(event.evidence.sentence_index, []).append(event)
    dropped = {line.split("]")[0] + "]": line for line in work.trace}
    for i, sentence in enumerate(work.sentences):
        lines.append(f"[{i}] {sentence.text}")
        if f"[{i}]" in dropped:
            lines.append("    " + dropped[f"[{i}]"].split("] ", 1)[1])
        mentions = work.actor_mentions.get(i, [])
        if mentions:
            shown = ", ".join(
                f"{m.text} ({m.ref.country or '-'}/{m.ref.sector or '-'})" for m in mentions
            )
            lines.append(f"    actors: {shown}")
        places = [p for p in work.place_mentions if _inside(p, sentence)]
        if places:
            lines.append("    places: " + ", ".join(_place_text(p) for p in places))
        for event in by_sentence.get(i, []):
            lines.append(
                f"    event {event.plover_event}/{event.plover_mode or '-'} CAMEO "
                f"{event.cameo_code or '-'} ACLED {event.acled_event_type or '-'}; date "
                f"{event.date or '-'}; confidence {event.confidence}: {event.explanation}"
            )
        if not work.eligible[i]:
            lines.append("    (skipped: no trigger word)")
    return lines


def _inside(mention: Any, sentence: Any) -> bool:
    start = getattr(mention, "start", None)
    return start is not None and sentence.start <= start < sentence.end


def _place_text(mention: Any) -> str:
    ref = getattr(mention, "ref", None) or getattr(mention, "place", None)
    name = getattr(mention, "text", None) or getattr(ref, "name", "?")
    country = getattr(ref, "country", None)
    return f"{name} ({country or '-'})"
