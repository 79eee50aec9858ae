"""What bench_ingest.py and bench_read.py share: the corpus with its metadata, fresh databases, an API
server on loopback, API keys, a bounded HTTP load generator, percentiles and the run's context.

Not a benchmark itself (the leading underscore); the scripts import it as a sibling module.
"""
from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = REPO_ROOT.parent / "shared" / "corpora" / "bbc.jsonl"
RESULTS = REPO_ROOT / "benchmarks" / "results"
LOADAVG_AT_IMPORT = os.getloadavg()  # the scripts import this module first thing: the machine before the run
PG_ADMIN_URL = os.environ.get("WHOSAID_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")

# The BBC corpus has neither publisher nor date. Every article gets a deterministic, synthetic pair so that
# the publisher and date filters have something to select: the publisher from the BBC section
# ("BBC Business", "BBC Sport", ...: five publishers of 17-23 % of the articles each) and a date spread
# over 2004-2005 (the corpus's own years) by a hash of the article id (about 0.14 % of the articles a day).
DATE_ORIGIN = date(2004, 1, 1)
DATE_SPAN_DAYS = 731


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    title: str | None
    publisher: str
    published: str

    def meta(self) -> dict[str, str | None]:
        """The metadata both the engine and the API are given (the API's body adds `text`)."""
        return {"publisher": self.publisher, "published": self.published, "title": self.title}


def synthetic_date(article_id: str) -> str:
    h = int.from_bytes(hashlib.sha256(article_id.encode()).digest()[:8], "big")
    return (DATE_ORIGIN + timedelta(days=h % DATE_SPAN_DAYS)).isoformat()


def load_corpus(path: Path, limit: int | None = None, *, skip: int = 0) -> list[Article]:
    """Articles of a JSONL corpus (`id`, `text`, optional `title`, `category`, `publisher`, `published`)."""
    rows: list[Article] = []
    with path.open(encoding="utf-8") as fh:
        seen = 0
        for line in fh:
            if not line.strip():
                continue
            seen += 1
            if seen <= skip:
                continue
            obj = json.loads(line)
            aid = str(obj["id"])
            category = str(obj.get("category") or aid.split("-")[0] or "news")
            rows.append(Article(id=aid, text=obj["text"], title=obj.get("title"),
                                publisher=obj.get("publisher") or f"BBC {category.title()}",
                                published=obj.get("published") or synthetic_date(aid)))
            if limit is not None and len(rows) >= limit:
                break
    return rows


def dedupe(articles: Sequence[Article]) -> tuple[list[Article], int]:
    """Drop articles whose content hash (whosaid's identity: publisher + whitespace-folded text) repeats an
    earlier one: the API answers those with 200 and stores nothing, so neither side is charged for them."""
    from app.services.ingest import content_hash

    seen: set[str] = set()
    out = []
    for a in articles:
        h = content_hash(a.text, a.publisher)
        if h not in seen:
            seen.add(h)
            out.append(a)
    return out, len(articles) - len(out)


# --- the run's context ---------------------------------------------------------------------------------------

def git_state() -> dict[str, object]:
    """The commit and whether app/ has uncommitted edits: the numbers belong to that code."""
    def git(*a: str) -> str:
        try:
            return subprocess.run(["git", *a], cwd=REPO_ROOT, capture_output=True, text=True,
                                  timeout=10, check=False).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    return {"commit": git("rev-parse", "--short", "HEAD") or None,
            "app_dirty": bool(git("status", "--porcelain", "--", "app"))}


def environment() -> dict[str, object]:
    import sqlalchemy

    out: dict[str, object] = {"python": platform.python_version(), "platform": platform.platform(),
                              "cpus": os.cpu_count(), "sqlalchemy": sqlalchemy.__version__,
                              "loadavg_at_start": [round(x, 2) for x in LOADAVG_AT_IMPORT],
                              "loadavg_at_end": [round(x, 2) for x in os.getloadavg()]}
    try:
        import sqlite3

        out["sqlite"] = sqlite3.sqlite_version
    except ImportError:  # pragma: no cover
        pass
    return out


def busy_note(console) -> None:
    """Warn when the machine is not idle: other jobs add noise to every figure."""
    load1 = os.getloadavg()[0]
    if load1 > 0.5 * (os.cpu_count() or 1):
        console.print(f"[yellow]note:[/] load average {load1:.2f} on {os.cpu_count()} CPUs: other jobs are "
                      "running, expect noisy figures")


# --- databases ---------------------------------------------------------------------------------------------

def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def pg_url(database: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(PG_ADMIN_URL).set(database=database).render_as_string(hide_password=False)


def pg_available() -> str | None:
    """None when PostgreSQL answers at PG_ADMIN_URL, else why not."""
    from sqlalchemy import create_engine, text

    try:
        engine = create_engine(PG_ADMIN_URL)
        with engine.connect() as c:
            c.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means: skip PostgreSQL
        return str(exc).splitlines()[0]


def pg_recreate(database: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        c.execute(text(f'CREATE DATABASE "{database}"'))
    engine.dispose()


def pg_drop(database: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
    engine.dispose()


def migrated_engine(url: str):
    """An engine for `url`, migrated to the newest revision (idempotent)."""
    from app.core.db import make_engine
    from app.store import migrate

    engine = make_engine(url, echo=False)
    if migrate.current_revision(engine) != migrate.head_revision():
        migrate.upgrade(engine)
    return engine


def make_key(engine, user: str, role: str) -> str:
    """A new API key for `user` (made with `role` when new), through the repository."""
    from app.core.db import session_scope
    from app.store import repository

    with session_scope(engine) as session:
        row = repository.get_user_by_name(user, session=session)
        if row is None:
            row = repository.create_user(session=session, name=user, role=role)
        _, plain = repository.create_api_key(session=session, user_id=row.id, label="benchmark")
    return plain


def table_counts(engine) -> dict[str, int]:
    from sqlalchemy import text

    out = {}
    with engine.connect() as c:
        for t in ("articles", "claims", "claim_relays", "sources", "source_aliases", "mentions", "reviews"):
            out[t] = c.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
    return out


# --- the server ----------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    pid: int
    log: Path
    peak_rss_bytes: int | None = None
    info: dict = field(default_factory=dict)


def vm_hwm(pid: int) -> int | None:
    """A process's peak resident memory (VmHWM) in bytes, or None when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def process_tree(pid: int) -> list[int]:
    """`pid` and every process below it (a Celery worker's pool processes), from /proc."""
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                todo.extend(int(child) for child in (task / "children").read_text().split())
            except OSError:
                pass
    return tree


@contextlib.contextmanager
def api_server(database_url: str, log: Path, *, ready_timeout: float = 180.0) -> Iterator[Server]:
    """uvicorn serving `app.main:create_app` on 127.0.0.1 (a free port, one process, as `whosaid serve`
    runs it: log level info, access log on, written to `log`) against `database_url`; stopped at the end."""
    import httpx

    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url}
    env.pop("WHOSAID_DATABASE_URL", None)
    log.parent.mkdir(parents=True, exist_ok=True)
    fh = log.open("w", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "app.main:create_app", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "info"],
        cwd=REPO_ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)
    server = Server(url=f"http://127.0.0.1:{port}", pid=proc.pid, log=log)
    try:
        deadline = time.monotonic() + ready_timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the API server exited with {proc.returncode}; see {log}")
            try:
                r = httpx.get(f"{server.url}/readyz", timeout=2)
                if r.status_code == 200:
                    server.info = r.json()
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the API server was not ready after {ready_timeout:.0f}s; see {log}")
            time.sleep(0.25)
        yield server
    finally:
        server.peak_rss_bytes = vm_hwm(proc.pid)
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        fh.close()


# --- load -----------------------------------------------------------------------------------------------------

@dataclass
class LoadResult:
    latencies: list[float]          # seconds, one per request, in completion order
    statuses: dict[int, int]
    wall: float                     # seconds from the first request sent to the last response read
    bytes: int
    errors: list[str]
    bodies: list[bytes] = field(default_factory=list)  # kept only when asked


async def _load(base_url: str, key: str, requests: Sequence[dict], concurrency: int, keep_bodies: bool,
                timeout: float) -> LoadResult:
    import httpx

    headers = {"Authorization": f"Bearer {key}"}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    result = LoadResult(latencies=[0.0] * len(requests), statuses={}, wall=0.0, bytes=0, errors=[],
                        bodies=[b""] * len(requests) if keep_bodies else [])
    next_index = 0

    async with httpx.AsyncClient(base_url=base_url, headers=headers, limits=limits, timeout=timeout) as client:
        async def worker() -> None:
            nonlocal next_index
            while next_index < len(requests):
                i = next_index
                next_index += 1
                req = requests[i]
                t0 = time.perf_counter()
                try:
                    r = await client.request(req.get("method", "GET"), req["path"], params=req.get("params"),
                                             json=req.get("json"))
                    body = r.content
                    result.latencies[i] = time.perf_counter() - t0
                    result.statuses[r.status_code] = result.statuses.get(r.status_code, 0) + 1
                    result.bytes += len(body)
                    if r.status_code >= 400 and len(result.errors) < 5:
                        result.errors.append(f"{r.status_code} {req['path']}: {body[:300]!r}")
                    if keep_bodies:
                        result.bodies[i] = body
                except httpx.HTTPError as exc:
                    result.latencies[i] = time.perf_counter() - t0
                    result.statuses[-1] = result.statuses.get(-1, 0) + 1
                    if len(result.errors) < 5:
                        result.errors.append(f"{type(exc).__name__} {req['path']}: {exc}")

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(max(1, min(concurrency, len(requests))))))
        result.wall = time.perf_counter() - t0
    return result


def run_load(base_url: str, key: str, requests: Sequence[dict], *, concurrency: int, keep_bodies: bool = False,
             timeout: float = 120.0) -> LoadResult:
    """Send `requests` ({"method", "path", "params", "json"}) over `concurrency` keep-alive connections, each
    connection sending its next request when the previous answer is read (a closed loop): a fixed number of
    requests, at most `concurrency` in flight."""
    return asyncio.run(_load(base_url, key, requests, concurrency, keep_bodies, timeout))


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0-100), linear interpolation between closest ranks."""
    xs = sorted(values)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def latency_summary(latencies: Sequence[float]) -> dict[str, float]:
    ms = [x * 1000 for x in latencies]
    return {"p50_ms": round(percentile(ms, 50), 2), "p95_ms": round(percentile(ms, 95), 2),
            "p99_ms": round(percentile(ms, 99), 2), "mean_ms": round(statistics.fmean(ms), 2) if ms else None,
            "max_ms": round(max(ms), 2) if ms else None}


def write_json(path: Path, obj: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, default=str) + "\n", encoding="utf-8")
