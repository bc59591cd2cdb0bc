"""The event coder: spaCy once, then an ordered list of stages per document.

>>> coder = Coder.load(Settings())                       # doctest: +SKIP
>>> coder.code_text("Rebels attacked an army post near Idlib.").events  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from multiprocessing.pool import Pool
from types import TracebackType
from typing import Any

import spacy
from spacy.language import Language
from spacy.symbols import NORM, ORTH
from spacy.tokenizer import Tokenizer

from watchfloor.coding.geo import Gazetteer
from watchfloor.coding.language import extra_data, language_data, use_extra_data
from watchfloor.coding.lexicon import TriggerLexicon
from watchfloor.coding.ontology import DATA_PACKAGE, Ontology
from watchfloor.coding.place_stage import PlaceStage
from watchfloor.coding.prior import CollectionPrior
from watchfloor.coding.registry import BuildContext
from watchfloor.coding.stage_factories import STAGES
from watchfloor.coding.stages import BatchStage, PriorStage, Stage, WarmStage
from watchfloor.coding.work import CodedDocument, WorkDoc
from watchfloor.daterange import DateRange
from watchfloor.errors import ModelError
from watchfloor.records import Document
from watchfloor.settings import Settings

CODER_VERSION = "coder-0.1"
UNUSED_PIPES = ()
TOKENIZER_EXCEPTIONS = "tokenizer_exceptions.tsv"
MAX_CHARS = 200_000
#: Documents sent to a worker process at a time when ``n_process`` > 1.
CHUNK_DOCUMENTS = 64


def reads_with_stages(language: str | None, model_language: str = "en") -> bool:
    """Whether the spaCy stages read a document in ``language``: the model's language, or
    none given (documents from before language detection), when ``coding/lang/<xx>/`` has
    the stages' files for it. Another language is never read as the model's."""
    read = language is None or language == model_language
    return read and language_data(model_language).reads_stages()


def load_nlp(name: str) -> Language:
    """Load the spaCy model by name (installed as a package; nothing is downloaded)."""
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_PIPES))
    except OSError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed: install the package named in pyproject.toml"
        ) from exc
    tokenizer = nlp.tokenizer
    data = language_data(language_of(nlp))
    if isinstance(tokenizer, Tokenizer) and data.has(TOKENIZER_EXCEPTIONS):
        # the language's special cases (coding/lang/<xx>/tokenizer_exceptions.tsv)
        for text, norm in data.rows(TOKENIZER_EXCEPTIONS, 2):
            tokenizer.add_special_case(text, [{ORTH: text, NORM: norm}])
    return nlp


def language_of(nlp: Language) -> str:
    """The ISO 639-1 code of the spaCy model's language; ModelError when it names none."""
    if not nlp.lang:
        raise ModelError("the spaCy model names no language: load a model with a 'lang'")
    return nlp.lang


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
    """Stages by registered name (``stage_factories.STAGES``), in order, their reads and
    writes checked (ConfigError when a stage reads what no earlier stage writes)."""
    return STAGES.build(names, BuildContext(settings, lexicon, ontology))


def data_digest(languages: Sequence[str] = ("en",)) -> str:
    """Short hash of every bundled data file (ontology, model) and of the language files the
    stages read (extra folders included): part of the version."""
    digest = hashlib.sha1()
    folder = resources.files(DATA_PACKAGE)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_file() and not entry.name.endswith((".py", ".pyc")):
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    for language in languages:
        for where, text in language_data(language).all_texts():
            digest.update(where.encode())
            digest.update(text.encode())
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
        #: whether the Arabic and Persian coder reads the sub-event classifier (a setting)
        self.cue_classifier = False
        self.language = language_of(nlp)
        # the extra language folders this coder was loaded with (see ``coding.language``)
        self.lang_dirs = extra_data()
        digest = data_digest((self.language,))
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
        same as with one process. The stages read the language data of the spaCy model's
        language (``coding/lang/<xx>/`` plus ``settings.lang_dir``); ModelError when it has
        none, ConfigError when a stage reads what no earlier stage writes.
        """
        use_extra_data([settings.lang_dir] if settings.lang_dir else [])
        nlp = load_nlp(settings.spacy_model)
        language = language_of(nlp)
        if not language_data(language).reads_stages():
            raise ModelError(
                f"spaCy model {settings.spacy_model!r} reads language {language!r}, which has"
                f" no stage resources under watchfloor/coding/lang/{language}/"
            )
        lexicon, ontology = TriggerLexicon.load(language), Ontology.load()
        names = {"default": DEFAULT_STAGES, "minimal": MINIMAL_STAGES}.get(
            stages if isinstance(stages, str) else "", stages
        )
        if isinstance(names, str):
            raise ModelError(f"unknown stage list {names!r}: use 'default' or 'minimal'")
        built = build_stages(list(names), settings, lexicon, ontology)
        coder = cls(nlp, built, batch_size=settings.batch_size, n_process=n_process)
        coder.cue_classifier = settings.multilingual_classifier
        return coder

    def code_documents(self, docs: Iterable[Document]) -> Iterator[CodedDocument]:
        """Code documents in order, parsing them in batches (in worker processes when
        ``n_process`` > 1)."""
        use_extra_data(self.lang_dirs)  # another coder loaded since may have changed them
        if self.n_process > 1:
            yield from self._code_in_workers(docs)
            return
        yield from self._code_here(docs)

    def _code_here(self, docs: Iterable[Document]) -> Iterator[CodedDocument]:
        """The model's language through spaCy and the stages; others through ``by_language``."""
        parsed: list[Document] = []
        for doc in docs:
            if reads_with_stages(doc.language, self.language):
                parsed.append(doc)
                continue
            yield from self._code_parsed(parsed)
            parsed = []
            yield self.by_language(doc)
        yield from self._code_parsed(parsed)

    def by_language(self, doc: Document) -> CodedDocument:
        """A document in another language: the cue coder where ``coding/lang/<code>/`` has
        tables for it, else no events and a trace line saying the language is not read."""
        from watchfloor.coding.multilingual.coder import CueCoder

        if not CueCoder.reads(doc.language):
            note = f"language {doc.language!r} is not read by the coder: no events coded"
            return CodedDocument(doc.id, [], [], [note])
        if self._cue_coder is None:
            reader = None
            if self.cue_classifier:
                from watchfloor.coding.embed import load_encoder
                from watchfloor.coding.multilingual.classifier import load_event_reader

                reader = load_event_reader(load_encoder())
            self._cue_coder = CueCoder(
                self._gazetteer(), Ontology.load(), self.date_range, reader=reader
            )
        return self._cue_coder.code(doc)

    def _gazetteer(self) -> Gazetteer:
        for stage in self.stages:
            if isinstance(stage, PlaceStage):
                gaz = getattr(stage.resolver, "gaz", None)
                if isinstance(gaz, Gazetteer):
                    return gaz
        return Gazetteer.load()

    def _code_parsed(self, docs: list[Document]) -> Iterator[CodedDocument]:
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
            if isinstance(stage, BatchStage):
                stage.run_batch(works)
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
            if isinstance(stage, PriorStage):
                stage.use_prior(prior)
        self.close()

    def warm(self) -> None:
        """Build the indexes stages otherwise build on first use (the gazetteer's loose-name
        index), so that forked workers share them instead of each building its own."""
        for stage in self.stages:
            if isinstance(stage, WarmStage):
                stage.warm()

    def pool(self) -> Pool:
        """The worker processes, forked from this loaded coder on first use."""
        if self._pool is None:
            self.warm()
            context = multiprocessing.get_context("fork")
            # the loaded coder (gazetteer, lexicons) is frozen out of the workers' garbage
            # collections: they never scan it (a full scan took 0.3 s) nor copy its pages
            gc.collect()
            gc.freeze()
            try:
                self._pool = context.Pool(
                    self.n_process, initializer=_start_worker, initargs=(self,)
                )
            finally:
                gc.unfreeze()  # this process collects as before
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
