"""Concurrent reads and writes through a real uvicorn server share one database safely."""

from __future__ import annotations

import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from tests.api.sample_data import Sample
from watchfloor.api import create_app
from watchfloor.settings import Settings
from watchfloor.store import Store


def test_parallel_reads_and_state_changes_all_succeed(
    filled: tuple[Store, Sample], token: str
) -> None:
    import uvicorn

    store, sample = filled
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = create_app(Settings(db=Path(store.path)), store)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    auth = {"Authorization": f"Bearer {token}"}

    def work(i: int) -> int:
        with httpx.Client(base_url=base, timeout=30) as client:
            if i % 4 == 0:
                action = "acknowledge" if i % 8 == 0 else "dismiss"
                resp = client.post(f"/api/alerts/{sample.alert_id}/{action}", headers=auth)
            elif i % 4 == 1:
                resp = client.get("/api/events", params={"country": "ARM", "limit": 3})
            elif i % 4 == 2:
                resp = client.get(f"/api/alerts/{sample.alert_id}")
            else:
                resp = client.get("/api/stats")
            return resp.status_code

    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            codes = list(pool.map(work, range(64)))
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert codes == [200] * 64
    state = store.con.execute("SELECT state FROM alerts WHERE id = ?", [sample.alert_id]).fetchone()
    assert state is not None and state[0] in {"acknowledged", "dismissed"}
