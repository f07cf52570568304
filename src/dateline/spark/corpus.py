"""The corpus-level steps of ``dateline spark ingest`` as Spark operations.

Input: the analysed rows of every run (``OUT/_analysed``: one row per input record with its
Analysis JSON and MinHash signature, or its failure; one ``done`` row per container read to the
end), each with an ordinal that orders them as ``dateline ingest`` would have read them (runs in
time order, then input order). Output: every corpus table, as the embedded writer
(``store.writer.StoreWriter``) would have built it from the same rows in that order.

The embedded writer decides article by article, and two of its decisions depend on what came
before (a near-duplicate joins the story of its best *earlier* candidate; an event mention joins
the *earliest* corpus event it tells). Both only ever look at items linked to the new one by a
pairwise relation (sharing an LSH band bucket; a pair of event tellings that could be one
event), so the same final result comes from: build those links with joins, find the connected
components of the link graph, and run the embedded code's own decision functions
(``minhash.link_stories``, ``writer.tells_event`` in the writer's merging loop) over each component in ordinal order, the
components in parallel. Everything else is joins and aggregations:
- exact copies: the first row of each article id (content hash) is the article, the others are
  copies (another publisher or URL) or plain duplicates;
- corpus entities: the first record of each entity id names it;
- event ids: the events numbered in the order they were started, as the writer's counter;
- the GDELT-style counts: tellings, articles (with syndicated copies) and sources per event.
"""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from dateline.errors import DatelineError
from dateline.model import Analysis
from dateline.store import event_identity as identity
from dateline.store import merge, minhash
from dateline.store.db import SCHEMA_VERSION
from dateline.store.tables import SECTION_TABLES, table_columns
from dateline.store.writer import (
    EventRef,
    TellingRank,
    attach_canonical,
    event_row,
    mention_row,
    planned_mentions,
    telling_rank,
    tells_event,
    told_in_lead,
)

# ordinal = run rank << RUN_SHIFT | work item << ITEM_SHIFT | record position in the item
ITEM_SHIFT = 21
RUN_SHIFT = 52
LAST_POSITION = (1 << ITEM_SHIFT) - 1  # a container's "done" row: after its records
MAX_ITEMS = 1 << (RUN_SHIFT - ITEM_SHIFT)


# -- what each analysed article gives, computed where it is parsed ------------------------------

# A telling's position orders the event tellings as the writer meets them (article ordinal,
# then the event's place in its article): ordinal * TELLING_SLOTS + place, a DECIMAL since the
# ordinal already fills a long. Computed in place, so numbering them takes no Spark job.
TELLING_SLOTS = 1 << 20
POSITION_TYPE = "decimal(38,0)"


def derive(rows: Iterable[Any]) -> Iterator[tuple[Any, ...]]:
    """Parse each analysed article once and emit one row with what every corpus step needs
    (``derived_fields``): its ``articles`` columns, then as arrays its LSH bands, entities,
    section-table rows and event tellings, which Spark SQL explodes where they are used."""
    for row in rows:
        analysis = Analysis.model_validate_json(row.analysis)
        art = analysis.article
        sig = minhash.from_blob(bytes(row.signature))
        bands = [(band, Decimal(bucket)) for band, bucket in enumerate(minhash.band_buckets(sig))]
        ids = merge.entity_ids(analysis)
        entities = [
            (index, ids[entity.id], entity.name, entity.type, entity.country, entity.sector,
             entity.code, entity.kb_id)
            for index, entity in enumerate(analysis.entities)
        ]  # fmt: skip
        sections = [list(table.rows(analysis, ids)) for table in SECTION_TABLES]
        tellings = []
        for index, (_, _, event, key, day, told) in enumerate(planned_mentions(analysis, "")):
            if index >= TELLING_SLOTS:
                raise DatelineError(f"{row.key}: more than {TELLING_SLOTS - 1} events")
            in_lead = told_in_lead(event, analysis)
            participants, named = identity.participant_keys(told)
            rank = telling_rank(told, event.confidence, art.published)
            tellings.append(
                (index, key, told.type, sorted(participants), sorted(named), *_block_weeks(told),
                 pickle.dumps(Judged(key, day, told, rank)),
                 event_row(EventRef(0, key, day, "", rank), analysis, event, in_lead,
                           row.logged_at),
                 mention_row(analysis, event, told, in_lead))
            )  # fmt: skip
        yield (
            row.ordinal, art.id, row.key, row.container, merge.source_name(analysis), art.url,
            art.publisher, art.headline, art.published, merge.published_date(analysis),
            art.language, art.format, len(art.text), len(analysis.entities),
            len(analysis.quotes), len(analysis.events), ",".join(analysis.stages),
            row.logged_at, row.analysis, bytes(row.signature), row.run_id,
            bands, entities, *sections, tellings,
        )  # fmt: skip


# The ``articles`` columns of a derived row (the rest of the row is arrays).
ARTICLE_FIELDS = (
    ("ordinal", "bigint"), ("article_id", "string"), ("source", "string"),
    ("container", "string"), ("source_name", "string"), ("url", "string"),
    ("publisher", "string"), ("headline", "string"), ("published", "string"),
    ("published_date", "date"), ("language", "string"), ("format", "string"),
    ("num_chars", "int"), ("num_entities", "int"), ("num_quotes", "int"),
    ("num_events", "int"), ("stages", "string"), ("ingested_at", "timestamp_ntz"),
    ("analysis", "string"), ("signature", "binary"), ("run_id", "string"),
)  # fmt: skip


def section_column(table: str) -> str:
    return f"rows_{table}"


def derived_fields() -> list[tuple[str, Any]]:
    """(name, Spark type) of ``derive``'s rows."""
    from pyspark.sql import types as T

    from dateline.spark.schema import spark_type, table_schema

    def struct(fields: Sequence[tuple[str, Any]]) -> Any:
        return T.StructType([T.StructField(name, kind, True) for name, kind in fields])

    def columns(table: str) -> list[tuple[str, Any]]:
        return [(f.name, f.dataType) for f in table_schema(table).fields]

    S, INT, words = T.StringType(), T.IntegerType(), T.ArrayType(T.StringType())
    bands = struct([("band", T.ShortType()), ("bucket", T.DecimalType(20, 0))])
    entities = struct(
        [("index", INT), ("entity_id", S), ("name", S), ("type", S), ("country", S),
         ("sector", S), ("code", S), ("kb_id", S)]
    )  # fmt: skip
    tellings = struct(
        [("index", INT), ("key", S), ("type", S), ("participants", words), ("named", words),
         ("weeks", words), ("probes", words), ("judged", T.BinaryType()),
         ("event", struct(columns("events"))), ("told", struct(columns("event_mentions")[1:]))]
    )  # fmt: skip
    return [
        *[(name, spark_type(kind)) for name, kind in ARTICLE_FIELDS],
        ("bands", T.ArrayType(bands)),
        ("entities", T.ArrayType(entities)),
        *[(section_column(t.name), T.ArrayType(struct(columns(t.name)))) for t in SECTION_TABLES],
        ("tellings", T.ArrayType(tellings)),
    ]


# -- connected components ---------------------------------------------------------------------


# Candidate graphs of at most this many edges have their components found on the driver from
# their edge list (two longs per edge, a few tens of MB at most): one Spark job instead of two
# per label-propagation step. Larger graphs, as a big corpus on a cluster gives, are labelled
# by propagation on the executors.
LOCAL_COMPONENT_EDGES = 200_000


def connected_components(spark: Any, edges: Any, local_limit: int = LOCAL_COMPONENT_EDGES) -> Any:
    """(node, component) for every node of an edge DataFrame (a, b) of integer nodes (BIGINT
    or DECIMAL with scale 0): the component is its smallest node. A graph of at most
    ``local_limit`` edges is collected (bounded: one job reads at most ``local_limit + 1``
    edges) and labelled by union-find on the driver; a larger one by minimum-label
    propagation, one join per step, until nothing changes."""
    from pyspark.sql import types as T

    if local_limit > 0:
        pairs = edges.select("a", "b").limit(local_limit + 1).collect()
        if len(pairs) <= local_limit:
            labels = _smallest_members((int(a), int(b)) for a, b in pairs)
            kind = edges.schema["a"].dataType
            value: Callable[[int], Any] = Decimal if isinstance(kind, T.DecimalType) else int
            schema = T.StructType([T.StructField("node", kind), T.StructField("component", kind)])
            return spark.createDataFrame(
                [(value(node), value(label)) for node, label in sorted(labels.items())], schema
            )
    return _propagated_components(edges)


def _smallest_members(pairs: Iterable[tuple[int, int]]) -> dict[int, int]:
    """node -> the smallest node of its connected component (union-find over the edges)."""
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]  # path halving
            node = parent[node]
        return node

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:  # the smaller root stays the root: it is the component's label
            parent[max(ra, rb)] = min(ra, rb)
    return {node: root(node) for node in parent}


def _propagated_components(edges: Any) -> Any:
    """Minimum-label propagation over the edges on the executors."""
    from pyspark.sql import functions as F

    both = edges.select("a", "b").union(edges.select(F.col("b").alias("a"), F.col("a").alias("b")))
    both = both.distinct().localCheckpoint()
    labels = both.groupBy("a").agg(F.least(F.min("b"), F.first("a")).alias("component"))
    labels = labels.withColumnRenamed("a", "node").localCheckpoint()
    while True:
        spread = (
            both.join(labels, both.b == labels.node)
            .groupBy(both.a.alias("node"))
            .agg(F.min("component").alias("offered"))
        )
        updated = (
            labels.join(spread, "node", "left")
            .select(
                "node",
                F.least("component", F.coalesce("offered", "component")).alias("component"),
                (F.col("offered") < F.col("component")).alias("changed"),
            )
            .localCheckpoint()
        )
        changed = updated.filter("changed").limit(1).count()
        labels = updated.select("node", "component")
        if not changed:
            return labels


# -- near-duplicate stories -------------------------------------------------------------------


def _stories_of_component(members: Iterable[tuple[int, str, bytes]]) -> list[tuple[Any, ...]]:
    """The embedded near-duplicate linking over one component, in ordinal order."""
    ordered = sorted(members)
    new = [(article_id, minhash.from_blob(blob)) for _, article_id, blob in ordered]
    buckets = {article_id: minhash.band_buckets(sig) for article_id, sig in new}
    linked = minhash.link_stories(new, buckets, {}, {}, {})
    rows = []
    for _, article_id, _ in ordered:
        story, score = linked[article_id]
        if story != article_id:
            reason = f"near-duplicate of {story} (similarity {score:.2f})"
            rows.append((article_id, story, score, reason))
    return rows


# -- corpus events ----------------------------------------------------------------------------


def _block_weeks(told: identity.Telling) -> tuple[list[str], list[str]]:
    """(the ISO weeks a telling's time span covers, those a span meeting it within the day
    tolerance may cover): two tellings can only be one event when their spans meet
    (``event_identity.date_agreement``, ``time_reach``), so when one's weeks meet the other's
    reach."""
    span = identity.time_reach(told)
    if span is None:
        return [], []
    tolerance = timedelta(days=identity.DAY_TOLERANCE)

    def weeks(low: date, high: date) -> list[str]:
        found = set()
        day = low
        while day <= high:
            year, week, _ = day.isocalendar()
            found.add(f"{year}-W{week:02d}")
            day += timedelta(days=1)
        return sorted(found)

    return weeks(*span), weeks(span[0] - tolerance, span[1] + tolerance)


@dataclasses.dataclass(frozen=True)
class Judged:
    """What merging judges a telling on (its story id filled in), and its rank as its event's
    canonical telling (``writer.telling_rank``)."""

    key: str
    day: date | None
    told: identity.Telling
    rank: TellingRank


def _could_merge(a: Judged, b: Judged) -> bool:
    """Whether the writer could put the two tellings in one event (either way round)."""
    ref = EventRef(0, a.key, a.day, a.told.story_id, a.rank)
    return tells_event(ref, [a.told], b.key, b.told.story_id, b.day, b.told)


def _events_of_component(
    members: Iterable[tuple[int, Judged]],
) -> list[tuple[int, bool, int, bool]]:
    """(mention, whether it started an event, the event it ends in, whether it is that event's
    canonical telling) by the embedded merging (``StoreWriter._insert_events``), in mention
    order: a mention joins every known event it tells (``writer.tells_event``), merging them
    into the earliest, which takes the match key, day and story of its best telling
    (``writer.attach_canonical``); else it starts one. Events are named by the mention that
    started them."""
    known: dict[int, tuple[EventRef, list[identity.Telling]]] = {}
    event_of: dict[int, int] = {}
    canonical: dict[int, int] = {}  # event -> the mention its row is taken from
    started: set[int] = set()
    for position, judged in sorted(members, key=lambda m: m[0]):
        story = judged.told.story_id
        own = EventRef(position, judged.key, judged.day, story, judged.rank)
        # Both closures are called inside this iteration only (B023 cannot see that).

        def tells(ref: EventRef, tellings: Sequence[identity.Telling]) -> bool:
            return tells_event(ref, tellings, judged.key, story, judged.day, judged.told)  # noqa: B023

        def start() -> EventRef:
            started.add(position)  # noqa: B023
            return own  # noqa: B023

        ref, merged, source = attach_canonical(known, judged.told, own, tells, start)
        # The row's source: this mention (``own``), or the kept or an absorbed event's own.
        canonical[ref.event_id] = position if source is own else canonical[source.event_id]
        for other in merged:
            # This telling bridges two events: they are one.
            del canonical[other]
            for mention, event in event_of.items():
                if event == other:
                    event_of[mention] = ref.event_id
        event_of[position] = ref.event_id
    chosen = set(canonical.values())
    return [
        (position, position in started, event, position in chosen)
        for position, event in event_of.items()
    ]


def _judged(blob: bytes, story: str) -> Judged:
    """A pickled ``Judged`` (derived before its article's story was known) in its story."""
    judged: Judged = pickle.loads(blob)
    return dataclasses.replace(judged, told=dataclasses.replace(judged.told, story_id=story))


def _event_roots(members: Iterable[Any]) -> list[tuple[Decimal, bool, Decimal, bool]]:
    """``_events_of_component`` over one component's rows (position, judged, story)."""
    found = _events_of_component((int(m.position), _judged(m.judged, m.story)) for m in members)
    return [
        (Decimal(position), started, Decimal(root), canonical)
        for position, started, root, canonical in found
    ]


# -- the build --------------------------------------------------------------------------------


def build_corpus(
    spark: Any,
    analysed: Any,
    driver_graph_edges: int = LOCAL_COMPONENT_EDGES,
    phase: Callable[[str], AbstractContextManager[None]] = lambda _name: nullcontext(),
) -> dict[str, Any]:
    """Every corpus table (name -> DataFrame with the spec's schema) from the analysed rows
    (columns ordinal, run_id, logged_at, key, container, kind, analysis, signature, error).
    Candidate graphs of at most ``driver_graph_edges`` edges get their components on the
    driver (``connected_components``). ``phase(name)`` times the steps that run Spark jobs
    here (the rest runs when the tables are written)."""
    from pyspark import StorageLevel
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    from dateline.spark.schema import spark_type, table_schema

    # Partitions of the one Python-side sort (event ids): a few per core.
    parts = max(2, 2 * spark.sparkContext.defaultParallelism)

    def frame(rdd: Any, fields: Sequence[tuple[str, Any]]) -> Any:
        schema = T.StructType([T.StructField(n, t, True) for n, t in fields])
        return spark.createDataFrame(rdd, schema)

    S, L, D = T.StringType(), T.LongType(), T.DoubleType()
    POSITION = spark_type(POSITION_TYPE)
    # Every analysed article parsed once into one row (``derive``), numbered among the rows of
    # the same body: the first is the article, later ones are copies. Kept, and filled now:
    # every table below is Spark SQL over these rows (exploding their arrays), so no
    # Python pass reads the analysed rows again.
    first = Window.partitionBy("article_id").orderBy("ordinal")
    ranked = (
        frame(
            analysed.filter("kind = 'article'")
            .select("ordinal", "run_id", "logged_at", "key", "container", "analysis", "signature")
            .rdd.mapPartitions(derive),
            derived_fields(),
        )
        .withColumn("n", F.row_number().over(first))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    with phase("corpus: parse analyses"):
        ranked.count()
    new = ranked.filter("n = 1")
    article_columns = [name for name, _ in ARTICLE_FIELDS]

    # Near-duplicate stories: candidates share a band bucket; components; the embedded linking.
    bands = new.select("ordinal", "article_id", F.inline("bands"))
    left, right = bands.alias("l"), bands.alias("r")
    band_edges = (
        left.join(
            right, (F.col("l.band") == F.col("r.band")) & (F.col("l.bucket") == F.col("r.bucket"))
        )
        .filter(F.col("l.ordinal") < F.col("r.ordinal"))
        .select(F.col("l.ordinal").alias("a"), F.col("r.ordinal").alias("b"))
        .distinct()
    )
    with phase("corpus: story components"):
        story_components = connected_components(spark, band_edges, driver_graph_edges)
    # Each component's members gathered by Spark SQL; one Python pass runs the linking.
    linked = (
        new.join(story_components, new.ordinal == story_components.node)
        .groupBy("component")
        .agg(F.collect_list(F.struct("ordinal", "article_id", "signature")).alias("members"))
        .rdd.flatMap(
            lambda r: _stories_of_component(
                (m.ordinal, m.article_id, bytes(m.signature)) for m in r.members
            )
        )
    )
    near = frame(linked, [("article_id", S), ("story", S), ("score", D), ("reason", S)])
    stories = (
        new.select(*article_columns)
        .join(near, "article_id", "left")
        .withColumn("story_id", F.coalesce("story", "article_id"))
        .withColumn("similarity", F.when(F.col("story").isNotNull(), F.col("score")))
        .persist()
    )

    tables: dict[str, Any] = {}
    tables["articles"] = stories
    tables["minhash"] = new.select("article_id", "signature")
    tables["minhash_bands"] = bands.select("band", "bucket", "article_id")

    # Copies of an article: a plain duplicate when its (source name, URL) is the article's or
    # an earlier copy's, else a syndicated copy (one more telling of its events).
    firsts = new.select(
        "article_id", F.col("source_name").alias("first_name"), F.col("url").alias("first_url")
    )
    same_place = Window.partitionBy(
        "article_id", "source_name", F.coalesce("url", F.lit(""))
    ).orderBy("ordinal")
    copies = (
        ranked.filter("n > 1")
        .select(*article_columns)
        .join(firsts, "article_id")
        .withColumn("m", F.row_number().over(same_place))
        .withColumn(
            "is_copy",
            (F.col("m") == 1)
            & ~(
                F.col("source_name").eqNullSafe(F.col("first_name"))
                & F.coalesce("url", F.lit("")).eqNullSafe(F.coalesce("first_url", F.lit("")))
            ),
        )
        .persist()
    )
    syndicated = copies.filter("is_copy").persist()
    tables["article_copies"] = syndicated

    # Corpus entities: the first record names each.
    entity_rows = new.select(
        "ordinal", F.col("article_id").alias("first_article_id"), F.inline("entities")
    )
    earliest = Window.partitionBy("entity_id").orderBy("ordinal", "index")
    tables["entities"] = entity_rows.withColumn("n", F.row_number().over(earliest)).filter("n = 1")

    # The section tables: each new article's rows.
    for table in SECTION_TABLES:
        tables[table.name] = new.select(F.inline(section_column(table.name)))

    # Corpus events: the tellings of the new articles in their stories, each at its position.
    # Kept: the candidate joins, the components and every row below read them.
    tellings = (
        new.select("ordinal", "article_id", F.inline("tellings"))
        .join(stories.select("ordinal", "story_id"), "ordinal")
        .withColumn(
            "position",
            (
                F.col("ordinal").cast("decimal(20,0)") * F.lit(TELLING_SLOTS).cast("decimal(8,0)")
                + F.col("index")
            ).cast(POSITION),
        )
        .persist()
    )
    keyed = tellings.select(
        "position", "key", F.col("story_id").alias("story"), F.col("article_id").alias("article"),
        "type", "participants", "named", "weeks", "probes",
    )  # fmt: skip
    a, b = keyed.alias("a"), keyed.alias("b")
    same_key = a.join(
        b, (F.col("a.key") == F.col("b.key")) & (F.col("a.story") == F.col("b.story"))
    ).filter(F.col("a.position") < F.col("b.position"))
    # Tellings that may agree across stories: the same type, spans that meet, and an entity
    # one takes part in that the other names (``event_identity.participant_keys``: a shared
    # actor, or for a lasting activity a participant named around the other).
    told_by = keyed.filter("size(weeks) > 0")
    x = (
        told_by.select("position", "article", "type", "weeks",
                       F.explode("participants").alias("entity"))
        .withColumn("week", F.explode("weeks")).alias("x")
    )  # fmt: skip
    y = (
        told_by.select("position", "article", "type", "probes", F.explode("named").alias("entity"))
        .withColumn("probe", F.explode("probes"))
        .alias("y")
    )
    shared_actor = x.join(
        y,
        (F.col("x.type") == F.col("y.type"))
        & (F.col("x.entity") == F.col("y.entity"))
        & (F.col("x.week") == F.col("y.probe"))
        & (F.col("x.article") != F.col("y.article")),
    )
    candidates = (
        same_key.select(F.col("a.position").alias("p"), F.col("b.position").alias("q"))
        .union(
            shared_actor.select(
                F.least("x.position", "y.position").alias("p"),
                F.greatest("x.position", "y.position").alias("q"),
            )
        )
        .distinct()
    )
    # What merging judges a telling on travels pickled in a column, so that pairs and
    # components are gathered by Spark SQL joins and group-bys, and Python only runs the
    # decisions.
    judged = tellings.select("position", "judged", F.col("story_id").alias("story"))
    jp, jq = judged.alias("jp"), judged.alias("jq")
    checked = (
        candidates.join(jp, F.col("p") == F.col("jp.position"))
        .join(jq, F.col("q") == F.col("jq.position"))
        .select("p", "q", F.col("jp.judged").alias("pj"), F.col("jp.story").alias("ps"),
                F.col("jq.judged").alias("qj"), F.col("jq.story").alias("qs"))
        .rdd.filter(lambda r: _could_merge(_judged(r.pj, r.ps), _judged(r.qj, r.qs)))
        .map(lambda r: (r.p, r.q))
    )  # fmt: skip
    with phase("corpus: event components"):
        event_components = connected_components(
            spark, frame(checked, [("a", POSITION), ("b", POSITION)]), driver_graph_edges
        )
    joined = (
        event_components.join(judged, event_components.node == judged.position)
        .groupBy("component")
        .agg(F.collect_list(F.struct("position", "judged", "story")).alias("members"))
        .rdd.flatMap(lambda r: _event_roots(r.members))
    )
    root_of = frame(
        joined,
        [("position", POSITION), ("started", T.BooleanType()), ("root", POSITION),
         ("canonical", T.BooleanType())],
    )  # fmt: skip
    # Kept: numbering runs three jobs over it (a sort's sample, zipWithIndex's count, the
    # rows), and ``event_of`` reads it again.
    assigned = (
        tellings.select("position")
        .join(root_of, "position", "left")
        .select(
            "position",
            F.coalesce("started", F.lit(True)).alias("started"),
            F.coalesce("root", "position").alias("root"),
            # A telling no other could join is its own event's canonical telling.
            F.coalesce("canonical", F.lit(True)).alias("canonical"),
        )
        .persist()
    )
    # Event ids count the events started, in the order they were started, as the writer's
    # counter does (an event merged into an earlier one leaves its id unused).
    with phase("corpus: event ids"):
        numbered = frame(
            assigned.filter("started").rdd.map(lambda r: r.position)
            .sortBy(lambda p: p, numPartitions=parts).zipWithIndex()
            .map(lambda pair: (pair[0], pair[1] + 1)),
            [("root", POSITION), ("event_id", L)],
        )  # fmt: skip
    event_of = (
        assigned.join(numbered, "root")
        .select("position", "event_id", "root", "canonical")
        .persist()
    )
    event_columns = [f.name for f in table_schema("event_mentions").fields]
    mention_rows = (
        event_of.select("position", "event_id")
        .join(tellings.select("position", "told.*"), "position")
        .select(*event_columns)
        .persist()
    )
    tables["event_mentions"] = mention_rows
    events_columns = [f.name for f in table_schema("events").fields]
    # Each event's row is its canonical telling's (``writer.telling_rank``), numbered, added
    # when the telling that started it was (``date_added``, as the writer keeps it).
    added = tellings.select(
        F.col("position").alias("root"), F.col("event.date_added").alias("first_added")
    )
    canonical_rows = (
        event_of.filter("canonical")
        .select("position", "root", F.col("event_id").alias("numbered"))
        .join(tellings.select("position", F.col("story_id").alias("story"), "event.*"), "position")
        .join(added, "root")
        .withColumn("event_id", F.col("numbered"))
        .withColumn("story_id", F.col("story"))
        .withColumn("date_added", F.col("first_added"))
        .select(*events_columns)
    )
    tables["events"] = _counted(canonical_rows, mention_rows, syndicated).persist()

    # The ingest log.
    log = [
        analysed.filter("kind = 'failed'").select(
            F.col("key").alias("input"), "container", F.lit("failed").alias("status"),
            F.lit(None).cast(S).alias("article_id"), F.lit(None).cast(S).alias("duplicate_of"),
            F.col("error").alias("reason"), "run_id", F.col("logged_at"),
        ),
        analysed.filter("kind = 'done'").select(
            F.col("container").alias("input"), "container", F.lit("done").alias("status"),
            F.lit(None).cast(S).alias("article_id"), F.lit(None).cast(S).alias("duplicate_of"),
            F.lit(None).cast(S).alias("reason"), "run_id", F.col("logged_at"),
        ),
        stories.select(
            F.col("source").alias("input"), "container",
            F.when(F.col("story").isNotNull(), "near_duplicate").otherwise("stored").alias("status"),
            "article_id", F.col("story").alias("duplicate_of"), "reason", "run_id",
            F.col("ingested_at").alias("logged_at"),
        ),
        copies.select(
            F.col("source").alias("input"), "container",
            F.when(F.col("is_copy"), "copy").otherwise("duplicate").alias("status"),
            "article_id", F.col("article_id").alias("duplicate_of"),
            F.when(
                F.col("is_copy"),
                F.concat(F.lit("the same article body as "), F.col("article_id"),
                         F.lit(", published by "), F.col("source_name")),
            ).otherwise(F.lit("the same article body is already stored")).alias("reason"),
            "run_id", F.col("ingested_at").alias("logged_at"),
        ),
    ]  # fmt: skip
    ingest_log = log[0]
    for part in log[1:]:
        ingest_log = ingest_log.unionByName(part)
    tables["ingest_log"] = ingest_log.persist()
    tables["store_meta"] = spark.createDataFrame(
        [("schema_version", SCHEMA_VERSION)], table_schema("store_meta")
    )
    # Every table in its spec's column order and types.
    return {
        name: tables[name].select(
            *[F.col(f.name).cast(f.dataType).alias(f.name) for f in table_schema(name).fields]
        )
        for name in table_columns()
    }


def _counted(events: Any, mentions: Any, copies: Any) -> Any:
    """The events with their counts (``StoreWriter._recount``): every telling counts, and once
    more for each syndicated copy of its article; a root event when any report leads with it;
    as sure as its surest telling and as real as its most real one."""
    from pyspark.sql import functions as F

    told = mentions.select(
        "event_id", F.col("article_id").alias("telling"), "source_name", "times_told", "in_lead"
    )
    copied = mentions.join(copies.select("article_id", F.col("source").alias("copy_source"),
                                         F.col("source_name").alias("copy_name")), "article_id")  # fmt: skip
    told = told.unionByName(
        copied.select(
            "event_id",
            F.concat_ws(" ", "article_id", "copy_source").alias("telling"),
            F.col("copy_name").alias("source_name"),
            "times_told",
            "in_lead",
        )
    )
    counts = told.groupBy("event_id").agg(
        F.sum("times_told").cast("int").alias("m"),
        F.countDistinct("telling").cast("int").alias("a"),
        F.countDistinct("source_name").cast("int").alias("s"),
        F.bool_or("in_lead").alias("root"),
    )
    realness = F.lit(len(identity.STATUS_REALNESS))
    for rank, status in reversed(list(enumerate(identity.STATUS_REALNESS))):
        realness = F.when(F.col("status") == status, F.lit(rank)).otherwise(realness)
    surest = mentions.groupBy("event_id").agg(
        F.max("confidence").alias("c"),
        F.min(F.when(F.col("status").isNotNull(), F.struct(realness, F.col("status")))).alias("st"),
    )
    return (
        events.join(counts, "event_id", "left")
        .join(surest, "event_id", "left")
        .withColumn("num_mentions", F.coalesce("m", F.lit(0)))
        .withColumn("num_articles", F.coalesce("a", F.lit(0)))
        .withColumn("num_sources", F.coalesce("s", F.lit(0)))
        .withColumn("is_root_event", F.coalesce("root", "is_root_event"))
        .withColumn("confidence", F.col("c"))
        .withColumn("status", F.coalesce(F.col("st.status"), F.col("status")))
    )
