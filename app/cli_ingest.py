"""`whosaid ingest PATH... | -`: a corpus into the store, with a progress bar and a per-item error report."""
from __future__ import annotations

import json
import sys
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import IO, Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

from app.cli_help import Command, Group

cli = typer.Typer(cls=Group, add_completion=False)
err = Console(stderr=True)

INGEST_HELP = (
    "Store a corpus: folders of .txt/.html, JSON Lines (.jsonl: text or html, publisher, url, title, published), "
    "WARC files (their HTML responses), files of URLs (.urls, or any file with --urls), or - (JSON Lines on "
    "standard input).\n\n"
    "Articles stored before are skipped, so a run can be repeated after an interruption. Items that fail are "
    "written to the error report (JSON Lines: item, file, line, reason) and the run goes on; the exit code is 1 "
    "when any item failed."
)


@cli.command("ingest", help=INGEST_HELP, cls=Command)
def ingest(
    paths: Annotated[list[str], typer.Argument(metavar="PATH...", help="Files, folders, or - for standard input.")],
    workers: Annotated[int, typer.Option(min=1, max=64, metavar="N", help="Processes that annotate.")] = 1,
    batch_size: Annotated[int, typer.Option(min=1, max=1000, metavar="N",
                                            help="Articles per batch (one transaction each).")] = 32,
    errors: Annotated[Path, typer.Option(metavar="FILE", help="Where failed items are reported (JSON Lines).")] = Path(
        "ingest-errors.jsonl"),
    urls: Annotated[bool, typer.Option("--urls", help="Read every input as a file of URLs, one a line.")] = False,
    per_host: Annotated[int, typer.Option(min=1, max=16, metavar="N", help="URLs fetched at a time from one host.")] = 2,
    delay: Annotated[float, typer.Option(min=0, max=60, metavar="SECONDS",
                                         help="Pause between two requests to one host.")] = 1.0,
    queue: Annotated[bool, typer.Option("--queue", help="Enqueue the items as a job for `whosaid worker`s and "
                                        "print its id, instead of ingesting here.")] = False,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="Show a progress bar.")] = True,
    cluster: Annotated[Optional[bool], typer.Option("--cluster/--no-cluster", help="Put the claims into stories as they are "
                                          "stored (default: WHOSAID_STORIES, on).")] = None,
) -> None:
    from app.ingest.sources import UnknownInput, read_items

    for path in paths:
        if path != "-" and not Path(path).exists():
            raise typer.BadParameter(f"{path} does not exist", param_hint="PATH")
    _prepare_database()
    items = read_items(paths, urls=urls)
    if queue:
        if cluster is not None:
            raise typer.BadParameter("queue workers cluster as their own WHOSAID_STORIES says",
                                     param_hint="--cluster/--no-cluster")
        _enqueue(items)
        return
    from app.core.config import get_settings
    from app.fetch import fetch_page
    from app.ingest.corpus import ingest_corpus
    from app.ingest.fetching import fetch_items

    settings = get_settings()
    fetch = partial(fetch_page, timeout=settings.fetch_timeout, max_bytes=settings.fetch_max_bytes,
                    allow_private=settings.fetch_private_addresses)
    items = fetch_items(items, per_host=per_host, delay=delay, fetch=fetch)
    with ExitStack() as stack:
        bar = stack.enter_context(Progress(
            TextColumn("[bold]ingesting"), BarColumn(), MofNCompleteColumn(), TextColumn("articles"),
            TextColumn("{task.fields[rate]:.1f}/s"), TextColumn("[red]{task.fields[errors]} errors"),
            TaskProgressColumn(), TimeRemainingColumn(), console=err, disable=not progress, transient=False))
        task = bar.add_task("ingest", total=None, rate=0.0, errors=0)
        report = _ErrorReport(errors)
        stack.callback(report.close)

        def on_outcome(outcome) -> None:
            if outcome.status == "failed":
                report.write(outcome)
            bar.advance(task)
            elapsed = bar.tasks[0].elapsed or 0
            bar.update(task, rate=bar.tasks[0].completed / elapsed if elapsed else 0.0, errors=report.count)

        try:
            summary = ingest_corpus(items, workers=workers, batch_size=batch_size, on_outcome=on_outcome,
                                    cluster=cluster)
        except UnknownInput as exc:
            raise typer.BadParameter(str(exc), param_hint="PATH") from None
    counts = summary.counts
    before = counts["known"] + counts["duplicate"]
    if counts["stored"]:
        err.print(f"stored {counts['stored']:,} new articles; {before:,} were stored before; "
                  f"{counts['failed']:,} failed")
    else:
        err.print(f"nothing new stored: {before:,} articles were stored before; {counts['failed']:,} failed")
    if report.count:
        err.print(f"[red]{report.count:,} items failed[/red]: see {escape(str(errors))}")
        raise typer.Exit(1)


class _ErrorReport:
    """The failed items as JSON Lines: {"item", "file", "line", "reason"}; the file is made at the first one."""

    def __init__(self, path: Path) -> None:
        self.path, self.count = path, 0
        self._stream: IO[str] | None = None

    def write(self, outcome) -> None:
        from app.ingest.sources import Item

        if self._stream is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._stream = self.path.open("w", encoding="utf-8")
        where = Item(outcome.where)
        self._stream.write(json.dumps({"item": outcome.where, "file": where.file, "line": where.line,
                                       "reason": outcome.reason}, ensure_ascii=False) + "\n")
        self._stream.flush()
        self.count += 1

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()


def _prepare_database() -> None:
    """The embedded SQLite database is created and migrated on first use; PostgreSQL must be migrated."""
    from app.core.db import get_engine
    from app.store import migrate
    from app.store.errors import DatabaseNotMigrated

    engine = get_engine()
    try:
        if engine.dialect.name == "sqlite" and migrate.current_revision(engine) != migrate.head_revision():
            migrate.upgrade(engine)
        migrate.check_migrated(engine)
    except DatabaseNotMigrated as exc:
        err.print(f"[red]error[/red] {escape(str(exc))}")
        raise typer.Exit(2) from None


def _enqueue(items) -> None:
    from app.jobs.service import NoBroker, submit_job

    try:
        job = submit_job(items, label="whosaid ingest --queue", require_broker=True)
    except NoBroker as exc:
        err.print(f"[red]error[/red] {escape(str(exc))}")
        raise typer.Exit(2) from None
    sys.stdout.write(f"{job.id}\n")
    err.print(f"job {job.id}: {job.total:,} items queued for the workers; its progress: GET /v1/jobs/{job.id}")


stories = typer.Typer(cls=Group, no_args_is_help=True, help="Stories: cluster the claims stored without them.")
cli.add_typer(stories, name="stories")


@stories.command("cluster", cls=Command)
def cluster_stories(
    batch_size: Annotated[int, typer.Option(min=1, max=1000, metavar="N",
                                            help="Articles per transaction.")] = 32,
) -> None:
    """Put every stored claim that is in no story yet into stories: after `whosaid ingest --no-cluster`, the
    stories clustering at ingest would have made."""
    from app.core.db import get_engine, make_sessionmaker
    from app.stories.cluster import cluster_pending

    _prepare_database()
    with Progress(TextColumn("[bold]clustering"), TextColumn("{task.completed:,} claims"), console=err) as bar:
        task = bar.add_task("cluster", total=None)
        total = cluster_pending(make_sessionmaker(get_engine()), batch=batch_size,
                                on_batch=lambda n: bar.update(task, completed=n))
    err.print(f"{total:,} claims put into stories" if total else "every stored claim is in a story already")


WORKER_HELP = (
    "Take ingest tasks from the broker (WHOSAID_BROKER_URL) and store their articles in DATABASE_URL.\n\n"
    "Each process loads the spaCy pipeline once and takes one task at a time; a task is acknowledged only "
    "after its articles are committed, so a worker that dies loses nothing (the task is run again elsewhere)."
)


@cli.command("worker", help=WORKER_HELP, cls=Command)
def worker(
    concurrency: Annotated[int, typer.Option(min=1, max=64, metavar="N",
                                             help="Pool processes that run tasks (each loads the pipeline).")] = 1,
    queue: Annotated[Optional[str], typer.Option(metavar="NAME", help="Queue to take tasks from "
                                                 "(default: WHOSAID_JOB_QUEUE, whosaid).")] = None,
    loglevel: Annotated[str, typer.Option(metavar="LEVEL", help="Celery's log level.")] = "INFO",
) -> None:
    import os
    import socket

    from app.core.config import get_settings
    from app.jobs.celery_app import celery_app

    settings = get_settings()
    if not settings.broker_url:
        err.print("[red]error[/red] no broker is configured: set WHOSAID_BROKER_URL, e.g. "
                  "amqp://guest:guest@127.0.0.1:5672// (RabbitMQ)")
        raise typer.Exit(2)
    _prepare_database()
    app = celery_app(settings.broker_url, settings.job_queue)
    # Always the prefork pool, even for one process: this process only talks to the broker and the pool
    # processes run the tasks (each loads the pipeline once, app.jobs.celery_app._load_pipeline). With the
    # solo pool a task runs inside the consumer's event loop, and on RabbitMQ the next message, delivered
    # while the task ran, sat unread for 10 s after it more often than not (two solo workers: 5 of 8 jobs
    # stalled, measured 2026-12-05); a dead pool process is replaced and its task given back to the broker.
    app.worker_main(["worker", f"--queues={queue or settings.job_queue}", f"--concurrency={concurrency}",
                     "--pool=prefork", f"--loglevel={loglevel}",
                     f"--hostname=whosaid-{os.getpid()}@{socket.gethostname()}",
                     "--without-gossip", "--without-mingle", "--without-heartbeat"])
