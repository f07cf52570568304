"""Actor and recipient attachment on invented news sentences (hand-built entity sections)."""

from __future__ import annotations

from test_events import build, only


def test_dateline_place_is_never_the_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "LIMA, Peru (Reuters) - Chilean Foreign Minister Ana Rojas on Tuesday accused Bolivia "
        "of blocking the border talks.",
        {
            "E1": ("LOCATION", ["Peru"]),
            "E2": ("PERSON", ["Ana Rojas"]),
            "E3": ("LOCATION", ["Bolivia"]),
        },
    )
    accusation = only(analysis.events, "ACCUSE")
    assert accusation.actor == ["E2"] and accusation.recipient == ["E3"]
    assert all("E1" not in [*e.actor, *e.recipient] for e in analysis.events)


def test_possessive_critic_and_the_owner_of_the_object_are_recipients(nlp) -> None:  # type: ignore[no-untyped-def]
    criticism = build(
        nlp,
        "Senator Lopez's criticism of Governor Hale dominated the debate.",
        {"E1": ("PERSON", ["Senator Lopez"]), "E2": ("PERSON", ["Governor Hale"])},
    )
    event = only(criticism.events, "ACCUSE")
    assert event.actor == ["E1"] and event.recipient == ["E2"]
    mocked = build(
        nlp,
        "Maria Lopez mocked the qualifications of Daniel Hale at a rally on Friday.",
        {"E1": ("PERSON", ["Maria Lopez"]), "E2": ("PERSON", ["Daniel Hale"])},
    )
    event = only(mocked.events, "ACCUSE")
    assert event.actor == ["E1"] and event.recipient == ["E2"]


def test_active_verb_joined_to_a_reported_passive_takes_the_reporter(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Human rights commissioner Lena Ortiz's office said the deaths were caused by gunshot "
        "wounds and called on the army to withdraw its units from the city.",
        {"E1": ("PERSON", ["Lena Ortiz"]), "E2": ("ORG", ["army"])},
    )
    appeal = only(analysis.events, "REQUEST")
    assert appeal.actor == ["E1"] and appeal.recipient == ["E2"]


def test_they_after_an_unnamed_plural_subject_is_not_the_named_group(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "The two aid workers had been held by the Revolutionary Front since 2019. "
        "Both men said that they were treated well and asked their governments for help."
    )
    front = [e for e in analysis.entities if "Revolutionary Front" in e.name]
    assert front, [e.name for e in analysis.entities]
    assert all(m.text.lower() != "they" for e in front for m in e.mentions)


def test_a_subject_after_the_dateline_wins_over_the_dateline_place(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "BERLIN (AP) — The Merkel administration on Friday officially accused Belarus of "
        "jamming flights.",
        {
            "E1": ("LOCATION", ["BERLIN"]),
            "E2": ("GROUP", ["The Merkel administration"]),
            "E3": ("LOCATION", ["Belarus"]),
        },
    )
    accusation = only(analysis.events, "ACCUSE")
    assert accusation.actor == ["E2"] and accusation.recipient == ["E3"]


def test_a_city_joined_to_another_subject_stands_for_its_government(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Ankara and the rebel council have been holding direct talks since March.",
        {"E1": ("LOCATION", ["Ankara"]), "E2": ("GROUP", ["rebel council"])},
        places={"Ankara": ("E1", "city")},
    )
    talks = only(analysis.events, "CONSULT")
    assert {*talks.actor, *talks.recipient} == {"E1", "E2"}


def test_both_sides_of_a_hyphened_pair_meet(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Investors waited for news of the Peru-Chile border talks on Monday.",
        {"E1": ("LOCATION", ["Peru"]), "E2": ("LOCATION", ["Chile"])},
    )
    talks = only(analysis.events, "CONSULT")
    assert {*talks.actor, *talks.recipient} == {"E1", "E2"}


def test_who_after_a_comma_is_the_name_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "He hoped for talks between the council and the Northern Front, who have long refused "
        "to negotiate with Dakar.",
        {"E1": ("GROUP", ["Northern Front"]), "E2": ("LOCATION", ["Dakar"])},
        keep_unattributed=True,
    )
    refusal = only(analysis.events, "REJECT")
    assert refusal.actor == ["E1"] and refusal.recipient == ["E2"]


def test_to_death_is_no_party_of_a_passive(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Carl Mertens was stabbed to death at his home in Bonn on Sunday.",
        {"E1": ("PERSON", ["Carl Mertens"])},
        keep_unattributed=True,
    )
    stabbing = only(analysis.events, "ASSAULT")
    assert stabbing.actor == [] and stabbing.recipient == ["E1"]


def test_called_on_with_on_as_a_particle_names_whom_it_asks(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "In June, the South Dakota senator called on fellow Republicans to unendorse Brandt "
        "after the mogul claimed that a judge presiding over a lawsuit was unfit.",
        {
            "E1": ("GROUP", ["South Dakota senator"]),
            "E2": ("ORG", ["Republicans"]),
            "E3": ("PERSON", ["Brandt"]),
        },
    )
    appeal = only(analysis.events, "REQUEST")
    assert appeal.actor == ["E1"] and appeal.recipient == ["E2"]


def test_a_name_in_the_phrase_wins_over_its_pronoun_owner(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Anna Berg phoned her cousin Lena Berg in Riga on Friday.",
        {"E1": ("PERSON", ["Anna Berg", "her"]), "E2": ("PERSON", ["Lena Berg"])},
    )
    call = only(analysis.events, "CONSULT")
    assert {*call.actor, *call.recipient} == {"E1", "E2"}


def test_the_owner_of_an_arrest_is_the_one_arrested(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Tomas Weber's arrest by the border police drew protests.",
        {"E1": ("PERSON", ["Tomas Weber"]), "E2": ("ORG", ["border police"])},
    )
    arrest = only(analysis.events, "COERCE")
    assert arrest.actor == ["E2"] and arrest.recipient == ["E1"]


def test_a_title_parsed_as_its_own_conjunct_is_not_a_second_party(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "Putin said he and Turkish President Recep Tayyip Erdogan agreed in a phone call that "
        "the inquiry would go on."
    )
    names = {e.id: e.name for e in analysis.entities}
    agreement = only(analysis.events, "AGREE")
    parties = sorted(names[e] for e in [*agreement.actor, *agreement.recipient])
    assert parties == ["Recep Tayyip Erdogan", "Vladimir Putin"]
    assert not any(e.type == "GROUP" and "President" in e.name for e in analysis.entities)


def test_the_owner_of_a_demanded_removal_and_its_own_party_are_both_recipients(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Northern rebels demanded the removal of Governor Tomas Ekwe and his ruling party at "
        "the talks.",
        {
            "E1": ("GROUP", ["Northern rebels"]),
            "E2": ("PERSON", ["Governor Tomas Ekwe"]),
            "E3": ("GROUP", ["his ruling party"]),
        },
    )
    demand = only(analysis.events, "REQUEST")
    assert demand.actor == ["E1"] and set(demand.recipient) == {"E2", "E3"}


def test_the_actors_own_possessive_is_no_recipient(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "The Nordic Labour Office (NLO) reiterated its demand today that Norway ease restrictions "
        "on the movement of seasonal workers.",
        {"E1": ("ORG", ["Nordic Labour Office", "NLO", "its"]), "E2": ("LOCATION", ["Norway"])},
    )
    demand = only(analysis.events, "REQUEST")
    assert demand.actor == ["E1"] and demand.recipient == ["E2"]


def test_a_passive_without_its_own_subject_is_done_to_the_shared_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Marta Kovac was charged with fraud on Monday, was arrested at her home and is being "
        "held in Zagreb.",
        {"E1": ("PERSON", ["Marta Kovac"])},
        keep_unattributed=True,
    )
    arrest = only(analysis.events, "COERCE")
    assert arrest.actor == [] and arrest.recipient == ["E1"]


def test_a_participle_clause_and_a_joined_participle_are_passive(nlp) -> None:  # type: ignore[no-untyped-def]
    accused = build(
        nlp,
        "Former mayor Ivo Stanek, 52, is now in custody, accused of taking bribes from builders.",
        {"E1": ("PERSON", ["Ivo Stanek"])},
        keep_unattributed=True,
    )
    accusation = only(accused.events, "ACCUSE")
    assert accusation.actor == [] and accusation.recipient == ["E1"]
    wounded = build(
        nlp,
        "Two border guards were shot and wounded at the crossing on Sunday.",
        {"E1": ("GROUP", ["Two border guards"])},
        keep_unattributed=True,
    )
    assert wounded.events and all("E1" not in e.actor for e in wounded.events)


def test_a_headline_participle_read_as_a_past_tense_is_still_passive(nlp) -> None:  # type: ignore[no-untyped-def]
    # The tagger reads "accused" as a past tense here; with no object and "of" after it, the
    # headline's subject is the one accused, not the accuser.
    headline = build(
        nlp,
        "Woman accused of attacking neighbours with a knife.",
        {"E1": ("PERSON", ["Woman"])},
        keep_unattributed=True,
    )
    accusation = only(headline.events, "ACCUSE")
    assert accusation.actor == [] and accusation.recipient == ["E1"]
    active = build(
        nlp,
        "Mayor Ruth Calder accused the council of wasting money.",
        {"E1": ("PERSON", ["Ruth Calder"]), "E2": ("ORG", ["council"])},
    )
    accusation = only(active.events, "ACCUSE")
    assert accusation.actor == ["E1"] and accusation.recipient == ["E2"]


def test_a_participle_with_its_own_subject_after_a_verb_is_a_passive_small_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    saw = build(
        nlp,
        "Saturday's disorder saw two paramedics assaulted in the town centre.",
        {"E1": ("GROUP", ["two paramedics"])},
        keep_unattributed=True,
    )
    assault = only(saw.events, "ASSAULT")
    assert assault.actor == [] and assault.recipient == ["E1"]


def test_an_unresolved_it_is_never_the_reporting_person(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("PERSON", ["Maria Lopez"]), "E2": ("LOCATION", ["Norway"])}
    told = "Trade minister Maria Lopez said {} would impose sanctions on Norway."
    state = build(nlp, told.format("it"), entities, keep_unattributed=True)
    assert all("E1" not in e.actor for e in state.events)
    herself = build(nlp, told.format("she"), entities)
    assert only(herself.events, "SANCTION").actor == ["E1"]


def test_who_died_is_never_the_doer(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Four miners died on Sunday when a tunnel of the quarry collapsed.",
        {"E1": ("GROUP", ["Four miners"])},
        keep_unattributed=True,
    )
    assert all("E1" not in e.actor for e in analysis.events)


def test_the_condemnation_of_a_thing_is_aimed_at_its_owner(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "The Security Council on Friday issued a strong condemnation of Iran's latest missile "
        "test.",
        {"E1": ("ORG", ["Security Council"]), "E2": ("LOCATION", ["Iran"])},
    )
    condemnation = only(analysis.events, "ACCUSE")
    assert condemnation.actor == ["E1"] and condemnation.recipient == ["E2"]


def test_a_name_in_apposition_says_who_a_description_is(nlp) -> None:  # type: ignore[no-untyped-def]
    # "commander" was linked to the wrong person; the name beside it settles who is meant.
    analysis = build(
        nlp,
        "Pablo Reyes leads the army. Chile accused the rebels' commander, Omar Haidari, of "
        "ordering the raid.",
        {
            "E1": ("LOCATION", ["Chile"]),
            "E2": ("PERSON", ["Pablo Reyes", "commander"]),
            "E3": ("PERSON", ["Omar Haidari"]),
        },
    )
    accusation = only(analysis.events, "ACCUSE")
    assert accusation.actor == ["E1"] and accusation.recipient == ["E3"]
    presenter = build(
        nlp,
        "A former Radio Nord presenter, Laura Finch, had previously denounced the annexation.",
        {"E1": ("ORG", ["Radio Nord"]), "E2": ("PERSON", ["Laura Finch"])},
    )
    assert only(presenter.events, "ACCUSE").actor == ["E2"]


def test_a_description_in_apposition_is_no_name_of_the_phrase(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Senator Ruth Byrne is endorsing Paul Lenz's campaign, the latest turn in a long feud "
        "between the two men.",
        {
            "E1": ("PERSON", ["Ruth Byrne"]),
            "E2": ("PERSON", ["Paul Lenz"]),
            "E3": ("GROUP", ["the two men"]),
        },
    )
    endorsement = only(analysis.events, "SUPPORT")
    assert endorsement.actor == ["E1"] and endorsement.recipient == ["E2"]


def test_me_in_a_quotation_is_its_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    body = '"Karl Dietz blamed me for the collapse of the talks," Ana Ruiz said on Monday.'
    quoted = body.index("Karl"), body.index(',"') + 2
    analysis = build(
        nlp,
        body,
        {"E1": ("PERSON", ["Karl Dietz"]), "E2": ("PERSON", ["Ana Ruiz"])},
        quotes=[(quoted[0] - 1, quoted[1], "E2")],
    )
    blame = only(analysis.events, "ACCUSE")
    assert blame.actor == ["E1"] and blame.recipient == ["E2"]


def test_a_pronoun_never_stands_for_the_object_of_its_own_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    # The entities stage linked "he" to Berg; "he had warned Berg" cannot mean Berg warned Berg.
    analysis = build(
        nlp,
        "Governor Karl Dietz spoke on Monday. Dietz said he had warned Anna Berg of serious "
        "consequences.",
        {"E1": ("PERSON", ["Karl Dietz", "Dietz"]), "E2": ("PERSON", ["Anna Berg", " he "])},
    )
    warning = only(analysis.events, "THREATEN")
    assert warning.actor == ["E1"] and warning.recipient == ["E2"]


def test_a_town_naming_a_thing_or_where_it_is_is_no_recipient(nlp) -> None:  # type: ignore[no-untyped-def]
    agreement = build(
        nlp,
        "Helen Lane has vowed to honor the Geneva agreement on refugees.",
        {"E1": ("PERSON", ["Helen Lane"]), "E2": ("LOCATION", ["Geneva"])},
        places={"Geneva": ("E2", "city")},
    )
    assert only(agreement.events, "AGREE").recipient == []
    inquiry = build(
        nlp,
        "The county sheriff's office investigated the March 7 fire at 12 Harbor Road.",
        {"E1": ("ORG", ["county sheriff's office"]), "E2": ("LOCATION", ["12 Harbor Road"])},
    )
    assert only(inquiry.events, "ACCUSE").recipient == []


def test_two_joined_verbs_share_the_object_of_the_second(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Border police have arrested and charged Ivo Stanek.",
        {"E1": ("GROUP", ["Border police"]), "E2": ("PERSON", ["Ivo Stanek"])},
    )
    arrest = only(analysis.events, "COERCE")
    assert arrest.actor == ["E1"] and arrest.recipient == ["E2"]


def test_a_party_inside_a_subjects_modifier_phrase_is_not_the_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    # "responsible for ... raids targeting the Kenyan police": the police are what the group is
    # known for attacking, not the group; with no entity of its own the subject names no actor.
    analysis = build(
        nlp,
        "A rebel faction responsible for a wave of raids targeting the Kenyan police "
        "condemned the bombing of the market.",
        {"E1": ("GROUP", ["the Kenyan police"])},
    )
    assert all("E1" not in e.actor for e in analysis.events), analysis.events
    named = build(
        nlp,
        "Her cousin Mirela Dragan accused the ministry of lying.",
        {"E1": ("PERSON", ["Mirela Dragan"]), "E2": ("ORG", ["the ministry"])},
    )
    assert only(named.events, "ACCUSE").actor == ["E1"]


def test_an_object_pronoun_stands_for_the_named_subject_of_the_governing_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    # "him" cannot be the guards (the clause's own subject); the sentence is about Weber.
    arrested = build(
        nlp,
        "Paul Weber, 41, was arrested on Friday after store guards detained him near the exit.",
        {"E1": ("PERSON", ["Paul Weber"]), "E2": ("GROUP", ["store guards"])},
    )
    detention = next(e for e in arrested.events if e.trigger == "detained")
    assert detention.actor == ["E2"] and detention.recipient == ["E1"]
    reported = build(
        nlp,
        "Daniel Ruiz said two guards attacked him outside the prison.",
        {"E1": ("PERSON", ["Daniel Ruiz"]), "E2": ("GROUP", ["two guards"])},
    )
    attack = only(reported.events, "ASSAULT")
    assert attack.actor == ["E2"] and attack.recipient == ["E1"]


def test_a_pronoun_is_bound_only_where_its_gender_allows(nlp) -> None:  # type: ignore[no-untyped-def]
    # The article calls Ruiz "she": "him" is someone else, and nobody is guessed.
    woman = build(
        nlp,
        "Carmen Ruiz said two guards attacked him outside the prison. She called the police.",
        {"E1": ("PERSON", ["Carmen Ruiz", "She"]), "E2": ("GROUP", ["two guards"])},
    )
    assert only(woman.events, "ASSAULT").recipient == []
    # An owner ("his appeal") needs the article to call the person "he": without it the
    # pronoun may reach back to anyone told before.
    unknown = build(
        nlp,
        "Ana Rojas said the court rejected his appeal on Monday.",
        {"E1": ("PERSON", ["Ana Rojas"]), "E2": ("ORG", ["the court"])},
    )
    assert all("E1" not in e.recipient for e in unknown.events), unknown.events
    known = build(
        nlp,
        "Tom Berg left the ministry after the premier denied his request. He resigned.",
        {"E1": ("PERSON", ["Tom Berg", "He"]), "E2": ("PERSON", ["the premier"])},
    )
    denial = only(known.events, "REJECT")
    assert denial.actor == ["E2"] and denial.recipient == ["E1"]


def test_the_one_arrested_on_charges_is_the_one_charged(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Mark Ellis, 32, was arrested on charges of armed robbery.",
        {"E1": ("PERSON", ["Mark Ellis"])},
        keep_unattributed=True,
    )
    charge = only(analysis.events, "ACCUSE")
    assert charge.recipient == ["E1"]


def test_a_city_told_as_the_one_to_act_stands_for_its_government(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Moscow insisted that Kyiv withdraw its troops from the border.",
        {"E1": ("LOCATION", ["Moscow"]), "E2": ("LOCATION", ["Kyiv"])},
        places={"Moscow": ("E1", "city"), "Kyiv": ("E2", "city")},
    )
    demand = next(e for e in analysis.events if e.trigger == "insisted")
    assert demand.actor == ["E1"] and demand.recipient == ["E2"]


def test_a_denial_answers_whoever_made_the_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    # The parser reads "US claims that ..." as a clause whose subject is the US.
    analysis = build(
        nlp,
        "The ministry denies US claims that Iran hacked the servers.",
        {"E1": ("ORG", ["The ministry"]), "E2": ("LOCATION", ["US"]), "E3": ("LOCATION", ["Iran"])},
    )
    denial = only(analysis.events, "REJECT")
    assert denial.actor == ["E1"] and denial.recipient == ["E2"]


def test_criticism_of_how_someone_acted_is_aimed_at_them(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Senator Lopez criticized how the ministry handled the floods.",
        {"E1": ("PERSON", ["Senator Lopez"]), "E2": ("ORG", ["the ministry"])},
    )
    criticism = only(analysis.events, "ACCUSE")
    assert criticism.actor == ["E1"] and criticism.recipient == ["E2"]


def test_a_building_or_address_after_at_is_where_not_whom(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Fire officials investigated a blaze at 14 Oak Street on Monday.",
        {"E1": ("GROUP", ["Fire officials"]), "E2": ("FACILITY", ["14 Oak Street"])},
    )
    inquiry = only(analysis.events, "ACCUSE")
    assert inquiry.actor == ["E1"] and inquiry.recipient == []


def _parsed(nlp, words: list[str], heads: list[int], deps: list[str], pos: list[str]):  # type: ignore[no-untyped-def]
    """A sentence with the parse the small model gives similar sentences (set here so that the
    test does not depend on one model's choice)."""
    from spacy.tokens import Doc

    tags = {"PRON": "PRP", "PART": "TO", "PROPN": "NNP", "VERB": "VB"}
    doc = Doc(
        nlp.vocab,
        words=words,
        heads=heads,
        deps=deps,
        pos=pos,
        tags=[tags.get(p, "XX") for p in pos],
        lemmas=[w.lower() for w in words],
        sent_starts=[True] + [False] * (len(words) - 1),
    )
    return doc


def test_a_name_read_as_the_subject_of_an_infinitive_after_with_is_its_object(nlp) -> None:  # type: ignore[no-untyped-def]
    from dateline.events.arguments import EntityIndex, arguments
    from dateline.events.triggers import Trigger

    # "Berg would meet with Ortiz and Hale to settle the dispute", parsed with "Ortiz" as the
    # subject of "settle" hung on "with".
    words = ["Berg", "would", "meet", "with", "Ortiz", "and", "Hale", "to", "settle", "it"]
    heads = [2, 2, 2, 2, 8, 4, 4, 8, 3, 8]
    deps = ["nsubj", "aux", "ROOT", "prep", "nsubj", "cc", "conj", "aux", "pcomp", "dobj"]
    pos = ["PROPN", "AUX", "VERB", "ADP", "PROPN", "CCONJ", "PROPN", "PART", "VERB", "PRON"]
    doc = _parsed(nlp, words, heads, deps, pos)
    spans = [(t.idx, t.idx + len(t), f"E{t.text}") for t in doc if t.pos_ == "PROPN"]
    found = arguments(Trigger(doc[2], "040", symmetric=True, nominal=False), EntityIndex(spans))
    assert found.actor == ["EBerg"] and found.recipient == ["EOrtiz", "EHale"]


def test_the_first_of_two_predicates_after_called_is_who_is_called_so(nlp) -> None:  # type: ignore[no-untyped-def]
    from dateline.events.arguments import EntityIndex, arguments
    from dateline.events.triggers import Trigger

    # "Lopez called Hale a liar", parsed with both "Hale" and "liar" as predicates (oprd).
    words = ["Lopez", "called", "Hale", "a", "liar"]
    heads = [1, 1, 1, 4, 1]
    deps = ["nsubj", "ROOT", "oprd", "det", "oprd"]
    pos = ["PROPN", "VERB", "PROPN", "DET", "NOUN"]
    doc = _parsed(nlp, words, heads, deps, pos)
    spans = [(t.idx, t.idx + len(t), f"E{t.text}") for t in doc if t.pos_ == "PROPN"]
    found = arguments(Trigger(doc[1], "111", symmetric=False, nominal=False), EntityIndex(spans))
    assert found.actor == ["ELopez"] and found.recipient == ["EHale"]


def test_a_rejection_of_what_was_told_before_answers_whoever_told_it(nlp) -> None:  # type: ignore[no-untyped-def]
    accused = build(
        nlp,
        "The ministry accused the rebels of shelling the port. "
        "The rebels rejected these accusations on Sunday.",
        {"E1": ("ORG", ["The ministry"]), "E2": ("GROUP", ["the rebels", "The rebels"])},
    )
    rejection = only(accused.events, "REJECT")
    assert rejection.actor == ["E2"] and rejection.recipient == ["E1"]
    # The one who suggested it is no entity ("some analysts"): no guess further back.
    described = build(
        nlp,
        "Senator Hale praised the bank on Monday. Some analysts suggested a merger. "
        "The bank rejected that suggestion.",
        {"E1": ("PERSON", ["Senator Hale"]), "E2": ("ORG", ["the bank", "The bank"])},
    )
    assert only(described.events, "REJECT").recipient == []


def test_the_named_examples_of_a_described_group_are_its_parties(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "The ministry requested help from aid agencies, including the Red Cross and Oxfam.",
        {
            "E1": ("ORG", ["The ministry"]),
            "E2": ("ORG", ["the Red Cross"]),
            "E3": ("ORG", ["Oxfam"]),
        },
    )
    request = next(e for e in analysis.events if e.trigger == "requested")
    assert request.actor == ["E1"] and request.recipient == ["E2", "E3"]


def test_the_one_asked_for_something_is_named_with_from(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "The mayor sought help on Monday from the army.",
        {"E1": ("PERSON", ["The mayor"]), "E2": ("ORG", ["the army"])},
    )
    request = only(analysis.events, "REQUEST")
    assert request.actor == ["E1"] and request.recipient == ["E2"]


def test_an_allegation_is_aimed_at_the_subject_of_what_is_alleged(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Maria Lopez alleged that the prison guards had taken the money.",
        {"E1": ("PERSON", ["Maria Lopez"]), "E2": ("GROUP", ["the prison guards"])},
    )
    allegation = only(analysis.events, "ACCUSE")
    assert allegation.actor == ["E1"] and allegation.recipient == ["E2"]


def test_a_request_is_made_to_whoever_answers_it(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Governor Hale denied the union's request on Friday.",
        {"E1": ("PERSON", ["Governor Hale"]), "E2": ("ORG", ["the union"])},
    )
    request = only(analysis.events, "REQUEST")
    assert request.actor == ["E2"] and request.recipient == ["E1"]
    denial = only(analysis.events, "REJECT")
    assert denial.actor == ["E1"] and denial.recipient == ["E2"]


def test_an_allegation_told_as_a_passive_accuses_its_agent(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Prosecutors allege the robbery was planned by Tom Baxter.",
        {"E1": ("GROUP", ["Prosecutors"]), "E2": ("PERSON", ["Tom Baxter"])},
    )
    allegation = only(analysis.events, "ACCUSE")
    assert allegation.recipient == ["E2"]


def test_a_passive_without_agent_names_no_one_accused(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "The Rural Workers Union alleged that 14 farmers from Santa Clara were beaten.",
        {"E1": ("ORG", ["Rural Workers Union"]), "E2": ("LOCATION", ["Santa Clara"])},
        keep_unattributed=True,
    )
    allegation = only(analysis.events, "ACCUSE")
    assert allegation.actor == ["E1"] and allegation.recipient == []


def test_a_denial_answers_who_made_the_denied_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Senator Ana Ruiz denied accusations made by Governor Daniel Hale that she had lied.",
        {"E1": ("PERSON", ["Senator Ana Ruiz"]), "E2": ("PERSON", ["Governor Daniel Hale"])},
    )
    denial = only(analysis.events, "REJECT")
    assert denial.actor == ["E1"] and denial.recipient == ["E2"]


def test_a_record_set_by_someone_names_no_one_acted_on(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Rossi broke the scoring record set by Peter Marsh in 1994.",
        {"E1": ("PERSON", ["Rossi"]), "E2": ("PERSON", ["Peter Marsh"])},
        keep_unattributed=True,
    )
    assert all("E2" not in e.recipient for e in analysis.events)


def test_a_protest_against_a_deed_is_aimed_at_its_doer(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "The ministry protested against the decision by Chile to expel its ambassador.",
        {"E1": ("ORG", ["ministry"]), "E2": ("LOCATION", ["Chile"])},
    )
    protest = only(analysis.events, "ACCUSE")
    assert protest.actor == ["E1"] and protest.recipient == ["E2"]


def test_called_for_a_party_to_act_makes_the_demand_of_that_party(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "The Irish government has formally called for Fianna Fail, the ruling party, to be "
        "excluded from the negotiations.",
        {"E1": ("ORG", ["Irish government"]), "E2": ("ORG", ["Fianna Fail"])},
    )
    demand = only(analysis.events, "REQUEST")
    assert demand.actor == ["E1"] and demand.recipient == ["E2"]


def test_a_demand_beside_a_letter_is_made_of_its_addressee(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Maria Lopez wrote to Governor Daniel Hale on Monday, demanding that the clinic be "
        "reopened.",
        {"E1": ("PERSON", ["Maria Lopez"]), "E2": ("PERSON", ["Governor Daniel Hale"])},
    )
    demand = only(analysis.events, "REQUEST")
    assert demand.actor == ["E1"] and demand.recipient == ["E2"]


def test_a_request_told_as_the_occasion_is_made_of_who_acts_on_it(nlp) -> None:  # type: ignore[no-untyped-def]
    freed = build(
        nlp,
        "Police freed the hostages at the request of the Vatican.",
        {"E1": ("ORG", ["Police"]), "E2": ("ORG", ["Vatican"])},
    )
    request = only(freed.events, "REQUEST")
    assert request.actor == ["E2"] and request.recipient == ["E1"]
    reported = build(
        nlp,
        "At the request of the Peruvian government, the spokesman said the Red Cross will send "
        "doctors to the camps.",
        {"E1": ("ORG", ["Peruvian government"]), "E2": ("ORG", ["Red Cross"])},
    )
    request = only(reported.events, "REQUEST")
    assert request.actor == ["E1"] and request.recipient == ["E2"]


def test_a_request_beside_a_passive_names_no_one_asked(nlp) -> None:  # type: ignore[no-untyped-def]
    postponed = build(
        nlp,
        "The talks were postponed at the request of Chile.",
        {"E1": ("LOCATION", ["Chile"])},
    )
    assert only(postponed.events, "REQUEST").recipient == []
    held = build(
        nlp,
        "At a Security Council emergency meeting on the raid, held at the request of France, "
        "Chilean envoy Ana Ruiz denied the charges.",
        {
            "E1": ("ORG", ["Security Council"]),
            "E2": ("LOCATION", ["France"]),
            "E3": ("PERSON", ["Ana Ruiz"]),
        },
    )
    assert "E3" not in only(held.events, "REQUEST").recipient


def test_dismissing_criticism_told_before_answers_the_critic(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Governor Daniel Hale said on Monday that the senator had misled voters. "
        "Senator Ana Ruiz dismissed the criticism.",
        {"E1": ("PERSON", ["Governor Daniel Hale"]), "E2": ("PERSON", ["Senator Ana Ruiz"])},
    )
    dismissal = only(analysis.events, "REJECT")
    assert dismissal.actor == ["E2"] and dismissal.recipient == ["E1"]


def test_questioning_how_someone_acted_is_aimed_at_them(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Delegates questioned how Senator Hale could turn back on a pledge he made to voters.",
        {"E1": ("GROUP", ["Delegates"]), "E2": ("PERSON", ["Senator Hale"])},
    )
    question = only(analysis.events, "ACCUSE")
    assert question.actor == ["E1"] and question.recipient == ["E2"]


def test_a_demand_for_something_is_made_of_whoever_answers_it(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Peru's demand for Baxter's extradition was rejected by the Chilean government.",
        {
            "E1": ("LOCATION", ["Peru"]),
            "E2": ("PERSON", ["Baxter"]),
            "E3": ("ORG", ["Chilean government"]),
        },
    )
    demand = only(analysis.events, "REQUEST")
    assert demand.actor == ["E1"] and demand.recipient == ["E3"]


def test_a_request_filed_with_a_body_is_made_of_it(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "The company filed a request with the Federal Trade Commission for permission to buy "
        "the shares.",
        {"E1": ("ORG", ["company"]), "E2": ("ORG", ["Federal Trade Commission"])},
    )
    request = only(analysis.events, "REQUEST")
    assert request.actor == ["E1"] and request.recipient == ["E2"]


def test_what_is_taken_from_someone_is_done_to_them(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "The protests began after Armenia seized the Lachin district from Azerbaijan in 1992.",
        {
            "E1": ("LOCATION", ["Armenia"]),
            "E2": ("LOCATION", ["Lachin district"]),
            "E3": ("LOCATION", ["Azerbaijan"]),
        },
    )
    seizure = next(e for e in analysis.events if e.trigger == "seized")
    assert seizure.actor == ["E1"] and seizure.recipient == ["E3"]


def test_described_parties_nobody_names_are_actor_and_recipient(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "Officers detained the driver after a chase near the harbour on Monday. "
        "Prosecutors accused the lender of hiding losses from its customers."
    )
    names = {e.id: e.name.lower() for e in analysis.entities}
    detention = next(e for e in analysis.events if e.type == "COERCE")
    assert [names[i] for i in detention.actor] == ["officers"]
    assert [names[i] for i in detention.recipient] == ["driver"]
    accusation = next(e for e in analysis.events if e.type == "ACCUSE")
    assert [names[i] for i in accusation.actor] == ["prosecutors"]
    assert [names[i] for i in accusation.recipient] == ["lender"]


def test_words_said_of_someone_evaluate_them(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        '"The man is a racist and a liar," Ana Ruiz said of Daniel Hale.',
        {"E1": ("PERSON", ["Ana Ruiz"]), "E2": ("PERSON", ["Daniel Hale"])},
    )
    criticism = only(analysis.events, "ACCUSE")
    assert criticism.actor == ["E1"] and criticism.recipient == ["E2"]


def test_relative_clause_on_a_description_apposed_to_a_name_is_that_person(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Ann Reyes, the former Senate leader who negotiated the ceasefire with the rebels, "
        "receives no salary.",
        {
            "E1": ("PERSON", ["Ann Reyes"]),
            "E2": ("ORG", ["Senate"]),
            "E3": ("GROUP", ["the rebels"]),
        },
    )
    talks = only(analysis.events, "CONSULT")
    assert talks.actor == ["E1"]


def test_owner_of_a_nominal_event_told_by_a_verb_of_carrying_it_out(nlp) -> None:  # type: ignore[no-untyped-def]
    completed = build(
        nlp,
        "Harbor Foods Corp. completed the acquisition of Lakeview Dairy Inc. last month.",
        {"E1": ("ORG", ["Harbor Foods Corp."]), "E2": ("ORG", ["Lakeview Dairy Inc."])},
    )
    event = only(completed.events, "AGREE")
    assert event.actor == ["E1"] and event.recipient == ["E2"]
    claimed = build(
        nlp,
        "The Northern Front claimed responsibility for the bombings in Valmora on Sunday.",
        {"E1": ("GROUP", ["The Northern Front"]), "E2": ("LOCATION", ["Valmora"])},
    )
    assert only(claimed.events, "ASSAULT").actor == ["E1"]


def test_of_phrase_of_an_act_one_does_oneself_names_the_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    resignation = build(
        nlp,
        "The scandal forced the resignation of Mayor Ann Reyes on Friday.",
        {"E1": ("PERSON", ["Mayor Ann Reyes"])},
    )
    assert only(resignation.events, "CONCEDE").actor == ["E1"]
    # An act done to someone keeps its "of" phrase as the one acted on.
    arrest = build(
        nlp,
        "Officers confirmed the arrest of Tom Lake in Denver.",
        {"E1": ("GROUP", ["Officers"]), "E2": ("PERSON", ["Tom Lake"])},
    )
    event = only(arrest.events, "COERCE")
    assert "E2" not in event.actor and "E2" in event.recipient


def test_participle_agent_of_a_nominal_event_is_its_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "The inspectors followed the accord signed by Ann Reyes and Omar Haddad in March.",
        {
            "E1": ("GROUP", ["The inspectors"]),
            "E2": ("PERSON", ["Ann Reyes"]),
            "E3": ("PERSON", ["Omar Haddad"]),
        },
    )
    assert only(analysis.events, "AGREE").actor == ["E2", "E3"]


def test_active_participle_describing_a_noun_is_done_by_its_maker(nlp) -> None:  # type: ignore[no-untyped-def]
    statements = build(
        nlp,
        "Five opposition parties issued statements supporting the Northern Alliance.",
        {"E1": ("GROUP", ["Five opposition parties"]), "E2": ("ORG", ["Northern Alliance"])},
    )
    event = only(statements.events, "SUPPORT")
    assert event.actor == ["E1"] and event.recipient == ["E2"]
    protesters = build(
        nlp,
        "Hundreds of farmers demanding the release of Tom Lake gathered in the square.",
        {"E1": ("GROUP", ["farmers"]), "E2": ("PERSON", ["Tom Lake"])},
    )
    assert only(protesters.events, "REQUEST").actor == ["E1"]


def test_passive_joined_to_a_passive_with_an_agent_shares_it(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Tom Lake was questioned by the Harbor Commission and fined for fraud on Friday.",
        {"E1": ("PERSON", ["Tom Lake"]), "E2": ("ORG", ["the Harbor Commission"])},
    )
    event = only(analysis.events, "SANCTION")
    assert event.actor == ["E2"] and event.recipient == ["E1"]


def test_meeting_noun_without_holder_is_held_by_its_clause_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Senator Ann Reyes kept the Harbor Council out pending meetings with Governor Daniel Hale.",
        {
            "E1": ("PERSON", ["Senator Ann Reyes"]),
            "E2": ("ORG", ["the Harbor Council"]),
            "E3": ("PERSON", ["Governor Daniel Hale"]),
        },
    )
    event = only(analysis.events, "CONSULT")
    assert event.actor == ["E1"] and event.recipient == ["E3"]


def test_condemning_a_violent_act_is_aimed_at_its_doer_not_its_victims(nlp) -> None:  # type: ignore[no-untyped-def]
    # The victims of the condemned act are not whom the condemnation is aimed at.
    victims = build(
        nlp,
        "Norway on Sunday condemned the shelling of Red Crescent convoys near the border.",
        {"E1": ("LOCATION", ["Norway"]), "E2": ("ORG", ["Red Crescent"])},
    )
    condemnation = only(victims.events, "ACCUSE")
    assert condemnation.actor == ["E1"] and condemnation.recipient == []
    doer = build(
        nlp,
        "Norway on Sunday condemned the shelling of the convoys by the Tarek Brigade.",
        {"E1": ("LOCATION", ["Norway"]), "E2": ("GROUP", ["the Tarek Brigade"])},
    )
    condemnation = only(doer.events, "ACCUSE")
    assert condemnation.actor == ["E1"] and condemnation.recipient == ["E2"]
    owner = build(
        nlp,
        "Norway on Sunday condemned Velmora's invasion of Ostrava.",
        {
            "E1": ("LOCATION", ["Norway"]),
            "E2": ("LOCATION", ["Velmora"]),
            "E3": ("LOCATION", ["Ostrava"]),
        },
    )
    condemnation = only(owner.events, "ACCUSE")
    assert condemnation.actor == ["E1"] and condemnation.recipient == ["E2"]
    # Not an act of violence: the owner of what is criticised stays the recipient.
    mocked = build(
        nlp,
        "Maria Lopez criticised the budget of the Harbor Authority on Friday.",
        {"E1": ("PERSON", ["Maria Lopez"]), "E2": ("ORG", ["the Harbor Authority"])},
    )
    criticism = only(mocked.events, "ACCUSE")
    assert criticism.actor == ["E1"] and criticism.recipient == ["E2"]


def test_a_phrase_opening_the_clause_sets_the_scene_not_the_target(nlp) -> None:  # type: ignore[no-untyped-def]
    opening = build(
        nlp,
        "At the Pacific Ocean Forum, Premier Lin Tao pledged that his government would "
        "double its solar output by 2030.",
        {"E1": ("ORG", ["Pacific Ocean Forum"]), "E2": ("PERSON", ["Lin Tao"])},
    )
    pledge = only(opening.events, "AGREE")
    assert pledge.actor == ["E2"] and pledge.recipient == []
    after = build(
        nlp,
        "Militants fired rockets at Fort Sala on Tuesday.",
        {"E1": ("GROUP", ["Militants"]), "E2": ("ORG", ["Fort Sala"])},
    )
    attack = only(after.events, "ASSAULT")
    assert attack.recipient == ["E2"]


def test_a_rejected_argument_answers_the_subject_of_a_participle_of_arguing(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("ORG", ["The Harbor Workers Union"]), "E2": ("PERSON", ["Ana Ruiz"])}
    argued = build(
        nlp,
        "The Harbor Workers Union filed a motion to halt the evictions, arguing that the "
        "notices were unlawful. Judge Ana Ruiz rejected that argument on Monday.",
        entities,
    )
    rejection = only(argued.events, "REJECT")
    assert rejection.actor == ["E2"] and rejection.recipient == ["E1"]
    # The one arguing is no entity ("several tenants"): nothing is guessed.
    described = build(
        nlp,
        "Several tenants filed a motion to halt the evictions, arguing that the notices were "
        "unlawful. Judge Ana Ruiz rejected that argument on Monday.",
        {"E2": ("PERSON", ["Ana Ruiz"])},
    )
    assert only(described.events, "REJECT").recipient == []


def test_a_nationality_recipient_is_named_as_its_country_when_the_article_names_it(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Senator Ann Hale criticised German defence spending on Tuesday. "
        "Germany announced the purchase of new tanks last month."
    )
    entities = {
        "E1": ("PERSON", ["Senator Ann Hale"]),
        "E2": ("NORP", ["German"]),
        "E3": ("LOCATION", ["Germany"]),
    }
    named = build(
        nlp,
        body,
        entities,
        places={"Germany": ("E3", "country")},
        countries={"E2": "DEU", "E3": "DEU"},
    )
    criticism = only(named.events, "ACCUSE")
    assert criticism.actor == ["E1"] and criticism.recipient == ["E3"]
    # Without the country among the article's places the nationality stays as it is.
    unnamed = build(
        nlp,
        "Senator Ann Hale criticised German defence spending on Tuesday.",
        {"E1": ("PERSON", ["Senator Ann Hale"]), "E2": ("NORP", ["German"])},
        countries={"E2": "DEU"},
    )
    assert only(unnamed.events, "ACCUSE").recipient == ["E2"]


def test_what_is_asked_for_is_asked_of_its_from_phrase_not_its_topic(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "The Senate committee demanded answers from the Interior Ministry on Russian contracts.",
        {
            "E1": ("ORG", ["The Senate committee"]),
            "E2": ("ORG", ["the Interior Ministry"]),
            "E3": ("NORP", ["Russian"]),
        },
    )
    demand = only(analysis.events, "REQUEST")
    assert demand.actor == ["E1"] and demand.recipient == ["E2"]


def test_a_denied_claim_told_in_a_filing_answers_the_filings_author(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("PERSON", ["Mr. Vance"]), "E2": ("ORG", ["FTC"])}
    filed = build(nlp, "Mr. Vance has denied the allegations in the FTC complaint.", entities)
    denial = only(filed.events, "REJECT")
    assert denial.actor == ["E1"] and denial.recipient == ["E2"]
    # A town says where the claims were made, not who made them.
    placed = build(
        nlp,
        "Mr. Vance has denied the allegations in Springfield.",
        {"E1": ("PERSON", ["Mr. Vance"]), "E2": ("LOCATION", ["Springfield"])},
        places={"Springfield": ("E2", "city")},
    )
    assert only(placed.events, "REJECT").recipient == []


def test_the_entity_at_a_word_is_the_first_overlapping_mention_in_order() -> None:
    """The binary-search lookup names the same mention as walking the sorted spans in order,
    nested and overlapping mentions included, and follows spans added after a first lookup."""
    import random

    from dateline.events.arguments import EntityIndex

    rng = random.Random(7)
    for _ in range(200):
        spans = []
        for n in range(rng.randint(0, 12)):
            start = rng.randint(0, 60)
            spans.append((start, start + rng.randint(1, 15), f"e{n}"))
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        index = EntityIndex(spans)
        for start in range(0, 80, 3):
            end = start + rng.randint(1, 6)
            walked = next((e for s, t, e in spans if s < end and start < t), None)
            assert index._first_overlapping(start, end) == walked
        index.spans.append((90, 95, "late"))
        assert index._first_overlapping(91, 92) == "late"
    unsorted = EntityIndex([(10, 20, "b"), (0, 5, "a"), (3, 12, "c")])
    assert unsorted._first_overlapping(4, 11) == "b"


def test_the_holder_of_an_office_acts_for_the_body_of_the_office(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "The head of the Coastal Fisheries Board condemned the attack on the inspectors.",
        {"E1": ("ORG", ["Coastal Fisheries Board"])},
        keep_unattributed=True,
    )
    condemnation = only(analysis.events, "ACCUSE")
    assert condemnation.actor == ["E1"]


def test_a_name_after_a_title_and_a_comma_is_the_office_holder(nlp) -> None:  # type: ignore[no-untyped-def]
    # The parser hangs the name on the main verb; the comma after the title is an apposition.
    analysis = build(
        nlp,
        "The leaked memos were so damaging that they forced the resignation of the league "
        "chairwoman, Rep. Nora Ellison (Ore.), on the eve of the annual congress.",
        {"E1": ("ORG", ["league"]), "E2": ("PERSON", ["Rep. Nora Ellison"])},
    )
    assert only(analysis.events, "CONCEDE").actor == ["E2"]


def test_a_name_after_a_title_that_is_a_subject_is_someone_else(nlp) -> None:  # type: ignore[no-untyped-def]
    from dateline.events.arguments import EntityIndex, _office_holder_after_comma

    analysis = build(
        nlp,
        "Asked about the chairman, Ellison said he would resign in March.",
        {"E1": ("PERSON", ["Ellison"])},
    )
    doc = nlp("Asked about the chairman, Ellison said he would resign in March.")
    chairman = next(token for token in doc if token.text == "chairman")
    assert _office_holder_after_comma(chairman, EntityIndex.build(analysis)) is None


def test_a_holding_or_traded_goods_stand_for_their_company_or_country(nlp) -> None:  # type: ignore[no-untyped-def]
    bid = build(
        nlp,
        "Harlow Industries offered $40 a share for a majority of Corvin Systems' shares.",
        {"E1": ("ORG", ["Harlow Industries"]), "E2": ("ORG", ["Corvin Systems"])},
    )
    event = only(bid.events, "AGREE")
    assert event.actor == ["E1"] and event.recipient == ["E2"]
    duties = build(
        nlp,
        "Brazil said it would impose new duties on steel imports from Argentina.",
        {"E1": ("LOCATION", ["Brazil"]), "E2": ("LOCATION", ["Argentina"])},
    )
    event = only(duties.events, "SANCTION")
    assert event.actor == ["E1"] and event.recipient == ["E2"]
    # A holding of no named company names no one.
    plain = build(
        nlp,
        "Harlow Industries offered $40 a share for the remaining stock.",
        {"E1": ("ORG", ["Harlow Industries"])},
    )
    assert only(plain.events, "AGREE").recipient == []


def test_the_subject_of_a_bare_infinitive_is_the_one_acted_on(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "The Harbour Trust helped Dana Okafor find a small flat last year.",
        {"E1": ("ORG", ["Harbour Trust"]), "E2": ("PERSON", ["Dana Okafor"])},
    )
    aid = only(analysis.events, "AID")
    assert aid.actor == ["E1"] and aid.recipient == ["E2"]
    # With "to" the clause is no bare infinitive: "helped" acts on nobody named here.
    reported = build(
        nlp,
        "The Harbour Trust said Dana Okafor would find a small flat.",
        {"E1": ("ORG", ["Harbour Trust"]), "E2": ("PERSON", ["Dana Okafor"])},
    )
    assert all("E2" not in e.recipient for e in reported.events), reported.events


def test_a_by_phrase_tells_how_the_subject_acted(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "The Northern Militia punished the villagers by attacking their farms.",
        {"E1": ("GROUP", ["Northern Militia"]), "E2": ("GROUP", ["the villagers"])},
        keep_unattributed=True,
    )
    attack = next(e for e in analysis.events if e.trigger == "attacking")
    assert attack.actor == ["E1"]


def test_a_verb_joined_to_a_bare_infinitive_is_not_done_by_its_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    # The parser joins "praising" to "raise", whose subject "him" is the one helped: the
    # praise is Lee's, the doer of the clause governing the infinitive.
    analysis = build(
        nlp,
        "Governor Ann Lee campaigned with Tom Ross in Dover on Monday, helping him raise money "
        "and praising him as a reformer.",
        {"E1": ("PERSON", ["Ann Lee"]), "E2": ("PERSON", ["Tom Ross", "him"])},
        keep_unattributed=True,
    )
    praise = next(e for e in analysis.events if e.trigger == "praising")
    assert praise.actor == ["E1"] and praise.recipient == ["E2"]


def test_what_a_free_relative_names_is_the_object_criticised(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("LOCATION", ["Velmora"]), "E2": ("LOCATION", ["Ostrava"])}
    called = build(nlp, "Velmora condemned what it called Ostrava's aggression.", entities)
    condemnation = only(called.events, "ACCUSE")
    assert condemnation.actor == ["E1"] and condemnation.recipient == ["E2"]
    described = build(
        nlp,
        "Provincial leaders in Velmora are criticizing what they describe as a meagre offer "
        "delivered by the Ostrava government.",
        {"E1": ("ORG", ["Provincial leaders in Velmora"]), "E2": ("ORG", ["Ostrava government"])},
    )
    criticism = only(described.events, "ACCUSE")
    assert criticism.actor == ["E1"] and criticism.recipient == ["E2"]
    # A "what" that is no free relative naming something names no one.
    asked = build(nlp, "Velmora condemned what happened at the border.", entities)
    assert only(asked.events, "ACCUSE").recipient == []


def test_a_protest_at_a_bodys_premises_is_aimed_at_the_body(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("ORG", ["Local 12"]), "E2": ("ORG", ["Acme Freight"])}
    lot = build(
        nlp,
        "Members of Local 12 rallied in the parking lot of the Acme Freight depot on Monday.",
        entities,
    )
    rally = only(lot.events, "PROTEST")
    assert rally.actor == ["E1"] and rally.recipient == ["E2"]
    outside = build(nlp, "Members of Local 12 rallied outside Acme Freight on Monday.", entities)
    assert only(outside.events, "PROTEST").recipient == ["E2"]
    front = build(
        nlp,
        "Hundreds of students demonstrated in front of the Ostravan embassy.",
        {
            "E1": ("GROUP", ["Hundreds of students"]),
            "E2": ("NORP", ["Ostravan"]),
            "E3": ("LOCATION", ["Ostrava"]),
        },
        places={"Ostrava": ("E3", "country")},
    )
    assert only(front.events, "PROTEST").recipient in (["E2"], ["E3"])


def test_a_protest_in_a_town_or_a_country_names_no_one_protested(nlp) -> None:  # type: ignore[no-untyped-def]
    town = build(
        nlp,
        "Members of Local 12 rallied outside Dayton on Monday.",
        {"E1": ("ORG", ["Local 12"]), "E2": ("LOCATION", ["Dayton"])},
        places={"Dayton": ("E2", "city")},
    )
    assert only(town.events, "PROTEST").recipient == []
    plant = build(
        nlp,
        "Members of Local 12 rallied outside the Dayton plant on Monday.",
        {"E1": ("ORG", ["Local 12"]), "E2": ("LOCATION", ["Dayton"])},
        places={"Dayton": ("E2", "city")},
    )
    assert only(plant.events, "PROTEST").recipient == []
    country = build(
        nlp,
        "Thousands of people rallied in Velmora on Friday.",
        {"E1": ("GROUP", ["Thousands of people"]), "E2": ("LOCATION", ["Velmora"])},
        places={"Velmora": ("E2", "country")},
    )
    assert only(country.events, "PROTEST").recipient == []


def test_a_denial_answers_whoever_accuses_the_denier_in_its_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {
        "E1": ("LOCATION", ["Velmora"]),
        "E2": ("LOCATION", ["Ostrava"]),
        "E3": ("PERSON", ["Mr. Hale"]),
    }
    places = {"Velmora": ("E1", "country"), "Ostrava": ("E2", "country")}
    blamed = build(
        nlp,
        "The blast, which Velmora has blamed on Ostrava, killed two guards, although Ostrava "
        "denies any involvement.",
        entities,
        places=places,
    )
    denial = only(blamed.events, "REJECT")
    assert denial.actor == ["E2"] and denial.recipient == ["E1"]
    accused = build(
        nlp,
        "Velmora accused Ostrava of shelling the plant, which Ostrava denied.",
        entities,
        places=places,
    )
    assert only(accused.events, "REJECT").recipient == ["E1"]
    # Someone else accused: the denial answers no one named.
    other = build(
        nlp,
        "Velmora accused Mr. Hale of lying, and Ostrava denied any involvement.",
        entities,
        places=places,
    )
    assert only(other.events, "REJECT").recipient == []


def test_who_asks_about_a_claim_did_not_make_it(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("ORG", ["The Foreign Ministry"]), "E2": ("PERSON", ["President Lind"])}
    asked = build(
        nlp,
        "The Foreign Ministry asked Ostrava for a response, and President Lind dismissed the "
        "allegations.",
        entities,
    )
    assert only(asked.events, "REJECT").recipient == []
    said = build(
        nlp,
        "The Foreign Ministry said Ostrava was involved, and President Lind dismissed the "
        "allegations.",
        entities,
    )
    assert only(said.events, "REJECT").recipient == ["E1"]


def test_what_is_given_is_for_whom_its_purpose_names(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("ORG", ["The Relief Fund"]), "E2": ("LOCATION", ["Velmora"])}
    funds = build(
        nlp,
        "The Relief Fund said that it was providing €9 million (US$11.4 million) in funds to "
        "assist Velmora with the crisis.",
        entities,
        places={"Velmora": ("E2", "country")},
    )
    aid = next(e for e in funds.events if e.trigger == "providing")
    assert aid.actor == ["E1"] and aid.recipient == ["E2"]
    paid = build(
        nlp,
        "Acme agreed to pay $4 million in cash and 1.6 million shares to acquire Bolt Industries.",
        {"E1": ("ORG", ["Acme"]), "E2": ("ORG", ["Bolt Industries"])},
    )
    assert only(paid.events, "AGREE").recipient == ["E2"]
    # What a permission allows names no one it is given to.
    leave = build(
        nlp,
        "The Relief Fund was granted permission to appeal the ruling of the Velmora court.",
        {"E1": ("ORG", ["The Relief Fund"]), "E2": ("ORG", ["Velmora court"])},
    )
    assert all("E2" not in e.recipient for e in leave.events)


def test_a_breach_of_a_bodys_resolutions_is_not_aimed_at_the_body(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("PERSON", ["Secretary General Lind"]), "E2": ("ORG", ["U.N."])}
    breach = build(
        nlp, "Secretary General Lind condemned a brazen breach of U.N. resolutions.", entities
    )
    assert only(breach.events, "ACCUSE").recipient == []
    airspace = build(
        nlp,
        "Secretary General Lind condemned the violation of Velmoran airspace.",
        {"E1": ("PERSON", ["Secretary General Lind"]), "E2": ("NORP", ["Velmoran"])},
    )
    assert only(airspace.events, "ACCUSE").recipient == ["E2"]


def test_a_possessor_parsed_as_a_conjunct_is_no_party(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Ottawa’s European partners, including Italy’s Giorgia Meloni and Spain’s Pedro "
        "Sanchez, condemned Russia on Sunday.",
        {
            "E1": ("LOCATION", ["Ottawa"]),
            "E2": ("LOCATION", ["Italy"]),
            "E3": ("PERSON", ["Giorgia Meloni"]),
            "E4": ("LOCATION", ["Spain"]),
            "E5": ("PERSON", ["Pedro Sanchez"]),
            "E6": ("LOCATION", ["Russia"]),
        },
        keep_unattributed=True,
    )
    condemnation = only(analysis.events, "ACCUSE")
    # The parser makes "Spain" a conjunct of "Meloni", its "’s" running into "Pedro Sanchez".
    assert condemnation.actor == ["E3", "E5"] and condemnation.recipient == ["E6"]


def test_a_numbered_group_named_person_by_person_in_the_next_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {
        "E1": ("ORG", ["state police"]),
        "E2": ("GROUP", ["Ohio men"]),
        "E3": ("PERSON", ["Mark Feld"]),
        "E4": ("PERSON", ["Tom Risso"]),
        "E5": ("PERSON", ["Ann Pryor"]),
    }
    told = (
        "The state police on Monday announced the arrests of two Ohio men who allegedly ran "
        "an illegal betting ring in Toledo. "
    )
    named = build(nlp, told + "Mark Feld and Tom Risso were released on bail.", entities)
    arrest = only(named.events, "COERCE")
    assert arrest.actor == ["E1"] and arrest.recipient == ["E3", "E4"]
    # Three names for two men: not the group told.
    three = build(nlp, told + "Mark Feld, Tom Risso and Ann Pryor were released on bail.", entities)
    arrest = only(three.events, "COERCE")
    assert arrest.actor == ["E1"] and arrest.recipient == ["E2"]


def test_duties_on_an_amount_of_goods_aim_at_the_goods_country(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("LOCATION", ["Ottawa"]), "E2": ("LOCATION", ["U.S."])}
    # The parser hangs "on $2 billion ..." on "unveiled", not on "tariffs".
    tariffs = build(
        nlp,
        "Ottawa unveiled retaliatory tariffs on $2 billion of U.S. steel and aluminum last month.",
        entities,
    )
    sanction = only(tariffs.events, "SANCTION")
    assert sanction.actor == ["E1"] and sanction.recipient == ["E2"]
    taxed = build(nlp, "Ottawa said it would tax $3 billion in U.S. imports.", entities)
    sanction = only(taxed.events, "SANCTION")
    assert sanction.actor == ["E1"] and sanction.recipient == ["E2"]


def test_at_the_hands_of_names_the_doer(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {
        "E1": ("GROUP", ["villagers"]),
        "E2": ("GROUP", ["rebel fighters"]),
        "E3": ("LOCATION", ["Chad"]),
    }
    killed = build(
        nlp, "Dozens of villagers were killed at the hands of rebel fighters last year.", entities
    )
    assault = only(killed.events, "ASSAULT")
    assert assault.actor == ["E2"] and assault.recipient == ["E1"]
    bombings = build(
        nlp,
        "Chad suffered a series of deadly bombings last year at the hands of rebel fighters.",
        entities,
    )
    assault = only(bombings.events, "ASSAULT")
    assert assault.actor == ["E2"]


def test_a_speech_act_joined_to_a_reported_clause_is_the_reporters(nlp) -> None:  # type: ignore[no-untyped-def]
    # The parser joins "accused" to "had obstructed" (inside the reported clause): the
    # accusation is the one who spoke, not the one spoken of.
    analysis = build(
        nlp,
        "Governor Maria Lopez told reporters that Mayor Daniel Hale had obstructed the audit, "
        "and accused Hale of shielding the contractors.",
        {"E1": ("PERSON", ["Governor Maria Lopez"]), "E2": ("PERSON", ["Mayor Daniel Hale"])},
    )
    accusation = only(analysis.events, "ACCUSE")
    assert accusation.actor == ["E1"] and accusation.recipient == ["E2"]


def test_a_past_verb_joined_to_a_present_reported_clause_is_the_reporters(nlp) -> None:  # type: ignore[no-untyped-def]
    from dateline.events.arguments import clause_subject

    doc = nlp(
        "The mayor said the company is polluting the river and threatened to close its plant."
    )
    threatened = next(t for t in doc if t.text == "threatened")
    close = next(t for t in doc if t.text == "close")
    assert threatened.dep_ == "conj" and threatened.head.text == "polluting"
    assert clause_subject(threatened).text == "mayor"  # type: ignore[union-attr]
    assert clause_subject(close).text == "mayor"  # type: ignore[union-attr]


def test_a_verb_sharing_the_reported_clauses_perfect_keeps_its_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    from dateline.events.arguments import clause_subject

    doc = nlp("She said the army had seized the town and killed two men.")
    killed = next(t for t in doc if t.text == "killed")
    assert killed.dep_ == "conj" and killed.head.text == "seized"
    assert clause_subject(killed).text == "army"  # type: ignore[union-attr]
    # A verb of asking in the same simple past as the reported clause's verb is told of the
    # reported clause's subject: the prisoner asked, not the guard.
    doc = nlp("The guard said the prisoner walked to the door and asked for water.")
    asked = next(t for t in doc if t.text == "asked")
    assert asked.dep_ == "conj" and asked.head.text == "walked"
    assert clause_subject(asked).text == "prisoner"  # type: ignore[union-attr]


def test_a_description_named_by_its_participle_is_that_person(nlp) -> None:  # type: ignore[no-untyped-def]
    named = build(
        nlp,
        "Police arrested a man named Carlos Ruiz after the robbery on Main Street.",
        {
            "E1": ("GROUP", ["Police"]),
            "E2": ("GROUP", ["a man"]),
            "E3": ("PERSON", ["Carlos Ruiz"]),
        },
    )
    arrest = only(named.events, "COERCE")
    assert arrest.actor == ["E1"] and arrest.recipient == ["E3"]
    # "identified as" after a comma, hung on the description or on the verb by the parser.
    identified = build(
        nlp,
        "Officers detained a 34-year-old woman, identified as Maria Lopez, near the station.",
        {"E1": ("GROUP", ["Officers"]), "E2": ("PERSON", ["Maria Lopez"])},
    )
    detention = only(identified.events, "COERCE")
    assert detention.actor == ["E1"] and detention.recipient == ["E2"]
    dealer = build(
        nlp,
        "Witnesses said border police arrested notorious smuggler, identified as Omar Haddad, "
        "after a chase at dawn.",
        {"E1": ("GROUP", ["border police"]), "E2": ("PERSON", ["Omar Haddad"])},
    )
    arrest = only(dealer.events, "COERCE")
    assert arrest.actor == ["E1"] and arrest.recipient == ["E2"]


def test_a_noun_opening_the_next_clause_is_no_second_object(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Santiago has denied the allegation and the Bolivian television stations reported that "
        "the fire was caused by a fight between rival gangs.",
        {"E1": ("LOCATION", ["Santiago"]), "E2": ("NORP", ["Bolivian"])},
        places={"Santiago": ("E1", "city")},
    )
    denial = only(analysis.events, "REJECT")
    assert "E2" not in denial.recipient


def test_the_parties_of_a_denied_deed_are_not_the_denials_recipient(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "The mayor denied taking bribes from Acme Holdings during the tender.",
        {"E1": ("GROUP", ["The mayor"]), "E2": ("ORG", ["Acme Holdings"])},
    )
    denial = only(analysis.events, "REJECT")
    assert denial.actor == ["E1"] and denial.recipient == []


def test_owners_and_providers_asked_or_answered_are_parties(analyze) -> None:  # type: ignore[no-untyped-def]
    demand = analyze(
        "State utility regulators are demanding answers from wireless providers after the "
        "outage cut service to thousands of homes."
    )
    names = {e.id: e.name for e in demand.entities}
    event = next(e for e in demand.events if e.type == "REQUEST")
    assert [names[r] for r in event.recipient] == ["wireless providers"]
    rejection = analyze(
        "The Dover City Council on Monday rejected the property owners' request for a tax "
        "break on the old mill."
    )
    names = {e.id: e.name for e in rejection.entities}
    event = next(e for e in rejection.events if e.type == "REJECT")
    assert [names[r] for r in event.recipient] == ["property owners"]


def test_whom_a_demanded_release_frees_is_not_the_one_asked(nlp) -> None:  # type: ignore[no-untyped-def]
    release = build(
        nlp,
        "The European Union demanded the release of Ana Reyes, the jailed opposition leader.",
        {"E1": ("ORG", ["The European Union"]), "E2": ("PERSON", ["Ana Reyes"])},
    )
    demand = only(release.events, "REQUEST")
    assert demand.actor == ["E1"] and demand.recipient == []
    # The removal of an official is aimed at that official.
    removal = build(
        nlp,
        "The lawmakers demanded the removal of Governor Dana Hale.",
        {"E1": ("GROUP", ["The lawmakers"]), "E2": ("PERSON", ["Dana Hale"])},
    )
    demand = only(removal.events, "REQUEST")
    assert demand.actor == ["E1"] and demand.recipient == ["E2"]
