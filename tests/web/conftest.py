"""Browser fixtures: the real app served by uvicorn on a loopback port, and headless Chromium."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.api.sample_data import Sample, fill
from watchfloor.api.app import create_app, web_dir
from watchfloor.api.tokens import create_token
from watchfloor.settings import Settings
from watchfloor.store import Store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass(frozen=True)
class LiveApp:
    url: str
    store: Store
    sample: Sample
    token: str


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _require_browser() -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but /usr/bin/chromium is missing: apt-get install chromium")
        pytest.skip("Chromium is not installed (/usr/bin/chromium); apt-get install chromium")
    if not (web_dir() / "node_modules" / "d3").is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but watchfloor/web/node_modules is missing: run npm ci there")
        pytest.skip("dashboard libraries are not installed: run 'npm ci' in watchfloor/web")


@pytest.fixture(scope="module")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    """The app on a filled temp database, served by uvicorn in a background thread."""
    _require_browser()
    import uvicorn

    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    store = Store(path)
    sample = fill(store)
    _, secret = create_token(store, "browser")
    port = _free_port()
    app = create_app(Settings(db=path), store)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield LiveApp(f"http://127.0.0.1:{port}", store, sample, secret)
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser(live_app: LiveApp) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
