"""`whosaid serve`: the REST API under uvicorn, ready to use on a fresh machine.

Before it starts the server it prepares the database of DATABASE_URL:
- SQLite (the embedded default, var/whosaid.db under the working directory): created and migrated;
  PostgreSQL must have been migrated with `whosaid db upgrade` (serve says so and stops otherwise);
- with --example (the default) and no article stored yet, the example articles (examples/*.txt, publisher
  Wikinews) are ingested;
- when no admin holds an API key, a user `local-admin` gets one. The key is written to var/admin.key
  (mode 0600, only the owner can read it) and printed with the URL at every start while it still works;
  delete the file and revoke the key (`whosaid keys revoke ID`) to retire it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from app.cli_help import Command, Group
from app.core.config import PROJECT_ROOT, Settings, get_settings

cli = typer.Typer(cls=Group, add_completion=False)
err = Console(stderr=True)
EXAMPLES_DIR = PROJECT_ROOT / "examples"
EXAMPLE_PUBLISHER = "Wikinews"
LOCAL_ADMIN = "local-admin"


def key_file() -> Path:
    """Where the local admin key is kept: var/admin.key under the working directory."""
    return Path.cwd() / "var" / "admin.key"


@dataclass
class Prepared:
    migrated: bool                 # migrations were applied now
    examples: list[str]            # example files ingested now
    admin_key: str | None          # the local admin key, when it is known (new, or read from the key file)
    key_created: bool


SERVE_HELP = (
    "Serve the review UI (at /ui/) and the REST API (docs at /docs); prepares a local database, example and "
    "admin key on first use.\n\n"
    "The embedded SQLite database is created and migrated; the example article is loaded into an empty one; "
    "when no admin has an API key, one is made and kept in var/admin.key (readable by its owner only), so that "
    "every start can print it again."
)


@cli.command("serve", help=SERVE_HELP, cls=Command)
def serve(
    host: Annotated[str, typer.Option(metavar="ADDRESS", help="Address to bind; 0.0.0.0 exposes the API to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(metavar="PORT", help="Port to listen on.")] = 8000,
    example: Annotated[bool, typer.Option("--example/--no-example",
                                          help="Load the example article into an empty database.")] = True,
    workers: Annotated[int, typer.Option(min=1, max=64, metavar="N",
                                         help="Server processes sharing the port (each loads the pipeline).")] = 1,
) -> None:
    """Serve the review UI (at /ui/) and the REST API (docs at /docs); prepares a local database, example and
    admin key on first use."""
    import uvicorn
    from sqlalchemy.exc import SQLAlchemyError

    from app.main import create_app
    from app.store.errors import StoreError

    settings = get_settings()
    try:
        prepared = prepare(settings, example=example)
        api = create_app(settings)
    except (StoreError, SQLAlchemyError) as exc:
        err.print(f"[red]error[/red] {escape(str(exc).splitlines()[0])}", soft_wrap=True)
        raise typer.Exit(2) from exc
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}"
    say = partial(err.print, soft_wrap=True)  # a key or URL is never broken across lines
    say(f"whosaid review UI at [bold]{url}/ui/[/bold] (REST API docs at {url}/docs)")
    if prepared.migrated:
        say("created the database and applied the migrations")
    for name in prepared.examples:
        say(f"loaded the example article {escape(name)}")
    if prepared.admin_key:
        made = "new " if prepared.key_created else ""
        say(f"{made}admin key (kept in {escape(str(key_file()))}): [bold]{prepared.admin_key}[/bold]")
        say(f"  try: curl -H 'Authorization: Bearer {prepared.admin_key}' {url}/v1/claims")
    else:
        say("admin keys exist; create another with `whosaid keys create --name NAME --role admin`")
    if host not in ("127.0.0.1", "localhost", "::1"):
        say(f"[yellow]note[/yellow] bound to {escape(host)}: the API is reachable from the network")
    if workers == 1:
        uvicorn.run(api, host=host, port=port, log_level="info")
        return
    from app.serving import serve_processes

    # each process builds its own app from the environment: the settings prepared and checked above
    say(f"{workers} server processes, connections spread over them; each loads the pipeline "
        "(0.3-0.4 GB resident each)")
    raise typer.Exit(serve_processes(workers, host, port))


def prepare(settings: Settings, *, example: bool = True) -> Prepared:
    """Migrate an embedded SQLite database, load the example articles into an empty one, and make sure
    there is an admin key (see the module docstring)."""
    from app.core.db import make_engine, make_sessionmaker
    from app.store import migrate

    engine = make_engine(settings.database_url)
    try:
        migrated = False
        if engine.dialect.name == "sqlite":
            if migrate.current_revision(engine) != migrate.head_revision():
                migrate.upgrade(engine)
                migrated = True
        else:
            migrate.check_migrated(engine)
        factory = make_sessionmaker(engine)
        examples = _load_examples(factory) if example else []
        key, created = _admin_key(factory)
    finally:
        engine.dispose()
    return Prepared(migrated=migrated, examples=examples, admin_key=key, key_created=created)


def _load_examples(factory) -> list[str]:
    from app.api import queries
    from app.nlp.pipeline import get_nlp
    from app.services.ingest import ingest_article

    with factory() as session:
        if queries.article_count(session=session):
            return []
    files = sorted(EXAMPLES_DIR.glob("*.txt"))
    if not files:
        return []
    nlp = get_nlp()
    loaded = []
    for path in files:
        with factory() as session:
            ingest_article(session, path.read_text(encoding="utf-8"), publisher=EXAMPLE_PUBLISHER, nlp=nlp)
        loaded.append(path.name)
    return loaded


def _admin_key(factory) -> tuple[str | None, bool]:
    """The key of the key file when it still works; else a new one when no admin has a key; else None."""
    from app.api import queries
    from app.store import repository
    from app.store.errors import Conflict

    path = key_file()
    with factory() as session:
        if path.is_file():
            saved = path.read_text(encoding="utf-8").strip()
            user = repository.authenticate(saved, session=session)
            if user is not None and user.role == "admin":
                return saved, False
        if queries.has_admin_key(session=session):
            return None, False
        user = repository.get_user_by_name(LOCAL_ADMIN, session=session)
        if user is None:
            user = repository.create_user(session=session, name=LOCAL_ADMIN, role="admin")
        elif user.role != "admin":
            raise Conflict(f"user {LOCAL_ADMIN} exists with the {user.role} role; create an admin key with "
                           "`whosaid keys create --name NAME --role admin`")
        _, plain = repository.create_api_key(session=session, user_id=user.id, label="whosaid serve")
        _write_private(path, plain + "\n")
        session.commit()
    return plain, True


def _write_private(path: Path, content: str) -> None:
    """Write a file only its owner can read (0600 from its creation: no moment of wider access)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)  # the umask cannot have widened it, but an old tmp file may have other bits
        os.write(fd, content.encode())
    finally:
        os.close(fd)
    os.replace(tmp, path)
