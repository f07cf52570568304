"""``dateline eval extraction``: article body and metadata extraction beside bare trafilatura.

Two public gold sets (see ``../shared/bench/extraction/README.md``), told apart by their files:

- scrapinghub/article-extraction-benchmark (``ground-truth.json``): 181 pages, gold body. Scored
  with the benchmark's own metric (reimplemented in :func:`shingle_scores`): Dateline's body
  from the HTML page, bare ``trafilatura.extract`` on the same page, the benchmark's published
  trafilatura output, and the plain-text variant (the page's whole visible text structured by
  the plain-text path, beside the whole text unchanged).
- flairNLP/fundus test pages (``pairs.json``): title, authors and publication date on every
  page, body on the English pages, for Dateline and bare trafilatura.
"""

from __future__ import annotations

import ast
import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from dateline.errors import DatelineError, InputError
from dateline.evaluation import f1 as f1_score
from dateline.evaluation import ratio, require_dir

_TOKEN = re.compile(r"\w+")


# --- the scrapinghub benchmark's metric ------------------------------------------------------


def shingles(text: str, n: int = 4) -> Counter[str]:
    """Multiset of word n-grams; a text shorter than n words is one shingle."""
    tokens = _TOKEN.findall(text or "")
    grams = (" ".join(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(g for g in grams if g)


def shingle_scores(gold: str, predicted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) shingle-count overlaps, normalised by their sum (as the benchmark does)."""
    want, got = shingles(gold), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


@dataclass
class BodyScore:
    """Running precision/recall/F1/accuracy over pages, with the benchmark's averaging."""

    precisions: list[float] = field(default_factory=list)
    recalls: list[float] = field(default_factory=list)
    exact: int = 0
    pages: int = 0

    def add(self, gold: str, predicted: str) -> None:
        tp, fp, fn = shingle_scores(gold, predicted)
        # Pages with nothing predicted (or nothing to find) are left out of that mean.
        if tp + fp > 0:
            self.precisions.append(tp / (tp + fp))
        if tp + fn > 0:
            self.recalls.append(tp / (tp + fn))
        self.exact += _TOKEN.findall(gold or "") == _TOKEN.findall(predicted or "")
        self.pages += 1

    @property
    def precision(self) -> float:
        return ratio(sum(self.precisions), len(self.precisions))

    @property
    def recall(self) -> float:
        return ratio(sum(self.recalls), len(self.recalls))

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)

    @property
    def accuracy(self) -> float:
        return ratio(self.exact, self.pages)


# --- systems ------------------------------------------------------------------------------


@dataclass
class Extracted:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    body: str = ""


def dateline_html(source: str, html: str) -> Extracted:
    from dateline.article import structure
    from dateline.sources import RawInput

    try:
        article = structure(RawInput(source=source, data=html.encode("utf-8"), content_type="html"))
    except InputError:
        return Extracted()
    return Extracted(article.headline, article.authors, article.published, article.text)


def trafilatura_html(source: str, html: str) -> Extracted:
    """Bare trafilatura with its defaults: ``extract`` for the body, metadata for the rest."""
    import trafilatura

    body = trafilatura.extract(html) or ""
    meta = trafilatura.extract_metadata(html)
    if meta is None:
        return Extracted(body=body)
    authors = [a.strip() for a in re.split(r";|\band\b|,", meta.author or "") if a.strip()]
    return Extracted(meta.title, authors, meta.date, body)


def dateline_plain_text(text: str) -> str:
    from dateline.article.plaintext import structure_text

    return "\n\n".join(structure_text(text)["paragraphs"])


# --- data sets ------------------------------------------------------------------------------


def _read_gz(path: Path) -> str:
    from dateline.sources.files import decode_bytes

    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return decode_bytes(str(path), data)


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"cannot read gold data ({exc})") from None


def _row(name: str, score: BodyScore, seconds: float | None = None) -> str:
    speed = f"{score.pages / seconds:.1f}" if seconds else "–"
    return (
        f"| {name} | {score.pages} | {score.precision:.3f} | {score.recall:.3f} | "
        f"**{score.f1:.3f}** | {score.accuracy:.3f} | {speed} |"
    )


def evaluate_scrapinghub(data: Path, limit: int | None, echo: Callable[[str], None]) -> None:
    gold: dict[str, dict[str, str]] = _load_json(data / "ground-truth.json")
    ids = sorted(gold)[:limit] if limit else sorted(gold)
    systems: dict[str, Callable[[str, str], Extracted]] = {
        "Dateline (HTML path)": dateline_html,
        "trafilatura.extract, defaults (bare, same run)": trafilatura_html,
    }
    scores = {name: BodyScore() for name in systems}
    seconds = dict.fromkeys(systems, 0.0)
    for n, page_id in enumerate(ids, 1):
        html = _read_gz(data / "html" / f"{page_id}.html.gz")
        for name, system in systems.items():
            started = time.perf_counter()
            extracted = system(page_id, html)
            seconds[name] += time.perf_counter() - started
            scores[name].add(gold[page_id]["articleBody"], extracted.body)
        if n % 50 == 0:
            click.echo(f"  {n}/{len(ids)} pages", err=True)
    published = data / "published-output-trafilatura.json"
    reference = BodyScore()
    if published.exists():
        output = _load_json(published)
        output = output.get("output", output)
        for page_id in ids:
            reference.add(
                gold[page_id]["articleBody"], output.get(page_id, {}).get("articleBody", "")
            )
    plain_file = data / "plain-text-html-text.json"
    plain, whole = BodyScore(), BodyScore()
    plain_seconds = 0.0
    if plain_file.exists():
        output = _load_json(plain_file)
        output = output.get("output", output)
        for page_id in ids:
            text = output.get(page_id, {}).get("articleBody", "")
            started = time.perf_counter()
            body = dateline_plain_text(text)
            plain_seconds += time.perf_counter() - started
            plain.add(gold[page_id]["articleBody"], body)
            whole.add(gold[page_id]["articleBody"], text)
    echo(
        f"Body extraction on scrapinghub/article-extraction-benchmark ({len(ids)} pages), "
        "word 4-gram shingle metric of the benchmark.\n"
    )
    echo("| input / system | pages | precision | recall | F1 | accuracy | pages/s |")
    echo("|---|---:|---:|---:|---:|---:|---:|")
    for name in systems:
        echo(_row(f"HTML: {name}", scores[name], seconds[name]))
    if reference.pages:
        echo(_row("HTML: trafilatura 2.0.0, the benchmark's published output", reference))
    if plain.pages:
        echo(_row("plain text (html-text): Dateline plain-text path", plain, plain_seconds))
        echo(_row("plain text (html-text): whole text, unchanged (baseline)", whole))


# --- fundus ---------------------------------------------------------------------------------


def _literal(value: Any) -> Any:
    """Fundus gold stores lists and dicts as Python literals inside strings."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return value
    return value


def _gold_body(body: Any) -> str:
    body = _literal(body) or {}
    parts: list[str] = []
    for section in body.get("sections", []) if isinstance(body, dict) else []:
        parts += [*section.get("headline", []), *section.get("paragraphs", [])]
    return "\n\n".join(parts)


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _same_day(gold: str | None, got: str | None) -> bool:
    return bool(gold and got and gold[:10] == got[:10])


def _same_instant(gold: str | None, got: str | None) -> bool:
    if not (gold and got) or len(got) <= 10:
        return False
    try:
        a, b = datetime.fromisoformat(gold), datetime.fromisoformat(got)
    except ValueError:
        return False
    if (a.tzinfo is None) != (b.tzinfo is None):
        return False
    # To the second: fractions of a second in CMS timestamps are noise, not news.
    return a.replace(microsecond=0) == b.replace(microsecond=0)


@dataclass
class MetaScore:
    pages: int = 0
    title: int = 0
    authors: int = 0
    day: int = 0
    instant: int = 0
    body: BodyScore = field(default_factory=BodyScore)
    seconds: float = 0.0

    def add(self, gold: dict[str, Any], got: Extracted) -> None:
        self.pages += 1
        self.title += _norm(gold.get("title")) == _norm(got.title)
        gold_authors = {_norm(a) for a in _literal(gold.get("authors")) or []}
        self.authors += gold_authors == {_norm(a) for a in got.authors}
        self.day += _same_day(str(gold.get("publishing_date") or ""), got.date)
        self.instant += _same_instant(str(gold.get("publishing_date") or ""), got.date)


def evaluate_fundus(data: Path, limit: int | None, echo: Callable[[str], None]) -> None:
    from dateline.article.language import detect_language

    pairs: list[dict[str, str]] = _load_json(data / "pairs.json")
    pairs = pairs[:limit] if limit else pairs
    systems: dict[str, Callable[[str, str], Extracted]] = {
        "Dateline": dateline_html,
        "trafilatura, defaults (bare, same run)": trafilatura_html,
    }
    scores = {name: MetaScore() for name in systems}
    gold_cache: dict[Path, Any] = {}
    english = 0
    for n, pair in enumerate(pairs, 1):
        html_path = data / "test_data" / pair["html"]
        gold_path = html_path.parent / f"{pair['publisher']}.json"
        if gold_path not in gold_cache:
            gold_cache[gold_path] = _load_json(gold_path)
        gold = gold_cache[gold_path][pair["version"]]
        html = _read_gz(html_path)
        gold_body = _gold_body(gold.get("body"))
        is_english = detect_language(gold_body) == "en"
        english += is_english
        for name, system in systems.items():
            started = time.perf_counter()
            got = system(pair["html"], html)
            scores[name].seconds += time.perf_counter() - started
            scores[name].add(gold, got)
            if is_english:
                scores[name].body.add(gold_body, got.body)
        if n % 50 == 0:
            click.echo(f"  {n}/{len(pairs)} pages", err=True)
    echo(
        f"Metadata and body on the flairNLP/fundus test pages ({len(pairs)} pages, "
        f"{english} in English for the body).\n"
    )
    echo(
        "| system | title exact | authors exact (set) | date same day | date+time+zone exact "
        "| body F1 (English) | body P | body R | pages/s |"
    )
    echo("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, s in scores.items():
        pages = max(s.pages, 1)
        echo(
            f"| {name} | {s.title / pages:.3f} | {s.authors / pages:.3f} | {s.day / pages:.3f} | "
            f"{s.instant / pages:.3f} | **{s.body.f1:.3f}** | {s.body.precision:.3f} | "
            f"{s.body.recall:.3f} | {s.pages / s.seconds if s.seconds else 0:.1f} |"
        )


@click.command()
@click.option(
    "--data",
    "data",
    required=True,
    type=click.Path(path_type=Path),
    help="scrapinghub/ (ground-truth.json) or fundus/ (pairs.json) folder of the gold data.",
)
@click.option("--limit", type=int, default=None, help="Score only the first N pages (quick check).")
def command(data: Path, limit: int | None) -> None:
    """Score body and metadata extraction beside bare trafilatura, in one run; prints Markdown.

    \b
    Examples:
      dateline eval extraction --data ../shared/bench/extraction/scrapinghub
      dateline eval extraction --data ../shared/bench/extraction/fundus --limit 50
    """
    require_dir(data, "no such folder of gold data")
    echo: Callable[[str], None] = click.echo
    if (data / "ground-truth.json").exists():
        evaluate_scrapinghub(data, limit, echo)
    elif (data / "pairs.json").exists():
        evaluate_fundus(data, limit, echo)
    else:
        raise DatelineError(
            f"{data}: holds neither ground-truth.json (scrapinghub) nor pairs.json (fundus)"
        )
