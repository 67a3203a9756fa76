"""Findings count a comment under each of its themes (``theme_ids``, primary first)."""

import pytest

from passives_lib.findings._findings import theme_findings, theme_id_lists
from tests.findings.test_findings import rows_for, window


def test_a_comment_with_two_themes_counts_under_both():
    rows = rows_for(0, [3, 5, 7, 8]) + rows_for(1, [9, 10, 7]) + rows_for(-2, [10])
    responses, assignments = window(rows)
    # the two detractors of theme 0 also raise theme 1
    assignments["theme_ids"] = [
        "0;1", "0;1", "0", "0", "1", "1", "1", "-2"
    ]  # fmt: skip
    found = theme_findings(responses, assignments, "2026-W45").set_index("theme_id")
    assert found.loc[1, ["detractors", "passives_7", "passives_8", "promoters"]].tolist() == [
        2,
        1,
        0,
        2,
    ]
    assert found.loc[1, "mentions"] == 5 and found.loc[1, "primary_mentions"] == 3
    assert found.loc[0, "mentions"] == 4 and found.loc[0, "primary_mentions"] == 4
    # shares stay shares of commenters (each commenter once): 2 detractors commented
    assert found.loc[1, "share_detractors"] == pytest.approx(1.0)
    signs = responses["category"].astype(str).map({"detractor": -1, "passive": 0, "promoter": 1})
    raised = responses["respondent_id"].isin(["t0-0", "t0-1", "t1-0", "t1-1", "t1-2"])
    assert found.loc[1, "nps_impact"] == pytest.approx(
        100 * signs.mean() - 100 * signs[~raised].mean()
    )
    assert any("t0-" in q or "theme 0" in q for q in found.loc[1, "quotes"])


def test_without_theme_ids_each_comment_counts_once():
    rows = rows_for(0, [3, 5, 7]) + rows_for(1, [9, 10])
    responses, assignments = window(rows)
    found = theme_findings(responses, assignments, "2026-W45").set_index("theme_id")
    assert found["mentions"].sum() == 5
    assert (found["mentions"] == found["primary_mentions"]).all()


def test_theme_id_lists_put_the_primary_first_and_accept_lists():
    import pandas as pd

    frame = pd.DataFrame({"theme_id": [2, 1], "theme_ids": [[0, 2], "1;1;3"]})
    assert theme_id_lists(frame) == [[2, 0], [1, 3]]
