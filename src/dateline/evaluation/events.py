"""``dateline eval events``: PLOVER event types and actors against the PLOVER gold records.

Gold data: openeventdata/PLOVER ``PLOVER_GSR_CAMEO`` (CC BY-SA 4.0), 322 English sentences
from the CAMEO manual, each coded with one event (an early PLOVER version; old labels are mapped
to PLOVER 2021: DEMAND→REQUEST, DISAPPROVE/INVESTIGATE→ACCUSE, FIGHT→ASSAULT).

Each sentence runs through the events stage and every stage it needs (entities, geo, time,
quotes). The sentence's predicted event is the system event whose trigger sits highest in the
dependency tree (the main clause's event; ties go to the earlier trigger), read as the gold
codes it: a planned cooperative act is AGREE (intent), a planned forceful act THREATEN (see
``gsr_type``). The baseline, measured in the same run, looks up the root verb's lemma (then
the other verbs, in order) in the PETRARCH CAMEO verb dictionary alone and maps the first
default code found to PLOVER; its actor and recipient are the root verb's subject and object.

Actor agreement: the predicted actor matches the gold source when one of its entity's mentions
in the sentence shares a content word with a gold ``actorText`` (likewise recipient vs target).
Actor country: on records whose gold source has a country code, one of the predicted actors'
entities carries that country (ISO 3166 alpha-3, as CAMEO country codes mostly are); the
baseline has no entities, so no country.

A fixed split keeps development honest: a record is in ``dev`` when the first hex digit of the
SHA-1 of its id is below 6 (6/16 of ids; 116 of the 322 records); figures are reported on
``test``, the other 206.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import click

from dateline.cli.options import model_option, split_option
from dateline.errors import InputError
from dateline.evaluation import id_digest, pct, prf, require_file, table_row

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
OLD_LABELS = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
DEV_DIGITS = set("012345")
NON_STATE_CODES = {"IGO", "NGO", "MNC", "UIS", "REB", "OPP", "CVL", "BUS", "MED", "GOV"}
STOPWORDS = frozenset(
    "the a an of in on at to and or for from by with its his her their s 's".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class GoldRecord:
    id: str
    text: str
    type: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    source_countries: tuple[str, ...] = ()


@dataclass
class Prediction:
    type: str | None
    actor_texts: list[str] = field(default_factory=list)
    recipient_texts: list[str] = field(default_factory=list)
    actor_countries: list[str] = field(default_factory=list)


def split_of(record_id: str) -> str:
    return "dev" if id_digest(record_id)[0] in DEV_DIGITS else "test"


def _countries(value: object) -> tuple[str, ...]:
    """Country codes of gold actors: three-letter CAMEO codes that are not IGO/NGO/MNC..."""
    if not isinstance(value, list):
        return ()
    codes = (a.get("code", "") for a in value if isinstance(a, dict))
    return tuple(c for c in codes if len(c) == 3 and c.isalpha() and c not in NON_STATE_CODES)


def _actor_texts(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(a["actorText"] for a in value if isinstance(a, dict) and a.get("actorText"))


def load_gold(path: Path) -> list[GoldRecord]:
    if path.is_dir():
        path = path / "plover_gsr_cameo.json"
    require_file(path, "no PLOVER gold file (plover_gsr_cameo.json) found")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"not a JSON array of PLOVER records ({exc})") from exc
    if not isinstance(data, list):
        raise InputError(str(path), "not a JSON array of PLOVER records")
    records = []
    for row in data:
        if (
            not isinstance(row, dict)
            or row.get("event") in (None, "DOCUMENT")
            or not row.get("text")
        ):
            continue
        label: str = OLD_LABELS.get(row["event"]) or row["event"]
        records.append(
            GoldRecord(
                row["id"],
                row["text"],
                label,
                _actor_texts(row.get("source")),
                _actor_texts(row.get("target")),
                _countries(row.get("source")),
            )
        )
    if not records:
        raise InputError(str(path), "contains no coded PLOVER records")
    return records


def _content(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOPWORDS}


def texts_agree(predicted: list[str], gold: tuple[str, ...]) -> bool:
    gold_words = set().union(*(_content(g) for g in gold)) if gold else set()
    return any(_content(p) & gold_words for p in predicted)


COOPERATIVE_ACTS = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
FORCEFUL_ACTS = {"SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "PROTEST"}


def gsr_type(event) -> str:  # type: ignore[no-untyped-def]
    """The event's type as the PLOVER gold records code it. Dateline keeps the act and says it
    is planned (status "future"); PLOVER codes an announced cooperative act as AGREE (intent to
    cooperate, CAMEO 03) and an announced forceful act as THREATEN (CAMEO 13)."""
    if event.status == "future" and event.type in COOPERATIVE_ACTS:
        return "AGREE"
    if event.status == "future" and event.type in FORCEFUL_ACTS:
        return "THREATEN"
    return str(event.type)


def system_prediction(analysis, doc) -> Prediction:  # type: ignore[no-untyped-def]
    """The main-clause event of a one-sentence analysis."""
    from dateline.events.arguments import tree_depth

    candidates = []
    for event in analysis.events:
        if event.field != "text":
            continue
        span = doc.char_span(event.start, event.end, alignment_mode="expand")
        if span is None:
            continue
        candidates.append((tree_depth(span.root), event.start, event))
    if not candidates:
        return Prediction(None)
    event = min(candidates, key=lambda c: (c[0], c[1]))[2]

    def mentions(ids: list[str]) -> list[str]:
        texts = []
        for entity_id in ids:
            entity = analysis.entity(entity_id)
            if entity is not None:
                texts += [m.text for m in entity.mentions if m.field == "text"] or [entity.name]
        return texts

    countries = [
        entity.country
        for entity in (analysis.entity(i) for i in event.actor)
        if entity is not None and entity.country
    ]
    return Prediction(gsr_type(event), mentions(event.actor), mentions(event.recipient), countries)


def baseline_prediction(doc) -> Prediction:  # type: ignore[no-untyped-def]
    """Root verb lemma (then other verbs in order) looked up in the PETRARCH dictionary alone."""
    from dateline.events import lexicon

    roots = [t for t in doc if t.dep_ == "ROOT"]
    verbs = roots + [t for t in doc if t.pos_ == "VERB" and t not in roots]
    for verb in verbs:
        _, code = lexicon.cameo_verbs().get(verb.lemma_.lower(), ("", ""))
        coding = lexicon.coding(code) if code else None
        if coding is None:
            continue
        subject = [" ".join(w.text for w in c.subtree) for c in verb.children if c.dep_ == "nsubj"]
        objects = [" ".join(w.text for w in c.subtree) for c in verb.children if c.dep_ == "dobj"]
        return Prediction(coding.type, subject, objects)
    return Prediction(None)


@dataclass
class Score:
    gold: list[str] = field(default_factory=list)
    predicted: list[str | None] = field(default_factory=list)
    actor_hits: int = 0
    actor_total: int = 0
    country_hits: int = 0
    country_total: int = 0
    recipient_hits: int = 0
    recipient_total: int = 0

    def add(self, record: GoldRecord, prediction: Prediction) -> None:
        self.gold.append(record.type)
        self.predicted.append(prediction.type)
        if record.sources:
            self.actor_total += 1
            self.actor_hits += texts_agree(prediction.actor_texts, record.sources)
        if record.source_countries:
            self.country_total += 1
            self.country_hits += bool(
                set(prediction.actor_countries) & set(record.source_countries)
            )
        if record.targets:
            self.recipient_total += 1
            self.recipient_hits += texts_agree(prediction.recipient_texts, record.targets)

    @property
    def accuracy(self) -> float:
        return sum(g == p for g, p in zip(self.gold, self.predicted, strict=True)) / max(
            len(self.gold), 1
        )

    @property
    def coverage(self) -> float:
        return sum(p is not None for p in self.predicted) / max(len(self.predicted), 1)

    def per_type(self) -> dict[str, tuple[float, float, float]]:
        scores = {}
        tp: Counter[str] = Counter()
        for g, p in zip(self.gold, self.predicted, strict=True):
            if g == p:
                tp[g] += 1
        gold_n, pred_n = Counter(self.gold), Counter(p for p in self.predicted if p)
        for label in PLOVER_TYPES:
            if not gold_n[label] and not pred_n[label]:
                continue
            scores[label] = prf(tp[label], pred_n[label], tp[label], gold_n[label])
        return scores

    @property
    def macro_f1(self) -> float:
        """Macro F1 over the PLOVER types present in the gold split."""
        per_type = self.per_type()
        labels = set(self.gold)
        return sum(per_type[label][2] for label in labels) / max(len(labels), 1)


def _rate(hits: int, total: int) -> str:
    return f"{pct(hits / total)} ({hits}/{total})" if total else "–"


def evaluate(records: list[GoldRecord], model: str | None = None) -> tuple[Score, Score]:
    from dateline.article.structure import article_id
    from dateline.model import Article
    from dateline.pipeline import Pipeline

    # Every stage the events stage depends on (entities, geo, time, quotes), then events.
    pipeline = Pipeline.create(["events"], model=model)
    system, baseline = Score(), Score()
    docs = pipeline.nlp.pipe(r.text for r in records)
    for record, doc in zip(records, docs, strict=True):
        article = Article(
            id=article_id(record.text),
            source=record.id,
            language="en",
            paragraphs=[record.text],
            text=record.text,
        )
        analysis = pipeline.annotate(article, doc)
        system.add(record, system_prediction(analysis, doc))
        baseline.add(record, baseline_prediction(doc))
    return system, baseline


def report(system: Score, baseline: Score, split: str, n: int) -> str:
    lines = [
        f"PLOVER gold records, split `{split}` ({n} sentences)",
        "",
        "| system | type accuracy | type macro F1 | coverage | actor agreement | "
        "recipient agreement | actor country |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, score in (
        ("baseline: root verb in PETRARCH dictionary", baseline),
        ("Dateline events", system),
    ):
        lines.append(
            table_row(
                [
                    name,
                    pct(score.accuracy),
                    pct(score.macro_f1),
                    pct(score.coverage),
                    _rate(score.actor_hits, score.actor_total),
                    _rate(score.recipient_hits, score.recipient_total),
                    _rate(score.country_hits, score.country_total) if score is system else "–",
                ]
            )
        )
    lines += [
        "",
        "| type | gold | baseline P / R / F1 | Dateline P / R / F1 |",
        "|---|---|---|---|",
    ]
    gold_counts = Counter(system.gold)
    base_types, sys_types = baseline.per_type(), system.per_type()
    for label in PLOVER_TYPES:
        if not gold_counts[label]:
            continue
        cells = []
        for per_type in (base_types, sys_types):
            p, r, f = per_type.get(label, (0.0, 0.0, 0.0))
            cells.append(f"{pct(p)} / {pct(r)} / {pct(f)}")
        lines.append(table_row([label, str(gold_counts[label]), *cells]))
    return "\n".join(lines)


def docs_default() -> Path | None:
    """The document gold folder of a source checkout, whose pages never serve as training data."""
    folder = Path(__file__).resolve().parents[3] / "tests" / "gold" / "events"
    return folder if folder.is_dir() else None


@click.command(name="events")
@click.option(
    "--data",
    "data",
    type=click.Path(path_type=Path),
    help="Sentence gold: plover_gsr_cameo.json, or the folder holding it.",
)
@click.option(
    "--docs",
    "docs",
    type=click.Path(path_type=Path),
    help="Document gold: the folder of whole-article event records (tests/gold/events).",
)
@click.option(
    "--plv",
    "plv",
    type=click.Path(path_type=Path),
    help="PLV_train.tsv: 5-fold cross-validation of the event classifier beside the rules and "
    "the published zero-shot system (reads GSR and negatives under --bench; the pages of the "
    "document gold, --docs or tests/gold/events, are never trained on).",
)
@click.option(
    "--roles",
    is_flag=True,
    help="With --plv: actor and recipient attachment of the rules against the learned role "
    "ranker (5-fold CV on PLV_train, then the GSR dev split) instead of the event types. With "
    "--docs: the same at the document gold's dev triggers, one corpus held out at a time.",
)
@click.option(
    "--bench",
    type=click.Path(path_type=Path),
    default=Path("../shared/bench"),
    show_default=True,
    help="With --docs: the folder the records' article paths are under.",
)
@split_option()
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="With --docs: the threshold of the confidence rows (default: the one exports use).",
)
@click.option("--sweep", is_flag=True, help="With --docs: also P/R at a range of thresholds.")
@click.option(
    "--errors",
    is_flag=True,
    help="With --docs: list every kept and every missed event per article (for dev work).",
)
@model_option
def command(
    data: Path | None,
    docs: Path | None,
    plv: Path | None,
    roles: bool,
    bench: Path,
    split: str,
    min_confidence: float | None,
    sweep: bool,
    errors: bool,
    model: str | None,
) -> None:
    """PLOVER events beside a baseline: on gold sentences (--data: type accuracy, actor
    agreement) or on whole articles (--docs: event precision and recall).

    \b
    Examples:
      dateline eval events --data ../shared/bench/events
      dateline eval events --docs tests/gold/events --split dev --sweep
      dateline eval events --plv ../shared/bench/events/plv/PLV_train.tsv
      dateline eval events --plv ../shared/bench/events/plv/PLV_train.tsv --roles
      dateline eval events --docs tests/gold/events --roles
    """
    if roles and plv is None and docs is None:
        raise click.UsageError("--roles needs --plv (PLV_train.tsv) or --docs (document gold)")
    if roles and plv is None and docs is not None:
        from dateline.evaluation.event_roles import evaluate_document_roles
        from dateline.events.training import plv_path

        click.echo(evaluate_document_roles(docs, bench, plv_path(bench), model))
        return
    if plv is not None:
        if data is not None:
            raise click.UsageError("give --data or --plv, not both")
        if roles:
            from dateline.evaluation.event_roles import evaluate_roles
            from dateline.evaluation.event_roles import report as roles_report

            click.echo(roles_report(evaluate_roles(plv, bench, model)))
            return
        from dateline.evaluation.event_classifier import evaluate_plv
        from dateline.evaluation.event_classifier import report as plv_report

        # With --plv, --docs names the document gold whose pages never serve as training data.
        gold_dir = docs or docs_default()
        click.echo(plv_report(evaluate_plv(plv, bench, gold_dir, model)))
        return
    if (data is None) == (docs is None):
        raise click.UsageError(
            "give exactly one of --data (sentence gold), --docs (articles) or --plv (PLV_train)"
        )
    if docs is not None:
        from dateline.evaluation.event_documents import evaluate_documents

        click.echo(evaluate_documents(docs, bench, split, min_confidence, sweep, errors, model))
        return
    assert data is not None
    records = load_gold(data)
    if split != "all":
        records = [r for r in records if split_of(r.id) == split]
    system, baseline = evaluate(records, model)
    click.echo(report(system, baseline, split, len(records)))
