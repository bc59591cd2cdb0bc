"""Turning rows into JSON-safe values, CSV text and GeoJSON feature collections."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from fastapi.responses import Response


def jsonable(value: Any) -> Any:
    """A value JSON can carry: dates as ISO text, NaN as null, dataclasses as objects."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        to_dict = getattr(value, "to_dict", None)
        if callable(to_dict):
            return jsonable(to_dict())
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return value.hex()
    if hasattr(value, "isoformat"):  # pandas Timestamp
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, Iterable):  # numpy scalar
        return jsonable(value.item())
    if hasattr(value, "tolist"):
        return jsonable(value.tolist())
    if isinstance(value, Iterable):
        return [jsonable(v) for v in value]
    return str(value)


def json_response(data: Any, status: int = 200) -> Response:
    """A JSON response; every string is escaped by the JSON encoder."""
    body = json.dumps(jsonable(data), ensure_ascii=False, allow_nan=False)
    return Response(body, status_code=status, media_type="application/json")


def _cell(value: Any) -> Any:
    value = jsonable(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and not _numeric(value):
        return "'" + value  # keep spreadsheet programs from running a formula
    return value


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def csv_response(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str], filename: str
) -> Response:
    """CSV text with a header row; nested values are JSON-encoded."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: _cell(row.get(c)) for c in columns})
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def geojson_response(records: Iterable[Mapping[str, Any]]) -> Response:
    """A FeatureCollection of the records with ``place.lat``/``place.lon`` (others left out)."""
    features = []
    skipped = 0
    for rec in records:
        place = rec.get("place") or {}
        lat, lon = place.get("lat"), place.get("lon")
        if lat is None or lon is None:
            skipped += 1
            continue
        features.append(
            {
                "type": "Feature",
                "id": rec.get("id"),
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": dict(rec),
            }
        )
    body = {"type": "FeatureCollection", "features": features, "skipped_without_place": skipped}
    resp = json_response(body)
    resp.media_type = "application/geo+json"
    resp.headers["content-type"] = "application/geo+json"
    return resp
