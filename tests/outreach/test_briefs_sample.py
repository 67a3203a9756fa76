"""Call briefs and soft promoters on the project's seeded sample (data/sample/)."""

import pandas as pd

from passives_lib import load_config, load_survey
from passives_lib.outreach import build_briefs, plan_week, soft_promoters
from tests.conftest import SAMPLE


def sample_themes() -> pd.DataFrame:
    """The sample's true theme of each respondent, in the plan's theme columns."""
    truth = pd.read_csv(SAMPLE / "truth_assignments.csv")
    themes = pd.read_csv(SAMPLE / "truth_themes.csv")
    ids = {name: i for i, name in enumerate(themes["theme"])}
    effort = dict(zip(themes["theme"], themes["effort"], strict=True))
    return pd.DataFrame(
        {
            "respondent_id": truth["respondent_id"],
            "theme_id": truth["theme"].map(ids).fillna(-2).astype(int),
            "theme_label": truth["theme"].map(lambda t: t.replace("_", " ") if t in ids else ""),
            "theme_keywords": [[] for _ in range(len(truth))],
            "theme_effort": truth["theme"].map(effort),
        }
    )


def test_every_listed_passive_with_a_theme_gets_a_brief_naming_it():
    config = load_config(SAMPLE / "config.yml")
    loaded = load_survey(SAMPLE / "survey.csv", config)
    plan = plan_week(loaded.responses, config.plan, themes=sample_themes())
    checked = 0
    for name in ("call_list", "management_sample"):
        rows = getattr(plan, name)
        assert len(rows) > 0
        briefs = build_briefs(rows, name)
        assert len(briefs) == len(rows)
        for brief, row in zip(briefs, rows.to_dict(orient="records"), strict=True):
            assert 2 <= len(brief.questions) <= 3
            text = " ".join(brief.questions)
            if row["theme_id"] >= 0:
                assert row["theme_label"] in text
                checked += 1
            elif brief.unused_features:
                assert brief.unused_features.split(" of the ")[0] + " of your" in text
    assert checked >= 10
    everyone = plan.pool.drop(columns="assignee", errors="ignore").assign(assignee="x")
    themed = everyone[everyone["theme_id"] >= 0]
    for brief, label in zip(build_briefs(themed, "call_list"), themed["theme_label"], strict=True):
        assert label in " ".join(brief.questions)


def test_soft_promoters_on_the_sample_are_promoters_and_not_on_the_lists():
    config = load_config(SAMPLE / "config.yml")
    loaded = load_survey(SAMPLE / "survey.csv", config)
    soft = soft_promoters(loaded.responses, config.plan.soft_promoter_usage_drop)
    assert len(soft) > 0 and soft["score"].isin([9, 10]).all()
    plan = plan_week(loaded.responses, config.plan)
    listed = set(plan.call_list["respondent_id"]) | set(plan.management_sample["respondent_id"])
    assert not listed & set(soft["respondent_id"])
