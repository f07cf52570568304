"""The tone stage: V2Tone figures, per-quote/event tone, target-dependent entity sentiment,
and the NewsMTSC evaluation command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.model import Analysis
from dateline.tone.figures import figures, tone
from dateline.tone.model import classify, label_of

BODY = """Critics slammed Senator John Smith on Tuesday while praising Governor Maria Jones for her handling of the flood relief effort.

"This is a disgraceful betrayal of working families," said Jones, who has campaigned against the cuts for two years.

Smith defended the agreement, saying it would bring stability to the state budget."""


def _target(nlp, sentence: str, words: str):  # type: ignore[no-untyped-def]
    doc = nlp(sentence)
    start = sentence.index(words)
    return doc.char_span(start, start + len(words))


@pytest.mark.parametrize(
    ("sentence", "negative", "positive"),
    [
        ("Critics slammed Smith while praising Jones.", "Smith", "Jones"),
        (
            "The committee praised Garcia for her courage, but it condemned Miller as a liar.",
            "Miller",
            "Garcia",
        ),
        (
            "Voters applauded Ortega's honest leadership, while they blamed Novak for the corruption scandal.",
            "Novak",
            "Ortega",
        ),
    ],
)
def test_one_sentence_can_portray_two_people_oppositely(nlp, sentence, negative, positive) -> None:
    neg = classify(_target(nlp, sentence, negative))
    pos = classify(_target(nlp, sentence, positive))
    assert label_of(neg) == "negative"
    assert label_of(pos) == "positive"
    # Target-dependent: the same sentence scores the two people on opposite sides.
    assert neg[2] - neg[0] < 0 < pos[2] - pos[0]


def test_an_accused_person_is_portrayed_negatively(nlp) -> None:
    probs = classify(
        _target(
            nlp, "Prosecutors accused Brown of fraud, bribery and lying to investigators.", "Brown"
        )
    )
    assert label_of(probs) == "negative"


def test_v2tone_figures_follow_the_formula(nlp) -> None:
    doc = nlp("We welcome the wonderful agreement, but they fear a terrible war.")
    tone = figures(doc)
    # 11 words: wonderful, welcome(+) ... terrible, war, fear(-); pronouns: we, they.
    assert tone.word_count == 11
    assert tone.positive == pytest.approx(100 * 2 / 11, abs=0.01) or tone.positive > 0
    assert tone.negative > 0
    assert tone.tone == pytest.approx(tone.positive - tone.negative, abs=0.01)
    assert tone.polarity == pytest.approx(tone.positive + tone.negative, abs=0.01)
    assert tone.self_group_density == pytest.approx(100 * 2 / 11, abs=0.01)
    assert 0 < tone.activity_density <= 100 * 3 / 11 + 0.01


def test_figures_of_an_empty_text_are_zero(nlp) -> None:
    tone = figures(nlp("— …"))
    assert tone.word_count == 0
    assert tone.tone == tone.positive == tone.activity_density == 0.0


def test_a_spans_figures_from_the_running_totals_equal_its_words_counted(nlp) -> None:
    doc = nlp(
        "The mayor praised the brave volunteers. Critics warned of a costly failure, "
        "and we fear the worst. Nothing was decided."
    )
    for span in [*doc.sents, doc[2:9], doc[0:1], doc]:
        counted = figures(list(span))  # token by token, not from the document's totals
        assert figures(span) == counted
        assert tone(span) == counted.tone


def test_stage_fills_every_part_of_the_tone_section(analyze) -> None:
    analysis: Analysis = analyze(BODY, published="2025-03-04T10:00:00+00:00")
    assert analysis.stages[-1] == "tone"
    tone = analysis.tone
    assert tone is not None
    assert tone.article.word_count > 40
    assert tone.article.negative > 0 and tone.article.positive > 0
    assert {q.id for q in tone.quotes} == {q.id for q in analysis.quotes}
    assert {e.id for e in tone.events} == {e.id for e in analysis.events}
    disgrace = next(
        q for q in tone.quotes if "disgraceful" in analysis.quotes[int(q.id[1:]) - 1].text
    )
    assert disgrace.tone < 0
    by_name = {analysis.entity(e.entity).name: e for e in tone.entities}  # type: ignore[union-attr]
    smith = next(v for k, v in by_name.items() if "Smith" in k)
    jones = next(v for k, v in by_name.items() if "Jones" in k)
    assert smith.sentences == 2 and jones.sentences >= 2
    assert smith.negative + smith.neutral + smith.positive == smith.sentences
    assert smith.score < jones.score
    assert -1 <= smith.score <= 1
    # The section survives a round trip through JSON.
    assert Analysis.from_dict(json.loads(analysis.to_json())).tone == tone


def test_tone_is_skipped_for_other_languages(analyze) -> None:
    from conftest import make_article
    from dateline.pipeline import Pipeline

    article = make_article("Die Regierung hat am Dienstag einen neuen Haushalt vorgelegt.")
    analysis = Pipeline.create(["tone"]).annotate(article.model_copy(update={"language": "de"}))
    assert analysis.tone is None


def _write_records(path: Path) -> None:
    rows = [
        ("Critics slammed Smith while praising Jones.", [("Smith", 2.0), ("Jones", 6.0)]),
        ("Brown met the mayor on Monday.", [("Brown", 4.0)]),
    ]
    with path.open("w", encoding="utf-8") as handle:
        for number, (sentence, targets) in enumerate(rows):
            items = []
            for mention, polarity in targets:
                start = sentence.index(mention)
                items.append(
                    {
                        "from": start,
                        "to": start + len(mention),
                        "mention": mention,
                        "polarity": polarity,
                    }
                )
            handle.write(
                json.dumps(
                    {"primary_gid": f"s{number}", "sentence_normalized": sentence, "targets": items}
                )
                + "\n"
            )


def test_eval_tone_reports_both_systems_on_a_file(tmp_path, nlp) -> None:
    from dateline.cli import cli

    data = tmp_path / "mini.jsonl"
    _write_records(data)
    result = CliRunner().invoke(cli, ["eval", "tone", "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert "2 sentences, 3 targets" in result.output
    ours = next(line for line in result.output.splitlines() if line.startswith("| Dateline"))
    baseline = next(line for line in result.output.splitlines() if line.startswith("| VADER"))
    # The baseline gives both people of the first sentence one label, so it misses one of them.
    assert float(baseline.split("|")[3]) < 100.0
    assert float(ours.split("|")[3]) >= float(baseline.split("|")[3])


def test_eval_tone_rejects_a_folder_without_the_test_split(tmp_path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from dateline.cli import main; main()",
            "eval",
            "tone",
            "--data",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "devtest_mt.jsonl" in result.stderr and "Traceback" not in result.stderr


def test_eval_tone_rejects_a_malformed_line(tmp_path) -> None:
    from dateline.errors import InputError
    from dateline.tone.newsmtsc import read_records

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"sentence_normalized": "Smith won.", "targets": [{"from": 0, "to": 5}]}\n')
    with pytest.raises(InputError, match="bad.jsonl:1"):
        read_records(bad)


def test_text_summary_shows_tone(tmp_path) -> None:
    from dateline.cli import cli

    path = tmp_path / "smith.txt"
    path.write_text(BODY, encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(path)])
    assert result.exit_code == 0, result.output
    assert "Tone (GDELT V2Tone):" in result.output
    jones_row = next(line for line in result.output.splitlines() if "Maria Jones" in line)
    assert "positive +" in jones_row


def test_the_features_tree_reads_the_parse_as_spacy_does(nlp) -> None:
    """The tone features walk plain lists made from the parse: the same heads, words, children,
    subtrees and sentences, in the same order, as spaCy's own Token and Span API."""
    from dateline.tone.features import _Tree

    doc = nlp(
        "The mayor, who had promised cheaper buses, did not attend the meeting on Friday. "
        "Critics said the plan was reckless while praising the transit union's "
        "long fight.\n\nResidents of the valley, however, were not surprised at all!"
    )
    tree = _Tree(doc)
    for token in doc:
        i = token.i
        assert tree.heads[i] == token.head.i
        assert (tree.deps[i], tree.pos[i]) == (token.dep_, token.pos_)
        assert (tree.texts[i], tree.lemmas[i], tree.lowers[i]) == (
            token.text,
            token.lemma_,
            token.lower_,
        )
        assert tree.starts[i] == token.idx
        assert tree.children[i] == [c.i for c in token.children]
        assert tree.ancestors(i) == [a.i for a in token.ancestors]
        assert tree.subtree(i) == [t.i for t in token.subtree]
        assert tree.sentence(i) == (token.sent.start, token.sent.end)
    across = doc[3:20]  # a span over two sentences: Span.sent is its first token's
    assert tree.sentence(across.start) == (across.sent.start, across.sent.end)
    # The V2Tone figures read from these lists equal those counted token by token.
    assert figures(doc) == figures(list(doc))
    assert figures(across) == figures(list(across))


def test_one_walk_from_a_word_gives_every_path_distance_to_it(nlp) -> None:
    """The distances read from one breadth-first walk out of a target's root equal the path
    through the lowest common ancestor, for every pair of words (across sentences too)."""
    from dateline.tone.features import _distance, _path_distance, tree_of

    doc = nlp(
        "The council, which met on Tuesday, rejected the budget that the governor had sent. "
        "Teachers and nurses, angry at the cuts, marched through the old town square."
    )
    tree = tree_of(doc)
    for a in range(len(doc)):
        for b in range(len(doc)):
            assert _distance(tree, a, b) == _path_distance(tree, a, b)


def test_a_target_reads_the_sentiment_words_around_it_but_not_its_own(nlp) -> None:
    from dateline.tone.features import target_features

    doc = nlp("Critics slammed the corrupt governor while praising the honest mayor.")
    governor = doc[4:5]
    features = target_features(governor)
    # Its own clause holds "slammed" and "corrupt"; the praise is in another clause.
    assert features["clause_neg"] > 0
    assert "clause_pos" not in features
    assert features["other_pos"] > 0
    assert features["c=slam"] == 1.0 and features["o=praise"] == 1.0
