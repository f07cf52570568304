"""Criticism carried by the content of a statement (dateline.events.speech): the speaker from
the quotes section, the target an entity the words name and judge. Invented sentences."""

from __future__ import annotations

from dateline.events.confidence import Evidence
from dateline.events.stage import find_events
from dateline.model import Analysis, Event
from dateline.stage import Parsed
from test_events import build

PARTIES = {
    "E1": ("PERSON", ["Senator Ann Berg", "Berg"]),
    "E2": ("PERSON", ["Governor Tom Hale", "Hale"]),
    "E3": ("GROUP", ["farmers"]),
}


def _quoted(nlp, body: str, quoted: str, speaker: str = "E1") -> Analysis:  # type: ignore[no-untyped-def]
    start = body.index(quoted)
    return build(
        nlp, body, PARTIES, quotes=[(start, start + len(quoted), speaker)], keep_unattributed=True
    )


def _speech_events(analysis: Analysis) -> list[Event]:
    return [e for e in analysis.events if e.type == "ACCUSE" and e.actor == ["E1"]]


def test_a_quoted_judgement_of_a_named_party_is_the_speakers_criticism(nlp) -> None:  # type: ignore[no-untyped-def]
    quoted = "“Governor Tom Hale has been lying to the farmers of this valley for years.”"
    body = f"Senator Ann Berg spoke to reporters on Monday. {quoted}"
    accusations = _speech_events(_quoted(nlp, body, quoted))
    assert len(accusations) == 1
    assert accusations[0].recipient == ["E2"] and accusations[0].trigger == "lying"


def test_what_a_party_owns_carries_the_judgement_of_the_party(nlp) -> None:  # type: ignore[no-untyped-def]
    quoted = "“Hale's reckless budget is a disaster for the schools.”"
    body = f"Senator Ann Berg addressed the assembly. {quoted}"
    accusations = _speech_events(_quoted(nlp, body, quoted))
    assert [e.recipient for e in accusations] == [["E2"]]


def test_the_telling_has_its_own_trigger_kind(nlp) -> None:  # type: ignore[no-untyped-def]
    quoted = "“Governor Tom Hale has been lying to the farmers of this valley for years.”"
    body = f"Senator Ann Berg spoke to reporters on Monday. {quoted}"
    analysis = _quoted(nlp, body, quoted)
    tellings: list[tuple[Event, Evidence]] = []
    find_events(analysis, Parsed(nlp(body), nlp), tellings=tellings)
    kinds = {evidence.trigger_kind for event, evidence in tellings if event.type == "ACCUSE"}
    assert kinds == {"speech"}


def test_a_reported_act_or_a_neutral_statement_judges_no_one(nlp) -> None:  # type: ignore[no-untyped-def]
    # The act is coded as itself; the words that report it accuse no one of it.
    quoted = "“Governor Tom Hale attacked the farmers with tear gas.”"
    act = _quoted(nlp, f"Senator Ann Berg spoke on Monday. {quoted}", quoted)
    assert not _speech_events(act)
    quoted = "“Governor Tom Hale will visit the valley next week.”"
    neutral = _quoted(nlp, f"Senator Ann Berg spoke on Monday. {quoted}", quoted)
    assert not _speech_events(neutral)


def test_a_question_judges_no_one(nlp) -> None:  # type: ignore[no-untyped-def]
    quoted = "“Has Governor Tom Hale been lying to the farmers of this valley?”"
    analysis = _quoted(nlp, f"Senator Ann Berg spoke on Monday. {quoted}", quoted)
    assert not _speech_events(analysis)


def test_the_speaker_and_unnamed_descriptions_are_not_targets(nlp) -> None:  # type: ignore[no-untyped-def]
    # "the farmers" is a description, not a named party; the speaker never criticises herself.
    quoted = "“The farmers have been cheated, and Senator Ann Berg is a disgrace to them.”"
    analysis = _quoted(nlp, f"Reporters asked about the dispute. {quoted}", quoted)
    assert not _speech_events(analysis)
    assert not [e for e in analysis.events if e.recipient == ["E3"] and e.type == "ACCUSE"]


def test_praise_in_a_statement_is_not_coded_from_its_content(nlp) -> None:  # type: ignore[no-untyped-def]
    quoted = "“Governor Tom Hale has been a wonderful friend to this valley.”"
    analysis = _quoted(nlp, f"Senator Ann Berg spoke on Monday. {quoted}", quoted)
    assert not [e for e in analysis.events if e.type in {"ACCUSE", "SUPPORT"}]
