"""Send alerts to a webhook (JSON POST) and by e-mail (SMTP), once per change."""

from __future__ import annotations

import datetime as dt
import json
import smtplib
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage

import httpx
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from watchfloor.analysis.alerts import list_alerts
from watchfloor.analysis.records import Alert
from watchfloor.errors import FetchError, InputError
from watchfloor.store.database import Store


class NotifySettings(BaseSettings):
    """Notification targets from WATCHFLOOR_* variables (CLI options override them)."""

    model_config = SettingsConfigDict(env_prefix="WATCHFLOOR_", extra="ignore")

    webhook_url: str | None = Field(None, description="URL that receives alerts as JSON POST")
    smtp_host: str | None = Field(None, description="SMTP server for alert e-mail")
    smtp_port: int = Field(25, description="SMTP port")
    smtp_user: str | None = Field(None, description="SMTP login (optional)")
    smtp_password: str | None = Field(None, description="SMTP password (optional)")
    smtp_starttls: bool = Field(False, description="upgrade the SMTP connection with STARTTLS")
    email_from: str = Field("watchfloor@localhost", description="sender address")
    email_to: str | None = Field(None, description="comma-separated recipient addresses")


@dataclass(frozen=True)
class Targets:
    """Where alerts go; an empty Targets sends nothing."""

    webhook_url: str | None = None
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    email_from: str = "watchfloor@localhost"
    email_to: tuple[str, ...] = field(default_factory=tuple)
    timeout: float = 10.0

    @classmethod
    def from_settings(cls, s: NotifySettings, **overrides: object) -> Targets:
        """Targets from the environment, with non-None overrides (CLI options) on top."""
        values: dict[str, object] = {
            "webhook_url": s.webhook_url,
            "smtp_host": s.smtp_host,
            "smtp_port": s.smtp_port,
            "smtp_user": s.smtp_user,
            "smtp_password": s.smtp_password,
            "smtp_starttls": s.smtp_starttls,
            "email_from": s.email_from,
            "email_to": tuple(a.strip() for a in (s.email_to or "").split(",") if a.strip()),
        }
        values.update({k: v for k, v in overrides.items() if v not in (None, ())})
        return cls(**values)  # type: ignore[arg-type]

    @property
    def empty(self) -> bool:
        """True when neither a webhook nor an e-mail target is set."""
        return not self.webhook_url and not (self.smtp_host and self.email_to)


def post_webhook(url: str, alerts: Sequence[Alert], timeout: float = 10.0) -> None:
    """POST ``{"alerts": [...]}``; FetchError on a network error or a non-2xx answer."""
    payload = {"source": "watchfloor", "alerts": [a.to_dict() for a in alerts]}
    try:
        response = httpx.post(url, json=payload, timeout=timeout)
    except httpx.HTTPError as exc:
        raise FetchError(f"webhook {url}: {exc}") from exc
    if response.status_code >= 300:
        raise FetchError(f"webhook {url}: answered HTTP {response.status_code}")


def alert_email(alerts: Sequence[Alert], sender: str, recipients: Sequence[str]) -> EmailMessage:
    """A plain-text e-mail listing the alerts and their signals, with JSON attached."""
    msg = EmailMessage()
    msg["Subject"] = f"watchfloor: {len(alerts)} alert(s): " + "; ".join(
        f"{a.kind} {a.country or ''}/{a.admin1 or ''}" for a in alerts[:3]
    )
    msg["From"] = sender
    msg["To"] = ", ".join(recipients)
    lines = []
    for a in alerts:
        lines.append(f"[{a.id}] {a.kind.upper()} score {a.score:.1f} state {a.state}")
        lines.append(f"  {a.summary}")
        lines.extend(
            f"  - {s.day} {s.type}: {s.summary} (document {s.document_id})" for s in a.signals[:12]
        )
        lines.append("")
    msg.set_content("\n".join(lines))
    msg.add_attachment(
        json.dumps([a.to_dict() for a in alerts], indent=2).encode(),
        maintype="application",
        subtype="json",
        filename="alerts.json",
    )
    return msg


def send_email(targets: Targets, alerts: Sequence[Alert]) -> None:
    """Send one e-mail over SMTP; FetchError names the server on failure."""
    if not targets.smtp_host or not targets.email_to:
        raise InputError("e-mail needs an SMTP host and at least one recipient")
    msg = alert_email(alerts, targets.email_from, targets.email_to)
    try:
        with smtplib.SMTP(targets.smtp_host, targets.smtp_port, timeout=targets.timeout) as smtp:
            if targets.smtp_starttls:
                smtp.starttls()
            if targets.smtp_user:
                smtp.login(targets.smtp_user, targets.smtp_password or "")
            smtp.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        raise FetchError(f"SMTP {targets.smtp_host}:{targets.smtp_port}: {exc}") from exc


def pending_alerts(store: Store) -> list[Alert]:
    """Alerts not dismissed that changed since they were last sent."""
    rows = store.con.execute(
        "SELECT id FROM alerts WHERE state <> 'dismissed' "
        "AND (notified_at IS NULL OR updated_at > notified_at)"
    ).fetchall()
    return list_alerts(store, ids=[r[0] for r in rows]) if rows else []


def notify(store: Store, targets: Targets) -> int:
    """Send every pending alert to every target, then mark them sent; returns how many."""
    if targets.empty:
        return 0
    alerts = pending_alerts(store)
    if not alerts:
        return 0
    if targets.webhook_url:
        post_webhook(targets.webhook_url, alerts, targets.timeout)
    if targets.smtp_host and targets.email_to:
        send_email(targets, alerts)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with store.transaction() as con:
        con.execute(
            "UPDATE alerts SET notified_at = ? WHERE list_contains(?::VARCHAR[], id)",
            [now, [a.id for a in alerts]],
        )
    return len(alerts)
