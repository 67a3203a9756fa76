"""The soft-promoter bench: its hand-labelled list and its figures on the shared data."""

import numpy as np
import pandas as pd
import pytest

from bench.soft_promoters import LABELS, SOURCES, labelled_comments, main, precision_recall


def test_the_labelled_list_has_enough_promoters_of_each_kind():
    labels = pd.read_csv(LABELS, dtype={"key": str})
    assert len(labels) >= 100
    assert set(labels["dataset"]) == set(SOURCES)
    assert set(labels["soft"]) == {0, 1}
    assert labels["soft"].sum() >= 30
    assert not labels.duplicated(["dataset", "key"]).any()
    assert labels["excerpt"].str.split().str.len().max() <= 7  # short excerpts only


def test_precision_recall():
    truth = np.array([1, 1, 0, 0, 1], bool)
    flagged = np.array([1, 0, 1, 0, 1], bool)
    assert precision_recall(truth, flagged) == (2 / 3, 2 / 3, 3)


@pytest.mark.integration
def test_the_bench_prints_precision_and_recall_on_the_labelled_list(capsys):
    assert len(labelled_comments()) == len(pd.read_csv(LABELS))
    main([])
    lines = capsys.readouterr().out.splitlines()
    overall = next(line for line in lines if line.startswith("all") and " now " in line)
    precision, recall = map(float, overall.split()[2:4])
    assert precision >= 0.85 and recall >= 0.85
