"""Tests for the seeded synthetic survey generator (passives_lib.sample._generate)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from passives_lib.core._errors import ConfigError
from passives_lib.sample._generate import (
    EMERGING_THEME,
    QUICK_WIN_THEMES,
    SampleSurvey,
    generate_survey,
    main,
    write_sample,
)

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "data" / "sample"
COLUMNS = [
    "respondent_id",
    "score",
    "comment",
    "responded_at",
    "segment",
    "lifetime_value",
    "contact_status",
    "usage_current",
    "usage_previous",
    "features_purchased",
    "features_used",
]
STATUSES = {"not_contacted", "contacted", "responded", "converted", "declined", "no_answer"}
SPECIAL = {"none", "non_answer", "invalid"}


@pytest.fixture(scope="module")
def default() -> SampleSurvey:
    return generate_survey()


@pytest.fixture(scope="module")
def large() -> SampleSurvey:
    """Enough clean rows for stable shares; still well under a second."""
    return generate_survey(n_responses=30_000, seed=7, bad_rows=False)


def _valid(sample: SampleSurvey) -> tuple[pd.DataFrame, pd.Series]:
    keep = sample.truth_assignments["theme"] != "invalid"
    survey = sample.survey[keep].copy()
    survey["score"] = survey["score"].astype(int)
    survey["week"] = (pd.to_datetime(survey["responded_at"]) - pd.Timestamp("2026-06-29")).dt.days
    survey["week"] //= 7
    return survey, sample.truth_assignments.loc[keep, "theme"]


def test_same_seed_gives_identical_frames() -> None:
    a = generate_survey(n_responses=500, n_weeks=6, seed=3)
    b = generate_survey(n_responses=500, n_weeks=6, seed=3)
    pd.testing.assert_frame_equal(a.survey, b.survey)
    pd.testing.assert_frame_equal(a.truth_assignments, b.truth_assignments)
    pd.testing.assert_frame_equal(a.truth_themes, b.truth_themes)


def test_different_seed_gives_different_frames() -> None:
    a = generate_survey(n_responses=500, n_weeks=6, seed=3)
    b = generate_survey(n_responses=500, n_weeks=6, seed=4)
    assert not a.survey.equals(b.survey)
    assert not a.survey["comment"].equals(b.survey["comment"])


def test_written_files_are_byte_identical(tmp_path: Path) -> None:
    first = write_sample(tmp_path / "a", n_responses=300, n_weeks=4, seed=11)
    second = write_sample(tmp_path / "b", n_responses=300, n_weeks=4, seed=11)
    assert set(first) == {"survey", "truth_themes", "truth_assignments"}
    for name, path in first.items():
        assert path.read_bytes() == second[name].read_bytes()


def test_default_sample_shape(default: SampleSurvey) -> None:
    survey = default.survey
    assert list(survey.columns) == COLUMNS
    assert len(survey) >= 3000
    assert survey["segment"].nunique() >= 5
    assert survey["segment"].value_counts().pipe(lambda c: c.max() > 2 * c.min())
    assert set(survey["contact_status"]) == STATUSES
    assert (survey["contact_status"] == "not_contacted").mean() > 0.5
    dates = pd.to_datetime(survey["responded_at"], format="%Y-%m-%d", errors="coerce")
    assert dates.dropna().dt.isocalendar().week.nunique() >= 16
    assert (dates.dropna().min().weekday()) == 0


def test_default_sample_values(default: SampleSurvey) -> None:
    survey, _ = _valid(default)
    ltv = survey["lifetime_value"]
    assert (ltv >= 0).all()
    assert ltv.mean() > 1.2 * ltv.median()
    by_segment = survey.groupby("segment")["lifetime_value"].median()
    assert by_segment.idxmax() == "Enterprise"
    for column in ("usage_current", "usage_previous", "features_purchased", "features_used"):
        assert pd.api.types.is_numeric_dtype(survey[column])
        assert (survey[column] >= 0).all()
    assert (survey["features_used"] <= survey["features_purchased"]).mean() > 0.9
    assert survey["score"].between(0, 10).all()


def test_score_mix_looks_like_real_nps(large: SampleSurvey) -> None:
    score = large.survey["score"]
    assert score.dtype == np.int64
    detractors, passives, promoters = (
        (score <= 6).mean(),
        score.between(7, 8).mean(),
        (score >= 9).mean(),
    )
    assert 0.22 < detractors < 0.33
    assert 0.27 < passives < 0.37
    assert 0.35 < promoters < 0.46
    assert 5 < 100 * (promoters - detractors) < 25
    by_segment = large.survey.groupby("segment")["score"].apply(lambda s: (s >= 9).mean())
    assert by_segment.max() - by_segment.min() > 0.05


def test_usage_falls_more_for_unhappy_customers(large: SampleSurvey) -> None:
    survey = large.survey
    falling = survey["usage_current"] < 0.9 * survey["usage_previous"]
    share = falling.groupby(pd.cut(survey["score"], [-1, 6, 8, 10]), observed=True).mean()
    assert share.iloc[0] > share.iloc[1] > share.iloc[2]


def test_truth_assignments_align_with_survey(default: SampleSurvey) -> None:
    truth, survey = default.truth_assignments, default.survey
    assert list(truth.columns) == ["respondent_id", "theme"]
    assert len(truth) == len(survey)
    assert (truth["respondent_id"].to_numpy() == survey["respondent_id"].to_numpy()).all()
    keys = set(default.truth_themes["theme"])
    assert set(truth["theme"]) <= keys | SPECIAL
    valid = truth["theme"] != "invalid"
    assert ((truth["theme"] == "none") == (survey["comment"] == ""))[valid].all()


def test_truth_themes_catalogue(default: SampleSurvey) -> None:
    themes = default.truth_themes
    assert list(themes.columns) == [
        "theme",
        "description",
        "effort",
        "quick_win",
        "concentrated_in",
        "first_week_index",
        "example",
    ]
    assert 10 <= len(themes) <= 13
    assert themes["theme"].is_unique
    assert set(themes["effort"]) <= {"low", "medium", "high"}
    assert set(themes["concentrated_in"]) <= {"detractors", "passives", "promoters", "mixed"}
    quick = themes[themes["quick_win"]]
    assert set(quick["theme"]) == set(QUICK_WIN_THEMES)
    assert len(quick) == 2
    assert (quick["effort"] == "low").all()
    assert (quick["concentrated_in"] == "passives").all()
    emerging = themes.set_index("theme").loc[EMERGING_THEME, "first_week_index"]
    assert emerging > 0
    assert (themes.loc[themes["theme"] != EMERGING_THEME, "first_week_index"] == 0).all()


def test_every_theme_is_planted_with_many_phrasings(large: SampleSurvey) -> None:
    comments = large.survey["comment"].str.lower()
    truth = large.truth_assignments["theme"]
    for theme in large.truth_themes["theme"]:
        distinct = comments[truth == theme].nunique()
        assert distinct >= 30, theme


def test_comment_kinds(large: SampleSurvey) -> None:
    truth = large.truth_assignments["theme"]
    comment = large.survey["comment"]
    assert 0.10 < (truth == "none").mean() < 0.20
    assert 0.03 < (truth == "non_answer").mean() < 0.08
    assert (comment[truth == "non_answer"].str.split().str.len() <= 2).all()
    themed = comment[~truth.isin(SPECIAL)]
    words = themed.str.split().str.len()
    assert words.min() >= 2
    assert words.max() <= 70
    assert words.quantile(0.9) > 2 * words.quantile(0.1)


def test_quick_wins_are_concentrated_among_passives(large: SampleSurvey) -> None:
    survey, truth = large.survey, large.truth_assignments["theme"]
    commented = ~truth.isin(SPECIAL)
    for theme in QUICK_WIN_THEMES:
        scores = survey.loc[truth == theme, "score"]
        assert scores.between(7, 8).mean() > 0.6, theme
        assert (scores >= 9).mean() < 0.1, theme
        share = (truth == theme).sum() / commented.sum()
        assert 0.03 < share < 0.10, theme


def test_themes_lean_the_way_the_catalogue_says(large: SampleSurvey) -> None:
    survey, truth = large.survey, large.truth_assignments["theme"]
    group = pd.cut(survey["score"], [-1, 6, 8, 10], labels=["detractors", "passives", "promoters"])
    for row in large.truth_themes.itertuples():
        if row.concentrated_in == "mixed":
            continue
        counts = group[truth == row.theme].value_counts(normalize=True)
        assert counts.idxmax() == row.concentrated_in, row.theme


def test_emerging_theme_only_in_last_three_weeks(default: SampleSurvey) -> None:
    survey, truth = _valid(default)
    weeks = survey.loc[truth == EMERGING_THEME, "week"]
    assert len(weeks) > 0
    assert weeks.min() >= 20 - 3
    counts = weeks.value_counts().sort_index()
    assert counts.iloc[-1] > counts.iloc[0]


def test_contact_details_and_formula_starts(large: SampleSurvey) -> None:
    comment = large.survey["comment"]
    contact = comment.str.contains(r"@example\.(?:com|org)|\+44 20 7946 0\d{3}|555-01\d\d")
    assert 0.002 < contact.mean() < 0.01
    emails = comment.str.extractall(r"([\w.]+@[\w.]+\w)")[0]
    assert emails.str.endswith(("@example.com", "@example.org")).all()
    formula = comment[comment.str.match(r"^[=+@]|^-\w")]
    assert 3 <= len(formula) <= 10
    assert not large.truth_assignments.loc[formula.index, "theme"].isin(SPECIAL).any()


def test_bad_rows_are_planted_and_marked(default: SampleSurvey) -> None:
    survey, truth = default.survey, default.truth_assignments["theme"]
    invalid = truth == "invalid"
    assert 5 <= invalid.sum() <= 12
    score = pd.to_numeric(survey["score"], errors="coerce")
    bad_score = score.isna() | ~score.between(0, 10) | (score != score.round())
    bad_date = pd.to_datetime(survey["responded_at"], format="%Y-%m-%d", errors="coerce").isna()
    bad_ltv = survey["lifetime_value"] < 0
    assert ((bad_score | bad_date | bad_ltv) == invalid).all()
    for raw in ("eight", "11", "-1", "7.5", ""):
        assert (survey["score"] == raw).sum() == 1, raw
    assert (survey["responded_at"] == "31/02/2026").sum() == 1
    positions = np.flatnonzero(invalid.to_numpy())
    assert positions.min() < len(survey) - invalid.sum()  # interleaved, not only appended


def test_one_legitimate_duplicate_respondent(default: SampleSurvey) -> None:
    survey, truth = default.survey, default.truth_assignments["theme"]
    dup = survey[survey["respondent_id"].duplicated(keep=False)]
    assert len(dup) == 2
    earlier, later = dup.iloc[0], dup.iloc[1]
    assert later["responded_at"] > earlier["responded_at"]
    assert later["score"] != earlier["score"]
    assert not truth[dup.index].eq("invalid").any()


def test_clean_sample_has_no_problems() -> None:
    sample = generate_survey(n_responses=2000, seed=5, bad_rows=False)
    survey = sample.survey
    assert len(survey) == 2000
    assert survey["respondent_id"].is_unique
    assert survey["respondent_id"].str.fullmatch(r"C\d{7}").all()
    assert "invalid" not in set(sample.truth_assignments["theme"])
    assert pd.to_datetime(survey["responded_at"], format="%Y-%m-%d").notna().all()


def test_bad_arguments_are_rejected() -> None:
    with pytest.raises(ConfigError, match="Monday"):
        generate_survey(n_responses=50, start="2026-06-30")
    with pytest.raises(ConfigError):
        generate_survey(n_responses=0)
    with pytest.raises(ConfigError):
        generate_survey(n_responses=5, bad_rows=True)


def test_cli_writes_the_three_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sample"
    assert main(["--out", str(out), "--rows", "200", "--weeks", "4", "--no-bad-rows"]) == 0
    written = sorted(p.name for p in out.iterdir())
    assert written == ["survey.csv", "truth_assignments.csv", "truth_themes.csv"]
    survey = pd.read_csv(out / "survey.csv", keep_default_na=False, dtype=str)
    assert list(survey.columns) == COLUMNS
    assert len(survey) == 200
    assert "survey.csv" in capsys.readouterr().out


def test_committed_sample_matches_generator(tmp_path: Path) -> None:
    if not (SAMPLE / "survey.csv").is_file():
        pytest.skip("data/sample/survey.csv is not present")
    fresh = write_sample(tmp_path)
    for path in fresh.values():
        committed = SAMPLE / path.name
        assert committed.read_bytes() == path.read_bytes(), (
            f"{committed} is stale: run `python -m passives_lib.sample._generate --out data/sample`"
        )


def test_the_sample_command_refuses_zero_rows_without_a_traceback(tmp_path, capsys) -> None:
    from passives_lib.cli import EXIT_USER_ERROR, main

    assert main(["sample", "--out", str(tmp_path), "--rows", "0"]) == EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert err.startswith("error: sample: rows and weeks must be at least 1, got 0")
    assert "Traceback" not in err
