"""`whosaid db ...` (migrations) and `whosaid keys ...` (API keys): the store's commands.

app/cli.py adds them with `app.add_typer(cli_db.cli)`; they use the database of DATABASE_URL
(or WHOSAID_DATABASE_URL; default SQLite var/whosaid.db under the working directory).
"""
from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape

from app.cli_help import Command, Group

cli = typer.Typer(cls=Group, add_completion=False)
db = typer.Typer(cls=Group, no_args_is_help=True, help="The database: apply migrations, show the revision.")
keys = typer.Typer(cls=Group, no_args_is_help=True, help="API keys: create one for a user (made if new), revoke one.")
cli.add_typer(db, name="db")
cli.add_typer(keys, name="keys")
err = Console(stderr=True)


def _engine():
    from app.core.db import make_engine

    return make_engine()


def _where(engine) -> str:
    return escape(engine.url.render_as_string(hide_password=True))


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error[/red] {escape(message)}", soft_wrap=True)
    return typer.Exit(code)


@db.command("upgrade", cls=Command)
def db_upgrade(revision: Annotated[str, typer.Argument(metavar="REVISION", help="Target revision.")] = "head") -> None:
    """Apply the migrations (to the newest by default)."""
    from sqlalchemy.exc import SQLAlchemyError

    from app.store import migrate

    engine = _engine()
    try:
        before = migrate.current_revision(engine)
        migrate.upgrade(engine, revision)
        after = migrate.current_revision(engine)
    except SQLAlchemyError as exc:
        raise _fail(f"cannot migrate {engine.url.render_as_string(hide_password=True)}: {exc}") from exc
    finally:
        engine.dispose()
    if before == after:
        typer.echo(f"{_where(engine)} is at revision {after} already")
    else:
        typer.echo(f"{_where(engine)}: {before or 'empty'} -> {after}")


@db.command("current", cls=Command)
def db_current() -> None:
    """Show the revision the database is at, and whether it is the newest."""
    from sqlalchemy.exc import SQLAlchemyError

    from app.store import migrate

    engine = _engine()
    try:
        current = migrate.current_revision(engine)
    except SQLAlchemyError as exc:
        raise _fail(f"cannot read {engine.url.render_as_string(hide_password=True)}: {exc}") from exc
    finally:
        engine.dispose()
    head = migrate.head_revision()
    state = "(head)" if current == head else f"(behind {head}: run `whosaid db upgrade`)"
    typer.echo(f"{_where(engine)}: {current or 'empty, not migrated'} {state}")


@keys.command("create", cls=Command)
def keys_create(
    name: Annotated[str, typer.Option(metavar="NAME", help="The user's name; the user is created when new.")],
    role: Annotated[str, typer.Option(metavar="ROLE", help="reader | analyst | admin (for a new user).")] = "reader",
    label: Annotated[Optional[str], typer.Option(metavar="TEXT", help="What the key is for.")] = None,
) -> None:
    """Create an API key and print it: it is shown this once, the database keeps only its hash."""
    from app.core.db import make_sessionmaker
    from app.store import migrate, repository
    from app.store.errors import StoreError

    engine = _engine()
    try:
        migrate.check_migrated(engine)
        with make_sessionmaker(engine)() as session:
            user = repository.get_user_by_name(name, session=session)
            if user is None:
                user = repository.create_user(session=session, name=name, role=role)
            elif user.role != role:
                err.print(f"note: user {escape(user.name)} exists with role {user.role}; --role is ignored")
            key, plain = repository.create_api_key(session=session, user_id=user.id, label=label)
            session.commit()
            err.print(f"key {key.id} ({key.prefix}) for {escape(user.name)} ({user.role}); store it now, "
                      "it cannot be shown again:")
    except StoreError as exc:
        raise _fail(str(exc), 2) from exc
    finally:
        engine.dispose()
    typer.echo(plain)


@keys.command("revoke", cls=Command)
def keys_revoke(key_id: Annotated[int, typer.Argument(metavar="ID", help="The key's id (printed by `keys create`).")]) -> None:
    """Revoke an API key."""
    from app.core.db import make_sessionmaker
    from app.store import migrate, repository
    from app.store.errors import StoreError

    engine = _engine()
    try:
        migrate.check_migrated(engine)
        with make_sessionmaker(engine)() as session:
            row = repository.revoke_api_key(key_id, session=session)
            session.commit()
            typer.echo(f"key {row.id} ({row.prefix}) revoked at {row.revoked_at:%Y-%m-%d %H:%M:%S}")
    except StoreError as exc:
        raise _fail(str(exc), 2) from exc
    finally:
        engine.dispose()
