"""Candidates a reader would not sign, read on the dev split's kept false positives
(docs/EVALUATION.md, "Reading the kept events"): refusals that only withhold words, questions
put with a verb of asking or demanding, a source's request to stay unnamed, a view shared
with "agreed that", charges told by verbs of blaming, and a dismissal told with "fired"
(invented news sentences, hand-built entity sections)."""

from __future__ import annotations

from test_events import build, only

TWO_PEOPLE = {"E1": ("PERSON", ["Dana Whitfield"]), "E2": ("PERSON", ["Owen Castellano"])}


def _rules_events(nlp, text: str):  # type: ignore[no-untyped-def]
    """The analysis of ``text`` with its two people, every event the rules find kept."""
    return build(nlp, text, TWO_PEOPLE, keep_unattributed=True, confidence="rules")


def _types(analysis) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(e.type, e.trigger) for e in analysis.events]


def test_refusing_to_discuss_or_to_give_details_is_no_event(nlp) -> None:  # type: ignore[no-untyped-def]
    for body in (
        "Dana Whitfield refuses to discuss possible successors.",
        "Dana Whitfield declined to provide details about the inquiry.",
        "Dana Whitfield declined to confirm or deny reports about the merger.",
    ):
        analysis = _rules_events(nlp, body)
        assert not [e for e in analysis.events if e.type in {"REJECT", "CONSULT", "AID"}], (
            body,
            _types(analysis),
        )


def test_refusing_an_act_or_talks_with_a_party_is_still_a_rejection(nlp) -> None:  # type: ignore[no-untyped-def]
    aid = _rules_events(nlp, "Dana Whitfield refused to provide aid to Owen Castellano.")
    assert only(aid.events, "REJECT").actor == ["E1"]
    talks = _rules_events(nlp, "Dana Whitfield refused to discuss the truce with Owen Castellano.")
    assert [e.type for e in talks.events if e.trigger == "refused"] == ["REJECT"]


def test_a_question_put_with_asked_or_demanded_is_no_request(nlp) -> None:  # type: ignore[no-untyped-def]
    for body in (
        "Dana Whitfield demanded how Owen Castellano could be so certain of the dates.",
        "Dana Whitfield asked the jurors why Owen Castellano had waited so long.",
        '"Why did the board wait a year?" Dana Whitfield demanded.',
    ):
        analysis = _rules_events(nlp, body)
        assert not [e for e in analysis.events if e.type == "REQUEST"], (body, _types(analysis))


def test_a_demand_or_a_request_for_an_act_is_still_a_request(nlp) -> None:  # type: ignore[no-untyped-def]
    demanded = _rules_events(nlp, "Dana Whitfield demanded the resignation of Owen Castellano.")
    assert only(demanded.events, "REQUEST").actor == ["E1"]
    asked = _rules_events(nlp, "Dana Whitfield asked Owen Castellano to postpone the hearing.")
    assert only(asked.events, "REQUEST").recipient == ["E2"]


def test_a_source_asking_to_stay_unnamed_requests_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("ORG", ["the harbour authority"])}
    for body in (
        "Two officials of the harbour authority requested anonymity.",
        "An adviser asked for anonymity because the harbour authority had not approved it.",
    ):
        analysis = build(nlp, body, entities, keep_unattributed=True, confidence="rules")
        assert not [e for e in analysis.events if e.type == "REQUEST"], (body, _types(analysis))


def test_agreeing_that_something_is_so_is_an_opinion_not_an_agreement(nlp) -> None:  # type: ignore[no-untyped-def]
    shared = _rules_events(
        nlp, "Dana Whitfield agreed with Owen Castellano that a second trial is not a good outcome."
    )
    assert not [e for e in shared.events if e.type == "AGREE"], _types(shared)
    committed = _rules_events(
        nlp, "Dana Whitfield and Owen Castellano agreed that the talks will resume in June."
    )
    assert [e.type for e in committed.events if e.trigger == "agreed"] == ["AGREE"]


def test_agreeing_with_someone_about_something_is_an_opinion_not_an_agreement(nlp) -> None:  # type: ignore[no-untyped-def]
    for body in (
        "Dana Whitfield at the weekly magazine agreed with Owen Castellano about the winner.",
        "Dana Whitfield agreed with Owen Castellano about the mood of the voters.",
    ):
        shared = _rules_events(nlp, body)
        assert not [e for e in shared.events if e.type == "AGREE"], (body, _types(shared))
    deal = _rules_events(nlp, "Dana Whitfield agreed with Owen Castellano on a new budget.")
    assert [e.type for e in deal.events if e.trigger == "agreed"] == ["AGREE"]


def test_a_charge_or_an_indictment_is_an_accusation(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("ORG", ["county prosecutors"]), "E2": ("PERSON", ["Owen Castellano"])}
    charged = build(
        nlp,
        "On Friday county prosecutors charged Owen Castellano with robbing a pharmacy.",
        entities,
        keep_unattributed=True,
        confidence="rules",
    )
    assert only(charged.events, "ACCUSE").recipient == ["E2"]
    assert not [e for e in charged.events if e.type == "COERCE"]
    indicted = build(
        nlp,
        "A grand jury indicted Owen Castellano after county prosecutors presented the case.",
        entities,
        keep_unattributed=True,
        confidence="rules",
    )
    assert [e.type for e in indicted.events if e.trigger == "indicted"] == ["ACCUSE"]


def test_firing_a_named_person_is_a_dismissal_not_a_shooting(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("ORG", ["The board"]), "E2": ("PERSON", ["Castellano"])}
    fired = build(
        nlp,
        "The board fired Castellano on Monday.",
        entities,
        keep_unattributed=True,
        confidence="rules",
    )
    assert [e.type for e in fired.events if e.trigger == "fired"] == ["SANCTION"]
    shots = build(
        nlp,
        "Gunmen fired rockets at the base of the board on Monday.",
        {"E1": ("GROUP", ["Gunmen"]), "E2": ("ORG", ["the board"])},
        keep_unattributed=True,
        confidence="rules",
    )
    assert [e.type for e in shots.events if e.trigger == "fired"] == ["ASSAULT"]


def test_dismissing_an_office_holder_removes_them_but_dismissing_a_claim_rejects_it(nlp) -> None:  # type: ignore[no-untyped-def]
    def fired_types(body: str, entities: dict, trigger: str) -> list[str]:  # type: ignore[type-arg]
        analysis = build(nlp, body, entities, keep_unattributed=True, confidence="rules")
        return [e.type for e in analysis.events if e.trigger == trigger]

    president = {"E1": ("PERSON", ["President Ana Ferro", "Ferro"])}
    removed = build(
        nlp,
        "President Ana Ferro dismissed three regional governors on Monday.",
        president,
        keep_unattributed=True,
        confidence="rules",
    )
    dismissal = only(removed.events, "SANCTION")
    assert dismissal.trigger == "dismissed" and dismissal.actor == ["E1"]
    assert not [e for e in removed.events if e.type == "ACCUSE"]
    mayor = {"E1": ("PERSON", ["Mayor Tom Reilly"])}
    assert fired_types("Mayor Tom Reilly fired the police chief on Friday.", mayor, "fired") == [
        "SANCTION"
    ]
    # A claim dismissed is rejected; a person dismissed "as" something is criticised.
    assert fired_types("Ferro dismissed the report on Monday.", president, "dismissed") == [
        "REJECT"
    ]
    judged = {"E1": ("PERSON", ["Ferro"]), "E2": ("PERSON", ["Owen Castellano"])}
    body = "Ferro dismissed Owen Castellano as a puppet of the banks."
    assert fired_types(body, judged, "dismissed") == ["ACCUSE"]
    # A convoy fired upon is shot at, however its guard is named.
    guard = {"E1": ("PERSON", ["Sergeant Paul Mora"])}
    body = "Sergeant Paul Mora was fired upon near the checkpoint."
    assert "SANCTION" not in fired_types(body, guard, "fired")


def test_calling_someone_out_or_calling_them_names_criticises(nlp) -> None:  # type: ignore[no-untyped-def]
    called_out = _rules_events(
        nlp, "Dana Whitfield publicly called out Owen Castellano for his absences."
    )
    assert [e.type for e in called_out.events if e.trigger == "called"] == ["ACCUSE"]
    named = _rules_events(
        nlp, "Owen Castellano was called a fraud by Dana Whitfield for selling fake tonics."
    )
    assert not [e for e in named.events if e.type == "REQUEST"], _types(named)
    asked = _rules_events(nlp, "Dana Whitfield called for an inquiry into Owen Castellano.")
    assert [e.type for e in asked.events if e.trigger == "called"] == ["REQUEST"]


def test_dismissing_a_person_as_something_criticises_them(nlp) -> None:  # type: ignore[no-untyped-def]
    dismissed = _rules_events(
        nlp, "Dana Whitfield dismissed Owen Castellano as a careerist with no plan."
    )
    assert only(dismissed.events, "ACCUSE").recipient == ["E2"]
    plan = _rules_events(
        nlp, "Dana Whitfield rejected the offer from Owen Castellano as too small."
    )
    assert [e.type for e in plan.events if e.trigger == "rejected"] == ["REJECT"]


def test_a_plea_entered_in_court_asks_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    plea = _rules_events(
        nlp, "Owen Castellano has pleaded innocent to the charges brought by Dana Whitfield."
    )
    assert not [e for e in plea.events if e.trigger == "pleaded"], _types(plea)
    appeal = _rules_events(
        nlp, "Owen Castellano pleaded with Dana Whitfield to spare the old mill."
    )
    assert [e.type for e in appeal.events if e.trigger == "pleaded"] == ["REQUEST"]


def test_a_habitual_act_is_no_event(nlp) -> None:  # type: ignore[no-untyped-def]
    habitual = _rules_events(
        nlp, "Dana Whitfield generally supported Owen Castellano during her years in the senate."
    )
    assert not [e for e in habitual.events if e.type == "SUPPORT"], _types(habitual)
    once = _rules_events(
        nlp, "Dana Whitfield publicly supported Owen Castellano at the party congress."
    )
    assert only(once.events, "SUPPORT").recipient == ["E2"]


def test_a_standing_role_told_in_a_relative_clause_is_no_event(nlp) -> None:  # type: ignore[no-untyped-def]
    role = _rules_events(
        nlp,
        "Dana Whitfield, who monitors Owen Castellano's spending for the council, spoke on Monday.",
    )
    assert not [e for e in role.events if e.trigger == "monitors"], _types(role)
    # A past act in a relative clause happened on an occasion and stays an event.
    once = _rules_events(
        nlp, "Dana Whitfield, who accused Owen Castellano of fraud last week, spoke on Monday."
    )
    assert [e.type for e in once.events if e.trigger == "accused"] == ["ACCUSE"]


def test_seizing_a_territory_is_an_occupation_seizing_goods_a_coercion(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("LOCATION", ["Serbia"]), "E2": ("LOCATION", ["Kosovo"])}
    territory = build(
        nlp,
        "Serbia seized Kosovo in a night raid.",
        entities,
        keep_unattributed=True,
        confidence="rules",
    )
    assert [e.type for e in territory.events if e.trigger == "seized"] == ["ASSAULT"]
    goods = build(
        nlp,
        "The customs police of Serbia seized two tonnes of smuggled tobacco.",
        entities,
        keep_unattributed=True,
        confidence="rules",
    )
    assert [e.type for e in goods.events if e.trigger == "seized"] == ["COERCE"]


def test_what_a_poll_finds_a_population_thinks_or_wants_is_no_act(nlp) -> None:  # type: ignore[no-untyped-def]
    for body in (
        "Most voters want the parliament to investigate Owen Castellano, a new poll found.",
        "Sixty percent of respondents blame Dana Whitfield for the strike, according to a survey "
        "released on Monday.",
        "A survey published on Sunday found that a majority of Americans support Dana Whitfield.",
        "Many Canadians want Dana Whitfield to sue Owen Castellano.",
    ):
        analysis = _rules_events(nlp, body)
        assert not analysis.events, (body, _types(analysis))


def test_a_party_wanting_an_act_or_a_crowd_acting_is_still_told(nlp) -> None:  # type: ignore[no-untyped-def]
    wished = _rules_events(
        nlp, "Dana Whitfield wants the parliament to investigate Owen Castellano."
    )
    assert [(e.type, e.status) for e in wished.events] == [("ACCUSE", "hypothetical")]
    after_poll = _rules_events(
        nlp, "After a poll showed her trailing, Dana Whitfield accused Owen Castellano of fraud."
    )
    assert ("ACCUSE", "accused") in _types(after_poll)
    joined = _rules_events(
        nlp,
        "Dana Whitfield leads by five points according to a new poll, and Owen Castellano "
        "attacked her on Monday.",
    )
    assert [t for t in _types(joined) if t[1] == "attacked"]
    crowd = _rules_events(nlp, "Thousands of voters marched against Dana Whitfield on Sunday.")
    assert ("PROTEST", "marched") in _types(crowd)
    members = _rules_events(
        nlp, "A majority of Republicans in the Senate voted to reject Owen Castellano's nomination."
    )
    assert ("REJECT", "reject") in _types(members)


def test_a_meeting_with_ones_own_staff_is_no_consultation(nlp) -> None:  # type: ignore[no-untyped-def]
    own = _rules_events(nlp, "Dana Whitfield met with her top aides on Wednesday at the palace.")
    assert not [e for e in own.events if e.type == "CONSULT"], _types(own)
    other = _rules_events(
        nlp, "Dana Whitfield met with Owen Castellano on Wednesday at the palace."
    )
    assert [e.type for e in other.events] == ["CONSULT"]


def test_a_meeting_with_unowned_top_aides_is_no_consultation(nlp) -> None:  # type: ignore[no-untyped-def]
    bare = _rules_events(nlp, "Dana Whitfield met senior economic aides at the palace on Friday.")
    assert not [e for e in bare.events if e.type == "CONSULT"], _types(bare)
    for body in (
        "Dana Whitfield met with aides of Owen Castellano at the palace on Friday.",
        "Dana Whitfield met Owen Castellano's aides at the palace on Friday.",
    ):
        others = _rules_events(nlp, body)
        assert [e.type for e in others.events] == ["CONSULT"], (body, _types(others))


def test_a_request_to_the_general_public_is_no_event(nlp) -> None:  # type: ignore[no-untyped-def]
    for body in (
        "Dana Whitfield warned people to keep away from the flooded riverbank.",
        "Dana Whitfield urged the public to be careful near the cliffs this weekend.",
        "Dana Whitfield called on residents to save water during the drought.",
        "Dana Whitfield told thousands of motorists to avoid the bridge on Sunday.",
    ):
        analysis = _rules_events(nlp, body)
        assert not [e for e in analysis.events if e.type == "REQUEST"], (body, _types(analysis))
    for body in (
        "Dana Whitfield urged Owen Castellano to release the prisoners.",
        "Dana Whitfield called on the Syrian people to reject Owen Castellano.",
        "Dana Whitfield is asking the public to report any sightings of Owen Castellano.",
        "Dana Whitfield urged citizens to keep up the protests against Owen Castellano.",
    ):
        analysis = _rules_events(nlp, body)
        assert [e for e in analysis.events if e.type == "REQUEST"], (body, _types(analysis))


def test_rejecting_evidence_is_an_opinion_but_denying_a_claim_rejects(nlp) -> None:  # type: ignore[no-untyped-def]
    facts = _rules_events(nlp, "Dana Whitfield rejects any indicators that the harvest is failing.")
    assert not [e for e in facts.events if e.type == "REJECT"], _types(facts)
    figures = _rules_events(nlp, "Dana Whitfield dismissed the unemployment figures on Monday.")
    assert not [e for e in figures.events if e.type == "REJECT"], _types(figures)
    claim = _rules_events(
        nlp, "Dana Whitfield denied speculation that she would step down as governor."
    )
    assert ("REJECT", "denied") in _types(claim)
    proposal = _rules_events(nlp, "Dana Whitfield rejected the proposal of Owen Castellano.")
    assert ("REJECT", "rejected") in _types(proposal)


def test_an_inquiry_of_science_accuses_nobody(nlp) -> None:  # type: ignore[no-untyped-def]
    for body in (
        "Dana Whitfield conducted epidemiological investigations on Owen Castellano's neighbours.",
        "Dana Whitfield launched a scientific investigation into the fish deaths.",
    ):
        science = _rules_events(nlp, body)
        assert not [e for e in science.events if e.type == "ACCUSE"], (body, _types(science))
    crime = _rules_events(
        nlp, "Dana Whitfield ordered criminal investigations into Owen Castellano's accounts."
    )
    assert [e for e in crime.events if e.type == "ACCUSE"], _types(crime)


def test_agreeing_what_should_be_done_is_an_opinion(nlp) -> None:  # type: ignore[no-untyped-def]
    view = _rules_events(
        nlp,
        "Dana Whitfield and Owen Castellano agreed that the old pier should stay closed to boats.",
    )
    assert not [e for e in view.events if e.type == "AGREE"], _types(view)


def test_doubting_or_criticising_a_thing_no_party_has_accuses_nobody(nlp) -> None:  # type: ignore[no-untyped-def]
    for body in (
        "Dana Whitfield questioned the wisdom of building a second runway.",
        "Dana Whitfield questioned the very need for parking wardens downtown.",
        "Dana Whitfield criticized decades-old farm subsidies in a long speech.",
    ):
        analysis = _rules_events(nlp, body)
        assert not [e for e in analysis.events if e.type == "ACCUSE"], (body, _types(analysis))
    owned = _rules_events(nlp, "Dana Whitfield questioned Owen Castellano's honesty.")
    assert ("ACCUSE", "questioned") in _types(owned)
    party = _rules_events(nlp, "Dana Whitfield criticized the judges for the slow ruling.")
    assert ("ACCUSE", "criticized") in _types(party)
