"""What counts as an event and who its parties are: trigger rules on invented news sentences
(hand-built entity sections)."""

from __future__ import annotations

from test_events import build, only


def test_refusing_to_negotiate_is_one_rejection_of_the_other_party(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "The rebels, who have long refused to negotiate with the government of Chad, "
        "attacked a base on Monday.",
        {"E1": ("GROUP", ["rebels"]), "E2": ("ORG", ["government of Chad"])},
    )
    rejection = only(analysis.events, "REJECT")
    assert rejection.trigger == "refused"
    assert rejection.actor == ["E1"] and rejection.recipient == ["E2"]
    assert not [e for e in analysis.events if e.type == "CONSULT"]


def test_declining_a_hostile_act_is_that_act_negated(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "President Ortega declined to threaten Moscow with new sanctions.",
        {"E1": ("PERSON", ["President Ortega"]), "E2": ("LOCATION", ["Moscow"])},
    )
    assert not [e for e in analysis.events if e.type == "REJECT"]
    threat = only(analysis.events, "THREATEN")
    assert threat.status == "negated" and threat.actor == ["E1"]


def test_declining_to_comment_is_no_event(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "The defence ministry declined to comment on the leaked report.",
        {"E1": ("ORG", ["defence ministry"])},
    )
    assert analysis.events == []


def test_pressing_or_asking_without_a_requested_action_is_an_interview(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("PERSON", ["Jane Holt"]), "E2": ("PERSON", ["Tom Reyes"])}
    questioned = build(
        nlp, "Jane Holt pressed Tom Reyes on the budget cuts during the hearing.", entities
    )
    assert questioned.events == []
    question = build(nlp, "Jane Holt asked Tom Reyes whether he would resign.", entities)
    assert not [e for e in question.events if e.type == "REQUEST"]
    assert all(e.status == "hypothetical" for e in question.events)  # a resignation asked about
    demanded = build(nlp, "Jane Holt pressed Tom Reyes to release the budget papers.", entities)
    request = only(demanded.events, "REQUEST")
    assert request.actor == ["E1"] and request.recipient == ["E2"]


def test_insisting_is_a_demand_only_when_something_is_demanded(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("PERSON", ["Jane Holt"]), "E2": ("PERSON", ["Tom Reyes"])}
    claim = build(nlp, "Jane Holt insisted that the plan was working well.", entities)
    assert claim.events == []
    demand = build(nlp, "Jane Holt insisted on a full recount of the votes.", entities)
    assert only(demand.events, "REQUEST").actor == ["E1"]
    denial = build(nlp, "Jane Holt insisted she never met Tom Reyes.", entities)
    assert only(denial.events, "REJECT").trigger == "insisted"


def test_opinion_verbs_are_no_events(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Jane Holt thinks the union is wrong and argued that the strike law was void.",
        {"E1": ("PERSON", ["Jane Holt"]), "E2": ("ORG", ["union"])},
    )
    assert [e.trigger for e in analysis.events] == []


def test_a_retort_is_criticism_aimed_at_the_one_answered(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Governor Marsh shot back at Senator Holt on Twitter.",
        {
            "E1": ("PERSON", ["Governor Marsh"]),
            "E2": ("PERSON", ["Senator Holt"]),
            "E3": ("ORG", ["Twitter"]),
        },
    )
    retort = only(analysis.events, "ACCUSE")
    assert retort.actor == ["E1"] and retort.recipient == ["E2"]
    assert not [e for e in analysis.events if e.type == "ASSAULT"]


def test_what_is_sent_is_not_the_recipient(nlp) -> None:  # type: ignore[no-untyped-def]
    sent = build(
        nlp,
        "Sweden sent troops and medical teams to the border region last week.",
        {"E1": ("LOCATION", ["Sweden"]), "E2": ("GROUP", ["troops"])},
    )
    assert all("E2" not in e.recipient for e in sent.events)
    equipped = build(
        nlp,
        "Japan will provide the Philippine coast guard with two patrol boats.",
        {"E1": ("LOCATION", ["Japan"]), "E2": ("ORG", ["Philippine coast guard"])},
    )
    aid = only(equipped.events, "AID")
    assert aid.actor == ["E1"] and aid.recipient == ["E2"]


def test_forces_sent_into_a_territory_are_deployed_not_lent(nlp) -> None:  # type: ignore[no-untyped-def]
    states = {"E1": ("LOCATION", ["Norland"]), "E2": ("LOCATION", ["Ostria"])}

    def sent(text: str) -> list[str]:
        analysis = build(nlp, text, states, keep_unattributed=True, confidence="rules")
        return [e.type for e in analysis.events if e.trigger == "sent"]

    assert sent("Norland sent its troops into Ostria in 1982.") == ["MOBILIZE"]
    assert sent("Norland sent soldiers to the border on Monday.") == ["MOBILIZE"]
    # Troops sent to a state (at its side) stay military cooperation.
    assert sent("Norland sent 2,000 soldiers to Ostria to train its army.") == ["COOPERATE"]


def test_the_owner_of_an_attacked_object_is_the_recipient(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Hackers working for Iran attacked the computers of the Electoral Commission.",
        {"E1": ("GROUP", ["Hackers"]), "E2": ("ORG", ["Electoral Commission"])},
    )
    attack = only(analysis.events, "ASSAULT")
    assert attack.actor == ["E1"] and attack.recipient == ["E2"]


def test_carried_legal_and_sanction_nouns_name_the_event(nlp) -> None:  # type: ignore[no-untyped-def]
    sanctions = build(
        nlp,
        "The Canadian government imposed sanctions on Belarus on Monday.",
        {"E1": ("ORG", ["Canadian government"]), "E2": ("LOCATION", ["Belarus"])},
    )
    event = only(sanctions.events, "SANCTION")
    assert event.actor == ["E1"] and event.recipient == ["E2"]
    assert len(sanctions.events) == 1
    charges = build(
        nlp,
        "State prosecutors brought charges against the former mayor of Riverton.",
        {"E1": ("ORG", ["State prosecutors"]), "E2": ("PERSON", ["former mayor"])},
    )
    accusation = only(charges.events, "ACCUSE")
    assert accusation.actor == ["E1"] and accusation.recipient == ["E2"]


def test_asking_someone_to_describe_is_a_question(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("PERSON", ["Jane Holt"]), "E2": ("PERSON", ["Tom Reyes"])}
    question = build(nlp, "Jane Holt asked Tom Reyes to describe the meeting.", entities)
    assert not [e for e in question.events if e.type == "REQUEST"]
    request = build(nlp, "Jane Holt asked Tom Reyes to release the prisoners.", entities)
    assert only(request.events, "REQUEST").recipient == ["E2"]


def test_talking_is_a_consultation_only_with_a_second_party(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("PERSON", ["Li Wen"]), "E2": ("PERSON", ["Tom Reyes"])}
    alone = build(nlp, "Li Wen talked about her son's illness for an hour.", entities)
    assert alone.events == []
    together = build(nlp, "Li Wen talked with Tom Reyes for an hour.", entities)
    meeting = only(together.events, "CONSULT")
    assert {*meeting.actor, *meeting.recipient} == {"E1", "E2"}


def test_a_named_addressee_without_an_entity_leaves_the_recipient_empty(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Senator Holt urged the administration to work with European allies on sanctions.",
        {"E1": ("PERSON", ["Senator Holt"]), "E2": ("NORP", ["European"])},
    )
    request = only(analysis.events, "REQUEST")
    assert request.actor == ["E1"] and request.recipient == []


def test_a_passive_charge_has_no_actor_from_its_with_phrase(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "The mayor's aide was charged with fraud by state prosecutors. The aide has since been "
        "charged with bribery.",
        {"E1": ("PERSON", ["mayor's aide", "aide"]), "E2": ("ORG", ["state prosecutors"])},
        keep_unattributed=True,
    )
    charges = [e for e in analysis.events if e.type == "ACCUSE"]
    assert charges and all(e.recipient == ["E1"] for e in charges)
    assert all("E1" not in e.actor for e in charges)


def test_struck_a_deal_is_one_agreement(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "The national rail operator struck a deal with Siemens on Thursday.",
        {"E1": ("ORG", ["national rail operator"]), "E2": ("ORG", ["Siemens"])},
    )
    deal = only(analysis.events, "AGREE")
    assert {*deal.actor, *deal.recipient} == {"E1", "E2"}
    assert len(analysis.events) == 1


def test_refusing_to_answer_a_demand_rejects_it_but_not_a_request_for_comment(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("PERSON", ["Ana Ruiz"]), "E2": ("ORG", ["union"])}
    demand = build(nlp, "Ana Ruiz refused to respond to a demand from the union.", entities)
    assert only(demand.events, "REJECT").actor == ["E1"]
    comment = build(nlp, "Ana Ruiz declined to respond to requests for comment.", entities)
    assert comment.events == []


def test_a_demand_on_a_weekday_is_addressed_to_the_clause_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Brazil on Tuesday demanded that Paraguay reopen the border crossings.",
        {"E1": ("LOCATION", ["Brazil"]), "E2": ("LOCATION", ["Paraguay"])},
    )
    demand = only(analysis.events, "REQUEST")
    assert demand.actor == ["E1"] and demand.recipient == ["E2"]


def test_a_capital_as_subject_stands_for_its_government(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "The British government blamed the poisoning on Russia, although Moscow denies any "
        "involvement.",
        {
            "E1": ("ORG", ["British government"]),
            "E2": ("LOCATION", ["Russia"]),
            "E3": ("LOCATION", ["Moscow"]),
        },
        places={"Moscow": ("E3", "city")},
    )
    denial = only(analysis.events, "REJECT")
    assert denial.actor == ["E3"]


def test_vowing_a_hostile_act_is_a_threat(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Venezuela vowed on Friday to fight Colombia at any cost.",
        {"E1": ("LOCATION", ["Venezuela"]), "E2": ("LOCATION", ["Colombia"])},
    )
    threat = only(analysis.events, "THREATEN")
    assert threat.trigger == "vowed" and threat.actor == ["E1"] and threat.recipient == ["E2"]
    assert not [e for e in analysis.events if e.type in {"AGREE", "ASSAULT"}]
    promise = build(
        nlp,
        "Venezuela vowed on Friday to help Colombia rebuild the bridge.",
        {"E1": ("LOCATION", ["Venezuela"]), "E2": ("LOCATION", ["Colombia"])},
    )
    assert only(promise.events, "AGREE").actor == ["E1"]


def test_releasing_or_executing_a_thing_is_no_event(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("ORG", ["Harlow campaign"]), "E2": ("ORG", ["army engineers"])}
    film = build(nlp, "The Harlow campaign released a new documentary on Monday.", entities)
    assert film.events == []
    works = build(nlp, "The projects were executed by army engineers last year.", entities)
    assert works.events == []
    prisoners = build(
        nlp,
        "The government of Nepal released forty prisoners on Monday.",
        {"E1": ("ORG", ["government of Nepal"])},
    )
    assert only(prisoners.events, "CONCEDE").actor == ["E1"]


# -- candidates the lexicons alone missed (issue 11: recall of event candidates) -------------


def test_a_noun_derived_from_an_event_verb_is_a_trigger(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "The court ordered the suspension of Mayor Alan Voss after the vote.",
        {"E1": ("ORG", ["court"]), "E2": ("PERSON", ["Mayor Alan Voss"])},
        keep_unattributed=True,
    )
    suspension = only(analysis.events, "SANCTION")
    assert suspension.trigger == "suspension"
    assert suspension.recipient == ["E2"]


def test_derived_nouns_are_marked_for_the_confidence(nlp) -> None:  # type: ignore[no-untyped-def]
    from dateline.events import lexicon
    from dateline.events.confidence import Evidence

    entries = lexicon.event_nouns()
    assert entries["denial"][0].derived and entries["denial"][0].cameo == "120"
    # A hand-written noun keeps its own entry and is not marked.
    assert not entries["talk"][0].derived
    tellings: list[tuple[object, Evidence]] = []
    analysis = build(
        nlp,
        "The ministry issued a denial of the report by Senator Ruth Okoro.",
        {"E1": ("ORG", ["ministry"]), "E2": ("PERSON", ["Senator Ruth Okoro"])},
    )
    from dateline.events.stage import find_events
    from dateline.stage import Parsed

    find_events(analysis, Parsed(nlp(analysis.article.text), nlp), tellings=tellings)  # type: ignore[arg-type]
    kinds = {evidence.trigger_kind for _, evidence in tellings}
    assert "derived_noun" in kinds


def test_calling_a_party_names_criticism_or_praise(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("PERSON", ["Senator Ann Berg"]), "E2": ("PERSON", ["Governor Tom Hale"])}
    criticism = build(nlp, "Senator Ann Berg called Governor Tom Hale a reckless liar.", entities)
    accusation = only(criticism.events, "ACCUSE")
    assert accusation.trigger == "called"
    assert accusation.actor == ["E1"] and accusation.recipient == ["E2"]
    praise = build(
        nlp, "Senator Ann Berg called Governor Tom Hale a brave and wonderful leader.", entities
    )
    support = only(praise.events, "SUPPORT")
    assert support.actor == ["E1"] and support.recipient == ["E2"]
    assert not [e for e in praise.events if e.type in {"REQUEST", "ACCUSE"}]


def test_a_phone_call_on_a_day_is_no_appeal(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("PERSON", ["Senator Ann Berg"]), "E2": ("PERSON", ["Governor Tom Hale"])}
    called = build(nlp, "Senator Ann Berg called Governor Tom Hale on Monday.", entities)
    assert not [e for e in called.events if e.type == "REQUEST"]
    appeal = build(nlp, "Senator Ann Berg called on Governor Tom Hale to resign.", entities)
    assert only(appeal.events, "REQUEST").recipient == ["E2"]


def test_an_evaluative_adjective_with_its_party_is_criticism(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("PERSON", ["Senator Ann Berg"]), "E2": ("PERSON", ["Governor Tom Hale"])}
    critical = build(
        nlp, "Senator Ann Berg has been critical of Governor Tom Hale for months.", entities
    )
    accusation = only(critical.events, "ACCUSE")
    assert accusation.actor == ["E1"] and accusation.recipient == ["E2"]
    # A feeling about someone is a state of mind, not an evaluation of them.
    worried = build(nlp, "Senator Ann Berg was worried about Governor Tom Hale.", entities)
    assert worried.events == []


def test_a_reported_evaluation_of_a_party_is_coded_but_a_reported_act_is_not(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {
        "E1": ("PERSON", ["Senator Ann Berg"]),
        "E2": ("PERSON", ["Governor Tom Hale"]),
        "E3": ("ORG", ["army"]),
    }
    evaluated = build(
        nlp, "Senator Ann Berg said Governor Tom Hale was dishonest and incompetent.", entities
    )
    accusation = only(evaluated.events, "ACCUSE")
    assert accusation.trigger == "said"
    assert accusation.actor == ["E1"] and accusation.recipient == ["E2"]
    # "killed" is as negative a word, but the clause reports an act, not what the party is.
    reported = build(nlp, "Senator Ann Berg said two villagers were killed by the army.", entities)
    assert not [e for e in reported.events if e.trigger == "said"]
    neutral = build(nlp, "Senator Ann Berg said Governor Tom Hale was in Paris.", entities)
    assert neutral.events == []


def test_a_quoted_demand_is_the_speakers_request(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("PERSON", ["Senator Ann Berg"]), "E2": ("LOCATION", ["Beijing"])}
    body = "Senator Ann Berg spoke on Monday. “Beijing must drop its tariffs. We will not wait.”"
    quote = (body.index("“"), body.index("”") + 1, "E1")
    analysis = build(nlp, body, entities, quotes=[quote], keep_unattributed=True)
    request = only(analysis.events, "REQUEST")
    assert request.trigger == "must"
    assert request.actor == ["E1"] and request.recipient == ["E2"]
    # The same words outside any quotation name no one who demands.
    unquoted = build(
        nlp,
        "Senator Ann Berg spoke on Monday. Beijing must drop its tariffs.",
        entities,
        keep_unattributed=True,
    )
    assert not [e for e in unquoted.events if e.type == "REQUEST"]


def test_charges_and_duties_told_as_nouns(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {
        "E1": ("PERSON", ["John Mace"]),
        "E2": ("ORG", ["Police", "police"]),
        "E3": ("PERSON", ["Mary Lo"]),
        "E4": ("LOCATION", ["United States"]),
    }
    filed = build(nlp, "Police brought charges against John Mace on Monday.", entities)
    assert only(filed.events, "ACCUSE").actor == ["E2"]
    # "in charge of" names a role.
    role = build(nlp, "Mary Lo was in charge of the budget office.", entities)
    assert role.events == []
    duties = build(nlp, "The United States imposed duties on steel from Canada.", entities)
    assert only(duties.events, "SANCTION").actor == ["E4"]


def test_working_with_and_instructing_a_party(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("PERSON", ["Mary Lo"]), "E2": ("ORG", ["Finance Ministry"])}
    worked = build(nlp, "Mary Lo worked with the Finance Ministry on the reform.", entities)
    cooperation = only(worked.events, "COOPERATE")
    assert set(cooperation.actor + cooperation.recipient) == {"E1", "E2"}
    instructed = build(
        nlp, "Mary Lo instructed the Finance Ministry to freeze the accounts.", entities
    )
    request = only(instructed.events, "REQUEST")
    assert request.actor == ["E1"] and request.recipient == ["E2"]
    taught = build(nlp, "Mary Lo instructed the Finance Ministry staff.", entities)
    assert not [e for e in taught.events if e.type == "REQUEST"]


def test_nouns_of_the_guideline_type_table(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("PERSON", ["Mary Lo"]), "E2": ("ORG", ["Finance Ministry"])}
    praise = build(nlp, "Mary Lo's praise for the Finance Ministry surprised many.", entities)
    assert only(praise.events, "SUPPORT").actor == ["E1"]
    pledge = build(nlp, "Mary Lo made a pledge to the Finance Ministry on Monday.", entities)
    assert only(pledge.events, "AGREE").actor == ["E1"]


def test_questioning_a_person_investigates_but_questioning_what_a_party_has_criticises(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {
        "E1": ("ORG", ["Detectives", "detectives"]),
        "E2": ("PERSON", ["Omar Haddad"]),
        "E3": ("PERSON", ["Lena Park"]),
    }
    interview = build(nlp, "Detectives questioned Omar Haddad for six hours on Friday.", entities)
    assert only(interview.events, "ACCUSE").cameo == "090"
    driver = build(nlp, "Detectives questioned the driver of the van on Friday.", entities)
    assert only(driver.events, "ACCUSE").cameo == "090"
    doubt = build(nlp, "Lena Park questioned the judgement of Omar Haddad on Friday.", entities)
    criticism = only(doubt.events, "ACCUSE")
    assert criticism.cameo == "111"
    assert criticism.actor == ["E3"] and criticism.recipient == ["E2"]
    whether = build(nlp, "Lena Park questioned whether the count was fair.", entities)
    assert only(whether.events, "ACCUSE").cameo == "111"


def test_reviewing_evidence_about_a_party_is_an_investigation(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("ORG", ["The agency"]), "E2": ("PERSON", ["Dana Ruiz"])}
    review = build(
        nlp, "The agency is reviewing newly found emails of Dana Ruiz, officials said.", entities
    )
    investigation = only(review.events, "ACCUSE")
    assert investigation.trigger == "reviewing" and investigation.cameo == "090"
    assert investigation.actor == ["E1"] and investigation.recipient == ["E2"]


# -- a document's act (issue 11, issue 12) ------------------------------------------------------


def test_an_issued_document_tells_its_participles_act(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {
        "E1": ("ORG", ["Iranian embassy"]),
        "E2": ("LOCATION", ["Britain"]),
        "E3": ("ORG", ["trade union"]),
        "E4": ("ORG", ["port authority"]),
    }
    relative = build(
        nlp,
        "The Iranian embassy issued a statement that criticised Britain for the seizure.",
        entities,
    )
    accusation = only(relative.events, "ACCUSE")
    assert accusation.actor == ["E1"] and accusation.recipient == ["E2"]
    assert all(e.trigger != "issued" for e in relative.events)
    signed = build(
        nlp,
        "The trade union signed a letter urging the port authority to reopen the docks.",
        entities,
    )
    request = only(signed.events, "REQUEST")
    assert request.actor == ["E3"] and request.recipient == ["E4"]
    assert all(e.trigger != "signed" for e in signed.events)


def test_a_relative_clause_on_a_thing_that_is_no_document_has_no_issuer(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "The Iranian embassy condemned a raid that killed Britain's envoy.",
        {"E1": ("ORG", ["Iranian embassy"]), "E2": ("LOCATION", ["Britain"])},
    )
    assert all(e.actor != ["E1"] for e in analysis.events if e.trigger == "killed")
