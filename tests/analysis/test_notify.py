"""Alert delivery to a local webhook server and a local SMTP server."""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
from collections.abc import Iterator
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from tests.analysis.factory import START, Ev, flat_history, insert
from watchfloor.analysis.config import AnalysisConfig
from watchfloor.analysis.notify import Targets, notify, pending_alerts
from watchfloor.analysis.pipeline import run_analysis
from watchfloor.errors import FetchError
from watchfloor.store.database import Store

DAY = START + dt.timedelta(days=40)


@pytest.fixture
def alerted(store: Store) -> Store:
    insert(store, flat_history(40, {"FIGHT": 2}))
    insert(
        store,
        [
            Ev(DAY, "MOBILIZE", text="Troops massed near the town."),
            Ev(DAY, "COERCE", text="Residents were told to leave.", warning_kind="evacuation"),
            Ev(DAY, "COERCE", text="The airport was closed.", warning_kind="closure"),
        ],
    )
    run_analysis(store, AnalysisConfig())
    assert pending_alerts(store)
    return store


class _Hook(BaseHTTPRequestHandler):
    received: list[dict[str, Any]] = []
    status = 200

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append(json.loads(body))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def webhook() -> Iterator[tuple[str, type[_Hook]]]:
    handler = type("Hook", (_Hook,), {"received": [], "status": 200})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/hook", handler
    server.shutdown()
    server.server_close()


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:  # noqa: N802
        self.messages.append(envelope.content)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_webhook_receives_alerts_once(alerted: Store, webhook: tuple[str, type[_Hook]]) -> None:
    url, handler = webhook
    sent = notify(alerted, Targets(webhook_url=url))
    assert sent == len(handler.received[0]["alerts"]) >= 1
    alert = handler.received[0]["alerts"][0]
    assert alert["kind"] == "cluster" and alert["country"] == "AAA"
    assert {"event_id", "document_id", "type", "summary"} <= set(alert["signals"][0])
    assert notify(alerted, Targets(webhook_url=url)) == 0
    assert len(handler.received) == 1


def test_webhook_error_status_raises_and_keeps_alerts_pending(
    alerted: Store, webhook: tuple[str, type[_Hook]]
) -> None:
    url, handler = webhook
    handler.status = 500
    with pytest.raises(FetchError, match="HTTP 500"):
        notify(alerted, Targets(webhook_url=url))
    assert pending_alerts(alerted)


def test_email_is_delivered_over_smtp(alerted: Store) -> None:
    inbox = _Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        targets = Targets(smtp_host="127.0.0.1", smtp_port=port, email_to=("desk@example.org",))
        assert notify(alerted, targets) >= 1
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    msg = message_from_bytes(inbox.messages[0])
    assert msg["To"] == "desk@example.org"
    assert "cluster" in msg["Subject"]
    body = next(p for p in msg.walk() if p.get_content_type() == "text/plain").get_payload()
    assert "evacuation" in body


def test_unreachable_smtp_server_is_a_fetch_error(alerted: Store) -> None:
    targets = Targets(smtp_host="127.0.0.1", smtp_port=1, email_to=("a@b.c",), timeout=2)
    with pytest.raises(FetchError, match="SMTP 127.0.0.1:1"):
        notify(alerted, targets)
