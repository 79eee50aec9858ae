"""POST /v1/annotate runs the engine on threads of its own (app/api/workers.py): reads answer while a long
annotation runs, a full queue is 503 with Retry-After, and a text that needs more engine time than
WHOSAID_ANNOTATE_TIMEOUT is 422 (issue 8, item 5: a reader pinned a CPU for minutes, and other requests
waited seconds meanwhile)."""
from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from api_helpers import assert_problem
from fastapi.testclient import TestClient

from app.core.config import Settings, get_settings
from app.main import create_app
from tests.engine_helpers import hold_the_engine

BACKENDS = ("sqlite",)  # annotation stores nothing
EXAMPLE = (Path(__file__).resolve().parents[2] / "examples" / "wikinews-2019-082.txt").read_text(encoding="utf-8")
# some seconds of parsing, and a run of quotation marks that once held the GIL for many more
LONG_TEXT = "\n\n".join([EXAMPLE] * 4) + "\n\n" + '"' * 6_000
# a read may take its turn with the parse for Python's lock, but never wait for a whole phase of it: the
# slowest read stays under a third of the annotation's time (and 2.5 s, on a machine shared with others)
SLOWEST_READ_SECONDS = 2.5


def _annotate_in_background(client: TestClient, headers: dict, text: str) -> tuple[threading.Thread, list]:
    answers: list = []
    thread = threading.Thread(target=lambda: answers.append(
        client.post("/v1/annotate", json={"text": text}, headers=headers)))
    thread.start()
    return thread, answers


@pytest.fixture(scope="module")
def one_worker_client(database_url, nlp, keys):
    """One annotation worker and no queue (the same database, so the keys work)."""
    settings = Settings(database_url=database_url, annotate_workers=1, annotate_queue=0)
    with TestClient(create_app(settings, nlp=nlp)) as test_client:
        yield test_client


def test_reads_answer_while_a_long_annotation_runs(client, headers):
    started = time.perf_counter()
    thread, answers = _annotate_in_background(client, headers["reader"], LONG_TEXT)
    time.sleep(0.3)  # the annotation has started
    reads = []
    while thread.is_alive():
        started = time.perf_counter()
        response = client.get("/v1/claims", headers=headers["reader"])
        reads.append((time.perf_counter() - started, thread.is_alive()))
        assert response.status_code == 200
    thread.join()
    annotation_seconds = time.perf_counter() - started
    assert answers[0].status_code == 200, answers[0].text
    during = [seconds for seconds, running in reads if running]
    assert len(during) >= 3, f"the annotation ended before the reads could overlap it: {reads}"
    limit = max(SLOWEST_READ_SECONDS, annotation_seconds / 3)
    assert max(during) < limit, f"a read waited {max(during):.2f} s of a {annotation_seconds:.1f} s annotation"


def test_a_full_queue_is_503_with_retry_after(one_worker_client, headers):
    thread, answers = _annotate_in_background(one_worker_client, headers["reader"], LONG_TEXT)
    time.sleep(0.3)
    assert thread.is_alive(), "the first annotation ended too soon to be waited for"
    response = one_worker_client.post("/v1/annotate", json={"text": "The mayor said it was over."},
                                      headers=headers["reader"])
    body = assert_problem(response, 503, "busy", "WHOSAID_ANNOTATE_WORKERS")
    assert body["type"] == "urn:whosaid:problem:engine-busy"
    assert int(response.headers["Retry-After"]) > 0
    # reads are not annotations: they answer meanwhile
    assert one_worker_client.get("/v1/articles", headers=headers["reader"]).status_code == 200
    thread.join()
    assert answers[0].status_code == 200
    # the worker is free again
    again = one_worker_client.post("/v1/annotate", json={"text": "The mayor said it was over."},
                                   headers=headers["reader"])
    assert again.status_code == 200, again.text


def test_a_text_over_the_time_allowed_is_422(database_url, nlp, keys, headers, monkeypatch):
    monkeypatch.setattr(get_settings(), "chunk_chars", 2_000)  # the engine checks the time between chunks
    settings = Settings(database_url=database_url, annotate_timeout=0.01)
    with TestClient(create_app(settings, nlp=nlp)) as client:
        response = client.post("/v1/annotate", json={"text": "\n\n".join([EXAMPLE] * 3)}, headers=headers["reader"])
        body = assert_problem(response, 422, "0.01 s", "WHOSAID_ANNOTATE_TIMEOUT", "shorter text")
        assert body["type"] == "urn:whosaid:problem:text-too-costly"
        # one chunk is always parsed: a short text is annotated
        short = client.post("/v1/annotate", json={"text": "The mayor said it was over."}, headers=headers["reader"])
        assert short.status_code == 200, short.text


def _articles(client, headers) -> int:
    return len(client.get("/v1/articles", headers=headers["reader"]).json()["items"])


def test_storing_an_article_takes_an_annotation_worker(one_worker_client, headers):
    """Regression (issue 8's gap): POST /v1/articles annotated on the thread pool every route shares, so
    enough posted articles took every thread, and it ignored WHOSAID_ANNOTATE_WORKERS and _QUEUE."""
    before = _articles(one_worker_client, headers)
    release, threads = hold_the_engine(one_worker_client.app)
    try:
        response = one_worker_client.post("/v1/articles", json={"text": "The port mayor said the ferry was late."},
                                          headers=headers["analyst"])
        body = assert_problem(response, 503, "busy", "WHOSAID_ANNOTATE_WORKERS")
        assert body["type"] == "urn:whosaid:problem:engine-busy" and int(response.headers["Retry-After"]) > 0
        assert _articles(one_worker_client, headers) == before
    finally:
        release.set()
        for thread in threads:
            thread.join()
    response = one_worker_client.post("/v1/articles", json={"text": "The port mayor said the ferry was late."},
                                      headers=headers["analyst"])
    assert response.status_code == 201, response.text
    assert _articles(one_worker_client, headers) == before + 1


def test_an_article_over_the_time_allowed_is_422_and_not_stored(database_url, nlp, keys, headers, monkeypatch):
    monkeypatch.setattr(get_settings(), "chunk_chars", 2_000)
    settings = Settings(database_url=database_url, annotate_timeout=0.01)
    with TestClient(create_app(settings, nlp=nlp)) as client:
        before = _articles(client, headers)
        response = client.post("/v1/articles", json={"text": "\n\n".join([EXAMPLE] * 3) + "\n\nOne more."},
                               headers=headers["analyst"])
        body = assert_problem(response, 422, "0.01 s", "WHOSAID_ANNOTATE_TIMEOUT", "shorter text")
        assert body["type"] == "urn:whosaid:problem:text-too-costly"
        assert _articles(client, headers) == before


def test_the_workers_start_again_after_the_app_stopped(database_url, nlp, keys, headers):
    """The app's lifespan closes the annotation workers; an app served again (a second TestClient, a
    restarted server in one process) annotates again rather than failing on a shut-down pool."""
    app = create_app(Settings(database_url=database_url), nlp=nlp)
    for _ in range(2):
        with TestClient(app) as client:
            response = client.post("/v1/annotate", json={"text": "The mayor said it was over."},
                                   headers=headers["reader"])
            assert response.status_code == 200, response.text
