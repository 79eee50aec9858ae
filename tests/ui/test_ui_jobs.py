"""The inbox shows the jobs the workers are running, with their progress and failures; finished ones go."""
from __future__ import annotations

from app.jobs import records
from app.store.models import Job


def test_the_inbox_shows_running_jobs(ui, sessionmaker):
    with sessionmaker() as session:
        running = records.create_job(session, runner="celery", label="overnight crawl")
        records.set_total(session, running.id, 10)
        records.record_item(session, running.id, 0, "a.jsonl:1", "stored")
        records.record_item(session, running.id, 1, "a.jsonl:2", "failed", reason="no text")
        done = records.create_job(session, runner="local", label="finished upload")
        records.set_total(session, done.id, 1)
        records.record_item(session, done.id, 0, "upload:1", "stored")
        session.commit()
        ids = running.id, done.id
    try:
        page = ui("reader").get("/ui/").text
        assert "Running jobs" in page and "overnight crawl" in page and ids[0][:8] in page
        assert "2/10" in page and "1 stored" in page and "1 failed" in page
        assert "finished upload" not in page
    finally:
        with sessionmaker() as session:
            for job_id in ids:
                session.delete(session.get(Job, job_id))
            session.commit()
    assert "Running jobs" not in ui("reader").get("/ui/").text
