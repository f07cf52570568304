"""The events stage on invented news sentences, with hand-built Analysis documents (so the
tests pin the events logic, not the entity, time or place stages), plus the example article."""

from __future__ import annotations

import re
from typing import Literal

import pytest

from conftest import make_article
from dateline.events import lexicon
from dateline.events.stage import STAGE, find_events
from dateline.model import Analysis, Entity, Event, Location, Quote, Span, TimeExpression
from dateline.pipeline import with_section
from dateline.stage import Parsed

PUBLISHED = "2024-03-12T09:00:00+00:00"  # a Tuesday


def _spans(text: str, surface: str, field: str = "text") -> list[Span]:
    return [
        Span(start=m.start(), end=m.end(), text=surface, field=field)
        for m in re.finditer(re.escape(surface), text)
    ]


def build(
    nlp,
    body: str,
    entities: dict[str, tuple[str, list[str]]],
    times: dict[str, str] | None = None,
    places: dict[str, tuple[str, str]] | None = None,
    headline: str | None = None,
    quotes: list[tuple[int, int, str]] | None = None,
    keep_unattributed: bool = False,
    confidence: Literal["learned", "rules"] = "learned",
    countries: dict[str, str] | None = None,
    sectors: dict[str, str] | None = None,
) -> Analysis:
    """An analysed article: ``entities`` maps id -> (type, surface forms); ``times`` maps a
    surface form -> value; ``places`` maps a surface form -> (entity id, kind); ``countries``
    maps an entity id -> its ISO 3166-1 alpha-3 country, ``sectors`` -> its agent sector."""
    article = make_article(body, published=PUBLISHED, headline=headline)
    text = article.text
    records = []
    for entity_id, (kind, forms) in entities.items():
        mentions = [span for form in forms for span in _spans(text, form)]
        entity = Entity(
            id=entity_id,
            name=forms[0],
            aliases=forms[1:],
            type=kind,  # type: ignore[arg-type]
            mentions=mentions,
            country=(countries or {}).get(entity_id),
            sector=(sectors or {}).get(entity_id),
        )
        records.append(entity)
    time_records = [
        TimeExpression(text=surface, value=value, start=span.start, end=span.end)
        for surface, value in (times or {}).items()
        for span in _spans(text, surface)
    ]
    locations = [
        Location(
            id=f"L{n}", name=surface, entity=entity_id, kind=kind, mentions=_spans(text, surface)
        )
        for n, (surface, (entity_id, kind)) in enumerate((places or {}).items(), start=1)
    ]
    quote_records = [
        Quote(
            id=f"Q{n}", text=text[start:end], kind="direct", speaker=speaker, start=start, end=end
        )
        for n, (start, end, speaker) in enumerate(quotes or [], start=1)
    ]
    analysis = Analysis(
        article=article,
        entities=records,
        times=time_records,
        locations=locations,
        quotes=quote_records,
    )
    events = find_events(
        analysis,
        Parsed(nlp(text), nlp),
        keep_unattributed=keep_unattributed,
        confidence=confidence,
    )
    return with_section(analysis, STAGE, events)


def only(events: list[Event], plover_type: str) -> Event:
    matching = [e for e in events if e.type == plover_type]
    assert len(matching) == 1, [(e.type, e.trigger, e.actor, e.recipient) for e in events]
    return matching[0]


def test_attack_with_actor_recipient_date_and_place(nlp) -> None:
    analysis = build(
        nlp,
        "Rebel fighters attacked an army checkpoint near Aleppo on Monday, a monitoring group said.",
        {
            "E1": ("GROUP", ["Rebel fighters"]),
            "E2": ("ORG", ["army"]),
            "E3": ("LOCATION", ["Aleppo"]),
        },
        times={"Monday": "2024-03-11"},
        places={"Aleppo": ("E3", "city")},
    )
    event = only(analysis.events, "ASSAULT")
    assert event.actor == ["E1"]
    assert event.recipient == ["E2"]
    assert event.date == "2024-03-11" and not event.date_is_fallback
    assert event.location == "L1"
    assert event.status == "occurred"
    assert event.quad_class == 4 and event.goldstein is not None and event.goldstein <= -9
    assert event.id == "V1" and event.trigger == "attacked"


def test_passive_agent_is_the_actor(nlp) -> None:
    analysis = build(
        nlp,
        "Three opposition activists were arrested by police in Cairo late on Sunday.",
        {"E1": ("GROUP", ["opposition activists"]), "E2": ("ORG", ["police"])},
    )
    event = only(analysis.events, "COERCE")
    assert event.actor == ["E2"]
    assert event.recipient == ["E1"]
    assert event.mode == "arrest"


def test_passive_presented_to_links_subject_and_prepositional_object(nlp) -> None:
    analysis = build(
        nlp,
        "The visiting prime minister was introduced to senior army commanders at the base.",
        {"E1": ("PERSON", ["prime minister"]), "E2": ("GROUP", ["army commanders"])},
    )
    event = only(analysis.events, "CONSULT")
    assert event.actor == ["E1"]
    assert event.recipient == ["E2"]


def test_coordinated_actors_future_meeting_with_date(nlp) -> None:
    analysis = build(
        nlp,
        "Macron and Scholz will meet in Paris on Friday to discuss the budget row.",
        {
            "E1": ("PERSON", ["Macron"]),
            "E2": ("PERSON", ["Scholz"]),
            "E3": ("LOCATION", ["Paris"]),
        },
        times={"Friday": "2024-03-15"},
        places={"Paris": ("E3", "city")},
    )
    meeting = [e for e in analysis.events if e.trigger == "meet"]
    assert len(meeting) == 1
    event = meeting[0]
    assert event.type == "CONSULT"
    assert event.actor == ["E1", "E2"]
    assert event.status == "future"
    assert event.date == "2024-03-15"
    assert event.location == "L1"


def test_with_complement_of_symmetric_event_is_recipient(nlp) -> None:
    analysis = build(
        nlp,
        "Japan's foreign minister met with her South Korean counterpart in Seoul on Tuesday.",
        {
            "E1": ("PERSON", ["Japan's foreign minister"]),
            "E2": ("PERSON", ["South Korean counterpart"]),
        },
    )
    event = only(analysis.events, "CONSULT")
    assert event.actor == ["E1"]
    assert event.recipient == ["E2"]


def test_nominal_phone_conversation_and_planned_meeting(nlp) -> None:
    body = (
        "President Lula spoke to reporters in Brasilia on Tuesday.\n\n"
        "A meeting with Argentine President Javier Milei has been arranged for Thursday. "
        "It will take place shortly after a telephone conversation with Chinese leader Xi Jinping."
    )
    analysis = build(
        nlp,
        body,
        {
            "E1": ("PERSON", ["President Lula"]),
            "E2": ("PERSON", ["Argentine President Javier Milei"]),
            "E3": ("PERSON", ["Chinese leader Xi Jinping"]),
        },
        times={"Tuesday": "2024-03-12", "Thursday": "2024-03-14"},
    )
    consult = [e for e in analysis.events if e.type == "CONSULT"]
    meeting = next(e for e in consult if e.recipient == ["E2"])
    assert meeting.actor == ["E1"]  # the implicit host: the latest subject before
    assert meeting.status == "future"
    assert meeting.date == "2024-03-14"
    call = next(e for e in consult if e.recipient == ["E3"])
    assert call.mode == "phone" and call.cameo == "041"
    assert call.status == "future"
    assert call.date is None  # no date of its own, and no fallback for planned events


def test_sanctions_verb_and_object_make_one_event(nlp) -> None:
    analysis = build(
        nlp,
        "The European Union imposed fresh sanctions on Iran's drone makers on Wednesday.",
        {"E1": ("ORG", ["European Union"]), "E2": ("ORG", ["Iran's drone makers"])},
    )
    assert len(analysis.events) == 1
    event = analysis.events[0]
    assert event.cameo == "163" and event.type == "SANCTION"  # as PLOVER defines it
    assert event.actor == ["E1"] and event.recipient == ["E2"]
    # No time is given to the stage here: a past act with no day stated is not given the
    # publication day (docs/annotation/events.md, Date).
    assert event.date is None and event.date_precision == "before"


def test_protest_and_condemnation_are_separate_events(nlp) -> None:
    analysis = build(
        nlp,
        "Thousands of students protested outside parliament in Santiago. "
        "The opposition condemned the police response.",
        {"E1": ("GROUP", ["students"]), "E2": ("ORG", ["opposition"]), "E3": ("ORG", ["police"])},
    )
    protest = only(analysis.events, "PROTEST")
    assert protest.actor == ["E1"]
    accuse = only(analysis.events, "ACCUSE")
    assert accuse.actor == ["E2"]
    assert accuse.mode == "disapprove"


def test_denial_is_a_rejection(nlp) -> None:
    analysis = build(
        nlp,
        "The Kremlin rejected the accusation by Washington, calling it absurd.",
        {"E1": ("ORG", ["Kremlin"]), "E2": ("LOCATION", ["Washington"])},
    )
    reject = only(analysis.events, "REJECT")
    assert reject.actor == ["E1"]


def test_agreement_between_countries(nlp) -> None:
    analysis = build(
        nlp,
        "India and Bangladesh agreed on Saturday to reopen two border crossings.",
        {"E1": ("LOCATION", ["India"]), "E2": ("LOCATION", ["Bangladesh"])},
        times={"Saturday": "2024-03-09"},
    )
    agree = only(analysis.events, "AGREE")
    assert agree.actor == ["E1", "E2"]
    assert agree.date == "2024-03-09"


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("The minister did not attend the summit with the rebels.", "negated"),
        ("The minister could meet the rebels next month.", "hypothetical"),
        ("The minister is meeting the rebels in the capital.", "ongoing"),
        ("The minister plans to meet the rebels.", "future"),
        ("The minister met the rebels.", "occurred"),
    ],
)
def test_status(nlp, sentence: str, status: str) -> None:
    analysis = build(
        nlp, sentence, {"E1": ("PERSON", ["The minister"]), "E2": ("GROUP", ["rebels"])}
    )
    event = only(analysis.events, "CONSULT")
    assert event.status == status
    assert event.actor == ["E1"]


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        # a modal perfect tells what did not happen, even reported
        ("Aides said that Lindqvist would have met the rebels in May.", "hypothetical"),
        ("Aides said that Lindqvist could have met the rebels in May.", "hypothetical"),
        # a bare "would" in reported speech is a future in the past
        ("Aides said that Lindqvist would meet the rebels in May.", "future"),
    ],
)
def test_counterfactual_in_reported_speech(nlp, sentence: str, status: str) -> None:
    analysis = build(nlp, sentence, {"E1": ("PERSON", ["Lindqvist"]), "E2": ("GROUP", ["rebels"])})
    event = only(analysis.events, "CONSULT")
    assert event.status == status


def test_event_inside_a_quote_links_the_quote(nlp) -> None:
    body = '"We will never negotiate with the junta," the rebel commander said.'
    analysis = build(
        nlp,
        body,
        {"E1": ("PERSON", ["We", "rebel commander"]), "E2": ("ORG", ["junta"])},
        quotes=[(1, body.index(',"'), "E1")],
    )
    event = only(analysis.events, "CONSULT")
    assert event.quote == "Q1"
    assert event.recipient == ["E2"]
    assert event.status == "negated"


def test_headline_and_later_paragraph_merge_into_one_event(nlp) -> None:
    body = (
        "Kenya's president William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi on "
        "Monday.\n\n"
        "Trade dominated the talks. Ruto said the meeting with Abiy had been productive."
    )
    analysis = build(
        nlp,
        body,
        {
            "E1": ("PERSON", ["William Ruto", "Ruto"]),
            "E2": ("PERSON", ["Abiy Ahmed", "Abiy"]),
            "E3": ("LOCATION", ["Nairobi"]),
        },
        times={"Monday": "2024-03-11"},
        places={"Nairobi": ("E3", "city")},
        headline="Ruto meets Abiy in Nairobi",
    )
    consult = [e for e in analysis.events if e.type == "CONSULT" and e.recipient]
    assert len(consult) == 1, [(e.trigger, e.actor, e.recipient) for e in analysis.events]
    event = consult[0]
    assert set(event.actor + event.recipient) == {"E1", "E2"}
    assert event.date == "2024-03-11" and event.location == "L1"
    assert event.field == "text"
    fields = [m.field for m in event.mentions]
    assert "headline" in fields and fields.count("text") >= 2


def test_nominal_event_without_party_or_place_is_not_recorded(nlp) -> None:
    # With no entities at all (an empty entities section) nothing crashes; "talks" with no
    # party and no place make no record. A named place keeps an airstrike as a candidate, but
    # with nobody named or described as its actor it is not emitted (the rules' candidate
    # stays visible with keep_unattributed, the baseline of the document eval).
    analysis = build(nlp, "Officials said talks would resume after the holiday.", {})
    assert analysis.events == []
    body = "An airstrike hit a market in Idlib on Monday."
    entities = {"E1": ("LOCATION", ["Idlib"])}
    places = {"Idlib": ("E1", "city")}
    assert build(nlp, body, entities, places=places).events == []
    placed = build(nlp, body, entities, places=places, keep_unattributed=True)
    airstrike = only(placed.events, "ASSAULT")
    assert airstrike.location == "L1" and airstrike.actor == []


def test_lexicon_codings() -> None:
    phone = lexicon.coding("041")
    assert phone is not None and (phone.type, phone.mode, phone.quad_class) == (
        "CONSULT",
        "phone",
        1,
    )
    assert phone.goldstein == 1.0
    assert lexicon.coding("010") is None  # public statements are not PLOVER events
    appeal = lexicon.coding("020")
    assert appeal is not None and appeal.type == "REQUEST"
    airstrike = lexicon.coding("195")
    assert airstrike is not None and airstrike.type == "ASSAULT" and airstrike.quad_class == 4
    sanctions = lexicon.coding("163")
    assert sanctions is not None and sanctions.goldstein == -8.0


@pytest.mark.slow
def test_spacy_component_runs_the_events_stage(nlp) -> None:
    import spacy

    import dateline.spacy_components  # noqa: F401  (registers the factories)
    from dateline.model import Article

    fresh = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])
    fresh.add_pipe("dateline_events")
    text = "Police arrested two protest leaders in Minsk."
    doc = fresh.make_doc(text)
    article = Article(id="t", source="test", language="en", paragraphs=[text], text=text)
    entities = [
        Entity(id="E1", name="Police", type="ORG", mentions=_spans(text, "Police")),
        Entity(
            id="E2", name="protest leaders", type="GROUP", mentions=_spans(text, "protest leaders")
        ),
    ]
    # Earlier stages already ran: the component only adds events.
    doc._.dateline = Analysis(
        article=article,
        entities=entities,
        stages=["article", "nlp", "entities", "geo", "time", "quotes"],
    )
    for _, component in fresh.pipeline:
        doc = component(doc)
    analysis = doc._.dateline
    assert analysis.stages[-1] == "events"
    event = only(analysis.events, "COERCE")
    assert event.actor == ["E1"] and event.recipient == ["E2"]
    # On a fresh Doc the component runs the stages events needs first.
    fresh_doc = fresh("Riot police detained dozens of opposition supporters in Tbilisi.")
    stages = fresh_doc._.dateline.stages
    assert stages.index("entities") < stages.index("events")
    assert [e.type for e in fresh_doc._.dateline.events] == ["COERCE"]


def test_example_article_meetings(example_analysis: Analysis) -> None:
    by_name = {e.id: e.name for e in example_analysis.entities}
    consult = [e for e in example_analysis.events if e.type == "CONSULT"]

    def named(event: Event) -> set[str]:
        return {by_name[i].split()[-1] for i in [*event.actor, *event.recipient]}

    assad = [
        e for e in consult if {"Putin", "al-Assad"} <= named(e) or {"Putin", "Assad"} <= named(e)
    ]
    assert len(assad) == 1
    assert assad[0].status == "occurred"
    assert assad[0].date == "2017-11-20"
    trio = [e for e in consult if {"Erdogan", "Rouhani"} <= named(e)]
    assert len(trio) == 1
    assert trio[0].status == "future" and trio[0].date == "2017-11-22"
    trump = [e for e in consult if "Trump" in named(e)]
    assert len(trump) == 1
    assert trump[0].mode == "phone" and trump[0].status == "future"
    located = {example_analysis.locations[0].id: example_analysis.locations[0].name}
    located.update({loc.id: loc.name for loc in example_analysis.locations})
    assert located.get(assad[0].location or "") == "Sochi"
    assert located.get(trio[0].location or "") == "Sochi"


def test_reported_must_clause_is_a_demand_on_who_must_act(nlp) -> None:
    analysis = build(
        nlp,
        "The Canadian government said on Thursday that Venezuela must release the detained "
        "oil workers.",
        {
            "E1": ("ORG", ["Canadian government"]),
            "E2": ("LOCATION", ["Venezuela"]),
            "E3": ("GROUP", ["detained oil workers"]),
        },
    )
    demand = only(analysis.events, "REQUEST")
    assert demand.trigger == "said"
    assert demand.actor == ["E1"] and demand.recipient == ["E2"]
    assert demand.cameo == "105"  # demand that the target yields (a release)
    # Releasing people is a concession (CAMEO 084; PLOVER CONCEDE, "YIELD" in the PLV gold).
    release = only(analysis.events, "CONCEDE")
    assert release.status == "hypothetical" and release.cameo.startswith("084")


def test_transfer_recipient_is_who_receives_not_what_is_given(nlp) -> None:
    analysis = build(
        nlp,
        "Norway delivered 40 tonnes of medical supplies and field hospitals to Sudan.",
        {
            "E1": ("LOCATION", ["Norway"]),
            "E2": ("GROUP", ["field hospitals"]),
            "E3": ("LOCATION", ["Sudan"]),
        },
    )
    aid = only(analysis.events, "AID")
    assert aid.actor == ["E1"] and aid.recipient == ["E3"]


def test_call_for_is_an_appeal_and_rejection_targets_who_appealed(nlp) -> None:
    analysis = build(
        nlp,
        "Brussels rejected renewed calls by Hungarian officials for a veto on the budget.",
        {"E1": ("LOCATION", ["Brussels"]), "E2": ("GROUP", ["Hungarian officials"])},
    )
    reject = only(analysis.events, "REJECT")
    assert reject.actor == ["E1"] and reject.recipient == ["E2"]
    assert not [e for e in analysis.events if e.type == "CONSULT"]


def test_planning_verb_is_not_an_event_but_makes_the_act_future(nlp) -> None:
    analysis = build(
        nlp,
        "The Greek government plans to deport hundreds of migrants to Turkey.",
        {
            "E1": ("ORG", ["Greek government"]),
            "E2": ("GROUP", ["migrants"]),
            "E3": ("LOCATION", ["Turkey"]),
        },
    )
    assert [e.trigger for e in analysis.events] == ["deport"]
    event = analysis.events[0]
    assert event.type == "COERCE" and event.status == "future"
    assert event.actor == ["E1"] and event.recipient == ["E2"]


def test_place_naming_who_is_not_the_event_place(nlp) -> None:
    analysis = build(
        nlp,
        "The envoy met US Secretary of State Marco Rubio in Geneva.",
        {
            "E1": ("PERSON", ["envoy"]),
            "E2": ("PERSON", ["Marco Rubio"]),
            "E3": ("LOCATION", ["US"]),
            "E4": ("LOCATION", ["Geneva"]),
        },
        places={"US": ("E3", "country"), "Geneva": ("E4", "city")},
    )
    event = only(analysis.events, "CONSULT")
    assert event.location == "L2"  # Geneva, not the US of "US Secretary of State"


def test_gold_reading_of_planned_acts() -> None:
    from dateline.evaluation.events import gsr_type

    def event(kind: str, status: str) -> Event:
        return Event(id="V1", type=kind, status=status, trigger="x", sentence="x", start=0, end=1)  # type: ignore[arg-type]

    assert gsr_type(event("AID", "future")) == "AGREE"
    assert gsr_type(event("COERCE", "future")) == "THREATEN"
    assert gsr_type(event("COERCE", "occurred")) == "COERCE"
    assert gsr_type(event("ACCUSE", "future")) == "ACCUSE"


def test_eval_split_and_gold_loading(tmp_path) -> None:
    from dateline.errors import InputError
    from dateline.evaluation.events import load_gold, split_of, texts_agree

    gold = tmp_path / "plover_gsr_cameo.json"
    gold.write_text(
        '[{"id": "DOC", "event": "DOCUMENT"},'
        ' {"id": "R-1", "event": "DEMAND", "text": "Iran demanded talks.",'
        '  "source": [{"actorText": "Iran", "code": "IRN"}], "target": ""}]'
    )
    (record,) = load_gold(tmp_path)
    assert record.type == "REQUEST" and record.sources == ("Iran",) and record.targets == ()
    assert split_of("R-1") == split_of("R-1") and split_of("R-1") in {"dev", "test"}
    assert texts_agree(["the Iranian government", "Iran"], ("Iran",))
    assert not texts_agree(["the government"], ("Iran",))
    gold.write_text("{not json")
    with pytest.raises(InputError, match="plover_gsr_cameo.json"):
        load_gold(gold)
    with pytest.raises(InputError, match="no PLOVER gold file"):
        load_gold(tmp_path / "missing")


def test_object_control_and_condemned_attack_keep_their_own_actors(nlp) -> None:
    analysis = build(
        nlp,
        "Kenya condemned the attacks and urged Somalia to arrest the gunmen.",
        {
            "E1": ("LOCATION", ["Kenya"]),
            "E2": ("LOCATION", ["Somalia"]),
            "E3": ("GROUP", ["gunmen"]),
        },
        places={"Kenya": ("E1", "country"), "Somalia": ("E2", "country")},
    )
    arrest = only(analysis.events, "COERCE")
    assert arrest.actor == ["E2"] and arrest.recipient == ["E3"]
    assert arrest.status == "hypothetical"  # asked for, not done
    assert arrest.location is None  # Somalia acts; it is not where
    request = only(analysis.events, "REQUEST")
    assert request.actor == ["E1"] and request.recipient == ["E2"]
    # "the attacks" name no attacker: Kenya condemned them, it did not attack.
    assert all(e.actor != ["E1"] for e in analysis.events if e.type == "ASSAULT")


def test_headline_naming_parties_loosely_merges(nlp) -> None:
    analysis = build(
        nlp,
        "Colombian troops attacked a rebel camp in Cauca on Saturday.",
        {
            "E1": ("GROUP", ["Colombian troops"]),
            "E2": ("LOCATION", ["Colombian", "Colombia"]),
            "E3": ("GROUP", ["rebel camp", "rebels"]),
        },
        times={"Saturday": "2024-03-09"},
        headline="Colombian forces strike rebels in Cauca",
    )
    assault = [e for e in analysis.events if e.type == "ASSAULT"]
    assert len(assault) == 1
    assert [m.field for m in assault[0].mentions] == ["headline", "text"]
    assert assault[0].date == "2024-03-09"


def test_core_verb_with_unnamed_subject_and_denied_object(nlp) -> None:
    analysis = build(
        nlp,
        "A roadside bomb killed four soldiers near Kandahar. The ministry offered no comment.",
        {},
        keep_unattributed=True,
    )
    assault = only(analysis.events, "ASSAULT")
    assert assault.actor == [] and assault.trigger == "killed"
    offers = [e for e in analysis.events if e.trigger == "offered"]
    assert all(e.status == "negated" for e in offers)


def test_light_verb_through_a_quantity_and_party_is_not_a_place(nlp) -> None:
    analysis = build(
        nlp,
        "The European Union on Wednesday approved a fresh package of sanctions against Russia.",
        {"E1": ("ORG", ["European Union"]), "E2": ("LOCATION", ["Russia"])},
        times={"Wednesday": "2024-03-13"},
        places={"Russia": ("E2", "country")},
    )
    (event,) = analysis.events
    assert event.trigger == "sanctions" and event.cameo == "163"
    assert event.actor == ["E1"] and event.recipient == ["E2"]
    assert event.date == "2024-03-13"
    assert event.location is None  # "against Russia" names the target, not the place


def test_consult_modes_from_parties_and_place(nlp) -> None:
    analysis = build(
        nlp,
        "Armenia's prime minister met Azerbaijan's president in Geneva. "
        "The leaders of Egypt, Jordan and Iraq met in Baghdad.",
        {
            "E1": ("PERSON", ["Armenia's prime minister"]),
            "E2": ("PERSON", ["Azerbaijan's president"]),
            "E3": ("LOCATION", ["Geneva"]),
            "E4": ("LOCATION", ["Egypt"]),
            "E5": ("LOCATION", ["Jordan"]),
            "E6": ("LOCATION", ["Iraq"]),
            "E7": ("LOCATION", ["Baghdad"]),
        },
        places={"Geneva": ("E3", "city"), "Baghdad": ("E7", "city")},
    )
    # Give the parties and places their countries, as the entity and geo stages would.
    countries = {"E1": "ARM", "E2": "AZE", "E4": "EGY", "E5": "JOR", "E6": "IRQ"}
    entities = [e.model_copy(update={"country": countries.get(e.id)}) for e in analysis.entities]
    places = {"Geneva": "CH", "Baghdad": "IQ"}
    locations = [loc.model_copy(update={"country": places[loc.name]}) for loc in analysis.locations]
    before = analysis.model_copy(
        update={"entities": entities, "locations": locations, "events": []}
    )
    redone = with_section(
        before, STAGE, find_events(before, Parsed(nlp(analysis.article.text), nlp))
    )
    first, second = [e for e in redone.events if e.type == "CONSULT"]
    assert first.mode == "third-party"
    assert set(second.actor) == {"E4", "E5", "E6"} and second.mode == "multilateral"


def test_purpose_clause_names_the_target_of_a_protest(nlp) -> None:
    analysis = build(
        nlp,
        "Hundreds of Tamil refugees began a hunger strike to protest against Australia's "
        "deportation policy.",
        {"E1": ("GROUP", ["Tamil refugees"]), "E2": ("LOCATION", ["Australia"])},
    )
    strike = next(e for e in analysis.events if e.trigger == "strike")
    assert strike.type == "PROTEST" and strike.mode == "hunger"
    assert strike.actor == ["E1"] and strike.recipient == ["E2"]


def test_coordinated_verb_after_gerund_keeps_the_subject(nlp) -> None:
    analysis = build(
        nlp,
        "Opposition lawmakers accused the government of selling out national interests and "
        "called for a parliamentary inquiry.",
        {"E1": ("GROUP", ["Opposition lawmakers"]), "E2": ("ORG", ["government"])},
    )
    accuse = only(analysis.events, "ACCUSE")
    assert accuse.actor == ["E1"] and accuse.recipient == ["E2"]
    request = only(analysis.events, "REQUEST")
    assert request.actor == ["E1"] and request.trigger == "called"


def test_contexts_from_the_events_own_phrase(nlp) -> None:
    analysis = build(
        nlp,
        "Vietnam accused China of deploying warships near the disputed islands. "
        "Chile and Peru signed a trade agreement in Lima.",
        {
            "E1": ("LOCATION", ["Vietnam"]),
            "E2": ("LOCATION", ["China"]),
            "E3": ("LOCATION", ["Chile"]),
            "E4": ("LOCATION", ["Peru"]),
        },
    )
    accuse = only(analysis.events, "ACCUSE")
    assert "military" in accuse.context
    agreement = next(e for e in analysis.events if e.trigger == "signed")
    assert "economic" in agreement.context and "military" not in agreement.context


def test_raised_subject_and_bare_surname_are_the_actor(nlp) -> None:
    # The entities stage linked only the full name; the bare surname still finds its person,
    # and the stated subject is not replaced by a guessed one from an earlier sentence.
    analysis = build(
        nlp,
        "Amnesty International urged restraint. "
        "Ruto is expected to meet opposition leader Raila Odinga on Thursday.",
        {
            "E1": ("ORG", ["Amnesty International"]),
            "E2": ("PERSON", ["William Ruto"]),
            "E3": ("PERSON", ["Raila Odinga"]),
        },
    )
    meeting = only(analysis.events, "CONSULT")
    assert meeting.actor == ["E2"] and meeting.recipient == ["E3"]
    assert meeting.status == "future"


def test_until_clause_is_not_an_event_that_happened(nlp) -> None:
    analysis = build(
        nlp,
        "The unions will keep striking until the government withdraws the pension reform.",
        {"E1": ("ORG", ["unions"]), "E2": ("ORG", ["government"])},
    )
    withdrawal = next(e for e in analysis.events if e.trigger == "withdraws")
    assert withdrawal.status == "hypothetical"


def test_gerund_after_object_is_done_by_the_object(nlp) -> None:
    analysis = build(
        nlp,
        "The ministry accused the rebels of attacking a convoy near Goma.",
        {"E1": ("ORG", ["ministry"]), "E2": ("GROUP", ["rebels"])},
    )
    attack = next(e for e in analysis.events if e.trigger == "attacking")
    assert attack.actor == ["E2"]
    accuse = only(analysis.events, "ACCUSE")
    assert accuse.actor == ["E1"] and accuse.recipient == ["E2"]


def test_gerund_conjoined_to_a_gerund_is_done_by_the_object_too(nlp) -> None:
    analysis = build(
        nlp,
        "The senator criticized the sheriff for beating and arresting a reporter in Tulsa.",
        {
            "E1": ("PERSON", ["senator"]),
            "E2": ("PERSON", ["sheriff"]),
            "E3": ("PERSON", ["reporter"]),
        },
    )
    # Both gerunds after "for" are the sheriff's acts; the senator only criticized them.
    for word in ("beating", "arresting"):
        act = next(e for e in analysis.events if e.trigger == word)
        assert act.actor == ["E2"], word


def test_later_telling_naming_nobody_joins_the_same_word_event(nlp) -> None:
    analysis = build(
        nlp,
        "Lithuania's president held a meeting with Poland's prime minister in Vilnius on "
        "Monday.\n\n"
        "Energy prices dominated the agenda. The meeting was the first since 2019.",
        {
            "E1": ("PERSON", ["Lithuania's president"]),
            "E2": ("PERSON", ["Poland's prime minister"]),
            "E3": ("LOCATION", ["Vilnius"]),
        },
        places={"Vilnius": ("E3", "city")},
    )
    consult = [e for e in analysis.events if e.type == "CONSULT"]
    assert len(consult) == 1
    assert [m.text for m in consult[0].mentions] == ["meeting", "meeting"]
    assert consult[0].actor == ["E1"] and consult[0].recipient == ["E2"]


def test_an_exchange_of_accusations_is_two_events(nlp) -> None:  # type: ignore[no-untyped-def]
    # One article's "Hale accused Ortiz" and "Ortiz accused Hale": the same type and the same
    # two people, but one's actor is the other's recipient: two acts, not one told twice.
    analysis = build(
        nlp,
        "Senator Hale accused Governor Ortiz of corruption on Monday. "
        "Governor Ortiz accused Senator Hale of lying.",
        {"E1": ("PERSON", ["Senator Hale"]), "E2": ("PERSON", ["Governor Ortiz"])},
    )
    accusations = [e for e in analysis.events if e.type == "ACCUSE"]
    assert sorted((e.actor, e.recipient) for e in accusations) == [
        (["E1"], ["E2"]),
        (["E2"], ["E1"]),
    ]


def test_a_retelling_naming_the_other_side_by_a_definite_description_is_one_event(nlp) -> None:  # type: ignore[no-untyped-def]
    # The same senator, the same words, and "the administration" where the lead named the
    # governor: without coreference, a definite description points back to the side named.
    analysis = build(
        nlp,
        "Senator Reyes called on Governor Park to release the audit. "
        "Farmers in the valley have waited for the figures since the spring.\n\n"
        "Senator Reyes called on the administration to publish the figures before the vote.",
        {
            "E1": ("PERSON", ["Senator Reyes"]),
            "E2": ("PERSON", ["Governor Park"]),
            "E3": ("GROUP", ["the administration"]),
        },
    )
    requests = [e for e in analysis.events if e.type == "REQUEST"]
    assert len(requests) == 1
    assert [m.text for m in requests[0].mentions] == ["called", "called"]
    assert requests[0].actor == ["E1"] and requests[0].recipient == ["E2"]


def test_the_same_act_done_to_someone_told_indefinitely_is_a_second_event(nlp) -> None:  # type: ignore[no-untyped-def]
    # "two men" is nobody told before: police arresting them is a second arrest.
    analysis = build(
        nlp,
        "Police arrested Tom Baker in Leeds on Friday. "
        "The market was closed for the rest of the day.\n\n"
        "Police arrested two men near the station on Saturday.",
        {
            "E1": ("GROUP", ["Police"]),
            "E2": ("PERSON", ["Tom Baker"]),
            "E3": ("GROUP", ["two men"]),
        },
    )
    arrests = [e for e in analysis.events if e.type == "COERCE"]
    assert sorted(e.recipient[0] for e in arrests) == ["E2", "E3"]


def test_an_act_and_its_complement_of_the_same_type_are_one_event(nlp) -> None:  # type: ignore[no-untyped-def]
    # "agreed to buy": the purchase is what was agreed, not a second agreement (the rules read
    # AGREE at both words, "buy" as a future act: statuses that would keep them apart).
    analysis = build(
        nlp,
        "Halden Foods agreed on Monday to buy the Norrvik dairy for $40 million.",
        {"E1": ("ORG", ["Halden Foods"]), "E2": ("ORG", ["Norrvik dairy"])},
    )
    agreements = [e for e in analysis.events if e.type == "AGREE"]
    assert len(agreements) == 1
    assert agreements[0].trigger == "agreed" and agreements[0].status == "occurred"
    assert [m.text for m in agreements[0].mentions] == ["agreed", "buy"]


def test_a_complement_adds_no_party_beside_the_governing_acts_two_sides(nlp) -> None:  # type: ignore[no-untyped-def]
    # Object control: the minister invited is the one to visit; Rome, the visit's other
    # side, is no party of the invitation.
    analysis = build(
        nlp,
        "Secretary of State Ana Ruiz has invited Foreign Minister Jan Novak to visit Rome.",
        {
            "E1": ("PERSON", ["Ana Ruiz"]),
            "E2": ("PERSON", ["Jan Novak"]),
            "E3": ("LOCATION", ["Rome"]),
        },
    )
    meetings = [e for e in analysis.events if e.type == "CONSULT"]
    assert len(meetings) == 1
    assert meetings[0].actor == ["E1"] and meetings[0].recipient == ["E2"]


def test_a_complement_of_another_type_is_an_act_of_its_own(nlp) -> None:  # type: ignore[no-untyped-def]
    # "agreed to release": an agreement, and the release it promises, of another type.
    analysis = build(
        nlp,
        "The ministry agreed on Monday to release the prisoners next week.",
        {"E1": ("ORG", ["ministry"]), "E2": ("GROUP", ["prisoners"])},
    )
    types = sorted(e.type for e in analysis.events)
    assert "AGREE" in types and len(types) == 2


def test_a_person_and_the_body_their_title_names_are_one_side_of_one_act(nlp) -> None:  # type: ignore[no-untyped-def]
    # The agency's director and the agency accusing the same senator in one word: one act,
    # told once by the person and once by the body; the record names the side once.
    analysis = build(
        nlp,
        "FBI Director Jane Roe accused Senator Mark Hale of lying on Monday. "
        "The senator's office did not reply.\n\n"
        "The FBI accused Hale of misleading investigators about the payments.",
        {
            "E1": ("PERSON", ["Jane Roe"]),
            "E2": ("ORG", ["FBI"]),
            "E3": ("PERSON", ["Senator Mark Hale", "Hale"]),
        },
    )
    accusations = [e for e in analysis.events if e.type == "ACCUSE"]
    assert len(accusations) == 1
    assert accusations[0].actor == ["E1"] and accusations[0].recipient == ["E3"]


def test_a_person_and_their_body_accusing_different_people_are_two_acts(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "FBI Director Jane Roe accused Senator Mark Hale of lying on Monday. "
        "The FBI accused Governor Lena Park of fraud.",
        {
            "E1": ("PERSON", ["Jane Roe"]),
            "E2": ("ORG", ["FBI"]),
            "E3": ("PERSON", ["Senator Mark Hale"]),
            "E4": ("PERSON", ["Governor Lena Park"]),
        },
    )
    accusations = [e for e in analysis.events if e.type == "ACCUSE"]
    assert sorted(e.recipient[0] for e in accusations) == ["E3", "E4"]


def test_one_officials_two_calls_are_not_joined_by_her_office(nlp) -> None:  # type: ignore[no-untyped-def]
    # The chief acts for the police, but both calls are hers: her office joins nothing that
    # her own name did not (two requests, of the council and of drivers).
    analysis = build(
        nlp,
        'Police Chief Ann Lowe said: "I urge the council to fund more patrols." '
        "Kent Police made three arrests overnight.\n\n"
        "Lowe urged caution on the roads.",
        {
            "E1": ("PERSON", ["Ann Lowe", "Lowe"]),
            "E2": ("ORG", ["Kent Police"]),
            "E3": ("ORG", ["council"]),
        },
    )
    requests = [e for e in analysis.events if e.type == "REQUEST"]
    assert len(requests) == 2


def _state_report(nlp, body: str, parties: list[tuple[str, str, str, str | None]]) -> Analysis:  # type: ignore[no-untyped-def]
    """An analysed article whose entities carry a country and sector: ``parties`` lists
    (id, type, surface form, sector) of parties of Kenya (country KEN), of Uganda (UGA, when the
    id ends in "u") or of no country (an id ending in "x")."""
    article = make_article(body, published=PUBLISHED)
    entities = [
        Entity(
            id=entity_id,
            name=form,
            type=kind,  # type: ignore[arg-type]
            country={"u": "UGA", "x": None}.get(entity_id[-1], "KEN"),
            sector=sector,
            mentions=_spans(article.text, form),
        )
        for entity_id, kind, form, sector in parties
    ]
    analysis = Analysis(article=article, entities=entities)
    events = find_events(analysis, Parsed(nlp(article.text), nlp), confidence="rules")
    return with_section(analysis, STAGE, events)


def test_one_accusation_told_with_other_names_for_its_states_is_one_event(nlp) -> None:  # type: ignore[no-untyped-def]
    # "The government" (no country coded: the article's one government is Kenya's) and "the
    # Kenyan government", Uganda and its capital: one side each; the act named "accused",
    # "blamed" (one lexicon sense): one event told twice.
    analysis = _state_report(
        nlp,
        "The Kenyan government accused Uganda of arming the militia. "
        "Farmers in the valley have fled their fields since the spring.\n\n"
        "The government also blamed Kampala for the raids near the border. "
        "Kampala has denied the accusation.",
        [
            ("E1", "GROUP", "Kenyan government", "GOV"),
            ("E2u", "LOCATION", "Uganda", None),
            ("E3u", "LOCATION", "Kampala", None),
            ("E4x", "GROUP", "The government", "GOV"),
        ],
    )
    accusations = [e for e in analysis.events if e.type == "ACCUSE"]
    assert len(accusations) == 1
    told = [m.text for m in accusations[0].mentions]
    assert told[:2] == ["accused", "blamed"]
    # One side is one actor of the record, under the name the body gives it first ("the
    # government" is no second accuser beside "the Kenyan government").
    assert accusations[0].actor == ["E1"]


def test_one_criticism_named_by_two_words_of_one_root_is_one_event(nlp) -> None:  # type: ignore[no-untyped-def]
    # "condemned" and "accused" are two senses of one CAMEO root (disapprove): one act when
    # both tellings name both sides, the same states; not when one names no recipient.
    analysis = _state_report(
        nlp,
        "The Kenyan government condemned Uganda over the raids. "
        "Aid groups counted forty families displaced in the valley.\n\n"
        "The government accused Kampala of arming the militia. "
        "The government later criticized the weather service.",
        [
            ("E1", "GROUP", "Kenyan government", "GOV"),
            ("E2u", "LOCATION", "Uganda", None),
            ("E3u", "LOCATION", "Kampala", None),
            ("E4x", "GROUP", "The government", "GOV"),
            ("E5", "ORG", "weather service", None),
        ],
    )
    disapprovals = [e for e in analysis.events if e.type == "ACCUSE"]
    assert sorted(len(e.mentions) for e in disapprovals) == [1, 2]
    joined = next(e for e in disapprovals if len(e.mentions) == 2)
    assert [m.text for m in joined.mentions] == ["condemned", "accused"]


def test_acts_named_differently_or_by_other_parties_stay_apart(nlp) -> None:  # type: ignore[no-untyped-def]
    # A praise is no accusation; Kenya's accusation of Uganda and Uganda's of Kenya are an
    # exchange; an accusation by the opposition is not the government's.
    analysis = _state_report(
        nlp,
        "The Kenyan government accused Uganda of arming the militia. "
        "Kampala blamed Nairobi for the raids. "
        "The Kenyan opposition accused Uganda of smuggling.",
        [
            ("E1", "GROUP", "Kenyan government", "GOV"),
            ("E2u", "LOCATION", "Uganda", None),
            ("E3u", "LOCATION", "Kampala", None),
            ("E4", "LOCATION", "Nairobi", None),
            ("E5", "GROUP", "Kenyan opposition", "OPP"),
        ],
    )
    accusations = [e for e in analysis.events if e.type == "ACCUSE"]
    assert sorted((e.actor, e.recipient) for e in accusations) == [
        (["E1"], ["E2u"]),
        (["E3u"], ["E4"]),
        (["E5"], ["E2u"]),
    ]


def test_headline_index_finds_names_as_whole_words_in_any_case() -> None:
    from dateline.events.stage import display_index

    body = "Senator Ana Reyes met port workers in Valdora on Monday."
    reyes = Entity(id="E1", name="Ana Reyes", type="PERSON", mentions=_spans(body, "Ana Reyes"))
    port = Entity(id="E2", name="Valdora", type="LOCATION", mentions=_spans(body, "Valdora"))
    analysis = Analysis(article=make_article(body), entities=[reyes, port])
    headline = "REYES VISITS VALDORA DOCKS; Reyesville waits"
    spans = display_index(analysis, "headline", headline).spans
    found = {(headline[start:end], entity) for start, end, entity in spans}
    # The surname stands for a person named in full; "Reyesville" is another word.
    assert found == {("REYES", "E1"), ("VALDORA", "E2")}
    # Asked again (the compiled patterns now kept), the same spans.
    assert display_index(analysis, "headline", headline).spans == spans


def test_headline_index_matches_names_as_re_folds_case_beyond_ascii() -> None:
    from dateline.events.stage import display_index

    body = "Mayor Tom Sands opened the bridge in Lisbourne on Friday."
    sands = Entity(id="E1", name="Tom Sands", type="PERSON", mentions=_spans(body, "Tom Sands"))
    town = Entity(id="E2", name="Lisbourne", type="LOCATION", mentions=_spans(body, "Lisbourne"))
    analysis = Analysis(article=make_article(body), entities=[sands, town])
    # A long s ("ſ") is an "s" to re's case-insensitive matching though not to str.lower: a
    # line that is not ASCII is searched with the pattern, not passed over by a plain test.
    headline = "ſANDS opens Bridge — crowds cheer"
    found = {
        (headline[start:end], entity)
        for start, end, entity in display_index(analysis, "headline", headline).spans
    }
    assert found == {("ſANDS", "E1")}


_LEADER_AND_CAPITAL = (
    "President Amos Kibet accused Uganda of arming the militia on Tuesday. "
    "Farmers in the valley have fled their fields since the spring.\n\n"
    "Nairobi also blamed {recipient} for the raids near the border."
)


def _leader_report(nlp, body: str, leader_sector: str | None) -> Analysis:  # type: ignore[no-untyped-def]
    return _state_report(
        nlp,
        body,
        [
            ("E1", "PERSON", "Amos Kibet", leader_sector),
            ("E2u", "LOCATION", "Uganda", None),
            ("E3", "LOCATION", "Nairobi", None),
            ("E4x", "GROUP", "the rebels", None),
        ],
    )


def test_a_head_of_state_and_his_capital_telling_one_act_are_one_event(nlp) -> None:  # type: ignore[no-untyped-def]
    # Kenya's president and Kenya's capital accusing Uganda a paragraph apart, in words of
    # one sense: one act; the record names Kenya's side once, by the president.
    analysis = _leader_report(nlp, _LEADER_AND_CAPITAL.format(recipient="Uganda"), "GOV")
    accusations = [e for e in analysis.events if e.type == "ACCUSE"]
    assert len(accusations) == 1
    assert accusations[0].actor == ["E1"] and accusations[0].recipient == ["E2u"]


def test_a_leader_and_his_state_blaming_different_sides_are_two_acts(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = _leader_report(nlp, _LEADER_AND_CAPITAL.format(recipient="the rebels"), "GOV")
    accusations = [e for e in analysis.events if e.type == "ACCUSE"]
    assert len(accusations) == 2


def test_a_person_who_is_no_government_figure_does_not_act_for_the_state(nlp) -> None:  # type: ignore[no-untyped-def]
    # Coded as an elite of the country (out of office), not its government: two acts.
    body = _LEADER_AND_CAPITAL.format(recipient="Uganda").replace("President ", "")
    analysis = _leader_report(nlp, body, "ELI")
    accusations = [e for e in analysis.events if e.type == "ACCUSE"]
    assert len(accusations) == 2


def test_a_leader_and_his_state_told_far_apart_are_kept_apart(nlp) -> None:  # type: ignore[no-untyped-def]
    filler = "Farmers in the valley have fled their fields since the spring. " * 12
    body = _LEADER_AND_CAPITAL.format(recipient="Uganda").replace("\n\n", "\n\n" + filler)
    analysis = _leader_report(nlp, body, "GOV")
    accusations = [e for e in analysis.events if e.type == "ACCUSE"]
    assert len(accusations) == 2


def _quoted(nlp, body: str, extra: dict[str, tuple[str, list[str]]] | None = None) -> Analysis:
    """``body`` opens with a direct quotation that Okafor (E2) speaks; Delgado is E1."""
    entities = {"E1": ("PERSON", ["Delgado"]), "E2": ("PERSON", ["Okafor"]), **(extra or {})}
    return build(nlp, body, entities, quotes=[(1, body.index(',"'), "E2")])


def test_quoted_characterisation_is_the_speakers_accusation(nlp) -> None:
    # A hostile act told in the present inside someone else's words characterises its doer:
    # the event is the speaker accusing him, not a refusal by him.
    analysis = _quoted(
        nlp, '"Mayor Delgado refuses to answer for the budget cuts," councilwoman Okafor said.'
    )
    event = only(analysis.events, "ACCUSE")
    assert (event.actor, event.recipient, event.trigger) == (["E2"], ["E1"], "refuses")
    assert not [e for e in analysis.events if e.type == "REJECT"]
    perfect = _quoted(
        nlp, '"Delgado has been disrespecting the city workers for years," Okafor said.'
    )
    assert (only(perfect.events, "ACCUSE").actor, only(perfect.events, "ACCUSE").recipient) == (
        ["E2"],
        ["E1"],
    )


@pytest.mark.parametrize(
    ("body", "plover_type", "actor"),
    [
        # told in the past: one occasion, reported as it happened
        ('"Delgado rejected the union offer on Monday," Okafor said.', "REJECT", "E1"),
        # an investigation under way is a procedure, not a judgement of the investigators
        ('"The inspectors are investigating Delgado," Okafor said.', "ACCUSE", "E3"),
    ],
)
def test_quoted_report_stays_the_doers_act(nlp, body: str, plover_type: str, actor: str) -> None:
    analysis = _quoted(nlp, body, {"E3": ("ORG", ["inspectors"])})
    event = only(analysis.events, plover_type)
    assert event.actor == [actor]


@pytest.mark.parametrize(
    ("body", "sectors", "plover_type"),
    [
        # a legislator attacking a governor: words
        ("Senator Alvarez attacked Governor Brennan at a rally in Reno.", {"E1": "LEG"}, "ACCUSE"),
        # a minister (government) attacking a person: words
        ("Minister Alvarez attacked Brennan in a long speech.", {"E1": "GOV"}, "ACCUSE"),
        # with an instrument: force, whoever does it
        ("Senator Alvarez attacked Brennan with a chair.", {"E1": "LEG"}, "ASSAULT"),
        # a private person (no sector) attacking another: force
        ("Alvarez attacked Brennan outside the bar on Friday.", {}, "ASSAULT"),
        # against an armed group: force
        (
            "Minister Alvarez attacked Brennan near the border.",
            {"E1": "GOV", "E2": "REB"},
            "ASSAULT",
        ),
    ],
)
def test_attack_by_a_political_figure_is_criticism(
    nlp, body: str, sectors: dict[str, str], plover_type: str
) -> None:
    entities = {"E1": ("PERSON", ["Alvarez"]), "E2": ("PERSON", ["Brennan"])}
    if sectors.get("E2") == "REB":
        entities["E2"] = ("GROUP", ["Brennan"])
    analysis = build(nlp, body, entities, sectors=sectors, confidence="rules")
    event = only(analysis.events, plover_type)
    assert (event.actor, event.recipient) == (["E1"], ["E2"])


def test_two_acts_between_the_same_parties_named_by_unrelated_words_are_two_events(nlp) -> None:  # type: ignore[no-untyped-def]
    # Sharing both parties is no evidence of one act: "attacked ... for the shortfall" and
    # "also criticized ... for the freeze" are two criticisms; the same act told again in one
    # word family ("stabbed", "stabbing") is one.
    analysis = build(
        nlp,
        "In Sunday's debate, Senator Alma Reyes attacked Governor Tom Cole for the budget "
        "shortfall. The governor's office did not respond.\n\n"
        "Reyes also criticized Cole for the hiring freeze at the transit agency.",
        {
            "E1": ("PERSON", ["Alma Reyes", "Reyes"]),
            "E2": ("PERSON", ["Tom Cole", "Cole"]),
        },
        confidence="rules",
    )
    accusations = [e for e in analysis.events if e.type == "ACCUSE"]
    assert len(accusations) == 2, [(e.trigger, e.actor, e.recipient) for e in analysis.events]
    assert {e.trigger for e in accusations} == {"attacked", "criticized"}


def test_one_assault_told_by_two_inflections_is_one_event(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Dale Hickman admitted stabbing Omar Farrow outside a bar in March.\n\n"
        "Hickman told the court he stabbed Farrow once after an argument about money.",
        {
            "E1": ("PERSON", ["Dale Hickman", "Hickman"]),
            "E2": ("PERSON", ["Omar Farrow", "Farrow"]),
        },
        confidence="rules",
        keep_unattributed=True,
    )
    assaults = [e for e in analysis.events if e.type == "ASSAULT" and e.recipient]
    assert len(assaults) == 1, [(e.trigger, e.actor, e.recipient) for e in analysis.events]


def test_one_call_by_unnamed_groups_told_twice_is_one_event(nlp) -> None:  # type: ignore[no-untyped-def]
    # Groups told by descriptions, not names: the entities stage cannot join "councillors"
    # and "members"; the act (one sense, the same named recipient, told close) says one call.
    body = (
        "Two veteran city councillors urged Mayor Ines Ortiz to reopen the central library "
        "before the winter.\n\n"
        "In interviews, two senior members of the council called on Ortiz to pay for longer "
        "opening hours from the reserve fund."
    )
    analysis = build(
        nlp,
        body,
        {
            "E1": ("GROUP", ["Two veteran city councillors"]),
            "E2": ("PERSON", ["Ines Ortiz", "Ortiz"]),
            "E3": ("GROUP", ["two senior members"]),
        },
        sectors={"E1": "LEG"},
        confidence="rules",
    )
    requests = [e for e in analysis.events if e.type == "REQUEST"]
    assert len(requests) == 1, [(e.trigger, e.actor, e.recipient) for e in analysis.events]
    assert requests[0].actor == ["E1"] and requests[0].recipient == ["E2"]
    assert [m.text for m in requests[0].mentions] == ["urged", "called"]


def test_unnamed_groups_of_other_sectors_calling_on_one_person_are_two_events(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Striking nurses urged Mayor Ines Ortiz to reopen the clinic on Monday.\n\n"
        "Local police officers called on Ortiz to hire more staff for the night shift."
    )
    analysis = build(
        nlp,
        body,
        {
            "E1": ("GROUP", ["Striking nurses"]),
            "E2": ("PERSON", ["Ines Ortiz", "Ortiz"]),
            "E3": ("GROUP", ["Local police officers"]),
        },
        sectors={"E1": "MED", "E3": "COP"},
        confidence="rules",
    )
    requests = [e for e in analysis.events if e.type == "REQUEST"]
    assert len(requests) == 2, [(e.trigger, e.actor, e.recipient) for e in analysis.events]


def test_a_past_act_dated_after_publication_is_dated_by_another_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    # The hearing is on the 28th; the subpoena, told in the past, was issued before the story.
    analysis = build(
        nlp,
        "Senator Ruth Abney said she subpoenaed Carl Brenner to testify before the committee on "
        "March 28.",
        {"E1": ("PERSON", ["Ruth Abney"]), "E2": ("PERSON", ["Carl Brenner"])},
        times={"March 28": "2024-03-28"},
        keep_unattributed=True,
        confidence="rules",
    )
    subpoena = next(e for e in analysis.events if e.trigger == "subpoenaed")
    assert subpoena.status == "occurred"
    assert subpoena.date != "2024-03-28"
    # A past act dated before publication keeps its date.
    earlier = build(
        nlp,
        "Senator Ruth Abney subpoenaed Carl Brenner on March 8.",
        {"E1": ("PERSON", ["Ruth Abney"]), "E2": ("PERSON", ["Carl Brenner"])},
        times={"March 8": "2024-03-08"},
        keep_unattributed=True,
        confidence="rules",
    )
    assert [(e.status, e.date) for e in earlier.events if e.trigger == "subpoenaed"] == [
        ("occurred", "2024-03-08")
    ]
