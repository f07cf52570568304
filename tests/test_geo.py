"""The geo stage: toponyms found in invented news articles and resolved to GeoNames places.

The stage is run directly on a spaCy Doc (with or without an entities section), so these tests
do not depend on the other stages being present.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLE, make_article
from dateline.errors import DatelineError, InputError
from dateline.evaluation.geo import command as eval_command
from dateline.geo import gazetteer as gz
from dateline.geo.gazetteer import Place, load_gazetteer
from dateline.geo.index import PlaceIndex, write_index
from dateline.geo.names import name_key
from dateline.geo.resolve import Toponym, distance_km, resolve
from dateline.geo.stage import STAGE, find_locations
from dateline.model import Analysis, Entity, Location, Span
from dateline.pipeline import with_section
from dateline.stage import Parsed


@pytest.fixture(scope="module")
def geo(nlp):  # type: ignore[no-untyped-def]
    """geo(body, entities=()) -> Analysis with the geo stage's locations."""

    def run(body: str, entities: tuple[Entity, ...] = ()) -> Analysis:
        article = make_article(body)
        analysis = Analysis(article=article, entities=list(entities))
        parsed = Parsed(nlp(article.text), nlp)
        return with_section(analysis, STAGE, find_locations(analysis, parsed))

    return run


def by_name(analysis: Analysis) -> dict[str, Location]:
    return {location.name: location for location in analysis.locations}


# --- the gazetteer -------------------------------------------------------------------------


def test_name_keys_fold_accents_punctuation_and_abbreviations() -> None:
    assert name_key("São Paulo") == "sao paulo"
    assert name_key("St. Louis") == name_key("Saint Louis") == "saint louis"
    assert name_key("the Gaza Strip") == "gaza strip"
    assert name_key("Winston-Salem") == "winston salem"


def test_gazetteer_finds_countries_cities_states_and_curated_places() -> None:
    gazetteer = load_gazetteer()
    sochi = gazetteer.lookup("Sochi")
    assert [(p.geonameid, p.country, p.kind) for p in sochi] == [(491422, "RU", "city")]
    assert {p.kind for p in gazetteer.lookup("Georgia")} == {"country", "admin1"}
    assert gazetteer.lookup("Calif.")[0].name == "California"
    black_sea = gazetteer.lookup("the Black Sea")
    assert black_sea and black_sea[0].kind == "water"
    assert gazetteer.get(6252001) is not None and gazetteer.get(6252001).country == "US"


def test_demonyms_and_their_plurals_name_countries() -> None:
    gazetteer = load_gazetteer()
    assert [p.country for p in gazetteer.demonym("Syrian")] == ["SY"]
    assert [p.country for p in gazetteer.demonym("Palestinians")] == ["PS"]
    assert gazetteer.demonym("Tuesday") == []


def test_a_malformed_curated_row_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    data.mkdir()
    header = "geonameid\tkind\tname\tcountry\tadmin1\tlat\tlon\tpopulation\tkeys\tdemonyms\n"
    with gzip.open(data / "gazetteer.tsv.gz", "wt", encoding="utf-8") as out:
        out.write(header + "1\tcity\tTestville\tUS\tTX\t30.0\t-97.0\t5000\ttestville\t\n")
    write_index(data / "gazetteer.tsv.gz", data / "gazetteer.sqlite")
    (data / "regions.tsv").write_text(header + "\twater\tBroken Sea\n", encoding="utf-8")
    (data / "aliases.tsv").write_text("geonameid\tnames\tdemonyms\n", encoding="utf-8")
    monkeypatch.setattr(gz, "DATA", data)
    gz.load_gazetteer.cache_clear()
    try:
        with pytest.raises(DatelineError, match=r"regions.tsv: row 1: expected 10"):
            gz.load_gazetteer()
    finally:
        monkeypatch.undo()
        gz.load_gazetteer.cache_clear()


def test_the_sqlite_index_keeps_the_tsv_rows_order_and_names(tmp_path: Path) -> None:
    header = "geonameid\tkind\tname\tcountry\tadmin1\tlat\tlon\tpopulation\tkeys\tdemonyms\n"
    rows = [
        "10\tcity\tSpringfield\tUS\tIL\t39.8\t-89.6\t116000\tspringfield\t",
        "11\tcity\tSpringfield\tUS\tMA\t42.1\t-72.6\t155000\tspringfield|springfield ma\t",
        "12\tcountry\tFreedonia\tFD\t\t1.0\t2.0\t900\tfreedonia\tfreedonian",
    ]
    with gzip.open(tmp_path / "g.tsv.gz", "wt", encoding="utf-8") as out:
        out.write(header + "\n".join(rows) + "\n")
    assert write_index(tmp_path / "g.tsv.gz", tmp_path / "g.sqlite") == 3
    gazetteer = gz.Gazetteer(PlaceIndex(tmp_path / "g.sqlite"))
    assert [p.admin1 for p in gazetteer.lookup("Springfield")] == ["IL", "MA"]
    assert [p.name for p in gazetteer.demonym("Freedonians")] == ["Freedonia"]
    assert gazetteer.get(11) is gazetteer.lookup("springfield ma")[0]
    assert len(gazetteer) == 3 and not gazetteer.has_name("Shelbyville")


def test_distance_is_great_circle_km() -> None:
    paris = Place(None, "city", "Paris", "FR", None, 48.8566, 2.3522, 0)
    london = Place(None, "city", "London", "GB", None, 51.5074, -0.1278, 0)
    assert 330 < distance_km(paris, london) < 360


# --- disambiguation ------------------------------------------------------------------------


@pytest.mark.slow
def test_unknown_names_keep_a_null_place() -> None:
    gazetteer = load_gazetteer()
    toponym = Toponym(key="zorbalia", text="Zorbalia", candidates=gazetteer.lookup("Zorbalia"))
    assert resolve(gazetteer, [toponym]) == {"zorbalia": None}


def test_population_prior_picks_the_famous_paris_without_other_evidence(geo) -> None:  # type: ignore[no-untyped-def]
    analysis = geo(
        "The French president hosted European leaders in Paris on Friday, ahead of a summit "
        "in Brussels and talks in Berlin next week."
    )
    places = by_name(analysis)
    assert places["Paris"].country == "FR"
    assert places["Paris"].geonameid == 2988507
    assert places["Brussels"].country == "BE"


def test_reuters_dateline_and_qualifier_choose_paris_texas(geo) -> None:  # type: ignore[no-untyped-def]
    analysis = geo(
        "PARIS, Texas (Reuters) - A tornado tore through the small town on Sunday, damaging "
        "homes and a high school, officials in Lamar County said.\n\n"
        "The storm later moved east toward Arkansas, the National Weather Service said."
    )
    places = by_name(analysis)
    paris = places["Paris"]
    assert (paris.country, paris.kind) == ("US", "city")
    assert paris.lat is not None and 33 < paris.lat < 34  # Paris, Texas, not France
    assert places["Texas"].geonameid == 4736286
    assert places["Lamar County"].kind == "admin2" and places["Lamar County"].country == "US"
    assert places["Arkansas"].kind == "admin1"


def test_ap_style_state_abbreviation_qualifies_alexandria(geo) -> None:  # type: ignore[no-untyped-def]
    analysis = geo(
        "ALEXANDRIA, Va. (AP) — A federal judge in Alexandria, Va., on Monday sentenced a "
        "former contractor to five years in prison for leaking documents.\n\n"
        "Prosecutors in Washington said the case had harmed national security."
    )
    places = by_name(analysis)
    alexandria = places["Alexandria"]
    assert alexandria.country == "US" and alexandria.geonameid == 4744091  # not Egypt
    assert len(alexandria.mentions) == 2
    assert places["Virginia"].geonameid == 6254928
    assert places["Washington"].geonameid == 4140963  # the capital, not the state


def test_georgia_is_the_country_in_a_story_from_tbilisi(geo) -> None:  # type: ignore[no-untyped-def]
    analysis = geo(
        "TBILISI, Georgia — Thousands of protesters marched through the Georgian capital on "
        "Saturday, demanding that the government cut ties with Moscow.\n\n"
        "Georgia fought a brief war with Russia in 2008 over the breakaway region of South "
        "Ossetia."
    )
    georgia = by_name(analysis)["Georgia"]
    assert (georgia.geonameid, georgia.kind, georgia.country) == (614540, "country", "GE")
    assert by_name(analysis)["Moscow"].country == "RU"


def test_georgia_is_the_state_in_a_story_from_atlanta(geo) -> None:  # type: ignore[no-untyped-def]
    analysis = geo(
        "Lawmakers in Atlanta approved a new budget on Thursday. Georgia will spend more on "
        "schools in Savannah and Augusta, the governor said.\n\n"
        "Neighbouring Alabama and Florida are considering similar measures."
    )
    places = by_name(analysis)
    assert (places["Georgia"].geonameid, places["Georgia"].kind) == (4197000, "admin1")
    assert places["Savannah"].country == "US"
    assert places["Augusta"].country == "US"  # Augusta, Georgia, not Augusta in Italy or Maine
    assert places["Augusta"].lat is not None and places["Augusta"].lat < 34


def test_a_person_named_jordan_is_no_place(geo) -> None:  # type: ignore[no-untyped-def]
    analysis = geo(
        "Michael Jordan scored 40 points on Tuesday night. Jordan, who played for the Chicago "
        "Bulls, said afterwards that he felt great."
    )
    assert "Jordan" not in by_name(analysis)


def test_jordan_the_country_beside_its_capital(geo) -> None:  # type: ignore[no-untyped-def]
    analysis = geo(
        "King Abdullah of Jordan met Egypt's president in Amman on Sunday to discuss the war in "
        "Gaza and the situation in the West Bank."
    )
    places = by_name(analysis)
    assert (places["Jordan"].geonameid, places["Jordan"].country) == (248816, "JO")
    assert places["Amman"].country == "JO"
    assert places["West Bank"].kind == "region" and places["West Bank"].country == "PS"


def test_nationality_words_are_mentions_of_their_country(geo) -> None:  # type: ignore[no-untyped-def]
    analysis = geo(
        "Turkish troops pushed deeper into Syrian territory on Wednesday, Ankara said, as "
        "fighting spread along the border.\n\n"
        "The Russian President called for restraint in the Middle East."
    )
    places = by_name(analysis)
    syria = places["Syria"]
    assert syria.geonameid == 163843
    assert [m.text for m in syria.mentions] == ["Syrian"]
    # As the geoparsing gold sets count them: "the Russian President" mentions Russia.
    assert [m.text for m in places["Russia"].mentions] == ["Russian"]
    assert places["Middle East"].kind == "region"
    assert places["Ankara"].country == "TR"


def test_a_nationality_word_is_never_an_event_place() -> None:
    from dateline.pipeline import Pipeline

    analysis = Pipeline.create(["events"]).annotate(
        make_article("Russian troops attacked the village of Marinka on Tuesday, officials said.")
    )
    places = {loc.id: loc.name for loc in analysis.locations}
    assert analysis.events, "the attack is an event"
    assert all(places.get(e.location or "") != "Russia" for e in analysis.events)


def test_places_spacy_mislabels_are_found_from_the_gazetteer(geo) -> None:  # type: ignore[no-untyped-def]
    analysis = geo(
        "Ships carrying grain left Odesa for the Bosphorus on Tuesday, as Kyiv accused Moscow of "
        "shelling Kharkiv and the occupied Crimea peninsula saw explosions.\n\n"
        "The UN said shipments across the Black Sea would resume."
    )
    places = by_name(analysis)
    assert places["Kyiv"].country == "UA" and places["Kyiv"].geonameid == 703448
    assert places["Kharkiv"].kind == "city"  # the city, not the oblast of the same name
    assert places["Crimea"].geonameid == 703883
    assert places["Black Sea"].geonameid == 630673
    assert places["Bosphorus"].kind == "water"


def test_area_word_selects_the_province_over_its_namesake_city(geo) -> None:  # type: ignore[no-untyped-def]
    analysis = geo(
        "Shelling hit villages across the Kharkiv region overnight, officials in Kyiv said."
    )
    assert by_name(analysis)["Kharkiv"].kind == "admin1"


def test_new_york_is_the_city_unless_the_wording_says_state(geo) -> None:  # type: ignore[no-untyped-def]
    city = geo("Subway service in New York was suspended on Monday after the storm.")
    assert by_name(city)["New York City"].geonameid == 5128581
    state = geo("Snow closed schools across upstate New York on Monday, the governor said.")
    assert by_name(state)["New York"].kind == "admin1"


def test_locations_link_the_entities_stage_location(geo) -> None:  # type: ignore[no-untyped-def]
    body = "Heavy rain flooded parts of Manila on Monday. Residents of the city were evacuated."
    start = body.index("Manila")
    manila = Entity(
        id="E3",
        name="Manila",
        type="LOCATION",
        mentions=[Span(start=start, end=start + len("Manila"), text="Manila")],
    )
    analysis = geo(body, entities=(manila,))
    location = by_name(analysis)["Manila"]
    assert location.entity == "E3"
    assert location.country == "PH"
    assert [(m.start, m.end) for m in location.mentions] == [(start, start + 6)]


def test_every_mention_points_at_its_text(geo) -> None:  # type: ignore[no-untyped-def]
    analysis = geo(
        "Rescue teams reached Kathmandu on Sunday after the earthquake, while aid from India and "
        "China crossed the border into Nepal."
    )
    text = analysis.article.text
    assert analysis.locations
    for location in analysis.locations:
        assert location.id.startswith("L")
        for mention in location.mentions:
            assert text[mention.start : mention.end] == mention.text
    assert {"Kathmandu", "India", "China", "Nepal"} <= set(by_name(analysis))


def test_the_example_article(nlp) -> None:  # type: ignore[no-untyped-def]
    from dateline.article import structure
    from dateline.sources import read_input

    article = structure(read_input(str(EXAMPLE)))
    # The geo stage on its own (no entities section): its own finder's places.
    bare = Analysis(article=article)
    analysis = with_section(bare, STAGE, find_locations(bare, Parsed(nlp(article.text), nlp)))
    places = by_name(analysis)
    assert (places["Sochi"].geonameid, places["Sochi"].country) == (491422, "RU")
    countries = {"Syria": "SY", "Russia": "RU", "Turkey": "TR", "Iran": "IR", "Ukraine": "UA"}
    countries["Afghanistan"] = "AF"
    for name, iso in countries.items():
        assert places[name].country == iso
        assert places[name].kind == "country"
        assert places[name].geonameid is not None


# --- the evaluation command ----------------------------------------------------------------

LGL_SAMPLE = """<?xml version="1.0" encoding="utf-8"?>
<articles>
{articles}
</articles>
"""
LGL_ARTICLE = """  <article docid="{n}">
    <text><![CDATA[{text}]]></text>
    <toponyms>{toponyms}</toponyms>
  </article>"""
LGL_TOPONYM = """<toponym><start>{start}</start><end>{end}</end><phrase>{phrase}</phrase>
      <gaztag geonameid="{gid}"><lat>{lat}</lat><lon>{lon}</lon></gaztag></toponym>"""


def _lgl_article(n: int, text: str, gold: list[tuple[str, int, float, float]]) -> str:
    toponyms = []
    for phrase, gid, lat, lon in gold:
        start = text.index(phrase)
        toponyms.append(
            LGL_TOPONYM.format(
                start=start, end=start + len(phrase), phrase=phrase, gid=gid, lat=lat, lon=lon
            )
        )
    return LGL_ARTICLE.format(n=n, text=text, toponyms="".join(toponyms))


def test_eval_geo_scores_resolution_beside_the_baseline(tmp_path: Path) -> None:
    texts = [
        (
            "Placeholder article for the dev split about Boston.",
            [("Boston", 4930956, 42.36, -71.06)],
        ),
        (
            "Flooding closed roads in Paris, Texas, and across Lamar County on Monday.",
            [("Paris", 4717560, 33.66, -95.56)],
        ),
        ("The mayor of Moscow met officials in Sochi.", [("Sochi", 491422, 43.6, 39.73)]),
    ]
    articles = [_lgl_article(n, text, gold) for n, (text, gold) in enumerate(texts)]
    (tmp_path / "Corpora").mkdir()
    (tmp_path / "Corpora" / "lgl.xml").write_text(
        LGL_SAMPLE.format(articles="\n".join(articles)), encoding="utf-8"
    )
    result = CliRunner().invoke(
        eval_command, ["--data", str(tmp_path), "--corpus", "LGL", "--split", "test"]
    )
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if line.startswith("| LGL")]
    baseline, ours = (line.split("|") for line in rows)
    assert "most populous" in baseline[2] and "dateline" in ours[2]
    assert ours[3].strip() == "2"  # the dev article (index 0) is left out of the test split
    assert ours[5].strip() == "100.0"  # exact GeoNames ids: Paris, Texas and Sochi
    assert baseline[5].strip() == "50.0"  # the most populous Paris is in France


def test_eval_geo_names_a_missing_folder() -> None:
    result = CliRunner().invoke(eval_command, ["--data", "/nonexistent/geo"])
    assert result.exit_code != 0
    assert isinstance(result.exception, InputError)
    assert "/nonexistent/geo" in str(result.exception)


def test_eval_geo_end_to_end_scores_spans_found_by_the_stage(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    texts = [
        ("Dev split article about Boston.", [("Boston", 4930956, 42.36, -71.06)]),
        (
            "Rescue teams reached Kathmandu on Sunday as aid from India arrived.",
            [("Kathmandu", 1283240, 27.70, 85.32), ("India", 1269750, 22.0, 79.0)],
        ),
    ]
    articles = [_lgl_article(n, text, gold) for n, (text, gold) in enumerate(texts)]
    (tmp_path / "Corpora").mkdir()
    (tmp_path / "Corpora" / "lgl.xml").write_text(
        LGL_SAMPLE.format(articles="\n".join(articles)), encoding="utf-8"
    )
    result = CliRunner().invoke(
        eval_command, ["--data", str(tmp_path), "--corpus", "LGL", "--end-to-end"]
    )
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if "dateline entities + geo" in line]
    assert [row.split("|")[1].strip() for row in rows] == ["LGL (test, 1 articles)", "pooled"]
    cells = [cell.strip() for cell in rows[0].split("|")]
    assert cells[3] == "2"  # every gold toponym is scored
    assert cells[4] == "100.0 / 100.0 / 100.0"  # both toponyms found, nothing else
    assert cells[5] == "100.0" and cells[6] == "100.0"


def test_eval_geo_lists_errors_of_the_dev_split_only(tmp_path: Path) -> None:
    texts = [
        (
            "Flooding closed roads in Paris, Texas, and in the hamlet of zorbalia on Monday.",
            [("Paris", 4717560, 33.66, -95.56), ("zorbalia", 1, 33.7, -95.5)],
        ),
    ]
    articles = [_lgl_article(n, text, gold) for n, (text, gold) in enumerate(texts)]
    (tmp_path / "Corpora").mkdir()
    (tmp_path / "Corpora" / "lgl.xml").write_text(
        LGL_SAMPLE.format(articles="\n".join(articles)), encoding="utf-8"
    )
    refused = CliRunner().invoke(eval_command, ["--data", str(tmp_path), "--errors"])
    assert refused.exit_code != 0 and "--split dev" in refused.output
    result = CliRunner().invoke(
        eval_command, ["--data", str(tmp_path), "--corpus", "LGL", "--split", "dev", "--errors"]
    )
    assert result.exit_code == 0, result.output
    listing = result.output.split("error\tgold phrase\tchosen place\tcontext\n")[1]
    assert listing.splitlines() == [
        "wrong place\tzorbalia\tunresolved (20038 km off)"
        "\ts in Paris, Texas, and in the hamlet of [zorbalia] on Monday."
    ]


def test_eval_geo_realigns_gold_offsets_shifted_by_a_few_characters() -> None:
    from dateline.evaluation.geo import GoldArticle, GoldToponym, _align

    article = GoldArticle("Rain fell on Ontario and on Toronto.", [])
    shifted = GoldToponym(start=20, end=27, phrase="Ontario", lat=50.0, lon=-85.0)
    start, end = _align(article, shifted)
    assert article.text[start:end] == "Ontario" and start == 13


def test_through_the_pipeline_locations_link_entities_and_skip_person_names(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "ALEXANDRIA, Va. (AP) — Michael Jordan visited a school in Alexandria on Monday. Jordan "
        "told pupils he had grown up in North Carolina.",
        stages=["geo"],
    )
    places = by_name(analysis)
    assert "Jordan" not in places
    alexandria = places["Alexandria"]
    assert alexandria.geonameid == 4744091
    entity = analysis.entity(alexandria.entity)
    if entity is not None:  # the entities stage found it too: the ids must agree
        assert entity.type == "LOCATION"
        assert any(m.start == alexandria.mentions[0].start for m in entity.mentions) or any(
            m.text == "Alexandria" for m in entity.mentions
        )
    assert places["North Carolina"].kind == "admin1"


def test_small_towns_after_in_and_lone_compass_words(geo) -> None:  # type: ignore[no-untyped-def]
    analysis = geo(
        "Deputies arrested 14 people in Cottonport overnight, the Avoyelles Parish sheriff said. "
        "Rain is expected across the North on Friday, and Man United play at home."
    )
    places = by_name(analysis)
    cottonport = places["Cottonport"]
    assert (cottonport.country, cottonport.kind) == ("US", "city")
    assert "North" not in places and "Man" not in places


@pytest.mark.parametrize(
    ("opening", "place", "country"),
    [
        ("MOSCOW, Nov 21 (Reuters) - ", "Moscow", "RU"),
        ("Kabul (AFP) - ", "Kabul", "AF"),
        ("BEIRUT — ", "Beirut", "LB"),
    ],
)
def test_agency_datelines_locate_the_story(geo, opening: str, place: str, country: str) -> None:  # type: ignore[no-untyped-def]
    analysis = geo(opening + "Officials said on Tuesday that talks would continue next week.")
    location = by_name(analysis)[place]
    assert location.country == country
    mention = location.mentions[0]
    assert mention.start == 0 and analysis.article.text[: mention.end] == mention.text


def test_abbreviations_qualify_but_do_not_outrank_city_nicknames(geo) -> None:  # type: ignore[no-untyped-def]
    analysis = geo(
        "ALEXANDRIA, La. (AP) — Deputies in Alexandria, La., said on Monday that the suspect "
        "had fled to L.A. before being arrested in St. Louis, Mo."
    )
    places = by_name(analysis)
    assert places["Alexandria"].geonameid == 4314550  # Louisiana's Alexandria
    assert places["Louisiana"].kind == "admin1"
    assert places["Los Angeles"].country == "US"  # "L.A.", not Louisiana's "La."
    assert places["St. Louis"].geonameid == 4407066
    assert [m.text for m in places["Missouri"].mentions] == ["Mo."]


# --- places inside longer names and names the model mistypes ------------------------------


def _mention_texts(analysis: Analysis) -> set[str]:
    return {span.text for location in analysis.locations for span in location.mentions}


def test_a_place_opening_an_institution_name_is_a_toponym(geo) -> None:  # type: ignore[no-untyped-def]
    analysis = geo(
        "Officers from the Ohio Department of Transportation closed the road on Monday. "
        "A spokesman for the Georgian Parliament said the vote would be held next week."
    )
    places = by_name(analysis)
    assert places["Ohio"].kind == "admin1" and places["Ohio"].country == "US"
    assert places["Georgia"].kind == "country"
    assert {"Ohio", "Georgian"} <= _mention_texts(analysis)


def test_a_small_town_inside_a_name_counts_only_near_the_articles_places(geo) -> None:  # type: ignore[no-untyped-def]
    near = geo(
        "Firefighters in Augusta, Georgia, battled a blaze on Tuesday. The Grovetown "
        "Department of Public Safety said two people were hurt."
    )
    grovetown = by_name(near).get("Grovetown")
    assert grovetown is not None and grovetown.admin1 == "GA"
    far = geo(
        "Talks in Tokyo ended on Tuesday without a deal. The Grovetown Department of Public "
        "Safety was not involved."
    )
    assert "Grovetown" not in _mention_texts(far)


def test_a_person_name_with_an_institution_word_keeps_its_place(geo) -> None:  # type: ignore[no-untyped-def]
    analysis = geo(
        "Detectives in Alexandria, Virginia, arrested a man on Friday. Alexandria Police "
        "Spokeswoman Ann Hill said the man was held without bond in Alexandria."
    )
    alexandria = by_name(analysis)["Alexandria"]
    assert alexandria.admin1 == "VA"
    assert len(alexandria.mentions) == 3


def test_a_surname_is_still_no_place(geo) -> None:  # type: ignore[no-untyped-def]
    analysis = geo(
        "Michael Jordan visited Chicago on Sunday. Jordan told reporters in Chicago that he "
        "would return next year."
    )
    assert "Jordan" not in _mention_texts(analysis)


def test_a_dateline_after_the_headline_locates_the_story(geo) -> None:  # type: ignore[no-untyped-def]
    analysis = geo(
        "Barn destroyed in overnight blaze. LUFKIN, Texas -- Firefighters spent the night "
        "at a farm east of town, the fire chief said."
    )
    lufkin = by_name(analysis)["Lufkin"]
    assert lufkin.admin1 == "TX"
    assert analysis.locations[0].name == "Lufkin"


def test_a_capitals_headline_word_is_no_dateline(geo) -> None:  # type: ignore[no-untyped-def]
    analysis = geo("Storm warning issued. UPDATE: Roads near Lufkin, Texas, are closed.")
    assert "UPDATE" not in _mention_texts(analysis)


def test_names_no_gazetteer_knows_are_narrowed_to_their_place(geo) -> None:  # type: ignore[no-untyped-def]
    analysis = geo(
        "Officials in Paris, Texas, met on Monday. The inmate was held in the Lamar County "
        "Jail until Friday."
    )
    lamar = by_name(analysis).get("Lamar County")
    assert lamar is not None and lamar.admin1 == "TX"
    assert [m.text for m in lamar.mentions] == ["Lamar County"]


def test_shrinking_keeps_the_longest_opening_or_closing_place_name() -> None:
    from dateline.geo import toponyms as tp

    gazetteer = load_gazetteer()
    texts = ["Lamar County Commissioners", "West Wichita", "Zorbalia Valley", "Boston"]
    mentions = [tp.Mention(100, 100 + len(text), text) for text in texts]
    shrunk = tp.shrink_unknown(mentions, gazetteer)
    assert [(m.text, m.start) for m in shrunk] == [
        ("Lamar County", 100),
        ("Wichita", 105),
        ("Zorbalia Valley", 100),
        ("Boston", 100),
    ]


def test_a_county_name_is_a_place_whatever_the_model_calls_it(geo) -> None:  # type: ignore[no-untyped-def]
    analysis = geo("Deputies from the Walker County Sheriff's Office searched the area overnight.")
    walker = by_name(analysis).get("Walker County")
    assert walker is not None and walker.kind == "admin2"


def test_a_country_whose_towns_the_article_names_beats_a_namesake_state(geo) -> None:  # type: ignore[no-untyped-def]
    analysis = geo(
        "A senior officer visited Georgia on Monday. He travelled to the town of Gori and "
        "met Georgian commanders at a base near Gori."
    )
    georgia = by_name(analysis)["Georgia"]
    assert georgia.kind == "country" and georgia.country == "GE"


def test_a_pronoun_linked_to_a_country_is_no_toponym(geo) -> None:  # type: ignore[no-untyped-def]
    body = "Officials in Chile reported heavy snow. It said several mountain roads were closed."
    chile = body.index("Chile")
    pronoun = body.index("It said")
    entity = Entity(
        id="E1",
        name="Chile",
        type="LOCATION",
        mentions=[
            Span(start=chile, end=chile + 5, text="Chile"),
            Span(start=pronoun, end=pronoun + 2, text="It"),
        ],
    )
    analysis = geo(body, entities=(entity,))
    assert [(m.start, m.text) for m in by_name(analysis)["Chile"].mentions] == [(chile, "Chile")]
    assert all(m.text != "It" for loc in analysis.locations for m in loc.mentions)


def test_alternate_names_and_titles_are_not_places_by_the_gazetteer_alone(geo) -> None:  # type: ignore[no-untyped-def]
    analysis = geo(
        "Talks in Ottawa stalled after the group Hamas refused to attend. Ta da, said the host, "
        "while the US Secretary of State flew home."
    )
    names = set(by_name(analysis))
    assert "Ottawa" in names
    assert not names & {"Hamm", "Dazhou", "Secretary"}


def test_a_demonym_and_kind_of_place_before_a_name_qualify_it(geo) -> None:  # type: ignore[no-untyped-def]
    analysis = geo("A fire in the Spanish city of Valencia killed ten people on Saturday.")
    assert by_name(analysis)["Valencia"].country == "ES"


def test_an_organisation_acronym_is_no_town(geo) -> None:  # type: ignore[no-untyped-def]
    from dateline.geo.toponyms import _is_acronym

    assert _is_acronym("UN") and _is_acronym("N.A.T.O.") and not _is_acronym("Un")
    analysis = geo(
        "Shelling hit villages near Srinagar and Jammu on Wednesday. The UN called for "
        "restraint, and a UN spokesman said talks would go on in Geneva."
    )
    assert not set(by_name(analysis)) & {"Ūn", "Un"}


def test_an_alternate_name_of_a_state_capital_opening_a_name_is_no_place(geo) -> None:  # type: ignore[no-untyped-def]
    # GeoNames lists "Google" among Topeka's alternate names; "Google Search" opens with it.
    analysis = geo(
        "Google Search will show more AI answers from next month. Google said the change "
        "follows a year of tests with users in Texas and Ohio."
    )
    assert set(by_name(analysis)) == {"Texas", "Ohio"}


def test_an_organisation_the_knowledge_base_knows_is_no_town(geo) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Ukraine wants a seat in Nato. Poland, Germany and France back its bid, and Nato "
        "diplomats in Brussels said talks with Kyiv would go on."
    )
    text = make_article(body).text
    starts = [i for i in range(len(text)) if text.startswith("Nato", i)]
    alliance = Entity(
        id="E1",
        name="North Atlantic Treaty Organization",
        type="ORG",
        mentions=[Span(start=s, end=s + 4, text="Nato") for s in starts],
        code="IGOWSTNAT",
        kb_id="IGO_NATO",
    )
    places = by_name(geo(body, (alliance,)))
    assert "Nato" not in places  # a town in the Philippines
    assert {"Ukraine", "Brussels", "Kyiv"} <= set(places)


def test_a_town_the_gazetteer_lacks_in_the_stated_state_stays_unresolved(geo) -> None:  # type: ignore[no-untyped-def]
    # GeoNames' only Saint Elmo here is in Illinois: "St. Elmo, Minnesota" is not that one.
    places = by_name(geo("Two engineers tested glass beads on a pond in St. Elmo, Minnesota."))
    assert places["St. Elmo"].geonameid is None
    assert places["Minnesota"].admin1 == "MN"
    # A big city followed by a state is a list, not a qualified name.
    listed = by_name(geo("After stops in Washington, New York and Boston, the delegation left."))
    assert listed["Washington"].admin1 == "DC"


def test_a_given_name_the_entities_hold_alone_as_a_person_is_no_place(nlp) -> None:  # type: ignore[no-untyped-def]
    from spacy.tokens import Span as DocSpan

    from dateline.geo.toponyms import person_words

    body = "Amina Salum sells maize at the bus stand. Later Amina counted the day's takings."
    article = make_article(body)
    doc = nlp(article.text)
    later = next(t.i for t in doc if t.text == "Amina" and t.i > 2)
    # The small model's slip: the second "Amina" tagged as a place.
    doc.ents = [DocSpan(doc, 0, 2, label="PERSON"), DocSpan(doc, later, later + 1, label="GPE")]
    seller = Entity(
        id="E1",
        name="Amina Salum",
        type="PERSON",
        aliases=["Amina Salum", "Amina"],
        mentions=[Span(start=0, end=11, text="Amina Salum")],
    )
    analysis = Analysis(article=article, entities=[seller])
    assert "amina" in person_words(analysis, doc)
    # Without the entities stage's lone "Amina", the place tag keeps the word a place.
    assert "amina" not in person_words(Analysis(article=article), doc)


def test_georgia_among_many_foreign_countries_is_the_country(geo) -> None:  # type: ignore[no-untyped-def]
    analysis = geo(
        "The United States wants allies to spend more. Poland, Estonia and Romania back the "
        "plan, while Ukraine, Moldova and Georgia hope to join the alliance one day."
    )
    assert by_name(analysis)["Georgia"].country == "GE"


def test_federal_opening_a_bodys_name_is_no_place(geo) -> None:  # type: ignore[no-untyped-def]
    analysis = geo("The Federal Government will fund new bridges in Queensland, the minister said.")
    assert set(by_name(analysis)) == {"Queensland"}


def test_a_place_opening_a_name_located_elsewhere_is_no_mention(geo) -> None:  # type: ignore[no-untyped-def]
    places = by_name(
        geo("Tourists who booked the Paris Guest House in Accra said the rooms were clean.")
    )
    assert set(places) == {"Accra"}


def test_a_state_hyphened_to_a_campus_town_qualifies_it(geo) -> None:  # type: ignore[no-untyped-def]
    # Without the hyphened state, Huntsville pulled "Madison" to Madison, Alabama.
    analysis = geo(
        "She taught at the University of Wisconsin-Madison for a decade, then moved to "
        "Huntsville, Alabama, to run a lab."
    )
    assert by_name(analysis)["Madison"].admin1 == "WI"


def test_short_capitals_stand_for_areas_not_towns(geo) -> None:  # type: ignore[no-untyped-def]
    from dateline.geo.stage import candidates_for
    from dateline.geo.toponyms import Mention

    gazetteer = load_gazetteer()
    # "Uk" is a Russian village, "BA" one of Bath's alternate names, "Ba" a town in Fiji.
    assert [p.kind for p in candidates_for(gazetteer, Mention(0, 2, "UK"))] == ["country"]
    assert candidates_for(gazetteer, Mention(0, 2, "BA")) == []
    assert candidates_for(gazetteer, Mention(0, 2, "BA", is_dateline=True))
    analysis = geo(
        "Passengers faced long delays at Heathrow, and a BA spokesperson said flights to "
        "Madrid would resume on Friday."
    )
    assert not any(m.text == "BA" for loc in analysis.locations for m in loc.mentions)


def test_a_compass_word_names_part_of_a_well_known_place_only(geo) -> None:  # type: ignore[no-untyped-def]
    places = by_name(geo("Flooding hit Hull and East Yorkshire on Tuesday, and roads closed."))
    assert places["East Yorkshire"].country is None  # not Yorkshire, Virginia
    # A well-known city keeps its parts, by any of its names.
    assert "Wichita" in by_name(geo("Two men were hurt in a shooting in West Wichita on Sunday."))


def test_a_name_tagged_loc_means_the_sea_not_a_village(geo) -> None:  # type: ignore[no-untyped-def]
    analysis = geo(
        "Two fishing boats sank in the Baltic during the storm, and crews from Sweden and "
        "Denmark searched for survivors."
    )
    assert by_name(analysis)["Baltic Sea"].kind == "water"
