"""Theme names say what went wrong: short phrases from the comments, no stop word at the ends,
no personal data, in the comments' language."""

import re
from functools import partial

import numpy as np
import pandas as pd
import pytest

from passives_lib import ThemeModel
from passives_lib.themes._grammar import FEELING_SUBJECT, OBJECT_ENDINGS, cut_short
from passives_lib.themes._language import bad_label_end, detect_language, strip_openers
from passives_lib.themes._naming import naming_tones, theme_table
from passives_lib.themes._opinions import opinion_units
from passives_lib.themes._phrases import clause_ngrams, proper_nouns, theme_names
from tests.conftest import SAMPLE, shared_file
from tests.tiny_embedding import TinyEncoder

PLANTED = [
    f"{opener}Zebediah Quuxley never rang me back, call {phone} or {mail}"
    for opener in ("", "Because ", "As ")
    for phone, mail in (
        ("07700900123", "zq@example.com"),
        ("07700 900123", "quux.z@example.org"),
        ("+44 7700 900123", "zeb@example.net"),
        ("07700-900-123", "z.q@example.co.uk"),
    )
]


def assert_readable(label: str, language: str, banned: set[str]) -> None:
    words = label.split()
    if words[-1] == FEELING_SUBJECT.get(language):  # "not happy overall"
        words = words[:-1]
    assert " / " not in label, label
    assert 2 <= len(words) <= 6, label
    assert not bad_label_end(words[0], language, first=True), label
    gram = tuple(w.lower() for w in words)
    assert not cut_short(gram, language), label
    if words[-1] not in OBJECT_ENDINGS:  # "ended up returning it"
        assert not bad_label_end(words[-1], language, first=False), label
    assert not re.search(r"\d{3}|@|\[", label), label
    assert not banned & {w.lower() for w in words}, label


def test_theme_names_pick_a_central_distinctive_phrase():
    texts = [
        "the engineer never arrived on monday",
        "engineer never arrived again",
        "waited all day and the engineer never arrived",
        "no tracking email for my order",
        "there was no tracking email for orders",
        "still no tracking email for orders",
    ]
    labels = np.array([0, 0, 0, 1, 1, 1])
    names = theme_names(texts, labels, np.ones(6), np.ones(6), np.eye(2), "en")
    assert names == {0: "engineer never arrived", 1: "no tracking email"}


def test_without_a_shared_phrase_the_most_central_comment_names_the_theme():
    texts = [
        "polite helpful men",
        "very kind nurses today",
        "treated with dignity",
        "engineer never arrived",
        "the engineer never arrived",
        "engineer never arrived twice",
    ]
    labels = np.array([0, 0, 0, 1, 1, 1])
    closeness = np.array([0.6, 0.9, 0.5, 1.0, 1.0, 1.0])  # "very kind nurses today" is central
    names = theme_names(texts, labels, np.ones(6), closeness, np.eye(2), "en")
    assert names[1] == "engineer never arrived"
    assert names[0] == "kind nurses today"  # a phrase of one comment, not a keyword list


def test_a_truncated_phrase_gives_way_to_the_whole_one():
    texts = [
        "took a week to get a reply to a simple question",
        "no reply to a simple question for days",
        "a reply to a simple question took ages",
        "waiting on a reply to a simple question",
    ]
    names = theme_names(texts, np.zeros(4, int), np.ones(4), np.ones(4), np.eye(1), "en")
    assert names == {0: "reply to a simple question"}


def test_phrases_never_cross_punctuation_and_skip_names():
    assert ("late", "again") not in clause_ngrams("it was late. again it broke")
    assert clause_ngrams("a b c. d e") == {("a", "b"), ("b", "c"), ("a", "b", "c"), ("d", "e")}
    assert proper_nouns(["thanks to Aisha today", "Aisha was great", "ask for Aisha"]) == {"aisha"}


def test_proper_nouns_count_every_use_of_every_spelling():
    # "jo" inside sentences: "Jo" 3 times, "jo" once, "JO" twice (all capitals do not count)
    assert proper_nouns(["thanks Jo"] * 3 + ["thanks jo", "JO rocks and JO"]) == {"jo"}
    assert proper_nouns(["thanks Jo"] * 2 + ["thanks jo", "JO rocks and JO"]) == frozenset()


def test_theme_names_weigh_repeated_comments():
    texts = ["box arrived crushed", "lid was cracked", "screen had scratches", "handle snapped off"]
    closeness = np.array([0.5, 0.9, 0.9, 0.9])
    weights = np.array([3, 1, 1, 1])  # the first comment was written three times
    names = theme_names(texts, np.zeros(4, int), weights, closeness, np.eye(1), "en")
    assert names == {0: "box arrived crushed"}
    names = theme_names(texts, np.zeros(4, int), np.ones(4), closeness, np.eye(1), "en")
    assert names == {0: "lid was cracked"}  # nothing shared: a central comment's phrase


def test_stop_words_at_the_ends_in_english_and_french():
    assert bad_label_end("the", "en", first=False) and bad_label_end("votre", "fr", first=True)
    assert bad_label_end("dans", "fr", first=False) and not bad_label_end("magasin", "fr", True)
    assert not bad_label_end("trop", "fr", first=True)  # "trop d'attente" names a problem


def test_openers_of_nps_answers_are_stripped():
    assert strip_openers("Because the engineer never came") == "the engineer never came"
    assert strip_openers("8 because, well, slow broadband") == "slow broadband"
    assert strip_openers("Cause") == "Cause"  # nothing would be left
    assert strip_openers("Because, well: ok!") == "Because, well: ok!"  # one word would be left
    assert strip_openers("Because top-notch") == "top-notch"  # two words
    assert strip_openers("8/10 because a b") == "a b"
    assert strip_openers("Parce que le magasin est loin", "fr") == "le magasin est loin"


def test_language_is_detected_or_taken_from_the_config():
    assert detect_language(["pas de choix dans votre magasin", "trop d'attente"]) == "fr"
    assert detect_language(["the wait was too long"]) == "en"
    assert detect_language(["pas de choix"], configured="en") == "en"
    assert detect_language(["le the"]) == "en"  # a tie
    assert detect_language(["the"] * 3 + ["le le le le"]) == "fr"  # every use counts


@pytest.fixture(scope="module")
def sample_model():
    comments = pd.read_csv(SAMPLE / "survey.csv")["comment"].tolist() + PLANTED
    return ThemeModel(embedding_model=TinyEncoder(), random_state=3).fit(comments), comments


def test_sample_labels_read_as_phrases_without_personal_data(sample_model):
    model, comments = sample_model
    banned = {"zebediah", "quuxley", "aisha", "example", "com"}
    banned |= proper_nouns([c for c in comments if isinstance(c, str)])
    real = model.themes_[model.themes_["theme_id"] >= 0]
    assert model.language_ == "en" and len(real) >= 5
    for label in real["label"]:
        assert_readable(label, "en", banned)
    keywords = " ".join(" ".join(k) for k in real["keywords"])
    assert not re.search(r"zebediah|quuxley|07700|example|\d{4}", keywords)


@pytest.mark.integration
def test_garden_centre_labels_are_french_phrases():
    frame = pd.read_csv(shared_file("garden_centre_nps_fr/nps.csv"))
    comments = frame["explication"].dropna().astype(str).tolist()
    # the toy encoder groups by shared words: at the default 50 themes it makes one theme of
    # opinions sharing only "chez vous", which no phrase can name (the keyword fallback)
    model = ThemeModel(embedding_model=TinyEncoder(), random_state=3, max_themes=30).fit(comments)
    assert model.language_ == "fr"
    banned = set(proper_nouns(comments))
    for label in model.themes_.loc[model.themes_["theme_id"] >= 0, "label"]:
        assert_readable(label, "fr", banned)


def test_a_name_is_spelled_as_most_comments_spell_it_and_says_its_themes_tone():
    texts = [
        "the engineer was recieved late",  # a typo most comments do not make
        "the engineer was recieved late again",
        "parcel received late",
        "parcel received on time",
        "order received quickly",
        "invoice received twice",
        "stock received late",
        "refund received",
        "card received",
    ]
    labels = np.array([0, 0, -1, -1, -1, -1, -1, -1, -1])
    names = theme_names(texts, labels, np.ones(9), np.ones(9), np.eye(1), "en")
    assert "recieved" not in names[0] and "received" in names[0]
    complaint = ["delivery was late and slow", "delivery was late", "delivery was great"] * 2
    named = theme_names(
        complaint, np.zeros(6, int), np.ones(6), np.ones(6), np.eye(1), "en", tone={0: "complaint"}
    )
    assert named[0] != "delivery was great"


def test_a_theme_of_plain_statements_takes_a_plain_name_before_a_complaint():
    # clothing reviewers' heights and builds, a few of them saying "too long"
    texts = [
        "i have an athletic build",
        "athletic build here",
        "the dress was too long",
        "dress was too long for me",
        "way too long on me",
    ]

    def name(tone: str) -> str:
        return theme_names(
            texts, np.zeros(5, int), np.ones(5), np.ones(5), np.eye(1), "en", tone={0: tone}
        )[0]

    assert name("neutral") == "athletic build"
    assert name("leaning") == name("complaint") == "too long"  # the wish or complaint may name it


def test_a_neutral_theme_leans_when_a_third_of_its_opinions_have_one_tone():
    polarity = ["neutral", "neutral", "neutral", "complaint"]
    units = ["neutral", "complaint", "suggestion"]  # theme 0: 2 of 3 toned, leaning
    units += ["neutral", "neutral", "neutral", "praise"]  # theme 1: 1 of 4, plain
    units += ["neutral", "neutral", "praise"]  # theme 2: one praise of three, weight 2 of 4
    units += ["complaint"]  # theme 3: a complaint theme keeps its polarity
    labels = np.array([0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 3])
    weights = np.array([1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1], dtype=float)
    assert naming_tones(polarity, units, labels, weights) == {
        0: "leaning",
        1: "neutral",
        2: "leaning",
        3: "complaint",
    }


def test_a_long_comment_written_again_word_for_word_does_not_name_its_theme():
    # One customer's comment, copied into three answers, beside two customers who say what
    # went wrong in their own words.
    copied = "I learnt a lot but the anti viral team kept me waiting for ever"
    comments = [copied, "The engineer never came", "Engineer never came again"]
    counts = np.array([3.0, 1.0, 1.0])
    units = opinion_units(comments)
    weights, voices = units.weights(counts), units.voices(counts, comments)
    assert voices.tolist() == [1.0, 1.0, 1.0, 1.0]  # the copy's two opinions, the two others
    n = len(units.texts)
    table = partial(
        theme_table,
        units.texts,
        np.ones((n, 1)),
        np.zeros(n, dtype=int),
        weights,
        np.ones((1, 1)),
        sizes=np.array([5.0]),
        other=0,
        polarity=["complaint"],
        unit_polarity=["complaint"] * n,
        language="en",
        top_keywords=5,
    )
    assert "anti viral team" in table()[0]["label"].iloc[0]  # counted three times
    named, keywords = table(voices=voices)
    assert named["label"].iloc[0] == "engineer never came"
    assert set(keywords[0][:2]) == {"engineer", "came"}  # the copy's words weigh once
    assert named["size"].iloc[0] == 5  # sizes still count every comment


def test_short_comments_said_alike_by_several_customers_are_several_voices():
    comments = ["Very good service", "Very good service. The anti viral team kept me waiting"]
    units = opinion_units(comments)
    voices = units.voices(np.array([4.0, 2.0]), comments)
    assert dict(zip(units.texts, voices.tolist(), strict=True)) == {
        "The anti viral team kept me waiting": 1.0,
        "Very good service": 5.0,
    }


def test_the_model_names_a_theme_by_what_several_customers_say_not_by_a_copy():
    copied = "Sadly the anti viral team kept me waiting for hours on end"
    comments = [copied] * 4 + [
        "The engineer never came",
        "Engineer never came again",
        "Our engineer never came at all",
    ]
    model = ThemeModel(embedding_model=TinyEncoder(), n_themes=1, random_state=3).fit(comments)
    assert model.themes_["label"].iloc[0] == "engineer never came"
    assert model.themes_["size"].iloc[0] == 7  # every comment still counts


def test_praise_of_everything_is_named_so_without_a_second_subject():
    texts = ["Everything was good", "everything was good thank you", "Everything was good, ta"]
    names = theme_names(texts, np.zeros(3, dtype=int), np.ones(3), np.ones(3), np.eye(1), "en")
    assert names == {0: "everything was good"}
    praise = theme_names(
        texts, np.zeros(3, dtype=int), np.ones(3), np.ones(3), np.eye(1), "en", tone={0: "praise"}
    )
    assert praise == {0: "everything was good"}  # not "everything was good overall"


def test_a_whole_phrase_of_one_comment_beats_a_shared_phrase_cut_short():
    # "sent to the wrong" is shared, but always before the place: cut short
    texts = [
        "I was sent to the wrong person",
        "Sent to the wrong shop",
        "Nobody could tell me anything",
        "I gave up in the end",
    ]
    closeness = np.array([0.9, 0.8, 0.5, 0.5])
    names = theme_names(texts, np.zeros(4, dtype=int), np.ones(4), closeness, np.eye(1), "en")
    assert names == {0: "sent to the wrong person"}
