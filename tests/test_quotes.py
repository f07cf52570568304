"""The quotes stage on invented articles in several house styles, and on the example article.

Most tests run the stage on its own with hand-made entities (so they test the quotes logic,
not the entities stage); the tests at the end run the full pipeline and need the entities
stage.
"""

from __future__ import annotations

import re

import pytest

from conftest import make_article
from dateline.model import Analysis, Entity, Quote, Span
from dateline.pipeline import with_section
from dateline.quotes.marks import find_quoted
from dateline.quotes.stage import STAGE, find_quotes
from dateline.stage import Parsed

# --------------------------------------------------------------------------- helpers


def entity(eid: str, name: str, type_: str, *surfaces: str) -> tuple[str, str, str, tuple]:
    return (eid, name, type_, surfaces or (name,))


def run(nlp, body: str, *entities: tuple, headline: str | None = None, captions=()) -> Analysis:  # type: ignore[no-untyped-def]
    """The quotes stage on ``body``; each entity is mentioned wherever one of its surfaces occurs."""
    article = make_article(body, headline=headline)
    if captions:
        article = article.model_copy(update={"captions": list(captions)})
    text = article.text
    records = []
    for eid, name, type_, surfaces in entities:
        mentions = [
            Span(start=m.start(), end=m.end(), text=m.group())
            for surface in surfaces
            for m in re.finditer(rf"\b{re.escape(surface)}\b", text)
        ]
        records.append(Entity(id=eid, name=name, type=type_, mentions=mentions))  # type: ignore[arg-type]
    analysis = Analysis(article=article, entities=records, stages=["article", "nlp", "entities"])
    return with_section(analysis, STAGE, find_quotes(analysis, Parsed(nlp(text), nlp)))


def quote_with(analysis: Analysis, words: str, kinds: tuple[str, ...] = ()) -> Quote:
    matches = [q for q in analysis.quotes if words in q.text and (not kinds or q.kind in kinds)]
    assert matches, f"no quote containing {words!r} in {[q.text for q in analysis.quotes]}"
    return matches[0]


def texts(analysis: Analysis) -> list[str]:
    return [q.text for q in analysis.quotes]


# --------------------------------------------------------------------------- quotation marks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We are ready,” she said.", ["We are ready"]),
        ("‘It’s a disgrace,’ Mr Hughes said of the council’s plan.", ["It’s a disgrace"]),
        ('"We won\'t go," he said. "It\'s over."', ["We won't go", "It's over."]),
        ("The minister said: «We will not give in».", ["We will not give in"]),
        ("„We have done it“, the chancellor said.", ["We have done it"]),
        ("‘The word “crisis” is overused,’ she wrote.", ["The word “crisis” is overused"]),
        ("The Joneses’ house and the ’90s were fine.", []),
    ],
)
def test_quotation_styles(text: str, expected: list[str]) -> None:
    assert [text[q.start : q.end] for q in find_quoted(text)] == expected


def test_quote_left_open_continues_into_next_paragraph() -> None:
    text = "“The first part runs on\n\n“and ends here,” she said."
    first, second = find_quoted(text)
    assert first.continued and text[first.start : first.end] == "The first part runs on"
    assert not second.continued and second.paragraph == 1


# --------------------------------------------------------------------------- direct quotes


def test_wire_style_quote_split_by_attribution(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Flood waters receded across the valley on Tuesday as crews began clearing debris.\n\n"
        "“We will not abandon these towns,” Governor Maria Lopez said at a news conference. "
        "“This is about our families and our future.”"
    )
    analysis = run(nlp, body, entity("E1", "Maria Lopez", "PERSON", "Governor Maria Lopez"))
    first = quote_with(analysis, "We will not abandon these towns")
    second = quote_with(analysis, "This is about our families")
    assert (first.kind, first.speaker, first.cue) == ("direct", "E1", "said")
    assert second.speaker == "E1" and second.kind == "direct"
    assert analysis.article.text[first.start : first.end] == first.text


def test_british_single_quotes_with_inverted_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Council leaders defended the budget last night.\n\n"
        "‘It’s a disgrace that libraries are closing,’ said Tom Hughes, the shadow minister. "
        "‘Ministers have failed a generation.’"
    )
    analysis = run(nlp, body, entity("E1", "Tom Hughes", "PERSON"))
    assert quote_with(analysis, "It’s a disgrace").speaker == "E1"
    assert quote_with(analysis, "Ministers have failed").speaker == "E1"


def test_guillemets_and_german_quotes(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "The French president, Claire Dumont, was defiant. She told the assembly: "
        "«We will not give in to blackmail».\n\n"
        "„We have done it“, Chancellor Olaf Brandt told reporters in Berlin."
    )
    analysis = run(
        nlp,
        body,
        entity("E1", "Claire Dumont", "PERSON", "Claire Dumont", "She"),
        entity("E2", "Olaf Brandt", "PERSON"),
    )
    assert quote_with(analysis, "We will not give in").speaker == "E1"
    german = quote_with(analysis, "We have done it")
    assert german.speaker == "E2" and german.cue == "told"


def test_quote_continued_over_paragraphs_keeps_its_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "“The hospital has run out of beds and the staff are exhausted,” said Dr Amal Haddad, "
        "the director. “We are turning people away every night.\n\n"
        "“Nobody in the ministry has answered our letters.”\n\n"
        "The ministry did not respond to a request for comment."
    )
    analysis = run(nlp, body, entity("E1", "Amal Haddad", "PERSON", "Dr Amal Haddad"))
    assert quote_with(analysis, "turning people away").speaker == "E1"
    assert quote_with(analysis, "Nobody in the ministry").speaker == "E1"


def test_quote_paragraph_without_cue_continues_previous_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Mr Okafor, the union's general secretary, said members would strike on Friday.\n\n"
        "“We have been patient for two years and patience has run out.”\n\n"
        "Rail operators said services would be cut."
    )
    analysis = run(nlp, body, entity("E1", "Chidi Okafor", "PERSON", "Mr Okafor"))
    assert quote_with(analysis, "We have been patient").speaker == "E1"


def test_colon_paragraph_introduces_the_quote_below(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "The pollster Pat Dunne was blunt about the numbers. Dunne continued:\n\n"
        "“The health issue is a partisan issue, and it will stay that way until November.”"
    )
    analysis = run(nlp, body, entity("E1", "Pat Dunne", "PERSON", "Pat Dunne", "Dunne"))
    assert quote_with(analysis, "The health issue is a partisan issue").speaker == "E1"


def test_question_quote_and_abbreviated_titles(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "“Why won’t he release his returns?” Sen. Maria Ortiz asked on Tuesday.\n\n"
        "“This is a big year for us!” state Del. Tom Price shouted to the crowd."
    )
    analysis = run(
        nlp,
        body,
        entity("E1", "Maria Ortiz", "PERSON", "Sen. Maria Ortiz"),
        entity("E2", "Tom Price", "PERSON", "Del. Tom Price"),
    )
    asked = quote_with(analysis, "Why won’t he release his returns?")
    assert (asked.speaker, asked.cue) == ("E1", "asked")
    assert quote_with(analysis, "This is a big year for us!").speaker == "E2"


def test_pronoun_speaker_resolved_by_entity_mention(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Senator Dale Whitmore spoke to voters in Ohio on Monday.\n\n"
        "“The plant will stay open,” he added."
    )
    analysis = run(
        nlp, body, entity("E1", "Dale Whitmore", "PERSON", "Senator Dale Whitmore", "he")
    )
    assert quote_with(analysis, "The plant will stay open").speaker == "E1"


def test_pronoun_falls_back_to_last_person_named(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Senator Dale Whitmore spoke to voters in Ohio on Monday.\n\n"
        "“The plant will stay open,” he added."
    )
    analysis = run(nlp, body, entity("E1", "Dale Whitmore", "PERSON", "Senator Dale Whitmore"))
    assert quote_with(analysis, "The plant will stay open").speaker == "E1"


# --------------------------------------------------------------------------- partial and scare quotes


def test_partial_quote_attributed_to_governing_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Senator Dale Whitmore called the bill “a betrayal of working families” on Monday, "
        "while the White House praised lawmakers for “putting jobs first”."
    )
    analysis = run(
        nlp,
        body,
        entity("E1", "Dale Whitmore", "PERSON", "Senator Dale Whitmore"),
        entity("E2", "White House", "ORG"),
    )
    betrayal = quote_with(analysis, "a betrayal of working families")
    assert (betrayal.kind, betrayal.speaker) == ("partial", "E1")
    assert quote_with(analysis, "putting jobs first").speaker == "E2"


def test_scare_quotes_and_quoted_names_are_not_statements(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Analysts fear the region could become a “new Beirut”. Delegates met at the "
        "“Northern Unity Forum”, which opened on Friday in the capital.\n\n"
        "The so-called “peace dividend” never arrived, residents complained. In 1987 the "
        "developer wrote “The Art of the Deal”, a bestseller."
    )
    analysis = run(nlp, body)
    quoted = [q for q in analysis.quotes if q.kind != "indirect"]
    assert quoted == []


# --------------------------------------------------------------------------- reported speech


@pytest.mark.parametrize(
    "opening",
    ["LISBON, June 9 (Reuters) - ", "NAIROBI, Kenya (AP) \u2014 ", "DENVER (AP) -- "],
)
def test_a_wire_dateline_is_not_part_of_the_reported_words(nlp, opening: str) -> None:  # type: ignore[no-untyped-def]
    body = (
        f"{opening}Diesel prices climbed on Friday as traders bet that stocks would shrink, "
        "analysts said."
    )
    quote = quote_with(run(nlp, body), "Diesel prices climbed on Friday")
    assert quote.text.startswith("Diesel prices climbed"), quote.text


def test_reported_speech_with_unnamed_sources(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Officials said the bridge would reopen next week after repairs.\n\n"
        "The closure has cost shops thousands of dollars, a spokesman for the chamber of "
        "commerce told reporters."
    )
    analysis = run(nlp, body)
    bridge = quote_with(analysis, "the bridge would reopen next week")
    assert (bridge.kind, bridge.speaker, bridge.speaker_name, bridge.cue) == (
        "indirect",
        None,
        "Officials",
        "said",
    )
    shops = quote_with(analysis, "The closure has cost shops")
    assert shops.speaker is None
    assert shops.speaker_name == "a spokesman for the chamber of commerce"
    assert shops.cue == "told"


def test_place_or_party_modifying_the_speaker_is_not_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "The Ohio governor said the bridge would reopen next week.\n\n"
        "The Liberal nominee said the vote would be close.\n\n"
        "The Ministry of Health said the clinics would stay open."
    )
    analysis = run(
        nlp,
        body,
        entity("E1", "Ohio", "LOCATION"),
        entity("E2", "Liberal Party", "ORG", "Liberal"),
        entity("E3", "Ministry of Health", "ORG"),
    )
    governor = quote_with(analysis, "the bridge would reopen")
    assert (governor.speaker, governor.speaker_name) == (None, "The Ohio governor")
    nominee = quote_with(analysis, "the vote would be close")
    assert (nominee.speaker, nominee.speaker_name) == (None, "The Liberal nominee")
    # An organisation named in full is still the speaker.
    assert quote_with(analysis, "the clinics would stay open").speaker == "E3"


def test_according_to_the_statement_credits_its_issuer_named_before(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "The deal was announced in a read-out published on the Foreign Ministry’s website late "
        "on Monday. According to the statement, both sides agreed to reopen the border.\n\n"
        "A report released by the Harlow Institute found that wages fell. According to the "
        "report, prices rose by a third.\n\n"
        "Talks went on. According to the statement, the ceasefire holds."
    )
    analysis = run(
        nlp,
        body,
        entity("E1", "Foreign Ministry", "ORG"),
        entity("E2", "Harlow Institute", "ORG"),
    )
    border = quote_with(analysis, "both sides agreed to reopen the border")
    assert (border.speaker, border.cue) == ("E1", "according to")
    assert quote_with(analysis, "prices rose by a third").speaker == "E2"
    # No document named before in the paragraph: the statement itself, unnamed.
    ceasefire = quote_with(analysis, "the ceasefire holds")
    assert (ceasefire.speaker, ceasefire.speaker_name) == (None, "the statement")


def test_a_document_speaks_for_its_issuer_and_a_poll_share_is_nobody(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "The Marlow Trust's report said the river was \u201cbadly polluted\u201d by farm runoff. "
        "A separate study said the fish stocks had halved.\n\n"
        "A Kestrel Research survey of 1,200 adults was published on Sunday. Only 38 percent of "
        "voters said they trusted the council.\n\n"
        "The council met on Monday. About 60 percent of residents say the bridge is unsafe."
    )
    analysis = run(
        nlp,
        body,
        entity("E1", "Marlow Trust", "ORG"),
        entity("E2", "Kestrel Research", "ORG"),
        entity("E3", "voters", "GROUP"),
    )
    river = quote_with(analysis, "badly polluted")
    assert (river.speaker, river.speaker_name) == ("E1", "Marlow Trust")
    assert river.speaker_span is not None and river.speaker_span.text == "The Marlow Trust's report"
    # No issuer named: the study stays an unnamed source.
    fish = quote_with(analysis, "fish stocks")
    assert (fish.speaker, fish.speaker_name) == (None, "A separate study")
    # A share of the voters is the survey's figure: its issuer, never the voters.
    trust = quote_with(analysis, "they trusted the council")
    assert (trust.speaker, trust.speaker_name) == ("E2", "Kestrel Research")
    assert trust.speaker_span is not None and trust.speaker_span.text.endswith(
        "38 percent of voters"
    )
    # No poll named before it: nobody, the words kept as the span.
    bridge = quote_with(analysis, "the bridge is unsafe")
    assert (bridge.speaker, bridge.speaker_name) == (None, None)
    assert bridge.speaker_span is not None and "60 percent" in bridge.speaker_span.text


def test_according_to_statement_and_message(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "According to a survey by the Pew Research Center, most voters distrust both parties.\n\n"
        "In a statement, Acme Corp apologised to customers for the outage.\n\n"
        "The mayor's message was that the city would recover quickly."
    )
    analysis = run(
        nlp,
        body,
        entity("E1", "Pew Research Center", "ORG"),
        entity("E2", "Acme Corp", "ORG"),
        entity("E3", "Joan Reyes", "PERSON", "The mayor"),
    )
    survey = quote_with(analysis, "most voters distrust both parties")
    assert (survey.speaker, survey.cue) == ("E1", "according to")
    statement = quote_with(analysis, "apologised to customers")
    assert (statement.speaker, statement.cue) == ("E2", "statement")
    message = quote_with(analysis, "the city would recover quickly")
    assert (message.speaker, message.cue) == ("E3", "message")


def test_parenthetical_cue_and_claim_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "The economy, the finance minister said, would grow by 2 percent next year.\n\n"
        "The senator's claim that the contract was illegal angered the governor."
    )
    analysis = run(nlp, body)
    economy = quote_with(analysis, "would grow by 2 percent")
    assert economy.text.startswith("The economy") and economy.speaker_name == "the finance minister"
    claim = quote_with(analysis, "the contract was illegal")
    assert (claim.kind, claim.speaker_name, claim.cue) == ("indirect", "The senator", "claim")


def test_relative_pronoun_and_it_speakers(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "The plan was attacked by Senator Ruth Kagame, who said the cuts would close rural "
        "clinics.\n\n"
        "Northwind Airlines cancelled 40 flights on Sunday. It said the storm had grounded its "
        "fleet in Denver."
    )
    analysis = run(
        nlp,
        body,
        entity("E1", "Ruth Kagame", "PERSON", "Senator Ruth Kagame"),
        entity("E2", "Northwind Airlines", "ORG"),
    )
    clinics = quote_with(analysis, "the cuts would close rural clinics")
    assert clinics.speaker == "E1" and clinics.speaker_span is not None
    assert clinics.speaker_span.text == "who"
    assert quote_with(analysis, "the storm had grounded its fleet").speaker == "E2"


def test_possessive_pronoun_and_misparsed_apposition(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Governor Alan Brooks spoke in Albany on Monday. His message was that the state "
        "would not raise taxes.\n\n"
        "To understand the real crisis, Chief Justice Ana Ruiz said, one should visit the courts."
    )
    analysis = run(
        nlp,
        body,
        entity("E1", "Alan Brooks", "PERSON", "Governor Alan Brooks"),
        entity("E2", "Ana Ruiz", "PERSON", "Chief Justice Ana Ruiz"),
    )
    assert quote_with(analysis, "the state would not raise taxes").speaker == "E1"
    assert quote_with(analysis, "one should visit the courts").speaker == "E2"


def test_two_apostrophes_as_double_quotes(nlp) -> None:  # type: ignore[no-untyped-def]
    body = "''We will appeal the ruling,'' the company's lawyer, Ms. Dana Weiss, said on Friday."
    analysis = run(nlp, body, entity("E1", "Dana Weiss", "PERSON", "Ms. Dana Weiss"))
    quote = quote_with(analysis, "We will appeal the ruling")
    assert (quote.kind, quote.speaker) == ("direct", "E1")


def test_no_statement_when_nothing_was_said(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "The spokesman did not say whether talks would resume. Prices rose by 3 per cent "
        "in October, the highest in a decade."
    )
    assert run(nlp, body).quotes == []


def test_without_entities_speakers_are_named_by_their_words(nlp) -> None:  # type: ignore[no-untyped-def]
    body = "“Turnout was higher than we expected,” said election commissioner Ruth Adeyemi."
    quote = quote_with(run(nlp, body), "Turnout was higher")
    assert quote.speaker is None
    assert quote.speaker_name is not None and "Adeyemi" in quote.speaker_name


# --------------------------------------------------------------------------- headline and captions


def test_headline_quote_attributed_from_the_body(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "The mayor toured the flooded districts on Sunday.\n\n"
        "“We will rebuild this town, street by street,” Mayor Ellen Park said."
    )
    analysis = run(
        nlp,
        body,
        entity("E1", "Ellen Park", "PERSON", "Mayor Ellen Park", "The mayor"),
        headline="‘We will rebuild’: flood-hit town counts the cost",
        captions=["Ellen Park: ‘Nobody will be left behind’", "Volunteers fill sandbags"],
    )
    headline = [q for q in analysis.quotes if q.field == "headline"]
    assert [(q.text, q.speaker) for q in headline] == [("We will rebuild", "E1")]
    assert analysis.article.headline is not None
    assert analysis.article.headline[headline[0].start : headline[0].end] == "We will rebuild"
    # The speaker's words are the body's, and the span says so.
    span = headline[0].speaker_span
    assert span is not None and span.field == "text"
    assert body[span.start : span.end] == span.text and "Park" in span.text
    caption = [q for q in analysis.quotes if q.field == "captions[0]"]
    assert [(q.text, q.speaker) for q in caption] == [("Nobody will be left behind", "E1")]


def test_ids_are_unique_and_offsets_point_into_text(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "“Prices will fall,” the minister said. Critics say the forecast is too rosy, and "
        "according to the central bank, inflation will stay above target."
    )
    analysis = run(nlp, body)
    assert len({q.id for q in analysis.quotes}) == len(analysis.quotes) >= 3
    for quote in analysis.quotes:
        assert analysis.article.text[quote.start : quote.end] == quote.text


# --------------------------------------------------------------------------- with the entities stage


def _entity_named(analysis: Analysis, surname: str) -> str:
    ids = [e.id for e in analysis.entities if e.type == "PERSON" and surname in e.name]
    assert ids, f"no PERSON entity named {surname}"
    return ids[0]


def test_example_article_quotes_and_speakers(example_analysis: Analysis) -> None:
    """Needs the entities stage (speaker ids)."""
    putin = _entity_named(example_analysis, "Putin")
    assad = _entity_named(example_analysis, "Assad")
    frolov = _entity_named(example_analysis, "Frolov")
    expected = {
        "Mission nearly accomplished": putin,
        "We’re still a long way off fully defeating terrorism": putin,
        "But as far as concerns our work": putin,
        "defending the territorial integrity of [his] country": assad,
        "long-term regulation of Syria": putin,
        "ready to work with everyone wanting peace": putin,
        "We agreed with our colleagues": putin,
        "We can’t know if such details were discussed": frolov,
        "This was an attempt to frame a settlement": frolov,
    }
    for words, speaker in expected.items():
        quote = quote_with(example_analysis, words, kinds=("direct", "partial"))
        assert quote.speaker == speaker, quote
    said = quote_with(example_analysis, "the stage was now set for a switch to politics")
    assert (said.kind, said.speaker) == ("indirect", putin)
    critics = quote_with(example_analysis, "it is a forum for Russia")
    assert critics.kind == "indirect" and critics.speaker is None
    assert critics.speaker_name == "Critics"
    assert not [q for q in example_analysis.quotes if q.text == "new Afghanistan"]
    headline = [q for q in example_analysis.quotes if q.field == "headline"]
    assert [(q.text, q.speaker) for q in headline] == [("Mission accomplished", putin)]


def test_spacy_component() -> None:
    """Needs the entities stage (the component runs the stages quotes depends on)."""
    import spacy

    import dateline.spacy_components  # noqa: F401  (registers the factories)
    from dateline.nlp import DEFAULT_MODEL

    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("dateline_quotes")
    doc = nlp("“The talks were useful,” Foreign Minister Anna Lind said on Thursday.")
    quotes = doc._.dateline.quotes
    assert [q.text for q in quotes] == ["The talks were useful"]
    assert quotes[0].speaker_name is not None


@pytest.mark.slow
def test_long_single_paragraph_quotes(nlp) -> None:  # type: ignore[no-untyped-def]
    # One paragraph of 200 quotes: the stage read ``doc.text`` (rebuilt by spaCy from every
    # token on each access) once per quote and speaker, quadratic on long paragraphs.
    from dateline.nlp.doctext import doc_text

    body = " ".join(f'"Talks round {i} went well," Maria Lopez said.' for i in range(200))
    doc = nlp(body)
    assert doc_text(doc) is doc_text(doc) and doc_text(doc) == doc.text
    analysis = run(nlp, body, entity("E1", "Maria Lopez", "PERSON", "Maria Lopez"))
    found = [q for q in analysis.quotes if q.text.startswith("Talks round")]
    assert len(found) == 200 and all(q.speaker_name == "Maria Lopez" for q in found)


@pytest.mark.slow
def test_unclosed_nested_marks_in_a_long_paragraph(nlp) -> None:  # type: ignore[no-untyped-def]
    # An opening mark never closed in its paragraph (‘plan) is nested in every quote after
    # it; each such mark was scanned again by every mark around it, exponential in their
    # number (minutes on a 180,000-character paragraph).
    body = " ".join(
        f"“We will not give up on the ‘plan {i},” said Anna Berg, a local organiser. "
        "Officials said the road would reopen."
        for i in range(200)
    )
    analysis = run(nlp, body, entity("E1", "Anna Berg", "PERSON", "Anna Berg"))
    found = [q for q in analysis.quotes if q.text.startswith("We will not give up")]
    assert [q.text for q in found] == [f"We will not give up on the ‘plan {i}" for i in range(200)]
    assert all(q.speaker_name == "Anna Berg" and q.kind == "direct" for q in found)
    # Marks that never close: one quote continued to the end of the paragraph.
    text = "Officials said “the ‘road " * 60
    [quoted] = find_quoted(text)
    assert (quoted.open_mark, quoted.start, quoted.close_mark) == (15, 16, None)
    assert quoted.end == len(text.rstrip()) and quoted.continued


# --------------------------------------------------------------------------- audit of unseen pages


def test_heading_run_into_the_next_paragraph_is_not_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Flood risk\n\n"
        "The minister emphasised that the ground was already saturated after weeks of rain.\n\n"
        "Book your tickets at the same time as the hotel\n\n"
        'Abby said: "I always recommend buying park tickets early, because prices climb."'
    )
    analysis = run(nlp, body)
    ground = quote_with(analysis, "the ground was already saturated")
    assert ground.speaker_name == "The minister"
    assert ground.speaker_span is not None and "\n" not in ground.speaker_span.text
    tickets = quote_with(analysis, "buying park tickets early")
    assert tickets.speaker_name == "Abby"


def test_dateline_before_the_subject_is_not_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "TORONTO — A young man and his mother have launched a lawsuit against the city police, "
        "alleging he was a victim of racial profiling."
    )
    analysis = run(nlp, body)
    profiling = quote_with(analysis, "he was a victim of racial profiling")
    assert profiling.speaker_name is not None
    assert profiling.speaker_name.startswith("A young man")


def test_in_response_and_bare_abstract_nouns_carry_no_words(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "The review came in response to the abnormal rainfall across the province.\n\n"
        "Grammar is the focus of attention in teaching and, importantly, in assessment."
    )
    assert run(nlp, body).quotes == []


def test_apposition_after_a_heading_names_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Provincial rescue teams on high alert\n\n"
        "The regional minister for safety, Jacob Mabena, said the disaster centre had briefed "
        "every mayor on Thursday evening."
    )
    briefed = quote_with(run(nlp, body), "the disaster centre had briefed")
    assert briefed.speaker_name is not None and "Mabena" in briefed.speaker_name


def test_a_cue_after_lets_and_a_cues_own_time_clause_report_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Running a bakery is hard, and some mornings test you. Well, let’s say they teach you "
        "patience.\n\n"
        "When Marta Ilves was three months into the job, she posted in a forum for bakers that "
        "she needed a second oven."
    )
    quotes = run(nlp, body).quotes
    assert not any("teach you patience" in q.text for q in quotes)
    assert not any(q.text.startswith("When Marta Ilves") for q in quotes)
    # A clause before ", X said" with no subordinating word is still what was said.
    said = run(nlp, "The bakery will reopen next week, the owner said on Tuesday.").quotes
    assert [q.text for q in said] == ["The bakery will reopen next week"]
