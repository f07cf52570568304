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

from dateline.model import Analysis
from dateline.store import event_identity as identity
from dateline.store import merge, minhash
from dateline.store.db import SCHEMA_VERSION
from dateline.store.tables import SECTION_TABLES, table_columns
from dateline.store.writer import (
    EventRef,
    event_row,
    mention_row,
    planned_mentions,
    tells_event,
    told_in_lead,
)

# ordinal = run rank << RUN_SHIFT | work item << ITEM_SHIFT | record position in the item
ITEM_SHIFT = 21
RUN_SHIFT = 52
LAST_POSITION = (1 << ITEM_SHIFT) - 1  # a container's "done" row: after its records
MAX_ITEMS = 1 << (RUN_SHIFT - ITEM_SHIFT)


# -- what each analysed article gives, computed where it is parsed ------------------------------


@dataclasses.dataclass(frozen=True)
class MentionFacts:
    """An event telling of a new article, before its story and event are known."""

    ordinal: int
    index: int  # the event's place in its article
    key: str
    day: date | None
    told: identity.Telling  # its story id filled in once the article's story is known
    event_row: tuple[Any, ...]  # the events row if it starts a corpus event (id, story later)
    mention_row: tuple[Any, ...]  # the event_mentions row without its event id


def derive(rows: Iterable[Any]) -> Iterator[tuple[str, Any]]:
    """Parse each analysed article once and emit what every corpus step needs, tagged."""
    for row in rows:
        analysis = Analysis.model_validate_json(row.analysis)
        art = analysis.article
        ordinal = row.ordinal
        yield (
            "article",
            (ordinal, art.id, row.key, row.container, merge.source_name(analysis), art.url,
             art.publisher, art.headline, art.published, merge.published_date(analysis),
             art.language, art.format, len(art.text), len(analysis.entities),
             len(analysis.quotes), len(analysis.events), ",".join(analysis.stages),
             row.logged_at, row.analysis, bytes(row.signature), row.run_id),
        )  # fmt: skip
        sig = minhash.from_blob(bytes(row.signature))
        for band, bucket in enumerate(minhash.band_buckets(sig)):
            yield "band", (ordinal, band, Decimal(bucket), art.id)
        ids = merge.entity_ids(analysis)
        for index, entity in enumerate(analysis.entities):
            yield (
                "entity",
                (ordinal, index, ids[entity.id], entity.name, entity.type, entity.country,
                 entity.sector, entity.code, entity.kb_id, art.id),
            )  # fmt: skip
        for table in SECTION_TABLES:
            for values in table.rows(analysis, ids):
                yield table.name, (ordinal, values)
        for index, (_, _, event, key, day, told) in enumerate(planned_mentions(analysis, "")):
            in_lead = told_in_lead(event, analysis)
            ref = EventRef(0, key, day, "")
            yield (
                "mention",
                MentionFacts(ordinal, index, key, day, told,
                             event_row(ref, analysis, event, in_lead, row.logged_at),
                             mention_row(analysis, event, told, in_lead)),
            )  # fmt: skip


# -- connected components ---------------------------------------------------------------------


# Candidate graphs of at most this many edges have their components found on the driver from
# their edge list (two longs per edge, a few tens of MB at most): one Spark job instead of two
# per label-propagation step. Larger graphs, as a big corpus on a cluster gives, are labelled
# by propagation on the executors.
LOCAL_COMPONENT_EDGES = 200_000


def connected_components(spark: Any, edges: Any, local_limit: int = LOCAL_COMPONENT_EDGES) -> Any:
    """(node, component) for every node of an edge DataFrame (a, b): the component is its
    smallest node. A graph of at most ``local_limit`` edges is collected (bounded: one job
    reads at most ``local_limit + 1`` edges) and labelled by union-find on the driver; a
    larger one by minimum-label propagation, one join per step, until nothing changes."""
    from pyspark.sql import types as T

    if local_limit > 0:
        pairs = edges.select("a", "b").limit(local_limit + 1).collect()
        if len(pairs) <= local_limit:
            labels = _smallest_members((int(a), int(b)) for a, b in pairs)
            schema = T.StructType(
                [T.StructField("node", T.LongType()), T.StructField("component", T.LongType())]
            )
            return spark.createDataFrame(sorted(labels.items()), schema)
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
    """What merging judges a telling on (its story id filled in)."""

    key: str
    day: date | None
    told: identity.Telling


def _could_merge(a: Judged, b: Judged) -> bool:
    """Whether the writer could put the two tellings in one event (either way round)."""
    ref = EventRef(0, a.key, a.day, a.told.story_id)
    return tells_event(ref, [a.told], b.key, b.told.story_id, b.day, b.told)


def _events_of_component(
    members: Iterable[tuple[int, Judged]],
) -> list[tuple[int, bool, int]]:
    """(mention, whether it started an event, the event it ends in) by the embedded merging
    (``StoreWriter._insert_events``), in mention order: a mention joins every known event it
    tells (``writer.tells_event``), merging them into the earliest; else it starts one.
    Events are named by the mention that started them."""
    known: dict[int, tuple[EventRef, list[identity.Telling]]] = {}
    event_of: dict[int, int] = {}
    started: set[int] = set()
    for position, judged in sorted(members, key=lambda m: m[0]):
        story = judged.told.story_id
        # Both closures are called inside this iteration only (B023 cannot see that).

        def tells(ref: EventRef, tellings: Sequence[identity.Telling]) -> bool:
            return tells_event(ref, tellings, judged.key, story, judged.day, judged.told)  # noqa: B023

        def start() -> EventRef:
            started.add(position)  # noqa: B023
            return EventRef(position, judged.key, judged.day, story)  # noqa: B023

        ref, merged = identity.attach_telling(known, judged.told, tells, start)
        for other in merged:
            # This telling bridges two events: they are one.
            for mention, event in event_of.items():
                if event == other:
                    event_of[mention] = ref.event_id
        event_of[position] = ref.event_id
    return [(position, position in started, event) for position, event in event_of.items()]


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

    from dateline.spark.schema import table_schema

    # Partitions of the Python-side shuffles (groupByKey, join, sortBy): a few per core.
    parts = max(2, 2 * spark.sparkContext.defaultParallelism)

    def frame(rdd: Any, fields: list[tuple[str, Any]]) -> Any:
        schema = T.StructType([T.StructField(n, t, True) for n, t in fields])
        return spark.createDataFrame(rdd, schema)

    S, L, INT, D = T.StringType(), T.LongType(), T.IntegerType(), T.DoubleType()
    TS = T.TimestampNTZType()
    derived = (
        analysed.filter("kind = 'article'")
        .select("ordinal", "run_id", "logged_at", "key", "container", "analysis", "signature")
        .rdd.mapPartitions(derive)
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    # Parsed once, now: the first job to need it (the band self-join) runs its two sides as
    # concurrent jobs, and each would otherwise parse every article before the cache is filled.
    with phase("corpus: parse analyses"):
        derived.count()

    def tagged(tag: str) -> Any:
        return derived.filter(lambda t: t[0] == tag).map(lambda t: t[1])

    articles_in = frame(
        tagged("article"),
        [("ordinal", L), ("article_id", S), ("source", S), ("container", S),
         ("source_name", S), ("url", S), ("publisher", S), ("headline", S), ("published", S),
         ("published_date", T.DateType()), ("language", S), ("format", S), ("num_chars", INT),
         ("num_entities", INT), ("num_quotes", INT), ("num_events", INT), ("stages", S),
         ("ingested_at", TS), ("analysis", S), ("signature", T.BinaryType()), ("run_id", S)],
    )  # fmt: skip
    # Exact copies: the first row of each body is the article.
    first = Window.partitionBy("article_id").orderBy("ordinal")
    ranked = articles_in.withColumn("n", F.row_number().over(first)).persist()
    new = ranked.filter("n = 1").drop("n").persist()
    new_ordinals = new.select("ordinal")

    # Near-duplicate stories: candidates share a band bucket; components; the embedded linking.
    bands = frame(
        tagged("band"),
        [("ordinal", L), ("band", T.ShortType()), ("bucket", T.DecimalType(20, 0)),
         ("article_id", S)],
    ).join(new_ordinals, "ordinal", "left_semi")  # fmt: skip
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
        new.join(near, "article_id", "left")
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
    entity_rows = frame(
        tagged("entity"),
        [("ordinal", L), ("index", INT), ("entity_id", S), ("name", S), ("type", S),
         ("country", S), ("sector", S), ("code", S), ("kb_id", S), ("first_article_id", S)],
    ).join(new_ordinals, "ordinal", "left_semi")  # fmt: skip
    earliest = Window.partitionBy("entity_id").orderBy("ordinal", "index")
    tables["entities"] = entity_rows.withColumn("n", F.row_number().over(earliest)).filter("n = 1")

    # The section tables: each new article's rows.
    for table in SECTION_TABLES:
        rows = tagged(table.name).map(lambda pair: (pair[0], *pair[1]))
        fields = [("ordinal", L)] + [(f.name, f.dataType) for f in table_schema(table.name).fields]
        tables[table.name] = frame(rows, fields).join(new_ordinals, "ordinal", "left_semi")

    # Corpus events.
    story_of = stories.select("ordinal", "story_id")
    # Kept: sortBy counts and samples its input and zipWithIndex counts the sorted partitions,
    # each a Spark job that would compute the join again.
    told = (
        tagged("mention")
        .map(lambda facts: (facts.ordinal, facts))
        .join(story_of.rdd.map(lambda r: (r.ordinal, r.story_id)), parts)
        .map(lambda pair: _with_story(pair[1][0], pair[1][1]))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    with phase("corpus: mentions in order"):  # sortBy and zipWithIndex run jobs right away
        mentions = (
            told.sortBy(lambda facts: (facts.ordinal, facts.index), numPartitions=parts)
            .zipWithIndex()
            .map(lambda pair: (pair[1], pair[0]))
            .persist(StorageLevel.MEMORY_AND_DISK)
        )
    keyed = frame(
        mentions.map(
            lambda m: (m[0], m[1].key, m[1].told.story_id, m[1].told.article_id, m[1].told.type,
                       *map(sorted, identity.participant_keys(m[1].told)),
                       *_block_weeks(m[1].told))
        ),  # fmt: skip
        [("position", L), ("key", S), ("story", S), ("article", S), ("type", S),
         ("participants", T.ArrayType(S)), ("named", T.ArrayType(S)),
         ("weeks", T.ArrayType(S)), ("probes", T.ArrayType(S))],
    ).persist()  # fmt: skip
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
    # What merging judges a telling on, without the rows it will be stored as.
    # Pickled into a column, so that pairs and components are gathered by Spark SQL joins
    # and group-bys, and Python only runs the decisions.
    judged = frame(
        mentions.map(lambda m: (m[0], pickle.dumps(Judged(m[1].key, m[1].day, m[1].told)))),
        [("position", L), ("judged", T.BinaryType())],
    ).persist()
    jp, jq = judged.alias("jp"), judged.alias("jq")
    checked = (
        candidates.join(jp, F.col("p") == F.col("jp.position"))
        .join(jq, F.col("q") == F.col("jq.position"))
        .select("p", "q", F.col("jp.judged").alias("pj"), F.col("jq.judged").alias("qj"))
        .rdd.filter(lambda r: _could_merge(pickle.loads(r.pj), pickle.loads(r.qj)))
        .map(lambda r: (r.p, r.q))
    )
    with phase("corpus: event components"):
        event_components = connected_components(
            spark, frame(checked, [("a", L), ("b", L)]), driver_graph_edges
        )
    joined = (
        event_components.join(judged, event_components.node == judged.position)
        .groupBy("component")
        .agg(F.collect_list(F.struct("position", "judged")).alias("members"))
        .rdd.flatMap(
            lambda r: _events_of_component((m.position, pickle.loads(m.judged)) for m in r.members)
        )
    )
    root_of = frame(joined, [("position", L), ("started", T.BooleanType()), ("root", L)])
    every = frame(mentions.map(lambda m: (m[0],)), [("position", L)])
    # Kept: numbering runs three jobs over it (see ``told``), and ``event_of`` reads it again.
    assigned = (
        every.join(root_of, "position", "left")
        .select(
            "position",
            F.coalesce("started", F.lit(True)).alias("started"),
            F.coalesce("root", "position").alias("root"),
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
            [("root", L), ("event_id", L)],
        )  # fmt: skip
    event_of = assigned.join(numbered, "root").select("position", "event_id", "root").persist()
    # Each telling's rows as DataFrames by position (one Python pass each), joined with its
    # event id by Spark SQL rather than by Python-side shuffles of the tellings.
    event_columns = [f.name for f in table_schema("event_mentions").fields]
    told_rows = frame(
        mentions.map(lambda m: (m[0], *m[1].mention_row)),
        [("position", L)] + [(f.name, f.dataType) for f in table_schema("event_mentions").fields[1:]],
    )  # fmt: skip
    mention_rows = (
        event_of.select("position", "event_id").join(told_rows, "position")
        .select(*event_columns).persist()
    )  # fmt: skip
    tables["event_mentions"] = mention_rows
    events_columns = [f.name for f in table_schema("events").fields]
    started_rows = frame(
        mentions.map(lambda m: (m[0], *_event_row_of(0, m[1]))),
        [("position", L)] + [(f.name, f.dataType) for f in table_schema("events").fields],
    )
    first_rows = (
        event_of.filter("position = root").select("position", F.col("event_id").alias("id"))
        .join(started_rows.drop("event_id"), "position")
        .withColumnRenamed("id", "event_id").select(*events_columns)
    )  # fmt: skip
    tables["events"] = _counted(first_rows, mention_rows, syndicated).persist()

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


def _with_story(facts: MentionFacts, story: str) -> MentionFacts:
    return dataclasses.replace(facts, told=dataclasses.replace(facts.told, story_id=story))


def _event_row_of(event_id: int, facts: MentionFacts) -> tuple[Any, ...]:
    row = list(facts.event_row)
    names = [c.name for c in table_columns()["events"]]
    row[names.index("event_id")] = event_id
    row[names.index("story_id")] = facts.told.story_id
    return tuple(row)


def _counted(events: Any, mentions: Any, copies: Any) -> Any:
    """The events with their counts (``StoreWriter._recount``): every telling counts, and once
    more for each syndicated copy of its article; a root event when any report leads with it;
    as sure as its surest telling."""
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
    surest = mentions.groupBy("event_id").agg(F.max("confidence").alias("c"))
    return (
        events.join(counts, "event_id", "left")
        .join(surest, "event_id", "left")
        .withColumn("num_mentions", F.coalesce("m", F.lit(0)))
        .withColumn("num_articles", F.coalesce("a", F.lit(0)))
        .withColumn("num_sources", F.coalesce("s", F.lit(0)))
        .withColumn("is_root_event", F.coalesce("root", "is_root_event"))
        .withColumn("confidence", F.col("c"))
    )
