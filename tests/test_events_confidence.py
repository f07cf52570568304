"""Event confidence: the evidence read from invented news sentences, and the score."""

from __future__ import annotations

from dateline.events.confidence import Evidence, article_domain, confidence
from test_events import build


def _evidence(**changes: object) -> Evidence:
    base: dict[str, object] = {
        "trigger_kind": "verb",
        "word_class": None,
        "actor": "named",
        "recipient": True,
        "political_party": True,
        "domain": "politics",
    }
    base.update(changes)
    return Evidence(**base)  # type: ignore[arg-type]


def test_score_orders_the_evidence() -> None:
    strong = confidence(_evidence())
    assert 0.8 <= strong <= 1.0
    assert confidence(_evidence(actor=None)) == 0.0
    assert confidence(_evidence(recipient=False)) < strong
    assert confidence(_evidence(trigger_kind="dictionary_verb")) < strong
    assert confidence(_evidence(word_class="opinion")) < 0.2
    assert confidence(_evidence(credit=True)) < 0.1
    assert confidence(_evidence(word_class="figurative", domain="sport")) < 0.1
    # A force verb between political parties on a political page stays credible.
    assert confidence(_evidence(word_class="figurative")) == strong


def test_giving_words_office_and_embedded_acts_score_low(nlp) -> None:
    events = build(
        nlp,
        "Senator Ann Cole sent an email to Governor Tom Reed. "
        "Cole has served on the Armed Services Committee since 2015. "
        "The ministry accused Russia of attempting to interfere in the election.",
        {
            "E1": ("PERSON", ["Ann Cole", "Cole"]),
            "E2": ("PERSON", ["Tom Reed"]),
            "E3": ("ORG", ["Armed Services Committee"]),
            "E4": ("ORG", ["ministry"]),
            "E5": ("LOCATION", ["Russia"]),
        },
        keep_unattributed=True,
        confidence="rules",
    ).events
    by_trigger = {e.trigger: e for e in events}
    # The rules find all four; only the accusation is credible.
    assert by_trigger["sent"].confidence < 0.5
    assert by_trigger["served"].confidence < 0.5
    assert by_trigger["accused"].confidence >= 0.6
    assert by_trigger["interfere"].confidence < by_trigger["accused"].confidence * 0.7


def test_article_domain_from_vocabulary(nlp) -> None:
    sport = nlp(
        "The striker scored twice as the home team beat their rivals 3-1 in the league match. "
        "The coach praised the squad after the game, and fans filled the stadium for the "
        "season's last fixture before the playoff."
    )
    assert article_domain(sport) == "sport"
    politics = nlp(
        "The president met the prime minister to discuss sanctions and the border dispute. "
        "Government officials said the opposition party would join the talks next week."
    )
    assert article_domain(politics) == "politics"
    assert article_domain(nlp("")) == "politics"  # no word: the default


def test_opinion_question_and_credit_lines_score_low(nlp) -> None:
    events = build(
        nlp,
        "Senator Maria Alvarez accused Governor Tom Reed of hiding the audit. "
        "Do you think Reed should meet Alvarez? "
        "Juan Perez contributed reporting from Denver.",
        {
            "E1": ("PERSON", ["Maria Alvarez", "Alvarez"]),
            "E2": ("PERSON", ["Tom Reed", "Reed"]),
            "E3": ("PERSON", ["Juan Perez"]),
            "E4": ("LOCATION", ["Denver"]),
        },
        confidence="rules",
    ).events
    by_trigger = {e.trigger: e for e in events}
    assert by_trigger["accused"].confidence >= 0.8
    assert by_trigger["accused"].actor == ["E1"] and by_trigger["accused"].recipient == ["E2"]
    # The rules still find the question's "meet" and the credit line's "contributed"; their
    # confidence keeps them out of exports and queries.
    assert by_trigger["meet"].confidence < 0.2
    assert by_trigger["contributed"].confidence < 0.1


def test_declined_to_comment_is_no_refusal_event(nlp) -> None:
    events = build(
        nlp,
        "The Interior Ministry declined to comment on the report.",
        {"E1": ("ORG", ["Interior Ministry"])},
        confidence="rules",
    ).events
    # The rules no longer make a REJECT of it (triggers._settle_refusals); should one come
    # back, its confidence must still say it is no event.
    assert all(e.confidence < 0.1 for e in events if e.trigger == "declined")
