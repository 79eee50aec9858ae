"""Help pages of the `whosaid` commands that read as a person writes them.

Typer (0.2x) writes a required argument as `{paths}...` in the usage line and a type after every
parameter, `--help <bool>` and `--json <bool>` for flags that take no value. `Command` writes the usage
line as `whosaid annotate [OPTIONS] PATH...` (an argument's metavar, or its name in capitals; `[...]`
when it is optional), shows no type for flags, and lets a metavar stand for an argument's type. Options
that take a value name it with their metavar (`--publisher NAME`). Every command says `cls=Command`,
every `typer.Typer` `cls=Group`.

Parameters are told apart by click's `param_type_name`, not by class: recent typer brings its own copy
of click, whose classes are not `click.Argument` and `click.Option`.
"""
from __future__ import annotations

from typing import Any

from typer.core import TyperCommand, TyperGroup


def _plain(params: list[Any]) -> list[Any]:
    for param in params:
        if param.param_type_name == "option" and getattr(param, "is_flag", False):
            param.metavar = ""  # a flag takes no value
        elif param.param_type_name == "argument" and param.metavar and hasattr(param, "display_type_rich"):
            param.display_type_rich = _no_type  # the metavar names it already
    return params


class Group(TyperGroup):
    def get_params(self, ctx: Any) -> list[Any]:
        return _plain(super().get_params(ctx))


class Command(TyperCommand):
    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = param.metavar or (param.name or "").upper()
                if param.nargs != 1 and not name.endswith("..."):
                    name += "..."
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def get_params(self, ctx: Any) -> list[Any]:
        return _plain(super().get_params(ctx))


def _no_type(ctx: Any) -> None:
    return None
