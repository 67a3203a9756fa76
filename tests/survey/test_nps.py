import math

import numpy as np
import pandas as pd
import pytest

from passives_lib.config import NpsSettings
from passives_lib.survey import compare_nps, nps_from_counts, nps_table, weekly_nps


def reference_nps(scores: list[int]) -> tuple[float, float]:
    """NPS and 95% margin from first principles: the mean and standard error of +1/0/-1."""
    values = np.array([1 if s >= 9 else (-1 if s <= 6 else 0) for s in scores], dtype=float)
    n = len(values)
    mean = values.mean()
    population_variance = ((values - mean) ** 2).mean()
    return 100 * mean, 100 * 1.959963984540054 * math.sqrt(population_variance / n)


def test_counts_give_the_textbook_figures():
    scores = [9] * 50 + [7] * 30 + [3] * 20
    nps, margin = nps_from_counts(20, 30, 50)
    expected_nps, expected_margin = reference_nps(scores)
    assert float(nps) == pytest.approx(expected_nps)
    assert float(margin) == pytest.approx(expected_margin)


def test_no_responses_gives_nan_not_an_error():
    nps, margin = nps_from_counts(0, 0, 0)
    assert math.isnan(float(nps)) and math.isnan(float(margin))


def test_table_by_segment_matches_first_principles():
    rng = np.random.default_rng(7)
    frame = pd.DataFrame(
        {"score": rng.integers(0, 11, 600), "segment": rng.choice(list("xyz"), 600)}
    )
    table = nps_table(frame, by="segment")
    assert table.index.tolist() == ["x", "y", "z"]
    for segment, row in table.iterrows():
        scores = frame.loc[frame["segment"] == segment, "score"].tolist()
        expected_nps, expected_margin = reference_nps(scores)
        assert row["n"] == len(scores)
        assert row["nps"] == pytest.approx(expected_nps)
        assert row["nps_margin_95"] == pytest.approx(expected_margin)
        assert row["nps_low_95"] == pytest.approx(expected_nps - expected_margin)
    assert table["n"].sum() == 600


def test_small_and_wide_samples_are_flagged():
    small = pd.DataFrame({"score": [10, 0, 8]})
    row = nps_table(small).iloc[0]
    assert row["wide_margin"] and "only 3 responses" in row["warning"]
    wide = pd.DataFrame({"score": [10] * 20 + [0] * 20})
    row = nps_table(wide, settings=NpsSettings(min_responses=10, wide_margin=15)).iloc[0]
    assert row["wide_margin"] and "wider than 15" in row["warning"]
    calm = pd.DataFrame({"score": [10] * 500 + [8] * 500})
    row = nps_table(calm).iloc[0]
    assert not row["wide_margin"] and row["warning"] == ""


def test_interval_is_clipped_to_the_scale():
    row = nps_table(pd.DataFrame({"score": [10] * 40 + [0]})).iloc[0]
    assert row["nps_high_95"] == 100


def test_compare_nps_is_a_two_sided_z_test():
    result = compare_nps(10.0, 1.96 * 3, 16.0, 1.96 * 4)
    assert result["change"] == pytest.approx(6.0)
    # standard errors 3 and 4 -> se of the difference 5, z = 1.2, p = 0.2301
    assert result["z"] == pytest.approx(1.2, rel=1e-3)
    assert result["p_value"] == pytest.approx(0.2301, abs=1e-3)
    assert result["significant"] is False
    assert compare_nps(10.0, 1.96, 16.0, 1.96)["significant"] is True


def test_compare_with_a_missing_week_is_not_significant():
    result = compare_nps(float("nan"), float("nan"), 20.0, 5.0)
    assert math.isnan(result["p_value"]) and result["significant"] is False


def test_weekly_nps_orders_weeks_and_tests_each_change():
    frame = pd.DataFrame(
        {
            "score": [10] * 40 + [0] * 40 + [10] * 40,
            "iso_week": ["2026-W02"] * 40 + ["2026-W03"] * 40 + ["2026-W05"] * 40,
        }
    )
    table = weekly_nps(frame)
    assert table.index.tolist() == ["2026-W02", "2026-W03", "2026-W05"]
    assert table["nps"].tolist() == [100, -100, 100]
    assert math.isnan(table["change"].iloc[0])
    assert table["change"].iloc[1:].tolist() == [-200, 200]


def test_weekly_nps_needs_dates():
    with pytest.raises(ValueError, match="needs response dates"):
        weekly_nps(pd.DataFrame({"score": [1, 2]}))
