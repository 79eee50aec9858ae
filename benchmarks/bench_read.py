"""Read latency of the REST API on the whole BBC corpus, SQLite and PostgreSQL, with the query plans behind it.

    python benchmarks/bench_read.py [--requests 500] [--concurrency 8] [--backends sqlite,postgresql]

1. **Data.** All articles of ``../shared/corpora/bbc.jsonl`` (2,225; synthetic publisher "BBC <Section>" and
   a date in 2004-2005, see benchmarks/_common.py) are annotated once with ``annotate_many`` and stored in a
   SQLite file through ``app.services.ingest.store_annotation``, committed in batches: the cache
   ``benchmarks/results/read_cache/bbc-<N>.sqlite`` (git-ignored; an interrupted build resumes where it
   stopped, a finished one is reused). A deterministic 10 % of the claims are then reviewed through
   ``repository.review_claim`` (7 % accepted, 3 % rejected), so that review filters select something.
   PostgreSQL (database ``whosaid_bench_read`` at 127.0.0.1:5432, made for the run and dropped after it) is
   filled from the cache without the engine: each stored article is read back as an annotation
   (``repository.to_annotation``) and stored again with ``store_annotation``, the same reviews are made, and
   the table counts of both stores are compared; then ``ANALYZE``.
2. **Latency.** Per backend, a uvicorn server on 127.0.0.1 (one process, as ``whosaid serve`` runs it) and,
   per query: ``--solo`` requests one at a time (warm-up, and the latency of an idle server), then
   ``--requests`` requests over ``--concurrency`` keep-alive connections (a closed loop: each connection
   sends its next request when the answer is read), timed from send to the last byte of the body.
3. **Plans.** Per backend and query, the SQL the route runs is captured in process (the same app, through
   Starlette's TestClient, with an event listener on the engine) and each SELECT is explained: ``EXPLAIN
   QUERY PLAN`` on SQLite, ``EXPLAIN (ANALYZE, BUFFERS)`` on PostgreSQL, and timed (median of 5). The
   summary lists, per table, how it is reached (which index, or a full scan).

Results: a table per backend, the plans, and JSON in ``--out`` (default ``benchmarks/results/read.json``).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from _common import (
    CORPUS,
    RESULTS,
    api_server,
    busy_note,
    dedupe,
    environment,
    git_state,
    latency_summary,
    load_corpus,
    make_key,
    migrated_engine,
    pg_available,
    pg_drop,
    pg_recreate,
    pg_url,
    run_load,
    sqlite_url,
    table_counts,
    write_json,
)

DEFAULT_OUT = RESULTS / "read.json"
CACHE_DIR = RESULTS / "read_cache"
PG_DATABASE = f"whosaid_bench_read_{os.getpid()}"  # its own: a second run beside it drops nothing of this one
REVIEWER = "bench-reviewer"
READER = "bench-reader"
ACCEPT_PER_MILLE, REJECT_PER_MILLE = 70, 30
BIG_TABLES = ("articles", "claims", "claim_relays", "sources", "source_aliases", "mentions", "reviews")


# --- 1. data ---------------------------------------------------------------------------------------------------

def corpus_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def build_sqlite_cache(path: Path, articles, *, batch: int, console, corpus: Path) -> dict:
    """Annotate and store every article not stored yet (by content hash), committing every `batch`."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from sqlalchemy import select

    from app.core.db import make_sessionmaker
    from app.nlp.pipeline import annotate_many, get_nlp
    from app.services.ingest import content_hash, pipeline_version, store_annotation
    from app.store.models import Article as ArticleRow

    meta_path = path.with_name(path.name + ".json")
    meta = json.loads(meta_path.read_text()) if meta_path.is_file() else {}
    digest = corpus_digest(corpus)
    if meta and meta.get("corpus_sha256_16") != digest:
        console.print(f"[yellow]the corpus changed since {path.name} was built: building it again[/]")
        for p in path.parent.glob(path.name + "*"):
            p.unlink()
        meta = {}
    engine = migrated_engine(sqlite_url(path))
    factory = make_sessionmaker(engine)
    with factory() as session:
        done = set(session.scalars(select(ArticleRow.content_hash)))
    todo = [a for a in articles if content_hash(a.text, a.publisher) not in done]
    meta.setdefault("corpus", str(corpus))
    meta["corpus_sha256_16"] = digest
    meta.setdefault("build_seconds", 0.0)
    if not todo:
        engine.dispose()
        return meta

    nlp = get_nlp()
    pv = pipeline_version(nlp)
    meta.setdefault("pipelines", [])
    if pv not in meta["pipelines"]:
        meta["pipelines"].append(pv)
    meta.setdefault("git", git_state())
    console.print(f"building {path.name}: {len(todo):,} of {len(articles):,} articles to annotate and store "
                  f"({len(done):,} stored already), commits every {batch}")
    t0 = time.perf_counter()
    stored = 0
    columns = (TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]} art/s"),
               TimeElapsedColumn(), TimeRemainingColumn())
    try:
        with Progress(*columns, console=console, transient=False) as progress, factory() as session:
            task = progress.add_task("ingest", total=len(todo), rate="-")
            pending = 0
            stream = annotate_many(((a.text, a.meta()) for a in todo), nlp=nlp)
            for _article, annotation in zip(todo, stream, strict=True):
                store_annotation(session, annotation, pipeline_version=pv, language=nlp.lang)
                pending += 1
                if pending >= batch:
                    session.commit()
                    stored += pending
                    pending = 0
                    progress.update(task, completed=stored,
                                    rate=f"{stored / (time.perf_counter() - t0):.1f}")
            session.commit()
            stored += pending
            progress.update(task, completed=stored)
    finally:
        meta["build_seconds"] = round(meta["build_seconds"] + time.perf_counter() - t0, 1)
        meta["articles_stored"] = len(done) + stored
        meta_path.write_text(json.dumps(meta, indent=2) + "\n")
        engine.dispose()
    return meta


def seed_reviews(engine, console) -> int:
    """Review a deterministic 10 % of the claims (by a hash of the article's content hash and the claim's
    position, so every store reviews the same claims), once: nothing when reviews exist already."""
    from sqlalchemy import func, select

    from app.core.db import session_scope
    from app.store import repository
    from app.store.models import Article as ArticleRow
    from app.store.models import Claim, Review

    with session_scope(engine) as session:
        if session.scalar(select(func.count()).select_from(Review)):
            return 0
        user = repository.get_user_by_name(REVIEWER, session=session) or \
            repository.create_user(session=session, name=REVIEWER, role="analyst")
        rows = session.execute(select(Claim.id, ArticleRow.content_hash, Claim.position).join(Claim.article)
                               .order_by(Claim.id)).all()
        n = 0
        for claim_id, chash, position in rows:
            h = int(hashlib.sha256(f"{chash}:{position}".encode()).hexdigest()[:8], 16) % 1000
            if h < ACCEPT_PER_MILLE + REJECT_PER_MILLE:
                repository.review_claim(session=session, claim_id=claim_id, user_id=user.id,
                                        action="accept" if h < ACCEPT_PER_MILLE else "reject")
                n += 1
    console.print(f"reviewed {n:,} of {len(rows):,} claims")
    return n


def copy_store(src_engine, dst_engine, *, batch: int, console) -> float:
    """Every article of `src` stored again in `dst` from its stored annotation (no engine run)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )
    from sqlalchemy import select

    from app.core.db import make_sessionmaker
    from app.services.ingest import store_annotation
    from app.store import repository
    from app.store.models import Article as ArticleRow

    src_factory, dst_factory = make_sessionmaker(src_engine), make_sessionmaker(dst_engine)
    with src_factory() as s:
        ids = list(s.scalars(select(ArticleRow.id).order_by(ArticleRow.id)))
    t0 = time.perf_counter()
    with Progress(TextColumn("copy"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console) as progress:
        task = progress.add_task("copy", total=len(ids))
        for i in range(0, len(ids), batch):
            with src_factory() as s:
                items = []
                for aid in ids[i:i + batch]:
                    art = repository.get_article(aid, session=s)
                    items.append((repository.to_annotation(art), art.source_format, art.pipeline_version,
                                  art.language))
                s.rollback()
            with dst_factory() as d:
                for ann, fmt, pv, lang in items:
                    store_annotation(d, ann, source_format=fmt, pipeline_version=pv, language=lang)
                d.commit()
            progress.update(task, completed=min(i + batch, len(ids)))
    return time.perf_counter() - t0


def prepare_data(args, console) -> dict:
    """The SQLite cache (built or reused) and, when asked, the PostgreSQL copy: their URLs and counts."""
    articles, repeats = dedupe(load_corpus(args.corpus, args.limit))
    cache = args.cache or CACHE_DIR / f"{args.corpus.stem}-{len(articles) + repeats}.sqlite"
    cache.parent.mkdir(parents=True, exist_ok=True)
    if args.rebuild:
        for p in cache.parent.glob(cache.name + "*"):
            p.unlink()
    meta = build_sqlite_cache(cache, articles, batch=args.batch, console=console, corpus=args.corpus)
    engine = migrated_engine(sqlite_url(cache))
    seed_reviews(engine, console)
    data = {"sqlite": {"url": sqlite_url(cache), "counts": table_counts(engine), "cache": meta},
            "articles": len(articles), "repeated_texts_dropped": repeats}
    console.print(f"SQLite cache {cache} ({cache.stat().st_size / 2**20:.1f} MiB): {data['sqlite']['counts']}")
    if "postgresql" in args.backends:
        url = pg_url(PG_DATABASE)
        reuse = False
        if args.keep_pg:
            try:
                pg_engine = migrated_engine(url)
                counts = table_counts(pg_engine)
                reuse = all(counts[t] == data["sqlite"]["counts"][t] for t in ("articles", "claims", "reviews"))
                pg_engine.dispose()
            except Exception:  # noqa: BLE001 - no such database yet: make it
                reuse = False
        if not reuse:
            pg_recreate(PG_DATABASE)
            pg_engine = migrated_engine(url)
            secs = copy_store(engine, pg_engine, batch=args.batch, console=console)
            seed_reviews(pg_engine, console)
            console.print(f"copied to PostgreSQL in {secs:.1f}s")
        else:
            pg_engine = migrated_engine(url)
            secs = None
            console.print(f"reusing PostgreSQL database {PG_DATABASE}")
        from sqlalchemy import text

        with pg_engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text("ANALYZE"))
        counts = table_counts(pg_engine)
        pg_engine.dispose()
        # users and keys differ (each store has its own reader keys); the data must not
        mismatch = {t: (data["sqlite"]["counts"][t], counts[t]) for t in counts
                    if counts[t] != data["sqlite"]["counts"][t]}
        data["postgresql"] = {"url": url, "counts": counts, "copy_seconds": round(secs, 1) if secs else None,
                              "count_mismatches_vs_sqlite": mismatch}
        if mismatch:
            console.print(f"[red]PostgreSQL copy differs from the SQLite cache:[/] {mismatch}")
    engine.dispose()
    return data


# --- 2. queries ------------------------------------------------------------------------------------------------

@dataclass
class Query:
    name: str
    path: str
    params: dict = field(default_factory=dict)
    note: str = ""

    def url(self) -> str:
        from urllib.parse import urlencode

        return self.path + (f"?{urlencode(self.params)}" if self.params else "")


def choose_queries(engine, *, q_word: str, month: tuple[str, str], half_year: tuple[str, str]) -> list[Query]:
    """The queries, with values taken from the data (the same on every backend but the source ids, which
    `resolve_ids` looks up per store by canonical key)."""
    from sqlalchemy import text

    with engine.connect() as c:
        def one(sql: str, **kw):
            return c.execute(text(sql), kw).first()

        speaker = one("SELECT s.name, s.canonical_key, count(*) AS n FROM claims c JOIN sources s "
                      "ON s.id = c.speaker_source_id WHERE s.type = 'person' AND s.merged_into_id IS NULL "
                      "GROUP BY s.id, s.name, s.canonical_key ORDER BY n DESC, s.name LIMIT 1")
        publisher = one("SELECT a.publisher, count(*) AS n FROM claims c JOIN articles a ON a.id = c.article_id "
                        "GROUP BY a.publisher ORDER BY n DESC, a.publisher LIMIT 1")
        outlet = one("SELECT s.name, s.canonical_key, count(*) AS n FROM claim_relays r JOIN sources s "
                     "ON s.id = r.source_id WHERE s.type = 'outlet' AND s.name NOT IN "
                     "(SELECT DISTINCT publisher FROM articles WHERE publisher IS NOT NULL) "
                     "GROUP BY s.id, s.name, s.canonical_key ORDER BY n DESC, s.name LIMIT 1")
        total = c.execute(text("SELECT count(*) FROM claims")).scalar_one()
        # the smallest confidence that at least 10 % of the claims are below
        threshold = None
        below = 0
        for value, n in c.execute(text("SELECT confidence, count(*) FROM claims GROUP BY confidence "
                                       "ORDER BY confidence")):
            if below >= 0.1 * total:
                threshold = value
                break
            below += n
        threshold = round(threshold if threshold is not None else 0.5, 4)
    qs = [
        Query("claims: no filter", "/v1/claims", {}, "the newest 50 claims"),
        Query("claims: speaker name", "/v1/claims", {"speaker": speaker.name},
              f"the person with the most claims ({speaker.n}); substring of name or alias"),
        Query("claims: speaker_type=anonymous", "/v1/claims", {"speaker_type": "anonymous"}),
        Query("claims: publisher", "/v1/claims", {"publisher": publisher.publisher},
              f"the publisher with the most claims ({publisher.n})"),
        Query("claims: outlet in relay", "/v1/claims", {"outlet": outlet.name},
              f"the outlet other than a publisher most often in relays ({outlet.n} hops)"),
        Query("claims: kind=according_to", "/v1/claims", {"kind": "according_to"}),
        Query("claims: review_status=unreviewed", "/v1/claims", {"review_status": "unreviewed"}, "the review inbox"),
        Query("claims: review_status=accepted", "/v1/claims", {"review_status": "accepted"}),
        Query("claims: confidence_below", "/v1/claims", {"confidence_below": threshold},
              "the lowest ~10 % of confidences"),
        Query("claims: date range (1 month)", "/v1/claims", {"published_from": month[0], "published_to": month[1]}),
        Query(f"claims: q={q_word}", "/v1/claims", {"q": q_word}, "substring of the claim text"),
        Query("claims: combination", "/v1/claims",
              {"publisher": publisher.publisher, "speaker_type": "person", "kind": "direct",
               "published_from": half_year[0], "published_to": half_year[1]},
              "publisher + speaker_type=person + kind=direct + a half-year"),
        Query("source profile: frequent speaker", "/v1/sources/{speaker}", {}, f"{speaker.name}"),
        Query("source profile: frequent relay outlet", "/v1/sources/{outlet}", {}, f"{outlet.name}"),
        Query("articles: publisher", "/v1/articles", {"publisher": publisher.publisher}),
    ]
    for q in qs:
        q.params = {k: str(v) for k, v in q.params.items()}
    qs[-3].note += f" ({speaker.canonical_key})"
    qs[-2].note += f" ({outlet.canonical_key})"
    return qs, {"speaker": speaker.canonical_key, "outlet": outlet.canonical_key}


def resolve_ids(engine, queries: list[Query], keys: dict[str, str]) -> list[Query]:
    """The queries with this store's source ids in their paths."""
    from sqlalchemy import text

    with engine.connect() as c:
        ids = {name: c.execute(text("SELECT id FROM sources WHERE canonical_key = :k"), {"k": key}).scalar_one()
               for name, key in keys.items()}
    return [Query(q.name, q.path.format(**ids), dict(q.params), q.note) for q in queries]


def matches(engine, queries: list[Query]) -> dict[str, int]:
    """How many rows each list query matches in all (paging through the repository, 500 a page)."""
    from app.core.db import make_sessionmaker
    from app.schemas.api import ClaimQuery
    from app.store import repository

    def page(session, q: Query, cursor: int | None):
        if q.path == "/v1/claims":
            return repository.list_claims(session=session, cursor=cursor, limit=500,
                                          **ClaimQuery(**q.params).repository_filters())
        return repository.list_articles(session=session, cursor=cursor, limit=500, publisher=q.params.get("publisher"))

    out = {}
    with make_sessionmaker(engine)() as session:
        for q in queries:
            if q.path not in ("/v1/claims", "/v1/articles"):
                continue
            n, cursor = 0, None
            while True:
                p = page(session, q, cursor)
                n += len(p.items)
                session.expunge_all()
                if p.next_cursor is None:
                    break
                cursor = p.next_cursor
            out[q.name] = n
            session.rollback()
    return out


def measure(server_url: str, key: str, q: Query, *, solo: int, requests: int, concurrency: int) -> dict:
    req = {"method": "GET", "path": q.path, "params": q.params}
    solo_res = run_load(server_url, key, [req] * solo, concurrency=1, keep_bodies=True) if solo else None
    res = run_load(server_url, key, [req] * requests, concurrency=concurrency)
    body = json.loads(solo_res.bodies[-1]) if solo_res and solo_res.bodies and solo_res.bodies[-1] else {}
    items = len(body["items"]) if isinstance(body, dict) and "items" in body else None
    out = {"name": q.name, "url": q.url(), "note": q.note, "requests": requests, "concurrency": concurrency,
           **latency_summary(res.latencies), "requests_per_second": round(requests / res.wall, 1),
           "statuses": {str(k): v for k, v in res.statuses.items()}, "errors": res.errors,
           "mean_response_bytes": round(res.bytes / max(1, requests)), "items_in_page": items}
    if solo_res:
        s = latency_summary(solo_res.latencies[min(10, solo // 2):])  # the first requests warm up
        out["solo"] = {"requests": solo, "p50_ms": s["p50_ms"], "p95_ms": s["p95_ms"],
                       "statuses": {str(k): v for k, v in solo_res.statuses.items()}}
    return out


# --- 3. plans ---------------------------------------------------------------------------------------------------

SQLITE_ACCESS = re.compile(r"^(SCAN|SEARCH) (\w+)(?: AS (\w+))?(?: USING (.*))?$")
PG_ACCESS = re.compile(r"(Seq Scan|Index Only Scan|Index Scan|Bitmap Heap Scan|Bitmap Index Scan)"
                       r"(?: Backward)?(?: using (\w+))? on (\w+)")
PG_INDEX_OWNER = {}  # index name -> table, filled from pg_indexes


def _table(name: str) -> str:
    return re.sub(r"_\d+$", "", name)  # SQLAlchemy's anonymous aliases: articles_1


def _sqlite_using(using: str) -> str:
    using = using.replace(" LEFT-JOIN", "")
    using = re.sub(r"INTEGER PRIMARY KEY \(rowid=\?\)", "primary key", using)
    using = re.sub(r"INTEGER PRIMARY KEY \((.*)\)", r"primary key (\1)", using)
    return using.replace("COVERING INDEX ", "covering index ").replace("INDEX ", "index ")


def sqlite_plan(conn, statement: str, parameters) -> tuple[list[str], list[dict]]:
    rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
    depth: dict[int, int] = {0: -1}
    lines, access = [], []
    for node_id, parent, _unused, detail in rows:
        depth[node_id] = depth.get(parent, -1) + 1
        lines.append("  " * depth[node_id] + detail)
        m = SQLITE_ACCESS.match(detail)
        if m:
            verb, table, _alias, using = m.groups()
            table = _table(table)
            using = _sqlite_using(using) if using else None
            if using is None:
                how = "full scan"
            elif verb == "SCAN":
                how = f"full scan of {using}"
            else:
                how = using
            access.append({"table": table, "how": how, "full_scan": verb == "SCAN"})
        elif detail.startswith("USE TEMP B-TREE"):
            access.append({"table": None, "how": detail.lower(), "full_scan": False})
    # a page (ORDER BY t.id DESC LIMIT n) read by a plain scan of t in rowid order stops once the page is full:
    # a full scan only when fewer rows than the page match
    page = re.search(r"ORDER BY (\w+)\.id DESC\s+LIMIT", statement)
    if page and not any(a["table"] is None and "order by" in a["how"] for a in access):
        for a in access:
            if a["table"] == _table(page.group(1)) and a["how"] == "full scan":
                a["how"] = "scan in id order until the page is full (no index)"
                a["until_limit"] = True
    return lines, access


def pg_plan(conn, statement: str, parameters) -> tuple[list[str], list[dict], float | None]:
    rows = conn.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters).all()
    lines = [r[0] for r in rows]
    access, exec_ms = [], None
    for line in lines:
        removed = re.search(r"Rows Removed by (?:Filter|Index Recheck): (\d+)", line)
        if removed and access:
            access[-1]["rows_removed"] = access[-1].get("rows_removed", 0) + int(removed.group(1))
        m = PG_ACCESS.search(line)
        if m:
            node, index, rel = m.groups()
            actual = re.search(r"actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)", line)
            rows_out = int(actual.group(1)) * int(actual.group(2)) if actual else None
            if node == "Bitmap Index Scan":
                table, how = PG_INDEX_OWNER.get(rel, "?"), f"bitmap index {rel}"
            elif node == "Seq Scan":
                table, how = _table(rel), "seq scan"
            elif node == "Bitmap Heap Scan":
                continue  # its Bitmap Index Scan child names the index
            else:
                table = _table(rel)
                how = f"{node.lower()}{' backward' if 'Backward' in line else ''} {index}"
            access.append({"table": table, "how": how, "full_scan": node == "Seq Scan", "rows": rows_out})
            if "Backward" in line and index and index.startswith("pk_") and "LIMIT" in statement:
                access[-1]["until_limit"] = True
        if line.startswith("Execution Time:"):
            exec_ms = float(line.split()[2])
    return lines, access, exec_ms


def capture(url: str, key: str, queries: list[Query]) -> dict[str, list[tuple[str, object]]]:
    """The SELECTs each query's route runs, captured in this process from the same app."""
    import warnings

    import spacy
    from sqlalchemy import event

    with warnings.catch_warnings():  # Starlette's note that its TestClient will move from httpx
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from app.core.config import Settings
    from app.main import create_app

    migrated_engine(url).dispose()  # the code may have gained a migration since the store was loaded
    app = create_app(Settings(database_url=url), nlp=spacy.blank("en"))
    statements: list[tuple[str, object]] = []

    def listener(_conn, _cursor, statement, parameters, _context, _executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    out = {}
    with TestClient(app) as client:
        for q in queries:
            client.get(q.path, params=q.params, headers={"Authorization": f"Bearer {key}"})  # warm
            event.listen(app.state.engine, "before_cursor_execute", listener)
            r = client.get(q.path, params=q.params, headers={"Authorization": f"Bearer {key}"})
            event.remove(app.state.engine, "before_cursor_execute", listener)
            if r.status_code != 200:
                raise RuntimeError(f"{q.url()}: {r.status_code} {r.text[:300]}")
            out[q.name] = list(statements)
            statements.clear()
    app.state.engine.dispose()
    return out


def explain(url: str, backend: str, captured: dict[str, list[tuple[str, object]]]) -> dict[str, list[dict]]:
    from sqlalchemy import text

    from app.core.db import make_engine

    engine = make_engine(url, echo=False)
    out: dict[str, list[dict]] = {}
    with engine.connect() as conn:
        if backend == "postgresql":
            PG_INDEX_OWNER.update(dict(conn.execute(text(
                "SELECT indexname, tablename FROM pg_indexes WHERE schemaname = 'public'")).all()))
        for name, statements in captured.items():
            entries = []
            for statement, parameters in statements:
                times = []
                for _ in range(5):
                    t0 = time.perf_counter()
                    conn.exec_driver_sql(statement, parameters).all()
                    times.append(time.perf_counter() - t0)
                if backend == "sqlite":
                    lines, access = sqlite_plan(conn, statement, parameters)
                    exec_ms = None
                else:
                    lines, access, exec_ms = pg_plan(conn, statement, parameters)
                entries.append({"role": _role(statement), "sql": " ".join(statement.split()),
                                "parameters": parameters if isinstance(parameters, dict) else list(parameters),
                                "median_ms": round(statistics.median(times) * 1000, 3),
                                "explain_analyze_ms": exec_ms, "plan": lines, "access": access})
            out[name] = entries
        conn.rollback()
    engine.dispose()
    return out


def _role(statement: str) -> str:
    """What a captured SELECT is for, from what it selects."""
    s = " ".join(statement.split())
    head = s[:s.upper().find(" FROM ")] if " FROM " in s.upper() else s
    frm = re.search(r"\bFROM (\w+)", s)
    table = frm.group(1) if frm else "?"
    if table == "api_keys":
        return "auth: the API key"
    if re.search(r"\bIN \(", s) and ("WHERE sources.id IN" in s or "WHERE claim_relays.claim_id IN" in s
                                     or "WHERE source_aliases.source_id IN" in s):
        return f"load: {table} by id list (selectinload)"
    if "count(" in head.lower():
        return f"count over {table}"
    if "LIMIT" in s.upper():
        return f"main: {table}, a page"
    return f"{table}"


def summarize(entries: list[dict]) -> dict[str, object]:
    """Per query, over all its statements but the key check: how each table is reached by the query's own
    statements ("tables") and by the relationship loads (selectinload by id lists, "loads"), and which big
    tables are read in full."""
    tables: dict[str, list[str]] = {}
    loads: dict[str, list[str]] = {}
    full, temp = set(), False
    for e in entries:
        if e["role"].startswith("auth"):
            continue
        into = loads if e["role"].startswith("load:") else tables
        for a in e["access"]:
            if a["table"] is None:
                temp = True
                continue
            hows = into.setdefault(a["table"], [])
            if a["how"] not in hows:
                hows.append(a["how"])
            if a["full_scan"] and a["table"] in BIG_TABLES:
                full.add(a["table"] + (" (until the page is full)" if a.get("until_limit") else ""))
    total = sum(e["median_ms"] for e in entries)
    return {"tables": tables, "loads": loads, "full_scans": sorted(full), "temp_btree_sort": temp,
            "statements": len(entries), "sql_ms_total": round(total, 2)}


# --- the run ----------------------------------------------------------------------------------------------------

def plans_text(backend: str, rows: list[dict]) -> str:
    """Every query's SELECTs with their plans, for reading."""
    how = "EXPLAIN QUERY PLAN" if backend == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS)"
    out = [f"# {backend}: the SELECTs of each query and their plans ({how})", ""]
    for r in rows:
        out += [f"## {r['name']}: GET {r['url']}", ""]
        for st in r.get("statements", []):
            out.append(f"-- {st['role']} ({st['median_ms']:.2f} ms median)")
            out.append(st["sql"])
            out.append(f"-- parameters: {st['parameters']}")
            out += [f"   {line}" for line in st["plan"]]
            out.append("")
    return "\n".join(out) + "\n"


def short_access(summary: dict, key: str = "tables") -> str:
    return "; ".join(f"{table}: {', '.join(hows)}" for table, hows in summary[key].items())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="the first N articles (default: all)")
    ap.add_argument("--backends", default="sqlite,postgresql", help="comma-separated: sqlite, postgresql")
    ap.add_argument("--requests", type=int, default=500, help="timed requests per query (default 500)")
    ap.add_argument("--concurrency", type=int, default=8, help="connections of the load (default 8)")
    ap.add_argument("--solo", type=int, default=50,
                    help="requests one at a time per query before the load (warm-up and idle latency; default 50)")
    ap.add_argument("--only", default=None, help="only the queries whose name contains this")
    ap.add_argument("--batch", type=int, default=50, help="articles per commit when loading (default 50)")
    ap.add_argument("--no-explain", action="store_true", help="skip the query plans")
    ap.add_argument("--rebuild", action="store_true", help="build the SQLite cache again from the corpus")
    ap.add_argument("--cache", type=Path, default=None,
                    help=f"the SQLite cache (default {CACHE_DIR}/<corpus>-<N>.sqlite)")
    ap.add_argument("--keep-pg", action="store_true",
                    help=f"keep the PostgreSQL database {PG_DATABASE} (and reuse it when it matches the cache)")
    ap.add_argument("--q-word", default="economy", help="the word of the full-text query (default economy)")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help=f"JSONL corpus (default: {CORPUS})")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"JSON result (default: {DEFAULT_OUT})")
    args = ap.parse_args(argv)

    from rich.console import Console
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 180)
    if not args.corpus.is_file():
        console.print(f"[yellow]skipped:[/] corpus {args.corpus} not found")
        return 0
    args.backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    if "postgresql" in args.backends and (why := pg_available()):
        console.print(f"[yellow]PostgreSQL skipped:[/] {why}")
        args.backends.remove("postgresql")
    busy_note(console)
    started = time.perf_counter()

    data = prepare_data(args, console)
    sqlite_engine = migrated_engine(data["sqlite"]["url"])
    queries, keys = choose_queries(sqlite_engine, q_word=args.q_word, month=("2005-03-01", "2005-03-31"),
                                   half_year=("2004-07-01", "2004-12-31"))
    if args.only:
        queries = [q for q in queries if args.only.lower() in q.name.lower()]
    matched = matches(sqlite_engine, queries)
    sqlite_engine.dispose()

    results: dict[str, dict] = {}
    try:
        for backend in args.backends:
            url = data[backend]["url"]
            engine = migrated_engine(url)
            key = make_key(engine, READER, "reader")
            qs = resolve_ids(engine, queries, keys)
            engine.dispose()
            rows = []
            with api_server(url, RESULTS / "logs" / f"read-server-{backend}.log") as server:
                for q in qs:
                    r = measure(server.url, key, q, solo=args.solo, requests=args.requests,
                                concurrency=args.concurrency)
                    r["matches"] = matched.get(q.name)
                    rows.append(r)
                    solo = f"solo p50 {r['solo']['p50_ms']:6.1f} | " if "solo" in r else ""
                    console.print(f"  {backend:10s} {q.name:40s} {solo}p50 {r['p50_ms']:7.1f} p95 {r['p95_ms']:7.1f} "
                                  f"p99 {r['p99_ms']:7.1f} ms  {r['requests_per_second']:6.1f} req/s"
                                  + (f" [red]{r['errors'][:1]}[/]" if r["errors"] else ""))
            results[backend] = {"server": server.info, "server_peak_rss_bytes": server.peak_rss_bytes,
                                "queries": rows}
            write_json(args.out, {"benchmark": "read", "partial": True, "data": data, "backends": results})
            if not args.no_explain:
                try:
                    plans = explain(url, backend, capture(url, key, qs))
                except Exception as exc:  # noqa: BLE001 - keep the latencies, say why the plans are missing
                    console.print(f"[red]no plans for {backend}:[/] {type(exc).__name__}: {exc}")
                    results[backend]["explain_error"] = f"{type(exc).__name__}: {exc}"
                    continue
                for r in rows:
                    r["plan_summary"] = summarize(plans[r["name"]])
                    r["statements"] = plans[r["name"]]
    finally:
        if "postgresql" in args.backends and not args.keep_pg:
            pg_drop(PG_DATABASE)
            data["postgresql"]["url"] += " (dropped after the run)"

    result = {
        "benchmark": "read",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        **environment(),
        "git": git_state(),
        "corpus": str(args.corpus),
        "metadata": ("synthetic: publisher 'BBC <category>', published a day of 2004-2005 from a hash of the id; "
                     f"{ACCEPT_PER_MILLE / 10:g} % of claims accepted, {REJECT_PER_MILLE / 10:g} % rejected"),
        "data": data,
        "load": {"requests_per_query": args.requests, "concurrency": args.concurrency, "solo_requests": args.solo,
                 "client": "asyncio + httpx, keep-alive, closed loop, same machine"},
        "backends": results,
        "seconds_total": round(time.perf_counter() - started, 1),
    }
    write_json(args.out, result)
    for backend, res in results.items():
        if not args.no_explain and "explain_error" not in res:
            plans_path = args.out.with_name(f"{args.out.stem}_plans_{backend}.txt")
            plans_path.write_text(plans_text(backend, res["queries"]), encoding="utf-8")
            console.print(f"wrote {plans_path}")

    for backend, res in results.items():
        counts = data[backend]["counts"]
        table = Table(title=f"{backend}: {counts['articles']:,} articles, {counts['claims']:,} claims — "
                            f"{args.requests} requests per query over {args.concurrency} connections")
        for col in ("query", "matches", "solo p50", "p50", "p95", "p99", "req/s", "SQL ms", "full scans"):
            table.add_column(col, justify="left" if col in ("query", "full scans") else "right")
        for r in res["queries"]:
            ps = r.get("plan_summary", {})
            table.add_row(r["name"], "" if r["matches"] is None else f"{r['matches']:,}",
                          f"{r['solo']['p50_ms']:.1f}" if "solo" in r else "", f"{r['p50_ms']:.1f}",
                          f"{r['p95_ms']:.1f}", f"{r['p99_ms']:.1f}", f"{r['requests_per_second']:.0f}",
                          f"{ps['sql_ms_total']:.1f}" if ps else "", ", ".join(ps.get("full_scans", [])))
        console.print(table)
        if not args.no_explain and "explain_error" not in res:
            idx = Table(title=f"{backend}: how each query reaches its tables (its SELECTs but the key check)")
            idx.add_column("query")
            idx.add_column("the query's own statements")
            idx.add_column("relationship loads (by id lists)")
            for r in res["queries"]:
                idx.add_row(r["name"], short_access(r["plan_summary"]), short_access(r["plan_summary"], "loads"))
            console.print(idx)
    console.print(f"wrote {args.out} ({result['seconds_total']:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
