"""The analyst review UI (server-rendered pages); `mount(app)` serves it from the API's app."""
from __future__ import annotations


def mount(app) -> None:
    """Serve the UI's pages under /ui and its static files under /ui/static."""
    from app.ui.routes import mount as _mount

    _mount(app)
