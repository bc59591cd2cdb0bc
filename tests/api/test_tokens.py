"""Tokens are shown once, stored only as salted hashes, and can be revoked."""

from __future__ import annotations

import pytest

from watchfloor.api import tokens
from watchfloor.api.tokens import create_token, list_tokens, lookup_token, revoke_token
from watchfloor.errors import InputError
from watchfloor.store import Store


def test_token_is_not_stored_in_clear(store: Store) -> None:
    _, secret = create_token(store, "laptop")
    dump = str(store.con.execute("SELECT * FROM api_tokens").fetchall())
    assert secret not in dump
    # The random part is URL-safe base64, which may itself contain underscores.
    assert secret.split("_", 2)[2] not in dump


def test_lookup_finds_the_token_and_rejects_a_changed_one(store: Store) -> None:
    info, secret = create_token(store, "laptop")
    found = lookup_token(store, secret)
    assert found is not None and found.id == info.id and found.active
    assert lookup_token(store, secret + "x") is None
    assert lookup_token(store, "not-a-token") is None


def test_same_name_twice_is_refused_until_revoked(store: Store) -> None:
    create_token(store, "laptop")
    with pytest.raises(InputError, match="revoke it first"):
        create_token(store, "laptop")
    revoke_token(store, "laptop")
    create_token(store, "laptop")
    assert [t.active for t in list_tokens(store)] == [False, True]


def test_revoking_an_unknown_token_names_it(store: Store) -> None:
    with pytest.raises(InputError, match="'ghost'"):
        revoke_token(store, "ghost")


@pytest.mark.parametrize(
    "kind", ["known id, wrong secret", "unknown id", "malformed", "revoked, wrong secret"]
)
def test_every_failed_lookup_runs_one_query_and_one_digest(
    store: Store, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    # Same work on every path is what keeps the time of a lookup from telling which ids exist;
    # the times themselves are measured by bench/tokens.py.
    info, secret = create_token(store, "laptop")
    if kind.startswith("revoked"):
        revoke_token(store, "laptop")
    candidate = {
        "known id, wrong secret": f"wf_{info.id}_{'A' * 43}",
        "unknown id": f"wf_{'0' * 8}_{'A' * 43}",
        "malformed": "A" * 55,
        "revoked, wrong secret": f"wf_{info.id}_{'B' * 43}",
    }[kind]
    digests: list[str] = []
    real = tokens._digest

    def counted(salt: str, token: str) -> str:
        digests.append(salt)
        return real(salt, token)

    monkeypatch.setattr(tokens, "_digest", counted)
    assert lookup_token(store, candidate) is None
    assert len(digests) == 1
    assert lookup_token(store, secret) is not None  # the real one still matches
