"""The learned event classifier: shipped weights load, types of realistic invented sentences,
codeable scores, the API on Event records, and deterministic training."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from dateline.events.classifier import PLOVER_TYPES, EventClassifier, LinearEventModel
from dateline.events.features import (
    Candidate,
    dense_features,
    ngram_features,
    ngram_phrases,
    sparse_features,
)
from dateline.events.learning import Example, Hyperparameters, fit


def _token(doc, word: str):  # type: ignore[no-untyped-def]
    return next(t for t in doc if t.text == word)


def _classify(nlp, text: str, trigger: str, actor: str | None = None, recipient: str | None = None):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    token = _token(doc, trigger)

    def span(words: str | None):  # type: ignore[no-untyped-def]
        if words is None:
            return None
        start = text.index(words)
        return doc.char_span(start, start + len(words), alignment_mode="expand")

    return EventClassifier.load().classify(doc, token.sent, token.i, span(actor), span(recipient))


def test_shipped_model_loads_with_all_plover_types() -> None:
    model = EventClassifier.load()
    assert model is EventClassifier.load()  # cached
    assert model.model.types == PLOVER_TYPES
    assert model.metadata["trained_on"]["plv"] > 900  # type: ignore[index]
    assert model.model.weights.shape == (
        len(model.model.vocab) + len(model.model.dense_mean),
        len(PLOVER_TYPES) + 1,
    )


@pytest.mark.parametrize(
    ("text", "trigger", "actor", "recipient", "expected"),
    [
        (
            "The foreign ministry of Norway condemned the Brazilian government over the "
            "arrest of two journalists.",
            "condemned",
            "The foreign ministry of Norway",
            "the Brazilian government",
            "ACCUSE",
        ),
        (
            "Rebel fighters shelled an army base near the northern town on Sunday, killing "
            "four soldiers.",
            "shelled",
            "Rebel fighters",
            "an army base",
            "ASSAULT",
        ),
        (
            "The two foreign ministers met in Vienna on Tuesday to discuss the dispute.",
            "met",
            None,
            None,
            "CONSULT",
        ),
        (
            "The opposition leader rejected the government's offer of early elections.",
            "rejected",
            "The opposition leader",
            "the government",
            "REJECT",
        ),
    ],
)
def test_predicts_type_of_realistic_sentences(  # type: ignore[no-untyped-def]
    nlp, text: str, trigger: str, actor: str | None, recipient: str | None, expected: str
) -> None:
    prediction = _classify(nlp, text, trigger, actor, recipient)
    assert prediction.type == expected
    assert abs(sum(prediction.type_probs.values()) - 1.0) < 1e-4
    assert 0.0 <= prediction.codeable <= 1.0


def test_political_act_more_codeable_than_opinion(nlp) -> None:  # type: ignore[no-untyped-def]
    act = _classify(nlp, "Police arrested three opposition activists in the capital.", "arrested")
    opinion = _classify(nlp, "I think the midfielder played his best game of the season.", "think")
    # Trained without the document gold's candidates (the learned confidence reads this
    # probability on them), the head ranks rather than separates at 0.5: opinion verbs are
    # also discounted by the rules' lexicon class.
    assert act.codeable > 0.5
    assert act.codeable > opinion.codeable + 0.1


def test_classify_event_on_stage_output(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "Turkish President Recep Tayyip Erdogan accused Sweden of harbouring militants on Monday.",
        stages=["events"],
    )
    from dateline.nlp import load_model

    doc = load_model()(analysis.article.text)
    event = next(e for e in analysis.events if e.trigger == "accused")
    prediction = EventClassifier.load().classify_event(analysis, doc, event)
    assert prediction is not None and prediction.type == "ACCUSE"


SAMPLE = [
    ("Israel accused Hamas of breaking the truce.", "accused", "ACCUSE"),
    ("The army shelled rebel positions overnight.", "shelled", "ASSAULT"),
    ("The president met the Japanese prime minister in Tokyo.", "met", "CONSULT"),
    ("Ukraine asked Germany for more air defence systems.", "asked", "REQUEST"),
    ("The striker scored twice as the home side beat the visitors.", "beat", None),
]


def _examples(nlp) -> list[Example]:  # type: ignore[no-untyped-def]
    found = []
    for n, (text, trigger, label) in enumerate(SAMPLE):
        doc = nlp(text)
        token = _token(doc, trigger)
        candidate = Candidate(doc, token.sent, token)
        found.append(
            Example(
                sparse_features(candidate),
                dense_features(candidate),
                label,
                label is not None,
                f"s{n}",
                ngrams=ngram_features(candidate),
            )
        )
    return found


def test_training_is_deterministic_and_round_trips(nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    examples = _examples(nlp)
    hyper = Hyperparameters(steps=40)
    first, second = fit(examples, hyper=hyper, seed=3), fit(examples, hyper=hyper, seed=3)
    assert first.vocab == second.vocab
    assert np.array_equal(first.weights, second.weights)
    assert np.array_equal(first.bias, second.bias)
    # Fitted on its own sample, the model reproduces its labels.
    predictions = first.predict([e.sparse for e in examples], np.stack([e.dense for e in examples]))
    assert [p.type for p in predictions[:4]] == [label for _, _, label in SAMPLE[:4]]
    assert predictions[4].codeable < 0.5 < min(p.codeable for p in predictions[:4])
    path = tmp_path / "model.npz"
    first.save(path)
    second.save(tmp_path / "again.npz")
    assert path.read_bytes() == (tmp_path / "again.npz").read_bytes()
    again = LinearEventModel.read(path)
    assert again.vocab == first.vocab
    reread = again.predict([e.sparse for e in examples], np.stack([e.dense for e in examples]))
    assert [p.type_probs for p in reread] == [p.type_probs for p in predictions]


def test_unreadable_weights_name_the_file(tmp_path: Path) -> None:
    from dateline.errors import InputError

    path = tmp_path / "broken.npz"
    path.write_bytes(b"not a numpy archive")
    with pytest.raises(InputError, match="broken.npz"):
        LinearEventModel.read(path)


PLV_HEADER = (
    "\tsentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_penta\tsilver_penta"
    "\tsilver_root\tgold_root\tpenta_L1\troot_L1\tpenta_L2\troot_L2\n"
)


def test_read_plv_offsets_and_labels(tmp_path: Path) -> None:
    from dateline.events.training_data import read_plv

    marked = "On Friday <s>the opposition</s> handed power back to <t>the army</t>."
    plain = marked.replace("<s>", "").replace("</s>", "").replace("<t>", "").replace("</t>", "")
    path = tmp_path / "plv.tsv"
    path.write_text(
        PLV_HEADER
        + f"0\t77\t{plain}\t{marked}\tthe opposition\tthe army\t1\t1\tYIELD\tYIELD\t1\tYIELD\t1\tAID\n",
        encoding="utf-8",
    )
    (row,) = read_plv(path)
    assert row.text == plain
    assert row.text[slice(*row.source)] == "the opposition"
    assert row.text[slice(*row.target)] == "the army"
    assert (row.type, row.zero_shot) == ("CONCEDE", "AID")


def test_read_plv_rejects_other_tables(tmp_path: Path) -> None:
    from dateline.errors import InputError
    from dateline.events.training_data import read_plv

    path = tmp_path / "other.tsv"
    path.write_text("a\tb\n1\t2\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a PLV table"):
        read_plv(path)


@pytest.mark.parametrize(
    ("text", "source", "target", "trigger"),
    [
        ("Ukraine accused Russia of shelling the port.", "Ukraine", "Russia", "accused"),
        (
            "The minister said Brazil would impose tariffs on Argentine steel.",
            "Brazil",
            "Argentine steel",
            "impose",
        ),
        (
            "Protesters rallied outside the embassy of Denmark on Friday.",
            "Protesters",
            "the embassy of Denmark",
            "rallied",
        ),
    ],
)
def test_dyad_trigger_links_source_and_target(  # type: ignore[no-untyped-def]
    nlp, text: str, source: str, target: str, trigger: str
) -> None:
    from dateline.events.training_data import dyad_trigger

    doc = nlp(text)

    def span(words: str):  # type: ignore[no-untyped-def]
        start = text.index(words)
        return doc.char_span(start, start + len(words), alignment_mode="expand")

    assert dyad_trigger(span(source), span(target)).text == trigger


def test_off_topic_weak_label() -> None:
    from dateline.events.training_data import off_topic

    assert off_topic("https://www.example.com/sports/nba/2019/11/19/lakers-win")
    assert off_topic("https://recipes.example.org/spiced-pear-jam")
    assert not off_topic("https://www.example.com/world/europe/2019/11/19/talks-resume")


def test_eval_events_plv_names_a_missing_file(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from dateline.evaluation.events import command

    missing = tmp_path / "PLV_train.tsv"
    result = CliRunner().invoke(command, ["--plv", str(missing), "--bench", str(tmp_path)])
    assert result.exit_code != 0
    assert "PLV_train.tsv" in str(result.exception) or "PLV_train.tsv" in result.output


def test_eval_events_plv_excludes_data(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from dateline.evaluation.events import command

    result = CliRunner().invoke(command, ["--plv", "a.tsv", "--data", "b.json"])
    assert result.exit_code == 2
    assert "not both" in result.output


def test_chain_features_read_the_verb_chain(nlp) -> None:  # type: ignore[no-untyped-def]
    from dateline.events.features import CHAIN_PREFIX, kept_features

    doc = nlp("The union did not threaten to cancel the contract with the airline.")
    threaten = _token(doc, "threaten")
    names = sparse_features(Candidate(doc, threaten.sent, threaten))
    assert f"{CHAIN_PREFIX}deep=cancel|contract" in names
    cancel = _token(doc, "cancel")
    below = sparse_features(Candidate(doc, cancel.sent, cancel))
    assert f"{CHAIN_PREFIX}ancestor=threaten" in below
    assert f"{CHAIN_PREFIX}ancestor_negated" in below
    # A model trained without the group never sees its features, nor the rules' without rules.
    plain = kept_features(below, use_rules=False, groups=())
    assert not any(n.startswith((CHAIN_PREFIX, "rule")) for n in plain)
    assert set(plain) < set(below) == set(kept_features(below, groups=("chain",)))


def test_feature_groups_are_kept_by_the_weights(nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    examples = _examples(nlp)
    hyper = Hyperparameters(steps=20)
    with_chain = fit(examples, hyper=hyper, groups=("chain",))
    without = fit(examples, hyper=hyper)
    assert any(n.startswith("chain_") for n in with_chain.vocab)
    assert not any(n.startswith("chain_") for n in without.vocab)
    path = tmp_path / "model.npz"
    with_chain.save(path)
    assert LinearEventModel.read(path).groups == ("chain",)
    # Weights written before feature groups existed (no "groups" member) read none of them.
    import zipfile

    old = tmp_path / "old.npz"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(old, "w") as target:
        for item in source.infolist():
            if item.filename != "groups.npy":
                target.writestr(item, source.read(item.filename))
    assert LinearEventModel.read(old).groups == ()


def test_configuration_choice_reads_only_its_training_data(nlp) -> None:  # type: ignore[no-untyped-def]
    from dateline.events.training import (
        GROUP_CHOICES,
        NGRAM_WEIGHTS,
        choose_configuration,
        configuration_name,
    )

    examples = [
        Example(
            e.sparse,
            e.dense,
            e.type,
            e.codeable,
            e.group,
            "plv" if e.type else "off-topic",
            e.ngrams,
        )
        for e in _examples(nlp) * 2
    ]
    chosen = choose_configuration(examples)
    assert chosen.groups in GROUP_CHOICES
    assert chosen.ngram_weight in NGRAM_WEIGHTS
    assert set(chosen.accuracy) == {
        configuration_name(g, w) for g in GROUP_CHOICES for w in NGRAM_WEIGHTS
    }
    assert all(0.0 <= a <= 1.0 for a in chosen.accuracy.values())
    assert choose_configuration(list(reversed(examples))) == chosen


def test_ngram_view_replaces_the_parties_by_placeholders(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Officials in Lagos said the opposition party accused the governor of rigging the "
        "vote last week."
    )
    doc = nlp(text)
    trigger = _token(doc, "accused")
    actor = doc.char_span(text.index("the opposition"), text.index(" accused"))
    recipient = doc.char_span(text.index("the governor"), text.index(" of rigging"))
    assert actor is not None and recipient is not None
    candidate = Candidate(doc, trigger.sent, trigger, actor, recipient)
    found = set(ngram_phrases(candidate))
    assert {"ng=<src> accused <tgt>", "ng=accused <tgt> of", "ng=said <src>"} <= found
    # Three words either side of the outermost party or trigger, no further.
    assert "ng=lagos" in found and "ng=the" in found
    assert "ng=officials" not in found and "ng=vote" not in found
    assert not any("opposition" in n or "governor" in n for n in found)
    # Without parties the window is around the trigger alone.
    alone = set(ngram_phrases(Candidate(doc, trigger.sent, trigger)))
    assert "ng=party accused the" in alone and "ng=lagos" not in alone
    # The model's feature names are hashes of the phrases: no words reach the weights file.
    names = ngram_features(candidate)
    assert len(names) == len(ngram_phrases(candidate))
    assert all(n.startswith("ng:") and len(n) == 19 for n in names)
    assert len(set(names)) == len(found)


def test_ngram_view_multiplies_type_probabilities_and_round_trips(  # type: ignore[no-untyped-def]
    nlp, tmp_path: Path
) -> None:
    from dataclasses import replace

    from dateline.events.classifier import _softmax
    from dateline.events.training import fit_ngram_view

    examples = _examples(nlp)
    hyper = Hyperparameters(steps=40)
    parse = fit(examples, hyper=hyper)
    view = fit_ngram_view(examples)
    assert view.weights.shape == (len(view.vocab), len(PLOVER_TYPES))
    both = replace(parse, ngram=view, ngram_weight=0.5)
    sparse = [e.sparse for e in examples]
    dense = np.stack([e.dense for e in examples])
    ngrams = [e.ngrams for e in examples]
    alone = parse.predict(sparse, dense)
    combined = both.predict(sparse, dense, ngrams)
    view_probs = _softmax(view.logits(ngrams, np.zeros((len(examples), 0))))
    for a, c, v in zip(alone, combined, view_probs, strict=True):
        # The codeable head is the parse view's; types are the normalised product p * q^0.5.
        assert c.codeable == pytest.approx(a.codeable)
        product = {t: a.type_probs[t] * q**0.5 for t, q in zip(PLOVER_TYPES, v, strict=True)}
        total = sum(product.values())
        assert all(c.type_probs[t] == pytest.approx(product[t] / total) for t in PLOVER_TYPES)
    k = len(PLOVER_TYPES)
    expected = parse.logits(sparse, dense)[:, :k] + 0.5 * view.logits(
        ngrams, np.zeros((len(examples), 0))
    )
    assert np.allclose(both.logits(sparse, dense, ngrams)[:, :k], expected)
    with pytest.raises(ValueError, match="n-gram"):
        both.predict(sparse, dense)
    path = tmp_path / "model.npz"
    both.save(path)
    again = LinearEventModel.read(path)
    assert again.ngram is not None and again.ngram_weight == 0.5
    assert again.ngram.vocab == view.vocab
    reread = again.predict(sparse, dense, ngrams)
    assert [p.type_probs for p in reread] == [p.type_probs for p in combined]
    # A file without the view (older weights) is the parse view alone.
    parse.save(tmp_path / "parse.npz")
    assert LinearEventModel.read(tmp_path / "parse.npz").ngram is None
