import pandas as pd
import pytest

from passives_lib.config import config_from_dict
from passives_lib.core import InputError
from passives_lib.pipeline import model_from_config, run_themes, write_theme_outputs
from passives_lib.themes import ThemeModel
from tests.themes.test_themes import corpus
from tests.tiny_embedding import TinyEncoder


def survey_csv(texts: list[str]) -> str:
    lines = ["respondent_id,score,comment,responded_at"]
    for i, text in enumerate(texts):
        lines.append(f"r{i},{7 + i % 3},{text},2026-07-0{1 + i % 7}")
    return "\n".join(lines) + "\n"


def test_survey_rows_get_themes_and_rejected_rows_are_kept_in_order(write_export, tmp_path):
    texts, _ = corpus(8)
    content = survey_csv(texts).splitlines()
    content.insert(4, "bad,eleven,invoice pdf download,2026-07-01")  # data row 3 (0-based)
    path = write_export("\n".join(content) + "\n")
    run = run_themes(path, model=ThemeModel(embedding_model=TinyEncoder()))
    table = run.assignments
    assert table["row"].tolist() == list(range(len(texts) + 1))
    assert table.loc[3, "theme_label"] == "(rejected row)" and pd.isna(table.loc[3, "theme_id"])
    assert table["theme_id"].drop(index=3).notna().all()
    assert table.loc[0, "respondent_id"] == "r0"
    assert "1 rejected row(s) have no theme" in run.notes

    written = write_theme_outputs(run, tmp_path / "out")
    themes = pd.read_csv(written["themes"])
    assert themes.columns.tolist() == [
        "theme_id",
        "theme_label",
        "theme_keywords",
        "size",
        "share",
        "representative_comments",
        "polarity",
        "mentions",
    ]
    assert pd.read_csv(written["assignments"])["row"].tolist() == table["row"].tolist()


def test_any_table_with_a_text_column(write_export):
    texts, _ = corpus(6)
    path = write_export("id;review\n" + "\n".join(f"{i};{t}" for i, t in enumerate(texts)))
    run = run_themes(path, text_column="review", model=ThemeModel(embedding_model=TinyEncoder()))
    assert len(run.assignments) == len(texts) and run.loaded is None
    with pytest.raises(InputError, match="no column 'text'") as info:
        run_themes(path, text_column="text", model=ThemeModel(embedding_model=TinyEncoder()))
    assert info.value.column == "text"


def test_quotes_are_masked_in_themes_csv(write_export, tmp_path):
    texts = [
        "invoice pdf download mail me at jo@example.com",
        "invoice pdf download broken",
        "invoice pdf download call +44 20 7946 0123",
    ]
    run = run_themes(
        write_export(survey_csv(texts)), model=ThemeModel(embedding_model=TinyEncoder())
    )
    quotes = pd.read_csv(write_theme_outputs(run, tmp_path)["themes"])[
        "representative_comments"
    ].str.cat()
    assert "example.com" not in quotes and "7946" not in quotes
    assert "[email]" in quotes and "[phone]" in quotes


def test_model_from_config_uses_theme_settings(tmp_path):
    config = config_from_dict(
        {"themes": {"max_themes": 12, "random_state": 3, "cache_dir": str(tmp_path)}}
    )
    model = model_from_config(config, n_themes=4)
    assert (model.max_themes, model.random_state, model.n_themes) == (12, 3, 4)
    assert model.cache_dir == str(tmp_path)
