"""Open data the event classifier learns from, turned into :class:`~dateline.events.learning.Example`s.

- PLV (snowood1/Zero-Shot-PLOVER ``PLV_train.tsv``): news sentences with one source and one
  target marked and a gold PLOVER root (YIELD = CONCEDE). The trigger is not marked; it is the
  word linking source and target (:func:`dyad_trigger`).
- PLOVER gold records (``plover_gsr_cameo.json``), **dev split only** (the split of
  ``dateline eval events``): the markup names the event words and the actors; old labels are
  mapped to PLOVER 2021.
- Negatives for the "codeable" head, by a documented weak-labelling rule: every event the
  current rules emit in an English page of the scrapinghub extraction benchmark whose URL says it
  is off-topic for political event data (:data:`OFF_TOPIC_URL_WORDS`: sport, entertainment,
  science, health, food, gaming, product reviews and deals) is labelled not codeable. Pages
  annotated in the document gold set (``tests/gold/events``) are never used.

None of these files ship with Dateline; the training script and ``dateline eval events --plv``
read them from ``../shared/bench``.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dateline.errors import InputError
from dateline.evaluation.events import OLD_LABELS, split_of
from dateline.events.features import (
    Candidate,
    _path_words,
    dense_features,
    ngram_features,
    sparse_features,
)
from dateline.events.learning import Example

PLV_LABELS = {"YIELD": "CONCEDE"}
MARK = re.compile(r"</?[st]>")
GSR_MARK = re.compile(r"\(([A-Z/]+): ([^()]*(?:\([^()]*\)[^()]*)*)\)")
# Words of a page's URL (host and path, split at non-letters, or as a substring for the first
# set) that mark the page as off-topic for political event data.
OFF_TOPIC_URL_STEMS = ("sport", "football", "soccer", "tennis", "nascar", "racing", "recipe")
OFF_TOPIC_URL_WORDS = {
    "nfl", "nba", "mlb", "nhl", "golf", "cricket", "entertainment", "music", "movies", "film",
    "science", "space", "health", "nutrition", "food", "lifestyle", "travel", "gaming", "games",
    "review", "reviews", "deals", "gadgets", "diet", "beauty", "fashion",
}  # fmt: skip
# Verbs that say something was said or thought, not done: never the event of a dyad.
SPEECH_VERBS = {"say", "tell", "announce", "report", "add", "state", "think", "believe"}


@dataclass(frozen=True)
class DyadRow:
    """One PLV sentence: text, source and target character spans, gold type and the
    published zero-shot system's prediction."""

    id: str
    text: str
    source: tuple[int, int] | None  # a few rows mark only one side
    target: tuple[int, int] | None
    type: str
    zero_shot: str | None


def read_plv(path: Path) -> list[DyadRow]:
    """Rows of ``PLV_train.tsv``; offsets of ``<s>``/``<t>`` come from ``marked_sentence``."""
    if not path.is_file():
        raise InputError(str(path), "no PLV file (PLV_train.tsv) found")
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        needed = {"sentence_id", "marked_sentence", "gold_root"}
        if not reader.fieldnames or not needed <= set(reader.fieldnames):
            raise InputError(str(path), f"not a PLV table (needs columns {sorted(needed)})")
        for row in reader:
            marked = row["marked_sentence"]
            spans: dict[str, tuple[int, int]] = {}
            text: list[str] = []
            cursor = 0
            opened: dict[str, int] = {}
            for match in MARK.finditer(marked):
                text.append(marked[cursor : match.start()])
                offset = sum(len(t) for t in text)
                tag = match.group()
                if tag.startswith("</"):
                    # A side marked twice ("<t>Ukraine</t> ... <t>Ukraine</t>"): the first.
                    spans.setdefault(tag[2], (opened.get(tag[2], offset), offset))
                else:
                    opened[tag[1]] = offset
                cursor = match.end()
            text.append(marked[cursor:])
            if "s" not in spans and "t" not in spans:
                continue
            gold = row["gold_root"].strip()
            predicted = (row.get("root_L2") or "").strip() or None
            rows.append(
                DyadRow(
                    row["sentence_id"],
                    "".join(text),
                    spans.get("s"),
                    spans.get("t"),
                    PLV_LABELS.get(gold, gold),
                    PLV_LABELS.get(predicted, predicted) if predicted else None,
                )
            )
    if not rows:
        raise InputError(str(path), "contains no marked PLV sentences")
    return rows


def _span(doc: Doc, start: int, end: int) -> Span | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def _rule_coded(token: Token) -> bool:
    from dateline.events.features import _rule_code

    return _rule_code(token) is not None


def dyad_trigger(actor: Span | None, recipient: Span | None) -> Token:
    """The word that tells what the actor did to the recipient: on the dependency path between
    them, the rule-coded word nearest the recipient, else the nearest verb that is not a speech
    verb, else their lowest common head. With one side only, the first verb governing it."""
    if actor is None or recipient is None:
        side = actor if actor is not None else recipient
        assert side is not None
        return _governing_verb(side)
    path = [t for t in _path_words(actor.root, recipient.root) if not _inside(t, actor, recipient)]
    content = [t for t in path if t.pos_ in {"VERB", "NOUN"}]
    for token in reversed(content):
        if _rule_coded(token) and token.lemma_.lower() not in SPEECH_VERBS:
            return token
    for token in reversed(path):
        if token.pos_ == "VERB" and token.lemma_.lower() not in SPEECH_VERBS:
            return token
    if path:
        return path[0]
    # Nested or adjacent spans: the recipient's (or actor's) head.
    head = recipient.root.head
    return head if not _inside(head, actor, recipient) else actor.root.head


def _governing_verb(span: Span) -> Token:
    head = span.root
    while head.head.i != head.i:
        head = head.head
        if head.pos_ == "VERB" and head.lemma_.lower() not in SPEECH_VERBS:
            return head
    return span.root.head if span.root.head.i != span.root.i else span.root


def _inside(token: Token, *spans: Span) -> bool:
    return any(s.start <= token.i < s.end for s in spans)


def dyad_candidate(doc: Doc, row: DyadRow) -> Candidate | None:
    actor = _span(doc, *row.source) if row.source else None
    recipient = _span(doc, *row.target) if row.target else None
    if actor is None and recipient is None:
        return None
    trigger = dyad_trigger(actor, recipient)
    return Candidate(doc, trigger.sent, trigger, actor, recipient)


def example(candidate: Candidate, label: str | None, group: str, source: str) -> Example:
    return Example(
        sparse_features(candidate),
        dense_features(candidate),
        label,
        label is not None,
        group,
        source,
        ngram_features(candidate),
    )


def plv_examples(rows: list[DyadRow], docs: list[Doc]) -> list[Example]:
    found = []
    for row, doc in zip(rows, docs, strict=True):
        candidate = dyad_candidate(doc, row)
        if candidate is not None:
            found.append(example(candidate, row.type, f"plv:{row.id}", "plv"))
    return found


@dataclass(frozen=True)
class GsrRow:
    id: str
    text: str
    type: str
    events: tuple[str, ...]
    sources: tuple[str, ...]
    targets: tuple[str, ...]


def read_gsr(path: Path) -> list[GsrRow]:
    """The PLOVER gold records with their marked event words and actors."""
    if path.is_dir():
        path = path / "plover_gsr_cameo.json"
    if not path.is_file():
        raise InputError(str(path), "no PLOVER gold file (plover_gsr_cameo.json) found")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"not a JSON array of PLOVER records ({exc})") from exc
    rows = []
    for record in data if isinstance(data, list) else []:
        if not isinstance(record, dict) or record.get("event") in (None, "DOCUMENT"):
            continue
        info = record.get("textInfo")
        markup = info.get("markup", "") if isinstance(info, dict) else ""
        marks = GSR_MARK.findall(markup)
        label = OLD_LABELS.get(record["event"]) or record["event"]
        rows.append(
            GsrRow(
                record["id"],
                record["text"],
                label,
                tuple(t for k, t in marks if k == "EVT"),
                tuple(t for k, t in marks if "SRC" in k),
                tuple(t for k, t in marks if "TAR" in k),
            )
        )
    return rows


def _find(doc: Doc, phrase: str) -> Span | None:
    index = doc.text.find(phrase)
    if index < 0:
        index = doc.text.lower().find(phrase.lower())
    return _span(doc, index, index + len(phrase)) if index >= 0 and phrase else None


def gsr_candidate(doc: Doc, row: GsrRow) -> Candidate | None:
    """The record's event at its marked event word: the marked word on the path between its
    first source and target if there is one, else the marked word highest in the parse."""
    actor = next((s for s in (_find(doc, a) for a in row.sources) if s is not None), None)
    recipient = next((s for s in (_find(doc, t) for t in row.targets) if s is not None), None)
    marked = [s.root for s in (_find(doc, e) for e in row.events) if s is not None]
    marked = [t for t in marked if t.lemma_.lower() not in SPEECH_VERBS] or marked
    if not marked:
        return None
    trigger = marked[0]
    if actor is not None and recipient is not None:
        path = {t.i for t in _path_words(actor.root, recipient.root)}
        on_path = [t for t in marked if t.i in path]
        trigger = on_path[-1] if on_path else trigger
    else:
        trigger = min(marked, key=lambda t: (len(list(t.ancestors)), t.i))
    return Candidate(doc, trigger.sent, trigger, actor, recipient)


def gsr_examples(rows: list[GsrRow], docs: list[Doc]) -> list[Example]:
    found = []
    for row, doc in zip(rows, docs, strict=True):
        candidate = gsr_candidate(doc, row)
        if candidate is not None:
            found.append(example(candidate, row.type, f"gsr:{row.id}", "gsr"))
    return found


def gsr_dev(rows: list[GsrRow]) -> list[GsrRow]:
    """The records ``dateline eval events`` does not report on: the only ones to train on."""
    return [r for r in rows if split_of(r.id) == "dev"]


def off_topic(url: str) -> bool:
    """The weak label of a page: its URL names a topic without political events."""
    lowered = url.lower()
    words = set(re.findall(r"[a-z]+", lowered))
    return bool(words & OFF_TOPIC_URL_WORDS) or any(s in lowered for s in OFF_TOPIC_URL_STEMS)


def gold_sources(gold_dir: Path) -> set[str]:
    """Every page the document gold set annotates, by the ``path``/``field`` strings of its
    records: a page named there is never a training page."""
    names: set[str] = set()
    if not gold_dir.is_dir():
        return names
    for path in sorted(gold_dir.glob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            continue
        if isinstance(record, dict):
            names |= {str(record.get("path") or ""), str(record.get("field") or "")}
    return {n for n in names if n}


def off_topic_pages(bench: Path, excluded: set[str]) -> Iterator[tuple[str, str]]:
    """(page id, article body) of the English off-topic scrapinghub pages not in the gold set."""
    truth = bench / "extraction" / "scrapinghub" / "ground-truth.json"
    if not truth.is_file():
        raise InputError(str(truth), "no scrapinghub ground truth found")
    import py3langid

    pages = json.loads(truth.read_text(encoding="utf-8"))
    for page_id in sorted(pages):
        page = pages[page_id]
        body, url = page.get("articleBody") or "", page.get("url") or ""
        if any(page_id in name for name in excluded) or not off_topic(url):
            continue
        if len(body) < 200 or py3langid.classify(body[:2000])[0] != "en":
            continue
        yield page_id, body


def negative_examples(nlp: Language, bench: Path, excluded: set[str]) -> list[Example]:
    """Every event the rules emit in the off-topic pages, labelled not codeable."""
    from dateline.article.structure import article_id
    from dateline.events.classifier import event_candidate
    from dateline.model import Article
    from dateline.pipeline import Pipeline

    pipeline = Pipeline.create(["events"])
    found = []
    for page_id, body in off_topic_pages(bench, excluded):
        paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
        text = "\n\n".join(paragraphs)
        article = Article(
            id=article_id(text), source=page_id, language="en", paragraphs=paragraphs, text=text
        )
        doc = nlp(text)
        analysis = pipeline.annotate(article, doc)
        for event in analysis.events:
            candidate = event_candidate(analysis, doc, event)
            if candidate is not None:
                found.append(example(candidate, None, f"page:{page_id}", "off-topic"))
    return found
