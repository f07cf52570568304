"""Whether an event goes on: progressive perfects, passives in progress, lasting perfects and
nouns of events in progress are ``ongoing``; a plain past or perfect is not. Invented sentences."""

from __future__ import annotations

import pytest

from dateline.events.status import status_of


def _status(nlp, sentence: str, trigger: str) -> str:  # type: ignore[no-untyped-def]
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == trigger)
    return status_of(token)


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("The rebels have been shelling the northern suburbs of the city.", "shelling"),
        ("The senator is being investigated by the ethics committee.", "investigated"),
        ("The opposition has long accused the governor of fraud.", "accused"),
        ("The union has always opposed the new pension law.", "opposed"),
        ("Prices rose sharply amid protests in the capital.", "protests"),
        ("Talks stalled because of the ongoing blockade of the port.", "blockade"),
    ],
)
def test_acts_still_going_on_are_ongoing(nlp, sentence: str, trigger: str) -> None:  # type: ignore[no-untyped-def]
    assert _status(nlp, sentence, trigger) == "ongoing"


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("The rebels shelled the northern suburbs of the city.", "shelled"),
        ("The opposition has accused the governor of fraud.", "accused"),
        ("The senator was investigated by the ethics committee in 2019.", "investigated"),
        ("Prices rose sharply after protests in the capital.", "protests"),
    ],
)
def test_acts_told_as_done_are_not_ongoing(nlp, sentence: str, trigger: str) -> None:  # type: ignore[no-untyped-def]
    assert _status(nlp, sentence, trigger) == "occurred"


def test_the_purpose_of_a_done_act_happened_with_it(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _status(nlp, "Thousands marched to the palace to support the president.", "support") == (
        "occurred"
    )
    # A planned trip's purpose is planned with it; a forum's is only a potential.
    assert _status(nlp, "The minister will travel to Paris to meet Macron.", "meet") == "future"
    assert _status(nlp, "They set up a forum to broker an agreement.", "broker") == "hypothetical"


@pytest.mark.parametrize(
    ("sentence", "trigger", "status"),
    [
        ("The prospect of sanctions alarmed the exporters.", "sanctions", "hypothetical"),
        ("The envoy raised the possibility of a meeting with the rebels.", "meeting",
         "hypothetical"),
        ("A judge signed a warrant for the mayor's arrest.", "arrest", "hypothetical"),
        ("The government announced plans for talks with the strikers.", "talks", "future"),
        ("The border guard was about to be deported when the court intervened.", "deported",
         "future"),
        # Not every noun before "of" holds the act back.
        ("The ministry described the scene of the attack.", "attack", "occurred"),
        # No particular act, or one to be warded off.
        ("The government rejected any talks with the separatists.", "talks", "hypothetical"),
        ("The embassy warned against an attack on the airport.", "attack", "hypothetical"),
        ("Soldiers guard the villages against raids.", "raids", "hypothetical"),
        # What one votes or rallies against is there.
        ("Students rallied against the arrest of their teacher.", "arrest", "occurred"),
    ],
)  # fmt: skip
def test_an_act_only_possible_or_planned_is_not_done(  # type: ignore[no-untyped-def]
    nlp, sentence: str, trigger: str, status: str
) -> None:
    assert _status(nlp, sentence, trigger) == status


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("Most voters want the parliament to investigate the minister.", "investigate"),
        ("The poll shows that residents want the council to sue the company.", "sue"),
        ("The mayor wants the province to fund the new bridge.", "fund"),
    ],
)
def test_an_act_wanted_of_someone_else_is_only_asked_for(nlp, sentence: str, trigger: str) -> None:  # type: ignore[no-untyped-def]
    # The guideline: what someone asks for is `hypothetical`; nobody plans it as its doer.
    assert _status(nlp, sentence, trigger) == "hypothetical"


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("Analysts expect the senate to reject the treaty next week.", "reject"),
        ("The minister wants to meet the rebels in Geneva.", "meet"),
    ],
)
def test_an_expected_act_or_ones_own_wish_is_planned(nlp, sentence: str, trigger: str) -> None:  # type: ignore[no-untyped-def]
    # The parser makes "expect X to do" a clausal complement; it is as unrealised as "expect to do".
    assert _status(nlp, sentence, trigger) == "future"


@pytest.mark.parametrize(
    ("sentence", "trigger", "status"),
    [
        # A clause of time in the present under a future: still to come.
        ("The agency said once Ortiz arrives in the capital it will begin the transfer.",
         "arrives", "future"),
        ("Officials said the talks will resume as soon as the envoy arrives in Geneva.",
         "arrives", "future"),
        ("When the minister meets the rebels next week, he will demand a ceasefire.", "meets",
         "future"),
        # In the past, or under a present (a headline's tense), it is told as done.
        ("When the minister met the rebels last week, he demanded a ceasefire.", "met",
         "occurred"),
        ("The president meets Macron when he visits Paris.", "visits", "occurred"),
    ],
)  # fmt: skip
def test_a_clause_of_time_in_the_present_is_as_planned_as_the_clause_it_dates(  # type: ignore[no-untyped-def]
    nlp, sentence: str, trigger: str, status: str
) -> None:
    assert _status(nlp, sentence, trigger) == status


@pytest.mark.parametrize(
    ("sentence", "trigger", "status"),
    [
        ("Two aides accused the governor of threatening a local reporter.", "threatening",
         "hypothetical"),
        ("The former mayor was charged with bribing two building inspectors.", "bribing",
         "hypothetical"),
        ("The clerk is suspected of leaking the memo to the campaign.", "leaking",
         "hypothetical"),
        ("The guard was charged with the assault on the prisoner.", "assault", "hypothetical"),
        # What one is convicted of, or thanked for, was done.
        ("The former mayor was convicted of bribing two building inspectors.", "bribing",
         "occurred"),
        ("The council thanked the governor for visiting the flooded towns.", "visiting",
         "occurred"),
    ],
)  # fmt: skip
def test_an_act_one_is_accused_of_is_only_alleged(  # type: ignore[no-untyped-def]
    nlp, sentence: str, trigger: str, status: str
) -> None:
    assert _status(nlp, sentence, trigger) == status


@pytest.mark.parametrize(
    ("sentence", "trigger", "status"),
    [
        ("The host expects the moderator to steer the debate by challenging the governor.",
         "challenging", "future"),
        ("The senator will try to win the vote by threatening the holdouts.", "threatening",
         "future"),
        ("The mayor could end the strike by meeting the union.", "meeting", "hypothetical"),
        # The means of a done act was done.
        ("The mayor ended the strike by meeting the union.", "meeting", "occurred"),
    ],
)  # fmt: skip
def test_the_means_of_an_act_has_its_status(  # type: ignore[no-untyped-def]
    nlp, sentence: str, trigger: str, status: str
) -> None:
    assert _status(nlp, sentence, trigger) == status


@pytest.mark.parametrize(
    ("sentence", "trigger", "status"),
    [
        ("Stop the shelling of the border villages now.", "Stop", "hypothetical"),
        ("Union leaders to the mayor: Negotiate with the drivers before the strike.",
         "Negotiate", "hypothetical"),
        # A headline's present tense with its subject tells what happened.
        ("Police arrest two men after the attack on the mosque.", "arrest", "occurred"),
        ("The union and the mayor negotiate with the drivers.", "negotiate", "occurred"),
    ],
)  # fmt: skip
def test_a_command_is_not_yet_done(  # type: ignore[no-untyped-def]
    nlp, sentence: str, trigger: str, status: str
) -> None:
    assert _status(nlp, sentence, trigger) == status


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("Two guards were questioned, but no one has been charged over the escape.", "charged"),
        ("Nobody was arrested after the march through the capital.", "arrested"),
        ("No country has recognised the breakaway republic so far.", "recognised"),
    ],
)
def test_an_act_whose_subject_is_nobody_is_negated(nlp, sentence: str, trigger: str) -> None:  # type: ignore[no-untyped-def]
    assert _status(nlp, sentence, trigger) == "negated"


def test_an_act_with_a_subject_is_not_negated_by_a_no_elsewhere(nlp) -> None:  # type: ignore[no-untyped-def]
    sentence = "The police arrested two men who had no licence for the rifles."
    assert _status(nlp, sentence, "arrested") == "occurred"
    counted = "No fewer than nine lawmakers signed the letter on Tuesday."
    assert _status(nlp, counted, "signed") == "occurred"
    joined = "No request was made for bail, and the driver was remanded in custody by a judge."
    assert _status(nlp, joined, "remanded") == "occurred"
