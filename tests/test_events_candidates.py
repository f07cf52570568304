"""Finding more of an article's events: idioms coded by their whole phrase, acts whose doer is
told elsewhere (a quotation's speaker, the article's police force), nominal events whose
giver follows "from" (invented news sentences, hand-built entity sections)."""

from __future__ import annotations

from dateline.events.stage import find_events
from dateline.model import Analysis
from dateline.stage import Parsed
from test_events import build, only


def _with_sectors(nlp, body: str, entities: dict, sectors: dict[str, str]) -> Analysis:  # type: ignore[no-untyped-def]
    """``build``'s analysis with the entities' sectors set, its events found again."""
    base = build(nlp, body, entities, keep_unattributed=True)
    coded = [e.model_copy(update={"sector": sectors.get(e.id)}) for e in base.entities]
    analysis = base.model_copy(update={"entities": coded, "events": []})
    parsed = Parsed(nlp(analysis.article.text), nlp)
    events = find_events(analysis, parsed, keep_unattributed=True, confidence="rules")
    return analysis.model_copy(update={"events": events})


def test_a_plea_in_court_admits_or_denies_the_charge(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("PERSON", ["Carl Meyer"])}
    admitted = build(nlp, "Carl Meyer pleaded guilty to fraud on Monday.", entities)
    assert only(admitted.events, "CONCEDE").actor == ["E1"]
    denied = build(nlp, "Carl Meyer pleaded not guilty to fraud on Monday.", entities)
    assert only(denied.events, "REJECT").trigger == "pleaded"
    assert not [e for e in denied.events if e.type in {"REQUEST", "CONCEDE"}]


def test_warning_or_pressing_someone_to_act_is_a_demand(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("LOCATION", ["Norway"]), "E2": ("LOCATION", ["Sweden"])}
    warned = build(nlp, "Norway warned Sweden to halt the drilling at once.", entities)
    request = only(warned.events, "REQUEST")
    assert request.trigger == "warned"
    assert request.actor == ["E1"] and request.recipient == ["E2"]
    pressed = build(nlp, "Norway has been pressuring Sweden to close the border.", entities)
    assert only(pressed.events, "REQUEST").recipient == ["E2"]
    assert [e.type for e in pressed.events if e.trigger == "pressuring"] == ["REQUEST"]
    # A warning with no act asked for stays a threat.
    threat = build(nlp, "Norway warned Sweden of serious consequences.", entities)
    assert only(threat.events, "THREATEN").actor == ["E1"]


def test_attacking_a_rival_for_a_deed_is_criticism_but_not_an_attack_for_hours(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("PERSON", ["Senator Ruiz"]), "E2": ("PERSON", ["Governor Holt"])}
    blamed = build(nlp, "Senator Ruiz attacked Governor Holt for her vote on the budget.", entities)
    accusation = only(blamed.events, "ACCUSE")
    assert accusation.actor == ["E1"] and accusation.recipient == ["E2"]
    assert not [e for e in blamed.events if e.type == "ASSAULT"]
    described = build(nlp, "Senator Ruiz blasted Governor Holt as a coward.", entities)
    assert only(described.events, "ACCUSE").trigger == "blasted"
    fighting = build(
        nlp,
        "The rebels attacked the army base for three hours.",
        {"E1": ("GROUP", ["rebels"]), "E2": ("ORG", ["army"])},
    )
    assert only(fighting.events, "ASSAULT").trigger == "attacked"


def test_signing_a_deal_is_an_agreement_and_an_invasion_an_assault(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("LOCATION", ["Chile"]), "E2": ("LOCATION", ["Peru"])}
    signed = build(nlp, "Chile signed a border treaty with Peru on Friday.", entities)
    assert only(signed.events, "AGREE").trigger == "signed"
    assert not [e for e in signed.events if e.type == "SUPPORT"]
    invaded = build(nlp, "Chile invaded Peru in 1879.", entities)
    assault = only(invaded.events, "ASSAULT")
    assert assault.actor == ["E1"] and assault.recipient == ["E2"]


def test_pledging_to_impose_sanctions_is_a_threat(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "The council condemned the test and pledged to impose further sanctions on Iran.",
        {"E1": ("ORG", ["council"]), "E2": ("LOCATION", ["Iran"])},
    )
    threat = only(analysis.events, "THREATEN")
    assert threat.trigger == "pledged" and threat.actor == ["E1"] and threat.recipient == ["E2"]
    assert not [e for e in analysis.events if e.type in {"AGREE", "SANCTION"}]


def test_a_quoted_we_is_the_quotations_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("PERSON", ["Mayor Dana Cole"]), "E2": ("ORG", ["housing ministry"])}
    body = "“We will keep working with the housing ministry,” Mayor Dana Cole said on Monday."
    quote = (body.index("“"), body.index("”") + 1, "E1")
    analysis = build(nlp, body, entities, quotes=[quote], keep_unattributed=True)
    cooperation = only(analysis.events, "COOPERATE")
    assert cooperation.actor == ["E1"] and cooperation.recipient == ["E2"]
    # Outside a quotation "we" names nobody the article knows.
    unquoted = build(
        nlp, "We will keep working with the housing ministry.", entities, keep_unattributed=True
    )
    assert all(e.actor == [] for e in unquoted.events)


def test_a_quoted_we_of_a_feeling_or_beside_another_subject_is_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("PERSON", ["Mayor Dana Cole"]), "E2": ("GROUP", ["council"])}
    body = "“We are deeply disappointed with the council’s decision,” Mayor Dana Cole said."
    quote = (body.index("“"), body.index("”") + 1, "E1")
    analysis = build(nlp, body, entities, quotes=[quote], keep_unattributed=True)
    # "we" is the subject of "are", which holds the adjective the act is told by.
    blame = only(analysis.events, "ACCUSE")
    assert blame.actor == ["E1"] and blame.recipient == ["E2"]
    entities = {"E1": ("PERSON", ["Mayor Dana Cole"]), "E2": ("GROUP", ["union"])}
    body = "“The union has failed the workers, and we call for a new vote,” Mayor Dana Cole said."
    quote = (body.index("“"), body.index("”") + 1, "E1")
    analysis = build(nlp, body, entities, quotes=[quote], keep_unattributed=True)
    # The clause's own subject is "we": the union, subject of the clause before, is not who
    # calls for the vote.
    call = next(e for e in analysis.events if e.trigger.startswith("call"))
    assert call.actor == ["E1"]


def test_a_pronoun_for_two_parties_named_together_is_both(analyze) -> None:  # type: ignore[no-untyped-def]
    body = "Japan and South Korea held talks in Seoul on Monday. China criticized them on Tuesday."
    analysis = analyze(body, "2024-03-12")
    ids = {e.name: e.id for e in analysis.entities}
    criticism = next(e for e in analysis.events if e.trigger == "criticized")
    assert criticism.actor == [ids["China"]]
    assert criticism.recipient == [ids["Japan"], ids["South Korea"]]
    body = "Senator Ann Reyes and Governor Tom Cole said they would sue the Acme Corporation."
    analysis = analyze(body, "2024-03-12")
    ids = {e.name: e.id for e in analysis.entities}
    suit = next(e for e in analysis.events if e.trigger == "sue")
    assert suit.actor == [ids["Ann Reyes"], ids["Tom Cole"]]


def test_an_arrest_told_without_its_doer_is_the_police_forces(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {
        "E1": ("ORG", ["Riverton Police"]),
        "E2": ("PERSON", ["Tom Hale"]),
        "E3": ("ORG", ["county court"]),
    }
    body = (
        "Riverton Police searched the warehouse on Monday. Tom Hale was arrested at the scene "
        "and faces charges of theft. Tom Hale was later sentenced by the county court."
    )
    analysis = _with_sectors(nlp, body, entities, {"E1": "COP", "E3": "JUD"})
    told = {e.trigger: e for e in analysis.events}
    arrest, charge = told["arrested"], told["charges"]
    assert arrest.type == "COERCE" and arrest.actor == ["E1"] and arrest.recipient == ["E2"]
    assert charge.type == "ACCUSE" and charge.actor == ["E1"] and charge.recipient == ["E2"]
    # The sentence names its doer ("by the county court").
    assert told["sentenced"].actor == ["E3"]
    # Without a police force in the article the arrest has no doer.
    unnamed = _with_sectors(nlp, body, entities, {})
    assert next(e for e in unnamed.events if e.trigger == "arrested").actor == []


def test_one_officer_told_by_an_indefinite_phrase_is_not_the_force_that_arrests(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {
        "E1": ("GROUP", ["An off-duty police officer"]),
        "E2": ("PERSON", ["Tom Hale"]),
        "E3": ("GROUP", ["state police"]),
    }
    body = (
        "An off-duty police officer told the jury about the fight. Tom Hale had been arrested "
        "in three states since 2001."
    )
    alone = _with_sectors(nlp, body, entities, {"E1": "COP"})
    assert next(e for e in alone.events if e.trigger == "arrested").actor == []
    told = "The state police gave evidence first. " + body
    force = _with_sectors(nlp, told, entities, {"E1": "COP", "E3": "COP"})
    assert next(e for e in force.events if e.trigger == "arrested").actor == ["E3"]


def test_a_force_named_long_before_an_agentless_arrest_is_not_its_doer(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("ORG", ["Riverton Police"]), "E2": ("PERSON", ["Tom Hale"])}
    filler = (
        "The harvest was late this year. Rain fell for weeks. The river rose twice. "
        "Farmers waited for the fields to dry. Prices of grain climbed. Markets were quiet. "
    )
    arrest = "Tom Hale was arrested at the border."
    near = _with_sectors(
        nlp, "Riverton Police searched the farm. " + arrest, entities, {"E1": "COP"}
    )
    assert next(e for e in near.events if e.trigger == "arrested").actor == ["E1"]
    # Six sentences between: the reader no longer has the force in mind.
    far = _with_sectors(
        nlp, "Riverton Police searched the farm. " + filler + arrest, entities, {"E1": "COP"}
    )
    assert next(e for e in far.events if e.trigger == "arrested").actor == []


def test_a_sentence_without_its_doer_is_the_courts_not_the_polices(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {
        "E1": ("ORG", ["Riverton Police"]),
        "E2": ("PERSON", ["Tom Hale"]),
        "E3": ("ORG", ["county court"]),
    }
    body = "The county court heard the case. Riverton Police said Tom Hale was sentenced to a year."
    analysis = _with_sectors(nlp, body, entities, {"E1": "COP", "E3": "JUD"})
    sentence = only(analysis.events, "COERCE")
    assert sentence.actor == ["E3"]


def test_praise_from_someone_names_who_praises(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Senator Ruiz said praise from Governor Holt was welcome.",
        {"E1": ("PERSON", ["Senator Ruiz"]), "E2": ("PERSON", ["Governor Holt"])},
        keep_unattributed=True,
    )
    praise = next(e for e in analysis.events if e.trigger == "praise")
    assert praise.type == "SUPPORT" and praise.actor == ["E2"]


def test_dropped_charges_are_a_concession_and_a_suspect_held_is_detained(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("PERSON", ["Lena Park"]), "E2": ("ORG", ["city prosecutors"])}
    dropped = build(
        nlp, "The city prosecutors dropped the charges against Lena Park on Friday.", entities
    )
    concession = only(dropped.events, "CONCEDE")
    assert concession.trigger == "dropped" and concession.actor == ["E2"]
    # Prices and ratings drop without anyone giving anything up.
    prices = build(nlp, "Lena Park said fuel prices dropped sharply in May.", entities)
    assert not [e for e in prices.events if e.trigger == "dropped"]
    held = build(
        nlp, "Lena Park was held without bail on Tuesday.", entities, keep_unattributed=True
    )
    detention = only(held.events, "COERCE")
    assert detention.trigger == "held" and detention.recipient == ["E1"]
    meeting = build(nlp, "Lena Park held a rally in the square.", entities)
    assert not [e for e in meeting.events if e.type == "COERCE"]


def test_questioned_and_remanded_are_events(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("ORG", ["Detectives"]), "E2": ("PERSON", ["Omar Reed"])}
    questioned = build(nlp, "Detectives questioned Omar Reed about the fire.", entities)
    assert only(questioned.events, "ACCUSE").recipient == ["E2"]
    remanded = build(
        nlp, "Omar Reed was remanded in custody until March.", entities, keep_unattributed=True
    )
    assert only(remanded.events, "COERCE").trigger == "remanded"


def test_a_guilty_verdict_is_the_courts_coercion(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("ORG", ["Lakeside district court"]), "E2": ("PERSON", ["Dana Pruitt"])}
    body = (
        "Dana Pruitt stood trial at the Lakeside district court in May. Dana Pruitt was "
        "convicted of embezzlement on Friday."
    )
    analysis = _with_sectors(nlp, body, entities, {"E1": "JUD"})
    verdict = next(e for e in analysis.events if e.trigger == "convicted")
    assert verdict.type == "COERCE" and verdict.actor == ["E1"] and verdict.recipient == ["E2"]
    found = build(
        nlp,
        "A jury in Lakeside district court found Dana Pruitt guilty of embezzlement.",
        entities,
        keep_unattributed=True,
    )
    assert only(found.events, "COERCE").trigger == "found"
    acquitted = build(
        nlp,
        "A jury in Lakeside district court found Dana Pruitt not guilty of embezzlement.",
        entities,
        keep_unattributed=True,
    )
    assert not [e for e in acquitted.events if e.type == "COERCE"]


def test_acquisitions_and_mergers_are_agreements(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("ORG", ["Harbor Mills Inc."]), "E2": ("ORG", ["Calder Foods"])}
    bought = build(nlp, "Harbor Mills Inc. bought Calder Foods for $40 million.", entities)
    assert only(bought.events, "AGREE").actor == ["E1"]
    assert not [e for e in bought.events if e.type == "COOPERATE"]
    noun = build(
        nlp,
        "Harbor Mills Inc. completed the acquisition of Calder Foods on Monday.",
        entities,
        keep_unattributed=True,
    )
    assert only(noun.events, "AGREE").trigger == "acquisition"
    sold = build(nlp, "Calder Foods sold its bakery unit to Harbor Mills Inc. in June.", entities)
    assert only(sold.events, "AGREE").actor == ["E2"]
    # Selling with no buyer named, and sales as business figures, are no event.
    figures = build(
        nlp,
        "Calder Foods sold more bread this year, and sales of its cakes rose sharply.",
        entities,
        keep_unattributed=True,
    )
    assert not [e for e in figures.events if e.type == "AGREE"]


def test_searches_warrants_and_manhunts_coerce(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("ORG", ["Brookfield Police"]), "E2": ("PERSON", ["Lee Carver"])}
    searched = build(nlp, "Brookfield Police searched the home of Lee Carver.", entities)
    assert only(searched.events, "COERCE").actor == ["E1"]
    assert not [e for e in searched.events if e.type == "ACCUSE"]
    warrant = build(nlp, "Brookfield Police issued a warrant for Lee Carver.", entities)
    assert only(warrant.events, "COERCE").trigger == "warrant"
    hunt = build(
        nlp,
        "Brookfield Police launched a manhunt for Lee Carver on Sunday.",
        entities,
    )
    assert only(hunt.events, "COERCE").trigger == "manhunt"


def test_a_hostile_act_on_a_condition_or_held_ready_is_a_threat(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("LOCATION", ["Veldoria"]), "E2": ("LOCATION", ["Ostrava"])}
    conditional = build(
        nlp,
        "Veldoria said it would bomb Ostrava unless the troops withdrew.",
        entities,
    )
    threat = only(conditional.events, "THREATEN")
    assert threat.actor == ["E1"] and threat.recipient == ["E2"]
    assert not [e for e in conditional.events if e.type == "ASSAULT"]
    ready = build(nlp, "Veldoria is ready to attack Ostrava.", entities)
    assert only(ready.events, "THREATEN").trigger == "attack"
    # A hostile act told as done stays the act.
    done = build(nlp, "Veldoria bombed Ostrava on Tuesday.", entities)
    assert only(done.events, "ASSAULT").actor == ["E1"]


def test_a_lemma_stripped_of_its_final_e_is_repaired(nlp) -> None:  # type: ignore[no-untyped-def]
    # The small model lemmatizes "fined" as "fin": the verb is still "fine".
    entities = {"E1": ("ORG", ["Harbor Mills Inc."]), "E2": ("ORG", ["Trade Commission"])}
    fined = build(nlp, "The Trade Commission fined Harbor Mills Inc. $2 million.", entities)
    penalty = only(fined.events, "SANCTION")
    assert penalty.actor == ["E2"] and penalty.recipient == ["E1"]


def test_a_ban_is_a_sanction(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("ORG", ["Lakeland Council"]), "E2": ("LOCATION", ["Ostrava"])}
    banned = build(nlp, "Lakeland Council banned poultry imports from Ostrava on Monday.", entities)
    assert only(banned.events, "SANCTION").actor == ["E1"]
    assert not [e for e in banned.events if e.type == "COERCE"]


def test_lifting_a_ban_is_a_concession_not_a_new_sanction(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("ORG", ["Lakeland Council"]), "E2": ("LOCATION", ["Ostrava"])}
    lifted = build(
        nlp, "Lakeland Council lifted its ban on poultry from Ostrava on Monday.", entities
    )
    concession = only(lifted.events, "CONCEDE")
    assert concession.trigger == "lifted" and concession.actor == ["E1"]
    # The ban was imposed earlier: lifting it tells no sanction of its own.
    assert not [e for e in lifted.events if e.type in {"SANCTION", "RETREAT"}]
    eased = build(nlp, "Lakeland Council eased the restrictions on farms near Ostrava.", entities)
    assert only(eased.events, "CONCEDE").actor == ["E1"]
    assert not [e for e in eased.events if e.type == "SANCTION"]
    # Imposed, a restriction is the sanction.
    imposed = build(
        nlp,
        "Lakeland Council issued new restrictions on farms near Ostrava.",
        entities,
        keep_unattributed=True,
    )
    assert only(imposed.events, "SANCTION").trigger == "restrictions"


def test_joint_statements_and_accession_cooperate(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("LOCATION", ["Veldoria"]), "E2": ("LOCATION", ["Ostrava"])}
    joint = build(
        nlp,
        "Veldoria and Ostrava issued a joint statement on fishing rights on Friday.",
        entities,
        keep_unattributed=True,
    )
    assert only(joint.events, "COOPERATE").trigger == "statement"
    # A statement of one party is no event.
    alone = build(
        nlp, "Veldoria issued a statement on fishing rights.", entities, keep_unattributed=True
    )
    assert not [e for e in alone.events if e.type == "COOPERATE"]
    joined = build(
        nlp,
        "Veldoria's accession to the Northern Pact was completed on Friday.",
        {"E1": ("LOCATION", ["Veldoria"]), "E2": ("ORG", ["Northern Pact"])},
        keep_unattributed=True,
    )
    assert only(joined.events, "COOPERATE").trigger == "accession"


def test_verbs_of_rejecting_detaining_and_summoning_by_subpoena(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("ORG", ["Harbor Committee"]), "E2": ("PERSON", ["Lee Carver"])}
    subpoena = build(nlp, "The Harbor Committee subpoenaed Lee Carver on Tuesday.", entities)
    request = only(subpoena.events, "REQUEST")
    assert request.actor == ["E1"] and request.recipient == ["E2"]
    resisted = build(
        nlp, "Lee Carver resisted the Harbor Committee's attempts to inspect the site.", entities
    )
    assert only(resisted.events, "REJECT").actor == ["E2"]
    police = {"E1": ("ORG", ["Brookfield Police"]), "E2": ("PERSON", ["Lee Carver"])}
    cuffed = build(nlp, "Brookfield Police handcuffed Lee Carver outside the bank.", police)
    assert only(cuffed.events, "COERCE").recipient == ["E2"]
    cited = build(nlp, "Lee Carver was cited by Brookfield Police for speeding.", police)
    citation = only(cited.events, "ACCUSE")
    assert citation.actor == ["E1"] and citation.recipient == ["E2"]
    # Citing a reason accuses nobody.
    reason = build(nlp, "Lee Carver resigned, citing poor health.", police)
    assert not [e for e in reason.events if e.type == "ACCUSE"]


def test_a_granted_request_concedes_and_a_summoned_envoy_is_criticised(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("LOCATION", ["Veldoria"]), "E2": ("PERSON", ["Lee Carver"])}
    visa = build(nlp, "Veldoria granted Lee Carver a visa on Monday.", entities)
    assert only(visa.events, "CONCEDE").actor == ["E1"]
    assert not [e for e in visa.events if e.type == "AID"]
    # Granted money stays aid.
    aid = build(nlp, "Veldoria granted Lee Carver $5 million in aid.", entities)
    assert [e.type for e in aid.events if e.trigger == "granted"] == ["AID"]
    states = {"E1": ("LOCATION", ["Veldoria"]), "E2": ("LOCATION", ["Ostrava"])}
    summoned = build(nlp, "Veldoria summoned the ambassador of Ostrava on Tuesday.", states)
    protest = only(summoned.events, "ACCUSE")
    assert protest.trigger == "summoned" and protest.actor == ["E1"]


def test_a_strike_is_typed_by_what_names_it(nlp) -> None:  # type: ignore[no-untyped-def]
    states = {"E1": ("LOCATION", ["Veldoria"]), "E2": ("LOCATION", ["Ostrava"])}
    drone = build(nlp, "Veldoria launched a drone strike on Ostrava on Monday.", states)
    assert only(drone.events, "ASSAULT").trigger == "strike"
    union = {"E1": ("ORG", ["Harbor Workers Union"])}
    walkout = build(nlp, "The Harbor Workers Union began a nationwide strike on Monday.", union)
    assert only(walkout.events, "PROTEST").actor == ["E1"]
    # A goal scored is no event.
    goal = build(
        nlp,
        "Lee Carver's strike in the 80th minute won the match.",
        {"E1": ("PERSON", ["Lee Carver"])},
        keep_unattributed=True,
    )
    assert not goal.events


def test_an_act_undergone_names_its_doer_after_from_and_its_target_as_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    people = {"E1": ("PERSON", ["Dana Whitfield"]), "E2": ("PERSON", ["Owen Castellano"])}
    for body, kind in (
        (
            "Dana Whitfield's account of the vote drew a sharp rebuke from Owen Castellano.",
            "ACCUSE",
        ),
        ("Dana Whitfield drew fierce criticism from Owen Castellano on Monday.", "ACCUSE"),
        ("Dana Whitfield received a warning from Owen Castellano.", "THREATEN"),
        # Enduring or suffering an act: the one who endures it is its target.
        (
            "Dana Whitfield quit on Friday after enduring a week of criticism from Owen "
            "Castellano.",
            "ACCUSE",
        ),
        ("Dana Whitfield suffered a sharp rebuke from Owen Castellano.", "ACCUSE"),
    ):
        analysis = build(nlp, body, people, keep_unattributed=True, confidence="rules")
        event = only(analysis.events, kind)
        assert (event.actor, event.recipient) == (["E2"], ["E1"]), body


def test_an_infinitive_on_a_plan_or_warrant_is_done_by_its_holder(nlp) -> None:  # type: ignore[no-untyped-def]
    firms = {"E1": ("ORG", ["Harlow Foods"]), "E2": ("ORG", ["Pell Dairies"])}
    announced = build(
        nlp, "Harlow Foods announced plans to acquire Pell Dairies.", firms, keep_unattributed=True
    )
    purchase = only([e for e in announced.events if e.trigger == "acquire"], "AGREE")
    assert purchase.actor == ["E1"] and purchase.recipient == ["E2"]
    police = {"E1": ("ORG", ["Dunmore Police"]), "E2": ("PERSON", ["Ada Brill"])}
    warrant = build(
        nlp, "Dunmore Police obtained a warrant to search the home of Ada Brill.", police
    )
    assert only(warrant.events, "COERCE").actor == ["E1"]
    # A plan judged by another is not the judge's: the critics do not close the mine.
    critics = {"E1": ("GROUP", ["Greens"]), "E2": ("ORG", ["Harlow Foods"])}
    opposed = build(
        nlp,
        "The Greens opposed the plan to sue Harlow Foods.",
        critics,
        keep_unattributed=True,
    )
    assert all(e.actor != ["E1"] for e in opposed.events if e.trigger == "sue")


def test_telling_someone_to_act_is_a_demand(nlp) -> None:  # type: ignore[no-untyped-def]
    people = {"E1": ("PERSON", ["Mayor Okafor"]), "E2": ("PERSON", ["Chief Lund"])}
    told = build(nlp, "Mayor Okafor told Chief Lund to resign by Friday.", people)
    demand = only(told.events, "REQUEST")
    assert demand.trigger == "told"
    assert demand.actor == ["E1"] and demand.recipient == ["E2"]
    # Telling someone a thing is no demand.
    informed = build(nlp, "Mayor Okafor told Chief Lund that the budget was late.", people)
    assert not [e for e in informed.events if e.type == "REQUEST"]


def test_a_deed_after_or_before_meeting_someone_is_the_subjects(nlp) -> None:  # type: ignore[no-untyped-def]
    people = {
        "E1": ("PERSON", ["Senator Ruiz"]),
        "E2": ("PERSON", ["Governor Holt"]),
        "E3": ("PERSON", ["Mayor Okafor"]),
    }
    after = build(nlp, "Senator Ruiz met Governor Holt after criticising Mayor Okafor.", people)
    criticism = only(after.events, "ACCUSE")
    assert criticism.actor == ["E1"] and criticism.recipient == ["E3"]
    # "blamed X for V-ing" still makes X the doer of the deed.
    blamed = build(
        nlp,
        "Senator Ruiz blamed Governor Holt for attacking Mayor Okafor.",
        people,
        keep_unattributed=True,
    )
    assert all(e.actor != ["E1"] for e in blamed.events if e.trigger == "attacking")


def test_an_inquiry_concerning_a_party_is_aimed_at_it(nlp) -> None:  # type: ignore[no-untyped-def]
    parties = {"E1": ("ORG", ["Revenue Office"]), "E2": ("PERSON", ["Mayor Okafor"])}
    opened = build(
        nlp,
        "The Revenue Office opened an inquiry concerning Mayor Okafor's tax returns.",
        parties,
    )
    inquiry = only(opened.events, "ACCUSE")
    assert inquiry.actor == ["E1"] and inquiry.recipient == ["E2"]


def test_calling_upon_someone_to_act_is_an_appeal(nlp) -> None:  # type: ignore[no-untyped-def]
    parties = {"E1": ("ORG", ["Andean League"]), "E2": ("LOCATION", ["Velmora"])}
    called = build(nlp, "The Andean League called upon Velmora to free the students.", parties)
    appeal = only(called.events, "REQUEST")
    assert appeal.actor == ["E1"] and appeal.recipient == ["E2"]


def test_an_unlinked_pronoun_doer_is_the_nearest_fitting_subject_before(nlp) -> None:  # type: ignore[no-untyped-def]
    people = {"E1": ("PERSON", ["Senator Maria Ortiz"]), "E2": ("ORG", ["Halvorsen Group"])}
    body = (
        "Senator Maria Ortiz spoke at a rally in the capital on Monday. "
        "She condemned the Halvorsen Group for the layoffs."
    )
    condemned = only(build(nlp, body, people, keep_unattributed=True).events, "ACCUSE")
    assert condemned.actor == ["E1"] and condemned.recipient == ["E2"]
    body = (
        "The Halvorsen Group reported record profits on Monday. "
        "It accused the dockworkers union of spreading lies."
    )
    bodies = {"E1": ("ORG", ["Halvorsen Group"]), "E2": ("ORG", ["dockworkers union"])}
    accused = only(build(nlp, body, bodies, keep_unattributed=True).events, "ACCUSE")
    assert accused.actor == ["E1"] and accused.recipient == ["E2"]
    body = (
        "Farmers United staged a march through the city on Friday. "
        "They demanded that the government lower fuel taxes."
    )
    group = {"E1": ("ORG", ["Farmers United"]), "E2": ("ORG", ["government"])}
    demand = only(build(nlp, body, group, keep_unattributed=True).events, "REQUEST")
    assert demand.actor == ["E1"]


def test_an_unlinked_pronoun_after_an_unnamed_subject_names_no_doer(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("PERSON", ["Senator Maria Ortiz"]), "E2": ("ORG", ["Halvorsen Group"])}
    body = (
        "Senator Maria Ortiz toured the plant on Monday. A security guard spoke to reporters "
        "at the gate. He condemned the Halvorsen Group for the layoffs."
    )
    events = build(nlp, body, entities, keep_unattributed=True).events
    assert not [e for e in events if e.type == "ACCUSE" and e.actor]
    # "he" never stands for a woman the article calls "she".
    body = (
        "Senator Maria Ortiz said she was tired. Senator Ortiz left early. "
        "He condemned the Halvorsen Group for the layoffs."
    )
    women = {
        "E1": ("PERSON", ["Senator Maria Ortiz", "Senator Ortiz", "she"]),
        "E2": entities["E2"],
    }
    events = build(nlp, body, women, keep_unattributed=True).events
    assert not [e for e in events if e.type == "ACCUSE" and e.actor]


def test_its_act_is_the_fitting_party_told_before_it_in_its_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {
        "E1": ("ORG", ["Western governments"]),
        "E2": ("LOCATION", ["Veldoria"]),
        "E3": ("LOCATION", ["Marsovia"]),
    }
    body = "Western governments froze the assets of Veldoria after its invasion of Marsovia."
    places = {"Veldoria": ("E2", "country"), "Marsovia": ("E3", "country")}
    analysis = build(nlp, body, entities, places=places, keep_unattributed=True)
    invasion = only(analysis.events, "ASSAULT")
    assert invasion.actor == ["E2"] and invasion.recipient == ["E3"]


def test_the_subject_of_a_relative_clause_is_not_the_noun_it_describes(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("ORG", ["Acme Corp"]), "E2": ("ORG", ["Bolt Energy"])}
    body = "Acme Corp cut 300 jobs at Bolt Energy, which it acquired in 2019."
    analysis = build(nlp, body, entities, keep_unattributed=True)
    acquired = [e for e in analysis.events if e.trigger == "acquired"]
    assert acquired and all(e.actor == ["E1"] for e in acquired)
