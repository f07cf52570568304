"""``dateline eval merge``: are reports of one event in different articles merged, and only they?

Gold (``tests/gold/merge/*.json``, stand-off, no article text): real articles from
``../shared/bench/`` telling one story from several outlets; each record lists event mentions
(the article's path and the character span of the trigger in that file; in the ``<TEXT>`` of a
TimeML file, ``article_source``) and groups them into
events. Every pair of mentions from different articles is judged: the same event when in one
group. Dateline analyses each article, finds its event whose telling overlaps each gold span,
and clusters them as ingest would; pairwise precision and recall are counted over the judged
pairs, beside the merge rule before ``event_identity`` (same type, actors, recipients and place,
dates a day apart with the publication date standing in) and ``event_identity``'s first rule
(both dates stated) in the same run.

The fixed split is by pair of articles: a judged pair is ``dev`` when the first hex digit of the
SHA-1 of its two article paths (sorted, joined by a space) is 0-7, else ``test``, so every
story lends pairs to both sides. All mentions are clustered together as ingest would; only the
split's pairs are counted. Tune on dev only; report test.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, get_args

import click

from dateline.errors import InputError
from dateline.evaluation import id_digest, pct, ratio, table_row
from dateline.model import Event

DEV_DIGITS = set("01234567")
SPLITS = ("dev", "test", "all")


def split_of(path_a: str, path_b: str) -> str:
    """``dev`` or ``test``: fixed by the SHA-1 of the pair of article paths."""
    return "dev" if id_digest(" ".join(sorted((path_a, path_b))))[0] in DEV_DIGITS else "test"


@dataclass(frozen=True)
class GoldMention:
    id: str
    path: str
    span: tuple[int, int]
    event: int  # index of its group
    type: str | None = None  # the PLOVER type pooled, when one trigger told events of two types


def load_gold(folder: Path) -> tuple[list[GoldMention], dict[str, str]]:
    """The gold mentions, and the publication date of each article (records give it when the
    file itself carries no metadata, as an ingest of the page would know it)."""
    published: dict[str, str] = {}
    if not folder.is_dir():
        raise InputError(str(folder), "has no merge gold records (not a folder)")
    files = sorted(folder.glob("*.json"))
    if not files:
        raise InputError(str(folder), "has no merge gold records (*.json)")
    mentions: list[GoldMention] = []
    group = 0
    for file in files:
        try:
            record = json.loads(file.read_text(encoding="utf-8"))
            published.update(record.get("published", {}))
            spans = {m["id"]: (m["path"], (int(m["span"][0]), int(m["span"][1])), m.get("type"))
                     for m in record["mentions"]}  # fmt: skip
            for members in record["events"]:
                for mention_id in members:
                    path, span, kind = spans[mention_id]
                    mentions.append(
                        GoldMention(f"{file.stem}:{mention_id}", path, span, group, kind)
                    )
                group += 1
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            raise InputError(str(file), f"is not a merge gold record ({exc})") from None
    return mentions, published


def _analyse(  # type: ignore[no-untyped-def]
    paths: list[str], bench: Path, published: dict[str, str], model: str | None
):
    from dateline.article.structure import structure
    from dateline.evaluation.event_documents import Alignment
    from dateline.pipeline import Pipeline
    from dateline.stage import Parsed

    pipeline = Pipeline.create(model=model)
    analysed = {}
    for path in paths:
        file = bench / path
        if not file.is_file():
            raise InputError(str(file), "is missing: the merge gold points at articles in --bench")
        raw, source, dated = article_source(file)
        article = structure(raw)
        if article.published is None and (dated or path in published):
            article = article.model_copy(update={"published": dated or published[path]})
        # The parse is kept for ``--errors``, which runs the events stage again on it.
        parsed = Parsed(pipeline.nlp(article.text), pipeline.nlp)
        analysis = pipeline.annotate(article, parsed)
        analysed[path] = (analysis, Alignment(source, analysis), parsed)
    return analysed


def article_source(file: Path) -> tuple[Any, str, str | None]:
    """(the raw input to structure, the text the record's offsets point into, the publication
    time the file gives). A TimeML file (``.tml``, the newswire of TimeBank/AQUAINT) is read as
    its ``<TEXT>`` (offsets into that text, as ``evaluation.timeml`` extracts it) with its
    document creation time; any other file as ingest reads it (offsets into the file)."""
    from dateline.sources import RawInput, read_input

    if file.suffix == ".tml":
        from dateline.evaluation.timeml import read_timeml

        document = read_timeml(file)
        raw = RawInput(source=str(file), data=document.text.encode("utf-8"), content_type="text")
        return raw, document.text, document.dct
    return read_input(str(file)), file.read_text(encoding="utf-8"), None


def evaluate_merge(
    folder: Path,
    bench: Path,
    model: str | None = None,
    split: str = "test",
    errors: bool = False,
) -> str:
    from dateline.store import event_identity as identity
    from dateline.store import merge
    from dateline.store.writer import planned_mentions

    gold, published = load_gold(folder)
    paths = list(dict.fromkeys(m.path for m in gold))
    analysed = _analyse(paths, bench, published, model)
    # What ingest judges each event on (match key, day, telling), once per article.
    planned = {
        path: {p[2].id: p for p in planned_mentions(analysis, analysis.article.id)}
        for path, (analysis, _, _) in analysed.items()
    }
    found: list[tuple[GoldMention, identity.Telling, str, date | None]] = []
    confidence: dict[str, float] = {}  # each found mention's event's, for ``--errors``
    shared = _shared_triggers(gold)
    for mention in gold:
        analysis, alignment, _ = analysed[mention.path]
        event = _event_of(mention, _events_at(mention, analysis.events, alignment), shared)
        if event is None:
            continue
        _, _, _, key, day, told = planned[mention.path][event.id]
        found.append((mention, told, key, day))
        confidence[mention.id] = event.confidence
    tellings = [f[1] for f in found]
    before = {
        (t.article_id, t.local_id): (f[2], f[3]) for f, t in zip(found, tellings, strict=True)
    }

    def old_rule(a: identity.Telling, b: identity.Telling) -> bool:
        key_a, day_a = before[(a.article_id, a.local_id)]
        key_b, day_b = before[(b.article_id, b.local_id)]
        return key_a == key_b and merge.same_event(
            day_a,
            day_b,
            a.story_id,
            b.story_id,
            bool(a.actors or a.recipients),  # type: ignore[arg-type]
        )

    index_of = {f[0].id: n for n, f in enumerate(found)}
    stories = len({m.id.split(":")[0] for m in gold})
    rows: list[tuple[str, PairScores]] = []
    labels: list[int] = []
    for name, decide in (
        ("merge before event_identity (key + dates a day apart)", old_rule),
        ("event_identity, both dates stated (before)", identity.same_event_stated_dates),
        ("event_identity (reader's test, first afternoon)", identity.same_event_first),
        ("event_identity (reader's test)", identity.same_event),
    ):
        labels = identity.cluster(tellings, decide)
        found_labels = [labels[index_of[m.id]] if m.id in index_of else None for m in gold]
        rows.append((name, score_pairs(gold, found_labels, split)))
    scores = rows[-1][1]
    lines = [
        f"Cross-article merge gold: {stories} stories, {len(paths)} articles, {len(gold)} event "
        f"mentions ({len(gold) - len(found)} without a Dateline event at their trigger); split "
        f"`{split}`: {scores.judged} judged pairs, {scores.same_all} same-event "
        f"({scores.same_found} with both mentions found)",
        "",
        "R found: of the same-event pairs whose two mentions Dateline finds (the merge rule's "
        "recall); R all: of every same-event pair of the gold (a mention Dateline no longer "
        "finds is a miss).",
        "",
        "| system | merged pairs | P | R found | R all |",
        "|---|---|---|---|---|",
    ]
    for name, row in rows:
        lines.append(
            table_row(
                [
                    name,
                    str(row.merged),
                    pct(ratio(row.hits, row.merged)) if row.merged else "–",  # nothing merged
                    pct(ratio(row.hits, row.same_found)),
                    pct(ratio(row.hits, row.same_all)),
                ]
            )
        )
    if errors:
        lines += _error_lines(gold, found, index_of, labels, split)
        lines.append(_confidence_line(gold, index_of, labels, confidence, split))
        lines += _not_found_lines(gold, index_of, analysed, split)
    return "\n".join(lines)


def _shared_triggers(gold: list[GoldMention]) -> set[tuple[str, tuple[int, int]]]:
    """The trigger spans (path, span) the gold gives two mentions of different types: one
    utterance doing two codeable things, two events (``docs/annotation/merge.md``)."""
    kinds: dict[tuple[str, tuple[int, int]], set[str | None]] = {}
    for mention in gold:
        kinds.setdefault((mention.path, mention.span), set()).add(mention.type)
    return {span for span, told in kinds.items() if len(told) > 1}


def _event_of(
    mention: GoldMention, overlapping: list[Event], shared: set[tuple[str, tuple[int, int]]]
) -> Event | None:
    """Dateline's event for a gold mention among those told at its trigger: the one of the
    mention's pooled type (one trigger may tell two), else the first. Where the gold has two
    mentions of different types at the trigger (``_shared_triggers``), only an event of the
    mention's own type tells it: the type says which of the two acts the mention is, so an
    event of the other type is the other mention's, not both."""
    if (mention.path, mention.span) in shared:
        overlapping = [e for e in overlapping if e.type == mention.type]
    overlapping = sorted(overlapping, key=lambda e: e.type != mention.type)
    return overlapping[0] if overlapping else None


def _confidence_line(
    gold: list[GoldMention],
    index_of: dict[str, int],
    labels: list[int],
    confidence: dict[str, float],
    split: str,
) -> str:
    """How many same-event pairs found in both articles, missed and merged, have a mention
    whose event the learned confidence puts below the default threshold: merging (like
    ingest) reads every event, so a low confidence loses no pair; the count says whether the
    confidence sees the misreadings that keep pairs apart."""
    from dateline.events.confidence import DEFAULT_MIN_CONFIDENCE

    low = {True: 0, False: 0}
    total = {True: 0, False: 0}
    for i, first in enumerate(gold):
        for second in gold[i + 1 :]:
            if first.event != second.event or first.path == second.path:
                continue
            if split != "all" and split_of(first.path, second.path) != split:
                continue
            if first.id not in index_of or second.id not in index_of:
                continue
            merged = labels[index_of[first.id]] == labels[index_of[second.id]]
            total[merged] += 1
            low[merged] += min(confidence[first.id], confidence[second.id]) < DEFAULT_MIN_CONFIDENCE
    return (
        f"Same-event found pairs with a mention below the default confidence "
        f"({DEFAULT_MIN_CONFIDENCE}): missed {low[False]} of {total[False]}, merged {low[True]} "
        f"of {total[True]} (merging reads every event: no pair is lost to the threshold)"
    )


def _events_at(mention: GoldMention, events: list[Event], alignment: Any) -> list[Event]:
    """The events one of whose tellings overlaps the gold mention's span."""
    return [
        e
        for e in events
        for field, start, end in _told(e)
        if (span := alignment.to_source(field, start, end)) is not None
        and span[0] < mention.span[1]
        and mention.span[0] < span[1]
    ]


def _not_found_lines(
    gold: list[GoldMention], index_of: dict[str, int], analysed: dict[str, Any], split: str
) -> list[str]:
    """Why each mention of a same-event pair of the split has no Dateline event: the events
    stage tells there only an event of the other type of a trigger the gold gives two
    (``_event_of``), or finds a telling there but drops it as naming no actor (``find_events``
    keeps every event it finds otherwise: no confidence threshold applies before ingest), or finds no
    telling at the trigger at all (no trigger rule, the act told on another word, or a trigger
    naming no participant, which the stage does not report)."""
    from dateline.events.stage import find_events

    lost = {
        mention.id: mention
        for i, first in enumerate(gold)
        for second in gold[i + 1 :]
        if first.event == second.event
        and first.path != second.path
        and (split == "all" or split_of(first.path, second.path) == split)
        for mention in (first, second)
        if mention.id not in index_of
    }
    if not lost:
        return []
    unattributed: dict[str, list[Event]] = {}
    causes: Counter[str] = Counter()
    lines = ["", "Mentions of the missed pairs with no Dateline event (N), and why:"]
    for mention in lost.values():
        analysis, alignment, parsed = analysed[mention.path]
        if mention.path not in unattributed:
            unattributed[mention.path] = find_events(analysis, parsed, keep_unattributed=True)
        other = _events_at(mention, analysis.events, alignment)
        dropped = other or _events_at(mention, unattributed[mention.path], alignment)
        # An event at a trigger the gold gives two types (``_event_of``) is of the other one.
        cause = "told as another type" if other else "told, no actor" if dropped else "no telling"
        causes[cause] += 1
        told = f" ({dropped[0].type} at {dropped[0].trigger!r})" if dropped else ""
        lines.append(f"  N {mention.id}: {cause}{told}")
    counts = ", ".join(f"{cause} {n}" for cause, n in sorted(causes.items()))
    lines.append(f"Mentions not found by cause: {counts}")
    return lines


@dataclass(frozen=True)
class PairScores:
    judged: int  # pairs of gold mentions from different articles in the split
    same_all: int  # of them, the same event
    same_found: int  # of those, both mentions found by Dateline
    merged: int  # judged pairs the rule put in one cluster
    hits: int  # merged pairs that are the same event


def score_pairs(gold: list[GoldMention], labels: list[int | None], split: str) -> PairScores:
    """Pairwise counts over the split's judged pairs: ``labels`` gives each gold mention's
    cluster, or None when Dateline has no event at its trigger (it can merge with nothing, and
    its same-event pairs are misses of the "all" recall)."""
    judged = same_all = same_found = merged = hits = 0
    for i, first in enumerate(gold):
        for j in range(i + 1, len(gold)):
            second = gold[j]
            if first.path == second.path:
                continue
            if split != "all" and split_of(first.path, second.path) != split:
                continue
            judged += 1
            same = first.event == second.event
            both = labels[i] is not None and labels[j] is not None
            joined = both and labels[i] == labels[j]
            same_all += same
            same_found += same and both
            merged += joined
            hits += same and joined
    return PairScores(judged, same_all, same_found, merged, hits)


def _error_lines(
    gold: list[GoldMention],
    found: list[tuple[GoldMention, Any, str, date | None]],
    index_of: dict[str, int],
    labels: list[int],
    split: str,
) -> list[str]:
    """The last rule's wrong merges (W) and missed same-event pairs (M, and L when a mention
    is not found), with what the rule saw."""
    from dateline.store import event_identity as identity

    lines = ["", "Wrong merges (W), missed same-event pairs (M) and pairs lost (L), last row:"]
    # Missed same-event pairs by why: a mention not found, else the first test they fail.
    causes: Counter[str] = Counter()
    # The same pairs by every test they fail (a pair counts under each).
    every: Counter[str] = Counter()
    for i, first in enumerate(gold):
        for second in gold[i + 1 :]:
            if first.path == second.path or (
                split != "all" and split_of(first.path, second.path) != split
            ):
                continue
            same = first.event == second.event
            if first.id not in index_of or second.id not in index_of:
                if same:
                    lost = [m.id for m in (first, second) if m.id not in index_of]
                    lines.append(f"  L {first.id} ~ {second.id}: not found {', '.join(lost)}")
                    causes["not found"] += 1
                continue
            x, y = index_of[first.id], index_of[second.id]
            joined = labels[x] == labels[y]
            if joined == same:
                continue
            a, b = found[x][1], found[y][1]
            blocked = identity.disagreement(a, b)
            failed = identity.disagreements(a, b)
            if not joined:
                causes[blocked or "not joined"] += 1
                every.update(failed)
            lines.append(
                f"  {'W' if joined else 'M'} {first.id} ~ {second.id}: {a.type}/{b.type} "
                f"dates {a.date or a.published}/{b.date or b.published} "
                f"({identity.date_agreement(a, b)}), actors share "
                f"{len(a.actors & b.actors)}, participants {identity.participants_compatible(a, b)}, "
                f"overlap {identity.story_overlap(a.terms, b.terms):.2f}, "
                f"direct {identity.same_event(a, b)}"
                + (f", blocked by {blocked}" if blocked else "")
                + (f" (fails {', '.join(failed)})" if failed else "")
            )
    order = ["not found", *get_args(identity.Disagreement), "not joined"]
    counts = ", ".join(f"{cause} {causes[cause]}" for cause in order if causes[cause])
    lines.append(f"Missed same-event pairs by cause (first test failed): {counts or 'none'}")
    counts = ", ".join(f"{cause} {every[cause]}" for cause in order if every[cause])
    lines.append(f"Missed found pairs by every test failed: {counts or 'none'}")
    return lines


def _told(event: Event) -> list[tuple[str, int, int]]:
    """Every place the article tells the event: (field, start, end)."""
    spans = [(m.field, m.start, m.end) for m in event.mentions]
    return spans or [(event.field, event.start, event.end)]


@click.command("merge")
@click.option(
    "--gold", "gold", type=click.Path(path_type=Path), default=Path("tests/gold/merge"),
    show_default=True, help="Folder of cross-article merge gold records.",
)  # fmt: skip
@click.option(
    "--bench", type=click.Path(path_type=Path), default=Path("../shared/bench"),
    show_default=True, help="The folder the records' article paths are under.",
)  # fmt: skip
@click.option(
    "--split", type=click.Choice(SPLITS), default="test", show_default=True,
    help="Gold split to score (by story): report test; tune only on dev.",
)  # fmt: skip
@click.option(
    "--errors", is_flag=True,
    help="List wrong merges and missed pairs, and count the missed pairs by the first test "
    "of the merge rule they fail (dev work).",
)  # fmt: skip
@click.option("--model", default=None, help="spaCy model name or path.")
def command(gold: Path, bench: Path, split: str, errors: bool, model: str | None) -> None:
    """Cross-article event merging: pairwise precision and recall on real multi-outlet stories.

    \b
    Examples:
      dateline eval merge --split dev --errors
      dateline eval merge --gold tests/gold/merge --bench ../shared/bench
    """
    click.echo(evaluate_merge(gold, bench, model, split, errors))
