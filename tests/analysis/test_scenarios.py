"""A constructed month, replayed day by day as a live system sees it: countries of very
different volumes and noise, one escalation. The escalation must alert, quickly, and
at most 0.10 false alerts per active country-week elsewhere; nothing before a place has 14
days with events."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from tests.analysis.factory import START, Ev, insert
from watchfloor.analysis.alerts import list_alerts
from watchfloor.analysis.config import AnalysisConfig
from watchfloor.analysis.pipeline import run_analysis
from watchfloor.evaluation.alert_truth import active_country_weeks
from watchfloor.store.database import Store

DAYS = 42
ESCALATION = 32
# country -> (mean events a day, share of days it is in the news at all)
VOLUMES = {"AAA": (12.0, 1.0), "BBB": (3.0, 1.0), "CCC": (1.0, 0.6), "DDD": (0.5, 0.3)}
TYPES = (("FIGHT", 0.4), ("ASSAULT", 0.2), ("PROTEST", 0.2), ("CONSULT", 0.2))


def _routine(rng: np.random.Generator, country: str, day: dt.date) -> list[Ev]:
    mean, covered = VOLUMES[country]
    if rng.random() > covered:
        return []
    weekend = 0.6 if day.weekday() >= 5 else 1.0
    out = []
    for etype, share in TYPES:
        for _ in range(rng.negative_binomial(4, 4 / (4 + mean * share * weekend))):
            admin1 = str(rng.choice(["North", "South", "East"]))
            out.append(
                Ev(
                    day,
                    etype,
                    country=country,
                    admin1=admin1,
                    src_country=country,
                    tgt_country=country,
                    source=str(rng.choice(["Wire A", "Daily B", "Post C"])),
                )
            )
    return out


def _escalation(country: str, day: dt.date) -> list[Ev]:
    f = {"country": country, "admin1": "East", "src_country": country, "tgt_country": country}
    return (
        [Ev(day, "FIGHT", text="Heavy fighting broke out in the city.", **f) for _ in range(8)]  # type: ignore[arg-type]
        + [Ev(day, "ASSAULT", text="Shelling hit residential areas.", **f) for _ in range(4)]  # type: ignore[arg-type]
        + [
            Ev(
                day,
                "MOBILIZE",
                text="Armoured columns entered the city.",  # type: ignore[arg-type]
                warning_kind="border_crossing",
                **f,
            )
        ]
        + [
            Ev(
                day,
                "COERCE",
                text="Residents were told to evacuate the district.",  # type: ignore[arg-type]
                warning_kind="evacuation",
                **f,
            )
        ]
    )


@pytest.mark.slow
@pytest.mark.parametrize("seed", [3, 11])
@pytest.mark.parametrize("target", ["AAA", "BBB"])
def test_escalation_alerts_and_quiet_countries_stay_quiet(
    store: Store, seed: int, target: str
) -> None:
    rng = np.random.default_rng(seed)
    cfg = AnalysisConfig()
    for d in range(DAYS):
        day = START + dt.timedelta(days=d)
        events = [e for c in VOLUMES for e in _routine(rng, c, day)]
        if d in (ESCALATION, ESCALATION + 1):
            events += _escalation(target, day)
        insert(store, events)
        run_analysis(store, cfg)
    alerts = list_alerts(store)
    hits = [
        a for a in alerts if a.country == target and a.end >= START + dt.timedelta(days=ESCALATION)
    ]
    assert hits, [a.summary for a in alerts]
    assert min(a.start for a in hits) == START + dt.timedelta(days=ESCALATION)
    assert all(a.start >= START + dt.timedelta(days=14) for a in alerts)
    rows = store.con.execute("SELECT place_country, date FROM events").fetchall()
    weeks = active_country_weeks([(str(c), d) for c, d in rows], START)
    false = [a.summary for a in alerts if a not in hits]
    # the target of the held-out replays: at most 0.10 false alerts per active country-week
    assert len(false) / len(weeks) <= 0.10, false
