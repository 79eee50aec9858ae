"""`whosaid eval --stories DIR`: the figures of app.stories.evaluate, as a table or JSON."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from app.stories.evaluate import StoriesFolderError, evaluate_story_folder


def evaluate_stories(folder: Path, *, as_json: bool, nlp) -> None:
    try:
        score = evaluate_story_folder(folder, nlp=nlp)
    except StoriesFolderError as exc:
        raise typer.BadParameter(str(exc), param_hint="--stories") from exc
    if as_json:
        sys.stdout.write(json.dumps(score.to_dict(), ensure_ascii=False) + "\n")
        return
    table = Table(title=f"stories: {score.name}")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for figure, value in (("articles", score.articles), ("gold claims", score.gold_claims),
                          ("matched claims", score.matched), ("gold clusters", score.gold_clusters),
                          ("predicted stories (over matched claims)", score.predicted_stories),
                          ("B-cubed precision", f"{score.precision:.3f}"), ("B-cubed recall", f"{score.recall:.3f}"),
                          ("B-cubed F1", f"{score.f1:.3f}"),
                          ("origin right (multi-article clusters)",
                           f"{score.origin_right}/{score.multi_article_clusters} = {score.origin_accuracy:.3f}")):
        table.add_row(figure, str(value))
    console = Console()
    console.print(table)
    for miss in score.origin_misses:
        console.print(f"origin of {miss['cluster']}: gold {miss['gold']!r}, predicted {miss['predicted']!r}")
    for split in score.split_clusters:
        console.print(f"{split['cluster']} split over {len(split['stories'])} stories: "
                      + " + ".join(map(str, split["stories"])) + " claims")
    for mixed in score.mixed_stories:
        console.print("one story mixes " + ", ".join(f"{g} ({n})" for g, n in mixed["clusters"].items()))
