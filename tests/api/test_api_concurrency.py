"""Parallel requests: the same article ingested by many clients at once is stored once (one 201, the
others 200 with the same article), on PostgreSQL (where the unique content hash settles the race) and
SQLite (where writers queue, and readers do not)."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from app.core.db import make_sessionmaker
from app.store import repository

TEXT = "Kirill Dmitriev told Axios that the parallel plan was ready."
WORKERS = 8


def test_parallel_ingests_of_one_article_store_it_once(client, headers):
    barrier = threading.Barrier(WORKERS, timeout=30)

    def post(_):
        barrier.wait()  # all requests leave together
        response = client.post("/v1/articles", json={"text": TEXT, "publisher": "UNN"}, headers=headers["analyst"])
        return response.status_code, response.json()

    with ThreadPoolExecutor(WORKERS) as pool:
        results = list(pool.map(post, range(WORKERS)))
    statuses = sorted(status for status, _ in results)
    assert statuses == [200] * (WORKERS - 1) + [201], [body for _, body in results]
    assert len({body["id"] for _, body in results}) == 1
    assert len({tuple(c["id"] for c in body["claims"]) for _, body in results}) == 1
    listed = client.get("/v1/articles", params={"q": "parallel plan"}, headers=headers["reader"]).json()["items"]
    assert len(listed) == 1
    claims = client.get("/v1/claims", params={"q": "parallel plan"}, headers=headers["reader"]).json()["items"]
    assert len(claims) == 1


def test_parallel_readers_and_writers(client, headers):
    """Reads go on while articles are ingested; nothing fails or times out."""
    texts = [f"Maria Lopez said budget number {n} would pass." for n in range(6)]

    def work(n):
        if n % 2:
            return client.get("/v1/claims", params={"speaker": "Lopez"}, headers=headers["reader"]).status_code
        return client.post("/v1/articles", json={"text": texts[n // 2], "publisher": "BBC"},
                           headers=headers["analyst"]).status_code

    with ThreadPoolExecutor(6) as pool:
        statuses = list(pool.map(work, range(12)))
    assert statuses.count(201) == 6 and statuses.count(200) == 6


def test_reads_do_not_wait_for_a_writer(app, client, headers):
    """GET routes (and their key check) answer while another transaction holds SQLite's write lock: their
    sessions begin DEFERRED. (With BEGIN IMMEDIATE they waited for it, and failed after the busy timeout.)"""
    with make_sessionmaker(app.state.engine)() as writer:
        repository.create_user(session=writer, name="writer holding the lock")  # BEGIN IMMEDIATE on SQLite
        for path in ("/v1/articles", "/v1/claims", "/v1/sources", "/v1/outlets/relays", "/v1/export"):
            assert client.get(path, headers=headers["reader"]).status_code == 200, path
        writer.commit()
