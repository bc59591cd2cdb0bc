"""Bearer tokens for the write endpoints: created once, stored salted and hashed, revocable."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from watchfloor.errors import InputError
from watchfloor.store.database import Store

TOKEN_PREFIX = "wf"


@dataclass(frozen=True)
class TokenInfo:
    """What is kept about a token (never the token itself)."""

    id: str
    name: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _digest(salt: str, token: str) -> str:
    return hashlib.sha256(f"{salt}{token}".encode()).hexdigest()


def _info(row: tuple[object, ...]) -> TokenInfo:
    return TokenInfo(*row)  # type: ignore[arg-type]


_COLUMNS = "id, name, created_at, last_used_at, revoked_at"


def create_token(store: Store, name: str) -> tuple[TokenInfo, str]:
    """Create a token named ``name``; returns its record and the secret, shown only now."""
    name = name.strip()
    if not name:
        raise InputError("token name is empty: give a name such as 'analyst-laptop'")
    with store.transaction() as con:
        taken = con.execute(
            "SELECT count(*) FROM api_tokens WHERE name = ? AND revoked_at IS NULL", [name]
        ).fetchone()
        if taken and taken[0]:
            raise InputError(f"an active token named {name!r} exists: revoke it first")
        token_id = secrets.token_hex(4)
        token = f"{TOKEN_PREFIX}_{token_id}_{secrets.token_urlsafe(32)}"
        salt = secrets.token_hex(16)
        created = _now()
        con.execute(
            "INSERT INTO api_tokens (id, name, salt, token_hash, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [token_id, name, salt, _digest(salt, token), created],
        )
    return TokenInfo(token_id, name, created, None, None), token


def list_tokens(store: Store) -> list[TokenInfo]:
    """Every token ever created, oldest first, revoked ones included."""
    rows = store.con.execute(f"SELECT {_COLUMNS} FROM api_tokens ORDER BY created_at, id")
    return [_info(row) for row in rows.fetchall()]


def revoke_token(store: Store, name_or_id: str) -> list[TokenInfo]:
    """Revoke the active tokens with this name or id; raises InputError when none matches."""
    with store.transaction() as con:
        rows = con.execute(
            f"SELECT {_COLUMNS} FROM api_tokens WHERE (name = ? OR id = ?) AND revoked_at IS NULL",
            [name_or_id, name_or_id],
        ).fetchall()
        if not rows:
            raise InputError(f"no active token named or with id {name_or_id!r}")
        when = _now()
        ids = [row[0] for row in rows]
        con.execute(
            "UPDATE api_tokens SET revoked_at = ? WHERE id IN (SELECT unnest(?::VARCHAR[]))",
            [when, ids],
        )
    return [TokenInfo(r[0], r[1], r[2], r[3], when) for r in rows]  # type: ignore[arg-type]


# Hashed against when the id is unknown, so an unknown id costs the same digest as a known id
# with a wrong secret. Every lookup also runs the same query (all ids, no filter): a filtered
# query is faster for an id outside the column's min/max and slower when a row is found.
_DUMMY_SALT = "0" * 32
_DUMMY_HASH = "0" * 64


def lookup_token(store: Store, token: str) -> TokenInfo | None:
    """The token record matching ``token`` (revoked ones too), or None if unknown/malformed.

    Until the secret matches, the work done does not depend on whether the id exists.
    """
    parts = token.split("_", 2)
    wanted = parts[1] if len(parts) == 3 and parts[0] == TOKEN_PREFIX else None
    rows = store.con.execute("SELECT id, salt, token_hash FROM api_tokens").fetchall()
    hashes = {row[0]: (row[1], row[2]) for row in rows}
    salt, stored = hashes.get(wanted, (_DUMMY_SALT, _DUMMY_HASH))
    if not hmac.compare_digest(_digest(salt, token), stored) or wanted not in hashes:
        return None
    row = store.con.execute(f"SELECT {_COLUMNS} FROM api_tokens WHERE id = ?", [wanted]).fetchone()
    return _info(row) if row else None


def touch_token(store: Store, token_id: str) -> None:
    """Record that a token was just used."""
    store.con.execute("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", [_now(), token_id])
