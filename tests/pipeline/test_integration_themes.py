"""Real comments with the real bundled model (all-MiniLM-L6-v2), through the CLI."""

import pandas as pd
import pytest
from sklearn.metrics import normalized_mutual_info_score

from passives_lib.cli import main
from tests.conftest import shared_file


@pytest.fixture(scope="module")
def nhs_slice(tmp_path_factory):
    """400 single-label NHS comments with their human labels, as a CSV of our own."""
    frame = pd.read_csv(shared_file("nhs_fft_themes/v6framework_230831.csv"))
    columns = list(frame.columns)
    labels = columns[columns.index("Comment sentiment") + 1 :]
    onehot = frame[labels].fillna(0).astype(int)
    text = frame["FFT answer"].fillna("").astype(str).str.strip()
    keep = (onehot.sum(axis=1) == 1) & (frame["Not assigned"].fillna(0) == 0) & (text != "")
    sample = pd.DataFrame({"comment": text[keep], "label": onehot[keep].idxmax(axis=1)})
    sample = sample.sample(400, random_state=0).reset_index(drop=True)
    path = tmp_path_factory.mktemp("nhs") / "nhs_slice.csv"
    sample.to_csv(path, index=False)
    return path, sample


def test_cli_themes_on_real_comments(nhs_slice, tmp_path, capsys):
    path, sample = nhs_slice
    out = tmp_path / "themes"
    code = main(["themes", str(path), "--out", str(out), "--text-column", "comment"])
    printed = capsys.readouterr().out
    assert code == 0, printed
    themes = pd.read_csv(out / "themes.csv")
    assignments = pd.read_csv(out / "assignments.csv")
    assert len(assignments) == len(sample)
    assert assignments["row"].tolist() == list(range(len(sample)))
    real = themes[themes["theme_id"] >= 0]
    assert 5 <= len(real) <= 30
    assigned = assignments.loc[~assignments["is_non_answer"], "theme_id"] >= 0
    assert assigned.mean() >= 0.95
    nmi = normalized_mutual_info_score(sample["label"], assignments["theme_id"])
    assert nmi > 0.2  # well above chance (about 0.05 for 400 comments in this many groups)
    assert real["theme_label"].str.len().between(3, 80).all()
    assert (real["representative_comments"].str.count(r" \| ") == 2).all()
    assert "themes (" in printed and "wrote themes:" in printed


def test_cli_themes_again_reuses_the_cache(nhs_slice, tmp_path, capsys, monkeypatch):
    path, _ = nhs_slice
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert (
        main(["themes", str(path), "--out", str(tmp_path / "a"), "--text-column", "comment"]) == 0
    )
    first = pd.read_csv(tmp_path / "a" / "assignments.csv")
    assert any((tmp_path / "cache" / "passives").glob("embeddings-*.npz"))
    assert (
        main(["themes", str(path), "--out", str(tmp_path / "b"), "--text-column", "comment"]) == 0
    )
    second = pd.read_csv(tmp_path / "b" / "assignments.csv")
    pd.testing.assert_frame_equal(first, second)
    capsys.readouterr()
