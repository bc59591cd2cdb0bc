"""The analyst's kinds of warning signal, marked on events by a coder stage.

The kinds and their cues are language data (``coding/lang/<xx>/warning_kinds.yaml``: spaCy
``DependencyMatcher`` patterns); this module knows no language. For each sentence where a cue
matches, the stage marks the sentence's candidate events whose PLOVER type shows the kind (and
the cue's own trigger, whatever its type). Where the sentence has no such event and the cue
names a CAMEO code, the cue's trigger becomes an event of that code: no event, no signal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from watchfloor.coding.language import language_data
from watchfloor.coding.modality import failed, hedge_cues, is_future, is_negated
from watchfloor.coding.ontology import Ontology
from watchfloor.coding.roles import roles
from watchfloor.coding.warning_matcher import CueMatcher
from watchfloor.coding.work import Candidate, WorkDoc
from watchfloor.errors import ModelError

CUES_FILE = "warning_kinds.yaml"
DEFAULT_LANGUAGE = "en"
CUE_STRENGTH = 0.7  # a cue-made event is weaker evidence than a lexicon trigger
SPECIFIC_READING = 0.85  # strength of the lexicon's phrasal and verb+object readings
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr"})  # the parser's labels, not words


@dataclass(frozen=True)
class WarningKind:
    """One kind of warning: its name, what it means, and the PLOVER types that show it."""

    name: str
    label: str
    events: frozenset[str]


@dataclass(frozen=True)
class Cue:
    """One pattern of a kind; ``code`` makes its trigger an event when the sentence has none."""

    kind: str
    note: str
    pattern: tuple[dict[str, Any], ...]
    code: str | None = None
    trigger: str | None = None
    source: str | None = None
    intrinsic_negation: bool = False
    without: frozenset[str] = frozenset()
    unless: frozenset[str] = frozenset()
    retype: bool = False

    def node(self, name: str | None) -> int:
        """Position in the pattern of the node called ``name`` (the first node for None)."""
        if name is None:
            return 0
        ids = [n["RIGHT_ID"] for n in self.pattern]
        return ids.index(name)


@dataclass(frozen=True)
class WarningCues:
    """The kinds and cues of one language, as read from its ``warning_kinds.yaml``."""

    language: str
    kinds: tuple[WarningKind, ...]
    cues: tuple[Cue, ...]

    def kind(self, name: str) -> WarningKind:
        """The kind called ``name``."""
        return next(k for k in self.kinds if k.name == name)


def load_warning_cues(language: str = DEFAULT_LANGUAGE) -> WarningCues:
    """Read ``lang/<language>/warning_kinds.yaml`` (then a copy under ``lang_dir``, whose
    kinds and cues are added); ModelError names the file and the problem."""
    kinds: dict[str, WarningKind] = {}
    entries: list[tuple[str, Any]] = []
    for where, text in language_data(language).texts(CUES_FILE):
        origin = f"warning cues {where}"
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ModelError(f"{origin}: not valid YAML: {exc}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("kinds"), dict):
            raise ModelError(f"{origin}: expected a 'kinds:' mapping and a 'cues:' list")
        for name, entry in data["kinds"].items():
            events = frozenset(entry.get("events") or ())
            kinds[name] = WarningKind(name, str(entry.get("label", name)), events)
        entries += [(origin, entry) for entry in data.get("cues") or ()]
    names = set(kinds)
    cues = tuple(_cue(entry, i, names, origin) for i, (origin, entry) in enumerate(entries))
    return WarningCues(language, tuple(kinds.values()), cues)


def _cue(entry: Any, index: int, kinds: set[str], origin: str) -> Cue:
    where = f"{origin}: cue {index + 1}"
    if not isinstance(entry, dict) or entry.get("kind") not in kinds:
        raise ModelError(f"{where}: needs a 'kind' among {sorted(kinds)}")
    pattern = entry.get("pattern")
    if not isinstance(pattern, list) or not pattern:
        raise ModelError(f"{where}: needs a non-empty 'pattern' list")
    cue = Cue(
        kind=entry["kind"],
        note=str(entry.get("note") or entry["kind"]),
        pattern=tuple(pattern),
        code=str(entry["code"]) if entry.get("code") is not None else None,
        trigger=entry.get("trigger"),
        source=entry.get("source"),
        intrinsic_negation=entry.get("negation") == "intrinsic",
        without=frozenset(entry.get("without") or ()),
        unless=frozenset(entry.get("unless") or ()),
        retype=entry.get("retype") is True,
    )
    try:
        cue.node(cue.trigger), cue.node(cue.source)
    except (ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"{where}: 'trigger'/'source' must name a node's RIGHT_ID") from exc
    return cue


def build_matcher(vocab: Vocab, cues: WarningCues) -> CueMatcher:
    """A matcher of every cue, which reports matches by the cue's position in ``cues.cues``."""
    matcher = CueMatcher(vocab)
    for i, cue in enumerate(cues.cues):
        try:
            matcher.add(cue.pattern)
        except (ValueError, KeyError) as exc:
            raise ModelError(
                f"warning cues lang/{cues.language}: cue {i + 1} ({cue.kind}, {cue.note}) has"
                f" an invalid pattern: {exc}"
            ) from exc
    return matcher


@dataclass(frozen=True)
class CueMatch:
    """A cue found in a sentence: its tokens, trigger and (optional) source token."""

    cue: Cue
    tokens: frozenset[int]
    trigger: Token
    source: Token | None


class WarningStage:
    """Mark each candidate event with the warning kind its sentence shows; where a cue finds no
    event of its kind, make its trigger one (with the cue's CAMEO code)."""

    name: str = "warnings"
    reads: tuple[str, ...] = ("doc", "spans", "candidates", "actor_mentions")
    writes: tuple[str, ...] = (
        "candidates",
        "candidates.warning_kind",
        "eligible",
        "actor_mentions",
        "trace",
    )

    def __init__(self, cues: WarningCues, ontology: Ontology, actors: Any) -> None:
        for cue in cues.cues:
            if cue.code is not None and not ontology.has_code(cue.code):
                raise ModelError(f"warning cue {cue.kind} ({cue.note}): unknown CAMEO {cue.code}")
        build_matcher(Vocab(), cues)  # a bad pattern fails when the coder loads, not mid-run
        self.cues = cues
        self.ontology = ontology
        self.actors = actors
        self._matcher: CueMatcher | None = None
        self._vocab: Vocab | None = None

    def __call__(self, work: WorkDoc) -> None:
        if (work.document.language or DEFAULT_LANGUAGE) != self.cues.language:
            return  # another language's cues are another stage's data
        by_sentence: dict[int, list[CueMatch]] = {}
        for match in self.matches(work.doc):
            i = _sentence_of(work.spans, match.trigger.i)
            if i is not None:
                by_sentence.setdefault(i, []).append(match)
        for i in sorted(by_sentence):
            ordered = sorted(by_sentence[i], key=lambda m: self.cues.cues.index(m.cue))
            self._mark(work, i, ordered)

    def matches(self, doc: Doc) -> list[CueMatch]:
        """Every cue match of the document, in token order."""
        if self._matcher is None or self._vocab is not doc.vocab:
            self._matcher, self._vocab = build_matcher(doc.vocab, self.cues), doc.vocab
        found: list[CueMatch] = []
        seen: set[tuple[int, int]] = set()
        for key, token_ids in self._matcher(doc):
            cue = self.cues.cues[key]
            trigger = doc[token_ids[cue.node(cue.trigger)]]
            if (key, trigger.i) in seen or _cancelled(cue, trigger, [doc[i] for i in token_ids]):
                continue  # one match per cue and trigger is enough
            seen.add((key, trigger.i))
            source = doc[token_ids[cue.node(cue.source)]] if cue.source else None
            found.append(CueMatch(cue, frozenset(token_ids), trigger, source))
        return sorted(found, key=lambda m: m.trigger.i)

    def _mark(self, work: WorkDoc, index: int, matches: list[CueMatch]) -> None:
        cands = [c for c in work.candidates if c.sentence_index == index]
        for match in matches:
            kind = self.cues.kind(match.cue.kind)
            if self._set_aside(match, cands, kind):
                continue
            for cand in cands:
                if cand.warning_kind is None and self._shows(cand, match, kind):
                    cand.warning_kind = kind.name
                    cand.notes.append(f"warning kind {kind.name} (cue '{match.cue.note}')")
            if any(c.warning_kind == kind.name for c in cands) or match.cue.code is None:
                continue
            if any(c.trigger.i == match.trigger.i for c in cands):
                continue
            made = self._make(work, index, match)
            if made is not None:
                cands.append(made)
                work.candidates.append(made)

    def _set_aside(self, match: CueMatch, cands: list[Candidate], kind: WarningKind) -> bool:
        """A denied cue shows nothing ("did not impose sanctions"), nor does a cue word that is
        the object of another kind of event ("lifted sanctions")."""
        tok = match.trigger
        if failed(tok) or (is_negated(tok) and not match.cue.intrinsic_negation):
            return True
        if tok.dep_ in OBJECT_DEPS and is_negated(tok.head):
            return True
        governing = [c for c in cands if c.trigger.i == tok.head.i and c.trigger.i != tok.i]
        return tok.dep_ in OBJECT_DEPS and any(
            self._plover(c) not in kind.events for c in governing
        )

    def _shows(self, cand: Candidate, match: CueMatch, kind: WarningKind) -> bool:
        """Whether the candidate shows the kind: its type is one of the kind's, or it is the
        trigger of a cue that names a code (which a ``retype`` cue then gives it)."""
        if self._plover(cand) in kind.events:
            return True
        code = match.cue.code
        if code is None or cand.trigger.i not in match.tokens or cand.nonpolitical:
            return False
        if not match.cue.retype:
            return True
        if cand.strength >= SPECIFIC_READING:
            return False  # "pushed the rebels out": the lexicon's phrase knows better
        cand.notes.append(f"retyped by warning cue '{match.cue.note}': {cand.cameo_code} -> {code}")
        cand.cameo_code = code
        return True

    def _plover(self, cand: Candidate) -> str | None:
        if cand.nonpolitical or not self.ontology.has_code(cand.cameo_code):
            return None
        return self.ontology.cameo(cand.cameo_code).plover_event

    def _make(self, work: WorkDoc, index: int, match: CueMatch) -> Candidate | None:
        """The event a cue's trigger stands for; None when the report denies or negates it."""
        cue, tok = match.cue, match.trigger
        span = work.spans[index]
        code = cue.code or ""
        found = roles(tok)
        cand = Candidate(
            index,
            tok,
            code,
            f"warning cue '{cue.note}' ({cue.kind})",
            CUE_STRENGTH,
            hedges=hedge_cues(span),
            warning_kind=cue.kind,
        )
        cand.source_token = match.source or found.source
        target = found.target
        cand.target_token = None if target is not None and target is cand.source_token else target
        cand.target_options = found.target_options
        if is_future(tok):
            cand.modality = "threatened" if code[:2] >= "16" else "planned"
        mentions = self._mentions(work, index)
        cand.source = self.actors.actor(cand.source_token, mentions)
        cand.target = self.actors.actor(cand.target_token, mentions)
        cand.notes.append(f"event made by warning cue '{cue.note}' ({code})")
        return cand

    def _mentions(self, work: WorkDoc, index: int) -> list[Any]:
        """The sentence's actor mentions, found now if the actor stage skipped the sentence."""
        if not work.eligible[index]:
            work.eligible[index] = True
            work.actor_mentions[index] = self.actors.mentions(work.spans[index])
        found: list[Any] = work.actor_mentions.get(index, [])
        return found


def _cancelled(cue: Cue, trigger: Token, tokens: list[Token]) -> bool:
    """Whether the trigger has a child it must not have, or a matched word a cancelling one."""
    if any(c.dep_ in cue.without for c in trigger.children):
        return True
    return any(c.lemma_ in cue.unless for t in tokens for c in t.children)


def _sentence_of(spans: list[Span], token_index: int) -> int | None:
    for i, span in enumerate(spans):
        if span.start <= token_index < span.end:
            return i
    return None
