import numpy as np
import pandas as pd
import pytest

from passives_lib.survey import add_classification, iso_week, nps_category, passive_lean


def test_every_score_has_its_category():
    scores = pd.Series(range(11))
    expected = ["detractor"] * 7 + ["passive"] * 2 + ["promoter"] * 2
    assert nps_category(scores).astype(str).tolist() == expected


def test_lean_is_only_for_passives():
    lean = passive_lean(pd.Series([0, 6, 7, 8, 9, 10]))
    assert lean.isna().tolist() == [True, True, False, False, True, True]
    assert lean[2] == "leans detractor" and lean[3] == "leans promoter"


@pytest.mark.parametrize("bad", [11, -1, 7.5, np.nan, "eight"])
def test_invalid_scores_raise(bad):
    with pytest.raises(ValueError, match="whole numbers from 0 to 10"):
        nps_category(pd.Series([5, bad], dtype=object))


def test_add_classification_keeps_index_and_adds_columns():
    frame = pd.DataFrame(
        {"score": [8, 3], "responded_at": pd.to_datetime(["2026-12-31", "2026-01-05"])},
        index=[10, 20],
    )
    out = add_classification(frame)
    assert out.index.tolist() == [10, 20]
    assert out["category"].astype(str).tolist() == ["passive", "detractor"]
    assert out["iso_week"].tolist() == ["2026-W53", "2026-W02"]
    assert "category" not in frame  # the input is not modified


def test_iso_week_agrees_with_the_standard_library():
    dates = pd.Series(pd.date_range("2024-12-20", "2027-01-10", freq="D"))
    expected = [f"{d.isocalendar()[0]}-W{d.isocalendar()[1]:02d}" for d in dates]
    assert iso_week(dates).tolist() == expected
