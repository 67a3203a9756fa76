"""Text work beside the embedding: same values as in line, remembered, errors not lost."""

import threading

import numpy as np
import pytest

from passives_lib.themes._grammar import function_words, things
from passives_lib.themes._labels import label_text
from passives_lib.themes._memo import remember_last
from passives_lib.themes._model_tone import beside, opinion_tone, text_work
from passives_lib.themes._opinions import opinion_units
from passives_lib.themes._phrases import proper_nouns
from passives_lib.themes._tone import SIDE_OF, polarities, scores, with_comment_tone
from passives_lib.themes._wording import corpus_words, misspellings, word_uses

COMMENTS = [
    "Lovely staff but the delivery was late, please add tracking",
    "The dress runs small. I love the colour though!",
    "Nothing to add",
    "Rang three times, nobody called back: jo@example.com",
    "Great value",
]


def _in_line(comments, split, language="en"):
    """What ThemeModel.fit computed before the tone moved beside the embedding."""
    units = opinion_units(comments, split)
    unit_score = scores(units.texts, language)
    polarity = polarities(units.texts, language, unit_score)
    signed = np.array([SIDE_OF[p] for p in polarity], dtype=float) * (0.1 + np.abs(unit_score))
    comment_score = scores(comments, language) if split else signed[units.unit]
    polarity = with_comment_tone(polarity, units.owner, units.unit, comment_score)
    return units, polarity, signed, comment_score


@pytest.mark.parametrize("split", [True, False])
def test_opinion_tone_equals_the_in_line_computation(split):
    units, polarity, signed, comment_score = _in_line(COMMENTS, split)
    tone = text_work(units, COMMENTS, units.weights(np.ones(len(COMMENTS))), "en", split)
    assert tone.polarity == polarity
    assert np.array_equal(tone.signed, signed)
    assert np.array_equal(tone.comment_score, comment_score)
    assert opinion_tone(units, COMMENTS, "en", split).polarity == polarity


def test_text_work_leaves_every_opinion_label_text_ready_and_equal():
    units = opinion_units(COMMENTS, True)
    label_text.cache_clear()
    before = label_text.cache_info()
    text_work(units, COMMENTS, units.weights(np.ones(len(COMMENTS))), "en", True)
    filled = label_text.cache_info()
    assert filled.misses - before.misses == len(set(units.texts))
    for text in units.texts:  # the theme table's calls are answered from memory, unchanged
        assert label_text(text, "en") == label_text.__wrapped__(text, "en")
    assert label_text.cache_info().hits - filled.hits == len(units.texts)


def test_beside_runs_the_side_in_another_thread_at_the_same_time():
    started, main_thread = threading.Event(), threading.get_ident()

    def side():
        started.set()
        return threading.get_ident()

    def main():
        assert started.wait(5), "the side work did not start while the main work ran"
        return "vectors"

    side_thread, done = beside(side, main)
    assert done == "vectors" and side_thread != main_thread


def test_beside_raises_an_error_of_either_side():
    def fails():
        raise ValueError("tone failed")

    with pytest.raises(ValueError, match="tone failed"):
        beside(fails, lambda: "vectors")
    with pytest.raises(ValueError, match="tone failed"):
        beside(lambda: "tone", fails)


def test_text_work_leaves_the_names_and_word_facts_ready_for_the_theme_table():
    units = opinion_units(COMMENTS, True)
    weights = units.weights(np.arange(1.0, len(COMMENTS) + 1))
    words = [label_text(t, "en") for t in units.texts]
    text_work(units, COMMENTS, weights, "en", True)
    facts = corpus_words(words, weights.copy(), "en")  # equal arguments: the same result
    assert facts is corpus_words(list(words), weights, "en")
    assert proper_nouns(list(units.texts), weights) is proper_nouns(units.texts, weights)
    usage = word_uses(words, weights)
    assert facts.usage == usage
    assert facts.misspelt == misspellings(usage, function_words("en"))
    assert facts.subjects == things(words, weights, "en")
    assert proper_nouns(units.texts, weights) == proper_nouns.__wrapped__(units.texts, weights)


def test_remember_last_computes_again_for_other_content_and_takes_names():
    calls = []

    @remember_last
    def total(texts, weights=None, language="en"):
        calls.append(1)
        return sum(len(t) for t in texts) * (1 if weights is None else float(weights.sum()))

    texts, weights = ["ab", "c"], np.ones(2)
    assert total(texts, weights) == total(texts, weights) == 6.0 and len(calls) == 1
    texts.append("de")  # changed in place: not the same arguments any more
    assert total(texts, weights) == 10.0 and len(calls) == 2
    assert total(texts, np.full(2, 0.5)) == 5.0 and len(calls) == 3
    assert total(texts, np.full(2, 0.5), language="fr") == 5.0 and len(calls) == 4
    assert total(texts, np.full(2, 0.5), language="fr") == 5.0 and len(calls) == 4
