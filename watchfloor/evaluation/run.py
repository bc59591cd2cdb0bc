"""One entry point for every evaluation task (what ``watchfloor eval TASK FILE`` calls)."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from watchfloor.errors import InputError
from watchfloor.settings import Settings

TASKS = ("alerts", "reports", "sentences", "snippets", "toponyms", "languages")
CODER_TASKS = ("reports", "sentences", "snippets")  # those that code whole texts


def evaluate(
    task: str,
    path: str | Path,
    *,
    limit: int | None = None,
    settings: Settings | None = None,
    prior: bool = True,
    truth: str | Path | None = None,
    alerts_out: str | Path | None = None,
) -> dict[str, Any]:
    """Run one task over a gold file and return its metrics as one flat dict; ``prior``: code
    the file as a collection (tasks that code whole texts; see ``evaluation.collection``)."""
    if task not in TASKS:
        raise InputError(f"unknown evaluation task {task!r}: choose one of {', '.join(TASKS)}")
    if not Path(path).is_file():
        raise InputError(f"evaluation file {path} does not exist")
    if task == "alerts":
        return _evaluate_alerts(path, truth, settings or Settings(), alerts_out)
    module = importlib.import_module(f"watchfloor.evaluation.{task}")
    options: dict[str, Any] = {"prior": prior} if task in CODER_TASKS else {}
    result: dict[str, Any] = module.evaluate(
        path, limit=limit, settings=settings or Settings(), **options
    )
    result.setdefault("task", task)
    return result


def _evaluate_alerts(
    path: str | Path, truth: str | Path | None, settings: Settings, alerts_out: str | Path | None
) -> dict[str, Any]:
    """The alert replay (``evaluation.alerts``); it needs a truth file of windows."""
    if truth is None:
        raise InputError("eval alerts needs --truth FILE (the known escalation windows)")
    from watchfloor.evaluation.alerts import evaluate as evaluate_alerts

    return evaluate_alerts(path, truth=truth, settings=settings, alerts_out=alerts_out)
