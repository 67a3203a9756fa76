import numpy as np
import pandas as pd
import pytest
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.exceptions import NotFittedError
from sklearn.metrics import adjusted_rand_score, homogeneity_score

from passives_lib import ThemeModel
from tests.tiny_embedding import TinyEncoder

GROUPS = {
    "delivery": ["tracking", "parcel", "courier", "delivery", "shipping", "arrived"],
    "invoice": ["invoice", "pdf", "download", "billing", "receipt", "statement"],
    "price": ["price", "expensive", "renewal", "increase", "cost", "cheaper"],
    "support": ["support", "friendly", "helpful", "agent", "patient", "kind"],
    "crash": ["crashes", "freezes", "app", "error", "bug", "reports"],
}
FILLERS = ["really", "honestly", "again", "please", "today", "always", "week", "team"]
NON_ANSWERS = ["n/a", "nothing", "-", "", "👍", "No comment"]


def corpus(per_group: int, seed: int = 0) -> tuple[list[str], list[str]]:
    """Comments of three words from one group's vocabulary plus a filler word."""
    rng = np.random.default_rng(seed)
    texts, truth = [], []
    for name, words in GROUPS.items():
        for i in range(per_group):
            chosen = rng.choice(words, size=3, replace=False).tolist()
            texts.append(" ".join([*chosen, str(rng.choice(FILLERS)), f"n{i}"]))
            truth.append(name)
    return texts, truth


@pytest.fixture(scope="module")
def fitted_200():
    texts, truth = corpus(40)
    model = ThemeModel(embedding_model=TinyEncoder(), random_state=7).fit(texts + NON_ANSWERS)
    return model, texts, truth


def test_init_stores_parameters_and_does_no_work():
    marker = object()
    model = ThemeModel(n_themes=4, embedding_model=marker, random_state=3)
    assert model.get_params()["embedding_model"] is marker
    assert not hasattr(model, "themes_")
    with pytest.raises(NotFittedError, match="not fitted"):
        model.assignments()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"n_themes": 0}, "The 'n_themes' parameter of ThemeModel must be a positive int"),
        ({"max_themes": 2}, "The 'max_themes' parameter of ThemeModel must be an int >= "),
        ({"min_similarity": 1.5}, "The 'min_similarity' parameter"),
        ({"embedding_model": object()}, "an object with an encode method"),
    ],
)
def test_parameters_are_validated_in_fit(params, message):
    with pytest.raises(ValueError, match=message):
        ThemeModel(**params).fit(["a comment here"])


def test_groups_are_recovered_and_almost_everything_is_assigned(fitted_200):
    model, texts, truth = fitted_200
    labels = model.labels_[: len(texts)]
    assert 5 <= model.n_themes_ <= 30
    assert (labels >= 0).mean() >= 0.95
    assert adjusted_rand_score(truth, labels) > 0.8
    assert model.method_.startswith("Ward tree on opinion embeddings")


def test_large_corpora_are_cut_into_sensible_themes_without_bertopic():
    # Opinions are clustered by a Ward tree cut heaviest branch first (issue 21), whatever
    # the corpus size; BERTopic runs only with an injected reducer or clusterer.
    texts, truth = corpus(120)
    model = ThemeModel(embedding_model=TinyEncoder()).fit(texts)
    assert model.method_.startswith("Ward tree on opinion embeddings")
    assert 5 <= model.n_themes_ <= 30
    assert (model.labels_ >= 0).mean() >= 0.95
    assert adjusted_rand_score(truth, model.labels_) > 0.8


def test_non_answers_are_their_own_bucket_never_a_theme(fitted_200):
    model, texts, _ = fitted_200
    assert model.labels_[len(texts) :].tolist() == [-2] * len(NON_ANSWERS)
    assert model.is_non_answer_.sum() == len(NON_ANSWERS)
    assert model.themes_["size"].sum() == len(texts)
    assert -2 not in model.themes_["theme_id"].tolist()


def test_theme_table_is_complete_and_consistent(fitted_200):
    model, texts, _ = fitted_200
    themes = model.themes_
    assert themes.columns.tolist() == [
        "theme_id",
        "label",
        "keywords",
        "size",
        "share",
        "representative_comments",
        "polarity",
        "mentions",
    ]
    assert themes["share"].sum() == pytest.approx(1.0)
    assert set(themes["polarity"]) <= {"complaint", "praise", "suggestion", "neutral", ""}
    real = themes[themes["theme_id"] >= 0]
    assert real["size"].is_monotonic_decreasing
    for _, theme in real.iterrows():
        members = {t for t, k in zip(texts, model.labels_, strict=False) if k == theme["theme_id"]}
        assert len(theme["representative_comments"]) == min(3, len(members))
        assert set(theme["representative_comments"]) <= members
        words = theme["label"].split()  # a phrase from the theme's comments, not keywords
        assert " / " not in theme["label"] and 2 <= len(words) <= 6
        assert any(theme["label"] in m for m in members)
        assert not {"the", "and", "to", "my"} & set(" ".join(theme["keywords"]).split())


def test_row_order_does_not_change_the_themes():
    texts, _ = corpus(40)
    texts += NON_ANSWERS
    order = np.random.default_rng(1).permutation(len(texts))
    first = ThemeModel(embedding_model=TinyEncoder()).fit(texts)
    shuffled = ThemeModel(embedding_model=TinyEncoder()).fit([texts[i] for i in order])
    pd.testing.assert_frame_equal(first.themes_, shuffled.themes_)
    assert np.array_equal(first.labels_[order], shuffled.labels_)


def test_same_input_same_output():
    texts, _ = corpus(12)
    a = ThemeModel(embedding_model=TinyEncoder()).fit(texts)
    b = ThemeModel(embedding_model=TinyEncoder()).fit(texts)
    assert np.array_equal(a.labels_, b.labels_)
    pd.testing.assert_frame_equal(a.themes_, b.themes_)


@pytest.mark.parametrize("size", [1, 2, 5, 10, 50])
def test_small_corpora_give_sensible_groups(size):
    texts, truth = corpus(max(1, size // 5))
    texts, truth = texts[:size], truth[:size]
    model = ThemeModel(embedding_model=TinyEncoder()).fit(texts)
    assert (model.labels_ >= 0).all()
    assert 1 <= model.n_themes_ <= max(1, size)
    if size == 1:
        assert model.n_themes_ == 1 and model.themes_["representative_comments"][0] == texts
    if size >= 10:  # no theme mixes comments from different groups
        assert homogeneity_score(truth, model.labels_) == pytest.approx(1.0)
    if size >= 50:
        assert adjusted_rand_score(truth, model.labels_) > 0.5


def test_only_non_answers_gives_no_theme():
    model = ThemeModel(embedding_model=TinyEncoder()).fit(NON_ANSWERS)
    assert model.n_themes_ == 0 and model.themes_.empty
    assert (model.labels_ == -2).all()
    assert model.transform(["late delivery"]).tolist() == [-1]


def test_fixed_number_of_themes():
    texts, _ = corpus(10)
    model = ThemeModel(embedding_model=TinyEncoder(), n_themes=3).fit(texts)
    assert model.n_themes_ == 3


def test_precomputed_embeddings_match_the_encoder():
    texts, _ = corpus(10)
    embeddings = TinyEncoder().encode(texts)
    from_vectors = ThemeModel().fit(texts, embeddings=embeddings)
    from_encoder = ThemeModel(embedding_model=TinyEncoder()).fit(texts)
    assert np.array_equal(from_vectors.labels_, from_encoder.labels_)
    assert from_vectors.embedded_count_ == 0
    with pytest.raises(ValueError, match="one row per comment"):
        ThemeModel().fit(texts, embeddings=embeddings[:-1])


def test_injected_reducer_and_clusterer_are_used():
    texts, truth = corpus(20)
    model = ThemeModel(
        embedding_model=TinyEncoder(),
        reducer=PCA(n_components=5, random_state=0),
        clusterer=KMeans(n_clusters=5, n_init=10, random_state=0),
    ).fit(texts)
    assert isinstance(model.topic_model_.umap_model, PCA)
    # KMeans's 5 clusters, each split by polarity where its opinions differ in tone
    assert model.n_themes_ >= 5
    assert homogeneity_score(truth, model.labels_) > 0.95  # no theme spans two clusters
    assert adjusted_rand_score(truth, model.labels_) > 0.7


def test_transform_puts_new_comments_in_the_right_theme(fitted_200):
    model, texts, truth = fitted_200
    theme_of = {
        name: np.bincount(model.labels_[: len(texts)][np.array(truth) == name]).argmax()
        for name in GROUPS
    }
    new = ["invoice pdf download", "app crashes freezes", "n/a", "zebra quantum origami"]
    assigned = model.transform(new).tolist()
    assert assigned[:3] == [theme_of["invoice"], theme_of["crash"], -2]
    assert assigned[3] == -1


def test_assignments_follow_input_order(fitted_200):
    model, texts, _ = fitted_200
    table = model.assignments()
    assert table["row"].tolist() == list(range(len(texts) + len(NON_ANSWERS)))
    assert table["theme_label"].iloc[-1] == "(non-answer)"
    labels = dict(zip(model.themes_["theme_id"], model.themes_["label"], strict=True))
    assert table["theme_label"].iloc[0] == labels[model.labels_[0]]


def test_cache_makes_a_rerun_embed_only_new_comments(tmp_path):
    texts, _ = corpus(10)
    encoder = TinyEncoder()
    first = ThemeModel(embedding_model=encoder, cache_dir=tmp_path, cache_key="tiny").fit(texts)
    second = ThemeModel(embedding_model=encoder, cache_dir=tmp_path, cache_key="tiny").fit(
        texts + ["a brand new comment about invoices"]
    )
    assert first.embedded_count_ == len(set(texts))
    assert second.embedded_count_ == 1


def test_missing_values_of_any_kind_are_empty_comments():
    texts, _ = corpus(4)
    comments = pd.Series([*texts, None, np.nan, pd.NA], dtype=object)
    model = ThemeModel(embedding_model=TinyEncoder()).fit(comments)
    assert model.labels_[-3:].tolist() == [-2, -2, -2]


def test_min_themes_of_one_is_allowed():
    texts, _ = corpus(10)
    model = ThemeModel(embedding_model=TinyEncoder(), min_themes=1).fit(texts)
    assert model.n_themes_ >= 1


def test_a_subsampled_fit_does_not_depend_on_row_order(monkeypatch):
    from passives_lib.themes import _unit_clustering

    monkeypatch.setattr(_unit_clustering, "TREE_MAX", 120)  # the tree sees 120 of 200
    texts, truth = corpus(40, seed=3)
    model = ThemeModel(embedding_model=TinyEncoder(), random_state=7).fit(texts)
    assert (model.labels_ >= 0).mean() >= 0.95
    assert adjusted_rand_score(truth, model.labels_) > 0.8
    order = np.random.default_rng(1).permutation(len(texts))
    shuffled = ThemeModel(embedding_model=TinyEncoder(), random_state=7).fit(
        [texts[i] for i in order]
    )
    assert np.array_equal(shuffled.labels_, model.labels_[order])
    assert shuffled.themes_["label"].tolist() == model.themes_["label"].tolist()


def test_a_fit_reads_its_embedding_cache_file_at_most_once(tmp_path, monkeypatch):
    texts, _ = corpus(10)
    reads: list[str] = []
    real_load = np.load

    def counting(path, *args, **kwargs):
        reads.extend([str(path)] if "embeddings-" in str(path) else [])
        return real_load(path, *args, **kwargs)

    monkeypatch.setattr(np, "load", counting)
    model = ThemeModel(embedding_model=TinyEncoder(), cache_dir=tmp_path, cache_key="tiny")
    model.fit(texts)
    assert reads == []  # opinions written, then the candidate names, never read back
    assert "_opinion_cache" not in vars(model)  # nothing held after the fit
    names = set(model.themes_["label"])
    again = ThemeModel(embedding_model=TinyEncoder(), cache_dir=tmp_path, cache_key="tiny")
    again.fit(texts)
    assert len(reads) == 1 and again.embedded_count_ == 0
    assert set(again.themes_["label"]) == names
