"""The readable summary prints article text as written, square brackets included."""

from __future__ import annotations

import io

from rich.console import Console

from dateline.cli.summary import print_summary
from dateline.model import Analysis, Article, Entity, Notice, Quote


def test_summary_keeps_brackets_and_shows_every_section() -> None:
    text = "He thanked them for “defending the integrity of [his] country”, [bold]the minister[/] said."
    article = Article(
        id="x",
        source="memo.txt",
        headline="Minister [updated] thanks troops",
        authors=["Jane Doe"],
        published="2024-01-02T10:00:00+00:00",
        language="en",
        paragraphs=[text],
        text=text,
    )
    analysis = Analysis(
        article=article,
        entities=[Entity(id="E1", name="Jane [Minister] Roe", type="PERSON")],
        quotes=[
            Quote(
                id="Q1",
                text="defending the integrity of [his] country",
                kind="partial",
                speaker="E1",
                start=26,
                end=66,
            )
        ],
        notices=[Notice(stage="nlp", message="a [note]")],
    )
    out = io.StringIO()
    print_summary(analysis, Console(file=out, width=200, color_system=None))
    printed = out.getvalue()
    assert "Minister [updated] thanks troops" in printed
    assert "defending the integrity of [his] country" in printed
    assert "Jane [Minister] Roe" in printed
    assert "a [note]" in printed
    assert "2024-01-02T10:00:00+00:00" in printed and "Jane Doe" in printed
