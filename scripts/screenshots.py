"""Save PNG screenshots of the dashboard's main views to docs/screenshots/.

Uses the demo database (``demo.duckdb``, made by ``make demo``) when it exists; otherwise a
small built-in sample. Needs Debian's Chromium at /usr/bin/chromium.

    .venv/bin/python scripts/screenshots.py [--db demo.duckdb] [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from watchfloor.api.app import create_app  # noqa: E402
from watchfloor.settings import Settings  # noqa: E402
from watchfloor.store import Store  # noqa: E402

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _views(store: Store) -> list[tuple[str, str]]:
    """(file name, route) for each main view, pointing at real rows of this database."""
    alert = (
        store.con.execute("SELECT id FROM alerts ORDER BY score DESC LIMIT 1").fetchone()
        if "alerts" in store.tables()
        else None
    )
    doc = store.con.execute(
        "SELECT document_id FROM events WHERE document_id IS NOT NULL "
        "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    actor = store.con.execute(
        "SELECT source_country, (min(date) + ((max(date) - min(date)) // 2)::INTEGER)::DATE "
        "FROM events WHERE source_country IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    views = [
        ("overview", "#/"),
        ("events", "#/events"),
        ("timeline", "#/timeline"),
        ("map", "#/map"),
        ("network", "#/network"),
        ("stories", "#/stories"),
        ("forecasts", "#/forecasts"),
    ]
    if alert:
        views.insert(1, ("alert", f"#/alert?id={alert[0]}"))
    if doc:
        views.append(("document", f"#/document?id={doc[0]}"))
    if actor:
        views.append(("media", f"#/media?actor={actor[0]}&pivot={actor[1]}&window_days=30"))
    return views


def _serve(store: Store, path: Path) -> tuple[uvicorn.Server, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(Settings(db=path), store), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "demo.duckdb")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="wf-shots-"))
    if args.db.exists():
        db = work / "copy.duckdb"  # a copy: the demo server may hold the original open
        shutil.copy(args.db, db)
        store = Store(db)
        print(f"using {args.db}")
    else:
        from tests.api.sample_data import fill

        db = work / "sample.duckdb"
        store = Store(db)
        fill(store)
        print(f"{args.db} not found: using the built-in sample data")
    server, url = _serve(store, db)
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        errors: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        for name, route in _views(store):
            view = route.split("?")[0].strip("#/") or "overview"
            page.goto(f"{url}/{route}")
            page.wait_for_selector(f"body[data-ready='{view}']", timeout=20_000)
            page.wait_for_timeout(1500 if view == "network" else 300)
            target = args.out / f"{name}.png"
            page.screenshot(path=str(target), full_page=False)
            print(f"saved {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
            for error in errors:
                print(f"  console error on {route}: {error}")
            errors.clear()
        browser.close()
    server.should_exit = True
    store.close()
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
