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


def _with_events(*confidences: float) -> Analysis:
    from dateline.model import ArticleTone, Event, TextTone, Tone

    text = "The envoy met the minister in Geneva. Later the envoy thanked the hosts."
    article = Article(id="y", source="note.txt", language="en", paragraphs=[text], text=text)
    events = [
        Event(
            id=f"V{i}",
            type="CONSULT",
            trigger="met",
            sentence=text,
            start=10,
            end=13,
            confidence=value,
        )
        for i, value in enumerate(confidences, 1)
    ]
    figures = ArticleTone(
        tone=0.0, positive=0.0, negative=0.0, polarity=0.0, activity_density=0.0,
        self_group_density=0.0, word_count=13,
    )  # fmt: skip
    tone = Tone(article=figures, events=[TextTone(id=ev.id, tone=0.0) for ev in events])
    return Analysis(article=article, events=events, tone=tone)


def test_unsure_events_are_left_out_of_what_is_printed_and_counted() -> None:
    from dateline.events import confident_part

    analysis = _with_events(0.9, 0.2, 0.7)
    shown, hidden = confident_part(analysis, 0.65)
    assert [ev.id for ev in shown.events] == ["V1", "V3"] and hidden == 1
    assert [t.id for t in shown.tone.events] == ["V1", "V3"]  # type: ignore[union-attr]
    assert confident_part(analysis, 0.0) == (analysis, 0)
    out = io.StringIO()
    print_summary(
        shown, Console(file=out, width=200, color_system=None), hidden_events=1, min_confidence=0.65
    )
    printed = out.getvalue()
    assert "0.90" in printed and "0.70" in printed and "0.20" not in printed
    assert "1 more event below confidence 0.65" in printed


def test_event_dates_and_statuses_print_whole_on_an_80_column_screen() -> None:
    """Eight event columns on 80 columns: the day and the status are never cut ("2017-11…");
    the names wrap at spaces instead."""
    from dateline.model import Event

    text = (
        "Finance minister Adeyemi Okonkwo-Balogun met central bank governor Ifeoma Chukwuemeka "
        "in Abuja on Monday to discuss the naira."
    )
    article = Article(id="z", source="wire.txt", language="en", paragraphs=[text], text=text)
    people = [
        Entity(id="E1", name="Adeyemi Okonkwo-Balogun", type="PERSON"),
        Entity(id="E2", name="Ifeoma Chukwuemeka", type="PERSON"),
    ]
    start = text.index("met")
    event = Event(
        id="V1", type="CONSULT", trigger="met", sentence=text, start=start, end=start + 3,
        actor=["E1"], recipient=["E2"], date="2026-11-30", status="hypothetical", confidence=0.91,
    )  # fmt: skip
    out = io.StringIO()
    analysis = Analysis(article=article, entities=people, events=[event])
    print_summary(analysis, Console(file=out, width=80, color_system=None))
    printed = out.getvalue()
    assert "2026-11-30" in printed and "hypothetical" in printed and "0.91" in printed
    assert "CONSULT" in printed and "Chukwuemeka" in printed
