"""Deaths stated in an Arabic-script sentence: the number nearest a 'killed' word."""

from __future__ import annotations

from watchfloor.coding.multilingual.matcher import Match, Token
from watchfloor.coding.multilingual.resources import LanguageResources


def number_of(token: Token, res: LanguageResources) -> int | None:
    """The token's value: digits, or a number word (after a stripped clitic)."""
    for form in token.forms:
        if form.isdigit() and len(form) <= 6:
            return int(form)
        if form in res.numbers:
            return res.numbers[form]
    return None


def fatalities(tokens: list[Token], matches: list[Match], res: LanguageResources) -> int | None:
    """The largest death count stated by a 'killed' phrase of the sentence, 0 when the sentence
    says no one was hurt, None when it states no death at all. A phrase inside a longer one
    is the longer one's («ساحة الشهداء», a square, states no death)."""
    matches = _outermost(matches)
    kinds = {m.phrase: res.casualties.get(m.phrase) for m in matches}
    if "none" in kinds.values():
        return 0
    stops = {m.first for m in matches if kinds[m.phrase] == "injured"}
    counts = [_count(tokens, m, res, stops) for m in matches if kinds[m.phrase] == "killed"]
    return max(counts) if counts else None


def _count(tokens: list[Token], match: Match, res: LanguageResources, stops: set[int]) -> int:
    """The count next to one 'killed' phrase, looked for first on the language's side
    (``grammar.tsv``: count_side, count_window, other_window); 1 when none is stated."""
    if tokens[match.last].text in res.numbers:  # a word that is itself a count ("قتيلين")
        return res.numbers[tokens[match.last].text]
    near = int(res.grammar.get("count_window", "5"))
    far = int(res.grammar.get("other_window", "2"))
    first_before = res.grammar.get("count_side") == "before"
    after_n, before_n = (far, near) if first_before else (near, far)
    after = range(match.last + 1, min(len(tokens), match.last + 1 + after_n))
    before = range(match.first - 1, max(-1, match.first - 1 - before_n), -1)
    if tokens[match.first].text.startswith("و") and not first_before:
        before = range(0)  # "... الكتيبة 12 وقتلوا": a joined 'and' starts a new clause
    sides = (before, after) if first_before else (after, before)
    for side in sides:
        found = _nearest(tokens, side, res, stops, match.last)
        if found is not None:
            value, at = found
            if first_before and side is before:
                value += _coordinated(tokens, at, res)
            return value
    return 1


def _coordinated(tokens: list[Token], at: int, res: LanguageResources) -> int:
    """Counts joined before the one at ``at`` by 'and' («۶ سرباز و ۱۱ طالب کشته شدند»: 6 more):
    a number, up to two words, 'and', then the count already read."""
    extra = 0
    while at >= 2 and tokens[at - 1].text == "و":
        for back in (at - 3, at - 4):
            value = number_of(tokens[back], res) if back >= 0 else None
            if value is not None and not _is_age(tokens, back, res):
                extra += value
                at = back
                break
        else:
            return extra
    return extra


def _is_age(tokens: list[Token], index: int, res: LanguageResources) -> bool:
    """Whether the number at ``index`` is an age («جوان ۱۹ ساله», «شاب 19 عاما»)."""
    ages = set(res.grammar.get("age_words", "").split(","))
    return index + 1 < len(tokens) and bool(set(tokens[index + 1].forms) & ages)


def _nearest(
    tokens: list[Token], positions: range, res: LanguageResources, stops: set[int], last: int
) -> tuple[int, int] | None:
    """The first count met walking ``positions`` (value, position), stopping at an 'injured'
    word or where a new clause starts with 'and'; an age is no count."""
    weak = set(res.grammar.get("weak_numbers", "").split(","))
    for i in positions:
        joined = tokens[i].text == "و" or (i > last + 1 and tokens[i].text.startswith("و"))
        if i in stops or joined:
            return None
        value = number_of(tokens[i], res)
        if value is None or _is_age(tokens, i, res):
            continue
        if tokens[i].text not in weak or abs(i - last) <= 2:
            return value, i
    return None


def _outermost(matches: list[Match]) -> list[Match]:
    """The matches that lie inside no longer match."""
    return [
        m for m in matches
        if not any(o is not m and o.first <= m.first and m.last <= o.last
                   and o.last - o.first > m.last - m.first for o in matches)
    ]
